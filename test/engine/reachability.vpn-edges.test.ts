/**
 * The Site-to-Site VPN hop of the reachability model (engine/reachability/vpn.ts) on a small
 * synthetic world (test/helpers/vpnWorld.ts): how the connection, its attachment, the customer
 * gateway and the appliance behind it are read from the resources (each property, its default,
 * values that are not strings), and every way through the tunnel in both directions, with the
 * exact hop or drop a user reads.
 */
import * as assert from "assert";
import { analyzeGraph, type FlowResult } from "../../engine/reachability/analyze";
import { buildModel, T, type Model } from "../../engine/reachability/model";
import { vpnBgpUndecided, vpnFromAppliance, vpnFromTransitGateway, type VpnConnectionM } from "../../engine/reachability/vpn";
import type { GraphResource } from "../../engine/graph";
import type { NetBuilder } from "../helpers/netFixture";
import { APP_TO_CLIENT, CLIENT_TO_APP, vpnWorld, vpnWorldClientApart } from "../helpers/vpnWorld";

function flow(b: NetBuilder, name: string): FlowResult {
    const f = analyzeGraph(b.graph()).flows.find((x) => x.name === name);
    assert.ok(f, `no flow ${name}`);
    return f;
}

/** The one resource of this type and name. */
function res(b: NetBuilder, type: string, name: string): GraphResource {
    const r = b.resources.find((x) => x.type === type && x.name === name);
    assert.ok(r, `no ${type} named ${name}`);
    return r;
}

/** Deletes a property from inputs and outputs. */
function unset(b: NetBuilder, type: string, name: string, key: string): NetBuilder {
    const r = res(b, type, name);
    delete r.inputs[key];
    delete r.outputs[key];
    return b;
}

/** Adds a resource before all others (the model then meets it first). */
function prepend(b: NetBuilder, ...args: Parameters<NetBuilder["add"]>): void {
    const r = b.add(...args);
    b.resources.splice(b.resources.indexOf(r), 1);
    b.resources.unshift(r);
}

function connection(m: Model, name = "vpn"): VpnConnectionM {
    const c = m.vpn!.connections.find((x) => x.name === name);
    assert.ok(c, `no VPN connection ${name}`);
    return c;
}

const modelOf = (b: NetBuilder) => buildModel(b.graph());
const applianceOf = (b: NetBuilder) => connection(modelOf(b)).appliance;

const BLOCKED_CLIENT = "instance client -> instance app: ";
const BLOCKED_APP = "instance app -> instance client: ";

