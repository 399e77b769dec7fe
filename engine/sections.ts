/**
 * Checks that run on a recorded graph and report into the plan: the policy pack and the
 * reachability model each contribute one section. A section with `ok: false` fails the plan.
 */
import type { Graph } from "./graph";

export interface SectionResult {
    /** Title line, for example "Policies (12 rules)". */
    title: string;
    /** Human-readable lines under the title. */
    lines: string[];
    /** False fails the plan (exit code 1). */
    ok: boolean;
    /** Machine-readable result, written beside `resources` in `plan --json`. */
    json: unknown;
}

export interface PlanSection {
    /** Key of the section in the JSON graph (for example `policies`, `flows`). */
    key: string;
    run(graph: Graph): Promise<SectionResult> | SectionResult;
}

const sections: PlanSection[] = [];

/** Adds a section to every plan. */
export function registerSection(section: PlanSection): void {
    if (!sections.some((s) => s.key === section.key)) sections.push(section);
}

export function planSections(): readonly PlanSection[] {
    return sections;
}
