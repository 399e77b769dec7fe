/**
 * The permissions boundary of the role that Pulumi Deployments review stacks assume: the AWS
 * services these stacks create resources in, and nothing else, generated from one table of
 * resource type -> services (test/lib/reviewStackBoundary.test.ts fails when a stack registers a
 * type the table does not know). A boundary caps the role's own policies: whatever is attached to
 * the review role, pull-request code can only reach these services, cannot create users or keys,
 * and can attach to the roles it creates only the AWS-managed policies these stacks attach or the
 * account's own policies.
 *
 * What it does not stop (say so to your security team): a role the review stack creates gets an
 * inline policy of the pull request's choosing, and the Lambda probe can run with it
 * (iam:PutRolePolicy + iam:PassRole). Run review stacks in a sandbox account with nothing else in
 * it; the boundary keeps them to these services there.
 *
 * Sources: IAM user guide, "Permissions boundaries for IAM entities" (effective permissions are
 * the intersection of the identity policy and the boundary); Service Authorization Reference for
 * the service prefixes; lib/iam.ts for the managed policies the components attach.
 */
import type { PolicyDocument } from "../iam";
import { MANAGED_POLICIES_WITHOUT_CNI_IPV6 } from "../iam";

/**
 * AWS-managed policies the roles of these stacks may get: those lib/iam.ts attaches, and the
 * EKS ones @pulumi/eks attaches to its cluster role (AmazonEKSClusterPolicy and the like; its
 * provider is a binary, so the family is allowed rather than one name). None grants IAM.
 */
export const ATTACHABLE_MANAGED_POLICIES: readonly string[] = [...new Set([...MANAGED_POLICIES_WITHOUT_CNI_IPV6, "arn:aws:iam::aws:policy/AmazonEKS*"])].sort();

/** Resource type token (or its `provider:module/` prefix) -> service prefixes it needs. */
export const TYPE_SERVICES: readonly { type: string; services: string[]; note: string }[] = [
    { type: "aws:ec2/", services: ["ec2"], note: "VPCs, subnets, gateways, routes, instances, endpoints, launch templates" },
    { type: "aws:ec2transitgateway/", services: ["ec2"], note: "transit gateways are EC2 API resources" },
    { type: "aws:vpc/", services: ["ec2"], note: "security group rules" },
    { type: "aws:eks/", services: ["eks"], note: "add-ons, node groups" },
    { type: "eks:index:Cluster", services: ["eks", "ec2", "iam"], note: "@pulumi/eks: the cluster, its security groups, its roles and OIDC provider" },
    { type: "aws:lb/", services: ["elasticloadbalancing"], note: "NLBs, listeners, target groups" },
    { type: "aws:lambda/", services: ["lambda"], note: "the PrivateLink probe and its invocation" },
    { type: "aws:cloudwatch/logGroup:LogGroup", services: ["logs"], note: "flow-log and Lambda log groups" },
    { type: "aws:route53/", services: ["route53"], note: "the private hosted zone ExternalDNS writes" },
    { type: "aws:ssm/parameter:Parameter", services: ["ssm"], note: "the VPN tunnels' pre-shared keys (SecureString) the appliance reads" },
    { type: "aws:iam/", services: ["iam"], note: "roles, inline and customer-managed policies (IAM actions limited below)" },
    { type: "kubernetes:", services: [], note: "Kubernetes API objects, authorised by EKS access entries, not IAM actions" },
    { type: "pulumi:", services: [], note: "providers and the stack" },
    { type: "ipv6-eks-interop:", services: [], note: "this repository's components (their children are listed separately)" },
];

/** SSM actions a stack needs to own parameters (create, read back, tag, delete); the boundary grants no other SSM action. */
export const SSM_PARAMETER_ACTIONS = [
    "ssm:AddTagsToResource", "ssm:DeleteParameter", "ssm:DescribeParameters", "ssm:GetParameter", "ssm:GetParameters",
    "ssm:ListTagsForResource", "ssm:PutParameter", "ssm:RemoveTagsFromResource",
] as const;

/** IAM actions the stacks use: roles, policies, instance profiles, OIDC providers, passing roles to EKS/EC2/Lambda. */
export const IAM_ACTIONS = [
    "iam:AddRoleToInstanceProfile", "iam:AttachRolePolicy", "iam:CreateInstanceProfile", "iam:CreateOpenIDConnectProvider",
    "iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:CreateRole", "iam:CreateServiceLinkedRole", "iam:DeleteInstanceProfile",
    "iam:DeleteOpenIDConnectProvider", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:DeleteRole", "iam:DeleteRolePolicy",
    "iam:DetachRolePolicy", "iam:GetInstanceProfile", "iam:GetOpenIDConnectProvider", "iam:GetPolicy", "iam:GetPolicyVersion",
    "iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:ListPolicyVersions",
    "iam:ListRolePolicies", "iam:PassRole", "iam:PutRolePolicy", "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile",
    "iam:TagOpenIDConnectProvider", "iam:TagPolicy", "iam:TagRole", "iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole",
] as const;

/** The services of a resource type; undefined when no row matches. */
export function servicesOf(type: string): string[] | undefined {
    return TYPE_SERVICES.find((r) => type === r.type || (r.type.endsWith("/") || r.type.endsWith(":") ? type.startsWith(r.type) : false))?.services;
}

/** The boundary document for `accountId` (its own customer-managed policies may be attached). */
export function reviewStackBoundary(accountId: string, partition = "aws"): PolicyDocument {
    if (!/^\d{12}$/.test(accountId)) throw new Error(`accountId: ${JSON.stringify(accountId)} is invalid; use the 12-digit AWS account ID`);
    const services = [...new Set(TYPE_SERVICES.flatMap((r) => r.services))].filter((s) => s !== "iam" && s !== "ssm").sort();
    const managed = ATTACHABLE_MANAGED_POLICIES.map((a) => a.replace("arn:aws:", `arn:${partition}:`));
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ServicesTheStacksUse", Effect: "Allow", Action: services.map((s) => `${s}:*`), Resource: "*" },
            { Sid: "PreviewReads", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: `arn:${partition}:ssm:*::parameter/aws/service/*` },
            // SSM parameters only (the VPN keys of onprem-vpn-ipv4-egress), never ssm:* (SendCommand, sessions).
            { Sid: "Parameters", Effect: "Allow", Action: [...SSM_PARAMETER_ACTIONS], Resource: `arn:${partition}:ssm:*:*:parameter/*` },
            { Sid: "RolesAndPolicies", Effect: "Allow", Action: [...IAM_ACTIONS], Resource: "*" },
            {
                Sid: "AttachOnlyKnownPolicies",
                Effect: "Deny",
                Action: "iam:AttachRolePolicy",
                Resource: "*",
                Condition: { ArnNotLike: { "iam:PolicyARN": [...managed, `arn:${partition}:iam::${accountId}:policy/*`] } },
            },
        ],
    };
}
