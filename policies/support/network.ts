/**
 * VPC semantics over a StackView: which VPCs and subnets carry IPv6, which route tables a subnet
 * uses, and where each route goes. Every answer is tri-state where a preview can leave it open:
 * true/false, or `UNKNOWN` (rules then skip rather than guess).
 */
import { RESOURCE_TYPES } from "../../lib/resourceTypes";
import { isDefaultRoute, tryParseCidr } from "../../lib/cidr";
import { PolicyRes, StackView } from "./stack";
import { UNKNOWN, Unknown, bool, isUnknown, list, obj, str, strings } from "./values";

/** Resource type tokens (one table for the pack and the reachability model: lib/resourceTypes.ts). */
export const T = RESOURCE_TYPES;

export const LOAD_BALANCERS = [T.lb, T.albLb] as const;
export const TARGET_GROUPS = [T.targetGroup, T.albTargetGroup] as const;
export const LISTENERS = [T.listener, T.albListener] as const;
export const ROUTE_TABLES = [T.routeTable, T.defaultRouteTable] as const;

export type Tri = boolean | Unknown;

/** The family of a CIDR text, undefined when it is not one. */
export function familyOf(cidr: string): "ipv4" | "ipv6" | undefined {
    return tryParseCidr(cidr)?.family;
}

/** Whether a VPC has an IPv6 block (its own, an IPAM pool, or an association in the stack). */
export function vpcDualStack(view: StackView, vpc: PolicyRes): Tri {
    const p = vpc.props;
    if (bool(p.assignGeneratedIpv6CidrBlock) === true) return true;
    if (typeof str(p.ipv6IpamPoolId) === "string" || typeof str(p.ipv6CidrBlock) === "string") return true;
    if (view.referrers(vpc, [T.ipv6Assoc], "vpcId").length > 0) return true;
    if (isUnknown(p.assignGeneratedIpv6CidrBlock) || isUnknown(p.ipv6IpamPoolId)) return UNKNOWN;
    if (view.ofType(T.ipv6Assoc).some((a) => view.refs(a, "vpcId", [T.vpc]) === UNKNOWN)) return UNKNOWN;
    return false;
}

/** Known IPv6 blocks of a VPC, and whether some are still unknown. */
export function vpcIpv6Blocks(view: StackView, vpc: PolicyRes): { blocks: string[]; unknown: boolean } {
    const blocks: string[] = [];
    let unknown = false;
    const add = (v: unknown) => {
        const s = str(v);
        if (s === UNKNOWN) unknown = true;
        else if (s) blocks.push(s);
    };
    add(vpc.props.ipv6CidrBlock);
    for (const a of view.referrers(vpc, [T.ipv6Assoc], "vpcId")) add(a.props.ipv6CidrBlock);
    return { blocks, unknown };
}

/** Known IPv4 blocks of a VPC (primary and associated), and whether some are unknown. */
export function vpcIpv4Blocks(view: StackView, vpc: PolicyRes): { blocks: string[]; unknown: boolean } {
    const blocks: string[] = [];
    let unknown = false;
    for (const v of [vpc.props.cidrBlock, ...view.referrers(vpc, [T.ipv4Assoc], "vpcId").map((a) => a.props.cidrBlock)]) {
        const s = str(v);
        if (s === UNKNOWN) unknown = true;
        else if (s) blocks.push(s);
    }
    return { blocks, unknown };
}

/** Whether a subnet has an IPv6 /64. */
export function subnetHasIpv6(s: PolicyRes): Tri {
    if (bool(s.props.ipv6Native) === true) return true;
    const v = str(s.props.ipv6CidrBlock);
    if (v === UNKNOWN) return UNKNOWN;
    return v !== undefined;
}

/** Whether a subnet is IPv6-only (`ipv6Native`). */
export function subnetIpv6Only(s: PolicyRes): Tri {
    const v = bool(s.props.ipv6Native);
    return v === UNKNOWN ? UNKNOWN : v === true;
}

export type TargetKind = "igw" | "eigw" | "nat" | "tgw" | "pcx" | "vgw" | "eni" | "vpce" | "local" | "other";

export interface RouteEntry {
    /** The Route resource, or the route table for an inline route. */
    res: PolicyRes;
    /** The route table. */
    table: PolicyRes;
    inline: boolean;
    family: "ipv4" | "ipv6";
    /** Destination as written, or UNKNOWN. */
    dest: string | Unknown;
    /** The prop that holds the destination. */
    field: string;
    target: TargetKind | Unknown;
}

const TARGET_KEYS: [string, TargetKind][] = [
    ["egressOnlyGatewayId", "eigw"],
    ["natGatewayId", "nat"],
    ["transitGatewayId", "tgw"],
    ["vpcPeeringConnectionId", "pcx"],
    ["vpcEndpointId", "vpce"],
    ["carrierGatewayId", "other"],
    ["localGatewayId", "other"],
    ["coreNetworkArn", "other"],
    ["gatewayId", "igw"],
    // Computed on routes that target an instance: read last, and never as the only unknown.
    ["networkInterfaceId", "eni"],
];

