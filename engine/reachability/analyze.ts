/**
 * Answers a scenario's declared flows on the model: for each flow, every source placement (each
 * node subnet of a cluster, each subnet of a function) times every address the client may resolve
 * (each NLB node, each endpoint interface) is walked; the flow is PROVEN when all of them reach a
 * target, BLOCKED when none does (with the first dropping hop), PARTIAL otherwise.
 */
import { hostCidr, nat64Synthesize, type IpFamily } from "../../lib/cidr";
import type { FlowEndpoint, FlowIntent } from "../../lib/intent";
import { V4_EGRESS_POD_CIDR, V6_EGRESS_POD_CIDR } from "../../lib/probes";
import { v4EgressEnabled } from "../../lib/vpcCni";
import { buildModel, within, type ClusterM, type Model, type NlbM, type SubnetM } from "./model";
import { EPHEMERAL, sgCheck, subnetLabel, walk, type Packet } from "./walk";
import type { GraphResource } from "../graph";

/** `unknown`: the flow does not hold as recorded, but the graph has unknown values (a preview), so it is undecided. */
export type FlowStatus = "proven" | "blocked" | "partial" | "unknown";

export interface FlowResult {
    name: string;
    from: string;
    to: string;
    family: IpFamily;
    port: number;
    expect: "allow" | "deny";
    status: FlowStatus;
    /** The flow's result matches its `expect`. */
    holds: boolean;
    /** Hops of the first successful placement. */
    path?: string[];
    /** The first dropping hop's reason (of the first failed placement). */
    drop?: string;
    /** Hops before the drop. */
    dropPath?: string[];
    placements: { total: number; reached: number };
}

/** One place a client sends from: a subnet, the address set on the wire and its security groups. */
interface Origin {
    label: string;
    subnet: SubnetM;
    family: IpFamily;
    src: string;
    sgs: string[];
    hops: string[];
    clusterName?: string;
}

/** One address a client may connect to. */
interface Entry {
    label: string;
    subnet: SubnetM;
    /** Destination address set, in the client's family (before any NAT64 synthesis). */
    dst?: string;
    /** The same interface's IPv4 block, when DNS64 may synthesize an AAAA for it. */
    dst4?: string;
    sgs: string[];
    /** NLB entries: the load balancer; endpoint entries: the endpoint name. */
    nlb?: NlbM;
    endpoint?: string;
    port: number;
    /** The interface has no security group check (NLB without groups). */
    noSg?: boolean;
    /** Why `dst` is missing, when it is. */
    noAddrWhy?: string;
}

type Outcome = { ok: true; hops: string[] } | { ok: false; hops: string[]; drop: string };

const fail = (hops: string[], drop: string): Outcome => ({ ok: false, hops, drop });

function describe(e: FlowEndpoint): string {
    switch (e.kind) {
        case "pods": return `pods of ${e.cluster}`;
        case "nlb": return `NLB ${e.loadBalancer}`;
        case "instance": return `instance ${e.instance}`;
        case "endpoint": return `endpoint ${e.endpoint}`;
        case "function": return `function ${e.function}`;
        case "clusterIP": return `ClusterIP${e.service ? ` of ${e.service}` : ""} in ${e.cluster}`;
    }
}

function addrOf(family: IpFamily, s: SubnetM): string | undefined {
    return family === "ipv4" ? s.ipv4 : s.ipv6;
}

/**
 * vpc-cni v6 egress needs ENABLE_V6_EGRESS "true" on both the aws-node container (`env`) and the
 * init container (`init.env`) (amazon-vpc-cni-k8s#3124; README "ENABLE_V6_EGRESS").
 */
