/**
 * Exemptions are reviewed like code: each carries a reason and names real rules.
 */
import { parseExemption } from "../../lib/policyExemption";
import { exemptionTagsOn } from "../exemptions";
import { resourceRule } from "../support/rule";
import { describe } from "../support/values";

/** Set by rules/index.ts: every rule name of the pack (the exemption rule cannot import the list it is part of). */
let knownRules: readonly string[] = [];
export function setKnownRuleNames(names: readonly string[]): void {
    knownRules = names;
}

export const exemptionHasReason = resourceRule({
    name: "policy-exemption-has-reason",
    description: "Every exemption tag gives a reason, and names only rules that exist in this pack.",
    enforcementLevel: "mandatory",
    severity: "medium",
    why: "An exemption without a reason cannot be reviewed or retired, and one that names a misspelt rule silently exempts nothing.",
    source: "This pack's exemption convention (lib/policyExemption.ts)",
    remediation: "Set the tag value to the reason, optionally prefixed by the rule names and \"=\": load-balancer-dual-stack=legacy IPv4-only app, retired in 2027.",
    exemptible: false,
    types: ["*"],
    check(r, ctx) {
        for (const { tag, value } of exemptionTagsOn(r.props, ctx.config.exemptionTags)) {
            if (typeof value === "symbol") continue; // unknown during preview
            const parsed = parseExemption(value);
            if (!parsed.ok) {
                ctx.report(`${describe(r)}: tag ${tag} = ${JSON.stringify(value)} exempts nothing because ${parsed.problem}: set the value to the reason the resource is exempt (at least a short sentence).`);
            } else if (parsed.rules !== "all") {
                const unknown = parsed.rules.filter((n) => !knownRules.includes(n));
                if (unknown.length > 0) ctx.report(`${describe(r)}: tag ${tag} names ${unknown.map((n) => `"${n}"`).join(", ")}, which ${unknown.length > 1 ? "are" : "is"} not a rule of this pack: use one of ${knownRules.filter((n) => n !== "policy-exemption-has-reason").join(", ")}.`);
            }
        }
    },
});
