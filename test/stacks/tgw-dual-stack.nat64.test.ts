/**
 * Issue 18 part C: the IPv6-only DNS64/NAT64 demonstration of tgw-dual-stack (docs/ipv6-only.md).
 * The subnet is IPv6-only with DNS64 and only the NAT64 route; the NAT gateway it uses is the
 * cluster VPC's own, whose public table gains one route to the app VPC through the transit
 * gateway; the instance has no IPv4 and reaches only the app's synthesized block; the cluster's
 * probe Job reads the instance's report; bad config fails before any resource.
 */
import * as assert from "assert";
import type { Graph, GraphIndex } from "../../engine/graph";
import { analyzeGraph } from "../../engine/reachability/analyze";
import { loadStackConfig } from "../../engine/stackConfig";
import { nat64Synthesize } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";
import { graphOf, indexOf, planWith } from "../helpers/graphs";
import { PROBE_START_UP_SECONDS, scriptBudget } from "../../lib/probeBudget";
import { NAT64_CLIENT, NAT64_REPORT_ATTEMPTS, probeChecks, probeWorstCaseSeconds, schema, type Config } from "../../stacks/tgw-dual-stack";

/** The probe Job's deadline and the worst case of its script (lib/probeBudget.ts). */
function jobBudget(g: GraphIndex): { deadline: number; worst: number; report: number } {
    const cm = g.ofType("kubernetes:core/v1:ConfigMap").find((c) => typeof c.inputs.data?.["probe.sh"] === "string")!;
    const budget = scriptBudget(cm.inputs.data["probe.sh"]);
    const report = budget.checks.find((c) => / reports all \d+ checks passed /.test(c.name));
    return { deadline: g.ofType("kubernetes:batch/v1:Job")[0].inputs.spec.activeDeadlineSeconds, worst: budget.total.seconds, report: report ? report.budget.seconds : 0 };
}

const STACK = "tgw-dual-stack";
const NS = "eks-ipv6-interop";
const fileConfig = (key: string) => JSON.parse(loadStackConfig(STACK).config[`${NS}:${key}`]);
const withNat64 = (patch: Record<string, unknown>) => ({ overrides: { [`${NS}:nat64Client`]: { ...fileConfig("nat64Client"), ...patch } } });