function v6EgressState(cfg: string | undefined): { on: boolean; why?: string } {
    let doc: any;
    try { doc = JSON.parse(cfg ?? "{}"); } catch { return { on: false, why: "vpc-cni configurationValues is not JSON" }; }
    const main = doc?.env?.ENABLE_V6_EGRESS === "true";
    const init = doc?.init?.env?.ENABLE_V6_EGRESS === "true";
    if (main && init) return { on: true };
    if (!main && !init) return { on: false, why: "vpc-cni configurationValues does not set ENABLE_V6_EGRESS (default false)" };
    return { on: false, why: `ENABLE_V6_EGRESS is "true" only in ${main ? "env" : "init.env"}; the CNI needs it in both (amazon-vpc-cni-k8s#3124)` };
}

function findCluster(m: Model, name: string): ClusterM | string {
    return m.clusters.get(name) ?? `no EKS cluster component named ${name} in the graph (clusters: ${[...m.clusters.keys()].join(", ") || "none"})`;
}

/** Where a client's packets start, per placement; a string is a reason the client cannot send at all. */
function originsOf(m: Model, e: FlowEndpoint, family: IpFamily): Origin[] | string {
    switch (e.kind) {
        case "pods": {
            const c = findCluster(m, e.cluster);
            if (typeof c === "string") return c;
            if (c.nodeSubnetIds.length === 0) return `cluster ${c.name} has no node subnets in the graph`;
            const out: Origin[] = [];
            for (const sid of c.nodeSubnetIds) {
                const s = m.subnets.get(sid);
                if (!s) return `node subnet ${sid} of ${c.name} is not in the graph`;
                const base = { label: `pods of ${c.name} on nodes in ${s.id}`, subnet: s, family, sgs: c.nodeSecurityGroups, clusterName: c.name };
                if (c.ipFamily === family) {
                    const src = addrOf(family, s);
                    if (!src) return `node ${subnetLabel(s)} has no ${family} block for the pods of ${c.name}`;
                    out.push({ ...base, src, hops: [`pod of ${c.name} (${family} cluster) sends from ${src} (node ${s.id})`] });
                } else if (c.ipFamily === "ipv6") {
                    // IPv6 cluster, IPv4 destination: the pod's v4if0 (169.254.172.0/22) is SNATed to
                    // the node's primary IPv4 unless ENABLE_V4_EGRESS is false (EKS user guide, "IPv6
                    // ... Pods"; VPC CNI README "ENABLE_V4_EGRESS").
                    if (!v4EgressEnabled(c.cniConfiguration)) return `vpc-cni of ${c.name} sets ENABLE_V4_EGRESS=false: IPv6 pods have no IPv4 egress (no v4if0)`;
                    if (!s.ipv4) return `node ${subnetLabel(s)} has no IPv4 block for the node's primary IPv4`;
                    out.push({ ...base, src: s.ipv4, hops: [`pod of ${c.name}: SNAT v4if0 ${V4_EGRESS_POD_CIDR} -> node primary IPv4 in ${s.ipv4} (${s.id})`] });
                } else {
                    // IPv4 cluster, IPv6 destination: v6if0 (fd00::ac:00/118) SNATed to the node's IPv6,
                    // only with ENABLE_V6_EGRESS and a node IPv6 address; otherwise the CNI silently
                    // leaves it off (VPC CNI README "ENABLE_V6_EGRESS").
                    const v6 = v6EgressState(c.cniConfiguration);
                    if (!v6.on) return `IPv4 cluster ${c.name} has no IPv6 egress: ${v6.why}`;
                    if (!s.ipv6) return `IPv4 cluster ${c.name} has v6 egress on, but node ${subnetLabel(s)} has no IPv6 /64, so nodes have no IPv6 and the CNI disables v6 egress`;
                    if (!s.assignIpv6 && !c.ltAssignsIpv6) return `IPv4 cluster ${c.name} has v6 egress on, but node ${subnetLabel(s)} does not assign IPv6 on creation (assignIpv6AddressOnCreation false), so nodes get no IPv6`;
                    out.push({ ...base, src: s.ipv6, hops: [`pod of ${c.name}: SNAT v6if0 ${V6_EGRESS_POD_CIDR} -> node IPv6 in ${s.ipv6} (${s.id})`] });
                }
            }
            return out;
        }
        case "instance": {
            const found = instanceOf(m, e.instance);
            if (typeof found === "string") return found;
            const { i, s } = found;
            const addr = family === "ipv4" ? (i.privateIp ? hostCidr(i.privateIp) : undefined) : i.ipv6[0] ? hostCidr(i.ipv6[0]) : undefined;
            if (!addr) return `instance ${i.name} has no ${family} address`;
            return [{ label: `instance ${i.name}`, subnet: s, family, src: addr, sgs: i.securityGroups, hops: [`instance ${i.id} (${i.name}) sends from ${addr}`] }];
        }
        case "function": {
            const f = m.lambdas.get(e.function);
            if (!f) return `no Lambda function named ${e.function} in the graph`;
            if (f.subnetIds.length === 0) return `function ${f.name} is not attached to a VPC (no vpcConfig.subnetIds)`;
            // IPv6 egress from a VPC function needs ipv6AllowedForDualStack and dual-stack subnets
            // (Lambda developer guide, "IPv6 support" for VPC functions).
            if (family === "ipv6" && !f.ipv6Allowed) return `function ${f.name} has vpcConfig.ipv6AllowedForDualStack off: it sends no IPv6`;
            const out: Origin[] = [];
            for (const sid of f.subnetIds) {
                const s = m.subnets.get(sid);
                if (!s) return `subnet ${sid} of function ${f.name} is not in the graph`;
                const src = addrOf(family, s);
                if (!src) return `function ${f.name}'s ${subnetLabel(s)} has no ${family} block`;
                out.push({ label: `function ${f.name} in ${s.id}`, subnet: s, family, src, sgs: f.securityGroups, hops: [`function ${f.name} sends from ${src} (${s.id})`] });
            }
            return out;
        }
        default:
            return `${describe(e)} cannot be the client of a flow`;
    }
}

