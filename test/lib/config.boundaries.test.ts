/**
 * lib/config.ts on its boundaries (issue 20): node counts at and one past min/desired/max, CIDR
 * prefixes at and one past their bounds, image pins, and the messages YAML users see for the
 * wrong kind of value (an unquoted version read as a number, a number in quotes, a list where a
 * map goes), each naming the full key, the value and the fix.
 */
import * as assert from "assert";
import { z } from "zod";
import { clusterSchema, parseConfig, pinnedImageSchema, portSchema, vpcSchema } from "../../lib/config";
import { thrownConfigError } from "../helpers/configError";

const schema = z.strictObject({
    clusterVpc: vpcSchema,
    cluster: clusterSchema.prefault({}),
    port: portSchema.default(80),
    image: pinnedImageSchema.default("nicolaka/netshoot:v0.13"),
    enabled: z.boolean().default(true),
    names: z.array(z.string()).max(2).default([]),
    label: z.string().min(2).max(4).default("abc"),
    mode: z.enum(["generated", "ipam"]).default("generated"),
});
const VPC = { cidr: "10.0.0.0/16" };

const messageOf = (raw: Record<string, unknown>): string => thrownConfigError(() => parseConfig(schema, raw)).message;
const accepts = (raw: Record<string, unknown>) => assert.doesNotThrow(() => parseConfig(schema, { clusterVpc: VPC, ...raw }));

