/**
 * IAM role trust policies for the three ways this repository reaches AWS without a long-lived
 * key: Pulumi Deployments OIDC, Pulumi ESC `aws-login` OIDC and GitHub Actions OIDC. Pure JSON
 * builders: no resources. esc/README.md and docs/operations.md print what these return.
 *
 * Sources (checked 2026-11):
 * - Pulumi Deployments: issuer https://api.pulumi.com/oidc, audience = the Pulumi organization
 *   name (lowercase, case-sensitive), subject
 *   `pulumi:deploy:org:<org>:project:<project>:stack:<stack>:operation:<op>:scope:write`
 *   (pulumi.com/docs/deployments/guides/oidc/ "Custom claims" and .../oidc/aws/).
 * - Pulumi ESC aws-login: same issuer, audience `aws:<org>` (the bare org name only for
 *   environments in the legacy `default` project), subject
 *   `pulumi:environments:org:<org>:env:<project>/<env>`; with `subjectAttributes:
 *   [currentEnvironment.name]` it is
 *   `pulumi:environments:pulumi.organization.login:<org>:currentEnvironment.name:<project>/<env>`
 *   (pulumi.com/docs/esc/guides/configuring-oidc/aws/).
 * - GitHub Actions: issuer https://token.actions.githubusercontent.com, audience
 *   `sts.amazonaws.com` (what aws-actions/configure-aws-credentials requests), subject
 *   `repo:<owner>/<repo>:pull_request`, `repo:<owner>/<repo>:environment:<name>` or
 *   `repo:<owner>/<repo>:ref:refs/heads/<branch>` (docs.github.com/en/actions/reference/security/oidc,
 *   "Example subject claims").
 */
import { ConfigError } from "./errors";
import type { PolicyDocument } from "./iam";

export const PULUMI_OIDC_HOST = "api.pulumi.com/oidc";
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_AWS_AUDIENCE = "sts.amazonaws.com";

/** Pulumi organization names are lowercase (the `app.pulumi.com/<org>` segment); AWS compares `aud` case-sensitively. */
const ORG_RE = /^[a-z0-9][a-z0-9_.-]*$/;
const ACCOUNT_RE = /^\d{12}$/;
const REPO_RE = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** Pulumi project and stack names: letters, digits, `-`, `_`, `.`. */
const NAME_RE = /^[A-Za-z0-9_.-]+$/;

function requireMatch(key: string, value: string, re: RegExp, fix: string): string {
    if (typeof value !== "string" || !re.test(value)) throw new ConfigError(key, value, fix);
    return value;
}

/** ARN of the IAM OIDC identity provider for `host` in `accountId`. */
export function oidcProviderArn(accountId: string, host: string, partition = "aws"): string {
    requireMatch("accountId", accountId, ACCOUNT_RE, "use the 12-digit AWS account ID");
    return `arn:${partition}:iam::${accountId}:oidc-provider/${host}`;
}

function webIdentity(accountId: string, host: string, audience: string, subjects: string[], partition: string): PolicyDocument {
    if (subjects.length === 0) throw new ConfigError("subjects", subjects, "trust at least one subject");
    const exact = subjects.every((s) => !s.includes("*") && !s.includes("?"));
    const sub = subjects.length === 1 ? subjects[0] : subjects;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: oidcProviderArn(accountId, host, partition) },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: exact
                    ? { StringEquals: { [`${host}:aud`]: audience, [`${host}:sub`]: sub } }
                    : { StringEquals: { [`${host}:aud`]: audience }, StringLike: { [`${host}:sub`]: sub } },
            },
        ],
    };
}

export interface DeploymentsTrustArgs {
    accountId: string;
    /** Pulumi organization (lowercase). */
    organization: string;
    /** Pulumi project whose stacks may assume the role. */
    project: string;
    /**
     * The exact stacks that may assume the role (every operation of each). Required: a role that
     * trusts `project:<p>:*` also trusts every review stack, that is every pull request's code.
     */
    stacks: string[];
    partition?: string;
}

function deploymentsSubjectPrefix(args: { organization: string; project: string }): { org: string; prefix: string } {
    const org = requireMatch("organization", args.organization, ORG_RE, "use the Pulumi organization name exactly as in app.pulumi.com/<org> (lowercase)");
    const project = requireMatch("project", args.project, NAME_RE, "use the Pulumi project name");
    return { org, prefix: `pulumi:deploy:org:${org}:project:${project}` };
}