describe(`stack ${STACK}: the IPv6-only DNS64/NAT64 client (issue 18 part C)`, () => {
    let graph: Graph;
    let g: GraphIndex;
    before(async () => {
        graph = await graphOf(STACK);
        g = indexOf(graph);
    });

    it("the subnet: ipv6Native, no IPv4 block, the configured /64 of the cluster VPC, DNS64 on, IPv6 on creation, resource-name hostnames with AAAA records", () => {
        const s = g.one("aws:ec2/subnet:Subnet", "nat64-subnet");
        const vpc = g.one("aws:ec2/vpc:Vpc", "cluster-vpc");
        assert.strictEqual(s.inputs.vpcId, vpc.id);
        assert.strictEqual(s.inputs.ipv6Native, true);
        assert.strictEqual(s.inputs.cidrBlock, undefined);
        assert.strictEqual(s.inputs.enableDns64, true);
        assert.strictEqual(s.inputs.assignIpv6AddressOnCreation, true);
        assert.strictEqual(s.inputs.enableResourceNameDnsAaaaRecordOnLaunch, true);
        assert.strictEqual(s.inputs.privateDnsHostnameTypeOnLaunch, "resource-name");
        assert.strictEqual(s.inputs.mapPublicIpOnLaunch, undefined);
        const index = fileConfig("nat64Client").ipv6SubnetIndex;
        const base = BigInt(`0x${(vpc.outputs.ipv6CidrBlock as string).split("::")[0].split(":").map((h) => h.padStart(4, "0")).join("")}`);
        const got = BigInt(`0x${(s.inputs.ipv6CidrBlock as string).split("::")[0].split(":").map((h) => h.padStart(4, "0")).join("")}`);
        assert.strictEqual(got - base, BigInt(index), `the /64 at index ${index}`);
        assert.match(s.inputs.ipv6CidrBlock, /\/64$/);
    });

    it("its own route table: 64:ff9b::/96 to the cluster VPC's NAT gateway and nothing else beyond the VPC", () => {
        const s = g.one("aws:ec2/subnet:Subnet", "nat64-subnet");
        const assoc = g.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation").filter((a) => a.inputs.subnetId === s.id);
        assert.strictEqual(assoc.length, 1);
        const routes = g.ofType("aws:ec2/route:Route").filter((r) => r.inputs.routeTableId === assoc[0].inputs.routeTableId);
        const nat = g.one("aws:ec2/natGateway:NatGateway", "cluster-vpc-0");
        assert.deepStrictEqual(routes.map((r) => [r.inputs.destinationIpv6CidrBlock, r.inputs.natGatewayId]), [["64:ff9b::/96", nat.id]]);
        assert.ok(routes[0].dependencies.includes(nat.urn), "the route waits for the NAT gateway");
    });

    it("the NAT gateway is reused (no second one) and its public table reaches the app VPC through the transit gateway, after the cluster's attachment", () => {
        assert.strictEqual(g.ofType("aws:ec2/natGateway:NatGateway").length, 1);
        const r = g.one("aws:ec2/route:Route", "cluster-vpc-public-to-app");
        assert.strictEqual(r.inputs.routeTableId, g.one("aws:ec2/routeTable:RouteTable", "cluster-vpc-public").id);
        assert.strictEqual(r.inputs.destinationCidrBlock, fileConfig("appVpc").cidr);
        assert.strictEqual(r.inputs.transitGatewayId, g.ofType("aws:ec2transitgateway/transitGateway:TransitGateway")[0].id);
        const att = g.ofType("aws:ec2transitgateway/vpcAttachment:VpcAttachment").find((a) => a.inputs.vpcId === g.one("aws:ec2/vpc:Vpc", "cluster-vpc").id)!;
        assert.ok(r.dependencies.includes(att.urn));
    });

    it("the instance: Nitro, one IPv6 address and no IPv4, IMDSv2 on the IPv6 endpoint, encrypted root volume", () => {
        const i = g.one("aws:ec2/instance:Instance", NAT64_CLIENT);
        assert.strictEqual(i.inputs.subnetId, g.one("aws:ec2/subnet:Subnet", "nat64-subnet").id);
        assert.strictEqual(i.inputs.instanceType, fileConfig("nat64Client").instanceType);
        assert.strictEqual(i.inputs.ipv6AddressCount, 1);
        assert.strictEqual(i.inputs.associatePublicIpAddress, false);
        assert.strictEqual(i.inputs.privateIp, undefined);
        assert.strictEqual(i.outputs.privateIp, "", "the model gives an instance in an IPv6-only subnet no private IPv4");
        assert.deepStrictEqual(i.inputs.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, httpProtocolIpv6: "enabled" });
        assert.strictEqual(i.inputs.rootBlockDevice.encrypted, true);
    });

    it("its security group: out only to the app VPC's synthesized block on the app port; in only the report port (and ICMPv6 Packet Too Big) from the cluster VPC", () => {
        const sg = g.one("aws:ec2/securityGroup:SecurityGroup", NAT64_CLIENT);
        const eg = g.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => r.inputs.securityGroupId === sg.id);
        const port = fileConfig("app").port;
        assert.deepStrictEqual(eg.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv6, r.inputs.cidrIpv4]), [["tcp", port, port, nat64Synthesize(fileConfig("appVpc").cidr), undefined]]);
        assert.strictEqual(nat64Synthesize("10.20.0.0/16"), "64:ff9b::a14:0/112");
        const ing = g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === sg.id);
        const v6 = g.one("aws:ec2/vpc:Vpc", "cluster-vpc").outputs.ipv6CidrBlock;
        const rp = fileConfig("nat64Client").reportPort;
        assert.deepStrictEqual(ing.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv6]).sort(), [["icmpv6", 2, -1, v6], ["tcp", rp, rp, v6]].sort());
    });

    it("the user data runs the probe with the app's name and serves its report; the cluster's Job reads it within its deadline", () => {
        const i = g.one("aws:ec2/instance:Instance", NAT64_CLIENT);
        const host = new URL(graph.outputs.appUrl).hostname;
        const ud: string = i.inputs.userData;
        assert.ok(ud.includes(`getent ahostsv6 '${host}'`), "resolves the app's NLB name");
        assert.ok(ud.includes("PASS no IPv4 address besides loopback (IPv6-only)"));
        assert.ok(ud.includes(`--bind :: --directory /srv/nat64-probe`) && ud.includes(`http.server ${fileConfig("nat64Client").reportPort}`));
        assert.ok(!/dnf|yum|curl .*https?:\/\/[a-z]/.test(ud.replace(/curl -6 [^\n]*http:\/\/\[\$addr\][^\n]*/g, "")), "no package install, no other download");
        const cm = g.ofType("kubernetes:core/v1:ConfigMap").find((c) => typeof c.inputs.data?.["probe.sh"] === "string")!;
        const script: string = cm.inputs.data["probe.sh"];
        assert.ok(script.includes(`the IPv6-only NAT64 client reports all 3 checks passed (http://[${graph.outputs.nat64Client.ipv6Address}]:${fileConfig("nat64Client").reportPort}/)`), script);
        const job = g.ofType("kubernetes:batch/v1:Job")[0];
        // The deadline holds every check, the report's retries included, and ends within pulumi's 10-minute wait.
        const { deadline, worst, report } = jobBudget(g);
        assert.strictEqual(job.inputs.spec.activeDeadlineSeconds, deadline);
        assert.ok(report > 0 && script.includes(`up to ${NAT64_REPORT_ATTEMPTS} tries`), "the report read is retried and counted in the budget");
        assert.strictEqual(deadline, PROBE_START_UP_SECONDS + worst);
        assert.ok(deadline <= 600, `activeDeadlineSeconds ${deadline} is past pulumi's 10-minute wait`);
        assert.ok(job.dependencies.includes(g.one("aws:ec2/instance:Instance", NAT64_CLIENT).urn), "the Job waits for the client's instance");
    });

    it("the checks output names the subnet, its route table, the report URL and the instance's console", () => {
        const checks: string = graph.outputs.checks;
        const o = graph.outputs.nat64Client;
        assert.ok(checks.includes(`aws ec2 describe-subnets --subnet-ids ${o.subnetId}`));
        assert.ok(checks.includes(`Name=association.subnet-id,Values=${o.subnetId}`));
        assert.ok(checks.includes(`curl -6 -sS ${o.reportUrl}`));
        assert.ok(checks.includes(`aws ec2 get-console-output --instance-id ${o.instanceId} --latest`));
    });

    it("the intent declares the NAT64 flow (allow), the IPv4 boundary (deny) and the report read (allow), and the plan proves them", () => {
        const names = graph.intent!.filter((f) => f.from.kind === "instance" || (f.to.kind === "instance" && f.to.instance === NAT64_CLIENT));
        assert.deepStrictEqual(names.map((f) => [f.family, f.expect]), [["ipv6", "allow"], ["ipv4", "deny"], ["ipv6", "allow"]]);
        const results = analyzeGraph(graph, names).flows;
        assert.deepStrictEqual(results.map((r) => [r.status, r.holds]), [["proven", true], ["blocked", true], ["proven", true]]);
        assert.ok(results[0].path!.some((h) => /NAT64 2001:db8:[0-9a-f:]+\/128 -> 10\.10\.\d+\.\d+\/32, 64:ff9b::a14:0\/120 -> 10\.20\.0\.0\/24/.test(h)), results[0].path!.join("\n"));
    });

    it("nat64Client.enabled false: no subnet, no instance, no public route to the app, no NAT64 flows, a Job deadline without the report's retries", async function () {
        this.timeout(60000);
        const off = indexOf(await planWith(STACK, withNat64({ enabled: false })));
        assert.strictEqual(off.ofType("aws:ec2/subnet:Subnet").filter((s) => s.inputs.ipv6Native).length, 0);
        assert.strictEqual(off.ofType("aws:ec2/instance:Instance").filter((i) => i.name === NAT64_CLIENT).length, 0);
        assert.strictEqual(off.ofType("aws:ec2/route:Route").filter((r) => r.name === "cluster-vpc-public-to-app").length, 0);
        const on = jobBudget(g);
        const without = jobBudget(off);
        assert.strictEqual(without.report, 0);
        assert.strictEqual(without.deadline, PROBE_START_UP_SECONDS + without.worst);
        assert.strictEqual(on.deadline - without.deadline, on.report, "the NAT64 report's retries are exactly the difference");
    });

    it("probeChecks: the NAT64 report check comes last and only with nat64Client.enabled, which needs the report's address; the worst case stays inside pulumi's wait", () => {
        const raw = Object.fromEntries(Object.entries(loadStackConfig(STACK).config).filter(([k]) => k.startsWith(`${NS}:`)).map(([k, v]) => [k.slice(NS.length + 1), JSON.parse(v)]));
        const cfg: Config = schema.parse(raw);
        const report = { url: "http://[2001:db8::5]:8064/", checks: 3 };
        const on = probeChecks(cfg, "us-west-2", "svc.example", "app.example", "2001:db8::/56", report);
        assert.match(on[on.length - 1].name, /^the IPv6-only NAT64 client reports all 3 checks passed \(http:\/\/\[2001:db8::5\]:8064\/\) \(up to \d+ tries/);
        assert.throws(() => probeChecks(cfg, "us-west-2", "svc.example", "app.example", "2001:db8::/56"), /nat64Client\.enabled is true, so the NAT64 client's report/);
        const offCfg: Config = { ...cfg, nat64Client: { ...cfg.nat64Client, enabled: false } };
        const off = probeChecks(offCfg, "us-west-2", "svc.example", "app.example", "2001:db8::/56");
        assert.strictEqual(on.length - off.length, 1);
        assert.ok(!off.some((c) => / reports all /.test(c.name)));
        assert.ok(probeWorstCaseSeconds(cfg, "us-west-2") > probeWorstCaseSeconds(offCfg, "us-west-2"));
        assert.ok(PROBE_START_UP_SECONDS + probeWorstCaseSeconds(cfg, "us-west-2") <= 600);
    });

    it("bad config fails before any resource: a /64 index the cluster VPC uses, a Xen instance type, no NAT gateway", async () => {
        await assert.rejects(planWith(STACK, withNat64({ ipv6SubnetIndex: 16 })), (e: unknown) => e instanceof ConfigError && e.key.endsWith("nat64Client.ipv6SubnetIndex") && e.value === 16 && /already uses \/64 indexes 0, 1, 16, 17/.test(e.fix));
        await assert.rejects(planWith(STACK, withNat64({ instanceType: "t2.micro" })), (e: unknown) => e instanceof Error && /nat64Client.*t2\.micro|t2\.micro.*Nitro/s.test(e.message));
        await assert.rejects(planWith(STACK, { overrides: { [`${NS}:clusterVpc`]: { ...fileConfig("clusterVpc"), natGateways: "none" } } }), (e: unknown) => e instanceof ConfigError && e.key.endsWith("nat64Client.enabled") && /clusterVpc\.natGateways/.test(e.fix));
    });
});
