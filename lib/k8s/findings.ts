/**
 * What the Kubernetes checks report, and the helpers they share: field paths as users write them
 * (`spec.template.spec.containers[0].name`), values that are unknown until deploy (skipped, never
 * flagged), "did you mean" suggestions, and the translation of JSON-Schema (ajv) errors into
 * sentences that name the field, the value and what the schema allows.
 */
import type { ErrorObject } from "ajv";
import { isUnknownSentinel } from "../../policies/support/values";

/** One problem found in a Kubernetes object or in Helm values. */
export interface K8sFinding {
    /** Which check found it. */
    check: "schema" | "crd" | "helm-values" | "pod-security";
    /** Field path in the object, for example `spec.template.spec.containers[0].name`. */
    path: string;
    /** The value found there (undefined when the field is missing). */
    value?: unknown;
    /** The whole sentence: field, value, what is allowed, and the fix where there is one. */
    message: string;
}

/**
 * True for a value the plan cannot know: the offline engine's markers (`[unknown]`, `[output]`),
 * a secret it does not show (`[secret]`) and the Pulumi engine's unknown sentinels (previews,
 * state exports). Checks skip these.
 */
export function isUnknownValue(v: unknown): boolean {
    return v === "[unknown]" || v === "[output]" || v === "[secret]" || isUnknownSentinel(v);
}

/** `/spec/containers/0/name` (a JSON pointer, as ajv reports it) -> its segments. */
export function pointerSegments(pointer: string): string[] {
    if (pointer === "") return [];
    return pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Segments -> `spec.containers[0].name`; keys that are not identifiers are quoted (`labels["app.kubernetes.io/name"]`). */
export function formatPath(segments: readonly (string | number)[]): string {
    let out = "";
    for (const s of segments) {
        if (typeof s === "number" || /^\d+$/.test(s)) out += `[${s}]`;
        else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === "" ? s : `.${s}`;
        else out += `[${JSON.stringify(s)}]`;
    }
    return out === "" ? "(the object)" : out;
}

/** The value at `segments` under `root` (undefined when absent). */
export function valueAt(root: unknown, segments: readonly string[]): unknown {
    let v: any = root;
    for (const s of segments) {
        if (v === null || typeof v !== "object") return undefined;
        v = v[s];
    }
    return v;
}

/** True when the value at `segments`, or any value on the way to it, is unknown. */
export function unknownOnPath(root: unknown, segments: readonly string[]): boolean {
    let v: any = root;
    if (isUnknownValue(v)) return true;
    for (const s of segments) {
        if (v === null || typeof v !== "object") return false;
        v = v[s];
        if (isUnknownValue(v)) return true;
    }
    return false;
}

/** A value for a message: JSON, shortened. */
export function show(value: unknown): string {
    if (value === undefined) return "(unset)";
    let text: string;
    try {
        text = JSON.stringify(value);
    } catch {
        text = String(value);
    }
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** "a string", "an integer", ... for a value (what was found). */
export function describeType(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
    if (typeof value === "object") return "an object";
    return `a ${typeof value}`;
}

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function distance(a: string, b: string): number {
    a = a.toLowerCase();
    b = b.toLowerCase();
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const cur = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = cur;
        }
    }
    return row[b.length];
}

/**
 * The known name closest to `name`, when it is close enough to be a likely typo (at most a third
 * of the name's length in edits, or the same name in another case); undefined otherwise.
 */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const k of known) {
        const d = distance(name, k);
        if (d < bestDistance) {
            best = k;
            bestDistance = d;
        }
    }
    if (best === undefined) return undefined;
    return bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

/** "a, b, c" listing at most `max` names, then "and N more". */
export function listNames(names: readonly string[], max = 40): string {
    const sorted = [...names].sort();
    return sorted.length <= max ? sorted.join(", ") : `${sorted.slice(0, max).join(", ")} and ${sorted.length - max} more`;
}

/** An unknown field's sentence: value, suggestion, and the fields that exist there. */
export function unknownFieldMessage(segments: readonly string[], value: unknown, known: readonly string[], where: string): string {
    const name = segments[segments.length - 1];
    const guess = didYouMean(name, known);
    return `${formatPath(segments)}: unknown field (value ${show(value)}); ${guess ? `did you mean ${guess}? ` : ""}${where} allows ${listNames(known)}`;
}

