/**
 * The `leftAfterDestroy` plan section: what AWS or a controller creates for the stack outside
 * Pulumi's state (lib/aws/leftAfterDestroy.ts) and whether `pulumi destroy` removes it. Never
 * fails the plan; items left are listed with why and the command that removes them.
 */
import type { Graph } from "../graph";
import { registerSection, type SectionResult } from "../sections";
import { leftAfterDestroy } from "../../lib/aws/leftAfterDestroy";

export function leftAfterDestroySection(graph: Pick<Graph, "resources" | "region">): SectionResult {
    const items = leftAfterDestroy(graph.resources, graph.region);
    const left = items.filter((i) => i.fate === "left");
    const some = items.filter((i) => i.fate === "left in some accounts");
    const lines: string[] = [];
    for (const fate of ["left", "left in some accounts", "owned", "cleaned up"] as const) {
        for (const i of items.filter((x) => x.fate === fate)) {
            lines.push(`${fate.toUpperCase()}: ${i.what} (for ${i.cause}): ${i.why}`);
            if (i.command && fate !== "owned" && fate !== "cleaned up") lines.push(`  remove: ${i.command}`);
        }
    }
    return {
        title: `Left after destroy: ${left.length === 0 ? "nothing in every account" : `${left.length} item(s) left`}${some.length ? `; ${some.length} only in some accounts` : ""} (${items.filter((i) => i.fate === "owned").length} owned by the stack, ${items.filter((i) => i.fate === "cleaned up").length} cleaned up by AWS)`,
        lines,
        ok: true,
        json: { items },
    };
}

registerSection({ key: "leftAfterDestroy", run: (graph) => leftAfterDestroySection(graph) });
