/**
 * The reachability model against AWS's documented behaviour on graphs edited the way users edit
 * their own networks (issue 19's ten items, and issue 12's model parts). Each test builds a small
 * graph, asserts the verdict and the hop that decides it, and names the AWS source it follows.
 */
import * as assert from "assert";
import { analyzeGraph, type FlowResult } from "../../engine/reachability/analyze";
import { T } from "../../engine/reachability/model";
import { flowsSection } from "../../engine/reachability/section";
import type { FlowEndpoint, FlowIntent } from "../../lib/intent";
import { flowProblem } from "../../policies/rules/reachability";
import { NetBuilder, peeredVpcs, tgwHub } from "../helpers/netFixture";

function one(b: NetBuilder, flow: Omit<FlowIntent, "name" | "expect"> & { expect?: "allow" | "deny" }): FlowResult {
    return analyzeGraph(b.graph(), [{ name: "f", expect: "allow", ...flow }]).flows[0];
}
const pods = (cluster: string) => ({ kind: "pods" as const, cluster });
const inst = (instance: string) => ({ kind: "instance" as const, instance });
const fn = (f: string) => ({ kind: "function" as const, function: f });
const nlbTo = (loadBalancer: string) => ({ kind: "nlb" as const, loadBalancer });
const path = (f: FlowResult) => (f.path ?? []).join("\n");

/** Peered dual-stack VPCs A (IPv6 cluster c6 in a0/a1) and B (web instance in b0), as in reachability.model.test.ts. */
function peered(): NetBuilder {
    return peeredVpcs(["b0", "b1"]);
}

/** A transit gateway hub: a Lambda client in X (x0; x0 and x1 are also the attachment subnets), a server in Y (y1). */
const hub = () => tgwHub(["subnet-x0"]);
const hubFlow = (family: "ipv4" | "ipv6" = "ipv4") => ({ from: fn("client"), to: inst("server"), family, port: 443 });
const nacl = (b: NetBuilder, name: string, subnet: string, ingress: object[], egress: object[]) => b.add(T.nacl, name, { subnetIds: [subnet], ingress, egress }, { id: `acl-${name}` });
const allowAll = (ruleNo = 100, cidrBlock = "0.0.0.0/0") => ({ ruleNo, protocol: "-1", action: "allow", cidrBlock });

