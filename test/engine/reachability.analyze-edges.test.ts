/**
 * Edges of the flow analysis (issue 20, from the mutation report of engine/reachability/analyze.ts):
 * the exact text a user reads for each way a flow cannot be placed, clusters found by their EKS
 * name, the vpc-cni v6 egress setting read from odd configurations, an NLB's DNS name with several
 * target groups, IP targets and the instance that owns the address, and the hops a path lists.
 */
import * as assert from "assert";
import { analyzeFlow, analyzeGraph, type FlowResult } from "../../engine/reachability/analyze";
import { buildModel, T } from "../../engine/reachability/model";
import type { FlowEndpoint, FlowIntent } from "../../lib/intent";
import { clientLan, NetBuilder, peeredVpcs } from "../helpers/netFixture";

type Flow = Omit<FlowIntent, "name" | "expect"> & { expect?: "allow" | "deny" };
function one(b: NetBuilder, flow: Flow): FlowResult {
    return analyzeGraph(b.graph(), [{ name: "f", expect: "allow", ...flow }]).flows[0];
}
const inst = (instance: string) => ({ kind: "instance" as const, instance });
const pods = (cluster: string) => ({ kind: "pods" as const, cluster });
const nlbTo = (loadBalancer: string) => ({ kind: "nlb" as const, loadBalancer });
const fn = (f: string) => ({ kind: "function" as const, function: f });

/** A flow that fails before any placement: no path, an empty drop path, no placements. */
function refused(f: FlowResult, drop: string): void {
    assert.deepStrictEqual({ status: f.status, drop: f.drop, dropPath: f.dropPath, placements: f.placements, path: f.path }, { status: "blocked", drop, dropPath: [], placements: { total: 0, reached: 0 }, path: undefined });
}

/** clientLan plus a client instance `cli` in a0 and a server `srv` in a1 admitting tcp/80 from the VPC. */
function lan(): NetBuilder {
    const { b, vpc, cli } = clientLan();
    b.instance("cli", "subnet-a0", [cli], "10.1.0.10", "2001:db8:1::10");
    const srv = b.sg("srv", vpc);
    b.ingress("srv-v4", srv, 80, "10.1.0.0/16");
    b.ingress("srv-v6", srv, 80, "2001:db8:1::/56");
    b.instance("srv", "subnet-a1", [srv], "10.1.1.10", "2001:db8:1:1::10");
    return b;
}

