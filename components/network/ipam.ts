import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { IPAM_FACTS, ipv6BlocksFor } from "../../lib/aws/ipam";
import { ConfigError } from "../../lib/errors";

export interface Ipv6AddressPoolArgs {
    /** Region of the IPAM, its only operating Region and the pool's locale. */
    region: pulumi.Input<string>;
    /**
     * Dual-stack VPCs that will take a /56 from the pool. Sets how many Amazon-provided /52 blocks
     * are provisioned (16 VPCs each), and so how many IPv6 summary routes each member needs.
     */
    vpcs: number;
}

/**
 * An IPAM in the free tier with one regional IPv6 pool of Amazon-provided contiguous space:
 * enough /52 blocks for `vpcs` /56 allocations. VPCs allocate from it with `ipv6IpamPoolId`
 * and `ipv6NetmaskLength: 56` (the `ipam` mode of the `Vpc` component), so one route per block
 * covers every member (IPAM user guide, "Create a Regional IPv6 pool"; Amazon VPC pricing:
 * Amazon-provided contiguous IPv6 blocks are in the Free Tier).
 *
 * No IPv4 pool: private IPv4 management is an Advanced Tier feature (billed per active IP
 * address and hour), and IPv4 summarisation needs none: the IPv4 address plan is known from
 * config and checked before deploy (lib/transitGateway.ts validateSummaries).
 *
 * The IPAM is created with `cascade` so that destroying it removes its pools and provisioned
 * CIDRs; the VPCs go first (they depend on the blocks).
 */
export class Ipv6AddressPool extends pulumi.ComponentResource {
    readonly ipamId: pulumi.Output<string>;
    readonly poolId: pulumi.Output<string>;
    /** The provisioned Amazon-provided blocks, in order: the IPv6 summary routes' destinations. */
    readonly blocks: pulumi.Output<string>[];
    /** The block resources: anything that allocates from the pool must depend on them. */
    readonly blockResources: aws.ec2.VpcIpamPoolCidr[];

    constructor(name: string, args: Ipv6AddressPoolArgs, opts?: pulumi.ComponentResourceOptions) {
        if (!Number.isInteger(args.vpcs) || args.vpcs < 1) {
            throw new ConfigError(`${name}.vpcs`, args.vpcs, "an IPv6 pool serves at least one dual-stack VPC");
        }
        super("ipv6-eks-interop:network:Ipv6AddressPool", name, {}, opts);
        const parent = { parent: this };
        const ipam = new aws.ec2.VpcIpam(name, {
            description: `${name}: Amazon-provided contiguous IPv6 for the transit gateway members`,
            operatingRegions: [{ regionName: args.region }],
            tier: "free",
            cascade: IPAM_FACTS.cascadeDelete.value,
            tags: { Name: name },
        }, parent);
        const pool = new aws.ec2.VpcIpamPool(name, {
            addressFamily: "ipv6",
            ipamScopeId: ipam.publicDefaultScopeId,
            locale: args.region,
            awsService: "ec2",
            publicIpSource: "amazon",
            allocationDefaultNetmaskLength: IPAM_FACTS.vpcIpv6NetmaskLength.value,
            description: `${name}: one /${IPAM_FACTS.vpcIpv6NetmaskLength.value} per member VPC`,
            tags: { Name: name },
        }, parent);
        this.ipamId = ipam.id;
        this.poolId = pool.id;
        this.blockResources = Array.from({ length: ipv6BlocksFor(args.vpcs) }, (_, i) =>
            new aws.ec2.VpcIpamPoolCidr(`${name}-block-${i}`, { ipamPoolId: pool.id, netmaskLength: IPAM_FACTS.amazonIpv6BlockPrefix.value }, parent));
        this.blocks = this.blockResources.map((b) => b.cidr);
        this.registerOutputs({ ipamId: this.ipamId, poolId: this.poolId, blocks: this.blocks });
    }
}
