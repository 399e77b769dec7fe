import * as assert from "assert";
import { DEFAULT_EXEMPTION_TAG, MIN_EXEMPTION_REASON_LENGTH, exemptionTagValue, exemptionTags, parseExemption } from "../../lib/policyExemption";

// Components write exemption tags with exemptionTagValue and the pack reads them with
// parseExemption: both sides of the format, its boundaries and the messages a user reads.

const NAME_MSG = (rule: string) => `"${rule}" is not a policy name (lower-kebab, for example load-balancer-dual-stack)`;

describe("policyExemption: the exemption tag's format", () => {
    it("the defaults: the tag name and the shortest reason", () => {
        assert.strictEqual(DEFAULT_EXEMPTION_TAG, "ipv6-policy-exempt");
        assert.strictEqual(MIN_EXEMPTION_REASON_LENGTH, 8);
    });

    describe("exemptionTagValue", () => {
        it("without rules the value is the trimmed reason (every rule)", () => {
            assert.strictEqual(exemptionTagValue({ reason: "  legacy IPv4-only app VPC  " }), "legacy IPv4-only app VPC");
        });

        it("a reason of exactly 8 characters is enough; 7, or 7 padded with spaces, is not", () => {
            assert.strictEqual(exemptionTagValue({ reason: "12345678" }), "12345678");
            assert.throws(() => exemptionTagValue({ reason: "1234567" }), { message: 'a policy exemption needs a reason of at least 8 characters, got "1234567"' });
            assert.throws(() => exemptionTagValue({ reason: "  1234567  " }), { message: 'a policy exemption needs a reason of at least 8 characters, got "  1234567  "' });
            assert.throws(() => exemptionTagValue({ reason: "", rules: ["load-balancer-dual-stack"] }), { message: 'a policy exemption needs a reason of at least 8 characters, got ""' });
        });

        it("named rules come before the = separated by spaces", () => {
            assert.strictEqual(exemptionTagValue({ rules: ["load-balancer-dual-stack"], reason: " the legacy app is IPv4-only " }), "load-balancer-dual-stack=the legacy app is IPv4-only");
            assert.strictEqual(exemptionTagValue({ rules: ["vpc-dual-stack", "subnet-ipv6-2"], reason: "retired with the app" }), "vpc-dual-stack subnet-ipv6-2=retired with the app");
        });

        it("each rule must be a lower-kebab name of at least two words", () => {
            for (const bad of ["vpc", "Vpc-dual", "vpc_dual", "vpc--dual", "-vpc", "vpc-", "vpc dual", " vpc-dual", "vpc-dual ", "x=vpc-dual", ""]) {
                assert.throws(() => exemptionTagValue({ rules: ["ok-rule", bad], reason: "a good reason" }), { message: NAME_MSG(bad) }, bad);
            }
            assert.strictEqual(exemptionTagValue({ rules: ["a1-2b-c3"], reason: "a good reason" }), "a1-2b-c3=a good reason");
        });

        it("an empty list of rules is refused, with the fix", () => {
            assert.throws(() => exemptionTagValue({ rules: [], reason: "a good reason" }), { message: "list at least one rule, or leave rules unset to exempt from every rule" });
        });
    });

    describe("exemptionTags", () => {
        it("no exemption, no tags; otherwise one tag under the default or the given name", () => {
            assert.deepStrictEqual(exemptionTags(undefined), {});
            assert.deepStrictEqual(exemptionTags(undefined, "custom"), {});
            assert.deepStrictEqual(exemptionTags({ reason: "legacy app VPC" }), { "ipv6-policy-exempt": "legacy app VPC" });
            assert.deepStrictEqual(exemptionTags({ rules: ["vpc-dual-stack"], reason: "legacy app VPC" }, "my-exempt"), { "my-exempt": "vpc-dual-stack=legacy app VPC" });
        });

        it("a bad exemption throws instead of writing a tag the pack would reject", () => {
            assert.throws(() => exemptionTags({ reason: "x" }), /at least 8 characters, got "x"/);
        });
    });

    describe("parseExemption", () => {
        it("a value that is not a string", () => {
            for (const v of [undefined, null, 42, true, { reason: "a good reason" }]) {
                assert.deepStrictEqual(parseExemption(v), { ok: false, problem: "the value must be a string giving the reason" }, String(v));
            }
        });

        it("a plain reason exempts from every rule", () => {
            assert.deepStrictEqual(parseExemption("  legacy IPv4-only app VPC of figure 6  "), { ok: true, rules: "all", reason: "legacy IPv4-only app VPC of figure 6" });
        });

        it("names before the first = scope the exemption; spaces around them are ignored", () => {
            assert.deepStrictEqual(parseExemption("load-balancer-dual-stack=the legacy app is IPv4-only by design"), { ok: true, rules: ["load-balancer-dual-stack"], reason: "the legacy app is IPv4-only by design" });
            assert.deepStrictEqual(parseExemption("  vpc-dual-stack   subnet-ipv6 \t= retired with the app = soon "), { ok: true, rules: ["vpc-dual-stack", "subnet-ipv6"], reason: "retired with the app = soon" });
        });

        it("a head that is not all rule names makes the whole value the reason, for every rule", () => {
            assert.deepStrictEqual(parseExemption("note=kept for the migration"), { ok: true, rules: "all", reason: "note=kept for the migration" });
            assert.deepStrictEqual(parseExemption("vpc-dual-stack Note=kept for the migration"), { ok: true, rules: "all", reason: "vpc-dual-stack Note=kept for the migration" });
            assert.deepStrictEqual(parseExemption("=kept for the migration"), { ok: true, rules: "all", reason: "=kept for the migration" });
            assert.deepStrictEqual(parseExemption("   =kept for it"), { ok: true, rules: "all", reason: "=kept for it" });
        });

        it("rule names without = are part of the reason", () => {
            assert.deepStrictEqual(parseExemption("vpc-dual-stack subnet-ipv6"), { ok: true, rules: "all", reason: "vpc-dual-stack subnet-ipv6" });
        });

        it("an empty reason, scoped or not", () => {
            for (const v of ["", "   ", "vpc-dual-stack=", "vpc-dual-stack=   "]) {
                assert.deepStrictEqual(parseExemption(v), { ok: false, problem: "the reason is empty" }, JSON.stringify(v));
            }
        });

        it("a reason of 8 characters is enough, 7 is not (after trimming), scoped or not", () => {
            assert.deepStrictEqual(parseExemption("12345678"), { ok: true, rules: "all", reason: "12345678" });
            assert.deepStrictEqual(parseExemption("vpc-dual-stack= 12345678 "), { ok: true, rules: ["vpc-dual-stack"], reason: "12345678" });
            assert.deepStrictEqual(parseExemption(" 1234567 "), { ok: false, problem: 'the reason "1234567" is shorter than 8 characters' });
            assert.deepStrictEqual(parseExemption("vpc-dual-stack=tbd"), { ok: false, problem: 'the reason "tbd" is shorter than 8 characters' });
        });

        it("what exemptionTagValue writes, parseExemption reads back", () => {
            for (const e of [{ reason: "legacy app VPC" }, { rules: ["vpc-dual-stack", "eks-ipv6-cluster"], reason: "IPv4 cluster by design" }]) {
                const back = parseExemption(exemptionTagValue(e));
                assert.deepStrictEqual(back, { ok: true, rules: e.rules ?? "all", reason: e.reason });
            }
        });
    });
});
