import * as assert from "assert";
import { FLOW_LOGS_DELIVERY_ACTIONS, flowLogsDeliveryPolicy, flowLogsTrustPolicy, lambdaVpcProbePolicy, logGroupResources, parseLogGroupArn } from "../../lib/aws/serviceRoles";

const ARN = "arn:aws:logs:us-west-2:123456789012:log-group:hub-vpc-flow-logs-1a2b3c";
const actionsOf = (doc: ReturnType<typeof lambdaVpcProbePolicy>, resource: unknown) =>
    doc.Statement.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(resource)).flatMap((s) => ([] as string[]).concat(s.Action)).sort();

describe("lib/aws/serviceRoles", () => {
    it("splits a log group ARN, and refuses anything else with the value and the expected form", () => {
        assert.deepStrictEqual(parseLogGroupArn("arn:aws-cn:logs:cn-north-1:123456789012:log-group:/aws/lambda/x"), { partition: "aws-cn", region: "cn-north-1", account: "123456789012", name: "/aws/lambda/x" });
        assert.throws(() => parseLogGroupArn("arn:aws:s3:::bucket"), /logGroupArn: "arn:aws:s3:::bucket" is not a CloudWatch Logs log group ARN \(arn:aws:logs:<region>:<account>:log-group:<name>\)/);
        assert.throws(() => parseLogGroupArn("arn:aws:logs:us-west-2:123456789012:log-group:*"), /not a CloudWatch Logs log group ARN/, "a wildcard group is not one group");
    });
    it("names the group and its streams, also from the `:*` form", () => {
        assert.deepStrictEqual(logGroupResources(`${ARN}:*`), [ARN, `${ARN}:log-stream:*`]);
    });

    describe("flow-log role", () => {
        const trust = flowLogsTrustPolicy(ARN).Statement[0];
        it("trusts the VPC Flow Logs principal only for flow logs of its own account and region (confused deputy)", () => {
            assert.deepStrictEqual(trust.Principal, { Service: "vpc-flow-logs.amazonaws.com" });
            assert.deepStrictEqual(trust.Condition, {
                StringEquals: { "aws:SourceAccount": "123456789012" },
                ArnLike: { "aws:SourceArn": "arn:aws:ec2:us-west-2:123456789012:vpc-flow-log/*" },
            });
        });
        it("has the five actions of the VPC user guide's sample role, all but DescribeLogGroups scoped to its log group", () => {
            const doc = flowLogsDeliveryPolicy(ARN);
            assert.deepStrictEqual(FLOW_LOGS_DELIVERY_ACTIONS.map((f) => f.action).sort(), ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:PutLogEvents"]);
            assert.deepStrictEqual(actionsOf(doc, [ARN, `${ARN}:log-stream:*`]), ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]);
            assert.deepStrictEqual(actionsOf(doc, "*"), ["logs:DescribeLogGroups"]);
        });
    });

    describe("Lambda probe role", () => {
        const doc = lambdaVpcProbePolicy(ARN);
        it("writes logs to its own group only, and never creates a group", () => {
            assert.deepStrictEqual(actionsOf(doc, [ARN, `${ARN}:log-stream:*`]), ["logs:CreateLogStream", "logs:PutLogEvents"]);
            assert.ok(!JSON.stringify(doc).includes("logs:CreateLogGroup"));
        });
        it("keeps the ENI actions Lambda needs for VPC access on * (DescribeNetworkInterfaces works only there), and nothing else on *", () => {
            assert.deepStrictEqual(actionsOf(doc, "*"), [
                "ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
                "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:UnassignPrivateIpAddresses",
            ]);
        });
    });
});
