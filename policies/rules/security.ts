/**
 * Security: no world-open ingress outside listener ports (in either family's spelling), IPv6
 * counterparts and ICMPv6 for IPv6 flows, IMDSv2, a restricted EKS public endpoint, flow logs.
 */
import { cidrContains, cidrsOverlap, isDefaultRoute, tryParseCidr } from "../../lib/cidr";
import { ICMPV6_PACKET_TOO_BIG, ICMP_DESTINATION_UNREACHABLE, ICMP_FRAGMENTATION_NEEDED } from "../../lib/networkFacts";
import { ALLOWED_WORLD_PORTS_SCHEMA } from "../config";
import { resourceRule, stackRule } from "../support/rule";
import { IngressEntry, SECURITY_GROUP_RULE_TYPES, ingressEntries, portRange } from "../support/securityGroups";
import { LISTENERS, LOAD_BALANCERS, T, vpcDualStack, vpcIpv4Blocks, vpcIpv6Blocks } from "../support/network";
import { PolicyRes, StackView } from "../support/stack";
import { UNKNOWN, Unknown, bool, describe, obj, str, strings } from "../support/values";

const isWorld = (cidr: string) => isDefaultRoute(cidr);

/** True for path-MTU discovery messages, which may come from any router on the path. */
function isPmtud(e: IngressEntry): boolean {
    if (e.protocol === "icmpv6") return e.fromPort === ICMPV6_PACKET_TOO_BIG;
    if (e.protocol === "icmp") return e.fromPort === ICMP_DESTINATION_UNREACHABLE && (e.toPort === ICMP_FRAGMENTATION_NEEDED || e.toPort === -1);
    return false;
}

/** Protocols (`tcp`/`udp`) a load balancer listener's protocol accepts traffic on. */
function listenerTransport(protocol: unknown): ("tcp" | "udp")[] | Unknown {
    const p = str(protocol);
    if (p === UNKNOWN) return UNKNOWN;
    switch ((p ?? "").toUpperCase()) {
        case "UDP": return ["udp"];
        case "TCP_UDP": return ["tcp", "udp"];
        case "QUIC": return ["udp"];
        case "TCP_QUIC": return ["tcp", "udp"];
        default: return ["tcp"]; // TCP, TLS, HTTP, HTTPS (and an ALB listener without protocol: HTTP)
    }
}

/**
 * `proto/port` pairs a security group may admit from the world: the listener ports of the
 * internet-facing load balancers the group is attached to. UNKNOWN when an attachment, a scheme or
 * a listener port is not known yet (a preview before the values exist).
 */
function worldOpenListenerPorts(view: StackView, group: PolicyRes): { ports: Set<string>; lbs: PolicyRes[] } | Unknown {
    const ports = new Set<string>();
    const lbs: PolicyRes[] = [];
    for (const lb of view.ofType(...LOAD_BALANCERS)) {
        const groups = view.refs(lb, "securityGroups", [T.securityGroup]);
        if (groups === UNKNOWN) return UNKNOWN;
        if (!groups.includes(group)) continue;
        const internal = bool(lb.props.internal);
        if (internal === UNKNOWN) return UNKNOWN;
        if (internal === true) continue;
        lbs.push(lb);
        for (const l of view.ofType(...LISTENERS)) {
            const owner = view.ref(l, "loadBalancerArn", LOAD_BALANCERS);
            if (owner === UNKNOWN) return UNKNOWN;
            if (owner !== lb) continue;
            const port = l.props.port;
            const transports = listenerTransport(l.props.protocol);
            if (port === UNKNOWN || transports === UNKNOWN) return UNKNOWN;
            if (typeof port !== "number") continue;
            for (const t of transports) ports.add(`${t}/${port}`);
        }
    }
    return { ports, lbs };
}