/** An instance by resource name with its subnet; a string says which is missing. */
function instanceOf(m: Model, name: string): { i: NonNullable<ReturnType<Model["instances"]["get"]>>; s: SubnetM } | string {
    const i = m.instances.get(name);
    if (!i) return `no instance named ${name} in the graph`;
    const s = m.subnets.get(i.subnetId);
    if (!s) return `subnet ${i.subnetId} of instance ${i.name} is not in the graph`;
    return { i, s };
}

/** The addresses a client may connect to for a destination; a string is why there are none. */
function entriesOf(m: Model, e: FlowEndpoint, family: IpFamily, port: number): Entry[] | string {
    switch (e.kind) {
        case "pods": {
            const c = findCluster(m, e.cluster);
            if (typeof c === "string") return c;
            if (c.ipFamily !== family) {
                return c.ipFamily === "ipv6"
                    ? `pods of IPv6 cluster ${c.name} have no IPv4 address others can reach: v4if0 (${V4_EGRESS_POD_CIDR}) is egress-only, SNATed by the node`
                    : `pods of IPv4 cluster ${c.name} have no IPv6 address others can reach: v6if0 (${V6_EGRESS_POD_CIDR}) is an egress-only ULA, SNATed by the node`;
            }
            const out: Entry[] = [];
            for (const sid of c.nodeSubnetIds) {
                const s = m.subnets.get(sid);
                if (!s) return `node subnet ${sid} of ${c.name} is not in the graph`;
                out.push({ label: `pods of ${c.name} in ${s.id}`, subnet: s, dst: addrOf(family, s), sgs: c.nodeSecurityGroups, port });
            }
            return out;
        }
        case "instance": {
            const found = instanceOf(m, e.instance);
            if (typeof found === "string") return found;
            const { i, s } = found;
            const v4 = i.privateIp ? hostCidr(i.privateIp) : undefined;
            const v6 = i.ipv6[0] ? hostCidr(i.ipv6[0]) : undefined;
            return [{ label: `instance ${i.name}`, subnet: s, dst: family === "ipv4" ? v4 : v6, dst4: v4, sgs: i.securityGroups, port }];
        }
        case "nlb": {
            const nlb = [...m.nlbs.values()].find((n) => n.name === e.loadBalancer);
            if (!nlb) return `no network load balancer named ${e.loadBalancer} in the graph`;
            return nlbEntries(m, nlb, family, port);
        }
        case "endpoint": {
            const ep = m.endpoints.get(e.endpoint);
            if (!ep) return `no VPC endpoint named ${e.endpoint} in the graph`;
            if (ep.type !== "Interface") return `endpoint ${ep.name} is a ${ep.type} endpoint, not an interface endpoint`;
            // Endpoint IP address type and DNS record type decide which families the endpoint
            // answers and resolves (PrivateLink guide, "IP address types" and "DNS record IP type").
            const ipOk = family === "ipv4" ? ep.ipAddressType !== "ipv6" : ep.ipAddressType !== "ipv4";
            if (!ipOk) return `endpoint ${ep.id} (${ep.name}) has ipAddressType ${ep.ipAddressType}: its interfaces have no ${family} address`;
            const dnsOk = ep.dnsRecordIpType === "dualstack" || ep.dnsRecordIpType === "service-defined" || ep.dnsRecordIpType === family;
            if (!dnsOk) return `endpoint ${ep.id} (${ep.name}) has dnsOptions.dnsRecordIpType ${ep.dnsRecordIpType}: its DNS name has no ${family === "ipv4" ? "A" : "AAAA"} records`;
            if (ep.state && /pending|rejected|failed/i.test(ep.state)) return `endpoint ${ep.id} (${ep.name}) is ${ep.state}`;
            const out: Entry[] = [];
            for (const sid of ep.subnetIds) {
                const s = m.subnets.get(sid);
                if (!s) return `subnet ${sid} of endpoint ${ep.name} is not in the graph`;
                out.push({ label: `endpoint ${ep.id} (${ep.name}) interface in ${s.id}`, subnet: s, dst: addrOf(family, s), sgs: ep.securityGroupIds, endpoint: ep.name, port });
            }
            return out.length > 0 ? out : `endpoint ${ep.name} has no subnets`;
        }
        default:
            return `${describe(e)} is not a destination the model resolves`;
    }
}

