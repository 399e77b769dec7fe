/**
 * The update plan: what a second `pulumi up` would do when a stack deployed with one config is
 * updated to another. Both graphs come from the same offline model; resources are matched by URN,
 * the old side is the state after the known read-backs (lib/aws/readBacks.ts), the new side's
 * `ignoreChanges` keep the state's values, and each changed resource is an update or a replace
 * by the replace-on-change table (lib/aws/replaceOnChange.ts). A replaced (or re-versioned)
 * resource changes the inputs of everything that uses it, in registration order, as a preview's
 * unknowns would.
 */
import * as fs from "fs";
import { ConfigError } from "../lib/errors";
import { READ_BACKS, statesAfterReadBacks } from "../lib/aws/readBacks";
import { replaceReasons, replaceRuleFor } from "../lib/aws/replaceOnChange";
import type { Graph, GraphResource } from "./graph";
import { runStack } from "./run";

export type ChangeAction = "create" | "update" | "replace" | "delete" | "unknown";

export interface ResourceChange {
    urn: string;
    type: string;
    name: string;
    action: ChangeAction;
    /** Top-level input properties that change (sorted). */
    properties: string[];
    /** Why it is replaced: the replace-on-change properties hit and the table's source. */
    replaceBecause?: { properties: string[]; source: string };
    /** Inputs that change only because a resource they use is replaced or re-versioned (property -> URN). */
    changedBy?: Record<string, string>;
    /** What the update means, in words (a node group rolls its nodes). */
    notes?: string[];
    /** Read-backs applied to the old state of this resource (`type.property`). */
    readBacks?: string[];
}

export interface UpdatePlan {
    offlineModel: true;
    stack: string;
    changes: ResourceChange[];
    counts: { create: number; update: number; replace: number; delete: number; unknown: number; same: number };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Leaf paths where `a` and `b` differ (`vpcId`, `launchTemplate.version`, `subnetIds[1]`). */
export function changedPaths(a: unknown, b: unknown, prefix = ""): string[] {
    if (a === b) return [];
    if (isObject(a) && isObject(b)) {
        const out: string[] = [];
        for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
            out.push(...changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
        }
        return out;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        const out: string[] = [];
        for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...changedPaths(a[i], b[i], `${prefix}[${i}]`));
        return out;
    }
    // null and undefined are both "unset".
    if ((a === undefined || a === null) && (b === undefined || b === null)) return [];
    return [prefix];
}

const topLevel = (path: string) => path.split(/[.[]/)[0];

function setPath(obj: Record<string, any>, path: string, value: unknown): void {
    const parts = path.split(".");
    let cur = obj;
    for (const p of parts.slice(0, -1)) {
        if (!isObject(cur[p])) cur[p] = {};
        cur = cur[p];
    }
    if (value === undefined) delete cur[parts[parts.length - 1]];
    else cur[parts[parts.length - 1]] = value;
}

function getPath(obj: Record<string, any>, path: string): unknown {
    let cur: any = obj;
    for (const p of path.split(".")) cur = cur?.[p];
    return cur;
}

/** The values a replaced resource gets anew: its ID, its ARNs and its Kubernetes name (auto-named objects get a new one). */
function renewedValues(r: GraphResource): string[] {
    const out = new Set<string>();
    if (r.id) out.add(r.id);
    for (const v of Object.values(r.outputs)) if (typeof v === "string" && v.startsWith("arn:")) out.add(v);
    const k8sName = r.outputs.metadata?.name;
    if (r.type.startsWith("kubernetes:") && typeof k8sName === "string" && !r.inputs.metadata?.name) out.add(k8sName);
    return [...out];
}

/** Leaf paths under `value` whose string equals (or, with `contains`, embeds) one of `values`. */
function pathsHolding(value: unknown, path: string, values: readonly string[], contains: boolean): string[] {
    if (values.length === 0) return [];
    if (Array.isArray(value)) return value.flatMap((v, i) => pathsHolding(v, `${path}[${i}]`, values, contains));
    if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => pathsHolding(v, `${path}.${k}`, values, contains));
    if (value === undefined || value === null) return [];
    const s = String(value);
    return values.some((v) => s === v || (contains && s.includes(v))) ? [path] : [];
}