export const noWorldIngress = stackRule({
    name: "security-group-no-world-ingress",
    description: "No security-group ingress admits 0.0.0.0/0 or ::/0 (in any spelling, such as 0:0:0:0:0:0:0:0/0) except ICMP path-MTU messages and, on a group attached to an internet-facing load balancer, that load balancer's listener ports (which must also be in allowedWorldIngressPorts).",
    enforcementLevel: "mandatory",
    severity: "critical",
    why: "World-open ingress exposes every instance and pod behind the group; scanners repeatedly missed ::/0 and its long spellings, and in IPv6 there is no NAT hiding private addresses. A port allowlist alone let an application instance's group open 443 to the world.",
    source: "AWS Security Hub EC2.18/EC2.19 (unrestricted ports, IPv4 and IPv6); EC2 user guide, \"Security group rules\"; ELB user guide, \"Security groups for your Network Load Balancer\"",
    remediation: "Narrow the source to the clients' CIDRs or a source security group; put internet-facing services behind an internet-facing load balancer and open only its listener ports on the load balancer's own security group (config allowedWorldIngressPorts caps which ports those may be).",
    config: { allowedWorldIngressPorts: ALLOWED_WORLD_PORTS_SCHEMA },
    check(view, ctx) {
        const allowed = ctx.config.allowedWorldIngressPorts as number[];
        for (const r of view.ofType(...SECURITY_GROUP_RULE_TYPES)) {
            const entries = ingressEntries(r);
            if (entries === UNKNOWN) continue;
            for (const e of entries) {
                if (typeof e.cidr !== "string" || !isWorld(e.cidr) || isPmtud(e)) continue;
                if (e.protocol === UNKNOWN) continue;
                const range = portRange(e);
                if (range === UNKNOWN) continue;
                const ports = e.protocol === "all" ? "all traffic" : range[0] === range[1] ? `${e.protocol} ${range[0]}` : `${e.protocol} ${range[0]}-${range[1]}`;
                const head = `${describe(r)}: ${e.where} ${JSON.stringify(e.cidr)} admits ${ports} from the whole ${e.family === "ipv6" ? "IPv6" : "IPv4"} internet`;
                const group = e.res.type === T.securityGroup ? e.res : view.ref(e.res, "securityGroupId", [T.securityGroup]);
                if (group === UNKNOWN) continue;
                const listed = group ? worldOpenListenerPorts(view, group) : { ports: new Set<string>(), lbs: [] };
                if (listed === UNKNOWN) continue;
                if (listed.lbs.length === 0) {
                    ctx.report(r, `${head}, and ${group ? describe(group) : "its security group"} is not attached to an internet-facing load balancer: set the source to the clients' CIDR (or a source security group); only an internet-facing load balancer's own group may be world-open, on its listener ports.`);
                    continue;
                }
                const tcpUdp = e.protocol === "tcp" || e.protocol === "udp";
                const span = tcpUdp && range[1] - range[0] < 1024 ? Array.from({ length: range[1] - range[0] + 1 }, (_, i) => range[0] + i) : undefined;
                const notListener = span ? span.filter((p) => !listed.ports.has(`${String(e.protocol)}/${p}`)) : undefined;
                const notAllowed = span ? span.filter((p) => !allowed.includes(p)) : undefined;
                if (span && notListener!.length === 0 && notAllowed!.length === 0) continue;
                const listenerPorts = [...listed.ports].sort().join(", ") || "(no listener)";
                const why = !span
                    ? `only listener ports may be world-open (${listenerPorts} on ${listed.lbs.map(describe).join(", ")})`
                    : notListener!.length
                        ? `${notListener!.length === span.length ? "it is not a" : "not every port is a"} listener port of ${listed.lbs.map(describe).join(", ")} (${listenerPorts})`
                        : `port(s) ${notAllowed!.join(", ")} are not in allowedWorldIngressPorts (${allowed.join(", ") || "none"})`;
                ctx.report(r, `${head}: ${why}; admit only the listener ports.`);
            }
        }
    },
});

/** Security group of an ingress entry. */
function groupOf(view: StackView, e: IngressEntry): PolicyRes | undefined {
    if (e.res.type === T.securityGroup) return e.res;
    const g = view.ref(e.res, "securityGroupId", [T.securityGroup]);
    return g && g !== UNKNOWN ? g : undefined;
}

/** Known ingress entries per security group. */
function entriesByGroup(view: StackView): Map<PolicyRes, IngressEntry[]> {
    const map = new Map<PolicyRes, IngressEntry[]>();
    for (const r of view.ofType(...SECURITY_GROUP_RULE_TYPES)) {
        const entries = ingressEntries(r);
        if (entries === UNKNOWN) continue;
        for (const e of entries) {
            const g = groupOf(view, e);
            if (g) map.set(g, [...(map.get(g) ?? []), e]);
        }
    }
    return map;
}

/** True when `e` covers the protocol and ports of `want`. */
function covers(e: IngressEntry, want: IngressEntry): boolean {
    if (e.protocol === "all") return true;
    if (e.protocol !== want.protocol) return false;
    const a = portRange(e);
    const b = portRange(want);
    if (a === UNKNOWN || b === UNKNOWN) return true;
    return a[0] <= b[0] && a[1] >= b[1];
}

