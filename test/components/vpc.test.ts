import * as assert from "assert";
import { VpcPeering } from "../../components/network/peering";
import { Ipv6AddressPool } from "../../components/network/ipam";
import { Vpc } from "../../components/network/vpc";
import { cidrContains } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";
import { planVpc } from "../../lib/vpcPlan";
import { modelAzs, runComponents } from "../helpers/program";

const base = { cidrBlock: "10.0.0.0/16" };

describe("components/network/Vpc", () => {
    it("dual-stack: /64 per subnet by explicit index, IPv6 on creation, DNS64 off, ::/0 to the egress-only gateway", async () => {
        const g = await runComponents(() => {
            new Vpc("v", { cidr: base.cidrBlock, plan: planVpc("v", { cidr: base.cidrBlock, ipv6SubnetIndexes: { public: [4, 5], private: [40, 41] } }, 2, true), availabilityZones: modelAzs() });
        });
        const vpc = g.one("aws:ec2/vpc:Vpc", "v");
        assert.strictEqual(vpc.inputs.assignGeneratedIpv6CidrBlock, true);
        assert.strictEqual(vpc.inputs.enableDnsSupport, true);
        assert.strictEqual(vpc.inputs.enableDnsHostnames, true);
        const vpc6 = vpc.outputs.ipv6CidrBlock as string;
        const subnets = g.ofType("aws:ec2/subnet:Subnet");
        assert.strictEqual(subnets.length, 4);
        for (const s of subnets) {
            assert.strictEqual(s.inputs.assignIpv6AddressOnCreation, true, s.name);
            assert.strictEqual(s.inputs.enableDns64, false, s.name);
            assert.strictEqual(s.inputs.mapPublicIpOnLaunch, false, s.name);
            assert.ok(cidrContains(vpc6, s.inputs.ipv6CidrBlock), `${s.inputs.ipv6CidrBlock} in ${vpc6}`);
            assert.match(s.inputs.ipv6CidrBlock, /\/64$/);
        }
        // Index 40 = 0x28: the private subnet of AZ 0 is the 0x28-th /64.
        const priv0 = g.one("aws:ec2/subnet:Subnet", "v-private-0");
        assert.strictEqual(priv0.inputs.ipv6CidrBlock, vpc6.replace(/00::\/56$/, "28::/64"));
        const eigw = g.one("aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway", "v");
        const v6default = g.ofType("aws:ec2/route:Route").filter((r) => r.inputs.destinationIpv6CidrBlock === "::/0" && r.name.includes("private"));
        assert.strictEqual(v6default.length, 2);
        for (const r of v6default) {
            assert.strictEqual(r.inputs.egressOnlyGatewayId, eigw.id);
            assert.ok(r.dependencies.includes(eigw.urn), "::/0 route depends on the gateway");
            assert.strictEqual(r.inputs.destinationCidrBlock, undefined);
        }
        const publicV6 = g.one("aws:ec2/route:Route", "v-public-ipv6-default");
        assert.strictEqual(publicV6.inputs.gatewayId, g.one("aws:ec2/internetGateway:InternetGateway", "v").id);
    });

    it("IPv4-only: no IPv6 anywhere, no egress-only gateway", async () => {
        const g = await runComponents(() => {
            new Vpc("v4", { cidr: "10.1.0.0/16", plan: planVpc("v4", { cidr: "10.1.0.0/16" }, 2, false), availabilityZones: modelAzs(), natGateways: "none" });
        });
        assert.ok(!g.one("aws:ec2/vpc:Vpc", "v4").inputs.assignGeneratedIpv6CidrBlock);
        assert.strictEqual(g.ofType("aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway").length, 0);
        assert.strictEqual(g.ofType("aws:ec2/natGateway:NatGateway").length, 0);
        assert.ok(g.ofType("aws:ec2/subnet:Subnet").every((s) => s.inputs.ipv6CidrBlock === undefined));
        assert.ok(g.ofType("aws:ec2/route:Route").every((r) => r.inputs.destinationIpv6CidrBlock === undefined));
    });

    const natCases: ["none" | "single" | "perAz", number][] = [["none", 0], ["single", 1], ["perAz", 3]];
    for (const [strategy, count] of natCases) {
        it(`NAT strategy ${strategy}: ${count} gateway(s), each private AZ routed to one`, async () => {
            const g = await runComponents(() => {
                new Vpc("n", { cidr: "10.2.0.0/16", plan: planVpc("n", { cidr: "10.2.0.0/16" }, 3, true), availabilityZones: modelAzs(), natGateways: strategy });
            });
            const nats = g.ofType("aws:ec2/natGateway:NatGateway");
            assert.strictEqual(nats.length, count);
            assert.strictEqual(g.ofType("aws:ec2/eip:Eip").length, count);
            const v4defaults = g.ofType("aws:ec2/route:Route").filter((r) => r.inputs.natGatewayId);
            assert.strictEqual(v4defaults.length, count === 0 ? 0 : 3);
            if (strategy === "perAz") assert.strictEqual(new Set(v4defaults.map((r) => r.inputs.natGatewayId)).size, 3);
        });
    }

    it("DNS64 comes with 64:ff9b::/96 to the NAT gateway in every private route table", async () => {
        const g = await runComponents(() => {
            new Vpc("d", { cidr: "10.3.0.0/16", plan: planVpc("d", { cidr: "10.3.0.0/16" }, 2, true), availabilityZones: modelAzs(), enableDns64: true });
        });
        const nat64 = g.ofType("aws:ec2/route:Route").filter((r) => r.inputs.destinationIpv6CidrBlock === "64:ff9b::/96");
        assert.strictEqual(nat64.length, 2);
        const nat = g.ofType("aws:ec2/natGateway:NatGateway")[0];
        assert.ok(nat64.every((r) => r.inputs.natGatewayId === nat.id));
        assert.ok(g.ofType("aws:ec2/subnet:Subnet").filter((s) => s.name.includes("private")).every((s) => s.inputs.enableDns64 === true));
        assert.ok(g.ofType("aws:ec2/subnet:Subnet").filter((s) => s.name.includes("public")).every((s) => s.inputs.enableDns64 === false));
    });

    it("refuses DNS64 where EKS nodes run, and DNS64 without NAT, before registering anything", async () => {
        const plan = planVpc("clusterVpc", { cidr: "10.4.0.0/16" }, 2, true);
        let registered = -1;
        await assert.rejects(runComponents(() => {
            new Vpc("x", { cidr: "10.4.0.0/16", plan, availabilityZones: ["a", "b"], enableDns64: true, hostsEksNodes: true, configKey: "clusterVpc" });
        }), (e: ConfigError) => e.key === "clusterVpc.enableDns64" && /terraform-aws-vpc#972/.test(e.message));
        await assert.rejects(runComponents(() => {
            new Vpc("y", { cidr: "10.4.0.0/16", plan, availabilityZones: ["a", "b"], enableDns64: true, natGateways: "none" });
        }), /64:ff9b::\/96 route/);
        const g = await runComponents(() => {
            try {
                new Vpc("z", { cidr: "10.4.0.0/16", plan, availabilityZones: ["a", "b"], enableDns64: true, hostsEksNodes: true });
            } catch {
                registered = 0;
            }
        });
        assert.strictEqual(registered, 0);
        assert.strictEqual(g.ofType("aws:ec2/vpc:Vpc").length, 0);
    });

    it("association mode: the /56 comes from a VpcIpv6CidrBlockAssociation and subnets wait for it", async () => {
        const g = await runComponents(() => {
            new Vpc("opt", { cidr: "10.5.0.0/16", plan: planVpc("opt", { cidr: "10.5.0.0/16" }, 2, true), availabilityZones: modelAzs(), ipv6: "association" });
        });
        const assoc = g.one("aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation", "opt-ipv6");
        assert.strictEqual(assoc.inputs.assignGeneratedIpv6CidrBlock, true);
        assert.ok(!g.one("aws:ec2/vpc:Vpc", "opt").inputs.assignGeneratedIpv6CidrBlock);
        for (const s of g.ofType("aws:ec2/subnet:Subnet")) {
            assert.ok(s.dependencies.includes(assoc.urn), `${s.name} depends on the association`);
            assert.ok(cidrContains(assoc.outputs.ipv6CidrBlock, s.inputs.ipv6CidrBlock));
        }
    });

    it("ipam mode: the /56 is allocated from the pool (ipv6IpamPoolId, netmask 56) after its blocks exist; subnets carve it", async () => {
        const g = await runComponents(() => {
            const pool = new Ipv6AddressPool("p", { region: "us-west-2", vpcs: 17 });
            for (const i of [0, 1]) {
                new Vpc(`i${i}`, { cidr: `10.${i}.0.0/16`, plan: planVpc(`i${i}`, { cidr: `10.${i}.0.0/16` }, 2, true), availabilityZones: modelAzs(), natGateways: "none", ipv6: "ipam", ipv6Pool: { poolId: pool.poolId, dependsOn: pool.blockResources } });
            }
        });
        const blocks = g.ofType("aws:ec2/vpcIpamPoolCidr:VpcIpamPoolCidr");
        assert.strictEqual(blocks.length, 2, "17 VPCs need two /52 blocks of 16");
        const pool = g.ofType("aws:ec2/vpcIpamPool:VpcIpamPool")[0];
        for (const name of ["i0", "i1"]) {
            const vpc = g.one("aws:ec2/vpc:Vpc", name);
            assert.strictEqual(vpc.inputs.ipv6IpamPoolId, pool.id);
            assert.strictEqual(vpc.inputs.ipv6NetmaskLength, 56);
            assert.strictEqual(vpc.inputs.assignGeneratedIpv6CidrBlock, undefined);
            for (const b of blocks) assert.ok(vpc.dependencies.includes(b.urn));
            assert.ok(cidrContains(blocks[0].outputs.cidr, vpc.outputs.ipv6CidrBlock), `${vpc.outputs.ipv6CidrBlock} in ${blocks[0].outputs.cidr}`);
            for (const s of g.ofType("aws:ec2/subnet:Subnet").filter((x) => x.inputs.vpcId === vpc.id)) assert.ok(cidrContains(vpc.outputs.ipv6CidrBlock, s.inputs.ipv6CidrBlock));
        }
        assert.notStrictEqual(g.one("aws:ec2/vpc:Vpc", "i0").outputs.ipv6CidrBlock, g.one("aws:ec2/vpc:Vpc", "i1").outputs.ipv6CidrBlock);
    });

    it("ipam mode needs its pool, a pool needs ipam mode, and the allocation is a /56 (the provider refuses others)", async () => {
        const plan = planVpc("x", { cidr: "10.9.0.0/16" }, 2, true);
        const attempt = (args: Partial<ConstructorParameters<typeof Vpc>[1]>) => runComponents(() => { new Vpc("x", { cidr: "10.9.0.0/16", plan, availabilityZones: modelAzs(), ...args }); });
        await assert.rejects(attempt({ ipv6: "ipam" }), (e: unknown) => e instanceof ConfigError && e.key === "x.ipv6" && /pass ipv6Pool/.test(e.message));
        await assert.rejects(attempt({ ipv6: "generated", ipv6Pool: { poolId: "ipam-pool-1", dependsOn: [] } }), (e: unknown) => e instanceof ConfigError && /only with ipv6: "ipam", not "generated"/.test(e.message));
        await assert.rejects(attempt({ ipv6: "ipam", ipv6Pool: { poolId: "ipam-pool-1", netmaskLength: 60, dependsOn: [] } }), (e: unknown) => e instanceof ConfigError && e.key === "x.ipv6Pool.netmaskLength" && /accepts only \/56.*use 56/.test(e.message));
    });

    it("the model refuses an allocation from a pool with no free /56, as AWS does", async () => {
        await assert.rejects(runComponents(() => {
            const pool = new Ipv6AddressPool("q", { region: "us-west-2", vpcs: 1 });
            for (let i = 0; i < 17; i++) {
                new Vpc(`q${i}`, { cidr: `10.${i}.0.0/16`, plan: planVpc(`q${i}`, { cidr: `10.${i}.0.0/16` }, 2, true), availabilityZones: modelAzs(), natGateways: "none", flowLogs: false, ipv6: "ipam", ipv6Pool: { poolId: pool.poolId, dependsOn: pool.blockResources } });
            }
        }), /has no free \/56 for VPC q16/);
    });

    it("shared private route table: one table for every private subnet, its routes once; refused with a NAT gateway per AZ", async () => {
        const g = await runComponents(() => {
            new Vpc("s", { cidr: "10.4.0.0/16", plan: planVpc("s", { cidr: "10.4.0.0/16" }, 3, true), availabilityZones: modelAzs(), natGateways: "single", privateRouteTables: "shared" });
        });
        const tables = g.ofType("aws:ec2/routeTable:RouteTable").filter((t) => t.name.startsWith("s-private"));
        assert.strictEqual(tables.length, 1);
        const assocs = g.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation").filter((a) => a.name.startsWith("s-private"));
        assert.strictEqual(assocs.length, 3);
        for (const a of assocs) assert.strictEqual(a.inputs.routeTableId, tables[0].id);
        assert.strictEqual(g.ofType("aws:ec2/route:Route").filter((r) => r.inputs.routeTableId === tables[0].id).length, 2, "one 0.0.0.0/0 to NAT and one ::/0 to the egress-only gateway");
        await assert.rejects(runComponents(() => {
            new Vpc("t", { cidr: "10.5.0.0/16", plan: planVpc("t", { cidr: "10.5.0.0/16" }, 2, true), availabilityZones: modelAzs(), natGateways: "perAz", privateRouteTables: "shared" });
        }), (e: unknown) => e instanceof ConfigError && e.key === "t.natGateways" && /needs a private route table per AZ/.test(e.message));
    });

    it("flow logs: the role trusts only this account's flow logs in this region and delivers only to its own log group", async () => {
        const g = await runComponents(() => {
            new Vpc("v", { cidr: base.cidrBlock, plan: planVpc("v", { cidr: base.cidrBlock }, 2, false), availabilityZones: modelAzs(), natGateways: "none" });
        });
        const group = g.one("aws:cloudwatch/logGroup:LogGroup", "v-flow-logs");
        const [, partition, region, account] = /^arn:([^:]+):logs:([^:]+):(\d{12}):log-group:/.exec(group.outputs.arn)!;
        const role = g.one("aws:iam/role:Role", "v-flow-logs");
        const trust = JSON.parse(role.inputs.assumeRolePolicy).Statement[0];
        assert.deepStrictEqual(trust.Condition, { StringEquals: { "aws:SourceAccount": account }, ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${region}:${account}:vpc-flow-log/*` } });
        const doc = JSON.parse(g.one("aws:iam/rolePolicy:RolePolicy", "v-flow-logs").inputs.policy);
        const scoped = doc.Statement.find((s: { Resource: unknown }) => Array.isArray(s.Resource));
        assert.deepStrictEqual(scoped.Resource, [group.outputs.arn, `${group.outputs.arn}:log-stream:*`]);
        assert.deepStrictEqual(doc.Statement.filter((s: { Resource: unknown }) => s.Resource === "*").flatMap((s: { Action: string[] }) => s.Action), ["logs:DescribeLogGroups"]);
        const flowLog = g.one("aws:ec2/flowLog:FlowLog", "v");
        assert.strictEqual(flowLog.inputs.iamRoleArn, role.outputs.arn);
        assert.strictEqual(flowLog.inputs.logDestination, group.outputs.arn);
    });
    it("says when the region has fewer AZs than asked", async () => {
        await assert.rejects(runComponents(() => {
            const v = new Vpc("few", { cidr: "10.6.0.0/16", plan: planVpc("few", { cidr: "10.6.0.0/16" }, 3, false), availabilityZones: ["us-west-2a", "us-west-2b"] });
            return { azs: v.availabilityZones };
        }), /offers only 2 availability zones/);
    });
});

describe("components/network/VpcPeering", () => {
    it("IPv4 routes both ways into the given route tables, no IPv6", async () => {
        const g = await runComponents(() => {
            const a = new Vpc("a", { cidr: "10.10.0.0/16", plan: planVpc("a", { cidr: "10.10.0.0/16" }, 2, true), availabilityZones: modelAzs(), flowLogs: false });
            const b = new Vpc("b", { cidr: "10.20.0.0/16", plan: planVpc("b", { cidr: "10.20.0.0/16" }, 2, false), availabilityZones: modelAzs(), natGateways: "none", flowLogs: false });
            new VpcPeering("p", {
                requester: { vpcId: a.vpcId, ipv4Cidr: a.ipv4Cidr, ipv6Cidr: a.ipv6Cidr, routeTableIds: a.privateRouteTableIds, configKey: "a" },
                accepter: { vpcId: b.vpcId, ipv4Cidr: b.ipv4Cidr, routeTableIds: b.privateRouteTableIds, configKey: "b" },
                routes: ["ipv4"],
            });
        });
        const pcx = g.one("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "p");
        assert.strictEqual(pcx.inputs.autoAccept, true);
        assert.strictEqual(pcx.inputs.vpcId, g.one("aws:ec2/vpc:Vpc", "a").id);
        assert.strictEqual(pcx.inputs.peerVpcId, g.one("aws:ec2/vpc:Vpc", "b").id);
        const routes = g.ofType("aws:ec2/route:Route").filter((r) => r.inputs.vpcPeeringConnectionId === pcx.id);
        assert.strictEqual(routes.length, 4);
        const aTables = new Set(g.ofType("aws:ec2/routeTable:RouteTable").filter((t) => t.name.startsWith("a-private")).map((t) => t.id));
        for (const r of routes) {
            assert.strictEqual(r.inputs.destinationIpv6CidrBlock, undefined);
            assert.strictEqual(r.inputs.destinationCidrBlock, aTables.has(r.inputs.routeTableId) ? "10.20.0.0/16" : "10.10.0.0/16");
        }
    });

    it("refuses overlapping IPv4 CIDRs before creating anything, naming both keys", async () => {
        let count = -1;
        const g = await runComponents(() => {
            try {
                new VpcPeering("p", {
                    requester: { vpcId: "vpc-1", ipv4Cidr: "10.0.0.0/16", routeTableIds: [], configKey: "clusterVpc" },
                    accepter: { vpcId: "vpc-2", ipv4Cidr: "10.0.128.0/17", routeTableIds: [], configKey: "appVpc" },
                    routes: ["ipv6"],
                });
            } catch (e) {
                assert.match((e as Error).message, /appVpc\.cidr: "10\.0\.128\.0\/17" is invalid; it overlaps clusterVpc\.cidr/);
                count = 0;
            }
        });
        assert.strictEqual(count, 0);
        assert.strictEqual(g.ofType("aws:ec2/vpcPeeringConnection:VpcPeeringConnection").length, 0);
    });

    it("refuses IPv6 routes to an IPv4-only side", async () => {
        await assert.rejects(runComponents(() => {
            new VpcPeering("p", {
                requester: { vpcId: "vpc-1", ipv4Cidr: "10.0.0.0/16", ipv6Cidr: "2001:db8::/56", routeTableIds: [], configKey: "a" },
                accepter: { vpcId: "vpc-2", ipv4Cidr: "10.1.0.0/16", routeTableIds: [], configKey: "b" },
                routes: ["ipv6"],
            });
        }), /IPv6 peering routes need both VPCs to be dual-stack/);
    });
});