/** The new inputs as the engine diffs them: `ignoreChanges` paths take the old state's value. */
function effectiveNewInputs(r: GraphResource, oldState: Record<string, any>): Record<string, any> {
    if (!r.ignoreChanges?.length) return r.inputs;
    const out = structuredClone(r.inputs);
    for (const p of r.ignoreChanges) setPath(out, p, structuredClone(getPath(oldState, p)));
    return out;
}

/** Plans the update from `oldGraph` (deployed, then refreshed) to `newGraph`. */
export function planUpdate(oldGraph: Pick<Graph, "resources" | "stack">, newGraph: Pick<Graph, "resources" | "stack">): UpdatePlan {
    const oldByUrn = new Map(oldGraph.resources.map((r) => [r.urn, r]));
    const newUrns = new Set(newGraph.resources.map((r) => r.urn));
    const states = statesAfterReadBacks(oldGraph.resources);
    /** Action per URN as decided so far (registration order); unchanged resources are absent. */
    const actionOf = new Map<string, ChangeAction>();
    const changes: ResourceChange[] = [];
    let same = 0;

    for (const r of newGraph.resources) {
        const old = oldByUrn.get(r.urn);
        if (!old) {
            actionOf.set(r.urn, "create");
            changes.push({ urn: r.urn, type: r.type, name: r.name, action: "create", properties: Object.keys(r.inputs).sort() });
            continue;
        }
        const state = states.get(r.urn)!;
        const newInputs = effectiveNewInputs(r, state.inputs);
        const paths = changedPaths(state.inputs, newInputs);
        // Inputs that use a resource that is replaced or re-versioned change with it: the paths
        // holding one of its outputs that will be new (all of them for a replace, the newOnUpdate
        // ones for an update), or the whole input when no path holds one.
        const changedBy: Record<string, string> = {};
        for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) {
            for (const dep of deps) {
                const depAction = actionOf.get(dep);
                const depOld = oldByUrn.get(dep);
                const newOnUpdate = replaceRuleFor(depOld?.type ?? "")?.newOnUpdate ?? [];
                if (!depOld || !(depAction === "replace" || (depAction === "update" && newOnUpdate.length > 0))) continue;
                const renewed = depAction === "replace" ? renewedValues(depOld) : newOnUpdate.map((o) => depOld.outputs[o]).filter((v) => v !== undefined).map(String);
                const hits = pathsHolding(r.inputs[key], key, renewed, depAction === "replace");
                if (hits.length === 0 && depAction !== "replace") continue;
                changedBy[key] = dep;
                for (const h of hits.length ? hits : [key]) if (!paths.includes(h)) paths.push(h);
            }
        }
        const readBacks = state.applied.map((rb) => `${rb.type.split(":").pop()}.${rb.property}`);
        if (paths.length === 0) {
            same++;
            continue;
        }
        const properties = [...new Set(paths.map(topLevel))].sort();
        const base = { urn: r.urn, type: r.type, name: r.name, properties, ...(Object.keys(changedBy).length ? { changedBy } : {}), ...(readBacks.length ? { readBacks } : {}) };
        const rule = replaceRuleFor(r.type);
        if (!rule) {
            actionOf.set(r.urn, "unknown");
            changes.push({ ...base, action: "unknown", notes: [`${r.type} is not in lib/aws/replaceOnChange.ts: replace or update is not known`] });
            continue;
        }
        if (rule.component && rule.replaceOn.length === 0) {
            // A component with no inputs of its own: its children carry the change.
            same++;
            continue;
        }
        const reasons = replaceReasons(rule, paths, state.inputs, newInputs);
        const optionReasons = (r.replaceOnChanges ?? []).filter((p) => paths.some((c) => c === p || c.startsWith(`${p}.`) || c.startsWith(`${p}[`) || p === "*"));
        const notes = Object.entries(rule.updateNotes ?? {})
            .filter(([p]) => p === "*" || paths.some((c) => c === p || c.startsWith(`${p}.`) || c.startsWith(`${p}[`)))
            .map(([, note]) => note);
        if (reasons.length > 0 || optionReasons.length > 0) {
            actionOf.set(r.urn, "replace");
            const sources = [...(reasons.length ? [rule.source] : []), ...(optionReasons.length ? ["the replaceOnChanges resource option"] : [])];
            changes.push({ ...base, action: "replace", replaceBecause: { properties: [...reasons, ...optionReasons], source: sources.join("; ") } });
        } else {
            actionOf.set(r.urn, "update");
            changes.push({ ...base, action: "update", ...(notes.length ? { notes } : {}) });
        }
    }
    for (const old of oldGraph.resources) {
        if (!newUrns.has(old.urn)) changes.push({ urn: old.urn, type: old.type, name: old.name, action: "delete", properties: [] });
    }
    const count = (a: ChangeAction) => changes.filter((c) => c.action === a).length;
    return {
        offlineModel: true,
        stack: newGraph.stack,
        changes,
        counts: { create: count("create"), update: count("update"), replace: count("replace"), delete: count("delete"), unknown: count("unknown"), same },
    };
}

