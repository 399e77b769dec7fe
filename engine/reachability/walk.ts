/**
 * Packet walks over the model: route lookups hop by hop (route tables, peering, transit gateway,
 * NAT gateways), network ACLs and security groups. Address sets are CIDRs: a pod's source is its
 * node subnet, an NLB node is its subnet, an instance is its /32 or /128; a check passes only
 * when it passes for every address of the set.
 */
import { nat64Embedded, type IpFamily } from "../../lib/cidr";
import { P, routeTableOf, within, overlaps, type Model, type NaclM, type RouteM, type SubnetM, type TgwRouteM } from "./model";

export interface Packet {
    family: IpFamily;
    /** Source address set as it is on the wire now. */
    src: string;
    /** Destination address set as it is on the wire now. */
    dst: string;
    port: number;
    /** Security groups of the interface that sent the packet (for group-reference rules). */
    srcSgs: string[];
}

export type Leg =
    | { ok: true; hops: string[]; packet: Packet; returnSubnet: string }
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
 * Network ACLs are stateless and evaluated in rule-number order, first match wins, with an
 * implicit final deny (VPC user guide, "Network ACL rules"). A subnet without a NACL in the graph
 * uses its VPC's default NACL, which allows all traffic in both directions. A rule that matches
 * only part of the address set or port range decides nothing if it allows (the rest goes on) and
 * drops the flow if it denies (part of the traffic is dropped).
 */
export function naclVerdict(nacl: NaclM | undefined, egress: boolean, peer: string, ports: [number, number]): string | undefined {
    if (!nacl) return undefined;
    for (const r of nacl.rules) {
        if (r.egress !== egress || !protoMatches(r.protocol, "tcp")) continue;
        if (!overlaps(peer, r.cidr)) continue;
        const all = r.protocol === "-1" || r.protocol.toLowerCase() === "all" || (r.fromPort === undefined && r.toPort === undefined);
        const lo = all ? 0 : r.fromPort ?? 0;
        const hi = all ? 65535 : r.toPort ?? 65535;
        if (hi < ports[0] || lo > ports[1]) continue;
        const full = within(peer, r.cidr) && lo <= ports[0] && hi >= ports[1];
        if (r.action === "deny") return `network ACL ${nacl.id} (${nacl.name}) rule ${r.number} denies ${egress ? "egress to" : "ingress from"} ${r.cidr} on tcp/${lo}-${hi}`;
        if (full) return undefined;
    }
    return `network ACL ${nacl.id} (${nacl.name}) has no ${egress ? "egress" : "ingress"} rule allowing ${peer} on tcp/${ports[0] === ports[1] ? ports[0] : `${ports[0]}-${ports[1]}`} (implicit deny)`;
}

export interface WalkOptions {
    /** Ports the packet carries: the service port forward, the ephemeral range for replies. */
    ports: [number, number];
}

/**
 * Walks a packet from an interface in `fromSubnetId` to an interface in `toSubnetId`, applying
 * route tables, gateways, translations and the NACLs at the two ends.
 */