describe("engine/reachability: analysis edges (issue 20, analyze.ts survivors)", () => {
    describe("flows that cannot be placed: the message, no path, no placements", () => {
        it("an endpoint kind the model does not know is printed as JSON, as a client and as a destination", () => {
            const weird = { kind: "weird", x: 1 } as unknown as FlowEndpoint;
            const f = one(lan(), { from: weird, to: inst("srv"), family: "ipv4", port: 80 });
            assert.strictEqual(f.from, "endpoint {\"kind\":\"weird\",\"x\":1}");
            refused(f, "endpoint {\"kind\":\"weird\",\"x\":1} cannot be the client of a flow");
            refused(one(lan(), { from: inst("cli"), to: weird, family: "ipv4", port: 80 }), "endpoint {\"kind\":\"weird\",\"x\":1} is not a destination the model resolves");
        });

        it("a missing instance, or one whose subnet is not in the graph, as client and as destination", () => {
            const b = lan();
            b.instance("lost", "subnet-gone", [], "10.1.9.9");
            refused(one(b, { from: inst("nobody"), to: inst("srv"), family: "ipv4", port: 80 }), "no instance named nobody in the graph");
            refused(one(b, { from: inst("lost"), to: inst("srv"), family: "ipv4", port: 80 }), "subnet subnet-gone of instance lost is not in the graph");
            refused(one(b, { from: inst("cli"), to: inst("lost"), family: "ipv4", port: 80 }), "subnet subnet-gone of instance lost is not in the graph");
        });

        it("a function subnet without the flow's family block names the subnet", () => {
            const b = lan();
            b.subnet("v4only", "vpc-a", "us-west-2a", "10.1.5.0/24");
            b.lambda("fn", ["subnet-v4only"], ["sg-cli"], true);
            refused(one(b, { from: fn("fn"), to: inst("srv"), family: "ipv6", port: 80 }), "function fn's subnet subnet-v4only (v4only, us-west-2a) has no ipv6 block");
        });

        it("a cluster is found by its component name or its EKS name; a missing one lists the clusters there are (or none)", () => {
            const b = lan();
            b.cluster("c1", { ipFamily: "ipv4", subnets: ["subnet-a0"], sgs: ["sg-cli"] });
            b.cluster("c2", { ipFamily: "ipv4", subnets: ["subnet-a0"], sgs: ["sg-cli"] });
            b.set(T.eksComponent, "c2", "name", "c2-eks-name");
            const byName = one(b, { from: pods("c2-eks-name"), to: inst("srv"), family: "ipv4", port: 80 });
            assert.strictEqual(byName.status, "proven", byName.drop);
            assert.strictEqual(byName.path![0], "pod of c2 (ipv4 cluster) sends from 10.1.0.0/24 (node subnet-a0)");
            refused(one(b, { from: pods("c3"), to: inst("srv"), family: "ipv4", port: 80 }), "no EKS cluster component named c3 in the graph (clusters: c1, c2)");
            refused(one(b, { from: inst("cli"), to: pods("c3"), family: "ipv4", port: 80 }), "no EKS cluster component named c3 in the graph (clusters: c1, c2)");
            refused(one(lan(), { from: pods("c3"), to: inst("srv"), family: "ipv4", port: 80 }), "no EKS cluster component named c3 in the graph (clusters: none)");
            refused(one(b, { from: pods("c3"), to: { kind: "clusterIP", cluster: "c1" }, family: "ipv4", port: 80 }), "no EKS cluster component named c3 in the graph (clusters: c1, c2)");
            refused(one(b, { from: pods("c1"), to: { kind: "clusterIP", cluster: "c3" }, family: "ipv4", port: 80 }), "no EKS cluster component named c3 in the graph (clusters: c1, c2)");
        });

        it("a cluster without node groups runs no pods (with or without a recorded EKS name); a node subnet not in the graph is named", () => {
            const b = lan();
            b.add(T.eksComponent, "bare", { ipFamily: "ipv4", skipDefaultNodeGroup: true }, { custom: false });
            const msg = "cluster bare has no node group in the graph (node groups are matched by cluster name), so it runs no pods";
            refused(one(b, { from: pods("bare"), to: inst("srv"), family: "ipv4", port: 80 }), msg);
            refused(one(b, { from: inst("cli"), to: pods("bare"), family: "ipv4", port: 80 }), msg);
            const gone = lan();
            gone.cluster("c", { ipFamily: "ipv4", subnets: ["subnet-gone"], sgs: [] });
            refused(one(gone, { from: pods("c"), to: inst("srv"), family: "ipv4", port: 80 }), "node subnet subnet-gone of c is not in the graph");
            refused(one(gone, { from: inst("cli"), to: pods("c"), family: "ipv4", port: 80 }), "node subnet subnet-gone of c is not in the graph");
        });

        it("flow destinations: an IPv6-only endpoint over IPv4, an aws-service that is not a name, a flow of the wrong family to a CIDR", () => {
            const b = lan();
            b.endpoint("ep6", "com.amazonaws.us-west-2.s3", "vpc-a", ["subnet-a1"], [], "ipv6");
            refused(one(b, { from: inst("cli"), to: { kind: "endpoint", endpoint: "ep6" }, family: "ipv4", port: 443 }), "endpoint vpce-ep6 (ep6) has ipAddressType ipv6: its interfaces have no ipv4 address");
            refused(one(b, { from: inst("cli"), to: { kind: "aws-service", service: 5 } as unknown as FlowEndpoint, family: "ipv4", port: 443 }), "flow destination aws-service has service 5; write the endpoint prefix, for example \"s3\", \"sts\" or \"ecr.api\"");
        });

        it("the analysis of a graph without intent answers nothing", () => {
            const a = analyzeGraph(lan().graph() as any);
            assert.deepStrictEqual([a.flows, a.notes], [[], []]);
            assert.ok(a.ms >= 0 && a.ms <= performance.now(), `${a.ms} ms`);
            const { intent: _drop, ...noIntent } = lan().graph();
            assert.deepStrictEqual(analyzeGraph(noIntent).flows, []);
        });
    });

    describe("pods: labels, hops and the vpc-cni v6 egress setting", () => {
        it("a placement is labelled with its node group only when the cluster has several", () => {
            const b = lan();
            b.cluster("c", { ipFamily: "ipv4", subnets: ["subnet-a0"], sgs: ["sg-cli"] });
            b.remove(T.sgIngress, "srv-v4");
            const single = one(b, { from: pods("c"), to: inst("srv"), family: "ipv4", port: 80 });
            assert.match(single.drop!, /^pods of c on nodes in subnet-a0 -> instance srv: /);
            // Pods as a destination, a single node group: no group in the label.
            const dest = lan();
            dest.cluster("c", { ipFamily: "ipv4", subnets: ["subnet-a1"], sgs: [] });
            const toPods = one(dest, { from: inst("cli"), to: pods("c"), family: "ipv4", port: 80 });
            assert.match(toPods.drop!, /^instance cli -> pods of c in subnet-a1: /);
            // Two node groups: each placement says which.
            dest.add(T.nodeGroup, "c-more", { clusterName: "c", subnetIds: ["subnet-a1"] });
            dest.set(T.eksComponent, "c", "name", "c");
            const two = one(dest, { from: inst("cli"), to: pods("c"), family: "ipv4", port: 80 });
            assert.match(two.drop!, /^instance cli -> pods of c in subnet-a1 \(node group c-nodes\): /);
            b.add(T.nodeGroup, "c-more", { clusterName: "c", subnetIds: ["subnet-a0"] });
            b.set(T.eksComponent, "c", "name", "c");
            assert.match(one(b, { from: pods("c"), to: inst("srv"), family: "ipv4", port: 80 }).drop!, /^pods of c on nodes of node group c-nodes in subnet-a0 -> instance srv: /);
        });

        it("ENABLE_V6_EGRESS: a configuration of null, one without init.env, and one with init but no env", () => {
            const from = (cni: unknown) => {
                const b = lan();
                b.cluster("c", { ipFamily: "ipv4", subnets: ["subnet-a0"], sgs: ["sg-cli"] });
                b.set(T.addon, "c-vpc-cni", "configurationValues", typeof cni === "string" ? cni : JSON.stringify(cni));
                return one(b, { from: pods("c"), to: inst("srv"), family: "ipv6", port: 80 });
            };
            refused(from("null"), "IPv4 cluster c has no IPv6 egress: vpc-cni configurationValues does not set ENABLE_V6_EGRESS (default false)");
            refused(from({ env: { ENABLE_V6_EGRESS: "true" }, init: {} }), "IPv4 cluster c has no IPv6 egress: ENABLE_V6_EGRESS is \"true\" only in env; the CNI needs it in both (amazon-vpc-cni-k8s#3124)");
            refused(from({ init: { env: { ENABLE_V6_EGRESS: "true" } } }), "IPv4 cluster c has no IPv6 egress: ENABLE_V6_EGRESS is \"true\" only in init.env; the CNI needs it in both (amazon-vpc-cni-k8s#3124)");
            refused(from({ env: {}, init: { env: {} } }), "IPv4 cluster c has no IPv6 egress: vpc-cni configurationValues does not set ENABLE_V6_EGRESS (default false)");
            assert.strictEqual(from({ env: { ENABLE_V6_EGRESS: "true" }, init: { env: { ENABLE_V6_EGRESS: "true" } } }).status, "proven");
        });
    });

    describe("addresses the destination does not have", () => {
        it("IPv4 to an instance without an IPv4: no AAAA note; IPv6 to one without any address from a DNS64-off subnet: no DNS64 note", () => {
            const b = lan();
            b.add(T.instance, "noaddr", { subnetId: "subnet-a1", vpcSecurityGroupIds: ["sg-srv"], ipv6Addresses: [] }, { id: "i-noaddr" });
            const v4 = one(b, { from: inst("cli"), to: inst("noaddr"), family: "ipv4", port: 80 });
            assert.strictEqual(v4.drop, "instance cli -> instance noaddr: instance noaddr has no ipv4 address");
            const v6 = one(b, { from: inst("cli"), to: inst("noaddr"), family: "ipv6", port: 80 });
            assert.strictEqual(v6.drop, "instance cli -> instance noaddr: instance noaddr has no ipv6 address (no AAAA record)");
        });

        it("IPv6 to an IPv4-only instance from a dual-stack client with DNS64 off: the DNS64 note without the IPv6-only clause", () => {
            const b = lan();
            b.instance("old", "subnet-a1", ["sg-srv"], "10.1.1.20");
            const f = one(b, { from: inst("cli"), to: inst("old"), family: "ipv6", port: 80 });
            assert.strictEqual(f.drop, "instance cli -> instance old: instance old has no ipv6 address (no AAAA record); DNS64 is off in the client's subnet subnet-a0 (a0, us-west-2a) (enableDns64 false), so the resolver synthesizes no 64:ff9b::/96 AAAA for it");
        });

        it("NLB nodes without the flow's family block, an NLB subnet not in the graph, an NLB without subnets", () => {
            const b = lan();
            b.subnet("v6only", "vpc-a", "us-west-2a", undefined, "2001:db8:1:5::/64");
            b.subnet("v4only", "vpc-a", "us-west-2b", "10.1.6.0/24");
            b.nlb("n6", ["subnet-v6only"], { ipAddressType: "dualstack" });
            b.nlb("n4", ["subnet-v4only"], { ipAddressType: "dualstack" });
            b.nlb("ngone", ["subnet-gone"]);
            b.nlb("nnone", []);
            assert.strictEqual(one(b, { from: inst("cli"), to: nlbTo("n6"), family: "ipv4", port: 80 }).drop, "instance cli -> n6 node in subnet-v6only (us-west-2a): n6's subnet subnet-v6only (v6only, us-west-2a) has no IPv4 block");
            assert.strictEqual(one(b, { from: inst("cli"), to: nlbTo("n4"), family: "ipv6", port: 80 }).drop, "instance cli -> n4 node in subnet-v4only (us-west-2b): n4's subnet subnet-v4only (v4only, us-west-2b) has no IPv6 block; DNS64 is off in the client's subnet subnet-a0 (a0, us-west-2a) (enableDns64 false), so the resolver synthesizes no 64:ff9b::/96 AAAA for it");
            b.nlb("n4on6", ["subnet-v6only"]);
            assert.strictEqual(one(b, { from: inst("cli"), to: nlbTo("n4on6"), family: "ipv4", port: 80 }).drop, "instance cli -> n4on6 node in subnet-v6only (us-west-2a): n4on6's subnet subnet-v6only (v6only, us-west-2a) has no IPv4 block");
            assert.strictEqual(one(b, { from: inst("cli"), to: nlbTo("n4on6"), family: "ipv6", port: 80 }).drop, "instance cli -> n4on6 node in subnet-v6only (us-west-2a): n4on6 is ipAddressType ipv4: it has no IPv6 address and its DNS name has only A records");
            refused(one(b, { from: inst("cli"), to: nlbTo("ngone"), family: "ipv4", port: 80 }), "subnet subnet-gone of ngone is not in the graph");
            refused(one(b, { from: inst("cli"), to: nlbTo("nnone"), family: "ipv4", port: 80 }), "nnone has no subnets");
        });
    });

    describe("paths to CIDRs, the internet and within a subnet", () => {
        it("an external CIDR is labelled CIDR <block>; the internet's path checks no reply route inside the VPC", () => {
            const b = lan();
            b.add(T.igw, "igw", { vpcId: "vpc-a" }, { id: "igw-a" });
            b.route("out", "rtb-a", "0.0.0.0/0", { gatewayId: "igw-a" });
            b.set(T.instance, "cli", "associatePublicIpAddress", true);
            const cidr = one(b, { from: inst("cli"), to: { kind: "cidr", cidr: "8.8.8.0/24" }, family: "ipv4", port: 53 });
            assert.strictEqual(cidr.status, "proven", cidr.drop);
            assert.strictEqual(cidr.path!.at(-1), "arrives at CIDR 8.8.8.0/24");
            assert.ok(cidr.path!.some((h) => h.includes("delivers to CIDR 8.8.8.0/24")), cidr.path!.join("\n"));
            const net = one(b, { from: inst("cli"), to: { kind: "internet" }, family: "ipv4", port: 443 });
            assert.strictEqual(net.status, "proven", net.drop);
            assert.ok(!net.path!.some((h) => h.startsWith("reply routes back")), net.path!.join("\n"));
            // The instance's own public IPv4 counts even where the subnet does not map one.
            b.set(T.subnet, "a0", "mapPublicIpOnLaunch", false);
            assert.strictEqual(one(b, { from: inst("cli"), to: { kind: "internet" }, family: "ipv4", port: 443 }).status, "proven");
        });

        it("within one subnet the reply routes back in the same subnet", () => {
            const b = lan();
            b.instance("near", "subnet-a0", ["sg-srv"], "10.1.0.20");
            const f = one(b, { from: inst("cli"), to: inst("near"), family: "ipv4", port: 80 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.deepStrictEqual(f.path!.slice(-2), ["reply routes back: same subnet subnet-a0", "arrives at instance near"]);
        });
    });

    describe("NLB: DNS health with several target groups, listeners, targets", () => {
        /**
         * lan() plus a2 in us-west-2c, targets t0/t1/t2 in a0/a1/a2 admitting tcp/8080 from the VPC,
         * and an internal IPv4 NLB `n` in all three subnets without security groups, cross-zone off.
         */
        function nlbLan(): NetBuilder {
            const b = lan();
            b.subnet("a2", "vpc-a", "us-west-2c", "10.1.2.0/24", "2001:db8:1:2::/64");
            const tgt = b.sg("tgt", "vpc-a");
            b.ingress("tgt-v4", tgt, 8080, "10.1.0.0/16");
            b.ingress("tgt-v6", tgt, 8080, "2001:db8:1::/56");
            b.instance("t0", "subnet-a0", [tgt], "10.1.0.30", "2001:db8:1::30");
            b.instance("t1", "subnet-a1", [tgt], "10.1.1.30", "2001:db8:1:1::30");
            b.instance("t2", "subnet-a2", [tgt], "10.1.2.30", "2001:db8:1:2::30");
            b.nlb("n", ["subnet-a0", "subnet-a1", "subnet-a2"], { crossZone: false });
            return b;
        }
        /** A listener on port 80 forwarding to these target groups. */
        const forward = (b: NetBuilder, arns: string[], protocol = "TCP", port = 80) =>
            b.add(T.listener, `l-${protocol}`, { loadBalancerArn: "arn:nlb/n", port, protocol, defaultActions: [{ type: "forward", forward: { targetGroups: arns.map((arn) => ({ arn })) } }] }, { id: `arn:listener/${protocol}` });
        const tg = (b: NetBuilder, name: string, targets: string[], extra: Record<string, unknown> = {}) => {
            const arn = b.targetGroup(name, { port: 8080 });
            for (const k of Object.keys(extra)) b.set(T.targetGroup, name, k, extra[k]);
            targets.forEach((t, i) => b.attach(`${name}-${i}`, arn, t, 8080));
            return arn;
        };
        const toN = (b: NetBuilder, port = 80) => one(b, { from: inst("cli"), to: nlbTo("n"), family: "ipv4", port });
        const CLI = "instance i-cli (cli) sends from 10.1.0.10/32";

        it("a node is in DNS only when every target group of the listener has a target in its AZ; several left out are listed", () => {
            const b = nlbLan();
            forward(b, [tg(b, "both", ["i-t0", "i-t1"]), tg(b, "first", ["i-t0"])]);
            const f = toN(b);
            assert.deepStrictEqual([f.status, f.placements], ["proven", { total: 1, reached: 1 }]);
            assert.deepStrictEqual(f.path!.slice(0, 2), [CLI, "n's DNS name leaves out its nodes in us-west-2b, us-west-2c (no target there and cross-zone load balancing off)"]);
            assert.ok(f.path!.includes("n -> target group both (ipv4, instance targets): client address preserved"), f.path!.join("\n"));
            assert.ok(f.path!.includes("reply to the preserved client address goes back through the NLB"), f.path!.join("\n"));
            assert.ok(f.path!.includes("n listener l-TCP TCP/80"), f.path!.join("\n"));
            assert.strictEqual(f.path!.at(-1), "arrives at target instance i-t0 (t0)");
        });

        it("targets in two AZs keep both nodes; one AZ left out is 'node', singular", () => {
            const b = nlbLan();
            forward(b, [tg(b, "two", ["i-t0", "i-t1"])]);
            const f = toN(b);
            assert.deepStrictEqual(f.placements, { total: 2, reached: 2 });
            assert.strictEqual(f.path![1], "n's DNS name leaves out its node in us-west-2c (no target there and cross-zone load balancing off)");
        });

        it("a target group with cross-zone on is healthy everywhere when it has a target, nowhere when it has none", () => {
            const on = nlbLan();
            forward(on, [tg(on, "cz", ["i-t0"], { loadBalancingCrossZoneEnabled: "true" }), tg(on, "local", ["i-t0"])]);
            assert.strictEqual(toN(on).path![1], "n's DNS name leaves out its nodes in us-west-2b, us-west-2c (no target there and cross-zone load balancing off)");
            const empty = nlbLan();
            forward(empty, [tg(empty, "cz", [], { loadBalancingCrossZoneEnabled: "true" }), tg(empty, "local", ["i-t0"])]);
            const f = toN(empty);
            // No node is healthy: DNS fails open and returns every node.
            assert.deepStrictEqual(f.placements, { total: 3, reached: 1 });
            assert.ok(!f.path!.some((h) => h.includes("DNS name leaves out")), f.path!.join("\n"));
        });

        it("a listener target group that is not in the graph makes no node healthy; the drop names it and the path ends at the listener", () => {
            const b = nlbLan();
            forward(b, [tg(b, "first", ["i-t0", "i-t1"]), "arn:tg/gone"]);
            const f = toN(b);
            assert.deepStrictEqual([f.status, f.placements], ["partial", { total: 3, reached: 2 }]);
            assert.ok(!f.path!.some((h) => h.includes("DNS name leaves out")), f.path!.join("\n"));
            assert.strictEqual(f.drop, "instance cli -> n node in subnet-a2 (us-west-2c): listener l-TCP forwards to arn:tg/gone, which is not in the graph");
            assert.strictEqual(f.dropPath!.at(-1), "n listener l-TCP TCP/80");
        });

        it("no target anywhere: every node is returned and each says the target group has none", () => {
            const b = nlbLan();
            forward(b, [tg(b, "empty", [])]);
            const f = toN(b);
            assert.deepStrictEqual([f.status, f.placements], ["blocked", { total: 3, reached: 0 }]);
            assert.strictEqual(f.drop, "instance cli -> n node in subnet-a0 (us-west-2a): target group empty has no targets");
            assert.strictEqual(f.dropPath!.at(-1), "n listener l-TCP TCP/80");
            // A missing group first and an empty one after: the missing one is what the user reads.
            const both = nlbLan();
            forward(both, ["arn:tg/gone", tg(both, "empty", [])]);
            assert.strictEqual(toN(both).drop, "instance cli -> n node in subnet-a0 (us-west-2a): listener l-TCP forwards to arn:tg/gone, which is not in the graph");
        });

        it("listeners: none on the port lists the others (a TCP_QUIC listener is not TCP); one without target groups says so", () => {
            const b = nlbLan();
            const arn = tg(b, "tg", ["i-t0"]);
            forward(b, [arn], "UDP", 53);
            forward(b, [arn], "TCP_QUIC", 80);
            assert.strictEqual(toN(b).drop, "instance cli -> n node in subnet-a0 (us-west-2a): n has no TCP listener on port 80 (listeners: UDP/53, TCP_QUIC/80)");
            assert.strictEqual(toN(nlbLan()).drop, "instance cli -> n node in subnet-a0 (us-west-2a): n has no TCP listener on port 80 (listeners: none)");
            const fixed = nlbLan();
            fixed.add(T.listener, "fixed", { loadBalancerArn: "arn:nlb/n", port: 80, protocol: "TCP", defaultActions: [{ type: "fixed-response" }] }, { id: "arn:listener/fixed" });
            assert.strictEqual(toN(fixed).drop, "instance cli -> n node in subnet-a0 (us-west-2a): listener fixed of n forwards to no target group");
        });

        it("an attachment's own port wins over the target group's; an instance target not in the graph is named", () => {
            const b = nlbLan();
            b.set(T.lb, "n", "enableCrossZoneLoadBalancing", true);
            const arn = b.targetGroup("p80", { port: 80 });
            b.attach("t1-8080", arn, "i-t1", 8080);
            b.listener("l", "arn:nlb/n", 80, arn);
            assert.strictEqual(toN(b).status, "proven", toN(b).drop);
            const lost = nlbLan();
            lost.set(T.lb, "n", "enableCrossZoneLoadBalancing", true);
            lost.listener("l", "arn:nlb/n", 80, tg(lost, "lost", ["i-gone"]));
            assert.strictEqual(toN(lost).drop, "instance cli -> n node in subnet-a0 (us-west-2a): target i-gone of lost is not an instance in the graph");
            // An instance whose subnet is not in the graph cannot be placed either.
            lost.instance("adrift", "subnet-gone", ["sg-tgt"], "10.1.9.9");
            lost.set(T.tgAttachment, "lost-0", "targetId", "i-adrift");
            assert.strictEqual(toN(lost).drop, "instance cli -> n node in subnet-a0 (us-west-2a): target i-adrift of lost is not an instance in the graph");
        });

        it("IP targets: the instance owning the address brings its groups (matched by IPv4 or IPv6); an unowned one has none; one outside every subnet is named", () => {
            const b = nlbLan();
            b.set(T.lb, "n", "enableCrossZoneLoadBalancing", true);
            b.set(T.lb, "n", "ipAddressType", "dualstack");
            const ip4 = b.targetGroup("ip4", { targetType: "ip", port: 8080 });
            b.attach("ip4-0", ip4, "10.1.1.30", 8080);
            b.listener("l4", "arn:nlb/n", 80, ip4);
            const f4 = toN(b);
            assert.strictEqual(f4.status, "proven", f4.drop);
            assert.strictEqual(f4.path!.at(-1), "arrives at IP target 10.1.1.30 (instance i-t1, t1)");
            assert.ok(f4.path!.some((h) => h.startsWith("n -> target group ip4 (ipv4, ip targets): source becomes the NLB address in 10.1.")), f4.path!.join("\n"));
            // IPv6: the owner is the instance holding that address, not the first with any IPv6.
            const six = nlbLan();
            six.set(T.lb, "n", "enableCrossZoneLoadBalancing", true);
            six.set(T.lb, "n", "ipAddressType", "dualstack");
            const ip6 = six.targetGroup("ip6", { family: "ipv6", targetType: "ip", port: 8080 });
            six.attach("ip6-0", ip6, "2001:db8:1:2::30", 8080);
            six.listener("l6", "arn:nlb/n", 80, ip6);
            const f6 = one(six, { from: inst("cli"), to: nlbTo("n"), family: "ipv6", port: 80 });
            assert.strictEqual(f6.status, "proven", f6.drop);
            assert.strictEqual(f6.path!.at(-1), "arrives at IP target 2001:db8:1:2::30 (instance i-t2, t2)");
            // An address no instance owns has no security groups in the model; one in no subnet cannot be placed.
            const unowned = nlbLan();
            unowned.set(T.lb, "n", "enableCrossZoneLoadBalancing", true);
            const ipx = unowned.targetGroup("ipx", { targetType: "ip", port: 8080 });
            unowned.attach("ipx-0", ipx, "10.1.2.99", 8080);
            unowned.listener("lx", "arn:nlb/n", 80, ipx);
            assert.strictEqual(toN(unowned).drop, "instance cli -> n node in subnet-a0 (us-west-2a): IP target 10.1.2.99 has no security groups");
            unowned.set(T.tgAttachment, "ipx-0", "targetId", "10.99.0.1");
            assert.strictEqual(toN(unowned).drop, "instance cli -> n node in subnet-a0 (us-west-2a): IP target 10.99.0.1 of ipx is in no subnet of the graph");
        });

        it("the NLB's own security groups must let it reach the targets", () => {
            const b = nlbLan();
            b.set(T.lb, "n", "enableCrossZoneLoadBalancing", true);
            const nsg = b.sg("nsg", "vpc-a");
            b.ingress("nsg-in", nsg, 80, "10.1.0.0/16");
            b.set(T.lb, "n", "securityGroups", [nsg]);
            b.listener("l", "arn:nlb/n", 80, tg(b, "tg", ["i-t1"], { targetType: "ip" }));
            b.set(T.tgAttachment, "tg-0", "targetId", "10.1.1.30");
            const f = toN(b);
            assert.strictEqual(f.drop, "instance cli -> n node in subnet-a0 (us-west-2a): security group sg-nsg (nsg) of n allows egress on tcp/8080 from nothing (no egress rule; Pulumi removes AWS's default allow-all egress), so not 10.1.1.30/32");
        });

        it("a target that is the client itself, with the client IP preserved: the path ends at the target group", () => {
            const b = nlbLan();
            b.set(T.lb, "n", "enableCrossZoneLoadBalancing", true);
            b.listener("l", "arn:nlb/n", 80, tg(b, "self", ["i-cli"]));
            b.ingress("cli-in", "sg-cli", 8080, "10.1.0.0/16");
            const f = toN(b);
            assert.match(f.drop!, /target instance i-cli \(cli\) may be the client itself \(10\.1\.0\.10\/32\)/);
            assert.deepStrictEqual(f.dropPath!.slice(-2), ["n listener l TCP/80", "n -> target group self (ipv4, instance targets): client address preserved"]);
        });

        it("stateless NACLs and a preserved client: a reply inside the target's own subnet crosses no NACL; a refused target is refused before the reply is checked", () => {
            const b = nlbLan();
            b.set(T.lb, "n", "enableCrossZoneLoadBalancing", true);
            b.listener("l", "arn:nlb/n", 80, tg(b, "tg", ["i-t1"]));
            b.set(T.lb, "n", "subnets", ["subnet-a0"]);
            b.instance("c1", "subnet-a1", ["sg-cli"], "10.1.1.40");
            const all = { ruleNo: 100, protocol: "-1", action: "allow", fromPort: 0, toPort: 0 };
            b.add(T.nacl, "acl", { subnetIds: ["subnet-a1"], ingress: [{ ...all, cidrBlock: "0.0.0.0/0" }], egress: [{ ...all, cidrBlock: "10.1.0.0/24" }] }, { id: "acl-a1" });
            const near = one(b, { from: inst("c1"), to: nlbTo("n"), family: "ipv4", port: 80 });
            assert.strictEqual(near.status, "proven", near.drop);
            // From a2 the target admits the client, but the NACL does not let the reply out to it.
            b.instance("c2", "subnet-a2", ["sg-cli"], "10.1.2.40");
            const far = one(b, { from: inst("c2"), to: nlbTo("n"), family: "ipv4", port: 80 });
            assert.match(far.drop!, /^instance c2 -> n node in subnet-a0 \(us-west-2a\): reply from target instance i-t1 \(t1\) to the preserved client address 10\.1\.2\.40\/32 cannot leave: .*\(leaving subnet subnet-a1 \(a1, us-west-2b\)\)$/);
            assert.deepStrictEqual(far.dropPath!.slice(-2), ["security group sg-tgt (tgt) tgt-v4: tcp/8080 from 10.1.0.0/16", "reply to the preserved client address goes back through the NLB"]);
            // Refused by the target's group as well: that refusal is the drop, not the reply.
            b.remove(T.sgIngress, "tgt-v4");
            b.ingress("tgt-a0", "sg-tgt", 8080, "10.1.0.0/24");
            assert.strictEqual(one(b, { from: inst("c2"), to: nlbTo("n"), family: "ipv4", port: 80 }).drop, "instance c2 -> n node in subnet-a0 (us-west-2a): security group sg-tgt (tgt) of target instance i-t1 (t1) admits tcp/8080 only from 2001:db8:1::/56, 10.1.0.0/24, not 10.1.2.40/32");
        });

        it("pods targets: a cluster without node groups, a node subnet not in the graph, a cluster missing from the model", () => {
            const b = nlbLan();
            b.set(T.lb, "n", "enableCrossZoneLoadBalancing", true);
            const { providerRef } = b.cluster("c", { ipFamily: "ipv4", subnets: ["subnet-gone", "subnet-a1"], sgs: ["sg-tgt"] });
            const arn = b.targetGroup("pods", { targetType: "ip", port: 8080 });
            b.targetGroupBinding("tgb", providerRef, arn, "svc", 8080);
            b.listener("l", "arn:nlb/n", 80, arn);
            const f = toN(b);
            assert.strictEqual(f.status, "proven", f.drop);
            assert.strictEqual(f.path!.at(-1), "arrives at pods of c in subnet-a1 (tgb (TargetGroupBinding, Service svc))");
            b.remove(T.nodeGroup, "c-nodes");
            assert.strictEqual(toN(b).drop, "instance cli -> n node in subnet-a0 (us-west-2a): tgb (TargetGroupBinding, Service svc): cluster c has no node group in the graph (node groups are matched by cluster name), so it runs no pods");
            const m = buildModel(b.graph());
            m.targetGroups.get(arn)!.targets = [{ kind: "pods", ref: "gone", port: 8080, label: "hand-made" }];
            assert.strictEqual(analyzeFlow(m, { name: "f", from: inst("cli"), to: nlbTo("n"), family: "ipv4", port: 80, expect: "allow" }).drop, "instance cli -> n node in subnet-a0 (us-west-2a): hand-made: cluster gone is not in the graph");
        });
    });

    describe("PrivateLink and AWS service endpoints", () => {
        /**
         * Provider VPC p (p0 us-west-2a, p1 us-west-2b) with an NLB `pn` in both (cross-zone on, no
         * groups) in front of instance `backend` (p1) admitting tcp/80 from p; consumer VPC q with an
         * IPv4 endpoint `ep` in q0 (us-west-2a) and a client instance `qc` that may send anywhere.
         */
        function pl(): NetBuilder {
            const b = new NetBuilder();
            const p = b.vpc("p", "10.5.0.0/16");
            const q = b.vpc("q", "10.6.0.0/16");
            b.subnet("p0", p, "us-west-2a", "10.5.0.0/24");
            b.subnet("p1", p, "us-west-2b", "10.5.1.0/24");
            b.subnet("q0", q, "us-west-2a", "10.6.0.0/24");
            const be = b.sg("be", p);
            b.ingress("be-in", be, 80, "10.5.0.0/16");
            b.instance("backend", "subnet-p1", [be], "10.5.1.10");
            const nlb = b.nlb("pn", ["subnet-p0", "subnet-p1"]);
            b.listener("pl", nlb, 80, b.targetGroup("ptg", { port: 80 }));
            b.attach("ptg-0", "arn:tg/ptg", "i-backend", 80);
            const svc = b.endpointService("svc", nlb, ["ipv4"]);
            const ep = b.sg("ep", q);
            b.ingress("ep-in", ep, 80, "10.6.0.0/16");
            b.endpoint("ep", svc, q, ["subnet-q0"], [ep], "ipv4");
            const qc = b.sg("qc", q);
            b.egress("qc-out", qc, "all", "0.0.0.0/0");
            b.instance("qc", "subnet-q0", [qc], "10.6.0.10");
            return b;
        }
        const toEp = (b: NetBuilder) => one(b, { from: inst("qc"), to: { kind: "endpoint", endpoint: "ep" }, family: "ipv4", port: 80 });
        const QC = "instance i-qc (qc) sends from 10.6.0.10/32";
        const PL = "PrivateLink: ep -> endpoint service vpce-svc-svc (svc) -> pn node in subnet-p0";

        it("the provider NLB sees the NLB's own address as the source (no client IP over PrivateLink); the path lists one NLB's hops once", () => {
            const f = toEp(pl());
            assert.strictEqual(f.status, "proven", f.drop);
            assert.ok(f.path!.includes("pn -> target group ptg (ipv4, instance targets): source becomes the NLB address in 10.5.0.0/24"), f.path!.join("\n"));
            assert.deepStrictEqual(f.path!.filter((h) => h === QC || h.startsWith("PrivateLink:")), [QC, PL]);
            // A second service NLB with a node in the AZ must carry the flow too, but the path shows the first.
            const two = pl();
            two.nlb("pn2", ["subnet-p0"]);
            two.listener("pl2", "arn:nlb/pn2", 80, "arn:tg/ptg");
            two.set(T.endpointService, "svc", "networkLoadBalancerArns", ["arn:nlb/gone", "arn:nlb/pn", "arn:nlb/pn2"]);
            const f2 = toEp(two);
            assert.strictEqual(f2.status, "proven", f2.drop);
            assert.deepStrictEqual(f2.path!.filter((h) => h === QC || h.startsWith("PrivateLink:")), [QC, PL]);
        });

        it("a failure behind the service NLB keeps the PrivateLink hops in the drop path", () => {
            const b = pl();
            b.remove(T.tgAttachment, "ptg-0");
            const f = toEp(b);
            assert.strictEqual(f.drop, "instance qc -> endpoint vpce-ep (ep) interface in subnet-q0: target group ptg has no targets");
            assert.deepStrictEqual(f.dropPath!.slice(-2), [PL, "pn listener pl TCP/80"]);
        });

        it("the service's families, its load balancers and their nodes, each named", () => {
            const six = pl().set(T.endpointService, "svc", "supportedIpAddressTypes", ["ipv6"]);
            assert.strictEqual(toEp(six).drop, "instance qc -> endpoint vpce-ep (ep) interface in subnet-q0: endpoint service vpce-svc-svc (svc) supports ipv6 only; endpoint ep (ipAddressType ipv4) needs ipv4");
            const cased = pl().set(T.endpointService, "svc", "supportedIpAddressTypes", ["IPv4", "IPv6"]).set(T.endpoint, "ep", "ipAddressType", "dualstack");
            assert.strictEqual(toEp(cased).drop, "instance qc -> endpoint vpce-ep (ep) interface in subnet-q0: endpoint service vpce-svc-svc (svc) supports IPv4, IPv6 only; endpoint ep (ipAddressType dualstack) needs ipv4, ipv6");
            const none = pl().set(T.endpointService, "svc", "networkLoadBalancerArns", ["arn:nlb/gone"]);
            assert.strictEqual(toEp(none).drop, "instance qc -> endpoint vpce-ep (ep) interface in subnet-q0: endpoint service svc has no network load balancer in the graph");
            const away = pl().set(T.lb, "pn", "subnets", ["subnet-p1"]);
            away.nlb("pn2", ["subnet-p1"]);
            away.set(T.endpointService, "svc", "networkLoadBalancerArns", ["arn:nlb/pn", "arn:nlb/pn2"]);
            assert.strictEqual(toEp(away).drop, "instance qc -> endpoint vpce-ep (ep) interface in subnet-q0: endpoint service svc's pn, pn2 have no node in us-west-2a, where endpoint vpce-ep (ep) interface in subnet-q0 is");
        });

        it("a service-defined DNS record type answers both families", () => {
            const b = pl().set(T.endpoint, "ep", "dnsOptions", { dnsRecordIpType: "service-defined" }).set(T.endpoint, "ep", "serviceName", "com.amazonaws.vpce.us-west-2.vpce-svc-gone");
            assert.strictEqual(toEp(b).drop, "instance qc -> endpoint vpce-ep (ep) interface in subnet-q0: endpoint ep's service com.amazonaws.vpce.us-west-2.vpce-svc-gone is not an endpoint service in the graph");
        });

        describe("an AWS service answered by an interface endpoint with private DNS", () => {
            function s3(): NetBuilder {
                const b = pl();
                b.endpoint("s3", "com.amazonaws.us-west-2.s3", "vpc-q", ["subnet-q0"], ["sg-ep"], "ipv4");
                b.set(T.endpoint, "s3", "privateDnsEnabled", true);
                return b;
            }
            const toS3 = (b: NetBuilder, port = 80) => one(b, { from: inst("qc"), to: { kind: "aws-service", service: "s3", dualStack: false }, family: "ipv4", port });

            it("its interface's hops are in the path", () => {
                const f = toS3(s3());
                assert.strictEqual(f.status, "proven", f.drop);
                assert.deepStrictEqual(f.path, [
                    QC,
                    "security group sg-qc (qc) qc-out: tcp/80 to 0.0.0.0/0",
                    "same subnet subnet-q0",
                    "security group sg-ep (ep) ep-in: tcp/80 from 10.6.0.0/16",
                    "reply routes back: same subnet subnet-q0",
                    "arrives at interface endpoint s3 for s3 (private DNS)",
                ]);
            });

            it("an endpoint without the flow's family, or whose group refuses the client, is the drop", () => {
                assert.strictEqual(toS3(s3().set(T.endpoint, "s3", "ipAddressType", "ipv6")).drop, "instance qc -> AWS service s3: endpoint vpce-s3 (s3) has ipAddressType ipv6: its interfaces have no ipv4 address");
                const f = toS3(s3(), 443);
                assert.strictEqual(f.drop, "instance qc -> AWS service s3: endpoint vpce-s3 (s3) interface in subnet-q0 (private DNS of s3): security group sg-ep (ep) of endpoint vpce-s3 (s3) interface in subnet-q0 admits tcp/443 from nothing, so not 10.6.0.10/32");
                assert.deepStrictEqual(f.dropPath, [QC, "security group sg-qc (qc) qc-out: tcp/443 to 0.0.0.0/0", "same subnet subnet-q0"]);
            });
        });
    });

    describe("undecided flows", () => {
        it("each flow starts undecided-free: a prefix list consulted by one flow does not make the next undecided; the drop keeps what was computed", () => {
            const b = lan();
            b.add(T.sgIngress, "pl81", { securityGroupId: "sg-srv", ipProtocol: "tcp", fromPort: 81, toPort: 81, prefixListId: "pl-gone" });
            const [f81, f80] = analyzeGraph(b.graph(), [
                { name: "a", from: inst("cli"), to: inst("srv"), family: "ipv4", port: 81, expect: "allow" },
                { name: "b", from: inst("cli"), to: inst("srv"), family: "ipv4", port: 80, expect: "allow" },
            ]).flows;
            assert.strictEqual(f81.status, "unknown");
            assert.strictEqual(f81.drop, "undecided: security group sg-srv (srv) rule pl81 uses prefix list pl-gone, which is not in the graph; as computed: blocked: instance cli -> instance srv: security group sg-srv (srv) of instance srv admits tcp/81 only from prefix list pl-gone, not 10.1.0.10/32");
            assert.strictEqual(f80.status, "proven", f80.drop);
        });

        it("with exactly five unknown values all five are listed, without an ellipsis", () => {
            const b = lan();
            for (let i = 0; i < 5; i++) b.add(T.securityGroup, `u${i}`, { vpcId: "vpc-a", description: "[unknown]" }, { id: `sg-u${i}` });
            b.remove(T.sgIngress, "srv-v4");
            const f = one(b, { from: inst("cli"), to: inst("srv"), family: "ipv4", port: 80 });
            assert.strictEqual(f.status, "unknown");
            assert.match(f.drop!, /^undecided: 5 values are unknown until deploy \(u0\.description, u1\.description, u2\.description, u3\.description, u4\.description\); as recorded: blocked: /);
        });
    });

    describe("translation across families and peered VPCs", () => {
        it("across families the NLB's own address is the source even with client IP preservation on; a node without a block of the target family is named", () => {
            const { b, cli } = clientLan();
            b.instance("cli", "subnet-a0", [cli], "10.1.0.10", "2001:db8:1::10");
            const tgt = b.sg("tgt", "vpc-a");
            b.ingress("tgt-v6", tgt, 8080, "2001:db8:1::/56");
            b.instance("t1", "subnet-a1", [tgt], "10.1.1.30", "2001:db8:1:1::30");
            const tg = b.targetGroup("ip6", { family: "ipv6", targetType: "ip", port: 8080 });
            b.set(T.targetGroup, "ip6", "preserveClientIp", "true");
            b.attach("ip6-0", tg, "2001:db8:1:1::30", 8080);
            b.nlb("n", ["subnet-a0"], { ipAddressType: "dualstack" });
            b.listener("l", "arn:nlb/n", 80, tg);
            const f = one(b, { from: inst("cli"), to: nlbTo("n"), family: "ipv4", port: 80 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.ok(f.path!.includes("n -> target group ip6 (ipv6, ip targets): source becomes the NLB address in 2001:db8:1::/64"), f.path!.join("\n"));
            b.subnet("v4only", "vpc-a", "us-west-2a", "10.1.6.0/24");
            b.set(T.lb, "n", "subnets", ["subnet-v4only"]);
            assert.strictEqual(one(b, { from: inst("cli"), to: nlbTo("n"), family: "ipv4", port: 80 }).drop, "instance cli -> n node in subnet-v4only (us-west-2a): n node subnet subnet-v4only (v4only, us-west-2a) has no ipv6 block to reach ipv6 targets");
        });

        it("client IP preservation with a target in another VPC: the drop path ends at the target group", () => {
            const b = peeredVpcs();
            const lb = b.nlb("a-nlb", ["subnet-a0"], { crossZone: true });
            const tg = b.targetGroup("far-tg", { port: 80, targetType: "ip" });
            b.set(T.targetGroup, "far-tg", "preserveClientIp", true);
            b.listener("a-80", lb, 80, tg);
            b.attach("far-att", tg, "10.2.0.10", 80);
            const f = one(b, { from: pods("c6"), to: nlbTo("a-nlb"), family: "ipv4", port: 80 });
            assert.deepStrictEqual(f.dropPath!.slice(-2), ["a-nlb listener a-80 TCP/80", "a-nlb -> target group far-tg (ipv4, ip targets): client address preserved"]);
        });

        it("once NAT64 translated, a drop in the NAT gateway's route table carries no NAT64 hint", () => {
            const b = peeredVpcs();
            b.subnet("a-pub", "vpc-a", "us-west-2a", "10.1.100.0/24", "2001:db8:0:1ff::/64");
            b.routeTable("a-pub", "vpc-a", ["subnet-a-pub"]);
            b.add(T.nat, "nat-a", { subnetId: "subnet-a-pub", privateIp: "10.1.100.5", connectivityType: "public" }, { id: "nat-a" });
            b.subnet("a6", "vpc-a", "us-west-2a", undefined, "2001:db8:0:1a0::/64", { enableDns64: true });
            b.routeTable("a6", "vpc-a", ["subnet-a6"]);
            b.route("a6-nat64", "rtb-a6", "64:ff9b::/96", { natGatewayId: "nat-a" });
            const sg = b.sg("fn", "vpc-a");
            b.egress("fn-out", sg, "all", "::/0");
            b.lambda("v6fn", ["subnet-a6"], [sg], true);
            b.instance("legacy", "subnet-b0", ["sg-web"], "10.2.0.20");
            const f = one(b, { from: fn("v6fn"), to: inst("legacy"), family: "ipv6", port: 80 });
            assert.strictEqual(f.status, "blocked");
            assert.ok(f.dropPath!.some((h) => / NAT64 /.test(h)), f.dropPath!.join("\n"));
            assert.strictEqual(f.drop, "function v6fn in subnet-a6 -> instance legacy: route table rtb-a-pub (a-pub) of subnet subnet-a-pub (a-pub, us-west-2a) has no route for 10.2.0.20/32 [after route table rtb-a6 (a6) of subnet subnet-a6 (a6, us-west-2a): 64:ff9b::/96 -> nat-a (a6-nat64)]");
        });
    });
});
