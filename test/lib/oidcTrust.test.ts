import * as assert from "assert";
import type { PolicyDocument } from "../../lib/iam";
import {
    escAwsLoginTrustPolicy,
    githubActionsTrustPolicy,
    githubSubject,
    oidcProviderArn,
    pulumiDeploymentsTrustPolicy,
    pulumiReviewStacksTrustPolicy,
} from "../../lib/oidcTrust";

/** IAM's StringLike: `*` any run of characters, `?` one character, everything else literal. */
function like(pattern: string, value: string): boolean {
    const re = new RegExp("^" + pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("") + "$");
    return re.test(value);
}

/** Would STS let a token with these claims assume a role with this trust policy? (Only the operators used here.) */
function allows(doc: PolicyDocument, issuerHost: string, claims: { aud: string; sub: string }): boolean {
    return doc.Statement.some((s) => {
        if (s.Effect !== "Allow" || s.Action !== "sts:AssumeRoleWithWebIdentity") return false;
        if (!String(s.Principal?.Federated).endsWith(`:oidc-provider/${issuerHost}`)) return false;
        for (const [op, conds] of Object.entries(s.Condition ?? {})) {
            for (const [key, expected] of Object.entries(conds)) {
                const claim = key.slice(issuerHost.length + 1) as "aud" | "sub";
                const options = ([] as string[]).concat(expected);
                const ok = op === "StringEquals" ? options.includes(claims[claim]) : op === "StringLike" ? options.some((p) => like(p, claims[claim])) : op === "StringNotLike" ? !options.some((p) => like(p, claims[claim])) : false;
                if (!ok) return false;
            }
        }
        return true;
    });
}

const sub = (org: string, project: string, stack: string, op = "update") => `pulumi:deploy:org:${org}:project:${project}:stack:${stack}:operation:${op}:scope:write`;

