import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** One ingress rule: a protocol and port range from exactly one source. */
export interface IngressRule {
    /** Short description, stored on the rule. */
    description: string;
    /** `tcp`, `udp`, `icmp`, `icmpv6` or `-1` (all). */
    protocol: "tcp" | "udp" | "icmp" | "icmpv6" | "-1";
    /** First port (TCP/UDP), or ICMP type; omitted for `-1` and for all ICMP types. */
    fromPort?: number;
    /** Last port (TCP/UDP), or ICMP code; omitted for `-1` and for all ICMP types. */
    toPort?: number;
    /** Source IPv4 CIDR. */
    cidrIpv4?: pulumi.Input<string>;
    /** Source IPv6 CIDR. */
    cidrIpv6?: pulumi.Input<string>;
    /** Source security group. */
    sourceSecurityGroupId?: pulumi.Input<string>;
}

/** Port range as `aws.vpc.SecurityGroupIngressRule` wants it: ICMP "all types" is -1/-1. */
function portsOf(rule: IngressRule): { fromPort?: number; toPort?: number } {
    if (rule.protocol === "-1") return {};
    if (rule.protocol === "icmp" || rule.protocol === "icmpv6") return { fromPort: rule.fromPort ?? -1, toPort: rule.toPort ?? -1 };
    return { fromPort: rule.fromPort, toPort: rule.toPort ?? rule.fromPort };
}

/** Creates one `aws.vpc.SecurityGroupIngressRule` per rule, parented to `parent`. */
export function addIngressRules(prefix: string, securityGroupId: pulumi.Input<string>, rules: IngressRule[], parent: pulumi.Resource): aws.vpc.SecurityGroupIngressRule[] {
    return rules.map((rule, i) => {
        const sources = [rule.cidrIpv4, rule.cidrIpv6, rule.sourceSecurityGroupId].filter((s) => s !== undefined);
        if (sources.length !== 1) {
            throw new Error(`${prefix} ingress rule ${i} ("${rule.description}") needs exactly one of cidrIpv4, cidrIpv6, sourceSecurityGroupId`);
        }
        return new aws.vpc.SecurityGroupIngressRule(`${prefix}-in-${i}`, {
            securityGroupId,
            description: rule.description,
            ipProtocol: rule.protocol,
            ...portsOf(rule),
            cidrIpv4: rule.cidrIpv4,
            cidrIpv6: rule.cidrIpv6,
            referencedSecurityGroupId: rule.sourceSecurityGroupId,
        }, { parent });
    });
}

/** Egress to everywhere in the given families (security groups are stateful; replies need no rule). */
export function addEgressAll(prefix: string, securityGroupId: pulumi.Input<string>, families: ("ipv4" | "ipv6")[], parent: pulumi.Resource): aws.vpc.SecurityGroupEgressRule[] {
    return families.map((family) =>
        new aws.vpc.SecurityGroupEgressRule(`${prefix}-out-${family}`, {
            securityGroupId,
            description: `all ${family} egress`,
            ipProtocol: "-1",
            cidrIpv4: family === "ipv4" ? "0.0.0.0/0" : undefined,
            cidrIpv6: family === "ipv6" ? "::/0" : undefined,
        }, { parent }),
    );
}