const A_TYPE: Record<string, string> = { integer: "an integer", number: "a number", string: "a string", boolean: "a boolean", object: "an object", array: "an array", null: "null" };
const aType = (t: string) => A_TYPE[t] ?? t;

/**
 * ajv errors -> findings. `where` names the schema in each sentence ("the Kubernetes 1.36 schema").
 * Errors at or under an unknown value are dropped; an `anyOf`/`oneOf` error and the type errors of
 * its branches at the same field become one finding.
 */
export function findingsFromAjv(errors: readonly ErrorObject[] | null | undefined, root: unknown, check: K8sFinding["check"], where: string): K8sFinding[] {
    const out: K8sFinding[] = [];
    const list = errors ?? [];
    const anyOfAt = new Set(list.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf").map((e) => e.instancePath));
    const seen = new Set<string>();
    for (const e of list) {
        const segments = pointerSegments(e.instancePath);
        if (unknownOnPath(root, segments)) continue;
        const value = valueAt(root, segments);
        const path = formatPath(segments);
        let message: string;
        let at = segments;
        switch (e.keyword) {
            case "required": {
                const missing = String((e.params as { missingProperty: string }).missingProperty);
                at = [...segments, missing];
                message = `${formatPath(at)}: missing; ${where} requires it`;
                break;
            }
            case "additionalProperties": {
                const extra = String((e.params as { additionalProperty: string }).additionalProperty);
                at = [...segments, extra];
                const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
                message = unknownFieldMessage(at, valueAt(root, at), known, where);
                break;
            }
            case "type": {
                if (anyOfAt.has(e.instancePath)) continue;
                const t = (e.params as { type: string | string[] }).type;
                const types = Array.isArray(t) ? t : String(t).split(",");
                message = `${path}: ${show(value)} is ${describeType(value)}; ${where} allows ${types.map(aType).join(" or ")}`;
                break;
            }
            case "anyOf":
            case "oneOf": {
                // The value has the type of a branch whose contents failed: the errors under it say
                // what is wrong there (provider: {name: 1} is an allowed object whose name is not a string).
                if (list.some((b) => b.instancePath.startsWith(`${e.instancePath}/`))) continue;
                const branchTypes = list
                    .filter((b) => b.keyword === "type" && b.instancePath === e.instancePath)
                    .flatMap((b) => {
                        const t = (b.params as { type: string | string[] }).type;
                        return Array.isArray(t) ? t : String(t).split(",");
                    });
                // Enum branches (oneOf("x", "y"), or orNull of one): their values are allowed too.
                const enumValues = list
                    .filter((b) => b.keyword === "enum" && b.instancePath === e.instancePath)
                    .flatMap((b) => (b.params as { allowedValues: unknown[] }).allowedValues);
                const alternatives = [...new Set(branchTypes)].map(aType).concat([...new Set(enumValues.map((v) => show(v)))]);
                const allowed = alternatives.length > 0 ? alternatives.join(" or ") : "one of its alternatives";
                // "is not allowed" when an enum lists values of the value's own kind ("z" where "x" or "y").
                const sameKind = enumValues.some((v) => describeType(v) === describeType(value));
                message = `${path}: ${show(value)} ${sameKind ? "is not allowed" : `is ${describeType(value)}`}; ${where} allows ${allowed}`;
                break;
            }
            case "enum": {
                // An enum inside one branch of an anyOf is reported by the anyOf finding.
                if (anyOfAt.has(e.instancePath)) continue;
                const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
                message = `${path}: ${show(value)} is not allowed; ${where} allows ${allowed.map((v) => show(v)).join(", ")}`;
                break;
            }
            case "format":
                message = `${path}: ${show(value)} is not a valid ${(e.params as { format: string }).format}; ${where} requires that format`;
                break;
            default:
                message = `${path}: ${show(value)} ${e.message ?? "is invalid"} (${where}, ${e.keyword})`;
        }
        const key = `${formatPath(at)}|${message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ check, path: formatPath(at), value: e.keyword === "required" ? undefined : valueAt(root, at), message });
    }
    return out;
}
