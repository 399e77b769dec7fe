/**
 * A stack as the recorded resource graph (`engine/graph.ts`): the shape the reachability model
 * (`engine/reachability/`) reads, built from what a stack rule sees. The one conversion from the
 * analyzer's view to a graph; the offline engine records the same shape from a program run.
 *
 * `StackValidationArgs` carries one property bag per resource (its outputs after the preview or
 * update, which include the inputs), so every resource's props serve as both its inputs and its
 * outputs. Unknown values (`UNKNOWN`, see values.ts) become the graph's `[unknown]` marker, which
 * the model counts as undecided (never as a broken flow).
 */
import type { GraphResource } from "../../engine/graph";
import type { PolicyRes } from "./stack";
import { UNKNOWN } from "./values";

/** How the recorded graph marks a value unknown during a preview (engine/run.ts). */
export const UNKNOWN_MARKER = "[unknown]";

/** Props with `UNKNOWN` as the graph's marker (deep copy). */
function graphValue(v: unknown): any {
    if (v === UNKNOWN) return UNKNOWN_MARKER;
    if (Array.isArray(v)) return v.map(graphValue);
    if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
        const out: Record<string, any> = {};
        for (const [k, x] of Object.entries(v)) out[k] = graphValue(x);
        return out;
    }
    return v;
}

/**
 * The graph resources of a stack rule's resources (parents, dependencies, per-property
 * dependencies and providers kept). An unknown `id` or `arn` is left out: the model keys
 * resources by them and would merge every not-yet-created resource under one `[unknown]` key;
 * without them it keys each by its URN. Nothing is lost, since every value that refers to an
 * unknown ID or ARN is itself unknown and counts as undecided.
 */
export function graphResourcesOf(resources: readonly PolicyRes[]): GraphResource[] {
    return resources.map((r) => {
        const props = graphValue(r.props) as Record<string, any>;
        // Custom resources always have an `id` output (unknown until created); components have none.
        const custom = "id" in props;
        for (const key of ["id", "arn"]) if (props[key] === UNKNOWN_MARKER) delete props[key];
        return {
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent,
            dependencies: [...(r.dependencies ?? [])],
            propertyDependencies: r.propertyDependencies,
            id: typeof props.id === "string" ? props.id : undefined,
            custom,
            // The graph's provider reference is `urn::id`; the model reads only the URN part.
            provider: r.provider ? `${r.provider}::${UNKNOWN_MARKER}` : undefined,
            inputs: props,
            outputs: props,
        };
    });
}