describe("engine/reachability/vpn: reading connections, customer gateways and appliances", () => {
    it("reads the world's connection, attachment, association and appliance", () => {
        const m = modelOf(vpnWorld());
        assert.deepStrictEqual(m.vpn!.connections, [{
            id: "vpn-onprem", name: "vpn", tgwId: "tgw-hub", attachmentId: "tgw-attach-vpn", staticOnly: true, insideIpVersion: "ipv4",
            local: "10.50.0.0/16", remote: "10.10.0.0/16", customerGatewayIp: "198.51.100.7",
            appliance: { id: "i-appliance", name: "appliance", subnetId: "subnet-op0", eni: "eni-appliance", sourceDestCheck: false, securityGroups: ["sg-appl"] },
        }]);
        assert.deepStrictEqual([...m.vpn!.byAttachment.keys()], ["tgw-attach-vpn"]);
        assert.deepStrictEqual([...m.vpn!.byEni.keys()], ["eni-appliance"]);
        assert.deepStrictEqual(m.vpn!.byEni.get("eni-appliance")!.connections.map((c) => c.name), ["vpn"]);
        assert.strictEqual(m.vpn!.bgpInto.size, 0, "a static VPN propagates nothing");
        assert.strictEqual(m.tgwAssociation.get("tgw-attach-vpn"), "tgw-rtb-hub", "default association covers the VPN attachment");
        assert.deepStrictEqual(m.notes, []);
    });

    it("reads staticRoutesOnly as a boolean or its string, and defaults to BGP (false) with a note", () => {
        const cases: [unknown, boolean][] = [[true, true], ["true", true], [false, false], ["false", false], [undefined, false]];
        for (const [value, staticOnly] of cases) {
            const b = vpnWorld();
            if (value === undefined) unset(b, T.vpnConnection, "vpn", "staticRoutesOnly");
            else b.set(T.vpnConnection, "vpn", "staticRoutesOnly", value);
            const m = modelOf(b);
            assert.strictEqual(connection(m).staticOnly, staticOnly, `staticRoutesOnly ${String(value)}`);
            assert.deepStrictEqual(m.notes, staticOnly ? [] : ["VPN connection vpn uses BGP: the routes its customer gateway advertises are learned at run time and are not in the graph"]);
        }
    });

    it("reads the appliance's sourceDestCheck as a boolean or its string, and defaults to on (EC2's default)", () => {
        const cases: [unknown, boolean][] = [[false, false], ["false", false], [true, true], ["true", true], [undefined, true]];
        for (const [value, check] of cases) {
            const b = vpnWorld();
            if (value === undefined) unset(b, T.instance, "appliance", "sourceDestCheck");
            else b.set(T.instance, "appliance", "sourceDestCheck", value);
            assert.strictEqual(applianceOf(b)?.sourceDestCheck, check, `sourceDestCheck ${String(value)}`);
        }
    });

    it("takes the appliance's groups from vpcSecurityGroupIds and securityGroups, skipping empty and non-string entries", () => {
        const b = vpnWorld().set(T.instance, "appliance", "vpcSecurityGroupIds", ["sg-appl", "", 7, null]).set(T.instance, "appliance", "securityGroups", ["sg-legacy"]);
        assert.deepStrictEqual(applianceOf(b)?.securityGroups, ["sg-appl", "sg-legacy"]);
    });

    it("reads the appliance's interface from its outputs only (the primary interface exists once the instance does)", () => {
        const b = vpnWorld();
        delete res(b, T.instance, "appliance").outputs.primaryNetworkInterfaceId;
        assert.strictEqual(applianceOf(b)?.eni, undefined);
        const noOutputs = vpnWorld();
        (res(noOutputs, T.instance, "appliance") as { outputs?: unknown }).outputs = undefined;
        const a = applianceOf(noOutputs);
        assert.deepStrictEqual([a?.id, a?.eni, a?.sourceDestCheck], ["i-appliance", undefined, false], "inputs still give the rest");
    });

    it("takes a resource's ID from its id, else its outputs' id, else its URN", () => {
        const b = vpnWorld();
        const r = res(b, T.vpnConnection, "vpn");
        r.id = undefined;
        r.outputs.id = "vpn-from-outputs";
        assert.strictEqual(connection(modelOf(b)).id, "vpn-from-outputs");
        r.id = "";
        assert.strictEqual(connection(modelOf(b)).id, "vpn-from-outputs", "an empty id is no ID");
        r.id = undefined;
        (r as { outputs?: unknown }).outputs = undefined;
        assert.strictEqual(connection(modelOf(b)).id, r.urn);
    });

    it("ignores IDs and addresses that are not non-empty known strings", () => {
        for (const value of [{ ref: "tgw-attach-vpn" }, 42, "", "[unknown]"]) {
            const b = vpnWorld().set(T.vpnConnection, "vpn", "transitGatewayAttachmentId", value);
            const m = modelOf(b);
            assert.strictEqual(connection(m).attachmentId, undefined, `transitGatewayAttachmentId ${JSON.stringify(value)}`);
            assert.strictEqual(m.vpn!.byAttachment.size, 0);
        }
    });

    it("reads tunnelInsideIpVersion ipv6, and ipv4 otherwise (the API's default)", () => {
        for (const [value, family] of [["ipv6", "ipv6"], ["ipv4", "ipv4"], [undefined, "ipv4"], ["IPv6", "ipv4"]] as const) {
            const b = vpnWorld();
            if (value) b.set(T.vpnConnection, "vpn", "tunnelInsideIpVersion", value);
            assert.strictEqual(connection(modelOf(b)).insideIpVersion, family, `tunnelInsideIpVersion ${value}`);
        }
    });

    it("reads the traffic selectors as CIDRs, each defaulting to 0.0.0.0/0 when missing or unreadable", () => {
        const b = vpnWorld().set(T.vpnConnection, "vpn", "localIpv4NetworkCidr", "not-a-cidr");
        unset(b, T.vpnConnection, "vpn", "remoteIpv4NetworkCidr");
        assert.deepStrictEqual([connection(modelOf(b)).local, connection(modelOf(b)).remote], ["0.0.0.0/0", "0.0.0.0/0"]);
        const c = vpnWorld().set(T.vpnConnection, "vpn", "localIpv4NetworkCidr", "not-a-cidr/8").set(T.vpnConnection, "vpn", "remoteIpv4NetworkCidr", "10.10.3.4/16");
        assert.deepStrictEqual([connection(modelOf(c)).local, connection(modelOf(c)).remote], ["0.0.0.0/0", "10.10.0.0/16"]);
        const d = vpnWorld().set(T.vpnConnection, "vpn", "remoteIpv4NetworkCidr", "not-a-cidr");
        assert.deepStrictEqual([connection(modelOf(d)).local, connection(modelOf(d)).remote], ["10.50.0.0/16", "0.0.0.0/0"]);
    });
});

