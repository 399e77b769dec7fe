/**
 * The network model the reachability analysis walks: built once from a recorded resource graph
 * (the offline engine's, or a real stack's state converted to the same shape). Pure data, no
 * Pulumi runtime. Every AWS behaviour the walk relies on is cited where it is used (walk.ts,
 * analyze.ts); this module only reads resources and applies the documented defaults.
 */
import { RESOURCE_TYPES } from "../../lib/resourceTypes";
import { tryParseCidr, type IpFamily, type ParsedCidr } from "../../lib/cidr";
import type { GraphResource } from "../graph";
import { GraphIndex } from "../graph";
import { buildVpnModel, type VpnModel } from "./vpn";

/** Resource type tokens (one table for the model and the policy pack: lib/resourceTypes.ts). */
export const T = RESOURCE_TYPES;

const UNKNOWN = /^\[(unknown|output|secret|resource)\]$/;

/** True for a value the engine could not know (a preview's unknowns and unresolved outputs). */
export function isUnknown(v: unknown): boolean {
    return typeof v === "string" && UNKNOWN.test(v);
}

/** Resource property: output first (what the cloud reports), then input. */
export function prop(r: GraphResource, key: string): any {
    const o = r.outputs?.[key];
    return o !== undefined && o !== null && o !== "" ? o : r.inputs?.[key];
}

function str(v: unknown): string | undefined {
    return typeof v === "string" && v !== "" ? v : undefined;
}

function strs(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : [];
}

/** The objects of an inline list (a `null` entry, or a scalar, is skipped rather than crashing the model). */
export function objs(v: unknown): Record<string, any>[] {
    return Array.isArray(v) ? v.filter((x): x is Record<string, any> => !!x && typeof x === "object" && !Array.isArray(x)) : [];
}

function bool(v: unknown, dflt: boolean): boolean {
    if (v === true || v === "true") return true;
    if (v === false || v === "false") return false;
    return dflt;
}

const parsed = new Map<string, ParsedCidr | undefined>();
/** Parses a CIDR once per process (the walk compares the same blocks many times). */
export function P(cidr: string): ParsedCidr | undefined {
    let p = parsed.get(cidr);
    if (p === undefined && !parsed.has(cidr)) {
        p = tryParseCidr(cidr);
        parsed.set(cidr, p);
    }
    return p;
}

/** `inner` lies entirely in `outer` (same family). */
export function within(inner: string, outer: string): boolean {
    const a = P(inner);
    const b = P(outer);
    return !!a && !!b && a.family === b.family && a.network >= b.network && a.last <= b.last;
}

export function overlaps(a: string, b: string): boolean {
    const x = P(a);
    const y = P(b);
    return !!x && !!y && x.family === y.family && x.network <= y.last && y.network <= x.last;
}

export function familyOf(cidr: string): IpFamily | undefined {
    return P(cidr)?.family;
}

export interface Named {
    id: string;
    /** Logical (Pulumi) name, for messages. */
    name: string;
}

export interface VpcM extends Named {
    ipv4: string[];
    ipv6: string[];
    mainRouteTableId?: string;
}

export interface SubnetM extends Named {
    vpcId: string;
    /** AZ name (account-specific mapping), or the AZ ID when the name is not recorded. */
    az: string;
    /** AZ ID (`usw2-az1`): the same physical zone in every account. */
    azId?: string;
    /** Account that owns the subnet, when recorded. */
    ownerId?: string;
    ipv4?: string;
    ipv6?: string;
    dns64: boolean;
    assignIpv6: boolean;
    /** `mapPublicIpOnLaunch`: instances launched here get a public IPv4. */
    mapPublicIp: boolean;
}

export type RouteTargetKind = "local" | "igw" | "eigw" | "nat" | "pcx" | "tgw" | "other";

export interface RouteM {
    dest: string;
    family: IpFamily;
    kind: RouteTargetKind;
    targetId: string;
    /** The resource that declared the route, or `local`. */
    label: string;
    /** The route's destination is this prefix list (one RouteM per entry). */
    prefixList?: string;
}

export interface RouteTableM extends Named {
    vpcId: string;
    routes: RouteM[];
    /** Routes to prefix lists that are not in the graph: their CIDRs are unknown. */
    unresolvedPrefixLists: { label: string; prefixList: string }[];
}

export interface SgRuleM {
    label: string;
    protocol: string;
    fromPort?: number;
    toPort?: number;
    cidr?: string;
    sg?: string;
    /** A cross-account reference (`123456789012/sg-…`): the owner of `sg`. */
    account?: string;
    /** A prefix list that is not in the graph (its CIDRs are unknown). */
    prefixList?: string;
}

export interface SgM extends Named {
    vpcId?: string;
    ingress: SgRuleM[];
    egress: SgRuleM[];
}

export interface NaclRuleM {
    number: number;
    egress: boolean;
    protocol: string;
    action: "allow" | "deny";
    cidr: string;
    fromPort?: number;
    toPort?: number;
}

export interface NaclM extends Named {
    rules: NaclRuleM[];
}

export interface PeeringM extends Named {
    vpcA: string;
    vpcB: string;
    active: boolean;
    /** The accepter VPC is in another Region (`peerRegion` differs from the graph's region). */
    interRegion: boolean;
}

export interface TgwM extends Named {
    /** `securityGroupReferencingSupport: "enable"` (default disable). */
    sgReferencing: boolean;
    defaultAssociation: boolean;
    defaultPropagation: boolean;
    associationRt?: string;
    propagationRt?: string;
}

export interface TgwAttachmentM extends Named {
    tgwId: string;
    vpcId: string;
    subnetIds: string[];
    ipv6: boolean;
    /** Not `securityGroupReferencingSupport: "disable"` on the attachment. */
    sgReferencing: boolean;
    defaultAssociation: boolean;
    defaultPropagation: boolean;
}

export interface TgwRouteM {
    dest: string;
    family: IpFamily;
    attachmentId?: string;
    blackhole: boolean;
    label: string;
    static: boolean;
}

export interface NatM extends Named {
    subnetId: string;
    privateIp?: string;
    connectivity: "public" | "private";
}

export interface ListenerM extends Named {
    port: number;
    protocol: string;
    targetGroupArns: string[];
}

export interface TargetM {
    /** Instance target: the instance ID; IP target: the address; pods: the cluster component name. */
    kind: "instance" | "ip" | "pods";
    ref: string;
    port?: number;
    label: string;
}

