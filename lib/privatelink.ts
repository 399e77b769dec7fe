/**
 * PrivateLink rules as pure functions: which endpoint and DNS record types a consumer's subnets
 * can carry, which target-group families a load balancer accepts, and which families an
 * endpoint service can offer. Each throws a ConfigError naming the key, the value and the fix;
 * the scenario schema calls them before any resource is registered, and the components call
 * them again before they register anything, so a component used on its own is just as strict.
 *
 * Sources (checked November 2026):
 * - AWS PrivateLink guide, "IP address types" (interface endpoints): `ipv4` needs subnets with
 *   IPv4 ranges, `dualstack` needs every subnet to have both IPv4 and IPv6 ranges, `ipv6` needs
 *   IPv6-only subnets; the DNS record IP type must be one the endpoint's address type carries
 *   (`ipv4` records for ipv4/dualstack endpoints, `ipv6` records for ipv6/dualstack endpoints,
 *   `dualstack` records for dualstack endpoints only; `service-defined` follows the service).
 *   The endpoint service must support the families the endpoint uses.
 * - AWS PrivateLink guide, "Create an endpoint service": an endpoint service can support IPv6
 *   only when its Network Load Balancer is dual-stack.
 * - ELB Network Load Balancers guide, "Target groups", "IP address type": an IPv6 target group
 *   can only be attached to a dual-stack load balancer; a target group holds one family.
 */
import type { IpFamily } from "./cidr";
import { ConfigError } from "./errors";

/** `aws.ec2.VpcEndpoint.ipAddressType`. */
export type EndpointIpAddressType = "ipv4" | "dualstack" | "ipv6";
/** `aws.ec2.VpcEndpoint.dnsOptions.dnsRecordIpType`. */
export type DnsRecordIpType = "ipv4" | "dualstack" | "ipv6" | "service-defined";
/** `aws.lb.LoadBalancer.ipAddressType` of a Network Load Balancer. */
export type LoadBalancerIpAddressType = "ipv4" | "dualstack" | "dualstack-without-public-ipv4";
/** `aws.lb.TargetGroup.ipAddressType`. */
export type TargetGroupIpAddressType = "ipv4" | "ipv6";

export const ENDPOINT_IP_ADDRESS_TYPES: readonly EndpointIpAddressType[] = ["ipv4", "dualstack", "ipv6"];
export const DNS_RECORD_IP_TYPES: readonly DnsRecordIpType[] = ["ipv4", "dualstack", "ipv6", "service-defined"];

/** What a consumer's endpoint subnets carry. */
export interface SubnetFamilies {
    /** The subnets have IPv4 ranges. */
    ipv4: boolean;
    /** The subnets have IPv6 ranges. */
    ipv6: boolean;
}

/** The families an endpoint of this address type uses on its network interfaces. */
export function endpointFamilies(type: EndpointIpAddressType): IpFamily[] {
    return type === "ipv4" ? ["ipv4"] : type === "ipv6" ? ["ipv6"] : ["ipv4", "ipv6"];
}

/** The DNS record types (A, AAAA) an endpoint name answers with, for a DNS record IP type. */
export function dnsRecordTypes(dnsRecordIpType: DnsRecordIpType, endpointType: EndpointIpAddressType): ("A" | "AAAA")[] {
    if (dnsRecordIpType === "service-defined") return endpointFamilies(endpointType).map((f) => (f === "ipv4" ? "A" : "AAAA"));
    return dnsRecordIpType === "ipv4" ? ["A"] : dnsRecordIpType === "ipv6" ? ["AAAA"] : ["A", "AAAA"];
}

/**
 * An interface endpoint's address type must be one its subnets can carry, and its DNS record
 * type one the address type carries. `key` is the config key of the endpoint settings, for
 * example `eks-ipv6-interop:consumers.ipv4`.
 */
