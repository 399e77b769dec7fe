import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ipv6SubnetCidr, NAT64_PREFIX } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";
import type { Vpc } from "./vpc";

export interface Ipv6OnlySubnetArgs {
    /** The dual-stack VPC the subnet is carved from (every VPC keeps an IPv4 block; IPv6-only subnets live in dual-stack VPCs). */
    vpc: Vpc;
    /** Index of the subnet's /64 in the VPC's /56 (0 to 255); must not repeat one of the VPC's other subnets. */
    ipv6Index: number;
    /** Index of the VPC's availability zone the subnet goes in. Default 0 (where a `single` NAT gateway is). */
    az?: number;
    /**
     * The NAT gateway that translates `64:ff9b::/96` (NAT64). The subnet's route table sends that
     * prefix there, and nothing else leaves the subnet.
     */
    natGatewayId: pulumi.Input<string>;
    /** What the NAT64 route waits for (the NAT gateway). */
    natDependsOn?: pulumi.Resource[];
    /** Config key, for messages. */
    configKey?: string;
}

/**
 * An IPv6-only subnet (`ipv6Native`: a /64 and no IPv4 block) with DNS64 on and its own route
 * table whose only route beyond the VPC is the NAT64 prefix `64:ff9b::/96` to a NAT gateway (VPC
 * user guide, "DNS64 and NAT64": DNS64 always with that route, or IPv4-only names stop working).
 * Instances launched here get an IPv6 address on creation and a resource-name hostname with an
 * AAAA record (IPv6-only subnets accept only resource-name hostnames: EC2 user guide, "EC2
 * instance hostnames"). Not for EKS nodes: EKS requires an IPv4 block in node subnets
 * (docs/ipv6-only.md).
 */
export class Ipv6OnlySubnet extends pulumi.ComponentResource {
    readonly subnet: aws.ec2.Subnet;
    readonly subnetId: pulumi.Output<string>;
    readonly ipv6Cidr: pulumi.Output<string>;
    readonly routeTable: aws.ec2.RouteTable;
    readonly nat64Route: aws.ec2.Route;

    constructor(name: string, args: Ipv6OnlySubnetArgs, opts?: pulumi.ComponentResourceOptions) {
        const key = args.configKey ?? name;
        if (!args.vpc.dualStack || !args.vpc.ipv6Cidr) throw new ConfigError(`${key}`, "an IPv4-only VPC", "an IPv6-only subnet needs a dual-stack VPC (its /64 comes from the VPC's /56)");
        if (!Number.isInteger(args.ipv6Index) || args.ipv6Index < 0 || args.ipv6Index > 255) throw new ConfigError(`${key}.ipv6SubnetIndex`, args.ipv6Index, "use a /64 index from 0 to 255 that no other subnet of the VPC uses");
        const az = args.az ?? 0;
        if (!Number.isInteger(az) || az < 0 || az >= args.vpc.privateSubnets.length) throw new ConfigError(`${key}.az`, az, `use an availability zone index from 0 to ${args.vpc.privateSubnets.length - 1}`);
        super("ipv6-eks-interop:network:Ipv6OnlySubnet", name, {}, opts);
        const parent = { parent: this };
        const deps = { parent: this, dependsOn: args.vpc.ipv6Dependencies };

        this.ipv6Cidr = args.vpc.ipv6Cidr.apply((block) => ipv6SubnetCidr(block, args.ipv6Index));
        this.subnet = new aws.ec2.Subnet(name, {
            vpcId: args.vpc.vpcId,
            availabilityZone: args.vpc.availabilityZones.apply((azs) => azs[az]),
            ipv6Native: true,
            ipv6CidrBlock: this.ipv6Cidr,
            assignIpv6AddressOnCreation: true,
            enableDns64: true,
            enableResourceNameDnsAaaaRecordOnLaunch: true,
            privateDnsHostnameTypeOnLaunch: "resource-name",
            tags: { Name: name, tier: "ipv6-only" },
        }, deps);
        this.subnetId = this.subnet.id;

        this.routeTable = new aws.ec2.RouteTable(name, { vpcId: args.vpc.vpcId, tags: { Name: name } }, parent);
        this.nat64Route = new aws.ec2.Route(`${name}-nat64`, {
            routeTableId: this.routeTable.id,
            destinationIpv6CidrBlock: NAT64_PREFIX,
            natGatewayId: args.natGatewayId,
        }, { parent: this, dependsOn: [...(args.natDependsOn ?? []), ...args.vpc.ipv6Dependencies] });
        new aws.ec2.RouteTableAssociation(name, { subnetId: this.subnet.id, routeTableId: this.routeTable.id }, parent);
        this.registerOutputs({ subnetId: this.subnetId, ipv6Cidr: this.ipv6Cidr, routeTableId: this.routeTable.id });
    }
}
