/**
 * lib/aws/quotas.ts at its edges (issue 20, mutation survivors): the scope each row counts in when
 * the parent is in the graph, only named, or not known; the default VPC's baseline with no VPC of
 * ours; and every line and warning quotaLines prints, at the limit and one past it, with six users
 * and with seven. awsQuotas.test.ts covers the typical counts and the stacks.
 */
import * as assert from "assert";
import { QUOTAS, quotaLines, quotaUse, type QuotaResource } from "../../../lib/aws/quotas";

const R = "eu-west-1";
const of = (resources: QuotaResource[], id: string) => quotaUse(resources, R).filter((u) => u.row.id === id).map((u) => [u.scope, u.used, u.users]);
const many = (type: string, n: number, inputs: Record<string, any> = {}, prefix = "r"): QuotaResource[] => Array.from({ length: n }, (_, i) => ({ type, name: `${prefix}${i}`, inputs }));
const row = (id: string) => QUOTAS.find((q) => q.id === id)!;

describe("lib/aws/quotas edges: the scope of each count", () => {
    it("with no resources, only the rows with a baseline are counted: the default VPC and its internet gateway", () => {
        assert.deepStrictEqual(quotaUse([], R).map((u) => [u.row.id, u.scope, u.used, u.users]), [
            ["vpcs", R, 1, ["the default VPC (unless you deleted it)"]],
            ["internet-gateways", R, 1, ["the default VPC's internet gateway"]],
        ]);
    });

    it("region rows without a baseline count in the region, with the users only", () => {
        assert.deepStrictEqual(of(many("aws:ec2/eip:Eip", 2, {}, "eip"), "elastic-ips"), [[R, 2, ["eip0", "eip1"]]]);
        assert.deepStrictEqual(of(many("aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway", 1, {}, "eigw"), "egress-only-gateways"), [[R, 1, ["eigw0"]]]);
    });

    it("a NAT gateway's AZ: its subnet's input, else its output; a subnet not in the graph, no subnet, or a subnet with neither is an unknown AZ", () => {
        const graph: QuotaResource[] = [
            { type: "aws:ec2/subnet:Subnet", name: "s-out", id: "subnet-out", inputs: {}, outputs: { availabilityZone: "eu-west-1c" } },
            { type: "aws:ec2/subnet:Subnet", name: "s-pending", inputs: { availabilityZone: "eu-west-1z" } },
            { type: "aws:ec2/natGateway:NatGateway", name: "nat-out", inputs: { subnetId: "subnet-out" } },
            { type: "aws:ec2/natGateway:NatGateway", name: "nat-missing", inputs: { subnetId: "subnet-elsewhere" } },
            { type: "aws:ec2/natGateway:NatGateway", name: "nat-none", inputs: {} },
            { type: "aws:ec2/subnet:Subnet", name: "s-blank", id: "subnet-blank", inputs: {} },
            { type: "aws:ec2/natGateway:NatGateway", name: "nat-blank", inputs: { subnetId: "subnet-blank" } },
        ];
        assert.deepStrictEqual(of(graph, "nat-gateways"), [["eu-west-1c", 1, ["nat-out"]], ["an unknown AZ", 3, ["nat-missing", "nat-none", "nat-blank"]]]);
    });

    it("an interface endpoint's VPC: its name in the graph, else the id, else an unknown VPC; no type means a gateway endpoint", () => {
        const graph: QuotaResource[] = [
            { type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: "e1", inputs: { vpcId: "vpc-9", vpcEndpointType: "Interface" } },
            { type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: "e2", inputs: { vpcEndpointType: "Interface" } },
            { type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: "s3", inputs: { vpcId: "vpc-9" } },
        ];
        assert.deepStrictEqual(of(graph, "interface-endpoints"), [["vpc-9", 1, ["e1"]], ["an unknown VPC", 1, ["e2"]]]);
    });

    it("a transit gateway attachment: the gateway's name, else its id, else an unknown transit gateway (counted, not skipped)", () => {
        const graph: QuotaResource[] = [
            { type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment", name: "a1", inputs: { transitGatewayId: "tgw-9" } },
            { type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment", name: "a2", inputs: {} },
        ];
        assert.deepStrictEqual(of(graph, "tgw-attachments"), [["tgw-9", 1, ["a1"]], ["an unknown transit gateway", 1, ["a2"]]]);
    });
});

describe("lib/aws/quotas edges: the lines a user reads", () => {
    it("exactly at the limit: a blank mark, no warning; the baseline is listed among the users", () => {
        const uses = quotaUse(many("aws:ec2/vpc:Vpc", 4, {}, "vpc"), R);
        const { lines, exceeded } = quotaLines(uses.filter((u) => u.row.id === "vpcs"), R);
        assert.deepStrictEqual(exceeded, []);
        assert.deepStrictEqual(lines, ["  VPCs per Region: 5 of 5 (default) - vpc0, vpc1, vpc2, vpc3, the default VPC (unless you deleted it)"]);
    });

    it("one past a region limit: the mark, seven users cut to six and the count, and the warning with the command", () => {
        const uses = quotaUse(many("aws:ec2/eip:Eip", 7, {}, "eip"), R);
        const { lines, exceeded } = quotaLines(uses.filter((u) => u.row.id === "elastic-ips"), R);
        assert.deepStrictEqual(exceeded.map((u) => u.used), [7]);
        assert.deepStrictEqual(lines, [
            "! EC2-VPC Elastic IPs: 7 of 5 (default) - eip0, eip1, eip2, eip3, eip4, eip5, ... (7)",
            "WARNING EC2-VPC Elastic IPs: 7 needed, the default quota is 5. Check yours and ask for more: aws service-quotas request-service-quota-increase --region eu-west-1 --service-code ec2 --quota-code L-0263D0A3 --desired-value 7 [Amazon EC2 User Guide, Elastic IP address quota]",
        ]);
    });

    it("six users are listed in full", () => {
        const { lines } = quotaLines([{ row: row("elastic-ips"), scope: R, users: ["a", "b", "c", "d", "e", "f"], used: 6 }], R);
        assert.strictEqual(lines[0], "! EC2-VPC Elastic IPs: 6 of 5 (default) - a, b, c, d, e, f");
    });

    it("a scoped row names its scope in the line and in the warning", () => {
        const subnets: QuotaResource[] = [{ type: "aws:ec2/subnet:Subnet", name: "s", id: "subnet-1", inputs: { availabilityZone: "eu-west-1a" } }];
        const uses = quotaUse([...subnets, ...many("aws:ec2/natGateway:NatGateway", 6, { subnetId: "subnet-1" }, "nat")], R).filter((u) => u.row.id === "nat-gateways");
        const { lines } = quotaLines(uses, R);
        assert.deepStrictEqual(lines, [
            "! NAT gateways per Availability Zone (eu-west-1a): 6 of 5 (default) - nat0, nat1, nat2, nat3, nat4, nat5",
            "WARNING NAT gateways per Availability Zone in eu-west-1a: 6 needed, the default quota is 5. Check yours and ask for more: aws service-quotas request-service-quota-increase --region eu-west-1 --service-code vpc --quota-code L-FE5A380F --desired-value 6 [Amazon VPC User Guide, Amazon VPC quotas]",
        ]);
        const { lines: within } = quotaLines([{ ...uses[0], users: ["nat0"], used: 1 }], R);
        assert.deepStrictEqual(within, ["  NAT gateways per Availability Zone (eu-west-1a): 1 of 5 (default) - nat0"]);
    });
});
