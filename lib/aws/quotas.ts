/**
 * Region-level default quotas a scenario uses, one row each with the Service Quotas code and the
 * source page. Default values: what a new account has; yours may be higher (check with
 * `aws service-quotas get-service-quota --service-code <code> --quota-code <code>`), and other
 * resources already in the region use part of them, which the plan cannot see.
 *
 * Sources: Amazon VPC User Guide, "Amazon VPC quotas" (VPCs, internet and egress-only gateways,
 * NAT gateways, interface endpoints); Amazon EC2 User Guide, "Elastic IP address quota"; Amazon
 * VPC Transit Gateways guide, "Quotas for your transit gateways"; Amazon EKS User Guide, "View
 * and manage Amazon EKS and Fargate service quotas". Quota codes as the Service Quotas console
 * lists them *(unsure: codes copied from the console's listing, not re-checked offline)*.
 */

export interface QuotaRow {
    id: string;
    /** What the quota limits, as AWS names it. */
    name: string;
    /** Default value in a new account. */
    limit: number;
    /** `region` (one count per region), `az`, `vpc` or `transit gateway` (one count per parent). */
    scope: "region" | "az" | "vpc" | "transit gateway";
    serviceCode: string;
    quotaCode: string;
    source: string;
    /** Pulumi types that use it. */
    types: readonly string[];
    /** Added to the count per region (the default VPC every region has). */
    baseline?: { count: number; what: string };
}

export const QUOTAS: readonly QuotaRow[] = [
    { id: "vpcs", name: "VPCs per Region", limit: 5, scope: "region", serviceCode: "vpc", quotaCode: "L-F678F1CE", source: "Amazon VPC User Guide, Amazon VPC quotas", types: ["aws:ec2/vpc:Vpc"], baseline: { count: 1, what: "the default VPC (unless you deleted it)" } },
    { id: "internet-gateways", name: "Internet gateways per Region", limit: 5, scope: "region", serviceCode: "vpc", quotaCode: "L-A4707A72", source: "Amazon VPC User Guide, Amazon VPC quotas", types: ["aws:ec2/internetGateway:InternetGateway"], baseline: { count: 1, what: "the default VPC's internet gateway" } },
    { id: "egress-only-gateways", name: "Egress-only internet gateways per Region", limit: 5, scope: "region", serviceCode: "vpc", quotaCode: "L-45FE3B85", source: "Amazon VPC User Guide, Amazon VPC quotas", types: ["aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway"] },
    { id: "elastic-ips", name: "EC2-VPC Elastic IPs", limit: 5, scope: "region", serviceCode: "ec2", quotaCode: "L-0263D0A3", source: "Amazon EC2 User Guide, Elastic IP address quota", types: ["aws:ec2/eip:Eip"] },
    { id: "nat-gateways", name: "NAT gateways per Availability Zone", limit: 5, scope: "az", serviceCode: "vpc", quotaCode: "L-FE5A380F", source: "Amazon VPC User Guide, Amazon VPC quotas", types: ["aws:ec2/natGateway:NatGateway"] },
    { id: "eks-clusters", name: "EKS clusters per Region", limit: 100, scope: "region", serviceCode: "eks", quotaCode: "L-1194D53C", source: "Amazon EKS User Guide, service quotas", types: ["eks:index:Cluster", "aws:eks/cluster:Cluster"] },
    { id: "transit-gateways", name: "Transit gateways per account (per Region)", limit: 5, scope: "region", serviceCode: "ec2", quotaCode: "L-A2478D36", source: "Amazon VPC Transit Gateways, Quotas for your transit gateways", types: ["aws:ec2transitgateway/transitGateway:TransitGateway"] },
    { id: "tgw-attachments", name: "Attachments per transit gateway", limit: 5000, scope: "transit gateway", serviceCode: "ec2", quotaCode: "L-E0233F82", source: "Amazon VPC Transit Gateways, Quotas for your transit gateways", types: ["aws:ec2transitgateway/vpcAttachment:VpcAttachment", "aws:ec2/vpnConnection:VpnConnection"] },
    { id: "interface-endpoints", name: "Interface VPC endpoints per VPC", limit: 50, scope: "vpc", serviceCode: "vpc", quotaCode: "L-29B6F2EB", source: "Amazon VPC User Guide (AWS PrivateLink), quotas", types: ["aws:ec2/vpcEndpoint:VpcEndpoint"] },
];