const SYMBOL: Record<ChangeAction, string> = { create: "+ ", update: "~ ", replace: "+-", delete: "- ", unknown: "? " };

/** The closing line: `N to create, N to update, N to replace, N to delete`. */
export function summaryLine(plan: UpdatePlan): string {
    const c = plan.counts;
    return `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete`;
}

/** The plan as `pulumi preview --diff` prints it: one line per change, then the closing line. */
export function formatUpdate(plan: UpdatePlan, fromLabel: string, toLabel: string): string[] {
    const lines = [`Update plan of ${plan.stack} (offline model, not a preview): from ${fromLabel} to ${toLabel}`];
    for (const c of plan.changes) {
        const diff = c.properties.length && c.action !== "create" ? ` [diff: ${c.properties.map((p) => `~${p}`).join(", ")}]` : "";
        lines.push(`  ${SYMBOL[c.action]} ${c.type} ${c.name} ${c.action}${diff}`);
        if (c.replaceBecause) lines.push(`        replace because ${c.replaceBecause.properties.join(", ")} changed (${c.replaceBecause.source})`);
        for (const [prop, dep] of Object.entries(c.changedBy ?? {})) lines.push(`        ${prop} changes with ${dep.split("::").pop()}`);
        for (const note of c.notes ?? []) lines.push(`        ${note}`);
        for (const rb of c.readBacks ?? []) {
            const known = READ_BACKS.find((x) => `${x.type.split(":").pop()}.${x.property}` === rb);
            if (known) lines.push(`        read-back ${rb}: ${known.effect}; fix: ${known.fix}`);
        }
    }
    if (plan.counts.unknown > 0) lines.push(`  ${plan.counts.unknown} change(s) of types the replace-on-change table does not know: replace or update unknown`);
    lines.push(summaryLine(plan));
    return lines;
}

/**
 * `plan <stack> --from OLD.yaml [--config NEW.yaml]`: runs the model on both configs and plans the
 * update. Returns the printed lines and the new graph with `changes` and `updateCounts` added.
 */
export async function runUpdatePlan(stack: string, fromFile: string, toFile?: string): Promise<{ lines: string[]; graph: Graph; plan: UpdatePlan }> {
    if (!fs.existsSync(fromFile)) {
        throw new ConfigError("--from", fromFile, `no such file; pass the config the stack was deployed with, for example a copy of stacks/Pulumi.${stack}.yaml from before the change`);
    }
    const oldGraph = await runStack(stack, { configFile: fromFile });
    const newGraph = await runStack(stack, { configFile: toFile });
    const plan = planUpdate(oldGraph, newGraph);
    newGraph.changes = plan.changes.map((c) => ({ urn: c.urn, type: c.type, action: c.action, properties: c.properties, replaceBecause: c.replaceBecause ?? null, ...(c.notes ? { notes: c.notes } : {}), ...(c.changedBy ? { changedBy: c.changedBy } : {}) }));
    newGraph.updateCounts = plan.counts;
    return { lines: formatUpdate(plan, fromFile, toFile ?? `stacks/Pulumi.${stack}.yaml`), graph: newGraph, plan };
}
