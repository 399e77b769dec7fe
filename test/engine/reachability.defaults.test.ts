/**
 * The documented defaults and the inline forms the reachability model reads (issue 20, from the
 * mutation report of engine/reachability): each default is pinned once with the property absent,
 * once with it set the other way, and where the provider records it as a string ("true"), that too.
 * The AWS source of each default is cited in engine/reachability/model.ts where it is applied.
 */
import * as assert from "assert";
import { analyzeGraph, type FlowResult } from "../../engine/reachability/analyze";
import { buildModel, routeTableOf, T } from "../../engine/reachability/model";
import type { FlowIntent } from "../../lib/intent";
import { clientLan, NetBuilder } from "../helpers/netFixture";

function one(b: NetBuilder, flow: Omit<FlowIntent, "name" | "expect"> & { expect?: "allow" | "deny" }): FlowResult {
    return analyzeGraph(b.graph(), [{ name: "f", expect: "allow", ...flow }]).flows[0];
}
const inst = (instance: string) => ({ kind: "instance" as const, instance });
const model = (b: NetBuilder) => buildModel(b.graph());

/** One VPC, two subnets, a client and a server instance; the server admits tcp/443 from the VPC. */
function lan(): NetBuilder {
    const { b, vpc: a, cli } = clientLan();
    b.instance("cli", "subnet-a0", [cli], "10.1.0.10", "2001:db8:1::10");
    const srv = b.sg("srv", a);
    b.ingress("srv-in-v4", srv, 443, "10.1.0.0/16");
    b.ingress("srv-in-v6", srv, 443, "2001:db8:1::/56");
    b.instance("srv", "subnet-a1", [srv], "10.1.1.10", "2001:db8:1:1::10");
    return b;
}
const web = (family: "ipv4" | "ipv6" = "ipv4", port = 443) => ({ from: inst("cli"), to: inst("srv"), family, port });

