import * as assert from "assert";
import { quotasAcrossStacks, quotasSection } from "../../engine/checks/quotas";
import { listStacks } from "../../engine/stackConfig";
import { QUOTAS, increaseCommand, quotaLines, quotaUse, type QuotaResource } from "../../lib/aws/quotas";
import { graphOf } from "../helpers/graphs";

const vpc = (i: number): QuotaResource => ({ type: "aws:ec2/vpc:Vpc", name: `vpc${i}`, id: `vpc-${i}`, inputs: {} });

describe("lib/aws/quotas: region-level default quotas", () => {
    it("every row has a limit, a Service Quotas code and a source", () => {
        for (const q of QUOTAS) {
            assert.ok(q.limit > 0 && /^L-[0-9A-F]{8}$/.test(q.quotaCode) && q.source.length > 10 && q.serviceCode, q.id);
        }
    });
    it("VPCs count the default VPC: 4 of ours fit, 5 exceed, with the increase command", () => {
        const four = quotaUse([1, 2, 3, 4].map(vpc), "eu-west-1").find((u) => u.row.id === "vpcs")!;
        assert.strictEqual(four.used, 5);
        assert.ok(four.users.some((u) => /default VPC/.test(u)));
        assert.strictEqual(quotaLines([four], "eu-west-1").exceeded.length, 0);
        const five = quotaUse([1, 2, 3, 4, 5].map(vpc), "eu-west-1");
        const { exceeded, lines } = quotaLines(five, "eu-west-1");
        assert.deepStrictEqual(exceeded.map((u) => [u.row.id, u.used]), [["vpcs", 6]]);
        assert.ok(lines.some((l) => l.includes("aws service-quotas request-service-quota-increase --region eu-west-1 --service-code vpc --quota-code L-F678F1CE --desired-value 6")));
    });
    it("NAT gateways count per AZ (through their subnet), interface endpoints per VPC (gateway endpoints do not count)", () => {
        const subnets = ["a", "a", "b"].map((az, i) => ({ type: "aws:ec2/subnet:Subnet", name: `s${i}`, id: `subnet-${i}`, inputs: { availabilityZone: `eu-west-1${az}` } }));
        const nats = Array.from({ length: 7 }, (_, i) => ({ type: "aws:ec2/natGateway:NatGateway", name: `nat${i}`, inputs: { subnetId: `subnet-${i % 3}` } }));
        const uses = quotaUse([...subnets, ...nats], "eu-west-1").filter((u) => u.row.id === "nat-gateways");
        assert.deepStrictEqual(uses.map((u) => [u.scope, u.used]).sort(), [["eu-west-1a", 5], ["eu-west-1b", 2]]);
        const endpoints = [
            ...Array.from({ length: 51 }, (_, i) => ({ type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: `e${i}`, inputs: { vpcId: "vpc-1", vpcEndpointType: "Interface" } })),
            { type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: "s3", inputs: { vpcId: "vpc-2", vpcEndpointType: "Gateway" } },
        ];
        const e = quotaUse([vpc(1), ...endpoints], "eu-west-1").filter((u) => u.row.id === "interface-endpoints");
        assert.deepStrictEqual(e.map((u) => [u.scope, u.used]), [["vpc1", 51]]);
    });
    it("a VPN connection on a transit gateway counts as one of its attachments; one on a virtual private gateway does not", () => {
        const tgw = { type: "aws:ec2transitgateway/transitGateway:TransitGateway", name: "hub", id: "tgw-1", inputs: {} };
        const att = { type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment", name: "a", inputs: { transitGatewayId: "tgw-1" } };
        const vpn = (inputs: Record<string, string>) => ({ type: "aws:ec2/vpnConnection:VpnConnection", name: `vpn-${Object.keys(inputs)[0]}`, inputs });
        const uses = quotaUse([tgw, att, vpn({ transitGatewayId: "tgw-1" }), vpn({ vpnGatewayId: "vgw-1" })], "eu-west-1").filter((u) => u.row.id === "tgw-attachments");
        assert.deepStrictEqual(uses.map((u) => [u.scope, u.used, u.users]), [["hub", 2, ["a", "vpn-transitGatewayId"]]]);
    });
    it("increaseCommand names the region, service, quota and value", () => {
        assert.strictEqual(increaseCommand(QUOTAS.find((q) => q.id === "elastic-ips")!, "us-east-2", 8), "aws service-quotas request-service-quota-increase --region us-east-2 --service-code ec2 --quota-code L-0263D0A3 --desired-value 8");
    });
    it("each stack fits every default alone; the four together in one region exceed VPCs, internet and egress-only gateways", async () => {
        // One at a time: the engine's mock monitor is process-wide.
        const graphs = [];
        for (const stack of listStacks()) graphs.push(await graphOf(stack));
        for (const g of graphs) {
            const s = quotasSection(g);
            assert.strictEqual(s.ok, true);
            assert.deepStrictEqual((s.json as { exceeded: unknown[] }).exceeded, [], g.stack);
            assert.ok(s.lines.some((l) => /VPCs per Region: \d of 5/.test(l)), g.stack);
        }
        const all = quotasAcrossStacks(graphs).join("\n");
        const vpcs = graphs.reduce((n, g) => n + g.resources.filter((r) => r.type === "aws:ec2/vpc:Vpc").length, 0);
        assert.match(all, new RegExp(`! VPCs per Region: ${vpcs + 1} of 5`));
        assert.match(all, /WARNING Internet gateways per Region/);
        assert.match(all, /WARNING Egress-only internet gateways per Region/);
        assert.ok(!/WARNING EKS clusters/.test(all));
    });
});
