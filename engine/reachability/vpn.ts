/**
 * AWS Site-to-Site VPN in the reachability model: VPN connections attached to a transit gateway,
 * and the customer gateway device when the graph holds it (an instance whose Elastic IP is the
 * customer gateway's address, as in the `onprem-vpn-ipv4-egress` scenario's simulated on-premises
 * network). The walk (walk.ts) calls in here at two places only: a transit gateway route whose
 * target is a VPN attachment (into the tunnel, out at the appliance), and a VPC route whose target
 * is the appliance's network interface (into the tunnel, out at the gateway).
 *
 * AWS behaviour relied on, each cited where used:
 * - A VPN attachment associates with the gateway's default association route table like any other
 *   attachment when default association is on (Transit Gateway guide, "Transit gateway route
 *   tables"); a static VPN propagates no routes: the gateway's route table needs static routes to
 *   the VPN attachment (Transit Gateway guide, "Site-to-Site VPN attachments", Requirements).
 *   A BGP VPN's routes are learned at run time from the device and are not in any graph.
 * - The tunnels carry the family of `tunnelInsideIpVersion` only (EC2 API,
 *   VpnConnectionOptionsSpecification.TunnelInsideIpVersion, default ipv4) and only traffic whose
 *   addresses match the traffic selectors: source in `remoteIpv4NetworkCidr` (AWS side) and
 *   destination in `localIpv4NetworkCidr` (customer side) toward the customer, the reverse
 *   toward AWS (both default 0.0.0.0/0).
 * - An instance forwarding packets that are neither from nor to itself needs source/destination
 *   checking off (EC2 user guide, "Change source or destination checking"); its security groups
 *   see the forwarded packets on its interface (stateful: replies of a tracked flow pass).
 */
import type { GraphResource } from "../graph";
import { RESOURCE_TYPES } from "../../lib/resourceTypes";
import type { Model, SubnetM, TgwRouteM } from "./model";
import { P, prop, isUnknown } from "./model";
import { lookup, naclVerdict, sgCheck, subnetLabel, type Packet } from "./walk";

/** The instance that terminates a connection's tunnels (the customer gateway device). */
export interface ApplianceM {
    id: string;
    name: string;
    subnetId: string;
    eni?: string;
    sourceDestCheck: boolean;
    securityGroups: string[];
}

export interface VpnConnectionM {
    id: string;
    name: string;
    tgwId?: string;
    attachmentId?: string;
    staticOnly: boolean;
    insideIpVersion: "ipv4" | "ipv6";
    /** Customer-side traffic selector (`localIpv4NetworkCidr`). */
    local: string;
    /** AWS-side traffic selector (`remoteIpv4NetworkCidr`). */
    remote: string;
    customerGatewayIp?: string;
    appliance?: ApplianceM;
}

export interface VpnModel {
    connections: VpnConnectionM[];
    /** VPN attachment ID -> its connection. */
    byAttachment: Map<string, VpnConnectionM>;
    /** Network interface ID of an appliance -> the appliance and the connections it terminates. */
    byEni: Map<string, { appliance: ApplianceM; connections: VpnConnectionM[] }>;
    /** Transit gateway route table ID -> the BGP VPN connections propagating into it (routes unknown until run time). */
    bgpInto: Map<string, VpnConnectionM[]>;
}

const T = RESOURCE_TYPES;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" && !isUnknown(v) ? v : undefined);
const bool = (v: unknown, d: boolean) => (v === true || v === "true" ? true : v === false || v === "false" ? false : d);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : []);