describe("lib/config boundaries", () => {
    describe("node group sizes: min <= desired <= max", () => {
        it("pins the defaults: desired 2, min 1, max 3", () => {
            assert.deepStrictEqual(parseConfig(schema, { clusterVpc: VPC }).cluster.nodes, { desired: 2, min: 1, max: 3 });
        });
        it("accepts every count equal: 1/1/1 and 3/3/3", () => {
            accepts({ cluster: { nodes: { min: 1, desired: 1, max: 1 } } });
            accepts({ cluster: { nodes: { min: 3, desired: 3, max: 3 } } });
        });
        it("min one above max is refused on nodes.min, with the fix", () => {
            assert.match(messageOf({ clusterVpc: VPC, cluster: { nodes: { min: 4, desired: 3, max: 3 } } }),
                /eks-ipv6-interop:cluster\.nodes\.min: 4 is invalid; min \(4\) is larger than max \(3\).*raise max to 4 or more/);
        });
        it("desired one below min, and one above max, are refused on nodes.desired", () => {
            assert.match(messageOf({ clusterVpc: VPC, cluster: { nodes: { min: 2, desired: 1, max: 3 } } }),
                /cluster\.nodes\.desired: 1 is invalid; desired \(1\) is below min \(2\); use a desired count from 2 to 3/);
            assert.match(messageOf({ clusterVpc: VPC, cluster: { nodes: { min: 1, desired: 4, max: 3 } } }),
                /cluster\.nodes\.desired: 4 is invalid; desired \(4\) is above max \(3\); use a desired count from 1 to 3, or raise max/);
        });
        it("a zero is reported once, on its own key, not also as an ordering problem", () => {
            const m = messageOf({ clusterVpc: VPC, cluster: { nodes: { min: 0, desired: 2, max: 3 } } });
            assert.match(m, /cluster\.nodes\.min: 0 is invalid; must be at least 1/);
            assert.doesNotMatch(m, /larger than|below min|above max/);
        });
    });

    describe("CIDR prefixes", () => {
        it("a VPC block of /16 and of /28 is accepted; /15 and /29 name the bounds", () => {
            accepts({ clusterVpc: { cidr: "10.0.0.0/16" } });
            accepts({ clusterVpc: { cidr: "10.0.0.0/28" } });
            assert.match(messageOf({ clusterVpc: { cidr: "10.0.0.0/15" } }), /clusterVpc\.cidr: "10\.0\.0\.0\/15" is invalid; the prefix length must be between \/16 and \/28/);
            assert.match(messageOf({ clusterVpc: { cidr: "10.0.0.0/29" } }), /the prefix length must be between \/16 and \/28/);
        });
        it("an IPv6 block where IPv4 goes asks for IPv4; host bits name the network address", () => {
            assert.match(messageOf({ clusterVpc: { cidr: "2001:db8::/56" } }), /use an IPv4 CIDR such as 10\.0\.0\.0\/16/);
            assert.match(messageOf({ clusterVpc: { cidr: "10.0.0.1/16" } }), /host bits are set; use the network address 10\.0\.0\.0\/16/);
        });
        it("API access CIDRs take either family, up to a host, and never the whole internet", () => {
            accepts({ cluster: { apiPublicAccessCidrs: ["198.51.100.7/32", "2001:db8::1/128"] } });
            assert.match(messageOf({ clusterVpc: VPC, cluster: { apiPublicAccessCidrs: ["0.0.0.0/0"] } }), /must not be open to the world/);
            assert.match(messageOf({ clusterVpc: VPC, cluster: { apiPublicAccessCidrs: ["::/0"] } }), /must not be open to the world/);
            assert.match(messageOf({ clusterVpc: VPC, cluster: { apiPublicAccessCidrs: ["example"] } }), /use an IPv4 or IPv6 CIDR such as 203\.0\.113\.10\/32/);
        });
    });

    describe("ports and images", () => {
        it("ports 1 and 65535 are accepted; 0 and 65536 are refused with the range", () => {
            accepts({ port: 1 });
            accepts({ port: 65535 });
            assert.match(messageOf({ clusterVpc: VPC, port: 0 }), /eks-ipv6-interop:port: 0 is invalid; use a TCP port from 1 to 65535/);
            assert.match(messageOf({ clusterVpc: VPC, port: 65536 }), /use a TCP port from 1 to 65535/);
        });
        it("an image pinned by tag or by digest is accepted; latest, no tag, or a short digest is refused", () => {
            const digest = "a".repeat(64);
            accepts({ image: "registry.k8s.io/e2e-test-images/agnhost:2.53" });
            accepts({ image: `nicolaka/netshoot@sha256:${digest}` });
            accepts({ image: `localhost:5000/netshoot:v1@sha256:${digest}` });
            for (const bad of ["nicolaka/netshoot:latest", "nicolaka/netshoot", `nicolaka/netshoot@sha256:${"a".repeat(63)}`, "localhost:5000/netshoot"]) {
                assert.match(messageOf({ clusterVpc: VPC, image: bad }), /pin the image by digest/, bad);
            }
        });
    });

    describe("the wrong kind of value, as YAML users write it", () => {
        it("an unquoted value YAML read as a number where text goes: quote it; a fraction warns that YAML dropped trailing zeros", () => {
            assert.match(messageOf({ clusterVpc: VPC, cluster: { vpcCniVersion: 19 } }), /cluster\.vpcCniVersion: 19 is invalid; YAML read the unquoted value as the number 19; write it in quotes: "19"$/);
            assert.match(messageOf({ clusterVpc: VPC, cluster: { vpcCniVersion: 1.2 } }), /the number 1\.2 \(it drops trailing zeros: 1\.30 becomes 1\.3\); write it in quotes as you meant it, for example "1\.20" or "1\.2"/);
            // The catalogued Kubernetes version has its own wording.
            assert.match(messageOf({ clusterVpc: VPC, cluster: { kubernetesVersion: 1.35 } }), /kubernetesVersion: 1\.35 is invalid; YAML read the unquoted version as the number 1\.35 .*quote it: kubernetesVersion: "1\.35"/);
        });
        it("a number in quotes is text: write it without quotes; other text asks for a number", () => {
            assert.match(messageOf({ clusterVpc: VPC, port: "8080" }), /port: "8080" is invalid; a number in quotes is text; write it without quotes/);
            assert.doesNotMatch(messageOf({ clusterVpc: VPC, port: "http" }), /in quotes/);
            assert.doesNotMatch(messageOf({ clusterVpc: VPC, port: " " }), /in quotes/);
        });
        it("a fraction where a whole number goes, a string where true/false goes, a list where a map goes", () => {
            assert.match(messageOf({ clusterVpc: VPC, cluster: { nodes: { desired: 2.5 } } }), /nodes\.desired: 2\.5 is invalid/);
            assert.match(messageOf({ clusterVpc: VPC, enabled: "yes" }), /enabled: "yes" is invalid; use true or false, without quotes/);
            assert.match(messageOf({ clusterVpc: VPC, cluster: [] }), /eks-ipv6-interop:cluster: \[\] is invalid; use a map of keys/);
            assert.match(messageOf({ clusterVpc: VPC, names: "a" }), /names: "a" is invalid; use a list: \[a, b\] or one "- item" line each/);
        });
        it("a required key left out says so", () => {
            assert.match(messageOf({}), /eks-ipv6-interop:clusterVpc.*required and not set/);
        });
        it("sizes: one item too many and one character too few or too many name the bound", () => {
            assert.match(messageOf({ clusterVpc: VPC, names: ["a", "b", "c"] }), /names: .* is invalid; takes at most 2 items/);
            accepts({ names: ["a", "b"] });
            assert.match(messageOf({ clusterVpc: VPC, label: "a" }), /label: "a" is invalid; needs at least 2 characters/);
            assert.match(messageOf({ clusterVpc: VPC, label: "abcde" }), /takes at most 4 characters/);
            accepts({ label: "ab" });
            accepts({ label: "abcd" });
        });
        it("an enumeration value near a valid one gets a did-you-mean; every problem gets its own line", () => {
            const m = messageOf({ clusterVpc: VPC, mode: "ipma", port: 0 });
            assert.match(m, /\neks-ipv6-interop:mode: "ipma" is invalid; use one of "generated", "ipam"; did you mean "ipam"\?$/);
            assert.match(m, /^eks-ipv6-interop:port: 0 is invalid; use a TCP port from 1 to 65535\n/);
        });
        it("an unknown key near a known one gets a did-you-mean; otherwise the keys are listed", () => {
            assert.match(messageOf({ clusterVpc: VPC, cluster: { instancetype: "t3.medium" } }), /cluster\.instancetype.*unknown key.*did you mean "instanceType"/s);
            assert.match(messageOf({ clusterVpc: VPC, cluster: { zzz: 1 } }), /cluster\.zzz.*unknown key; the keys here are kubernetesVersion, instanceType, nodes, apiPublicAccessCidrs, vpcCniVersion/s);
        });
    });
});
