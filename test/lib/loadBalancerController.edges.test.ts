import * as assert from "assert";
import {
    LBC_CHART,
    LBC_DEFAULT_CHART_VERSION,
    LBC_DEFAULT_REPOSITORY,
    LBC_NAMESPACE,
    LBC_SERVICE_ACCOUNT,
    TGB_API_VERSION,
    lbcHelmValues,
    lbcTargetGroupBindingPolicy,
} from "../../lib/loadBalancerController";

// The controller's IAM policy and Helm values as a whole: a missing statement, action, resource or
// value would either break TargetGroupBinding on a real cluster or let the controller do more.

const TG1 = "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/app-v6/0123456789abcdef";
const TG2 = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:targetgroup/a/fe";
const ARN_FIX = "use a target group ARN such as arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/name/0123456789abcdef";

describe("lib/loadBalancerController: the whole policy and values", () => {
    it("the chart, its source, namespace, service account and the binding's API version", () => {
        assert.deepStrictEqual([LBC_CHART, LBC_DEFAULT_REPOSITORY, LBC_DEFAULT_CHART_VERSION, LBC_NAMESPACE, LBC_SERVICE_ACCOUNT, TGB_API_VERSION], ["aws-load-balancer-controller", "https://aws.github.io/eks-charts", "3.0.0", "kube-system", "aws-load-balancer-controller", "elbv2.k8s.aws/v1beta1"]);
    });

    it("the policy document: reads on *, the four target writes on the given target groups only", () => {
        assert.deepStrictEqual(lbcTargetGroupBindingPolicy([TG1, TG2]), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "TargetGroupBindingRead",
                    Effect: "Allow",
                    Action: ["ec2:DescribeVpcs", "ec2:DescribeSecurityGroups", "ec2:DescribeInstances", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"],
                    Resource: "*",
                },
                {
                    Sid: "TargetGroupBindingTargets",
                    Effect: "Allow",
                    Action: ["elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
                    Resource: [TG1, TG2],
                },
            ],
        });
    });

    it("the document is a copy: changing it later does not change the caller's list", () => {
        const arns = [TG1];
        const doc = lbcTargetGroupBindingPolicy(arns);
        (doc.Statement[1].Resource as string[]).push("x");
        assert.deepStrictEqual(arns, [TG1]);
    });

    it("refuses an empty list and each malformed ARN, naming the key, the value and the fix", () => {
        assert.throws(() => lbcTargetGroupBindingPolicy([]), { name: "ConfigError", message: "targetGroupArns: [] is invalid; name at least one target group the controller may register targets in" });
        for (const bad of [
            `${TG1}/x`,
            `x${TG1}`,
            "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/nlb/0123456789abcdef",
            "arn:aws:elasticloadbalancing:us-west-2:12345678901:targetgroup/app/0123",
            "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/a-name-that-is-thirty-three-chars/01",
            "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/app/0123ABCD",
        ]) {
            assert.throws(() => lbcTargetGroupBindingPolicy([TG1, bad]), { name: "ConfigError", message: `targetGroupArns: ${JSON.stringify(bad)} is invalid; ${ARN_FIX}` }, bad);
        }
        assert.doesNotThrow(() => lbcTargetGroupBindingPolicy(["arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/a-name-that-is-thirty-two-chars/01"]), "32 characters is the longest target group name");
    });

    it("the Helm values, whole: explicit cluster, region and VPC, the IRSA service account, nothing that creates load balancers", () => {
        assert.deepStrictEqual(lbcHelmValues({ clusterName: "c", region: "us-west-2", vpcId: "vpc-1", roleArn: "arn:aws:iam::123456789012:role/lbc" }), {
            clusterName: "c",
            region: "us-west-2",
            vpcId: "vpc-1",
            replicaCount: 2,
            serviceAccount: { create: true, name: "aws-load-balancer-controller", annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/lbc" } },
            enableServiceMutatorWebhook: false,
            createIngressClassResource: false,
            ingressClassConfig: { default: false },
            controllerConfig: { featureGates: { EnableServiceController: false } },
        });
    });

    it("replicas: the given count, including 1; 2 when unset", () => {
        const base = { clusterName: "c", region: "r", vpcId: "v", roleArn: "a" };
        assert.strictEqual(lbcHelmValues({ ...base, replicas: 1 }).replicaCount, 1);
        assert.strictEqual(lbcHelmValues({ ...base, replicas: 3 }).replicaCount, 3);
        assert.strictEqual(lbcHelmValues(base).replicaCount, 2);
    });
});