describe("engine/reachability/vpn: the customer gateway device (customer gateway IP -> Elastic IP -> instance)", () => {
    const found = (b: NetBuilder) => applianceOf(b)?.name;

    it("finds the appliance through an association by allocation ID, among several Elastic IPs", () => {
        const b = vpnWorld();
        // Another Elastic IP with an address, declared first: the association names the appliance's by allocation ID only.
        prepend(b, T.eip, "other-eip", { domain: "vpc", publicIp: "203.0.113.9" }, { id: "eipalloc-other" });
        assert.strictEqual(found(b), "appliance");
        // An Elastic IP without an address first: an association without publicIp does not match it.
        const c = vpnWorld();
        prepend(c, T.eip, "no-ip-eip", { domain: "vpc" }, { id: "eipalloc-noip" });
        assert.strictEqual(found(c), "appliance");
    });

    it("finds the appliance through an association by public IP, among several Elastic IPs", () => {
        const b = vpnWorld();
        prepend(b, T.eip, "other-eip", { domain: "vpc", publicIp: "203.0.113.9" }, { id: "eipalloc-other" });
        const assoc = res(b, T.eipAssoc, "appliance-eip-assoc");
        assoc.inputs = { publicIp: "198.51.100.7", instanceId: "i-appliance" };
        assoc.outputs = { ...assoc.inputs, id: assoc.id };
        assert.strictEqual(found(b), "appliance");
    });

    it("finds the appliance through an association by network interface", () => {
        const b = vpnWorld();
        const assoc = res(b, T.eipAssoc, "appliance-eip-assoc");
        assoc.inputs = { allocationId: "eipalloc-appliance", networkInterfaceId: "eni-appliance" };
        assoc.outputs = { ...assoc.inputs, id: assoc.id };
        assert.strictEqual(found(b), "appliance");
    });

    it("finds the appliance from the Elastic IP's own instance or networkInterface, without an association", () => {
        const b = vpnWorld().remove(T.eipAssoc, "appliance-eip-assoc").set(T.eip, "appliance-eip", "instance", "i-appliance");
        assert.strictEqual(found(b), "appliance");
        const c = vpnWorld().remove(T.eipAssoc, "appliance-eip-assoc").set(T.eip, "appliance-eip", "networkInterface", "eni-appliance");
        assert.strictEqual(found(c), "appliance");
    });

    it("an association that names no Elastic IP of the graph changes nothing", () => {
        const b = vpnWorld();
        prepend(b, T.eipAssoc, "stray", { allocationId: "eipalloc-elsewhere", instanceId: "i-app" }, { id: "eipassoc-stray" });
        assert.strictEqual(found(b), "appliance");
    });

    it("without an appliance the far side is undecided, naming the customer gateway's address or its absence", () => {
        const none = vpnWorld().remove(T.eipAssoc, "appliance-eip-assoc");
        const f = flow(none, CLIENT_TO_APP);
        assert.deepStrictEqual([f.status, f.holds], ["unknown", true]);
        const why = "VPN connection vpn-onprem (vpn) ends at customer gateway 198.51.100.7, which is not the Elastic IP of an instance in the graph: the on-premises side is outside the model";
        assert.strictEqual(f.drop, `undecided: ${why}; as computed: blocked: ${BLOCKED_CLIENT}${why}`);
        for (const b of [vpnWorld().set(T.customerGateway, "cgw", "ipAddress", ""), unset(vpnWorld(), T.vpnConnection, "vpn", "customerGatewayId")]) {
            const g = flow(b, CLIENT_TO_APP);
            assert.strictEqual(connection(modelOf(b)).customerGatewayIp, undefined);
            assert.match(g.drop ?? "", /^undecided: VPN connection vpn-onprem \(vpn\) ends at customer gateway \(address unknown\), which is not the Elastic IP/);
        }
    });

    it("one appliance may terminate several connections: all are listed on its interface", () => {
        const b = vpnWorld();
        b.add(T.vpnConnection, "vpn-b", { customerGatewayId: "cgw-onprem", staticRoutesOnly: true }, { id: "vpn-b" });
        const m = modelOf(b);
        assert.deepStrictEqual(m.vpn!.byEni.get("eni-appliance")!.connections.map((c) => c.name), ["vpn", "vpn-b"]);
        assert.deepStrictEqual(m.vpn!.connections.map((c) => [c.name, c.appliance?.name]), [["vpn", "appliance"], ["vpn-b", "appliance"]]);
    });
});

