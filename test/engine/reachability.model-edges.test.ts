/**
 * Edges of the reachability model's reading of a graph (issue 20, from the mutation report of
 * engine/reachability/model.ts): properties recorded only as outputs or only as inputs (a state
 * export, a preview), values of the wrong kind, references that name nothing in the graph, clusters
 * matched by URN or name when there are several, and the notes a user reads in `npm run plan`.
 */
import * as assert from "assert";
import { buildModel, familyOf, isUnknown, objs, overlaps, P, prop, routeTableOf, sameAz, T, within, type SubnetM } from "../../engine/reachability/model";
import type { GraphResource } from "../../engine/graph";
import { clientLan, NetBuilder } from "../helpers/netFixture";

const model = (b: NetBuilder) => buildModel(b.graph());

/** A resource recorded with only some of its property maps (a state export has no inputs of a component, a preview no outputs). */
function raw(b: NetBuilder, type: string, name: string, maps: { inputs?: Record<string, any>; outputs?: Record<string, any>; id?: string; parent?: string; provider?: string }): GraphResource {
    const r = { urn: b.urn(type, name), type, name, dependencies: [], custom: true, id: maps.id, parent: maps.parent, provider: maps.provider, inputs: maps.inputs, outputs: maps.outputs } as unknown as GraphResource;
    b.resources.push(r);
    return r;
}

/** Two subnets in one VPC, nothing else. */
function vpc(): NetBuilder {
    const b = new NetBuilder();
    const v = b.vpc("v", "10.9.0.0/16", "2001:db8:0:900::/56");
    b.subnet("v0", v, "us-west-2a", "10.9.0.0/24", "2001:db8:0:900::/64");
    b.subnet("v1", v, "us-west-2b", "10.9.1.0/24", "2001:db8:0:901::/64");
    return b;
}

