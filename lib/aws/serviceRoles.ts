/**
 * What AWS services need from the IAM roles this repository hands them, one row per fact, each
 * with its source: the actions, which of them AWS lets a policy scope to one resource, and the
 * confused-deputy condition keys of a service's trust policy. Pure data and JSON builders, no
 * resources (components/ attach what these return).
 */
import type { PolicyDocument } from "../iam";

export interface ServiceActionFact {
    action: string;
    /**
     * `resource`: scoped to the one resource the role serves (a log group and its streams).
     * `any`: the action needs `"Resource": "*"` or the service's own resource ARNs that the role
     * cannot know in advance (ENIs Lambda creates).
     */
    scope: "resource" | "any";
    why: string;
    source: string;
}

const LAMBDA_VPC = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html (Required IAM permissions)";
const LAMBDA_MANAGED = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html (v3)";
const LAMBDA_LOGS = "https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html";
const FLOW_LOGS_ROLE = "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html";
const LOGS_SAR = "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html";

/**
 * The Lambda probe's execution role: the ENI actions of AWSLambdaVPCAccessExecutionRole (kept, on
 * `*`: Lambda creates and deletes the ENIs, so their IDs are not known to the role; the Lambda
 * guide says DescribeNetworkInterfaces works only on `*` and DeleteNetworkInterface fails without
 * all ENI IDs), and the two log actions a function uses, scoped to its own Pulumi-owned log group
 * instead of the managed policy's `*`. CreateLogGroup is left out: Pulumi creates the group before
 * the function.
 */
export const LAMBDA_VPC_PROBE_ACTIONS: readonly ServiceActionFact[] = [
    { action: "ec2:CreateNetworkInterface", scope: "any", why: "Lambda creates a Hyperplane ENI in the function's subnets", source: LAMBDA_VPC },
    { action: "ec2:DescribeNetworkInterfaces", scope: "any", why: "works only when allowed on all resources", source: LAMBDA_VPC },
    { action: "ec2:DescribeSubnets", scope: "any", why: "in AWSLambdaVPCAccessExecutionRole; Lambda reads the subnets' families", source: LAMBDA_MANAGED },
    { action: "ec2:DeleteNetworkInterface", scope: "any", why: "without every ENI ID the function may lose VPC access", source: LAMBDA_VPC },
    { action: "ec2:AssignPrivateIpAddresses", scope: "any", why: "on ENIs Lambda creates", source: LAMBDA_VPC },
    { action: "ec2:UnassignPrivateIpAddresses", scope: "any", why: "on ENIs Lambda creates", source: LAMBDA_VPC },
    { action: "logs:CreateLogStream", scope: "resource", why: "one stream per execution environment in the function's log group", source: LAMBDA_LOGS },
    { action: "logs:PutLogEvents", scope: "resource", why: "the function's output", source: LAMBDA_LOGS },
];

/**
 * The flow-log delivery role: the five actions of the VPC user guide's sample policy. All but
 * DescribeLogGroups are scoped to the flow log's own log group and its streams, the resource-level
 * form AWS's own Lambda and CloudWatch Logs examples use for these actions (not re-checked here
 * row by row against the Service Authorization Reference, LOGS_SAR). DescribeLogGroups stays on
 * `*`: we could not confirm that it accepts a log-group ARN, and it lists names, not log data.
 */
export const FLOW_LOGS_DELIVERY_ACTIONS: readonly ServiceActionFact[] = [
    { action: "logs:CreateLogGroup", scope: "resource", why: "in the sample policy; a no-op here, Pulumi owns the group", source: FLOW_LOGS_ROLE },
    { action: "logs:CreateLogStream", scope: "resource", why: "one stream per network interface", source: FLOW_LOGS_ROLE },
    { action: "logs:PutLogEvents", scope: "resource", why: "the flow log records", source: FLOW_LOGS_ROLE },
    { action: "logs:DescribeLogGroups", scope: "any", why: "in the sample policy; resource-level scoping not confirmed", source: `${FLOW_LOGS_ROLE}; ${LOGS_SAR}` },
    { action: "logs:DescribeLogStreams", scope: "resource", why: "in the sample policy", source: FLOW_LOGS_ROLE },
];

/** The service principal VPC Flow Logs assumes delivery roles as, and its confused-deputy keys (VPC user guide, flow-logs-iam-role.html, "Trust policy"). */
export const FLOW_LOGS_PRINCIPAL = "vpc-flow-logs.amazonaws.com";

/** `arn:<partition>:logs:<region>:<account>:log-group:<name>` split into its parts; throws on anything else. */
export function parseLogGroupArn(arn: string): { partition: string; region: string; account: string; name: string } {
    const m = /^arn:(aws[a-z-]*):logs:([a-z0-9-]+):(\d{12}):log-group:([^:*]+)(:\*)?$/.exec(arn);
    if (!m) throw new Error(`logGroupArn: ${JSON.stringify(arn)} is not a CloudWatch Logs log group ARN (arn:aws:logs:<region>:<account>:log-group:<name>)`);
    return { partition: m[1], region: m[2], account: m[3], name: m[4] };
}

/** The group's ARN and the ARN pattern of its streams, the two resources a log-group-scoped action names. */
export function logGroupResources(logGroupArn: string): string[] {
    const base = logGroupArn.replace(/:\*$/, "");
    parseLogGroupArn(base);
    return [base, `${base}:log-stream:*`];
}

function statements(facts: readonly ServiceActionFact[], logGroupArn: string): PolicyDocument["Statement"] {
    const scoped = facts.filter((f) => f.scope === "resource").map((f) => f.action);
    const any = facts.filter((f) => f.scope === "any").map((f) => f.action);
    return [
        ...(any.length ? [{ Sid: "NeedsAllResources", Effect: "Allow" as const, Action: any, Resource: "*" }] : []),
        ...(scoped.length ? [{ Sid: "OwnLogGroupOnly", Effect: "Allow" as const, Action: scoped, Resource: logGroupResources(logGroupArn) }] : []),
    ];
}

/** The Lambda probe's inline policy: VPC ENI management, and logs to `logGroupArn` only. */
export function lambdaVpcProbePolicy(logGroupArn: string): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements(LAMBDA_VPC_PROBE_ACTIONS, logGroupArn) };
}

/** The flow-log role's inline policy: delivery to `logGroupArn` only (DescribeLogGroups on `*`, see FLOW_LOGS_DELIVERY_ACTIONS). */
export function flowLogsDeliveryPolicy(logGroupArn: string): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements(FLOW_LOGS_DELIVERY_ACTIONS, logGroupArn) };
}

/**
 * The flow-log role's trust policy with the confused-deputy guard of the VPC user guide: only
 * flow logs of this account (aws:SourceAccount) in this region (aws:SourceArn) may assume it. The
 * account, region and partition come from the log group the flow log delivers to, which is in the
 * same account and region as the flow log, so the role needs no extra lookup.
 */
export function flowLogsTrustPolicy(logGroupArn: string): PolicyDocument {
    const { partition, region, account } = parseLogGroupArn(logGroupArn.replace(/:\*$/, ""));
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: FLOW_LOGS_PRINCIPAL },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": account },
                    ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${region}:${account}:vpc-flow-log/*` },
                },
            },
        ],
    };
}