function nlbEntries(m: Model, nlb: NlbM, family: IpFamily, port: number): Entry[] | string {
    const out: Entry[] = [];
    for (const sid of nlb.subnetIds) {
        const s = m.subnets.get(sid);
        if (!s) return `subnet ${sid} of ${nlb.name} is not in the graph`;
        // An NLB of ipAddressType ipv4 has only IPv4 addresses and A records; dualstack adds IPv6
        // addresses and AAAA records (ELB guide, "IP address type" of a Network Load Balancer).
        const has6 = nlb.ipAddressType.startsWith("dualstack");
        out.push({ label: `${nlb.name} node in ${s.id} (${s.az})`, subnet: s, dst: family === "ipv4" ? s.ipv4 : has6 ? s.ipv6 : undefined, dst4: s.ipv4, sgs: nlb.securityGroups, nlb, port, noSg: nlb.securityGroups.length === 0,
            noAddrWhy: family === "ipv6" && !has6 ? `${nlb.name} is ipAddressType ${nlb.ipAddressType}: it has no IPv6 address and its DNS name has only A records` : family === "ipv6" ? `${nlb.name}'s ${subnetLabel(s)} has no IPv6 block` : `${nlb.name}'s ${subnetLabel(s)} has no IPv4 block` });
    }
    return out.length > 0 ? out : `${nlb.name} has no subnets`;
}

