/**
 * Security-group ingress in its three Pulumi spellings, as one shape: `aws.vpc.SecurityGroupIngressRule`
 * (one CIDR each), `aws.ec2.SecurityGroupRule` (type ingress, CIDR lists) and inline `ingress`
 * blocks of `aws.ec2.SecurityGroup`.
 */
import { IP_PROTOCOLS } from "../../lib/networkFacts";
import { T } from "./network";
import { PolicyRes } from "./stack";
import { UNKNOWN, Unknown, list, num, obj, str } from "./values";

export interface IngressEntry {
    /** The rule resource, or the security group for inline rules. */
    res: PolicyRes;
    /** Where the entry is in the props, for messages: `cidrIpv4`, `ingress[0].cidrBlocks`. */
    where: string;
    protocol: string | Unknown;
    fromPort: number | Unknown | undefined;
    toPort: number | Unknown | undefined;
    family: "ipv4" | "ipv6";
    /** The source CIDR, or UNKNOWN. */
    cidr: string | Unknown;
}

/** `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or the number as given for other protocols. */
export function normalizeProtocol(v: unknown): string | Unknown {
    if (v === UNKNOWN) return UNKNOWN;
    const s = String(v ?? "").toLowerCase();
    return IP_PROTOCOLS[s] ?? s;
}

function entries(res: PolicyRes, where: string, rule: Record<string, any>, fields: [string, "ipv4" | "ipv6", boolean][]): IngressEntry[] {
    const out: IngressEntry[] = [];
    const base: Omit<IngressEntry, "where" | "family" | "cidr"> = { res, protocol: normalizeProtocol(rule.ipProtocol ?? rule.protocol), fromPort: num(rule.fromPort), toPort: num(rule.toPort) };
    for (const [field, family, isList] of fields) {
        const v = rule[field];
        if (isList) {
            const l = list(v);
            if (l === UNKNOWN) {
                out.push({ ...base, where: `${where}${field}`, family, cidr: UNKNOWN });
                continue;
            }
            l.forEach((c) => {
                const s = str(c);
                if (s !== undefined) out.push({ ...base, where: `${where}${field}`, family, cidr: s });
            });
        } else {
            const s = str(v);
            if (s !== undefined) out.push({ ...base, where: `${where}${field}`, family, cidr: s });
        }
    }
    return out;
}

/** The CIDR-sourced ingress entries a resource declares (empty for other types and egress rules). */
export function ingressEntries(r: PolicyRes): IngressEntry[] | Unknown {
    if (r.type === T.sgIngress) return entries(r, "", r.props, [["cidrIpv4", "ipv4", false], ["cidrIpv6", "ipv6", false]]);
    if (r.type === T.sgRule) {
        const type = str(r.props.type);
        if (type === UNKNOWN) return UNKNOWN;
        if (type !== "ingress") return [];
        return entries(r, "", r.props, [["cidrBlocks", "ipv4", true], ["ipv6CidrBlocks", "ipv6", true]]);
    }
    if (r.type === T.securityGroup) {
        const ingress = list(r.props.ingress);
        if (ingress === UNKNOWN) return UNKNOWN;
        return ingress.flatMap((item, i) => {
            const rule = obj(item);
            if (!rule || rule === UNKNOWN) return [];
            return entries(r, `ingress[${i}].`, rule, [["cidrBlocks", "ipv4", true], ["ipv6CidrBlocks", "ipv6", true]]);
        });
    }
    return [];
}

/** The security group an ingress entry belongs to (the group itself for inline rules). */
export const SECURITY_GROUP_RULE_TYPES = [T.sgIngress, T.sgRule, T.securityGroup] as const;

/** True when the entry admits every port of every protocol. */
export function isAllTraffic(e: IngressEntry): boolean {
    return e.protocol === "all";
}

/** Port range of an entry (TCP/UDP), treating unset or -1 as all ports. */
export function portRange(e: IngressEntry): [number, number] | Unknown {
    if (e.fromPort === UNKNOWN || e.toPort === UNKNOWN) return UNKNOWN;
    const from = e.fromPort === undefined || e.fromPort < 0 ? 0 : e.fromPort;
    const to = e.toPort === undefined || e.toPort < 0 ? 65535 : e.toPort;
    return [from, to];
}
