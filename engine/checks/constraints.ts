/**
 * The `constraints` plan section: every row of lib/aws/constraints.ts on every resource of the
 * graph (whatever produced it: a stack run, `--graph`, a state export). Any violation fails the
 * plan with the resource, the field, the value, the rule, the fix and the source.
 */
import type { Graph } from "../graph";
import { registerSection, type SectionResult } from "../sections";
import { CONSTRAINTS, checkConstraints, formatViolation } from "../../lib/aws/constraints";

export function constraintsSection(graph: Pick<Graph, "resources">): SectionResult {
    const violations = checkConstraints(graph.resources);
    return {
        title: violations.length === 0
            ? `AWS constraints: ${CONSTRAINTS.length} rules, no violation on ${graph.resources.length} resources`
            : `AWS constraints: ${violations.length} violation(s) AWS would reject (${CONSTRAINTS.length} rules, lib/aws/constraints.ts)`,
        lines: violations.map(formatViolation),
        ok: violations.length === 0,
        json: { rules: CONSTRAINTS.length, violations },
    };
}

registerSection({ key: "constraints", run: (graph) => constraintsSection(graph) });
