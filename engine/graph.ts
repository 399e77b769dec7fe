/**
 * The recorded resource graph: what the offline engine writes (`plan --json`) and what the
 * policy and reachability checks read. Any producer of this shape can feed the checks.
 */

export interface GraphResource {
    urn: string;
    type: string;
    name: string;
    /** Parent URN; undefined for the stack itself. */
    parent?: string;
    /** URNs this resource depends on (explicit dependsOn and input dependencies). */
    dependencies: string[];
    /**
     * URNs each input depends on (`subnetIds -> [subnet URNs]`), non-empty entries only; how the
     * policy pack resolves references when IDs are still unknown. Optional: older graphs lack it.
     */
    propertyDependencies?: Record<string, string[]>;
    /** Physical ID (custom resources). */
    id?: string;
    custom: boolean;
    /** True for multi-language components such as `eks:index:Cluster`. */
    remote?: boolean;
    /** Provider reference (`urn::id`) for custom resources. */
    provider?: string;
    inputs: Record<string, any>;
    outputs: Record<string, any>;
    /** The `ignoreChanges` resource option (input paths the engine keeps from the state). Optional: older graphs lack it. */
    ignoreChanges?: string[];
    /** The `replaceOnChanges` resource option. Optional: older graphs lack it. */
    replaceOnChanges?: string[];
}

export interface Graph {
    /**
     * True when the graph comes from the model of AWS (a program run offline); false when it was
     * read from a deployed stack's state (`plan --state`, engine/inputs/state.ts).
     */
    offlineModel: boolean;
    project: string;
    stack: string;
    scenario: string;
    region: string;
    resources: GraphResource[];
    /** Stack outputs. */
    outputs: Record<string, any>;
    /** The flows the scenario declares (must and must-not work), for the reachability model. */
    intent: import("../lib/intent").FlowIntent[];
    /**
     * Config values the offline plan accepts but a real `pulumi up` refuses (committed
     * placeholders, lib/placeholders.ts), with the command that sets each. Optional.
     */
    beforeRealDeploy?: import("../lib/placeholders").DeployPlaceholder[];
    [section: string]: unknown;
}

/** Lookups over a graph, by type, name, URN and parent. */
export class GraphIndex {
    readonly byUrn = new Map<string, GraphResource>();
    readonly byId = new Map<string, GraphResource>();

    constructor(readonly graph: Pick<Graph, "resources">) {
        for (const r of graph.resources) {
            this.byUrn.set(r.urn, r);
            if (r.id) this.byId.set(r.id, r);
        }
    }

    ofType(type: string): GraphResource[] {
        return this.graph.resources.filter((r) => r.type === type);
    }

    /** The one resource of this type and name; throws when there is not exactly one. */
    one(type: string, name: string): GraphResource {
        const found = this.graph.resources.filter((r) => r.type === type && r.name === name);
        if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
        return found[0];
    }

    find(type: string, name: string): GraphResource | undefined {
        return this.graph.resources.find((r) => r.type === type && r.name === name);
    }

    children(urn: string): GraphResource[] {
        return this.graph.resources.filter((r) => r.parent === urn);
    }

    /** All descendants of a resource (depth-first). */
    descendants(urn: string): GraphResource[] {
        const out: GraphResource[] = [];
        for (const c of this.children(urn)) out.push(c, ...this.descendants(c.urn));
        return out;
    }

    /** True when `a` depends on `b`, directly or through its ancestors' and its own dependencies. */
    dependsOn(a: GraphResource, b: GraphResource, seen = new Set<string>()): boolean {
        if (seen.has(a.urn)) return false;
        seen.add(a.urn);
        for (const d of a.dependencies) {
            if (d === b.urn) return true;
            const dep = this.byUrn.get(d);
            if (dep && this.dependsOn(dep, b, seen)) return true;
        }
        return false;
    }

    /** The resource whose ID is `id` (for input references such as `vpcId`). */
    byRef(id: unknown): GraphResource | undefined {
        return typeof id === "string" ? this.byId.get(id) : undefined;
    }
}
