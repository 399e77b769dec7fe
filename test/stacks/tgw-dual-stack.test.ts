/**
 * Tier 3: the facts of the facts page, section "Scenario 2, tgw-dual-stack", hold on the recorded
 * graph of the tgw-dual-stack stack; the hub scales to 10 spokes by one config change; bad input
 * fails before any resource with the key, the value and the fix.
 */
import * as assert from "assert";
import type { Graph, GraphIndex, GraphResource } from "../../engine/graph";
import { loadStackConfig } from "../../engine/stackConfig";
import { cidrContains, cidrsOverlap, isDefaultRoute } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";
import { graphOf, indexOf, planWith } from "../helpers/graphs";
import { planSections } from "../../engine/sections";
import "../../engine/checks";
import { HANDFUL_ROUTES_PER_FAMILY, VPC_ROUTES_PER_TABLE_QUOTA } from "../../lib/transitGateway";
import { MAX_SPOKES } from "../../stacks/tgw-dual-stack";

const STACK = "tgw-dual-stack";
const TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
const ATTACH = "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
const ROUTE = "aws:ec2/route:Route";
const SUBNET = "aws:ec2/subnet:Subnet";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const LB = "aws:lb/loadBalancer:LoadBalancer";

/** The stack file's own config values, as the program reads them. */
const fileConfig = (key: string) => JSON.parse(loadStackConfig(STACK).config[`eks-ipv6-interop:${key}`]);

/** Routes to the transit gateway, by the VPC whose route table holds them. */
/**
 * The member mesh's routes to the gateway. The NAT64 demonstration's one route from the cluster
 * VPC's public table (where its NAT gateway is) to the app VPC is not part of the mesh: it is
 * counted in its own test below.
 */
function tgwRoutes(g: GraphIndex): GraphResource[] {
    return g.ofType(ROUTE).filter((r) => r.inputs.transitGatewayId !== undefined && r.name !== NAT64_PUBLIC_ROUTE);
}
const NAT64_PUBLIC_ROUTE = "cluster-vpc-public-to-app";

/**
 * Expected mesh routes: in each private route table of each member (azCount for the three core
 * VPCs, one for each spoke), one route per other member, and one per other dual-stack member
 * from a dual-stack member.
 */
function expectedMeshRoutes(azCount: number, spokes: number, spokesDualStack: boolean): number {
    const members = 3 + spokes;
    const dual = 2 + (spokesDualStack ? spokes : 0);
    const tables = [azCount, azCount, azCount, ...Array(spokes).fill(1)];
    const isDual = [true, true, false, ...Array(spokes).fill(spokesDualStack)];
    return tables.reduce((sum, t, i) => sum + t * ((members - 1) + (isDual[i] ? dual - 1 : 0)), 0);
}

/** Gateway routes per route table and family: `{ rtb-id: { ipv4: n, ipv6: n } }`. */
function gatewayRoutesPerTable(g: GraphIndex): Map<string, { ipv4: number; ipv6: number }> {
    const per = new Map<string, { ipv4: number; ipv6: number }>();
    for (const r of tgwRoutes(g)) {
        const e = per.get(r.inputs.routeTableId) ?? { ipv4: 0, ipv6: 0 };
        if (r.inputs.destinationIpv6CidrBlock !== undefined) e.ipv6++;
        else e.ipv4++;
        per.set(r.inputs.routeTableId, e);
    }
    return per;
}