export const ipv6Counterpart = stackRule({
    name: "security-group-ipv6-counterpart",
    description: "In a dual-stack VPC, ingress that admits an IPv4 CIDR of a dual-stack VPC (or the IPv4 internet) on some ports also admits that VPC's IPv6 block (or ::/0) on the same ports.",
    enforcementLevel: "advisory",
    severity: "medium",
    why: "Clients that can use IPv6 will (dual-stack DNS answers prefer AAAA); a rule set written for IPv4 only makes those flows time out while IPv4 tests pass.",
    source: "VPC user guide, \"Security group rules\" (separate IPv4 and IPv6 rules); facts page, \"Security groups\"",
    remediation: "Add an ingress rule with cidrIpv6 set to the peer VPC's IPv6 block (or ::/0 beside 0.0.0.0/0) on the same protocol and ports.",
    check(view, ctx) {
        const vpcs = view.ofType(T.vpc);
        for (const [group, entries] of entriesByGroup(view)) {
            const vpc = view.ref(group, "vpcId", [T.vpc]);
            if (!vpc || vpc === UNKNOWN || vpcDualStack(view, vpc) !== true) continue;
            const v6 = entries.filter((e) => e.family === "ipv6");
            if (v6.some((e) => e.cidr === UNKNOWN)) continue;
            for (const e of entries) {
                if (e.family !== "ipv4" || typeof e.cidr !== "string" || e.protocol === UNKNOWN || e.protocol === "icmp") continue;
                let wanted: string[] | undefined;
                if (isWorld(e.cidr)) wanted = ["::/0"];
                else {
                    const source = vpcs.find((v) => vpcIpv4Blocks(view, v).blocks.some((b) => cidrsOverlap(b, e.cidr as string)));
                    if (!source || vpcDualStack(view, source) !== true) continue;
                    const { blocks, unknown } = vpcIpv6Blocks(view, source);
                    if (unknown || blocks.length === 0) continue;
                    wanted = blocks;
                }
                const ok = v6.some((x) => covers(x, e) && wanted!.some((w) => cidrsOverlap(x.cidr as string, w)));
                if (!ok) {
                    const ports = portRange(e);
                    const p = ports === UNKNOWN ? "" : ` ${ports[0]}-${ports[1]}`;
                    ctx.report(e.res, `${describe(e.res)} admits ${e.cidr} (${e.protocol}${p}) into ${describe(group)} in a dual-stack VPC but nothing admits ${wanted.join(" or ")} on the same ports: add an ingress rule with cidrIpv6 ${wanted[0]}.`);
                }
            }
        }
    },
});

export const icmpv6FromPeers = stackRule({
    name: "security-group-icmpv6-from-ipv6-sources",
    description: "A security group that admits traffic from an IPv6 CIDR also admits ICMPv6 (at least type 2, Packet Too Big) from it.",
    enforcementLevel: "advisory",
    severity: "low",
    why: "IPv6 routers never fragment: path-MTU discovery depends on ICMPv6 Packet Too Big reaching the sender. Without it, large responses across a transit gateway (MTU 8500) or a VPN stall after the handshake.",
    source: "RFC 8201; VPC user guide, \"Path MTU Discovery\"; Transit Gateway guide (MTU 8500)",
    remediation: "Add an ingress rule with ipProtocol \"icmpv6\" (fromPort 2 for Packet Too Big, or -1 for all types) from the same IPv6 CIDR.",
    check(view, ctx) {
        for (const [group, entries] of entriesByGroup(view)) {
            const v6 = entries.filter((e) => e.family === "ipv6");
            if (v6.some((e) => e.cidr === UNKNOWN || e.protocol === UNKNOWN)) continue;
            const icmp = v6.filter((e) => e.protocol === "all" || (e.protocol === "icmpv6" && (e.fromPort === undefined || e.fromPort === -1 || e.fromPort === ICMPV6_PACKET_TOO_BIG)));
            for (const e of v6) {
                if (e.protocol === "icmpv6" || e.protocol === "all") continue;
                const src = e.cidr as string;
                if (!tryParseCidr(src)) continue;
                if (!icmp.some((x) => cidrContains(x.cidr as string, src))) {
                    ctx.report(e.res, `${describe(e.res)} admits ${src} into ${describe(group)} but no rule admits ICMPv6 Packet Too Big from it: add an ingress rule with ipProtocol "icmpv6", fromPort ${ICMPV6_PACKET_TOO_BIG} (or -1) and cidrIpv6 ${src}.`);
                }
            }
        }
    },
});

