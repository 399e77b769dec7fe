/**
 * awsguard-style helpers: build resources with realistic props, run one rule (or the pack) on
 * them through the same evaluation the plan uses (engine/checks/policies.ts: inputs through
 * `unknownCheckingProxy`, per-property dependencies, outputs for stack rules), and collect the
 * violations. `UNKNOWN` marks a value a preview would not know.
 */
import type { Graph, GraphResource } from "../../engine/graph";
import { EvaluateOptions, Violation, evaluatePolicies } from "../../engine/checks/policies";
import type { Rule } from "../../policies/support/rule";

/** A value unknown during preview (the offline graph's marker; the evaluator sends the engine's sentinel). */
export const UNKNOWN = "[unknown]";

export interface Fx {
    type: string;
    name: string;
    props: Record<string, any>;
    /** Prop name -> names of the fixture resources its value comes from. */
    deps?: Record<string, string[]>;
    /** Name of the parent fixture. */
    parent?: string;
    /** Component (not a custom resource). */
    component?: boolean;
    remote?: boolean;
    /** Props AWS computes (outputs only, not inputs): unknown in a preview. */
    computed?: string[];
}

const urnOf = (f: { type: string; name: string }) => `urn:pulumi:test::policy-tests::${f.type}::${f.name}`;

export function graphOf(fixtures: Fx[]): Graph {
    const byName = new Map(fixtures.map((f) => [f.name, f]));
    const resources: GraphResource[] = fixtures.map((f) => {
        const propertyDependencies: Record<string, string[]> = {};
        for (const [k, names] of Object.entries(f.deps ?? {})) {
            propertyDependencies[k] = names.map((n) => {
                const d = byName.get(n);
                if (!d) throw new Error(`fixture ${f.name}: dependency ${n} is not a fixture`);
                return urnOf(d);
            });
        }
        return {
            urn: urnOf(f),
            type: f.type,
            name: f.name,
            parent: f.parent ? urnOf(byName.get(f.parent)!) : undefined,
            dependencies: [...new Set(Object.values(propertyDependencies).flat())],
            propertyDependencies,
            id: f.component ? undefined : f.props.id,
            custom: !f.component,
            remote: f.remote,
            inputs: Object.fromEntries(Object.entries(f.props).filter(([k]) => k !== "id" && k !== "arn" && !(f.computed ?? []).includes(k))),
            outputs: f.props,
        };
    });
    return { offlineModel: true, project: "policy-tests", stack: "test", scenario: "test", region: "us-west-2", resources, outputs: {}, intent: [] };
}

/** Violations of one rule on the fixtures. */
export function check(rule: Rule, fixtures: Fx[], opts: Omit<EvaluateOptions, "rules"> = {}): Promise<Violation[]> {
    return evaluatePolicies(graphOf(fixtures), { ...opts, rules: [rule] });
}

/** The messages of one rule's violations on the fixtures. */
export async function messages(rule: Rule, fixtures: Fx[], opts: Omit<EvaluateOptions, "rules"> = {}): Promise<string[]> {
    return (await check(rule, fixtures, opts)).map((v) => v.message);
}

// ---- realistic AWS resources (props as the Pulumi AWS provider takes them) ----

export function vpc(name: string, o: { cidr?: string; ipv6?: string | false; tags?: Record<string, string> } = {}): Fx {
    const ipv6 = o.ipv6 === undefined ? "2001:db8:0:100::/56" : o.ipv6;
    return {
        type: "aws:ec2/vpc:Vpc",
        name,
        props: { id: `vpc-${name}`, cidrBlock: o.cidr ?? "10.10.0.0/16", enableDnsSupport: true, enableDnsHostnames: true, ...(ipv6 ? { assignGeneratedIpv6CidrBlock: true, ipv6CidrBlock: ipv6 } : {}), ...(o.tags ? { tags: o.tags } : {}) },
        computed: ["ipv6CidrBlock"],
    };
}

export function subnet(name: string, vpcName: string, o: { cidr?: string; ipv6?: string; assign?: boolean; dns64?: boolean; native?: boolean } = {}): Fx {
    return {
        type: "aws:ec2/subnet:Subnet",
        name,
        props: {
            id: `subnet-${name}`,
            vpcId: `vpc-${vpcName}`,
            ...(o.native ? {} : { cidrBlock: o.cidr ?? "10.10.0.0/20" }),
            ...(o.ipv6 ? { ipv6CidrBlock: o.ipv6 } : {}),
            ...(o.assign !== undefined ? { assignIpv6AddressOnCreation: o.assign } : {}),
            ...(o.native ? { ipv6Native: true } : {}),
            enableDns64: o.dns64 ?? false,
        },
        deps: { vpcId: [vpcName] },
    };
}

