/**
 * The packet walk of the reachability model (engine/reachability/walk.ts) at its edges: the hop
 * bound, subnets that are not in the graph, a subnet talking to itself, peerings whose peer VPC is
 * missing or has several CIDRs, a VPC attached to two transit gateways, NAT gateways with and
 * without their own subnet as the destination, internet gateway messages, unfollowed targets, and
 * the security group and network ACL evaluators' boundaries (ports -1, account references, rules
 * that only together cover a peer). Exact hops and drops, on small hand-built graphs.
 */
import * as assert from "assert";
import { analyzeGraph } from "../../engine/reachability/analyze";
import { buildModel, T, type Model, type NaclM } from "../../engine/reachability/model";
import { lookup, naclVerdict, sgCheck, walk, type External, type Packet } from "../../engine/reachability/walk";
import { NetBuilder, clientLan, peeredVpcs, tgwHub } from "../helpers/netFixture";
import { APP_TO_CLIENT, CLIENT_TO_APP, vpnWorld, vpnWorldClientApart } from "../helpers/vpnWorld";

const v4 = (src: string, dst: string, srcSgs: string[] = []): Packet => ({ family: "ipv4", src, dst, port: 80, srcSgs });
const v6 = (src: string, dst: string, srcSgs: string[] = []): Packet => ({ family: "ipv6", src, dst, port: 80, srcSgs });
const PORT80: { ports: [number, number] } = { ports: [80, 80] };
const external = (label: string, isPublic = false): External => ({ kind: "external", label, public: isPublic });

type Rule = [number, "allow" | "deny", string];
/** A custom network ACL on these subnets: all protocols, rules as [number, action, CIDR]. */
function nacl(b: NetBuilder, name: string, vpcId: string, subnetIds: string[], ingress: Rule[], egress: Rule[]): void {
    const rule = ([ruleNo, action, cidrBlock]: Rule) => ({ ruleNo, protocol: "-1", action, cidrBlock, fromPort: 0, toPort: 0 });
    b.add(T.nacl, name, { vpcId, subnetIds, ingress: ingress.map(rule), egress: egress.map(rule) }, { id: `acl-${name}` });
}
const ALLOW_ALL: Rule = [100, "allow", "0.0.0.0/0"];

describe("engine/reachability/walk: route lookup and network ACL evaluation", () => {
    it("longest prefix wins; among equal prefixes the first stays unless the preference puts a later one strictly first", () => {
        const routes = [
            { dest: "10.0.0.0/16", family: "ipv4" as const, id: "first" },
            { dest: "10.0.0.0/16", family: "ipv4" as const, id: "second" },
            { dest: "10.0.0.0/8", family: "ipv4" as const, id: "wide" },
            { dest: "::/0", family: "ipv6" as const, id: "v6" },
        ];
        assert.strictEqual(lookup(routes, "10.0.1.1/32")?.id, "first");
        assert.strictEqual(lookup(routes, "10.0.1.1/32", () => 0)?.id, "first", "a tie keeps the first");
        assert.strictEqual(lookup(routes, "10.0.1.1/32", (a) => (a.id === "second" ? -1 : 1))?.id, "second");
        assert.strictEqual(lookup(routes, "10.9.0.1/32")?.id, "wide");
        assert.strictEqual(lookup(routes, "2001:db8::1/128")?.id, "v6");
        assert.strictEqual(lookup(routes, "not-an-address"), undefined);
    });

    it("a network ACL decides nothing for a peer that is no CIDR, and nothing without an ACL", () => {
        const acl: NaclM = { id: "acl-x", name: "x", rules: [{ number: 100, egress: true, protocol: "-1", action: "deny", cidr: "0.0.0.0/0" }] };
        assert.strictEqual(naclVerdict(acl, true, "not-an-address", [80, 80]), undefined);
        assert.strictEqual(naclVerdict(undefined, true, "10.0.0.1/32", [80, 80]), undefined);
        assert.strictEqual(naclVerdict(acl, true, "10.0.0.1/32", [80, 80]), "network ACL acl-x (x) rule 100 denies egress to 0.0.0.0/0 on tcp/0-65535");
    });
});

