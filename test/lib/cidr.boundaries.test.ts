/**
 * lib/cidr.ts on its boundaries (issue 20): the exact fit, one over, one under, and blocks that
 * touch without overlapping. The comfortable middle is in cidr.test.ts.
 */
import * as assert from "assert";
import {
    addressInCidr, cidrContains, cidrsOverlap, hostCidr, ipv6SubnetCidr, nat64Embedded, nat64Synthesize,
    nthAddress, nthSubblock, planIpv4Subnets, requireCidr, validateIpv6Indexes,
} from "../../lib/cidr";

describe("lib/cidr boundaries", () => {
    describe("planIpv4Subnets: what fits", () => {
        it("fills a VPC exactly: the last subnet ends on the VPC's last address", () => {
            const plan = planIpv4Subnets("k", "10.0.0.0/24", [{ tier: "private", prefixLength: 26, count: 4 }]);
            assert.deepStrictEqual(plan.private, ["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26", "10.0.0.192/26"]);
        });
        it("one subnet more than fits is refused, naming the key, the block and the request", () => {
            assert.throws(
                () => planIpv4Subnets("appVpc.cidr", "10.0.0.0/24", [{ tier: "private", prefixLength: 26, count: 5 }]),
                (e: Error) => /appVpc\.cidr/.test(e.message) && /10\.0\.0\.0\/24/.test(e.message) && /5 x \/26 \(private\) do not fit/.test(e.message),
            );
        });
        it("alignment counts: a /25 after a /26 starts at .128 and still fits; one more /26 after it does not", () => {
            const plan = planIpv4Subnets("k", "10.0.0.0/24", [
                { tier: "a", prefixLength: 26, count: 1 },
                { tier: "b", prefixLength: 25, count: 1 },
            ]);
            assert.deepStrictEqual(plan, { a: ["10.0.0.0/26"], b: ["10.0.0.128/25"] });
            assert.throws(() => planIpv4Subnets("k", "10.0.0.0/24", [
                { tier: "a", prefixLength: 26, count: 1 },
                { tier: "b", prefixLength: 25, count: 1 },
                { tier: "c", prefixLength: 26, count: 1 },
            ]), /do not fit/);
        });
        it("a subnet as large as the VPC fits once; /28 is the smallest AWS allows, /29 is refused", () => {
            assert.deepStrictEqual(planIpv4Subnets("k", "10.0.0.0/24", [{ tier: "all", prefixLength: 24, count: 1 }]).all, ["10.0.0.0/24"]);
            assert.deepStrictEqual(planIpv4Subnets("k", "10.0.0.0/24", [{ tier: "tiny", prefixLength: 28, count: 1 }]).tiny, ["10.0.0.0/28"]);
            assert.throws(() => planIpv4Subnets("k", "10.0.0.0/24", [{ tier: "tiny", prefixLength: 29, count: 1 }]), /between \/24 \(the VPC's\) and \/28/);
        });
        it("a tier of zero subnets takes no room", () => {
            const plan = planIpv4Subnets("k", "10.0.0.0/24", [{ tier: "none", prefixLength: 24, count: 0 }, { tier: "all", prefixLength: 24, count: 1 }]);
            assert.deepStrictEqual(plan, { none: [], all: ["10.0.0.0/24"] });
        });
        it("VPC sizes: /16 and /28 are accepted, /15 and /29 refused (VPC user guide, VPC CIDR blocks)", () => {
            assert.doesNotThrow(() => planIpv4Subnets("k", "10.0.0.0/16", []));
            assert.doesNotThrow(() => planIpv4Subnets("k", "10.0.0.0/28", []));
            assert.throws(() => planIpv4Subnets("k", "10.0.0.0/15", []), /\/15/);
            assert.throws(() => planIpv4Subnets("k", "10.0.0.0/29", []), /\/29/);
        });
    });

    describe("IPv6 subnet indexes", () => {
        it("a /56 has indexes 0 to 255: 255 is its last /64, 256 is refused", () => {
            assert.strictEqual(ipv6SubnetCidr("2001:db8:0:100::/56", 255), "2001:db8:0:1ff::/64");
            assert.throws(() => ipv6SubnetCidr("2001:db8:0:100::/56", 256), /from 0 to 255 for a \/56/);
            assert.throws(() => ipv6SubnetCidr("2001:db8:0:100::/56", -1), /from 0 to 255/);
        });
        it("a larger block has more: index 4095 of a /52 is its last /64, 4096 is refused", () => {
            assert.strictEqual(ipv6SubnetCidr("2001:db8:0:1000::/52", 4095), "2001:db8:0:1fff::/64");
            assert.throws(() => ipv6SubnetCidr("2001:db8:0:1000::/52", 4096), /from 0 to 4095 for a \/52/);
        });
        it("validateIpv6Indexes: 0 and 255 are valid; 256 and -1 are not, naming the item's key", () => {
            assert.doesNotThrow(() => validateIpv6Indexes("v", { public: [0], private: [255] }));
            assert.throws(() => validateIpv6Indexes("v", { public: [0], private: [256] }), /v\.private\[0\]/);
            assert.throws(() => validateIpv6Indexes("v", { public: [-1] }), /v\.public\[0\]/);
        });
        it("an index repeated within one tier is refused too, naming both items", () => {
            assert.throws(() => validateIpv6Indexes("v", { private: [7, 7] }), /v\.private\[1\].*already used by v\.private\[0\]/s);
        });
    });

    describe("blocks that touch", () => {
        const table: [string, string, boolean][] = [
            ["10.0.0.0/25", "10.0.0.128/25", false], // adjacent: the first ends one address before the second
            ["10.0.0.0/25", "10.0.0.127/32", true], // the last address of the first
            ["10.0.0.128/25", "10.0.0.127/32", false],
            ["2001:db8::/64", "2001:db8:0:1::/64", false],
            ["2001:db8::/63", "2001:db8:0:1::/64", true],
            ["10.0.0.0/8", "0.0.0.0/0", true],
            ["10.0.0.0/24", "::/0", false], // different families never overlap
        ];
        for (const [a, b, expected] of table) {
            it(`${a} and ${b} ${expected ? "overlap" : "do not overlap"}, both ways`, () => {
                assert.strictEqual(cidrsOverlap(a, b), expected);
                assert.strictEqual(cidrsOverlap(b, a), expected);
            });
        }
        it("contains: equal blocks and the last address yes; one address past the end, or a larger block, no", () => {
            assert.ok(cidrContains("10.0.0.0/24", "10.0.0.0/24"));
            assert.ok(cidrContains("10.0.0.0/24", "10.0.0.255/32"));
            assert.ok(!cidrContains("10.0.0.0/24", "10.0.1.0/32"));
            assert.ok(!cidrContains("10.0.0.0/24", "10.0.0.0/23"));
            assert.ok(!cidrContains("10.0.0.0/24", "not-a-cidr"));
            assert.ok(addressInCidr("10.0.0.255", "10.0.0.0/24"));
            assert.ok(!addressInCidr("10.0.1.0", "10.0.0.0/24"));
            assert.ok(addressInCidr("2001:db8::ffff", "2001:db8::/64"));
        });
    });

    describe("the n-th block and address", () => {
        it("nthSubblock: the last /26 of a /24 is index 3; index 4 is refused", () => {
            assert.strictEqual(nthSubblock("10.0.0.0/24", 26, 3), "10.0.0.192/26");
            assert.throws(() => nthSubblock("10.0.0.0/24", 26, 4), /fewer than 5 blocks of \/26/);
            // Single-address blocks: the last one starts on the parent's last address.
            assert.strictEqual(nthSubblock("169.254.10.0/30", 32, 3), "169.254.10.3/32");
            assert.throws(() => nthSubblock("169.254.10.0/30", 32, 4), /fewer than 5 blocks of \/32/);
        });
        it("nthSubblock: a prefix equal to the parent's is index 0 of itself; one shorter or past 32 is refused", () => {
            assert.strictEqual(nthSubblock("10.0.0.0/24", 24, 0), "10.0.0.0/24");
            assert.throws(() => nthSubblock("10.0.0.0/24", 23, 0), /between \/24 and \/32/);
            assert.throws(() => nthSubblock("10.0.0.0/24", 33, 0), /between \/24 and \/32/);
            assert.strictEqual(nthSubblock("2001:db8::/64", 128, 1), "2001:db8::1/128");
        });
        it("nthAddress: the last address of a /30 is index 3; index 4 is refused", () => {
            assert.strictEqual(nthAddress("169.254.10.0/30", 3), "169.254.10.3");
            assert.throws(() => nthAddress("169.254.10.0/30", 4), /smaller than 5 addresses/);
        });
    });

    describe("NAT64 (RFC 6052 well-known prefix)", () => {
        it("synthesizes and recovers the IPv4 block, down to a single address", () => {
            assert.strictEqual(nat64Synthesize("10.20.0.0/19"), "64:ff9b::a14:0/115");
            assert.strictEqual(nat64Synthesize("10.20.0.10/32"), "64:ff9b::a14:a/128");
            assert.strictEqual(nat64Embedded("64:ff9b::a14:0/115"), "10.20.0.0/19");
            assert.strictEqual(nat64Embedded("64:ff9b::/96"), "0.0.0.0/0");
        });
        it("a block outside 64:ff9b::/96, or larger than it, embeds nothing", () => {
            assert.strictEqual(nat64Embedded("64:ff9b::/95"), undefined);
            assert.strictEqual(nat64Embedded("64:ff9b:1::/112"), undefined);
            assert.strictEqual(nat64Embedded("10.0.0.0/8"), undefined);
            assert.throws(() => nat64Synthesize("2001:db8::/64"), /use an IPv4 CIDR/);
        });
        it("hostCidr: an address becomes its host block; a CIDR or a non-address does not", () => {
            assert.strictEqual(hostCidr("10.0.0.1"), "10.0.0.1/32");
            assert.strictEqual(hostCidr("2001:db8::1"), "2001:db8::1/128");
            assert.strictEqual(hostCidr("10.0.0.0/24"), undefined);
            assert.strictEqual(hostCidr("ec2.us-west-2.amazonaws.com"), undefined);
        });
    });

    describe("requireCidr prefix bounds", () => {
        it("accepts the bounds themselves and refuses one past each, naming the key", () => {
            assert.doesNotThrow(() => requireCidr("k", "10.0.0.0/16", "ipv4", { minPrefix: 16, maxPrefix: 28 }));
            assert.doesNotThrow(() => requireCidr("k", "10.0.0.0/28", "ipv4", { minPrefix: 16, maxPrefix: 28 }));
            assert.throws(() => requireCidr("clusterVpc.cidr", "10.0.0.0/15", "ipv4", { minPrefix: 16, maxPrefix: 28 }), /clusterVpc\.cidr/);
            assert.throws(() => requireCidr("clusterVpc.cidr", "10.0.0.0/29", "ipv4", { minPrefix: 16, maxPrefix: 28 }), /clusterVpc\.cidr/);
        });
    });
});
