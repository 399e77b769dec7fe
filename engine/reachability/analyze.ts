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
import { buildModel, overlaps, P, sameAz, within, type ClusterM, type Model, type NlbM, type SubnetM, type TargetGroupM } from "./model";
import { EPHEMERAL, naclVerdict, sgCheck, subnetLabel, walk, type External, type Packet } from "./walk";
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
    /** The source has a public IPv4 the internet gateway translates to. */
    publicV4?: boolean;
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
    /** A destination outside the modelled subnets (`subnet` is then unused). */
    external?: External;
    /** An AWS service endpoint: answered by an interface endpoint with private DNS in the client's VPC, else public. */
    awsService?: { service: string; dualStack: boolean };
    /** A note the placement's path starts with (for example an NLB node DNS leaves out). */
    note?: string;
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
        case "internet": return "the internet";
        case "cidr": return `CIDR ${e.cidr}`;
        case "aws-service": return `AWS service ${e.service} (${e.dualStack ? "dual-stack" : "IPv4-only"} endpoint)`;
        default: return `endpoint ${JSON.stringify(e)}`;
    }
}

function addrOf(family: IpFamily, s: SubnetM): string | undefined {
    return family === "ipv4" ? s.ipv4 : s.ipv6;
}

/** Private ranges (RFC 1918, shared 100.64/10, IPv6 ULA fc00::/7): not reachable through an internet gateway. */
const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"];
function isPrivate(cidr: string): boolean {
    return PRIVATE.some((r) => overlaps(cidr, r));
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
    return m.clusters.get(name) ?? [...m.clusters.values()].find((c) => c.clusterName === name)
        ?? `no EKS cluster component named ${name} in the graph (clusters: ${[...m.clusters.keys()].join(", ") || "none"})`;
}

/** Each node of a cluster: a node group's subnet with that node group's own security groups. */
function nodesOf(c: ClusterM): { subnetId: string; sgs: string[]; ltAssignsIpv6: boolean; group: string }[] | string {
    const out = c.nodeGroups.flatMap((g) => g.subnetIds.map((subnetId) => ({ subnetId, sgs: g.securityGroups, ltAssignsIpv6: g.ltAssignsIpv6, group: g.name })));
    return out.length > 0 ? out : `cluster ${c.name} has no node group in the graph (node groups are matched by cluster name${c.clusterName ? ` ${c.clusterName}` : ""}), so it runs no pods`;
}

