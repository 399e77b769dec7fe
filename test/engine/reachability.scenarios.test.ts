/**
 * Tier 5: every declared flow of every stack holds on its recorded graph, and for each scenario
 * the mutations the issue names (drop a route, drop a security rule, disable an attachment's
 * IPv6, turn off v6 egress, make an NLB IPv4-only, remove the peering) flip the right flow with
 * the right reason.
 */
import * as assert from "assert";
import { analyzeGraph, type FlowResult } from "../../engine/reachability/analyze";
import { T } from "../../engine/reachability/model";
import type { Graph } from "../../engine/graph";
import { listStacks } from "../../engine/stackConfig";
import { cloneGraph, graphOf } from "../helpers/graphs";

/** A copy of the graph without the resources of this type whose name matches. */
function without(g: Graph, type: string, name: RegExp): Graph {
    const c = cloneGraph(g);
    const before = c.resources.length;
    c.resources = c.resources.filter((r) => !(r.type === type && name.test(r.name)));
    assert.ok(c.resources.length < before, `the mutation removed nothing: no ${type} named ${name}`);
    return c;
}

/** A copy of the graph with one property set on a resource's inputs and outputs. */
function withProp(g: Graph, type: string, name: string, key: string, value: unknown): Graph {
    const c = cloneGraph(g);
    const r = c.resources.find((x) => x.type === type && x.name === name);
    assert.ok(r, `no ${type} named ${name}`);
    r.inputs[key] = value;
    r.outputs[key] = value;
    return c;
}

/**
 * A copy of the graph without the ingress rules of the named security group that match `pred`
 * (chosen by content, not by resource name, so added rules such as ICMPv6 do not shift them).
 */
function withoutIngress(g: Graph, sgName: string, pred: (rule: Record<string, any>) => boolean): Graph {
    const sg = g.resources.find((r) => r.type === T.securityGroup && r.name === sgName);
    assert.ok(sg, `no security group named ${sgName}`);
    const c = cloneGraph(g);
    const before = c.resources.length;
    c.resources = c.resources.filter((r) => !(r.type === T.sgIngress && r.outputs.securityGroupId === sg.id && pred(r.outputs)));
    assert.ok(c.resources.length < before, `no ingress rule of ${sgName} matched`);
    return c;
}

const tcp = (port: number) => (r: Record<string, any>) => r.ipProtocol === "tcp" && r.fromPort <= port && r.toPort >= port;

function flow(g: Graph, name: RegExp): FlowResult {
    const f = analyzeGraph(g).flows.find((x) => name.test(x.name));
    assert.ok(f, `no flow matching ${name}`);
    return f;
}

/** The baseline holds, the mutation makes the flow not hold, and the reason says why. */
async function flips(stack: string, mutate: (g: Graph) => Graph, flowName: RegExp, reason: RegExp, status: FlowResult["status"] = "blocked"): Promise<void> {
    const g = await graphOf(stack);
    assert.ok(flow(g, flowName).holds, "baseline must hold");
    const f = flow(mutate(g), flowName);
    assert.strictEqual(f.status, status, `${f.status}: ${f.drop}`);
    assert.strictEqual(f.holds, false);
    assert.match(f.drop ?? "", reason);
}

describe("engine/reachability: every scenario's declared flows", () => {
    for (const stack of listStacks()) {
        it(`${stack}: every declared flow holds on the recorded graph`, async () => {
            const g = await graphOf(stack);
            assert.ok(g.intent.length > 0, `${stack} declares no flows`);
            const a = analyzeGraph(g);
            const broken = a.flows.filter((f) => !f.holds).map((f) => `${f.name}: ${f.status} (${f.drop})`);
            assert.deepStrictEqual(broken, []);
            assert.ok(a.flows.some((f) => f.expect === "allow" && f.status === "proven"), "at least one flow is proven");
        });
    }
});

