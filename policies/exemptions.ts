/**
 * Exemptions: a resource tag whose value is the reason (format in lib/policyExemption.ts).
 * A valid exemption silences the named rules (or all) on that resource; an invalid one (empty
 * reason, unknown rule name) silences nothing and is reported by `policy-exemption-has-reason`.
 */
import { parseExemption } from "../lib/policyExemption";
import { UNKNOWN, obj } from "./support/values";

export interface ExemptionTag {
    tag: string;
    value: unknown;
}

/** The exemption tags present on resource props (`tags`, and `tagsAll` as providers report it). */
export function exemptionTagsOn(props: Record<string, any>, tagNames: readonly string[]): ExemptionTag[] {
    const found: ExemptionTag[] = [];
    for (const field of ["tags", "tagsAll"]) {
        const tags = obj(props[field]);
        if (!tags || tags === UNKNOWN) continue;
        for (const name of tagNames) {
            if (name in tags && !found.some((f) => f.tag === name && f.value === tags[name])) found.push({ tag: name, value: tags[name] });
        }
    }
    return found;
}

/**
 * True when a valid exemption on the props covers `rule`, or when the tags (or an exemption tag's
 * value) are unknown: during a preview the resource may turn out exempt, so rules stay quiet and
 * the check happens on the resolved tags at update time.
 */
export function isExempt(props: Record<string, any>, rule: string, tagNames: readonly string[]): boolean {
    if (["tags", "tagsAll"].some((f) => props[f] === UNKNOWN)) return true;
    return exemptionTagsOn(props, tagNames).some(({ value }) => {
        if (value === UNKNOWN) return true;
        const parsed = parseExemption(value);
        return parsed.ok && (parsed.rules === "all" || parsed.rules.includes(rule));
    });
}
