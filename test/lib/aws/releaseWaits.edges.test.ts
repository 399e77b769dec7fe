/**
 * lib/aws/releaseWaits.ts at its edges (issue 20, mutation survivors): which waits a resource gets,
 * by its type and, for security groups and subnets, only when a VPC Lambda function uses it.
 */
import * as assert from "assert";
import { RELEASE_WAITS, releaseWaitsFor } from "../../../lib/aws/releaseWaits";

const SG = { urn: "urn:sg", type: "aws:ec2/securityGroup:SecurityGroup", inputs: {} };
const fn = (deps?: Record<string, string[]>) => ({ type: "aws:lambda/function:Function", inputs: {}, propertyDependencies: deps });
const rows = (r: { urn: string; type: string; inputs: Record<string, any> }, deps: Parameters<typeof releaseWaitsFor>[1]) => releaseWaitsFor(r, deps).map((w) => [w.type, w.maxWaitMinutes]);

describe("lib/aws/releaseWaits edges", () => {
    it("a security group used by a VPC Lambda waits up to 45 minutes; one that is not, does not", () => {
        assert.deepStrictEqual(rows(SG, [fn({ vpcConfig: ["urn:other", "urn:sg"] })]), [["aws:ec2/securityGroup:SecurityGroup", 45]]);
        assert.deepStrictEqual(rows(SG, [fn({ vpcConfig: ["urn:other"] })]), []);
        assert.deepStrictEqual(rows(SG, [fn({ role: ["urn:sg"] })]), [], "a dependency that is not vpcConfig");
        assert.deepStrictEqual(rows(SG, [fn()]), []);
        assert.deepStrictEqual(rows(SG, []), []);
    });
    it("only a Lambda function's vpcConfig counts, and one such function among others is enough", () => {
        const eni = { type: "aws:ec2/networkInterface:NetworkInterface", inputs: {}, propertyDependencies: { vpcConfig: ["urn:sg"] } };
        assert.deepStrictEqual(rows(SG, [eni]), []);
        assert.deepStrictEqual(rows(SG, [eni, fn({ vpcConfig: ["urn:sg"] })]), [["aws:ec2/securityGroup:SecurityGroup", 45]]);
    });
    it("unconditional rows apply by type only; a type without a row gets none", () => {
        assert.deepStrictEqual(rows({ urn: "u", type: "aws:eks/nodeGroup:NodeGroup", inputs: {} }, []), [["aws:eks/nodeGroup:NodeGroup", 60]]);
        assert.deepStrictEqual(rows({ urn: "u", type: "aws:ec2/natGateway:NatGateway", inputs: {} }, []), [["aws:ec2/natGateway:NatGateway", 30]]);
        assert.deepStrictEqual(rows({ urn: "u", type: "aws:ec2/vpc:Vpc", inputs: {} }, []), []);
        assert.strictEqual(RELEASE_WAITS.filter((w) => w.type === "aws:ec2/subnet:Subnet").length, 1);
    });
});
