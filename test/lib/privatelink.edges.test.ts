/**
 * lib/privatelink.ts at its edges (issue 20, mutation survivors): each validator's exact key, value
 * and fix for values outside its enumeration, subnets that carry no addresses, a service that
 * offers nothing, and a list of service types with one bad entry among good ones.
 * privatelink.test.ts covers the typical combinations.
 */
import * as assert from "assert";
import { validateEndpointAgainstService, validateEndpointIpType, validateServiceIpTypes, validateTargetGroupOnLoadBalancer } from "../../lib/privatelink";
import { configErrorParts as configError } from "../helpers/configError";

const DUAL = { ipv4: true, ipv6: true };

describe("lib/privatelink edges", () => {
    it("a DNS record type outside the enumeration lists every valid one", () => {
        assert.deepStrictEqual(configError(() => validateEndpointIpType("c", "dualstack", "AAAA" as never, DUAL)), ["c.dnsRecordIpType", "AAAA", "use one of ipv4, dualstack, ipv6, service-defined"]);
    });
    it("subnets that carry no addresses are named address-less", () => {
        assert.deepStrictEqual(configError(() => validateEndpointIpType("c", "ipv4", "ipv4", { ipv4: false, ipv6: false })),
            ["c.endpointIpAddressType", "ipv4", 'an ipv4 endpoint needs subnets with IPv4 ranges and these are address-less; use "ipv6"']);
    });
    it("a service that offers nothing: the fix lists both missing families", () => {
        assert.deepStrictEqual(configError(() => validateEndpointAgainstService("c", "dualstack", [])),
            ["c.endpointIpAddressType", "dualstack", "the endpoint service supports only nothing; add ipv4, ipv6 to endpointService.supportedIpAddressTypes or choose an endpoint type within it"]);
    });
    it("a target group type outside ipv4/ipv6", () => {
        assert.deepStrictEqual(configError(() => validateTargetGroupOnLoadBalancer("svc", "dualstack" as never, "dualstack")), ["svc.targetGroupIpAddressType", "dualstack", 'use "ipv4" or "ipv6"']);
    });
    it("service types: one bad entry among good ones is refused, naming the list", () => {
        assert.deepStrictEqual(configError(() => validateServiceIpTypes("svc", ["ipv4", "ipv5" as never], "dualstack")), ["svc.supportedIpAddressTypes", ["ipv4", "ipv5"], 'list "ipv4", "ipv6" or both, each once']);
        assert.doesNotThrow(() => validateServiceIpTypes("svc", ["ipv4", "ipv6"], "dualstack"));
    });
});
