/**
 * Values as policies see them. During `pulumi preview` many props are unknown: the engine sends
 * a sentinel string and `@pulumi/policy` wraps props in `unknownCheckingProxy`, which throws on
 * any read of an unknown. Rules here never read the proxy field by field: `plainProps` takes the
 * proxy's target and turns every sentinel into the `UNKNOWN` symbol, so each rule decides
 * explicitly what an unknown means (always: skip the check, never a violation).
 */

/** An unknown value (preview). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** The sentinels `@pulumi/policy` (proxy.js) and the engine use for unknown values of each kind. */
const SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (also the engine's single unknown value)
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** The string the engine sends for an unknown value (`@pulumi/pulumi` runtime `unknownValue`). */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknownSentinel(v: unknown): boolean {
    return typeof v === "string" && SENTINELS.has(v);
}

/** Key that makes `unknownCheckingProxy` hand back its target (proxy.js `getSpecialProxyTarget`). */
const PROXY_TARGET = "__getSpecialProxyTarget";

function unproxy(v: any): any {
    if (v === null || typeof v !== "object") return v;
    const target = v[PROXY_TARGET];
    return target !== undefined && target !== null ? target : v;
}

/** Deep copy of resource props with the proxy removed and every unknown turned into `UNKNOWN`. */
export function plainProps(props: unknown): Record<string, any> {
    const convert = (v: any): any => {
        v = unproxy(v);
        if (isUnknownSentinel(v)) return UNKNOWN;
        if (Array.isArray(v)) return v.map(convert);
        if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
            const out: Record<string, any> = {};
            for (const [k, x] of Object.entries(v)) out[k] = convert(x);
            return out;
        }
        return v;
    };
    const out = convert(props);
    return out !== null && typeof out === "object" && !Array.isArray(out) ? out : {};
}

export function isUnknown(v: unknown): v is Unknown {
    return v === UNKNOWN;
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(v: unknown): boolean {
    if (v === UNKNOWN) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknown);
    return false;
}

/** A string, `UNKNOWN`, or undefined for absent/empty/other types. Empty strings count as absent (AWS outputs "" for unset). */
export function str(v: unknown): string | Unknown | undefined {
    if (v === UNKNOWN) return UNKNOWN;
    return typeof v === "string" && v !== "" ? v : undefined;
}

/** A boolean (the provider also accepts "true"/"false" strings), `UNKNOWN`, or undefined. */
export function bool(v: unknown): boolean | Unknown | undefined {
    if (v === UNKNOWN) return UNKNOWN;
    if (typeof v === "boolean") return v;
    if (v === "true") return true;
    if (v === "false") return false;
    return undefined;
}

/** A number (numeric strings accepted), `UNKNOWN`, or undefined. */
export function num(v: unknown): number | Unknown | undefined {
    if (v === UNKNOWN) return UNKNOWN;
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
    return undefined;
}

/** An array, `UNKNOWN` (the array itself unknown), or [] when absent. Elements may be `UNKNOWN`. */
export function list(v: unknown): unknown[] | Unknown {
    if (v === UNKNOWN) return UNKNOWN;
    return Array.isArray(v) ? v : [];
}

/** Known string elements of an array value, and whether any element (or the array) was unknown. */
export function strings(v: unknown): { values: string[]; unknown: boolean } {
    const l = list(v);
    if (l === UNKNOWN) return { values: [], unknown: true };
    const values: string[] = [];
    let unknown = false;
    for (const x of l) {
        if (x === UNKNOWN) unknown = true;
        else if (typeof x === "string" && x !== "") values.push(x);
    }
    return { values, unknown };
}

/** An object value, `UNKNOWN`, or undefined. */
export function obj(v: unknown): Record<string, any> | Unknown | undefined {
    if (v === UNKNOWN) return UNKNOWN;
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, any>) : undefined;
}

/** Short, Pulumi-class-like name of a type token: `aws:ec2/subnet:Subnet` -> `aws.ec2.Subnet`. */
export function shortType(type: string): string {
    const [pkg, mod, name] = type.split(":");
    if (!name) return type;
    const module = (mod ?? "").split("/")[0];
    return module && module !== "index" ? `${pkg}.${module}.${name}` : `${pkg}.${name}`;
}

/** `aws.ec2.Subnet "app-private-0"`: how every message names a resource. */
export function describe(r: { type: string; name: string }): string {
    return `${shortType(r.type)} "${r.name}"`;
}

/** A value quoted for a message. */
export function show(v: unknown): string {
    if (v === UNKNOWN) return "(unknown)";
    if (v === undefined) return "(unset)";
    return JSON.stringify(v);
}
