import * as assert from "assert";
import { z } from "zod";
import { azCountSchema, clusterSchema, parseConfig, pinnedImageSchema, vpcSchema } from "../../lib/config";
import { ConfigError } from "../../lib/errors";
import { thrownConfigError } from "../helpers/configError";
import { planVpc } from "../../lib/vpcPlan";

const schema = z.strictObject({ azCount: azCountSchema.default(2), clusterVpc: vpcSchema, cluster: clusterSchema.prefault({}) });

const errorOf = (raw: Record<string, unknown>): ConfigError => thrownConfigError(() => parseConfig(schema, raw));

describe("lib/config", () => {
    it("fills documented defaults", () => {
        const cfg = parseConfig(schema, { clusterVpc: { cidr: "10.0.0.0/16" } });
        assert.strictEqual(cfg.azCount, 2);
        assert.strictEqual(cfg.clusterVpc.natGateways, "single");
        assert.strictEqual(cfg.clusterVpc.enableDns64, false);
        assert.strictEqual(cfg.cluster.instanceType, "t3.medium");
        assert.deepStrictEqual(cfg.cluster.apiPublicAccessCidrs, []);
    });
    const bad: [string, Record<string, unknown>, string, unknown, RegExp][] = [
        ["fewer than two AZs", { azCount: 1, clusterVpc: { cidr: "10.0.0.0/16" } }, "eks-ipv6-interop:azCount", 1, /at least two availability zones/],
        ["a malformed CIDR", { clusterVpc: { cidr: "10.0.0.0/33" } }, "eks-ipv6-interop:clusterVpc.cidr", "10.0.0.0/33", /use an IPv4 CIDR such as 10\.0\.0\.0\/16/],
        ["host bits in the CIDR", { clusterVpc: { cidr: "10.0.0.5/16" } }, "eks-ipv6-interop:clusterVpc.cidr", "10.0.0.5/16", /network address 10\.0\.0\.0\/16/],
        ["a VPC larger than /16", { clusterVpc: { cidr: "10.0.0.0/8" } }, "eks-ipv6-interop:clusterVpc.cidr", "10.0.0.0/8", /between \/16 and \/28/],
        ["an IPv6 index outside 0-255", { clusterVpc: { cidr: "10.0.0.0/16", ipv6SubnetIndexes: { public: [0, 1], private: [16, 300] } } }, "eks-ipv6-interop:clusterVpc.ipv6SubnetIndexes.private[1]", 300, /0 to 255/],
        ["a non-Nitro instance type", { clusterVpc: { cidr: "10.0.0.0/16" }, cluster: { instanceType: "t2.medium" } }, "eks-ipv6-interop:cluster.instanceType", "t2.medium", /Xen \(non-Nitro\)/],
        ["a world-open API endpoint", { clusterVpc: { cidr: "10.0.0.0/16" }, cluster: { apiPublicAccessCidrs: ["0.0.0.0/0"] } }, "eks-ipv6-interop:cluster.apiPublicAccessCidrs[0]", "0.0.0.0/0", /must not be open to the world/],
        ["a world-open API endpoint in IPv6 spelling", { clusterVpc: { cidr: "10.0.0.0/16" }, cluster: { apiPublicAccessCidrs: ["0:0:0:0:0:0:0:0/0"] } }, "eks-ipv6-interop:cluster.apiPublicAccessCidrs[0]", "0:0:0:0:0:0:0:0/0", /must not be open to the world/],
        ["an unknown NAT strategy", { clusterVpc: { cidr: "10.0.0.0/16", natGateways: "two" } }, "eks-ipv6-interop:clusterVpc.natGateways", "two", /"none".*"single".*"perAz"/],
        ["a misspelt key", { clusterVpc: { cdir: "10.0.0.0/16" } }, "eks-ipv6-interop:clusterVpc", undefined, /eks-ipv6-interop:clusterVpc\.cdir: "10\.0\.0\.0\/16" is invalid; unknown key; did you mean "cidr"\?/],
        ["node counts out of order", { clusterVpc: { cidr: "10.0.0.0/16" }, cluster: { nodes: { desired: 5, min: 1, max: 3 } } }, "eks-ipv6-interop:cluster.nodes.desired", 5, /desired \(5\) is above max \(3\); use a desired count from 1 to 3/],
    ];
    for (const [name, raw, key, value, pattern] of bad) {
        it(`refuses ${name}, naming key and value`, () => {
            const e = errorOf(raw);
            assert.ok(e.key.startsWith(key), `${e.key} should start with ${key}`);
            if (value !== undefined) assert.deepStrictEqual(e.value, value);
            assert.match(e.message, pattern);
        });
    }
    it("lists every problem, not only the first", () => {
        const e = errorOf({ azCount: 1, clusterVpc: { cidr: "nope" } });
        assert.match(e.message, /azCount/);
        assert.match(e.message, /clusterVpc\.cidr/);
    });
    describe("pinned images", () => {
        const digest = `sha256:${"a".repeat(64)}`;
        for (const ok of ["nicolaka/netshoot:v0.13", "registry.k8s.io/e2e-test-images/agnhost:2.53", `busybox@${digest}`, `nicolaka/netshoot:v0.13@${digest}`, `registry.example.com:5000/team/probe@${digest}`, `registry.example.com:5000/team/probe:1.2`]) {
            it(`accepts ${ok}`, () => assert.ok(pinnedImageSchema.safeParse(ok).success));
        }
        for (const bad of ["nicolaka/netshoot", "nicolaka/netshoot:latest", "localhost:5000/probe", "busybox@sha256:abc", "Busybox:1.37"]) {
            it(`refuses ${bad}`, () => assert.ok(!pinnedImageSchema.safeParse(bad).success));
        }
    });
});

describe("lib/vpcPlan", () => {
    const vpc = { cidr: "10.10.0.0/16", privateSubnetPrefix: 20, publicSubnetPrefix: 24 };
    it("plans dual-stack tiers with default explicit indexes", () => {
        const plan = planVpc("clusterVpc", vpc, 3, true);
        assert.deepStrictEqual(plan.publicIpv6Indexes, [0, 1, 2]);
        assert.deepStrictEqual(plan.privateIpv6Indexes, [16, 17, 18]);
        assert.deepStrictEqual(plan.privateIpv4, ["10.10.0.0/20", "10.10.16.0/20", "10.10.32.0/20"]);
    });
    it("IPv4-only plans have no IPv6 indexes", () => assert.strictEqual(planVpc("appVpc", vpc, 2, false).privateIpv6Indexes, undefined));
    it("needs one index per AZ", () => {
        assert.throws(() => planVpc("clusterVpc", { ...vpc, ipv6SubnetIndexes: { public: [0], private: [16, 17] } }, 2, true), /clusterVpc\.ipv6SubnetIndexes\.public: \[0\] is invalid; give exactly one index per availability zone \(2\)/);
    });
    it("refuses IPv6 indexes on an IPv4-only VPC", () => {
        assert.throws(() => planVpc("appVpc", { ...vpc, ipv6SubnetIndexes: { public: [0, 1], private: [2, 3] } }, 2, false), /IPv4-only in this scenario/);
    });
    it("refuses one AZ", () => assert.throws(() => planVpc("clusterVpc", vpc, 1, true), /at least two availability zones/));
});