describe("engine/reachability/walk: the walk's start, its own subnet and its bound", () => {
    it("names a start or destination subnet that is not in the graph", () => {
        const m = buildModel(clientLan().b.graph());
        assert.deepStrictEqual(walk(m, "subnet-zz", v4("10.1.0.0/24", "10.1.1.5/32"), "subnet-a1", PORT80), { ok: false, hops: [], drop: "subnet subnet-zz is not in the graph" });
        assert.deepStrictEqual(walk(m, "subnet-a0", v4("10.1.0.0/24", "10.1.1.5/32"), "subnet-zz", PORT80), { ok: false, hops: [], drop: "subnet subnet-zz is not in the graph" });
    });

    it("traffic within one subnet meets no network ACL and no route table; between subnets it meets both", () => {
        const { b } = clientLan();
        nacl(b, "a0", "vpc-a", ["subnet-a0"], [[90, "deny", "10.1.0.0/16"], ALLOW_ALL], [[90, "deny", "10.1.0.0/16"], ALLOW_ALL]);
        const m = buildModel(b.graph());
        const same = walk(m, "subnet-a0", v4("10.1.0.10/32", "10.1.0.20/32"), "subnet-a0", PORT80);
        assert.deepStrictEqual(same, { ok: true, hops: ["same subnet subnet-a0"], packet: v4("10.1.0.10/32", "10.1.0.20/32"), returnSubnet: "subnet-a0", nat: undefined });
        const across = walk(m, "subnet-a1", v4("10.1.1.10/32", "10.1.0.20/32"), "subnet-a0", PORT80);
        assert.deepStrictEqual(across, { ok: false, hops: ["route table rtb-a (a) of subnet subnet-a1 (a1, us-west-2b): 10.1.0.0/16 -> local"], drop: "network ACL acl-a0 (a0) rule 90 denies ingress from 10.1.0.0/16 on tcp/0-65535 (entering subnet subnet-a0 (a0, us-west-2a))" });
        const out = walk(m, "subnet-a0", v4("10.1.0.10/32", "10.1.1.20/32"), "subnet-a1", PORT80);
        assert.deepStrictEqual(out, { ok: false, hops: [], drop: "network ACL acl-a0 (a0) rule 90 denies egress to 10.1.0.0/16 on tcp/0-65535 (leaving subnet subnet-a0 (a0, us-west-2a))" });
    });

    it("a local route to an address no subnet of the graph holds delivers nowhere", () => {
        const m = buildModel(clientLan().b.graph());
        assert.deepStrictEqual(walk(m, "subnet-a0", v4("10.1.0.10/32", "10.1.200.5/32"), external("10.1.200.0/24"), PORT80), {
            ok: false, hops: [], drop: "route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a) delivers 10.1.200.5/32 locally in vpc-a, where no subnet of the graph holds 10.1.200.0/24",
        });
    });

    /**
     * A chain of `n` NAT gateways in one VPC (10.0.0.0/16): subnet s<i> routes 10.0.99.0/24 to NAT
     * gateway n<i> in s<i+1>; s<n> reaches the target subnet t (10.0.99.0/24) by its local route at step n.
     */
    function natChain(n: number): Model {
        const b = new NetBuilder();
        const vpc = b.vpc("c", "10.0.0.0/16");
        b.subnet("t", vpc, "us-west-2a", "10.0.99.0/24");
        b.routeTable("t", vpc, ["subnet-t"]);
        for (let i = 0; i <= n; i++) {
            b.subnet(`s${i}`, vpc, "us-west-2a", `10.0.${i}.0/24`);
            b.routeTable(`s${i}`, vpc, [`subnet-s${i}`]);
            if (i < n) b.route(`s${i}-nat`, `rtb-s${i}`, "10.0.99.0/24", { natGatewayId: `nat-${i}` });
            if (i > 0) b.add(T.nat, `n${i - 1}`, { subnetId: `subnet-s${i}`, privateIp: `10.0.${i}.5`, connectivityType: "private" }, { id: `nat-${i - 1}` });
        }
        return buildModel(b.graph());
    }

    it("follows at most 16 routing hops: a destination reached at the 16th arrives, one more hop is too many", () => {
        const ok = walk(natChain(15), "subnet-s0", v4("10.0.0.10/32", "10.0.99.10/32"), "subnet-t", PORT80);
        assert.ok(ok.ok, ok.ok ? "" : ok.drop);
        assert.strictEqual(ok.hops.length, 31, "15 NAT hops (route and translation) and the local delivery");
        assert.strictEqual(ok.packet.src, "10.0.15.5/32");
        const over = walk(natChain(16), "subnet-s0", v4("10.0.0.10/32", "10.0.99.10/32"), "subnet-t", PORT80);
        assert.strictEqual(over.ok, false);
        assert.strictEqual(over.ok ? "" : over.drop, "more than 16 routing hops from subnet subnet-s0 (s0, us-west-2a) [after route table rtb-s0 (s0) of subnet subnet-s0 (s0, us-west-2a): 10.0.99.0/24 -> nat-0 (s0-nat)]");
    });
});