export function routeTable(name: string, vpcName: string): Fx {
    return { type: "aws:ec2/routeTable:RouteTable", name, props: { id: `rtb-${name}`, vpcId: `vpc-${vpcName}` }, deps: { vpcId: [vpcName] } };
}

export function association(name: string, subnetName: string, tableName: string): Fx {
    return { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name, props: { id: `rtbassoc-${name}`, subnetId: `subnet-${subnetName}`, routeTableId: `rtb-${tableName}` }, deps: { subnetId: [subnetName], routeTableId: [tableName] } };
}

export function igw(name: string, vpcName: string): Fx {
    return { type: "aws:ec2/internetGateway:InternetGateway", name, props: { id: `igw-${name}`, vpcId: `vpc-${vpcName}` }, deps: { vpcId: [vpcName] } };
}

export function eigw(name: string, vpcName: string): Fx {
    return { type: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway", name, props: { id: `eigw-${name}`, vpcId: `vpc-${vpcName}` }, deps: { vpcId: [vpcName] } };
}

export function nat(name: string, subnetName: string): Fx {
    return { type: "aws:ec2/natGateway:NatGateway", name, props: { id: `nat-${name}`, subnetId: `subnet-${subnetName}`, connectivityType: "public" }, deps: { subnetId: [subnetName] } };
}

type Target = { igw: string } | { eigw: string } | { nat: string } | { pcx: string } | { tgw: string };

export function route(name: string, tableName: string, dest: string, target: Target, field?: "destinationCidrBlock" | "destinationIpv6CidrBlock"): Fx {
    const f = field ?? (dest.includes(":") ? "destinationIpv6CidrBlock" : "destinationCidrBlock");
    const [key, prefix, n] = "igw" in target ? ["gatewayId", "igw", target.igw] : "eigw" in target ? ["egressOnlyGatewayId", "eigw", target.eigw] : "nat" in target ? ["natGatewayId", "nat", target.nat] : "pcx" in target ? ["vpcPeeringConnectionId", "pcx", target.pcx] : ["transitGatewayId", "tgw", target.tgw];
    return { type: "aws:ec2/route:Route", name, props: { id: `r-${name}`, routeTableId: `rtb-${tableName}`, [f]: dest, [key]: `${prefix}-${n}` }, deps: { routeTableId: [tableName], [key]: [n] } };
}

/**
 * A dual-stack VPC with a public tier (both defaults to the internet gateway) and a private tier
 * (0.0.0.0/0 to a NAT gateway, ::/0 to an egress-only gateway), as the Vpc component builds it.
 */
export function dualStackVpc(p = "net", o: { privateV6Target?: Target | null; publicV6Target?: Target | null; dns64?: boolean } = {}): Fx[] {
    const v = `${p}-vpc`;
    const fx: Fx[] = [
        vpc(v),
        igw(`${p}-igw`, v),
        eigw(`${p}-eigw`, v),
        subnet(`${p}-public`, v, { cidr: "10.10.32.0/24", ipv6: "2001:db8:0:100::/64", assign: true }),
        subnet(`${p}-private`, v, { cidr: "10.10.0.0/20", ipv6: "2001:db8:0:110::/64", assign: true, dns64: o.dns64 }),
        nat(`${p}-nat`, `${p}-public`),
        routeTable(`${p}-public-rt`, v),
        routeTable(`${p}-private-rt`, v),
        association(`${p}-public-a`, `${p}-public`, `${p}-public-rt`),
        association(`${p}-private-a`, `${p}-private`, `${p}-private-rt`),
        route(`${p}-public-v4`, `${p}-public-rt`, "0.0.0.0/0", { igw: `${p}-igw` }),
        route(`${p}-private-v4`, `${p}-private-rt`, "0.0.0.0/0", { nat: `${p}-nat` }),
    ];
    if (o.publicV6Target !== null) fx.push(route(`${p}-public-v6`, `${p}-public-rt`, "::/0", o.publicV6Target ?? { igw: `${p}-igw` }));
    if (o.privateV6Target !== null) fx.push(route(`${p}-private-v6`, `${p}-private-rt`, "::/0", o.privateV6Target ?? { eigw: `${p}-eigw` }));
    return fx;
}

/** Replaces a fixture's props (shallow merge) by name. */
export function patch(fixtures: Fx[], name: string, props: Record<string, any>): Fx[] {
    return fixtures.map((f) => (f.name === name ? { ...f, props: { ...f.props, ...props } } : f));
}

/** Drops fixtures by name. */
export function without(fixtures: Fx[], ...names: string[]): Fx[] {
    return fixtures.filter((f) => !names.includes(f.name));
}
