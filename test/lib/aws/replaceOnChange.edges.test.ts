/**
 * lib/aws/replaceOnChange.ts at its edges (issue 20, mutation survivors): each conditional row on
 * both sides of its condition (VPC tenancy, an instance's primary IPv6, an NLB's subnets and
 * security groups), a parent path that is a list, a changed path through a missing parent, the
 * order of the reasons, and the component row. replaceOnChange.test.ts covers the typical rows.
 */
import * as assert from "assert";
import { pathMatches, replaceReasons, replaceRuleFor } from "../../../lib/aws/replaceOnChange";

const rule = (type: string) => replaceRuleFor(type)!;

describe("lib/aws/replaceOnChange edges: conditional rows on both sides", () => {
    it("VPC tenancy: only dedicated -> default (or unset) is an update; every other change replaces", () => {
        const vpc = rule("aws:ec2/vpc:Vpc");
        const r = (o: unknown, n: unknown) => replaceReasons(vpc, ["instanceTenancy"], { instanceTenancy: o }, { instanceTenancy: n });
        assert.deepStrictEqual(r("dedicated", undefined), [], "unset is default");
        assert.deepStrictEqual(r("dedicated", "default"), []);
        assert.deepStrictEqual(r("dedicated", "host"), ["instanceTenancy"]);
        assert.deepStrictEqual(r("host", "default"), ["instanceTenancy"]);
        assert.deepStrictEqual(r(undefined, "dedicated"), ["instanceTenancy"]);
    });

    it("an instance's primary IPv6: true -> false or unset replaces; true -> true does not", () => {
        const instance = rule("aws:ec2/instance:Instance");
        const r = (o: unknown, n: unknown) => replaceReasons(instance, ["enablePrimaryIpv6"], { enablePrimaryIpv6: o }, { enablePrimaryIpv6: n });
        assert.deepStrictEqual(r(true, false), ["enablePrimaryIpv6"]);
        assert.deepStrictEqual(r(true, undefined), ["enablePrimaryIpv6"]);
        assert.deepStrictEqual(r(true, true), []);
        assert.deepStrictEqual(r(undefined, false), []);
    });

    it("an NLB's subnets: losing one replaces, adding one does not; an ALB may lose subnets", () => {
        const lb = rule("aws:lb/loadBalancer:LoadBalancer");
        const r = (type: string, o: unknown, n: unknown) => replaceReasons(lb, ["subnets"], { loadBalancerType: type, subnets: o }, { loadBalancerType: type, subnets: n });
        assert.deepStrictEqual(r("network", ["a", "b"], ["a"]), ["subnets"]);
        assert.deepStrictEqual(r("network", ["a", "b"], ["b", "c"]), ["subnets"], "one of two lost");
        assert.deepStrictEqual(r("network", ["a"], ["a", "b"]), []);
        assert.deepStrictEqual(r("network", ["a"], undefined), ["subnets"], "all of them unknown or gone");
        assert.deepStrictEqual(r("network", undefined, ["a"]), [], "no subnets before (subnetMappings)");
        assert.deepStrictEqual(r("application", ["a", "b"], ["a"]), []);
    });

    it("an NLB's security groups: from none to some or some to none replaces; some to others, or none to none, does not", () => {
        const lb = rule("aws:lb/loadBalancer:LoadBalancer");
        const r = (type: string, o: unknown, n: unknown) => replaceReasons(lb, ["securityGroups"], { loadBalancerType: type, securityGroups: o }, { loadBalancerType: type, securityGroups: n });
        assert.deepStrictEqual(r("network", ["sg-1"], []), ["securityGroups"]);
        assert.deepStrictEqual(r("network", ["sg-1"], undefined), ["securityGroups"]);
        assert.deepStrictEqual(r("network", [], ["sg-1"]), ["securityGroups"]);
        assert.deepStrictEqual(r("network", ["sg-1"], ["sg-2"]), []);
        assert.deepStrictEqual(r("network", [], undefined), []);
        assert.deepStrictEqual(r("application", [], ["sg-1"]), []);
    });
});

describe("lib/aws/replaceOnChange edges: paths and reasons", () => {
    it("a changed parent covers a rule path under a list index ([*] stands for [0])", () => {
        assert.ok(pathMatches("a[*].b", "a[0]"));
        assert.ok(!pathMatches("a[*].b", "a[1]"));
    });

    it("a conditional path through a missing parent is unset, not a crash", () => {
        const lb = rule("aws:lb/loadBalancer:LoadBalancer");
        const r = { ...lb, replaceOn: [], replaceWhen: { "x.y.z": (o: unknown, n: unknown) => o === undefined && n === 1 } };
        assert.deepStrictEqual(replaceReasons(r, ["x.y.z"], { x: null }, { x: { y: { z: 1 } } }), ["x.y.z"]);
        assert.deepStrictEqual(replaceReasons(r, ["x.y.z"], {}, { x: { y: { z: 1 } } }), ["x.y.z"]);
    });

    it("reasons come sorted, each once", () => {
        const instance = rule("aws:ec2/instance:Instance");
        assert.deepStrictEqual(replaceReasons(instance, ["subnetId", "ami", "subnetId", "availabilityZone"], {}, {}), ["ami", "availabilityZone", "subnetId"]);
    });

    it("a component of this repository has a row with nothing to replace; a foreign type has none", () => {
        assert.deepStrictEqual(replaceRuleFor("ipv6-eks-interop:network:DualStackVpc"), {
            type: "ipv6-eks-interop:network:DualStackVpc", replaceOn: [], component: true, source: "this repository's ComponentResource: it registers no inputs; changes reach its children",
        });
        assert.strictEqual(replaceRuleFor("acme:x:Y"), undefined);
    });
});