describe("engine/reachability: mutations flip the right flow with the right reason", () => {
    describe("peering-ipv4-egress", () => {
        const S = "peering-ipv4-egress";
        const v4 = /reaches the IPv4 NLB/;
        it("dropping the cluster VPC's IPv4 routes to the app VPC", () =>
            flips(S, (g) => without(g, T.route, /^cluster-to-app-requester-\d+-ipv4$/), v4, /sends 10\.20\.\S+ to the internet gateway .* \[after route table rtb-\w+ \(cluster-vpc-private-0\) .*: 0\.0\.0\.0\/0 -> nat-/));
        it("dropping one AZ's route leaves the flow partial", () =>
            flips(S, (g) => without(g, T.route, /^cluster-to-app-requester-1-ipv4$/), v4, /sends 10\.20\.\S+ to the internet gateway .* \[after route table rtb-\w+ \(cluster-vpc-private-1\) .*: 0\.0\.0\.0\/0 -> nat-/, "partial"));
        it("dropping the app VPC's return routes", () =>
            flips(S, (g) => without(g, T.route, /^cluster-to-app-accepter-\d+-ipv4$/), v4, /reply from app-nlb node .* cannot return: route table .* has no route for 10\.10\.0\.0\/20/));
        it("dropping the NLB's ingress rule", () =>
            flips(S, (g) => withoutIngress(g, "app-nlb", tcp(80)), v4, /security group sg-\w+ \(app-nlb\) of app-nlb node .* admits tcp\/80 from nothing, so not 10\.10\.0\.0\/20/));
        it("turning IPv4 egress off in the VPC CNI", () =>
            flips(S, (g) => withProp(g, T.addon, "cluster-vpc-cni", "configurationValues", JSON.stringify({ env: { ENABLE_V4_EGRESS: "false" } })), v4, /ENABLE_V4_EGRESS=false/));
        it("removing the peering", () =>
            flips(S, (g) => without(g, T.peering, /^cluster-to-app$/), v4, /to pcx-\w+, which is not in the graph \(a blackhole route\)/));
    });

    describe("tgw-dual-stack", () => {
        const S = "tgw-dual-stack";
        const v6 = /dual-stack service's NLB over IPv6/;
        it("disabling the service attachment's IPv6 (its /56 no longer propagates)", async () => {
            await flips(S, (g) => withProp(g, T.tgwAttachment, "hub-service", "ipv6Support", "disable"), v6, /has no route for 2001:db8:[0-9a-f:]+\/\d+ \(IPv6 CIDRs propagate only from attachments with ipv6Support enable\)/);
            const g = withProp(await graphOf(S), T.tgwAttachment, "hub-service", "ipv6Support", "disable");
            assert.strictEqual(flow(g, /IPv4-only app's NLB over IPv4/).status, "proven", "the IPv4 path does not need the service attachment's IPv6");
        });
        // The setting stops the cluster VPC's /56 from propagating (it filters no traffic: EC2 API
        // reference, CreateTransitGatewayVpcAttachmentRequestOptions.Ipv6Support), so replies find no route back.
        it("disabling the cluster attachment's IPv6 (its /56 no longer propagates, so replies have no route back)", () =>
            flips(S, (g) => withProp(g, T.tgwAttachment, "hub-cluster", "ipv6Support", "disable"), v6, /cannot return: transit gateway route table \S+ of \S+ \(hub\) has no route for 2001:db8:[0-9a-f:]+\/64 \(IPv6 CIDRs propagate only from attachments with ipv6Support enable\)/));
        it("making the service NLB IPv4-only", () =>
            flips(S, (g) => withProp(g, T.lb, "service-nlb", "ipAddressType", "ipv4"), v6, /service-nlb is ipAddressType ipv4: it has no IPv6 address/));
        it("dropping the cluster VPC's IPv6 routes to the service", () =>
            flips(S, (g) => without(g, T.route, /^hub-cluster-\d+-to-service-ipv6$/), v6, /\(cluster-vpc-private-0\) .* sends 2001:db8:\S+ to the egress-only internet gateway/));
        it("dropping the service NLB's IPv6 ingress rule", () =>
            flips(S, (g) => withoutIngress(g, "service-nlb", (r) => tcp(80)(r) && !!r.cidrIpv6), v6, /security group sg-\w+ \(service-nlb\) of service-nlb node .* admits tcp\/80 from nothing/));
        it("dropping the app VPC's IPv4 return route over the TGW", () =>
            flips(S, (g) => without(g, T.route, /^hub-app-\d+-to-cluster-ipv4$/), /IPv4-only app's NLB over IPv4/, /cannot return: route table .* \(app-vpc-private-0\) .* has no route for 10\.10\.0\.0\/20/));
        // The IPv6-only instance (docs/ipv6-only.md): DNS64 and NAT64 through the cluster VPC's NAT gateway.
        const nat64 = /IPv6-only instance reaches the IPv4-only app's NLB through DNS64 and NAT64/;
        it("turning DNS64 off on the IPv6-only subnet", () =>
            flips(S, (g) => withProp(g, T.subnet, "nat64-subnet", "enableDns64", false), nat64, /app-nlb is ipAddressType ipv4: .*; DNS64 is off in the client's subnet \S+ \(nat64-subnet, us-west-2a\) \(enableDns64 false\)/));
        it("dropping the IPv6-only subnet's NAT64 route", () =>
            flips(S, (g) => without(g, T.route, /^nat64-subnet-nat64$/), nat64, /route table \S+ \(nat64-subnet\) .* has no route for 64:ff9b::a14:\S+; nothing translated the DNS64 address: .* needs a 64:ff9b::\/96 route to a NAT gateway \(NAT64\)/));
        it("dropping the NAT gateway subnet's route to the app VPC (the public route table goes only to the internet)", () =>
            flips(S, (g) => without(g, T.route, /^cluster-vpc-public-to-app$/), nat64, /\(cluster-vpc-public\) .* sends 10\.20\.\S+ to the internet gateway \S+ .*but the destination is a private address/));
        it("the app NLB no longer admitting the cluster VPC's IPv4 (where the NAT gateway's private address is)", () =>
            flips(S, (g) => withoutIngress(g, "app-nlb", (r) => tcp(80)(r) && r.cidrIpv4 === "10.10.0.0/16"), nat64, /\(app-nlb\) of app-nlb node .* admits tcp\/80 from nothing.*not 10\.10\.\d+\.\d+\/32/));
    });

    describe("privatelink-interop", () => {
        const S = "privatelink-interop";
        const v6 = /dualstack endpoint.*over IPv6|over IPv6 through its dualstack endpoint/;
        it("making the dual-stack endpoint IPv4-only", () =>
            flips(S, (g) => withProp(withProp(g, T.endpoint, "dualstack-consumer-endpoint", "ipAddressType", "ipv4"), T.endpoint, "dualstack-consumer-endpoint", "dnsOptions", { dnsRecordIpType: "ipv4" }), v6, /has ipAddressType ipv4: its interfaces have no ipv6 address/));
        it("an endpoint service without IPv6", () =>
            flips(S, (g) => withProp(g, T.endpointService, "service", "supportedIpAddressTypes", ["ipv4"]), v6, /supports ipv4 only; endpoint dualstack-consumer-endpoint \(ipAddressType dualstack\) needs ipv6/));
        it("making the provider NLB IPv4-only", () =>
            flips(S, (g) => withProp(g, T.lb, "service-nlb", "ipAddressType", "ipv4"), /IPv4-only consumer reaches/, /target group service-tg\S* is IPv6 but service-nlb is ipAddressType ipv4/));
        it("dropping the endpoint's IPv6 ingress rule", () =>
            flips(S, (g) => withoutIngress(g, "dualstack-consumer-endpoint", (r) => tcp(80)(r) && !!r.cidrIpv6), v6, /\(dualstack-consumer-endpoint\) of endpoint .* admits tcp\/80 only from 10\.50\.0\.0\/16, not 2001:db8:/));
        it("dropping the node rule that admits the NLB", () =>
            flips(S, (g) => withoutIngress(g, "cluster-nodes", (r) => tcp(8080)(r) && !!r.referencedSecurityGroupId && r.referencedSecurityGroupId !== r.securityGroupId), /IPv4-only consumer reaches/, /\(cluster-nodes\) of pods of cluster .* admits tcp\/8080 only from (members of sg-\w+, )+not 2001:db8:/));
    });

    describe("ipv4-pod-to-ipv6-pod", () => {
        const S = "ipv4-pod-to-ipv6-pod";
        const v6 = /IPv4-cluster pod reaches IPv6-cluster pods over IPv6/;
        it("turning v6 egress off", () =>
            flips(S, (g) => withProp(g, T.addon, "ipv4-cluster-vpc-cni", "configurationValues", JSON.stringify({ env: { ENABLE_V6_EGRESS: "false" }, init: { env: { ENABLE_V6_EGRESS: "false" } } })), v6, /IPv4 cluster ipv4-cluster has no IPv6 egress: vpc-cni configurationValues does not set ENABLE_V6_EGRESS/));
        it("v6 egress in env only (amazon-vpc-cni-k8s#3124)", () =>
            flips(S, (g) => withProp(g, T.addon, "ipv4-cluster-vpc-cni", "configurationValues", JSON.stringify({ env: { ENABLE_V6_EGRESS: "true" } })), v6, /only in env; the CNI needs it in both/));
        it("dropping the IPv4 cluster VPC's IPv6 routes", () =>
            flips(S, (g) => without(g, T.route, /^ipv4-to-ipv6-cluster-requester-\d+-ipv6$/), v6, /\(ipv4-cluster-vpc-private-0\) .* sends 2001:db8:\S+ to the egress-only internet gateway/));
        it("dropping the IPv6 cluster VPC's return routes", () =>
            flips(S, (g) => without(g, T.route, /^ipv4-to-ipv6-cluster-accepter-\d+-ipv6$/), v6, /cannot return: route table .* \(ipv6-cluster-vpc-private-\d\) .* sends 2001:db8:\S+ to the egress-only internet gateway/));
        it("dropping the IPv6 cluster nodes' ingress rule", () =>
            flips(S, (g) => withoutIngress(g, "ipv6-cluster-nodes", (r) => tcp(8080)(r) && !!r.cidrIpv6), v6, /\(ipv6-cluster-nodes\) of pods of ipv6-cluster .* admits tcp\/8080 only from (members of sg-\w+, )+not 2001:db8:/));
        it("removing the peering", () =>
            flips(S, (g) => without(g, T.peering, /^ipv4-to-ipv6-cluster$/), v6, /to pcx-\w+, which is not in the graph \(a blackhole route\)/));
    });
});