describe("engine/reachability/walk: peerings", () => {
    it("a peering whose peer VPC is not in the graph has no CIDRs of either family", () => {
        const { b } = clientLan();
        b.peering("ghost", "vpc-a", "vpc-ghost");
        b.route("a-ghost-v6", "rtb-a", "2001:db8:9::/48", { vpcPeeringConnectionId: "pcx-ghost" });
        b.route("a-ghost-v4", "rtb-a", "10.9.0.0/16", { vpcPeeringConnectionId: "pcx-ghost" });
        const m = buildModel(b.graph());
        assert.strictEqual((walk(m, "subnet-a0", v6("2001:db8:1::10/128", "2001:db8:9::1/128"), external("2001:db8:9::/48"), PORT80) as { drop: string }).drop,
            "peering pcx-ghost (ghost) does not route transitively: 2001:db8:9::1/128 is not in vpc-ghost's ipv6 CIDRs (none)");
        assert.strictEqual((walk(m, "subnet-a0", v4("10.1.0.10/32", "10.9.0.1/32"), external("10.9.0.0/16"), PORT80) as { drop: string }).drop,
            "peering pcx-ghost (ghost) does not route transitively: 10.9.0.1/32 is not in vpc-ghost's ipv4 CIDRs (none)");
    });

    it("names every CIDR of the peer VPC's family when the destination is in none of them", () => {
        const b = peeredVpcs();
        b.add(T.ipv4Assoc, "b-secondary", { vpcId: "vpc-b", cidrBlock: "10.3.0.0/16" });
        b.route("a-to-far", "rtb-a", "10.4.0.0/16", { vpcPeeringConnectionId: "pcx-ab" });
        const m = buildModel(b.graph());
        assert.strictEqual((walk(m, "subnet-a0", v4("10.1.0.0/24", "10.4.0.5/32"), external("10.4.0.0/16"), PORT80) as { drop: string }).drop,
            "peering pcx-ab (ab) does not route transitively: 10.4.0.5/32 is not in b's ipv4 CIDRs (10.2.0.0/16, 10.3.0.0/16)");
    });

    it("an inter-region peering strips the sender's groups (and says so only when there were some); same-region keeps them", () => {
        const b = peeredVpcs().set(T.peering, "ab", "peerRegion", "us-east-1");
        const m = buildModel(b.graph());
        const via = "route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a): 10.2.0.0/16 -> pcx-ab (a-to-b-v4)";
        const into = "peering pcx-ab (ab) into b";
        const bare = walk(m, "subnet-a0", v4("10.1.0.0/24", "10.2.0.10/32"), "subnet-b0", PORT80);
        assert.ok(bare.ok);
        assert.deepStrictEqual([bare.hops, bare.packet.srcSgs, bare.packet.via], [[via, into], [], "peering-inter-region"]);
        const withSgs = walk(m, "subnet-a0", v4("10.1.0.0/24", "10.2.0.10/32", ["sg-nodes"]), "subnet-b0", PORT80);
        assert.ok(withSgs.ok);
        assert.deepStrictEqual([withSgs.hops, withSgs.packet.srcSgs], [[via, "security group references do not cross inter-region peering pcx-ab", into], []]);
        const same = walk(buildModel(peeredVpcs().graph()), "subnet-a0", v4("10.1.0.0/24", "10.2.0.10/32", ["sg-nodes"]), "subnet-b0", PORT80);
        assert.ok(same.ok);
        assert.deepStrictEqual([same.hops, same.packet.srcSgs, same.packet.via], [[via, into], ["sg-nodes"], "peering"]);
    });
});

