/**
 * PrivateLink: endpoint services offer both families on a dual-stack NLB; interface endpoints'
 * address and DNS record types fit their subnets and their service. The facts and their checks
 * are lib/privatelink.ts's; this module feeds them resource props and turns refusals into messages.
 */
import type { IpFamily } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";
import { DnsRecordIpType, EndpointIpAddressType, validateEndpointAgainstService, validateEndpointIpType } from "../../lib/privatelink";
import { DEFAULT_LB_IP_ADDRESS_TYPE, DUALSTACK_LB_IP_ADDRESS_TYPES } from "../../lib/networkFacts";
import { stackRule } from "../support/rule";
import { LOAD_BALANCERS, T, subnetHasIpv6, subnetIpv6Only } from "../support/network";
import { PolicyRes } from "../support/stack";
import { UNKNOWN, describe, obj, str, strings } from "../support/values";

export const endpointServiceDualStack = stackRule({
    name: "endpoint-service-dual-stack",
    description: "VPC endpoint services list both ipv4 and ipv6 in supportedIpAddressTypes and front dual-stack Network Load Balancers.",
    enforcementLevel: "mandatory",
    severity: "medium",
    why: "A service that offers only ipv4 cannot be consumed from IPv6-only subnets or through dualstack endpoints; AWS refuses ipv6 support on a service whose NLB is ipv4.",
    source: "AWS PrivateLink guide, \"Create an endpoint service\" and \"IP address types\"; lib/privatelink.ts",
    remediation: "Set supportedIpAddressTypes: [\"ipv4\", \"ipv6\"] and ipAddressType: \"dualstack\" on the service's Network Load Balancer.",
    check(view, ctx) {
        for (const svc of view.ofType(T.endpointService)) {
            const types = strings(svc.props.supportedIpAddressTypes);
            if (!types.unknown) {
                const given = types.values.length > 0 ? types.values : ["ipv4"];
                const missing = ["ipv4", "ipv6"].filter((f) => !given.includes(f));
                if (missing.length > 0) ctx.report(svc, `${describe(svc)}: supportedIpAddressTypes is ${JSON.stringify(given)}; set it to ["ipv4", "ipv6"] so consumers of both families can connect.`);
            }
            const lbs = view.refs(svc, "networkLoadBalancerArns", LOAD_BALANCERS);
            if (lbs === UNKNOWN) continue;
            for (const lb of lbs) {
                const t = str(lb.props.ipAddressType);
                if (t === UNKNOWN) continue;
                if (!DUALSTACK_LB_IP_ADDRESS_TYPES.includes(t ?? DEFAULT_LB_IP_ADDRESS_TYPE)) {
                    ctx.report(svc, `${describe(svc)} fronts ${describe(lb)}, whose ipAddressType is ${JSON.stringify(t ?? DEFAULT_LB_IP_ADDRESS_TYPE)}, so the service cannot offer IPv6: set ipAddressType "dualstack" on ${describe(lb)}.`);
                }
            }
        }
    },
});

function fixOf(e: unknown): string {
    return e instanceof ConfigError ? e.fix : String((e as Error)?.message ?? e);
}

export const interfaceEndpointIpType = stackRule({
    name: "interface-endpoint-ip-type",
    description: "Interface endpoints use the ipAddressType their subnets carry (dualstack in dual-stack subnets when the service offers IPv6), a dnsRecordIpType that type carries, and only families the endpoint service offers.",
    enforcementLevel: "mandatory",
    severity: "medium",
    why: "AWS refuses an endpoint type its subnets cannot carry, a DNS record type with no addresses behind it, and a family the service does not offer; an ipv4 endpoint in dual-stack subnets leaves IPv6 clients with A records only.",
    source: "AWS PrivateLink guide, \"IP address types\" and \"DNS record IP type\"; lib/privatelink.ts",
    remediation: "In dual-stack subnets set ipAddressType \"dualstack\" and dnsOptions.dnsRecordIpType \"dualstack\"; in IPv6-only subnets both \"ipv6\"; in IPv4-only subnets both \"ipv4\".",
    check(view, ctx) {
        for (const ep of view.ofType(T.endpoint)) {
            if (str(ep.props.vpcEndpointType) !== "Interface") continue;
            const typeRaw = str(ep.props.ipAddressType);
            const dns = obj(ep.props.dnsOptions);
            const dnsRaw = dns === UNKNOWN ? UNKNOWN : str(dns?.dnsRecordIpType);
            if (typeRaw === UNKNOWN || dnsRaw === UNKNOWN) continue;
            const subnets = view.refs(ep, "subnetIds", [T.subnet]);
            if (subnets === UNKNOWN || subnets.length === 0) continue;
            const v6 = subnets.map(subnetHasIpv6);
            const only6 = subnets.map(subnetIpv6Only);
            if (v6.includes(UNKNOWN) || only6.includes(UNKNOWN)) continue;
            const families = { ipv4: only6.every((x) => x === false), ipv6: v6.every((x) => x === true) };
            const type = (typeRaw ?? "ipv4") as EndpointIpAddressType;
            const dnsType = (dnsRaw ?? (type === "ipv6" ? "ipv6" : "ipv4")) as DnsRecordIpType;
            try {
                validateEndpointIpType(describe(ep), type, dnsType, families);
            } catch (e) {
                const field = e instanceof ConfigError && e.key.endsWith("dnsRecordIpType") ? `dnsOptions.dnsRecordIpType ${JSON.stringify(dnsType)}` : `ipAddressType ${JSON.stringify(type)}`;
                ctx.report(ep, `${describe(ep)}: ${field} does not fit its subnets: ${fixOf(e)}.`);
                continue;
            }
            const svc = view.resources.find((r) => r.type === T.endpointService && (str(r.props.serviceName) === str(ep.props.serviceName)))
                ?? (view.ref(ep, "serviceName", [T.endpointService]) as PolicyRes | undefined);
            if (!svc || (svc as unknown) === UNKNOWN) continue;
            const offered = strings(svc.props.supportedIpAddressTypes);
            if (offered.unknown) continue;
            const serviceTypes = (offered.values.length > 0 ? offered.values : ["ipv4"]) as IpFamily[];
            try {
                validateEndpointAgainstService(describe(ep), type, serviceTypes);
            } catch (e) {
                ctx.report(ep, `${describe(ep)}: ipAddressType ${JSON.stringify(type)} uses a family ${describe(svc)} does not offer: ${fixOf(e)}.`);
                continue;
            }
            if (type === "ipv4" && families.ipv4 && families.ipv6 && serviceTypes.includes("ipv6")) {
                ctx.report(ep, `${describe(ep)} is ipv4 in dual-stack subnets while ${describe(svc)} offers IPv6, so IPv6 clients get A records only: set ipAddressType and dnsOptions.dnsRecordIpType to "dualstack".`);
            }
        }
    },
});