/** Where a client's packets start, per placement; a string is a reason the client cannot send at all. */
function originsOf(m: Model, e: FlowEndpoint, family: IpFamily): Origin[] | string {
    switch (e.kind) {
        case "pods": {
            const c = findCluster(m, e.cluster);
            if (typeof c === "string") return c;
            const nodes = nodesOf(c);
            if (typeof nodes === "string") return nodes;
            const out: Origin[] = [];
            for (const node of nodes) {
                const sid = node.subnetId;
                const s = m.subnets.get(sid);
                if (!s) return `node subnet ${sid} of ${c.name} is not in the graph`;
                const many = c.nodeGroups.length > 1 ? ` of node group ${node.group}` : "";
                const base = { label: `pods of ${c.name} on nodes${many} in ${s.id}`, subnet: s, family, sgs: node.sgs, clusterName: c.name, publicV4: s.mapPublicIp };
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
                    if (!s.assignIpv6 && !node.ltAssignsIpv6) return `IPv4 cluster ${c.name} has v6 egress on, but node ${subnetLabel(s)} does not assign IPv6 on creation (assignIpv6AddressOnCreation false), so nodes get no IPv6`;
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
            return [{ label: `instance ${i.name}`, subnet: s, family, src: addr, sgs: i.securityGroups, hops: [`instance ${i.id} (${i.name}) sends from ${addr}`], publicV4: i.publicV4 ?? s.mapPublicIp }];
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
            const nodes = nodesOf(c);
            if (typeof nodes === "string") return nodes;
            const out: Entry[] = [];
            for (const node of nodes) {
                const s = m.subnets.get(node.subnetId);
                if (!s) return `node subnet ${node.subnetId} of ${c.name} is not in the graph`;
                const many = c.nodeGroups.length > 1 ? ` (node group ${node.group})` : "";
                out.push({ label: `pods of ${c.name} in ${s.id}${many}`, subnet: s, dst: addrOf(family, s), sgs: node.sgs, port });
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
        case "internet": {
            // Every public address of the family: only routes and rules that cover all of it carry the flow.
            const all = family === "ipv4" ? "0.0.0.0/0" : "::/0";
            const anySubnet = [...m.subnets.values()][0];
            if (!anySubnet) return "the graph has no subnets";
            return [{ label: `the ${family === "ipv4" ? "IPv4" : "IPv6"} internet`, subnet: anySubnet, dst: all, dst4: family === "ipv6" ? "0.0.0.0/0" : undefined, sgs: [], port, external: { kind: "external", label: `the ${family === "ipv4" ? "IPv4" : "IPv6"} internet (${all})`, public: true } }];
        }
        case "cidr": {
            const p = P(typeof e.cidr === "string" ? e.cidr : "");
            if (!p) return `flow destination cidr ${JSON.stringify(e.cidr)} is not a CIDR (write it like 10.20.0.0/16 or 2001:db8::/56)`;
            if (p.family !== family) return `flow destination cidr ${p.text} is ${p.family}, but the flow's family is ${family}`;
            const holder = [...m.subnets.values()].find((s) => { const b = addrOf(family, s); return !!b && within(p.text, b); });
            if (holder) return [{ label: `${p.text} in ${subnetLabel(holder)}`, subnet: holder, dst: p.text, sgs: [], port, noSg: true }];
            const split = [...m.subnets.values()].filter((s) => { const b = addrOf(family, s); return !!b && overlaps(p.text, b); });
            if (split.length > 0) return `flow destination cidr ${p.text} spans several subnets (${split.map((s) => s.id).join(", ")}); name one subnet's range or a part of it`;
            const inVpc = [...m.vpcs.values()].find((v) => [...v.ipv4, ...v.ipv6].some((c) => overlaps(p.text, c)));
            if (inVpc) return `flow destination cidr ${p.text} is in ${inVpc.name}'s CIDRs but in no subnet of the graph`;
            const anySubnet = [...m.subnets.values()][0];
            if (!anySubnet) return "the graph has no subnets";
            return [{ label: `CIDR ${p.text}`, subnet: anySubnet, dst: p.text, sgs: [], port, external: { kind: "external", label: `CIDR ${p.text}`, public: !isPrivate(p.text) } }];
        }
        case "aws-service": {
            if (typeof e.service !== "string" || !/^[a-z0-9][a-z0-9.-]*$/.test(e.service)) return `flow destination aws-service has service ${JSON.stringify(e.service)}; write the endpoint prefix, for example "s3", "sts" or "ecr.api"`;
            const anySubnet = [...m.subnets.values()][0];
            if (!anySubnet) return "the graph has no subnets";
            return [{ label: `AWS service ${e.service}`, subnet: anySubnet, sgs: [], port, awsService: { service: e.service, dualStack: e.dualStack === true } }];
        }
        default:
            return `${describe(e)} is not a destination the model resolves`;
    }
}

/** The listener a TCP client reaches on `port`. */
function listenerOn(nlb: NlbM, port: number) {
    return nlb.listeners.find((l) => l.port === port && /^(TCP|TLS|TCP_UDP)$/i.test(l.protocol));
}

/** Cross-zone for a target group: its own attribute when set, else the load balancer's (NLB guide, "Cross-zone load balancing for target groups"). */
function crossZoneOf(nlb: NlbM, tg: TargetGroupM): boolean {
    return tg.crossZone ?? nlb.crossZone;
}

/** The targets a target group would send to, as entries; `why` when some could not be resolved. */
function targetCandidates(m: Model, tg: TargetGroupM, port: number): { candidates: Entry[]; why?: string } {
    const candidates: Entry[] = [];
    let why: string | undefined;
    for (const t of tg.targets) {
        const tport = t.port ?? tg.port ?? port;
        if (t.kind === "instance") {
            const inst = [...m.instances.values()].find((i) => i.id === t.ref);
            const s = inst && m.subnets.get(inst.subnetId);
            if (!inst || !s) { why = `target ${t.ref} of ${tg.name} is not an instance in the graph`; continue; }
            const addr = tg.family === "ipv4" ? (inst.privateIp ? hostCidr(inst.privateIp) : undefined) : inst.ipv6[0] ? hostCidr(inst.ipv6[0]) : undefined;
            candidates.push({ label: `target instance ${inst.id} (${inst.name})`, subnet: s, dst: addr, sgs: inst.securityGroups, port: tport });
        } else if (t.kind === "ip") {
            const host = hostCidr(t.ref);
            const s = host ? [...m.subnets.values()].find((x) => [x.ipv4, x.ipv6].some((c) => c && within(host, c))) : undefined;
            if (!s) { why = `IP target ${t.ref} of ${tg.name} is in no subnet of the graph`; continue; }
            // The interface that owns the address (an instance's primary or IPv6 address) brings its groups.
            const owner = [...m.instances.values()].find((i) => i.privateIp === t.ref || i.ipv6.some((a) => hostCidr(a) === hostCidr(t.ref)));
            candidates.push({ label: `IP target ${t.ref}${owner ? ` (instance ${owner.id}, ${owner.name})` : ""}`, subnet: s, dst: hostCidr(t.ref), sgs: owner?.securityGroups ?? [], port: tport });
        } else {
            const c = m.clusters.get(t.ref);
            if (!c) { why = `${t.label}: cluster ${t.ref} is not in the graph`; continue; }
            if (c.ipFamily !== tg.family) { why = `${t.label}: pods of ${c.ipFamily} cluster ${c.name} have no ${tg.family} address for ${tg.family} target group ${tg.name}`; continue; }
            const nodes = nodesOf(c);
            if (typeof nodes === "string") { why = `${t.label}: ${nodes}`; continue; }
            for (const n of nodes) {
                const s = m.subnets.get(n.subnetId);
                if (s) candidates.push({ label: `pods of ${c.name} in ${s.id} (${t.label})`, subnet: s, dst: addrOf(tg.family, s), sgs: n.sgs, port: tport });
            }
        }
    }
    return { candidates, why };
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
    if (out.length === 0) return `${nlb.name} has no subnets`;
    // DNS failover: with cross-zone off, a node whose AZ has no target in one of the listener's
    // target groups is unhealthy and its address leaves the NLB's DNS name; clients resolve only
    // the other nodes. When every node is unhealthy, DNS fails open and returns them all (ELB guide,
    // "Health checks for Network Load Balancer target groups"; AWS knowledge center
    // "elb-dns-cross-zone-balance-configuration").
    const listener = listenerOn(nlb, port);
    if (!listener) return out;
    const healthy = (e: Entry) => listener.targetGroupArns.every((arn) => {
        const tg = m.targetGroups.get(arn);
        if (!tg) return false;
        const { candidates } = targetCandidates(m, tg, port);
        return crossZoneOf(nlb, tg) ? candidates.length > 0 : candidates.some((c) => sameAz(c.subnet, e.subnet));
    });
    const live = out.filter(healthy);
    if (live.length === 0 || live.length === out.length) return out;
    const gone = out.filter((e) => !live.includes(e)).map((e) => e.subnet.az);
    return live.map((e) => ({ ...e, note: `${nlb.name}'s DNS name leaves out its node${gone.length > 1 ? "s" : ""} in ${gone.join(", ")} (no target there and cross-zone load balancing off)` }));
}

type LegResult = { ok: true; hops: string[]; packet: Packet } | { ok: false; hops: string[]; drop: string };

/**
 * Why an IPv6 client gets no address for an IPv4-only destination when its subnet has DNS64 off:
 * the Route 53 Resolver synthesizes 64:ff9b::/96 AAAA answers only for clients in subnets with
 * `enableDns64` (VPC user guide, "DNS64 and NAT64"). Empty when DNS64 would not help.
 */
function noDns64Why(subnet: SubnetM, entry: Entry, family: IpFamily): string {
    if (family !== "ipv6" || !entry.dst4 || subnet.dns64) return "";
    return `; DNS64 is off in the client's ${subnetLabel(subnet)} (enableDns64 false), so the resolver synthesizes no 64:ff9b::/96 AAAA for it${subnet.ipv4 ? "" : " and the IPv6-only client has no IPv4 to use instead"}`;
}

/**
 * Why a DNS64-synthesized address went nowhere: no NAT gateway translated it, so the client's
 * route table lacks the NAT64 route (VPC user guide, "DNS64 and NAT64": route 64:ff9b::/96 to a
 * NAT gateway). Empty when a NAT gateway did translate it (the drop is then further on).
 */
function noNat64Why(hops: string[], subnet: SubnetM): string {
    if (hops.some((h) => / NAT64 /.test(h))) return "";
    return `; nothing translated the DNS64 address: the route table of the client's ${subnetLabel(subnet)} needs a 64:ff9b::/96 route to a NAT gateway (NAT64)`;
}

/** Walks one origin to one entry: egress rules, route there, ingress rules, route back. */
function leg(m: Model, o: { subnet: SubnetM; family: IpFamily; src: string; sgs: string[]; publicV4?: boolean }, entry: Entry, family: IpFamily, what: string, opts: { srcSgsNoCheck?: boolean; noReturn?: string } = {}): LegResult {
    const hops: string[] = [];
    let dst = entry.dst;
    if (!dst && family === "ipv6" && entry.dst4 && o.subnet.dns64) {
        // DNS64 in the client's subnet synthesizes 64:ff9b::/96 AAAA answers for IPv4-only names
        // (VPC user guide, "DNS64 and NAT64"); the NAT64 route carries them.
        dst = nat64Synthesize(entry.dst4);
        hops.push(`DNS64 in ${o.subnet.id} answers ${entry.label} with ${dst}`);
    }
    if (!dst) return { ok: false, hops, drop: (entry.noAddrWhy ?? `${entry.label} has no ${family} address${family === "ipv6" ? " (no AAAA record)" : ""}`) + noDns64Why(o.subnet, entry, family) };
    const synthesized = dst !== entry.dst;
    // Egress first with references allowed wherever they can match; once the path is known, a
    // reference that admitted the packet is checked again for the way it crossed between VPCs.
    const eg = opts.srcSgsNoCheck ? undefined : sgCheck(m, o.sgs, "egress", dst, entry.sgs, entry.port, what, "any");
    if (eg && !eg.ok) return { ok: false, hops, drop: eg.detail };
    if (eg) hops.push(eg.detail);
    const pkt: Packet = { family, src: o.src, dst, port: entry.port, srcSgs: o.sgs, publicV4: o.publicV4 };
    const fwd = walk(m, o.subnet.id, pkt, entry.external ?? entry.subnet.id, { ports: [entry.port, entry.port] });
    hops.push(...fwd.hops);
    if (!fwd.ok) return { ok: false, hops, drop: fwd.drop + (synthesized ? noNat64Why(fwd.hops, o.subnet) : "") };
    const arrived = fwd.packet;
    if (eg?.byReference) {
        const again = sgCheck(m, o.sgs, "egress", dst, entry.sgs, entry.port, what, arrived.via ?? "local");
        if (!again.ok) return { ok: false, hops, drop: again.detail };
    }
    if (!entry.noSg && !entry.external) {
        const ing = sgCheck(m, entry.sgs, "ingress", arrived.src, arrived.srcSgs, entry.port, entry.label, arrived.via ?? "local");
        if (!ing.ok) return { ok: false, hops, drop: ing.detail };
        hops.push(ing.detail);
    }
    if (opts.noReturn) {
        hops.push(opts.noReturn);
        return { ok: true, hops, packet: arrived };
    }
    // The reply must route back to where the request was last translated (or to the client); an
    // external destination's reply was checked where it re-enters (walk).
    if (!entry.external) {
        const back = walk(m, entry.subnet.id, { family: arrived.family, src: arrived.dst, dst: arrived.src, port: 0, srcSgs: entry.sgs }, fwd.returnSubnet, { ports: EPHEMERAL });
        if (!back.ok) return { ok: false, hops, drop: `reply from ${entry.label} to ${arrived.src} cannot return: ${back.drop}` };
        hops.push(`reply routes back: ${back.hops[0] ?? "same subnet"}`);
    }
    // Behind a NAT gateway the reply is translated back and crosses the NAT gateway's subnet and the
    // client's subnet again (both NACLs, ephemeral ports).
    if (fwd.nat) {
        const n = fwd.nat;
        const natBack = walk(m, n.natSubnet, { family: P(n.src)!.family, src: n.dst, dst: n.src, port: 0, srcSgs: [] }, n.clientSubnet, { ports: EPHEMERAL });
        if (!natBack.ok) return { ok: false, hops, drop: `reply translated back by the NAT gateway cannot reach ${n.src}: ${natBack.drop}` };
    }
    return { ok: true, hops, packet: arrived };
}

/** From an NLB node that accepted a connection, on to one of the listener's targets. */
function throughNlb(m: Model, nlb: NlbM, node: SubnetM, arrived: Packet, port: number, privateLink: boolean): Outcome {
    const hops: string[] = [];
    const listener = listenerOn(nlb, port);
    if (!listener) return fail(hops, `${nlb.name} has no TCP listener on port ${port} (listeners: ${nlb.listeners.map((l) => `${l.protocol}/${l.port}`).join(", ") || "none"})`);
    hops.push(`${nlb.name} listener ${listener.name} ${listener.protocol}/${port}`);
    let lastDrop: string | undefined;
    let lastHops: string[] = [];
    for (const tgArn of listener.targetGroupArns) {
        const tg = m.targetGroups.get(tgArn);
        if (!tg) { lastDrop = `listener ${listener.name} forwards to ${tgArn}, which is not in the graph`; continue; }
        // IPv6 target groups attach only to dual-stack NLBs, hold only IP targets and serve only TCP
        // and TLS listeners (ELB guide, "Target groups for your Network Load Balancers", IP address type).
        if (tg.family === "ipv6" && !nlb.ipAddressType.startsWith("dualstack")) { lastDrop = `target group ${tg.name} is IPv6 but ${nlb.name} is ipAddressType ${nlb.ipAddressType}`; continue; }
        if (tg.family === "ipv6" && tg.targetType !== "ip") { lastDrop = `target group ${tg.name} is IPv6 with ${tg.targetType} targets: AWS accepts only ip targets in IPv6 target groups`; continue; }
        if (tg.family === "ipv6" && !/^(TCP|TLS)$/i.test(listener.protocol)) { lastDrop = `listener ${listener.name} is ${listener.protocol}: IPv6 target group ${tg.name} serves only TCP and TLS listeners`; continue; }
        // What the target sees as source (ELB guide, "Client IP preservation"): instance targets keep
        // the client IP by default, IP targets over TCP do not; across families the NLB always uses
        // its own address; PrivateLink traffic always arrives from the NLB's private address.
        const preserve = !privateLink && arrived.family === tg.family && (tg.preserveClientIp ?? tg.targetType === "instance");
        const nodeAddr = addrOf(tg.family, node);
        if (!preserve && !nodeAddr) { lastDrop = `${nlb.name} node ${subnetLabel(node)} has no ${tg.family} block to reach ${tg.family} targets`; continue; }
        const seenSrc = preserve ? arrived.src : nodeAddr!;
        const translated = preserve ? "client address preserved" : `source becomes the NLB address in ${nodeAddr}`;
        const { candidates, why } = targetCandidates(m, tg, port);
        if (why) lastDrop = why;
        // Without cross-zone load balancing each NLB node sends only to targets in its own AZ (ELB
        // guide, "Cross-zone load balancing"; off by default for NLBs; a target group's own
        // attribute overrides the load balancer's setting).
        const cz = crossZoneOf(nlb, tg);
        const usable = cz ? candidates : candidates.filter((c) => sameAz(c.subnet, node));
        if (candidates.length === 0) { lastDrop ??= `target group ${tg.name} has no targets`; continue; }
        if (usable.length === 0) { lastDrop = `${nlb.name} node in ${node.az} has no target of ${tg.name} in its AZ and cross-zone load balancing is off${tg.crossZone === false ? " (target group attribute)" : ""}`; continue; }
        const head = `${nlb.name} -> target group ${tg.name} (${tg.family}, ${tg.targetType} targets): ${translated}`;
        if (preserve) {
            // Client IP preservation needs targets in the load balancer's VPC, reached directly (ELB
            // guide, "Edit target group attributes", client IP preservation requirements).
            const nlbVpc = node.vpcId;
            const away = usable.find((c) => c.subnet.vpcId !== nlbVpc);
            if (away) { lastDrop = `target group ${tg.name} preserves the client IP, but ${away.label} is outside ${nlb.name}'s VPC ${nlbVpc}: client IP preservation needs targets in the load balancer's VPC`; lastHops = [...hops, head]; continue; }
            // An internal NLB does not hairpin: a target that is also the client times out when the
            // NLB picks it (ELB guide, "Troubleshoot your Network Load Balancer", requests from a
            // target to its load balancer time out).
            const self = nlb.internal ? usable.find((c) => c.dst && overlaps(c.dst, arrived.src)) : undefined;
            if (self) { lastDrop = `${self.label} may be the client itself (${arrived.src}): with client IP preservation on, internal ${nlb.name} does not support hairpinning and the connection times out when it picks that target (turn off preserve_client_ip or use ip targets)`; lastHops = [...hops, head]; continue; }
        }
        for (const c of usable) {
            const r = leg(m, { subnet: node, family: tg.family, src: seenSrc, sgs: nlb.securityGroups }, { ...c }, tg.family, `${nlb.name}`, {
                srcSgsNoCheck: nlb.securityGroups.length === 0,
                // With the client address preserved, the NLB itself carries the reply back to the client
                // (ELB guide, "Client IP preservation"); the client leg already checked the route back.
                noReturn: preserve ? "reply to the preserved client address goes back through the NLB" : undefined,
            });
            if (r.ok && preserve && !within(seenSrc, addrOf(tg.family, c.subnet) ?? "")) {
                // NACLs are stateless: with the client's address preserved, the target subnet's outbound
                // rules must allow the client on the ephemeral ports (ELB guide, "Register targets",
                // network ACLs; VPC user guide, "Network ACLs").
                const n = naclVerdict(m.subnetNacl.get(c.subnet.id), true, seenSrc, EPHEMERAL);
                if (n) { lastDrop = `reply from ${c.label} to the preserved client address ${seenSrc} cannot leave: ${n} (leaving ${subnetLabel(c.subnet)})`; lastHops = [...hops, head, ...r.hops]; continue; }
            }
            if (r.ok) return { ok: true, hops: [...hops, head, ...r.hops, `arrives at ${c.label}`] };
            lastDrop = r.drop;
            lastHops = [...hops, head, ...r.hops];
        }
    }
    return fail(lastHops.length > 0 ? lastHops : hops, lastDrop ?? `listener ${listener.name} of ${nlb.name} forwards to no target group`);
}

/** An AWS service endpoint: an interface endpoint with private DNS in the client's VPC answers, else the public endpoint. */
function awsServicePlacement(m: Model, o: Origin, entry: Entry, flow: FlowIntent): Outcome {
    const svc = entry.awsService!;
    const hops = [...o.hops];
    const local = [...m.endpoints.values()].find((ep) => ep.type === "Interface" && ep.vpcId === o.subnet.vpcId && ep.privateDns && !!ep.serviceName && ep.serviceName.endsWith(`.${svc.service}`));
    if (local) {
        // Private DNS makes the service's regional name resolve to the endpoint's interfaces in
        // this VPC (PrivateLink guide, "Private DNS"); its IP address and DNS record types decide the families.
        const entries = entriesOf(m, { kind: "endpoint", endpoint: local.name }, flow.family, flow.port);
        if (typeof entries === "string") return fail(hops, entries);
        for (const e of entries) {
            const r = leg(m, o, { ...e, endpoint: undefined }, o.family, o.label);
            if (!r.ok) return fail([...hops, ...r.hops], `${e.label} (private DNS of ${svc.service}): ${r.drop}`);
            hops.push(...r.hops);
        }
        hops.push(`arrives at interface endpoint ${local.name} for ${svc.service} (private DNS)`);
        return { ok: true, hops };
    }
    // The public endpoint: dual-stack names have AAAA records, IPv4-only names only A records
    // (AWS general reference, "Dual-stack endpoints"); their addresses are public AWS ranges, any
    // public address as far as the VPC's routes and rules are concerned.
    if (flow.family === "ipv6" && !svc.dualStack) {
        if (!o.subnet.dns64) return fail(hops, `AWS service ${svc.service}'s endpoint is IPv4-only: its name has no AAAA record (use its dual-stack endpoint, IPv4 from the client, or DNS64 with a NAT64 route)`);
        hops.push(`DNS64 in ${o.subnet.id} answers ${svc.service}'s IPv4-only name with ${nat64Synthesize("0.0.0.0/0")}`);
    }
    const v6 = flow.family === "ipv6" && svc.dualStack;
    const dst = flow.family === "ipv4" ? "0.0.0.0/0" : v6 ? "::/0" : nat64Synthesize("0.0.0.0/0");
    const label = `AWS service ${svc.service} (public ${svc.dualStack ? "dual-stack" : "IPv4-only"} endpoint)`;
    const r = leg(m, o, { label, subnet: o.subnet, dst, sgs: [], port: flow.port, external: { kind: "external", label, public: true } }, o.family, o.label);
    hops.push(...r.hops);
    return r.ok ? { ok: true, hops: [...hops, `arrives at ${label}`] } : fail(hops, r.drop);
}

/** One placement: origin to one entry and on to the final target. */
function placement(m: Model, o: Origin, entry: Entry, flow: FlowIntent): Outcome {
    if (entry.awsService) return awsServicePlacement(m, o, entry, flow);
    const hops = [...o.hops, ...(entry.note ? [entry.note] : [])];
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
        const nlbs = svc.nlbArns.map((a) => m.nlbs.get(a)).filter((n): n is NlbM => !!n);
        if (nlbs.length === 0) return fail(hops, `endpoint service ${svc.name} has no network load balancer in the graph`);
        // PrivateLink hands the connection to a service NLB's node in the endpoint's AZ, compared by
        // AZ ID since consumer and provider may be different accounts (PrivateLink guide,
        // "Availability Zones"; AWS RAM user guide, "Availability Zone IDs"). Any NLB of the service
        // with a node there may get it, so each must carry the flow.
        const withNode = nlbs.map((nlb) => ({ nlb, node: nlb.subnetIds.map((s) => m.subnets.get(s)).find((s): s is SubnetM => !!s && sameAz(s, entry.subnet)) })).filter((x) => !!x.node);
        if (withNode.length === 0) return fail(hops, `endpoint service ${svc.name}'s ${nlbs.map((n) => n.name).join(", ")} ha${nlbs.length > 1 ? "ve" : "s"} no node in ${entry.subnet.az}${entry.subnet.azId ? ` (${entry.subnet.azId})` : ""}, where ${entry.label} is`);
        const allHops = [...hops];
        for (const { nlb, node } of withNode) {
            const h = [...hops];
            if (flow.family === "ipv6" && !nlb.ipAddressType.startsWith("dualstack")) return fail(h, `endpoint service ${svc.name}'s ${nlb.name} is ipAddressType ${nlb.ipAddressType}: PrivateLink IPv6 needs a dual-stack NLB`);
            h.push(`PrivateLink: ${ep.name} -> endpoint service ${svc.id} (${svc.name}) -> ${nlb.name} node in ${node!.id}`);
            if (nlb.securityGroups.length > 0 && nlb.enforceSgOnPrivateLink) {
                // *(unsure)* which source the NLB's inbound rules see for PrivateLink traffic; the model
                // evaluates them against the consumer's address as it left the client, the strictest reading.
                const ing = sgCheck(m, nlb.securityGroups, "ingress", r.packet.src, [], entry.port, `${nlb.name} (PrivateLink traffic, inbound rules enforced)`);
                if (!ing.ok) return fail(h, ing.detail);
                h.push(ing.detail);
            }
            const n = throughNlb(m, nlb, node!, r.packet, entry.port, true);
            if (!n.ok) return fail([...h, ...n.hops], n.drop);
            if (allHops.length === hops.length) allHops.push(...h.slice(hops.length), ...n.hops);
        }
        return { ok: true, hops: allHops };
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
    m.undecided.clear();
    const r = analyzeFlowOnce(m, flow, finish);
    // A prefix list (or a route target) the graph does not hold was consulted: the answer could be
    // either way, so the flow is undecided and says why.
    if (m.undecided.size > 0) {
        const why = [...m.undecided];
        return { ...r, status: "unknown", holds: true, drop: `undecided: ${why.slice(0, 3).join("; ")}${why.length > 3 ? `; and ${why.length - 3} more` : ""}; as computed: ${r.status}${r.drop ? `: ${r.drop}` : ""}` };
    }
    return r;
}

type Finish = (status: FlowStatus, extra: Partial<FlowResult>, placements: { total: number; reached: number }) => FlowResult;

function analyzeFlowOnce(m: Model, flow: FlowIntent, finish: Finish): FlowResult {
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
export function analyzeGraph(graph: { resources: GraphResource[]; intent?: FlowIntent[]; region?: string }, intent: FlowIntent[] = graph.intent ?? []): Analysis {
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