describe("engine/reachability/vpn: the VPN attachment's route tables", () => {
    it("a connection without a transit gateway attachment is in no table and its BGP adds no note", () => {
        const b = unset(vpnWorld(), T.vpnConnection, "vpn", "transitGatewayAttachmentId").set(T.vpnConnection, "vpn", "staticRoutesOnly", false);
        const m = modelOf(b);
        assert.strictEqual(m.vpn!.byAttachment.size, 0);
        assert.strictEqual(m.vpn!.bgpInto.size, 0);
        assert.deepStrictEqual(m.notes, []);
        assert.strictEqual(connection(m).appliance?.name, "appliance", "the appliance is still found");
    });

    it("default association needs the gateway's setting and its default table; an explicit association wins", () => {
        const off = modelOf(vpnWorld().set(T.tgw, "hub", "defaultRouteTableAssociation", "disable"));
        assert.strictEqual(off.tgwAssociation.has("tgw-attach-vpn"), false);
        const noTable = modelOf(vpnWorld().set(T.tgw, "hub", "associationDefaultRouteTableId", ""));
        assert.strictEqual(noTable.tgwAssociation.has("tgw-attach-vpn"), false);
        const b = vpnWorld();
        b.add(T.tgwAssoc, "vpn-assoc", { transitGatewayAttachmentId: "tgw-attach-vpn", transitGatewayRouteTableId: "tgw-rtb-vpn" });
        assert.strictEqual(modelOf(b).tgwAssociation.get("tgw-attach-vpn"), "tgw-rtb-vpn");
    });

    it("a connection whose transit gateway is not in the graph gets no association and no BGP table", () => {
        const m = modelOf(vpnWorld().set(T.vpnConnection, "vpn", "transitGatewayId", "tgw-elsewhere").set(T.vpnConnection, "vpn", "staticRoutesOnly", false));
        assert.strictEqual(m.tgwAssociation.has("tgw-attach-vpn"), false);
        assert.strictEqual(m.vpn!.bgpInto.size, 0);
        assert.deepStrictEqual([...m.vpn!.byAttachment.keys()], ["tgw-attach-vpn"]);
    });

    it("a BGP connection propagates into the default propagation table (when on and named) and into explicit propagations", () => {
        const bgp = () => vpnWorld().set(T.vpnConnection, "vpn", "staticRoutesOnly", false);
        const into = (b: NetBuilder) => [...modelOf(b).vpn!.bgpInto].map(([rt, cs]) => [rt, cs.map((c) => c.name)]);
        assert.deepStrictEqual(into(bgp()), [["tgw-rtb-hub", ["vpn"]]]);
        assert.deepStrictEqual(into(bgp().set(T.tgw, "hub", "defaultRouteTablePropagation", "disable")), []);
        assert.deepStrictEqual(into(bgp().set(T.tgw, "hub", "propagationDefaultRouteTableId", "")), []);
        const explicit = bgp().set(T.tgw, "hub", "defaultRouteTablePropagation", "disable");
        explicit.add(T.tgwPropagation, "aws-prop", { transitGatewayAttachmentId: "tgw-attach-aws", transitGatewayRouteTableId: "tgw-rtb-other" });
        explicit.add(T.tgwPropagation, "vpn-prop", { transitGatewayAttachmentId: "tgw-attach-vpn", transitGatewayRouteTableId: "tgw-rtb-extra" });
        explicit.add(T.tgwPropagation, "vpn-prop-no-table", { transitGatewayAttachmentId: "tgw-attach-vpn" });
        assert.deepStrictEqual(into(explicit), [["tgw-rtb-extra", ["vpn"]]]);
        // Both: the default table and the explicit one; a static connection propagates into neither.
        const both = bgp();
        both.add(T.tgwPropagation, "vpn-prop", { transitGatewayAttachmentId: "tgw-attach-vpn", transitGatewayRouteTableId: "tgw-rtb-extra" });
        assert.deepStrictEqual(into(both), [["tgw-rtb-hub", ["vpn"]], ["tgw-rtb-extra", ["vpn"]]]);
        assert.deepStrictEqual(into(both.set(T.vpnConnection, "vpn", "staticRoutesOnly", true)), []);
    });

    it("a table with no route but a BGP connection propagating into it leaves the answer undecided, naming each connection", () => {
        const m = modelOf(vpnWorld());
        vpnBgpUndecided(m, "tgw-rtb-hub", "10.50.1.10/32");
        assert.strictEqual(m.undecided.size, 0, "a static VPN propagates nothing");
        const one = vpnWorld().set(T.vpnConnection, "vpn", "staticRoutesOnly", false).remove(T.tgwRoute, "hub-to-onprem");
        const f = flow(one, CLIENT_TO_APP);
        assert.deepStrictEqual([f.status, f.holds], ["unknown", true]);
        assert.strictEqual(f.drop, "undecided: transit gateway route table tgw-rtb-hub has no route for 10.50.1.10/32 in the graph, but BGP VPN connection vpn propagates into it: the routes the customer gateway advertises are learned at run time; "
            + `as computed: blocked: ${BLOCKED_CLIENT}transit gateway route table tgw-rtb-hub of tgw-hub (hub) has no route for 10.50.1.10/32`);
        one.add(T.vpnConnection, "vpn-b", { customerGatewayId: "cgw-onprem", transitGatewayId: "tgw-hub", transitGatewayAttachmentId: "tgw-attach-vpn-b", staticRoutesOnly: false }, { id: "vpn-b" });
        const two = modelOf(one);
        vpnBgpUndecided(two, "tgw-rtb-hub", "10.50.1.10/32");
        assert.deepStrictEqual([...two.undecided], ["transit gateway route table tgw-rtb-hub has no route for 10.50.1.10/32 in the graph, but BGP VPN connections vpn, vpn-b propagate into it: the routes the customer gateway advertises are learned at run time"]);
        const noVpn = { ...two, vpn: undefined, undecided: new Set<string>() };
        vpnBgpUndecided(noVpn, "tgw-rtb-hub", "10.50.1.10/32");
        assert.strictEqual(noVpn.undecided.size, 0, "a model without VPN data decides nothing here");
    });
});

