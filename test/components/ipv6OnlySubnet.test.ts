/**
 * Tier 2: the Ipv6OnlySubnet's arguments reach its resources (an ipv6Native /64 with DNS64 and
 * only the NAT64 route), and bad arguments are refused before any of its resources exist.
 */
import * as assert from "assert";
import { Ipv6OnlySubnet } from "../../components/network/ipv6OnlySubnet";
import { Vpc } from "../../components/network/vpc";
import { ConfigError } from "../../lib/errors";
import { planVpc } from "../../lib/vpcPlan";
import { modelAzs, runComponents } from "../helpers/program";

function vpc(name: string, dualStack: boolean): Vpc {
    return new Vpc(name, { cidr: "10.5.0.0/16", plan: planVpc(name, { cidr: "10.5.0.0/16" }, 2, dualStack), availabilityZones: modelAzs(), natGateways: "single", flowLogs: false });
}

describe("components/network/Ipv6OnlySubnet", () => {
    it("an ipv6Native /64 at the index, in the AZ asked for, DNS64 on, its own table with only 64:ff9b::/96 -> the NAT gateway", async () => {
        const g = await runComponents(() => {
            const v = vpc("v", true);
            new Ipv6OnlySubnet("six", { vpc: v, ipv6Index: 200, az: 1, natGatewayId: v.natGatewayIds[0] });
        });
        const s = g.one("aws:ec2/subnet:Subnet", "six");
        const block: string = g.one("aws:ec2/vpc:Vpc", "v").outputs.ipv6CidrBlock;
        assert.strictEqual(s.inputs.ipv6CidrBlock, `${block.split("::")[0].replace(/00$/, "c8")}::/64`, `index 200 (0xc8) of ${block}`);
        assert.deepStrictEqual([s.inputs.ipv6Native, s.inputs.cidrBlock, s.inputs.enableDns64, s.inputs.assignIpv6AddressOnCreation], [true, undefined, true, true]);
        assert.strictEqual(s.inputs.availabilityZone, g.one("aws:ec2/subnet:Subnet", "v-private-1").inputs.availabilityZone, "the second AZ");
        const rt = g.one("aws:ec2/routeTable:RouteTable", "six");
        const routes = g.ofType("aws:ec2/route:Route").filter((r) => r.inputs.routeTableId === rt.id);
        assert.deepStrictEqual(routes.map((r) => [r.inputs.destinationIpv6CidrBlock, r.inputs.natGatewayId]), [["64:ff9b::/96", g.one("aws:ec2/natGateway:NatGateway", "v-0").id]]);
        assert.strictEqual(g.one("aws:ec2/routeTableAssociation:RouteTableAssociation", "six").inputs.subnetId, s.id);
    });

    const refusals: [string, boolean, number, number | undefined, RegExp][] = [
        ["an IPv4-only VPC", false, 32, undefined, /six: "an IPv4-only VPC" is invalid; an IPv6-only subnet needs a dual-stack VPC/],
        ["a /64 index past 255", true, 256, undefined, /six\.ipv6SubnetIndex: 256 is invalid; use a \/64 index from 0 to 255/],
        ["an AZ index the VPC does not have", true, 32, 2, /six\.az: 2 is invalid; use an availability zone index from 0 to 1/],
    ];
    for (const [label, dualStack, index, az, message] of refusals) {
        it(`refuses ${label} before any of its resources`, async () => {
            let caught: unknown;
            const g = await runComponents(() => {
                const v = vpc("v", dualStack);
                try {
                    new Ipv6OnlySubnet("six", { vpc: v, ipv6Index: index, az, natGatewayId: v.natGatewayIds[0] });
                } catch (e) {
                    caught = e;
                }
            });
            assert.ok(caught instanceof ConfigError, `expected a ConfigError, got ${caught}`);
            assert.match(caught.message, message);
            assert.strictEqual(g.ofType("ipv6-eks-interop:network:Ipv6OnlySubnet").length, 0);
            assert.strictEqual(g.ofType("aws:ec2/subnet:Subnet").filter((s) => s.inputs.ipv6Native).length, 0);
        });
    }
});