/** Reads the VPN connections, customer gateways and appliances of a graph into the model (and their TGW associations). */
export function buildVpnModel(m: Model, resources: readonly GraphResource[]): VpnModel {
    const of = (t: string) => resources.filter((r) => r.type === t);
    const idOf = (r: GraphResource) => str(r.id) ?? str(r.outputs?.id) ?? r.urn;
    const vpn: VpnModel = { connections: [], byAttachment: new Map(), byEni: new Map(), bgpInto: new Map() };
    const propagations = of(T.tgwPropagation).map((r) => ({ att: str(prop(r, "transitGatewayAttachmentId")), rt: str(prop(r, "transitGatewayRouteTableId")) }));
    const bgp = (rt: string | undefined, c: VpnConnectionM) => { if (rt) vpn.bgpInto.set(rt, [...(vpn.bgpInto.get(rt) ?? []), c]); };
    const cgws = new Map(of(T.customerGateway).map((r) => [idOf(r), str(prop(r, "ipAddress"))]));
    const instances = of(T.instance).map((r): ApplianceM => ({
        id: idOf(r), name: r.name, subnetId: prop(r, "subnetId"), eni: str(r.outputs?.primaryNetworkInterfaceId),
        sourceDestCheck: bool(prop(r, "sourceDestCheck"), true),
        securityGroups: [...strs(prop(r, "vpcSecurityGroupIds")), ...strs(prop(r, "securityGroups"))],
    }));
    const byInstanceId = new Map(instances.map((i) => [i.id, i]));
    const byEni = new Map(instances.filter((i) => i.eni).map((i) => [i.eni!, i]));
    // Elastic IPs: their address and the instance (or interface) they are associated with.
    const eips = of(T.eip).map((r) => ({ id: idOf(r), ip: str(prop(r, "publicIp")), instance: str(prop(r, "instance")), eni: str(prop(r, "networkInterface")) }));
    for (const a of of(T.eipAssoc)) {
        const e = eips.find((x) => x.id === str(prop(a, "allocationId")) || (!!x.ip && x.ip === str(prop(a, "publicIp"))));
        if (e) { e.instance ??= str(prop(a, "instanceId")); e.eni ??= str(prop(a, "networkInterfaceId")); }
    }
    for (const r of of(T.vpnConnection)) {
        const cgwIp = cgws.get(str(prop(r, "customerGatewayId")) ?? "");
        const eip = cgwIp ? eips.find((e) => e.ip === cgwIp) : undefined;
        const appliance = eip ? (eip.instance ? byInstanceId.get(eip.instance) : undefined) ?? (eip.eni ? byEni.get(eip.eni) : undefined) : undefined;
        const c: VpnConnectionM = {
            id: idOf(r), name: r.name, tgwId: str(prop(r, "transitGatewayId")), attachmentId: str(prop(r, "transitGatewayAttachmentId")),
            staticOnly: bool(prop(r, "staticRoutesOnly"), false),
            insideIpVersion: prop(r, "tunnelInsideIpVersion") === "ipv6" ? "ipv6" : "ipv4",
            local: P(str(prop(r, "localIpv4NetworkCidr")) ?? "0.0.0.0/0")?.text ?? "0.0.0.0/0",
            remote: P(str(prop(r, "remoteIpv4NetworkCidr")) ?? "0.0.0.0/0")?.text ?? "0.0.0.0/0",
            customerGatewayIp: cgwIp, appliance,
        };
        vpn.connections.push(c);
        if (c.attachmentId) {
            vpn.byAttachment.set(c.attachmentId, c);
            const tgw = c.tgwId ? m.tgws.get(c.tgwId) : undefined;
            // Default association covers VPN attachments too; an explicit association (already read) wins.
            if (tgw?.defaultAssociation && tgw.associationRt && !m.tgwAssociation.has(c.attachmentId)) m.tgwAssociation.set(c.attachmentId, tgw.associationRt);
            if (!c.staticOnly) {
                m.notes.push(`VPN connection ${c.name} uses BGP: the routes its customer gateway advertises are learned at run time and are not in the graph`);
                // Default propagation covers VPN attachments too; explicit propagations add route tables.
                if (tgw?.defaultPropagation) bgp(tgw.propagationRt, c);
                for (const p of propagations) if (p.att === c.attachmentId) bgp(p.rt, c);
            }
        }
        if (appliance?.eni) {
            const entry = vpn.byEni.get(appliance.eni) ?? { appliance, connections: [] };
            entry.connections.push(c);
            vpn.byEni.set(appliance.eni, entry);
        }
    }
    return vpn;
}

/**
 * A transit gateway route table with no route for `dst` may still get one at run time from a BGP
 * VPN propagating into it: the answer is then undecided (the model adds the reason), not a drop.
 */
export function vpnBgpUndecided(m: Model, rt: string, dst: string): void {
    const from = m.vpn?.bgpInto.get(rt) ?? [];
    if (from.length > 0) m.undecided.add(`transit gateway route table ${rt} has no route for ${dst} in the graph, but BGP VPN connection${from.length > 1 ? "s" : ""} ${from.map((c) => c.name).join(", ")} propagate${from.length > 1 ? "" : "s"} into it: the routes the customer gateway advertises are learned at run time`);
}

