/**
 * Kubernetes objects validated offline against the Kubernetes OpenAPI schema, as the
 * `kubernetes-models` package ships it: one ajv validator per definition, generated from the
 * Kubernetes OpenAPI spec and precompiled in the package (so nothing compiles here; each kind's
 * validator is loaded on first use and kept). kubernetes-models 5.x is generated from Kubernetes
 * v1.36.0 (its CHANGELOG, 5.0.0: "Update to Kubernetes v1.36.0"), merged with older releases' specs
 * so that removed APIs still validate.
 *
 * The OpenAPI schema leaves objects open, so the generated validators accept unknown fields, while
 * the API server rejects them (strict field validation, the default of `kubectl` and of
 * server-side apply). This module finds them by watching which properties the validator reads:
 * for every object it checks, a generated validator reads each property its schema defines and
 * enumerates the keys only of maps (labels, annotations, `data`). A key present in a checked
 * object that the validator never read is a field the schema does not define.
 *
 * Custom resources are checked against this repository's own CRD tables (lib/k8s/crds/).
 */
import * as fs from "fs";
import * as path from "path";
import type { ErrorObject } from "ajv";
import { TARGET_GROUP_BINDING_SOURCE, TARGET_GROUP_BINDING_V1BETA1 } from "./crds/targetGroupBinding";
import { type K8sFinding, findingsFromAjv, formatPath, isUnknownValue, unknownFieldMessage } from "./findings";
import { type TableSchema, validateWithTable } from "./tables";

/** The package and the Kubernetes release its schemas come from (checked against node_modules by a test). */
export const KUBERNETES_SCHEMA = { package: "kubernetes-models", version: "5.1.0", kubernetes: "1.36" } as const;

const WHERE = `the Kubernetes ${KUBERNETES_SCHEMA.kubernetes} schema`;

/** Custom resources this repository knows, by `group/version:Kind`. */
export const CRD_TABLES: Record<string, { schema: TableSchema; source: string }> = {
    "elbv2.k8s.aws/v1beta1:TargetGroupBinding": {
        schema: TARGET_GROUP_BINDING_V1BETA1,
        source: `CRD ${TARGET_GROUP_BINDING_SOURCE.crd} ${TARGET_GROUP_BINDING_SOURCE.version} (${TARGET_GROUP_BINDING_SOURCE.chart})`,
    },
};

/** A Pulumi Kubernetes type token split into its parts. */
export interface KubernetesType {
    group: string;
    version: string;
    kind: string;
    /** `...Patch` resources (server-side apply patches): every field optional. */
    patch: boolean;
}

/** `kubernetes:batch/v1:Job` -> { group: "batch", version: "v1", kind: "Job" }; undefined for non-object tokens (`kubernetes:helm.sh/v3:Release`, `kubernetes:yaml/v2:ConfigGroup`). */
export function parseKubernetesType(token: string): KubernetesType | undefined {
    const m = /^kubernetes:([^/:]+)\/([^/:]+):([A-Za-z0-9]+)$/.exec(token);
    if (!m) return undefined;
    const [, group, version, rawKind] = m;
    if (group === "helm.sh" || group === "yaml" || group === "kustomize") return undefined;
    const patch = rawKind.endsWith("Patch") && rawKind !== "Patch";
    return { group, version, kind: patch ? rawKind.slice(0, -"Patch".length) : rawKind, patch };
}

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The kubernetes-models definition id of a built-in kind (`IoK8sApiBatchV1Job`), or undefined for groups it does not name this way. */
export function definitionId(t: KubernetesType): string | undefined {
    if (t.group === "apiextensions.k8s.io") return `IoK8sApiextensionsApiserverPkgApisApiextensions${pascal(t.version)}${t.kind}`;
    if (t.group === "apiregistration.k8s.io") return `IoK8sKubeAggregatorPkgApisApiregistration${pascal(t.version)}${t.kind}`;
    if (t.group.includes(".") && !t.group.endsWith(".k8s.io")) return undefined; // a custom resource group
    const first = t.group.split(".")[0];
    return `IoK8sApi${pascal(first)}${pascal(t.version)}${t.kind}`;
}

let schemasDir: string | undefined | null;

/** Directory of the package's precompiled validators, or null when the package is missing. */
function kubernetesModelsSchemas(): string | null {
    if (schemasDir !== undefined) return schemasDir;
    let dir = __dirname;
    for (;;) {
        const candidate = path.join(dir, "node_modules", "kubernetes-models", "_schemas");
        if (fs.existsSync(candidate)) return (schemasDir = candidate);
        const up = path.dirname(dir);
        if (up === dir) return (schemasDir = null);
        dir = up;
    }
}

type Validator = ((data: unknown, ctx?: { instancePath: string; parentData: unknown; parentDataProperty: string; rootData: unknown }) => boolean) & { errors?: ErrorObject[] | null };
const validators = new Map<string, Promise<Validator | undefined>>();

/** The package's validator for a definition, loaded once (ESM-only package: dynamic import). */
function validatorFor(id: string): Promise<Validator | undefined> {
    let v = validators.get(id);
    if (!v) {
        const dir = kubernetesModelsSchemas();
        v = dir && fs.existsSync(path.join(dir, `${id}.js`))
            ? (import(`kubernetes-models/_schemas/${id}`) as Promise<{ validate: Validator }>).then((m) => m.validate)
            : Promise.resolve(undefined);
        validators.set(id, v);
    }
    return v;
}

