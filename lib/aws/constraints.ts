/**
 * What AWS (and Kubernetes, and Helm) reject, as one table: each row names the resource types
 * and the property it reads (Pulumi input names, checked against the @pulumi/aws 7.x typings),
 * the rule, the fix and the source. `checkConstraints` applies every row to every resource of a
 * graph; the `constraints` plan section (engine/checks/constraints.ts) fails the plan on any
 * violation, so a mistake AWS would refuse twenty minutes into `pulumi up` fails the offline
 * plan in seconds.
 *
 * Values the program does not know yet (outputs, `[unknown]`, secrets) are skipped: AWS will see
 * them, the plan cannot. Two kinds of row: `value` rows judge one value; `count` rows count
 * resources per parent (routes per route table, rules per security group) against a default
 * quota, per IP family.
 */
import { cidrContains, tryParseCidr } from "../cidr";
import { isNitro } from "../instanceTypes";
import { isValidCgwBgpAsn, isValidCgwBgpAsnExtended, presharedKeyProblem, TUNNEL_OPTION_VALUES, tunnelInsideCidrProblem } from "../vpn";

/** A resource as the table sees it: what the graph records (engine/graph.ts GraphResource). */
export interface ConstrainedResource {
    urn?: string;
    type: string;
    name: string;
    id?: string;
    inputs: Record<string, any>;
}

export interface Violation {
    row: string;
    resource: string;
    type: string;
    field: string;
    value: unknown;
    rule: string;
    fix: string;
    source: string;
}

interface RowBase {
    id: string;
    /** Pulumi type tokens the row applies to. */
    types: readonly string[];
    /** What the row reads, for messages. */
    field: string;
    rule: string;
    fix: string;
    source: string;
}

/** Judges single values: `check` returns true when AWS accepts the value. */
export interface ValueRow extends RowBase {
    kind: "value";
    /** The values of a resource this row judges, each with its property path. */
    values(inputs: Record<string, any>): { path: string; value: unknown }[];
    check(value: any): boolean;
}

/** Counts members per parent and family against a default quota. */
export interface CountRow extends RowBase {
    kind: "count";
    limit: number;
    /** For each member resource: the parent it counts against and its family; undefined to skip. */
    member(r: ConstrainedResource): { parent: string; family: string } | undefined;
}

/**
 * Judges a resource against another it names (an instance against its subnet): `find` returns
 * each offending resource with the property path and value at fault.
 */
export interface RelationRow extends RowBase {
    kind: "relation";
    find(resources: readonly ConstrainedResource[]): { resource: ConstrainedResource; path: string; value: unknown }[];
}

export type ConstraintRow = ValueRow | CountRow | RelationRow;

/** True for values the plan cannot judge: unknown outputs, secrets, non-strings where strings go. */
function unknown(value: unknown): boolean {
    return value === undefined || value === null || value === "[unknown]" || value === "[output]" || value === "[secret]" || value === "[resource]";
}

const at = (path: string) => (inputs: Record<string, any>) => {
    let v: any = inputs;
    for (const part of path.split(".")) v = v?.[part];
    return unknown(v) ? [] : [{ path, value: v }];
};
const list = (path: string, field: string) => (inputs: Record<string, any>) =>
    Array.isArray(inputs[path]) ? inputs[path].flatMap((item: any, i: number) => (item && !unknown(item[field]) ? [{ path: `${path}[${i}].${field}`, value: item[field] }] : [])) : [];
const both = (...fns: ((inputs: Record<string, any>) => { path: string; value: unknown }[])[]) => (inputs: Record<string, any>) => fns.flatMap((f) => f(inputs));

/** EC2's description character set: a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (up to 255). */
export const EC2_DESCRIPTION = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{0,255}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = (v: string) => v.length <= 253 && v.split(".").every((l) => DNS_LABEL.test(l));
const RFC1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const ELB_NAME = (v: string) => /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/.test(v) && !v.startsWith("internal-");
const prefixOf = (v: unknown, family?: "ipv4" | "ipv6") => {
    const p = typeof v === "string" ? tryParseCidr(v) : undefined;
    return p && (!family || p.family === family) ? p.prefix : undefined;
};
const PRIVATE_IPV4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

const SUBNET = "aws:ec2/subnet:Subnet";
const INSTANCE = "aws:ec2/instance:Instance";
/** An IPv6-only subnet: `ipv6Native` true (EC2 API CreateSubnet, Ipv6Native). */
const ipv6Native = (inputs: Record<string, any>) => inputs.ipv6Native === true || inputs.ipv6Native === "true";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SG_EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const TG = "aws:lb/targetGroup:TargetGroup";
const EKS = ["eks:index:Cluster", "aws:eks/cluster:Cluster"];
const K8S_ANY = "kubernetes:*";