/** Walks one origin to one entry: egress rules, route there, ingress rules, route back. */
function leg(m: Model, o: { subnet: SubnetM; family: IpFamily; src: string; sgs: string[] }, entry: Entry, family: IpFamily, what: string, opts: { srcSgsNoCheck?: boolean; noReturn?: string } = {}): { ok: true; hops: string[]; packet: Packet } | { ok: false; hops: string[]; drop: string } {
    const hops: string[] = [];
    let dst = entry.dst;
    if (!dst && family === "ipv6" && entry.dst4 && o.subnet.dns64) {
        // DNS64 in the client's subnet synthesizes 64:ff9b::/96 AAAA answers for IPv4-only names
        // (VPC user guide, "DNS64 and NAT64"); the NAT64 route carries them.
        dst = nat64Synthesize(entry.dst4);
        hops.push(`DNS64 in ${o.subnet.id} answers ${entry.label} with ${dst}`);
    }
    if (!dst) return { ok: false, hops, drop: entry.noAddrWhy ?? `${entry.label} has no ${family} address${family === "ipv6" ? " (no AAAA record)" : ""}` };
    if (!opts.srcSgsNoCheck) {
        const eg = sgCheck(m, o.sgs, "egress", dst, entry.sgs, entry.port, what);
        if (!eg.ok) return { ok: false, hops, drop: eg.detail };
        hops.push(eg.detail);
    }
    const pkt: Packet = { family, src: o.src, dst, port: entry.port, srcSgs: o.sgs };
    const fwd = walk(m, o.subnet.id, pkt, entry.subnet.id, { ports: [entry.port, entry.port] });
    hops.push(...fwd.hops);
    if (!fwd.ok) return { ok: false, hops, drop: fwd.drop };
    const arrived = fwd.packet;
    if (!entry.noSg) {
        const ing = sgCheck(m, entry.sgs, "ingress", arrived.src, arrived.srcSgs, entry.port, entry.label);
        if (!ing.ok) return { ok: false, hops, drop: ing.detail };
        hops.push(ing.detail);
    }
    if (opts.noReturn) {
        hops.push(opts.noReturn);
        return { ok: true, hops, packet: arrived };
    }
    // The reply must route back to where the request was last translated (or to the client).
    const back = walk(m, entry.subnet.id, { family: arrived.family, src: arrived.dst, dst: arrived.src, port: 0, srcSgs: entry.sgs }, fwd.returnSubnet, { ports: EPHEMERAL });
    if (!back.ok) return { ok: false, hops, drop: `reply from ${entry.label} to ${arrived.src} cannot return: ${back.drop}` };
    hops.push(`reply routes back: ${back.hops[0] ?? "same subnet"}`);
    return { ok: true, hops, packet: arrived };
}

