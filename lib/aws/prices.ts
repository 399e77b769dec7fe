/**
 * On-demand prices of what the stacks run by the hour, in USD: an ESTIMATE for planning, not a
 * bill. Each row names its source page and the date the price was read. Prices are those of
 * US East (N. Virginia) and US West (Oregon), which are equal for every row here; in other
 * regions most prices are higher, and the cost section says so instead of guessing. Usage-based
 * charges (data processed, LCUs, logs ingested, requests) are not hourly and are left out.
 */

export interface PriceRow {
    /** What is billed, for example `NAT gateway`. */
    item: string;
    unit: string;
    usd: number;
    /** Regions whose price this is. */
    regions: readonly string[];
    /** When the price was read from the source. */
    asOf: string;
    source: string;
}

/** Regions every row's price holds for. */
export const PRICED_REGIONS: readonly string[] = ["us-east-1", "us-west-2"];

const R = PRICED_REGIONS;
const AS_OF = "2025-10";

export const PRICES = {
    eksClusterStandard: { item: "EKS cluster, standard support", unit: "cluster-hour", usd: 0.1, regions: R, asOf: AS_OF, source: "https://aws.amazon.com/eks/pricing/" },
    eksClusterExtended: { item: "EKS cluster, extended support", unit: "cluster-hour", usd: 0.6, regions: R, asOf: AS_OF, source: "https://aws.amazon.com/eks/pricing/" },
    natGateway: { item: "NAT gateway", unit: "gateway-hour", usd: 0.045, regions: R, asOf: AS_OF, source: "https://aws.amazon.com/vpc/pricing/ (NAT gateway pricing)" },
    publicIpv4: { item: "Public IPv4 address (Elastic IP)", unit: "address-hour", usd: 0.005, regions: R, asOf: AS_OF, source: "https://aws.amazon.com/vpc/pricing/ (public IPv4 addresses)" },
    transitGatewayAttachment: { item: "Transit gateway VPC attachment", unit: "attachment-hour", usd: 0.05, regions: R, asOf: AS_OF, source: "https://aws.amazon.com/transit-gateway/pricing/" },
    networkLoadBalancer: { item: "Network Load Balancer", unit: "LB-hour (LCUs extra)", usd: 0.0225, regions: R, asOf: AS_OF, source: "https://aws.amazon.com/elasticloadbalancing/pricing/" },
    interfaceEndpoint: { item: "Interface VPC endpoint", unit: "endpoint-AZ-hour", usd: 0.01, regions: R, asOf: AS_OF, source: "https://aws.amazon.com/privatelink/pricing/" },
    route53HostedZone: { item: "Route 53 hosted zone", unit: "zone-hour (0.50 USD a month / 730 h)", usd: 0.5 / 730, regions: R, asOf: AS_OF, source: "https://aws.amazon.com/route53/pricing/" },
    vpnConnection: { item: "Site-to-Site VPN connection", unit: "connection-hour", usd: 0.05, regions: R, asOf: "2026-09", source: "https://aws.amazon.com/vpn/pricing/ (AWS Site-to-Site VPN connection, standard tunnels)" },
    transitGatewayVpnAttachment: { item: "Transit gateway VPN attachment", unit: "attachment-hour", usd: 0.05, regions: R, asOf: "2026-09", source: "https://aws.amazon.com/transit-gateway/pricing/ (every attachment type bills per attachment-hour)" },
    ebsGp3: { item: "EBS gp3 volume", unit: "GiB-hour (0.08 USD a GiB-month / 730 h)", usd: 0.08 / 730, regions: R, asOf: AS_OF, source: "https://aws.amazon.com/ebs/pricing/" },
} satisfies Record<string, PriceRow>;

/** Linux on-demand instance prices (USD an hour). */
export const INSTANCE_PRICES: Readonly<Record<string, number>> = {
    "t3.micro": 0.0104,
    "t3.small": 0.0208,
    "t3.medium": 0.0416,
    "t3.large": 0.0832,
    "t3a.medium": 0.0376,
    "t4g.micro": 0.0084,
    "t4g.medium": 0.0336,
    "m5.large": 0.096,
    "m6i.large": 0.096,
    "m7i.large": 0.1008,
    "m7g.large": 0.0816,
    "c7g.large": 0.0725,
};
export const INSTANCE_PRICE_SOURCE = { regions: R, asOf: AS_OF, source: "https://aws.amazon.com/ec2/pricing/on-demand/ (Linux)" };

export interface Price {
    usd: number;
    source: string;
    /** False when the region is not one the table's prices were read for. */
    regionPriced: boolean;
}

/** The EKS control plane's hourly price by support status. */
export function eksClusterHourly(region: string, support: "standard" | "extended"): Price {
    const row = support === "standard" ? PRICES.eksClusterStandard : PRICES.eksClusterExtended;
    return { usd: row.usd, source: `${row.source}, ${row.asOf}`, regionPriced: row.regions.includes(region) };
}

/** An instance type's hourly price, or undefined when the table has none. */
export function instanceHourly(instanceType: string, region: string): Price | undefined {
    const usd = INSTANCE_PRICES[instanceType];
    if (usd === undefined) return undefined;
    return { usd, source: `${INSTANCE_PRICE_SOURCE.source}, ${INSTANCE_PRICE_SOURCE.asOf}`, regionPriced: INSTANCE_PRICE_SOURCE.regions.includes(region) };
}
