import { strict as assert } from "assert";
import { DEFAULT_EXEMPTION_TAG, exemptionTagValue, exemptionTags, parseExemption } from "../../lib/policyExemption";
import { exemptionHasReason } from "../../policies/rules/exemptions";
import { Fx, UNKNOWN, messages } from "./harness";

const tagged = (name: string, value: unknown, tag = DEFAULT_EXEMPTION_TAG): Fx => ({ type: "aws:ec2/vpc:Vpc", name, props: { id: `vpc-${name}`, cidrBlock: "10.0.0.0/16", tags: { Name: name, [tag]: value } } });

describe("policies: exemptions", () => {
    describe("the tag format (lib/policyExemption.ts)", () => {
        it("reads a reason for every rule, and rule names before the first =", () => {
            assert.deepEqual(parseExemption("legacy IPv4-only app, retired 2027"), { ok: true, rules: "all", reason: "legacy IPv4-only app, retired 2027" });
            assert.deepEqual(parseExemption("vpc-dual-stack load-balancer-dual-stack=legacy app; see ADR-12"), { ok: true, rules: ["vpc-dual-stack", "load-balancer-dual-stack"], reason: "legacy app; see ADR-12" });
            assert.deepEqual(parseExemption("ratio a=b is kept for the legacy app"), { ok: true, rules: "all", reason: "ratio a=b is kept for the legacy app" });
        });
        it("refuses empty and placeholder reasons", () => {
            assert.equal(parseExemption("").ok, false);
            assert.equal(parseExemption("vpc-dual-stack=").ok, false);
            assert.equal(parseExemption("vpc-dual-stack=tbd").ok, false);
            assert.equal(parseExemption(42).ok, false);
        });
        it("writes what it reads", () => {
            const value = exemptionTagValue({ rules: ["vpc-dual-stack"], reason: "legacy IPv4-only app VPC" });
            assert.deepEqual(parseExemption(value), { ok: true, rules: ["vpc-dual-stack"], reason: "legacy IPv4-only app VPC" });
            assert.deepEqual(exemptionTags(undefined), {});
            assert.throws(() => exemptionTagValue({ reason: " " }), /needs a reason/);
            assert.throws(() => exemptionTagValue({ rules: ["Not A Rule"], reason: "legacy IPv4-only app" }), /not a policy name/);
        });
    });

    describe("policy-exemption-has-reason", () => {
        it("passes a reasoned exemption naming real rules", async () => {
            assert.deepEqual(await messages(exemptionHasReason, [tagged("a", "vpc-dual-stack=legacy IPv4-only app VPC"), tagged("b", "the whole VPC is a frozen legacy estate")]), []);
        });
        it("fails an empty reason and a misspelt rule name", async () => {
            const m = await messages(exemptionHasReason, [tagged("a", ""), tagged("b", "vpc-dual-stak=legacy IPv4-only app VPC")]);
            assert.equal(m.length, 2);
            assert.match(m[0], /aws\.ec2\.Vpc "a": tag ipv6-policy-exempt = "" exempts nothing because the reason is empty/);
            assert.match(m[1], /names "vpc-dual-stak", which is not a rule of this pack: use one of vpc-dual-stack, /);
        });
        it("cannot itself be exempted, and follows the configured tag names", async () => {
            assert.equal((await messages(exemptionHasReason, [tagged("a", " ")])).length, 1);
            assert.deepEqual(await messages(exemptionHasReason, [tagged("a", "", "other-tag")]), []);
            assert.equal((await messages(exemptionHasReason, [tagged("a", "", "other-tag")], { config: { "policy-exemption-has-reason": { exemptionTags: ["other-tag"] } } })).length, 1);
        });
        it("reports nothing for an unknown tag value", async () => {
            assert.deepEqual(await messages(exemptionHasReason, [tagged("a", UNKNOWN)]), []);
        });
    });
});