/** From an NLB node that accepted a connection, on to one of the listener's targets. */
function throughNlb(m: Model, nlb: NlbM, node: SubnetM, arrived: Packet, port: number, privateLink: boolean): Outcome {
    const hops: string[] = [];
    const listener = nlb.listeners.find((l) => l.port === port && /^(TCP|TLS|TCP_UDP)$/i.test(l.protocol));
    if (!listener) return fail(hops, `${nlb.name} has no TCP listener on port ${port} (listeners: ${nlb.listeners.map((l) => `${l.protocol}/${l.port}`).join(", ") || "none"})`);
    hops.push(`${nlb.name} listener ${listener.name} ${listener.protocol}/${port}`);
    let lastDrop: string | undefined;
    let lastHops: string[] = [];
    for (const tgArn of listener.targetGroupArns) {
        const tg = m.targetGroups.get(tgArn);
        if (!tg) { lastDrop = `listener ${listener.name} forwards to ${tgArn}, which is not in the graph`; continue; }
        // IPv6 target groups attach only to dual-stack NLBs (ELB guide, "Target groups", IP address type).
        if (tg.family === "ipv6" && !nlb.ipAddressType.startsWith("dualstack")) { lastDrop = `target group ${tg.name} is IPv6 but ${nlb.name} is ipAddressType ${nlb.ipAddressType}`; continue; }
        // What the target sees as source (ELB guide, "Client IP preservation"): instance targets keep
        // the client IP by default, IP targets over TCP do not; across families the NLB always uses
        // its own address; PrivateLink traffic always arrives from the NLB's private address.
        const preserve = !privateLink && arrived.family === tg.family && (tg.preserveClientIp ?? tg.targetType === "instance");
        const nodeAddr = addrOf(tg.family, node);
        if (!preserve && !nodeAddr) { lastDrop = `${nlb.name} node ${subnetLabel(node)} has no ${tg.family} block to reach ${tg.family} targets`; continue; }
        const seenSrc = preserve ? arrived.src : nodeAddr!;
        const translated = preserve ? "client address preserved" : `source becomes the NLB address in ${nodeAddr}`;
        const candidates: Entry[] = [];
        for (const t of tg.targets) {
            const tport = t.port ?? tg.port ?? port;
            if (t.kind === "instance") {
                const inst = [...m.instances.values()].find((i) => i.id === t.ref);
                const s = inst && m.subnets.get(inst.subnetId);
                if (!inst || !s) { lastDrop = `target ${t.ref} of ${tg.name} is not an instance in the graph`; continue; }
                const addr = tg.family === "ipv4" ? (inst.privateIp ? hostCidr(inst.privateIp) : undefined) : inst.ipv6[0] ? hostCidr(inst.ipv6[0]) : undefined;
                candidates.push({ label: `target instance ${inst.id} (${inst.name})`, subnet: s, dst: addr, sgs: inst.securityGroups, port: tport });
            } else if (t.kind === "ip") {
                const host = hostCidr(t.ref);
                const s = host ? [...m.subnets.values()].find((x) => [x.ipv4, x.ipv6].some((c) => c && within(host, c))) : undefined;
                if (!s) { lastDrop = `IP target ${t.ref} of ${tg.name} is in no subnet of the graph`; continue; }
                // The interface that owns the address (an instance's primary or IPv6 address) brings its groups.
                const owner = [...m.instances.values()].find((i) => i.privateIp === t.ref || i.ipv6.some((a) => hostCidr(a) === hostCidr(t.ref)));
                candidates.push({ label: `IP target ${t.ref}${owner ? ` (instance ${owner.id}, ${owner.name})` : ""}`, subnet: s, dst: hostCidr(t.ref), sgs: owner?.securityGroups ?? [], port: tport });
            } else {
                const c = m.clusters.get(t.ref);
                if (!c) { lastDrop = `${t.label}: cluster ${t.ref} is not in the graph`; continue; }
                if (c.ipFamily !== tg.family) { lastDrop = `${t.label}: pods of ${c.ipFamily} cluster ${c.name} have no ${tg.family} address for ${tg.family} target group ${tg.name}`; continue; }
                for (const sid of c.nodeSubnetIds) {
                    const s = m.subnets.get(sid);
                    if (s) candidates.push({ label: `pods of ${c.name} in ${s.id} (${t.label})`, subnet: s, dst: addrOf(tg.family, s), sgs: c.nodeSecurityGroups, port: tport });
                }
            }
        }
        // Without cross-zone load balancing each NLB node sends only to targets in its own AZ (ELB
        // guide, "Cross-zone load balancing"; off by default for NLBs).
        const usable = nlb.crossZone ? candidates : candidates.filter((c) => c.subnet.az === node.az);
        if (candidates.length === 0) { lastDrop ??= `target group ${tg.name} has no targets`; continue; }
        if (usable.length === 0) { lastDrop = `${nlb.name} node in ${node.az} has no target of ${tg.name} in its AZ and cross-zone load balancing is off`; continue; }
        for (const c of usable) {
            const r = leg(m, { subnet: node, family: tg.family, src: seenSrc, sgs: nlb.securityGroups }, { ...c }, tg.family, `${nlb.name}`, {
                srcSgsNoCheck: nlb.securityGroups.length === 0,
                // With the client address preserved, the NLB itself carries the reply back to the client
                // (ELB guide, "Client IP preservation"); the client leg already checked the route back.
                noReturn: preserve ? "reply to the preserved client address goes back through the NLB" : undefined,
            });
            if (r.ok) return { ok: true, hops: [...hops, `${nlb.name} -> target group ${tg.name} (${tg.family}, ${tg.targetType} targets): ${translated}`, ...r.hops, `arrives at ${c.label}`] };
            lastDrop = r.drop;
            lastHops = [...hops, `${nlb.name} -> target group ${tg.name} (${tg.family}, ${tg.targetType} targets): ${translated}`, ...r.hops];
        }
    }
    return fail(lastHops.length > 0 ? lastHops : hops, lastDrop ?? `listener ${listener.name} of ${nlb.name} forwards to no target group`);
}

