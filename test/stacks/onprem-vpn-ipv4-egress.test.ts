/**
 * Tier 3: the onprem-vpn-ipv4-egress stack's graph. The VPN is a static one on a transit gateway
 * the cluster VPC is attached to and the on-premises VPC is not; the appliance is configured from
 * the VPN connection's own outputs and never carries a pre-shared key in its user data; it is
 * locked down as a customer gateway device should be; bad config fails before any resource.
 */
import * as assert from "assert";
import type { Graph, GraphIndex, GraphResource } from "../../engine/graph";
import { loadStackConfig } from "../../engine/stackConfig";
import { ConfigError } from "../../lib/errors";
import { prepare } from "../../stacks";
import { planUpdate } from "../../engine/update";
import { graphOf, indexOf, planWith } from "../helpers/graphs";

const STACK = "onprem-vpn-ipv4-egress";
const NS = "eks-ipv6-interop";

describe(`stack ${STACK} (offline graph)`, () => {
    let graph: Graph;
    let g: GraphIndex;
    let vpn: GraphResource;
    let appliance: GraphResource;
    let onPremVpc: GraphResource;
    before(async () => {
        graph = await graphOf(STACK);
        g = indexOf(graph);
        vpn = g.one("aws:ec2/vpnConnection:VpnConnection", "hub-vpn");
        appliance = g.one("aws:ec2/instance:Instance", "vpn-appliance");
        onPremVpc = g.one("aws:ec2/vpc:Vpc", "onprem-vpc");
    });

    it("a static, IPv4, IKEv2-only VPN connection to the transit gateway, with the configured inside /30s and one proposal", () => {
        const tgw = g.one("aws:ec2transitgateway/transitGateway:TransitGateway", "hub");
        assert.strictEqual(vpn.inputs.transitGatewayId, tgw.id);
        assert.strictEqual(vpn.inputs.vpnGatewayId, undefined);
        assert.deepStrictEqual([vpn.inputs.type, vpn.inputs.staticRoutesOnly, vpn.inputs.tunnelInsideIpVersion], ["ipsec.1", true, "ipv4"]);
        assert.deepStrictEqual([vpn.inputs.tunnel1InsideCidr, vpn.inputs.tunnel2InsideCidr], ["169.254.10.0/30", "169.254.11.0/30"]);
        for (const n of [1, 2]) {
            assert.deepStrictEqual(vpn.inputs[`tunnel${n}IkeVersions`], ["ikev2"]);
            assert.deepStrictEqual(vpn.inputs[`tunnel${n}Phase1DhGroupNumbers`], [14]);
            assert.strictEqual(vpn.inputs[`tunnel${n}PresharedKey`], undefined, "AWS generates the keys");
        }
    });

    it("the on-premises VPC is not attached to the gateway: the VPN is its only way in", () => {
        const atts = g.ofType("aws:ec2transitgateway/vpcAttachment:VpcAttachment");
        assert.deepStrictEqual(atts.map((a) => a.inputs.vpcId), [g.one("aws:ec2/vpc:Vpc", "cluster-vpc").id]);
        assert.ok(!g.ofType("aws:ec2/vpcPeeringConnection:VpcPeeringConnection").length);
    });

    it("the gateway's static route sends the on-premises CIDR to the VPN attachment", () => {
        const routes = g.ofType("aws:ec2transitgateway/route:Route");
        assert.deepStrictEqual(routes.map((r) => [r.inputs.destinationCidrBlock, r.inputs.transitGatewayAttachmentId]), [[onPremVpc.inputs.cidrBlock, vpn.outputs.transitGatewayAttachmentId]]);
    });

    it("the customer gateway's address is the appliance's Elastic IP, associated with the appliance", () => {
        const cgw = g.one("aws:ec2/customerGateway:CustomerGateway", "hub-cgw");
        const eip = g.one("aws:ec2/eip:Eip", "vpn-appliance");
        assert.strictEqual(cgw.inputs.ipAddress, eip.outputs.publicIp);
        assert.strictEqual(vpn.inputs.customerGatewayId, cgw.id);
        const assoc = g.one("aws:ec2/eipAssociation:EipAssociation", "vpn-appliance");
        assert.deepStrictEqual([assoc.inputs.allocationId, assoc.inputs.instanceId], [eip.id, appliance.id]);
    });

    it("the appliance is rendered from the VPN connection's tunnel outputs, and its user data holds no pre-shared key", () => {
        const ud: string = appliance.inputs.userData;
        for (const n of [1, 2]) {
            assert.ok(ud.includes(`right=${vpn.outputs[`tunnel${n}Address`]}\n`), `tunnel ${n}'s outside address`);
            assert.ok(ud.includes(`ip addr replace ${vpn.outputs[`tunnel${n}CgwInsideAddress`]}/30 dev ipsec${n}\n`), `tunnel ${n}'s customer inside address`);
            assert.ok(!ud.includes(vpn.outputs[`tunnel${n}PresharedKey`]), `tunnel ${n}'s key is not in the user data`);
            const p = g.one("aws:ssm/parameter:Parameter", `hub-tunnel${n}-psk`);
            assert.strictEqual(p.inputs.type, "SecureString");
            assert.ok(ud.includes(`--name ${p.outputs.name} --with-decryption`));
        }
        assert.ok(ud.includes(`leftid=${g.one("aws:ec2/eip:Eip", "vpn-appliance").outputs.publicIp}\n`));
        // Both ends propose the same traffic selectors: the two networks, not 0.0.0.0/0.
        const [onPrem, cluster] = [onPremVpc.inputs.cidrBlock, g.one("aws:ec2/vpc:Vpc", "cluster-vpc").inputs.cidrBlock];
        assert.deepStrictEqual([vpn.inputs.localIpv4NetworkCidr, vpn.inputs.remoteIpv4NetworkCidr], [onPrem, cluster]);
        assert.strictEqual(ud.split(`leftsubnet=${onPrem}\n`).length, 3);
        assert.strictEqual(ud.split(`rightsubnet=${cluster}\n`).length, 3);
        assert.ok(ud.includes(`ip route replace ${g.one("aws:ec2/vpc:Vpc", "cluster-vpc").inputs.cidrBlock} dev ipsec1`));
        assert.strictEqual(appliance.inputs.userDataReplaceOnChange, true);
    });

    it("the appliance forwards (source/dest check off), requires IMDSv2, has no launch-time public IP, and its role reads only the two key parameters", () => {
        assert.strictEqual(appliance.inputs.sourceDestCheck, false);
        assert.deepStrictEqual(appliance.inputs.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 });
        assert.strictEqual(appliance.inputs.associatePublicIpAddress, false);
        const publicSubnets = g.ofType("aws:ec2/subnet:Subnet").filter((s) => s.inputs.vpcId === onPremVpc.id && /public/.test(s.name)).map((s) => s.id);
        assert.ok(publicSubnets.includes(appliance.inputs.subnetId));
        const policy = JSON.parse(g.one("aws:iam/rolePolicy:RolePolicy", "vpn-appliance-psk").inputs.policy);
        const arns = [1, 2].map((n) => g.one("aws:ssm/parameter:Parameter", `hub-tunnel${n}-psk`).outputs.arn);
        assert.deepStrictEqual(policy.Statement, [{ Sid: "ReadTunnelKeys", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: arns }]);
    });

    it("the appliance's security group admits only IKE and NAT-T, only from the two tunnel outside addresses", () => {
        const sg = g.one("aws:ec2/securityGroup:SecurityGroup", "vpn-appliance");
        const ingress = g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === sg.id);
        const seen = ingress.map((r) => `${r.inputs.ipProtocol}/${r.inputs.fromPort}-${r.inputs.toPort} ${r.inputs.cidrIpv4}`).sort();
        const t = [vpn.outputs.tunnel1Address, vpn.outputs.tunnel2Address];
        assert.deepStrictEqual(seen, [`udp/4500-4500 ${t[0]}/32`, `udp/4500-4500 ${t[1]}/32`, `udp/500-500 ${t[0]}/32`, `udp/500-500 ${t[1]}/32`].sort());
    });

    it("the on-premises private route tables send the cluster VPC's CIDR to the appliance's interface; the app has no IPv6 and no public address", () => {
        const routes = g.ofType("aws:ec2/route:Route").filter((r) => r.inputs.networkInterfaceId !== undefined);
        assert.strictEqual(routes.length, 2, "one per on-premises private route table (one per AZ)");
        for (const r of routes) {
            assert.strictEqual(r.inputs.networkInterfaceId, appliance.outputs.primaryNetworkInterfaceId);
            assert.strictEqual(r.inputs.destinationCidrBlock, g.one("aws:ec2/vpc:Vpc", "cluster-vpc").inputs.cidrBlock);
        }
        const app = g.one("aws:ec2/instance:Instance", "onprem-app");
        assert.deepStrictEqual([app.inputs.ipv6AddressCount, app.inputs.associatePublicIpAddress], [undefined, false]);
    });

    it("the probe curls the app's private IPv4 through the tunnel, retrying while the tunnels come up", () => {
        const script: string = g.ofType("kubernetes:core/v1:ConfigMap").find((c) => c.name === "probe-script")!.inputs.data["probe.sh"];
        const ip = g.one("aws:ec2/instance:Instance", "onprem-app").outputs.privateIp;
        assert.match(script, /v4if0 has an address in 169\.254\.172\.0\/22/);
        assert.ok(script.includes(`curl -4 -fsS --max-time 5 -o /dev/null 'http://${ip}:80/'`), script);
        assert.match(script, /up to 30 tries, 10s apart/);
        // 440 s for the tunnel's tries, 84 s for the AWS-service checks (test/stacks/awsServices.test.ts), 60 s start-up.
        assert.strictEqual(g.ofType("kubernetes:batch/v1:Job")[0].inputs.spec.activeDeadlineSeconds, 440 + 84 + 60);
    });
});

