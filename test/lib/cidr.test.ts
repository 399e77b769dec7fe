import * as assert from "assert";
import { assertNoIpv4Overlap, cidrContains, cidrsOverlap, ipv6SubnetCidr, isDefaultRoute, planIpv4Subnets, requireCidr, validateIpv6Indexes } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";

describe("lib/cidr", () => {
    describe("ipv6SubnetCidr", () => {
        const table: [string, number, string][] = [
            ["2001:db8:0:100::/56", 0, "2001:db8:0:100::/64"],
            ["2001:db8:0:100::/56", 1, "2001:db8:0:101::/64"],
            ["2001:db8:0:100::/56", 16, "2001:db8:0:110::/64"],
            ["2001:db8:0:100::/56", 255, "2001:db8:0:1ff::/64"],
            ["2600:1f14:abc:de00::/56", 3, "2600:1f14:abc:de03::/64"],
        ];
        for (const [vpc, index, expected] of table) {
            it(`index ${index} of ${vpc} is ${expected}`, () => assert.strictEqual(ipv6SubnetCidr(vpc, index), expected));
        }
        it("refuses index 256 of a /56", () => assert.throws(() => ipv6SubnetCidr("2001:db8:0:100::/56", 256), /from 0 to 255/));
        it("refuses an IPv4 block", () => assert.throws(() => ipv6SubnetCidr("10.0.0.0/16", 0), ConfigError));
    });

    describe("validateIpv6Indexes", () => {
        it("accepts distinct indexes 0..255", () => validateIpv6Indexes("k", { public: [0, 1], private: [16, 255] }));
        it("names the key and value of an index outside 0-255", () => {
            assert.throws(() => validateIpv6Indexes("clusterVpc.ipv6SubnetIndexes", { public: [0, 256] }), (e: ConfigError) => {
                assert.strictEqual(e.key, "clusterVpc.ipv6SubnetIndexes.public[1]");
                assert.strictEqual(e.value, 256);
                assert.match(e.message, /0 to 255/);
                return true;
            });
        });
        it("refuses a negative or fractional index", () => {
            assert.throws(() => validateIpv6Indexes("k", { public: [-1] }), /0 to 255/);
            assert.throws(() => validateIpv6Indexes("k", { public: [1.5] }), /0 to 255/);
        });
        it("refuses an index used twice across tiers", () => {
            assert.throws(() => validateIpv6Indexes("k", { public: [3], private: [3] }), /already used by k\.public\[0\]/);
        });
    });

    describe("planIpv4Subnets", () => {
        it("carves aligned, disjoint blocks per tier", () => {
            const plan = planIpv4Subnets("k", "10.10.0.0/16", [
                { tier: "private", prefixLength: 20, count: 2 },
                { tier: "public", prefixLength: 24, count: 2 },
            ]);
            assert.deepStrictEqual(plan, { private: ["10.10.0.0/20", "10.10.16.0/20"], public: ["10.10.32.0/24", "10.10.33.0/24"] });
        });
        it("aligns a larger block after a smaller one", () => {
            const plan = planIpv4Subnets("k", "10.0.0.0/16", [
                { tier: "a", prefixLength: 24, count: 1 },
                { tier: "b", prefixLength: 20, count: 1 },
            ]);
            assert.deepStrictEqual(plan.b, ["10.0.16.0/20"]);
        });
        it("says what does not fit", () => {
            assert.throws(() => planIpv4Subnets("appVpc.cidr", "10.0.0.0/24", [{ tier: "private", prefixLength: 25, count: 3 }]), /3 x \/25 \(private\) do not fit/);
        });
        it("refuses a subnet prefix shorter than the VPC's", () => {
            assert.throws(() => planIpv4Subnets("k", "10.0.0.0/20", [{ tier: "private", prefixLength: 19, count: 1 }]), /between \/20 \(the VPC's\) and \/28/);
        });
    });

    describe("requireCidr", () => {
        it("names key, value and fix for a malformed CIDR", () => {
            assert.throws(() => requireCidr("clusterVpc.cidr", "10.0.0.300/16", "ipv4"), (e: ConfigError) => {
                assert.strictEqual(e.key, "clusterVpc.cidr");
                assert.strictEqual(e.value, "10.0.0.300/16");
                assert.match(e.message, /clusterVpc\.cidr: "10\.0\.0\.300\/16" is invalid; use an IPv4 CIDR such as 10\.0\.0\.0\/16/);
                return true;
            });
        });
        it("refuses host bits", () => assert.throws(() => requireCidr("k", "10.0.0.1/16", "ipv4"), /network address 10\.0\.0\.0\/16/));
        it("refuses the wrong family", () => assert.throws(() => requireCidr("k", "2001:db8::/56", "ipv4"), /IPv4 CIDR/));
    });

    describe("overlap and containment", () => {
        const overlaps: [string, string, boolean][] = [
            ["10.0.0.0/16", "10.0.255.0/24", true],
            ["10.0.0.0/16", "10.1.0.0/16", false],
            ["10.0.0.0/8", "10.200.0.0/16", true],
            ["2001:db8::/56", "2001:db8:0:ff::/64", true],
            ["2001:db8::/56", "2001:db8:0:100::/56", false],
            ["10.0.0.0/16", "2001:db8::/56", false],
        ];
        for (const [a, b, expected] of overlaps) it(`${a} ~ ${b}: ${expected}`, () => assert.strictEqual(cidrsOverlap(a, b), expected));
        it("contains", () => {
            assert.ok(cidrContains("2001:db8::/56", "2001:db8:0:10::/64"));
            assert.ok(!cidrContains("2001:db8:0:10::/64", "2001:db8::/56"));
        });
        it("refuses overlapping joined VPCs, naming both keys", () => {
            assert.throws(
                () => assertNoIpv4Overlap([{ key: "clusterVpc.cidr", cidr: "10.0.0.0/16" }, { key: "appVpc.cidr", cidr: "10.0.128.0/17" }]),
                /appVpc\.cidr: "10\.0\.128\.0\/17" is invalid; it overlaps clusterVpc\.cidr \(10\.0\.0\.0\/16\)/,
            );
        });
    });

    describe("isDefaultRoute", () => {
        for (const spelling of ["0.0.0.0/0", "::/0", "0:0:0:0:0:0:0:0/0", "::0/0", "0000:0000::/0"]) {
            it(`${spelling} is a default route`, () => assert.ok(isDefaultRoute(spelling)));
        }
        for (const not of ["0.0.0.0/1", "::/1", "10.0.0.0/8", "garbage", "64:ff9b::/96"]) {
            it(`${not} is not`, () => assert.ok(!isDefaultRoute(not)));
        }
    });
});
