/**
 * Tier 5 for the Site-to-Site VPN: the onprem-vpn-ipv4-egress flow is proven through the VPN
 * attachment and the appliance, hop by hop, and breaking each piece the path relies on (the
 * gateway's static route, the appliance's source/destination check, its security group, the
 * return routes to its interface, the tunnels' family and traffic selectors, the customer
 * gateway's address) blocks it with a reason that names that piece.
 */
import * as assert from "assert";
import { analyzeGraph, type FlowResult } from "../../engine/reachability/analyze";
import { buildModel, T } from "../../engine/reachability/model";
import type { Graph } from "../../engine/graph";
import { cloneGraph, graphOf } from "../helpers/graphs";

const S = "onprem-vpn-ipv4-egress";
const V4 = /over IPv4 \(v4if0 SNAT\)/;
const V6 = /over IPv6/;

function flow(g: Graph, name: RegExp): FlowResult {
    const f = analyzeGraph(g).flows.find((x) => name.test(x.name));
    assert.ok(f, `no flow matching ${name}`);
    return f;
}

function edit(g: Graph, type: string, name: RegExp, change: (r: Graph["resources"][number]) => void): Graph {
    const c = cloneGraph(g);
    const hit = c.resources.filter((r) => r.type === type && name.test(r.name));
    assert.ok(hit.length > 0, `no ${type} named ${name}`);
    hit.forEach(change);
    return c;
}

function without(g: Graph, type: string, name: RegExp): Graph {
    const c = cloneGraph(g);
    const before = c.resources.length;
    c.resources = c.resources.filter((r) => !(r.type === type && name.test(r.name)));
    assert.ok(c.resources.length < before, `nothing removed: no ${type} named ${name}`);
    return c;
}

const set = (key: string, value: unknown) => (r: Graph["resources"][number]) => {
    r.inputs[key] = value;
    r.outputs[key] = value;
};

async function blocked(mutate: (g: Graph) => Graph, reason: RegExp, status: FlowResult["status"] = "blocked"): Promise<void> {
    const g = await graphOf(S);
    assert.ok(flow(g, V4).holds, "baseline must hold");
    const f = flow(mutate(g), V4);
    assert.strictEqual(f.status, status, `${f.status}: ${f.drop}`);
    assert.strictEqual(f.holds, status === "unknown");
    assert.match(f.drop ?? "", reason);
}

