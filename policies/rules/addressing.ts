/**
 * Address families in the right fields: no IPv6 prefix where AWS expects IPv4, and vice versa.
 */
import { tryParseCidr } from "../../lib/cidr";
import { resourceRule } from "../support/rule";
import { T } from "../support/network";
import { UNKNOWN, describe, list, obj, str } from "../support/values";

type Family = "ipv4" | "ipv6";

/** Which props hold which family, per resource type (`routes[].cidrBlock`: inside each list item). */
const FIELDS: Readonly<Record<string, [string, Family][]>> = {
    [T.route]: [["destinationCidrBlock", "ipv4"], ["destinationIpv6CidrBlock", "ipv6"]],
    [T.routeTable]: [["routes[].cidrBlock", "ipv4"], ["routes[].ipv6CidrBlock", "ipv6"]],
    [T.defaultRouteTable]: [["routes[].cidrBlock", "ipv4"], ["routes[].ipv6CidrBlock", "ipv6"]],
    [T.vpc]: [["cidrBlock", "ipv4"], ["ipv6CidrBlock", "ipv6"]],
    [T.subnet]: [["cidrBlock", "ipv4"], ["ipv6CidrBlock", "ipv6"]],
    [T.sgIngress]: [["cidrIpv4", "ipv4"], ["cidrIpv6", "ipv6"]],
    [T.sgEgress]: [["cidrIpv4", "ipv4"], ["cidrIpv6", "ipv6"]],
    [T.sgRule]: [["cidrBlocks[]", "ipv4"], ["ipv6CidrBlocks[]", "ipv6"]],
    [T.securityGroup]: [["ingress[].cidrBlocks[]", "ipv4"], ["ingress[].ipv6CidrBlocks[]", "ipv6"], ["egress[].cidrBlocks[]", "ipv4"], ["egress[].ipv6CidrBlocks[]", "ipv6"]],
    "aws:ec2/networkAclRule:NetworkAclRule": [["cidrBlock", "ipv4"], ["ipv6CidrBlock", "ipv6"]],
    "aws:ec2/networkAcl:NetworkAcl": [["ingress[].cidrBlock", "ipv4"], ["ingress[].ipv6CidrBlock", "ipv6"], ["egress[].cidrBlock", "ipv4"], ["egress[].ipv6CidrBlock", "ipv6"]],
    "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": [["ingress[].cidrBlock", "ipv4"], ["ingress[].ipv6CidrBlock", "ipv6"], ["egress[].cidrBlock", "ipv4"], ["egress[].ipv6CidrBlock", "ipv6"]],
    [T.ipv4Assoc]: [["cidrBlock", "ipv4"]],
    [T.ipv6Assoc]: [["ipv6CidrBlock", "ipv6"]],
    [T.eksCluster]: [["kubernetesNetworkConfig.serviceIpv4Cidr", "ipv4"]],
};

/** Values at a path such as `ingress[].cidrBlocks[]`, with their concrete path for messages. */
function valuesAt(props: Record<string, any>, path: string): { at: string; value: unknown }[] {
    let current: { at: string; value: unknown }[] = [{ at: "", value: props }];
    for (const part of path.split(".")) {
        const isList = part.endsWith("[]");
        const key = isList ? part.slice(0, -2) : part;
        const next: { at: string; value: unknown }[] = [];
        for (const c of current) {
            const o = obj(c.value);
            if (!o || o === UNKNOWN) continue;
            const v = o[key];
            const at = c.at ? `${c.at}.${key}` : key;
            if (isList) {
                const l = list(v);
                if (l !== UNKNOWN) l.forEach((x, i) => next.push({ at: `${at}[${i}]`, value: x }));
            } else next.push({ at, value: v });
        }
        current = next;
    }
    return current;
}

export const cidrFamilyMatchesField = resourceRule({
    name: "cidr-family-matches-field",
    description: "Every CIDR sits in the field of its own address family: IPv4 in destinationCidrBlock, cidrBlock, cidrIpv4, cidrBlocks; IPv6 in destinationIpv6CidrBlock, ipv6CidrBlock, cidrIpv6, ipv6CidrBlocks.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "AWS rejects an IPv6 prefix in an IPv4 field (InvalidParameterValue) only when the update runs, after the resources before it were changed; a typo in a template goes unnoticed until then.",
    source: "EC2 API reference, CreateRoute (DestinationCidrBlock / DestinationIpv6CidrBlock), AuthorizeSecurityGroupIngress (CidrIp / CidrIpv6); terraform-aws-transit-gateway#101",
    remediation: "Move the CIDR to the field of its family (for example destinationIpv6CidrBlock for an IPv6 route).",
    types: Object.keys(FIELDS),
    check(r, ctx) {
        for (const [path, family] of FIELDS[r.type]) {
            for (const { at, value } of valuesAt(r.props, path)) {
                const s = str(value);
                if (typeof s !== "string") continue;
                const parsed = tryParseCidr(s);
                if (!parsed) {
                    ctx.report(`${describe(r)}: ${at} is ${JSON.stringify(s)}, which is not a CIDR; write an ${family === "ipv4" ? "IPv4 CIDR such as 10.0.0.0/16" : "IPv6 CIDR such as 2001:db8::/56"}.`);
                } else if (parsed.family !== family) {
                    const parentPath = (x: string) => x.split(".").slice(0, -1).join(".");
                    const other = FIELDS[r.type].find(([p, f]) => f !== family && parentPath(p) === parentPath(path))?.[0] ?? "the other family's field";
                    ctx.report(`${describe(r)}: ${at} holds the ${parsed.family === "ipv6" ? "IPv6" : "IPv4"} block ${s}, which AWS rejects in an ${family === "ipv4" ? "IPv4" : "IPv6"} field; move it to ${other.replace(/\[\]/g, "")}.`);
                }
            }
        }
    },
});