describe("lib/oidcTrust", () => {
    it("names the identity provider ARN by host, and refuses a malformed account", () => {
        assert.strictEqual(oidcProviderArn("123456789012", "api.pulumi.com/oidc"), "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc");
        assert.throws(() => oidcProviderArn("12345", "api.pulumi.com/oidc"), /accountId: "12345" is invalid; use the 12-digit AWS account ID/);
    });

    describe("Pulumi Deployments", () => {
        const stacks = ["peering-ipv4-egress", "tgw-dual-stack"];
        const doc = pulumiDeploymentsTrustPolicy({ accountId: "123456789012", organization: "acme", project: "eks-ipv6-interop", stacks });
        const cases: [string, { aud: string; sub: string }, boolean][] = [
            ["an update of a listed stack", { aud: "acme", sub: sub("acme", "eks-ipv6-interop", "tgw-dual-stack") }, true],
            ["a destroy of a listed stack (TTL)", { aud: "acme", sub: sub("acme", "eks-ipv6-interop", "peering-ipv4-egress", "destroy") }, true],
            ["a stack that is not listed", { aud: "acme", sub: sub("acme", "eks-ipv6-interop", "prod") }, false],
            ["another project", { aud: "acme", sub: sub("acme", "other", "tgw-dual-stack") }, false],
            ["another organization's audience", { aud: "evil", sub: sub("acme", "eks-ipv6-interop", "tgw-dual-stack") }, false],
            ["the ESC audience form", { aud: "aws:acme", sub: sub("acme", "eks-ipv6-interop", "tgw-dual-stack") }, false],
            ["a stack whose name extends a listed one", { aud: "acme", sub: sub("acme", "eks-ipv6-interop", "tgw-dual-stack-2") }, false],
        ];
        for (const [name, claims, expected] of cases) {
            it(`${expected ? "trusts" : "refuses"} ${name}`, () => assert.strictEqual(allows(doc, "api.pulumi.com/oidc", claims), expected));
        }
        it("refuses a review stack (any unlisted name), and refuses to be built without an exact stack list", () => {
            assert.ok(!allows(doc, "api.pulumi.com/oidc", { aud: "acme", sub: sub("acme", "eks-ipv6-interop", "pr-acme-repo-42") }));
            assert.throws(() => pulumiDeploymentsTrustPolicy({ accountId: "123456789012", organization: "acme", project: "eks-ipv6-interop" } as never), /stacks: \(unset\) is invalid; list the exact stacks the role trusts/);
            assert.throws(() => pulumiDeploymentsTrustPolicy({ accountId: "123456789012", organization: "acme", project: "eks-ipv6-interop", stacks: [] }), /stacks: \[\] is invalid/);
        });
        it("the review-stack role trusts the project's other stacks (review stacks), never a managed stack or another project", () => {
            const review = pulumiReviewStacksTrustPolicy({ accountId: "123456789012", organization: "acme", project: "eks-ipv6-interop", excludeStacks: stacks });
            assert.ok(allows(review, "api.pulumi.com/oidc", { aud: "acme", sub: sub("acme", "eks-ipv6-interop", "pr-acme-repo-42") }));
            assert.ok(!allows(review, "api.pulumi.com/oidc", { aud: "acme", sub: sub("acme", "eks-ipv6-interop", "tgw-dual-stack") }), "a managed stack must not get the review role");
            assert.ok(!allows(review, "api.pulumi.com/oidc", { aud: "acme", sub: sub("acme", "eks-ipv6-interop-x", "a") }));
            assert.ok(!allows(review, "api.pulumi.com/oidc", { aud: "evil", sub: sub("acme", "eks-ipv6-interop", "pr-1") }));
        });
        it("refuses an organization name with capitals (AWS compares aud case-sensitively)", () => {
            assert.throws(() => pulumiDeploymentsTrustPolicy({ accountId: "123456789012", organization: "Acme", project: "p", stacks: ["s"] }), /organization: "Acme" is invalid; .*lowercase/);
        });
    });

    describe("Pulumi ESC aws-login", () => {
        const doc = escAwsLoginTrustPolicy({ accountId: "123456789012", organization: "acme", environment: "aws/eks-ipv6-interop" });
        it("trusts exactly that environment with the aws:<org> audience", () => {
            const s = "pulumi:environments:pulumi.organization.login:acme:currentEnvironment.name:aws/eks-ipv6-interop";
            assert.ok(allows(doc, "api.pulumi.com/oidc", { aud: "aws:acme", sub: s }));
            assert.ok(!allows(doc, "api.pulumi.com/oidc", { aud: "acme", sub: s }), "the Deployments audience must not pass");
            assert.ok(!allows(doc, "api.pulumi.com/oidc", { aud: "aws:acme", sub: s.replace("eks-ipv6-interop", "other") }));
            assert.deepStrictEqual(Object.keys(doc.Statement[0].Condition!), ["StringEquals"], "an exact subject needs no StringLike");
        });
        it("refuses an environment of the legacy default project (its audience differs)", () => {
            assert.throws(() => escAwsLoginTrustPolicy({ accountId: "123456789012", organization: "acme", environment: "default/aws" }), /named project/);
        });
        it("refuses an environment without a project", () => {
            assert.throws(() => escAwsLoginTrustPolicy({ accountId: "123456789012", organization: "acme", environment: "aws" }), /environment: "aws" is invalid; use <project>\/<environment>/);
        });
    });

    describe("GitHub Actions", () => {
        const doc = githubActionsTrustPolicy({ accountId: "123456789012", repository: "acme/eks-ipv6-interop", subjects: [{ pullRequest: true }, { environment: "e2e" }] });
        const cases: [string, string, string, boolean][] = [
            ["a pull request run", "sts.amazonaws.com", "repo:acme/eks-ipv6-interop:pull_request", true],
            ["a job in the e2e environment", "sts.amazonaws.com", "repo:acme/eks-ipv6-interop:environment:e2e", true],
            ["a push to main (not listed)", "sts.amazonaws.com", "repo:acme/eks-ipv6-interop:ref:refs/heads/main", false],
            ["a fork's repository", "sts.amazonaws.com", "repo:mallory/eks-ipv6-interop:pull_request", false],
            ["the default GitHub audience", "https://github.com/acme", "repo:acme/eks-ipv6-interop:pull_request", false],
        ];
        for (const [name, aud, s, expected] of cases) {
            it(`${expected ? "trusts" : "refuses"} ${name}`, () => assert.strictEqual(allows(doc, "token.actions.githubusercontent.com", { aud, sub: s }), expected));
        }
        it("builds branch subjects and refuses wildcards in names", () => {
            assert.strictEqual(githubSubject("acme/r", { branch: "main" }), "repo:acme/r:ref:refs/heads/main");
            assert.throws(() => githubSubject("acme/r", { environment: "*" }), /environment: "\*" is invalid/);
            assert.throws(() => githubSubject("acme", { pullRequest: true }), /repository: "acme" is invalid; use <owner>\/<repo>/);
        });
    });
});