/** ObjectMeta, for the metadata of custom resources (their CRDs declare only `type: object`). */
const OBJECT_META = "IoK8sApimachineryPkgApisMetaV1ObjectMeta";
function objectMetaValidator(): Promise<Validator> {
    let v = validators.get(OBJECT_META);
    if (!v) {
        v = (import(`@kubernetes-models/apimachinery/_schemas/${OBJECT_META}`) as Promise<{ validate: Validator }>).then((m) => m.validate);
        validators.set(OBJECT_META, v);
    }
    return v as Promise<Validator>;
}

interface Reads {
    keys: Set<string>;
    enumerated: boolean;
}

/** Validates through a proxy that records, per object, which keys the validator read. */
function validateWatching(validate: Validator, object: unknown, at?: { key: string; parent: object }): { ok: boolean; reads: WeakMap<object, Reads> } {
    const reads = new WeakMap<object, Reads>();
    const proxies = new WeakMap<object, object>();
    const wrap = (v: unknown): unknown => {
        if (v === null || typeof v !== "object") return v;
        const existing = proxies.get(v);
        if (existing) return existing;
        const rec: Reads = { keys: new Set(), enumerated: false };
        reads.set(v, rec);
        const proxy = new Proxy(v, {
            get(target, key, receiver) {
                if (typeof key === "string") rec.keys.add(key);
                return wrap(Reflect.get(target, key, receiver));
            },
            has(target, key) {
                if (typeof key === "string") rec.keys.add(key);
                return Reflect.has(target, key);
            },
            ownKeys(target) {
                rec.enumerated = true;
                return Reflect.ownKeys(target);
            },
        });
        proxies.set(v, proxy);
        return proxy;
    };
    const ok = at ? validate(wrap(object), { instancePath: `/${at.key}`, parentData: at.parent, parentDataProperty: at.key, rootData: at.parent }) : validate(wrap(object));
    return { ok, reads };
}

/** Keys present in checked objects that the validator never read: fields the schema does not define. */
function unknownFields(object: unknown, reads: WeakMap<object, Reads>, base: string[] = []): K8sFinding[] {
    const out: K8sFinding[] = [];
    const walk = (v: unknown, segments: string[]) => {
        if (v === null || typeof v !== "object") return;
        if (Array.isArray(v)) {
            v.forEach((item, i) => walk(item, [...segments, String(i)]));
            return;
        }
        const rec = reads.get(v);
        // Not reached by the validator (a free-form value, or under a type error): nothing to say.
        if (!rec) return;
        const closed = !rec.enumerated && rec.keys.size > 0;
        const known = [...rec.keys].filter((k) => !(k in Object.prototype) && k !== "length");
        for (const [k, child] of Object.entries(v)) {
            if (closed && !rec.keys.has(k)) {
                out.push({ check: "schema", path: formatPath([...segments, k]), value: child, message: unknownFieldMessage([...segments, k], child, known, WHERE) });
                continue;
            }
            walk(child, [...segments, k]);
        }
    };
    walk(object, base);
    return out;
}

/** The result of checking one object. */
export interface ManifestCheck {
    /** False when there is no schema for the kind: the object was not checked. */
    checked: boolean;
    /** What it was checked against, or why not. */
    against: string;
    findings: K8sFinding[];
}

/**
 * Validates one Kubernetes object (a resource's inputs) of a Pulumi type token. Unknown values
 * are skipped; a Patch kind is checked without its required fields.
 */
export async function checkManifest(typeToken: string, object: unknown): Promise<ManifestCheck> {
    const t = parseKubernetesType(typeToken);
    if (!t) return { checked: false, against: "not a Kubernetes object type", findings: [] };
    if (isUnknownValue(object)) return { checked: false, against: "inputs unknown until deploy", findings: [] };
    const crd = CRD_TABLES[`${t.group}/${t.version}:${t.kind}`];
    if (crd) {
        const findings = validateWithTable(crd.schema, object, "crd", `the ${crd.source}`);
        const metadata = (object as Record<string, unknown>)?.metadata;
        if (metadata && typeof metadata === "object" && !Array.isArray(metadata)) {
            const meta = await objectMetaValidator();
            const { ok, reads } = validateWatching(meta, metadata, { key: "metadata", parent: object as object });
            if (!ok) findings.push(...findingsFromAjv(meta.errors, object, "schema", WHERE));
            findings.push(...unknownFields(metadata, reads, ["metadata"]));
        }
        return { checked: true, against: crd.source, findings: t.patch ? findings.filter((f) => !f.message.endsWith(" requires it")) : findings };
    }
    const id = definitionId(t);
    const validate = id ? await validatorFor(id) : undefined;
    if (!validate) {
        return { checked: false, against: `no schema for ${t.group}/${t.version} ${t.kind} (not a built-in kind of Kubernetes ${KUBERNETES_SCHEMA.kubernetes}, and no CRD table in lib/k8s/crds/)`, findings: [] };
    }
    const { ok, reads } = validateWatching(validate, object);
    let findings = ok ? [] : findingsFromAjv(validate.errors, object, "schema", WHERE);
    if (t.patch) findings = findings.filter((f) => !f.message.endsWith(" requires it"));
    findings.push(...unknownFields(object, reads));
    return { checked: true, against: `${WHERE} (${KUBERNETES_SCHEMA.package} ${KUBERNETES_SCHEMA.version})`, findings };
}