/** The command that asks for more. */
export function increaseCommand(row: QuotaRow, region: string, desired: number): string {
    return `aws service-quotas request-service-quota-increase --region ${region} --service-code ${row.serviceCode} --quota-code ${row.quotaCode} --desired-value ${desired}`;
}

/** A resource as the quota count sees it (engine/graph.ts GraphResource). */
export interface QuotaResource {
    type: string;
    name: string;
    id?: string;
    inputs: Record<string, any>;
    outputs?: Record<string, any>;
}

export interface QuotaUse {
    row: QuotaRow;
    /** Region, AZ, VPC or transit gateway the count is for. */
    scope: string;
    /** Resources that use it (names), plus the baseline when there is one. */
    users: string[];
    used: number;
}

/** Counts each quota's use in one region's resources (one stack's, or several stacks' together). */
export function quotaUse(resources: readonly QuotaResource[], region: string): QuotaUse[] {
    const byId = new Map(resources.filter((r) => r.id).map((r) => [r.id!, r]));
    const out: QuotaUse[] = [];
    for (const row of QUOTAS) {
        const groups = new Map<string, string[]>();
        for (const r of resources) {
            if (!row.types.includes(r.type)) continue;
            if (row.id === "interface-endpoints" && (r.inputs.vpcEndpointType ?? "Gateway") !== "Interface") continue;
            // A VPN connection is a transit gateway attachment only when it ends on one (not on a virtual private gateway).
            if (row.id === "tgw-attachments" && r.type === "aws:ec2/vpnConnection:VpnConnection" && !r.inputs.transitGatewayId) continue;
            let scope = region;
            if (row.scope === "az") {
                const subnet = byId.get(r.inputs.subnetId);
                scope = subnet?.inputs.availabilityZone ?? subnet?.outputs?.availabilityZone ?? "an unknown AZ";
            } else if (row.scope === "vpc") {
                scope = byId.get(r.inputs.vpcId)?.name ?? r.inputs.vpcId ?? "an unknown VPC";
            } else if (row.scope === "transit gateway") {
                scope = byId.get(r.inputs.transitGatewayId)?.name ?? r.inputs.transitGatewayId ?? "an unknown transit gateway";
            }
            groups.set(scope, [...(groups.get(scope) ?? []), r.name]);
        }
        if (row.scope === "region" && !groups.has(region) && row.baseline) groups.set(region, []);
        for (const [scope, users] of groups) {
            const base = row.scope === "region" && row.baseline ? row.baseline : undefined;
            out.push({ row, scope, users: base ? [...users, base.what] : users, used: users.length + (base?.count ?? 0) });
        }
    }
    return out;
}

/** Plain-text lines: one per quota and scope, `!` where the default would be exceeded. */
export function quotaLines(uses: readonly QuotaUse[], region: string): { lines: string[]; exceeded: QuotaUse[] } {
    const exceeded = uses.filter((u) => u.used > u.row.limit);
    const lines = uses.map((u) => {
        const mark = u.used > u.row.limit ? "!" : " ";
        const users = u.users.length > 6 ? `${u.users.slice(0, 6).join(", ")}, ... (${u.users.length})` : u.users.join(", ");
        return `${mark} ${u.row.name}${u.row.scope === "region" ? "" : ` (${u.scope})`}: ${u.used} of ${u.row.limit} (default)${users ? ` - ${users}` : ""}`;
    });
    for (const u of exceeded) {
        lines.push(`WARNING ${u.row.name}${u.row.scope === "region" ? "" : ` in ${u.scope}`}: ${u.used} needed, the default quota is ${u.row.limit}. Check yours and ask for more: ${increaseCommand(u.row, region, u.used)} [${u.row.source}]`);
    }
    return { lines, exceeded };
}