describe("engine/reachability/walk: transit gateways", () => {
    it("uses the attachment of the gateway the route names when the VPC is attached to two", () => {
        const b = tgwHub(["subnet-x0"]);
        // Another gateway, attached to X first, whose table has no route to Y.
        const side = [b.add(T.tgw, "side", { defaultRouteTableAssociation: "enable", defaultRouteTablePropagation: "disable", associationDefaultRouteTableId: "tgw-rtb-side" }, { id: "tgw-side" }),
            b.add(T.tgwAttachment, "x-side", { transitGatewayId: "tgw-side", vpcId: "vpc-x", subnetIds: ["subnet-x0"], ipv6Support: "disable" }, { id: "tgw-attach-x-side" })];
        b.resources.splice(b.resources.length - 2, 2);
        b.resources.unshift(...side);
        const r = walk(buildModel(b.graph()), "subnet-x0", v4("10.10.0.0/24", "10.20.1.10/32"), "subnet-y1", PORT80);
        assert.ok(r.ok, r.ok ? "" : r.drop);
        assert.deepStrictEqual(r.hops, [
            "route table rtb-x (x) of subnet subnet-x0 (x0, us-west-2a): 10.20.0.0/16 -> tgw-hub (x-y-v4)",
            "transit gateway tgw-hub (hub) route table tgw-rtb-hub: 10.20.0.0/16 -> tgw-attach-y (propagated from y) into vpc-y via subnet-y0",
            "route table rtb-y (y) of subnet subnet-y0 (y0, us-west-2a): 10.20.0.0/16 -> local",
        ]);
    });

    it("a gateway table without a route says which table, with the IPv6 propagation hint only for IPv6", () => {
        const b = tgwHub(["subnet-x0"]);
        b.route("x-far-v4", "rtb-x", "10.99.0.0/16", { transitGatewayId: "tgw-hub" });
        b.route("x-far-v6", "rtb-x", "2001:db8:99::/48", { transitGatewayId: "tgw-hub" });
        const m = buildModel(b.graph());
        assert.strictEqual((walk(m, "subnet-x0", v4("10.10.0.0/24", "10.99.0.5/32"), external("10.99.0.0/16"), PORT80) as { drop: string }).drop,
            "transit gateway route table tgw-rtb-hub of tgw-hub (hub) has no route for 10.99.0.5/32");
        assert.strictEqual((walk(m, "subnet-x0", v6("2001:db8:0:a00::/64", "2001:db8:99::5/128"), external("2001:db8:99::/48"), PORT80) as { drop: string }).drop,
            "transit gateway route table tgw-rtb-hub of tgw-hub (hub) has no route for 2001:db8:99::5/128 (IPv6 CIDRs propagate only from attachments with ipv6Support enable)");
    });

    it("strips the sender's groups when references do not cross the gateway, and says so only when there were some", () => {
        const m = buildModel(tgwHub(["subnet-x0"]).graph());
        const bare = walk(m, "subnet-x0", v4("10.10.0.0/24", "10.20.1.10/32"), "subnet-y1", PORT80);
        assert.ok(bare.ok);
        assert.ok(!bare.hops.some((h) => h.startsWith("security group references")), bare.hops.join("\n"));
        const withSgs = walk(m, "subnet-x0", v4("10.10.0.0/24", "10.20.1.10/32", ["sg-fn"]), "subnet-y1", PORT80);
        assert.ok(withSgs.ok);
        assert.ok(withSgs.hops.includes("security group references do not cross tgw-hub: securityGroupReferencingSupport is not enabled on the gateway and both attachments"));
        assert.deepStrictEqual([withSgs.packet.srcSgs, withSgs.packet.via], [[], "tgw"]);
    });

    it("a drop after the gateway names the route the packet took from its own subnet", () => {
        const b = tgwHub(["subnet-x0"]);
        nacl(b, "y1", "vpc-y", ["subnet-y1"], [[90, "deny", "10.10.0.0/16"], ALLOW_ALL], [ALLOW_ALL]);
        const r = walk(buildModel(b.graph()), "subnet-x0", v4("10.10.0.0/24", "10.20.1.10/32"), "subnet-y1", PORT80);
        assert.strictEqual(r.ok ? "" : r.drop, "network ACL acl-y1 (y1) rule 90 denies ingress from 10.10.0.0/16 on tcp/0-65535 (entering subnet subnet-y1 (y1, us-west-2b)) [after route table rtb-x (x) of subnet subnet-x0 (x0, us-west-2a): 10.20.0.0/16 -> tgw-hub (x-y-v4)]");
    });

    it("walks without VPN data in the model", () => {
        const m = buildModel(tgwHub(["subnet-x0"]).graph());
        delete m.vpn;
        assert.ok(walk(m, "subnet-x0", v4("10.10.0.0/24", "10.20.1.10/32"), "subnet-y1", PORT80).ok);
    });

    it("a drop after the VPN hop names the route the packet took from its own subnet, in either direction", () => {
        const b = vpnWorld();
        nacl(b, "app", "vpc-onprem", ["subnet-op1"], [[90, "deny", "10.10.0.0/16"], ALLOW_ALL], [ALLOW_ALL]);
        const f = analyzeGraph(b.graph()).flows.find((x) => x.name === CLIENT_TO_APP)!;
        assert.strictEqual(f.drop, "instance client -> instance app: network ACL acl-app (app) rule 90 denies ingress from 10.10.0.0/16 on tcp/0-65535 (entering subnet subnet-op1 (op1, us-west-2a)) [after route table rtb-aws (aws) of subnet subnet-aws0 (aws0, us-west-2a): 10.50.0.0/16 -> tgw-hub (aws-to-onprem)]");
        const c = vpnWorldClientApart();
        nacl(c, "client", "vpc-aws", ["subnet-aws1"], [[90, "deny", "10.50.0.0/16"], ALLOW_ALL], [ALLOW_ALL]);
        const g = analyzeGraph(c.graph()).flows.find((x) => x.name === APP_TO_CLIENT)!;
        assert.strictEqual(g.drop, "instance app -> instance client: network ACL acl-client (client) rule 90 denies ingress from 10.50.0.0/16 on tcp/0-65535 (entering subnet subnet-aws1 (aws1, us-west-2a)) [after route table rtb-onprem (onprem) of subnet subnet-op1 (op1, us-west-2a): 10.10.0.0/16 -> eni-appliance (onprem-to-aws)]");
    });
});