export function validateEndpointIpType(key: string, endpointType: EndpointIpAddressType, dnsRecordIpType: DnsRecordIpType, subnets: SubnetFamilies): void {
    if (!ENDPOINT_IP_ADDRESS_TYPES.includes(endpointType)) {
        throw new ConfigError(`${key}.endpointIpAddressType`, endpointType, `use one of ${ENDPOINT_IP_ADDRESS_TYPES.join(", ")}`);
    }
    if (!DNS_RECORD_IP_TYPES.includes(dnsRecordIpType)) {
        throw new ConfigError(`${key}.dnsRecordIpType`, dnsRecordIpType, `use one of ${DNS_RECORD_IP_TYPES.join(", ")}`);
    }
    const carried = subnets.ipv4 && subnets.ipv6 ? "dual-stack" : subnets.ipv6 ? "IPv6-only" : subnets.ipv4 ? "IPv4-only" : "address-less";
    if (endpointType === "ipv4" && !subnets.ipv4) {
        throw new ConfigError(`${key}.endpointIpAddressType`, endpointType, `an ipv4 endpoint needs subnets with IPv4 ranges and these are ${carried}; use "ipv6"`);
    }
    if (endpointType === "dualstack" && !(subnets.ipv4 && subnets.ipv6)) {
        throw new ConfigError(`${key}.endpointIpAddressType`, endpointType, `a dualstack endpoint needs subnets with both IPv4 and IPv6 ranges and these are ${carried}; use "${subnets.ipv4 ? "ipv4" : "ipv6"}" or make the consumer VPC dual-stack`);
    }
    if (endpointType === "ipv6" && (subnets.ipv4 || !subnets.ipv6)) {
        throw new ConfigError(`${key}.endpointIpAddressType`, endpointType, `an ipv6 endpoint needs IPv6-only subnets and these are ${carried}; use "${subnets.ipv6 ? "dualstack" : "ipv4"}"`);
    }
    const families = endpointFamilies(endpointType);
    const needs: IpFamily[] = dnsRecordIpType === "service-defined" ? [] : dnsRecordIpType === "dualstack" ? ["ipv4", "ipv6"] : [dnsRecordIpType];
    const missing = needs.filter((f) => !families.includes(f));
    if (missing.length > 0) {
        const valid = DNS_RECORD_IP_TYPES.filter((t) => t === "service-defined" || (t === "dualstack" ? endpointType === "dualstack" : families.includes(t)));
        throw new ConfigError(`${key}.dnsRecordIpType`, dnsRecordIpType, `a ${endpointType} endpoint has no ${missing.join(" or ")} addresses to publish; use ${valid.map((v) => `"${v}"`).join(", ")}`);
    }
}

/** The endpoint service must offer every family the endpoint uses. */
export function validateEndpointAgainstService(key: string, endpointType: EndpointIpAddressType, serviceTypes: readonly IpFamily[]): void {
    const missing = endpointFamilies(endpointType).filter((f) => !serviceTypes.includes(f));
    if (missing.length > 0) {
        throw new ConfigError(`${key}.endpointIpAddressType`, endpointType, `the endpoint service supports only ${serviceTypes.join(", ") || "nothing"}; add ${missing.join(", ")} to endpointService.supportedIpAddressTypes or choose an endpoint type within it`);
    }
}

/** A target group's family must be one the load balancer can send: IPv6 targets need a dual-stack NLB. */
export function validateTargetGroupOnLoadBalancer(key: string, targetGroup: TargetGroupIpAddressType, loadBalancer: LoadBalancerIpAddressType): void {
    if (targetGroup !== "ipv4" && targetGroup !== "ipv6") {
        throw new ConfigError(`${key}.targetGroupIpAddressType`, targetGroup, `use "ipv4" or "ipv6"`);
    }
    if (targetGroup === "ipv6" && loadBalancer === "ipv4") {
        throw new ConfigError(`${key}.targetGroupIpAddressType`, targetGroup, `an IPv6 target group attaches only to a dual-stack load balancer and ${key}.ipAddressType is "ipv4"; set ipAddressType to "dualstack" (or use an ipv4 target group)`);
    }
}

/** An endpoint service offers IPv6 only on a dual-stack NLB; it must offer at least one family, each once. */
export function validateServiceIpTypes(key: string, types: readonly IpFamily[], loadBalancer: LoadBalancerIpAddressType): void {
    if (types.length === 0 || new Set(types).size !== types.length || types.some((t) => t !== "ipv4" && t !== "ipv6")) {
        throw new ConfigError(`${key}.supportedIpAddressTypes`, types, `list "ipv4", "ipv6" or both, each once`);
    }
    if (types.includes("ipv6") && loadBalancer === "ipv4") {
        throw new ConfigError(`${key}.supportedIpAddressTypes`, types, `an endpoint service supports IPv6 only on a dual-stack Network Load Balancer and the NLB is "ipv4"; set nlb.ipAddressType to "dualstack"`);
    }
}