/** One placement: origin to one entry and on to the final target. */
function placement(m: Model, o: Origin, entry: Entry, flow: FlowIntent): Outcome {
    const hops = [...o.hops];
    const r = leg(m, o, entry, o.family, o.label);
    hops.push(...r.hops);
    if (!r.ok) return fail(hops, r.drop);
    if (entry.nlb) {
        const n = throughNlb(m, entry.nlb, entry.subnet, r.packet, entry.port, false);
        return n.ok ? { ok: true, hops: [...hops, ...n.hops] } : fail([...hops, ...n.hops], n.drop);
    }
    if (entry.endpoint) {
        const ep = m.endpoints.get(entry.endpoint)!;
        const svc = m.endpointServices.find((s) => s.serviceName && s.serviceName === ep.serviceName);
        if (!svc) return fail(hops, `endpoint ${ep.name}'s service ${ep.serviceName} is not an endpoint service in the graph`);
        // The service must support every family of the endpoint's IP address type (PrivateLink guide,
        // "IP address types": IPv6 and dual-stack endpoints need a service that supports IPv6).
        const needs: IpFamily[] = ep.ipAddressType === "dualstack" ? ["ipv4", "ipv6"] : [ep.ipAddressType as IpFamily];
        const missing = needs.filter((f) => !svc.supported.includes(f));
        if (missing.length > 0) return fail(hops, `endpoint service ${svc.id} (${svc.name}) supports ${svc.supported.join(", ")} only; endpoint ${ep.name} (ipAddressType ${ep.ipAddressType}) needs ${missing.join(", ")}`);
        const nlb = m.nlbs.get(svc.nlbArns[0] ?? "");
        if (!nlb) return fail(hops, `endpoint service ${svc.name} has no network load balancer in the graph`);
        if (flow.family === "ipv6" && !nlb.ipAddressType.startsWith("dualstack")) return fail(hops, `endpoint service ${svc.name}'s ${nlb.name} is ipAddressType ${nlb.ipAddressType}: PrivateLink IPv6 needs a dual-stack NLB`);
        // PrivateLink hands the connection to the NLB node in the endpoint's AZ; endpoints exist only
        // in AZs where the service's NLB has a node (PrivateLink guide, "Availability Zones").
        const node = nlb.subnetIds.map((s) => m.subnets.get(s)).find((s) => s?.az === entry.subnet.az);
        if (!node) return fail(hops, `endpoint service ${svc.name}'s ${nlb.name} has no node in ${entry.subnet.az}, where ${entry.label} is`);
        hops.push(`PrivateLink: ${ep.name} -> endpoint service ${svc.id} (${svc.name}) -> ${nlb.name} node in ${node.id}`);
        if (nlb.securityGroups.length > 0 && nlb.enforceSgOnPrivateLink) {
            // *(unsure)* which source the NLB's inbound rules see for PrivateLink traffic; the model
            // evaluates them against the consumer's address as it left the client, the strictest reading.
            const ing = sgCheck(m, nlb.securityGroups, "ingress", r.packet.src, [], entry.port, `${nlb.name} (PrivateLink traffic, inbound rules enforced)`);
            if (!ing.ok) return fail(hops, ing.detail);
            hops.push(ing.detail);
        }
        const n = throughNlb(m, nlb, node, r.packet, entry.port, true);
        return n.ok ? { ok: true, hops: [...hops, ...n.hops] } : fail([...hops, ...n.hops], n.drop);
    }
    hops.push(`arrives at ${entry.label}`);
    return { ok: true, hops };
}

