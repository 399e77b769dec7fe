/**
 * The example ESC environment and the trust policies printed in esc/README.md: the environment
 * logs in with OIDC and names itself in the token's subject, and every policy in the README is
 * exactly what lib/oidcTrust.ts builds for the README's example values.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../engine/stackConfig";
import { escAwsLoginTrustPolicy, githubActionsTrustPolicy, pulumiDeploymentsTrustPolicy, pulumiReviewStacksTrustPolicy } from "../../lib/oidcTrust";
import { listStacks } from "../../engine/stackConfig";

const ESC = path.join(REPO_ROOT, "esc");
const readme = fs.readFileSync(path.join(ESC, "README.md"), "utf8");

/** The ```json block that follows `<!-- trust: <name> -->`. */
function block(name: string): unknown {
    const m = new RegExp(`<!-- trust: ${name} -->\\s*\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
    assert.ok(m, `esc/README.md has no json block after <!-- trust: ${name} -->`);
    return JSON.parse(m![1]);
}

describe("esc/", () => {
    const env = parse(fs.readFileSync(path.join(ESC, "aws-oidc.yaml"), "utf8"));
    const login = env.values.aws.login["fn::open::aws-login"];

    it("logs in to AWS with OIDC only (a role, no static keys)", () => {
        assert.deepStrictEqual(Object.keys(login), ["oidc"]);
        assert.match(login.oidc.roleArn, /^arn:aws:iam::\d{12}:role\/[\w+=,.@-]+$/);
        assert.match(login.oidc.sessionName, /^[\w+=,.@-]{2,64}$/, "AWS RoleSessionName: 2 to 64 of [\\w+=,.@-]");
        assert.match(login.oidc.duration, /^(\d+h)?(\d+m)?(\d+s)?$/);
    });
    it("puts its own name in the token's subject, which the role trusts", () => {
        assert.deepStrictEqual(login.oidc.subjectAttributes, ["currentEnvironment.name"]);
    });
    it("exports the three AWS variables from the login, and sets aws:region for Pulumi", () => {
        assert.deepStrictEqual(env.values.environmentVariables, {
            AWS_ACCESS_KEY_ID: "${aws.login.accessKeyId}",
            AWS_SECRET_ACCESS_KEY: "${aws.login.secretAccessKey}",
            AWS_SESSION_TOKEN: "${aws.login.sessionToken}",
        });
        assert.match(env.values.pulumiConfig["aws:region"], /^[a-z]{2}(-gov)?-[a-z]+-\d$/);
    });
    it("the role created in the README is the one the environment assumes", () => {
        const role = login.oidc.roleArn.split("/").pop();
        assert.match(readme, new RegExp(`create-role --role-name ${role}\\b`));
    });

    describe("README trust policies are the builders' output", () => {
        const base = { accountId: "123456789012", organization: "acme" };
        const cases: [string, unknown][] = [
            ["esc", escAwsLoginTrustPolicy({ ...base, environment: "aws/eks-ipv6-interop" })],
            ["deployments", pulumiDeploymentsTrustPolicy({ ...base, project: "eks-ipv6-interop", stacks: listStacks() })],
            // the template (peering-ipv4-egress) runs as the review role, so it is not excluded
            ["review", pulumiReviewStacksTrustPolicy({ ...base, project: "eks-ipv6-interop", excludeStacks: listStacks().filter((s) => s !== "peering-ipv4-egress") })],
            ["github-preview", githubActionsTrustPolicy({ accountId: base.accountId, repository: "acme/eks-ipv6-interop", subjects: [{ pullRequest: true }] })],
            ["github-e2e", githubActionsTrustPolicy({ accountId: base.accountId, repository: "acme/eks-ipv6-interop", subjects: [{ environment: "e2e" }] })],
        ];
        for (const [name, expected] of cases) it(name, () => assert.deepStrictEqual(block(name), expected));
        it("the e2e trust matches the environment the e2e workflow runs in", () => {
            const wf = parse(fs.readFileSync(path.join(REPO_ROOT, ".github/workflows/e2e.yml"), "utf8"));
            const envs = Object.values(wf.jobs as Record<string, { environment?: string }>).map((j) => j.environment).filter(Boolean);
            const sub = JSON.stringify(block("github-e2e"));
            for (const e of envs) assert.ok(sub.includes(`:environment:${e}"`), `role does not trust environment ${e}`);
        });
        it("no role is told to use AdministratorAccess or ReadOnlyAccess, and the e2e environment is restricted to main", () => {
            for (const broad of ["`AdministratorAccess` there", "Attach `ReadOnlyAccess`", "`PowerUserAccess`"]) assert.ok(!readme.includes(broad), `esc/README.md still suggests ${broad}`);
            assert.match(readme, /allow only `main`/);
            assert.match(readme, /esc\/preview-readonly-policy\.json/);
        });
        it("no Pulumi token type in the README is an organization token for CI", () => {
            assert.ok(!/PULUMI_\w*TOKEN_TYPE=urn:pulumi:token-type:access_token:organization/.test(readme));
            assert.ok(!/`repo:acme\/eks-ipv6-interop:\*`/.test(readme.replace("no rule for `repo:acme/eks-ipv6-interop:*`", "")), "a wildcard subject in the authorization policy");
        });
        it("the ESC subject names the environment the README creates", () => {
            assert.match(JSON.stringify(block("esc")), /currentEnvironment\.name:aws\/eks-ipv6-interop"/);
            assert.match(readme, /pulumi env init acme\/aws\/eks-ipv6-interop --file esc\/aws-oidc\.yaml/);
        });
    });
});
