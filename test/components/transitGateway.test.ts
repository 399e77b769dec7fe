/**
 * Tier 2: each argument of the TransitGateway component reaches the resource it should.
 */
import * as assert from "assert";
import { TransitGateway, TransitGatewayMember, tgwMemberOf } from "../../components/network/transitGateway";
import { Vpc } from "../../components/network/vpc";
import type { GraphIndex, GraphResource } from "../../engine/graph";
import { ConfigError } from "../../lib/errors";
import { planVpc } from "../../lib/vpcPlan";
import { modelAzs, runComponents } from "../helpers/program";

const TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
const ATTACH = "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
const ROUTE = "aws:ec2/route:Route";

function vpc(name: string, cidr: string, dualStack: boolean, azCount = 2): Vpc {
    return new Vpc(name, { cidr, plan: planVpc(name, { cidr }, azCount, dualStack), availabilityZones: modelAzs(), natGateways: "none", flowLogs: false });
}

describe("components/network/TransitGateway", () => {
    let g: GraphIndex;
    let tgwRoutes: GraphResource[];
    const vpcs: Record<string, GraphResource> = {};

    before(async () => {
        g = await runComponents(() => {
            const a = vpc("a", "10.0.0.0/16", true);
            const b = vpc("b", "10.1.0.0/16", true, 3);
            const c = vpc("c", "10.2.0.0/16", false);
            new TransitGateway("hub", { members: [tgwMemberOf(a, "a", "aVpc"), tgwMemberOf(b, "b", "bVpc"), tgwMemberOf(c, "c", "cVpc")], amazonSideAsn: 64600 });
        });
        for (const n of ["a", "b", "c"]) vpcs[n] = g.one("aws:ec2/vpc:Vpc", n);
        tgwRoutes = g.ofType(ROUTE).filter((r) => r.inputs.transitGatewayId !== undefined);
    });

    it("the gateway: default route table association and propagation, DNS support, the ASN", () => {
        const tgw = g.one(TGW, "hub");
        assert.strictEqual(tgw.inputs.defaultRouteTableAssociation, "enable");
        assert.strictEqual(tgw.inputs.defaultRouteTablePropagation, "enable");
        assert.strictEqual(tgw.inputs.dnsSupport, "enable");
        assert.strictEqual(tgw.inputs.autoAcceptSharedAttachments, "disable");
        assert.strictEqual(tgw.inputs.amazonSideAsn, 64600);
    });

    it("one attachment per member on its private subnets, one per AZ; IPv6 support only for dual-stack members", () => {
        const expected: Record<string, [string, number]> = { a: ["enable", 2], b: ["enable", 3], c: ["disable", 2] };
        for (const [n, [ipv6, azs]] of Object.entries(expected)) {
            const att = g.one(ATTACH, `hub-${n}`);
            assert.strictEqual(att.inputs.vpcId, vpcs[n].id);
            assert.strictEqual(att.inputs.ipv6Support, ipv6, n);
            assert.strictEqual(att.inputs.dnsSupport, "enable");
            assert.strictEqual(att.inputs.transitGatewayDefaultRouteTableAssociation, true);
            assert.strictEqual(att.inputs.transitGatewayDefaultRouteTablePropagation, true);
            const privateSubnets = g.ofType("aws:ec2/subnet:Subnet").filter((s) => s.inputs.vpcId === vpcs[n].id && s.inputs.tags?.tier === "private");
            assert.deepStrictEqual([...att.inputs.subnetIds].sort(), privateSubnets.map((s) => s.id).sort());
            assert.strictEqual(new Set(privateSubnets.map((s) => s.inputs.availabilityZone)).size, azs, "one subnet per AZ");
            if (ipv6 === "enable") assert.ok(privateSubnets.every((s) => s.inputs.ipv6CidrBlock), "dual-stack attachment subnets have IPv6");
        }
    });

    it("routes: IPv4 CIDRs in destinationCidrBlock, IPv6 /56s in destinationIpv6CidrBlock, only between dual-stack members", () => {
        const tgw = g.one(TGW, "hub");
        const tablesOf = (n: string) => g.ofType("aws:ec2/routeTable:RouteTable").filter((t) => t.inputs.vpcId === vpcs[n].id && t.name.includes("private")).map((t) => t.id);
        for (const from of ["a", "b", "c"]) {
            for (const table of tablesOf(from)) {
                const inTable = tgwRoutes.filter((r) => r.inputs.routeTableId === table);
                for (const to of ["a", "b", "c"].filter((x) => x !== from)) {
                    const v4 = inTable.filter((r) => r.inputs.destinationCidrBlock === vpcs[to].inputs.cidrBlock);
                    assert.strictEqual(v4.length, 1, `${from} -> ${to} IPv4 in ${table}`);
                    const both6 = vpcs[from].outputs.ipv6CidrBlock && vpcs[to].outputs.ipv6CidrBlock;
                    const v6 = inTable.filter((r) => r.inputs.destinationIpv6CidrBlock === vpcs[to].outputs.ipv6CidrBlock && vpcs[to].outputs.ipv6CidrBlock);
                    assert.strictEqual(v6.length, both6 ? 1 : 0, `${from} -> ${to} IPv6 in ${table}`);
                }
            }
        }
        for (const r of tgwRoutes) {
            assert.strictEqual(r.inputs.transitGatewayId, tgw.id);
            assert.ok((r.inputs.destinationCidrBlock === undefined) !== (r.inputs.destinationIpv6CidrBlock === undefined), `${r.name} has exactly one destination`);
            if (r.inputs.destinationCidrBlock !== undefined) assert.doesNotMatch(r.inputs.destinationCidrBlock, /:/, `${r.name}: no IPv6 prefix in the IPv4 field`);
        }
        // a: 2 tables x (2 IPv4 + 1 IPv6); b: 3 x (2 + 1); c: 2 x 2.
        assert.strictEqual(tgwRoutes.length, 2 * 3 + 3 * 3 + 2 * 2);
    });

    it("each route depends on its own VPC's attachment, not on the other members'", () => {
        const atts = Object.fromEntries(["a", "b", "c"].map((n) => [n, g.one(ATTACH, `hub-${n}`)]));
        for (const r of tgwRoutes) {
            const from = r.name.split("-")[1];
            assert.ok(r.dependencies.includes(atts[from].urn), `${r.name} waits for hub-${from}`);
            for (const other of Object.keys(atts).filter((n) => n !== from)) {
                assert.ok(!r.dependencies.includes(atts[other].urn), `${r.name} does not wait for hub-${other}`);
            }
        }
    });

    it("refuses a dual-stack member with an attachment subnet without IPv6, before any resource", async () => {
        let caught: unknown;
        const run = await runComponents(() => {
            const a = vpc("a", "10.0.0.0/16", true);
            const b = vpc("b", "10.1.0.0/16", true);
            const plain = tgwMemberOf(b, "b", "bVpc");
            // As if subnet 1 had not been given its /64 yet (a VPC half-way through the IPv6 opt-in).
            const member: TransitGatewayMember = { ...plain, attachmentSubnets: plain.attachmentSubnets.map((s) => ({ ...s, ipv6: s.az === 0 })) };
            try {
                new TransitGateway("hub", { members: [tgwMemberOf(a, "a", "aVpc"), member] });
            } catch (e) {
                caught = e;
            }
        });
        assert.ok(caught instanceof ConfigError, `expected a ConfigError, got ${caught}`);
        assert.strictEqual(caught.key, "bVpc");
        assert.match(caught.message, /AZ index 1 without IPv6.*ipv6Support "enable"/);
        // Thrown before super(): neither the component nor any of its children was registered.
        assert.strictEqual(run.ofType("ipv6-eks-interop:network:TransitGateway").length, 0);
        assert.strictEqual(run.ofType(TGW).length + run.ofType(ATTACH).length, 0);
        assert.strictEqual(run.ofType("aws:ec2/vpc:Vpc").length, 2, "the VPCs built before it exist");
    });

    it("refuses overlapping members and a bad ASN with the key and the fix", async () => {
        await assert.rejects(
            runComponents(() => {
                const a = vpc("a", "10.0.0.0/16", true);
                const b = vpc("b", "10.0.64.0/18", false);
                new TransitGateway("hub", { members: [tgwMemberOf(a, "a", "aVpc"), tgwMemberOf(b, "b", "bVpc")] });
            }),
            /bVpc\.cidr: "10\.0\.64\.0\/18" is invalid; it overlaps aVpc\.cidr \(10\.0\.0\.0\/16\)/,
        );
        await assert.rejects(
            runComponents(() => {
                const a = vpc("a", "10.0.0.0/16", true);
                const b = vpc("b", "10.1.0.0/16", true);
                new TransitGateway("hub", { members: [tgwMemberOf(a, "a", "aVpc"), tgwMemberOf(b, "b", "bVpc")], amazonSideAsn: 65535 });
            }),
            /hub\.amazonSideAsn: 65535 is invalid; use a private ASN/,
        );
    });
});
