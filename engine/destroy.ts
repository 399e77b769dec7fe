/**
 * The destroy plan of a graph: the order in which `pulumi destroy` deletes the resources (a
 * resource goes after everything that depends on it and after its children; one step deletes in
 * parallel), what AWS must release first (lib/aws/releaseWaits.ts), and the worst-case wait along
 * the longest dependency chain, from the providers' own delete timeouts.
 */
import { releaseWaitsFor } from "../lib/aws/releaseWaits";
import type { Graph, GraphResource } from "./graph";
import { registerSection } from "./sections";

export interface DestroyPlan {
    /** Steps in order; each lists the URNs deleted in parallel in that step. */
    steps: string[][];
    /** Resources whose delete waits for AWS to release something, with the provider's maximum wait. */
    releases: { urn: string; type: string; releases: string; maxWaitMinutes: number | null; source: string }[];
    /** Longest chain of provider waits (minutes) and its resources, first deleted first. */
    worstCaseMinutes: number;
    criticalPath: string[];
}

/** Resources that must be deleted before `r`: its dependents and its children. */
function before(graph: Pick<Graph, "resources">): Map<string, GraphResource[]> {
    const out = new Map<string, GraphResource[]>(graph.resources.map((r) => [r.urn, []]));
    for (const r of graph.resources) {
        for (const d of new Set([...r.dependencies, ...Object.values(r.propertyDependencies ?? {}).flat()])) out.get(d)?.push(r);
        if (r.parent) out.get(r.parent)?.push(r);
    }
    return out;
}

export function planDestroy(graph: Pick<Graph, "resources">): DestroyPlan {
    const first = before(graph);
    const byUrn = new Map(graph.resources.map((r) => [r.urn, r]));
    const step = new Map<string, number>();
    const wait = new Map<string, { minutes: number; path: string[] }>();
    const releases: DestroyPlan["releases"] = [];
    const own = new Map<string, number>();
    for (const r of graph.resources) {
        const dependents = first.get(r.urn) ?? [];
        let minutes = 0;
        for (const w of releaseWaitsFor(r, dependents)) {
            releases.push({ urn: r.urn, type: r.type, releases: w.releases, maxWaitMinutes: w.maxWaitMinutes ?? null, source: w.source });
            minutes += w.maxWaitMinutes ?? 0;
        }
        own.set(r.urn, minutes);
    }
    // Registration order is a topological order (dependencies and parents register first), so
    // walking it backwards sees every dependent before the resource it depends on.
    for (const r of [...graph.resources].reverse()) {
        const deps = first.get(r.urn) ?? [];
        step.set(r.urn, deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => step.get(d.urn) ?? 0)));
        const worst = deps.map((d) => wait.get(d.urn)!).filter(Boolean).sort((a, b) => b.minutes - a.minutes)[0];
        wait.set(r.urn, { minutes: own.get(r.urn)! + (worst?.minutes ?? 0), path: [...(worst?.path ?? []), r.urn] });
    }
    const steps: string[][] = [];
    for (const r of graph.resources) (steps[step.get(r.urn)!] ??= []).push(r.urn);
    const critical = [...wait.values()].sort((a, b) => b.minutes - a.minutes)[0] ?? { minutes: 0, path: [] };
    return {
        steps: steps.filter(Boolean),
        releases,
        worstCaseMinutes: critical.minutes,
        criticalPath: critical.path.filter((u) => (own.get(u) ?? 0) > 0 || byUrn.get(u)?.custom),
    };
}

const short = (urn: string) => `${urn.split("::")[2]?.split("$").pop()} ${urn.split("::").pop()}`;

registerSection({
    key: "destroy",
    run(graph) {
        const plan = planDestroy(graph);
        const waited = plan.criticalPath.filter((u) => plan.releases.some((r) => r.urn === u && r.maxWaitMinutes));
        return {
            title: `Destroy order (${plan.steps.length} steps, worst case ${plan.worstCaseMinutes} min of provider waits)`,
            ok: true,
            lines: [
                `pulumi destroy deletes in ${plan.steps.length} steps (dependents and children first); JSON: destroy.steps`,
                `longest chain of waits: ${waited.map(short).join(" -> ") || "none"} = ${plan.worstCaseMinutes} min (providers' delete timeouts)`,
                ...plan.releases.map((r) => `${short(r.urn)}: ${r.releases}${r.maxWaitMinutes ? ` (up to ${r.maxWaitMinutes} min)` : ""}`),
            ],
            json: plan,
        };
    },
});
