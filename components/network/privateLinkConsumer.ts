import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { IpFamily } from "../../lib/cidr";
import { DnsRecordIpType, EndpointIpAddressType, dnsRecordTypes, endpointFamilies, validateEndpointAgainstService, validateEndpointIpType } from "../../lib/privatelink";
import { addIngressRules, IngressRule } from "./securityRules";
import type { Vpc } from "./vpc";

export interface PrivateLinkConsumerArgs {
    /** The consumer VPC; the endpoint gets one network interface in each of its private subnets. */
    vpc: Vpc;
    /** `serviceName` of the endpoint service (`com.amazonaws.vpce.<region>.vpce-svc-...`). */
    serviceName: pulumi.Input<string>;
    /** ID of the endpoint service, used to accept the connection when `acceptanceRequired`. */
    serviceId: pulumi.Input<string>;
    /** Families the endpoint service offers; the endpoint type must fit within them. */
    serviceIpAddressTypes: IpFamily[];
    /** The service requires acceptance: the component accepts its own connection (same account). Default false. */
    acceptanceRequired?: boolean;
    /** TCP port consumers connect to (the service's listener port). */
    port: number;
    /** Endpoint address type. Default `dualstack` in a dual-stack VPC, else `ipv4`. */
    ipAddressType?: EndpointIpAddressType;
    /** Which records the endpoint's DNS names publish. Default: the same as `ipAddressType`. */
    dnsRecordIpType?: DnsRecordIpType;
    /** Config key of this consumer, for messages. Default the resource name. */
    configKey?: string;
}

/**
 * A PrivateLink consumer: an interface endpoint to the service in the VPC's private subnets,
 * with a security group that admits the service port from the consumer VPC's own CIDRs only
 * (both families in a dual-stack VPC) and no egress (endpoints answer; they never initiate).
 */
export class PrivateLinkConsumer extends pulumi.ComponentResource {
    readonly endpointId: pulumi.Output<string>;
    /** The endpoint's regional DNS name (the first DNS entry). */
    readonly dnsName: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly ipAddressType: EndpointIpAddressType;
    readonly dnsRecordIpType: DnsRecordIpType;
    /** Record types the DNS name answers with. */
    readonly recordTypes: ("A" | "AAAA")[];
    /** Families a client in this VPC can use to reach the endpoint. */
    readonly families: IpFamily[];
    /** Resources that must exist before the endpoint carries traffic (the endpoint, its acceptance). */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: PrivateLinkConsumerArgs, opts?: pulumi.ComponentResourceOptions) {
        const key = args.configKey ?? name;
        const ipAddressType = args.ipAddressType ?? (args.vpc.dualStack ? "dualstack" : "ipv4");
        const dnsRecordIpType = args.dnsRecordIpType ?? ipAddressType;
        // The subnets are the VPC's private tier: dual-stack when the VPC is, IPv4-only otherwise
        // (this repository's Vpc never builds IPv6-only subnets).
        validateEndpointIpType(key, ipAddressType, dnsRecordIpType, { ipv4: true, ipv6: args.vpc.dualStack });
        validateEndpointAgainstService(key, ipAddressType, args.serviceIpAddressTypes);
        super("ipv6-eks-interop:network:PrivateLinkConsumer", name, {}, opts);
        const parent = { parent: this };
        this.ipAddressType = ipAddressType;
        this.dnsRecordIpType = dnsRecordIpType;
        this.recordTypes = dnsRecordTypes(dnsRecordIpType, ipAddressType);
        this.families = endpointFamilies(ipAddressType).filter((f) => this.recordTypes.includes(f === "ipv4" ? "A" : "AAAA"));

        const sg = new aws.ec2.SecurityGroup(`${name}-endpoint`, {
            vpcId: args.vpc.vpcId,
            description: `Endpoint of ${name}: service port from this VPC only`,
            tags: { Name: `${name}-endpoint` },
        }, parent);
        // Path-MTU discovery: "fragmentation needed" (ICMP 3/4) and "Packet Too Big" (ICMPv6
        // type 2) from the same sources, so large answers do not black-hole.
        const rules: IngressRule[] = [];
        if (endpointFamilies(ipAddressType).includes("ipv4")) {
            rules.push(
                { description: "service port from this VPC (IPv4)", protocol: "tcp", fromPort: args.port, cidrIpv4: args.vpc.ipv4Cidr },
                { description: "path MTU discovery from this VPC (IPv4)", protocol: "icmp", fromPort: 3, toPort: 4, cidrIpv4: args.vpc.ipv4Cidr },
            );
        }
        if (args.vpc.ipv6Cidr && endpointFamilies(ipAddressType).includes("ipv6")) {
            rules.push(
                { description: "service port from this VPC (IPv6)", protocol: "tcp", fromPort: args.port, cidrIpv6: args.vpc.ipv6Cidr },
                { description: "path MTU discovery from this VPC (ICMPv6 Packet Too Big)", protocol: "icmpv6", fromPort: 2, cidrIpv6: args.vpc.ipv6Cidr },
            );
        }
        addIngressRules(`${name}-endpoint`, sg.id, rules, this);
        this.securityGroupId = sg.id;

        const endpoint = new aws.ec2.VpcEndpoint(`${name}-endpoint`, {
            vpcId: args.vpc.vpcId,
            serviceName: args.serviceName,
            vpcEndpointType: "Interface",
            subnetIds: args.vpc.privateSubnetIds,
            securityGroupIds: [sg.id],
            ipAddressType,
            dnsOptions: { dnsRecordIpType },
            // The service has no private DNS name; consumers use the endpoint's own names.
            privateDnsEnabled: false,
            tags: { Name: `${name}-endpoint` },
        }, parent);
        this.ready = [endpoint];
        if (args.acceptanceRequired) {
            // Same account: Pulumi accepts its own connection, so the endpoint becomes available.
            this.ready.push(new aws.ec2.VpcEndpointConnectionAccepter(`${name}-accept`, { vpcEndpointId: endpoint.id, vpcEndpointServiceId: args.serviceId }, parent));
        }
        this.endpointId = endpoint.id;
        this.dnsName = endpoint.dnsEntries.apply((entries) => entries?.[0]?.dnsName ?? "");
        this.registerOutputs({ endpointId: this.endpointId, dnsName: this.dnsName, securityGroupId: this.securityGroupId });
    }
}
