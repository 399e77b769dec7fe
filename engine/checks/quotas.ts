/**
 * The `quotas` plan section: what each region-level default quota (lib/aws/quotas.ts) is used
 * for by this graph, with a warning (never a failure) where one stack alone would exceed a
 * default. `quotasAcrossStacks` does the same for several planned stacks together, per region:
 * what `plan --all` prints at the end.
 */
import type { Graph } from "../graph";
import { registerSection, type SectionResult } from "../sections";
import { quotaLines, quotaUse } from "../../lib/aws/quotas";

export function quotasSection(graph: Pick<Graph, "resources" | "region">): SectionResult {
    const region = graph.region ?? "(region unknown)";
    const { lines, exceeded } = quotaLines(quotaUse(graph.resources, region), region);
    return {
        title: exceeded.length === 0
            ? `Quotas (defaults, region ${region}): this stack fits every default; other resources in the region count too`
            : `Quotas (defaults, region ${region}): WARNING, this stack alone exceeds ${exceeded.length} default quota(s)`,
        lines,
        ok: true,
        json: { region, exceeded: exceeded.map((u) => ({ quota: u.row.id, scope: u.scope, used: u.used, limit: u.row.limit })) },
    };
}

/** Lines for several stacks deployed together, per region (`plan --all`). */
export function quotasAcrossStacks(graphs: readonly Pick<Graph, "resources" | "region" | "stack">[]): string[] {
    const regions = [...new Set(graphs.map((g) => g.region))].sort();
    const out: string[] = [];
    for (const region of regions) {
        const members = graphs.filter((g) => g.region === region);
        // Resources of different stacks share names; prefix them with the stack.
        const resources = members.flatMap((g) => g.resources.map((r) => ({ ...r, name: `${g.stack}/${r.name}` })));
        const { lines, exceeded } = quotaLines(quotaUse(resources, region), region);
        out.push("", `${exceeded.length === 0 ? "PASS" : "WARN"} Quotas of ${members.map((g) => g.stack).join(" + ")} deployed together in ${region}: ${exceeded.length === 0 ? "within every default" : `${exceeded.length} default quota(s) exceeded`}`, ...lines.map((l) => `  ${l}`));
    }
    return out;
}

registerSection({ key: "quotas", run: (graph) => quotasSection(graph) });