/**
 * `intoDestination`: the packet left the tunnel's far end inside the destination's own subnet, so no
 * network ACL of that subnet sees it (the walk then skips the arrival check).
 */
type Hop = { ok: true; hops: string[]; packet: Packet; subnet: SubnetM; intoDestination: boolean } | { ok: false; hops: string[]; drop: string };

function within(inner: string, outer: string): boolean {
    const a = P(inner);
    const b = P(outer);
    return !!a && !!b && a.family === b.family && a.network >= b.network && a.last <= b.last;
}

/** The tunnels carry this packet: the connection's inside family and its traffic selectors (`toCustomer`: AWS -> customer). */
function tunnelCarries(c: VpnConnectionM, pkt: Packet, toCustomer: boolean): string | undefined {
    if (pkt.family !== c.insideIpVersion) return `VPN connection ${c.id} (${c.name}) carries ${c.insideIpVersion === "ipv4" ? "IPv4" : "IPv6"} only (tunnelInsideIpVersion ${c.insideIpVersion}); a ${pkt.family} packet has no tunnel`;
    if (pkt.family === "ipv4") {
        const [awsSide, customerSide] = toCustomer ? [pkt.src, pkt.dst] : [pkt.dst, pkt.src];
        if (!within(awsSide, c.remote)) return `VPN connection ${c.id} (${c.name}): ${awsSide} is outside its AWS-side traffic selector remoteIpv4NetworkCidr ${c.remote}`;
        if (!within(customerSide, c.local)) return `VPN connection ${c.id} (${c.name}): ${customerSide} is outside its customer-side traffic selector localIpv4NetworkCidr ${c.local}`;
    }
    return undefined;
}

/** The appliance forwards a packet that is not its own: source/destination checking must be off. */
function forwards(a: ApplianceM): string | undefined {
    return a.sourceDestCheck ? `instance ${a.id} (${a.name}) terminates the VPN but has source/destination checking on: it drops packets that are neither from nor to itself (set sourceDestCheck false)` : undefined;
}

/**
 * A transit gateway route sent the packet to VPN attachment `c`: through the tunnel to the
 * customer gateway device, which decapsulates it and sends it out of its interface.
 */
export function vpnFromTransitGateway(m: Model, c: VpnConnectionM, pkt: Packet, tgwHop: string, ports: [number, number], toSubnetId?: string): Hop {
    const hops = [tgwHop];
    const no = tunnelCarries(c, pkt, true);
    if (no) return { ok: false, hops, drop: no };
    const a = c.appliance;
    if (!a) {
        const why = `VPN connection ${c.id} (${c.name}) ends at customer gateway ${c.customerGatewayIp ?? "(address unknown)"}, which is not the Elastic IP of an instance in the graph: the on-premises side is outside the model`;
        m.undecided.add(why);
        return { ok: false, hops, drop: why };
    }
    const s = m.subnets.get(a.subnetId);
    if (!s) return { ok: false, hops, drop: `subnet ${a.subnetId} of VPN appliance ${a.name} is not in the graph` };
    hops.push(`VPN connection ${c.id} (${c.name}, ${c.staticOnly ? "static routes" : "BGP"}): IPsec tunnel to customer gateway ${c.customerGatewayIp} = instance ${a.id} (${a.name}) in ${subnetLabel(s)}, decapsulated there`);
    const fw = forwards(a);
    if (fw) return { ok: false, hops, drop: fw };
    // A reply (port 0) belongs to a tracked flow; a request leaves the appliance's interface through its egress rules.
    if (pkt.port > 0) {
        const eg = sgCheck(m, a.securityGroups, "egress", pkt.dst, [], pkt.port, `VPN appliance ${a.name} (forwarding)`, "local");
        if (!eg.ok) return { ok: false, hops, drop: eg.detail };
        hops.push(eg.detail);
    }
    // Out of the appliance's interface: its subnet's outbound NACL rules see the decapsulated packet
    // (the walk checks the destination subnet's inbound rules on arrival), unless the destination
    // shares the appliance's subnet: a network ACL sees only traffic entering or leaving its subnet
    // (VPC user guide, "Control traffic to subnets using network ACLs").
    const intoDestination = s.id === toSubnetId;
    const nOut = intoDestination ? undefined : naclVerdict(m.subnetNacl.get(s.id), true, pkt.dst, ports);
    if (nOut) return { ok: false, hops, drop: `${nOut} (leaving VPN appliance ${a.name}'s ${subnetLabel(s)})` };
    hops.push(`appliance ${a.name} forwards ${pkt.dst} out of its interface${a.eni ? ` ${a.eni}` : ""} (source ${pkt.src} unchanged)`);
    return { ok: true, hops, packet: { ...pkt, srcSgs: [], via: "tgw" }, subnet: s, intoDestination };
}