function stackSubjects(prefix: string, stacks: unknown): string[] {
    if (!Array.isArray(stacks) || stacks.length === 0) throw new ConfigError("stacks", stacks, "list the exact stacks the role trusts, for example [peering-ipv4-egress, tgw-dual-stack]");
    return stacks.map((s) => `${prefix}:stack:${requireMatch("stacks[]", s, NAME_RE, "use a Pulumi stack name")}:*`);
}

/** Trust policy of the role that Pulumi Deployments assumes (`operationContext.oidc.aws.roleArn`) for exactly `stacks`. */
export function pulumiDeploymentsTrustPolicy(args: DeploymentsTrustArgs): PolicyDocument {
    const { org, prefix } = deploymentsSubjectPrefix(args);
    return webIdentity(args.accountId, PULUMI_OIDC_HOST, org, stackSubjects(prefix, args.stacks), args.partition ?? "aws");
}

export interface ReviewStacksTrustArgs {
    accountId: string;
    organization: string;
    project: string;
    /** The managed stacks (those the main role trusts): refused here, so a review role never serves them. */
    excludeStacks: string[];
    partition?: string;
}

/**
 * Trust policy of the review-stack role: any stack of the project (Pulumi names review stacks)
 * except the managed ones. Give this role the permissions boundary of
 * lib/aws/reviewStackBoundary.ts; it is what pull-request code runs as.
 */
export function pulumiReviewStacksTrustPolicy(args: ReviewStacksTrustArgs): PolicyDocument {
    const { org, prefix } = deploymentsSubjectPrefix(args);
    const excluded = stackSubjects(prefix, args.excludeStacks);
    const doc = webIdentity(args.accountId, PULUMI_OIDC_HOST, org, [`${prefix}:stack:*`], args.partition ?? "aws");
    doc.Statement[0].Condition!.StringNotLike = { [`${PULUMI_OIDC_HOST}:sub`]: excluded.length === 1 ? excluded[0] : excluded };
    return doc;
}

export interface EscTrustArgs {
    accountId: string;
    organization: string;
    /** `<project>/<environment>` of the ESC environment that logs in; it must set `subjectAttributes: [currentEnvironment.name]`. */
    environment: string;
    partition?: string;
}

/** Trust policy of the role that an ESC environment's `fn::open::aws-login` OIDC assumes. */
export function escAwsLoginTrustPolicy(args: EscTrustArgs): PolicyDocument {
    const org = requireMatch("organization", args.organization, ORG_RE, "use the Pulumi organization name exactly as in app.pulumi.com/<org> (lowercase)");
    const env = requireMatch("environment", args.environment, /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "use <project>/<environment>, for example aws/eks-ipv6-interop");
    if (env.startsWith("default/")) {
        throw new ConfigError("environment", env, "environments of the legacy default project get the bare org name as audience; put the environment in a named project");
    }
    const subject = `pulumi:environments:pulumi.organization.login:${org}:currentEnvironment.name:${env}`;
    return webIdentity(args.accountId, PULUMI_OIDC_HOST, `aws:${org}`, [subject], args.partition ?? "aws");
}

export type GithubSubject = { pullRequest: true } | { environment: string } | { branch: string };

export interface GithubTrustArgs {
    accountId: string;
    /** `<owner>/<repo>`. */
    repository: string;
    /** Which workflow runs may assume the role. */
    subjects: GithubSubject[];
    partition?: string;
}

/** The `sub` claim GitHub Actions puts in a job's OIDC token for one kind of run. */
export function githubSubject(repository: string, subject: GithubSubject): string {
    const repo = requireMatch("repository", repository, REPO_RE, "use <owner>/<repo>, for example acme/eks-ipv6-interop");
    if ("pullRequest" in subject) return `repo:${repo}:pull_request`;
    if ("environment" in subject) return `repo:${repo}:environment:${requireMatch("environment", subject.environment, /^[^:*?\s][^:*?]*$/, "use the GitHub environment's name")}`;
    return `repo:${repo}:ref:refs/heads/${requireMatch("branch", subject.branch, /^[^:*?\s]+$/, "use a branch name such as main")}`;
}

/** Trust policy of the role that GitHub Actions assumes through aws-actions/configure-aws-credentials. */
export function githubActionsTrustPolicy(args: GithubTrustArgs): PolicyDocument {
    const subjects = args.subjects.map((s) => githubSubject(args.repository, s));
    return webIdentity(args.accountId, GITHUB_OIDC_HOST, GITHUB_AWS_AUDIENCE, subjects, args.partition ?? "aws");
}
