/**
 * The policy pack on a recorded graph, the way the Pulumi engine would run it: every resource
 * rule on every resource's inputs (as `pulumi preview` hands them to an analyzer), every stack
 * rule on all resources' outputs with parents, dependencies and per-property dependencies. Props
 * go through `unknownCheckingProxy`, exactly as `@pulumi/policy` wraps them. One function serves
 * the plan section and the tests.
 */
import { unknownCheckingProxy } from "@pulumi/policy";
import type { PolicyResource, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { INTENT_OUTPUT } from "../../lib/intent";
import { ALL_RULES } from "../../policies/rules";
import { SKIP_MARKER, type Rule } from "../../policies/support/rule";
import { UNKNOWN_SENTINEL } from "../../policies/support/values";
import type { Graph, GraphResource } from "../graph";
import { registerSection } from "../sections";

export interface Violation {
    rule: string;
    level: "mandatory" | "advisory";
    severity?: string;
    /** The resource the violation is about (undefined: the stack as a whole). */
    urn?: string;
    type?: string;
    name?: string;
    message: string;
    /**
     * The rule could not decide while values are unknown and said so (`StackContext.skip`): not a
     * violation. `@pulumi/policy`'s server reports it as an advisory diagnostic "can't run policy
     * ... during preview"; so does this evaluator, with this flag.
     */
    skipped?: true;
    /**
     * The rule itself threw on this resource (or the stack): it could not check it. Reported as an
     * error of that rule and the plan fails, as a crashing policy fails `pulumi preview`; the
     * other rules still run.
     */
    error?: true;
}

export interface EvaluateOptions {
    /** policy-pack-config: rule name -> its config object. */
    config?: Record<string, Record<string, unknown>>;
    /**
     * Evaluate as a first preview of a fresh stack would: every input that depends on another
     * resource, and every computed output, is unknown.
     */
    preview?: boolean;
    /** Rules to run (default: the whole pack). */
    rules?: readonly Rule[];
}

/** Graph value -> what the policy runtime would deserialize (offline markers become the unknown sentinel). */
function toWire(value: any): any {
    if (value === "[unknown]" || value === "[output]") return UNKNOWN_SENTINEL;
    if (Array.isArray(value)) return value.map(toWire);
    if (value !== null && typeof value === "object") {
        const out: Record<string, any> = {};
        for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = toWire(v);
        return out;
    }
    return value;
}

const STACK = "pulumi:pulumi:Stack";

function isSkipped(r: GraphResource): boolean {
    return r.type === STACK || r.type.startsWith("pulumi:providers:");
}

/** Inputs and outputs as the analyzer would see them, in a full run or in a fresh preview. */
function viewOf(graph: Graph, preview: boolean) {
    const byUrn = new Map(graph.resources.map((r) => [r.urn, r]));
    const producesUnknowns = (urn: string) => {
        const d = byUrn.get(urn);
        return d !== undefined && (d.custom || d.remote === true) && !isSkipped(d);
    };
    const inputsOf = (r: GraphResource): Record<string, any> => {
        const inputs = toWire(r.inputs);
        if (!preview) return inputs;
        for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) {
            if (key in inputs && deps.some(producesUnknowns)) inputs[key] = UNKNOWN_SENTINEL;
        }
        return inputs;
    };
    const outputsOf = (r: GraphResource): Record<string, any> => {
        if (r.type === STACK) {
            // The stack's outputs are what the program exports. In a fresh preview those that come
            // from resources are unknown; the declared flows come from config alone and are known.
            const outputs = toWire(r.outputs);
            if (!preview) return outputs;
            return Object.fromEntries(Object.keys(outputs).map((k) => [k, k === INTENT_OUTPUT ? outputs[k] : UNKNOWN_SENTINEL]));
        }
        const inputs = inputsOf(r);
        if (!r.custom && !r.remote) return preview ? {} : { ...toWire(r.outputs) };
        const outputs = toWire(r.outputs);
        if (!preview) return { ...inputs, ...outputs };
        const out: Record<string, any> = { ...inputs };
        for (const k of Object.keys(outputs)) if (!(k in inputs)) out[k] = UNKNOWN_SENTINEL;
        return out;
    };
    return { inputsOf, outputsOf };
}

const options = (parent?: string) => ({ protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], ...(parent ? { parent } : {}) });

class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason);
};
const noType = () => {
    throw new Error("isType/asType need the provider SDK classes; the pack's rules read args.type instead");
};