/**
 * A VPC route sent the packet to network interface `eni`: when it is a VPN appliance's, into the
 * tunnel and out of the VPN attachment into the transit gateway, whose route table (the one the
 * VPN attachment is associated with) sends it to a VPC attachment. Undefined when `eni` is not
 * a VPN appliance's (the walk then treats it as a target it does not follow).
 */
export function vpnFromAppliance(m: Model, eni: string, pkt: Packet, ports: [number, number], toSubnetId?: string): Hop | undefined {
    const entry = m.vpn?.byEni.get(eni);
    if (!entry) return undefined;
    const a = entry.appliance;
    const hops: string[] = [];
    const fw = forwards(a);
    if (fw) return { ok: false, hops, drop: fw };
    if (pkt.port > 0) {
        const ing = sgCheck(m, a.securityGroups, "ingress", pkt.src, pkt.srcSgs, pkt.port, `VPN appliance ${a.name} (forwarding)`, "local");
        if (!ing.ok) return { ok: false, hops, drop: ing.detail };
        hops.push(ing.detail);
    }
    // The appliance routes the AWS-side CIDRs into a tunnel of a connection it terminates.
    const c = entry.connections.find((x) => !!x.attachmentId) ?? entry.connections[0];
    if (!c?.attachmentId) return { ok: false, hops, drop: `VPN appliance ${a.name}'s connection ${c?.name ?? "(none)"} is attached to no transit gateway in the graph` };
    const no = tunnelCarries(c, pkt, false);
    if (no) return { ok: false, hops, drop: no };
    const rt = m.tgwAssociation.get(c.attachmentId);
    hops.push(`appliance ${a.name} encrypts ${pkt.dst} into VPN connection ${c.id} (${c.name}) -> VPN attachment ${c.attachmentId}`);
    if (!rt) return { ok: false, hops, drop: `VPN attachment ${c.attachmentId} (${c.name}) is associated with no transit gateway route table` };
    const tr: TgwRouteM | undefined = lookup(m.tgwRouteTables.get(rt) ?? [], pkt.dst, (x, y) => Number(y.static) - Number(x.static));
    if (!tr) {
        vpnBgpUndecided(m, rt, pkt.dst);
        return { ok: false, hops, drop: `transit gateway route table ${rt} (associated with VPN attachment ${c.attachmentId}) has no route for ${pkt.dst}` };
    }
    if (tr.blackhole || !tr.attachmentId) return { ok: false, hops, drop: `transit gateway route table ${rt}: ${tr.dest} is a blackhole (${tr.label})` };
    const out = m.tgwAttachments.get(tr.attachmentId);
    if (!out) return { ok: false, hops, drop: `transit gateway route table ${rt}: ${tr.dest} -> ${tr.attachmentId}, which is not a VPC attachment in the graph` };
    const entrySubnet = out.subnetIds.map((s) => m.subnets.get(s)).find((s): s is SubnetM => !!s);
    if (!entrySubnet) return { ok: false, hops, drop: `attachment ${out.id} (${out.name}) has no subnet in the graph` };
    hops.push(`transit gateway ${c.tgwId} route table ${rt}: ${tr.dest} -> ${out.id} (${tr.label}) into ${out.vpcId} via ${entrySubnet.id}`);
    // Leaving the gateway, the attachment subnet's outbound rules check the packet by destination,
    // unless the destination shares that subnet: then neither its outbound nor its inbound rules
    // apply (TGW guide, "Network ACLs"), as for a VPC attachment (walk.ts).
    const intoDestination = entrySubnet.id === toSubnetId;
    const nOut = intoDestination ? undefined : naclVerdict(m.subnetNacl.get(entrySubnet.id), true, pkt.dst, ports);
    if (nOut) return { ok: false, hops, drop: `${nOut} (out of ${c.tgwId} through attachment ${out.id}'s ${subnetLabel(entrySubnet)})` };
    return { ok: true, hops, packet: { ...pkt, srcSgs: [], via: "tgw" }, subnet: entrySubnet, intoDestination };
}