describe("engine/reachability/vpn: through the tunnel, AWS -> on-premises and back", () => {
    it("proves client -> app hop by hop: gateway, tunnel, appliance (egress rules, its interface), and the reply back through the appliance", () => {
        const f = flow(vpnWorld(), CLIENT_TO_APP);
        assert.strictEqual(f.status, "proven", f.drop);
        assert.deepStrictEqual(f.path, [
            "instance i-client (client) sends from 10.10.0.10/32",
            "security group sg-client (client) client-out: tcp/80 to 0.0.0.0/0",
            "route table rtb-aws (aws) of subnet subnet-aws0 (aws0, us-west-2a): 10.50.0.0/16 -> tgw-hub (aws-to-onprem)",
            "transit gateway tgw-hub (hub) route table tgw-rtb-hub: 10.50.0.0/16 -> VPN attachment tgw-attach-vpn (hub-to-onprem)",
            "VPN connection vpn-onprem (vpn, static routes): IPsec tunnel to customer gateway 198.51.100.7 = instance i-appliance (appliance) in subnet subnet-op0 (op0, us-west-2a), decapsulated there",
            "security group sg-appl (appl) appl-out-80: tcp/80 to 10.50.1.0/24",
            "appliance appliance forwards 10.50.1.10/32 out of its interface eni-appliance (source 10.10.0.10/32 unchanged)",
            "route table rtb-onprem (onprem) of subnet subnet-op0 (op0, us-west-2a): 10.50.0.0/16 -> local",
            "security group sg-app (app) app-in-80: tcp/80 from 10.10.0.0/16",
            "reply routes back: route table rtb-onprem (onprem) of subnet subnet-op1 (op1, us-west-2a): 10.10.0.0/16 -> eni-appliance (onprem-to-aws)",
            "arrives at instance app",
        ]);
    });

    it("proves app -> client hop by hop: the appliance's ingress rules, the tunnel into the VPN attachment's table, and the reply (no egress rule needed: stateful)", () => {
        const f = flow(vpnWorld(), APP_TO_CLIENT);
        assert.strictEqual(f.status, "proven", f.drop);
        assert.deepStrictEqual(f.path, [
            "instance i-app (app) sends from 10.50.1.10/32",
            "security group sg-app (app) app-out: tcp/80 to 0.0.0.0/0",
            "route table rtb-onprem (onprem) of subnet subnet-op1 (op1, us-west-2a): 10.10.0.0/16 -> eni-appliance (onprem-to-aws)",
            "security group sg-appl (appl) appl-in-80: tcp/80 from 10.50.1.0/24",
            "appliance appliance encrypts 10.10.0.10/32 into VPN connection vpn-onprem (vpn) -> VPN attachment tgw-attach-vpn",
            "transit gateway tgw-hub route table tgw-rtb-hub: 10.10.0.0/16 -> tgw-attach-aws (propagated from aws) into vpc-aws via subnet-aws0",
            "route table rtb-aws (aws) of subnet subnet-aws0 (aws0, us-west-2a): 10.10.0.0/16 -> local",
            "security group sg-client (client) client-in-80: tcp/80 from 10.50.0.0/16",
            "reply routes back: route table rtb-aws (aws) of subnet subnet-aws0 (aws0, us-west-2a): 10.50.0.0/16 -> tgw-hub (aws-to-onprem)",
            "arrives at instance client",
        ]);
    });

    it("a BGP connection with a static route in the gateway's table carries the flow and says BGP in its hop", () => {
        const f = flow(vpnWorld().set(T.vpnConnection, "vpn", "staticRoutesOnly", false), CLIENT_TO_APP);
        assert.strictEqual(f.status, "proven", f.drop);
        assert.ok(f.path!.includes("VPN connection vpn-onprem (vpn, BGP): IPsec tunnel to customer gateway 198.51.100.7 = instance i-appliance (appliance) in subnet subnet-op0 (op0, us-west-2a), decapsulated there"), f.path!.join("\n"));
    });

    it("the appliance's source/destination check drops the request where it first forwards it, in either direction", () => {
        const b = vpnWorld().set(T.instance, "appliance", "sourceDestCheck", true);
        const why = "instance i-appliance (appliance) terminates the VPN but has source/destination checking on: it drops packets that are neither from nor to itself (set sourceDestCheck false)";
        const c = flow(b, CLIENT_TO_APP);
        assert.strictEqual(c.drop, BLOCKED_CLIENT + why);
        assert.strictEqual(c.dropPath!.at(-1), "VPN connection vpn-onprem (vpn, static routes): IPsec tunnel to customer gateway 198.51.100.7 = instance i-appliance (appliance) in subnet subnet-op0 (op0, us-west-2a), decapsulated there");
        const a = flow(b, APP_TO_CLIENT);
        assert.strictEqual(a.drop, BLOCKED_APP + why);
        assert.strictEqual(a.dropPath!.at(-1), "route table rtb-onprem (onprem) of subnet subnet-op1 (op1, us-west-2a): 10.10.0.0/16 -> eni-appliance (onprem-to-aws)");
    });

    it("the appliance's ingress rules must admit a request it forwards toward AWS (not its replies)", () => {
        const b = vpnWorld().remove(T.sgIngress, "appl-in-80");
        assert.strictEqual(flow(b, APP_TO_CLIENT).drop, `${BLOCKED_APP}security group sg-appl (appl) of VPN appliance appliance (forwarding) admits tcp/80 from nothing, so not 10.50.1.10/32`);
        assert.strictEqual(flow(b, CLIENT_TO_APP).status, "proven", "the reply of client -> app needs no ingress rule");
        const c = vpnWorld().remove(T.sgEgress, "appl-out-80");
        assert.strictEqual(flow(c, APP_TO_CLIENT).status, "proven", "the reply of app -> client needs no egress rule");
    });

    it("the subnet of the appliance must be in the graph", () => {
        const b = vpnWorld().set(T.instance, "appliance", "subnetId", "subnet-gone");
        assert.strictEqual(flow(b, CLIENT_TO_APP).drop, `${BLOCKED_CLIENT}subnet subnet-gone of VPN appliance appliance is not in the graph`);
    });

    it("an appliance without a known interface still forwards toward on-premises, but the reply route to its interface is not followed", () => {
        const b = vpnWorld();
        delete res(b, T.instance, "appliance").outputs.primaryNetworkInterfaceId;
        const f = flow(b, CLIENT_TO_APP);
        assert.ok(f.dropPath!.includes("appliance appliance forwards 10.50.1.10/32 out of its interface (source 10.10.0.10/32 unchanged)"), f.dropPath!.join("\n"));
        assert.strictEqual(f.drop, `${BLOCKED_CLIENT}reply from instance app to 10.10.0.10/32 cannot return: route table rtb-onprem (onprem) of subnet subnet-op1 (op1, us-west-2a) sends 10.10.0.10/32 to eni-appliance, a target the model does not follow`);
    });
});

