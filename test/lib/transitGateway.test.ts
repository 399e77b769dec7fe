import * as assert from "assert";
import { ConfigError } from "../../lib/errors";
import { HANDFUL_ROUTES_PER_FAMILY, isValidAmazonSideAsn, routeDestination, TgwMemberSpec, tgwRouteMatrix, tgwSummaryRoutes, validateSummaries, validateTgwMembers, VPC_ROUTES_PER_TABLE_QUOTA } from "../../lib/transitGateway";

/** A member with one attachment subnet per AZ, all dual-stack when `dualStack`. */
function member(name: string, cidr: string, dualStack: boolean, azs = 2, routeTables = azs): TgwMemberSpec {
    return {
        name,
        configKey: `${name}Vpc`,
        ipv4Cidr: cidr,
        dualStack,
        attachmentSubnets: Array.from({ length: azs }, (_, az) => ({ az, ipv6: dualStack })),
        routeTables,
    };
}

/** n IPv4-only members with disjoint /16s. */
const many = (n: number) => Array.from({ length: n }, (_, i) => member(`m${i}`, `10.${i}.0.0/16`, false));

const expectConfigError = (fn: () => void, key: string, pattern: RegExp) =>
    assert.throws(fn, (e: unknown) => {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
        assert.strictEqual(e.key, key);
        assert.match(e.message, pattern);
        return true;
    });

