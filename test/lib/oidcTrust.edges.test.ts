import * as assert from "assert";
import { ConfigError } from "../../lib/errors";
import {
    GITHUB_AWS_AUDIENCE,
    GITHUB_OIDC_HOST,
    PULUMI_OIDC_HOST,
    escAwsLoginTrustPolicy,
    githubActionsTrustPolicy,
    githubSubject,
    oidcProviderArn,
    pulumiDeploymentsTrustPolicy,
    pulumiReviewStacksTrustPolicy,
} from "../../lib/oidcTrust";

// The whole documents, as IAM receives them (esc/README.md and docs/operations.md print them), and
// each input check on both sides of its pattern, with the message a user reads.

const ACCOUNT = "123456789012";
const PULUMI_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/api.pulumi.com/oidc`;
const GITHUB_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const msg = (key: string, value: string, fix: string) => ({ name: "ConfigError", message: `${key}: ${value} is invalid; ${fix}` });
const ORG_FIX = "use the Pulumi organization name exactly as in app.pulumi.com/<org> (lowercase)";

describe("lib/oidcTrust: whole documents and input boundaries", () => {
    it("the issuer hosts and GitHub's audience", () => {
        assert.strictEqual(PULUMI_OIDC_HOST, "api.pulumi.com/oidc");
        assert.strictEqual(GITHUB_OIDC_HOST, "token.actions.githubusercontent.com");
        assert.strictEqual(GITHUB_AWS_AUDIENCE, "sts.amazonaws.com");
    });

    it("oidcProviderArn: another partition; an account ID must be a string of exactly 12 digits", () => {
        assert.strictEqual(oidcProviderArn(ACCOUNT, "h/x", "aws-cn"), `arn:aws-cn:iam::${ACCOUNT}:oidc-provider/h/x`);
        assert.throws(() => oidcProviderArn(123456789012 as unknown as string, "h"), msg("accountId", "123456789012", "use the 12-digit AWS account ID"));
        assert.throws(() => oidcProviderArn("1234567890123", "h"), msg("accountId", '"1234567890123"', "use the 12-digit AWS account ID"));
        assert.throws(() => oidcProviderArn("12345678901a", "h"), ConfigError);
    });

    describe("Pulumi Deployments", () => {
        it("one stack: the whole document, a single subject string, StringLike because of the operation wildcard", () => {
            assert.deepStrictEqual(pulumiDeploymentsTrustPolicy({ accountId: ACCOUNT, organization: "acme", project: "eks-ipv6-interop", stacks: ["tgw-dual-stack"] }), {
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Federated: PULUMI_ARN },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: { "api.pulumi.com/oidc:aud": "acme" },
                        StringLike: { "api.pulumi.com/oidc:sub": "pulumi:deploy:org:acme:project:eks-ipv6-interop:stack:tgw-dual-stack:*" },
                    },
                }],
            });
        });

        it("two stacks: a list of subjects; another partition", () => {
            const doc = pulumiDeploymentsTrustPolicy({ accountId: ACCOUNT, organization: "acme", project: "p", stacks: ["a", "b.c_d-e"], partition: "aws-us-gov" });
            assert.strictEqual(doc.Statement[0].Principal!.Federated, `arn:aws-us-gov:iam::${ACCOUNT}:oidc-provider/api.pulumi.com/oidc`);
            assert.deepStrictEqual(doc.Statement[0].Condition!.StringLike, { "api.pulumi.com/oidc:sub": ["pulumi:deploy:org:acme:project:p:stack:a:*", "pulumi:deploy:org:acme:project:p:stack:b.c_d-e:*"] });
        });

        it("refuses a bad project, a bad stack name and stacks that are not a list, naming each", () => {
            const base = { accountId: ACCOUNT, organization: "acme", project: "p", stacks: ["s"] };
            assert.throws(() => pulumiDeploymentsTrustPolicy({ ...base, project: "my project" }), msg("project", '"my project"', "use the Pulumi project name"));
            assert.throws(() => pulumiDeploymentsTrustPolicy({ ...base, stacks: ["ok", "dev:*"] }), msg("stacks[]", '"dev:*"', "use a Pulumi stack name"));
            assert.throws(() => pulumiDeploymentsTrustPolicy({ ...base, stacks: "dev" as unknown as string[] }), msg("stacks", '"dev"', "list the exact stacks the role trusts, for example [peering-ipv4-egress, tgw-dual-stack]"));
        });

        it("the organization: lowercase, digits, _ . - after the first character", () => {
            const base = { accountId: ACCOUNT, project: "p", stacks: ["s"] };
            assert.strictEqual(pulumiDeploymentsTrustPolicy({ ...base, organization: "0acme_x.y-z" }).Statement[0].Condition!.StringEquals!["api.pulumi.com/oidc:aud"], "0acme_x.y-z");
            for (const bad of ["-acme", "Acme", "acme corp", ""]) {
                assert.throws(() => pulumiDeploymentsTrustPolicy({ ...base, organization: bad }), msg("organization", JSON.stringify(bad), ORG_FIX), bad);
            }
        });
    });

    describe("review stacks", () => {
        it("one excluded stack: a single StringNotLike subject; the default partition is aws", () => {
            assert.deepStrictEqual(pulumiReviewStacksTrustPolicy({ accountId: ACCOUNT, organization: "acme", project: "p", excludeStacks: ["prod"] }), {
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Federated: PULUMI_ARN },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: { "api.pulumi.com/oidc:aud": "acme" },
                        StringLike: { "api.pulumi.com/oidc:sub": "pulumi:deploy:org:acme:project:p:stack:*" },
                        StringNotLike: { "api.pulumi.com/oidc:sub": "pulumi:deploy:org:acme:project:p:stack:prod:*" },
                    },
                }],
            });
        });

        it("two excluded stacks: a list; another partition", () => {
            const doc = pulumiReviewStacksTrustPolicy({ accountId: ACCOUNT, organization: "acme", project: "p", excludeStacks: ["a", "b"], partition: "aws-cn" });
            assert.strictEqual(doc.Statement[0].Principal!.Federated, `arn:aws-cn:iam::${ACCOUNT}:oidc-provider/api.pulumi.com/oidc`);
            assert.deepStrictEqual(doc.Statement[0].Condition!.StringNotLike, { "api.pulumi.com/oidc:sub": ["pulumi:deploy:org:acme:project:p:stack:a:*", "pulumi:deploy:org:acme:project:p:stack:b:*"] });
        });

        it("refuses to be built without the managed stacks to exclude", () => {
            assert.throws(() => pulumiReviewStacksTrustPolicy({ accountId: ACCOUNT, organization: "acme", project: "p", excludeStacks: [] }), { message: /^stacks: \[\] is invalid; list the exact stacks/ });
        });
    });

    describe("ESC aws-login", () => {
        it("the whole document: the aws:<org> audience and the exact subject under StringEquals", () => {
            assert.deepStrictEqual(escAwsLoginTrustPolicy({ accountId: ACCOUNT, organization: "acme", environment: "aws/eks-ipv6-interop" }), {
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Federated: PULUMI_ARN },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: {
                            "api.pulumi.com/oidc:aud": "aws:acme",
                            "api.pulumi.com/oidc:sub": "pulumi:environments:pulumi.organization.login:acme:currentEnvironment.name:aws/eks-ipv6-interop",
                        },
                    },
                }],
            });
        });

        it("another partition; a project merely containing 'default' is a named project", () => {
            const doc = escAwsLoginTrustPolicy({ accountId: ACCOUNT, organization: "acme", environment: "my-default/x", partition: "aws-cn" });
            assert.strictEqual(doc.Statement[0].Principal!.Federated, `arn:aws-cn:iam::${ACCOUNT}:oidc-provider/api.pulumi.com/oidc`);
            assert.doesNotThrow(() => escAwsLoginTrustPolicy({ accountId: ACCOUNT, organization: "acme", environment: "defaults/x" }));
        });

        it("refuses the legacy default project, a bad organization and a malformed environment, with each message", () => {
            assert.throws(() => escAwsLoginTrustPolicy({ accountId: ACCOUNT, organization: "acme", environment: "default/aws" }), msg("environment", '"default/aws"', "environments of the legacy default project get the bare org name as audience; put the environment in a named project"));
            assert.throws(() => escAwsLoginTrustPolicy({ accountId: ACCOUNT, organization: "Acme", environment: "a/b" }), msg("organization", '"Acme"', ORG_FIX));
            for (const bad of ["a/b/c", "!a/b", "a/b!", "/b", "a/"]) {
                assert.throws(() => escAwsLoginTrustPolicy({ accountId: ACCOUNT, organization: "acme", environment: bad }), msg("environment", JSON.stringify(bad), "use <project>/<environment>, for example aws/eks-ipv6-interop"), bad);
            }
        });
    });

    describe("GitHub Actions", () => {
        it("one subject: the whole document, a single exact subject under StringEquals", () => {
            assert.deepStrictEqual(githubActionsTrustPolicy({ accountId: ACCOUNT, repository: "acme/r", subjects: [{ branch: "main" }] }), {
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Federated: GITHUB_ARN },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/r:ref:refs/heads/main" } },
                }],
            });
        });

        it("several subjects: a list under StringEquals (no wildcard); another partition", () => {
            const doc = githubActionsTrustPolicy({ accountId: ACCOUNT, repository: "acme/r", subjects: [{ pullRequest: true }, { environment: "e2e" }, { branch: "release/1.2" }], partition: "aws-us-gov" });
            assert.strictEqual(doc.Statement[0].Principal!.Federated, `arn:aws-us-gov:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`);
            assert.deepStrictEqual(doc.Statement[0].Condition, {
                StringEquals: {
                    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                    "token.actions.githubusercontent.com:sub": ["repo:acme/r:pull_request", "repo:acme/r:environment:e2e", "repo:acme/r:ref:refs/heads/release/1.2"],
                },
            });
        });

        it("refuses an empty list of subjects", () => {
            assert.throws(() => githubActionsTrustPolicy({ accountId: ACCOUNT, repository: "acme/r", subjects: [] }), msg("subjects", "[]", "trust at least one subject"));
        });

        it("environment names: inner spaces are allowed; a leading space, a colon anywhere, a wildcard are not", () => {
            assert.strictEqual(githubSubject("acme/r", { environment: "prod" }), "repo:acme/r:environment:prod");
            assert.strictEqual(githubSubject("acme/r", { environment: "Prod EU 1" }), "repo:acme/r:environment:Prod EU 1");
            for (const bad of [":prod", "prod:x", " prod", "pro?d", "prod*", ""]) {
                assert.throws(() => githubSubject("acme/r", { environment: bad }), msg("environment", JSON.stringify(bad), "use the GitHub environment's name"), bad);
            }
        });

        it("branch names: no spaces, colons or wildcards, anywhere", () => {
            assert.strictEqual(githubSubject("acme/r", { branch: "feature/x-1" }), "repo:acme/r:ref:refs/heads/feature/x-1");
            for (const bad of [":main", "main:x", " main", "main ", "my branch", "rel*", ""]) {
                assert.throws(() => githubSubject("acme/r", { branch: bad }), msg("branch", JSON.stringify(bad), "use a branch name such as main"), bad);
            }
        });

        it("repositories: owner/repo exactly", () => {
            assert.strictEqual(githubSubject("Acme-1/r.x_y", { pullRequest: true }), "repo:Acme-1/r.x_y:pull_request");
            for (const bad of ["acme/r/x", "!acme/r", "acme/r!", "acme"]) {
                assert.throws(() => githubSubject(bad, { pullRequest: true }), msg("repository", JSON.stringify(bad), "use <owner>/<repo>, for example acme/eks-ipv6-interop"), bad);
            }
        });
    });
});