describe("engine/reachability/vpn: the tunnels' family and traffic selectors", () => {
    it("tunnels of one inside family carry no packet of the other, in either direction", () => {
        const b = vpnWorld().set(T.vpnConnection, "vpn", "tunnelInsideIpVersion", "ipv6");
        const why = "VPN connection vpn-onprem (vpn) carries IPv6 only (tunnelInsideIpVersion ipv6); a ipv4 packet has no tunnel";
        assert.strictEqual(flow(b, CLIENT_TO_APP).drop, BLOCKED_CLIENT + why);
        assert.strictEqual(flow(b, APP_TO_CLIENT).drop, BLOCKED_APP + why);
    });

    it("IPv6 tunnels carry IPv6 packets whatever the IPv4 selectors say", () => {
        const b = vpnWorld().set(T.vpnConnection, "vpn", "tunnelInsideIpVersion", "ipv6");
        b.egress("appl-out-v6", "sg-appl", 80, "2001:db8:50::/48");
        const m = modelOf(b);
        const pkt = { family: "ipv6" as const, src: "2001:db8:a::10/128", dst: "2001:db8:50::10/128", port: 80, srcSgs: ["sg-client"] };
        const out = vpnFromTransitGateway(m, connection(m), pkt, "tgw hop", [80, 80]);
        assert.ok(out.ok, out.ok ? "" : out.drop);
        assert.deepStrictEqual(out.packet, { ...pkt, srcSgs: [], via: "tgw" });
        assert.strictEqual(out.subnet.id, "subnet-op0");
        assert.deepStrictEqual(out.hops, [
            "tgw hop",
            "VPN connection vpn-onprem (vpn, static routes): IPsec tunnel to customer gateway 198.51.100.7 = instance i-appliance (appliance) in subnet subnet-op0 (op0, us-west-2a), decapsulated there",
            "security group sg-appl (appl) appl-out-v6: tcp/80 to 2001:db8:50::/48",
            "appliance appliance forwards 2001:db8:50::10/128 out of its interface eni-appliance (source 2001:db8:a::10/128 unchanged)",
        ]);
        const back = vpnFromAppliance(m, "eni-appliance", { ...pkt, src: pkt.dst, dst: pkt.src, port: 0, srcSgs: ["sg-app"] }, [1024, 65535]);
        assert.ok(back && !back.ok, "the IPv6 reply has no route in the gateway's table");
        assert.strictEqual(back.ok ? "" : back.drop, "transit gateway route table tgw-rtb-hub (associated with VPN attachment tgw-attach-vpn) has no route for 2001:db8:a::10/128");
    });

    it("a selector equal to the flow's address carries it; one address off does not (AWS side, both directions)", () => {
        for (const [remote, ok] of [["10.10.0.10/32", true], ["10.10.0.0/28", true], ["10.10.0.11/32", false], ["10.10.0.8/31", false]] as const) {
            const b = vpnWorld().set(T.vpnConnection, "vpn", "remoteIpv4NetworkCidr", remote);
            const why = `VPN connection vpn-onprem (vpn): 10.10.0.10/32 is outside its AWS-side traffic selector remoteIpv4NetworkCidr ${remote}`;
            assert.strictEqual(flow(b, CLIENT_TO_APP).drop, ok ? undefined : BLOCKED_CLIENT + why, `remote ${remote}`);
            assert.strictEqual(flow(b, APP_TO_CLIENT).drop, ok ? undefined : BLOCKED_APP + why, `remote ${remote}`);
        }
    });

    it("a selector equal to the app's address carries it; one that leaves it out does not (customer side, both directions)", () => {
        for (const [local, ok] of [["10.50.1.10/32", true], ["10.50.0.0/24", false]] as const) {
            const b = vpnWorld().set(T.vpnConnection, "vpn", "localIpv4NetworkCidr", local);
            const why = `VPN connection vpn-onprem (vpn): 10.50.1.10/32 is outside its customer-side traffic selector localIpv4NetworkCidr ${local}`;
            assert.strictEqual(flow(b, CLIENT_TO_APP).drop, ok ? undefined : BLOCKED_CLIENT + why, `local ${local}`);
            assert.strictEqual(flow(b, APP_TO_CLIENT).drop, ok ? undefined : BLOCKED_APP + why, `local ${local}`);
        }
    });

    it("an IPv6 CIDR in an IPv4 selector contains no IPv4 address", () => {
        const b = vpnWorld().set(T.vpnConnection, "vpn", "remoteIpv4NetworkCidr", "::/0");
        assert.strictEqual(flow(b, CLIENT_TO_APP).drop, `${BLOCKED_CLIENT}VPN connection vpn-onprem (vpn): 10.10.0.10/32 is outside its AWS-side traffic selector remoteIpv4NetworkCidr ::/0`);
    });

    it("an address set that is no CIDR is inside no selector", () => {
        const m = modelOf(vpnWorld());
        const out = vpnFromTransitGateway(m, connection(m), { family: "ipv4", src: "not-an-address", dst: "10.50.1.10/32", port: 80, srcSgs: [] }, "tgw hop", [80, 80]);
        assert.deepStrictEqual(out, { ok: false, hops: ["tgw hop"], drop: "VPN connection vpn-onprem (vpn): not-an-address is outside its AWS-side traffic selector remoteIpv4NetworkCidr 10.10.0.0/16" });
    });
});

