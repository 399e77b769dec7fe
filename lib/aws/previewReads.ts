/**
 * What `pulumi preview` of these stacks reads from AWS, and the read-only IAM policy of the role
 * the preview workflow assumes, generated from this one table (esc/preview-readonly-policy.json is
 * its output; `npm run ci-policies` rewrites it, test/lib/previewReads.test.ts fails when they
 * differ or when a stack calls a data source that has no row here).
 *
 * A preview (without --refresh) does not read the stack's resources back from AWS: the provider
 * diffs the program against the state in Pulumi Cloud. What it does call is the AWS provider's
 * own start-up check and the program's data sources (invokes), which run during a preview as
 * during an update. The offline engine records the invoke tokens each stack calls
 * (graph.invokes); every one must be a row below. `pulumi preview --refresh` (or `refresh: true`
 * in pulumi/actions) would also read every resource back and need far more Describe calls: this
 * policy deliberately does not allow them.
 */
import type { PolicyDocument } from "../iam";

export interface PreviewRead {
    /** The invoke token (Pulumi data source) or `provider` for the provider's own calls. */
    token: string;
    /** IAM actions the call needs; empty when AWS needs no permission (sts:GetCallerIdentity) or the call is local. */
    actions: string[];
    /** Resource the actions may be scoped to; default `*`. `${partition}` is substituted. */
    resource?: string;
    source: string;
}

const TF = "terraform-provider-aws";
export const PREVIEW_READS: readonly PreviewRead[] = [
    { token: "provider", actions: [], source: `AWS STS API reference, GetCallerIdentity ("No permissions are required to perform this operation"); ${TF} internal/conns: the provider identifies its account with sts:GetCallerIdentity` },
    { token: "aws:index/getCallerIdentity:getCallerIdentity", actions: [], source: "AWS STS API reference, GetCallerIdentity (no permissions required)" },
    { token: "aws:index/getPartition:getPartition", actions: [], source: `${TF} data source aws_partition: computed from the provider's region, no API call` },
    { token: "aws:index/getRegion:getRegion", actions: ["ec2:DescribeRegions"], source: `${TF} data source aws_region (may describe the region to resolve its endpoint); EC2 API reference, DescribeRegions` },
    { token: "aws:index/getAvailabilityZones:getAvailabilityZones", actions: ["ec2:DescribeAvailabilityZones"], source: "EC2 API reference, DescribeAvailabilityZones (components/network/vpc.ts regionAvailabilityZones)" },
    { token: "aws:ssm/getParameter:getParameter", actions: ["ssm:GetParameter"], resource: "arn:${partition}:ssm:*::parameter/aws/service/*", source: "Systems Manager user guide, \"Public parameters\" (AMI IDs under /aws/service/; components/workloads/appInstance.ts)" },
    { token: "aws:eks/getAddonVersion:getAddonVersion", actions: ["eks:DescribeAddonVersions"], source: "EKS API reference, DescribeAddonVersions (components/eks/cluster.ts add-on versions)" },
    { token: "aws:eks/getCluster:getCluster", actions: ["eks:DescribeCluster"], source: "EKS API reference, DescribeCluster" },
];

/** The row of an invoke token, or undefined when the table does not know it. */
export function previewRead(token: string): PreviewRead | undefined {
    return PREVIEW_READS.find((r) => r.token === token);
}

/**
 * The preview role's policy: one statement per resource scope, actions sorted; only Describe,
 * List and Get calls (the test checks every action's verb).
 */
export function previewReadOnlyPolicy(partition = "aws"): PolicyDocument {
    const byResource = new Map<string, Set<string>>();
    for (const r of PREVIEW_READS) {
        if (r.actions.length === 0) continue;
        const resource = (r.resource ?? "*").replace("${partition}", partition);
        const set = byResource.get(resource) ?? new Set<string>();
        for (const a of r.actions) set.add(a);
        byResource.set(resource, set);
    }
    const sid = (resource: string) => (resource === "*" ? "PreviewDataSources" : "PreviewPublicParameters");
    return {
        Version: "2012-10-17",
        Statement: [...byResource.entries()]
            .sort(([a], [b]) => (a === "*" ? -1 : b === "*" ? 1 : a.localeCompare(b)))
            .map(([resource, actions]) => ({ Sid: sid(resource), Effect: "Allow" as const, Action: [...actions].sort(), Resource: resource })),
    };
}
