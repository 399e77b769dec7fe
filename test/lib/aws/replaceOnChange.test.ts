import * as assert from "assert";
import { pathMatches, replaceReasons, replaceRuleFor, replaceRules } from "../../../lib/aws/replaceOnChange";
import { READ_BACKS, statesAfterReadBacks } from "../../../lib/aws/readBacks";
import { listStacks } from "../../../engine/stackConfig";
import { graphOf } from "../../helpers/graphs";

describe("lib/aws/replaceOnChange: the replace-on-change table", () => {
    it("has a row with a source for every resource type the four stacks register (providers excepted)", async () => {
        const missing: string[] = [];
        for (const stack of listStacks()) {
            for (const r of (await graphOf(stack)).resources) {
                if (r.type.startsWith("pulumi:providers:")) continue;
                const row = replaceRuleFor(r.type);
                if (!row) missing.push(`${stack}: ${r.type}`);
                else assert.ok(row.source.length > 20, `${r.type} names its source`);
            }
        }
        assert.deepEqual([...new Set(missing)], []);
    });

    it("names the provider file for every bridged AWS row and pulumi-kubernetes for every Kubernetes row", () => {
        for (const row of replaceRules()) {
            if (row.type.startsWith("aws:")) assert.match(row.source, /terraform-provider-aws internal\/service\/\S+\.go .*@pulumi\/aws 7\.48\.0/, row.type);
            if (row.type.startsWith("kubernetes:")) assert.match(row.source, /pulumi-kubernetes provider\/pkg\/provider\/(diff|helm_release)\.go/, row.type);
        }
    });

    it("does not know providers or foreign types (the update plan reports them as unknown)", () => {
        assert.strictEqual(replaceRuleFor("pulumi:providers:aws"), undefined);
        assert.strictEqual(replaceRuleFor("aws:rds/instance:Instance"), undefined);
        assert.ok(replaceRuleFor("ipv6-eks-interop:network:Vpc")?.component);
    });

    it("matches a path at, below and above a rule path, and list indexes for [*]", () => {
        assert.ok(pathMatches("spec.template", "spec.template.spec.containers[0].image"));
        assert.ok(pathMatches("launchTemplate.id", "launchTemplate"), "the whole parent changed");
        assert.ok(!pathMatches("launchTemplate.id", "launchTemplate.version"));
        assert.ok(!pathMatches("cidrBlock", "cidrBlockX"));
        assert.ok(pathMatches("a[*].b", "a[3].b.c"));
    });

    it("replaces a subnet on an availability zone change and updates it on an IPv6 /64 change", () => {
        const subnet = replaceRuleFor("aws:ec2/subnet:Subnet")!;
        assert.deepEqual(replaceReasons(subnet, ["availabilityZone"], { availabilityZone: "us-west-2a" }, { availabilityZone: "us-west-2b" }), ["availabilityZone"]);
        assert.deepEqual(replaceReasons(subnet, ["ipv6CidrBlock"], {}, { ipv6CidrBlock: "2001:db8::/64" }), []);
    });

    it("judges conditional rows on the values: VPC tenancy, instance user data, NLB security groups", () => {
        const vpc = replaceRuleFor("aws:ec2/vpc:Vpc")!;
        assert.deepEqual(replaceReasons(vpc, ["instanceTenancy"], { instanceTenancy: "dedicated" }, { instanceTenancy: "default" }), []);
        assert.deepEqual(replaceReasons(vpc, ["instanceTenancy"], { instanceTenancy: "default" }, { instanceTenancy: "dedicated" }), ["instanceTenancy"]);
        const instance = replaceRuleFor("aws:ec2/instance:Instance")!;
        assert.deepEqual(replaceReasons(instance, ["userData"], { userData: "a" }, { userData: "b", userDataReplaceOnChange: true }), ["userData"]);
        assert.deepEqual(replaceReasons(instance, ["userData"], { userData: "a" }, { userData: "b" }), []);
        assert.deepEqual(replaceReasons(instance, ["enablePrimaryIpv6"], { enablePrimaryIpv6: false }, { enablePrimaryIpv6: true }), [], "enabling is an update");
        const lb = replaceRuleFor("aws:lb/loadBalancer:LoadBalancer")!;
        assert.deepEqual(replaceReasons(lb, ["securityGroups"], { loadBalancerType: "network" }, { loadBalancerType: "network", securityGroups: ["sg-1"] }), ["securityGroups"]);
        assert.deepEqual(replaceReasons(lb, ["securityGroups[1]"], { loadBalancerType: "network", securityGroups: ["sg-1"] }, { loadBalancerType: "network", securityGroups: ["sg-1", "sg-2"] }), []);
    });

    it("replaces a Job on a template change but not a Deployment (pulumi-kubernetes rules)", () => {
        assert.deepEqual(replaceReasons(replaceRuleFor("kubernetes:batch/v1:Job")!, ["spec.template.spec.containers[0].image"], {}, {}), ["spec.template"]);
        assert.deepEqual(replaceReasons(replaceRuleFor("kubernetes:apps/v1:Deployment")!, ["spec.template.spec.containers[0].image"], {}, {}), []);
    });
});

describe("lib/aws/readBacks: known read-backs", () => {
    const vpc = { urn: "urn:vpc", type: "aws:ec2/vpc:Vpc", id: "vpc-1", inputs: { cidrBlock: "10.0.0.0/16" } };
    const assoc = { urn: "urn:assoc", type: "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation", inputs: { vpcId: "vpc-1", assignGeneratedIpv6CidrBlock: true } };

    it("reads an associated VPC back with assignGeneratedIpv6CidrBlock true, an unassociated one unchanged", () => {
        const states = statesAfterReadBacks([vpc, assoc]);
        assert.strictEqual(states.get("urn:vpc")!.inputs.assignGeneratedIpv6CidrBlock, true);
        assert.strictEqual(vpc.inputs.hasOwnProperty("assignGeneratedIpv6CidrBlock"), false, "the recorded inputs are not mutated");
        assert.strictEqual(statesAfterReadBacks([vpc]).get("urn:vpc")!.inputs.assignGeneratedIpv6CidrBlock, undefined);
    });

    it("finds the association by its vpcId dependency when IDs are unknown", () => {
        const unknownId = { ...assoc, inputs: { vpcId: "[unknown]", assignGeneratedIpv6CidrBlock: true }, propertyDependencies: { vpcId: ["urn:vpc"] } };
        assert.strictEqual(statesAfterReadBacks([{ ...vpc, id: undefined }, unknownId]).get("urn:vpc")!.inputs.assignGeneratedIpv6CidrBlock, true);
    });

    it("reads an instance created with enablePrimaryIpv6 back with false (terraform-provider-aws#41571)", () => {
        const i = { urn: "urn:i", type: "aws:ec2/instance:Instance", inputs: { enablePrimaryIpv6: true } };
        assert.strictEqual(statesAfterReadBacks([i]).get("urn:i")!.inputs.enablePrimaryIpv6, false);
        for (const rb of READ_BACKS) assert.ok(rb.source && rb.fix && rb.effect, rb.property);
    });
});
