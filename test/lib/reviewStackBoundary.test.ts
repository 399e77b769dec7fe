import * as assert from "assert";
import * as fs from "fs";
import { listStacks } from "../../engine/stackConfig";
import { reviewStackBoundary, servicesOf } from "../../lib/aws/reviewStackBoundary";
import { REVIEW_BOUNDARY_FILE, reviewBoundaryText } from "../../scripts/ciPolicies";
import { graphOf } from "../helpers/graphs";

describe("lib/aws/reviewStackBoundary: the review stacks' permissions boundary", () => {
    const doc = reviewStackBoundary("123456789012");
    const allowed = doc.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => ([] as string[]).concat(s.Action));
    it("allows the services the stacks create resources in, and IAM only for roles and policies", () => {
        assert.deepStrictEqual(allowed.filter((a) => a.endsWith(":*")).sort(), ["ec2:*", "eks:*", "elasticloadbalancing:*", "lambda:*", "logs:*", "route53:*"]);
        assert.ok(!allowed.some((a) => /^(iam:\*|\*|s3:|dynamodb:|sts:|organizations:|kms:)/.test(a)), allowed.join(" "));
        for (const a of ["ssm:*", "ssm:SendCommand", "ssm:StartSession"]) assert.ok(!allowed.includes(a), `${a}: SSM is granted for parameters only`);
        assert.ok(allowed.includes("ssm:PutParameter"), "the VPN keys' parameters");
        for (const a of ["iam:CreateUser", "iam:CreateAccessKey", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "iam:CreateLoginProfile"]) assert.ok(!allowed.includes(a), a);
    });
    it("denies attaching any AWS-managed policy outside the EKS/ECR/SSM ones the stacks use (no AdministratorAccess)", () => {
        const deny = doc.Statement.find((s) => s.Effect === "Deny")!;
        assert.strictEqual(deny.Action, "iam:AttachRolePolicy");
        const allowedArns = deny.Condition!.ArnNotLike["iam:PolicyARN"] as string[];
        const like = (p: string, v: string) => new RegExp("^" + p.split("*").map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$").test(v);
        assert.ok(!allowedArns.some((p) => like(p, "arn:aws:iam::aws:policy/AdministratorAccess")), "AdministratorAccess must stay denied");
        assert.ok(!allowedArns.some((p) => like(p, "arn:aws:iam::aws:policy/IAMFullAccess")));
        assert.ok(allowedArns.some((p) => like(p, "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy")));
        assert.ok(allowedArns.some((p) => like(p, "arn:aws:iam::123456789012:policy/eks-ipv6-cni")), "the account's own policies (the stacks create them)");
    });
    it("refuses a malformed account with the value and the fix", () => {
        assert.throws(() => reviewStackBoundary("12345"), /accountId: "12345" is invalid; use the 12-digit AWS account ID/);
    });
    it("esc/review-stack-boundary.json is the generator's output (run `npm run ci-policies`)", () => {
        assert.strictEqual(fs.readFileSync(REVIEW_BOUNDARY_FILE, "utf8"), reviewBoundaryText());
    });
    it("every resource type the four stacks register maps to services the boundary allows", async () => {
        for (const stack of listStacks()) {
            for (const r of (await graphOf(stack)).resources) {
                const services = servicesOf(r.type);
                assert.ok(services, `${stack}: ${r.type} has no row in TYPE_SERVICES`);
                for (const s of services!) assert.ok(allowed.some((a) => a === `${s}:*` || a.startsWith(`${s}:`)), `${r.type} needs ${s}`);
            }
        }
    });
});