describe("engine/reachability/walk: through the VPN toward an address no subnet holds", () => {
    it("walks through the tunnel in either direction and stops at the far VPC's local route", () => {
        const b = vpnWorld();
        b.egress("appl-out-all", "sg-appl", 80, "10.50.0.0/16");
        b.ingress("appl-in-all", "sg-appl", 80, "10.50.0.0/16");
        const m = buildModel(b.graph());
        const out = walk(m, "subnet-aws0", v4("10.10.0.10/32", "10.50.9.9/32"), external("10.50.9.0/24"), PORT80);
        assert.strictEqual(out.ok ? "" : out.drop, "route table rtb-onprem (onprem) of subnet subnet-op0 (op0, us-west-2a) delivers 10.50.9.9/32 locally in vpc-onprem, where no subnet of the graph holds 10.50.9.0/24 [after route table rtb-aws (aws) of subnet subnet-aws0 (aws0, us-west-2a): 10.50.0.0/16 -> tgw-hub (aws-to-onprem)]");
        const back = walk(m, "subnet-op1", v4("10.50.1.10/32", "10.10.9.9/32"), external("10.10.9.0/24"), PORT80);
        assert.strictEqual(back.ok ? "" : back.drop, "route table rtb-aws (aws) of subnet subnet-aws0 (aws0, us-west-2a) delivers 10.10.9.9/32 locally in vpc-aws, where no subnet of the graph holds 10.10.9.0/24 [after route table rtb-onprem (onprem) of subnet subnet-op1 (op1, us-west-2a): 10.10.0.0/16 -> eni-appliance (onprem-to-aws)]");
    });
});