describe("engine/reachability: Site-to-Site VPN (onprem-vpn-ipv4-egress)", () => {
    it("reads the VPN connection, its attachment and the appliance that terminates it", async () => {
        const m = buildModel(await graphOf(S));
        assert.strictEqual(m.vpn?.connections.length, 1);
        const c = m.vpn!.connections[0];
        assert.deepStrictEqual([c.name, c.staticOnly, c.insideIpVersion, c.local, c.remote, c.appliance?.name, c.appliance?.sourceDestCheck], ["hub-vpn", true, "ipv4", "10.50.0.0/16", "10.10.0.0/16", "vpn-appliance", false]);
        // The VPN attachment is associated with the gateway's default route table, like the VPC attachment.
        const vpc = [...m.tgwAttachments.values()][0];
        assert.strictEqual(m.tgwAssociation.get(c.attachmentId!), m.tgwAssociation.get(vpc.id));
        assert.ok(m.vpn!.byEni.get(c.appliance!.eni!), "the appliance is found by its network interface");
    });

    it("proves pod -> app over IPv4 through the gateway's static route, the tunnel and the appliance, and the reply back through it", async () => {
        const f = flow(await graphOf(S), V4);
        assert.strictEqual(f.status, "proven", f.drop);
        const path = (f.path ?? []).join("\n");
        for (const hop of [
            /SNAT v4if0 169\.254\.172\.0\/22 -> node primary IPv4/,
            /10\.50\.0\.0\/16 -> tgw-/,
            /10\.50\.0\.0\/16 -> VPN attachment tgw-attach-\w+ \(hub-onprem-0\)/,
            /VPN connection vpn-\w+ \(hub-vpn, static routes\): IPsec tunnel to customer gateway 198\.51\.100\.\d+ = instance i-\w+ \(vpn-appliance\)/,
            /vpn-appliance-fwd-80: tcp\/80 to 10\.50\.0\.0\/16/,
            /onprem-app-in-0: tcp\/80 from 10\.10\.0\.0\/16/,
            /reply routes back: .*10\.10\.0\.0\/16 -> eni-\w+ \(vpn-appliance-0-to-aws-0\)/,
        ]) assert.match(path, hop);
    });

    it("denies the IPv6 flow: the app has no IPv6 address", async () => {
        const f = flow(await graphOf(S), V6);
        assert.deepStrictEqual([f.status, f.holds], ["blocked", true]);
        assert.match(f.drop ?? "", /instance onprem-app has no ipv6 address/);
    });

    it("an IPv6 packet toward the VPN attachment has no tunnel when the tunnels carry IPv4", async () => {
        // Give the app an IPv6 address and route IPv6 to the VPN: the tunnels still carry IPv4 only.
        const g = await graphOf(S);
        const c = cloneGraph(g);
        const app = c.resources.find((r) => r.type === T.instance && r.name === "onprem-app")!;
        app.outputs.ipv6Addresses = ["2001:db8:ffff::10"];
        const sub = c.resources.find((r) => r.type === T.subnet && r.outputs.id === app.outputs.subnetId)!;
        sub.outputs.ipv6CidrBlock = "2001:db8:ffff::/64";
        const vpnRoute = c.resources.find((r) => r.type === T.tgwRoute)!;
        c.resources.push({ ...vpnRoute, urn: `${vpnRoute.urn}-v6`, name: "hub-onprem-v6", inputs: { ...vpnRoute.inputs, destinationCidrBlock: "2001:db8:ffff::/64" }, outputs: { ...vpnRoute.outputs, destinationCidrBlock: "2001:db8:ffff::/64" } });
        for (const rt of c.resources.filter((r) => r.type === T.route && /hub-clusterVpc-\d-to-onprem/.test(r.name))) {
            c.resources.push({ ...rt, urn: `${rt.urn}-v6`, name: `${rt.name}-v6`, inputs: { ...rt.inputs, destinationCidrBlock: undefined, destinationIpv6CidrBlock: "2001:db8:ffff::/64" }, outputs: { ...rt.outputs, destinationCidrBlock: undefined, destinationIpv6CidrBlock: "2001:db8:ffff::/64" } });
        }
        const f = flow(c, V6);
        assert.strictEqual(f.status, "blocked");
        assert.match(f.drop ?? "", /VPN connection vpn-\w+ \(hub-vpn\) carries IPv4 only \(tunnelInsideIpVersion ipv4\); a ipv6 packet has no tunnel/);
    });

    it("without the gateway's static route the gateway has no route to the on-premises CIDR (a static VPN propagates nothing)", () =>
        blocked((g) => without(g, T.tgwRoute, /^hub-onprem-0$/), /transit gateway route table tgw-rtb-\w+ of tgw-\w+ \(hub\) has no route for 10\.50\.0\.\d+\/32/));

    it("the appliance with source/destination checking on drops what it forwards", () =>
        blocked((g) => edit(g, T.instance, /^vpn-appliance$/, set("sourceDestCheck", true)), /instance i-\w+ \(vpn-appliance\) terminates the VPN but has source\/destination checking on/));

    it("the appliance's security group must let the forwarded app port out", () =>
        blocked((g) => without(g, T.sgEgress, /^vpn-appliance-fwd-80$/), /security group sg-\w+ \(vpn-appliance\) of VPN appliance vpn-appliance \(forwarding\) allows egress on tcp\/80 from nothing/));

    it("a network ACL on the appliance's subnet that denies the app's network drops what the appliance forwards", () =>
        blocked((g) => {
            const c = cloneGraph(g);
            const appliance = c.resources.find((r) => r.type === T.instance && r.name === "vpn-appliance")!;
            const rule = (n: number, action: string, cidr: string) => ({ ruleNo: n, protocol: "-1", action, cidrBlock: cidr, fromPort: 0, toPort: 0 });
            const nacl = { urn: "urn:pulumi:s::p::aws:ec2/networkAcl:NetworkAcl::appliance-acl", type: T.nacl, name: "appliance-acl", id: "acl-appliance", custom: true, dependencies: [], inputs: {
                vpcId: appliance.outputs.vpcId, subnetIds: [appliance.outputs.subnetId],
                ingress: [rule(100, "allow", "0.0.0.0/0")], egress: [rule(90, "deny", "10.50.0.0/16"), rule(100, "allow", "0.0.0.0/0")],
            }, outputs: {} };
            c.resources.push(nacl as unknown as Graph["resources"][number]);
            return c;
        }, /network ACL acl-appliance \(appliance-acl\) rule 90 denies egress to 10\.50\.0\.0\/16 .*\(leaving VPN appliance vpn-appliance's subnet/));

    it("without the on-premises routes to the appliance the reply cannot return", () =>
        blocked((g) => without(g, T.route, /^vpn-appliance-\d-to-aws-0$/), /reply from instance onprem-app to 10\.10\.\d+\.0\/20 cannot return: route table rtb-\w+ \(onprem-vpc-private-0\) .* has no route for 10\.10\./));

    it("traffic selectors that leave out the cluster VPC drop the flow", () =>
        blocked((g) => edit(g, T.vpnConnection, /^hub-vpn$/, set("remoteIpv4NetworkCidr", "10.99.0.0/16")), /outside its AWS-side traffic selector remoteIpv4NetworkCidr 10\.99\.0\.0\/16/));

    it("traffic selectors that leave out the app drop the flow", () =>
        blocked((g) => edit(g, T.vpnConnection, /^hub-vpn$/, set("localIpv4NetworkCidr", "192.168.0.0/16")), /10\.50\.0\.\d+\/32 is outside its customer-side traffic selector localIpv4NetworkCidr 192\.168\.0\.0\/16/));

    it("a customer gateway address that is no Elastic IP in the graph leaves the far side undecided", () =>
        blocked((g) => edit(g, T.customerGateway, /^hub-cgw$/, set("ipAddress", "203.0.113.77")), /customer gateway 203\.0\.113\.77, which is not the Elastic IP of an instance in the graph/, "unknown"));

    it("with BGP and no static route, the gateway may learn the on-premises CIDR at run time: undecided, naming the connection", () =>
        blocked((g) => edit(without(g, T.tgwRoute, /^hub-onprem-0$/), T.vpnConnection, /^hub-vpn$/, set("staticRoutesOnly", false)), /undecided: transit gateway route table tgw-rtb-\w+ has no route for 10\.50\.0\.\d+\/32 in the graph, but BGP VPN connection hub-vpn propagates into it/, "unknown"));

    it("without the Elastic IP's association the appliance is not the customer gateway device", () =>
        blocked((g) => without(g, T.eipAssoc, /^vpn-appliance$/), /not the Elastic IP of an instance in the graph/, "unknown"));

    it("a gateway without default route table association leaves its attachments (the VPN one too) without a route table", () =>
        blocked((g) => edit(g, T.tgw, /^hub$/, set("defaultRouteTableAssociation", "disable")), /associated with no transit gateway route table/));
});
