import * as assert from "assert";
import { ConfigError } from "../../lib/errors";
import {
    DnsRecordIpType,
    EndpointIpAddressType,
    LoadBalancerIpAddressType,
    SubnetFamilies,
    TargetGroupIpAddressType,
    dnsRecordTypes,
    endpointFamilies,
    validateEndpointAgainstService,
    validateEndpointIpType,
    validateServiceIpTypes,
    validateTargetGroupOnLoadBalancer,
} from "../../lib/privatelink";

const V4: SubnetFamilies = { ipv4: true, ipv6: false };
const DS: SubnetFamilies = { ipv4: true, ipv6: true };
const V6: SubnetFamilies = { ipv4: false, ipv6: true };

describe("lib/privatelink", () => {
    describe("validateEndpointIpType: the endpoint type its subnets can carry", () => {
        // [endpoint type, DNS record type, subnets, error key suffix or undefined, message part]
        const table: [EndpointIpAddressType, DnsRecordIpType, SubnetFamilies, string | undefined, RegExp?][] = [
            ["ipv4", "ipv4", V4, undefined],
            ["ipv4", "service-defined", V4, undefined],
            ["ipv4", "ipv4", DS, undefined],
            ["dualstack", "dualstack", DS, undefined],
            ["dualstack", "ipv4", DS, undefined],
            ["dualstack", "ipv6", DS, undefined],
            ["ipv6", "ipv6", V6, undefined],
            ["dualstack", "dualstack", V4, "endpointIpAddressType", /needs subnets with both IPv4 and IPv6 ranges and these are IPv4-only; use "ipv4"/],
            ["ipv6", "ipv6", V4, "endpointIpAddressType", /needs IPv6-only subnets and these are IPv4-only; use "ipv4"/],
            ["ipv6", "ipv6", DS, "endpointIpAddressType", /needs IPv6-only subnets and these are dual-stack; use "dualstack"/],
            ["ipv4", "ipv4", V6, "endpointIpAddressType", /needs subnets with IPv4 ranges and these are IPv6-only; use "ipv6"/],
            ["dualstack", "dualstack", V6, "endpointIpAddressType", /use "ipv6"/],
            ["ipv4", "ipv6", V4, "dnsRecordIpType", /a ipv4 endpoint has no ipv6 addresses to publish; use "ipv4", "service-defined"/],
            ["ipv4", "dualstack", DS, "dnsRecordIpType", /has no ipv6 addresses/],
            ["ipv6", "ipv4", V6, "dnsRecordIpType", /has no ipv4 addresses to publish; use "ipv6", "service-defined"/],
        ];
        for (const [type, dns, subnets, badKey, message] of table) {
            const label = `${type}/${dns} in ${subnets.ipv4 && subnets.ipv6 ? "dual-stack" : subnets.ipv4 ? "IPv4-only" : "IPv6-only"} subnets`;
            if (!badKey) {
                it(`accepts ${label}`, () => validateEndpointIpType("consumers.x", type, dns, subnets));
            } else {
                it(`refuses ${label} at .${badKey}`, () =>
                    assert.throws(() => validateEndpointIpType("consumers.x", type, dns, subnets), (e: ConfigError) => {
                        assert.ok(e instanceof ConfigError);
                        assert.strictEqual(e.key, `consumers.x.${badKey}`);
                        assert.strictEqual(e.value, badKey === "dnsRecordIpType" ? dns : type);
                        assert.match(e.message, message!);
                        return true;
                    }));
            }
        }
        it("refuses an unknown type by name", () => {
            assert.throws(() => validateEndpointIpType("k", "both" as EndpointIpAddressType, "ipv4", DS), /k\.endpointIpAddressType: "both" is invalid; use one of ipv4, dualstack, ipv6/);
            assert.throws(() => validateEndpointIpType("k", "ipv4", "A" as DnsRecordIpType, DS), /k\.dnsRecordIpType: "A" is invalid/);
        });
    });

    describe("validateTargetGroupOnLoadBalancer: an IPv6 target group needs a dual-stack NLB", () => {
        const table: [TargetGroupIpAddressType, LoadBalancerIpAddressType, boolean][] = [
            ["ipv4", "ipv4", true],
            ["ipv4", "dualstack", true],
            ["ipv6", "dualstack", true],
            ["ipv6", "dualstack-without-public-ipv4", true],
            ["ipv6", "ipv4", false],
        ];
        for (const [tg, lb, ok] of table) {
            it(`${ok ? "accepts" : "refuses"} an ${tg} target group on an ${lb} NLB`, () => {
                if (ok) return validateTargetGroupOnLoadBalancer("nlb", tg, lb);
                assert.throws(() => validateTargetGroupOnLoadBalancer("nlb", tg, lb), (e: ConfigError) => {
                    assert.strictEqual(e.key, "nlb.targetGroupIpAddressType");
                    assert.strictEqual(e.value, "ipv6");
                    assert.match(e.fix, /attaches only to a dual-stack load balancer and nlb\.ipAddressType is "ipv4"; set ipAddressType to "dualstack"/);
                    return true;
                });
            });
        }
    });

    describe("validateServiceIpTypes and validateEndpointAgainstService", () => {
        it("an endpoint service offers IPv6 only on a dual-stack NLB", () => {
            validateServiceIpTypes("endpointService", ["ipv4", "ipv6"], "dualstack");
            validateServiceIpTypes("endpointService", ["ipv4"], "ipv4");
            assert.throws(() => validateServiceIpTypes("endpointService", ["ipv4", "ipv6"], "ipv4"), /endpointService\.supportedIpAddressTypes: \["ipv4","ipv6"\] is invalid; .*dual-stack Network Load Balancer/);
        });
        it("refuses an empty or repeated list", () => {
            assert.throws(() => validateServiceIpTypes("s", [], "dualstack"), /each once/);
            assert.throws(() => validateServiceIpTypes("s", ["ipv4", "ipv4"], "dualstack"), /each once/);
        });
        it("an endpoint may use only families the service offers", () => {
            validateEndpointAgainstService("consumers.ipv4", "ipv4", ["ipv4"]);
            validateEndpointAgainstService("consumers.dualStack", "dualstack", ["ipv4", "ipv6"]);
            assert.throws(() => validateEndpointAgainstService("consumers.dualStack", "dualstack", ["ipv4"]), (e: ConfigError) => {
                assert.strictEqual(e.key, "consumers.dualStack.endpointIpAddressType");
                assert.match(e.fix, /supports only ipv4; add ipv6 to endpointService\.supportedIpAddressTypes/);
                return true;
            });
        });
    });

    describe("families and record types", () => {
        it("maps endpoint types to families", () => {
            assert.deepStrictEqual(endpointFamilies("ipv4"), ["ipv4"]);
            assert.deepStrictEqual(endpointFamilies("dualstack"), ["ipv4", "ipv6"]);
            assert.deepStrictEqual(endpointFamilies("ipv6"), ["ipv6"]);
        });
        it("maps DNS record types to A/AAAA, service-defined following the endpoint", () => {
            assert.deepStrictEqual(dnsRecordTypes("ipv4", "dualstack"), ["A"]);
            assert.deepStrictEqual(dnsRecordTypes("dualstack", "dualstack"), ["A", "AAAA"]);
            assert.deepStrictEqual(dnsRecordTypes("ipv6", "ipv6"), ["AAAA"]);
            assert.deepStrictEqual(dnsRecordTypes("service-defined", "ipv4"), ["A"]);
            assert.deepStrictEqual(dnsRecordTypes("service-defined", "dualstack"), ["A", "AAAA"]);
        });
    });
});
