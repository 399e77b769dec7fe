/**
 * Joining VPCs: transit gateway attachments of dual-stack VPCs carry IPv6, and VPCs joined by
 * peering or a transit gateway have disjoint IPv4 CIDRs.
 */
import { cidrsOverlap } from "../../lib/cidr";
import { stackRule } from "../support/rule";
import { T, subnetHasIpv6, subnetIpv6Only, vpcDualStack, vpcIpv4Blocks } from "../support/network";
import { PolicyRes } from "../support/stack";
import { UNKNOWN, describe, str } from "../support/values";

export const tgwAttachmentIpv6 = stackRule({
    name: "tgw-attachment-ipv6-support",
    description: "Transit gateway VPC attachments of dual-stack VPCs set ipv6Support enable, on attachment subnets that have an IPv6 /64 and are not IPv6-only.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "ipv6Support defaults to disable: the attachment then carries no IPv6 and the VPC's IPv6 block never propagates, so IPv6 routes to the gateway black-hole. Attachment interfaces need IPv6 addresses from their subnets, and IPv6-only subnets cannot be attachment subnets.",
    source: "EC2 API CreateTransitGatewayVpcAttachmentRequestOptions (Ipv6Support, default disable); Transit Gateway guide, \"Amazon VPC attachments\" (limits); lib/transitGateway.ts",
    remediation: "Set ipv6Support: \"enable\" on the aws.ec2transitgateway.VpcAttachment and use one dual-stack subnet per Availability Zone.",
    check(view, ctx) {
        for (const att of view.ofType(T.tgwAttachment)) {
            const vpc = view.ref(att, "vpcId", [T.vpc]);
            if (!vpc || vpc === UNKNOWN || vpcDualStack(view, vpc) !== true) continue;
            const v6 = str(att.props.ipv6Support);
            if (v6 === UNKNOWN) continue;
            if (v6 !== "enable") {
                ctx.report(att, `${describe(att)} attaches the dual-stack ${describe(vpc)} with ipv6Support ${v6 === undefined ? "unset (disable)" : JSON.stringify(v6)}: set ipv6Support to "enable".`);
                continue;
            }
            const subnets = view.refs(att, "subnetIds", [T.subnet]);
            if (subnets === UNKNOWN) continue;
            for (const s of subnets) {
                if (subnetIpv6Only(s) === true) ctx.report(att, `${describe(att)} uses the IPv6-only ${describe(s)}, which transit gateway attachments cannot use: set subnetIds to dual-stack subnets.`);
                else if (subnetHasIpv6(s) === false) ctx.report(att, `${describe(att)} enables IPv6 but its subnet ${describe(s)} has no IPv6 block: give ${describe(s)} an ipv6CidrBlock or pick a dual-stack subnet in that Availability Zone.`);
            }
        }
    },
});

export const joinedVpcsIpv4Disjoint = stackRule({
    name: "joined-vpcs-ipv4-disjoint",
    description: "VPCs joined by a peering connection or by the same transit gateway have non-overlapping IPv4 CIDRs (primary and secondary).",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "AWS refuses to peer VPCs with overlapping IPv4 CIDRs even when only IPv6 routes are used; a transit gateway accepts the attachment but propagates only one of the overlapping blocks, so traffic silently goes to the wrong VPC or nowhere.",
    source: "VPC peering guide, \"VPC peering limitations\"; Transit Gateway guide, \"Design best practices\"; lib/cidr.ts assertNoIpv4Overlap",
    remediation: "Give one of the VPCs an IPv4 CIDR outside the other's (IPv6 blocks are unique per VPC and never overlap).",
    check(view, ctx) {
        const vpcOf = (r: PolicyRes, key: string) => { const v = view.ref(r, key, [T.vpc]); return v && v !== UNKNOWN ? v : undefined; };
        const compare = (at: PolicyRes, a: PolicyRes, b: PolicyRes) => {
            const A = vpcIpv4Blocks(view, a);
            const B = vpcIpv4Blocks(view, b);
            for (const x of A.blocks) for (const y of B.blocks) {
                if (cidrsOverlap(x, y)) ctx.report(at, `${describe(at)} joins ${describe(a)} (${x}) and ${describe(b)} (${y}), whose IPv4 CIDRs overlap: change cidrBlock of one of them to a block outside the other.`);
            }
        };
        for (const p of view.ofType(T.peering)) {
            const a = vpcOf(p, "vpcId");
            const b = vpcOf(p, "peerVpcId");
            if (a && b && a !== b) compare(p, a, b);
        }
        const byGateway = new Map<string, { att: PolicyRes; vpc: PolicyRes }[]>();
        for (const att of view.ofType(T.tgwAttachment)) {
            const vpc = vpcOf(att, "vpcId");
            const g = view.ref(att, "transitGatewayId", [T.tgw]);
            const key = g && g !== UNKNOWN ? g.urn : str(att.props.transitGatewayId);
            if (!vpc || typeof key !== "string") continue;
            byGateway.set(key, [...(byGateway.get(key) ?? []), { att, vpc }]);
        }
        for (const members of byGateway.values()) {
            for (let i = 0; i < members.length; i++) for (let j = 0; j < i; j++) {
                if (members[i].vpc !== members[j].vpc) compare(members[i].att, members[j].vpc, members[i].vpc);
            }
        }
    },
});