describe(`stack ${STACK}: what an update does (plan --from)`, () => {
    const vpnWith = (patch: (v: any) => any) => {
        const base = JSON.parse(loadStackConfig(STACK).config[`${NS}:vpn`]);
        return { overrides: { [`${NS}:vpn`]: JSON.stringify(patch(base)) } };
    };
    const change = (plan: ReturnType<typeof planUpdate>, type: string) => plan.changes.filter((c) => c.type === type).map((c) => [c.action, ...c.properties.filter((p) => !/^__/.test(p))]);

    it("new inside /30s replace the VPN connection (ForceNew), and the appliance whose configuration names them", async () => {
        const plan = planUpdate(await graphOf(STACK), await planWith(STACK, vpnWith((v) => ({ ...v, tunnelInsideCidrs: ["169.254.20.0/30", "169.254.21.0/30"] }))));
        assert.deepStrictEqual(change(plan, "aws:ec2/vpnConnection:VpnConnection").map((c) => c[0]), ["replace"]);
        assert.ok(change(plan, "aws:ec2/vpnConnection:VpnConnection")[0].includes("tunnel1InsideCidr"));
        assert.deepStrictEqual(change(plan, "aws:ec2/instance:Instance").map((c) => c[0]), ["replace"], "the appliance (user data replaces it)");
        assert.deepStrictEqual(change(plan, "aws:ec2/customerGateway:CustomerGateway"), []);
    });
});

