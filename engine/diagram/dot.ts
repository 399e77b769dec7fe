/**
 * The figure of a recorded graph, as Graphviz DOT: the article's way of drawing a scenario. VPCs
 * (with their IPv4 and IPv6 blocks) are boxes laid out left to right, each holding its subnets per
 * tier and AZ, its gateways, its EKS clusters (with their IP family), load balancers, instances,
 * Lambda functions and PrivateLink endpoints; peering connections, the Transit Gateway (with its
 * attachments) and PrivateLink join the boxes; the declared flows are drawn over them with the
 * verdicts of the flows section (`graph.flows`, engine/reachability/section.ts): traffic that gets
 * through in solid green, traffic that is dropped in dashed red, numbered against a legend.
 *
 * Pure: a graph in, a string out, nothing placed by hand. engine/diagram/render.ts lays it out.
 */
import type { FlowEndpoint, FlowIntent } from "../../lib/intent";
import { v4EgressEnabled } from "../../lib/vpcCni";
import type { Graph } from "../graph";
import { exitVia, externalDrawing } from "./external";
import type { FlowResult } from "../reachability/analyze";
import { buildModel, type Model, type SubnetM } from "../reachability/model";

/** Thrown when a graph cannot be drawn; the message says what is missing and how to get it. */
export class DiagramError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "DiagramError";
    }
}

/** Colours and dash styles per verdict (what the legend explains). */
export const VERDICT_STYLE: Record<FlowResult["status"], { color: string; style: string; word: string }> = {
    proven: { color: "#1a7f37", style: "solid", word: "gets through" },
    blocked: { color: "#cf222e", style: "dashed", word: "dropped" },
    partial: { color: "#bc4c00", style: "dashed", word: "some placements only" },
    unknown: { color: "#6e7781", style: "dotted", word: "undecided (unknown values)" },
};

/**
 * One font Graphviz has metrics for (it measures text without font files, in WebAssembly): with
 * a list of fallbacks it measures with Times and browsers draw wider text than the boxes hold.
 */
const FONT = "Helvetica";

/** Escapes text for a Graphviz HTML-like label. */
export function esc(s: string): string {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function q(id: string): string {
    return `"${id.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function attrs(a: Record<string, string | number | undefined>): string {
    const parts = Object.entries(a)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => ((k === "label" || k === "xlabel") && typeof v === "string" && v.startsWith("<") ? `${k}=${v}` : `${k}=${q(String(v))}`));
    return parts.length > 0 ? ` [${parts.join(", ")}]` : "";
}

/** An HTML-like label: first line bold, the others small. */
function card(title: string, lines: string[]): string {
    const rest = lines.map((l) => `<br/><font point-size="10">${esc(l)}</font>`).join("");
    return `<<b>${esc(title)}</b>${rest}>`;
}

function familyWord(f: string): string {
    return f === "ipv6" ? "IPv6" : f === "ipv4" ? "IPv4" : f === "dualstack" ? "dual-stack" : f;
}

/** The flows section's result for each declared flow (same order), or a DiagramError saying how to get it. */
function flowResults(graph: Pick<Graph, "intent"> & { flows?: unknown }): FlowResult[] {
    const intent = Array.isArray(graph.intent) ? graph.intent : [];
    if (intent.length === 0) return [];
    const flows = (graph.flows as { flows?: FlowResult[] } | undefined)?.flows;
    if (!Array.isArray(flows)) {
        throw new DiagramError("the graph has no flows section (graph.flows.flows), so the flows' verdicts cannot be drawn; draw it with `npm run plan -- <stack> --diagram FILE.svg`, or re-check a saved graph first (`npm run plan -- --graph FILE --diagram FILE.svg`)");
    }
    if (flows.length !== intent.length || flows.some((f, i) => f.name !== intent[i].name)) {
        throw new DiagramError(`the flows section holds ${flows.length} results for ${intent.length} declared flows (or in another order); it was computed for another intent: re-check the graph (\`npm run plan -- --graph FILE --diagram FILE.svg\`)`);
    }
    return flows;
}

