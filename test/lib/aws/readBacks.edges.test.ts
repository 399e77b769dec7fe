/**
 * lib/aws/readBacks.ts at its edges (issue 20, mutation survivors): which association makes a VPC
 * read back assignGeneratedIpv6CidrBlock true (by id, by dependency, not another VPC's, not one
 * without the flag, not another type), the instance read-back only when enabled, and the states:
 * copies that keep the other inputs, the originals untouched.
 */
import * as assert from "assert";
import { statesAfterReadBacks, type ReadBackResource } from "../../../lib/aws/readBacks";

const ASSOC = "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation";
const vpc = (over: Partial<ReadBackResource> = {}): ReadBackResource => ({ urn: "urn:vpc", type: "aws:ec2/vpc:Vpc", id: "vpc-1", inputs: { cidrBlock: "10.0.0.0/16" }, ...over });
const assoc = (inputs: Record<string, any>, over: Partial<ReadBackResource> = {}): ReadBackResource => ({ urn: `urn:a${JSON.stringify(inputs)}`, type: ASSOC, inputs, ...over });
const vpcState = (all: ReadBackResource[]) => statesAfterReadBacks(all).get("urn:vpc")!;

describe("lib/aws/readBacks edges", () => {
    it("an association of this VPC by id reads back true, keeping the VPC's other inputs and leaving them untouched", () => {
        const v = vpc();
        const s = vpcState([v, assoc({ vpcId: "vpc-1", assignGeneratedIpv6CidrBlock: true })]);
        assert.deepStrictEqual(s.inputs, { cidrBlock: "10.0.0.0/16", assignGeneratedIpv6CidrBlock: true });
        assert.deepStrictEqual(s.applied.map((r) => r.property), ["assignGeneratedIpv6CidrBlock"]);
        assert.deepStrictEqual(v.inputs, { cidrBlock: "10.0.0.0/16" });
    });
    it("by its vpcId dependency when the id is not known", () => {
        const s = vpcState([vpc({ id: undefined }), assoc({ assignGeneratedIpv6CidrBlock: true }, { propertyDependencies: { vpcId: ["urn:vpc"] } })]);
        assert.strictEqual(s.inputs.assignGeneratedIpv6CidrBlock, true);
    });
    it("no read-back: another VPC's association, one without the flag, another type, unknown ids on both sides, or a VPC that sets the flag itself", () => {
        const none = (all: ReadBackResource[]) => assert.deepStrictEqual(vpcState(all).applied, []);
        none([vpc(), assoc({ vpcId: "vpc-2", assignGeneratedIpv6CidrBlock: true })]);
        none([vpc(), assoc({ vpcId: "vpc-1", assignGeneratedIpv6CidrBlock: false })]);
        none([vpc(), assoc({ vpcId: "vpc-1" })]);
        none([vpc(), { urn: "urn:x", type: "aws:ec2/subnet:Subnet", inputs: { vpcId: "vpc-1", assignGeneratedIpv6CidrBlock: true } }]);
        none([vpc({ id: undefined }), assoc({ assignGeneratedIpv6CidrBlock: true })]);
        none([vpc({ id: undefined }), assoc({ assignGeneratedIpv6CidrBlock: true }, { propertyDependencies: { cidrBlock: ["urn:vpc"] } })]);
        const own = vpcState([vpc({ inputs: { assignGeneratedIpv6CidrBlock: true } }), assoc({ vpcId: "vpc-1", assignGeneratedIpv6CidrBlock: true })]);
        assert.deepStrictEqual(own, { inputs: { assignGeneratedIpv6CidrBlock: true }, applied: [] });
    });
    it("an instance reads back enablePrimaryIpv6 false only when it asked for true; other types with the flag keep it", () => {
        const states = statesAfterReadBacks([
            { urn: "urn:i1", type: "aws:ec2/instance:Instance", inputs: { enablePrimaryIpv6: true, ami: "ami-1" } },
            { urn: "urn:i2", type: "aws:ec2/instance:Instance", inputs: { enablePrimaryIpv6: false } },
            { urn: "urn:lt", type: "aws:ec2/launchTemplate:LaunchTemplate", inputs: { enablePrimaryIpv6: true } },
        ]);
        assert.deepStrictEqual(states.get("urn:i1")!.inputs, { enablePrimaryIpv6: false, ami: "ami-1" });
        assert.deepStrictEqual(states.get("urn:i2"), { inputs: { enablePrimaryIpv6: false }, applied: [] });
        assert.deepStrictEqual(states.get("urn:lt"), { inputs: { enablePrimaryIpv6: true }, applied: [] });
    });
});
