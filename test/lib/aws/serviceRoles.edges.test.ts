/**
 * lib/aws/serviceRoles.ts at its edges (issue 20, mutation survivors): the whole policy documents
 * (statement ids, effects, resources, the trust policy's confused-deputy conditions), a log group
 * ARN with and without its `:*` suffix, and ARNs with text around them. serviceRoles.test.ts covers
 * the actions each role needs.
 */
import * as assert from "assert";
import {
    FLOW_LOGS_DELIVERY_ACTIONS, FLOW_LOGS_PRINCIPAL, flowLogsDeliveryPolicy, flowLogsTrustPolicy, LAMBDA_VPC_PROBE_ACTIONS, lambdaVpcProbePolicy, logGroupResources, parseLogGroupArn,
} from "../../../lib/aws/serviceRoles";

const ARN = "arn:aws:logs:us-west-2:123456789012:log-group:/aws/vpc/flow";
const actions = (facts: typeof LAMBDA_VPC_PROBE_ACTIONS, scope: "any" | "resource") => facts.filter((f) => f.scope === scope).map((f) => f.action);

describe("lib/aws/serviceRoles edges: log group ARNs", () => {
    it("parses partition, region, account and name, with or without :*", () => {
        assert.deepStrictEqual(parseLogGroupArn(ARN), { partition: "aws", region: "us-west-2", account: "123456789012", name: "/aws/vpc/flow" });
        assert.deepStrictEqual(parseLogGroupArn(`${ARN}:*`), { partition: "aws", region: "us-west-2", account: "123456789012", name: "/aws/vpc/flow" });
    });
    it("refuses text before the ARN or after the name", () => {
        assert.throws(() => parseLogGroupArn(`x${ARN}`), /is not a CloudWatch Logs log group ARN/);
        assert.throws(() => parseLogGroupArn(`${ARN}:log-stream:s`), /is not a CloudWatch Logs log group ARN/);
    });
    it("logGroupResources: the group and its streams; an ARN that is no log group's is refused", () => {
        assert.deepStrictEqual(logGroupResources(`${ARN}:*`), [ARN, `${ARN}:log-stream:*`]);
        assert.throws(() => logGroupResources("arn:aws:s3:::bucket"), /is not a CloudWatch Logs log group ARN/);
    });
});

describe("lib/aws/serviceRoles edges: the documents", () => {
    it("the Lambda probe's policy: ENI actions on *, log actions on its own group", () => {
        assert.deepStrictEqual(lambdaVpcProbePolicy(ARN), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "NeedsAllResources", Effect: "Allow", Action: actions(LAMBDA_VPC_PROBE_ACTIONS, "any"), Resource: "*" },
                { Sid: "OwnLogGroupOnly", Effect: "Allow", Action: actions(LAMBDA_VPC_PROBE_ACTIONS, "resource"), Resource: [ARN, `${ARN}:log-stream:*`] },
            ],
        });
        assert.deepStrictEqual(actions(LAMBDA_VPC_PROBE_ACTIONS, "resource"), ["logs:CreateLogStream", "logs:PutLogEvents"]);
    });
    it("the flow-log delivery policy: DescribeLogGroups on *, the rest on its own group", () => {
        assert.deepStrictEqual(flowLogsDeliveryPolicy(ARN), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "NeedsAllResources", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: "*" },
                { Sid: "OwnLogGroupOnly", Effect: "Allow", Action: actions(FLOW_LOGS_DELIVERY_ACTIONS, "resource"), Resource: [ARN, `${ARN}:log-stream:*`] },
            ],
        });
    });
    it("the flow-log trust policy: the service, this account, flow logs of this region (from an ARN with :*)", () => {
        const expected = {
            Version: "2012-10-17",
            Statement: [{
                Effect: "Allow",
                Principal: { Service: FLOW_LOGS_PRINCIPAL },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": "123456789012" },
                    ArnLike: { "aws:SourceArn": "arn:aws:ec2:us-west-2:123456789012:vpc-flow-log/*" },
                },
            }],
        };
        assert.deepStrictEqual(flowLogsTrustPolicy(ARN), expected);
        assert.deepStrictEqual(flowLogsTrustPolicy(`${ARN}:*`), expected);
        assert.strictEqual(FLOW_LOGS_PRINCIPAL, "vpc-flow-logs.amazonaws.com");
        assert.deepStrictEqual((flowLogsTrustPolicy("arn:aws-cn:logs:cn-north-1:123456789012:log-group:g").Statement[0] as any).Condition.ArnLike, { "aws:SourceArn": "arn:aws-cn:ec2:cn-north-1:123456789012:vpc-flow-log/*" });
    });
});
