/**
 * AWS networking facts the policy pack checks and the components follow, one place each, with
 * the source. (CIDR arithmetic is in cidr.ts, PrivateLink in privatelink.ts, the VPC CNI in
 * vpcCni.ts, IAM in iam.ts, instance types in instanceTypes.ts.)
 */

/**
 * Every IPv6 subnet block is a /64 (AWS CloudFormation `AWS::EC2::SubnetCidrBlock`: "The subnet
 * size must use a /64 prefix length"; VPC user guide, "IPv6 VPC CIDR blocks"). Decision: IPAM
 * pools can hand out other subnet sizes in some configurations; EKS and the VPC CNI assume /64
 * prefixes per node and this repository plans /64s only, so the pack requires /64 (exempt a
 * subnet that deliberately differs).
 */
export const SUBNET_IPV6_PREFIX = 64;

/**
 * `ipAddressType` values of ALB/NLB/GWLB that serve IPv6 clients (ELB guides, "IP address
 * types"). `dualstack-without-public-ipv4` exists for internet-facing ALBs only.
 */
export const DUALSTACK_LB_IP_ADDRESS_TYPES: readonly string[] = ["dualstack", "dualstack-without-public-ipv4"];

/** Default `ipAddressType` of a load balancer and of a target group when unset (ELB API reference). */
export const DEFAULT_LB_IP_ADDRESS_TYPE = "ipv4";

/**
 * IPv6 target groups (Network Load Balancers guide, "Target groups", "IP address type"): only
 * `ip` targets; only on dual-stack load balancers; all targets of one family.
 */
export const IPV6_TARGET_GROUP_TARGET_TYPE = "ip";

/** ICMP and ICMPv6 protocol names and numbers as security groups accept them (EC2 API `IpProtocol`). */
export const IP_PROTOCOLS: Readonly<Record<string, string>> = {
    "-1": "all", all: "all",
    tcp: "tcp", "6": "tcp",
    udp: "udp", "17": "udp",
    icmp: "icmp", "1": "icmp",
    icmpv6: "icmpv6", "58": "icmpv6",
};

/**
 * Path-MTU discovery messages (RFC 8201 for IPv6, RFC 1191 for IPv4): ICMPv6 type 2 "Packet Too
 * Big" and ICMP type 3 code 4 "Fragmentation needed". Security groups must admit them for large
 * packets to work across links with a smaller MTU (Transit Gateway MTU is 8500, VPC peering
 * across regions 1500; VPC user guide, "Path MTU Discovery").
 */
export const ICMPV6_PACKET_TOO_BIG = 2;
export const ICMP_DESTINATION_UNREACHABLE = 3;
export const ICMP_FRAGMENTATION_NEEDED = 4;

/**
 * Targets a DNS64 subnet's `64:ff9b::/96` route may use. A NAT gateway translates it (VPC user
 * guide, "DNS64 and NAT64"); a transit gateway is the documented centralised-NAT64 design (AWS
 * Networking blog, "Dual-stack architectures for AWS and hybrid networks", centralised NAT64),
 * so the pack accepts either.
 */
export const NAT64_ROUTE_TARGETS: readonly string[] = ["nat", "tgw"];