describe("engine/reachability: model edges (issue 20, model.ts survivors)", () => {
    describe("value helpers", () => {
        it("isUnknown: the engine's placeholders only, as whole strings", () => {
            for (const v of ["[unknown]", "[output]", "[secret]", "[resource]"]) assert.strictEqual(isUnknown(v), true, v);
            for (const v of ["unknown", "[unknown] ", "x[unknown]", "", "[other]"]) assert.strictEqual(isUnknown(v), false, v);
            // An array whose only element is a placeholder prints as the placeholder but is not one.
            assert.strictEqual(isUnknown(["[unknown]"]), false);
            assert.strictEqual(isUnknown(undefined), false);
        });

        it("prop: the output wins unless it is absent, null or empty; then the input; either map may be missing", () => {
            const r = (inputs: any, outputs: any) => ({ inputs, outputs }) as unknown as GraphResource;
            assert.strictEqual(prop(r({ k: "in" }, { k: "out" }), "k"), "out");
            assert.strictEqual(prop(r({ k: "in" }, { k: null }), "k"), "in");
            assert.strictEqual(prop(r({ k: "in" }, { k: "" }), "k"), "in");
            assert.strictEqual(prop(r({ k: "in" }, {}), "k"), "in");
            assert.strictEqual(prop(r({ k: "in" }, undefined), "k"), "in", "no outputs (a preview)");
            assert.strictEqual(prop(r(undefined, { k: "out" }), "k"), "out", "no inputs (a state export)");
            assert.strictEqual(prop(r(undefined, {}), "k"), undefined);
            // False and 0 are values, not absences.
            assert.strictEqual(prop(r({ k: true }, { k: false }), "k"), false);
            assert.strictEqual(prop(r({ k: 1 }, { k: 0 }), "k"), 0);
        });

        it("objs keeps plain objects only; P parses once and caches; within, overlaps and familyOf are false or undefined for a non-CIDR on either side", () => {
            assert.deepStrictEqual(objs([null, 5, "s", [1], { a: 1 }, undefined, true]), [{ a: 1 }]);
            assert.deepStrictEqual(objs({ a: 1 }), []);
            assert.strictEqual(P("10.3.0.0/16"), P("10.3.0.0/16"), "the same parsed object");
            // A CIDR this process has not parsed yet (the cache lives as long as the process).
            const n = ((globalThis as any).__reachabilityFreshCidr = ((globalThis as any).__reachabilityFreshCidr ?? 0) + 1);
            const fresh = `2001:db8:${(0xa000 + (Date.now() % 0x1000) + n).toString(16)}::/48`;
            const first = P(fresh);
            assert.strictEqual(first?.text, fresh);
            assert.strictEqual(P(fresh), first, "parsed once, then cached");
            assert.strictEqual(P("not a cidr"), undefined);
            assert.strictEqual(within("10.0.0.0/24", "bogus"), false);
            assert.strictEqual(within("bogus", "10.0.0.0/8"), false);
            assert.strictEqual(within("10.0.0.0/24", "10.0.0.0/8"), true);
            assert.strictEqual(overlaps("10.0.0.0/24", "bogus"), false);
            assert.strictEqual(overlaps("bogus", "10.0.0.0/8"), false);
            assert.strictEqual(overlaps("10.0.0.0/8", "10.0.0.0/24"), true);
            assert.strictEqual(familyOf("10.0.0.0/8"), "ipv4");
            assert.strictEqual(familyOf("2001:db8::/32"), "ipv6");
            assert.strictEqual(familyOf("bogus"), undefined);
        });

        it("sameAz compares AZ IDs only when both subnets record one, names otherwise", () => {
            const s = (az: string, azId?: string) => ({ az, azId }) as SubnetM;
            assert.strictEqual(sameAz(s("us-west-2a", "usw2-az1"), s("us-west-2a")), true, "one ID missing: names decide");
            assert.strictEqual(sameAz(s("us-west-2a"), s("us-west-2a", "usw2-az2")), true);
            assert.strictEqual(sameAz(s("us-west-2a", "usw2-az1"), s("us-west-2a", "usw2-az2")), false, "both IDs: IDs decide");
            assert.strictEqual(sameAz(s("us-west-2a", "usw2-az1"), s("us-west-2b", "usw2-az1")), true);
        });

        it("routeTableOf is undefined for a subnet that is not in the graph or whose VPC is not", () => {
            const b = vpc();
            b.subnet("orphan", "vpc-gone", "us-west-2a", "10.50.0.0/24");
            const m = model(b);
            assert.strictEqual(routeTableOf(m, "subnet-missing"), undefined);
            assert.strictEqual(routeTableOf(m, "subnet-orphan"), undefined);
            assert.strictEqual(routeTableOf(m, "subnet-v0")!.id, "rtb-v-main");
        });
    });

    describe("unknown values, IDs and strings of the wrong kind", () => {
        it("unknowns: only modelled, non-provider resources count, and an unknown inside a list counts", () => {
            const b = vpc();
            b.add("random:index/randomString:RandomString", "pw", { result: "[unknown]" });
            b.add(T.k8sProvider, "k8s", { kubeconfig: "[unknown]" }, { id: "prov" });
            b.add(T.lambda, "fn", { vpcConfig: {}, layers: ["arn:ok", "[unknown]"] });
            b.add(T.securityGroup, "sg", { vpcId: "vpc-v", description: "[secret]" }, { id: "sg-1" });
            assert.deepStrictEqual(model(b).unknowns, ["fn.layers"]);
        });

        it("a resource without an ID or outputs is known by its URN; a VPC without an IPv4 block has none", () => {
            const b = new NetBuilder();
            const r = raw(b, T.vpc, "noid", { inputs: { ipv6CidrBlock: "2001:db8:7::/56" } });
            const m = model(b);
            assert.deepStrictEqual(m.vpcs.get(r.urn), { id: r.urn, name: "noid", ipv4: [], ipv6: ["2001:db8:7::/56"], mainRouteTableId: undefined });
        });

        it("strings are strings: an empty main route table ID falls back to the default one, numbers are no addresses, lists drop empty and non-string entries", () => {
            const b = new NetBuilder();
            b.add(T.vpc, "v", { cidrBlock: "10.9.0.0/16", mainRouteTableId: "", defaultRouteTableId: "rtb-dflt" }, { id: "vpc-v" });
            b.add(T.subnet, "s", { vpcId: "vpc-v", availabilityZone: 5, availabilityZoneId: "usw2-az1", cidrBlock: "10.9.0.0/24", ownerId: "111122223333" }, { id: "subnet-s" });
            b.add(T.nat, "nat", { subnetId: "subnet-s", privateIp: 42 }, { id: "nat-1" });
            b.add(T.lambda, "fn", { vpcConfig: { subnetIds: ["subnet-s", "", 7, null], securityGroupIds: [""] } }, { id: "fn" });
            const m = model(b);
            assert.strictEqual(m.vpcs.get("vpc-v")!.mainRouteTableId, "rtb-dflt");
            assert.strictEqual(m.subnets.get("subnet-s")!.az, "usw2-az1");
            assert.strictEqual(m.subnets.get("subnet-s")!.ownerId, "111122223333");
            assert.strictEqual(m.nats.get("nat-1")!.privateIp, undefined);
            assert.deepStrictEqual(m.lambdas.get("fn"), { id: "fn", name: "fn", subnetIds: ["subnet-s"], securityGroups: [], ipv6Allowed: false });
        });

        it("ports: a numeric string is a port; null, a word or a boolean is none", () => {
            const b = vpc();
            const ingress = [
                { protocol: "tcp", fromPort: "443", toPort: 443, cidrBlocks: ["10.0.0.0/8"] },
                { protocol: "tcp", fromPort: null, toPort: "abc", cidrBlocks: ["10.0.0.0/8"] },
                { protocol: "tcp", fromPort: true, toPort: Infinity, cidrBlocks: ["10.0.0.0/8"] },
            ];
            b.add(T.securityGroup, "sg", { vpcId: "vpc-v", ingress }, { id: "sg-1" });
            assert.deepStrictEqual(model(b).sgs.get("sg-1")!.ingress.map((r) => [r.fromPort, r.toPort]), [[443, 443], [undefined, undefined], [undefined, undefined]]);
        });
    });

    describe("VPCs, peerings, prefix lists", () => {
        it("an IPv6 CIDR association joins its VPC once; one of a VPC not in the graph, or with an unreadable block, is skipped", () => {
            const b = vpc();
            b.add(T.ipv6Assoc, "again", { vpcId: "vpc-v", ipv6CidrBlock: "2001:db8:0:900::/56" });
            b.add(T.ipv6Assoc, "extra", { vpcId: "vpc-v", ipv6CidrBlock: "2001:db8:0:a00::/56" });
            b.add(T.ipv6Assoc, "pending", { vpcId: "vpc-v", ipv6CidrBlock: "[unknown]" });
            b.add(T.ipv6Assoc, "elsewhere", { vpcId: "vpc-gone", ipv6CidrBlock: "2001:db8:0:b00::/56" });
            assert.deepStrictEqual(model(b).vpcs.get("vpc-v")!.ipv6, ["2001:db8:0:900::/56", "2001:db8:0:a00::/56"]);
        });

        it("an accepter without autoAccept does not activate a pending peering; a peering recorded only as outputs is read", () => {
            const b = vpc();
            b.vpc("w", "10.8.0.0/16");
            b.add(T.peering, "pending", { vpcId: "vpc-v", peerVpcId: "vpc-w", acceptStatus: "pending-acceptance" }, { id: "pcx-pending" });
            b.add(T.peeringAccepter, "acc", { vpcPeeringConnectionId: "pcx-pending" });
            raw(b, T.peering, "exported", { id: "pcx-exp", outputs: { vpcId: "vpc-v", peerVpcId: "vpc-w", acceptStatus: "pending-acceptance" } });
            b.add(T.peeringAccepter, "acc-exp", { vpcPeeringConnectionId: "pcx-exp", autoAccept: true });
            const m = model(b);
            assert.strictEqual(m.peerings.get("pcx-pending")!.active, false);
            assert.deepStrictEqual(m.peerings.get("pcx-exp"), { id: "pcx-exp", name: "exported", vpcA: "vpc-v", vpcB: "vpc-w", active: true, interRegion: false });
        });

        it("a prefix list keeps only the entries whose CIDR it can read", () => {
            const b = vpc();
            b.add(T.prefixList, "pl", { entries: [{ cidr: "10.7.0.0/16" }, { cidr: "bogus" }, { cidr: "[unknown]" }, {}] }, { id: "pl-1" });
            assert.deepStrictEqual(model(b).prefixLists.get("pl-1"), ["10.7.0.0/16"]);
        });
    });

    describe("route tables and routes", () => {
        it("only the gatewayId argument names the local route or a virtual private gateway", () => {
            const b = vpc();
            b.routeTable("rt", "vpc-v", []);
            b.route("loc", "rtb-rt", "10.1.0.0/16", { natGatewayId: "local" });
            b.route("vgw", "rtb-rt", "10.2.0.0/16", { natGatewayId: "vgw-1" });
            b.route("real-vgw", "rtb-rt", "10.3.0.0/16", { gatewayId: "vgw-2" });
            const routes = model(b).routeTables.get("rtb-rt")!.routes.filter((r) => r.label !== "local");
            assert.deepStrictEqual(routes.map((r) => [r.label, r.kind, r.targetId]), [["loc", "nat", "local"], ["vgw", "nat", "vgw-1"], ["real-vgw", "other", "vgw-2"]]);
        });

        it("a route without a destination, or with a prefix list but no target, is a note; an unresolved prefix list names the table", () => {
            const b = vpc();
            b.routeTable("rt", "vpc-v", []);
            b.add(T.route, "nodest", { routeTableId: "rtb-rt", natGatewayId: "nat-1" });
            b.add(T.route, "notarget", { routeTableId: "rtb-rt", destinationPrefixListId: "pl-known" });
            b.add(T.route, "unresolved", { routeTableId: "rtb-rt", destinationPrefixListId: "pl-gone", natGatewayId: "nat-1" });
            b.add(T.prefixList, "known", { entries: [{ cidr: "10.7.0.0/16" }] }, { id: "pl-known" });
            const m = model(b);
            const rt = m.routeTables.get("rtb-rt")!;
            assert.deepStrictEqual(rt.unresolvedPrefixLists, [{ label: "unresolved", prefixList: "pl-gone" }]);
            assert.deepStrictEqual(rt.routes.map((r) => r.label), ["local", "local"]);
            assert.deepStrictEqual(m.notes, [
                "route nodest has no destination or target the model can read",
                "route notarget has no destination or target the model can read",
                "route unresolved goes to prefix list pl-gone, which is not in the graph: flows through rt are undecided",
            ]);
        });

        it("a DefaultRouteTable of no known VPC has none; the second VPC's default table is found too", () => {
            const b = new NetBuilder();
            b.add(T.vpc, "v", { cidrBlock: "10.5.0.0/16", defaultRouteTableId: "rtb-v" }, { id: "vpc-v" });
            b.add(T.vpc, "w", { cidrBlock: "10.6.0.0/16", defaultRouteTableId: "rtb-w" }, { id: "vpc-w" });
            b.add(T.defaultRouteTable, "dw", { defaultRouteTableId: "rtb-w" }, { id: "rtb-w" });
            b.add(T.defaultRouteTable, "lost", { defaultRouteTableId: "rtb-lost" }, { id: "rtb-lost" });
            const m = model(b);
            assert.strictEqual(m.routeTables.get("rtb-w")!.vpcId, "vpc-w");
            assert.deepStrictEqual(m.routeTables.get("rtb-lost"), { id: "rtb-lost", name: "lost", vpcId: "", routes: [], unresolvedPrefixLists: [] });
        });

        it("a VPC without a main route table adds none; a declared main table keeps its name and routes", () => {
            const b = new NetBuilder();
            b.add(T.vpc, "bare", { cidrBlock: "10.5.0.0/16" }, { id: "vpc-bare" });
            b.add(T.vpc, "w", { cidrBlock: "10.6.0.0/16", mainRouteTableId: "rtb-w" }, { id: "vpc-w" });
            b.add(T.routeTable, "w-main", { vpcId: "vpc-w", routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }] }, { id: "rtb-w" });
            const m = model(b);
            assert.deepStrictEqual([...m.routeTables.keys()], ["rtb-w"]);
            assert.strictEqual(m.routeTables.get("rtb-w")!.name, "w-main");
            assert.deepStrictEqual(m.routeTables.get("rtb-w")!.routes.map((r) => r.dest), ["0.0.0.0/0", "10.6.0.0/16"]);
        });

        it("inline routes are read from whichever map holds them; a table of a VPC not in the graph has no local routes", () => {
            const b = new NetBuilder();
            b.add(T.vpc, "v", { cidrBlock: "10.5.0.0/16" }, { id: "vpc-v" });
            raw(b, T.routeTable, "in-only", { id: "rtb-in", inputs: { vpcId: "vpc-v", routes: [{ cidrBlock: "10.1.0.0/16", natGatewayId: "nat-1" }] } });
            raw(b, T.routeTable, "out-only", { id: "rtb-out", outputs: { vpcId: "vpc-gone", routes: [{ cidrBlock: "10.2.0.0/16", natGatewayId: "nat-2" }] } });
            raw(b, T.routeTable, "bare", { id: "rtb-bare", inputs: { vpcId: "vpc-v" } });
            const m = model(b);
            assert.deepStrictEqual(m.routeTables.get("rtb-in")!.routes.map((r) => [r.dest, r.targetId]), [["10.1.0.0/16", "nat-1"], ["10.5.0.0/16", "local"]]);
            assert.deepStrictEqual(m.routeTables.get("rtb-out")!.routes.map((r) => [r.dest, r.targetId]), [["10.2.0.0/16", "nat-2"]]);
            assert.deepStrictEqual(m.routeTables.get("rtb-bare")!.routes.map((r) => r.dest), ["10.5.0.0/16"]);
        });

        it("a MainRouteTableAssociation makes its table the VPC's main one (one of a VPC not in the graph is skipped); a gateway association is no subnet's", () => {
            const b = vpc();
            b.add(T.routeTable, "new-main", { vpcId: "vpc-v" }, { id: "rtb-new" });
            b.add(T.mainRtAssoc, "main", { vpcId: "vpc-v", routeTableId: "rtb-new" });
            b.add(T.mainRtAssoc, "lost", { vpcId: "vpc-gone", routeTableId: "rtb-new" });
            b.add(T.rtAssoc, "edge", { routeTableId: "rtb-new", gatewayId: "igw-1" });
            const m = model(b);
            assert.strictEqual(m.vpcs.get("vpc-v")!.mainRouteTableId, "rtb-new");
            assert.strictEqual(routeTableOf(m, "subnet-v0")!.id, "rtb-new");
            assert.strictEqual(m.subnetRouteTable.size, 0);
        });
    });

    describe("transit gateway route tables", () => {
        function hub(): NetBuilder {
            const b = vpc();
            b.tgw("hub", { defaultRouteTableAssociation: "disable", defaultRouteTablePropagation: "disable" });
            b.tgwAttach("v", "tgw-hub", "vpc-v", ["subnet-v0"], true);
            b.add(T.tgwRouteTable, "rt", {}, { id: "tgw-rtb-x" });
            return b;
        }

        it("explicit associations and propagations (the gateway's defaults off) fill the named route table", () => {
            const b = hub();
            b.add(T.tgwAssoc, "assoc", { transitGatewayAttachmentId: "tgw-attach-v", transitGatewayRouteTableId: "tgw-rtb-x" });
            b.add(T.tgwPropagation, "prop", { transitGatewayAttachmentId: "tgw-attach-v", transitGatewayRouteTableId: "tgw-rtb-x" });
            const m = model(b);
            assert.strictEqual(m.tgwAssociation.get("tgw-attach-v"), "tgw-rtb-x");
            assert.deepStrictEqual(m.tgwRouteTables.get("tgw-rtb-x")!.map((r) => [r.dest, r.attachmentId, r.label]), [
                ["10.9.0.0/16", "tgw-attach-v", "propagated from v"],
                ["2001:db8:0:900::/56", "tgw-attach-v", "propagated from v"],
            ]);
        });

        it("a propagation of an attachment whose VPC is not in the graph adds nothing; a static route to an undeclared table creates it", () => {
            const b = hub();
            b.tgwAttach("w", "tgw-hub", "vpc-gone", [], false);
            b.add(T.tgwPropagation, "prop", { transitGatewayAttachmentId: "tgw-attach-w", transitGatewayRouteTableId: "tgw-rtb-x" });
            b.add(T.tgwRoute, "static", { transitGatewayRouteTableId: "tgw-rtb-new", destinationCidrBlock: "10.7.0.0/16", transitGatewayAttachmentId: "tgw-attach-v" });
            const m = model(b);
            assert.deepStrictEqual(m.tgwRouteTables.get("tgw-rtb-x"), []);
            assert.deepStrictEqual(m.tgwRouteTables.get("tgw-rtb-new"), [{ dest: "10.7.0.0/16", family: "ipv4", attachmentId: "tgw-attach-v", blackhole: false, label: "static", static: true }]);
        });
    });

    describe("security groups and network ACLs", () => {
        it("an account-qualified reference is exactly 12 digits, a slash and a group ID; anything else is a plain reference", () => {
            const b = vpc();
            b.sg("s", "vpc-v");
            for (const [i, ref] of ["123456789012/sg-0abc", "x123456789012/sg-0abc", "123456789012/sg-0abc/extra"].entries()) {
                b.add(T.sgIngress, `r${i}`, { securityGroupId: "sg-s", ipProtocol: "-1", referencedSecurityGroupId: ref });
            }
            assert.deepStrictEqual(model(b).sgs.get("sg-s")!.ingress.map((r) => [r.sg, r.account]), [
                ["sg-0abc", "123456789012"],
                ["x123456789012/sg-0abc", undefined],
                ["123456789012/sg-0abc/extra", undefined],
            ]);
        });

        it("a security group keeps its VPC and reads inline rules from inputs only or outputs only; a standalone rule without a protocol is all traffic", () => {
            const b = vpc();
            raw(b, T.securityGroup, "in-only", { id: "sg-in", inputs: { vpcId: "vpc-v", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] }] } });
            raw(b, T.securityGroup, "out-only", { id: "sg-out", outputs: { vpcId: "vpc-v", egress: [{ protocol: "-1", ipv6CidrBlocks: ["::/0"] }] } });
            b.add(T.sgIngress, "any", { securityGroupId: "sg-in", cidrIpv4: "10.1.0.0/16" });
            const m = model(b);
            assert.deepStrictEqual(m.sgs.get("sg-in"), {
                id: "sg-in", name: "in-only", vpcId: "vpc-v", egress: [],
                ingress: [
                    { label: "in-only inline ingress 0", protocol: "tcp", fromPort: 22, toPort: 22, cidr: "10.0.0.0/8" },
                    { label: "any", protocol: "-1", fromPort: undefined, toPort: undefined, cidr: "10.1.0.0/16" },
                ],
            });
            assert.deepStrictEqual(m.sgs.get("sg-out")!.egress, [{ label: "out-only inline egress 0", protocol: "-1", fromPort: undefined, toPort: undefined, cidr: "::/0" }]);
            assert.strictEqual(m.sgs.get("sg-out")!.vpcId, "vpc-v");
        });

        it("NACL entries without a readable CIDR are skipped; allow is allow; inline entries from inputs only or outputs only", () => {
            const b = vpc();
            raw(b, T.nacl, "in-only", { id: "acl-in", inputs: { subnetIds: ["subnet-v0"], ingress: [{ ruleNo: 100, protocol: "-1", action: "allow" }, { ruleNo: 110, protocol: "tcp", action: "allow", cidrBlock: "10.0.0.0/8", fromPort: 1, toPort: 2 }] } });
            raw(b, T.nacl, "out-only", { id: "acl-out", outputs: { subnetIds: ["subnet-v1"], egress: [{ ruleNo: 100, protocol: "-1", action: "deny", ipv6CidrBlock: "::/0" }] } });
            const m = model(b);
            assert.deepStrictEqual(m.subnetNacl.get("subnet-v0")!.rules, [{ number: 110, egress: false, protocol: "tcp", action: "allow", cidr: "10.0.0.0/8", fromPort: 1, toPort: 2 }]);
            assert.deepStrictEqual(m.subnetNacl.get("subnet-v1")!.rules, [{ number: 100, egress: true, protocol: "-1", action: "deny", cidr: "::/0", fromPort: undefined, toPort: undefined }]);
        });

        it("a DefaultNetworkAcl with vpcId covers that VPC's subnets; one of no known VPC covers none, nor a subnet without a VPC", () => {
            const b = vpc();
            b.vpc("w", "10.8.0.0/16");
            b.add(T.subnet, "novpc", { availabilityZone: "us-west-2a", cidrBlock: "10.60.0.0/24" }, { id: "subnet-novpc" });
            b.subnet("w0", "vpc-w", "us-west-2a", "10.8.0.0/24");
            b.add(T.defaultNacl, "dv", { vpcId: "vpc-w", ingress: [] }, { id: "acl-dw" });
            b.add(T.defaultNacl, "lost", { defaultNetworkAclId: "acl-lost", ingress: [] }, { id: "acl-lost" });
            const m = model(b);
            assert.deepStrictEqual([...m.subnetNacl.entries()].map(([s, n]) => [s, n.id]), [["subnet-w0", "acl-dw"]]);
        });
    });

    describe("target groups", () => {
        it("a target group keeps its VPC; preserveClientIp null is unset, a non-boolean is false; attachments keep their port", () => {
            const b = vpc();
            b.add(T.targetGroup, "tg", { vpcId: "vpc-v", port: 80, preserveClientIp: null, arn: "arn:tg/tg" }, { id: "arn:tg/tg" });
            b.add(T.targetGroup, "odd", { port: 80, preserveClientIp: "sometimes", arn: "arn:tg/odd" }, { id: "arn:tg/odd" });
            b.attach("a", "arn:tg/odd", "i-1", 8080);
            b.attach("stray", "arn:tg/gone", "i-1", 8080);
            const m = model(b);
            const tg = m.targetGroups.get("arn:tg/tg")!;
            assert.strictEqual(tg.vpcId, "vpc-v");
            assert.strictEqual(tg.preserveClientIp, undefined);
            assert.deepStrictEqual(tg.targets, []);
            assert.strictEqual(m.targetGroups.get("arn:tg/odd")!.preserveClientIp, false);
            assert.deepStrictEqual(m.targetGroups.get("arn:tg/odd")!.targets, [{ kind: "instance", ref: "i-1", port: 8080, label: "a" }]);
        });
    });

    describe("EKS clusters and node groups", () => {
        const groups = (b: NetBuilder, cluster: string) => model(b).clusters.get(cluster)!.nodeGroups.map((g) => [g.name, g.subnetIds, g.securityGroups, g.sgSource]);
        const CLUSTER_SG = "EKS cluster security group (no launch-template groups)";

        it("a cluster component inside an unrelated component is a cluster; an aws.eks.Cluster inside an eks.Cluster is not another; a repository component without an EKS cluster is none", () => {
            const b = vpc();
            const app = b.add("my:app:Stack", "app", {}, { custom: false });
            const ec = b.add(T.eksComponent, "ec", { skipDefaultNodeGroup: true }, { custom: false, parent: app.urn });
            b.add(T.eksCluster, "ec-eksCluster", { name: "ec-123" }, { parent: ec.urn });
            b.add(T.repoEksCluster, "empty", {}, { custom: false });
            assert.deepStrictEqual([...model(b).clusters.keys()], ["ec"]);
        });

        it("the cluster name and security group come from the inner aws.eks.Cluster when the component does not record them", () => {
            const b = vpc();
            const ec = raw(b, T.eksComponent, "ec", { inputs: { skipDefaultNodeGroup: true } });
            raw(b, T.eksCluster, "ec-eksCluster", { parent: ec.urn, id: "ec-by-id", inputs: {}, outputs: { kubernetesNetworkConfig: { ipFamily: "ipv6" }, vpcConfig: { clusterSecurityGroupId: "sg-from-aws" } } });
            b.add(T.nodeGroup, "top", { clusterName: "ec-by-id", subnetIds: ["subnet-v0"] });
            const m = model(b);
            const c = m.clusters.get("ec")!;
            assert.deepStrictEqual([c.clusterName, c.serviceCidr, c.ipFamily], ["ec-by-id", undefined, "ipv6"]);
            assert.deepStrictEqual(c.nodeGroups.map((g) => [g.name, g.securityGroups]), [["top", ["sg-from-aws"]]]);
            // A bare aws.eks.Cluster whose family is recorded only as an output (a state export).
            const exported = vpc();
            raw(exported, T.eksCluster, "x", { id: "x", inputs: {}, outputs: { kubernetesNetworkConfig: { ipFamily: "ipv6" } } });
            assert.strictEqual(model(exported).clusters.get("x")!.ipFamily, "ipv6");
            // A state export of a @pulumi/eks cluster: the component records outputs, not its ipFamily
            // input; the family is the inner aws.eks.Cluster's, read from its inputs or outputs.
            for (const where of ["inputs", "outputs"] as const) {
                const state = vpc();
                const comp = raw(state, T.eksComponent, "ec", { inputs: {}, outputs: { eksCluster: { name: "ec-1" } } });
                raw(state, T.eksCluster, "ec-eksCluster", { parent: comp.urn, id: "ec-1", inputs: {}, outputs: {}, [where]: { name: "ec-1", kubernetesNetworkConfig: { ipFamily: "ipv6" } } });
                assert.strictEqual(model(state).clusters.get("ec")!.ipFamily, "ipv6", where);
            }
            // The component's own ipFamily input wins over the inner cluster's.
            const both = vpc();
            const comp4 = raw(both, T.eksComponent, "ec", { inputs: { ipFamily: "ipv4" } });
            raw(both, T.eksCluster, "ec-eksCluster", { parent: comp4.urn, id: "ec-1", inputs: { kubernetesNetworkConfig: { ipFamily: "ipv6" } } });
            assert.strictEqual(model(both).clusters.get("ec")!.ipFamily, "ipv4");
            // The aws.eks.Cluster's name wins over its ID.
            const named = vpc();
            const ec2 = raw(named, T.eksComponent, "ec", { inputs: { skipDefaultNodeGroup: true } });
            raw(named, T.eksCluster, "ec-eksCluster", { parent: ec2.urn, id: "ec-by-id", inputs: { name: "ec-named" } });
            assert.strictEqual(model(named).clusters.get("ec")!.clusterName, "ec-named");
        });

        it("a cluster with nothing recorded: IPv4, no security group, its name from the eksCluster output; node groups without groups get none", () => {
            const b = vpc();
            raw(b, T.eksComponent, "ec", { inputs: { skipDefaultNodeGroup: true }, outputs: { eksCluster: { name: "ec-out" } } });
            b.add(T.nodeGroup, "ng", { clusterName: "ec-out", subnetIds: ["subnet-v0"] });
            const c = model(b).clusters.get("ec")!;
            assert.deepStrictEqual([c.clusterName, c.ipFamily], ["ec-out", "ipv4"]);
            assert.deepStrictEqual(c.nodeGroups.map((g) => [g.securityGroups, g.sgSource]), [[[], CLUSTER_SG]]);
            // A component with no outputs at all, and one whose security group is unknown in a preview.
            const bare = vpc();
            raw(bare, T.eksComponent, "ec", { inputs: { skipDefaultNodeGroup: true, clusterSecurityGroupId: "[unknown]" } });
            bare.add(T.eksManagedNodeGroup, "mng", { cluster: "[resource]", subnetIds: ["subnet-v1"] }, { custom: false });
            assert.deepStrictEqual(groups(bare, "ec"), [["mng", ["subnet-v1"], [], CLUSTER_SG]]);
            const exported = vpc();
            raw(exported, T.eksComponent, "exp", { outputs: { name: "exp", skipDefaultNodeGroup: true } });
            assert.deepStrictEqual([model(exported).clusters.get("exp")!.clusterName, model(exported).clusters.get("exp")!.ipFamily], ["exp", "ipv4"]);
        });

        it("an unreadable cluster name is '(unknown)' in the note; null references and launch templates are no match", () => {
            const b = vpc();
            b.add(T.eksComponent, "ec", { name: "ec", skipDefaultNodeGroup: true, clusterSecurityGroupId: "sg-c" }, { custom: false });
            b.add(T.eksComponent, "ed", { name: "ed", skipDefaultNodeGroup: true, clusterSecurityGroupId: "sg-d" }, { custom: false });
            b.add(T.nodeGroup, "pending", { clusterName: "[unknown]", subnetIds: ["subnet-v0"] });
            b.add(T.nodeGroup, "nulled", { clusterName: null, subnetIds: ["subnet-v0"] });
            b.add(T.eksManagedNodeGroup, "mng-null", { cluster: null, subnetIds: ["subnet-v0"] }, { custom: false });
            b.add(T.nodeGroup, "lt-null", { clusterName: "ec", subnetIds: ["subnet-v0"], launchTemplate: null });
            const m = model(b);
            assert.deepStrictEqual(m.notes, [
                "node group pending names cluster (unknown), which is not in the graph",
                "node group nulled names cluster (unknown), which is not in the graph",
                "managed node group mng-null: its cluster is not in the graph",
            ]);
            assert.deepStrictEqual(m.clusters.get("ec")!.nodeGroups.map((g) => [g.name, g.securityGroups]), [["lt-null", ["sg-c"]]]);
        });

        describe("matching a node group to one of several clusters", () => {
            /** Two clusters: `plain` (a bare eks.Cluster) and `repo` (the repository's component around an eks.Cluster). */
            function two(): { b: NetBuilder; repoRoot: GraphResource; repoEks: GraphResource; plain: GraphResource } {
                const b = vpc();
                const plain = b.add(T.eksComponent, "plain", { name: "plain-cluster", skipDefaultNodeGroup: true, clusterSecurityGroupId: "sg-plain" }, { custom: false });
                const repoRoot = b.add(T.repoEksCluster, "repo", {}, { custom: false });
                const repoEks = b.add(T.eksComponent, "repo", { name: "repo-cluster", skipDefaultNodeGroup: true, clusterSecurityGroupId: "sg-repo" }, { custom: false, parent: repoRoot.urn });
                return { b, repoRoot, repoEks, plain };
            }
            const where = (b: NetBuilder) => {
                const m = model(b);
                return { plain: m.clusters.get("plain")!.nodeGroups.map((g) => g.name), repo: m.clusters.get("repo")!.nodeGroups.map((g) => g.name), notes: m.notes };
            };

            it("by URN: a URN string or a reference object, of the repository component or of its inner eks.Cluster", () => {
                const { b, repoRoot, repoEks, plain } = two();
                b.add(T.eksManagedNodeGroup, "urn-string", { cluster: repoRoot.urn, subnetIds: ["subnet-v0"] }, { custom: false });
                b.add(T.eksManagedNodeGroup, "urn-inner", { cluster: { urn: repoEks.urn, id: "" }, subnetIds: ["subnet-v0"] }, { custom: false });
                b.add(T.eksManagedNodeGroup, "urn-plain", { cluster: { urn: plain.urn }, subnetIds: ["subnet-v0"] }, { custom: false });
                b.add(T.eksNodeGroupV2, "self-urn", { cluster: { urn: repoRoot.urn }, nodeSubnetIds: ["subnet-v1"], nodeSecurityGroupId: "sg-self" }, { custom: false });
                b.add(T.eksManagedNodeGroup, "urn-gone", { cluster: "urn:pulumi:synthetic::net::x::gone", subnetIds: ["subnet-v0"] }, { custom: false });
                const w = where(b);
                assert.deepStrictEqual(w.repo, ["urn-string", "urn-inner", "self-urn"]);
                assert.deepStrictEqual(w.plain, ["urn-plain"]);
                assert.deepStrictEqual(w.notes, ["managed node group urn-gone: its cluster is not in the graph"]);
                assert.deepStrictEqual(model(b).clusters.get("repo")!.nodeGroups.find((g) => g.name === "self-urn")!.securityGroups, ["sg-self"]);
            });

            it("by name: clusterName of a managed node group; an opaque reference with two clusters is no match", () => {
                const { b } = two();
                b.add(T.eksManagedNodeGroup, "by-name", { clusterName: "repo-cluster", subnetIds: ["subnet-v0"] }, { custom: false });
                b.add(T.eksManagedNodeGroup, "opaque", { cluster: "[resource]", subnetIds: ["subnet-v0"] }, { custom: false });
                const w = where(b);
                assert.deepStrictEqual([w.repo, w.plain], [["by-name"], []]);
                assert.deepStrictEqual(w.notes, ["managed node group opaque: its cluster is not in the graph"]);
            });

            it("a managed node group's launch template gives its groups; a reference without id or name, or to a template not in the graph, gives none", () => {
                const { b } = two();
                b.add(T.launchTemplate, "nameless", { vpcSecurityGroupIds: ["sg-nameless"] }, { id: "lt-nameless" });
                b.add(T.launchTemplate, "lt", { name: "lt-named", vpcSecurityGroupIds: ["sg-lt"] }, { id: "lt-1" });
                b.add(T.eksManagedNodeGroup, "with-lt", { clusterName: "plain-cluster", subnetIds: ["subnet-v0"], launchTemplate: { id: "lt-1", version: "1" } }, { custom: false });
                b.add(T.eksManagedNodeGroup, "no-ref", { clusterName: "plain-cluster", subnetIds: ["subnet-v0"], launchTemplate: { version: "1" } }, { custom: false });
                b.add(T.nodeGroup, "gone-ref", { clusterName: "plain-cluster", subnetIds: ["subnet-v1"], launchTemplate: { id: "lt-gone" } });
                b.add(T.launchTemplate, "lt-empty", { name: "lt-empty" }, { id: "lt-empty" });
                b.add(T.eksManagedNodeGroup, "empty-lt", { clusterName: "plain-cluster", subnetIds: ["subnet-v1"], launchTemplate: { id: "lt-empty" } }, { custom: false });
                assert.deepStrictEqual(groups(b, "plain"), [
                    ["gone-ref", ["subnet-v1"], ["sg-plain"], CLUSTER_SG],
                    ["with-lt", ["subnet-v0"], ["sg-lt"], "launch template"],
                    ["no-ref", ["subnet-v0"], ["sg-plain"], CLUSTER_SG],
                    ["empty-lt", ["subnet-v1"], ["sg-plain"], CLUSTER_SG],
                ]);
            });

            it("a managed node group's aws.eks.NodeGroup is counted once, even below an intermediate component", () => {
                const { b } = two();
                const mng = b.add(T.eksManagedNodeGroup, "mng", { clusterName: "plain-cluster", subnetIds: ["subnet-v0"] }, { custom: false });
                const mid = b.add("my:eks:Wrapper", "mid", {}, { custom: false, parent: mng.urn });
                b.add(T.nodeGroup, "mng-ng", { clusterName: "plain-cluster", subnetIds: ["subnet-v0"] }, { parent: mid.urn });
                assert.deepStrictEqual(where(b).plain, ["mng-ng"]);
            });
        });

        describe("self-managed node groups and their default node security group", () => {
            it("the component's child node security group is used when the output is missing; a recorded output of a group not in the graph is not", () => {
                const b = vpc();
                const ec = b.add(T.eksComponent, "dc", { name: "dc", skipDefaultNodeGroup: true }, { custom: false });
                ec.outputs.nodeSecurityGroupId = "sg-ghost";
                b.add(T.securityGroup, "dc-other", { vpcId: "vpc-v" }, { id: "sg-other", parent: ec.urn });
                b.add(T.launchTemplate, "dc-lt-nodeSecurityGroup", {}, { id: "lt-not-a-group", parent: ec.urn });
                b.add(T.securityGroup, "dc-nodeSecurityGroup", { vpcId: "vpc-v" }, { id: "sg-dc-node", parent: ec.urn });
                b.add(T.eksNodeGroupV2, "ng", { cluster: "dc", nodeSubnetIds: ["subnet-v0"] }, { custom: false });
                assert.deepStrictEqual(groups(b, "dc"), [["ng", ["subnet-v0"], ["sg-dc-node"], "@pulumi/eks default node security group"]]);
                // Without that child, the default group @pulumi/eks would create, with its rules.
                const none = vpc();
                none.add(T.eksComponent, "dc", { name: "dc", skipDefaultNodeGroup: true }, { custom: false }).outputs.nodeSecurityGroupId = "sg-ghost";
                none.add(T.eksNodeGroupV2, "ng", { cluster: "dc", nodeSubnetIds: ["subnet-v0"] }, { custom: false });
                assert.deepStrictEqual(groups(none, "dc"), [["ng", ["subnet-v0"], ["dc-nodeSecurityGroup"], "@pulumi/eks default node security group"]]);
            });

            it("a default node group the program already gave rules keeps them; a component without outputs still gets one", () => {
                const b = vpc();
                raw(b, T.eksComponent, "dc", { inputs: { name: "dc", skipDefaultNodeGroup: true } });
                b.add(T.sgIngress, "mine", { securityGroupId: "dc-nodeSecurityGroup", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" });
                b.add(T.eksNodeGroup, "ng", { clusterName: "dc", nodeSubnetIds: ["subnet-v0"] }, { custom: false });
                const m = model(b);
                assert.deepStrictEqual(m.sgs.get("dc-nodeSecurityGroup")!.ingress.map((r) => r.label), ["mine"]);
                assert.deepStrictEqual(m.clusters.get("dc")!.nodeGroups.map((g) => g.securityGroups), [["dc-nodeSecurityGroup"]]);
            });

            it("a self-managed node group with a launch template or node group below it says its inputs are used; nodeSecurityGroupId is its own group", () => {
                const b = vpc();
                b.add(T.eksComponent, "dc", { name: "dc", skipDefaultNodeGroup: true }, { custom: false });
                const ng = b.add(T.eksNodeGroupV2, "ng", { cluster: "dc", nodeSubnetIds: ["subnet-v0"], nodeSecurityGroupId: "sg-own" }, { custom: false });
                b.add("aws:autoscaling/group:Group", "ng-asg", {}, { parent: ng.urn });
                b.add(T.launchTemplate, "ng-lt", {}, { parent: ng.urn, id: "lt-ng" });
                const ng2 = b.add(T.eksNodeGroup, "ng2", { clusterName: "dc", nodeSubnetIds: ["subnet-v1"] }, { custom: false });
                b.add(T.nodeGroup, "ng2-inner", { clusterName: "dc", subnetIds: [] }, { parent: ng2.urn });
                const plain = b.add(T.eksNodeGroup, "plain", { clusterName: "dc", nodeSubnetIds: ["subnet-v1"] }, { custom: false });
                b.add("aws:autoscaling/group:Group", "plain-asg", {}, { parent: plain.urn });
                const m = model(b);
                assert.deepStrictEqual(m.notes, [
                    "self-managed node group ng: its instances come from an Auto Scaling group the model does not read; using its inputs",
                    "self-managed node group ng2: its instances come from an Auto Scaling group the model does not read; using its inputs",
                ]);
                assert.deepStrictEqual(m.clusters.get("dc")!.nodeGroups.map((g) => [g.name, g.securityGroups[0], g.sgSource]), [
                    ["ng", "sg-own", "its nodeSecurityGroup"],
                    ["ng2", "dc-nodeSecurityGroup", "@pulumi/eks default node security group"],
                    ["plain", "dc-nodeSecurityGroup", "@pulumi/eks default node security group"],
                ]);
            });
        });

        it("a bare aws.eks.Cluster has no default node group; an IPv4 cluster's security group egresses to 0.0.0.0/0", () => {
            const b = vpc();
            b.add(T.eksCluster, "raw", { name: "raw", vpcConfig: { clusterSecurityGroupId: "sg-raw" } }, { id: "raw" });
            const m = model(b);
            assert.deepStrictEqual(m.clusters.get("raw")!.nodeGroups, []);
            assert.strictEqual(m.sgs.has("raw-nodeSecurityGroup"), false, "no @pulumi/eks default node group, so no default node security group");
            const label = "EKS default rule of the cluster security group of raw";
            assert.deepStrictEqual(m.sgs.get("sg-raw")!.egress, [{ label, protocol: "-1", cidr: "0.0.0.0/0" }, { label, protocol: "-1", sg: "sg-raw" }]);
        });

        it("the vpc-cni add-on is the one of this cluster's name, declared anywhere", () => {
            const b = vpc();
            b.add(T.eksCluster, "raw", { name: "raw-cluster" }, { id: "raw-cluster" });
            b.add(T.addon, "other-cni", { clusterName: "other", addonName: "vpc-cni", configurationValues: "{\"other\":true}" });
            b.add(T.addon, "coredns", { clusterName: "raw-cluster", addonName: "coredns", configurationValues: "{\"dns\":true}" });
            b.add(T.addon, "raw-cni", { clusterName: "raw-cluster", addonName: "vpc-cni", configurationValues: "{\"mine\":true}" });
            assert.strictEqual(model(b).clusters.get("raw")!.cniConfiguration, "{\"mine\":true}");
            const none = vpc();
            none.add(T.eksCluster, "raw", { name: "raw-cluster" }, { id: "raw-cluster" });
            none.add(T.addon, "other-cni", { clusterName: "other", addonName: "vpc-cni", configurationValues: "{\"other\":true}" });
            assert.strictEqual(model(none).clusters.get("raw")!.cniConfiguration, undefined);
        });
    });

    describe("TargetGroupBindings", () => {
        /** Two clusters of the repository's component, each with its Kubernetes provider, and a target group. */
        function bound(): { b: NetBuilder; one: string; two: string } {
            const { b } = clientLan();
            const one = b.cluster("one", { ipFamily: "ipv4", subnets: ["subnet-a0"], sgs: [] }).providerRef;
            const two = b.cluster("two", { ipFamily: "ipv4", subnets: ["subnet-a1"], sgs: [] }).providerRef;
            b.targetGroup("tg", { targetType: "ip", port: 80 });
            return { b, one, two };
        }
        const targets = (b: NetBuilder) => model(b).targetGroups.get("arn:tg/tg")!.targets;

        it("the binding's provider names the cluster (the second one too); the Service's port wins over the target group's", () => {
            const { b, two } = bound();
            b.targetGroupBinding("web", two, "arn:tg/tg", "web-svc", 8080);
            assert.deepStrictEqual(targets(b), [{ kind: "pods", ref: "two", port: 8080, label: "web (TargetGroupBinding, Service web-svc)" }]);
        });

        it("without a serviceRef: the target group's port and Service '?'; targetGroupArn in either spelling", () => {
            const { b, one } = bound();
            b.add(T.tgBinding, "bare", { spec: { targetGroupArn: "arn:tg/tg" } }, { provider: one });
            assert.deepStrictEqual(targets(b), [{ kind: "pods", ref: "one", port: 80, label: "bare (TargetGroupBinding, Service ?)" }]);
        });

        it("a provider that is not in the graph: the binding's own parentage decides", () => {
            const { b } = bound();
            const root = b.resources.find((r) => r.type === T.repoEksCluster && r.name === "two")!;
            b.add(T.tgBinding, "inside", { spec: { targetGroupARN: "arn:tg/tg", serviceRef: { name: "s", port: 81 } } }, { parent: root.urn, provider: "urn:pulumi:synthetic::net::pulumi:providers:kubernetes::gone::prov-gone" });
            assert.deepStrictEqual(targets(b).map((t) => [t.ref, t.port]), [["two", 81]]);
        });

        it("notes: a target group not in the graph, a binding no cluster's provider created", () => {
            const { b } = bound();
            b.add(T.tgBinding, "lost-tg", { spec: { targetGroupARN: "arn:tg/gone" } }, { provider: "x::y" });
            b.add(T.tgBinding, "orphan", { spec: { targetGroupARN: "arn:tg/tg" } });
            b.add(T.tgBinding, "stray", { spec: { targetGroupARN: "arn:tg/tg" } }, { provider: "urn:pulumi:synthetic::net::pulumi:providers:kubernetes::gone::prov-gone" });
            const m = model(b);
            assert.deepStrictEqual(m.targetGroups.get("arn:tg/tg")!.targets, []);
            assert.deepStrictEqual(m.notes, [
                "TargetGroupBinding lost-tg names a target group that is not in the graph",
                "TargetGroupBinding orphan: cannot tell which cluster's provider created it",
                "TargetGroupBinding stray: cannot tell which cluster's provider created it",
            ]);
        });
    });

    describe("endpoints and instances recorded without outputs", () => {
        it("an endpoint without outputs has no state; an instance without outputs leaves the public IPv4 to its input, false for a non-boolean", () => {
            const b = vpc();
            raw(b, T.endpoint, "ep", { id: "vpce-1", inputs: { vpcEndpointType: "Interface", vpcId: "vpc-v" } });
            raw(b, T.instance, "i", { id: "i-1", inputs: { subnetId: "subnet-v0", associatePublicIpAddress: "yes" } });
            raw(b, T.instance, "j", { id: "i-2", inputs: { subnetId: "subnet-v0" } });
            const m = model(b);
            assert.strictEqual(m.endpoints.get("ep")!.state, undefined);
            assert.strictEqual(m.instances.get("i")!.publicV4, false);
            assert.strictEqual(m.instances.get("j")!.publicV4, undefined);
        });
    });
});
