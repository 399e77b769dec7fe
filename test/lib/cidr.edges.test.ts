/**
 * lib/cidr.ts at its edges (issue 20, mutation survivors): values that are not CIDRs (not text, no
 * prefix), the other family, the exact key, value and fix of each ConfigError, the first and last
 * block that fits, and the NAT64 helpers on the wrong family. cidr.test.ts and
 * cidr.boundaries.test.ts cover the typical blocks.
 */
import * as assert from "assert";
import {
    assertNoIpv4Overlap, cidrContains, cidrsOverlap, hostCidr, ipv6SubnetCidr, isNetworkAligned, nat64Embedded, nat64Synthesize, nthAddress, nthSubblock, planIpv4Subnets,
    requireCidr, tryParseCidr,
} from "../../lib/cidr";
import { configErrorParts as configError } from "../helpers/configError";

describe("lib/cidr edges: what is not a CIDR", () => {
    it("non-text, and an address without a prefix, are not CIDRs", () => {
        assert.strictEqual(tryParseCidr(16 as unknown as string), undefined);
        assert.strictEqual(tryParseCidr(["10.0.0.0/8"] as unknown as string), undefined);
        assert.strictEqual(tryParseCidr("10.0.0.0"), undefined);
        assert.strictEqual(tryParseCidr("2001:db8::"), undefined);
        assert.strictEqual(isNetworkAligned("10.0.0.0"), false);
        assert.strictEqual(isNetworkAligned("nonsense/8"), false);
    });
    it("overlap and containment are false for a malformed block or the other family, never a crash", () => {
        assert.strictEqual(cidrsOverlap("nonsense", "10.0.0.0/8"), false);
        assert.strictEqual(cidrsOverlap("10.0.0.0/8", "nonsense"), false);
        assert.strictEqual(cidrContains("::/0", "10.0.0.0/8"), false);
        assert.strictEqual(cidrContains("0.0.0.0/0", "::/128"), false);
    });
    it("hostCidr: an address, not a CIDR and not text", () => {
        assert.strictEqual(hostCidr("10.0.0.1"), "10.0.0.1/32");
        assert.strictEqual(hostCidr("2001:db8::1"), "2001:db8::1/128");
        assert.strictEqual(hostCidr("10.0.0.1/32"), undefined);
        assert.strictEqual(hostCidr(5 as unknown as string), undefined);
    });
});

