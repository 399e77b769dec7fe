/**
 * The preview role's read-only policy: generated from lib/aws/previewReads.ts, committed as
 * esc/preview-readonly-policy.json, and complete for what the four stacks call during a preview
 * (the invokes the offline engine records while running the real programs).
 */
import * as assert from "assert";
import * as fs from "fs";
import { listStacks } from "../../engine/stackConfig";
import { PREVIEW_READS, previewRead, previewReadOnlyPolicy } from "../../lib/aws/previewReads";
import { PREVIEW_POLICY_FILE, previewPolicyText } from "../../scripts/ciPolicies";
import { graphOf } from "../helpers/graphs";

describe("lib/aws/previewReads: the preview role's read-only policy", () => {
    const doc = previewReadOnlyPolicy();
    const actions = doc.Statement.flatMap((s) => ([] as string[]).concat(s.Action)).sort();

    it("allows exactly these Describe/List/Get calls (and nothing that reads data: no s3:GetObject, no lambda:GetFunction...)", () => {
        assert.deepStrictEqual(actions, ["ec2:DescribeAvailabilityZones", "ec2:DescribeRegions", "eks:DescribeAddonVersions", "eks:DescribeCluster", "ssm:GetParameter"]);
        for (const a of actions) assert.match(a, /^[a-z0-9-]+:(Describe|List|Get)[A-Za-z]+$/, `${a} is not a read call`);
        for (const s of doc.Statement) assert.strictEqual(s.Effect, "Allow");
    });
    it("reads only AWS's public SSM parameters (AMI IDs), not the account's own", () => {
        const ssm = doc.Statement.find((s) => ([] as string[]).concat(s.Action).includes("ssm:GetParameter"))!;
        assert.strictEqual(ssm.Resource, "arn:aws:ssm:*::parameter/aws/service/*");
        assert.strictEqual(previewReadOnlyPolicy("aws-cn").Statement.find((s) => s.Resource !== "*")!.Resource, "arn:aws-cn:ssm:*::parameter/aws/service/*");
    });
    it("esc/preview-readonly-policy.json is the generator's output (run `npm run ci-policies`)", () => {
        assert.strictEqual(fs.readFileSync(PREVIEW_POLICY_FILE, "utf8"), previewPolicyText());
    });
    it("every row names its source, and each token appears once", () => {
        for (const r of PREVIEW_READS) assert.ok(r.source.length > 10, r.token);
        assert.strictEqual(new Set(PREVIEW_READS.map((r) => r.token)).size, PREVIEW_READS.length);
    });
    for (const stack of listStacks()) {
        it(`${stack}: every data source its program calls has a row (so the policy covers its preview)`, async () => {
            const invokes = (await graphOf(stack)).invokes as string[];
            assert.ok(Array.isArray(invokes) && invokes.length > 0, "the engine recorded no invokes");
            const missing = invokes.filter((t) => !previewRead(t));
            assert.deepStrictEqual(missing, [], `add a row to lib/aws/previewReads.ts for ${missing.join(", ")} (the IAM actions its data source calls), then npm run ci-policies`);
        });
    }
});
