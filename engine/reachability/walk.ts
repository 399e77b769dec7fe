/**
 * Packet walks over the model: route lookups hop by hop (route tables, peering, transit gateway,
 * NAT gateways), network ACLs and security groups. Address sets are CIDRs: a pod's source is its
 * node subnet, an NLB node is its subnet, an instance is its /32 or /128; a check passes only
 * when it passes for every address of the set.
 */
import { nat64Embedded, type IpFamily } from "../../lib/cidr";
import { boxOf, covered, intersects, subtract, type Box } from "./coverage";
import { vpnBgpUndecided, vpnFromAppliance, vpnFromTransitGateway } from "./vpn";
import { P, routeTableOf, sameAz, within, overlaps, type Model, type NaclM, type RouteM, type SubnetM, type TgwRouteM } from "./model";

/** The last hop between VPCs: decides which security group references can match. */
export type Via = "local" | "peering" | "peering-inter-region" | "tgw";

export interface Packet {
    family: IpFamily;
    /** Source address set as it is on the wire now. */
    src: string;
    /** Destination address set as it is on the wire now. */
    dst: string;
    port: number;
    /** Security groups of the interface that sent the packet (for group-reference rules). */
    srcSgs: string[];
    /** How the packet crossed between VPCs (undefined: it did not). */
    via?: Via;
    /** The source has a public IPv4 (a public NAT gateway, or an instance with a public address). */
    publicV4?: boolean;
}

/** A destination outside the modelled subnets: the internet, or a CIDR no subnet of the graph holds. */
export interface External {
    kind: "external";
    label: string;
    /** The destination is public: internet gateways (and egress-only ones for IPv6) deliver it. */
    public: boolean;
}

/** A NAT gateway the request went through: the reply is translated back there and goes on to the client. */
export interface NatReturn {
    natSubnet: string;
    clientSubnet: string;
    /** Addresses before translation. */
    src: string;
    dst: string;
}

export type Leg =
    | { ok: true; hops: string[]; packet: Packet; returnSubnet: string; nat?: NatReturn }
    | { ok: false; hops: string[]; drop: string };

export const EPHEMERAL: [number, number] = [1024, 65535];

export function subnetLabel(s: SubnetM): string {
    return `subnet ${s.id} (${s.name}, ${s.az})`;
}

/**
 * Longest-prefix match among the routes of the packet's family (VPC user guide, "Route priority":
 * the most specific route that matches the traffic wins; this includes the local routes).
 */
export function lookup<R extends { dest: string; family: IpFamily }>(routes: R[], dst: string, prefer?: (a: R, b: R) => number): R | undefined {
    const d = P(dst);
    if (!d) return undefined;
    let best: R | undefined;
    let bestLen = -1;
    for (const r of routes) {
        if (r.family !== d.family) continue;
        const p = P(r.dest)!;
        if (p.network > d.network || p.last < d.last) continue;
        if (p.prefix > bestLen || (p.prefix === bestLen && prefer && best && prefer(r, best) < 0)) {
            best = r;
            bestLen = p.prefix;
        }
    }
    return best;
}

const protoMatches = (ruleProto: string, proto: "tcp") => {
    const p = ruleProto.toLowerCase();
    return p === "-1" || p === "all" || p === proto || p === "6";
};

/**
 * Network ACLs are stateless and evaluated per packet in rule-number order, first match wins, with
 * an implicit final deny (VPC user guide, "Network ACL rules"). A subnet without a NACL in the
 * graph uses its VPC's default NACL, which allows all traffic in both directions. The flow passes
 * when every packet of its address set and port range meets an allow before any deny: several
 * allow rules may cover it only together (1024-32767 and 32768-65535); a deny that catches part
 * of it drops the flow (some of the traffic is dropped).
 */