export const imdsv2Required = resourceRule({
    name: "imdsv2-required",
    description: "EC2 instances and launch templates set metadataOptions.httpTokens to required (IMDSv2 only).",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "IMDSv1 answers any request that reaches 169.254.169.254, which turns an SSRF in a pod or app into stolen instance credentials.",
    source: "EC2 user guide, \"Use IMDSv2\"; AWS Security Hub EC2.8",
    remediation: "Set metadataOptions: { httpTokens: \"required\", httpEndpoint: \"enabled\", httpPutResponseHopLimit: 1 } (hop limit 2 only where containers need IMDS).",
    types: [T.instance, T.launchTemplate],
    check(r, ctx) {
        const m = obj(r.props.metadataOptions);
        if (m === UNKNOWN) return;
        if (m && str(m.httpEndpoint) === "disabled") return;
        const tokens = m ? str(m.httpTokens) : undefined;
        if (tokens === UNKNOWN || tokens === "required") return;
        ctx.report(`${describe(r)}: metadataOptions.httpTokens is ${tokens === undefined ? "unset (IMDSv1 allowed)" : JSON.stringify(tokens)}: set metadataOptions.httpTokens to "required".`);
    },
});

export const eksPublicEndpointRestricted = resourceRule({
    name: "eks-public-endpoint-restricted",
    description: "An EKS cluster's public API endpoint is off, or limited by publicAccessCidrs that contain no 0.0.0.0/0 or ::/0.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "The public endpoint is on and open to 0.0.0.0/0 by default (also in @pulumi/eks); the Kubernetes API is then reachable by anyone, protected only by authentication.",
    source: "EKS user guide, \"Cluster API server endpoint\"; EKS best practices guide, \"Make the EKS Cluster Endpoint private\"",
    remediation: "Set endpointPublicAccess to false (with endpointPrivateAccess true), or publicAccessCidrs to your operators' egress CIDRs.",
    types: [T.eksComponent, T.eksCluster],
    check(r, ctx) {
        const raw = r.type === T.eksCluster;
        const vc = raw ? obj(r.props.vpcConfig) : r.props;
        if (vc === UNKNOWN || vc === undefined) return;
        const pub = bool(vc.endpointPublicAccess);
        if (pub === UNKNOWN || pub === false) return;
        const field = raw ? "vpcConfig.publicAccessCidrs" : "publicAccessCidrs";
        const cidrs = strings(vc.publicAccessCidrs);
        if (cidrs.unknown) return;
        if (cidrs.values.length === 0) {
            ctx.report(`${describe(r)}: the public API endpoint is on (endpointPublicAccess ${pub === undefined ? "unset, default true" : "true"}) and ${field} is unset, which means 0.0.0.0/0: set ${field} to your operators' CIDRs, or endpointPublicAccess to false.`);
            return;
        }
        const world = cidrs.values.filter(isWorld);
        if (world.length > 0) ctx.report(`${describe(r)}: ${field} contains ${world.map((w) => JSON.stringify(w)).join(", ")}, which opens the Kubernetes API to the internet: replace it with your operators' CIDRs.`);
    },
});

export const vpcFlowLogs = stackRule({
    name: "vpc-flow-logs-enabled",
    description: "Every VPC has a flow log (aws.ec2.FlowLog with its vpcId).",
    enforcementLevel: "advisory",
    severity: "low",
    why: "Flow logs are the only record of which IPv4 and IPv6 flows were accepted or rejected; without them an interop failure (a missing ::/0, a security group without the IPv6 counterpart) leaves no trace.",
    source: "VPC user guide, \"Logging IP traffic using VPC Flow Logs\"; AWS Security Hub EC2.6",
    remediation: "Add an aws.ec2.FlowLog with vpcId, trafficType \"ALL\" and a CloudWatch Logs or S3 destination.",
    check(view, ctx) {
        const logs = view.ofType(T.flowLog);
        if (logs.some((l) => view.refs(l, "vpcId", [T.vpc]) === UNKNOWN)) return;
        for (const vpc of view.ofType(T.vpc)) {
            if (!logs.some((l) => view.ref(l, "vpcId", [T.vpc]) === vpc)) {
                ctx.report(vpc, `${describe(vpc)} has no flow log: add an aws.ec2.FlowLog with vpcId set to this VPC and trafficType "ALL".`);
            }
        }
    },
});