const CGW = "aws:ec2/customerGateway:CustomerGateway";
const VPN = "aws:ec2/vpnConnection:VpnConnection";
/** A tunnel option of both tunnels (`tunnel1<Suffix>`, `tunnel2<Suffix>`): scalars, or each entry of a list. */
const tunnels = (suffix: string) => (inputs: Record<string, any>) => [1, 2].flatMap((n) => {
    const path = `tunnel${n}${suffix}`;
    const v = inputs[path];
    if (Array.isArray(v)) return v.map((x, i) => ({ path: `${path}[${i}]`, value: x })).filter((x) => !unknown(x.value));
    return unknown(v) ? [] : [{ path, value: v }];
});
const VPN_SRC = "EC2 API Reference, VpnTunnelOptionsSpecification; @pulumi/aws 7.48.0 ec2/vpnConnection.d.ts (the provider's validation)";
const inRange = (lo: number, hi: number) => (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi;

/** Every AWS resource type that takes `tags` (the row applies where `tags` is set). */
const TAGGED = "aws:*";

export const CONSTRAINTS: readonly ConstraintRow[] = [
    {
        kind: "value", id: "sg-description", types: [SG], field: "description",
        rule: "security group description: up to 255 characters from a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*",
        fix: "remove other characters (apostrophes, quotes, accents, <>, ?, %)",
        source: "EC2 API Reference, CreateSecurityGroup, GroupDescription",
        values: at("description"), check: (v) => typeof v === "string" && EC2_DESCRIPTION.test(v),
    },
    {
        kind: "value", id: "sg-rule-description", types: [SG_INGRESS, SG_EGRESS, SG_RULE, SG], field: "description (rules; inline ingress/egress)",
        rule: "security group rule description: up to 255 characters from a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$* (EC2 answers InvalidParameterValue: Invalid rule description; the Terraform provider does not check it, hashicorp/terraform-provider-aws#18874)",
        fix: "remove other characters (apostrophes, quotes, accents, <>, ?, %)",
        source: "EC2 API Reference, IpRange.Description and Ipv6Range.Description (also SecurityGroupRuleRequest.Description)",
        values: (inputs) => [...(inputs.securityGroupId !== undefined || inputs.type !== undefined ? at("description")(inputs) : []), ...list("ingress", "description")(inputs), ...list("egress", "description")(inputs)],
        check: (v) => typeof v === "string" && EC2_DESCRIPTION.test(v),
    },
    {
        kind: "value", id: "lb-name", types: [LB], field: "name",
        rule: "load balancer name: 1 to 32 alphanumerics and hyphens, not beginning or ending with a hyphen, not beginning with internal-",
        fix: "shorten it, or drop name and let Pulumi auto-name it",
        source: "ELB API Reference (v2), CreateLoadBalancer, Name",
        values: at("name"), check: (v) => typeof v === "string" && ELB_NAME(v),
    },
    {
        kind: "value", id: "lb-name-prefix", types: [LB, TG], field: "namePrefix",
        rule: "load balancer and target group namePrefix: at most 6 characters (the provider appends a random suffix up to the 32-character name limit)",
        fix: "use at most 6 characters",
        source: "terraform-provider-aws internal/service/elbv2 (name_prefix validation, 6 characters)",
        values: at("namePrefix"), check: (v) => typeof v === "string" && /^[a-zA-Z0-9-]{1,6}$/.test(v),
    },
    {
        kind: "value", id: "tg-name", types: [TG], field: "name",
        rule: "target group name: 1 to 32 alphanumerics and hyphens, not beginning or ending with a hyphen",
        fix: "shorten it, or drop name and let Pulumi auto-name it",
        source: "ELB API Reference (v2), CreateTargetGroup, Name",
        values: at("name"), check: (v) => typeof v === "string" && ELB_NAME(v),
    },
    {
        kind: "value", id: "iam-role-name", types: ["aws:iam/role:Role"], field: "name",
        rule: "IAM role name: 1 to 64 characters from a-z, A-Z, 0-9 and +=,.@_-",
        fix: "shorten it (64), or drop name and let Pulumi auto-name it",
        source: "IAM API Reference, CreateRole, RoleName; IAM User Guide, IAM and AWS STS quotas",
        values: at("name"), check: (v) => typeof v === "string" && /^[\w+=,.@-]{1,64}$/.test(v),
    },
    {
        kind: "value", id: "iam-role-name-prefix", types: ["aws:iam/role:Role"], field: "namePrefix",
        rule: "IAM role namePrefix: at most 38 characters (the provider appends a 26-character suffix within the 64 limit)",
        fix: "use at most 38 characters",
        source: "terraform-provider-aws internal/service/iam/role.go (name_prefix, 64 - 26)",
        values: at("namePrefix"), check: (v) => typeof v === "string" && /^[\w+=,.@-]{1,38}$/.test(v),
    },
    {
        kind: "value", id: "lambda-name", types: ["aws:lambda/function:Function"], field: "name",
        rule: "Lambda function name: 1 to 64 characters from a-z, A-Z, 0-9, - and _",
        fix: "shorten it, or drop name and let Pulumi auto-name it",
        source: "Lambda API Reference, CreateFunction, FunctionName",
        values: at("name"), check: (v) => typeof v === "string" && /^[a-zA-Z0-9_-]{1,64}$/.test(v),
    },
    {
        kind: "value", id: "eks-cluster-name", types: EKS, field: "name",
        rule: "EKS cluster name: 1 to 100 characters, beginning with an alphanumeric, then alphanumerics, - and _",
        fix: "shorten the stack or component name, or set a shorter name",
        source: "EKS API Reference, CreateCluster, name",
        values: at("name"), check: (v) => typeof v === "string" && /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(v),
    },
    {
        kind: "value", id: "helm-release-name", types: ["kubernetes:helm.sh/v3:Release"], field: "name",
        rule: "Helm release name: at most 53 characters, a DNS-1123 subdomain (lower-case alphanumerics, - and .)",
        fix: "shorten it to 53 lower-case characters",
        source: "Helm documentation, helm install (release names are limited to 53 characters); helm pkg/chartutil ValidateReleaseName",
        values: at("name"), check: (v) => typeof v === "string" && v.length <= 53 && DNS_SUBDOMAIN(v),
    },
    {
        kind: "value", id: "k8s-service-name", types: ["kubernetes:core/v1:Service"], field: "metadata.name",
        rule: "Service name: an RFC 1035 label, at most 63 lower-case alphanumerics and -, beginning with a letter and ending with an alphanumeric",
        fix: "use lower-case letters, digits and -, at most 63, beginning with a letter",
        source: "Kubernetes documentation, Object Names and IDs (RFC 1035 label names)",
        values: at("metadata.name"), check: (v) => typeof v === "string" && RFC1035_LABEL.test(v),
    },
    {
        kind: "value", id: "k8s-namespace-name", types: ["kubernetes:core/v1:Namespace"], field: "metadata.name",
        rule: "Namespace name: a DNS-1123 label, at most 63 lower-case alphanumerics and -, beginning and ending with an alphanumeric",
        fix: "use lower-case letters, digits and -, at most 63",
        source: "Kubernetes documentation, Object Names and IDs (DNS label names) and Namespaces",
        values: at("metadata.name"), check: (v) => typeof v === "string" && DNS_LABEL.test(v),
    },
    {
        kind: "value", id: "k8s-name-subdomain", types: [K8S_ANY], field: "metadata.name",
        rule: "Kubernetes object name: a DNS-1123 subdomain, at most 253 characters of lower-case alphanumerics, - and ., each label beginning and ending with an alphanumeric",
        fix: "use lower-case letters, digits, - and .",
        source: "Kubernetes documentation, Object Names and IDs (DNS subdomain names)",
        values: at("metadata.name"), check: (v) => typeof v === "string" && DNS_SUBDOMAIN(v),
    },
    {
        kind: "value", id: "tag-count", types: [TAGGED], field: "tags (with the provider's defaultTags)",
        rule: "at most 50 tags per resource (user tags; defaultTags count too)",
        fix: "drop tags, or move shared ones into fewer keys",
        source: "Tagging AWS Resources and Tag Editor user guide, Tag naming limits and requirements",
        values: (inputs) => (inputs.tags && typeof inputs.tags === "object" ? [{ path: "tags", value: Object.keys(inputs.tags).length }] : []),
        check: (n) => typeof n === "number" && n <= 50,
    },
    {
        kind: "value", id: "tag-key", types: [TAGGED], field: "tags (keys)",
        rule: "tag keys: 1 to 128 characters, and not beginning with aws: (reserved for AWS)",
        fix: "shorten the key, and rename keys that begin with aws:",
        source: "Tagging AWS Resources and Tag Editor user guide, Tag naming limits and requirements",
        values: (inputs) => (inputs.tags && typeof inputs.tags === "object" ? Object.keys(inputs.tags).map((k) => ({ path: `tags.${k}`, value: k })) : []),
        check: (k) => typeof k === "string" && k.length >= 1 && k.length <= 128 && !/^aws:/i.test(k),
    },
    {
        kind: "value", id: "tag-value", types: [TAGGED], field: "tags (values)",
        rule: "tag values: at most 256 characters",
        fix: "shorten the value",
        source: "Tagging AWS Resources and Tag Editor user guide, Tag naming limits and requirements",
        values: (inputs) => (inputs.tags && typeof inputs.tags === "object" ? Object.entries(inputs.tags).filter(([, v]) => typeof v === "string").map(([k, v]) => ({ path: `tags.${k}`, value: v })) : []),
        check: (v) => typeof v === "string" && v.length <= 256,
    },
    {
        kind: "value", id: "vpc-ipv4-cidr", types: ["aws:ec2/vpc:Vpc", "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation"], field: "cidrBlock",
        rule: "VPC IPv4 block: between /16 and /28",
        fix: "use a prefix length from /16 to /28, for example 10.0.0.0/16",
        source: "Amazon VPC User Guide, VPC CIDR blocks (IPv4 VPC CIDR blocks)",
        values: at("cidrBlock"), check: (v) => { const p = prefixOf(v, "ipv4"); return p !== undefined && p >= 16 && p <= 28; },
    },
    {
        kind: "value", id: "subnet-ipv4-cidr", types: ["aws:ec2/subnet:Subnet"], field: "cidrBlock",
        rule: "subnet IPv4 block: between /16 and /28",
        fix: "use a prefix length from /16 to /28",
        source: "Amazon VPC User Guide, Subnet CIDR blocks",
        values: at("cidrBlock"), check: (v) => { const p = prefixOf(v, "ipv4"); return p !== undefined && p >= 16 && p <= 28; },
    },
    {
        kind: "value", id: "subnet-ipv6-cidr", types: ["aws:ec2/subnet:Subnet"], field: "ipv6CidrBlock",
        rule: "subnet IPv6 block: exactly /64 (Amazon-provided IPv6 VPC blocks)",
        fix: "use a /64 of the VPC's /56 (lib/cidr.ts ipv6SubnetCidr)",
        source: "Amazon VPC User Guide, Subnet CIDR blocks (IPv6 subnet CIDR blocks)",
        values: at("ipv6CidrBlock"), check: (v) => prefixOf(v, "ipv6") === 64,
    },
    {
        kind: "value", id: "eks-service-ipv4-cidr", types: EKS, field: "kubernetesServiceIpAddressRange / kubernetesNetworkConfig.serviceIpv4Cidr",
        rule: "EKS service IPv4 range: /12 to /24, inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, not overlapping the VPC",
        fix: "use a private block from /12 to /24 outside the VPC, for example 172.20.0.0/16",
        source: "EKS API Reference, KubernetesNetworkConfigRequest, serviceIpv4Cidr",
        values: both(at("kubernetesServiceIpAddressRange"), at("kubernetesNetworkConfig.serviceIpv4Cidr")),
        check: (v) => { const p = prefixOf(v, "ipv4"); return p !== undefined && p >= 12 && p <= 24 && PRIVATE_IPV4.some((r) => cidrContains(r, v)); },
    },
    {
        kind: "value", id: "lb-ip-address-type", types: [LB], field: "ipAddressType",
        rule: "load balancer ipAddressType: ipv4, dualstack or dualstack-without-public-ipv4",
        fix: "use one of ipv4, dualstack, dualstack-without-public-ipv4",
        source: "ELB API Reference (v2), CreateLoadBalancer, IpAddressType",
        values: at("ipAddressType"), check: (v) => ["ipv4", "dualstack", "dualstack-without-public-ipv4"].includes(v),
    },
    {
        kind: "value", id: "tg-ip-address-type", types: [TG], field: "ipAddressType",
        rule: "target group ipAddressType: ipv4 or ipv6",
        fix: "use ipv4 or ipv6",
        source: "ELB API Reference (v2), CreateTargetGroup, IpAddressType",
        values: at("ipAddressType"), check: (v) => ["ipv4", "ipv6"].includes(v),
    },
    {
        kind: "value", id: "tg-target-type", types: [TG], field: "targetType",
        rule: "target group targetType: instance, ip, lambda or alb",
        fix: "use one of instance, ip, lambda, alb",
        source: "ELB API Reference (v2), CreateTargetGroup, TargetType",
        values: at("targetType"), check: (v) => ["instance", "ip", "lambda", "alb"].includes(v),
    },
    {
        kind: "value", id: "vpce-dns-record-ip-type", types: ["aws:ec2/vpcEndpoint:VpcEndpoint"], field: "dnsOptions.dnsRecordIpType",
        rule: "VPC endpoint dnsRecordIpType: ipv4, dualstack, ipv6 or service-defined",
        fix: "use one of ipv4, dualstack, ipv6, service-defined",
        source: "EC2 API Reference, DnsOptionsSpecification, DnsRecordIpType",
        values: at("dnsOptions.dnsRecordIpType"), check: (v) => ["ipv4", "dualstack", "ipv6", "service-defined"].includes(v),
    },
    {
        kind: "value", id: "vpce-ip-address-type", types: ["aws:ec2/vpcEndpoint:VpcEndpoint"], field: "ipAddressType",
        rule: "VPC endpoint ipAddressType: ipv4, dualstack or ipv6",
        fix: "use one of ipv4, dualstack, ipv6",
        source: "EC2 API Reference, CreateVpcEndpoint, IpAddressType",
        values: at("ipAddressType"), check: (v) => ["ipv4", "dualstack", "ipv6"].includes(v),
    },
    {
        kind: "value", id: "vpce-service-ip-address-types", types: ["aws:ec2/vpcEndpointService:VpcEndpointService"], field: "supportedIpAddressTypes",
        rule: "endpoint service supportedIpAddressTypes: each ipv4 or ipv6",
        fix: "use ipv4 and/or ipv6",
        source: "EC2 API Reference, CreateVpcEndpointServiceConfiguration, SupportedIpAddressType",
        values: (inputs) => (Array.isArray(inputs.supportedIpAddressTypes) ? inputs.supportedIpAddressTypes.map((v: unknown, i: number) => ({ path: `supportedIpAddressTypes[${i}]`, value: v })).filter((x: { value: unknown }) => !unknown(x.value)) : []),
        check: (v) => ["ipv4", "ipv6"].includes(v),
    },
    {
        kind: "value", id: "cgw-bgp-asn", types: [CGW], field: "bgpAsn",
        rule: "customer gateway bgpAsn: a whole number from 1 to 2147483647 (larger ASNs go in bgpAsnExtended)",
        fix: "use your device's ASN, or a private one from 64512 to 65534 (static routing does not use it)",
        source: "EC2 API Reference, CreateCustomerGateway, BgpAsn",
        values: at("bgpAsn"), check: isValidCgwBgpAsn,
    },
    {
        kind: "value", id: "cgw-bgp-asn-extended", types: [CGW], field: "bgpAsnExtended",
        rule: "customer gateway bgpAsnExtended: a whole number from 2147483648 to 4294967295",
        fix: "use bgpAsn for ASNs up to 2147483647",
        source: "EC2 API Reference, CreateCustomerGateway, BgpAsnExtended",
        values: at("bgpAsnExtended"), check: isValidCgwBgpAsnExtended,
    },
    {
        kind: "value", id: "vpn-type", types: [CGW, VPN], field: "type",
        rule: "customer gateway and VPN connection type: ipsec.1 (the only type)",
        fix: "use ipsec.1",
        source: "EC2 API Reference, CreateCustomerGateway Type and CreateVpnConnection Type",
        values: at("type"), check: (v) => v === "ipsec.1",
    },
    {
        kind: "value", id: "vpn-tunnel-inside-cidr", types: [VPN], field: "tunnel1InsideCidr, tunnel2InsideCidr",
        rule: "tunnel inside IPv4 CIDR: a /30 of 169.254.0.0/16, not 169.254.0.0/30 to 169.254.5.0/30 nor 169.254.169.252/30 (reserved)",
        fix: "use another /30 of 169.254.0.0/16, for example 169.254.10.0/30 (lib/vpn.ts tunnelInsideCidrProblem says why)",
        source: "EC2 API Reference, VpnTunnelOptionsSpecification, TunnelInsideCidr",
        values: tunnels("InsideCidr"), check: (v) => tunnelInsideCidrProblem(v) === undefined,
    },
    {
        kind: "value", id: "vpn-tunnel-inside-ipv6-cidr", types: [VPN], field: "tunnel1InsideIpv6Cidr, tunnel2InsideIpv6Cidr",
        rule: "tunnel inside IPv6 CIDR: a /126 of fd00::/8 (transit gateway connections only)",
        fix: "use a /126 of fd00::/8, for example fd00:10::/126",
        source: "EC2 API Reference, VpnTunnelOptionsSpecification, TunnelInsideIpv6Cidr",
        values: tunnels("InsideIpv6Cidr"), check: (v) => { const p = typeof v === "string" ? tryParseCidr(v) : undefined; return !!p && p.family === "ipv6" && p.prefix === 126 && p.text === v && cidrContains("fd00::/8", p.text); },
    },
    {
        kind: "value", id: "vpn-preshared-key", types: [VPN], field: "tunnel1PresharedKey, tunnel2PresharedKey",
        rule: "pre-shared key: 8 to 64 letters, digits, periods and underscores, not starting with 0",
        fix: "leave it unset (AWS generates one) or pass a key that follows the rule, as a secret",
        source: "EC2 API Reference, VpnTunnelOptionsSpecification, PreSharedKey",
        values: tunnels("PresharedKey"), check: (v) => presharedKeyProblem(v) === undefined,
    },
    {
        kind: "value", id: "vpn-ike-versions", types: [VPN], field: "tunnel1IkeVersions, tunnel2IkeVersions",
        rule: "IKE versions: ikev1 or ikev2", fix: "use ikev2 (or ikev1)", source: VPN_SRC,
        values: tunnels("IkeVersions"), check: (v) => (TUNNEL_OPTION_VALUES.ikeVersions as readonly string[]).includes(v),
    },
    {
        kind: "value", id: "vpn-encryption-algorithms", types: [VPN], field: "tunnelNPhase1EncryptionAlgorithms, tunnelNPhase2EncryptionAlgorithms",
        rule: "encryption algorithms: AES128, AES256, AES128-GCM-16 or AES256-GCM-16", fix: "use one of AES128, AES256, AES128-GCM-16, AES256-GCM-16", source: VPN_SRC,
        values: both(tunnels("Phase1EncryptionAlgorithms"), tunnels("Phase2EncryptionAlgorithms")), check: (v) => (TUNNEL_OPTION_VALUES.encryption as readonly string[]).includes(v),
    },
    {
        kind: "value", id: "vpn-integrity-algorithms", types: [VPN], field: "tunnelNPhase1IntegrityAlgorithms, tunnelNPhase2IntegrityAlgorithms",
        rule: "integrity algorithms: SHA1, SHA2-256, SHA2-384 or SHA2-512", fix: "use one of SHA2-256, SHA2-384, SHA2-512 (or SHA1)", source: VPN_SRC,
        values: both(tunnels("Phase1IntegrityAlgorithms"), tunnels("Phase2IntegrityAlgorithms")), check: (v) => (TUNNEL_OPTION_VALUES.integrity as readonly string[]).includes(v),
    },
    {
        kind: "value", id: "vpn-phase1-dh-groups", types: [VPN], field: "tunnelNPhase1DhGroupNumbers",
        rule: "phase 1 DH groups: 2 or 14 to 24", fix: "use 14 to 24 (2 is accepted but weak)", source: VPN_SRC,
        values: tunnels("Phase1DhGroupNumbers"), check: (v) => (TUNNEL_OPTION_VALUES.phase1DhGroups as readonly number[]).includes(v),
    },
    {
        kind: "value", id: "vpn-phase2-dh-groups", types: [VPN], field: "tunnelNPhase2DhGroupNumbers",
        rule: "phase 2 DH groups: 2, 5 or 14 to 24", fix: "use 14 to 24 (2 and 5 are accepted but weak)", source: VPN_SRC,
        values: tunnels("Phase2DhGroupNumbers"), check: (v) => (TUNNEL_OPTION_VALUES.phase2DhGroups as readonly number[]).includes(v),
    },
    {
        kind: "value", id: "vpn-phase1-lifetime", types: [VPN], field: "tunnelNPhase1LifetimeSeconds",
        rule: "phase 1 lifetime: 900 to 28800 seconds", fix: "use 900 to 28800 (default 28800)", source: VPN_SRC,
        values: tunnels("Phase1LifetimeSeconds"), check: inRange(...TUNNEL_OPTION_VALUES.phase1LifetimeSeconds),
    },
    {
        kind: "value", id: "vpn-phase2-lifetime", types: [VPN], field: "tunnelNPhase2LifetimeSeconds",
        rule: "phase 2 lifetime: 900 to 3600 seconds", fix: "use 900 to 3600 (default 3600)", source: VPN_SRC,
        values: tunnels("Phase2LifetimeSeconds"), check: inRange(...TUNNEL_OPTION_VALUES.phase2LifetimeSeconds),
    },
    {
        kind: "value", id: "vpn-dpd-timeout", types: [VPN], field: "tunnelNDpdTimeoutSeconds",
        rule: "DPD timeout: 30 seconds or more", fix: "use 30 or more (default 30)", source: VPN_SRC,
        values: tunnels("DpdTimeoutSeconds"), check: inRange(30, Number.MAX_SAFE_INTEGER),
    },
    {
        kind: "value", id: "vpn-startup-action", types: [VPN], field: "tunnelNStartupAction",
        rule: "startup action: add (the customer gateway initiates) or start (AWS initiates)", fix: "use add or start", source: VPN_SRC,
        values: tunnels("StartupAction"), check: (v) => v === "add" || v === "start",
    },
    {
        kind: "value", id: "vpn-dpd-timeout-action", types: [VPN], field: "tunnelNDpdTimeoutAction",
        rule: "DPD timeout action: clear, none or restart", fix: "use clear, none or restart", source: VPN_SRC,
        values: tunnels("DpdTimeoutAction"), check: (v) => ["clear", "none", "restart"].includes(v),
    },
    {
        kind: "value", id: "vpn-inside-ip-version", types: [VPN], field: "tunnelInsideIpVersion",
        rule: "tunnel inside IP version: ipv4 or ipv6 (ipv6 only on a transit gateway)", fix: "use ipv4 or ipv6", source: "EC2 API Reference, VpnConnectionOptionsSpecification, TunnelInsideIpVersion",
        values: at("tunnelInsideIpVersion"), check: (v) => v === "ipv4" || v === "ipv6",
    },
    {
        kind: "count", id: "routes-per-route-table", types: ["aws:ec2/route:Route"], field: "routeTableId",
        limit: 50,
        rule: "at most 50 non-propagated routes per route table per family (default quota, adjustable to 1,000)",
        fix: "summarize destinations into fewer CIDRs or a prefix list, or request an increase: aws service-quotas request-service-quota-increase --service-code vpc --quota-code L-93826ACB --desired-value <n>",
        source: "Amazon VPC User Guide, Amazon VPC quotas (Routes per route table)",
        member: (r) => {
            const table = r.inputs.routeTableId;
            if (typeof table !== "string" || unknown(table)) return undefined;
            const family = r.inputs.destinationIpv6CidrBlock !== undefined ? "ipv6" : r.inputs.destinationCidrBlock !== undefined ? "ipv4" : "prefix list";
            return { parent: table, family };
        },
    },
    {
        kind: "count", id: "rules-per-security-group", types: [SG_INGRESS, SG_EGRESS], field: "securityGroupId",
        limit: 60,
        rule: "at most 60 inbound and 60 outbound rules per security group, counted per family (default quota)",
        fix: "merge rules (port ranges, a prefix list, a referenced security group), or request an increase: aws service-quotas request-service-quota-increase --service-code vpc --quota-code L-0EA8095F --desired-value <n>",
        source: "Amazon VPC User Guide, Amazon VPC quotas (Inbound or outbound rules per security group)",
        member: (r) => {
            const sg = r.inputs.securityGroupId;
            if (typeof sg !== "string" || unknown(sg)) return undefined;
            const direction = r.type === SG_INGRESS ? "inbound" : "outbound";
            const family = r.inputs.cidrIpv6 !== undefined ? "ipv6" : r.inputs.cidrIpv4 !== undefined ? "ipv4" : "referenced group or prefix list";
            return { parent: sg, family: `${direction} ${family}` };
        },
    },
    {
        kind: "value", id: "subnet-ipv6-native-blocks", types: [SUBNET], field: "cidrBlock / ipv6CidrBlock (ipv6Native subnets)",
        rule: "an IPv6-only subnet (ipv6Native: true) has no IPv4 block and needs its IPv6 /64: CidrBlock is not supported and Ipv6CidrBlock is required for an IPv6-only subnet",
        fix: "remove cidrBlock and set ipv6CidrBlock to a /64 of the VPC's /56 (components/network/ipv6OnlySubnet.ts), or set ipv6Native to false for a dual-stack subnet",
        source: "EC2 API Reference, CreateSubnet (CidrBlock: not supported for an IPv6 only subnet; Ipv6CidrBlock: required for an IPv6 only subnet; Ipv6Native)",
        values: (inputs) => (ipv6Native(inputs) && !unknown(inputs.cidrBlock) ? [{ path: "cidrBlock", value: inputs.cidrBlock }] : []).concat(ipv6Native(inputs) && inputs.ipv6CidrBlock === undefined ? [{ path: "ipv6CidrBlock", value: null }] : []),
        check: () => false,
    },
    {
        kind: "value", id: "subnet-ipv6-native-launch-options", types: [SUBNET], field: "mapPublicIpOnLaunch / enableResourceNameDnsARecordOnLaunch / privateDnsHostnameTypeOnLaunch (ipv6Native subnets)",
        rule: "an IPv6-only subnet gives instances no IPv4: no public IPv4 on launch, no DNS A record for the resource name, and only resource-name hostnames (ip-name hostnames are built from the IPv4 address)",
        fix: "leave mapPublicIpOnLaunch and enableResourceNameDnsARecordOnLaunch unset or false, and privateDnsHostnameTypeOnLaunch unset or resource-name (enableResourceNameDnsAaaaRecordOnLaunch: true gives the name an AAAA record)",
        source: "Amazon EC2 User Guide, Amazon EC2 instance hostname types (IPv6-only subnets: resource name only); EC2 API Reference, ModifySubnetAttribute (MapPublicIpOnLaunch, EnableResourceNameDnsARecordOnLaunch, PrivateDnsHostnameTypeOnLaunch)",
        values: (inputs) => !ipv6Native(inputs) ? [] : [
            ...at("mapPublicIpOnLaunch")(inputs).map((v) => ({ ...v, value: { mapPublicIpOnLaunch: v.value } })),
            ...at("enableResourceNameDnsARecordOnLaunch")(inputs).map((v) => ({ ...v, value: { enableResourceNameDnsARecordOnLaunch: v.value } })),
            ...at("privateDnsHostnameTypeOnLaunch")(inputs).map((v) => ({ ...v, value: { privateDnsHostnameTypeOnLaunch: v.value } })),
        ],
        check: (v) => {
            const [key, value] = Object.entries(v as Record<string, unknown>)[0];
            return key === "privateDnsHostnameTypeOnLaunch" ? value === "resource-name" : !(value === true || value === "true");
        },
    },
    {
        kind: "value", id: "subnet-dns64-needs-ipv6", types: [SUBNET], field: "enableDns64 / enableResourceNameDnsAaaaRecordOnLaunch (without ipv6CidrBlock)",
        rule: "DNS64 and AAAA records for resource names need an IPv6 block on the subnet: EC2 answers InvalidParameterValue \"Cannot set enable-dns64 to true unless the subnet has an IPv6 CIDR block associated with it\" (the same for enable-resource-name-dns-aaaa-record-on-launch)",
        fix: "give the subnet an ipv6CidrBlock (a /64 of the VPC's /56), or leave enableDns64 and enableResourceNameDnsAaaaRecordOnLaunch false",
        source: "EC2 API error text (ModifySubnetAttribute), quoted in terraform-aws-modules/terraform-aws-vpc#930 and hashicorp/terraform-provider-aws#32410",
        values: (inputs) => {
            const hasV6 = inputs.ipv6CidrBlock !== undefined && inputs.ipv6CidrBlock !== null && inputs.ipv6CidrBlock !== "";
            if (hasV6) return [];
            const on = (k: string) => inputs[k] === true || inputs[k] === "true";
            return ["enableDns64", "enableResourceNameDnsAaaaRecordOnLaunch"].filter(on).map((k) => ({ path: k, value: true }));
        },
        check: () => false,
    },
    {
        kind: "relation", id: "instance-in-ipv6-only-subnet", types: [INSTANCE], field: "instanceType / privateIp / associatePublicIpAddress (instance in an ipv6Native subnet)",
        rule: "an instance in an IPv6-only subnet must be built on the Nitro System and has no IPv4 address: no privateIp, no public IPv4",
        fix: "use a Nitro instance type (t3, m7i, m7g... lib/instanceTypes.ts), remove privateIp and associatePublicIpAddress, or launch it in a dual-stack subnet",
        source: "AWS Networking blog, Introducing IPv6-only subnets and EC2 instances (2021): IPv6-only subnets take EC2 instances built on the Nitro System, with no private IPv4; EC2 API Reference, RunInstances (PrivateIpAddress, AssociatePublicIpAddress)",
        find: (resources) => {
            const v6only = new Set(resources.filter((r) => r.type === SUBNET && ipv6Native(r.inputs)).map((r) => r.id).filter((id): id is string => !!id));
            const out: { resource: ConstrainedResource; path: string; value: unknown }[] = [];
            for (const r of resources) {
                if (r.type !== INSTANCE || !v6only.has(r.inputs.subnetId)) continue;
                const t = r.inputs.instanceType;
                if (typeof t === "string" && !unknown(t) && !isNitro(t)) out.push({ resource: r, path: "instanceType", value: t });
                if (typeof r.inputs.privateIp === "string" && r.inputs.privateIp !== "" && !unknown(r.inputs.privateIp)) out.push({ resource: r, path: "privateIp", value: r.inputs.privateIp });
                if (r.inputs.associatePublicIpAddress === true) out.push({ resource: r, path: "associatePublicIpAddress", value: true });
            }
            return out;
        },
    },
];

function applies(row: ConstraintRow, type: string): boolean {
    return row.types.some((t) => t === type || (t.endsWith(":*") && type.startsWith(t.slice(0, -1))));
}

/** Tags a resource really gets: the provider's defaultTags merged under its own. */
function withDefaultTags(r: ConstrainedResource, defaultTags: Record<string, string> | undefined): Record<string, any> {
    if (!defaultTags || !r.type.startsWith("aws:") || !r.inputs.tags || typeof r.inputs.tags !== "object") return r.inputs;
    return { ...r.inputs, tags: { ...defaultTags, ...r.inputs.tags } };
}

/** The provider's defaultTags (an object, or the JSON string provider inputs hold). */
export function defaultTagsOf(provider: ConstrainedResource | undefined): Record<string, string> | undefined {
    let d = provider?.inputs.defaultTags;
    if (typeof d === "string") {
        try {
            d = JSON.parse(d);
        } catch {
            return undefined;
        }
    }
    return d && typeof d.tags === "object" ? d.tags : undefined;
}

/** Every violation of every row on a set of resources (a graph's). */
export function checkConstraints(resources: readonly (ConstrainedResource & { provider?: string })[], rows: readonly ConstraintRow[] = CONSTRAINTS): Violation[] {
    const providers = new Map(resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((p) => [`${p.urn}::${p.id}`, p]));
    const out: Violation[] = [];
    for (const row of rows) {
        if (row.kind === "value") {
            for (const r of resources) {
                if (!applies(row, r.type)) continue;
                const inputs = withDefaultTags(r, defaultTagsOf(r.provider ? providers.get(r.provider) : undefined));
                for (const { path, value } of row.values(inputs)) {
                    if (!row.check(value)) out.push({ row: row.id, resource: r.name, type: r.type, field: path, value, rule: row.rule, fix: row.fix, source: row.source });
                }
            }
        } else if (row.kind === "relation") {
            for (const f of row.find(resources)) out.push({ row: row.id, resource: f.resource.name, type: f.resource.type, field: f.path, value: f.value, rule: row.rule, fix: row.fix, source: row.source });
        } else {
            const counts = new Map<string, ConstrainedResource[]>();
            for (const r of resources) {
                if (!applies(row, r.type)) continue;
                const m = row.member(r);
                if (!m) continue;
                const key = `${m.parent}\u0000${m.family}`;
                counts.set(key, [...(counts.get(key) ?? []), r]);
            }
            for (const [key, members] of counts) {
                if (members.length <= row.limit) continue;
                const [parent, family] = key.split("\u0000");
                const owner = resources.find((r) => r.id === parent);
                out.push({ row: row.id, resource: owner?.name ?? parent, type: owner?.type ?? "(parent)", field: `${row.field} (${family})`, value: members.length, rule: row.rule, fix: row.fix, source: row.source });
            }
        }
    }
    return out;
}

/** One line per violation: resource, field, value, rule, fix. */
export function formatViolation(v: Violation): string {
    return `${v.resource} (${v.type}) ${v.field} = ${JSON.stringify(v.value)}: ${v.rule}. Fix: ${v.fix}. [${v.source}]`;
}
