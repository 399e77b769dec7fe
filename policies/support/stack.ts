/**
 * A stack as stack rules see it: resources with unknown-safe props, looked up by type, by URN,
 * and by reference. Resources refer to each other by ID, ARN or name in their props
 * (`subnet.vpcId` is the VPC's ID); during a preview those are unknown, so references resolve
 * through the engine's per-property dependencies first and fall back to matching known values.
 */
import type { PolicyResource } from "@pulumi/policy";
import { UNKNOWN, Unknown, plainProps, str, strings } from "./values";

export interface PolicyRes {
    type: string;
    name: string;
    urn: string;
    /** Props with unknowns as `UNKNOWN` (see values.ts). */
    props: Record<string, any>;
    /** Parent URN. */
    parent?: string;
    /** Input name -> URNs it depends on. */
    propertyDependencies: Record<string, string[]>;
    /** URNs the resource depends on (stack rules only). */
    dependencies?: string[];
    /** URN of the resource's provider (stack rules only, when the engine sends it). */
    provider?: string;
}

export class StackView {
    readonly byUrn = new Map<string, PolicyRes>();
    private readonly byIdentity = new Map<string, PolicyRes[]>();

    constructor(readonly resources: PolicyRes[]) {
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
            for (const key of ["id", "arn", "name"]) {
                const v = str(r.props[key]);
                if (typeof v === "string") this.byIdentity.set(v, [...(this.byIdentity.get(v) ?? []), r]);
            }
        }
    }

    static fromPolicyResources(resources: PolicyResource[]): StackView {
        return new StackView(resources.map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            props: plainProps(r.props),
            parent: r.parent?.urn ?? r.opts?.parent,
            propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, deps]) => [k, (deps ?? []).map((d) => d.urn)])),
            dependencies: (r.dependencies ?? []).map((d) => d.urn),
            provider: r.provider?.urn,
        })));
    }

    ofType(...types: string[]): PolicyRes[] {
        return this.resources.filter((r) => types.includes(r.type));
    }

    children(r: PolicyRes, ...types: string[]): PolicyRes[] {
        return this.resources.filter((c) => c.parent === r.urn && (types.length === 0 || types.includes(c.type)));
    }

    /** The resource of one of `types` whose id, ARN or name is `value`. */
    private byValue(value: string, types: readonly string[]): PolicyRes | undefined {
        return (this.byIdentity.get(value) ?? []).find((r) => types.includes(r.type));
    }

    /**
     * The resources of one of `types` that prop `key` of `r` refers to (a scalar or a list).
     * Known values resolve by id, ARN or name; unknown ones through the property's dependencies.
     * Returns `UNKNOWN` when a referenced value can be resolved by neither; references to
     * resources outside the stack (known values, no match, no dependency) are left out.
     */
    refs(r: PolicyRes, key: string, types: readonly string[]): PolicyRes[] | Unknown {
        const raw = r.props[key];
        const viaDeps = (r.propertyDependencies[key] ?? []).map((u) => this.byUrn.get(u)).filter((x): x is PolicyRes => x !== undefined && types.includes(x.type));
        const { values, unknown } = Array.isArray(raw) || raw === UNKNOWN ? strings(raw) : { values: typeof raw === "string" && raw !== "" ? [raw] : [], unknown: false };
        const found: PolicyRes[] = [];
        let unresolved = unknown;
        for (const v of values) {
            const hit = this.byValue(v, types);
            if (hit) found.push(hit);
            else if (viaDeps.length === 1 && !Array.isArray(raw)) found.push(viaDeps[0]);
        }
        if (unresolved) {
            if (viaDeps.length === 0) return UNKNOWN;
            if (!Array.isArray(raw) && viaDeps.length > 1) return UNKNOWN; // one value, several candidates
            for (const d of viaDeps) if (!found.includes(d)) found.push(d);
            unresolved = false;
        }
        return [...new Set(found)];
    }

    /** The one resource a scalar prop refers to; `UNKNOWN` when it cannot be told; undefined when outside the stack or unset. */
    ref(r: PolicyRes, key: string, types: readonly string[]): PolicyRes | Unknown | undefined {
        const found = this.refs(r, key, types);
        if (found === UNKNOWN) return UNKNOWN;
        return found.length === 1 ? found[0] : undefined;
    }

    /** Resources of `types` whose prop `key` refers to `target`. */
    referrers(target: PolicyRes, types: readonly string[], key: string): PolicyRes[] {
        return this.ofType(...types).filter((r) => {
            const refs = this.refs(r, key, [target.type]);
            return refs !== UNKNOWN && refs.includes(target);
        });
    }
}
