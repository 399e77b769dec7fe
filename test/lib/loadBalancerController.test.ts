import * as assert from "assert";
import { allowedActions } from "../../lib/iam";
import { LBC_SERVICE_ACCOUNT, LBC_TGB_WRITE_ACTIONS, lbcHelmValues, lbcTargetGroupBindingPolicy } from "../../lib/loadBalancerController";

const TG = "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/service-tg-85f34a8/9fc4709c5aaeb7b9";

describe("lib/loadBalancerController", () => {
    describe("lbcTargetGroupBindingPolicy", () => {
        const doc = lbcTargetGroupBindingPolicy([TG]);
        it("cannot create, delete or reconfigure load balancers, listeners or security groups", () => {
            for (const action of allowedActions(doc)) {
                assert.doesNotMatch(action, /Create|Delete|SetSubnets|SetSecurityGroups|Listener|Rule|AuthorizeSecurityGroup|RevokeSecurityGroup|iam:/, action);
                assert.doesNotMatch(action, /\*/, `${action}: no wildcards`);
            }
        });
        it("registers and deregisters targets only in the given target groups", () => {
            const writes = doc.Statement.filter((s) => ([] as string[]).concat(s.Action).some((a) => (LBC_TGB_WRITE_ACTIONS as readonly string[]).includes(a)));
            assert.strictEqual(writes.length, 1);
            assert.deepStrictEqual(writes[0].Resource, [TG]);
            assert.ok(([] as string[]).concat(writes[0].Action).includes("elasticloadbalancing:RegisterTargets"));
            assert.ok(([] as string[]).concat(writes[0].Action).includes("elasticloadbalancing:DeregisterTargets"));
        });
        it("keeps ec2:DescribeVpcs (aws-load-balancer-controller#2542)", () => assert.ok(allowedActions(doc).includes("ec2:DescribeVpcs")));
        it("refuses no target group and anything that is not a target group ARN", () => {
            assert.throws(() => lbcTargetGroupBindingPolicy([]), /at least one target group/);
            assert.throws(() => lbcTargetGroupBindingPolicy(["*"]), /targetGroupArns: "\*" is invalid; use a target group ARN/);
            assert.throws(() => lbcTargetGroupBindingPolicy([TG.replace("targetgroup", "loadbalancer/net")]), /use a target group ARN/);
        });
    });

    describe("lbcHelmValues", () => {
        const values = lbcHelmValues({ clusterName: "c", region: "us-west-2", vpcId: "vpc-1", roleArn: "arn:aws:iam::123456789012:role/r" }) as any;
        it("sets cluster, region and VPC explicitly (IMDS hop limit 1)", () => {
            assert.strictEqual(values.clusterName, "c");
            assert.strictEqual(values.region, "us-west-2");
            assert.strictEqual(values.vpcId, "vpc-1");
        });
        it("annotates its own service account with the IRSA role", () => {
            assert.strictEqual(values.serviceAccount.name, LBC_SERVICE_ACCOUNT);
            assert.strictEqual(values.serviceAccount.annotations["eks.amazonaws.com/role-arn"], "arn:aws:iam::123456789012:role/r");
        });
        it("turns off what would create load balancers", () => {
            assert.strictEqual(values.enableServiceMutatorWebhook, false);
            assert.strictEqual(values.createIngressClassResource, false);
            assert.strictEqual(values.ingressClassConfig.default, false);
            assert.strictEqual(values.controllerConfig.featureGates.EnableServiceController, false);
        });
    });
});