describe("lib/transitGateway", () => {
    describe("tgwRouteMatrix", () => {
        // [description, members, expected IPv4 routes, expected IPv6 routes]
        const table: [string, TgwMemberSpec[], number, number][] = [
            ["two dual-stack VPCs, 2 route tables each", [member("a", "10.0.0.0/16", true), member("b", "10.1.0.0/16", true)], 4, 4],
            ["dual-stack and IPv4-only: no IPv6 route on either side", [member("a", "10.0.0.0/16", true), member("b", "10.1.0.0/16", false)], 4, 0],
            ["three members, one IPv4-only", [member("a", "10.0.0.0/16", true), member("b", "10.1.0.0/16", true), member("c", "10.2.0.0/16", false)], 12, 4],
            ["route tables differ per member", [member("a", "10.0.0.0/16", true, 3), member("b", "10.1.0.0/16", true, 2, 1)], 4, 4],
            ["a member without route tables gets no routes but is routed to", [member("a", "10.0.0.0/16", true, 2, 0), member("b", "10.1.0.0/16", true)], 2, 2],
        ];
        for (const [label, members, v4, v6] of table) {
            it(`${label}: ${v4} IPv4 and ${v6} IPv6 routes`, () => {
                const routes = tgwRouteMatrix(members);
                assert.strictEqual(routes.filter((r) => r.family === "ipv4").length, v4);
                assert.strictEqual(routes.filter((r) => r.family === "ipv6").length, v6);
                assert.ok(routes.every((r) => r.from !== r.to), "no VPC routes to itself");
            });
        }
        it("every ordered pair of members appears once per route table and family", () => {
            const members = [member("a", "10.0.0.0/16", true), member("b", "10.1.0.0/16", true), member("c", "10.2.0.0/16", false)];
            const routes = tgwRouteMatrix(members);
            const keys = routes.map((r) => `${r.from}>${r.to}#${r.routeTable}/${r.family}`);
            assert.strictEqual(new Set(keys).size, keys.length, "no duplicate route");
            assert.ok(keys.includes("c>a#1/ipv4") && keys.includes("a>c#0/ipv4"));
            assert.ok(!keys.some((k) => k.startsWith("c>") && k.endsWith("ipv6")), "the IPv4-only VPC gets no IPv6 route");
            assert.ok(!keys.some((k) => k.includes(">c#") && k.endsWith("ipv6")), "nothing routes IPv6 to the IPv4-only VPC");
        });
        it("families limit the routes: IPv6-only routing leaves the IPv4-only member unreachable", () => {
            const members = [member("a", "10.0.0.0/16", true), member("b", "10.1.0.0/16", true), member("c", "10.2.0.0/16", false)];
            const routes = tgwRouteMatrix(members, ["ipv6"]);
            assert.strictEqual(routes.length, 4);
            assert.ok(routes.every((r) => r.family === "ipv6" && r.to !== "c" && r.from !== "c"));
        });
        it("grows as r x (n(n-1) + d(d-1)) with n members, d of them dual-stack", () => {
            for (const [n, d] of [[3, 2], [13, 12], [6, 0], [5, 5]]) {
                const members = Array.from({ length: n }, (_, i) => member(`m${i}`, `10.${i}.0.0/16`, i < d));
                assert.strictEqual(tgwRouteMatrix(members).length, 2 * (n * (n - 1) + d * (d - 1)), `n=${n} d=${d}`);
            }
        });
    });

    describe("validateTgwMembers", () => {
        it("accepts a dual-stack hub with an IPv4-only member", () => {
            validateTgwMembers([member("a", "10.0.0.0/16", true), member("b", "10.1.0.0/16", false)]);
        });
        it("refuses overlapping IPv4 CIDRs, naming the later member's key and the earlier block", () => {
            expectConfigError(
                () => validateTgwMembers([member("a", "10.0.0.0/16", true), member("b", "10.1.0.0/16", true), member("c", "10.0.128.0/17", false)]),
                "cVpc.cidr",
                /"10\.0\.128\.0\/17" is invalid; it overlaps aVpc\.cidr \(10\.0\.0\.0\/16\)/,
            );
        });
        it("names a custom CIDR key (spokes carved from a pool)", () => {
            const spoke = { ...member("s0", "10.0.0.0/20", true), cidrKey: "spokes.cidrPool (spoke 0)" };
            expectConfigError(() => validateTgwMembers([member("a", "10.0.0.0/16", true), spoke]), "spokes.cidrPool (spoke 0)", /overlaps aVpc\.cidr/);
        });
        it("refuses a dual-stack member whose attachment subnet in an AZ has no IPv6 /64", () => {
            const half = { ...member("svc", "10.1.0.0/16", true), attachmentSubnets: [{ az: 0, ipv6: true }, { az: 1, ipv6: false }] };
            expectConfigError(() => validateTgwMembers([member("a", "10.0.0.0/16", true), half]), "svcVpc", /AZ index 1 without IPv6.*give the subnet in AZ index 1 an IPv6 \/64/);
        });
        it("lets an IPv4-only member attach in subnets without IPv6", () => {
            validateTgwMembers([member("a", "10.0.0.0/16", true), member("b", "10.1.0.0/16", false)]);
        });
        it("refuses two attachment subnets in one AZ", () => {
            const twice = { ...member("b", "10.1.0.0/16", true), attachmentSubnets: [{ az: 0, ipv6: true }, { az: 0, ipv6: true }] };
            expectConfigError(() => validateTgwMembers([member("a", "10.0.0.0/16", true), twice]), "bVpc", /only one subnet per Availability Zone/);
        });
        it("refuses a member without attachment subnets", () => {
            const none = { ...member("b", "10.1.0.0/16", true), attachmentSubnets: [] };
            expectConfigError(() => validateTgwMembers([member("a", "10.0.0.0/16", true), none]), "bVpc", /one subnet in each Availability Zone/);
        });
        it("refuses one member and repeated names", () => {
            expectConfigError(() => validateTgwMembers([member("a", "10.0.0.0/16", true)]), "transitGateway.members", /at least two VPCs/);
            expectConfigError(() => validateTgwMembers([member("a", "10.0.0.0/16", true), member("a", "10.1.0.0/16", true)]), "aVpc", /used twice/);
        });
        it(`mesh routing: ${HANDFUL_ROUTES_PER_FAMILY - 1} members fit a handful of routes per table, one more is refused with the summary alternative`, () => {
            validateTgwMembers(many(HANDFUL_ROUTES_PER_FAMILY - 1));
            expectConfigError(() => validateTgwMembers(many(HANDFUL_ROUTES_PER_FAMILY)), "transitGateway.members", /gives each route table 7 gateway routes per family.*use at most 7 members, or summary routing/);
            assert.ok(HANDFUL_ROUTES_PER_FAMILY < VPC_ROUTES_PER_TABLE_QUOTA);
        });
        it("summary routing takes any number of members (one route per summary)", () => {
            validateTgwMembers(many(48), { ipv4: ["10.0.0.0/8"], ipv6Count: 0, configKey: "addressing" });
        });
    });

    describe("validateSummaries and tgwSummaryRoutes", () => {
        const s = (ipv4: string[], ipv6Count = 1) => ({ ipv4, ipv6Count, configKey: "addressing" });
        const members = [member("a", "10.0.0.0/16", true), member("b", "10.1.0.0/16", false)];
        it("accepts summaries that hold every member, exactly and with room", () => {
            validateSummaries(members, s(["10.0.0.0/15"]));
            validateSummaries(members, s(["10.0.0.0/16", "10.1.0.0/16"]));
        });
        it("refuses a member no summary holds, even one that only partly overlaps a summary", () => {
            expectConfigError(() => validateSummaries(members, s(["10.0.0.0/16"])), "bVpc.cidr", /no IPv4 summary \(addressing\.ipv4Summaries: 10\.0\.0\.0\/16\) holds this member's CIDR/);
            expectConfigError(() => validateSummaries([member("c", "10.0.0.0/15", false)], s(["10.0.0.0/16"])), "cVpc.cidr", /no IPv4 summary/);
        });
        it("refuses a default route, an IPv6 or host-bit summary, no summary, and no IPv6 block for dual-stack members", () => {
            expectConfigError(() => validateSummaries(members, s(["0.0.0.0/0"])), "addressing.ipv4Summaries[0]", /default route/);
            expectConfigError(() => validateSummaries(members, s(["2001:db8::/32"])), "addressing.ipv4Summaries[0]", /IPv4 CIDR/);
            expectConfigError(() => validateSummaries(members, s(["10.0.0.1/8"])), "addressing.ipv4Summaries[0]", /write the network address: 10\.0\.0\.0\/8/);
            expectConfigError(() => validateSummaries(members, s([])), "addressing.ipv4Summaries", /at least one/);
            expectConfigError(() => validateSummaries(members, s(["10.0.0.0/8"], 0)), "addressing.ipv6", /at least one IPv6 summary/);
            validateSummaries([member("b", "10.1.0.0/16", false)], s(["10.0.0.0/8"], 0));
        });
        it(`refuses more summaries per family than a handful (${HANDFUL_ROUTES_PER_FAMILY - 2} pass, one more fails)`, () => {
            validateSummaries(members, s(["10.0.0.0/8"], HANDFUL_ROUTES_PER_FAMILY - 2));
            expectConfigError(() => validateSummaries(members, s(["10.0.0.0/8"], HANDFUL_ROUTES_PER_FAMILY - 1)), "addressing", /7 ipv6 summaries make 9 routes per route table/);
        });
        it("one route per summary and family in every route table; IPv6 only from dual-stack members", () => {
            const routes = tgwSummaryRoutes(members, s(["10.0.0.0/8", "172.16.0.0/12"], 2));
            // a: 2 tables x (2 IPv4 + 2 IPv6); b: 2 tables x 2 IPv4.
            assert.strictEqual(routes.length, 2 * 4 + 2 * 2);
            assert.ok(!routes.some((r) => r.from === "b" && r.family === "ipv6"));
            assert.deepStrictEqual(routes.filter((r) => r.from === "a" && r.routeTable === 1).map((r) => `${r.family}:${r.index}`), ["ipv4:0", "ipv4:1", "ipv6:0", "ipv6:1"]);
            assert.strictEqual(tgwSummaryRoutes(members, s(["10.0.0.0/8"], 1), ["ipv6"]).length, 2);
        });
    });

    describe("routeDestination", () => {
        const table: [Parameters<typeof routeDestination>[0], string, object][] = [
            ["ipv4", "10.20.0.0/16", { destinationCidrBlock: "10.20.0.0/16" }],
            ["ipv6", "2001:db8:0:200::/56", { destinationIpv6CidrBlock: "2001:db8:0:200::/56" }],
            ["ipv6", "2600:1f14:0abc:de00::/56", { destinationIpv6CidrBlock: "2600:1f14:abc:de00::/56" }],
        ];
        for (const [family, cidr, expected] of table) {
            it(`${family} ${cidr} -> ${JSON.stringify(expected)}`, () => assert.deepStrictEqual(routeDestination(family, cidr), expected));
        }
        it("never puts an IPv6 prefix in the IPv4 field, nor the reverse", () => {
            assert.throws(() => routeDestination("ipv4", "2001:db8:0:200::/56"), /an IPv4 route needs an IPv4 CIDR/);
            assert.throws(() => routeDestination("ipv6", "10.20.0.0/16"), /an IPv6 route needs an IPv6 CIDR/);
        });
        it("refuses default routes in any spelling", () => {
            for (const [f, c] of [["ipv4", "0.0.0.0/0"], ["ipv6", "::/0"], ["ipv6", "0:0:0:0:0:0:0:0/0"]] as const) {
                assert.throws(() => routeDestination(f, c), /default route/);
            }
        });
    });

    describe("isValidAmazonSideAsn", () => {
        const table: [number, boolean][] = [[64512, true], [65534, true], [64511, false], [65535, false], [4200000000, true], [4294967294, true], [4294967295, false], [64512.5, false], [7224, false]];
        for (const [asn, ok] of table) it(`${asn}: ${ok ? "accepted" : "refused"}`, () => assert.strictEqual(isValidAmazonSideAsn(asn), ok));
    });
});