describe("lib/cidr edges: each ConfigError's key, value and fix", () => {
    it("requireCidr: the other family names the asked family and its example", () => {
        assert.deepStrictEqual(configError(() => requireCidr("k", "10.0.0.0/16", "ipv6")), ["k", "10.0.0.0/16", "use an IPv6 CIDR such as 2001:db8:100::/56"]);
        assert.deepStrictEqual(configError(() => requireCidr("k", "2001:db8::/56", "ipv4")), ["k", "2001:db8::/56", "use an IPv4 CIDR such as 10.0.0.0/16"]);
    });
    it("requireCidr: the prefix range, with the default bounds of each family", () => {
        assert.deepStrictEqual(configError(() => requireCidr("k", "10.0.0.0/8", "ipv4", { minPrefix: 16 })), ["k", "10.0.0.0/8", "the prefix length must be between /16 and /32"]);
        assert.deepStrictEqual(configError(() => requireCidr("k", "2001:db8::/64", "ipv6", { maxPrefix: 56 })), ["k", "2001:db8::/64", "the prefix length must be between /0 and /56"]);
    });
    it("planIpv4Subnets: a tier prefix out of range names the tier and the prefix", () => {
        assert.deepStrictEqual(configError(() => planIpv4Subnets("vpc.cidr", "10.0.0.0/16", [{ tier: "public", prefixLength: 29, count: 1 }])),
            ["vpc.cidr (public subnets)", "/29", "a public subnet prefix must be between /16 (the VPC's) and /28"]);
    });
    it("planIpv4Subnets: tiers that do not fit list every tier", () => {
        assert.deepStrictEqual(configError(() => planIpv4Subnets("vpc.cidr", "10.0.0.0/24", [{ tier: "public", prefixLength: 25, count: 2 }, { tier: "private", prefixLength: 26, count: 1 }])),
            ["vpc.cidr", "10.0.0.0/24", "2 x /25 (public) + 1 x /26 (private) do not fit; use a larger VPC block or longer subnet prefixes"]);
    });
    it("ipv6SubnetCidr: the VPC block must be /44 to /56, named as the VPC IPv6 CIDR", () => {
        assert.deepStrictEqual(configError(() => ipv6SubnetCidr("2001:db8::/64", 0)), ["VPC IPv6 CIDR", "2001:db8::/64", "the prefix length must be between /44 and /56"]);
        assert.deepStrictEqual(configError(() => ipv6SubnetCidr("10.0.0.0/16", 0)), ["VPC IPv6 CIDR", "10.0.0.0/16", "use an IPv6 CIDR such as 2001:db8:100::/56"]);
        assert.strictEqual(ipv6SubnetCidr("2001:db8::/44", 1), "2001:db8:0:1::/64");
        assert.deepStrictEqual(configError(() => ipv6SubnetCidr("2001:db8::/56", 256)), ["IPv6 subnet index", 256, "it must be an integer from 0 to 255 for a /56"]);
    });
    it("nthSubblock and nthAddress: a malformed block, a prefix out of range, an index past the end", () => {
        assert.deepStrictEqual(configError(() => nthSubblock("nonsense", 24, 0)), ["CIDR", "nonsense", "use a valid CIDR"]);
        assert.deepStrictEqual(configError(() => nthSubblock("10.0.0.0/16", 8, 0)), ["prefix length", 8, "it must be between /16 and /32"]);
        assert.deepStrictEqual(configError(() => nthSubblock("10.0.0.0/16", 17, 2)), ["block index", 2, "10.0.0.0/16 has fewer than 3 blocks of /17"]);
        assert.strictEqual(nthSubblock("10.0.0.0/16", 17, 1), "10.0.128.0/17");
        assert.deepStrictEqual(configError(() => nthAddress("nonsense", 0)), ["CIDR", "nonsense", "use a valid CIDR"]);
        assert.deepStrictEqual(configError(() => nthAddress("10.0.0.0/30", 4)), ["host index", 4, "10.0.0.0/30 is smaller than 5 addresses"]);
        assert.strictEqual(nthAddress("10.0.0.0/30", 3), "10.0.0.3");
    });
    it("assertNoIpv4Overlap: the last of three blocks overlapping the first is found", () => {
        assert.deepStrictEqual(configError(() => assertNoIpv4Overlap([{ key: "a", cidr: "10.0.0.0/16" }, { key: "b", cidr: "10.1.0.0/16" }, { key: "c", cidr: "10.0.128.0/17" }])),
            ["c", "10.0.128.0/17", "it overlaps a (10.0.0.0/16); VPCs joined by peering or a transit gateway need disjoint IPv4 CIDRs, so pick a block outside 10.0.0.0/16"]);
        assert.doesNotThrow(() => assertNoIpv4Overlap([{ key: "a", cidr: "10.0.0.0/16" }, { key: "b", cidr: "10.1.0.0/16" }]));
    });
});

describe("lib/cidr edges: NAT64 helpers on the wrong family", () => {
    it("nat64Synthesize refuses an IPv6 block, naming it as the IPv4 CIDR", () => {
        assert.deepStrictEqual(configError(() => nat64Synthesize("2001:db8::/56")), ["IPv4 CIDR", "2001:db8::/56", "use an IPv4 CIDR such as 10.0.0.0/16"]);
        assert.deepStrictEqual(configError(() => nat64Synthesize("nonsense")), ["IPv4 CIDR", "nonsense", "use an IPv4 CIDR such as 10.0.0.0/16"]);
    });
    it("nat64Embedded: an IPv4 block or nonsense embeds nothing", () => {
        assert.strictEqual(nat64Embedded("10.0.0.0/8"), undefined);
        assert.strictEqual(nat64Embedded("0.0.0.0/0"), undefined);
        assert.strictEqual(nat64Embedded("nonsense"), undefined);
        assert.strictEqual(nat64Embedded("64:ff9b::a00:0/104"), "10.0.0.0/8");
    });
});