/** Runs the pack (or `opts.rules`) on a graph and returns every violation; a rule that throws is reported as its error (`error: true`) and the others still run. */
export async function evaluatePolicies(graph: Graph, opts: EvaluateOptions = {}): Promise<Violation[]> {
    const rules = opts.rules ?? ALL_RULES;
    const { inputsOf, outputsOf } = viewOf(graph, opts.preview ?? false);
    const resources = graph.resources.filter((r) => !isSkipped(r));
    const violations: Violation[] = [];
    const byUrn = new Map(graph.resources.map((r) => [r.urn, r]));
    const getConfigFor = (rule: Rule) => <T extends object>() => ({ ...(opts.config?.[rule.name] ?? {}) }) as T;
    const reporterFor = (rule: Rule, fixedUrn?: string): ReportViolation => (message: string, urn?: string) => {
        const at = byUrn.get(fixedUrn ?? urn ?? "");
        violations.push({ rule: rule.name, level: (rule.enforcementLevel ?? "advisory") as Violation["level"], severity: rule.severity, urn: at?.urn ?? urn, type: at?.type, name: at?.name, message });
    };
    const guard = async (rule: Rule, what: string, run: () => unknown) => {
        try {
            await run();
        } catch (e) {
            if (e instanceof NotApplicable) return;
            if (e !== null && typeof e === "object" && (e as Record<string, unknown>)[SKIP_MARKER] === true) {
                // As @pulumi/policy's server reports an UnknownValueError of a stack policy.
                violations.push({ rule: rule.name, level: "advisory", severity: rule.severity, message: `can't run policy '${rule.name}' during preview: ${(e as Error).message}`, skipped: true });
                return;
            }
            const first = ((e as Error)?.stack ?? String(e)).split("\n").slice(0, 2).map((l) => l.trim()).join(" ");
            const at = byUrn.get(what);
            violations.push({ rule: rule.name, level: "mandatory", severity: rule.severity, urn: at?.urn, type: at?.type, name: at?.name, message: `the rule crashed on ${at ? `${at.type} "${at.name}"` : what} and could not check it (a bug in the rule; please report it): ${first}`, error: true });
        }
    };

    for (const rule of rules) {
        if (rule.kind === "resource") {
            for (const r of resources) {
                const args: ResourceValidationArgs = {
                    type: r.type,
                    props: unknownCheckingProxy(inputsOf(r)),
                    urn: r.urn,
                    name: r.name,
                    opts: options(r.parent),
                    stackTags: new Map(),
                    isType: noType,
                    asType: noType,
                    getConfig: getConfigFor(rule),
                    notApplicable,
                };
                const validations = Array.isArray(rule.validateResource) ? rule.validateResource : rule.validateResource ? [rule.validateResource] : [];
                for (const v of validations) await guard(rule, r.urn, () => v(args, reporterFor(rule, r.urn)));
            }
        } else {
            // The engine hands stack policies every resource it registered, the root stack and the
            // providers included (pulumi/pulumi stepGenerator.AnalyzeResources), each with its provider.
            const policyResources = new Map<string, PolicyResource>();
            for (const r of graph.resources) {
                policyResources.set(r.urn, {
                    type: r.type,
                    props: unknownCheckingProxy(outputsOf(r)),
                    urn: r.urn,
                    name: r.name,
                    opts: options(r.parent),
                    dependencies: [],
                    propertyDependencies: {},
                    isType: noType,
                    asType: noType,
                } as PolicyResource);
            }
            for (const r of graph.resources) {
                const pr = policyResources.get(r.urn)!;
                if (r.parent && policyResources.has(r.parent)) pr.parent = policyResources.get(r.parent);
                const provider = r.provider ? policyResources.get(r.provider.split("::").slice(0, -1).join("::")) : undefined;
                if (provider) pr.provider = { type: provider.type, urn: provider.urn, name: provider.name, props: provider.props };
                pr.dependencies = r.dependencies.map((d) => policyResources.get(d)).filter((d): d is PolicyResource => d !== undefined);
                for (const [k, deps] of Object.entries(r.propertyDependencies ?? {})) {
                    pr.propertyDependencies[k] = deps.map((d) => policyResources.get(d)).filter((d): d is PolicyResource => d !== undefined);
                }
            }
            const args: StackValidationArgs = { resources: [...policyResources.values()], stackTags: new Map(), getConfig: getConfigFor(rule), notApplicable };
            await guard(rule, `stack ${graph.stack}`, () => rule.validateStack(args, reporterFor(rule)));
        }
    }
    return violations;
}

/** Plan lines: violations grouped by resource, mandatory first. */
export function formatViolations(violations: Violation[]): string[] {
    const groups = new Map<string, Violation[]>();
    for (const v of violations) groups.set(v.urn ?? "(stack)", [...(groups.get(v.urn ?? "(stack)") ?? []), v]);
    const lines: string[] = [];
    const rank = (vs: Violation[]) => (vs.some((v) => v.level === "mandatory") ? 0 : 1);
    for (const [urn, vs] of [...groups.entries()].sort((a, b) => rank(a[1]) - rank(b[1]))) {
        const first = vs[0];
        lines.push(first.type ? `${first.type} "${first.name}"` : urn);
        for (const v of vs.sort((a, b) => (a.level === b.level ? 0 : a.level === "mandatory" ? -1 : 1))) lines.push(`  [${v.error ? "error" : v.skipped ? "skipped" : v.level}] ${v.rule}: ${v.message}`);
    }
    return lines;
}

registerSection({
    key: "policies",
    async run(graph) {
        const violations = await evaluatePolicies(graph);
        const errors = violations.filter((v) => v.error).length;
        const mandatory = violations.filter((v) => v.level === "mandatory" && !v.error).length;
        const skipped = violations.filter((v) => v.skipped).length;
        const advisory = violations.length - mandatory - skipped - errors;
        return {
            title: `Policies: ${ALL_RULES.length} rules of the eks-ipv6-interop pack, ${mandatory} mandatory and ${advisory} advisory violation${advisory === 1 ? "" : "s"}${skipped > 0 ? `, ${skipped} rule${skipped === 1 ? "" : "s"} skipped on unknown values` : ""}${errors > 0 ? `, ${errors} rule error${errors === 1 ? "" : "s"}` : ""}`,
            lines: violations.length === 0 ? ["no violations"] : formatViolations(violations),
            ok: mandatory === 0 && errors === 0,
            json: { pack: "eks-ipv6-interop", rules: ALL_RULES.map((r) => ({ name: r.name, level: r.enforcementLevel, kind: r.kind })), mandatory, advisory, errors, violations },
        };
    },
});