describe("engine/reachability/walk: NAT gateways", () => {
    /**
     * VPC v (10.0.0.0/16): the NAT gateway nat-v (10.0.0.5) in pub (10.0.0.0/24); the client subnet
     * priv (10.0.1.0/24) routes 10.0.2.0/24 (subnet other) and 10.0.0.128/25 (the upper half of pub) to it.
     */
    function natWorld(natProps: Record<string, unknown> = { subnetId: "subnet-pub", privateIp: "10.0.0.5" }): NetBuilder {
        const b = new NetBuilder();
        const v = b.vpc("v", "10.0.0.0/16", "2001:db8:7::/56");
        b.subnet("pub", v, "us-west-2a", "10.0.0.0/24");
        b.subnet("priv", v, "us-west-2a", "10.0.1.0/24", "2001:db8:7:1::/64");
        b.subnet("other", v, "us-west-2a", "10.0.2.0/24");
        b.routeTable("pub", v, ["subnet-pub", "subnet-other"]);
        b.routeTable("priv", v, ["subnet-priv"]);
        b.add(T.nat, "nat", { connectivityType: "private", ...natProps }, { id: "nat-v" });
        b.route("priv-other", "rtb-priv", "10.0.2.0/24", { natGatewayId: "nat-v" });
        b.route("priv-pub-upper", "rtb-priv", "10.0.0.128/25", { natGatewayId: "nat-v" });
        b.route("priv-nat64", "rtb-priv", "64:ff9b::/96", { natGatewayId: "nat-v" });
        return b;
    }

    it("translates the source, drops the sender's groups, and records where the reply is translated back", () => {
        const m = buildModel(natWorld().graph());
        const r = walk(m, "subnet-priv", v4("10.0.1.10/32", "10.0.2.10/32", ["sg-client"]), "subnet-other", PORT80);
        assert.deepStrictEqual(r, {
            ok: true,
            hops: [
                "route table rtb-priv (priv) of subnet subnet-priv (priv, us-west-2a): 10.0.2.0/24 -> nat-v (priv-other)",
                "NAT gateway nat-v (nat): SNAT 10.0.1.10/32 -> 10.0.0.5/32",
                "route table rtb-pub (pub) of subnet subnet-pub (pub, us-west-2a): 10.0.0.0/16 -> local",
            ],
            packet: { family: "ipv4", src: "10.0.0.5/32", dst: "10.0.2.10/32", port: 80, srcSgs: [], publicV4: false },
            returnSubnet: "subnet-pub",
            nat: { natSubnet: "subnet-pub", clientSubnet: "subnet-priv", src: "10.0.1.10/32", dst: "10.0.2.10/32" },
        });
        const r64 = walk(m, "subnet-priv", v6("2001:db8:7:1::10/128", "64:ff9b::a00:20a/128", ["sg-client"]), "subnet-other", PORT80);
        assert.ok(r64.ok, r64.ok ? "" : r64.drop);
        assert.deepStrictEqual(r64.packet, { family: "ipv4", src: "10.0.0.5/32", dst: "10.0.2.10/32", port: 80, srcSgs: [], publicV4: false });
    });

    it("a NAT gateway without a readable address or subnet translates nothing", () => {
        for (const props of [{ subnetId: "subnet-pub", privateIp: "not-an-ip" }, { subnetId: "subnet-gone" }]) {
            const r = walk(buildModel(natWorld(props).graph()), "subnet-priv", v4("10.0.1.10/32", "10.0.2.10/32"), "subnet-other", PORT80);
            assert.deepStrictEqual(r, { ok: false, hops: [], drop: "NAT gateway nat-v (nat) has no subnet or address in the graph" }, JSON.stringify(props));
        }
        const fromSubnet = walk(buildModel(natWorld({ subnetId: "subnet-pub" }).graph()), "subnet-priv", v4("10.0.1.10/32", "10.0.2.10/32"), "subnet-other", PORT80);
        assert.ok(fromSubnet.ok, "without privateIp the NAT gateway's address is its subnet's block");
        assert.strictEqual(fromSubnet.packet.src, "10.0.0.0/24");
    });

    it("the NAT gateway's subnet checks the translated packet on its way out to another subnet", () => {
        const b = natWorld();
        nacl(b, "pub", "vpc-v", ["subnet-pub"], [ALLOW_ALL], [[90, "deny", "10.0.2.0/24"], ALLOW_ALL]);
        const r = walk(buildModel(b.graph()), "subnet-priv", v4("10.0.1.10/32", "10.0.2.10/32"), "subnet-other", PORT80);
        assert.deepStrictEqual(r, {
            ok: false,
            hops: ["route table rtb-priv (priv) of subnet subnet-priv (priv, us-west-2a): 10.0.2.0/24 -> nat-v (priv-other)", "NAT gateway nat-v (nat): SNAT 10.0.1.10/32 -> 10.0.0.5/32"],
            drop: "network ACL acl-pub (pub) rule 90 denies egress to 10.0.2.0/24 on tcp/0-65535 (out of NAT gateway nat-v's subnet subnet-pub (pub, us-west-2a))",
        });
    });

    it("a destination in the NAT gateway's own subnet meets none of that subnet's rules after translation (it never leaves the subnet)", () => {
        const b = natWorld();
        // The request enters pub from priv (inbound by source 10.0.1.0/24: allowed); after translation it
        // goes from the NAT gateway to an interface of the same subnet: no network ACL sees it.
        nacl(b, "pub", "vpc-v", ["subnet-pub"], [[90, "deny", "10.0.0.0/24"], ALLOW_ALL], [[90, "deny", "10.0.0.0/24"], ALLOW_ALL]);
        const r = walk(buildModel(b.graph()), "subnet-priv", v4("10.0.1.10/32", "10.0.0.200/32"), "subnet-pub", PORT80);
        assert.ok(r.ok, r.ok ? "" : r.drop);
        assert.deepStrictEqual(r.hops, [
            "route table rtb-priv (priv) of subnet subnet-priv (priv, us-west-2a): 10.0.0.128/25 -> nat-v (priv-pub-upper)",
            "NAT gateway nat-v (nat): SNAT 10.0.1.10/32 -> 10.0.0.5/32",
            "route table rtb-pub (pub) of subnet subnet-pub (pub, us-west-2a): 10.0.0.0/16 -> local",
        ]);
        // The same rules still check the request entering the NAT gateway's subnet.
        const c = natWorld();
        nacl(c, "pub", "vpc-v", ["subnet-pub"], [[90, "deny", "10.0.1.0/24"], ALLOW_ALL], [ALLOW_ALL]);
        const s = walk(buildModel(c.graph()), "subnet-priv", v4("10.0.1.10/32", "10.0.0.200/32"), "subnet-pub", PORT80);
        assert.strictEqual(s.ok ? "" : s.drop, "network ACL acl-pub (pub) rule 90 denies ingress from 10.0.1.0/24 on tcp/0-65535 (into NAT gateway nat-v's subnet subnet-pub (pub, us-west-2a))");
    });

    it("a client in the NAT gateway's own subnet that routes to it comes back to its subnet: a loop, not a network ACL drop", () => {
        const b = natWorld();
        b.route("pub-via-nat", "rtb-pub", "10.0.2.0/24", { natGatewayId: "nat-v" });
        nacl(b, "pub", "vpc-v", ["subnet-pub"], [[90, "deny", "10.0.0.0/24"], ALLOW_ALL], [ALLOW_ALL]);
        const r = walk(buildModel(b.graph()), "subnet-pub", v4("10.0.0.10/32", "10.0.2.10/32"), "subnet-other", PORT80);
        assert.strictEqual(r.ok ? "" : r.drop, "routing loop: 10.0.2.10/32 comes back to subnet subnet-pub (pub, us-west-2a) [after route table rtb-pub (pub) of subnet subnet-pub (pub, us-west-2a): 10.0.2.0/24 -> nat-v (pub-via-nat)]");
    });
});

