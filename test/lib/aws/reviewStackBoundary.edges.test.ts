/**
 * lib/aws/reviewStackBoundary at its edges (issue 20, mutation survivors): how a resource type finds
 * its row (exactly, or by a prefix ending in "/" or ":"), the account ID's twelve digits and nothing
 * around them, and the services statement (IAM and SSM only through their own narrow statements).
 */
import * as assert from "assert";
import { reviewStackBoundary, servicesOf } from "../../../lib/aws/reviewStackBoundary";

describe("lib/aws/reviewStackBoundary edges", () => {
    it("a row ending in / or : is a prefix; any other row matches only its exact type", () => {
        assert.deepStrictEqual(servicesOf("aws:ec2/vpc:Vpc"), ["ec2"]);
        assert.deepStrictEqual(servicesOf("kubernetes:core/v1:Pod"), []);
        assert.deepStrictEqual(servicesOf("eks:index:Cluster"), ["eks", "ec2", "iam"]);
        assert.strictEqual(servicesOf("eks:index:ClusterV2"), undefined);
        assert.deepStrictEqual(servicesOf("aws:cloudwatch/logGroup:LogGroup"), ["logs"]);
        assert.strictEqual(servicesOf("aws:cloudwatch/metricAlarm:MetricAlarm"), undefined);
        assert.strictEqual(servicesOf("aws:ec2"), undefined, "the prefix is aws:ec2/, with its slash");
        assert.strictEqual(servicesOf("my:aws:ec2/vpc:Vpc"), undefined, "a prefix matches at the start only");
        assert.strictEqual(servicesOf("aws:s3/bucket:Bucket"), undefined);
    });

    it("the account ID is exactly twelve digits", () => {
        assert.doesNotThrow(() => reviewStackBoundary("123456789012"));
        for (const bad of ["1234567890123", "x123456789012", "123456789012x", "12345678901", ""]) {
            assert.throws(() => reviewStackBoundary(bad), { message: `accountId: ${JSON.stringify(bad)} is invalid; use the 12-digit AWS account ID` }, bad);
        }
    });

    it("the services statement allows every service of the table but IAM and SSM, once each, sorted", () => {
        const doc = reviewStackBoundary("123456789012");
        const services = doc.Statement.find((s) => s.Sid === "ServicesTheStacksUse")!;
        assert.deepStrictEqual(services.Action, ["ec2:*", "eks:*", "elasticloadbalancing:*", "lambda:*", "logs:*", "route53:*"]);
    });
});
