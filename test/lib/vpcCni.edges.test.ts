/**
 * lib/vpcCni.ts at its edges (issue 20, mutation survivors): version spellings, the IPv6 floor on
 * an IPv4 cluster, the key and value each ConfigError names, configurationValues documents that are
 * empty, not objects, or hold env as something other than a map, and the egress readers on odd
 * documents. vpcCni.test.ts covers the typical settings.
 */
import * as assert from "assert";
import { buildVpcCniConfiguration, cniAtLeast, cniSemver, v4EgressEnabled, v6EgressEnabled, vpcCniConfigurationProblems } from "../../lib/vpcCni";
import { thrownConfigError as configError } from "../helpers/configError";

describe("lib/vpcCni edges: versions", () => {
    it("spaces around a version are ignored; only a leading v is dropped", () => {
        assert.strictEqual(cniSemver(" v1.20.4-eksbuild.1 "), "1.20.4");
        assert.strictEqual(cniSemver("1.20.4v"), undefined);
        assert.strictEqual(cniSemver("1.v20.4"), undefined);
    });
    it("a version that is no version is never at least a floor", () => {
        assert.strictEqual(cniAtLeast("newest", "0.0.0"), false);
        assert.strictEqual(cniAtLeast("v1.10.1-eksbuild.1", "1.10.1"), true);
    });
    it("an IPv4 cluster may pin a version below the IPv6 floor", () => {
        assert.deepStrictEqual(buildVpcCniConfiguration({ ipFamily: "ipv4", addonVersion: "v1.9.0-eksbuild.1" }), {});
    });
});

describe("lib/vpcCni edges: each error names its key, the value and the fix", () => {
    it("a malformed version: <key>.version", () => {
        const e = configError(() => buildVpcCniConfiguration({ ipFamily: "ipv4", addonVersion: "newest", key: "cluster.vpcCni" }));
        assert.deepStrictEqual([e.key, e.value], ["cluster.vpcCni.version", "newest"]);
    });
    it("an IPv6 cluster below the floor: <key>.version with the floor", () => {
        const e = configError(() => buildVpcCniConfiguration({ ipFamily: "ipv6", addonVersion: "v1.10.0-eksbuild.1" }));
        assert.deepStrictEqual([e.key, e.value, e.fix], ["vpcCni.version", "v1.10.0-eksbuild.1", "IPv6 clusters need vpc-cni 1.10.1 or later"]);
    });
    it("v6 egress on an IPv6 cluster: <key>.v6Egress, value true", () => {
        const e = configError(() => buildVpcCniConfiguration({ ipFamily: "ipv6", v6Egress: true, key: "c" }));
        assert.deepStrictEqual([e.key, e.value, e.fix], ["c.v6Egress", true, "v6 egress is for IPv4 clusters; IPv6 cluster pods already have IPv6, so set it to false"]);
    });
    it("v4 egress off on an IPv4 cluster: <key>.v4Egress, value false", () => {
        const e = configError(() => buildVpcCniConfiguration({ ipFamily: "ipv4", v4Egress: false, key: "c" }));
        assert.deepStrictEqual([e.key, e.value, e.fix], ["c.v4Egress", false, "v4 egress is for IPv6 clusters; IPv4 cluster pods already have IPv4, so remove the setting"]);
        assert.deepStrictEqual(buildVpcCniConfiguration({ ipFamily: "ipv4", v4Egress: true }), {});
    });
});

describe("lib/vpcCni edges: configurationValues documents", () => {
    it("an empty document is no document", () => assert.deepStrictEqual(vpcCniConfigurationProblems(""), []));
    it("a document that is not an object: null, a list, a number, a string", () => {
        for (const doc of ["null", "[]", "5", '"env"']) {
            assert.deepStrictEqual(vpcCniConfigurationProblems(doc), ["configurationValues must be a JSON object"], doc);
        }
    });
    it("env or init.env that is not a map", () => {
        assert.deepStrictEqual(vpcCniConfigurationProblems('{"env": null}'), ["env must be an object"]);
        assert.deepStrictEqual(vpcCniConfigurationProblems('{"env": "x"}'), ["env must be an object"]);
        assert.deepStrictEqual(vpcCniConfigurationProblems('{"init": {"env": 5}}'), ["init.env must be an object"]);
    });
    it("a problem in init.env is named init.env", () => {
        assert.deepStrictEqual(vpcCniConfigurationProblems('{"init": {"env": {"ENABLE_V6_EGRESS": true}}, "env": {"ENABLE_V6_EGRESS": "true"}}'), [
            'init.env.ENABLE_V6_EGRESS must be a string such as "true", not true',
            'ENABLE_V6_EGRESS must be "true" in both env and init.env (amazon-vpc-cni-k8s#3124); it is set only in env',
        ]);
    });
    it("the egress readers on documents without env, with env null, and not JSON", () => {
        for (const doc of [undefined, "{}", '{"env": null}', "null"]) {
            assert.strictEqual(v6EgressEnabled(doc), false, String(doc));
            assert.strictEqual(v4EgressEnabled(doc), true, String(doc));
        }
        assert.strictEqual(v6EgressEnabled("{not json"), false);
        assert.strictEqual(v4EgressEnabled("{not json"), true);
        assert.strictEqual(v6EgressEnabled('{"env": {"ENABLE_V6_EGRESS": "true"}}'), true);
        assert.strictEqual(v4EgressEnabled('{"env": {"ENABLE_V4_EGRESS": "false"}}'), false);
    });
});