function subnetTier(m: Model, graph: Pick<Graph, "resources">, s: SubnetM): string {
    const r = m.index.byRef(s.id) ?? graph.resources.find((x) => x.name === s.name && x.type === "aws:ec2/subnet:Subnet");
    const tag = r?.outputs?.tags?.tier ?? r?.inputs?.tags?.tier;
    if (typeof tag === "string" && tag !== "") return tag;
    const rt = m.routeTables.get(m.subnetRouteTable.get(s.id) ?? "");
    return rt?.routes.some((x) => x.kind === "igw" && (x.dest === "0.0.0.0/0" || x.dest === "::/0")) ? "public" : "private";
}

const TIER_ORDER = ["public", "private"];

/** Nodes and edges collected per VPC (so that each VPC's box holds its own). */
interface VpcBox {
    id: string;
    nodes: string[];
    /** IDs of the nodes in the box, in drawing order. */
    members: string[];
    /** The gateways and the subnets, drawn under the workloads. */
    tail: string[];
    /** A node inside the box, for edges that end on the box (lhead/ltail). */
    anchor: string;
}

export interface DiagramOptions {
    /** Title over the figure; defaults to the stack and scenario names. */
    title?: string;
}

/** The DOT source of the figure of a graph that carries its flows section. */
export function diagramDot(graph: Graph, options: DiagramOptions = {}): string {
    const results = flowResults(graph);
    const intent: FlowIntent[] = Array.isArray(graph.intent) ? graph.intent : [];
    const m = buildModel(graph);
    const boxes = new Map<string, VpcBox>();
    const outside: string[] = [];
    const edges: string[] = [];
    const nodeOf = new Map<string, string>();
    const subnetVpc = (id: string | undefined) => (id ? m.subnets.get(id)?.vpcId : undefined);
    const vpcName = (id: string | undefined) => (id ? m.vpcs.get(id)?.name : undefined);

    for (const v of m.vpcs.values()) boxes.set(v.id, { id: `vpc_${v.name}`, nodes: [], members: [], tail: [], anchor: `subnets_${v.name}` });
    const put = (vpcId: string | undefined, key: string, node: string, line: string) => {
        nodeOf.set(key, node);
        const box = vpcId ? boxes.get(vpcId) : undefined;
        (box ? box.nodes : outside).push(`${q(node)}${line}`);
        box?.members.push(node);
    };
    const subnetsAzs = (ids: string[]) => {
        const subs = ids.map((id) => m.subnets.get(id)).filter((s): s is SubnetM => s !== undefined);
        const tiers = [...new Set(subs.map((s) => subnetTier(m, graph, s)))];
        const azs = [...new Set(subs.map((s) => s.az))].sort();
        return subs.length === 0 ? "no subnet in the graph" : `${tiers.join(" + ")} subnets, ${azs.join(" + ")}`;
    };

    // Subnets per tier and AZ, and the gateways, inside each VPC's box.
    for (const v of m.vpcs.values()) {
        const box = boxes.get(v.id)!;
        const subs = [...m.subnets.values()].filter((s) => s.vpcId === v.id);
        const byTier = new Map<string, SubnetM[]>();
        for (const s of subs) {
            const t = subnetTier(m, graph, s);
            byTier.set(t, [...(byTier.get(t) ?? []), s]);
        }
        const tiers = [...byTier.keys()].sort((a, b) => (TIER_ORDER.indexOf(a) + 1 || 99) - (TIER_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
        const rows: string[] = [];
        for (const t of tiers) {
            rows.push(`<tr><td colspan="3" align="left" bgcolor="#eaeef2"><b>${esc(t)}</b></td></tr>`);
            for (const sub of byTier.get(t)!.sort((a, b) => a.az.localeCompare(b.az))) {
                const v6 = sub.ipv6 ? esc(sub.ipv6) + (sub.dns64 ? " DNS64" : "") : "no IPv6";
                rows.push(`<tr><td>${esc(sub.az)}</td><td>${sub.ipv4 ? esc(sub.ipv4) : "IPv6-only"}</td><td>${v6}</td></tr>`);
            }
        }
        if (subs.length === 0) rows.push(`<tr><td colspan="3">no subnets</td></tr>`);
        box.tail.push(box.anchor);
        box.nodes.push(`${q(box.anchor)} [shape=plaintext, label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="2" bgcolor="white"><tr><td colspan="3"><b>subnets</b> (AZ, IPv4, IPv6)</td></tr>${rows.join("")}</table>>]`);

        const gw: string[] = [];
        for (const g of m.igws.values()) if (g.vpcId === v.id) gw.push("internet gateway");
        for (const g of m.eigws.values()) if (g.vpcId === v.id) gw.push("egress-only IGW (IPv6 out)");
        for (const n of m.nats.values()) {
            const s = m.subnets.get(n.subnetId);
            if (s?.vpcId === v.id) gw.push(`NAT gateway (${n.connectivity}) in ${subnetTier(m, graph, s)} ${s.az}`);
            if (s?.vpcId === v.id) gw.push(...nat64Lines(m, graph, n.id));
        }
        if (gw.length > 0) box.tail.unshift(`gw_${v.name}`);
        if (gw.length > 0) box.nodes.push(`${q(`gw_${v.name}`)}${attrs({ shape: "note", fillcolor: "#fff8c5", style: "filled", label: card("gateways", gw) })}`);
    }

    // Workloads and endpoints, each in the VPC its subnets are in.
    for (const c of m.clusters.values()) {
        const vpc = subnetVpc(c.nodeSubnetIds[0]);
        const lines = [`ipFamily ${c.ipFamily}: ${familyWord(c.ipFamily)} pods`, `nodes in ${subnetsAzs(c.nodeSubnetIds)}`];
        if (c.ipFamily === "ipv6" && v4EgressEnabled(c.cniConfiguration)) lines.push("IPv4 egress through v4if0 (node SNAT)");
        put(vpc, `cluster:${c.name}`, `eks_${c.name}`, attrs({ shape: "box", style: "rounded,filled,bold", fillcolor: c.ipFamily === "ipv6" ? "#ddf4ff" : "#fff1e5", label: card(`EKS cluster ${c.name}`, lines) }));
    }
    for (const n of m.nlbs.values()) {
        const ports = n.listeners.map((l) => `${l.protocol} ${l.port}`).join(", ");
        const lines = [`${n.internal ? "internal" : "internet-facing"}, ${familyWord(n.ipAddressType)}`, subnetsAzs(n.subnetIds)];
        if (ports) lines.push(`listener ${ports}`);
        put(subnetVpc(n.subnetIds[0]), `nlb:${n.name}`, `nlb_${n.name}`, attrs({ shape: "box", style: "filled", fillcolor: "#f6f8fa", label: card(`NLB ${n.name}`, lines) }));
    }
    for (const i of m.instances.values()) {
        const s = m.subnets.get(i.subnetId);
        put(s?.vpcId, `instance:${i.name}`, `instance_${i.name}`, attrs({ shape: "box", style: "filled", fillcolor: "#f6f8fa", label: card(`instance ${i.name}`, [s ? `${subnetTier(m, graph, s)} ${s.az}${instanceFamilies(i.ipv6.length > 0, s)}` : "subnet not in the graph"]) }));
    }
    for (const f of m.lambdas.values()) {
        put(subnetVpc(f.subnetIds[0]), `function:${f.name}`, `fn_${f.name}`, attrs({ shape: "box", style: "filled", fillcolor: "#f6f8fa", label: card(`Lambda ${f.name}`, [f.ipv6Allowed ? "dual-stack (IPv6 allowed)" : "IPv4 only", subnetsAzs(f.subnetIds)]) }));
    }
    for (const s of m.endpointServices) {
        const nlb = [...m.nlbs.values()].find((n) => s.nlbArns.includes(n.arn));
        put(nlb ? subnetVpc(nlb.subnetIds[0]) : undefined, `service:${s.name}`, `svc_${s.name}`, attrs({ shape: "component", style: "filled", fillcolor: "#fbefff", label: card(`endpoint service ${s.name}`, ["PrivateLink", `supports ${s.supported.map(familyWord).join(" + ")}`]) }));
        if (nlb) edges.push(`${q(`nlb_${nlb.name}`)} -> ${q(`svc_${s.name}`)}${attrs({ dir: "none", color: "#8250df", xlabel: "fronts" })}`);
    }
    for (const e of m.endpoints.values()) {
        put(e.vpcId, `endpoint:${e.name}`, `vpce_${e.name}`, attrs({ shape: "box", style: "filled", fillcolor: "#fbefff", label: card(`${e.type.toLowerCase()} endpoint ${e.name}`, [`ipAddressType ${e.ipAddressType}`, subnetsAzs(e.subnetIds)]) }));
    }

    // Which VPCs send the flows: links between VPCs are drawn from them, so they sit on the left.
    const sourceVpcs = new Set<string>();
    const endpointVpc = (e: FlowEndpoint): string | undefined => {
        switch (e.kind) {
            case "pods":
            case "clusterIP": return subnetVpc(m.clusters.get(e.cluster)?.nodeSubnetIds[0]);
            case "instance": return subnetVpc(m.instances.get(e.instance)?.subnetId);
            case "function": return subnetVpc(m.lambdas.get(e.function)?.subnetIds[0]);
            case "endpoint": return m.endpoints.get(e.endpoint)?.vpcId;
            case "nlb": return subnetVpc([...m.nlbs.values()].find((n) => n.name === e.loadBalancer)?.subnetIds[0]);
            default: return undefined;
        }
    };
    for (const f of intent) {
        const v = endpointVpc(f.from);
        if (v) sourceVpcs.add(v);
    }
    /** An undirected line between a VPC's box and a node outside it; `side` says which end the box is, so the box sits left ("tail") or right ("head") of the node. */
    const link = (vpc: string | undefined, middle: string, side: "tail" | "head") => {
        const box = vpc ? boxes.get(vpc) : undefined;
        if (!box) return;
        edges.push(side === "tail"
            ? `${q(box.anchor)} -> ${q(middle)}${attrs({ ltail: `cluster_${box.id}`, dir: "none", color: "#57606a", penwidth: 1.5 })}`
            : `${q(middle)} -> ${q(box.anchor)}${attrs({ lhead: `cluster_${box.id}`, dir: "none", color: "#57606a", penwidth: 1.5 })}`);
    };
    for (const p of m.peerings.values()) {
        const node = `pcx_${p.name}`;
        outside.push(`${q(node)}${attrs({ shape: "cds", style: "filled", fillcolor: "#eaeef2", margin: "0.25,0.06", label: card(`VPC peering ${p.name}`, [`${vpcName(p.vpcA) ?? p.vpcA} ⇄ ${vpcName(p.vpcB) ?? p.vpcB}`, p.active ? "active" : "not accepted"]) })}`);
        const [a, b] = sourceVpcs.has(p.vpcB) && !sourceVpcs.has(p.vpcA) ? [p.vpcB, p.vpcA] : [p.vpcA, p.vpcB];
        link(a, node, "tail");
        link(b, node, "head");
    }
    for (const t of m.tgws.values()) {
        const node = `tgw_${t.name}`;
        const atts = [...m.tgwAttachments.values()].filter((x) => x.tgwId === t.id);
        const lines = atts.map((x) => `attachment ${x.name}: ${vpcName(x.vpcId) ?? x.vpcId}, ${x.ipv6 ? "IPv4 + IPv6" : "IPv4 only"}`);
        outside.push(`${q(node)}${attrs({ shape: "box", style: "rounded,filled,bold", fillcolor: "#eaeef2", label: card(`Transit Gateway ${t.name}`, lines.length > 0 ? lines : ["no VPC attachments"]) })}`);
        for (const x of atts) {
            link(x.vpcId, node, sourceVpcs.has(x.vpcId) ? "tail" : "head");
        }
    }
    // Site-to-Site VPN: a double line from the transit gateway to the customer gateway device (the
    // appliance instance when the graph holds it, else a node for the customer gateway's address).
    // Its label is an edge label, laid out with room of its own (an xlabel landed on the appliance's
    // card once the AWS-service endpoints joined the figure).
    for (const c of m.vpn?.connections ?? []) {
        const tgw = c.tgwId ? m.tgws.get(c.tgwId) : undefined;
        if (!tgw) continue;
        let device = c.appliance ? nodeOf.get(`instance:${c.appliance.name}`) : undefined;
        if (!device) {
            device = `cgw_${c.name}`;
            outside.push(`${q(device)}${attrs({ shape: "box", style: "filled", fillcolor: "#fff1e5", label: card("customer gateway", [c.customerGatewayIp ?? "address unknown", "outside the graph"]) })}`);
        }
        const what = [`Site-to-Site VPN ${c.name}`, `IPsec, 2 tunnels, ${c.staticOnly ? "static routes" : "BGP"}, ${c.insideIpVersion === "ipv4" ? "IPv4" : "IPv6"} inside`];
        edges.push(`${q(`tgw_${tgw.name}`)} -> ${q(device)}${attrs({ dir: "none", color: "#953800:invis:#953800", penwidth: 1.6, fontcolor: "#953800", label: `<${what.map(esc).join("<br/>")}>` })}`);
    }
    for (const e of m.endpoints.values()) {
        const svc = m.endpointServices.find((s) => s.serviceName !== undefined && s.serviceName === e.serviceName);
        if (svc) edges.push(`${q(`vpce_${e.name}`)} -> ${q(`svc_${svc.name}`)}${attrs({ dir: "none", color: "#8250df", style: "bold", xlabel: "PrivateLink" })}`);
    }

    // The declared flows, numbered, styled by verdict.
    // Destinations outside the graph's resources (engine/diagram/external.ts): one node each, naming every family the flows to it use.
    const externalFamilies = new Map<string, Set<string>>();
    for (const f of intent) {
        const d = externalDrawing(f.to, new Set(), m);
        if (d) externalFamilies.set(d.key, (externalFamilies.get(d.key) ?? new Set<string>()).add(f.family));
    }
    const extNode = (e: FlowEndpoint, family: string): string => {
        const first = externalDrawing(e, new Set([family]), m);
        const d = first ? externalDrawing(e, externalFamilies.get(first.key) ?? new Set([family]), m)! : undefined;
        const key = d ? d.key : `unknown:${JSON.stringify(e)}`;
        let node = nodeOf.get(key);
        if (!node) {
            node = `ext_${nodeOf.size}`;
            if (d?.vpcId) put(d.vpcId, key, node, attrs({ shape: d.shape, style: d.style, fillcolor: d.fillcolor, label: card(d.title, d.lines) }));
            else {
                nodeOf.set(key, node);
                outside.push(`${q(node)}${attrs(d ? { shape: d.shape, style: d.style, fillcolor: d.fillcolor, label: card(d.title, d.lines) } : { shape: "ellipse", style: "filled", fillcolor: "#eaeef2", label: card("not in the graph", [JSON.stringify(e)]) })}`);
            }
        }
        return node;
    };
    const endpointNode = (e: FlowEndpoint, family: string): string => {
        const key = e.kind === "pods" || e.kind === "clusterIP" ? `cluster:${e.cluster}` : e.kind === "nlb" ? `nlb:${e.loadBalancer}` : e.kind === "instance" ? `instance:${e.instance}` : e.kind === "function" ? `function:${e.function}` : e.kind === "endpoint" ? `endpoint:${e.endpoint}` : undefined;
        return (key && nodeOf.get(key)) || extNode(e, family);
    };
    const legend: string[] = [];
    /** Flow destinations in the same box as their source: drawn right of the column, so the flow reads left to right. */
    const besideSource = new Set<string>();
    results.forEach((r, i) => {
        const f = intent[i];
        const s = VERDICT_STYLE[r.status] ?? VERDICT_STYLE.unknown;
        const n = i + 1;
        // A destination outside the VPCs: the way the flow left them on its line, as an edge label
        // (laid out with room of its own, where an xlabel may land on a VPC's contents).
        const external = externalDrawing(f.to, new Set(), m) !== undefined;
        const via = external ? exitVia(r) : undefined;
        const what = `${n}: ${familyWord(f.family)} tcp/${f.port}${f.to.kind === "clusterIP" ? " to ClusterIP" : ""}${via ? ` ${via}` : ""}${r.holds ? "" : " FAILS"}`;
        const [from, to] = [endpointNode(f.from, f.family), endpointNode(f.to, f.family)];
        const fromVpc = endpointVpc(f.from);
        const inBox = fromVpc !== undefined && fromVpc === endpointVpc(f.to) && from !== to;
        if (inBox) besideSource.add(to);
        edges.push(`${q(from)} -> ${q(to)}${attrs({ color: s.color, fontcolor: s.color, style: s.style, penwidth: 2.2, arrowsize: 0.9, ...(external ? { label: what } : { xlabel: what }) })}`);
        const verdict = `${r.status === "proven" ? "✔" : "✘"} ${s.word}${r.holds ? ` (as declared: ${f.expect})` : ` — expected ${f.expect}: the plan FAILS`}`;
        legend.push(`<tr><td align="right"><font color="${s.color}"><b>${n}</b></font></td><td align="left"><font color="${s.color}">${esc(verdict)}</font></td><td align="left">${esc(f.name)}</td></tr>`);
    });

    const title = options.title ?? (graph.scenario && graph.scenario !== graph.stack ? `${graph.stack}: ${graph.scenario}` : graph.stack);
    const legendTable = legend.length > 0
        ? `<table border="0" cellspacing="0" cellpadding="2"><tr><td colspan="3" align="left"><b>Declared flows</b></td></tr><tr><td colspan="3" align="left">verdicts of the reachability model: <font color="${VERDICT_STYLE.proven.color}">solid green: gets through</font>; <font color="${VERDICT_STYLE.blocked.color}">dashed red: dropped</font></td></tr>${legend.join("")}</table>`
        : `<table border="0"><tr><td>no flows declared</td></tr></table>`;

    const out: string[] = [];
    out.push(`digraph ${q(graph.stack ?? "graph")} {`);
    out.push(`  graph [rankdir=LR, compound=true, newrank=true, nodesep=0.2, ranksep=0.45, forcelabels=true, fontname=${q(FONT)}, fontsize=13, labelloc=b, labeljust=l, pad=0.2,`);
    out.push(`         label=<<table border="0" cellspacing="0" cellpadding="2"><tr><td align="left"><font point-size="15"><b>${esc(title)}</b></font></td></tr><tr><td align="left">${legendTable}</td></tr></table>>];`);
    out.push(`  node [fontname=${q(FONT)}, fontsize=12, margin="0.12,0.06"];`);
    out.push(`  edge [fontname=${q(FONT)}, fontsize=11];`);
    for (const v of m.vpcs.values()) {
        const box = boxes.get(v.id)!;
        const blocks = [...v.ipv4, ...v.ipv6].join("  ·  ") || "no CIDR recorded";
        const dual = v.ipv6.length > 0;
        out.push(`  subgraph ${q(`cluster_${box.id}`)} {`);
        out.push(`    label=<<b>VPC ${esc(v.name)}</b><br/><font point-size="11">${dual ? "dual-stack" : "IPv4 only"}: ${esc(blocks)}</font>>; labeljust=l; labelloc=t;`);
        out.push(`    style="rounded,filled"; color=${q(dual ? "#0969da" : "#9a6700")}; fillcolor=${q(dual ? "#f3f8ff" : "#fff8f0")}; penwidth=1.5;`);
        for (const n of box.nodes) out.push(`    ${n};`);
        // One column per VPC: its contents stack top to bottom, the VPCs run left to right.
        const column = [...box.members.filter((n) => !besideSource.has(n)), ...box.tail];
        if (column.length > 1) {
            out.push(`    { rank=same; ${column.map(q).join("; ")}; }`);
            // Flat edges keep the order; in a left-to-right layout the head is drawn above the tail.
            out.push(`    ${[...column].reverse().map(q).join(" -> ")} [style=invis];`);
        }
        out.push("  }");
    }
    for (const n of outside) out.push(`  ${n};`);
    for (const e of edges) out.push(`  ${e};`);
    out.push("}");
    return out.join("\n") + "\n";
}

/** The address families of an instance, as its card says them: IPv6-only subnets give no IPv4. */
function instanceFamilies(hasIpv6: boolean, s: SubnetM): string {
    if (!s.ipv4) return ", no IPv4";
    return hasIpv6 || s.assignIpv6 ? ", dual-stack" : ", IPv4 only";
}

/**
 * The NAT64 path of a NAT gateway, for its line in the gateways card: which subnets route the
 * NAT64 prefix 64:ff9b::/96 to it, and whether DNS64 is on there (VPC user guide, "DNS64 and NAT64").
 */
function nat64Lines(m: Model, graph: Pick<Graph, "resources">, natId: string): string[] {
    const subnets = [...m.subnets.values()].filter((s) => {
        const rt = m.routeTables.get(m.subnetRouteTable.get(s.id) ?? "");
        return rt?.routes.some((r) => r.kind === "nat" && r.targetId === natId && r.dest === "64:ff9b::/96");
    });
    return subnets.map((s) => `NAT64: 64:ff9b::/96 from ${subnetTier(m, graph, s)} ${s.az}${s.dns64 ? " (DNS64 on)" : " (DNS64 off)"}`);
}
