/**
 * The `flows` plan section: every flow the scenario declares, PROVEN / BLOCKED / PARTIAL with its
 * path or the first hop that drops it. A flow whose result differs from its `expect` fails the plan.
 */
import type { Graph } from "../graph";
import { registerSection, type SectionResult } from "../sections";
import { analyzeGraph, type FlowResult } from "./analyze";

function lines(f: FlowResult): string[] {
    const verdict = `${f.status.toUpperCase().padEnd(7)} ${f.holds ? "ok  " : "FAIL"} (${f.expect}) ${f.name}: ${f.from} -> ${f.to}, ${f.family} tcp/${f.port}`;
    const out = [verdict];
    if (f.status !== "blocked" && f.path) out.push(...f.path.map((h) => `    | ${h}`));
    if (f.status !== "proven" && f.drop) {
        if (f.status === "blocked" && f.dropPath && f.dropPath.length > 0) out.push(...f.dropPath.map((h) => `    | ${h}`));
        out.push(`    x dropped: ${f.drop}`);
    }
    out.push(`    (${f.placements.reached} of ${f.placements.total} placements reach the destination)`);
    if (!f.holds) out.push(`    expected ${f.expect === "allow" ? "every placement to reach it" : "no placement to reach it"}`);
    return out;
}

export function flowsSection(graph: Pick<Graph, "resources" | "intent">): SectionResult {
    const intent = Array.isArray(graph.intent) ? graph.intent : [];
    const a = analyzeGraph(graph, intent);
    const failed = a.flows.filter((f) => !f.holds);
    const undecided = a.flows.filter((f) => f.status === "unknown").length;
    const title = intent.length === 0
        ? "Flows (reachability model): no flows declared"
        : `Flows (reachability model): ${a.flows.length - failed.length} of ${a.flows.length} hold (${a.flows.filter((f) => f.status === "proven").length} proven, ${a.flows.filter((f) => f.status !== "proven").length} blocked or partial${undecided > 0 ? `, ${undecided} undecided: unknown values` : ""}), analysed in ${a.ms.toFixed(0)} ms`;
    return {
        title,
        lines: [...a.flows.flatMap(lines), ...a.notes.map((n) => `note: ${n}`)],
        ok: failed.length === 0,
        json: { ms: Math.round(a.ms * 10) / 10, flows: a.flows, notes: a.notes },
    };
}

registerSection({ key: "flows", run: (graph) => flowsSection(graph) });