describe("engine/reachability: AWS fidelity (issue 19)", () => {
    describe("1. network ACLs at transit gateway attachment and NAT gateway subnets (TGW guide, \"Network ACLs\"; VPC user guide, NAT gateways)", () => {
        it("same subnet: traffic from the gateway into the subnet is not checked, traffic to the gateway is (inbound rules, by source)", () => {
            // The server's subnet y1 is also y's attachment subnet in us-west-2b; with the client in x1
            // (us-west-2b) the request leaves the gateway through y1 itself and the reply enters it there.
            const b = hub().remove(T.lambda, "client");
            b.lambda("client", ["subnet-x1"], ["sg-fn"], true);
            nacl(b, "y1", "subnet-y1", [], [allowAll()]);
            const f = one(b, hubFlow());
            // The request from the gateway into y1 passes without an inbound rule; the reply, entering
            // the gateway through the same subnet, meets the inbound rules by its source (the server).
            assert.strictEqual(f.status, "blocked");
            assert.match(f.drop!, /cannot return: network ACL acl-y1 \(y1\) has no ingress rule allowing 10\.20\.1\.10\/32 on tcp\/1024-65535 \(implicit deny\) \(into tgw-hub through attachment tgw-attach-y's subnet subnet-y1/);
            b.set(T.nacl, "y1", "ingress", [allowAll(100, "10.20.0.0/16")]);
            const ok = one(b, hubFlow());
            assert.strictEqual(ok.status, "proven", ok.drop);
            // From x0 (us-west-2a) the request leaves the gateway through y0, so y1 is an ordinary
            // destination subnet and its inbound rules must admit the client.
            b.remove(T.lambda, "client").lambda("client", ["subnet-x0"], ["sg-fn"], true);
            assert.match(one(b, hubFlow()).drop!, /network ACL acl-y1 \(y1\) has no ingress rule allowing 10\.10\.0\.0\/24 on tcp\/443 \(implicit deny\) \(entering subnet subnet-y1/);
        });

        it("different subnets: the attachment subnet's inbound rules check traffic entering the gateway; its outbound rules check traffic leaving it", () => {
            const b = hub();
            b.subnet("x2", "vpc-x", "us-west-2a", "10.10.2.0/24", "2001:db8:0:a02::/64");
            b.add(T.rtAssoc, "x2-assoc", { routeTableId: "rtb-x", subnetId: "subnet-x2" });
            b.remove(T.lambda, "client");
            b.lambda("client", ["subnet-x2"], ["sg-fn"], true);
            nacl(b, "x0", "subnet-x0", [allowAll(100, "10.10.0.0/24")], [allowAll()]);
            assert.match(one(b, hubFlow()).drop!, /network ACL acl-x0 \(x0\) has no ingress rule allowing 10\.10\.2\.0\/24 on tcp\/443 .*\(into tgw-hub through attachment tgw-attach-x's subnet subnet-x0/);
            b.set(T.nacl, "x0", "ingress", [allowAll()]);
            assert.strictEqual(one(b, hubFlow()).status, "proven");
            // Leaving the gateway in us-west-2a through y0 toward the server in y1: y0's outbound rules decide.
            nacl(b, "y0", "subnet-y0", [allowAll()], [allowAll(100, "10.10.0.0/16")]);
            assert.match(one(b, hubFlow()).drop!, /network ACL acl-y0 \(y0\) has no egress rule allowing 10\.20\.1\.10\/32 on tcp\/443 .*\(out of tgw-hub through attachment tgw-attach-y's subnet subnet-y0/);
        });

        it("a NAT gateway's subnet NACL sees the request come in and leave translated", () => {
            const b = peered();
            b.subnet("pub", "vpc-a", "us-west-2a", "10.1.100.0/24", "2001:db8:0:1ff::/64");
            b.routeTable("pub", "vpc-a", ["subnet-pub"]);
            b.add(T.nat, "nat", { subnetId: "subnet-pub", privateIp: "10.1.100.5", connectivityType: "private" }, { id: "nat-a" });
            b.subnet("a9", "vpc-a", "us-west-2a", "10.1.9.0/24");
            b.routeTable("a9", "vpc-a", ["subnet-a9"]);
            b.route("a9-to-b", "rtb-a9", "10.2.0.0/16", { natGatewayId: "nat-a" });
            b.route("pub-to-b", "rtb-pub", "10.2.0.0/16", { vpcPeeringConnectionId: "pcx-ab" });
            const sg = b.sg("legacy", "vpc-a");
            b.egress("legacy-out", sg, "all", "0.0.0.0/0");
            b.instance("legacy", "subnet-a9", [sg], "10.1.9.10");
            const flow = { from: inst("legacy"), to: inst("web"), family: "ipv4" as const, port: 80 };
            assert.strictEqual(one(b, flow).status, "proven", one(b, flow).drop);
            nacl(b, "pub", "subnet-pub", [allowAll(100, "10.2.0.0/16")], [allowAll()]);
            assert.match(one(b, flow).drop!, /network ACL acl-pub \(pub\) has no ingress rule allowing 10\.1\.9\.10\/32 on tcp\/80 .*\(into NAT gateway nat-a's subnet subnet-pub/);
            b.set(T.nacl, "pub", "ingress", [allowAll()]).set(T.nacl, "pub", "egress", [allowAll(100, "10.2.0.0/16")]);
            // The reply, translated back, leaves the NAT subnet toward the client: no egress rule for it.
            assert.match(one(b, flow).drop!, /reply translated back by the NAT gateway cannot reach 10\.1\.9\.10\/32: network ACL acl-pub \(pub\) has no egress rule allowing 10\.1\.9\.10\/32/);
        });
    });

    describe("2. the EKS cluster security group keeps EKS's default rules when the program adds rules to it (EKS user guide, default cluster security group)", () => {
        it("an added ingress rule does not take away the default all-from-itself and ::/0 egress rules", () => {
            const b = peered();
            b.ingress("cluster-extra", "sg-c6-cluster", 9443, "10.0.0.0/8");
            b.remove(T.sgEgress, "nodes-out-v6");
            const f = one(b, { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.match(path(f), /sg-c6-cluster \(EKS cluster security group of c6\) EKS default rule of the cluster security group of c6: tcp\/80 to ::\/0/);
            const p2p = one(b, { from: pods("c6"), to: pods("c6"), family: "ipv6", port: 8080 });
            assert.strictEqual(p2p.status, "proven", p2p.drop);
            assert.match(path(p2p), /EKS default rule .*: tcp\/8080 from members of sg-c6-cluster/);
        });
    });

    describe("3. replies under client IP preservation meet the target subnet's outbound NACL (VPC user guide, NACLs are stateless; NLB guide, \"Register targets\", network ACLs)", () => {
        function behindNlb(preserve?: boolean): NetBuilder {
            const b = peered();
            const lb = b.nlb("web-nlb", ["subnet-b1"], { crossZone: true });
            const tg = b.targetGroup("web-tg", { port: 80 });
            if (preserve !== undefined) b.set(T.targetGroup, "web-tg", "preserveClientIp", preserve);
            b.listener("web-80", lb, 80, tg);
            b.attach("web-att", tg, "i-web", 80);
            b.ingress("web-from-nlb", "sg-web", 80, "10.2.1.0/24");
            nacl(b, "b0", "subnet-b0", [allowAll()], [allowAll(100, "10.2.0.0/16")]);
            return b;
        }
        it("instance targets preserve the client: the target subnet must let the reply out to the client's range", () => {
            const f = one(behindNlb(), { from: pods("c6"), to: nlbTo("web-nlb"), family: "ipv4", port: 80 });
            assert.strictEqual(f.status, "blocked");
            assert.match(f.drop!, /reply from target instance i-web \(web\) to the preserved client address 10\.1\.[01]\.0\/24 cannot leave: network ACL acl-b0 \(b0\) has no egress rule allowing 10\.1\.[01]\.0\/24 on tcp\/1024-65535/);
        });
        it("without preservation the target answers the NLB's own address, which the NACL allows", () => {
            const f = one(behindNlb(false), { from: pods("c6"), to: nlbTo("web-nlb"), family: "ipv4", port: 80 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.match(path(f), /source becomes the NLB address in 10\.2\.1\.0\/24/);
        });
    });

    describe("4. security group references: same-Region peering only, inbound only across a transit gateway (peering guide; TGW guide, \"Security group referencing\")", () => {
        function byReference(): NetBuilder {
            const b = peered().remove(T.sgIngress, "web-in-v4");
            b.ingress("web-from-nodes", "sg-web", 80, "sg-nodes");
            return b;
        }
        const flow = { from: pods("c6"), to: inst("web"), family: "ipv4" as const, port: 80 };
        it("a reference matches across same-Region peering, also in the account/sg form, but not across inter-Region peering", () => {
            assert.strictEqual(one(byReference(), flow).status, "proven");
            const acct = peered().remove(T.sgIngress, "web-in-v4");
            acct.ingress("web-from-nodes", "sg-web", 80, "sg-x");
            acct.set(T.sgIngress, "web-from-nodes", "referencedSecurityGroupId", "123456789012/sg-nodes");
            const fa = one(acct, flow);
            assert.strictEqual(fa.status, "proven", fa.drop);
            assert.match(path(fa), /from members of 123456789012\/sg-nodes/);
            const far = byReference().set(T.peering, "ab", "peerRegion", "eu-west-1");
            const f = one(far, flow);
            assert.strictEqual(f.status, "blocked");
            assert.match(f.drop!, /admits tcp\/80 only from 2001:db8:0:100::\/56, members of sg-nodes, not 10\.1\.[01]\.0\/24 \(group references do not match across inter-region peering\)/);
            assert.strictEqual(one(byReference().set(T.peering, "ab", "peerRegion", "us-west-2"), flow).status, "proven", "peerRegion equal to the graph's Region is same-Region peering");
        });
        it("across a transit gateway, outbound references and cross-account references never match; inbound same-account ones do when enabled", () => {
            const b = hub().set(T.tgw, "hub", "securityGroupReferencingSupport", "enable").remove(T.sgEgress, "fn-v4");
            b.egress("fn-to-srv", "sg-fn", 443, "sg-srv");
            const f = one(b, hubFlow());
            assert.strictEqual(f.status, "blocked");
            assert.match(f.drop!, /allows egress on tcp\/443 only to 2001:db8:0:b00::\/56, members of sg-srv, not 10\.20\.1\.10\/32 \(outbound rules cannot reference groups across a transit gateway\)/);
            const c = hub().set(T.tgw, "hub", "securityGroupReferencingSupport", "enable").remove(T.sgIngress, "srv-v4");
            c.ingress("srv-from-fn", "sg-srv", 443, "sg-fn");
            assert.strictEqual(one(c, hubFlow()).status, "proven");
            c.set(T.sgIngress, "srv-from-fn", "referencedSecurityGroupId", "123456789012/sg-fn");
            assert.match(one(c, hubFlow()).drop!, /admits tcp\/443 only from 2001:db8:0:a00::\/56, members of 123456789012\/sg-fn, not 10\.10\.0\.0\/24/);
        });
    });

    describe("5. NLB cross-zone (NLB guide, \"Cross-zone load balancing for target groups\"; ELB knowledge center, DNS and cross-zone)", () => {
        function zonal(opts: { lbCrossZone: boolean; tgCrossZone?: string }): NetBuilder {
            const b = peered();
            const lb = b.nlb("web-nlb", ["subnet-b0", "subnet-b1"], { crossZone: opts.lbCrossZone });
            const tg = b.targetGroup("web-tg", { port: 80 });
            if (opts.tgCrossZone) b.set(T.targetGroup, "web-tg", "loadBalancingCrossZoneEnabled", opts.tgCrossZone);
            b.listener("web-80", lb, 80, tg);
            b.attach("web-att", tg, "i-web", 80);
            return b;
        }
        const flow = { from: pods("c6"), to: nlbTo("web-nlb"), family: "ipv4" as const, port: 80 };
        it("cross-zone off with targets in one AZ: the empty AZ's node leaves DNS and every client connects", () => {
            const f = one(zonal({ lbCrossZone: false }), flow);
            assert.strictEqual(f.status, "proven", f.drop);
            assert.deepStrictEqual(f.placements, { total: 2, reached: 2 });
            assert.match(path(f), /web-nlb's DNS name leaves out its node in us-west-2b \(no target there and cross-zone load balancing off\)/);
        });
        it("the target group attribute overrides the load balancer: off on the group is off (DNS leaves the node out), on is on", () => {
            const off = one(zonal({ lbCrossZone: true, tgCrossZone: "false" }), flow);
            assert.strictEqual(off.status, "proven", off.drop);
            assert.match(path(off), /leaves out its node in us-west-2b/);
            const on = one(zonal({ lbCrossZone: false, tgCrossZone: "true" }), flow);
            assert.strictEqual(on.status, "proven", on.drop);
            assert.ok(!/leaves out/.test(path(on)), path(on));
        });
    });

    describe("6. rules that only together cover a range: AWS evaluates each packet (VPC user guide, NACL rules and security group rules)", () => {
        it("two NACL entries 1024-32767 and 32768-65535 together allow the reply's ephemeral ports", () => {
            const b = peered();
            const half = (ruleNo: number, from: number, to: number) => ({ ruleNo, protocol: "tcp", action: "allow", cidrBlock: "10.1.0.0/16", fromPort: from, toPort: to });
            nacl(b, "b0", "subnet-b0", [allowAll()], [half(100, 1024, 32767), half(110, 32768, 65535)]);
            const f = one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 });
            assert.strictEqual(f.status, "proven", f.drop);
            b.set(T.nacl, "b0", "egress", [half(100, 1024, 32767)]);
            assert.match(one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 }).drop!, /has no egress rule allowing 10\.1\.[01]\.0\/24 on tcp\/1024-65535/);
        });
        it("two security group rules whose CIDRs together cover the node subnets admit them", () => {
            const b = peered().remove(T.sgIngress, "web-in-v4");
            b.ingress("web-lo", "sg-web", 80, "10.1.0.0/25");
            b.ingress("web-hi", "sg-web", 80, "10.1.1.0/24");
            const partial = one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 });
            assert.strictEqual(partial.status, "partial");
            assert.match(partial.drop!, /admits tcp\/80 only from 2001:db8:0:100::\/56, 10\.1\.0\.0\/25, 10\.1\.1\.0\/24, not 10\.1\.0\.0\/24/);
            b.ingress("web-lo2", "sg-web", 80, "10.1.0.128/25");
            const f = one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.match(path(f), /rules web-lo \(10\.1\.0\.0\/25\), web-lo2 \(10\.1\.0\.128\/25\) together cover tcp\/80 from 10\.1\.0\.0\/24/);
        });
    });

    describe("7. node groups matched to clusters by cluster name, each node with its own security groups (issue 12: sibling and top-level node groups)", () => {
        /** A VPC with two subnets and nothing else: clusters are added per test. */
        function bare(): NetBuilder {
            const b = new NetBuilder();
            const v = b.vpc("v", "10.9.0.0/16", "2001:db8:0:900::/56");
            b.subnet("v0", v, "us-west-2a", "10.9.0.0/24", "2001:db8:0:900::/64");
            b.subnet("v1", v, "us-west-2b", "10.9.1.0/24", "2001:db8:0:901::/64");
            b.routeTable("v", v, ["subnet-v0", "subnet-v1"]);
            return b;
        }
        it("a bare aws.eks.Cluster with a top-level aws.eks.NodeGroup: pods talk to each other through the cluster security group", () => {
            const b = bare();
            b.add(T.eksCluster, "bare", { name: "bare-cluster", kubernetesNetworkConfig: { ipFamily: "ipv6" }, vpcConfig: { subnetIds: ["subnet-v0", "subnet-v1"], clusterSecurityGroupId: "sg-bare" } }, { id: "bare-cluster" });
            b.add(T.nodeGroup, "workers", { clusterName: "bare-cluster", subnetIds: ["subnet-v0", "subnet-v1"] }, { id: "bare-cluster:workers" });
            const f = one(b, { from: pods("bare"), to: pods("bare"), family: "ipv6", port: 8080 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.deepStrictEqual(f.placements, { total: 4, reached: 4 });
            assert.match(path(f), /EKS default rule of the cluster security group of bare: tcp\/8080 from members of sg-bare/);
        });
        it("an eks.ManagedNodeGroup declared beside the eks.Cluster (opaque component) runs the cluster's pods", () => {
            const b = bare();
            b.add(T.eksComponent, "ec", { name: "ec-cluster", ipFamily: "ipv4", skipDefaultNodeGroup: true, privateSubnetIds: ["subnet-v0", "subnet-v1"], clusterSecurityGroupId: "sg-ec" }, { custom: false });
            b.add(T.eksManagedNodeGroup, "spot", { cluster: { name: "ec-cluster" }, subnetIds: ["subnet-v1"] }, { custom: false });
            const f = one(b, { from: pods("ec"), to: pods("ec"), family: "ipv4", port: 8080 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.deepStrictEqual(f.placements, { total: 1, reached: 1 });
            // The offline engine records a resource-valued input as "[resource]": the graph's only
            // cluster is meant; a state export's reference object carries the cluster's URN.
            b.set(T.eksManagedNodeGroup, "spot", "cluster", "[resource]");
            assert.strictEqual(one(b, { from: pods("ec"), to: pods("ec"), family: "ipv4", port: 8080 }).status, "proven");
            b.set(T.eksManagedNodeGroup, "spot", "cluster", { urn: b.urn(T.eksComponent, "ec"), id: "" });
            assert.strictEqual(one(b, { from: pods("ec"), to: pods("ec"), family: "ipv4", port: 8080 }).status, "proven");
            // Without any node group there are no pods, said plainly.
            b.remove(T.eksManagedNodeGroup, "spot");
            assert.match(one(b, { from: pods("ec"), to: pods("ec"), family: "ipv4", port: 8080 }).drop!, /cluster ec has no node group in the graph \(node groups are matched by cluster name ec-cluster\)/);
        });
        it("@pulumi/eks' default node security group: IPv4 pod-to-pod works; IPv6 has no egress rule (pulumi-eks securitygroup.ts, pulumi-eks#1700)", () => {
            const b = bare();
            b.add(T.eksComponent, "dflt", { name: "dflt-cluster", ipFamily: "ipv4", privateSubnetIds: ["subnet-v0", "subnet-v1"], clusterSecurityGroupId: "sg-dflt" }, { custom: false });
            const f = one(b, { from: pods("dflt"), to: pods("dflt"), family: "ipv4", port: 8080 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.match(path(f), /@pulumi\/eks default rule of dflt-nodeSecurityGroup: tcp\/8080 from members of dflt-nodeSecurityGroup/);
            b.set(T.eksComponent, "dflt", "ipFamily", "ipv6");
            assert.match(one(b, { from: pods("dflt"), to: pods("dflt"), family: "ipv6", port: 8080 }).drop!, /dflt-nodeSecurityGroup \(@pulumi\/eks default node security group of dflt\) of pods of dflt .* allows egress on tcp\/8080 only to 0\.0\.0\.0\/0, not 2001:db8:0:90[01]::\/64/);
        });
        it("in a state export the component's children count: the real node security group's rules, a managed node group's child counted once", () => {
            const b = bare();
            const comp = b.add(T.eksComponent, "st", { name: "st-cluster", ipFamily: "ipv6", privateSubnetIds: ["subnet-v0", "subnet-v1"], clusterSecurityGroupId: "sg-st" }, { custom: false });
            comp.outputs.nodeSecurityGroupId = "sg-st-node";
            b.add(T.securityGroup, "st-nodeSecurityGroup", { vpcId: "vpc-v" }, { id: "sg-st-node", parent: comp.urn });
            b.add(T.sgRule, "st-eksNodeIngressRule", { type: "ingress", protocol: "-1", fromPort: 0, toPort: 0, self: true, securityGroupId: "sg-st-node" }, { parent: comp.urn });
            // This program added the IPv6 egress @pulumi/eks leaves out (pulumi-eks#1700).
            b.add(T.sgRule, "st-egress-v6", { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"], securityGroupId: "sg-st-node" });
            const mng = b.add(T.eksManagedNodeGroup, "st-mng", { cluster: { name: "st-cluster" }, subnetIds: ["subnet-v0"] }, { custom: false });
            b.add(T.nodeGroup, "st-mng", { clusterName: "st-cluster", subnetIds: ["subnet-v0"] }, { parent: mng.urn });
            const f = one(b, { from: pods("st"), to: pods("st"), family: "ipv6", port: 8080 });
            // Default node group in v0 and v1 (node security group) plus the managed group in v0 (cluster security group), once.
            assert.strictEqual(f.placements.total, 9, JSON.stringify(f.placements));
            assert.strictEqual(f.status, "partial", f.drop);
            // Default-group nodes reach each other through the real group's self rule and added ::/0
            // egress (4 placements), managed nodes each other through the cluster group (1); the two
            // kinds do not admit each other: a true finding for this program.
            assert.strictEqual(f.placements.reached, 5, JSON.stringify(f.placements));
            assert.match(f.drop!, /pods of st on nodes of node group st-default \(eks.Cluster default node group\) in subnet-v0 -> pods of st in subnet-v0 \(node group st-mng\): security group sg-st \(EKS cluster security group of st\) .* admits tcp\/8080 only from members of sg-st/);
        });

        it("each node group's nodes carry their own groups, whatever the declaration order", () => {
            const b = peered();
            const other = b.sg("other", "vpc-a");
            b.egress("other-out", other, "all", "::/0");
            const lt = b.add(T.launchTemplate, "c6-extra", { vpcSecurityGroupIds: [other] }, { id: "lt-extra" });
            b.add(T.nodeGroup, "c6-extra", { clusterName: "c6", subnetIds: ["subnet-a1"], launchTemplate: { id: lt.id, version: "1" } });
            // The component's node group (sg-nodes + cluster SG) is matched by parentage; the top-level one by name
            // only when the cluster name is known: record it on the component.
            b.set(T.eksComponent, "c6", "name", "c6");
            b.remove(T.sgIngress, "web-in-v6");
            b.ingress("web-from-other", "sg-web", 80, "sg-nodes");
            const f = one(b, { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 });
            assert.strictEqual(f.status, "partial", f.drop);
            assert.deepStrictEqual(f.placements, { total: 3, reached: 2 });
            assert.match(f.drop!, /pods of c6 on nodes of node group c6-extra in subnet-a1 .*security group sg-web \(web\) of instance web admits tcp\/80 only from 10\.1\.0\.0\/16, members of sg-nodes, not 2001:db8:0:101::\/64/);
        });
    });

    describe("8. prefix lists in routes and security group rules (VPC user guide, \"Route priority\" and prefix list references)", () => {
        it("resolved when the list is in the graph, in a route and in a rule", () => {
            const b = peered().remove(T.route, "a-to-b-v4").remove(T.sgIngress, "web-in-v4");
            b.add(T.prefixList, "peers", { addressFamily: "IPv4", maxEntries: 2, entries: [{ cidr: "10.2.0.0/16" }] }, { id: "pl-peers" });
            b.add(T.prefixList, "clients", { addressFamily: "IPv4", maxEntries: 2, entries: [{ cidr: "10.1.0.0/16" }] }, { id: "pl-clients" });
            b.add(T.route, "a-to-b-pl", { routeTableId: "rtb-a", destinationPrefixListId: "pl-peers", vpcPeeringConnectionId: "pcx-ab" });
            b.add(T.sgIngress, "web-from-pl", { securityGroupId: "sg-web", ipProtocol: "tcp", fromPort: 80, toPort: 80, prefixListId: "pl-clients" });
            const f = one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.match(path(f), /10\.2\.0\.0\/16 -> pcx-ab \(a-to-b-pl \(prefix list pl-peers entry 10\.2\.0\.0\/16\)\)/);
            assert.match(path(f), /web-from-pl \(prefix list pl-clients entry 10\.1\.0\.0\/16\): tcp\/80 from 10\.1\.0\.0\/16/);
        });
        it("undecided when the list is not in the graph, saying which", () => {
            const b = peered().remove(T.route, "a-to-b-v4");
            b.add(T.route, "a-to-b-pl", { routeTableId: "rtb-a", destinationPrefixListId: "pl-0abc", vpcPeeringConnectionId: "pcx-ab" });
            const f = one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 });
            assert.strictEqual(f.status, "unknown");
            assert.strictEqual(f.holds, true);
            assert.match(f.drop!, /^undecided: route table a has route a-to-b-pl to prefix list pl-0abc, which is not in the graph; as computed: blocked/);
            const r = peered().remove(T.sgIngress, "web-in-v4");
            r.add(T.sgIngress, "web-from-pl", { securityGroupId: "sg-web", ipProtocol: "tcp", fromPort: 80, toPort: 80, prefixListId: "pl-0def" });
            assert.match(one(r, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 }).drop!, /^undecided: security group sg-web \(web\) rule web-from-pl uses prefix list pl-0def, which is not in the graph/);
            // A rule that admits the flow by itself decides it; the unknown list does not matter.
            assert.strictEqual(one(r, { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 }).status, "proven");
        });
    });

    describe("9. AZ IDs across accounts and the service NLB node in the endpoint's AZ (AWS RAM user guide, \"Availability Zone IDs\"; PrivateLink guide)", () => {
        function privateLink(): NetBuilder {
            const b = new NetBuilder();
            const p = b.vpc("p", "10.5.0.0/16");
            const q = b.vpc("q", "10.6.0.0/16");
            b.subnet("p0", p, "us-west-2a", "10.5.0.0/24", undefined, { availabilityZoneId: "usw2-az1" });
            b.subnet("p1", p, "us-west-2b", "10.5.1.0/24", undefined, { availabilityZoneId: "usw2-az2" });
            // The consumer is another account: its us-west-2a is usw2-az2, its us-west-2b is usw2-az1.
            b.subnet("q0", q, "us-west-2a", "10.6.0.0/24", undefined, { availabilityZoneId: "usw2-az2" });
            b.subnet("q1", q, "us-west-2b", "10.6.1.0/24", undefined, { availabilityZoneId: "usw2-az3" });
            b.routeTable("p", p, ["subnet-p0", "subnet-p1"]);
            b.routeTable("q", q, ["subnet-q0", "subnet-q1"]);
            const srv = b.sg("srv", p);
            b.ingress("srv-in", srv, 8080, "10.5.0.0/16");
            b.instance("srv", "subnet-p1", [srv], "10.5.1.10");
            const lb = b.nlb("svc-nlb", ["subnet-p0", "subnet-p1"], { crossZone: true });
            const tg = b.targetGroup("svc-tg", { port: 8080, targetType: "ip" });
            b.listener("svc-80", lb, 80, tg);
            b.attach("svc-att", tg, "10.5.1.10", 8080);
            const svc = b.endpointService("svc", lb, ["ipv4"]);
            const ep = b.sg("ep", q);
            b.ingress("ep-in", ep, 80, "10.6.0.0/16");
            b.endpoint("ep", svc, q, ["subnet-q0"], [ep], "ipv4");
            const c = b.sg("c", q);
            b.egress("c-out", c, 80, "10.6.0.0/16");
            b.lambda("consumer", ["subnet-q0", "subnet-q1"], [c], false);
            return b;
        }
        const flow = { from: fn("consumer"), to: { kind: "endpoint" as const, endpoint: "ep" }, family: "ipv4" as const, port: 80 };
        it("the endpoint in the consumer's us-west-2a (usw2-az2) reaches the NLB node in the provider's us-west-2b (usw2-az2)", () => {
            const f = one(privateLink(), flow);
            assert.strictEqual(f.status, "proven", f.drop);
            assert.match(path(f), /-> svc-nlb node in subnet-p1/);
        });
        it("an endpoint in an AZ ID where the NLB has no node has nowhere to go, named by its AZ ID", () => {
            const b = privateLink().set(T.endpoint, "ep", "subnetIds", ["subnet-q1"]);
            assert.match(one(b, flow).drop!, /endpoint service svc's svc-nlb has no node in us-west-2b \(usw2-az3\)/);
        });
        it("of several service NLBs, the one with a node in the endpoint's AZ carries the flow, not the first", () => {
            const b = privateLink();
            const first = b.nlb("first-nlb", ["subnet-p0"], { crossZone: true });
            b.listener("first-80", first, 80, "arn:tg/svc-tg");
            b.set(T.endpointService, "svc", "networkLoadBalancerArns", [first, "arn:nlb/svc-nlb"]);
            const f = one(b, flow);
            assert.strictEqual(f.status, "proven", f.drop);
            assert.match(path(f), /-> svc-nlb node in subnet-p1/);
        });
    });

    describe("10. NLB configurations AWS fails or rejects (NLB guide: troubleshooting, client IP preservation, target groups)", () => {
        function selfCall(): NetBuilder {
            const b = peered();
            const lb = b.nlb("web-nlb", ["subnet-b0"], { crossZone: true });
            const tg = b.targetGroup("web-tg", { port: 80 });
            b.listener("web-80", lb, 80, tg);
            b.attach("web-att", tg, "i-web", 80);
            b.ingress("web-from-vpc", "sg-web", 80, "10.2.0.0/16");
            b.egress("web-out", "sg-web", "all", "0.0.0.0/0");
            return b;
        }
        const flow = { from: inst("web"), to: nlbTo("web-nlb"), family: "ipv4" as const, port: 80 };
        it("a target calling its own internal NLB with client IP preservation times out (loopback)", () => {
            const f = one(selfCall(), flow);
            assert.strictEqual(f.status, "blocked");
            assert.match(f.drop!, /target instance i-web \(web\) may be the client itself \(10\.2\.0\.10\/32\): with client IP preservation on, internal web-nlb does not support hairpinning/);
            const b = selfCall().set(T.targetGroup, "web-tg", "preserveClientIp", false);
            assert.strictEqual(one(b, flow).status, "proven", one(b, flow).drop);
        });
        it("client IP preservation with a target outside the NLB's VPC", () => {
            const b = peered();
            const lb = b.nlb("a-nlb", ["subnet-a0"], { crossZone: true });
            const tg = b.targetGroup("far-tg", { port: 80, targetType: "ip" });
            b.set(T.targetGroup, "far-tg", "preserveClientIp", true);
            b.listener("a-80", lb, 80, tg);
            b.attach("far-att", tg, "10.2.0.10", 80);
            assert.match(one(b, { from: pods("c6"), to: nlbTo("a-nlb"), family: "ipv4", port: 80 }).drop!, /target group far-tg preserves the client IP, but IP target 10\.2\.0\.10 \(instance i-web, web\) is outside a-nlb's VPC vpc-a/);
        });
        it("IPv6 target groups take only ip targets and only TCP or TLS listeners", () => {
            const b = peered();
            const lb = b.nlb("v6-nlb", ["subnet-b0"], { crossZone: true, ipAddressType: "dualstack" });
            const tg = b.targetGroup("v6-tg", { family: "ipv6", targetType: "instance", port: 80 });
            b.listener("v6-80", lb, 80, tg);
            b.attach("v6-att", tg, "i-web", 80);
            const flow6 = { from: pods("c6"), to: nlbTo("v6-nlb"), family: "ipv6" as const, port: 80 };
            assert.match(one(b, flow6).drop!, /target group v6-tg is IPv6 with instance targets: AWS accepts only ip targets in IPv6 target groups/);
            b.set(T.targetGroup, "v6-tg", "targetType", "ip").set(T.tgAttachment, "v6-att", "targetId", "2001:db8:0:200::a");
            b.ingress("web-from-v6-nlb", "sg-web", 80, "2001:db8:0:200::/64");
            assert.strictEqual(one(b, flow6).status, "proven", one(b, flow6).drop);
            b.set(T.listener, "v6-80", "protocol", "TCP_UDP");
            assert.match(one(b, flow6).drop!, /listener v6-80 is TCP_UDP: IPv6 target group v6-tg serves only TCP and TLS listeners/);
        });
    });
});

describe("engine/reachability: issue 12's model parts", () => {
    it("a null entry in inline routes, rules and NACL entries is skipped, and the flows section still answers", () => {
        const b = peered();
        b.add(T.routeTable, "nully", { vpcId: "vpc-a", routes: [null, { cidrBlock: "10.99.0.0/16", gatewayId: null }, 7] }, { id: "rtb-nully" });
        b.add(T.securityGroup, "nully-sg", { vpcId: "vpc-a", ingress: [null], egress: [null, { protocol: "-1", cidrBlocks: [null, "0.0.0.0/0"] }] }, { id: "sg-nully" });
        b.add(T.nacl, "nully-acl", { subnetIds: [], ingress: [null], egress: null }, { id: "acl-nully" });
        b.add(T.lb, "nully-nlb", { loadBalancerType: "network", subnetMappings: [null], subnets: ["subnet-b0"] }, { id: "arn:nlb/nully" });
        b.add(T.listener, "nully-l", { loadBalancerArn: "arn:nlb/nully", port: 80, protocol: "TCP", defaultActions: [null, { type: "forward", forward: { targetGroups: [null] } }] });
        b.flow({ from: pods("c6"), to: inst("web"), family: "ipv6", port: 80, expect: "allow" });
        const s = flowsSection(b.graph());
        assert.strictEqual(s.ok, true, s.lines.join("\n"));
        assert.match(s.title, /1 of 1 hold/);
    });

    describe("new flow endpoint kinds: internet (per family), cidr, aws-service", () => {
        /** A private subnet (pods, a function) behind a public NAT gateway for IPv4 and an egress-only gateway for IPv6. */
        function edge(): NetBuilder {
            const b = new NetBuilder();
            const v = b.vpc("e", "10.7.0.0/16", "2001:db8:0:700::/56");
            b.subnet("priv", v, "us-west-2a", "10.7.0.0/24", "2001:db8:0:700::/64");
            b.subnet("pub", v, "us-west-2a", "10.7.100.0/24", "2001:db8:0:7ff::/64");
            b.routeTable("priv", v, ["subnet-priv"]);
            b.routeTable("pub", v, ["subnet-pub"]);
            b.add(T.igw, "igw", { vpcId: v }, { id: "igw-e" });
            b.add(T.eigw, "eigw", { vpcId: v }, { id: "eigw-e" });
            b.add(T.nat, "nat", { subnetId: "subnet-pub", privateIp: "10.7.100.5", connectivityType: "public" }, { id: "nat-e" });
            b.route("priv-v4", "rtb-priv", "0.0.0.0/0", { natGatewayId: "nat-e" });
            b.route("priv-v6", "rtb-priv", "::/0", { egressOnlyGatewayId: "eigw-e" });
            b.route("pub-v4", "rtb-pub", "0.0.0.0/0", { gatewayId: "igw-e" });
            b.route("pub-v6", "rtb-pub", "::/0", { gatewayId: "igw-e" });
            const nodes = b.sg("nodes", v);
            b.egress("nodes-v4", nodes, "all", "0.0.0.0/0");
            b.egress("nodes-v6", nodes, "all", "::/0");
            b.cluster("c6", { ipFamily: "ipv6", subnets: ["subnet-priv"], sgs: [nodes] });
            b.lambda("fn", ["subnet-priv"], [nodes], true);
            return b;
        }
        const internet: FlowEndpoint = { kind: "internet" };
        it("the internet per family: IPv6 through the egress-only gateway, IPv4 through v4if0 SNAT, the NAT gateway and the internet gateway", () => {
            const f6 = one(edge(), { from: pods("c6"), to: internet, family: "ipv6", port: 443 });
            assert.strictEqual(f6.status, "proven", f6.drop);
            assert.match(path(f6), /egress-only internet gateway eigw-e delivers to the IPv6 internet \(::\/0\)/);
            const f4 = one(edge(), { from: pods("c6"), to: internet, family: "ipv4", port: 443 });
            assert.strictEqual(f4.status, "proven", f4.drop);
            assert.match(path(f4), /SNAT v4if0 .*NAT gateway nat-e .*SNAT 10\.7\.0\.0\/24 -> 10\.7\.100\.5\/32.*internet gateway igw-e delivers to the IPv4 internet/s);
            // A function routed straight to the internet gateway has no public IPv4 (VPC user guide, internet gateways).
            const b = edge().remove(T.route, "priv-v4");
            b.route("priv-igw", "rtb-priv", "0.0.0.0/0", { gatewayId: "igw-e" });
            assert.match(one(b, { from: fn("fn"), to: internet, family: "ipv4", port: 443 }).drop!, /sends 0\.0\.0\.0\/0 to the internet gateway igw-e, but the source 10\.7\.0\.0\/24 has no public IPv4 address/);
            // A private NAT gateway's traffic is dropped at the internet gateway.
            const p = edge().set(T.nat, "nat", "connectivityType", "private");
            assert.match(one(p, { from: fn("fn"), to: internet, family: "ipv4", port: 443 }).drop!, /the source 10\.7\.100\.5\/32 has no public IPv4 address/);
        });
        it("a plain CIDR: inside a subnet like an interface there, outside every VPC through the gateway that routes it, undecided behind targets the model does not follow", () => {
            const b = edge();
            b.subnet("db", "vpc-e", "us-west-2a", "10.7.5.0/24");
            b.add(T.rtAssoc, "db-assoc", { routeTableId: "rtb-priv", subnetId: "subnet-db" });
            const inVpc = one(b, { from: fn("fn"), to: { kind: "cidr", cidr: "10.7.5.0/28" }, family: "ipv4", port: 5432 });
            assert.strictEqual(inVpc.status, "proven", inVpc.drop);
            assert.match(path(inVpc), /arrives at 10\.7\.5\.0\/28 in subnet subnet-db/);
            const pub = one(b, { from: fn("fn"), to: { kind: "cidr", cidr: "198.51.100.0/24" }, family: "ipv4", port: 443 });
            assert.strictEqual(pub.status, "proven", pub.drop);
            b.route("priv-onprem", "rtb-priv", "192.168.0.0/16", { gatewayId: "vgw-onprem" });
            const onprem = one(b, { from: fn("fn"), to: { kind: "cidr", cidr: "192.168.10.0/24" }, family: "ipv4", port: 443 });
            assert.strictEqual(onprem.status, "unknown");
            assert.match(onprem.drop!, /undecided: .* sends 192\.168\.10\.0\/24 to vgw-onprem, a target the model does not follow/);
            assert.match(one(b, { from: fn("fn"), to: { kind: "cidr", cidr: "10.7.0.0/16" }, family: "ipv4", port: 443 }).drop!, /spans several subnets/);
            assert.match(one(b, { from: fn("fn"), to: { kind: "cidr", cidr: "10.7.5.0/28" }, family: "ipv6", port: 443 }).drop!, /cidr 10\.7\.5\.0\/28 is ipv4, but the flow's family is ipv6/);
        });
        it("aws-service: an IPv4-only endpoint from IPv6 pods through v4if0 SNAT; a dual-stack one over IPv6; an interface endpoint with private DNS answers first", () => {
            const s3v4 = { kind: "aws-service" as const, service: "sts", dualStack: false };
            const f4 = one(edge(), { from: pods("c6"), to: s3v4, family: "ipv4", port: 443 });
            assert.strictEqual(f4.status, "proven", f4.drop);
            assert.match(path(f4), /SNAT v4if0 .*arrives at AWS service sts \(public IPv4-only endpoint\)/s);
            assert.match(one(edge(), { from: pods("c6"), to: s3v4, family: "ipv6", port: 443 }).drop!, /AWS service sts's endpoint is IPv4-only: its name has no AAAA record/);
            const f6 = one(edge(), { from: pods("c6"), to: { ...s3v4, dualStack: true }, family: "ipv6", port: 443 });
            assert.strictEqual(f6.status, "proven", f6.drop);
            assert.match(path(f6), /egress-only internet gateway eigw-e delivers to AWS service sts \(public dual-stack endpoint\)/);
            const b = edge();
            const epSg = b.sg("ep", "vpc-e");
            b.ingress("ep-in", epSg, 443, "10.7.0.0/16");
            b.add(T.endpoint, "sts", { vpcEndpointType: "Interface", serviceName: "com.amazonaws.us-west-2.sts", vpcId: "vpc-e", subnetIds: ["subnet-priv"], securityGroupIds: [epSg], ipAddressType: "ipv4", privateDnsEnabled: true, state: "available" }, { id: "vpce-sts" });
            const viaEp = one(b, { from: pods("c6"), to: s3v4, family: "ipv4", port: 443 });
            assert.strictEqual(viaEp.status, "proven", viaEp.drop);
            assert.match(path(viaEp), /arrives at interface endpoint sts for sts \(private DNS\)/);
            b.remove(T.sgIngress, "ep-in");
            assert.match(one(b, { from: pods("c6"), to: s3v4, family: "ipv4", port: 443 }).drop!, /endpoint vpce-sts \(sts\) interface in subnet-priv \(private DNS of sts\): security group sg-ep \(ep\) .* admits tcp\/443 from nothing/);
        });
        it("the intent schema accepts the new kinds and keeps the old ones (policy pack flowProblem)", () => {
            const base = { name: "x", from: pods("c"), family: "ipv4", port: 443, expect: "allow" };
            assert.strictEqual(flowProblem({ ...base, to: { kind: "internet" } }), undefined);
            assert.strictEqual(flowProblem({ ...base, to: { kind: "cidr", cidr: "10.0.0.0/8" } }), undefined);
            assert.strictEqual(flowProblem({ ...base, to: { kind: "aws-service", service: "s3", dualStack: true } }), undefined);
            assert.strictEqual(flowProblem({ ...base, to: inst("web") }), undefined);
            assert.match(flowProblem({ ...base, to: { kind: "aws-service", service: "s3" } })!, /to\.dualStack must be true \(the service's dual-stack endpoint\) or false \(IPv4-only\)/);
            assert.match(flowProblem({ ...base, to: { kind: "cidr" } })!, /to\.cidr must name the cidr block/);
        });
    });
});
