/**
 * The readable plan summary: resources by component and type, and the stack outputs.
 */
import type { Graph, GraphResource } from "./graph";

export const MODEL_BANNER = "OFFLINE MODEL: nothing was deployed. Resources, IDs and addresses come from engine/awsModel.ts, not from AWS.";

function shortType(type: string): string {
    const parts = type.split(":");
    return parts.length === 3 ? `${parts[0]}:${parts[2]}` : type;
}

/** The nearest ancestor that is one of this repository's components (or the scenario root). */
function owningComponent(r: GraphResource, byUrn: Map<string, GraphResource>): GraphResource | undefined {
    let p = r.parent ? byUrn.get(r.parent) : undefined;
    while (p && !(p.type.startsWith("ipv6-eks-interop:") && p.type !== "ipv6-eks-interop:index:Scenario")) {
        if (p.type === "ipv6-eks-interop:index:Scenario") break;
        p = p.parent ? byUrn.get(p.parent) : undefined;
    }
    return p;
}

export function summarize(graph: Graph, elapsedMs?: number): string[] {
    const byUrn = new Map(graph.resources.map((r) => [r.urn, r]));
    const custom = graph.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
    const lines = [
        MODEL_BANNER,
        `Stack ${graph.stack}: scenario ${graph.scenario}, region ${graph.region}`,
        `Resources: ${graph.resources.length} registered (${custom.filter((r) => r.type.startsWith("aws:")).length} AWS, ${custom.filter((r) => r.type.startsWith("kubernetes:")).length} Kubernetes, ${graph.resources.filter((r) => !r.custom).length} components)${elapsedMs !== undefined ? ` in ${elapsedMs} ms` : ""}`,
        "",
        "By component:",
    ];
    const groups = new Map<string, GraphResource[]>();
    for (const r of graph.resources) {
        if (!r.custom || r.type.startsWith("pulumi:providers:")) continue;
        const owner = owningComponent(r, byUrn);
        const label = owner ? `${owner.name} (${owner.type.split(":").pop()})` : "(scenario)";
        groups.set(label, [...(groups.get(label) ?? []), r]);
    }
    for (const [label, members] of [...groups.entries()].sort()) {
        const counts = new Map<string, number>();
        for (const m of members) counts.set(shortType(m.type), (counts.get(shortType(m.type)) ?? 0) + 1);
        lines.push(`  ${label}: ${members.length}`);
        lines.push(`    ${[...counts.entries()].map(([t, n]) => `${t} x${n}`).join(", ")}`);
    }
    const remote = graph.resources.filter((r) => r.remote);
    if (remote.length > 0) lines.push(`  remote components (their children are created by the provider plugin at deploy): ${remote.map((r) => `${r.name} (${r.type})`).join(", ")}`);
    lines.push("", "Stack outputs:");
    for (const [k, v] of Object.entries(graph.outputs)) {
        const text = typeof v === "string" ? v : JSON.stringify(v);
        const first = text.split("\n")[0];
        lines.push(`  ${k}: ${first.length > 140 ? first.slice(0, 137) + "..." : first}${text.includes("\n") ? " (...)" : ""}`);
    }
    return lines;
}