describe("engine/reachability/walk: internet gateways and targets the walk does not follow", () => {
    function igwWorld(): NetBuilder {
        const { b } = clientLan();
        b.add(T.igw, "igw", { vpcId: "vpc-a" }, { id: "igw-a" });
        b.route("a-default", "rtb-a", "0.0.0.0/0", { gatewayId: "igw-a" });
        const z = b.vpc("z", "10.9.0.0/16");
        b.subnet("z0", z, "us-west-2a", "10.9.0.0/24");
        b.routeTable("z", z, ["subnet-z0"]);
        return b;
    }

    it("delivers to the internet through the gateway: the route, then the delivery", () => {
        const r = walk(buildModel(igwWorld().graph()), "subnet-a0", { ...v4("10.1.0.10/32", "203.0.113.5/32"), publicV4: true }, external("the internet", true), PORT80);
        assert.ok(r.ok, r.ok ? "" : r.drop);
        assert.deepStrictEqual(r.hops, ["route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a): 0.0.0.0/0 -> igw-a (a-default)", "internet gateway igw-a delivers to the internet"]);
    });

    it("a private destination behind the internet gateway route names its VPC", () => {
        const r = walk(buildModel(igwWorld().graph()), "subnet-a0", v4("10.1.0.10/32", "10.9.0.5/32"), "subnet-z0", PORT80);
        assert.strictEqual(r.ok ? "" : r.drop, "route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a) sends 10.9.0.5/32 to the internet gateway igw-a (0.0.0.0/0, a-default), but the destination is a private address in vpc-z");
    });

    it("a target the walk does not follow drops the flow, and leaves it undecided only for an external destination", () => {
        const { b } = clientLan();
        b.route("a-vgw", "rtb-a", "10.60.0.0/16", { gatewayId: "vgw-a" });
        const z = b.vpc("z", "10.60.0.0/16");
        b.subnet("z0", z, "us-west-2a", "10.60.0.0/24");
        const m = buildModel(b.graph());
        const why = "route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a) sends 10.60.0.5/32 to vgw-a, a target the model does not follow";
        assert.deepStrictEqual(walk(m, "subnet-a0", v4("10.1.0.10/32", "10.60.0.5/32"), "subnet-z0", PORT80), { ok: false, hops: [], drop: why });
        assert.strictEqual(m.undecided.size, 0);
        assert.deepStrictEqual(walk(m, "subnet-a0", v4("10.1.0.10/32", "10.60.0.5/32"), external("10.60.0.0/16"), PORT80), { ok: false, hops: [], drop: why });
        assert.deepStrictEqual([...m.undecided], [why]);
    });
});