export interface TargetGroupM extends Named {
    arn: string;
    vpcId?: string;
    /** `loadBalancingCrossZoneEnabled`: true/false override the load balancer's setting; undefined uses it. */
    crossZone?: boolean;
    targetType: string;
    family: IpFamily;
    port?: number;
    protocol: string;
    preserveClientIp?: boolean;
    targets: TargetM[];
}

export interface NlbM extends Named {
    arn: string;
    internal: boolean;
    ipAddressType: string;
    subnetIds: string[];
    securityGroups: string[];
    crossZone: boolean;
    enforceSgOnPrivateLink: boolean;
    listeners: ListenerM[];
}

export interface EndpointServiceM extends Named {
    serviceName?: string;
    nlbArns: string[];
    supported: IpFamily[];
}

export interface EndpointM extends Named {
    serviceName?: string;
    type: string;
    vpcId?: string;
    subnetIds: string[];
    securityGroupIds: string[];
    ipAddressType: string;
    dnsRecordIpType: string;
    state?: string;
    privateDns: boolean;
    routeTableIds: string[];
}

export interface InstanceM extends Named {
    subnetId: string;
    privateIp?: string;
    /** Has a public IPv4 (publicIp, or associatePublicIpAddress); undefined: the subnet's mapPublicIpOnLaunch decides. */
    publicV4?: boolean;
    ipv6: string[];
    securityGroups: string[];
}

export interface LambdaM extends Named {
    subnetIds: string[];
    securityGroups: string[];
    ipv6Allowed: boolean;
}

/** One node group of a cluster: its nodes' subnets and the security groups each node carries. */
export interface NodeGroupM {
    name: string;
    subnetIds: string[];
    securityGroups: string[];
    /** Node interfaces get an IPv6 address from the launch template (ipv6AddressCount). */
    ltAssignsIpv6: boolean;
    /** Where the security groups come from, for messages. */
    sgSource: string;
}

export interface ClusterM extends Named {
    /** The component (or cluster resource) URN whose descendants are the cluster's resources. */
    urn: string;
    /** The EKS cluster name (what node groups name in `clusterName`), when known. */
    clusterName?: string;
    ipFamily: IpFamily;
    nodeGroups: NodeGroupM[];
    /** Union of the node groups' subnets (the cluster's private subnets when it has no node group). */
    nodeSubnetIds: string[];
    cniConfiguration?: string;
    serviceCidr?: string;
}

export interface Model {
    vpcs: Map<string, VpcM>;
    subnets: Map<string, SubnetM>;
    routeTables: Map<string, RouteTableM>;
    subnetRouteTable: Map<string, string>;
    igws: Map<string, Named & { vpcId?: string }>;
    eigws: Map<string, Named & { vpcId?: string }>;
    nats: Map<string, NatM>;
    peerings: Map<string, PeeringM>;
    tgws: Map<string, TgwM>;
    tgwAttachments: Map<string, TgwAttachmentM>;
    /** TGW route table ID -> routes (propagated and static). */
    tgwRouteTables: Map<string, TgwRouteM[]>;
    /** Attachment ID -> associated TGW route table ID. */
    tgwAssociation: Map<string, string>;
    sgs: Map<string, SgM>;
    /** Subnet ID -> NACL (only subnets the program gives one; others default-allow). */
    subnetNacl: Map<string, NaclM>;
    nlbs: Map<string, NlbM>;
    targetGroups: Map<string, TargetGroupM>;
    endpointServices: EndpointServiceM[];
    endpoints: Map<string, EndpointM>;
    instances: Map<string, InstanceM>;
    lambdas: Map<string, LambdaM>;
    clusters: Map<string, ClusterM>;
    /** Prefix list ID -> its CIDRs (managed prefix lists in the graph). */
    prefixLists: Map<string, string[]>;
    /** The graph's region (for inter-region peering). */
    region?: string;
    /**
     * Why the flow being analysed cannot be decided (a prefix list that is not in the graph was
     * consulted); reset by the analysis for each flow.
     */
    undecided: Set<string>;
    /** Notes about things the model could not read (unknown values, unresolved references). */
    notes: string[];
    /** Properties whose values are unknown (a real preview before the resources exist), as `name.key`. */
    unknowns: string[];
    index: GraphIndex;
    /** Site-to-Site VPN connections and their customer gateway devices (vpn.ts). */
    vpn?: VpnModel;
}