export function naclVerdict(nacl: NaclM | undefined, egress: boolean, peer: string, ports: [number, number]): string | undefined {
    if (!nacl) return undefined;
    const start = boxOf(peer, ports);
    if (!start) return undefined;
    let rest: Box[] = [start];
    for (const r of nacl.rules) {
        if (r.egress !== egress || !protoMatches(r.protocol, "tcp")) continue;
        if (!overlaps(peer, r.cidr)) continue;
        const all = r.protocol === "-1" || r.protocol.toLowerCase() === "all" || (r.fromPort === undefined && r.toPort === undefined);
        const lo = all ? 0 : r.fromPort ?? 0;
        const hi = all ? 65535 : r.toPort ?? 65535;
        const rb = boxOf(r.cidr, [lo, hi])!;
        if (!rest.some((b) => intersects(b, rb))) continue;
        if (r.action === "deny") return `network ACL ${nacl.id} (${nacl.name}) rule ${r.number} denies ${egress ? "egress to" : "ingress from"} ${r.cidr} on tcp/${lo}-${hi}`;
        rest = rest.flatMap((b) => subtract(b, rb));
        if (rest.length === 0) return undefined;
    }
    return `network ACL ${nacl.id} (${nacl.name}) has no ${egress ? "egress" : "ingress"} rule allowing ${peer} on tcp/${ports[0] === ports[1] ? ports[0] : `${ports[0]}-${ports[1]}`} (implicit deny)`;
}

export interface WalkOptions {
    /** Ports the packet carries: the service port forward, the ephemeral range for replies. */
    ports: [number, number];
}

/** Longest-prefix match in a VPC route table: a CIDR route wins over a prefix-list route of the same length (VPC user guide, "Route priority"). */
function vpcLookup(m: Model, rt: { name: string; routes: RouteM[]; unresolvedPrefixLists: { label: string; prefixList: string }[] }, dst: string): RouteM | undefined {
    // A route to a prefix list that is not in the graph may be more specific than any other: the
    // table's answer is undecided (the model does not invent the list's CIDRs).
    for (const u of rt.unresolvedPrefixLists) m.undecided.add(`route table ${rt.name} has route ${u.label} to prefix list ${u.prefixList}, which is not in the graph`);
    return lookup(rt.routes, dst, (a, b) => Number(!!a.prefixList) - Number(!!b.prefixList));
}

/**
 * Walks a packet from an interface in `fromSubnetId` to an interface in `toSubnetId` (or out of the
 * modelled subnets to an external destination), applying route tables, gateways, translations and
 * the network ACLs of every subnet the packet passes through.
 */
