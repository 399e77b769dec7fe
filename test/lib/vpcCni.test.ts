import * as assert from "assert";
import { ConfigError } from "../../lib/errors";
import { buildVpcCniConfiguration, cniAtLeast, cniSemver, v4EgressEnabled, v6EgressEnabled, vpcCniConfigurationProblems } from "../../lib/vpcCni";

describe("lib/vpcCni", () => {
    describe("versions", () => {
        const table: [string, string | undefined][] = [
            ["v1.20.4-eksbuild.1", "1.20.4"],
            ["1.13.0", "1.13.0"],
            ["v1.9.3", "1.9.3"],
            ["latest", undefined],
            ["v1.20", undefined],
        ];
        for (const [input, expected] of table) it(`${input} -> ${expected}`, () => assert.strictEqual(cniSemver(input), expected));
        it("compares against floors numerically, not as strings", () => {
            assert.ok(cniAtLeast("v1.13.0-eksbuild.1", "1.13.0"));
            assert.ok(!cniAtLeast("v1.12.6-eksbuild.2", "1.13.0"));
            assert.ok(cniAtLeast("v1.100.0", "1.13.0"));
        });
    });

    describe("buildVpcCniConfiguration", () => {
        it("v6 egress on an IPv4 cluster sets env and init.env, as strings", () => {
            const c = buildVpcCniConfiguration({ ipFamily: "ipv4", v6Egress: true });
            assert.deepStrictEqual(c, { env: { ENABLE_V6_EGRESS: "true" }, init: { env: { ENABLE_V6_EGRESS: "true" } } });
            assert.deepStrictEqual(vpcCniConfigurationProblems(JSON.stringify(c)), []);
        });
        it("an IPv6 cluster with defaults sets nothing (IPv6 and prefix delegation are automatic)", () => {
            assert.deepStrictEqual(buildVpcCniConfiguration({ ipFamily: "ipv6" }), {});
        });
        it("never emits ENABLE_IPv6 or ENABLE_IPv4", () => {
            for (const opts of [{ ipFamily: "ipv6" as const, v4Egress: false }, { ipFamily: "ipv4" as const, v6Egress: true }]) {
                const text = JSON.stringify(buildVpcCniConfiguration(opts));
                assert.ok(!/ENABLE_IPv[46]/.test(text), text);
            }
        });
        it("v4 egress off on an IPv6 cluster", () => {
            assert.deepStrictEqual(buildVpcCniConfiguration({ ipFamily: "ipv6", v4Egress: false }), { env: { ENABLE_V4_EGRESS: "false" } });
        });
        it("refuses v6 egress below its 1.13.0 floor, naming the version key", () => {
            assert.throws(() => buildVpcCniConfiguration({ ipFamily: "ipv4", v6Egress: true, addonVersion: "v1.12.6-eksbuild.2", key: "ipv4Cluster.vpcCni" }), (e: ConfigError) => {
                assert.strictEqual(e.key, "ipv4Cluster.vpcCni.version");
                assert.strictEqual(e.value, "v1.12.6-eksbuild.2");
                assert.match(e.message, /ENABLE_V6_EGRESS needs vpc-cni 1\.13\.0 or later/);
                return true;
            });
        });
        it("accepts v6 egress exactly at the floor", () => {
            assert.ok(buildVpcCniConfiguration({ ipFamily: "ipv4", v6Egress: true, addonVersion: "v1.13.0-eksbuild.1" }).env);
        });
        it("refuses v6 egress on an IPv6 cluster", () => assert.throws(() => buildVpcCniConfiguration({ ipFamily: "ipv6", v6Egress: true }), /for IPv4 clusters/));
        it("refuses an IPv6 cluster below 1.10.1", () => assert.throws(() => buildVpcCniConfiguration({ ipFamily: "ipv6", addonVersion: "v1.10.0-eksbuild.1" }), /1\.10\.1 or later/));
        it("refuses a malformed version", () => assert.throws(() => buildVpcCniConfiguration({ ipFamily: "ipv4", addonVersion: "newest" }), /v1\.20\.4-eksbuild\.1/));
    });

    describe("vpcCniConfigurationProblems", () => {
        const cases: [string, string, RegExp][] = [
            ["ENABLE_IPv6 is rejected", `{"env":{"ENABLE_IPv6":"true"}}`, /env\.ENABLE_IPv6 is rejected/],
            ["unknown env key", `{"env":{"ENABLE_MAGIC":"true"}}`, /env\.ENABLE_MAGIC is not a key/],
            ["non-string value", `{"env":{"ENABLE_V4_EGRESS":false}}`, /must be a string/],
            ["v6 egress only in env", `{"env":{"ENABLE_V6_EGRESS":"true"}}`, /both env and init\.env.*only in env/],
            ["v6 egress only in init.env", `{"init":{"env":{"ENABLE_V6_EGRESS":"true"}}}`, /only in init\.env/],
            ["unknown top-level key", `{"environment":{}}`, /top-level key "environment"/],
            ["not JSON", `{env:`, /not valid JSON/],
        ];
        for (const [name, doc, pattern] of cases) {
            it(name, () => {
                const problems = vpcCniConfigurationProblems(doc);
                assert.ok(problems.some((p) => pattern.test(p)), problems.join("; "));
            });
        }
        it("accepts no configuration at all", () => assert.deepStrictEqual(vpcCniConfigurationProblems(undefined), []));
    });

    it("reads the egress switches", () => {
        assert.ok(v6EgressEnabled(`{"env":{"ENABLE_V6_EGRESS":"true"}}`));
        assert.ok(!v6EgressEnabled(undefined));
        assert.ok(v4EgressEnabled(undefined));
        assert.ok(!v4EgressEnabled(`{"env":{"ENABLE_V4_EGRESS":"false"}}`));
    });
});
