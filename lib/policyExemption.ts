/**
 * The exemption tag of the `eks-ipv6-interop` policy pack (policies/). A resource that is
 * deliberately outside a rule, such as the IPv4-only legacy VPC of `peering-ipv4-egress`, carries
 * the tag with the reason as its value:
 *
 *   ipv6-policy-exempt = "legacy IPv4-only app VPC of figure 6; retired with the app"      (every rule)
 *   ipv6-policy-exempt = "load-balancer-dual-stack=the legacy app is IPv4-only by design" (named rules)
 *
 * Several rules are separated by spaces before the `=`. An empty reason is itself a violation.
 * The format lives here, not in the pack, so that components can write exemptions with the same
 * code the pack reads them with. The tag name is configurable in the pack (`exemptionTags`).
 */

/** Default name of the exemption tag. */
export const DEFAULT_EXEMPTION_TAG = "ipv6-policy-exempt";

/** Shortest reason accepted: a word, not a placeholder such as "x" or "-". */
export const MIN_EXEMPTION_REASON_LENGTH = 8;

/** Policy names are lower-kebab (the pack's convention). */
const RULE_NAME = /^[a-z0-9]+(-[a-z0-9]+)+$/;

export interface PolicyExemption {
    /** Rules the resource is exempt from; undefined for every rule of the pack. */
    rules?: string[];
    /** Why: shown in reviews and audits. */
    reason: string;
}

/** The tag value for an exemption (throws on an empty reason or a malformed rule name). */
export function exemptionTagValue(exemption: PolicyExemption): string {
    const reason = exemption.reason.trim();
    if (reason.length < MIN_EXEMPTION_REASON_LENGTH) throw new Error(`a policy exemption needs a reason of at least ${MIN_EXEMPTION_REASON_LENGTH} characters, got ${JSON.stringify(exemption.reason)}`);
    if (!exemption.rules) return reason;
    for (const rule of exemption.rules) if (!RULE_NAME.test(rule)) throw new Error(`"${rule}" is not a policy name (lower-kebab, for example load-balancer-dual-stack)`);
    if (exemption.rules.length === 0) throw new Error("list at least one rule, or leave rules unset to exempt from every rule");
    return `${exemption.rules.join(" ")}=${reason}`;
}

/** The tags to merge into a resource's `tags` for an exemption (none when undefined). */
export function exemptionTags(exemption: PolicyExemption | undefined, tagName = DEFAULT_EXEMPTION_TAG): Record<string, string> {
    return exemption ? { [tagName]: exemptionTagValue(exemption) } : {};
}

export type ParsedExemption =
    | { ok: true; rules: string[] | "all"; reason: string }
    | { ok: false; problem: string };

/**
 * Reads a tag value. `rules=reason` when the part before the first `=` is one or more
 * space-separated lower-kebab names; otherwise the whole value is the reason for every rule.
 */
export function parseExemption(value: unknown): ParsedExemption {
    if (typeof value !== "string") return { ok: false, problem: "the value must be a string giving the reason" };
    const eq = value.indexOf("=");
    const head = eq >= 0 ? value.slice(0, eq).trim() : "";
    const names = head.split(/\s+/).filter((s) => s.length > 0);
    const scoped = eq >= 0 && names.length > 0 && names.every((n) => RULE_NAME.test(n));
    const reason = (scoped ? value.slice(eq + 1) : value).trim();
    if (reason.length < MIN_EXEMPTION_REASON_LENGTH) {
        return { ok: false, problem: reason.length === 0 ? "the reason is empty" : `the reason "${reason}" is shorter than ${MIN_EXEMPTION_REASON_LENGTH} characters` };
    }
    return { ok: true, rules: scoped ? names : "all", reason };
}