describe(`stack ${STACK}: bad config fails before any resource`, () => {
    const base = loadStackConfig(STACK).config;
    const withKey = (key: string, patch: (v: any) => any) => ({ ...base, [`${NS}:${key}`]: JSON.stringify(patch(JSON.parse(base[`${NS}:${key}`]))) });
    const refused = (config: Record<string, string>, key: string, fix: RegExp) =>
        assert.throws(() => prepare(config, STACK), (e: ConfigError) => {
            assert.ok(e instanceof ConfigError, String(e));
            assert.strictEqual(e.key, `${NS}:${key}`);
            assert.match(e.message, fix);
            return true;
        });

    it("a reserved tunnel inside CIDR", () => refused(withKey("vpn", (v) => ({ ...v, tunnelInsideCidrs: ["169.254.5.0/30", "169.254.11.0/30"] })), "vpn.tunnelInsideCidrs[0]", /reserved by AWS/));
    it("a tunnel inside CIDR that is not a /30", () => refused(withKey("vpn", (v) => ({ ...v, tunnelInsideCidrs: ["169.254.10.0/30", "169.254.12.0/29"] })), "vpn.tunnelInsideCidrs[1]", /exactly a \/30/));
    it("the same inside /30 twice", () => refused(withKey("vpn", (v) => ({ ...v, tunnelInsideCidrs: ["169.254.10.0/30", "169.254.10.0/30"] })), "vpn.tunnelInsideCidrs", /different inside \/30s/));
    it("a customer gateway ASN out of range", () => refused(withKey("vpn", (v) => ({ ...v, customerGatewayAsn: 0 })), "vpn.customerGatewayAsn", /1 to 2147483647/));
    it("the customer gateway's ASN equal to the Amazon side's", () => refused(withKey("vpn", (v) => ({ ...v, customerGatewayAsn: 64512 })), "vpn.customerGatewayAsn", /other than the Amazon side's \(64512\)/));
    it("a weak proposal", () => refused(withKey("vpn", (v) => ({ ...v, proposal: { ...v.proposal, phase2LifetimeSeconds: 7200 } })), "vpn.proposal.phase2LifetimeSeconds", /900 to 3600/));
    it("on-premises and cluster VPCs that overlap", () => refused(withKey("onPremVpc", (v) => ({ ...v, cidr: "10.10.0.0/16" })), "onPremVpc.cidr", /overlap/));
});