describe(`stack ${STACK} (offline graph)`, () => {
    let graph: Graph;
    let g: GraphIndex;
    let vpcs: GraphResource[];
    const vpc = (name: string) => g.one("aws:ec2/vpc:Vpc", name);
    const privateSubnetsOf = (v: GraphResource) => g.ofType(SUBNET).filter((s) => s.inputs.vpcId === v.id && s.inputs.tags?.tier === "private");
    const tableOf = (subnet: GraphResource) => g.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation").find((a) => a.inputs.subnetId === subnet.id)!.inputs.routeTableId;
    const ingressOf = (sgName: string) => {
        const sg = g.one("aws:ec2/securityGroup:SecurityGroup", sgName);
        return g.ofType(INGRESS).filter((r) => r.inputs.securityGroupId === sg.id);
    };

    before(async () => {
        graph = await graphOf(STACK);
        g = indexOf(graph);
        vpcs = g.ofType("aws:ec2/vpc:Vpc");
    });

    describe("the transit gateway and its attachments", () => {
        it("one gateway with default route table association and propagation enabled and DNS support", () => {
            const tgws = g.ofType(TGW);
            assert.strictEqual(tgws.length, 1);
            assert.strictEqual(tgws[0].inputs.defaultRouteTableAssociation, "enable");
            assert.strictEqual(tgws[0].inputs.defaultRouteTablePropagation, "enable");
            assert.strictEqual(tgws[0].inputs.dnsSupport, "enable");
        });

        it("one attachment per VPC: ipv6Support enable for dual-stack VPCs, disable for the IPv4-only one, dnsSupport enable", () => {
            const atts = g.ofType(ATTACH);
            assert.strictEqual(atts.length, vpcs.length, "every VPC attaches once");
            for (const v of vpcs) {
                const att = atts.filter((a) => a.inputs.vpcId === v.id);
                assert.strictEqual(att.length, 1, v.name);
                const dualStack = v.inputs.assignGeneratedIpv6CidrBlock === true;
                assert.strictEqual(att[0].inputs.ipv6Support, dualStack ? "enable" : "disable", v.name);
                assert.strictEqual(att[0].outputs.ipv6Support, dualStack ? "enable" : "disable", `${v.name}: what describe-transit-gateway-vpc-attachments reports as Options.Ipv6Support`);
                assert.strictEqual(att[0].inputs.dnsSupport, "enable");
                assert.strictEqual(att[0].inputs.transitGatewayDefaultRouteTablePropagation, true);
            }
            assert.strictEqual(atts.find((a) => a.inputs.vpcId === vpc("app-vpc").id)!.inputs.ipv6Support, "disable");
        });

        it("attachment subnets: one per AZ, in every AZ the VPC uses, dual-stack where the attachment carries IPv6", () => {
            for (const v of vpcs) {
                const att = g.ofType(ATTACH).find((a) => a.inputs.vpcId === v.id)!;
                const subnets = (att.inputs.subnetIds as string[]).map((id) => g.byRef(id)!);
                const azs = subnets.map((s) => s.inputs.availabilityZone);
                assert.strictEqual(new Set(azs).size, azs.length, `${v.name}: one subnet per AZ`);
                const vpcAzs = new Set(g.ofType(SUBNET).filter((s) => s.inputs.vpcId === v.id).map((s) => s.inputs.availabilityZone));
                assert.deepStrictEqual(new Set(azs), vpcAzs, `${v.name}: an attachment subnet in every AZ (a route only works where there is one)`);
                if (att.inputs.ipv6Support === "enable") {
                    for (const s of subnets) assert.ok(s.inputs.ipv6CidrBlock && cidrContains(v.outputs.ipv6CidrBlock, s.inputs.ipv6CidrBlock), `${s.name} has a /64 of ${v.name}`);
                }
            }
        });

        it("the gateway route table propagates each member's IPv4 CIDR, and the /56 of each dual-stack member", () => {
            // What `search-transit-gateway-routes --filters Name=type,Values=propagated` lists: the
            // attachments propagate into the default table, IPv6 only where ipv6Support is enabled.
            const propagated = g.ofType(ATTACH).filter((a) => a.inputs.transitGatewayDefaultRouteTablePropagation).flatMap((a) => {
                const v = g.byRef(a.inputs.vpcId)!;
                return [v.inputs.cidrBlock, ...(a.inputs.ipv6Support === "enable" ? [v.outputs.ipv6CidrBlock] : [])];
            });
            for (const v of vpcs) assert.ok(propagated.includes(v.inputs.cidrBlock), `${v.name} IPv4`);
            for (const v of vpcs.filter((x) => x.outputs.ipv6CidrBlock)) assert.ok(propagated.includes(v.outputs.ipv6CidrBlock), `${v.name} IPv6`);
            assert.strictEqual(propagated.filter((c) => c.includes(":")).length, vpcs.filter((x) => x.outputs.ipv6CidrBlock).length);
        });
    });

    describe("VPC routes", () => {
        it("every private route table routes every other member's IPv4 CIDR and, between dual-stack VPCs, its IPv6 /56", () => {
            const routes = tgwRoutes(g);
            for (const from of vpcs) {
                for (const subnet of privateSubnetsOf(from)) {
                    const table = tableOf(subnet);
                    const inTable = routes.filter((r) => r.inputs.routeTableId === table);
                    for (const to of vpcs.filter((v) => v !== from)) {
                        assert.strictEqual(inTable.filter((r) => r.inputs.destinationCidrBlock === to.inputs.cidrBlock).length, 1, `${from.name} -> ${to.name} IPv4`);
                        const six = from.outputs.ipv6CidrBlock && to.outputs.ipv6CidrBlock;
                        assert.strictEqual(inTable.filter((r) => to.outputs.ipv6CidrBlock && r.inputs.destinationIpv6CidrBlock === to.outputs.ipv6CidrBlock).length, six ? 1 : 0, `${from.name} -> ${to.name} IPv6`);
                    }
                }
            }
        });

        it("never an IPv6 prefix in destinationCidrBlock, never a default route to the gateway", () => {
            for (const r of g.ofType(ROUTE)) {
                if (r.inputs.destinationCidrBlock !== undefined) assert.doesNotMatch(String(r.inputs.destinationCidrBlock), /:/, r.name);
            }
            for (const r of tgwRoutes(g)) {
                const dest = r.inputs.destinationCidrBlock ?? r.inputs.destinationIpv6CidrBlock;
                assert.ok(!isDefaultRoute(dest), `${r.name} sends ${dest} to the gateway`);
            }
        });

        it("each gateway route depends on its own VPC's attachment (a route to an unattached gateway fails)", () => {
            const atts = g.ofType(ATTACH);
            for (const r of tgwRoutes(g)) {
                const table = g.byRef(r.inputs.routeTableId)!;
                const att = atts.find((a) => a.inputs.vpcId === table.inputs.vpcId)!;
                assert.ok(r.dependencies.includes(att.urn), `${r.name} waits for ${att.name}`);
            }
        });

        it("generated addressing (the default): a mesh, one route per other member per private table (one table per spoke)", () => {
            assert.strictEqual(fileConfig("addressing").mode, "generated");
            assert.strictEqual(vpcs.length, 3 + fileConfig("spokes").count);
            assert.strictEqual(tgwRoutes(g).length, expectedMeshRoutes(Number(loadStackConfig(STACK).config["eks-ipv6-interop:azCount"]), fileConfig("spokes").count, fileConfig("spokes").dualStack));
        });
    });

    describe("the two applications and their security rules", () => {
        it("the dual-stack service: internal dualstack NLB in dual-stack subnets, IPv6 target group of IP targets that are its instances' IPv6 addresses", () => {
            const nlb = g.one(LB, "service-nlb");
            assert.strictEqual(nlb.inputs.loadBalancerType, "network");
            assert.strictEqual(nlb.inputs.internal, true);
            assert.strictEqual(nlb.inputs.ipAddressType, "dualstack");
            for (const id of nlb.inputs.subnets) assert.ok(g.byRef(id)!.inputs.ipv6CidrBlock, "NLB subnets have IPv6");
            const tg = g.one("aws:lb/targetGroup:TargetGroup", "service-tg");
            assert.strictEqual(tg.inputs.ipAddressType, "ipv6");
            assert.strictEqual(tg.inputs.targetType, "ip");
            assert.strictEqual(tg.inputs.protocol, "TCP");
            const instances = g.ofType("aws:ec2/instance:Instance").filter((i) => i.name.startsWith("service-"));
            const targets = g.ofType("aws:lb/targetGroupAttachment:TargetGroupAttachment").filter((a) => a.inputs.targetGroupArn === tg.outputs.arn);
            assert.strictEqual(targets.length, instances.length);
            for (const t of targets) {
                const owner = instances.find((i) => i.outputs.ipv6Addresses.includes(t.inputs.targetId));
                assert.ok(owner, `${t.inputs.targetId} is an instance's IPv6 address`);
                assert.ok(cidrContains(vpc("service-vpc").outputs.ipv6CidrBlock, `${t.inputs.targetId}/128`));
                assert.strictEqual(owner!.inputs.metadataOptions.httpTokens, "required", "IMDSv2");
            }
        });

        it("the IPv4-only app keeps an internal IPv4 NLB", () => {
            const nlb = g.one(LB, "app-nlb");
            assert.strictEqual(nlb.inputs.ipAddressType, "ipv4");
            assert.strictEqual(nlb.inputs.internal, true);
        });

        it("the service NLB admits exactly the cluster VPC's /56 on the app port, plus ICMPv6 from it; no IPv4", () => {
            const rules = ingressOf("service-nlb");
            const cluster6 = vpc("cluster-vpc").outputs.ipv6CidrBlock;
            const port = fileConfig("service").port;
            assert.deepStrictEqual(rules.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv6, r.inputs.cidrIpv4]).sort(), [
                ["icmpv6", -1, -1, cluster6, undefined],
                ["tcp", port, port, cluster6, undefined],
            ]);
        });

        it("the IPv4 app's NLB admits exactly the cluster VPC's IPv4 CIDR on the app port (pods arrive SNATed to node IPv4s)", () => {
            const rules = ingressOf("app-nlb");
            const port = fileConfig("app").port;
            assert.deepStrictEqual(rules.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.cidrIpv4, r.inputs.cidrIpv6]), [["tcp", port, vpc("cluster-vpc").inputs.cidrBlock, undefined]]);
        });

        it("cluster nodes admit ICMPv6 from the service VPC (path-MTU discovery); nothing else from outside", () => {
            const nodeRules = ingressOf("cluster-nodes");
            const outside = nodeRules.filter((r) => !r.inputs.referencedSecurityGroupId);
            assert.deepStrictEqual(outside.map((r) => [r.inputs.ipProtocol, r.inputs.cidrIpv6]), [["icmpv6", vpc("service-vpc").outputs.ipv6CidrBlock]]);
        });

        it("no ingress rule anywhere is open to 0.0.0.0/0 or ::/0", () => {
            for (const r of g.ofType(INGRESS)) {
                for (const c of [r.inputs.cidrIpv4, r.inputs.cidrIpv6].filter(Boolean)) assert.ok(!isDefaultRoute(c), `${r.name}: ${c}`);
            }
        });

        it("no NAT gateway in the service VPC, the IPv4-only VPC or the spokes; VPC IPv4 CIDRs are disjoint", () => {
            const nats = g.ofType("aws:ec2/natGateway:NatGateway").map((n) => g.byRef(n.inputs.subnetId)!.inputs.vpcId);
            assert.deepStrictEqual(nats, [vpc("cluster-vpc").id]);
            for (let i = 0; i < vpcs.length; i++) for (let j = i + 1; j < vpcs.length; j++) assert.ok(!cidrsOverlap(vpcs[i].inputs.cidrBlock, vpcs[j].inputs.cidrBlock));
        });
    });

    describe("probe, outputs and intent", () => {
        it("the probe Job curls the service with -6 and the app with -4, after the routes between the cluster and both VPCs", () => {
            const script: string = g.one("kubernetes:core/v1:ConfigMap", "probe-script").inputs.data["probe.sh"];
            const svc = g.one(LB, "service-nlb").outputs.dnsName;
            const app = g.one(LB, "app-nlb").outputs.dnsName;
            const curls = script.split("\n").filter((l) => l.startsWith("if ( curl "));
            assert.ok(curls.some((l) => l.startsWith("if ( curl -6 ") && l.includes(`'http://${svc}:${fileConfig("service").port}/'`)), "curl -6 to the service");
            assert.ok(curls.some((l) => l.startsWith("if ( curl -4 ") && l.includes(`'http://${app}:${fileConfig("app").port}/'`)), "curl -4 to the app");
            assert.match(script, /dig \+short AAAA/);
            const job = g.one("kubernetes:batch/v1:Job", "probe");
            const ns = g.one("kubernetes:core/v1:Namespace", "probe-ns");
            const routes = tgwRoutes(g).filter((r) => /^hub-(cluster-\d+-to-(service|app)|(service|app)-\d+-to-cluster)-/.test(r.name));
            const azCount = Number(loadStackConfig(STACK).config["eks-ipv6-interop:azCount"]);
            // cluster <-> service: 2 directions x 2 families; cluster <-> app: 2 directions x IPv4; per AZ.
            assert.strictEqual(routes.length, (2 * 2 + 2 * 1) * azCount);
            for (const r of routes) assert.ok(g.dependsOn(job, r) || g.dependsOn(ns, r), `the probe waits for ${r.name}`);
        });

        it("outputs hold the post-deploy checks: attachment Ipv6Support, propagated routes, curl -6 and curl -4", () => {
            const checks: string = graph.outputs.checks;
            assert.match(checks, /describe-transit-gateway-vpc-attachments .*Options\.Ipv6Support/);
            for (const a of g.ofType(ATTACH)) assert.ok(checks.includes(a.id!), `lists ${a.name}`);
            assert.match(checks, new RegExp(`search-transit-gateway-routes --transit-gateway-route-table-id ${g.ofType(TGW)[0].outputs.associationDefaultRouteTableId} --filters Name=type,Values=propagated`));
            assert.match(checks, /curl -6 -sS http:\/\/service-nlb/);
            assert.match(checks, /curl -4 -sS http:\/\/app-nlb/);
        });

        it("declares the flows that must work and at least one that must not", () => {
            const pods = graph.intent.filter((f) => f.from.kind === "pods");
            assert.ok(pods.some((f) => f.expect === "allow" && f.family === "ipv6" && f.to.kind === "nlb" && f.to.loadBalancer === "service-nlb"));
            assert.ok(pods.some((f) => f.expect === "allow" && f.family === "ipv4" && f.to.kind === "nlb" && f.to.loadBalancer === "app-nlb"));
            assert.ok(pods.some((f) => f.expect === "deny" && f.family === "ipv6" && f.to.kind === "nlb" && f.to.loadBalancer === "app-nlb"));
            for (const f of graph.intent) if (f.to.kind === "nlb") g.one(LB, f.to.loadBalancer);
        });
    });

    describe("scaling: one config change", () => {
        it("generated (mesh) addressing takes 4 spokes and refuses a 5th, pointing at ipam", async function () {
            this.timeout(120000);
            const four = indexOf(await planWith(STACK, { overrides: { "eks-ipv6-interop:spokes": { ...fileConfig("spokes"), count: 4, flowLogs: false } } }));
            const azCount = Number(loadStackConfig(STACK).config["eks-ipv6-interop:azCount"]);
            assert.strictEqual(tgwRoutes(four).length, expectedMeshRoutes(azCount, 4, true));
            for (const [rt, n] of gatewayRoutesPerTable(four)) assert.ok(n.ipv4 <= HANDFUL_ROUTES_PER_FAMILY - 2 && n.ipv6 <= HANDFUL_ROUTES_PER_FAMILY - 2, `${rt}: ${JSON.stringify(n)}`);
            await assert.rejects(planWith(STACK, { overrides: { "eks-ipv6-interop:spokes": { ...fileConfig("spokes"), count: 5 } } }), (e: unknown) => {
                assert.ok(e instanceof ConfigError);
                assert.strictEqual(e.key, "eks-ipv6-interop:transitGateway.members");
                assert.match(e.message, /8 is invalid; mesh routing gives each route table 7 gateway routes per family.*addressing\.mode ipam/);
                return true;
            });
        });
    });

    describe("ipam addressing: summary routes, linear growth", () => {
        const ipam = (spokes: number) => planWith(STACK, { overrides: { "eks-ipv6-interop:addressing": { mode: "ipam", ipv4Summaries: ["10.0.0.0/8"] }, "eks-ipv6-interop:spokes": { ...fileConfig("spokes"), count: spokes } } });
        let one: GraphIndex;
        let big: Graph;
        let bigIndex: GraphIndex;
        before(async function () {
            this.timeout(240000);
            one = indexOf(await ipam(1));
            big = await ipam(MAX_SPOKES);
            bigIndex = indexOf(big);
        });

        it("an IPAM in the free tier (cascade delete) with one regional pool of Amazon-provided IPv6, /52 blocks for 16 VPCs each", () => {
            const [ipamRes] = one.ofType("aws:ec2/vpcIpam:VpcIpam");
            assert.strictEqual(ipamRes.inputs.tier, "free");
            assert.strictEqual(ipamRes.inputs.cascade, true);
            assert.deepStrictEqual(ipamRes.inputs.operatingRegions, [{ regionName: "us-west-2" }]);
            const [pool] = one.ofType("aws:ec2/vpcIpamPool:VpcIpamPool");
            assert.deepStrictEqual([pool.inputs.addressFamily, pool.inputs.publicIpSource, pool.inputs.awsService, pool.inputs.locale, pool.inputs.ipamScopeId], ["ipv6", "amazon", "ec2", "us-west-2", ipamRes.outputs.publicDefaultScopeId]);
            assert.strictEqual(one.ofType("aws:ec2/vpcIpamPoolCidr:VpcIpamPoolCidr").length, 1, "3 dual-stack VPCs fit one /52");
            // 2 + 46 dual-stack VPCs need 3 blocks of 16.
            const blocks = bigIndex.ofType("aws:ec2/vpcIpamPoolCidr:VpcIpamPoolCidr");
            assert.strictEqual(blocks.length, 3);
            for (const b of blocks) assert.strictEqual(b.inputs.netmaskLength, 52);
        });

        it("every dual-stack VPC allocates a /56 from the pool after the blocks exist; the IPv4-only app VPC does not", () => {
            const pool = bigIndex.ofType("aws:ec2/vpcIpamPool:VpcIpamPool")[0];
            const blocks = bigIndex.ofType("aws:ec2/vpcIpamPoolCidr:VpcIpamPoolCidr");
            for (const v of bigIndex.ofType("aws:ec2/vpc:Vpc")) {
                if (v.name === "app-vpc") {
                    assert.strictEqual(v.inputs.ipv6IpamPoolId, undefined);
                    continue;
                }
                assert.strictEqual(v.inputs.ipv6IpamPoolId, pool.id, v.name);
                assert.strictEqual(v.inputs.ipv6NetmaskLength, 56);
                assert.strictEqual(v.inputs.assignGeneratedIpv6CidrBlock, undefined, `${v.name}: generated and IPAM conflict`);
                for (const b of blocks) assert.ok(v.dependencies.includes(b.urn), `${v.name} waits for ${b.name}`);
                assert.ok(blocks.some((b) => cidrContains(b.outputs.cidr, v.outputs.ipv6CidrBlock)), `${v.name} ${v.outputs.ipv6CidrBlock} inside a block`);
            }
        });

        it("every route table holds one IPv4 summary and one route per IPv6 block, far below the default quota, at 1 and at 46 spokes", () => {
            for (const [label, idx, blocks] of [["1 spoke", one, 1], ["46 spokes", bigIndex, 3]] as const) {
                const per = gatewayRoutesPerTable(idx);
                for (const [rt, n] of per) {
                    assert.strictEqual(n.ipv4, 1, `${label} ${rt}`);
                    assert.ok(n.ipv6 === 0 || n.ipv6 === blocks, `${label} ${rt}: ${n.ipv6} IPv6 routes`);
                    assert.ok(n.ipv4 + 2 <= HANDFUL_ROUTES_PER_FAMILY && n.ipv6 + 2 <= HANDFUL_ROUTES_PER_FAMILY && HANDFUL_ROUTES_PER_FAMILY < VPC_ROUTES_PER_TABLE_QUOTA);
                }
                for (const r of tgwRoutes(idx)) {
                    if (r.inputs.destinationCidrBlock !== undefined) assert.strictEqual(r.inputs.destinationCidrBlock, "10.0.0.0/8");
                }
            }
        });

        it("at most 30 resources per spoke beyond the single-spoke stack", () => {
            const perSpoke = (bigIndex.graph.resources.length - one.graph.resources.length) / (MAX_SPOKES - 1);
            assert.ok(perSpoke <= 30, `${perSpoke.toFixed(1)} resources per spoke`);
        });

        it("every declared flow holds at 46 spokes, through the summary routes and the propagated /56s", async () => {
            const result = await planSections().find((s) => s.key === "flows")!.run(big);
            assert.ok(result.ok, result.lines.join("\n"));
            const text = result.lines.join("\n");
            assert.match(text, /2001:db8:8000::\/52 -> tgw-/, "the IPv6 summary carries the flow");
            assert.match(text, /10\.0\.0\.0\/8 -> tgw-/, "the IPv4 summary carries the flow");
            assert.match(text, /propagated from hub-service/, "the gateway's propagated route has the member detail");
        });

        it("refuses an IPv4 summary that leaves a member out, naming the member's key", async () => {
            await assert.rejects(
                planWith(STACK, { overrides: { "eks-ipv6-interop:addressing": { mode: "ipam", ipv4Summaries: ["10.0.0.0/12"] } } }),
                (e: unknown) => e instanceof ConfigError && e.key === "eks-ipv6-interop:serviceVpc.cidr" && /no IPv4 summary \(addressing\.ipv4Summaries: 10\.0\.0\.0\/12\) holds this member's CIDR/.test(e.message),
            );
        });
    });

    describe("bad input fails before any resource, naming the key, the value and the fix", () => {
        const refused = async (overrides: Record<string, object>, bareKey: string, pattern: RegExp) => {
            const key = /^[A-Za-z][\w.]*$/.test(bareKey) ? `eks-ipv6-interop:${bareKey}` : bareKey;
            await assert.rejects(planWith(STACK, { overrides }), (e: unknown) => {
                assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
                assert.strictEqual(e.key, key);
                assert.match(e.message, pattern);
                return true;
            });
        };
        it("an IPv4-only member overlapping the cluster VPC", () =>
            refused({ "eks-ipv6-interop:appVpc": { ...fileConfig("appVpc"), cidr: "10.10.128.0/17" } }, "appVpc.cidr", /"10\.10\.128\.0\/17" is invalid; it overlaps clusterVpc\.cidr \(10\.10\.0\.0\/16\).*disjoint/));
        it("a spoke carved from a pool that overlaps the service VPC", () =>
            refused({ "eks-ipv6-interop:spokes": { ...fileConfig("spokes"), cidrPool: "10.30.0.0/16" } }, "spokes.cidrPool (spoke 0)", /"10\.30\.0\.0\/20" is invalid; it overlaps serviceVpc\.cidr/));
        it("more spokes than the pool holds", () =>
            refused({ "eks-ipv6-interop:spokes": { ...fileConfig("spokes"), cidrPool: "10.64.0.0/19", count: 3 } }, "spokes.count", /holds only 2 spokes of \/20/));
        it("a dual-stack member without an IPv6 /64 for its attachment subnet in AZ 1", () =>
            refused({ "eks-ipv6-interop:serviceVpc": { ...fileConfig("serviceVpc"), ipv6SubnetIndexes: { public: [0, 1], private: [16] } } }, "serviceVpc.ipv6SubnetIndexes.private", /one index per availability zone \(2\)/));
        it("a Xen instance type for the service", () =>
            refused({ "eks-ipv6-interop:service": { ...fileConfig("service"), instanceType: "t2.micro" } }, "service.instanceType", /t2 is a previous-generation Xen \(non-Nitro\) family/));
        it("a public ASN for the gateway", () =>
            refused({ "eks-ipv6-interop:transitGateway": { amazonSideAsn: 16509 } }, "eks-ipv6-interop:transitGateway.amazonSideAsn", /16509 is invalid; use a private ASN/));
        it("more spokes than a route table holds routes", () =>
            refused({ "eks-ipv6-interop:spokes": { ...fileConfig("spokes"), count: 47 } }, "eks-ipv6-interop:spokes.count", /at most 46 spokes/));
    });
});
