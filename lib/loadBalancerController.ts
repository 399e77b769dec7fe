/**
 * Facts about the AWS Load Balancer Controller, used here only to keep a Pulumi-owned target
 * group's targets current through a TargetGroupBinding. Pure data and builders; no resources.
 *
 * Controller version: chart 3.0.0 from https://aws.github.io/eks-charts installs controller
 * v3.0.0 (aws/eks-charts#1297, January 2026; from 3.0.0 on the chart version follows the
 * controller's, aws/eks-charts#1312). Both the chart version and the repository are stack
 * config (`loadBalancerController.chartVersion`, `.repository`), so a newer pin is one line.
 */
import { ConfigError } from "./errors";
import type { PolicyDocument } from "./iam";

export const LBC_CHART = "aws-load-balancer-controller";
export const LBC_DEFAULT_REPOSITORY = "https://aws.github.io/eks-charts";
export const LBC_DEFAULT_CHART_VERSION = "3.0.0";
export const LBC_NAMESPACE = "kube-system";
export const LBC_SERVICE_ACCOUNT = "aws-load-balancer-controller";
/** The CRD the controller reconciles for us (TargetGroupBinding guide, "elbv2.k8s.aws/v1beta1"). */
export const TGB_API_VERSION = "elbv2.k8s.aws/v1beta1";

/**
 * IAM for TargetGroupBinding-only use, when Pulumi manages the node security group rules
 * itself (no `spec.networking`). Source: aws-load-balancer-controller docs/deploy/installation.md,
 * "IAM permission subset for those who use TargetGroupBinding only and don't plan to use the AWS
 * Load Balancer Controller to manage security group rules" (v2.4.1 to v2.4.x), plus
 * `ec2:DescribeVpcs`, which that list lacked at first (aws-load-balancer-controller#2542).
 * Decision: the full reference policy (docs/install/iam_policy.json) lets the controller create
 * and delete load balancers, target groups and security group rules anywhere in the account;
 * none of that is needed here, and leaving it out is what guarantees the controller can never
 * create a load balancer behind Pulumi's back. (Unsure) The subset was published with v2.4 and
 * no v3 edition of it was found. terraform-aws-modules/terraform-aws-iam#291 (v2.4.4) reported
 * needing ec2:Authorize/RevokeSecurityGroupIngress for bindings; the controller edits security
 * groups only for bindings with `spec.networking`, which this repository never sets, so they
 * stay out. If a deploy reports another action, the probes fail `pulumi up` and name the
 * endpoint; add the action here (EC2 writes scoped to the node security group).
 *
 * The describe calls do not support resource-level permissions (Service Authorization
 * Reference, Elastic Load Balancing V2), so they stay on `*`; the four writes are scoped to the
 * target groups the stack owns.
 */
export const LBC_TGB_READ_ACTIONS = [
    "ec2:DescribeVpcs",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeInstances",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTargetHealth",
] as const;
export const LBC_TGB_WRITE_ACTIONS = [
    "elasticloadbalancing:ModifyTargetGroup",
    "elasticloadbalancing:ModifyTargetGroupAttributes",
    "elasticloadbalancing:RegisterTargets",
    "elasticloadbalancing:DeregisterTargets",
] as const;

const TARGET_GROUP_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/;

/** The controller's policy: read anywhere, register and deregister only on the given target groups. */
export function lbcTargetGroupBindingPolicy(targetGroupArns: string[]): PolicyDocument {
    if (targetGroupArns.length === 0) throw new ConfigError("targetGroupArns", targetGroupArns, "name at least one target group the controller may register targets in");
    for (const arn of targetGroupArns) {
        if (!TARGET_GROUP_ARN.test(arn)) throw new ConfigError("targetGroupArns", arn, "use a target group ARN such as arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/name/0123456789abcdef");
    }
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "TargetGroupBindingRead", Effect: "Allow", Action: [...LBC_TGB_READ_ACTIONS], Resource: "*" },
            { Sid: "TargetGroupBindingTargets", Effect: "Allow", Action: [...LBC_TGB_WRITE_ACTIONS], Resource: [...targetGroupArns] },
        ],
    };
}

export interface LbcValuesInput {
    clusterName: string;
    region: string;
    vpcId: string;
    roleArn: string;
    /** Controller replicas. Default 2 (the chart's default; one per node for availability). */
    replicas?: number;
}

/**
 * Helm values for TargetGroupBinding-only use (chart values documented in the chart's README
 * and in the controller's "Controller configuration options"):
 * - `clusterName`, `region`, `vpcId` set explicitly: nodes keep the IMDS hop limit at 1, so the
 *   controller pod cannot discover region and VPC from instance metadata (installation guide,
 *   "Using metadata server version 2 (IMDSv2)").
 * - the service account is annotated with the controller's own IRSA role.
 * - `enableServiceMutatorWebhook: false`: Services of type LoadBalancer are not defaulted to
 *   this controller (v2.5+ would otherwise claim every new one and create an NLB for it).
 * - `createIngressClassResource: false` and `ingressClassConfig.default: false`: no IngressClass
 *   is installed, so no Ingress selects this controller by class.
 * - feature gate `EnableServiceController` off ("Toggles support for Service type resources",
 *   default true; docs/deploy/configurations.md, "Feature Gates", in the v3 docs that also list
 *   GlobalAcceleratorController): no Service reconciliation at all. Gateway API support is left
 *   at its default: it acts only on Gateway API CRDs, which this stack does not install, and a
 *   gate a controller version does not know stops it from starting.
 * The IAM policy above is the hard guarantee: even an Ingress that names the controller cannot
 * make it create a load balancer, because it has no elasticloadbalancing:Create* permission.
 */
export function lbcHelmValues(v: LbcValuesInput): Record<string, unknown> {
    return {
        clusterName: v.clusterName,
        region: v.region,
        vpcId: v.vpcId,
        replicaCount: v.replicas ?? 2,
        serviceAccount: { create: true, name: LBC_SERVICE_ACCOUNT, annotations: { "eks.amazonaws.com/role-arn": v.roleArn } },
        enableServiceMutatorWebhook: false,
        createIngressClassResource: false,
        ingressClassConfig: { default: false },
        controllerConfig: { featureGates: { EnableServiceController: false } },
    };
}