export function walk(m: Model, fromSubnetId: string, pkt0: Packet, toSubnetId: string | External, opts: WalkOptions): Leg {
    const hops: string[] = [];
    let pkt = { ...pkt0 };
    const from = m.subnets.get(fromSubnetId);
    const external = typeof toSubnetId === "string" ? undefined : toSubnetId;
    const to = typeof toSubnetId === "string" ? m.subnets.get(toSubnetId) : undefined;
    if (!from) return { ok: false, hops, drop: `subnet ${fromSubnetId} is not in the graph` };
    if (!to && !external) return { ok: false, hops, drop: `subnet ${toSubnetId} is not in the graph` };
    // When the drop happens after the first route table (behind a NAT gateway or a transit
    // gateway), the reason also names the route the packet took from its own subnet.
    let firstRoute: string | undefined;
    const drop = (reason: string): Leg => ({ ok: false, hops, drop: firstRoute ? `${reason} [after ${firstRoute}]` : reason });
    let subnet = from;
    let returnSubnet = from.id;
    let nat: NatReturn | undefined;
    const sameSubnet = !!to && fromSubnetId === to.id;
    // Traffic from a transit gateway attachment into its own subnet is not checked by that
    // subnet's NACL (TGW guide, "Network ACLs": same subnet for instances and the attachment).
    let skipArrivalNacl = false;
    if (!sameSubnet) {
        const n = naclVerdict(m.subnetNacl.get(from.id), true, pkt.dst, opts.ports);
        if (n) return drop(`${n} (leaving ${subnetLabel(from)})`);
    }
    const arrive = (via: string): Leg => {
        hops.push(via);
        if (to && !sameSubnet && !skipArrivalNacl) {
            const n = naclVerdict(m.subnetNacl.get(to.id), false, pkt.src, opts.ports);
            if (n) return drop(`${n} (entering ${subnetLabel(to)})`);
        }
        return { ok: true, hops, packet: pkt, returnSubnet, nat };
    };
    const seen = new Set<string>();
    for (let step = 0; step < 16; step++) {
        const key = `${subnet.id}|${pkt.dst}`;
        if (seen.has(key)) return drop(`routing loop: ${pkt.dst} comes back to ${subnetLabel(subnet)}`);
        seen.add(key);
        if (sameSubnet && to && subnet.id === to.id && step === 0) return arrive(`same subnet ${subnet.id}`);
        const rt = routeTableOf(m, subnet.id);
        if (!rt) return drop(`${subnetLabel(subnet)} has no route table in the graph (no association and no main route table of its VPC)`);
        const r: RouteM | undefined = vpcLookup(m, rt, pkt.dst);
        const rtName = `route table ${rt.id} (${rt.name}) of ${subnetLabel(subnet)}`;
        if (!r) return drop(`${rtName} has no route for ${pkt.dst}`);
        const via = `${rtName}: ${r.dest} -> ${r.kind === "local" ? "local" : r.targetId}${r.label !== "local" ? ` (${r.label})` : ""}`;
        const isFirst = step === 0;
        const advance = () => { if (isFirst) firstRoute = via; };
        switch (r.kind) {
            case "local": {
                if (external) return drop(`${rtName} delivers ${pkt.dst} locally in ${subnet.vpcId}, where no subnet of the graph holds ${external.label}`);
                if (to!.vpcId !== subnet.vpcId) return drop(`${rtName} delivers ${pkt.dst} locally in ${subnet.vpcId}, but the destination is in ${to!.vpcId}`);
                return arrive(via);
            }
            case "pcx": {
                const p = m.peerings.get(r.targetId);
                if (!p) return drop(`${rtName} sends ${r.dest} to ${r.targetId}, which is not in the graph (a blackhole route)`);
                if (!p.active) return drop(`peering ${p.id} (${p.name}) is not active (not accepted)`);
                const other = p.vpcA === subnet.vpcId ? p.vpcB : p.vpcB === subnet.vpcId ? p.vpcA : undefined;
                if (!other) return drop(`${rtName} sends ${r.dest} to peering ${p.id}, which does not connect ${subnet.vpcId}`);
                const ov = m.vpcs.get(other);
                const cidrs = pkt.family === "ipv4" ? ov?.ipv4 ?? [] : ov?.ipv6 ?? [];
                // No transitive routing: a peering delivers only to addresses of the peer VPC's own
                // CIDRs, never onward through its gateways, peerings or attachments (VPC peering
                // guide, "Unsupported VPC peering configurations", edge-to-edge routing).
                if (!cidrs.some((c) => within(pkt.dst, c))) {
                    return drop(`peering ${p.id} (${p.name}) does not route transitively: ${pkt.dst} is not in ${ov?.name ?? other}'s ${pkt.family} CIDRs (${cidrs.join(", ") || "none"})`);
                }
                hops.push(via);
                if (external || to!.vpcId !== other) return drop(`${pkt.dst} arrives in ${ov?.name ?? other} over ${p.id}, but the destination is ${external ? external.label : `in ${to!.vpcId}`}`);
                // Security groups of a peer VPC in another Region cannot be referenced (VPC peering
                // guide, "Update your security groups to reference peer security groups").
                if (p.interRegion && pkt.srcSgs.length > 0) hops.push(`security group references do not cross inter-region peering ${p.id}`);
                pkt = { ...pkt, via: p.interRegion ? "peering-inter-region" : "peering", srcSgs: p.interRegion ? [] : pkt.srcSgs };
                return arrive(`peering ${p.id} (${p.name}) into ${ov?.name ?? other}`);
            }
            case "tgw": {
                const tgw = m.tgws.get(r.targetId);
                if (!tgw) return drop(`${rtName} sends ${r.dest} to ${r.targetId}, which is not in the graph (a blackhole route)`);
                const att = [...m.tgwAttachments.values()].find((a) => a.tgwId === tgw.id && a.vpcId === subnet.vpcId);
                if (!att) return drop(`${rtName} sends ${r.dest} to ${tgw.id} (${tgw.name}), but ${subnet.vpcId} has no attachment to it`);
                // Ipv6Support disable stops the attachment's IPv6 routes from propagating and gives its
                // interfaces no IPv6 address, but "does not filter IPv6 traffic" (EC2 API reference,
                // CreateTransitGatewayVpcAttachmentRequestOptions.Ipv6Support): no drop here.
                if (pkt.family === "ipv6" && !att.ipv6) hops.push(`attachment ${att.id} (${att.name}) has ipv6Support disable: no IPv6 route propagates from it, but it does not filter IPv6 traffic`);
                // A VPC route to a TGW works only from AZs with an attachment subnet (TGW guide,
                // "VPC attachments": traffic can reach the TGW only from AZs the attachment is in).
                const attSubnets = att.subnetIds.map((s) => m.subnets.get(s)).filter((s): s is SubnetM => !!s);
                const entryIn = attSubnets.find((s) => sameAz(s, subnet));
                if (!entryIn) return drop(`${subnetLabel(subnet)} routes ${r.dest} to ${tgw.id}, but attachment ${att.id} (${att.name}) has no subnet in ${subnet.az} (only ${att.subnetIds.map((s) => m.subnets.get(s)?.az ?? "?").join(", ")})`);
                // The attachment subnet's NACL checks traffic entering the gateway with its inbound
                // rules, by source (TGW guide, "Network ACLs"), also when the sender shares the subnet.
                const nIn = naclVerdict(m.subnetNacl.get(entryIn.id), false, pkt.src, opts.ports);
                if (nIn) return drop(`${nIn} (into ${tgw.id} through attachment ${att.id}'s ${subnetLabel(entryIn)})`);
                hops.push(via);
                const tgwRt = m.tgwAssociation.get(att.id);
                if (!tgwRt) return drop(`attachment ${att.id} (${att.name}) is associated with no transit gateway route table`);
                const tr: TgwRouteM | undefined = lookup(m.tgwRouteTables.get(tgwRt) ?? [], pkt.dst, (a, b) => Number(b.static) - Number(a.static));
                if (!tr) vpnBgpUndecided(m, tgwRt, pkt.dst);
                if (!tr) return drop(`transit gateway route table ${tgwRt} of ${tgw.id} (${tgw.name}) has no route for ${pkt.dst}${pkt.family === "ipv6" ? " (IPv6 CIDRs propagate only from attachments with ipv6Support enable)" : ""}`);
                if (tr.blackhole || !tr.attachmentId) return drop(`transit gateway route table ${tgwRt}: ${tr.dest} is a blackhole (${tr.label})`);
                const toVpn = m.vpn?.byAttachment.get(tr.attachmentId);
                if (toVpn) {
                    // A VPN attachment: through the tunnel to the customer gateway device (vpn.ts).
                    const v = vpnFromTransitGateway(m, toVpn, pkt, `transit gateway ${tgw.id} (${tgw.name}) route table ${tgwRt}: ${tr.dest} -> VPN attachment ${tr.attachmentId} (${tr.label})`, opts.ports, to?.id);
                    hops.push(...v.hops);
                    if (!v.ok) return drop(v.drop);
                    if (v.intoDestination) skipArrivalNacl = true;
                    pkt = v.packet;
                    subnet = v.subnet;
                    advance();
                    continue;
                }
                const out = m.tgwAttachments.get(tr.attachmentId);
                if (!out) return drop(`transit gateway route table ${tgwRt}: ${tr.dest} -> ${tr.attachmentId}, which is not in the graph`);
                if (pkt.family === "ipv6" && !out.ipv6) hops.push(`attachment ${out.id} (${out.name}) has ipv6Support disable: it does not filter IPv6 traffic`);
                // The gateway keeps the packet in its AZ when the other attachment has a subnet there
                // (compared by AZ ID across accounts).
                const outSubnets = out.subnetIds.map((s) => m.subnets.get(s)).filter((s): s is SubnetM => !!s);
                const entry = outSubnets.find((s) => sameAz(s, entryIn)) ?? outSubnets[0];
                if (!entry) return drop(`attachment ${out.id} (${out.name}) has no subnet in the graph`);
                hops.push(`transit gateway ${tgw.id} (${tgw.name}) route table ${tgwRt}: ${tr.dest} -> ${out.id} (${tr.label}) into ${out.vpcId} via ${entry.id}`);
                // Leaving the gateway, the attachment subnet's outbound rules check the packet by
                // destination, unless the destination shares that subnet: then neither that subnet's
                // outbound nor its inbound rules apply (TGW guide, "Network ACLs").
                if (to && entry.id === to.id) skipArrivalNacl = true;
                else {
                    const nOut = naclVerdict(m.subnetNacl.get(entry.id), true, pkt.dst, opts.ports);
                    if (nOut) return drop(`${nOut} (out of ${tgw.id} through attachment ${out.id}'s ${subnetLabel(entry)})`);
                }
                // Security group references cross a transit gateway only when the gateway (default
                // disable) and both attachments (default enable: EC2 API reference,
                // CreateTransitGatewayVpcAttachmentRequestOptions.SecurityGroupReferencingSupport)
                // enable it (TGW guide, "Security group referencing"); otherwise only CIDR rules admit it.
                if (!(tgw.sgReferencing && att.sgReferencing && out.sgReferencing) && pkt.srcSgs.length > 0) {
                    hops.push(`security group references do not cross ${tgw.id}: securityGroupReferencingSupport is not enabled on the gateway and both attachments`);
                    pkt = { ...pkt, srcSgs: [] };
                }
                pkt = { ...pkt, via: "tgw" };
                subnet = entry;
                advance();
                continue;
            }
            case "nat": {
                const natGw = m.nats.get(r.targetId);
                if (!natGw) return drop(`${rtName} sends ${r.dest} to ${r.targetId}, which is not in the graph (a blackhole route)`);
                const natSubnet = m.subnets.get(natGw.subnetId);
                const natIp = natGw.privateIp ? P(`${natGw.privateIp}/32`)?.text : natSubnet?.ipv4;
                if (!natSubnet || !natIp) return drop(`NAT gateway ${natGw.id} (${natGw.name}) has no subnet or address in the graph`);
                // The NAT gateway's subnet NACL sees the request arrive (inbound, by source) and leave
                // after translation (outbound, by destination) (VPC user guide, "NAT gateway basics"
                // and "Network ACLs": NACLs apply to traffic to and from the NAT gateway's subnet).
                if (natSubnet.id !== subnet.id) {
                    const nIn = naclVerdict(m.subnetNacl.get(natSubnet.id), false, pkt.src, opts.ports);
                    if (nIn) return drop(`${nIn} (into NAT gateway ${natGw.id}'s ${subnetLabel(natSubnet)})`);
                }
                hops.push(via);
                const before = { src: pkt.src, dst: pkt.dst };
                if (pkt.family === "ipv6") {
                    // NAT64: a NAT gateway translates only IPv6 destinations in 64:ff9b::/96 (VPC user
                    // guide, "DNS64 and NAT64"), to the embedded IPv4 address, from its own private IPv4.
                    const v4 = nat64Embedded(pkt.dst);
                    if (!v4) return drop(`NAT gateway ${natGw.id} (${natGw.name}) translates only 64:ff9b::/96 (NAT64); ${pkt.dst} is not in it`);
                    hops.push(`NAT gateway ${natGw.id} (${natGw.name}): NAT64 ${pkt.src} -> ${natIp}, ${pkt.dst} -> ${v4}`);
                    pkt = { ...pkt, family: "ipv4", src: natIp, dst: v4, srcSgs: [], publicV4: natGw.connectivity === "public" };
                } else {
                    hops.push(`NAT gateway ${natGw.id} (${natGw.name}): SNAT ${pkt.src} -> ${natIp}`);
                    pkt = { ...pkt, src: natIp, srcSgs: [], publicV4: natGw.connectivity === "public" };
                }
                nat ??= { natSubnet: natSubnet.id, clientSubnet: subnet.id, ...before };
                // A destination in the NAT gateway's own subnet: the translated packet never leaves
                // that subnet, so neither its outbound nor its inbound rules see it (a network ACL
                // sees traffic entering or leaving its subnet: VPC user guide, "Control traffic to
                // subnets using network ACLs").
                if (to && natSubnet.id === to.id) skipArrivalNacl = true;
                else {
                    const nOut = naclVerdict(m.subnetNacl.get(natSubnet.id), true, pkt.dst, opts.ports);
                    if (nOut) return drop(`${nOut} (out of NAT gateway ${natGw.id}'s ${subnetLabel(natSubnet)})`);
                }
                returnSubnet = natSubnet.id;
                subnet = natSubnet;
                advance();
                continue;
            }
            case "igw":
            case "eigw": {
                const what = r.kind === "igw" ? "internet gateway" : "egress-only internet gateway";
                if (!external || !external.public) return drop(`${rtName} sends ${pkt.dst} to the ${what} ${r.targetId} (${r.dest}${r.label !== "local" ? `, ${r.label}` : ""}), but the destination is a private address${to ? ` in ${to.vpcId}` : ""}`);
                // An egress-only gateway carries IPv6 only; an internet gateway carries IPv6 and the
                // IPv4 of sources with a public IPv4 address, which it translates (VPC user guide,
                // "Internet gateways"; "Egress-only internet gateways"; a private NAT gateway's
                // traffic to an internet gateway is dropped, "NAT gateway basics").
                if (pkt.family === "ipv4" && r.kind === "eigw") return drop(`${rtName} sends IPv4 ${pkt.dst} to the egress-only internet gateway ${r.targetId}, which carries IPv6 only`);
                // 64:ff9b::/96 is the NAT64 well-known prefix (RFC 6052): not routed on the internet; only a
                // NAT gateway translates it (VPC user guide, "DNS64 and NAT64": the route goes to the NAT gateway).
                if (pkt.family === "ipv6" && nat64Embedded(pkt.dst)) return drop(`${rtName} sends ${pkt.dst} (NAT64 prefix 64:ff9b::/96) to the ${what} ${r.targetId}, where it goes nowhere: only a NAT gateway translates it; add a 64:ff9b::/96 route to a NAT gateway`);
                if (pkt.family === "ipv4" && !pkt.publicV4) return drop(`${rtName} sends ${pkt.dst} to the internet gateway ${r.targetId}, but the source ${pkt.src} has no public IPv4 address (route through a public NAT gateway, or give the instance a public IP)`);
                hops.push(via);
                // The reply comes back through the gateway into this subnet (stateless NACL, inbound
                // from the internet address on the ephemeral ports).
                const back = naclVerdict(m.subnetNacl.get(subnet.id), false, pkt.dst, EPHEMERAL);
                if (back) return drop(`reply from ${external.label} cannot return: ${back} (entering ${subnetLabel(subnet)})`);
                return arrive(`${what} ${r.targetId} delivers to ${external.label}`);
            }
            default: {
                // A route to a VPN appliance's interface: into the tunnel and on through the gateway (vpn.ts).
                const fromEni = vpnFromAppliance(m, r.targetId, pkt, opts.ports, to?.id);
                if (fromEni) {
                    hops.push(via, ...fromEni.hops);
                    if (!fromEni.ok) return drop(fromEni.drop);
                    if (fromEni.intoDestination) skipArrivalNacl = true;
                    pkt = fromEni.packet;
                    subnet = fromEni.subnet;
                    advance();
                    continue;
                }
                if (external) m.undecided.add(`${rtName} sends ${pkt.dst} to ${r.targetId}, a target the model does not follow`);
                return drop(`${rtName} sends ${pkt.dst} to ${r.targetId}, a target the model does not follow`);
            }
        }
    }
    return drop(`more than 16 routing hops from ${subnetLabel(from)}`);
}