function portNum(v: unknown): number | undefined {
    const n = typeof v === "string" ? Number(v) : v;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

function cidrOrUndefined(v: unknown): string | undefined {
    const s = str(v);
    return s && !isUnknown(s) ? P(s)?.text : undefined;
}

/** Builds the model from a graph's resources. */
export function buildModel(graph: { resources: GraphResource[]; region?: string }): Model {
    const index = new GraphIndex(graph);
    const notes: string[] = [];
    const m: Model = {
        vpcs: new Map(), subnets: new Map(), routeTables: new Map(), subnetRouteTable: new Map(), igws: new Map(), eigws: new Map(), nats: new Map(),
        peerings: new Map(), tgws: new Map(), tgwAttachments: new Map(), tgwRouteTables: new Map(), tgwAssociation: new Map(), sgs: new Map(),
        subnetNacl: new Map(), nlbs: new Map(), targetGroups: new Map(), endpointServices: [], endpoints: new Map(), instances: new Map(),
        lambdas: new Map(), clusters: new Map(), prefixLists: new Map(), region: graph.region, undecided: new Set(), notes, index, unknowns: [],
    };
    const modelled = new Set<string>(Object.values(T));
    for (const r of graph.resources) {
        if (!modelled.has(r.type) || r.type.startsWith("pulumi:")) continue;
        for (const [k, v] of Object.entries({ ...r.inputs, ...r.outputs })) {
            // Only true unknowns (a preview's computed values); secrets and nested outputs are known at deploy.
            const unknown = (x: unknown) => x === "[unknown]";
            if (unknown(v) || (Array.isArray(v) && v.some(unknown))) m.unknowns.push(`${r.name}.${k}`);
        }
    }
    const byType = new Map<string, GraphResource[]>();
    for (const r of graph.resources) {
        const list = byType.get(r.type) ?? [];
        list.push(r);
        byType.set(r.type, list);
    }
    const of = (t: string) => byType.get(t) ?? [];
    const idOf = (r: GraphResource) => str(r.id) ?? str(r.outputs?.id) ?? r.urn;

    // VPCs and their CIDRs of both families (primary blocks and associations).
    for (const r of of(T.vpc)) {
        const v4 = cidrOrUndefined(prop(r, "cidrBlock"));
        const v6 = cidrOrUndefined(prop(r, "ipv6CidrBlock"));
        m.vpcs.set(idOf(r), { id: idOf(r), name: r.name, ipv4: v4 ? [v4] : [], ipv6: v6 ? [v6] : [], mainRouteTableId: str(prop(r, "mainRouteTableId")) ?? str(prop(r, "defaultRouteTableId")) });
    }
    for (const r of of(T.ipv6Assoc)) {
        const vpc = m.vpcs.get(prop(r, "vpcId"));
        const c = cidrOrUndefined(prop(r, "ipv6CidrBlock"));
        if (vpc && c && !vpc.ipv6.includes(c)) vpc.ipv6.push(c);
    }
    for (const r of of(T.ipv4Assoc)) {
        const vpc = m.vpcs.get(prop(r, "vpcId"));
        const c = cidrOrUndefined(prop(r, "cidrBlock"));
        if (vpc && c && !vpc.ipv4.includes(c)) vpc.ipv4.push(c);
    }
    for (const r of of(T.subnet)) {
        m.subnets.set(idOf(r), {
            id: idOf(r), name: r.name, vpcId: prop(r, "vpcId"), az: str(prop(r, "availabilityZone")) ?? str(prop(r, "availabilityZoneId")) ?? "?",
            azId: str(prop(r, "availabilityZoneId")), ownerId: str(prop(r, "ownerId")),
            ipv4: cidrOrUndefined(prop(r, "cidrBlock")), ipv6: cidrOrUndefined(prop(r, "ipv6CidrBlock")),
            dns64: bool(prop(r, "enableDns64"), false), assignIpv6: bool(prop(r, "assignIpv6AddressOnCreation"), false), mapPublicIp: bool(prop(r, "mapPublicIpOnLaunch"), false),
        });
    }

    // Gateways.
    for (const r of of(T.igw)) m.igws.set(idOf(r), { id: idOf(r), name: r.name, vpcId: str(prop(r, "vpcId")) });
    for (const r of of(T.eigw)) m.eigws.set(idOf(r), { id: idOf(r), name: r.name, vpcId: str(prop(r, "vpcId")) });
    for (const r of of(T.nat)) {
        m.nats.set(idOf(r), { id: idOf(r), name: r.name, subnetId: prop(r, "subnetId"), privateIp: str(prop(r, "privateIp")), connectivity: prop(r, "connectivityType") === "private" ? "private" : "public" });
    }
    const accepted = new Set(of(T.peeringAccepter).filter((r) => bool(prop(r, "autoAccept"), false)).map((r) => prop(r, "vpcPeeringConnectionId")));
    for (const r of of(T.peering)) {
        const id = idOf(r);
        const active = prop(r, "acceptStatus") === "active" || bool(r.inputs?.autoAccept, false) || accepted.has(id);
        // Inter-region when the accepter's Region differs from the requester's (peering guide,
        // "VPC peering basics"); `peerRegion` is set only for a peer in another Region.
        const peerRegion = str(prop(r, "peerRegion"));
        const interRegion = !!peerRegion && !isUnknown(peerRegion) && peerRegion !== graph.region;
        m.peerings.set(id, { id, name: r.name, vpcA: prop(r, "vpcId"), vpcB: prop(r, "peerVpcId"), active, interRegion });
    }

    // Managed prefix lists (inline entries and standalone entries) the program declares.
    for (const r of of(T.prefixList)) {
        const cidrs = objs(prop(r, "entries")).map((e) => cidrOrUndefined(e.cidr)).filter((c): c is string => !!c);
        m.prefixLists.set(idOf(r), cidrs);
    }
    for (const r of of(T.prefixListEntry)) {
        const list = m.prefixLists.get(prop(r, "prefixListId"));
        const c = cidrOrUndefined(prop(r, "cidr"));
        if (list && c && !list.includes(c)) list.push(c);
    }

    // Route tables and routes.
    const targetKind = (route: Record<string, any>): { kind: RouteTargetKind; targetId: string } | undefined => {
        const pick: [string, RouteTargetKind][] = [
            ["vpcPeeringConnectionId", "pcx"], ["transitGatewayId", "tgw"], ["natGatewayId", "nat"], ["egressOnlyGatewayId", "eigw"],
            ["gatewayId", "igw"], ["networkInterfaceId", "other"], ["vpcEndpointId", "other"], ["localGatewayId", "other"], ["carrierGatewayId", "other"], ["coreNetworkArn", "other"],
        ];
        for (const [key, kind] of pick) {
            const v = str(route[key]);
            if (!v) continue;
            if (key === "gatewayId" && v === "local") return { kind: "local", targetId: "local" };
            if (key === "gatewayId" && v.startsWith("vgw-")) return { kind: "other", targetId: v };
            return { kind, targetId: v };
        }
        return undefined;
    };
    const addRoute = (rtId: string, src: Record<string, any>, label: string) => {
        const rt = m.routeTables.get(rtId);
        if (!rt) {
            notes.push(`route ${label} names route table ${rtId}, which is not in the graph`);
            return;
        }
        const dest = cidrOrUndefined(src.destinationCidrBlock ?? src.cidrBlock) ?? cidrOrUndefined(src.destinationIpv6CidrBlock ?? src.ipv6CidrBlock);
        const target = targetKind(src);
        const pl = str(src.destinationPrefixListId);
        if (pl && target && !dest) {
            // A prefix-list route is one route per entry of the list (VPC user guide, "Route
            // priority": prefix list routes); a list that is not in the graph leaves the table undecided.
            const cidrs = m.prefixLists.get(pl);
            if (!cidrs) {
                rt.unresolvedPrefixLists.push({ label, prefixList: pl });
                notes.push(`route ${label} goes to prefix list ${pl}, which is not in the graph: flows through ${rt.name} are undecided`);
                return;
            }
            for (const c of cidrs) rt.routes.push({ dest: c, family: P(c)!.family, kind: target.kind, targetId: target.targetId, label: `${label} (prefix list ${pl} entry ${c})`, prefixList: pl });
            return;
        }
        if (!dest || !target) {
            notes.push(`route ${label} has no destination or target the model can read`);
            return;
        }
        rt.routes.push({ dest, family: P(dest)!.family, kind: target.kind, targetId: target.targetId, label });
    };
    for (const r of [...of(T.routeTable), ...of(T.defaultRouteTable)]) {
        const id = idOf(r);
        const vpcId = str(prop(r, "vpcId")) ?? [...m.vpcs.values()].find((v) => v.mainRouteTableId === str(prop(r, "defaultRouteTableId")))?.id ?? "";
        m.routeTables.set(id, { id, name: r.name, vpcId, routes: [], unresolvedPrefixLists: [] });
    }
    // Main route tables that the program never declared still exist (with their local routes only).
    for (const vpc of m.vpcs.values()) {
        if (vpc.mainRouteTableId && !m.routeTables.has(vpc.mainRouteTableId)) {
            m.routeTables.set(vpc.mainRouteTableId, { id: vpc.mainRouteTableId, name: `main route table of ${vpc.name}`, vpcId: vpc.id, routes: [], unresolvedPrefixLists: [] });
        }
    }
    for (const r of [...of(T.routeTable), ...of(T.defaultRouteTable)]) {
        const inline = r.inputs?.routes ?? r.outputs?.routes;
        objs(inline).forEach((x, i) => addRoute(idOf(r), x, `${r.name} (inline route ${i})`));
    }
    for (const r of of(T.route)) addRoute(prop(r, "routeTableId"), { ...r.inputs, ...r.outputs }, r.name);
    for (const r of of(T.mainRtAssoc)) {
        const vpc = m.vpcs.get(prop(r, "vpcId"));
        if (vpc) vpc.mainRouteTableId = prop(r, "routeTableId");
    }
    for (const r of of(T.rtAssoc)) {
        const subnetId = str(prop(r, "subnetId"));
        if (subnetId) m.subnetRouteTable.set(subnetId, prop(r, "routeTableId"));
    }
    // Implicit local routes: every VPC CIDR of both families (VPC user guide, "Route tables":
    // "every route table contains a local route for communication within the VPC"; it covers the
    // IPv4 and IPv6 CIDR blocks of the VPC and cannot be removed).
    for (const rt of m.routeTables.values()) {
        const vpc = m.vpcs.get(rt.vpcId);
        for (const c of [...(vpc?.ipv4 ?? []), ...(vpc?.ipv6 ?? [])]) rt.routes.push({ dest: c, family: P(c)!.family, kind: "local", targetId: "local", label: "local" });
    }

    // Transit gateways: defaults per the TGW API (DefaultRouteTableAssociation/Propagation enable;
    // VPC attachment Ipv6Support disable; attachment default-association/propagation true).
    for (const r of of(T.tgw)) {
        m.tgws.set(idOf(r), {
            id: idOf(r), name: r.name,
            sgReferencing: prop(r, "securityGroupReferencingSupport") === "enable",
            defaultAssociation: prop(r, "defaultRouteTableAssociation") !== "disable",
            defaultPropagation: prop(r, "defaultRouteTablePropagation") !== "disable",
            associationRt: str(prop(r, "associationDefaultRouteTableId")),
            propagationRt: str(prop(r, "propagationDefaultRouteTableId")),
        });
    }
    for (const r of of(T.tgwAttachment)) {
        m.tgwAttachments.set(idOf(r), {
            id: idOf(r), name: r.name, tgwId: prop(r, "transitGatewayId"), vpcId: prop(r, "vpcId"), subnetIds: strs(prop(r, "subnetIds")),
            ipv6: prop(r, "ipv6Support") === "enable",
            sgReferencing: prop(r, "securityGroupReferencingSupport") !== "disable",
            defaultAssociation: bool(prop(r, "transitGatewayDefaultRouteTableAssociation"), true),
            defaultPropagation: bool(prop(r, "transitGatewayDefaultRouteTablePropagation"), true),
        });
    }
    for (const r of of(T.tgwRouteTable)) m.tgwRouteTables.set(idOf(r), []);
    const propagations: { att: string; rt: string }[] = [];
    for (const att of m.tgwAttachments.values()) {
        const tgw = m.tgws.get(att.tgwId);
        if (!tgw) continue;
        if (tgw.defaultAssociation && att.defaultAssociation && tgw.associationRt) m.tgwAssociation.set(att.id, tgw.associationRt);
        if (tgw.defaultPropagation && att.defaultPropagation && tgw.propagationRt) propagations.push({ att: att.id, rt: tgw.propagationRt });
    }
    for (const r of of(T.tgwAssoc)) m.tgwAssociation.set(prop(r, "transitGatewayAttachmentId"), prop(r, "transitGatewayRouteTableId"));
    for (const r of of(T.tgwPropagation)) propagations.push({ att: prop(r, "transitGatewayAttachmentId"), rt: prop(r, "transitGatewayRouteTableId") });
    for (const { att, rt } of propagations) {
        const a = m.tgwAttachments.get(att);
        const vpc = a && m.vpcs.get(a.vpcId);
        if (!a || !vpc) continue;
        const routes = m.tgwRouteTables.get(rt) ?? [];
        m.tgwRouteTables.set(rt, routes);
        // A VPC attachment propagates its IPv6 CIDR only with IPv6 support enabled (TGW guide,
        // "Transit gateway VPC attachments": "IPv6 support ... the VPC's IPv6 CIDR is propagated").
        for (const c of [...vpc.ipv4, ...(a.ipv6 ? vpc.ipv6 : [])]) routes.push({ dest: c, family: P(c)!.family, attachmentId: att, blackhole: false, label: `propagated from ${a.name}`, static: false });
    }
    for (const r of of(T.tgwRoute)) {
        const rt = prop(r, "transitGatewayRouteTableId");
        const dest = cidrOrUndefined(prop(r, "destinationCidrBlock"));
        if (!dest) continue;
        const routes = m.tgwRouteTables.get(rt) ?? [];
        m.tgwRouteTables.set(rt, routes);
        routes.push({ dest, family: P(dest)!.family, attachmentId: str(prop(r, "transitGatewayAttachmentId")), blackhole: bool(prop(r, "blackhole"), false), label: r.name, static: true });
    }

    // Security groups: standalone rules of both APIs and inline rules.
    // A reference `123456789012/sg-…` names a group of another account (peering guide, "Update your
    // security groups to reference peer security groups").
    const sgRef = (ref: string): { sg: string; account?: string } => {
        const m2 = /^(\d{12})\/(sg-[\w-]+)$/.exec(ref);
        return m2 ? { sg: m2[2], account: m2[1] } : { sg: ref };
    };
    // A prefix list in a rule stands for each of its CIDRs (VPC user guide, "Security group
    // rules": a prefix list as source or destination); one that is not in the graph stays a rule
    // the analysis cannot decide.
    const plRules = (base: Omit<SgRuleM, "cidr" | "sg">, pl: string): SgRuleM[] => {
        const cidrs = m.prefixLists.get(pl);
        if (!cidrs) return [{ ...base, prefixList: pl }];
        return cidrs.map((c) => ({ ...base, label: `${base.label} (prefix list ${pl} entry ${c})`, cidr: c }));
    };
    const sgOf = (id: string, name = id): SgM => {
        let sg = m.sgs.get(id);
        if (!sg) {
            sg = { id, name, ingress: [], egress: [] };
            m.sgs.set(id, sg);
        }
        return sg;
    };
    for (const r of of(T.securityGroup)) {
        const sg = sgOf(idOf(r), r.name);
        sg.name = r.name;
        sg.vpcId = str(prop(r, "vpcId"));
        for (const dir of ["ingress", "egress"] as const) {
            const inline = r.inputs?.[dir] ?? r.outputs?.[dir];
            objs(inline).forEach((x, i) => {
                const base = { label: `${r.name} inline ${dir} ${i}`, protocol: String(x.protocol ?? "-1"), fromPort: portNum(x.fromPort), toPort: portNum(x.toPort) };
                for (const c of [...strs(x.cidrBlocks), ...strs(x.ipv6CidrBlocks)]) { const cc = cidrOrUndefined(c); if (cc) sg[dir].push({ ...base, cidr: cc }); }
                for (const s of strs(x.securityGroups)) sg[dir].push({ ...base, ...sgRef(s) });
                for (const pl of strs(x.prefixListIds)) sg[dir].push(...plRules(base, pl));
                if (x.self) sg[dir].push({ ...base, sg: sg.id });
            });
        }
    }
    const standalone = (r: GraphResource, dir: "ingress" | "egress", fields: Record<string, any>) => {
        if (!fields || typeof fields !== "object") return;
        const sgId = fields.securityGroupId;
        if (!str(sgId)) return;
        const sg = sgOf(sgId);
        const base = { label: r.name, protocol: String(fields.ipProtocol ?? fields.protocol ?? "-1"), fromPort: portNum(fields.fromPort), toPort: portNum(fields.toPort) };
        for (const c of [fields.cidrIpv4, fields.cidrIpv6, ...strs(fields.cidrBlocks), ...strs(fields.ipv6CidrBlocks)]) { const cc = cidrOrUndefined(c); if (cc) sg[dir].push({ ...base, cidr: cc }); }
        const ref = str(fields.referencedSecurityGroupId) ?? str(fields.sourceSecurityGroupId);
        if (ref) sg[dir].push({ ...base, ...sgRef(ref) });
        for (const pl of [str(fields.prefixListId), ...strs(fields.prefixListIds)]) if (pl) sg[dir].push(...plRules(base, pl));
        if (fields.self === true) sg[dir].push({ ...base, sg: sgId });
    };
    for (const r of of(T.sgIngress)) standalone(r, "ingress", { ...r.inputs, ...r.outputs });
    for (const r of of(T.sgEgress)) standalone(r, "egress", { ...r.inputs, ...r.outputs });
    for (const r of of(T.sgRule)) {
        const f = { ...r.inputs, ...r.outputs };
        standalone(r, f.type === "egress" ? "egress" : "ingress", f);
    }

    // Network ACLs: only where the program defines them (the default NACL allows everything).
    const nacls = new Map<string, NaclM>();
    const defaultNacls: { nacl: NaclM; vpcId?: string }[] = [];
    for (const r of [...of(T.nacl), ...of(T.defaultNacl)]) {
        const nacl: NaclM = { id: idOf(r), name: r.name, rules: [] };
        nacls.set(nacl.id, nacl);
        for (const dir of ["ingress", "egress"] as const) {
            const inline = r.inputs?.[dir] ?? r.outputs?.[dir];
            {
                for (const x of objs(inline)) {
                    const c = cidrOrUndefined(x.cidrBlock) ?? cidrOrUndefined(x.ipv6CidrBlock);
                    if (c) nacl.rules.push({ number: Number(x.ruleNo), egress: dir === "egress", protocol: String(x.protocol), action: x.action === "deny" ? "deny" : "allow", cidr: c, fromPort: portNum(x.fromPort), toPort: portNum(x.toPort) });
                }
            }
        }
        for (const s of strs(prop(r, "subnetIds"))) m.subnetNacl.set(s, nacl);
        if (r.type === T.defaultNacl) {
            const aclId = prop(r, "defaultNetworkAclId");
            defaultNacls.push({ nacl, vpcId: str(prop(r, "vpcId")) ?? [...of(T.vpc)].find((v) => prop(v, "defaultNetworkAclId") === aclId)?.id });
        }
    }
    for (const r of of(T.naclRule)) {
        const nacl = nacls.get(prop(r, "networkAclId"));
        const c = cidrOrUndefined(prop(r, "cidrBlock")) ?? cidrOrUndefined(prop(r, "ipv6CidrBlock"));
        if (nacl && c) nacl.rules.push({ number: Number(prop(r, "ruleNumber")), egress: bool(prop(r, "egress"), false), protocol: String(prop(r, "protocol")), action: prop(r, "ruleAction") === "deny" ? "deny" : "allow", cidr: c, fromPort: portNum(prop(r, "fromPort")), toPort: portNum(prop(r, "toPort")) });
    }
    for (const r of of(T.naclAssoc)) {
        const nacl = nacls.get(prop(r, "networkAclId"));
        if (nacl) m.subnetNacl.set(prop(r, "subnetId"), nacl);
    }
    // A managed default NACL (aws.ec2.DefaultNetworkAcl replaces the default rules with the
    // program's) covers every subnet of its VPC that has no other NACL (VPC user guide, "Default
    // network ACL": subnets not associated with a custom NACL use the default one).
    // One whose VPC the model cannot tell covers nothing (not the subnets whose VPC it cannot tell either).
    for (const { nacl, vpcId } of defaultNacls) {
        for (const sub of m.subnets.values()) if (vpcId && sub.vpcId === vpcId && !m.subnetNacl.has(sub.id)) m.subnetNacl.set(sub.id, nacl);
    }
    for (const n of nacls.values()) n.rules.sort((a, b) => a.number - b.number);

    // Load balancers, listeners, target groups and targets.
    for (const r of of(T.lb)) {
        if ((prop(r, "loadBalancerType") ?? "application") !== "network") continue;
        const arn = str(prop(r, "arn")) ?? idOf(r);
        const mappings = objs(prop(r, "subnetMappings")).map((x) => x.subnetId).filter((x): x is string => typeof x === "string");
        const sgs = strs(prop(r, "securityGroups"));
        m.nlbs.set(arn, {
            id: arn, arn, name: r.name, internal: bool(prop(r, "internal"), false), ipAddressType: str(prop(r, "ipAddressType")) ?? "ipv4", subnetIds: [...strs(prop(r, "subnets")), ...mappings],
            securityGroups: sgs, crossZone: bool(prop(r, "enableCrossZoneLoadBalancing"), false),
            enforceSgOnPrivateLink: prop(r, "enforceSecurityGroupInboundRulesOnPrivateLinkTraffic") !== "off", listeners: [],
        });
    }
    for (const r of of(T.targetGroup)) {
        const arn = str(prop(r, "arn")) ?? idOf(r);
        const pci = prop(r, "preserveClientIp");
        const cz = str(prop(r, "loadBalancingCrossZoneEnabled"));
        m.targetGroups.set(arn, {
            id: arn, arn, name: r.name, vpcId: str(prop(r, "vpcId")), crossZone: cz === "true" ? true : cz === "false" ? false : undefined, targetType: str(prop(r, "targetType")) ?? "instance", family: prop(r, "ipAddressType") === "ipv6" ? "ipv6" : "ipv4",
            port: portNum(prop(r, "port")), protocol: String(prop(r, "protocol") ?? "TCP"), preserveClientIp: pci === undefined || pci === null || pci === "" ? undefined : bool(pci, false), targets: [],
        });
    }
    for (const r of of(T.listener)) {
        const lb = m.nlbs.get(prop(r, "loadBalancerArn"));
        if (!lb) continue;
        const tgs = objs(prop(r, "defaultActions")).flatMap((a) => [a.targetGroupArn, ...objs(a.forward?.targetGroups).map((t) => t.arn)]).filter((x): x is string => typeof x === "string");
        lb.listeners.push({ id: idOf(r), name: r.name, port: portNum(prop(r, "port")) ?? -1, protocol: String(prop(r, "protocol") ?? "TCP"), targetGroupArns: tgs });
    }
    for (const r of of(T.tgAttachment)) {
        const tg = m.targetGroups.get(prop(r, "targetGroupArn"));
        if (!tg) continue;
        tg.targets.push({ kind: tg.targetType === "ip" ? "ip" : "instance", ref: prop(r, "targetId"), port: portNum(prop(r, "port")), label: r.name });
    }

    // Clusters: the repository's EksCluster component, else a bare eks:index:Cluster or aws.eks.Cluster.
    const ancestors = (r: GraphResource): GraphResource[] => {
        const out: GraphResource[] = [];
        let p = r.parent ? index.byUrn.get(r.parent) : undefined;
        while (p) { out.push(p); p = p.parent ? index.byUrn.get(p.parent) : undefined; }
        return out;
    };
    const clusterRoots = [...of(T.repoEksCluster)];
    for (const r of [...of(T.eksComponent), ...of(T.eksCluster)]) if (!ancestors(r).some((a) => a.type === T.repoEksCluster || a.type === T.eksComponent)) clusterRoots.push(r);
    /** A cluster reference in a node group's inputs: a name, or an object carrying one. */
    const clusterRefName = (v: unknown): string | undefined => {
        if (typeof v === "string") return str(v) && !isUnknown(v) ? v : undefined;
        if (v && typeof v === "object") {
            const o = v as Record<string, any>;
            return clusterRefName(o.name) ?? clusterRefName(o.clusterName) ?? clusterRefName(o.eksCluster?.name) ?? clusterRefName(o.cluster?.name);
        }
        return undefined;
    };
    interface Built { root: GraphResource; eks: GraphResource; clusterName?: string; family: IpFamily; clusterSg?: string; groups: NodeGroupM[] }
    const built: Built[] = [];
    for (const root of clusterRoots) {
        const desc = [root, ...index.descendants(root.urn)];
        const eks = desc.find((d) => d.type === T.eksComponent || d.type === T.eksCluster);
        if (!eks) continue;
        const awsCluster = desc.find((d) => d.type === T.eksCluster);
        const clusterName = clusterRefName(prop(eks, "name")) ?? (awsCluster ? clusterRefName(prop(awsCluster, "name")) ?? clusterRefName(awsCluster.id) : undefined) ?? clusterRefName(eks.outputs?.eksCluster);
        // The component's `ipFamily` input, else the inner aws.eks.Cluster's kubernetesNetworkConfig: a
        // state export records a @pulumi/eks component's registered outputs, not its inputs.
        const familyOf = (r: GraphResource | undefined) => r?.inputs?.kubernetesNetworkConfig?.ipFamily ?? r?.outputs?.kubernetesNetworkConfig?.ipFamily;
        const family: IpFamily = (prop(eks, "ipFamily") ?? familyOf(eks) ?? familyOf(awsCluster)) === "ipv6" ? "ipv6" : "ipv4";
        const clusterSg = str(prop(eks, "clusterSecurityGroupId")) ?? str(eks.outputs?.vpcConfig?.clusterSecurityGroupId) ?? (awsCluster ? str(awsCluster.outputs?.vpcConfig?.clusterSecurityGroupId) : undefined);
        built.push({ root, eks, clusterName, family, clusterSg: clusterSg && !isUnknown(clusterSg) ? clusterSg : undefined, groups: [] });
    }
    // Node groups are matched to their cluster by cluster name (`clusterName` of aws.eks.NodeGroup,
    // `cluster`/`clusterName` of @pulumi/eks node groups), wherever they are declared: inside the
    // cluster component, beside it (eks.ManagedNodeGroup) or at the top level. Only a node group
    // whose cluster name is unreadable falls back to its parentage.
    // A resource reference to the cluster is a URN (a state export's reference object) or, from the
    // offline engine, the opaque "[resource]": then the graph's only cluster is meant, if it has one.
    const byReference = (ref: unknown): Built | undefined => {
        const urn = typeof ref === "string" ? ref : ref && typeof ref === "object" ? (ref as any).urn : undefined;
        if (typeof urn === "string" && urn.startsWith("urn:")) return built.find((b) => b.root.urn === urn || b.eks.urn === urn);
        if (ref === "[resource]" && built.length === 1) {
            notes.push("a node group references its cluster as an opaque resource; matched to the graph's only cluster");
            return built[0];
        }
        return undefined;
    };
    const clusterFor = (r: GraphResource, name: string | undefined, ref?: unknown): Built | undefined =>
        (name ? built.find((b) => b.clusterName === name || b.root.name === name) : undefined) ?? byReference(ref)
        ?? built.find((b) => ancestors(r).some((a) => a.urn === b.root.urn || a.urn === b.eks.urn));
    const launchTemplateOf = (ref: unknown): { sgs: string[]; ipv6: boolean } | undefined => {
        const ltId = ref && typeof ref === "object" ? (ref as any).id ?? (ref as any).name : undefined;
        const lt = typeof ltId === "string" ? index.byRef(ltId) ?? of(T.launchTemplate).find((l) => prop(l, "name") === ltId) : undefined;
        if (!lt) return undefined;
        const nis = objs(prop(lt, "networkInterfaces"));
        return { sgs: [...strs(prop(lt, "vpcSecurityGroupIds")), ...nis.flatMap((n) => strs(n.securityGroups))], ipv6: nis.some((n) => Number(n.ipv6AddressCount) > 0) };
    };
    const managedInComponent = new Set<string>();
    for (const ng of of(T.nodeGroup)) {
        const b = clusterFor(ng, clusterRefName(prop(ng, "clusterName")));
        if (!b) { notes.push(`node group ${ng.name} names cluster ${clusterRefName(prop(ng, "clusterName")) ?? "(unknown)"}, which is not in the graph`); continue; }
        const mng = ancestors(ng).find((a) => a.type === T.eksManagedNodeGroup);
        if (mng) managedInComponent.add(mng.urn);
        const lt = launchTemplateOf(prop(ng, "launchTemplate"));
        // Managed nodes carry the launch template's security groups; without any, EKS attaches the
        // cluster security group (EKS user guide, "Customize managed nodes with launch templates":
        // security groups in the launch template replace the cluster security group).
        const sgs = lt && lt.sgs.length > 0 ? lt.sgs : b.clusterSg ? [b.clusterSg] : [];
        b.groups.push({ name: ng.name, subnetIds: strs(prop(ng, "subnetIds")), securityGroups: sgs, ltAssignsIpv6: lt?.ipv6 ?? false, sgSource: lt && lt.sgs.length > 0 ? "launch template" : "EKS cluster security group (no launch-template groups)" });
    }
    // @pulumi/eks node groups seen as opaque components (a preview, or `--program`): their inputs say
    // which cluster, subnets and groups they use.
    for (const mng of of(T.eksManagedNodeGroup)) {
        if (managedInComponent.has(mng.urn)) continue;
        const b = clusterFor(mng, clusterRefName(prop(mng, "clusterName")) ?? clusterRefName(prop(mng, "cluster")), prop(mng, "cluster"));
        if (!b) { notes.push(`managed node group ${mng.name}: its cluster is not in the graph`); continue; }
        const lt = launchTemplateOf(prop(mng, "launchTemplate"));
        const sgs = lt && lt.sgs.length > 0 ? lt.sgs : b.clusterSg ? [b.clusterSg] : [];
        b.groups.push({ name: mng.name, subnetIds: strs(prop(mng, "subnetIds")), securityGroups: sgs, ltAssignsIpv6: lt?.ipv6 ?? false, sgSource: lt && lt.sgs.length > 0 ? "launch template" : "EKS cluster security group (no launch-template groups)" });
    }
    // The security group @pulumi/eks creates for self-managed nodes (`<cluster>-nodeSecurityGroup`):
    // the real one when the graph has it (a state export lists the component's children), else its
    // rules as @pulumi/eks writes them (pulumi-eks nodejs/eks securitygroup.ts: all from itself,
    // tcp/1025-65535 and tcp/443 from the cluster's control-plane group, all egress to 0.0.0.0/0
    // and none to ::/0, pulumi-eks#1700).
    const defaultNodeSg = (b: Built): string => {
        const real = str(b.eks.outputs?.nodeSecurityGroupId);
        if (real && !isUnknown(real) && m.sgs.has(real)) return real;
        const child = index.descendants(b.eks.urn).find((d) => d.type === T.securityGroup && d.name.endsWith("-nodeSecurityGroup"));
        if (child) return idOf(child);
        const id = `${b.root.name}-nodeSecurityGroup`;
        if (!m.sgs.has(id)) {
            const label = `@pulumi/eks default rule of ${id}`;
            const controlPlane = `${b.root.name}-eksClusterSecurityGroup`;
            m.sgs.set(id, {
                id, name: `@pulumi/eks default node security group of ${b.root.name}`,
                ingress: [{ label, protocol: "-1", sg: id }, { label, protocol: "tcp", fromPort: 1025, toPort: 65535, sg: controlPlane }, { label, protocol: "tcp", fromPort: 443, toPort: 443, sg: controlPlane }],
                egress: [{ label, protocol: "-1", cidr: "0.0.0.0/0" }],
            });
        }
        return id;
    };
    for (const ng of [...of(T.eksNodeGroupV2), ...of(T.eksNodeGroup)]) {
        if (index.descendants(ng.urn).some((d) => d.type === T.launchTemplate || d.type === T.nodeGroup)) {
            notes.push(`self-managed node group ${ng.name}: its instances come from an Auto Scaling group the model does not read; using its inputs`);
        }
        const b = clusterFor(ng, clusterRefName(prop(ng, "cluster")) ?? clusterRefName(prop(ng, "clusterName")), prop(ng, "cluster"));
        if (!b) { notes.push(`self-managed node group ${ng.name}: its cluster is not in the graph`); continue; }
        const own = str(prop(ng, "nodeSecurityGroup")?.id ?? prop(ng, "nodeSecurityGroupId"));
        const extra = objs(prop(ng, "extraNodeSecurityGroups")).map((x) => str(x.id)).filter((x): x is string => !!x);
        b.groups.push({ name: ng.name, subnetIds: strs(prop(ng, "nodeSubnetIds")), securityGroups: [own ?? defaultNodeSg(b), ...extra], ltAssignsIpv6: false, sgSource: own ? "its nodeSecurityGroup" : "@pulumi/eks default node security group" });
    }
    for (const b of built) {
        const { root, eks, family, clusterSg } = b;
        // An eks.Cluster without skipDefaultNodeGroup runs a default self-managed node group in its
        // subnets with the default node security group (@pulumi/eks Cluster docs, skipDefaultNodeGroup).
        if (eks.type === T.eksComponent && !bool(prop(eks, "skipDefaultNodeGroup"), false) && !bool(prop(eks, "fargate"), false)) {
            const subnets = strs(prop(eks, "privateSubnetIds")).length > 0 ? strs(prop(eks, "privateSubnetIds")) : strs(prop(eks, "subnetIds"));
            const own = str(prop(eks, "nodeSecurityGroup")?.id);
            b.groups.unshift({ name: `${root.name}-default (eks.Cluster default node group)`, subnetIds: subnets, securityGroups: [own ?? defaultNodeSg(b)], ltAssignsIpv6: false, sgSource: own ? "its nodeSecurityGroup" : "@pulumi/eks default node security group" });
        }
        // The cluster security group EKS creates is not a resource of the program; it keeps the
        // default rules EKS creates even when the program adds rules to it (EKS user guide, "View
        // Amazon EKS security group requirements for clusters", default cluster security group):
        // inbound all from itself, outbound all to 0.0.0.0/0 (IPv4 cluster) or ::/0 (IPv6 cluster),
        // outbound all to itself. Only a program that manages the group itself replaces them.
        if (clusterSg && !of(T.securityGroup).some((r) => idOf(r) === clusterSg)) {
            const label = `EKS default rule of the cluster security group of ${root.name}`;
            const sg = sgOf(clusterSg, `EKS cluster security group of ${root.name}`);
            sg.name = `EKS cluster security group of ${root.name}`;
            sg.ingress.unshift({ label, protocol: "-1", sg: clusterSg });
            sg.egress.unshift({ label, protocol: "-1", cidr: family === "ipv6" ? "::/0" : "0.0.0.0/0" }, { label, protocol: "-1", sg: clusterSg });
        }
        const desc = [root, ...index.descendants(root.urn)];
        const cni = [...desc, ...(b.clusterName ? of(T.addon).filter((a) => prop(a, "clusterName") === b.clusterName) : [])].find((d) => d.type === T.addon && prop(d, "addonName") === "vpc-cni");
        const groups = b.groups.filter((g) => g.subnetIds.length > 0);
        const nodeSubnets = [...new Set(groups.flatMap((g) => g.subnetIds))];
        m.clusters.set(root.name, {
            id: root.name, name: root.name, urn: root.urn, clusterName: b.clusterName, ipFamily: family, nodeGroups: groups,
            nodeSubnetIds: nodeSubnets.length > 0 ? nodeSubnets : strs(prop(eks, "privateSubnetIds")),
            cniConfiguration: cni ? str(prop(cni, "configurationValues")) : undefined,
            serviceCidr: str(eks.outputs?.modelServiceIpv6Cidr) ?? str(eks.outputs?.modelServiceIpv4Cidr),
        });
    }
    // TargetGroupBindings: the AWS Load Balancer Controller registers the pods behind a Service of
    // the cluster whose Kubernetes provider created the binding.
    const clusterOfUrn = (urn: string | undefined): ClusterM | undefined => {
        const r = urn ? index.byUrn.get(urn) : undefined;
        if (!r) return undefined;
        for (const a of [r, ...ancestors(r)]) {
            const c = [...m.clusters.values()].find((x) => x.urn === a.urn);
            if (c) return c;
        }
        return undefined;
    };
    for (const r of of(T.tgBinding)) {
        const spec = prop(r, "spec") ?? {};
        const tg = m.targetGroups.get(spec.targetGroupARN ?? spec.targetGroupArn);
        const providerUrn = r.provider ? r.provider.split("::").slice(0, -1).join("::") : undefined;
        const cluster = clusterOfUrn(providerUrn) ?? clusterOfUrn(r.urn);
        if (!tg) { notes.push(`TargetGroupBinding ${r.name} names a target group that is not in the graph`); continue; }
        if (!cluster) { notes.push(`TargetGroupBinding ${r.name}: cannot tell which cluster's provider created it`); continue; }
        tg.targets.push({ kind: "pods", ref: cluster.name, port: portNum(spec.serviceRef?.port) ?? tg.port, label: `${r.name} (TargetGroupBinding, Service ${spec.serviceRef?.name ?? "?"})` });
    }

    // PrivateLink.
    for (const r of of(T.endpointService)) {
        const types = strs(prop(r, "supportedIpAddressTypes"));
        m.endpointServices.push({ id: idOf(r), name: r.name, serviceName: str(prop(r, "serviceName")), nlbArns: strs(prop(r, "networkLoadBalancerArns")), supported: (types.length > 0 ? types : ["ipv4"]) as IpFamily[] });
    }
    for (const r of of(T.endpoint)) {
        const ipType = str(prop(r, "ipAddressType")) ?? "ipv4";
        const dns = prop(r, "dnsOptions")?.dnsRecordIpType;
        m.endpoints.set(r.name, {
            id: idOf(r), name: r.name, serviceName: str(prop(r, "serviceName")), type: str(prop(r, "vpcEndpointType")) ?? "Gateway", vpcId: str(prop(r, "vpcId")),
            subnetIds: strs(prop(r, "subnetIds")), securityGroupIds: strs(prop(r, "securityGroupIds")), ipAddressType: ipType,
            privateDns: bool(prop(r, "privateDnsEnabled"), false), routeTableIds: strs(prop(r, "routeTableIds")),
            // Default DNS record type follows the endpoint's IP address type (PrivateLink guide, "DNS record IP type").
            dnsRecordIpType: str(dns) ?? ipType, state: str(r.outputs?.state),
        });
    }
    for (const r of of(T.instance)) {
        m.instances.set(r.name, {
            id: idOf(r), name: r.name, subnetId: prop(r, "subnetId"), privateIp: str(prop(r, "privateIp")), ipv6: strs(prop(r, "ipv6Addresses")),
            publicV4: str(r.outputs?.publicIp) ? true : prop(r, "associatePublicIpAddress") === undefined || prop(r, "associatePublicIpAddress") === null ? undefined : bool(prop(r, "associatePublicIpAddress"), false),
            securityGroups: [...strs(prop(r, "vpcSecurityGroupIds")), ...strs(prop(r, "securityGroups"))],
        });
    }
    for (const r of of(T.lambda)) {
        const vc = prop(r, "vpcConfig") ?? {};
        m.lambdas.set(r.name, { id: idOf(r), name: r.name, subnetIds: strs(vc.subnetIds), securityGroups: strs(vc.securityGroupIds), ipv6Allowed: bool(vc.ipv6AllowedForDualStack, false) });
    }
    m.vpn = buildVpnModel(m, graph.resources);
    return m;
}

/** The route table a subnet uses: its explicit association, else its VPC's main route table. */
export function routeTableOf(m: Model, subnetId: string): RouteTableM | undefined {
    const explicit = m.subnetRouteTable.get(subnetId);
    if (explicit) return m.routeTables.get(explicit);
    const vpc = m.vpcs.get(m.subnets.get(subnetId)?.vpcId ?? "");
    return vpc?.mainRouteTableId ? m.routeTables.get(vpc.mainRouteTableId) : undefined;
}

/**
 * Two subnets are in the same Availability Zone. AZ names are mapped to physical zones per account;
 * AZ IDs are the same in every account (AWS RAM user guide, "Availability Zone IDs for your AWS
 * resources"), so IDs are compared when both subnets record one, names otherwise.
 */
export function sameAz(a: SubnetM, b: SubnetM): boolean {
    if (a.azId && b.azId) return a.azId === b.azId;
    return a.az === b.az;
}
