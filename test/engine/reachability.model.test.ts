import * as assert from "assert";
import { analyzeGraph, type FlowResult } from "../../engine/reachability/analyze";
import { T } from "../../engine/reachability/model";
import { flowsSection } from "../../engine/reachability/section";
import type { FlowIntent } from "../../lib/intent";
import { NetBuilder, peeredVpcs, tgwHub } from "../helpers/netFixture";

function one(b: NetBuilder, flow: Omit<FlowIntent, "name" | "expect"> & { expect?: "allow" | "deny" }): FlowResult {
    const a = analyzeGraph(b.graph(), [{ name: "f", expect: "allow", ...flow }]);
    return a.flows[0];
}

const pods = (cluster: string) => ({ kind: "pods" as const, cluster });
const inst = (instance: string) => ({ kind: "instance" as const, instance });
const fn = (f: string) => ({ kind: "function" as const, function: f });

/**
 * Two dual-stack VPCs joined by a peering with routes of both families: an IPv6 cluster in A,
 * a dual-stack web instance in B admitting A's CIDRs of both families on tcp/80.
 */
function peered(): NetBuilder {
    return peeredVpcs(["b0"]);
}

describe("engine/reachability: model on synthetic graphs", () => {
    describe("routing: peering, longest prefix, local routes, return path", () => {
        it("proves IPv6 pods to a peered dual-stack instance over IPv6, from every node subnet", () => {
            const f = one(peered(), { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.deepStrictEqual(f.placements, { total: 2, reached: 2 });
            assert.ok(f.path!.some((h) => h.includes("pcx-ab")), f.path!.join("\n"));
            assert.ok(f.path!.some((h) => h.includes("web-in-v6")));
        });

        it("proves the IPv4 flow through the CNI's SNAT to the node's IPv4", () => {
            const f = one(peered(), { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.match(f.path![0], /SNAT v4if0 169\.254\.172\.0\/22 -> node primary IPv4 in 10\.1\.0\.0\/24/);
        });

        it("a missing forward route drops at the source route table, naming the destination", () => {
            const f = one(peered().remove(T.route, "a-to-b-v6"), { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 });
            assert.strictEqual(f.status, "blocked");
            assert.match(f.drop!, /route table rtb-a \(a\) of subnet subnet-a0 .* has no route for 2001:db8:0:200::a\/128/);
        });

        it("a missing return route drops the reply, while the other family still works", () => {
            const b = peered().remove(T.route, "b-to-a-v6");
            const f6 = one(b, { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 });
            assert.strictEqual(f6.status, "blocked");
            assert.match(f6.drop!, /reply from instance web to 2001:db8:0:100::\/64 cannot return: route table rtb-b \(b\) .* has no route for 2001:db8:0:100::\/64/);
            assert.strictEqual(one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 }).status, "proven");
        });

        it("peering does not route transitively: a third VPC behind B stays unreachable from A", () => {
            const b = peered();
            const c = b.vpc("c", "10.3.0.0/16");
            b.subnet("c0", c, "us-west-2a", "10.3.0.0/24");
            b.routeTable("c", c, ["subnet-c0"]);
            const pcx = b.peering("bc", "vpc-b", c);
            b.route("a-to-c", "rtb-a", "10.3.0.0/16", { vpcPeeringConnectionId: "pcx-ab" });
            b.route("c-to-b", "rtb-c", "10.1.0.0/16", { vpcPeeringConnectionId: pcx });
            const sg = b.sg("far", c);
            b.ingress("far-in", sg, 80, "0.0.0.0/0");
            b.instance("far", "subnet-c0", [sg], "10.3.0.10");
            const f = one(b, { from: pods("c6"), to: inst("far"), family: "ipv4", port: 80 });
            assert.strictEqual(f.status, "blocked");
            assert.match(f.drop!, /peering pcx-ab \(ab\) does not route transitively: 10\.3\.0\.10\/32 is not in b's ipv4 CIDRs \(10\.2\.0\.0\/16\)/);
        });

        it("an inactive peering drops", () => {
            const b = peered().set(T.peering, "ab", "acceptStatus", "pending-acceptance").set(T.peering, "ab", "autoAccept", false);
            assert.match(one(b, { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 }).drop!, /peering pcx-ab \(ab\) is not active/);
        });

        it("the longest prefix wins: a more specific route to a missing target is a blackhole", () => {
            const b = peered();
            b.route("a-to-b0-stale", "rtb-a", "10.2.0.0/24", { vpcPeeringConnectionId: "pcx-deleted" });
            const f = one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 });
            assert.match(f.drop!, /10\.2\.0\.0\/24 to pcx-deleted, which is not in the graph \(a blackhole route\)/);
            // A more specific route elsewhere does not capture other addresses of the /16.
            b.remove(T.route, "a-to-b0-stale");
            b.route("a-to-b9", "rtb-a", "10.2.9.0/24", { vpcPeeringConnectionId: "pcx-deleted" });
            assert.strictEqual(one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 }).status, "proven");
        });

        it("the local route covers both VPC CIDRs without any declared route; internet routes do not reach private peers", () => {
            const b = peered();
            const sg = b.sg("near", "vpc-a");
            b.ingress("near-in", sg, 80, "2001:db8:0:100::/56");
            b.instance("near", "subnet-a1", [sg], "10.1.1.10", "2001:db8:0:101::a");
            const f = one(b, { from: pods("c6"), to: inst("near"), family: "ipv6", port: 80 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.ok(f.path!.some((h) => /2001:db8:0:100::\/56 -> local/.test(h)));
            b.remove(T.route, "a-to-b-v6");
            b.route("a-default-v6", "rtb-a", "::/0", { egressOnlyGatewayId: "eigw-a" });
            assert.match(one(b, { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 }).drop!, /to the egress-only internet gateway eigw-a/);
        });

        it("a subnet without an explicit association uses its VPC's main route table", () => {
            const b = peered();
            b.subnet("a2", "vpc-a", "us-west-2c", "10.1.2.0/24", "2001:db8:0:102::/64");
            b.cluster("c6b", { ipFamily: "ipv6", subnets: ["subnet-a2"], sgs: ["sg-nodes"] });
            const f = one(b, { from: pods("c6b"), to: inst("web"), family: "ipv6", port: 80 });
            assert.match(f.drop!, /route table rtb-a-main \(main route table of a\) of subnet subnet-a2 .* has no route for 2001:db8:0:200::a\/128/);
        });
    });

    describe("security groups and network ACLs", () => {
        it("names the group, the port, what it admits and the source it refused", () => {
            const f = one(peered().remove(T.sgIngress, "web-in-v6"), { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 });
            assert.match(f.drop!, /security group sg-web \(web\) of instance web admits tcp\/80 only from 10\.1\.0\.0\/16, not 2001:db8:0:100::\/64/);
        });

        it("checks egress too; the EKS cluster security group's default rules count (::/0 egress on an IPv6 cluster)", () => {
            // The node SG loses its IPv6 egress: the cluster SG's default ::/0 egress still carries it.
            const f = one(peered().remove(T.sgEgress, "nodes-out-v6"), { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.ok(f.path!.some((h) => /EKS default rule of the cluster security group of c6/.test(h)), f.path!.join("\n"));
            // IPv4 egress of an IPv6 cluster has no such default (pulumi-eks#1700 in reverse): the node SG must carry it.
            const f4 = one(peered().remove(T.sgEgress, "nodes-out-v4"), { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 });
            assert.match(f4.drop!, /security group sg-c6-cluster \(EKS cluster security group of c6\), sg-nodes \(nodes\) of pods of c6 .* allows egress on tcp\/80 only to ::\/0, members of sg-c6-cluster, not 10\.2\.0\.10\/32/);
        });

        it("the wrong port is refused; group references match members only", () => {
            assert.match(one(peered(), { from: pods("c6"), to: inst("web"), family: "ipv6", port: 443 }).drop!, /admits tcp\/443 from nothing/);
            const b = peered();
            b.ingress("web-from-nodes", "sg-web", 8080, "sg-nodes");
            assert.strictEqual(one(b, { from: pods("c6"), to: inst("web"), family: "ipv6", port: 8080 }).status, "proven");
            b.cluster("other", { ipFamily: "ipv6", subnets: ["subnet-a0"], sgs: ["sg-other"] });
            b.egress("other-out", b.sg("other", "vpc-a"), "all", "::/0");
            assert.match(one(b, { from: pods("other"), to: inst("web"), family: "ipv6", port: 8080 }).drop!, /only from members of sg-nodes/);
        });

        it("security groups are stateful, network ACLs are not: a NACL without ephemeral egress drops the reply", () => {
            const b = peered();
            b.add(T.nacl, "b-acl", {
                subnetIds: ["subnet-b0"],
                ingress: [{ ruleNo: 100, protocol: "tcp", action: "allow", cidrBlock: "10.1.0.0/16", fromPort: 80, toPort: 80 }],
                egress: [],
            }, { id: "acl-b" });
            const f = one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 });
            assert.match(f.drop!, /cannot return: network ACL acl-b \(b-acl\) has no egress rule allowing 10\.1\.0\.0\/24 on tcp\/1024-65535/);
            // Its IPv6 has no NACL entry at all: the implicit deny drops it on the way in.
            assert.match(one(b, { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 }).drop!, /network ACL acl-b .* no ingress rule allowing 2001:db8:0:100::\/64 on tcp\/80/);
            b.set(T.nacl, "b-acl", "egress", [{ ruleNo: 100, protocol: "tcp", action: "allow", cidrBlock: "0.0.0.0/0", fromPort: 1024, toPort: 65535 }]);
            assert.strictEqual(one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 }).status, "proven");
            b.set(T.nacl, "b-acl", "ingress", [
                { ruleNo: 90, protocol: "-1", action: "deny", cidrBlock: "10.1.0.0/16" },
                { ruleNo: 100, protocol: "tcp", action: "allow", cidrBlock: "10.1.0.0/16", fromPort: 80, toPort: 80 },
            ]);
            assert.match(one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 }).drop!, /rule 90 denies ingress from 10\.1\.0\.0\/16/);
        });
    });

    describe("default network ACL", () => {
        it("a managed default NACL applies to every subnet of its VPC without another NACL", () => {
            const b = peered();
            b.resources.find((r) => r.type === T.vpc && r.name === "b")!.outputs.defaultNetworkAclId = "acl-b-default";
            b.add(T.defaultNacl, "b-default", {
                defaultNetworkAclId: "acl-b-default",
                ingress: [{ ruleNo: 100, protocol: "tcp", action: "allow", cidrBlock: "10.1.0.0/16", fromPort: 80, toPort: 80 }],
                egress: [{ ruleNo: 100, protocol: "tcp", action: "allow", cidrBlock: "10.1.0.0/16", fromPort: 1024, toPort: 65535 }],
            }, { id: "acl-b-default" });
            assert.strictEqual(one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 }).status, "proven");
            assert.match(one(b, { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 }).drop!, /network ACL acl-b-default \(b-default\) has no ingress rule allowing 2001:db8:0:100::\/64/);
        });
    });

    describe("EKS pods", () => {
        it("ENABLE_V4_EGRESS=false takes IPv4 egress away from IPv6 pods", () => {
            const b = peered();
            b.set(T.addon, "c6-vpc-cni", "configurationValues", JSON.stringify({ env: { ENABLE_V4_EGRESS: "false" } }));
            assert.match(one(b, { from: pods("c6"), to: inst("web"), family: "ipv4", port: 80 }).drop!, /ENABLE_V4_EGRESS=false/);
            assert.strictEqual(one(b, { from: pods("c6"), to: inst("web"), family: "ipv6", port: 80 }).status, "proven");
        });

        it("IPv4 pods egress IPv6 only with v6 egress in env and init.env and a node IPv6", () => {
            const b = peered();
            const sg = b.sg("n4", "vpc-b");
            b.egress("n4-out", sg, "all", "::/0");
            b.subnet("b1", "vpc-b", "us-west-2a", "10.2.1.0/24", "2001:db8:0:201::/64");
            b.add(T.rtAssoc, "b1-assoc", { routeTableId: "rtb-b", subnetId: "subnet-b1" });
            b.cluster("c4", { ipFamily: "ipv4", subnets: ["subnet-b1"], sgs: [sg] });
            b.ingress("nodes-in", "sg-nodes", 8080, "2001:db8:0:200::/56");
            const flow = { from: pods("c4"), to: pods("c6"), family: "ipv6" as const, port: 8080 };
            assert.match(one(b, flow).drop!, /IPv4 cluster c4 has no IPv6 egress: vpc-cni configurationValues does not set ENABLE_V6_EGRESS/);
            b.set(T.addon, "c4-vpc-cni", "configurationValues", JSON.stringify({ env: { ENABLE_V6_EGRESS: "true" } }));
            assert.match(one(b, flow).drop!, /only in env; the CNI needs it in both \(amazon-vpc-cni-k8s#3124\)/);
            b.set(T.addon, "c4-vpc-cni", "configurationValues", JSON.stringify({ env: { ENABLE_V6_EGRESS: "true" }, init: { env: { ENABLE_V6_EGRESS: "true" } } }));
            const ok = one(b, flow);
            assert.strictEqual(ok.status, "proven", ok.drop);
            assert.match(ok.path![0], /SNAT v6if0 fd00::ac:00\/118 -> node IPv6 in 2001:db8:0:201::\/64/);
            b.set(T.subnet, "b1", "assignIpv6AddressOnCreation", false);
            assert.match(one(b, flow).drop!, /does not assign IPv6 on creation/);
            // The reverse direction never works: v6if0 is egress-only.
            assert.match(one(b, { from: pods("c6"), to: pods("c4"), family: "ipv6", port: 8080 }).drop!, /pods of IPv4 cluster c4 have no IPv6 address others can reach/);
        });

        it("ClusterIPs never leave their cluster", () => {
            const b = peered();
            b.cluster("c6b", { ipFamily: "ipv6", subnets: ["subnet-b0"], sgs: ["sg-web"] });
            assert.match(one(b, { from: pods("c6b"), to: { kind: "clusterIP", cluster: "c6" }, family: "ipv6", port: 80 }).drop!, /exists only on c6's nodes/);
            assert.strictEqual(one(b, { from: pods("c6"), to: { kind: "clusterIP", cluster: "c6" }, family: "ipv6", port: 80 }).status, "proven");
        });
    });

    describe("NAT gateways and NAT64", () => {
        function nat64(): NetBuilder {
            const b = peered();
            b.subnet("a-pub", "vpc-a", "us-west-2a", "10.1.100.0/24", "2001:db8:0:1ff::/64");
            b.routeTable("a-pub", "vpc-a", ["subnet-a-pub"]);
            b.add(T.nat, "nat-a", { subnetId: "subnet-a-pub", privateIp: "10.1.100.5", connectivityType: "public" }, { id: "nat-a" });
            b.route("a-pub-to-b", "rtb-a-pub", "10.2.0.0/16", { vpcPeeringConnectionId: "pcx-ab" });
            b.subnet("a6", "vpc-a", "us-west-2a", undefined, "2001:db8:0:1a0::/64", { ipv6Native: true, enableDns64: true });
            b.routeTable("a6", "vpc-a", ["subnet-a6"]);
            b.route("a6-nat64", "rtb-a6", "64:ff9b::/96", { natGatewayId: "nat-a" });
            const sg = b.sg("fn", "vpc-a");
            b.egress("fn-out", sg, "all", "::/0");
            b.lambda("v6fn", ["subnet-a6"], [sg], true);
            const legacy = b.sg("legacy", "vpc-b");
            b.ingress("legacy-in", legacy, 80, "10.1.0.0/16");
            b.instance("legacy", "subnet-b0", [legacy], "10.2.0.20");
            return b;
        }

        it("an IPv6-only client reaches an IPv4-only peer through DNS64 and the NAT gateway's NAT64", () => {
            const f = one(nat64(), { from: fn("v6fn"), to: inst("legacy"), family: "ipv6", port: 80 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.ok(f.path!.some((h) => /DNS64 .* 64:ff9b::a02:14\/128/.test(h)), f.path!.join("\n"));
            assert.ok(f.path!.some((h) => /NAT64 2001:db8:0:1a0::\/64 -> 10\.1\.100\.5\/32, 64:ff9b::a02:14\/128 -> 10\.2\.0\.20\/32/.test(h)), f.path!.join("\n"));
        });

        it("without the 64:ff9b::/96 route the synthesized address has nowhere to go", () => {
            const f = one(nat64().remove(T.route, "a6-nat64"), { from: fn("v6fn"), to: inst("legacy"), family: "ipv6", port: 80 });
            assert.match(f.drop!, /route table rtb-a6 .* has no route for 64:ff9b::a02:14\/128/);
        });

        it("without DNS64 on the subnet there is no AAAA for an IPv4-only name", () => {
            const f = one(nat64().set(T.subnet, "a6", "enableDns64", false), { from: fn("v6fn"), to: inst("legacy"), family: "ipv6", port: 80 });
            assert.match(f.drop!, /instance legacy has no ipv6 address/);
        });

        it("the reasons name what is missing: DNS64 on the client's subnet, or the NAT64 route", () => {
            const noDns64 = one(nat64().set(T.subnet, "a6", "enableDns64", false), { from: fn("v6fn"), to: inst("legacy"), family: "ipv6", port: 80 });
            assert.strictEqual(noDns64.status, "blocked");
            assert.match(noDns64.drop!, /DNS64 is off in the client's subnet subnet-a6 \(a6, us-west-2a\) \(enableDns64 false\), so the resolver synthesizes no 64:ff9b::\/96 AAAA for it and the IPv6-only client has no IPv4 to use instead/);
            const noRoute = one(nat64().remove(T.route, "a6-nat64"), { from: fn("v6fn"), to: inst("legacy"), family: "ipv6", port: 80 });
            assert.strictEqual(noRoute.status, "blocked");
            assert.match(noRoute.drop!, /nothing translated the DNS64 address: the route table of the client's subnet subnet-a6 .* needs a 64:ff9b::\/96 route to a NAT gateway \(NAT64\)/);
        });

        it("the NAT64 route to something other than a NAT gateway (an egress-only gateway) is named too", () => {
            const b = nat64().remove(T.route, "a6-nat64");
            b.add(T.eigw, "eigw-a", { vpcId: "vpc-a" }, { id: "eigw-a" });
            b.route("a6-default", "rtb-a6", "::/0", { egressOnlyGatewayId: "eigw-a" });
            const f = one(b, { from: fn("v6fn"), to: inst("legacy"), family: "ipv6", port: 80 });
            assert.match(f.drop!, /egress-only internet gateway eigw-a .*; nothing translated the DNS64 address/);
        });

        it("once NAT64 translated, a drop further on carries no NAT64 hint (the far side's rules decide)", () => {
            const b = nat64();
            b.remove(T.sgIngress, "legacy-in");
            const f = one(b, { from: fn("v6fn"), to: inst("legacy"), family: "ipv6", port: 80 });
            assert.strictEqual(f.status, "blocked");
            assert.match(f.drop!, /security group .*legacy.* from nothing|admits tcp\/80 from nothing/);
            assert.doesNotMatch(f.drop!, /nothing translated/);
        });
    });
});

const hub = () => tgwHub(["subnet-x0", "subnet-x1"]);

describe("engine/reachability: transit gateway", () => {
    const flow = (family: "ipv4" | "ipv6") => ({ from: fn("client"), to: inst("server"), family, port: 443 });

    it("proves both families through the default route table, with propagated routes", () => {
        for (const family of ["ipv4", "ipv6"] as const) {
            const f = one(hub(), flow(family));
            assert.strictEqual(f.status, "proven", f.drop);
            assert.ok(f.path!.some((h) => /transit gateway tgw-hub .* \(propagated from y\)/.test(h)), f.path!.join("\n"));
        }
    });

    // EC2 API reference, CreateTransitGatewayVpcAttachmentRequestOptions.Ipv6Support: "When disabled,
    // ... IPv6 routes do not propagate. The setting does not filter IPv6 traffic."
    it("ipv6Support disable stops the attachment's IPv6 CIDR from propagating but does not filter IPv6 (EC2 API reference, Ipv6Support)", () => {
        const b = hub().set(T.tgwAttachment, "y", "ipv6Support", "disable");
        assert.match(one(b, flow("ipv6")).drop!, /transit gateway route table tgw-rtb-hub .* has no route for 2001:db8:0:b01::a\/128 \(IPv6 CIDRs propagate only from attachments with ipv6Support enable\)/);
        assert.strictEqual(one(b, flow("ipv4")).status, "proven");
        const b2 = hub().set(T.tgwAttachment, "x", "ipv6Support", "disable");
        // x's /56 no longer propagates: the reply from y finds no route back.
        assert.match(one(b2, flow("ipv6")).drop!, /reply from instance server to 2001:db8:0:a0[01]::\/64 cannot return: transit gateway route table tgw-rtb-hub .* has no route for 2001:db8:0:a0[01]::\/64/);
        // A static IPv6 route to x's attachment carries it anyway: the setting filters nothing.
        b2.add(T.tgwRoute, "back-to-x-v6", { transitGatewayRouteTableId: "tgw-rtb-hub", destinationCidrBlock: "2001:db8:0:a00::/56", transitGatewayAttachmentId: "tgw-attach-x" });
        const f = one(b2, flow("ipv6"));
        assert.strictEqual(f.status, "proven", f.drop);
        assert.ok(f.path!.some((h) => /attachment tgw-attach-x \(x\) has ipv6Support disable: no IPv6 route propagates from it, but it does not filter IPv6 traffic/.test(h)), f.path!.join("\n"));
    });

    it("a VPC route to the TGW works only in AZs with an attachment subnet", () => {
        const f = one(hub().set(T.tgwAttachment, "x", "subnetIds", ["subnet-x0"]), flow("ipv4"));
        assert.strictEqual(f.status, "partial");
        assert.match(f.drop!, /subnet subnet-x1 \(x1, us-west-2b\) routes 10\.20\.0\.0\/16 to tgw-hub, but attachment tgw-attach-x \(x\) has no subnet in us-west-2b/);
    });

    it("without association there is no TGW route table; a static blackhole beats a propagated route", () => {
        const f = one(hub().set(T.tgwAttachment, "x", "transitGatewayDefaultRouteTableAssociation", false), flow("ipv4"));
        assert.match(f.drop!, /attachment tgw-attach-x \(x\) is associated with no transit gateway route table/);
        const b = hub();
        b.add(T.tgwRoute, "drop-y", { transitGatewayRouteTableId: "tgw-rtb-hub", destinationCidrBlock: "10.20.0.0/16", blackhole: true });
        assert.match(one(b, flow("ipv4")).drop!, /10\.20\.0\.0\/16 is a blackhole \(drop-y\)/);
        assert.strictEqual(one(b, flow("ipv6")).status, "proven");
    });

    it("security group references cross the TGW only with securityGroupReferencingSupport enabled", () => {
        const b = hub().remove(T.sgIngress, "srv-v4");
        b.ingress("srv-from-fn", "sg-srv", 443, "sg-fn");
        const f = one(b, flow("ipv4"));
        assert.match(f.drop!, /security group sg-srv \(srv\) of instance server admits tcp\/443 only from 2001:db8:0:a00::\/56, members of sg-fn, not 10\.10\.[01]\.0\/24/);
        assert.ok(f.dropPath!.some((h) => /security group references do not cross tgw-hub/.test(h)));
        b.set(T.tgw, "hub", "securityGroupReferencingSupport", "enable");
        assert.strictEqual(one(b, flow("ipv4")).status, "proven");
        b.set(T.tgwAttachment, "y", "securityGroupReferencingSupport", "disable");
        assert.strictEqual(one(b, flow("ipv4")).status, "blocked");
    });

    it("checks the return path through the TGW", () => {
        const f = one(hub().remove(T.route, "y-x-v6"), flow("ipv6"));
        assert.match(f.drop!, /cannot return: route table rtb-y .* has no route for 2001:db8:0:a0[01]::\/64/);
    });
});

/**
 * PrivateLink: provider VPC P with an IPv6 cluster behind a dual-stack NLB (IPv6 IP target group
 * filled by a TargetGroupBinding) and an endpoint service; consumer VPC Q with a dual-stack
 * interface endpoint and a Lambda client in both AZs.
 */
function privateLink(): NetBuilder {
    const b = new NetBuilder();
    const p = b.vpc("p", "10.5.0.0/16", "2001:db8:0:500::/56");
    const q = b.vpc("q", "10.6.0.0/16", "2001:db8:0:600::/56");
    b.subnet("p0", p, "us-west-2a", "10.5.0.0/24", "2001:db8:0:500::/64");
    b.subnet("p1", p, "us-west-2b", "10.5.1.0/24", "2001:db8:0:501::/64");
    b.subnet("q0", q, "us-west-2a", "10.6.0.0/24", "2001:db8:0:600::/64");
    b.subnet("q1", q, "us-west-2b", "10.6.1.0/24", "2001:db8:0:601::/64");
    b.routeTable("p", p, ["subnet-p0", "subnet-p1"]);
    b.routeTable("q", q, ["subnet-q0", "subnet-q1"]);
    const nodes = b.sg("pnodes", p);
    const nlbSg = b.sg("pnlb", p);
    const { providerRef } = b.cluster("svc", { ipFamily: "ipv6", subnets: ["subnet-p0", "subnet-p1"], sgs: [nodes] });
    b.ingress("pnodes-from-nlb", nodes, 8080, nlbSg);
    b.ingress("pnlb-v4", nlbSg, 80, "10.6.0.0/16");
    b.ingress("pnlb-v6", nlbSg, 80, "2001:db8:0:600::/56");
    b.egress("pnlb-out", nlbSg, 8080, nodes);
    const nlb = b.nlb("svc-nlb", ["subnet-p0", "subnet-p1"], { ipAddressType: "dualstack", sgs: [nlbSg], crossZone: true });
    const tg = b.targetGroup("svc-tg", { family: "ipv6", targetType: "ip", port: 8080 });
    b.listener("svc-tcp", nlb, 80, tg);
    b.targetGroupBinding("svc-tgb", providerRef, tg, "echo", 8080);
    const svc = b.endpointService("svc", nlb, ["ipv4", "ipv6"]);
    const epSg = b.sg("ep", q);
    b.ingress("ep-v4", epSg, 80, "10.6.0.0/16");
    b.ingress("ep-v6", epSg, 80, "2001:db8:0:600::/56");
    b.endpoint("ep", svc, q, ["subnet-q0", "subnet-q1"], [epSg], "dualstack", "dualstack");
    const fsg = b.sg("qfn", q);
    b.egress("qfn-v4", fsg, 80, "10.6.0.0/16");
    b.egress("qfn-v6", fsg, 80, "2001:db8:0:600::/56");
    b.lambda("consumer", ["subnet-q0", "subnet-q1"], [fsg], true);
    return b;
}

describe("engine/reachability: NLB and PrivateLink", () => {
    const flow = (family: "ipv4" | "ipv6") => ({ from: fn("consumer"), to: { kind: "endpoint" as const, endpoint: "ep" }, family, port: 80 });

    it("both families reach the IPv6 pods behind the TargetGroupBinding, translated by the NLB", () => {
        for (const family of ["ipv4", "ipv6"] as const) {
            const f = one(privateLink(), flow(family));
            assert.strictEqual(f.status, "proven", f.drop);
            assert.ok(f.path!.some((h) => /target group svc-tg \(ipv6, ip targets\): source becomes the NLB address in 2001:db8:0:50[01]::\/64/.test(h)), f.path!.join("\n"));
            assert.ok(f.path!.some((h) => /pods of svc .*svc-tgb \(TargetGroupBinding, Service echo\)/.test(h)));
        }
    });

    it("endpoint IP address type and DNS record type decide the client family", () => {
        assert.match(one(privateLink().set(T.endpoint, "ep", "ipAddressType", "ipv4").set(T.endpoint, "ep", "dnsOptions", undefined), flow("ipv6")).drop!, /endpoint vpce-ep \(ep\) has ipAddressType ipv4: its interfaces have no ipv6 address/);
        assert.match(one(privateLink().set(T.endpoint, "ep", "dnsOptions", { dnsRecordIpType: "ipv4" }), flow("ipv6")).drop!, /dnsRecordIpType ipv4: its DNS name has no AAAA records/);
        assert.strictEqual(one(privateLink().set(T.endpoint, "ep", "dnsOptions", { dnsRecordIpType: "ipv4" }), flow("ipv4")).status, "proven");
    });

    it("the endpoint service must support the endpoint's families", () => {
        const f = one(privateLink().set(T.endpointService, "svc", "supportedIpAddressTypes", ["ipv4"]), flow("ipv4"));
        assert.match(f.drop!, /endpoint service vpce-svc-svc \(svc\) supports ipv4 only; endpoint ep \(ipAddressType dualstack\) needs ipv6/);
    });

    it("an IPv4-only NLB cannot hold the IPv6 target group", () => {
        const f = one(privateLink().set(T.lb, "svc-nlb", "ipAddressType", "ipv4"), flow("ipv4"));
        assert.match(f.drop!, /target group svc-tg is IPv6 but svc-nlb is ipAddressType ipv4/);
        assert.match(one(privateLink().set(T.lb, "svc-nlb", "ipAddressType", "ipv4"), flow("ipv6")).drop!, /PrivateLink IPv6 needs a dual-stack NLB/);
    });

    it("without cross-zone load balancing an NLB node serves only its own AZ's targets", () => {
        const b = privateLink().set(T.lb, "svc-nlb", "enableCrossZoneLoadBalancing", false).set(T.nodeGroup, "svc-nodes", "subnetIds", ["subnet-p0"]);
        const f = one(b, flow("ipv6"));
        assert.strictEqual(f.status, "partial");
        assert.match(f.drop!, /svc-nlb node in us-west-2b has no target of svc-tg in its AZ and cross-zone load balancing is off/);
    });

    it("target security groups must admit the NLB (client IP is not preserved for IP targets over TCP)", () => {
        const f = one(privateLink().remove(T.sgIngress, "pnodes-from-nlb"), flow("ipv6"));
        assert.match(f.drop!, /security group sg-svc-cluster \(EKS cluster security group of svc\), sg-pnodes \(pnodes\) of pods of svc .* admits tcp\/8080 only from members of sg-svc-cluster, not 2001:db8:0:50[01]::\/64/);
    });

    it("pods of an IPv4 cluster cannot fill an IPv6 target group; a function without IPv6 sends none", () => {
        const b = privateLink();
        const eks = b.resources.find((r) => r.type === T.eksComponent && r.name === "svc")!;
        eks.inputs.ipFamily = "ipv4";
        eks.outputs.ipFamily = "ipv4";
        assert.match(one(b, flow("ipv4")).drop!, /pods of ipv4 cluster svc have no ipv6 address for ipv6 target group svc-tg/);
        assert.match(one(privateLink().set(T.lambda, "consumer", "vpcConfig", { subnetIds: ["subnet-q0"], securityGroupIds: ["sg-qfn"], ipv6AllowedForDualStack: false }), flow("ipv6")).drop!, /ipv6AllowedForDualStack off/);
    });

    it("direct to the provider NLB (not through the endpoint), the consumer's egress rules refuse it first", () => {
        const f = one(privateLink(), { from: fn("consumer"), to: { kind: "nlb", loadBalancer: "svc-nlb" }, family: "ipv6", port: 80 });
        assert.strictEqual(f.status, "blocked");
        assert.match(f.drop!, /security group sg-qfn \(qfn\) .* allows egress on tcp\/80 only to 10\.6\.0\.0\/16, 2001:db8:0:600::\/56, not 2001:db8:0:50[01]::\/64/);
    });
    it("the NLB's security group checks PrivateLink traffic unless enforceSecurityGroupInboundRulesOnPrivateLinkTraffic is off", () => {
        const b = privateLink().remove(T.sgIngress, "pnlb-v6");
        const f = one(b, flow("ipv6"));
        assert.strictEqual(f.status, "blocked");
        assert.match(f.drop!, /: security group sg-pnlb \(pnlb\) of svc-nlb \(PrivateLink traffic, inbound rules enforced\) admits tcp\/80 only from 10\.6\.0\.0\/16, not 2001:db8:0:60[01]::\/64$/);
        assert.ok(!f.drop!.includes("PrivateLink:"), "the drop comes before the NLB hands the connection on");
        b.set(T.lb, "svc-nlb", "enforceSecurityGroupInboundRulesOnPrivateLinkTraffic", "off");
        const off = one(b, flow("ipv6"));
        assert.strictEqual(off.status, "proven", off.drop);
        assert.ok(!off.path!.some((h) => h.includes("inbound rules enforced")), off.path!.join("\n"));
        // With the rule in place the check is a hop of the path.
        assert.ok(one(privateLink(), flow("ipv6")).path!.some((h) => h.startsWith("security group sg-pnlb (pnlb) pnlb-v6: tcp/80 from 2001:db8:0:600::/56")));
    });

    it("an NLB of ipAddressType dualstack-without-public-ipv4 is dual-stack too", () => {
        const b = privateLink().set(T.lb, "svc-nlb", "ipAddressType", "dualstack-without-public-ipv4");
        assert.strictEqual(one(b, flow("ipv6")).status, "proven");
        // Direct to the NLB over IPv6 (its own AAAA records), from a client allowed to reach it.
        b.egress("qfn-p-v6", "sg-qfn", 80, "2001:db8:0:500::/56");
        b.peering("pq", "vpc-p", "vpc-q");
        b.route("q-p-v6", "rtb-q", "2001:db8:0:500::/56", { vpcPeeringConnectionId: "pcx-pq" });
        b.route("p-q-v6", "rtb-p", "2001:db8:0:600::/56", { vpcPeeringConnectionId: "pcx-pq" });
        const direct = one(b, { from: fn("consumer"), to: { kind: "nlb", loadBalancer: "svc-nlb" }, family: "ipv6", port: 80 });
        assert.strictEqual(direct.status, "proven", direct.drop);
    });

    it("PrivateLink picks the node in the endpoint's AZ, so cross-zone off there needs a target in that AZ (the target group's attribute named)", () => {
        const b = privateLink().set(T.nodeGroup, "svc-nodes", "subnetIds", ["subnet-p0"]).set(T.targetGroup, "svc-tg", "loadBalancingCrossZoneEnabled", "false");
        const f = one(b, flow("ipv4"));
        assert.deepStrictEqual([f.status, f.placements], ["partial", { total: 4, reached: 2 }]);
        assert.match(f.drop!, /: svc-nlb node in us-west-2b has no target of svc-tg in its AZ and cross-zone load balancing is off \(target group attribute\)$/);
        // Off on the load balancer (the target group leaving it to the NLB): the same drop, without the attribute note.
        const lb = privateLink().set(T.nodeGroup, "svc-nodes", "subnetIds", ["subnet-p0"]).set(T.lb, "svc-nlb", "enableCrossZoneLoadBalancing", false);
        assert.match(one(lb, flow("ipv4")).drop!, /: svc-nlb node in us-west-2b has no target of svc-tg in its AZ and cross-zone load balancing is off$/);
    });

    it("a service NLB without a node in the endpoint's AZ drops that placement and names the AZ", () => {
        const b = privateLink().set(T.lb, "svc-nlb", "subnets", ["subnet-p0"]);
        const f = one(b, flow("ipv4"));
        assert.strictEqual(f.status, "partial");
        assert.match(f.drop!, /endpoint service svc's svc-nlb has no node in us-west-2b, where endpoint vpce-ep \(ep\) interface in subnet-q1 is$/);
        // An endpoint whose service name matches no service in the graph says so.
        const lost = privateLink().set(T.endpoint, "ep", "serviceName", "com.amazonaws.vpce.us-west-2.vpce-svc-gone");
        assert.match(one(lost, flow("ipv4")).drop!, /endpoint ep's service com\.amazonaws\.vpce\.us-west-2\.vpce-svc-gone is not an endpoint service in the graph$/);
    });
});

describe("engine/reachability: unknown values (a preview before deploy)", () => {
    it("a flow that depends on an unknown value is undecided, not failed, and says which values", () => {
        const b = peered();
        b.set(T.route, "a-to-b-v6", "vpcPeeringConnectionId", "[unknown]");
        b.flow({ from: pods("c6"), to: inst("web"), family: "ipv6", port: 80, expect: "allow" });
        const s = flowsSection(b.graph());
        assert.strictEqual(s.ok, true);
        assert.match(s.title, /1 undecided: unknown values/);
        assert.match(s.lines.join("\n"), /UNKNOWN .*x dropped: undecided: 1 values are unknown until deploy \(a-to-b-v6\.vpcPeeringConnectionId\)/s);
        // With every value known, the same break fails the section.
        const known = peered().remove(T.route, "a-to-b-v6");
        known.flow({ from: pods("c6"), to: inst("web"), family: "ipv6", port: 80, expect: "allow" });
        assert.strictEqual(flowsSection(known.graph()).ok, false);
    });
});
