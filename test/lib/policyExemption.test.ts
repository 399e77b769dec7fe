import * as assert from "assert";
import * as cached from "../../lib/policyExemption";
import { freshModule } from "../helpers/freshModule";

// Components write exemption tags with exemptionTagValue and the pack reads them with
// parseExemption: both sides of the format, its boundaries and the messages a user reads. Each test
// loads the module anew, so that the tag name and the rule-name pattern, built at import, are those
// of this run (test/helpers/freshModule.ts).

const fresh = () => freshModule<typeof cached>(require.resolve("../../lib/policyExemption"));

const NAME_MSG = (rule: string) => `"${rule}" is not a policy name (lower-kebab, for example load-balancer-dual-stack)`;

describe("policyExemption: the exemption tag's format", () => {
    it("the defaults: the tag name and the shortest reason", () => {
            const pe = fresh();
        assert.strictEqual(pe.DEFAULT_EXEMPTION_TAG, "ipv6-policy-exempt");
        assert.strictEqual(pe.MIN_EXEMPTION_REASON_LENGTH, 8);
    });

    describe("exemptionTagValue", () => {
        it("without rules the value is the trimmed reason (every rule)", () => {
            const pe = fresh();
            assert.strictEqual(pe.exemptionTagValue({ reason: "  legacy IPv4-only app VPC  " }), "legacy IPv4-only app VPC");
        });

        it("a reason of exactly 8 characters is enough; 7, or 7 padded with spaces, is not", () => {
            const pe = fresh();
            assert.strictEqual(pe.exemptionTagValue({ reason: "12345678" }), "12345678");
            assert.throws(() => pe.exemptionTagValue({ reason: "1234567" }), { message: 'a policy exemption needs a reason of at least 8 characters, got "1234567"' });
            assert.throws(() => pe.exemptionTagValue({ reason: "  1234567  " }), { message: 'a policy exemption needs a reason of at least 8 characters, got "  1234567  "' });
            assert.throws(() => pe.exemptionTagValue({ reason: "", rules: ["load-balancer-dual-stack"] }), { message: 'a policy exemption needs a reason of at least 8 characters, got ""' });
        });

        it("named rules come before the = separated by spaces", () => {
            const pe = fresh();
            assert.strictEqual(pe.exemptionTagValue({ rules: ["load-balancer-dual-stack"], reason: " the legacy app is IPv4-only " }), "load-balancer-dual-stack=the legacy app is IPv4-only");
            assert.strictEqual(pe.exemptionTagValue({ rules: ["vpc-dual-stack", "subnet-ipv6-2"], reason: "retired with the app" }), "vpc-dual-stack subnet-ipv6-2=retired with the app");
        });

        it("each rule must be a lower-kebab name of at least two words", () => {
            const pe = fresh();
            for (const bad of ["vpc", "Vpc-dual", "vpc_dual", "vpc--dual", "-vpc", "vpc-", "vpc dual", " vpc-dual", "vpc-dual ", "x=vpc-dual", ""]) {
                assert.throws(() => pe.exemptionTagValue({ rules: ["ok-rule", bad], reason: "a good reason" }), { message: NAME_MSG(bad) }, bad);
            }
            assert.strictEqual(pe.exemptionTagValue({ rules: ["a1-2b-c3"], reason: "a good reason" }), "a1-2b-c3=a good reason");
        });

        it("an empty list of rules is refused, with the fix", () => {
            const pe = fresh();
            assert.throws(() => pe.exemptionTagValue({ rules: [], reason: "a good reason" }), { message: "list at least one rule, or leave rules unset to exempt from every rule" });
        });
    });

    describe("exemptionTags", () => {
        it("no exemption, no tags; otherwise one tag under the default or the given name", () => {
            const pe = fresh();
            assert.deepStrictEqual(pe.exemptionTags(undefined), {});
            assert.deepStrictEqual(pe.exemptionTags(undefined, "custom"), {});
            assert.deepStrictEqual(pe.exemptionTags({ reason: "legacy app VPC" }), { "ipv6-policy-exempt": "legacy app VPC" });
            assert.deepStrictEqual(pe.exemptionTags({ rules: ["vpc-dual-stack"], reason: "legacy app VPC" }, "my-exempt"), { "my-exempt": "vpc-dual-stack=legacy app VPC" });
        });

        it("a bad exemption throws instead of writing a tag the pack would reject", () => {
            const pe = fresh();
            assert.throws(() => pe.exemptionTags({ reason: "x" }), /at least 8 characters, got "x"/);
        });
    });

    describe("parseExemption", () => {
        it("a value that is not a string", () => {
            const pe = fresh();
            for (const v of [undefined, null, 42, true, { reason: "a good reason" }]) {
                assert.deepStrictEqual(pe.parseExemption(v), { ok: false, problem: "the value must be a string giving the reason" }, String(v));
            }
        });

        it("a plain reason exempts from every rule", () => {
            const pe = fresh();
            assert.deepStrictEqual(pe.parseExemption("  legacy IPv4-only app VPC of figure 6  "), { ok: true, rules: "all", reason: "legacy IPv4-only app VPC of figure 6" });
        });

        it("names before the first = scope the exemption; spaces around them are ignored", () => {
            const pe = fresh();
            assert.deepStrictEqual(pe.parseExemption("load-balancer-dual-stack=the legacy app is IPv4-only by design"), { ok: true, rules: ["load-balancer-dual-stack"], reason: "the legacy app is IPv4-only by design" });
            assert.deepStrictEqual(pe.parseExemption("  vpc-dual-stack   subnet-ipv6 \t= retired with the app = soon "), { ok: true, rules: ["vpc-dual-stack", "subnet-ipv6"], reason: "retired with the app = soon" });
        });

        it("a head that is not all rule names makes the whole value the reason, for every rule", () => {
            const pe = fresh();
            assert.deepStrictEqual(pe.parseExemption("note=kept for the migration"), { ok: true, rules: "all", reason: "note=kept for the migration" });
            assert.deepStrictEqual(pe.parseExemption("vpc-dual-stack Note=kept for the migration"), { ok: true, rules: "all", reason: "vpc-dual-stack Note=kept for the migration" });
            assert.deepStrictEqual(pe.parseExemption("=kept for the migration"), { ok: true, rules: "all", reason: "=kept for the migration" });
            assert.deepStrictEqual(pe.parseExemption("   =kept for it"), { ok: true, rules: "all", reason: "=kept for it" });
        });

        it("rule names without = are part of the reason", () => {
            const pe = fresh();
            assert.deepStrictEqual(pe.parseExemption("vpc-dual-stack subnet-ipv6"), { ok: true, rules: "all", reason: "vpc-dual-stack subnet-ipv6" });
        });

        it("an empty reason, scoped or not", () => {
            const pe = fresh();
            for (const v of ["", "   ", "vpc-dual-stack=", "vpc-dual-stack=   "]) {
                assert.deepStrictEqual(pe.parseExemption(v), { ok: false, problem: "the reason is empty" }, JSON.stringify(v));
            }
        });

        it("a reason of 8 characters is enough, 7 is not (after trimming), scoped or not", () => {
            const pe = fresh();
            assert.deepStrictEqual(pe.parseExemption("12345678"), { ok: true, rules: "all", reason: "12345678" });
            assert.deepStrictEqual(pe.parseExemption("vpc-dual-stack= 12345678 "), { ok: true, rules: ["vpc-dual-stack"], reason: "12345678" });
            assert.deepStrictEqual(pe.parseExemption(" 1234567 "), { ok: false, problem: 'the reason "1234567" is shorter than 8 characters' });
            assert.deepStrictEqual(pe.parseExemption("vpc-dual-stack=tbd"), { ok: false, problem: 'the reason "tbd" is shorter than 8 characters' });
        });

        it("what pe.exemptionTagValue writes, pe.parseExemption reads back", () => {
            const pe = fresh();
            for (const e of [{ reason: "legacy app VPC" }, { rules: ["vpc-dual-stack", "eks-ipv6-cluster"], reason: "IPv4 cluster by design" }]) {
                const back = pe.parseExemption(pe.exemptionTagValue(e));
                assert.deepStrictEqual(back, { ok: true, rules: e.rules ?? "all", reason: e.reason });
            }
        });
    });
});