export interface SgCheck {
    ok: boolean;
    /** The rule that admitted the packet, or the reason nothing did. */
    detail: string;
    /** The packet was admitted only by a security group reference. */
    byReference?: boolean;
}

function portsOk(rule: { protocol: string; fromPort?: number; toPort?: number }, port: number): boolean {
    const p = rule.protocol.toLowerCase();
    if (p === "-1" || p === "all") return true;
    if (!(p === "tcp" || p === "6")) return false;
    const lo = rule.fromPort ?? 0;
    const hi = rule.toPort ?? 65535;
    return (lo === -1 && hi === -1) || (port >= lo && port <= hi);
}

/**
 * Security groups allow (there are no deny rules); AWS evaluates each packet against the rules of
 * all groups of the interface (VPC user guide, "Security group rules"), so a CIDR peer set passes
 * when the rules matching its protocol and port together cover it, and a group reference matches
 * when the peer interface belongs to the group. Where references match depends on how the packet
 * crossed between VPCs (`via`): within a VPC and over same-Region peering (where a reference may
 * name another account's group as `account/sg-…`), not over inter-region peering (VPC peering
 * guide, "Update your security groups to reference peer security groups"), and over a transit
 * gateway only in inbound rules and only for groups of the same account (TGW guide, "Security
 * group referencing": outbound rules cannot reference groups across the gateway).
 * Security groups are stateful: replies pass without a rule in the other direction.
 */