export function walk(m: Model, fromSubnetId: string, pkt0: Packet, toSubnetId: string, opts: WalkOptions): Leg {
    const hops: string[] = [];
    let pkt = { ...pkt0 };
    const from = m.subnets.get(fromSubnetId);
    const to = m.subnets.get(toSubnetId);
    if (!from) return { ok: false, hops, drop: `subnet ${fromSubnetId} is not in the graph` };
    if (!to) return { ok: false, hops, drop: `subnet ${toSubnetId} is not in the graph` };
    // When the drop happens after the first route table (behind a NAT gateway or a transit
    // gateway), the reason also names the route the packet took from its own subnet.
    let firstRoute: string | undefined;
    const drop = (reason: string): Leg => ({ ok: false, hops, drop: firstRoute ? `${reason} [after ${firstRoute}]` : reason });
    let subnet = from;
    let returnSubnet = from.id;
    const sameSubnet = fromSubnetId === toSubnetId;
    if (!sameSubnet) {
        const n = naclVerdict(m.subnetNacl.get(from.id), true, pkt.dst, opts.ports);
        if (n) return drop(`${n} (leaving ${subnetLabel(from)})`);
    }
    const arrive = (via: string): Leg => {
        hops.push(via);
        if (!sameSubnet) {
            const n = naclVerdict(m.subnetNacl.get(to.id), false, pkt.src, opts.ports);
            if (n) return drop(`${n} (entering ${subnetLabel(to)})`);
        }
        return { ok: true, hops, packet: pkt, returnSubnet };
    };
    const seen = new Set<string>();
    for (let step = 0; step < 16; step++) {
        const key = `${subnet.id}|${pkt.dst}`;
        if (seen.has(key)) return drop(`routing loop: ${pkt.dst} comes back to ${subnetLabel(subnet)}`);
        seen.add(key);
        if (sameSubnet && subnet.id === to.id && step === 0) return arrive(`same subnet ${subnet.id}`);
        const rt = routeTableOf(m, subnet.id);
        if (!rt) return drop(`${subnetLabel(subnet)} has no route table in the graph (no association and no main route table of its VPC)`);
        const r: RouteM | undefined = lookup(rt.routes, pkt.dst);
        const rtName = `route table ${rt.id} (${rt.name}) of ${subnetLabel(subnet)}`;
        if (!r) return drop(`${rtName} has no route for ${pkt.dst}`);
        const via = `${rtName}: ${r.dest} -> ${r.kind === "local" ? "local" : r.targetId}${r.label !== "local" ? ` (${r.label})` : ""}`;
        const isFirst = step === 0;
        const advance = () => { if (isFirst) firstRoute = via; };
        switch (r.kind) {
            case "local": {
                if (to.vpcId !== subnet.vpcId) return drop(`${rtName} delivers ${pkt.dst} locally in ${subnet.vpcId}, but the destination is in ${to.vpcId}`);
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
                if (to.vpcId !== other) return drop(`${pkt.dst} arrives in ${ov?.name ?? other} over ${p.id}, but the destination is in ${to.vpcId}`);
                return arrive(`peering ${p.id} (${p.name}) into ${ov?.name ?? other}`);
            }
            case "tgw": {
                const tgw = m.tgws.get(r.targetId);
                if (!tgw) return drop(`${rtName} sends ${r.dest} to ${r.targetId}, which is not in the graph (a blackhole route)`);
                const att = [...m.tgwAttachments.values()].find((a) => a.tgwId === tgw.id && a.vpcId === subnet.vpcId);
                if (!att) return drop(`${rtName} sends ${r.dest} to ${tgw.id} (${tgw.name}), but ${subnet.vpcId} has no attachment to it`);
                // IPv6 crosses a VPC attachment only with Ipv6Support enable (TGW guide, "VPC attachments").
                if (pkt.family === "ipv6" && !att.ipv6) return drop(`attachment ${att.id} (${att.name}) has ipv6Support disable: IPv6 traffic from ${subnet.vpcId} cannot enter ${tgw.id}`);
                // A VPC route to a TGW works only from AZs with an attachment subnet (TGW guide,
                // "VPC attachments": traffic can reach the TGW only from AZs the attachment is in).
                const attAzs = att.subnetIds.map((s) => m.subnets.get(s)?.az ?? "?");
                if (!attAzs.includes(subnet.az)) return drop(`${subnetLabel(subnet)} routes ${r.dest} to ${tgw.id}, but attachment ${att.id} (${att.name}) has no subnet in ${subnet.az} (only ${attAzs.join(", ")})`);
                hops.push(via);
                const tgwRt = m.tgwAssociation.get(att.id);
                if (!tgwRt) return drop(`attachment ${att.id} (${att.name}) is associated with no transit gateway route table`);
                const tr: TgwRouteM | undefined = lookup(m.tgwRouteTables.get(tgwRt) ?? [], pkt.dst, (a, b) => Number(b.static) - Number(a.static));
                if (!tr) return drop(`transit gateway route table ${tgwRt} of ${tgw.id} (${tgw.name}) has no route for ${pkt.dst}${pkt.family === "ipv6" ? " (IPv6 CIDRs propagate only from attachments with ipv6Support enable)" : ""}`);
                if (tr.blackhole || !tr.attachmentId) return drop(`transit gateway route table ${tgwRt}: ${tr.dest} is a blackhole (${tr.label})`);
                const out = m.tgwAttachments.get(tr.attachmentId);
                if (!out) return drop(`transit gateway route table ${tgwRt}: ${tr.dest} -> ${tr.attachmentId}, which is not in the graph`);
                if (pkt.family === "ipv6" && !out.ipv6) return drop(`attachment ${out.id} (${out.name}) has ipv6Support disable: IPv6 traffic cannot leave ${tgw.id} into ${out.vpcId}`);
                const entry = out.subnetIds.map((s) => m.subnets.get(s)).find((s) => s?.az === subnet.az) ?? m.subnets.get(out.subnetIds[0] ?? "");
                if (!entry) return drop(`attachment ${out.id} (${out.name}) has no subnet in the graph`);
                hops.push(`transit gateway ${tgw.id} (${tgw.name}) route table ${tgwRt}: ${tr.dest} -> ${out.id} (${tr.label}) into ${out.vpcId} via ${entry.id}`);
                // Security group references cross a transit gateway only when the gateway (default
                // disable) and both attachments enable securityGroupReferencingSupport (TGW guide,
                // "Security group referencing"); otherwise only CIDR rules can admit the packet.
                // *(unsure)* the attachment default; the model treats it as enabled unless disabled.
                if (!(tgw.sgReferencing && att.sgReferencing && out.sgReferencing) && pkt.srcSgs.length > 0) {
                    hops.push(`security group references do not cross ${tgw.id}: securityGroupReferencingSupport is not enabled on the gateway and both attachments`);
                    pkt = { ...pkt, srcSgs: [] };
                }
                subnet = entry;
                advance();
                continue;
            }
            case "nat": {
                const nat = m.nats.get(r.targetId);
                if (!nat) return drop(`${rtName} sends ${r.dest} to ${r.targetId}, which is not in the graph (a blackhole route)`);
                const natSubnet = m.subnets.get(nat.subnetId);
                const natIp = nat.privateIp ? P(`${nat.privateIp}/32`)?.text : natSubnet?.ipv4;
                if (!natSubnet || !natIp) return drop(`NAT gateway ${nat.id} (${nat.name}) has no subnet or address in the graph`);
                hops.push(via);
                if (pkt.family === "ipv6") {
                    // NAT64: a NAT gateway translates only IPv6 destinations in 64:ff9b::/96 (VPC user
                    // guide, "DNS64 and NAT64"), to the embedded IPv4 address, from its own private IPv4.
                    const v4 = nat64Embedded(pkt.dst);
                    if (!v4) return drop(`NAT gateway ${nat.id} (${nat.name}) translates only 64:ff9b::/96 (NAT64); ${pkt.dst} is not in it`);
                    hops.push(`NAT gateway ${nat.id} (${nat.name}): NAT64 ${pkt.src} -> ${natIp}, ${pkt.dst} -> ${v4}`);
                    pkt = { ...pkt, family: "ipv4", src: natIp, dst: v4, srcSgs: [] };
                } else {
                    hops.push(`NAT gateway ${nat.id} (${nat.name}): SNAT ${pkt.src} -> ${natIp}`);
                    pkt = { ...pkt, src: natIp, srcSgs: [] };
                }
                returnSubnet = natSubnet.id;
                subnet = natSubnet;
                advance();
                continue;
            }
            case "igw":
            case "eigw": {
                const what = r.kind === "igw" ? "internet gateway" : "egress-only internet gateway";
                return drop(`${rtName} sends ${pkt.dst} to the ${what} ${r.targetId} (${r.dest}${r.label !== "local" ? `, ${r.label}` : ""}), but the destination is a private address in ${to.vpcId}`);
            }
            default:
                return drop(`${rtName} sends ${pkt.dst} to ${r.targetId}, a target the model does not follow`);
        }
    }
    return drop(`more than 16 routing hops from ${subnetLabel(from)}`);
}