/** Answers one flow on a model. */
export function analyzeFlow(m: Model, flow: FlowIntent): FlowResult {
    const base = { name: flow.name, from: describe(flow.from), to: describe(flow.to), family: flow.family, port: flow.port, expect: flow.expect };
    const finish = (status: FlowStatus, extra: Partial<FlowResult>, placements: { total: number; reached: number }): FlowResult => ({
        ...base, status, holds: flow.expect === "allow" ? status === "proven" : status === "blocked", placements, ...extra,
    });
    const origins = originsOf(m, flow.from, flow.family);
    if (typeof origins === "string") return finish("blocked", { drop: origins, dropPath: [] }, { total: 0, reached: 0 });
    if (flow.to.kind === "clusterIP") {
        const c = findCluster(m, flow.to.cluster);
        if (typeof c === "string") return finish("blocked", { drop: c, dropPath: [] }, { total: 0, reached: 0 });
        // ClusterIPs are virtual: kube-proxy rewrites them on the cluster's own nodes; the service
        // CIDR (ULA on IPv6 clusters) is routed nowhere in the VPC (EKS user guide, IPv6 services).
        if (origins.every((o) => o.clusterName === c.name)) return finish("proven", { path: [`kube-proxy on ${c.name}'s node translates the ClusterIP to a pod address`] }, { total: origins.length, reached: origins.length });
        return finish("blocked", { drop: `the ClusterIP of ${c.name} (service CIDR ${c.serviceCidr ?? "of the cluster"}) exists only on ${c.name}'s nodes (kube-proxy); it never leaves the cluster`, dropPath: [] }, { total: origins.length, reached: 0 });
    }
    const entries = entriesOf(m, flow.to, flow.family, flow.port);
    if (typeof entries === "string") return finish("blocked", { drop: entries, dropPath: [] }, { total: 0, reached: 0 });
    let reached = 0;
    let total = 0;
    let firstOk: string[] | undefined;
    let firstFail: { hops: string[]; drop: string } | undefined;
    for (const o of origins) {
        for (const e of entries) {
            total++;
            const r = placement(m, o, e, flow);
            if (r.ok) { reached++; firstOk ??= r.hops; } else firstFail ??= { hops: r.hops, drop: `${o.label} -> ${e.label}: ${r.drop}` };
        }
    }
    const status: FlowStatus = reached === total ? "proven" : reached === 0 ? "blocked" : "partial";
    return finish(status, { path: firstOk, drop: firstFail?.drop, dropPath: firstFail?.hops }, { total, reached });
}

export interface Analysis {
    flows: FlowResult[];
    notes: string[];
    ms: number;
}

/** Builds the model from the graph and answers every flow. */
export function analyzeGraph(graph: { resources: GraphResource[]; intent?: FlowIntent[] }, intent: FlowIntent[] = graph.intent ?? []): Analysis {
    const started = performance.now();
    const m = buildModel(graph);
    const flows = intent.map((f) => {
        const r = analyzeFlow(m, f);
        // In a preview some IDs, CIDRs and addresses are unknown until deploy; a flow that does not
        // hold there is undecided rather than broken (the issue's "skip with an explicit note").
        if (!r.holds && m.unknowns.length > 0) {
            return { ...r, status: "unknown" as const, holds: true, drop: `undecided: ${m.unknowns.length} values are unknown until deploy (${m.unknowns.slice(0, 5).join(", ")}${m.unknowns.length > 5 ? ", ..." : ""}); as recorded: ${r.status}: ${r.drop}` };
        }
        return r;
    });
    return { flows, notes: m.notes, ms: performance.now() - started };
}