export function sgCheck(m: Model, sgIds: string[], dir: "ingress" | "egress", peer: string, peerSgs: string[], port: number, what: string, via: Via | "any" = "local"): SgCheck {
    const candidates: string[] = [];
    const cidrRules: { id: string; label: string; cidr: string }[] = [];
    const refUsable = (account: string | undefined) => {
        if (via === "any") return true;
        if (via === "peering-inter-region") return false;
        if (via === "tgw") return dir === "ingress" && !account;
        if (account) return via === "peering";
        return true;
    };
    let undecidedPl: string | undefined;
    for (const id of sgIds) {
        const sg = m.sgs.get(id);
        for (const rule of sg?.[dir] ?? []) {
            if (!portsOk(rule, port)) continue;
            if (rule.cidr && within(peer, rule.cidr)) return { ok: true, detail: `security group ${id} (${sg!.name}) ${rule.label}: tcp/${port} ${dir === "ingress" ? "from" : "to"} ${rule.cidr}` };
            if (rule.sg && peerSgs.includes(rule.sg) && refUsable(rule.account)) {
                return { ok: true, byReference: true, detail: `security group ${id} (${sg!.name}) ${rule.label}: tcp/${port} ${dir === "ingress" ? "from" : "to"} members of ${rule.account ? `${rule.account}/` : ""}${rule.sg}` };
            }
            if (rule.cidr && overlaps(peer, rule.cidr)) cidrRules.push({ id, label: rule.label, cidr: rule.cidr });
            if (rule.prefixList) undecidedPl ??= `security group ${id} (${sg!.name}) rule ${rule.label} uses prefix list ${rule.prefixList}, which is not in the graph`;
            candidates.push(rule.cidr ?? (rule.prefixList ? `prefix list ${rule.prefixList}` : `members of ${rule.account ? `${rule.account}/` : ""}${rule.sg}`));
        }
    }
    if (cidrRules.length > 1 && covered(peer, cidrRules.map((r) => r.cidr))) {
        return { ok: true, detail: `security groups ${[...new Set(cidrRules.map((r) => r.id))].join(", ")} rules ${cidrRules.map((r) => `${r.label} (${r.cidr})`).join(", ")} together cover tcp/${port} ${dir === "ingress" ? "from" : "to"} ${peer}` };
    }
    if (undecidedPl) m.undecided.add(undecidedPl);
    const groups = sgIds.map((id) => `${id} (${m.sgs.get(id)?.name ?? "not in the graph"})`).join(", ");
    if (sgIds.length === 0) return { ok: false, detail: `${what} has no security groups` };
    const verb = dir === "ingress" ? "admits" : "allows egress on";
    const refNote = via === "peering-inter-region" ? " (group references do not match across inter-region peering)" : via === "tgw" && dir === "egress" ? " (outbound rules cannot reference groups across a transit gateway)" : "";
    return {
        ok: false,
        detail: candidates.length === 0
            ? `security group ${groups} of ${what} ${verb} tcp/${port} from nothing${dir === "egress" ? " (no egress rule; Pulumi removes AWS's default allow-all egress)" : ""}, so not ${peer}`
            : `security group ${groups} of ${what} ${verb} tcp/${port} only ${dir === "ingress" ? "from" : "to"} ${[...new Set(candidates)].join(", ")}, not ${peer}${refNote}`,
    };
}
