import { strict as assert } from "assert";
import { joinedVpcsIpv4Disjoint, tgwAttachmentIpv6 } from "../../policies/rules/transitGateway";
import { Fx, UNKNOWN, messages, patch, subnet, vpc } from "./harness";

const tgw: Fx = { type: "aws:ec2transitgateway/transitGateway:TransitGateway", name: "hub", props: { id: "tgw-hub", defaultRouteTableAssociation: "enable", defaultRouteTablePropagation: "enable" } };
const attachment = (name: string, vpcName: string, subnets: string[], ipv6Support?: string): Fx => ({
    type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    name,
    props: { id: `tgw-attach-${name}`, transitGatewayId: "tgw-hub", vpcId: `vpc-${vpcName}`, subnetIds: subnets.map((s) => `subnet-${s}`), dnsSupport: "enable", ...(ipv6Support ? { ipv6Support } : {}) },
    deps: { transitGatewayId: ["hub"], vpcId: [vpcName], subnetIds: subnets },
});
const peering = (name: string, a: string, b: string): Fx => ({ type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", name, props: { id: `pcx-${name}`, vpcId: `vpc-${a}`, peerVpcId: `vpc-${b}`, autoAccept: true }, deps: { vpcId: [a], peerVpcId: [b] } });

const members = (): Fx[] => [
    tgw,
    vpc("a", { cidr: "10.10.0.0/16", ipv6: "2001:db8:0:100::/56" }),
    subnet("a-1", "a", { cidr: "10.10.0.0/24", ipv6: "2001:db8:0:100::/64", assign: true }),
    vpc("b", { cidr: "10.20.0.0/16", ipv6: false }),
    subnet("b-1", "b", { cidr: "10.20.0.0/24" }),
];

describe("policies: joining VPCs", () => {
    describe("tgw-attachment-ipv6-support", () => {
        it("passes a dual-stack VPC attached with IPv6 on dual-stack subnets, and an IPv4-only VPC without", async () => {
            assert.deepEqual(await messages(tgwAttachmentIpv6, [...members(), attachment("a", "a", ["a-1"], "enable"), attachment("b", "b", ["b-1"])]), []);
        });
        it("fails a dual-stack VPC attached without IPv6 support", async () => {
            const m = await messages(tgwAttachmentIpv6, [...members(), attachment("a", "a", ["a-1"])]);
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.ec2transitgateway\.VpcAttachment "a" attaches the dual-stack aws\.ec2\.Vpc "a" with ipv6Support unset \(disable\): set ipv6Support to "enable"/);
        });
        it("fails IPv6 support on a subnet without an IPv6 block, and on an IPv6-only subnet", async () => {
            const fx = [...members(), subnet("a-2", "a", { cidr: "10.10.1.0/24" }), subnet("a-3", "a", { ipv6: "2001:db8:0:102::/64", native: true, assign: true }), attachment("a", "a", ["a-2", "a-3"], "enable")];
            const m = await messages(tgwAttachmentIpv6, fx);
            assert.equal(m.length, 2);
            assert.match(m[0], /its subnet aws\.ec2\.Subnet "a-2" has no IPv6 block/);
            assert.match(m[1], /uses the IPv6-only aws\.ec2\.Subnet "a-3"/);
        });
        it("reports nothing when the setting or the VPC's IPv6 is unknown", async () => {
            assert.deepEqual(await messages(tgwAttachmentIpv6, [...members(), attachment("a", "a", ["a-1"], UNKNOWN)]), []);
            assert.deepEqual(await messages(tgwAttachmentIpv6, [...patch(members(), "b", { assignGeneratedIpv6CidrBlock: UNKNOWN }), attachment("b", "b", ["b-1"])]), []);
        });
    });

    describe("joined-vpcs-ipv4-disjoint", () => {
        it("passes disjoint VPCs on a peering and on a transit gateway", async () => {
            assert.deepEqual(await messages(joinedVpcsIpv4Disjoint, [...members(), peering("p", "a", "b"), attachment("a", "a", ["a-1"], "enable"), attachment("b", "b", ["b-1"])]), []);
        });
        it("fails overlapping primary CIDRs on a peering, and a secondary block overlapping on a transit gateway", async () => {
            const overlap = patch(members(), "b", { cidrBlock: "10.10.128.0/17" });
            const m = await messages(joinedVpcsIpv4Disjoint, [...overlap, peering("p", "a", "b")]);
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.ec2\.VpcPeeringConnection "p" joins aws\.ec2\.Vpc "a" \(10\.10\.0\.0\/16\) and aws\.ec2\.Vpc "b" \(10\.10\.128\.0\/17\), whose IPv4 CIDRs overlap/);
            const secondary: Fx = { type: "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation", name: "b2", props: { id: "vpc-cidr-assoc-b2", vpcId: "vpc-b", cidrBlock: "10.10.5.0/24" }, deps: { vpcId: ["b"] } };
            const m2 = await messages(joinedVpcsIpv4Disjoint, [...members(), secondary, attachment("a", "a", ["a-1"], "enable"), attachment("b", "b", ["b-1"])]);
            assert.match(m2[0], /"b" joins aws\.ec2\.Vpc "a" \(10\.10\.0\.0\/16\) and aws\.ec2\.Vpc "b" \(10\.10\.5\.0\/24\)/);
        });
        it("reports nothing while a CIDR is unknown", async () => {
            assert.deepEqual(await messages(joinedVpcsIpv4Disjoint, [...patch(members(), "b", { cidrBlock: UNKNOWN }), peering("p", "a", "b")]), []);
        });
    });
});