describe("engine/reachability: documented defaults and inline forms (issue 20)", () => {
    describe("subnets, gateways, peerings", () => {
        it("subnet flags default to false and read the provider's string booleans; a subnet without an AZ is '?'", () => {
            const b = new NetBuilder();
            b.add(T.subnet, "bare", { vpcId: "vpc-a", cidrBlock: "10.1.0.0/24" }, { id: "subnet-bare" });
            b.add(T.subnet, "on", { vpcId: "vpc-a", availabilityZoneId: "usw2-az1", cidrBlock: "10.1.1.0/24", enableDns64: "true", assignIpv6AddressOnCreation: true, mapPublicIpOnLaunch: "true" }, { id: "subnet-on" });
            b.add(T.subnet, "off", { vpcId: "vpc-a", availabilityZone: "us-west-2a", cidrBlock: "10.1.2.0/24", enableDns64: "false", assignIpv6AddressOnCreation: false, mapPublicIpOnLaunch: "yes" }, { id: "subnet-off" });
            const m = model(b);
            const flags = (id: string) => { const s = m.subnets.get(id)!; return [s.az, s.azId, s.dns64, s.assignIpv6, s.mapPublicIp]; };
            assert.deepStrictEqual(flags("subnet-bare"), ["?", undefined, false, false, false]);
            assert.deepStrictEqual(flags("subnet-on"), ["usw2-az1", "usw2-az1", true, true, true]);
            // Anything but true/"true" keeps the default (a typo does not turn a flag on).
            assert.deepStrictEqual(flags("subnet-off"), ["us-west-2a", undefined, false, false, false]);
        });

        it("gateways keep their VPC; a NAT gateway is public unless connectivityType is private", () => {
            const b = new NetBuilder();
            b.add(T.igw, "igw", { vpcId: "vpc-a" }, { id: "igw-a" });
            b.add(T.eigw, "eigw", { vpcId: "vpc-a" }, { id: "eigw-a" });
            b.add(T.nat, "pub", { subnetId: "subnet-a0" }, { id: "nat-pub" });
            b.add(T.nat, "priv", { subnetId: "subnet-a0", connectivityType: "private", privateIp: "10.1.0.5" }, { id: "nat-priv" });
            const m = model(b);
            assert.deepStrictEqual(m.igws.get("igw-a"), { id: "igw-a", name: "igw", vpcId: "vpc-a" });
            assert.deepStrictEqual(m.eigws.get("eigw-a"), { id: "eigw-a", name: "eigw", vpcId: "vpc-a" });
            assert.deepStrictEqual(m.nats.get("nat-pub"), { id: "nat-pub", name: "pub", subnetId: "subnet-a0", privateIp: undefined, connectivity: "public" });
            assert.deepStrictEqual(m.nats.get("nat-priv"), { id: "nat-priv", name: "priv", subnetId: "subnet-a0", privateIp: "10.1.0.5", connectivity: "private" });
        });

        it("a peering is active when accepted: acceptStatus active, autoAccept on the request, or an accepter with autoAccept", () => {
            const b = new NetBuilder();
            const peer = (name: string, props: Record<string, unknown>) => b.add(T.peering, name, { vpcId: "vpc-a", peerVpcId: "vpc-b", ...props }, { id: `pcx-${name}` });
            peer("status", { acceptStatus: "active" });
            peer("auto", { autoAccept: "true" });
            peer("accepter", { acceptStatus: "pending-acceptance" });
            peer("refused-accepter", { acceptStatus: "pending-acceptance" });
            peer("pending", { acceptStatus: "pending-acceptance", autoAccept: false });
            b.add(T.peeringAccepter, "acc", { vpcPeeringConnectionId: "pcx-accepter", autoAccept: true });
            b.add(T.peeringAccepter, "acc-off", { vpcPeeringConnectionId: "pcx-refused-accepter", autoAccept: false });
            const m = model(b);
            const active = Object.fromEntries([...m.peerings.values()].map((p) => [p.name, p.active]));
            assert.deepStrictEqual(active, { status: true, auto: true, accepter: true, "refused-accepter": false, pending: false });
        });

        it("a secondary IPv4 CIDR association extends the VPC's local route (once, even if declared twice)", () => {
            const b = lan();
            b.add(T.ipv4Assoc, "second", { vpcId: "vpc-a", cidrBlock: "100.64.0.0/16" });
            b.add(T.ipv4Assoc, "second-again", { vpcId: "vpc-a", cidrBlock: "100.64.0.0/16" });
            b.add(T.ipv4Assoc, "elsewhere", { vpcId: "vpc-gone", cidrBlock: "100.65.0.0/16" });
            b.subnet("a2", "vpc-a", "us-west-2a", "100.64.0.0/24");
            b.add(T.rtAssoc, "a2-assoc", { routeTableId: "rtb-a", subnetId: "subnet-a2" });
            b.instance("far", "subnet-a2", ["sg-srv"], "100.64.0.10");
            const m = model(b);
            assert.deepStrictEqual(m.vpcs.get("vpc-a")!.ipv4, ["10.1.0.0/16", "100.64.0.0/16"]);
            assert.deepStrictEqual(routeTableOf(m, "subnet-a0")!.routes.filter((r) => r.kind === "local").map((r) => r.dest), ["10.1.0.0/16", "100.64.0.0/16", "2001:db8:1::/56"]);
            // Both ways (the request to 100.64.0.10 and the reply to 10.1.0.10) route locally.
            const f = one(b, { from: inst("cli"), to: inst("far"), family: "ipv4", port: 443 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.ok(f.path!.includes("route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a): 100.64.0.0/16 -> local"), f.path!.join("\n"));
        });
    });

    describe("route tables: inline routes of aws.ec2.RouteTable, targets, default route tables", () => {
        it("each target argument of an inline route maps to its kind; gatewayId local and vgw- are not internet gateways", () => {
            const b = lan();
            const routes = [
                { cidrBlock: "10.2.0.0/16", vpcPeeringConnectionId: "pcx-1" },
                { cidrBlock: "10.3.0.0/16", transitGatewayId: "tgw-1" },
                { cidrBlock: "10.4.0.0/16", natGatewayId: "nat-1" },
                { ipv6CidrBlock: "2001:db8:5::/48", egressOnlyGatewayId: "eigw-1" },
                { cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" },
                { cidrBlock: "10.6.0.0/16", networkInterfaceId: "eni-1" },
                { cidrBlock: "10.7.0.0/16", vpcEndpointId: "vpce-1" },
                { cidrBlock: "10.8.0.0/16", localGatewayId: "lgw-1" },
                { cidrBlock: "10.9.0.0/16", carrierGatewayId: "cagw-1" },
                { cidrBlock: "10.10.0.0/16", coreNetworkArn: "arn:core" },
                { cidrBlock: "10.11.0.0/16", gatewayId: "vgw-1" },
                { cidrBlock: "10.1.0.0/16", gatewayId: "local" },
                { cidrBlock: "10.12.0.0/16", gatewayId: "" },
            ];
            b.add(T.routeTable, "inline", { vpcId: "vpc-a", routes }, { id: "rtb-inline" });
            const m = model(b);
            const got = m.routeTables.get("rtb-inline")!.routes.map((r) => `${r.dest} ${r.kind} ${r.targetId} ${r.label}`);
            assert.deepStrictEqual(got, [
                "10.2.0.0/16 pcx pcx-1 inline (inline route 0)",
                "10.3.0.0/16 tgw tgw-1 inline (inline route 1)",
                "10.4.0.0/16 nat nat-1 inline (inline route 2)",
                "2001:db8:5::/48 eigw eigw-1 inline (inline route 3)",
                "0.0.0.0/0 igw igw-1 inline (inline route 4)",
                "10.6.0.0/16 other eni-1 inline (inline route 5)",
                "10.7.0.0/16 other vpce-1 inline (inline route 6)",
                "10.8.0.0/16 other lgw-1 inline (inline route 7)",
                "10.9.0.0/16 other cagw-1 inline (inline route 8)",
                "10.10.0.0/16 other arn:core inline (inline route 9)",
                "10.11.0.0/16 other vgw-1 inline (inline route 10)",
                "10.1.0.0/16 local local inline (inline route 11)",
                // The implicit local routes of the VPC's CIDRs come last.
                "10.1.0.0/16 local local local",
                "2001:db8:1::/56 local local local",
            ]);
            assert.ok(m.notes.includes("route inline (inline route 12) has no destination or target the model can read"), m.notes.join("\n"));
        });

        it("inline routes recorded only as outputs (a state export) are read too, and carry a flow", () => {
            const b = lan();
            b.vpc("b", "10.2.0.0/16");
            b.subnet("b0", "vpc-b", "us-west-2a", "10.2.0.0/24");
            b.peering("ab", "vpc-a", "vpc-b");
            const rt = b.add(T.routeTable, "b", { vpcId: "vpc-b" }, { id: "rtb-b" });
            rt.outputs.routes = [{ cidrBlock: "10.1.0.0/16", vpcPeeringConnectionId: "pcx-ab" }];
            b.add(T.rtAssoc, "b-assoc", { routeTableId: "rtb-b", subnetId: "subnet-b0" });
            b.add(T.route, "a-b", { routeTableId: "rtb-a", destinationCidrBlock: "10.2.0.0/16", vpcPeeringConnectionId: "pcx-ab" });
            const bsg = b.sg("bsg", "vpc-b");
            b.ingress("bsg-in", bsg, 443, "10.1.0.0/16");
            b.instance("b", "subnet-b0", [bsg], "10.2.0.10");
            const f = one(b, { from: inst("cli"), to: inst("b"), family: "ipv4", port: 443 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.ok(f.path!.some((h) => h === "reply routes back: route table rtb-b (b) of subnet subnet-b0 (b0, us-west-2a): 10.1.0.0/16 -> pcx-ab (b (inline route 0))"), f.path!.join("\n"));
        });

        it("a route naming a route table that is not in the graph is a note, not a route", () => {
            const b = lan();
            b.route("lost", "rtb-gone", "10.9.0.0/16", { natGatewayId: "nat-1" });
            assert.ok(model(b).notes.includes("route lost names route table rtb-gone, which is not in the graph"));
        });

        it("a DefaultRouteTable without vpcId belongs to the VPC whose default route table it is; an undeclared main table still has the local routes", () => {
            const b = new NetBuilder();
            b.add(T.vpc, "v", { cidrBlock: "10.5.0.0/16", defaultRouteTableId: "rtb-default" }, { id: "vpc-v" });
            b.add(T.vpc, "w", { cidrBlock: "10.6.0.0/16", mainRouteTableId: "rtb-w-main" }, { id: "vpc-w" });
            b.add(T.defaultRouteTable, "dflt", { defaultRouteTableId: "rtb-default" }, { id: "rtb-default" });
            b.subnet("v0", "vpc-v", "us-west-2a", "10.5.0.0/24");
            const m = model(b);
            assert.strictEqual(m.routeTables.get("rtb-default")!.vpcId, "vpc-v");
            assert.strictEqual(routeTableOf(m, "subnet-v0")!.id, "rtb-default");
            assert.deepStrictEqual(m.routeTables.get("rtb-default")!.routes.map((r) => r.dest), ["10.5.0.0/16"]);
            assert.deepStrictEqual(m.routeTables.get("rtb-w-main"), { id: "rtb-w-main", name: "main route table of w", vpcId: "vpc-w", routes: [{ dest: "10.6.0.0/16", family: "ipv4", kind: "local", targetId: "local", label: "local" }], unresolvedPrefixLists: [] });
        });

        it("prefix list entries declared as their own resources join the list (once); a CIDR route beats a prefix-list route of the same length in either order", () => {
            for (const order of ["list first", "cidr first"]) {
                const b = lan();
                b.vpc("b", "10.2.0.0/16");
                b.subnet("b0", "vpc-b", "us-west-2a", "10.2.0.0/24");
                b.routeTable("b", "vpc-b", ["subnet-b0"]);
                b.peering("ab", "vpc-a", "vpc-b");
                b.route("b-a", "rtb-b", "10.1.0.0/16", { vpcPeeringConnectionId: "pcx-ab" });
                b.add(T.prefixList, "pl", { entries: [{ cidr: "10.2.0.0/16" }] }, { id: "pl-1" });
                b.add(T.prefixListEntry, "pl-e1", { prefixListId: "pl-1", cidr: "10.2.0.0/16" });
                b.add(T.prefixListEntry, "pl-e2", { prefixListId: "pl-1", cidr: "10.20.0.0/16" });
                b.add(T.prefixListEntry, "pl-gone", { prefixListId: "pl-gone", cidr: "10.30.0.0/16" });
                const viaList = () => b.add(T.route, "a-list", { routeTableId: "rtb-a", destinationPrefixListId: "pl-1", natGatewayId: "nat-nowhere" });
                const viaCidr = () => b.route("a-b", "rtb-a", "10.2.0.0/16", { vpcPeeringConnectionId: "pcx-ab" });
                if (order === "list first") { viaList(); viaCidr(); } else { viaCidr(); viaList(); }
                const bsg = b.sg("bsg", "vpc-b");
                b.ingress("bsg-in", bsg, 443, "10.1.0.0/16");
                b.instance("b", "subnet-b0", [bsg], "10.2.0.10");
                const m = model(b);
                assert.deepStrictEqual(m.prefixLists.get("pl-1"), ["10.2.0.0/16", "10.20.0.0/16"]);
                assert.strictEqual(m.prefixLists.has("pl-gone"), false);
                const f = one(b, { from: inst("cli"), to: inst("b"), family: "ipv4", port: 443 });
                assert.strictEqual(f.status, "proven", `${order}: ${f.drop}`);
                assert.ok(f.path!.some((h) => h.includes("10.2.0.0/16 -> pcx-ab (a-b)")), f.path!.join("\n"));
            }
        });
    });

    describe("transit gateway defaults (EC2 API: association and propagation enable; attachment ipv6Support disable, SG referencing enable)", () => {
        function hub(tgwProps: Record<string, unknown>, attProps: Record<string, unknown>) {
            const b = new NetBuilder();
            b.vpc("x", "10.10.0.0/16", "2001:db8:a::/56");
            b.subnet("x0", "vpc-x", "us-west-2a", "10.10.0.0/24", "2001:db8:a::/64");
            b.add(T.tgw, "hub", { associationDefaultRouteTableId: "tgw-rtb", propagationDefaultRouteTableId: "tgw-rtb", ...tgwProps }, { id: "tgw-hub" });
            b.add(T.tgwAttachment, "x", { transitGatewayId: "tgw-hub", vpcId: "vpc-x", subnetIds: ["subnet-x0"], ...attProps }, { id: "tgw-attach-x" });
            return model(b);
        }

        it("with nothing set: associated and propagated, IPv4 only, references allowed on the attachment but not on the gateway", () => {
            const m = hub({}, {});
            const tgw = m.tgws.get("tgw-hub")!;
            assert.deepStrictEqual([tgw.sgReferencing, tgw.defaultAssociation, tgw.defaultPropagation], [false, true, true]);
            const att = m.tgwAttachments.get("tgw-attach-x")!;
            assert.deepStrictEqual([att.ipv6, att.sgReferencing, att.defaultAssociation, att.defaultPropagation], [false, true, true, true]);
            assert.strictEqual(m.tgwAssociation.get("tgw-attach-x"), "tgw-rtb");
            assert.deepStrictEqual(m.tgwRouteTables.get("tgw-rtb")!.map((r) => `${r.dest} ${r.label}`), ["10.10.0.0/16 propagated from x"]);
        });

        it("ipv6Support enable propagates the IPv6 CIDR too; the gateway's enable turns referencing on", () => {
            const m = hub({ securityGroupReferencingSupport: "enable" }, { ipv6Support: "enable", securityGroupReferencingSupport: "disable" });
            assert.strictEqual(m.tgws.get("tgw-hub")!.sgReferencing, true);
            assert.strictEqual(m.tgwAttachments.get("tgw-attach-x")!.sgReferencing, false);
            assert.deepStrictEqual(m.tgwRouteTables.get("tgw-rtb")!.map((r) => r.dest), ["10.10.0.0/16", "2001:db8:a::/56"]);
        });

        it("disable on the gateway, or false on the attachment, stops the default association or propagation (each on its own)", () => {
            const cases: [Record<string, unknown>, Record<string, unknown>, boolean, boolean][] = [
                [{ defaultRouteTableAssociation: "disable" }, {}, false, true],
                [{ defaultRouteTablePropagation: "disable" }, {}, true, false],
                [{}, { transitGatewayDefaultRouteTableAssociation: "false" }, false, true],
                [{}, { transitGatewayDefaultRouteTablePropagation: false }, true, false],
            ];
            for (const [t, a, associated, propagated] of cases) {
                const m = hub(t, a);
                const label = JSON.stringify([t, a]);
                assert.strictEqual(m.tgwAssociation.has("tgw-attach-x"), associated, label);
                assert.strictEqual((m.tgwRouteTables.get("tgw-rtb") ?? []).length > 0, propagated, label);
            }
        });

        it("a propagation or association of an attachment that is not in the graph is skipped", () => {
            const b = new NetBuilder();
            b.add(T.tgwRouteTable, "rt", {}, { id: "tgw-rtb-x" });
            b.add(T.tgwPropagation, "p", { transitGatewayAttachmentId: "tgw-attach-gone", transitGatewayRouteTableId: "tgw-rtb-x" });
            b.add(T.tgwRoute, "r", { transitGatewayRouteTableId: "tgw-rtb-x", destinationCidrBlock: "10.9.0.0/16", blackhole: "true" });
            b.add(T.tgwRoute, "r-bad", { transitGatewayRouteTableId: "tgw-rtb-x", destinationCidrBlock: "" });
            const m = model(b);
            assert.deepStrictEqual(m.tgwRouteTables.get("tgw-rtb-x"), [{ dest: "10.9.0.0/16", family: "ipv4", attachmentId: undefined, blackhole: true, label: "r", static: true }]);
        });
    });

    describe("security groups and network ACLs: inline rules and standalone rule resources", () => {
        it("inline rules of aws.ec2.SecurityGroup: every peer kind, protocol -1 by default, ports as numbers", () => {
            const b = new NetBuilder();
            b.add(T.prefixList, "pl", { entries: [{ cidr: "10.7.0.0/16" }] }, { id: "pl-1" });
            b.add(T.securityGroup, "g", {
                vpcId: "vpc-a",
                ingress: [
                    { protocol: "tcp", fromPort: "443", toPort: 443, cidrBlocks: ["10.0.0.0/8", "", "bad"], ipv6CidrBlocks: ["2001:db8::/32"] },
                    { fromPort: 0, toPort: 0, securityGroups: ["sg-peer", "123456789012/sg-far"], self: true },
                    { protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: ["pl-1", "pl-gone"] },
                    null,
                ],
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
            }, { id: "sg-g" });
            const sg = model(b).sgs.get("sg-g")!;
            assert.deepStrictEqual(sg.ingress, [
                { label: "g inline ingress 0", protocol: "tcp", fromPort: 443, toPort: 443, cidr: "10.0.0.0/8" },
                { label: "g inline ingress 0", protocol: "tcp", fromPort: 443, toPort: 443, cidr: "2001:db8::/32" },
                { label: "g inline ingress 1", protocol: "-1", fromPort: 0, toPort: 0, sg: "sg-peer" },
                { label: "g inline ingress 1", protocol: "-1", fromPort: 0, toPort: 0, sg: "sg-far", account: "123456789012" },
                { label: "g inline ingress 1", protocol: "-1", fromPort: 0, toPort: 0, sg: "sg-g" },
                { label: "g inline ingress 2 (prefix list pl-1 entry 10.7.0.0/16)", protocol: "tcp", fromPort: 22, toPort: 22, cidr: "10.7.0.0/16" },
                { label: "g inline ingress 2", protocol: "tcp", fromPort: 22, toPort: 22, prefixList: "pl-gone" },
            ]);
            assert.deepStrictEqual(sg.egress, [{ label: "g inline egress 0", protocol: "-1", fromPort: 0, toPort: 0, cidr: "0.0.0.0/0" }]);
        });

        it("an inline tcp rule limits the port; rules recorded only as outputs count", () => {
            const b = lan();
            b.remove(T.sgIngress, "srv-in-v4");
            const g = b.resources.find((r) => r.type === T.securityGroup && r.name === "srv")!;
            g.outputs.ingress = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.1.0.0/16"] }];
            assert.strictEqual(one(b, web()).status, "proven");
            const f = one(b, web("ipv4", 80));
            assert.strictEqual(f.status, "blocked");
            assert.strictEqual(f.drop, "instance cli -> instance srv: security group sg-srv (srv) of instance srv admits tcp/80 from nothing, so not 10.1.0.10/32");
        });

        it("aws.ec2.SecurityGroupRule: type egress is egress, anything else ingress; a reference may be account-qualified", () => {
            const b = new NetBuilder();
            b.add(T.sgRule, "out", { type: "egress", securityGroupId: "sg-g", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"], ipv6CidrBlocks: ["::/0"] });
            b.add(T.sgRule, "in", { type: "ingress", securityGroupId: "sg-g", protocol: "tcp", fromPort: 80, toPort: 80, sourceSecurityGroupId: "111122223333/sg-x", self: true });
            b.add(T.sgRule, "nowhere", { type: "ingress", protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["10.0.0.0/8"] });
            const m = model(b);
            assert.deepStrictEqual(m.sgs.get("sg-g"), {
                id: "sg-g", name: "sg-g",
                ingress: [
                    { label: "in", protocol: "tcp", fromPort: 80, toPort: 80, sg: "sg-x", account: "111122223333" },
                    { label: "in", protocol: "tcp", fromPort: 80, toPort: 80, sg: "sg-g" },
                ],
                egress: [
                    { label: "out", protocol: "tcp", fromPort: 443, toPort: 443, cidr: "10.0.0.0/8" },
                    { label: "out", protocol: "tcp", fromPort: 443, toPort: 443, cidr: "::/0" },
                ],
            });
            assert.deepStrictEqual([...m.sgs.keys()], ["sg-g"], "a rule without a group adds none");
        });

        it("standalone NetworkAclRule and NetworkAclAssociation: egress false by default, deny by ruleAction, IPv6 by ipv6CidrBlock, rule order by number", () => {
            const b = lan();
            b.add(T.nacl, "acl", { vpcId: "vpc-a" }, { id: "acl-1" });
            b.add(T.naclAssoc, "acl-a1", { networkAclId: "acl-1", subnetId: "subnet-a1" });
            b.add(T.naclAssoc, "acl-gone", { networkAclId: "acl-gone", subnetId: "subnet-a0" });
            const rule = (name: string, props: Record<string, unknown>) => b.add(T.naclRule, name, { networkAclId: "acl-1", ...props });
            rule("in-all", { ruleNumber: 200, protocol: "-1", ruleAction: "allow", cidrBlock: "0.0.0.0/0" });
            rule("in-deny-443", { ruleNumber: 100, protocol: "6", ruleAction: "deny", cidrBlock: "10.1.0.0/24", fromPort: 443, toPort: 443 });
            rule("out-v6", { ruleNumber: 100, egress: true, protocol: "-1", ruleAction: "allow", ipv6CidrBlock: "::/0" });
            rule("out-v4", { ruleNumber: 110, egress: "true", protocol: "tcp", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: "1024", toPort: "65535" });
            rule("lost", { networkAclId: "acl-gone", ruleNumber: 1, protocol: "-1", ruleAction: "deny", cidrBlock: "0.0.0.0/0" });
            const m = model(b);
            assert.strictEqual(m.subnetNacl.get("subnet-a1")!.id, "acl-1");
            assert.strictEqual(m.subnetNacl.has("subnet-a0"), false);
            assert.deepStrictEqual(m.subnetNacl.get("subnet-a1")!.rules.map((r) => [r.number, r.egress, r.protocol, r.action, r.cidr, r.fromPort, r.toPort]), [
                [100, false, "6", "deny", "10.1.0.0/24", 443, 443],
                [100, true, "-1", "allow", "::/0", undefined, undefined],
                [110, true, "tcp", "allow", "0.0.0.0/0", 1024, 65535],
                [200, false, "-1", "allow", "0.0.0.0/0", undefined, undefined],
            ]);
            // The deny of 10.1.0.0/24 on tcp/443 blocks the client; tcp/8443 passes rule 200 (after a rule for it).
            const f = one(b, web());
            assert.strictEqual(f.status, "blocked");
            assert.match(f.drop!, /network ACL acl-1 \(acl\) rule 100 denies ingress from 10\.1\.0\.0\/24 on tcp\/443-443 \(entering subnet subnet-a1/);
            b.ingress("srv-8443", "sg-srv", 8443, "10.1.0.0/16");
            assert.strictEqual(one(b, web("ipv4", 8443)).status, "proven");
        });

        it("NACL return path: the server subnet's outbound rules must allow the client on the ephemeral ports", () => {
            const b = lan();
            const acl = (egress: object[]) => b.add(T.nacl, "acl", { subnetIds: ["subnet-a1"], ingress: [{ ruleNo: 100, protocol: "-1", action: "allow", cidrBlock: "0.0.0.0/0" }], egress }, { id: "acl-1" });
            acl([{ ruleNo: 100, protocol: "tcp", action: "allow", cidrBlock: "10.1.0.0/16", fromPort: 1025, toPort: 65535 }]);
            const f = one(b, web());
            assert.strictEqual(f.status, "blocked");
            assert.strictEqual(f.drop, "instance cli -> instance srv: reply from instance srv to 10.1.0.10/32 cannot return: network ACL acl-1 (acl) has no egress rule allowing 10.1.0.10/32 on tcp/1024-65535 (implicit deny) (leaving subnet subnet-a1 (a1, us-west-2b))");
            b.remove(T.nacl, "acl");
            acl([{ ruleNo: 100, protocol: "tcp", action: "allow", cidrBlock: "10.1.0.0/16", fromPort: 1024, toPort: 65535 }]);
            assert.strictEqual(one(b, web()).status, "proven");
        });
    });

    describe("load balancers, target groups, endpoints, instances, functions", () => {
        it("NLB defaults: internet-facing, ipv4, cross-zone off, SG inbound rules enforced on PrivateLink; only network load balancers are modelled", () => {
            const b = new NetBuilder();
            b.add(T.lb, "bare", { loadBalancerType: "network", subnetMappings: [{ subnetId: "subnet-a0" }, { allocationId: "eip-1" }] }, { id: "arn:nlb/bare" });
            b.add(T.lb, "set", { loadBalancerType: "network", arn: "arn:nlb/set", internal: "true", ipAddressType: "dualstack", subnets: ["subnet-a1"], securityGroups: ["sg-n"], enableCrossZoneLoadBalancing: "true", enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "off" }, { id: "x" });
            b.add(T.lb, "alb", { subnets: ["subnet-a0"] }, { id: "arn:alb" });
            const m = model(b);
            assert.deepStrictEqual([...m.nlbs.keys()], ["arn:nlb/bare", "arn:nlb/set"]);
            const bare = m.nlbs.get("arn:nlb/bare")!;
            assert.deepStrictEqual([bare.internal, bare.ipAddressType, bare.subnetIds, bare.securityGroups, bare.crossZone, bare.enforceSgOnPrivateLink], [false, "ipv4", ["subnet-a0"], [], false, true]);
            const set = m.nlbs.get("arn:nlb/set")!;
            assert.deepStrictEqual([set.id, set.internal, set.ipAddressType, set.subnetIds, set.securityGroups, set.crossZone, set.enforceSgOnPrivateLink], ["arn:nlb/set", true, "dualstack", ["subnet-a1"], ["sg-n"], true, false]);
        });

        it("target group defaults: instance targets, IPv4, TCP, client IP preservation and cross-zone left to AWS / the NLB", () => {
            const b = new NetBuilder();
            b.add(T.targetGroup, "bare", {}, { id: "arn:tg/bare" });
            b.add(T.targetGroup, "set", { arn: "arn:tg/set", targetType: "ip", ipAddressType: "ipv6", port: "8080", protocol: "TLS", preserveClientIp: "false", loadBalancingCrossZoneEnabled: "true" }, { id: "y" });
            b.add(T.targetGroup, "cz-off", { preserveClientIp: "true", loadBalancingCrossZoneEnabled: "false" }, { id: "arn:tg/cz-off" });
            b.add(T.targetGroup, "cz-nlb", { preserveClientIp: "", loadBalancingCrossZoneEnabled: "use_load_balancer_configuration" }, { id: "arn:tg/cz-nlb" });
            const m = model(b);
            const tg = (arn: string) => { const t = m.targetGroups.get(arn)!; return [t.targetType, t.family, t.port, t.protocol, t.preserveClientIp, t.crossZone]; };
            assert.deepStrictEqual(tg("arn:tg/bare"), ["instance", "ipv4", undefined, "TCP", undefined, undefined]);
            assert.deepStrictEqual(tg("arn:tg/set"), ["ip", "ipv6", 8080, "TLS", false, true]);
            assert.deepStrictEqual(tg("arn:tg/cz-off"), ["instance", "ipv4", undefined, "TCP", true, false]);
            assert.deepStrictEqual(tg("arn:tg/cz-nlb"), ["instance", "ipv4", undefined, "TCP", undefined, undefined]);
        });

        it("listeners: forward actions with weighted target groups, protocol TCP and port -1 when unrecorded; a listener of another load balancer is skipped", () => {
            const b = new NetBuilder();
            b.add(T.lb, "n", { loadBalancerType: "network", subnets: [] }, { id: "arn:nlb/n" });
            b.add(T.listener, "l", { loadBalancerArn: "arn:nlb/n", defaultActions: [{ type: "forward", forward: { targetGroups: [{ arn: "arn:tg/1" }, { arn: "arn:tg/2" }] } }, { type: "forward", targetGroupArn: "arn:tg/3" }] }, { id: "arn:l" });
            b.add(T.listener, "other", { loadBalancerArn: "arn:alb", port: 80 }, { id: "arn:l2" });
            const l = model(b).nlbs.get("arn:nlb/n")!.listeners;
            assert.deepStrictEqual(l, [{ id: "arn:l", name: "l", port: -1, protocol: "TCP", targetGroupArns: ["arn:tg/1", "arn:tg/2", "arn:tg/3"] }]);
        });

        it("endpoints: a Gateway endpoint unless typed, ipv4 by default, DNS records following the IP address type, private DNS off by default", () => {
            const b = new NetBuilder();
            b.add(T.endpoint, "gw", { vpcId: "vpc-a", serviceName: "com.amazonaws.us-west-2.s3", routeTableIds: ["rtb-a"] }, { id: "vpce-gw" });
            b.add(T.endpoint, "if6", { vpcEndpointType: "Interface", vpcId: "vpc-a", ipAddressType: "ipv6", privateDnsEnabled: "true", subnetIds: ["subnet-a0"] }, { id: "vpce-if6" });
            b.add(T.endpoint, "ifds", { vpcEndpointType: "Interface", ipAddressType: "dualstack", dnsOptions: { dnsRecordIpType: "ipv4" } }, { id: "vpce-ifds" });
            const m = model(b);
            const ep = (n: string) => { const e = m.endpoints.get(n)!; return [e.type, e.ipAddressType, e.dnsRecordIpType, e.privateDns, e.routeTableIds, e.state]; };
            assert.deepStrictEqual(ep("gw"), ["Gateway", "ipv4", "ipv4", false, ["rtb-a"], undefined]);
            assert.deepStrictEqual(ep("if6"), ["Interface", "ipv6", "ipv6", true, [], undefined]);
            assert.deepStrictEqual(ep("ifds"), ["Interface", "dualstack", "ipv4", false, [], undefined]);
        });

        it("endpoint services support IPv4 only unless they list types", () => {
            const b = new NetBuilder();
            b.add(T.endpointService, "s", { networkLoadBalancerArns: ["arn:nlb/n"], serviceName: "svc" }, { id: "vpce-svc-s" });
            b.add(T.endpointService, "ds", { networkLoadBalancerArns: ["arn:nlb/n"], supportedIpAddressTypes: ["ipv4", "ipv6"] }, { id: "vpce-svc-ds" });
            assert.deepStrictEqual(model(b).endpointServices.map((s) => [s.name, s.serviceName, s.supported]), [["s", "svc", ["ipv4"]], ["ds", undefined, ["ipv4", "ipv6"]]]);
        });

        it("an instance has a public IPv4 when the cloud reports one or it asks for one; unset leaves it to the subnet", () => {
            const b = new NetBuilder();
            const i = (name: string, props: Record<string, unknown>) => b.add(T.instance, name, { subnetId: "subnet-a0", ...props }, { id: `i-${name}` });
            i("unset", {});
            i("asks", { associatePublicIpAddress: "true" });
            i("declines", { associatePublicIpAddress: false });
            i("null", { associatePublicIpAddress: null });
            const got = i("got", { associatePublicIpAddress: false });
            got.outputs.publicIp = "203.0.113.7";
            i("sgs", { vpcSecurityGroupIds: ["sg-1"], securityGroups: ["sg-2"] });
            const m = model(b);
            assert.deepStrictEqual([...m.instances.values()].map((x) => [x.name, x.publicV4]), [["unset", undefined], ["asks", true], ["declines", false], ["null", undefined], ["got", true], ["sgs", undefined]]);
            assert.deepStrictEqual(m.instances.get("sgs")!.securityGroups, ["sg-1", "sg-2"]);
        });

        it("a VPC function sends IPv6 only with ipv6AllowedForDualStack (default off)", () => {
            const b = new NetBuilder();
            b.add(T.lambda, "off", { vpcConfig: { subnetIds: ["subnet-a0"], securityGroupIds: ["sg-1"] } }, { id: "off" });
            b.add(T.lambda, "on", { vpcConfig: { subnetIds: ["subnet-a0"], securityGroupIds: [], ipv6AllowedForDualStack: "true" } }, { id: "on" });
            b.add(T.lambda, "novpc", {}, { id: "novpc" });
            const m = model(b);
            assert.deepStrictEqual([...m.lambdas.values()].map((l) => [l.name, l.subnetIds, l.securityGroups, l.ipv6Allowed]), [["off", ["subnet-a0"], ["sg-1"], false], ["on", ["subnet-a0"], [], true], ["novpc", [], [], false]]);
        });
    });
    describe("EKS node groups: which subnets and security groups the nodes have", () => {
        /** A bare @pulumi/eks Cluster `bare` (no repository component around it) in lan()'s VPC. */
        function bare(props: Record<string, unknown> = {}): NetBuilder {
            const b = lan();
            b.add(T.eksComponent, "bare", { ipFamily: "ipv4", skipDefaultNodeGroup: true, clusterSecurityGroupId: "sg-bare-cluster", ...props }, { custom: false });
            return b;
        }
        const groups = (b: NetBuilder) => model(b).clusters.get("bare")!.nodeGroups.map((g) => [g.name, g.subnetIds, g.securityGroups, g.ltAssignsIpv6, g.sgSource]);

        it("self-managed node groups: their own nodeSecurityGroup and extra groups, else @pulumi/eks's default node group with its default rules", () => {
            const b = bare();
            b.add(T.eksNodeGroupV2, "own", { cluster: { name: "bare" }, nodeSubnetIds: ["subnet-a0"], nodeSecurityGroup: { id: "sg-own" }, extraNodeSecurityGroups: [{ id: "sg-extra" }, {}] }, { custom: false });
            b.add(T.eksNodeGroup, "dflt", { clusterName: "bare", nodeSubnetIds: ["subnet-a1"] }, { custom: false });
            b.add(T.eksNodeGroupV2, "lost", { cluster: "elsewhere", nodeSubnetIds: ["subnet-a0"] }, { custom: false });
            assert.deepStrictEqual(groups(b), [
                ["own", ["subnet-a0"], ["sg-own", "sg-extra"], false, "its nodeSecurityGroup"],
                ["dflt", ["subnet-a1"], ["bare-nodeSecurityGroup"], false, "@pulumi/eks default node security group"],
            ]);
            const m = model(b);
            const label = "@pulumi/eks default rule of bare-nodeSecurityGroup";
            assert.deepStrictEqual(m.sgs.get("bare-nodeSecurityGroup"), {
                id: "bare-nodeSecurityGroup", name: "@pulumi/eks default node security group of bare",
                ingress: [
                    { label, protocol: "-1", sg: "bare-nodeSecurityGroup" },
                    { label, protocol: "tcp", fromPort: 1025, toPort: 65535, sg: "bare-eksClusterSecurityGroup" },
                    { label, protocol: "tcp", fromPort: 443, toPort: 443, sg: "bare-eksClusterSecurityGroup" },
                ],
                egress: [{ label, protocol: "-1", cidr: "0.0.0.0/0" }],
            });
            assert.ok(m.notes.includes("self-managed node group lost: its cluster is not in the graph"), m.notes.join("\n"));
            // The real node security group, when the graph has it as the cluster's output, is used instead.
            const real = bare();
            real.resources.find((r) => r.name === "bare")!.outputs.nodeSecurityGroupId = "sg-real";
            real.sg("real", "vpc-a");
            real.add(T.eksNodeGroup, "dflt", { clusterName: "bare", nodeSubnetIds: ["subnet-a1"] }, { custom: false });
            assert.deepStrictEqual(groups(real), [["dflt", ["subnet-a1"], ["sg-real"], false, "@pulumi/eks default node security group"]]);
        });

        it("managed node groups: the launch template's groups (found by id or name) replace the cluster security group; ipv6AddressCount > 0 gives nodes IPv6", () => {
            const b = bare();
            b.add(T.launchTemplate, "lt", { name: "lt-named", networkInterfaces: [{ ipv6AddressCount: 1, securityGroups: ["sg-ni"] }], vpcSecurityGroupIds: ["sg-lt"] }, { id: "lt-1" });
            b.add(T.launchTemplate, "lt0", { name: "lt-zero", networkInterfaces: [{ ipv6AddressCount: 0 }] }, { id: "lt-0" });
            b.add(T.nodeGroup, "by-name", { clusterName: "bare", subnetIds: ["subnet-a0"], launchTemplate: { name: "lt-named" } });
            b.add(T.nodeGroup, "no-groups", { clusterName: "bare", subnetIds: ["subnet-a1"], launchTemplate: { id: "lt-0" } });
            b.add(T.nodeGroup, "no-lt", { clusterName: "bare", subnetIds: ["subnet-a1"] });
            b.add(T.nodeGroup, "no-subnets", { clusterName: "bare", subnetIds: [] });
            b.add(T.nodeGroup, "stray", { clusterName: "other", subnetIds: ["subnet-a0"] });
            b.add(T.eksManagedNodeGroup, "mng", { cluster: "[resource]", subnetIds: ["subnet-a1"] }, { custom: false });
            b.add(T.eksManagedNodeGroup, "mng-lost", { clusterName: "other", subnetIds: ["subnet-a1"] }, { custom: false });
            const cluster = "EKS cluster security group (no launch-template groups)";
            assert.deepStrictEqual(groups(b), [
                ["by-name", ["subnet-a0"], ["sg-lt", "sg-ni"], true, "launch template"],
                ["no-groups", ["subnet-a1"], ["sg-bare-cluster"], false, cluster],
                ["no-lt", ["subnet-a1"], ["sg-bare-cluster"], false, cluster],
                ["mng", ["subnet-a1"], ["sg-bare-cluster"], false, cluster],
            ]);
            const m = model(b);
            assert.deepStrictEqual(m.clusters.get("bare")!.nodeSubnetIds, ["subnet-a0", "subnet-a1"]);
            for (const note of ["node group stray names cluster other, which is not in the graph", "managed node group mng-lost: its cluster is not in the graph", "a node group references its cluster as an opaque resource; matched to the graph's only cluster"]) {
                assert.ok(m.notes.includes(note), `${note}\n${m.notes.join("\n")}`);
            }
        });

        it("an eks.Cluster without skipDefaultNodeGroup runs a default node group in its private subnets (else its subnets)", () => {
            const priv = bare({ skipDefaultNodeGroup: false, privateSubnetIds: ["subnet-a1"], subnetIds: ["subnet-a0", "subnet-a1"] });
            assert.deepStrictEqual(groups(priv), [["bare-default (eks.Cluster default node group)", ["subnet-a1"], ["bare-nodeSecurityGroup"], false, "@pulumi/eks default node security group"]]);
            const all = bare({ skipDefaultNodeGroup: undefined, subnetIds: ["subnet-a0"], nodeSecurityGroup: { id: "sg-mine" } });
            assert.deepStrictEqual(groups(all), [["bare-default (eks.Cluster default node group)", ["subnet-a0"], ["sg-mine"], false, "its nodeSecurityGroup"]]);
            // Fargate-only clusters have no default node group; without any node group the private subnets stand in.
            const fargate = bare({ skipDefaultNodeGroup: false, fargate: true, privateSubnetIds: ["subnet-a1"] });
            assert.deepStrictEqual(groups(fargate), []);
            assert.deepStrictEqual(model(fargate).clusters.get("bare")!.nodeSubnetIds, ["subnet-a1"]);
        });

        it("the EKS cluster security group keeps its default rules (IPv6 cluster: egress to ::/0) unless the program manages the group", () => {
            const six = bare({ ipFamily: "ipv6" });
            const sg = model(six).sgs.get("sg-bare-cluster")!;
            const label = "EKS default rule of the cluster security group of bare";
            assert.deepStrictEqual(sg, { id: "sg-bare-cluster", name: "EKS cluster security group of bare", ingress: [{ label, protocol: "-1", sg: "sg-bare-cluster" }], egress: [{ label, protocol: "-1", cidr: "::/0" }, { label, protocol: "-1", sg: "sg-bare-cluster" }] });
            const managed = bare();
            managed.add(T.securityGroup, "cluster-sg", { vpcId: "vpc-a" }, { id: "sg-bare-cluster" });
            assert.deepStrictEqual(model(managed).sgs.get("sg-bare-cluster")!.egress, []);
        });
    });
});
