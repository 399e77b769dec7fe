/**
 * Amazon VPC IP Address Manager (IPAM) facts that the `ipam` addressing mode of tgw-dual-stack
 * relies on, one row each with its source. Pure data: lib/transitGateway.ts plans with it,
 * components/network/ipam.ts builds with it, the offline model allocates with it.
 */

export interface IpamFact<T> {
    value: T;
    /** What the value means for this repository. */
    meaning: string;
    /** Where AWS says so. */
    source: string;
}

export const IPAM_FACTS = {
    /**
     * Size of each Amazon-provided contiguous IPv6 block provisioned into a regional pool. A
     * pool can hold several; each is contiguous on its own, so one summary route per block.
     */
    amazonIpv6BlockPrefix: {
        value: 52,
        meaning: "each Amazon-provided contiguous IPv6 block provisioned to the regional pool is a /52 (16 VPC /56s)",
        source: "Amazon VPC IPAM user guide, 'Create a Regional IPv6 pool' (regional pool 2001:db8::/52 example); terraform-provider-aws ipam_pool_test.go testAccIPAMPoolConfig_ipv6PublicIPAmazon with aws_vpc_ipam_pool_cidr netmask_length 52",
    } as IpamFact<number>,
    /**
     * A VPC's IPv6 allocation from an IPAM pool. The provider accepts only 56 (its own check; the
     * @pulumi/aws typings still say 44 to 60 in steps of 4): the stricter of the two rules.
     */
    vpcIpv6NetmaskLength: {
        value: 56,
        meaning: "each member VPC takes a /56 from the pool (ipv6NetmaskLength; the provider accepts 56 only)",
        source: "terraform-provider-aws internal/service/ec2/vpc_.go: ipv6_netmask_length ValidateFunc IntInSlice([]int{VPCCIDRMaxIPv6}), VPCCIDRMaxIPv6 = 56; EC2 API CreateVpc Ipv6NetmaskLength",
    } as IpamFact<number>,
    /**
     * The Free Tier covers Amazon-provided contiguous IPv6 blocks in a single Region and
     * account; private IPv4 management (an IPv4 pool in the private scope) is Advanced Tier only.
     */
    freeTierCoversAmazonIpv6: {
        value: true,
        meaning: "an IPAM in the free tier can provision Amazon-provided contiguous IPv6 blocks; IPv4 private pools need the Advanced Tier",
        source: "Amazon VPC pricing, 'IP Address Manager' (Free Tier vs Advanced Tier feature table)",
    } as IpamFact<boolean>,
    /** Advanced Tier price, per active IP address managed, per hour (not used by this repository). */
    advancedTierUsdPerActiveIpHour: {
        value: 0.00027,
        meaning: "what an IPv4 IPAM pool would cost: the Advanced Tier bills every active IP address it manages by the hour",
        source: "Amazon VPC pricing, 'IP Address Manager', Advanced Tier (checked 2026-11)",
    } as IpamFact<number>,
    /** Deleting the IPAM with cascade deletes its scopes, pools and provisioned CIDRs. */
    cascadeDelete: {
        value: true,
        meaning: "the IPAM is created with cascade so that destroy removes pools and provisioned CIDRs with it",
        source: "EC2 API DeleteIpam Cascade; terraform-provider-aws vpc_ipam.go (cascade argument)",
    } as IpamFact<boolean>,
} as const;

/** VPC /56s in one Amazon-provided block: 2^(56 - 52) = 16. */
export function vpcsPerIpv6Block(): number {
    return 2 ** (IPAM_FACTS.vpcIpv6NetmaskLength.value - IPAM_FACTS.amazonIpv6BlockPrefix.value);
}

/** Amazon-provided /52 blocks the regional pool needs for `dualStackVpcs` /56 allocations (at least one). */
export function ipv6BlocksFor(dualStackVpcs: number): number {
    return Math.max(1, Math.ceil(dualStackVpcs / vpcsPerIpv6Block()));
}