function gatewayKind(view: StackView, holder: PolicyRes, value: string | Unknown, viaRef: boolean): TargetKind | Unknown {
    if (typeof value === "string") {
        if (value === "local") return "local";
        if (value.startsWith("igw-")) return "igw";
        if (value.startsWith("vgw-")) return "vgw";
    }
    if (viaRef) {
        const ref = view.ref(holder, "gatewayId", [T.igw, T.vgw]);
        if (ref && ref !== UNKNOWN) return ref.type === T.igw ? "igw" : "vgw";
    } else if (typeof value === "string") {
        const hit = view.resources.find((r) => (r.type === T.igw || r.type === T.vgw) && str(r.props.id) === value);
        if (hit) return hit.type === T.igw ? "igw" : "vgw";
    }
    return typeof value === "string" ? "other" : UNKNOWN;
}

function targetOf(view: StackView, holder: PolicyRes, route: Record<string, any>, viaRef: boolean): TargetKind | Unknown {
    const unknownKeys: [string, TargetKind][] = [];
    for (const [key, kind] of TARGET_KEYS) {
        const v = str(route[key]);
        if (typeof v === "string") return key === "gatewayId" ? gatewayKind(view, holder, v, viaRef) : kind;
        if (v === UNKNOWN && key !== "networkInterfaceId") unknownKeys.push([key, kind]);
    }
    if (unknownKeys.length === 1) {
        const [key, kind] = unknownKeys[0];
        return key === "gatewayId" ? gatewayKind(view, holder, UNKNOWN, viaRef) : kind;
    }
    return UNKNOWN;
}

/** Every route of a route table: `aws.ec2.Route` resources and inline `routes`, and whether the inline list is unknown. */
export function routesOf(view: StackView, table: PolicyRes): { routes: RouteEntry[]; unknown: boolean } {
    const routes: RouteEntry[] = [];
    for (const r of view.referrers(table, [T.route], "routeTableId")) {
        for (const [field, family] of [["destinationCidrBlock", "ipv4"], ["destinationIpv6CidrBlock", "ipv6"]] as const) {
            const dest = str(r.props[field]);
            if (dest === undefined) continue;
            routes.push({ res: r, table, inline: false, family, dest, field, target: targetOf(view, r, r.props, true) });
        }
    }
    const inline = list(table.props.routes);
    if (inline !== UNKNOWN) {
        for (const item of inline) {
            const route = obj(item);
            if (!route || route === UNKNOWN) continue;
            for (const [field, family] of [["cidrBlock", "ipv4"], ["ipv6CidrBlock", "ipv6"]] as const) {
                const dest = str(route[field]);
                if (dest === undefined) continue;
                // A deployed table lists the routes of aws.ec2.Route resources too: count those once.
                if (typeof dest === "string" && routes.some((x) => !x.inline && x.family === family && typeof x.dest === "string" && tryParseCidr(x.dest)?.text === tryParseCidr(dest)?.text)) continue;
                routes.push({ res: table, table, inline: true, family, dest, field: `routes[].${field}`, target: targetOf(view, table, route, false) });
            }
        }
    }
    return { routes, unknown: inline === UNKNOWN };
}

/** True when a route's destination is a default route in any spelling. */
export function isDefault(dest: string | Unknown): boolean {
    return typeof dest === "string" && isDefaultRoute(dest);
}

/** The route tables a subnet uses (explicit associations, else the VPC's main-table association in the stack). */
export function routeTablesOfSubnet(view: StackView, subnet: PolicyRes): PolicyRes[] | Unknown {
    const tables: PolicyRes[] = [];
    for (const a of view.referrers(subnet, [T.rtAssoc], "subnetId")) {
        const t = view.ref(a, "routeTableId", ROUTE_TABLES);
        if (t === UNKNOWN) return UNKNOWN;
        if (t) tables.push(t);
    }
    if (tables.length > 0) return tables;
    if (view.ofType(T.rtAssoc).some((a) => view.refs(a, "subnetId", [T.subnet]) === UNKNOWN)) return UNKNOWN;
    const vpc = view.ref(subnet, "vpcId", [T.vpc]);
    if (vpc && vpc !== UNKNOWN) {
        for (const m of view.referrers(vpc, [T.mainRtAssoc], "vpcId")) {
            const t = view.ref(m, "routeTableId", ROUTE_TABLES);
            if (t && t !== UNKNOWN) tables.push(t);
        }
    }
    return tables;
}

/** The subnets associated with a route table. */
export function subnetsOfRouteTable(view: StackView, table: PolicyRes): PolicyRes[] {
    const subnets: PolicyRes[] = [];
    for (const a of view.referrers(table, [T.rtAssoc], "routeTableId")) {
        const s = view.ref(a, "subnetId", [T.subnet]);
        if (s && s !== UNKNOWN) subnets.push(s);
    }
    return subnets;
}

/** Known strings of a list-or-scalar prop. */
export function stringList(v: unknown): { values: string[]; unknown: boolean } {
    if (typeof v === "string") return { values: v ? [v] : [], unknown: false };
    return strings(v);
}
