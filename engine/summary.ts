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

const isOwnComponent = (r: GraphResource) => !r.custom && r.type.startsWith("ipv6-eks-interop:");

export interface ResourceCounts {
    total: number;
    aws: number;
    kubernetes: number;
    otherCustom: number;
    providers: number;
    /** Non-custom resources but the stack: this repository's components and remote ones. */
    components: number;
    remote: number;
    stack: number;
}

/** Counts that add up: total = aws + kubernetes + otherCustom + providers + components + stack. */
export function countResources(resources: readonly GraphResource[]): ResourceCounts {
    const providers = resources.filter((r) => r.type.startsWith("pulumi:providers:")).length;
    const custom = resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
    const aws = custom.filter((r) => r.type.startsWith("aws:")).length;
    const kubernetes = custom.filter((r) => r.type.startsWith("kubernetes:")).length;
    const stack = resources.filter((r) => r.type === "pulumi:pulumi:Stack").length;
    const components = resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:")).length;
    return { total: resources.length, aws, kubernetes, otherCustom: custom.length - aws - kubernetes, providers, components, remote: resources.filter((r) => r.remote).length, stack };
}

export interface TallyRow {
    stack: string;
    ok: boolean;
    resources: number;
    hourlyUsd?: number;
    upMinutes?: number;
    failed: string[];
}

/** A stack's row of the tally, from its checked graph (the cost and upTime sections' JSON). */
export function tallyRow(stack: string, graph: Graph, checks: { ok: boolean; failed: string[] }): TallyRow {
    const cost = graph.cost as { hourlyUsd?: number } | undefined;
    const up = graph.upTime as { minutes?: number } | undefined;
    return { stack, ok: checks.ok, resources: graph.resources.length, hourlyUsd: cost?.hourlyUsd, upMinutes: up?.minutes, failed: checks.failed };
}

/** The final tally of `plan --all`: one line per stack and the sums. */
export function tally(rows: readonly TallyRow[]): string[] {
    const out = ["", "Tally (offline model; cost and time are estimates):"];
    for (const r of rows) {
        out.push(`  ${r.ok ? "PASS" : "FAIL"} ${r.stack.padEnd(22)} ${String(r.resources).padStart(4)} resources  ${r.hourlyUsd !== undefined ? `${r.hourlyUsd.toFixed(2)} USD/h` : "cost n/a"}  ${r.upMinutes !== undefined ? `pulumi up ~${r.upMinutes} min` : ""}${r.failed.length ? `  failed: ${r.failed.join(", ")}` : ""}`);
    }
    const passed = rows.filter((r) => r.ok).length;
    const cost = rows.reduce((s, r) => s + (r.hourlyUsd ?? 0), 0);
    out.push(`  ${passed} of ${rows.length} stacks passed; ${rows.reduce((s, r) => s + r.resources, 0)} resources; all stacks at once about ${cost.toFixed(2)} USD an hour`);
    return out;
}

export function summarize(graph: Graph, elapsedMs?: number): string[] {
    const byUrn = new Map(graph.resources.map((r) => [r.urn, r]));
    const c = countResources(graph.resources);
    const lines = [
        MODEL_BANNER,
        `Stack ${graph.stack}: scenario ${graph.scenario}, region ${graph.region}`,
        `Resources: ${c.total} registered = ${c.aws} AWS + ${c.kubernetes} Kubernetes${c.otherCustom ? ` + ${c.otherCustom} other` : ""} + ${c.providers} providers + ${c.components} components (${c.remote} of them remote, such as the EKS cluster of @pulumi/eks) + ${c.stack} stack${elapsedMs !== undefined ? ` (recorded in ${elapsedMs} ms)` : ""}`,
        "",
        "By component (every resource but this repository's components and the stack, under the component that owns it):",
    ];
    const groups = new Map<string, GraphResource[]>();
    for (const r of graph.resources) {
        if (r.type === "pulumi:pulumi:Stack" || isOwnComponent(r)) continue;
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
    if (remote.length > 0) lines.push(`  (remote: ${remote.map((r) => `${r.name} (${r.type})`).join(", ")}; its own children, such as the EKS control plane and its IAM role, are created by the provider plugin at deploy and are not in this graph)`);
    lines.push("", "Stack outputs:");
    for (const [k, v] of Object.entries(graph.outputs)) {
        const text = typeof v === "string" ? v : JSON.stringify(v);
        const first = text.split("\n")[0];
        lines.push(`  ${k}: ${first.length > 140 ? first.slice(0, 137) + "..." : first}${text.includes("\n") ? " (...)" : ""}`);
    }
    return lines;
}