export interface SgCheck {
    ok: boolean;
    /** The rule that admitted the packet, or the reason nothing did. */
    detail: string;
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
 * Security groups allow (there are no deny rules); a packet passes when one rule of one group of
 * the interface matches its protocol, port and peer, where the peer is a CIDR containing the whole
 * address set or a group the peer interface belongs to (VPC user guide, "Security group rules").
 * They are stateful: replies pass without a rule in the other direction ("Security groups are
 * stateful"), so only the initiating direction is checked.
 */
export function sgCheck(m: Model, sgIds: string[], dir: "ingress" | "egress", peer: string, peerSgs: string[], port: number, what: string): SgCheck {
    const candidates: string[] = [];
    for (const id of sgIds) {
        const sg = m.sgs.get(id);
        for (const rule of sg?.[dir] ?? []) {
            if (!portsOk(rule, port)) continue;
            if (rule.cidr && within(peer, rule.cidr)) return { ok: true, detail: `security group ${id} (${sg!.name}) ${rule.label}: tcp/${port} ${dir === "ingress" ? "from" : "to"} ${rule.cidr}` };
            if (rule.sg && peerSgs.includes(rule.sg)) return { ok: true, detail: `security group ${id} (${sg!.name}) ${rule.label}: tcp/${port} ${dir === "ingress" ? "from" : "to"} members of ${rule.sg}` };
            candidates.push(rule.cidr ?? `members of ${rule.sg}`);
        }
    }
    const groups = sgIds.map((id) => `${id} (${m.sgs.get(id)?.name ?? "not in the graph"})`).join(", ");
    if (sgIds.length === 0) return { ok: false, detail: `${what} has no security groups` };
    const verb = dir === "ingress" ? "admits" : "allows egress on";
    return {
        ok: false,
        detail: candidates.length === 0
            ? `security group ${groups} of ${what} ${verb} tcp/${port} from nothing${dir === "egress" ? " (no egress rule; Pulumi removes AWS's default allow-all egress)" : ""}, so not ${peer}`
            : `security group ${groups} of ${what} ${verb} tcp/${port} only ${dir === "ingress" ? "from" : "to"} ${[...new Set(candidates)].join(", ")}, not ${peer}`,
    };
}
