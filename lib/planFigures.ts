/**
 * What a newcomer asks of a plan first: what it costs per hour and how long `pulumi up` takes.
 * Pure functions over a recorded resource graph (any graph: this repository's stacks, `--graph`,
 * or a converted state), priced from lib/aws/prices.ts and timed from lib/aws/createTimes.ts.
 */
import { eksVersionStatus } from "./aws/eksVersions";
import { createTimeOf } from "./aws/createTimes";
import { PRICED_REGIONS, PRICES, eksClusterHourly, instanceHourly } from "./aws/prices";

/** The fields of a recorded resource these computations read. */
export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    custom: boolean;
    dependencies: string[];
    inputs: Record<string, any>;
}

export interface CostLine {
    /** What is billed and where (resource name). */
    item: string;
    resource: string;
    quantity: number;
    unit: string;
    unitUsd: number;
    hourlyUsd: number;
    source: string;
}

export interface CostEstimate {
    lines: CostLine[];
    hourlyUsd: number;
    /** Resources billed by the hour whose price the table lacks (instance types, regions). */
    unpriced: string[];
    /** True when the region is one the price table was read for. */
    regionPriced: boolean;
    warnings: string[];
}

const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) ? v : d);

/** Hourly on-demand cost of the planned resources. Usage-based charges are left out. */
export function estimateHourlyCost(resources: readonly PlanResource[], region: string, now: Date = new Date()): CostEstimate {
    const lines: CostLine[] = [];
    const unpriced: string[] = [];
    const warnings: string[] = [];
    const row = (item: string, resource: string, quantity: number, unit: string, unitUsd: number, source: string) =>
        lines.push({ item, resource, quantity, unit, unitUsd, hourlyUsd: quantity * unitUsd, source });
    // Every launch template of the graph: two of the same name (in different components) are two templates.
    const launchTemplates = resources.filter((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate");
    for (const r of resources) {
        const i = r.inputs ?? {};
        switch (r.type) {
            case "eks:index:Cluster":
            case "aws:eks/cluster:Cluster": {
                const version = String(i.version ?? "");
                const status = eksVersionStatus(version, now);
                const support = status?.status === "extended" ? "extended" : "standard";
                const p = eksClusterHourly(region, support);
                row(`EKS cluster (${version || "version unset"}, ${support} support)`, r.name, 1, "cluster-hour", p.usd, p.source);
                if (support === "extended") warnings.push(`${r.name}: Kubernetes ${version} is in extended support until ${status!.until}: ${p.usd.toFixed(2)} USD an hour instead of ${PRICES.eksClusterStandard.usd.toFixed(2)}; upgrade to a version in standard support`);
                break;
            }
            case "aws:eks/nodeGroup:NodeGroup": {
                const types: string[] = Array.isArray(i.instanceTypes) && i.instanceTypes.length ? i.instanceTypes : ["t3.medium"];
                const desired = num(i.scalingConfig?.desiredSize, 1);
                const p = instanceHourly(types[0], region);
                if (p) row(`EC2 ${types[0]} (node)`, r.name, desired, "instance-hour", p.usd, p.source);
                else unpriced.push(`${r.name}: ${desired} x ${types[0]} (no price in lib/aws/prices.ts)`);
                const lt = typeof i.launchTemplate?.id === "string" ? launchTemplates.find((t) => t.inputs && (t as any).id === i.launchTemplate.id) : undefined;
                const gib = num(lt?.inputs?.blockDeviceMappings?.[0]?.ebs?.volumeSize, num(i.diskSize, 20));
                row("EBS gp3 (node root volume)", r.name, desired * gib, PRICES.ebsGp3.unit, PRICES.ebsGp3.usd, `${PRICES.ebsGp3.source}, ${PRICES.ebsGp3.asOf}`);
                break;
            }
            case "aws:ec2/instance:Instance": {
                const t = String(i.instanceType ?? "");
                const p = instanceHourly(t, region);
                if (p) row(`EC2 ${t}`, r.name, 1, "instance-hour", p.usd, p.source);
                else unpriced.push(`${r.name}: ${t} (no price in lib/aws/prices.ts)`);
                row("EBS gp3 (root volume)", r.name, num(i.rootBlockDevice?.volumeSize, 8), PRICES.ebsGp3.unit, PRICES.ebsGp3.usd, `${PRICES.ebsGp3.source}, ${PRICES.ebsGp3.asOf}`);
                break;
            }
            case "aws:ec2/natGateway:NatGateway":
                row(PRICES.natGateway.item, r.name, 1, PRICES.natGateway.unit, PRICES.natGateway.usd, `${PRICES.natGateway.source}, ${PRICES.natGateway.asOf}`);
                break;
            case "aws:ec2/eip:Eip":
                row(PRICES.publicIpv4.item, r.name, 1, PRICES.publicIpv4.unit, PRICES.publicIpv4.usd, `${PRICES.publicIpv4.source}, ${PRICES.publicIpv4.asOf}`);
                break;
            case "aws:ec2transitgateway/vpcAttachment:VpcAttachment":
                row(PRICES.transitGatewayAttachment.item, r.name, 1, PRICES.transitGatewayAttachment.unit, PRICES.transitGatewayAttachment.usd, `${PRICES.transitGatewayAttachment.source}, ${PRICES.transitGatewayAttachment.asOf}`);
                break;
            case "aws:ec2/vpnConnection:VpnConnection":
                row(PRICES.vpnConnection.item, r.name, 1, PRICES.vpnConnection.unit, PRICES.vpnConnection.usd, `${PRICES.vpnConnection.source}, ${PRICES.vpnConnection.asOf}`);
                // A connection to a transit gateway is also a transit gateway attachment, billed as one.
                if (i.transitGatewayId) row(PRICES.transitGatewayVpnAttachment.item, r.name, 1, PRICES.transitGatewayVpnAttachment.unit, PRICES.transitGatewayVpnAttachment.usd, `${PRICES.transitGatewayVpnAttachment.source}, ${PRICES.transitGatewayVpnAttachment.asOf}`);
                break;
            case "aws:lb/loadBalancer:LoadBalancer":
                if ((i.loadBalancerType ?? "application") === "network") row(PRICES.networkLoadBalancer.item, r.name, 1, PRICES.networkLoadBalancer.unit, PRICES.networkLoadBalancer.usd, `${PRICES.networkLoadBalancer.source}, ${PRICES.networkLoadBalancer.asOf}`);
                else unpriced.push(`${r.name}: ${i.loadBalancerType ?? "application"} load balancer (no price in lib/aws/prices.ts)`);
                break;
            case "aws:ec2/vpcEndpoint:VpcEndpoint":
                if ((i.vpcEndpointType ?? "Gateway") === "Interface") {
                    const azs = Array.isArray(i.subnetIds) ? i.subnetIds.length : 1;
                    row(PRICES.interfaceEndpoint.item, r.name, azs, PRICES.interfaceEndpoint.unit, PRICES.interfaceEndpoint.usd, `${PRICES.interfaceEndpoint.source}, ${PRICES.interfaceEndpoint.asOf}`);
                }
                break;
            case "aws:route53/zone:Zone":
                row(PRICES.route53HostedZone.item, r.name, 1, PRICES.route53HostedZone.unit, PRICES.route53HostedZone.usd, `${PRICES.route53HostedZone.source}, ${PRICES.route53HostedZone.asOf}`);
                break;
        }
    }
    const hourlyUsd = lines.reduce((s, l) => s + l.hourlyUsd, 0);
    return { lines, hourlyUsd, unpriced, regionPriced: PRICED_REGIONS.includes(region), warnings };
}

export interface TimedStep {
    urn: string;
    type: string;
    name: string;
    seconds: number;
    /** Seconds from the start of `pulumi up` until this resource is created. */
    doneAt: number;
}

export interface UpTime {
    seconds: number;
    /** The chain of creates that sets the total, first to last (zero-second steps left out). */
    criticalPath: TimedStep[];
}

/**
 * The predicted `pulumi up` time of a fresh stack: the longest chain of creates through the
 * dependency graph, each taking its typical create time, with unlimited parallelism (Pulumi
 * creates every resource whose dependencies are done). A dependency on a component waits for all
 * of the component's resources, as Pulumi's dependsOn on a component does.
 */
export function predictUpTime(resources: readonly PlanResource[]): UpTime {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, PlanResource[]>();
    for (const r of resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    const done = new Map<string, { at: number; via?: string }>();
    const visiting = new Set<string>();
    const finish = (urn: string): number => {
        const cached = done.get(urn);
        if (cached) return cached.at;
        const r = byUrn.get(urn);
        if (!r || visiting.has(urn)) return 0;
        visiting.add(urn);
        let start = 0;
        let via: string | undefined;
        const wait = (dep: string) => {
            const at = finish(dep);
            if (at > start) {
                start = at;
                via = dep;
            }
        };
        for (const d of r.dependencies) wait(d);
        const own = createTimeOf(r.type, r.custom).seconds;
        // A component is done when its children are.
        if (!r.custom || r.type === "eks:index:Cluster") for (const c of children.get(urn) ?? []) wait(c.urn);
        visiting.delete(urn);
        const at = start + own;
        done.set(urn, { at, via });
        return at;
    };
    let last: string | undefined;
    let total = 0;
    for (const r of resources) {
        const at = finish(r.urn);
        if (at > total) {
            total = at;
            last = r.urn;
        }
    }
    const path: TimedStep[] = [];
    for (let u = last; u; u = done.get(u)?.via) {
        const r = byUrn.get(u)!;
        const seconds = createTimeOf(r.type, r.custom).seconds;
        if (seconds > 0) path.unshift({ urn: u, type: r.type, name: r.name, seconds, doneAt: done.get(u)!.at });
    }
    return { seconds: total, criticalPath: path };
}

/** Whole minutes, rounded up: what the README and docs quote. */
export function minutes(seconds: number): number {
    return Math.ceil(seconds / 60);
}