describe("engine/reachability/walk: security group evaluation", () => {
    function sgWorld(): Model {
        const { b } = clientLan();
        const rule = (name: string, sg: string, props: Record<string, unknown>, dir: string = T.sgIngress) => b.add(dir, name, { securityGroupId: sg, ...props }, { id: `sgr-${name}` });
        b.sg("any", "vpc-a");
        rule("any-ports", "sg-any", { ipProtocol: "tcp", fromPort: -1, toPort: -1, cidrIpv4: "10.0.0.0/8" });
        b.sg("low", "vpc-a");
        rule("low-ports", "sg-low", { ipProtocol: "tcp", fromPort: -1, toPort: 80, cidrIpv4: "10.0.0.0/8" });
        b.sg("high", "vpc-a");
        rule("high-ports", "sg-high", { ipProtocol: "tcp", fromPort: 500, toPort: -1, cidrIpv4: "10.0.0.0/8" });
        b.sg("ref", "vpc-a");
        rule("ref-peer", "sg-ref", { ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-peer" });
        b.sg("acct", "vpc-a");
        rule("acct-peer", "sg-acct", { ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "111122223333/sg-peer" });
        b.sg("pl", "vpc-a");
        rule("pl-rule", "sg-pl", { ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: "pl-missing" });
        b.sg("lo", "vpc-a");
        b.sg("hi", "vpc-a");
        rule("lo-half", "sg-lo", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.5.0.0/25" });
        rule("hi-half", "sg-hi", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.5.0.128/25" });
        rule("lo-half-out", "sg-lo", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.5.0.0/25" }, T.sgEgress);
        rule("hi-half-out", "sg-hi", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.5.0.128/25" }, T.sgEgress);
        b.sg("refout", "vpc-a");
        rule("refout-peer", "sg-refout", { ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-peer" }, T.sgEgress);
        return buildModel(b.graph());
    }

    it("ports -1 to -1 on a TCP rule mean every port; -1 at one end only does not", () => {
        const m = sgWorld();
        assert.deepStrictEqual(sgCheck(m, ["sg-any"], "ingress", "10.1.0.10/32", [], 443, "x"), { ok: true, detail: "security group sg-any (any) any-ports: tcp/443 from 10.0.0.0/8" });
        assert.strictEqual(sgCheck(m, ["sg-low"], "ingress", "10.1.0.10/32", [], 443, "x").ok, false);
        assert.strictEqual(sgCheck(m, ["sg-low"], "ingress", "10.1.0.10/32", [], 80, "x").ok, true);
        assert.strictEqual(sgCheck(m, ["sg-high"], "ingress", "10.1.0.10/32", [], 443, "x").ok, false);
    });

    it("a group reference matches within a VPC and over same-Region peering, not over inter-region peering", () => {
        const m = sgWorld();
        assert.deepStrictEqual(sgCheck(m, ["sg-ref"], "ingress", "10.1.0.10/32", ["sg-peer"], 443, "x", "local"), { ok: true, byReference: true, detail: "security group sg-ref (ref) ref-peer: tcp/443 from members of sg-peer" });
        assert.strictEqual(sgCheck(m, ["sg-ref"], "ingress", "10.1.0.10/32", ["sg-peer"], 443, "x", "peering").ok, true);
        assert.deepStrictEqual(sgCheck(m, ["sg-ref"], "ingress", "10.1.0.10/32", ["sg-peer"], 443, "x", "peering-inter-region"), {
            ok: false, detail: "security group sg-ref (ref) of x admits tcp/443 only from members of sg-peer, not 10.1.0.10/32 (group references do not match across inter-region peering)",
        });
    });

    it("another account's group matches only over peering", () => {
        const m = sgWorld();
        assert.strictEqual(sgCheck(m, ["sg-acct"], "ingress", "10.1.0.10/32", ["sg-peer"], 443, "x", "peering").ok, true);
        assert.deepStrictEqual(sgCheck(m, ["sg-acct"], "ingress", "10.1.0.10/32", ["sg-peer"], 443, "x", "local"), { ok: false, detail: "security group sg-acct (acct) of x admits tcp/443 only from members of 111122223333/sg-peer, not 10.1.0.10/32" });
        assert.strictEqual(sgCheck(m, ["sg-acct"], "ingress", "10.1.0.10/32", ["sg-peer"], 443, "x", "tgw").ok, false);
    });

    it("names a prefix list that is not in the graph among what the rules allow, and leaves the answer undecided", () => {
        const m = sgWorld();
        assert.deepStrictEqual(sgCheck(m, ["sg-pl"], "ingress", "10.1.0.10/32", [], 443, "x"), { ok: false, detail: "security group sg-pl (pl) of x admits tcp/443 only from prefix list pl-missing, not 10.1.0.10/32" });
        assert.deepStrictEqual([...m.undecided], ["security group sg-pl (pl) rule pl-rule uses prefix list pl-missing, which is not in the graph"]);
    });

    it("two groups whose rules only together cover the peer admit it, naming both, in either direction", () => {
        const m = sgWorld();
        assert.deepStrictEqual(sgCheck(m, ["sg-lo", "sg-hi"], "ingress", "10.5.0.0/24", [], 443, "x"), { ok: true, detail: "security groups sg-lo, sg-hi rules lo-half (10.5.0.0/25), hi-half (10.5.0.128/25) together cover tcp/443 from 10.5.0.0/24" });
        assert.deepStrictEqual(sgCheck(m, ["sg-lo", "sg-hi"], "egress", "10.5.0.0/24", [], 443, "x"), { ok: true, detail: "security groups sg-lo, sg-hi rules lo-half-out (10.5.0.0/25), hi-half-out (10.5.0.128/25) together cover tcp/443 to 10.5.0.0/24" });
        assert.strictEqual(sgCheck(m, ["sg-lo"], "ingress", "10.5.0.0/24", [], 443, "x").ok, false, "one half is not enough");
    });

    it("explains a reference that cannot cross a transit gateway only for outbound rules", () => {
        const m = sgWorld();
        assert.deepStrictEqual(sgCheck(m, ["sg-refout"], "egress", "10.1.0.10/32", ["sg-other"], 443, "x", "tgw"), { ok: false, detail: "security group sg-refout (refout) of x allows egress on tcp/443 only to members of sg-peer, not 10.1.0.10/32 (outbound rules cannot reference groups across a transit gateway)" });
        assert.deepStrictEqual(sgCheck(m, ["sg-refout"], "egress", "10.1.0.10/32", ["sg-other"], 443, "x", "local"), { ok: false, detail: "security group sg-refout (refout) of x allows egress on tcp/443 only to members of sg-peer, not 10.1.0.10/32" });
        assert.deepStrictEqual(sgCheck(m, ["sg-ref"], "ingress", "10.1.0.10/32", ["sg-other"], 443, "x", "tgw"), { ok: false, detail: "security group sg-ref (ref) of x admits tcp/443 only from members of sg-peer, not 10.1.0.10/32" });
    });
});