describe("engine/reachability/vpn: from the appliance into the transit gateway", () => {
    const pkt = { family: "ipv4" as const, src: "10.50.1.10/32", dst: "10.10.0.10/32", port: 80, srcSgs: ["sg-app"] };

    it("returns the packet as it leaves the VPC attachment: no security groups, crossed by transit gateway", () => {
        const m = modelOf(vpnWorld());
        const out = vpnFromAppliance(m, "eni-appliance", pkt, [80, 80]);
        assert.ok(out?.ok, out && !out.ok ? out.drop : "undefined");
        assert.deepStrictEqual(out.packet, { ...pkt, srcSgs: [], via: "tgw" });
        assert.strictEqual(out.subnet.id, "subnet-aws0");
        assert.deepStrictEqual(out.hops, [
            "security group sg-appl (appl) appl-in-80: tcp/80 from 10.50.1.0/24",
            "appliance appliance encrypts 10.10.0.10/32 into VPN connection vpn-onprem (vpn) -> VPN attachment tgw-attach-vpn",
            "transit gateway tgw-hub route table tgw-rtb-hub: 10.10.0.0/16 -> tgw-attach-aws (propagated from aws) into vpc-aws via subnet-aws0",
        ]);
        assert.strictEqual(vpnFromAppliance(m, "eni-other", pkt, [80, 80]), undefined, "not an appliance's interface");
        assert.strictEqual(vpnFromAppliance({ ...m, vpn: undefined }, "eni-appliance", pkt, [80, 80]), undefined, "a model without VPN data");
        const sdc = modelOf(vpnWorld().set(T.instance, "appliance", "sourceDestCheck", true));
        assert.deepStrictEqual(vpnFromAppliance(sdc, "eni-appliance", pkt, [80, 80]), { ok: false, hops: [], drop: "instance i-appliance (appliance) terminates the VPN but has source/destination checking on: it drops packets that are neither from nor to itself (set sourceDestCheck false)" });
    });

    it("uses the appliance's connection that has an attachment, and says so when none has", () => {
        const b = vpnWorld();
        prepend(b, T.vpnConnection, "vpn-b", { customerGatewayId: "cgw-onprem", staticRoutesOnly: true }, { id: "vpn-b" });
        assert.deepStrictEqual(modelOf(b).vpn!.byEni.get("eni-appliance")!.connections.map((c) => c.name), ["vpn-b", "vpn"]);
        assert.strictEqual(flow(b, APP_TO_CLIENT).status, "proven");
        const c = unset(vpnWorld(), T.vpnConnection, "vpn", "transitGatewayAttachmentId");
        assert.strictEqual(flow(c, APP_TO_CLIENT).drop, `${BLOCKED_APP}VPN appliance appliance's connection vpn is attached to no transit gateway in the graph`);
    });

    it("the VPN attachment needs a route table: without default association it has none", () => {
        const b = vpnWorld().set(T.tgw, "hub", "defaultRouteTableAssociation", "disable");
        b.add(T.tgwAssoc, "aws-assoc", { transitGatewayAttachmentId: "tgw-attach-aws", transitGatewayRouteTableId: "tgw-rtb-hub" });
        const why = "VPN attachment tgw-attach-vpn (vpn) is associated with no transit gateway route table";
        assert.strictEqual(flow(b, APP_TO_CLIENT).drop, BLOCKED_APP + why);
        assert.strictEqual(flow(b, CLIENT_TO_APP).drop, `${BLOCKED_CLIENT}reply from instance app to 10.10.0.10/32 cannot return: ${why}`);
    });

    it("the VPN attachment's own table must route the destination; a BGP connection propagating into it leaves that undecided", () => {
        const b = vpnWorld();
        b.add(T.tgwAssoc, "vpn-assoc", { transitGatewayAttachmentId: "tgw-attach-vpn", transitGatewayRouteTableId: "tgw-rtb-vpn" });
        const why = "transit gateway route table tgw-rtb-vpn (associated with VPN attachment tgw-attach-vpn) has no route for 10.10.0.10/32";
        assert.deepStrictEqual([flow(b, APP_TO_CLIENT).status, flow(b, APP_TO_CLIENT).drop], ["blocked", BLOCKED_APP + why]);
        b.set(T.vpnConnection, "vpn", "staticRoutesOnly", false);
        b.add(T.tgwPropagation, "vpn-prop", { transitGatewayAttachmentId: "tgw-attach-vpn", transitGatewayRouteTableId: "tgw-rtb-vpn" });
        const f = flow(b, APP_TO_CLIENT);
        assert.strictEqual(f.status, "unknown");
        assert.strictEqual(f.drop, "undecided: transit gateway route table tgw-rtb-vpn has no route for 10.10.0.10/32 in the graph, but BGP VPN connection vpn propagates into it: the routes the customer gateway advertises are learned at run time; "
            + `as computed: blocked: ${BLOCKED_APP}${why}`);
    });

    it("a static route wins over a propagated one of the same prefix: a static blackhole drops", () => {
        const b = vpnWorld();
        b.add(T.tgwRoute, "aws-blackhole", { transitGatewayRouteTableId: "tgw-rtb-hub", destinationCidrBlock: "10.10.0.0/16", transitGatewayAttachmentId: "tgw-attach-aws", blackhole: true });
        assert.strictEqual(flow(b, APP_TO_CLIENT).drop, `${BLOCKED_APP}transit gateway route table tgw-rtb-hub: 10.10.0.0/16 is a blackhole (aws-blackhole)`);
        const c = vpnWorld();
        c.add(T.tgwRoute, "aws-static", { transitGatewayRouteTableId: "tgw-rtb-hub", destinationCidrBlock: "10.10.0.0/16", transitGatewayAttachmentId: "tgw-attach-ghost" });
        assert.strictEqual(flow(c, APP_TO_CLIENT).drop, `${BLOCKED_APP}transit gateway route table tgw-rtb-hub: 10.10.0.0/16 -> tgw-attach-ghost, which is not a VPC attachment in the graph`);
        const d = vpnWorld();
        d.add(T.tgwRoute, "aws-nowhere", { transitGatewayRouteTableId: "tgw-rtb-hub", destinationCidrBlock: "10.10.0.0/16" });
        assert.strictEqual(flow(d, APP_TO_CLIENT).drop, `${BLOCKED_APP}transit gateway route table tgw-rtb-hub: 10.10.0.0/16 is a blackhole (aws-nowhere)`, "a static route without a target goes nowhere");
    });

    it("the VPC attachment must have a subnet in the graph", () => {
        const b = vpnWorld().set(T.tgwAttachment, "aws", "subnetIds", ["subnet-ghost"]);
        assert.strictEqual(flow(b, APP_TO_CLIENT).drop, `${BLOCKED_APP}attachment tgw-attach-aws (aws) has no subnet in the graph`);
    });

    it("group references do not cross the tunnel: an egress rule naming the far side's group drops, in either direction", () => {
        const b = vpnWorld().remove(T.sgEgress, "client-out");
        b.egress("client-out-ref", "sg-client", "all", "sg-app");
        assert.strictEqual(flow(b, CLIENT_TO_APP).drop, `${BLOCKED_CLIENT}security group sg-client (client) of instance client allows egress on tcp/80 only to members of sg-app, not 10.50.1.10/32 (outbound rules cannot reference groups across a transit gateway)`);
        const c = vpnWorld().remove(T.sgEgress, "app-out");
        c.egress("app-out-ref", "sg-app", "all", "sg-client");
        assert.strictEqual(flow(c, APP_TO_CLIENT).drop, `${BLOCKED_APP}security group sg-app (app) of instance app allows egress on tcp/80 only to members of sg-client, not 10.10.0.10/32 (outbound rules cannot reference groups across a transit gateway)`);
        // An ingress rule naming the sender's group does not admit it either: the packet arrives without groups.
        const d = vpnWorld().remove(T.sgIngress, "client-in-80");
        d.ingress("client-in-ref", "sg-client", 80, "sg-app");
        assert.strictEqual(flow(d, APP_TO_CLIENT).drop, `${BLOCKED_APP}security group sg-client (client) of instance client admits tcp/80 only from members of sg-app, not 10.50.1.10/32`);
    });
});

