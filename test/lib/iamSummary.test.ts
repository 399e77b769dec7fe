import * as assert from "assert";
import { roleSummaryLines, summarizeRoles, trustedPrincipals, type IamResource, type RoleSummary } from "../../lib/iamSummary";

// The plan's IAM section (engine/checks/planFigures.ts) prints these lines for a reviewer deciding
// whether a role may be assumed by the right principal and does only what it should: each value
// below is what that reviewer reads.

const OIDC_ARN = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABCDEF";
const OIDC_HOST = "oidc.eks.us-west-2.amazonaws.com/id/ABCDEF";

const role = (name: string, extra: Partial<IamResource> = {}): IamResource => ({ urn: `urn:${name}`, type: "aws:iam/role:Role", name, inputs: {}, ...extra });
const inline = (name: string, roleRef: unknown, policy: unknown): IamResource => ({ urn: `urn:${name}`, type: "aws:iam/rolePolicy:RolePolicy", name, inputs: { role: roleRef, policy } });
const attach = (name: string, roleRef: unknown, policyArn?: unknown): IamResource => ({ urn: `urn:${name}`, type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, inputs: policyArn === undefined ? { role: roleRef } : { role: roleRef, policyArn } });

describe("iamSummary: who may assume each role and what it may do", () => {
    describe("trustedPrincipals", () => {
        it("a service principal, with the single action and no condition", () => {
            const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] };
            assert.deepStrictEqual(trustedPrincipals(trust), ["Service ec2.amazonaws.com via sts:AssumeRole"]);
            assert.deepStrictEqual(trustedPrincipals(JSON.stringify(trust)), ["Service ec2.amazonaws.com via sts:AssumeRole"], "a JSON string reads the same as the object");
        });

        it("an IRSA trust: the OIDC provider ARN is shortened and the issuer prefix of each condition key becomes oidc:", () => {
            const trust = JSON.stringify({
                Statement: [{
                    Effect: "Allow",
                    Principal: { Federated: OIDC_ARN },
                    Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
                    Condition: {
                        StringEquals: { [`${OIDC_HOST}:sub`]: "system:serviceaccount:kube-system:aws-node", [`${OIDC_HOST}:aud`]: "sts.amazonaws.com" },
                        StringLike: { "token.actions.githubusercontent.com:sub": ["repo:o/r:ref:refs/heads/main", "repo:o/r:environment:prod"] },
                    },
                }],
            });
            assert.deepStrictEqual(trustedPrincipals(trust), [
                `Federated OIDC ${OIDC_HOST} (oidc:sub StringEquals system:serviceaccount:kube-system:aws-node; oidc:aud StringEquals sts.amazonaws.com; token.actions.githubusercontent.com:sub StringLike repo:o/r:ref:refs/heads/main|repo:o/r:environment:prod) via sts:AssumeRoleWithWebIdentity, sts:TagSession`,
            ]);
        });

        it("the OIDC shortening covers other partitions and leaves other ARNs whole", () => {
            const trust = {
                Statement: {
                    Effect: "Allow",
                    Principal: {
                        Federated: ["arn:aws-us-gov:iam::111122223333:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/X1", "arn:aws:iam::111122223333:saml-provider/corp"],
                        AWS: "arn:aws:iam::111122223333:root",
                    },
                    Action: "sts:AssumeRoleWithWebIdentity",
                },
            };
            assert.deepStrictEqual(trustedPrincipals(trust), [
                "Federated OIDC oidc.eks.us-gov-west-1.amazonaws.com/id/X1 via sts:AssumeRoleWithWebIdentity",
                "Federated arn:aws:iam::111122223333:saml-provider/corp via sts:AssumeRoleWithWebIdentity",
                "AWS arn:aws:iam::111122223333:root via sts:AssumeRoleWithWebIdentity",
            ]);
        });

        it("the provider prefix is only removed at the start of the principal", () => {
            const trust = { Statement: [{ Effect: "Allow", Principal: { Federated: `x${OIDC_ARN}` }, Action: "sts:AssumeRoleWithWebIdentity" }] };
            assert.deepStrictEqual(trustedPrincipals(trust), [`Federated x${OIDC_ARN} via sts:AssumeRoleWithWebIdentity`]);
        });

        it('Principal "*" is anyone in AWS; a statement without a principal names nobody', () => {
            assert.deepStrictEqual(trustedPrincipals({ Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }] }), ["AWS * via sts:AssumeRole"]);
            assert.deepStrictEqual(trustedPrincipals({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] }), []);
        });

        it("Deny statements and statements without Effect Allow are not principals", () => {
            const trust = {
                Statement: [
                    { Effect: "Deny", Principal: { AWS: "*" }, Action: "sts:AssumeRole" },
                    { Principal: { AWS: "arn:aws:iam::1:root" }, Action: "sts:AssumeRole" },
                    { Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" },
                ],
            };
            assert.deepStrictEqual(trustedPrincipals(trust), ["Service eks.amazonaws.com via sts:AssumeRole"]);
        });

        it("a statement without Action reads 'via ' with nothing after it; a condition that is not an object is left out", () => {
            assert.deepStrictEqual(trustedPrincipals({ Statement: [{ Effect: "Allow", Principal: { Service: "s" }, Condition: "x" }] }), ["Service s via "]);
            assert.deepStrictEqual(trustedPrincipals({ Statement: [{ Effect: "Allow", Principal: { Service: "s" }, Condition: {}, Action: "a" }] }), ["Service s via a"], "an empty condition adds nothing");
            assert.deepStrictEqual(trustedPrincipals({ Statement: [{ Effect: "Allow", Principal: { Service: "s" }, Condition: { StringEquals: null }, Action: "a" }] }), ["Service s via a"], "an operator without keys adds nothing");
            assert.deepStrictEqual(trustedPrincipals({ Statement: [{ Effect: "Allow", Principal: { Service: "s" }, Condition: { Bool: { "aws:SecureTransport": true } }, Action: "a" }] }), ["Service s (aws:SecureTransport Bool true) via a"], "a non-string value is printed");
        });

        it("no statements, no document, an unknown value", () => {
            assert.deepStrictEqual(trustedPrincipals({ Version: "2012-10-17" }), []);
            assert.deepStrictEqual(trustedPrincipals({ Statement: [] }), []);
            assert.deepStrictEqual(trustedPrincipals(undefined), ["(no trust policy)"]);
            assert.deepStrictEqual(trustedPrincipals(null), ["(no trust policy)"]);
            assert.deepStrictEqual(trustedPrincipals(42), ["(no trust policy)"]);
            assert.deepStrictEqual(trustedPrincipals("not json"), ["(no trust policy)"]);
            // An output not known at preview time is recorded as a placeholder such as "[unknown]".
            assert.deepStrictEqual(trustedPrincipals("[unknown]"), ["(unknown until deploy)"]);
        });
    });

    describe("summarizeRoles", () => {
        it("one summary per role, in graph order, with its principals; other resource types are not roles", () => {
            const s = summarizeRoles([
                role("b", { inputs: { assumeRolePolicy: { Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" }] } } }),
                { urn: "urn:user", type: "aws:iam/user:User", name: "user", inputs: {} },
                role("a"),
            ]);
            assert.deepStrictEqual(s, [
                { role: "b", assumedBy: ["Service eks.amazonaws.com via sts:AssumeRole"], grants: [], managedPolicies: [] },
                { role: "a", assumedBy: ["(no trust policy)"], grants: [], managedPolicies: [] },
            ]);
        });

        it("an inline policy becomes grants: Allow/Deny, NotAction/NotResource, a single statement, an unknown document", () => {
            const s = summarizeRoles([
                role("r", { id: "r-id" }),
                inline("p1", "r-id", JSON.stringify({ Statement: [
                    { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::b/*", "arn:aws:s3:::c/*"] },
                    { Effect: "Deny", NotAction: "iam:*", NotResource: "arn:x" },
                    null,
                    { Effect: "Whatever", Action: "ec2:Describe*" },
                ] })),
                inline("p2", "r-id", { Statement: { Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" } }),
                inline("p3", "r-id", "[unknown]"),
                inline("p4", "r-id", { Version: "2012-10-17" }),
            ]);
            assert.deepStrictEqual(s[0].grants, [
                { effect: "Allow", actions: ["s3:GetObject", "s3:PutObject"], resources: ["arn:aws:s3:::b/*", "arn:aws:s3:::c/*"], from: "inline p1" },
                { effect: "Deny", actions: ["iam:*"], resources: ["arn:x"], from: "inline p1" },
                { effect: "Allow", actions: ["ec2:Describe*"], resources: [], from: "inline p1" },
                { effect: "Allow", actions: ["logs:PutLogEvents"], resources: ["*"], from: "inline p2" },
                { effect: "Allow", actions: ["(unknown until deploy)"], resources: [], from: "inline p3" },
            ]);
            assert.deepStrictEqual(s[0].managedPolicies, []);
        });

        it("Action is preferred over NotAction and Resource over NotResource when a statement has both", () => {
            const [s] = summarizeRoles([role("r", { id: "r" }), inline("p", "r", { Statement: [{ Effect: "Allow", Action: "a:A", NotAction: "a:N", Resource: "res", NotResource: "nres" }] })]);
            assert.deepStrictEqual(s.grants, [{ effect: "Allow", actions: ["a:A"], resources: ["res"], from: "inline p" }]);
        });

        it("a role is found by its id, its output name, its output ARN or its input name", () => {
            const roles = [
                role("by-id", { id: "ID1" }),
                role("by-out-name", { outputs: { name: "OUTNAME" } }),
                role("by-arn", { outputs: { arn: "arn:aws:iam::1:role/ARN" } }),
                role("by-in-name", { inputs: { name: "INNAME" } }),
            ];
            const pol = (a: string) => ({ Statement: [{ Effect: "Allow", Action: a, Resource: "*" }] });
            const s = summarizeRoles([
                ...roles,
                inline("i1", "ID1", pol("a:1")),
                inline("i2", "OUTNAME", pol("a:2")),
                inline("i3", "arn:aws:iam::1:role/ARN", pol("a:3")),
                inline("i4", "INNAME", pol("a:4")),
                inline("orphan", "nobody", pol("a:5")),
                inline("no-role", undefined, pol("a:6")),
            ]);
            assert.deepStrictEqual(s.map((r) => [r.role, r.grants.map((g) => `${g.actions}`)]), [["by-id", ["a:1"]], ["by-out-name", ["a:2"]], ["by-arn", ["a:3"]], ["by-in-name", ["a:4"]]]);
        });

        it("a role without id or outputs is not matched by an absent reference", () => {
            const s = summarizeRoles([role("r"), inline("i", undefined, { Statement: [{ Effect: "Allow", Action: "a", Resource: "*" }] })]);
            assert.deepStrictEqual(s[0].grants, []);
        });

        it("attachments: a customer policy of the graph by output ARN or id is expanded; an AWS-managed one is named", () => {
            const s = summarizeRoles([
                role("r", { id: "r" }),
                { urn: "urn:pol-a", type: "aws:iam/policy:Policy", name: "pol-a", inputs: { policy: { Statement: [{ Effect: "Allow", Action: "ec2:A", Resource: "*" }] } }, outputs: { arn: "arn:aws:iam::1:policy/a" } },
                { urn: "urn:pol-b", type: "aws:iam/policy:Policy", name: "pol-b", id: "arn:aws:iam::1:policy/b", inputs: { policy: JSON.stringify({ Statement: { Effect: "Deny", Action: "ec2:B", Resource: "*" } }) } },
                { urn: "urn:pol-c", type: "aws:iam/policy:Policy", name: "pol-c", id: 7 as unknown as string, inputs: { policy: {} }, outputs: { arn: 8 } },
                attach("at-a", "r", "arn:aws:iam::1:policy/a"),
                attach("at-b", "r", "arn:aws:iam::1:policy/b"),
                attach("at-m", "r", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"),
                attach("at-sr", "r", "arn:aws-cn:iam::aws:policy/service-role/AmazonEKSVPCResourceController"),
                attach("at-other", "r", "arn:aws:iam::999:policy/not-in-graph"),
                attach("at-none", "r"),
                attach("at-orphan", "nobody", "arn:aws:iam::aws:policy/AdministratorAccess"),
            ]);
            assert.deepStrictEqual(s, [{
                role: "r",
                assumedBy: ["(no trust policy)"],
                grants: [
                    { effect: "Allow", actions: ["ec2:A"], resources: ["*"], from: "policy pol-a" },
                    { effect: "Deny", actions: ["ec2:B"], resources: ["*"], from: "policy pol-b" },
                ],
                managedPolicies: ["AmazonEKSWorkerNodePolicy", "service-role/AmazonEKSVPCResourceController", "arn:aws:iam::999:policy/not-in-graph", ""],
            }]);
        });

        it("a policy keyed by a non-string id is not found, and the ARN is listed whole", () => {
            const s = summarizeRoles([
                role("r", { id: "r" }),
                { urn: "urn:p", type: "aws:iam/policy:Policy", name: "p", id: 7 as unknown as string, inputs: { policy: {} } },
                attach("at", "r", 7),
            ]);
            assert.deepStrictEqual(s[0].managedPolicies, ["7"]);
            assert.deepStrictEqual(s[0].grants, []);
        });

        it("the AWS-managed prefix is only removed at the start", () => {
            const s = summarizeRoles([role("r", { id: "r" }), attach("at", "r", "xarn:aws:iam::aws:policy/P")]);
            assert.deepStrictEqual(s[0].managedPolicies, ["xarn:aws:iam::aws:policy/P"]);
        });

        it("an instance profile naming the role is not a policy attachment; only an IAM policy of the graph is expanded", () => {
            const s = summarizeRoles([
                role("r", { id: "r", outputs: { arn: "arn:aws:iam::1:role/r" } }),
                { urn: "urn:ip", type: "aws:iam/instanceProfile:InstanceProfile", name: "ip", inputs: { role: "r" } },
                attach("odd", "r", "arn:aws:iam::1:role/r"),
            ]);
            assert.deepStrictEqual(s[0].grants, []);
            assert.deepStrictEqual(s[0].managedPolicies, ["arn:aws:iam::1:role/r"], "an ARN that is not a policy of the graph is listed as it is");
        });

        it("resources recorded without inputs are read as empty, not a crash", () => {
            const bare = (urn: string, type: string, extra: Record<string, unknown> = {}) => ({ urn, type, name: urn, ...extra }) as unknown as IamResource;
            const s = summarizeRoles([
                bare("r0", "aws:iam/role:Role"),
                role("r", { id: "r" }),
                bare("p", "aws:iam/policy:Policy", { id: "arn:aws:iam::1:policy/p" }),
                bare("i", "aws:iam/rolePolicy:RolePolicy"),
                bare("a", "aws:iam/rolePolicyAttachment:RolePolicyAttachment"),
                attach("at", "r", "arn:aws:iam::1:policy/p"),
            ]);
            assert.deepStrictEqual(s, [
                { role: "r0", assumedBy: ["(no trust policy)"], grants: [], managedPolicies: [] },
                { role: "r", assumedBy: ["(no trust policy)"], grants: [{ effect: "Allow", actions: ["(unknown until deploy)"], resources: [], from: "policy p" }], managedPolicies: [] },
            ]);
        });

        it("grants go to the role referenced, not to every role", () => {
            const s = summarizeRoles([
                role("one", { id: "1" }),
                role("two", { id: "2" }),
                inline("i", "2", { Statement: [{ Effect: "Allow", Action: "a", Resource: "*" }] }),
                attach("m", "1", "arn:aws:iam::aws:policy/M"),
            ]);
            assert.deepStrictEqual(s.map((r) => [r.role, r.grants.length, r.managedPolicies]), [["one", 0, ["M"]], ["two", 1, []]]);
        });
    });

    describe("roleSummaryLines", () => {
        it("a role with principals, grants and managed policies", () => {
            const s: RoleSummary = {
                role: "node-role",
                assumedBy: ["Service ec2.amazonaws.com via sts:AssumeRole", "AWS * via sts:AssumeRole"],
                grants: [
                    { effect: "Allow", actions: ["s3:GetObject", "s3:PutObject"], resources: ["arn:a", "arn:b"], from: "inline p" },
                    { effect: "Deny", actions: ["iam:*"], resources: [], from: "policy q" },
                ],
                managedPolicies: ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"],
            };
            assert.deepStrictEqual(roleSummaryLines(s), [
                "node-role",
                "  assumed by: Service ec2.amazonaws.com via sts:AssumeRole; AWS * via sts:AssumeRole",
                "  allow s3:GetObject, s3:PutObject on arn:a, arn:b [inline p]",
                "  deny iam:* on (no resource) [policy q]",
                "  AWS-managed: AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryReadOnly",
            ]);
        });

        it("a role nobody can assume and with no permissions says so", () => {
            assert.deepStrictEqual(roleSummaryLines({ role: "empty", assumedBy: [], grants: [], managedPolicies: [] }), [
                "empty",
                "  assumed by: (nobody)",
                "  no permissions attached in this graph",
            ]);
        });

        it("only managed policies, or only grants: no 'no permissions' line", () => {
            assert.deepStrictEqual(roleSummaryLines({ role: "m", assumedBy: ["x"], grants: [], managedPolicies: ["P"] }), ["m", "  assumed by: x", "  AWS-managed: P"]);
            assert.deepStrictEqual(roleSummaryLines({ role: "g", assumedBy: ["x"], grants: [{ effect: "Allow", actions: ["a"], resources: ["*"], from: "inline i" }], managedPolicies: [] }), ["g", "  assumed by: x", "  allow a on * [inline i]"]);
        });
    });
});
