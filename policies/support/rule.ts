/**
 * How rules are declared: every rule is a plain exported constant made by `resourceRule` or
 * `stackRule`, which adds what each rule needs and none should repeat: unknown-safe props,
 * the pack config with defaults, exemptions, and the documentation metadata (`docs`) that
 * `npm run policy-docs` turns into the README table.
 */
import { UnknownValueError } from "@pulumi/policy";
import type { PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, Severity, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { EXEMPTION_TAGS_SCHEMA, PackConfig, resolveConfig } from "../config";
import { isExempt } from "../exemptions";
import { UNKNOWN_SENTINEL, plainProps } from "./values";
import { PolicyRes, StackView } from "./stack";

export interface RuleDocs {
    /** Why the rule exists: what AWS rejects, or what silently breaks. */
    why: string;
    /** Where the fact comes from (AWS documentation page, issue). */
    source: string;
}

interface RuleSpec {
    /** lower-kebab, unique in the pack. */
    name: string;
    /** One full sentence: what the rule requires. */
    description: string;
    enforcementLevel: "mandatory" | "advisory";
    severity: Severity;
    why: string;
    source: string;
    /** How to fix a violation in general (each message also names resource, field and value). */
    remediation: string;
    /** Extra per-policy config properties (JSON schema), beside `exemptionTags`. */
    config?: Record<string, unknown>;
    /** False for the one rule that checks exemptions themselves. Default true. */
    exemptible?: boolean;
}

export interface ResourceContext {
    config: PackConfig;
    report(message: string): void;
}

export interface StackContext {
    config: PackConfig;
    /** Reports a violation on a resource, unless that resource is exempt from this rule. */
    report(resource: PolicyRes, message: string): void;
    /** Ends the check: the rule does not apply to this stack (`@pulumi/policy`'s notApplicable; no diagnostic). */
    notApplicable(reason: string): never;
    /**
     * Ends the check: what is left cannot be decided while values are unknown (a preview). Raised as
     * `@pulumi/policy`'s UnknownValueError, which its analyzer server turns into an advisory
     * diagnostic "can't run policy '<name>' ... during preview: <reason>", so the skip is stated in
     * the preview's output and never blocks it. Violations reported before it still stand.
     */
    skip(reason: string): never;
}

/** Marks the errors `StackContext.skip` raises (the offline evaluator reports them as skips, not crashes). */
export const SKIP_MARKER = "eksIpv6PolicySkip";

/** The error `StackContext.skip` raises. UnknownValueError's constructor builds its message from a property path; the reason replaces it. */
export function previewSkip(reason: string): Error {
    const e = new (UnknownValueError as unknown as new (sentinel: string, path: string[]) => Error)(UNKNOWN_SENTINEL, []);
    e.message = reason;
    Object.defineProperty(e, SKIP_MARKER, { value: true });
    return e;
}

export type ResourceRule = ResourceValidationPolicy & { kind: "resource"; types: readonly string[]; docs: RuleDocs };
export type StackRule = StackValidationPolicy & { kind: "stack"; docs: RuleDocs };
export type Rule = ResourceRule | StackRule;

function configSchema(spec: RuleSpec) {
    return { properties: { exemptionTags: EXEMPTION_TAGS_SCHEMA, ...(spec.config ?? {}) } } as ResourceValidationPolicy["configSchema"];
}

function base(spec: RuleSpec) {
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        severity: spec.severity,
        remediationSteps: spec.remediation,
        configSchema: configSchema(spec),
        docs: { why: spec.why, source: spec.source },
    };
}

/** A rule on single resources of the given types (their inputs, before each create or update). */
export function resourceRule(spec: RuleSpec & { types: readonly string[]; check(r: PolicyRes, ctx: ResourceContext): void }): ResourceRule {
    const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        if (!spec.types.includes("*") && !spec.types.includes(args.type)) return;
        const config = resolveConfig(args.getConfig<object>());
        const r: PolicyRes = { type: args.type, name: args.name, urn: args.urn, props: plainProps(args.props), parent: args.opts?.parent, propertyDependencies: {} };
        if (spec.exemptible !== false && isExempt(r.props, spec.name, config.exemptionTags)) return;
        spec.check(r, { config, report: (message) => reportViolation(message) });
    };
    return { ...base(spec), kind: "resource", types: spec.types, validateResource };
}

/** A rule on the whole stack (resource outputs, after a preview or update), for facts that span resources. */
export function stackRule(spec: RuleSpec & { check(view: StackView, ctx: StackContext): void }): StackRule {
    const validateStack = (args: StackValidationArgs, reportViolation: ReportViolation) => {
        const config = resolveConfig(args.getConfig<object>());
        const view = StackView.fromPolicyResources(args.resources as PolicyResource[]);
        const reported = new Set<string>();
        spec.check(view, {
            config,
            report: (resource, message) => {
                if (spec.exemptible !== false && isExempt(resource.props, spec.name, config.exemptionTags)) return;
                const key = `${resource.urn}\u0000${message}`;
                if (reported.has(key)) return;
                reported.add(key);
                reportViolation(message, resource.urn);
            },
            notApplicable: (reason) => args.notApplicable(reason),
            skip: (reason) => {
                throw previewSkip(reason);
            },
        });
    };
    return { ...base(spec), kind: "stack", validateStack };
}