describe("engine/reachability/vpn: network ACLs around the tunnel", () => {
    type Rule = [number, "allow" | "deny", string];
    /** A custom network ACL on these subnets: all protocols, rules as [number, action, CIDR]. */
    function nacl(b: NetBuilder, name: string, vpcId: string, subnetIds: string[], ingress: Rule[], egress: Rule[]): void {
        const rule = ([ruleNo, action, cidrBlock]: Rule) => ({ ruleNo, protocol: "-1", action, cidrBlock, fromPort: 0, toPort: 0 });
        b.add(T.nacl, name, { vpcId, subnetIds, ingress: ingress.map(rule), egress: egress.map(rule) }, { id: `acl-${name}` });
    }
    const ALL: Rule = [100, "allow", "0.0.0.0/0"];

    it("the VPC attachment subnet's outbound rules check what leaves the gateway toward another subnet", () => {
        const b = vpnWorldClientApart();
        assert.strictEqual(flow(b, APP_TO_CLIENT).status, "proven", flow(b, APP_TO_CLIENT).drop);
        nacl(b, "attach", "vpc-aws", ["subnet-aws0"], [ALL], [[90, "deny", "10.10.1.0/24"], ALL]);
        assert.strictEqual(flow(b, APP_TO_CLIENT).drop, `${BLOCKED_APP}network ACL acl-attach (attach) rule 90 denies egress to 10.10.1.0/24 on tcp/0-65535 (out of tgw-hub through attachment tgw-attach-aws's subnet subnet-aws0 (aws0, us-west-2a))`);
    });

    it("traffic from the gateway to a destination in the attachment's own subnet meets neither its outbound nor its inbound rules", () => {
        // TGW guide, "Network ACLs": same subnet for instances and the attachment; traffic from the
        // transit gateway to the instances: outbound rules are not evaluated, inbound rules are not evaluated.
        const b = vpnWorld();
        nacl(b, "attach", "vpc-aws", ["subnet-aws0"], [[90, "deny", "10.50.0.0/16"], ALL], [[90, "deny", "10.10.0.0/16"], ALL]);
        const f = flow(b, APP_TO_CLIENT);
        assert.strictEqual(f.status, "proven", f.drop);
        // The client's replies leave through the same subnet toward the gateway: inbound by source, outbound by destination apply.
        const c = vpnWorld();
        nacl(c, "attach", "vpc-aws", ["subnet-aws0"], [ALL], [[90, "deny", "10.50.0.0/16"], ALL]);
        assert.strictEqual(flow(c, APP_TO_CLIENT).drop, `${BLOCKED_APP}reply from instance client to 10.50.1.10/32 cannot return: network ACL acl-attach (attach) rule 90 denies egress to 10.50.0.0/16 on tcp/0-65535 (leaving subnet subnet-aws0 (aws0, us-west-2a))`);
    });

    it("the appliance's subnet's outbound rules check what it forwards to another subnet, not to a destination in its own subnet", () => {
        const b = vpnWorld();
        nacl(b, "appliance", "vpc-onprem", ["subnet-op0"], [ALL], [[90, "deny", "10.50.1.0/24"], ALL]);
        assert.strictEqual(flow(b, CLIENT_TO_APP).drop, `${BLOCKED_CLIENT}network ACL acl-appliance (appliance) rule 90 denies egress to 10.50.1.0/24 on tcp/0-65535 (leaving VPN appliance appliance's subnet subnet-op0 (op0, us-west-2a))`);
        // The app next to the appliance: from one interface to another within op0, no network ACL applies.
        const c = vpnWorld().set(T.instance, "app", "subnetId", "subnet-op0").set(T.instance, "app", "privateIp", "10.50.0.10");
        c.egress("appl-out-op0", "sg-appl", 80, "10.50.0.0/24");
        assert.strictEqual(flow(c, CLIENT_TO_APP).status, "proven", flow(c, CLIENT_TO_APP).drop);
        nacl(c, "appliance", "vpc-onprem", ["subnet-op0"], [[90, "deny", "10.10.0.0/16"], ALL], [[90, "deny", "10.50.0.0/24"], ALL]);
        const f = flow(c, CLIENT_TO_APP);
        assert.strictEqual(f.status, "proven", f.drop);
    });
});
