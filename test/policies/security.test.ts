import { strict as assert } from "assert";
import { eksPublicEndpointRestricted, icmpv6FromPeers, imdsv2Required, ipv6Counterpart, noWorldIngress, vpcFlowLogs } from "../../policies/rules/security";
import { Fx, UNKNOWN, messages, patch, vpc } from "./harness";

const sg = (name: string, vpcName: string, ingress?: unknown[]): Fx => ({ type: "aws:ec2/securityGroup:SecurityGroup", name, props: { id: `sg-${name}`, vpcId: `vpc-${vpcName}`, description: name, ...(ingress ? { ingress } : {}) }, deps: { vpcId: [vpcName] } });
const rule = (name: string, group: string, p: Record<string, unknown>): Fx => ({ type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name, props: { id: `sgr-${name}`, securityGroupId: `sg-${group}`, ...p }, deps: { securityGroupId: [group] } });
const legacyRule = (name: string, p: Record<string, unknown>): Fx => ({ type: "aws:ec2/securityGroupRule:SecurityGroupRule", name, props: { id: `sgrule-${name}`, securityGroupId: "sg-x", ...p } });

describe("policies: security", () => {
    describe("security-group-no-world-ingress", () => {
        const LB_ARN = (name: string) => `arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/${name}/1`;
        const nlb = (name: string, group: string, internal: unknown = false): Fx => ({
            type: "aws:lb/loadBalancer:LoadBalancer",
            name,
            props: { id: LB_ARN(name), arn: LB_ARN(name), loadBalancerType: "network", internal, securityGroups: [`sg-${group}`], ipAddressType: "dualstack" },
            deps: { securityGroups: [group] },
        });
        const listener = (name: string, lb: string, port: unknown, protocol = "TCP"): Fx => ({ type: "aws:lb/listener:Listener", name, props: { id: `l-${name}`, loadBalancerArn: LB_ARN(lb), port, protocol }, deps: { loadBalancerArn: [lb] } });
        const world = (name: string, group: string, port: number, family: "v4" | "v6" = "v4") => rule(name, group, { ipProtocol: "tcp", fromPort: port, toPort: port, ...(family === "v4" ? { cidrIpv4: "0.0.0.0/0" } : { cidrIpv6: "::/0" }) });

        it("passes an internet-facing NLB's own group open to the world on its listener port, in both families, plus peers and ICMPv6 Packet Too Big", async () => {
            const fx = [vpc("v"), sg("lb", "v"), nlb("web", "lb"), listener("https", "web", 443), world("https4", "lb", 443), world("https6", "lb", 443, "v6"), rule("peer", "lb", { ipProtocol: "-1", cidrIpv4: "10.20.0.0/16" }), rule("ptb", "lb", { ipProtocol: "icmpv6", fromPort: 2, toPort: -1, cidrIpv6: "::/0" })];
            assert.deepEqual(await messages(noWorldIngress, fx), []);
        });
        it("fails a group that no load balancer uses (an app instance's group) open on 443, although 443 is an allowed port", async () => {
            const fx = [vpc("v"), sg("app", "v"), sg("lb", "v"), nlb("web", "lb"), listener("https", "web", 443), world("app-https", "app", 443)];
            const m = await messages(noWorldIngress, fx);
            assert.equal(m.length, 1, m.join("\n"));
            assert.match(m[0], /"app-https": cidrIpv4 "0\.0\.0\.0\/0" admits tcp 443 from the whole IPv4 internet, and .*"app".* is not attached to an internet-facing load balancer/);
        });
        it("fails an internet-facing NLB's group on a port that is not one of its listeners, and an internal NLB's group on its listener port", async () => {
            const fx = [vpc("v"), sg("lb", "v"), nlb("web", "lb"), listener("https", "web", 443), world("http", "lb", 80), sg("ilb", "v"), nlb("inner", "ilb", true), listener("inner-https", "inner", 443), world("inner-https", "ilb", 443)];
            const m = await messages(noWorldIngress, fx);
            assert.equal(m.length, 2, m.join("\n"));
            assert.ok(m.some((x) => /"http": .* admits tcp 80 .*: it is not a listener port of .*"web".* \(tcp\/443\)/.test(x)), m.join("\n"));
            assert.ok(m.some((x) => /"inner-https": .* is not attached to an internet-facing load balancer/.test(x)), m.join("\n"));
        });
        it("fails SSH from ::/0 in its long spelling, all traffic inline, and a legacy rule's range", async () => {
            const fx = [
                vpc("v"),
                rule("ssh", "g", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv6: "0:0:0:0:0:0:0:0/0" }),
                sg("g", "v", [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]),
                legacyRule("range", { type: "ingress", protocol: "tcp", fromPort: 80, toPort: 8080, ipv6CidrBlocks: ["::0/0"] }),
            ];
            const m = await messages(noWorldIngress, fx);
            assert.equal(m.length, 3, m.join("\n"));
            assert.ok(m.some((x) => /"ssh": cidrIpv6 "0:0:0:0:0:0:0:0\/0" admits tcp 22 from the whole IPv6 internet/.test(x)));
            assert.ok(m.some((x) => /"g": ingress\[0\]\.cidrBlocks "0\.0\.0\.0\/0" admits all traffic/.test(x)));
            assert.ok(m.some((x) => /"range": ipv6CidrBlocks "::0\/0" admits tcp 80-8080/.test(x)));
        });
        it("a listener port must also be in the pack config's allowedWorldIngressPorts", async () => {
            const fx = [vpc("v"), sg("lb", "v"), nlb("web", "lb"), listener("alt", "web", 8443), world("alt", "lb", 8443)];
            const m = await messages(noWorldIngress, fx);
            assert.equal(m.length, 1);
            assert.match(m[0], /port\(s\) 8443 are not in allowedWorldIngressPorts \(80, 443\)/);
            assert.deepEqual(await messages(noWorldIngress, fx, { config: { "security-group-no-world-ingress": { allowedWorldIngressPorts: [8443] } } }), []);
        });
        it("waits (no verdict) while the load balancer's scheme or listener port is unknown", async () => {
            assert.deepEqual(await messages(noWorldIngress, [vpc("v"), sg("lb", "v"), nlb("web", "lb", UNKNOWN), listener("https", "web", 443), world("https4", "lb", 443)]), []);
            assert.deepEqual(await messages(noWorldIngress, [vpc("v"), sg("lb", "v"), nlb("web", "lb"), listener("https", "web", UNKNOWN), world("https4", "lb", 443)]), []);
        });
        it("ignores egress rules and unknown values", async () => {
            assert.deepEqual(await messages(noWorldIngress, [legacyRule("out", { type: "egress", protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }), legacyRule("u", { type: UNKNOWN, protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }), legacyRule("c", { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: UNKNOWN })]), []);
        });
    });

    describe("security-group-ipv6-counterpart", () => {
        const peers = (): Fx[] => [vpc("a", { cidr: "10.10.0.0/16", ipv6: "2001:db8:0:100::/56" }), vpc("b", { cidr: "10.20.0.0/16", ipv6: "2001:db8:0:200::/56" }), vpc("legacy", { cidr: "10.30.0.0/16", ipv6: false }), sg("nodes", "a")];
        it("passes an IPv4 rule with its IPv6 counterpart, and an IPv4 source from an IPv4-only VPC", async () => {
            const fx = [...peers(), rule("v4", "nodes", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "10.20.0.0/16" }), rule("v6", "nodes", { ipProtocol: "tcp", fromPort: 8000, toPort: 9000, cidrIpv6: "2001:db8:0:200::/56" }), rule("old", "nodes", { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "10.30.0.0/16" })];
            assert.deepEqual(await messages(ipv6Counterpart, fx), []);
        });
        it("fails an IPv4-only rule from a dual-stack peer, and 0.0.0.0/0 without ::/0", async () => {
            const fx = [...peers(), rule("v4", "nodes", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "10.20.0.0/16" }), rule("web", "nodes", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" })];
            const m = await messages(ipv6Counterpart, fx);
            assert.equal(m.length, 2);
            assert.match(m[0], /"v4" admits 10\.20\.0\.0\/16 \(tcp 8080-8080\) into aws\.ec2\.SecurityGroup "nodes" in a dual-stack VPC but nothing admits 2001:db8:0:200::\/56 on the same ports/);
            assert.match(m[1], /"web" admits 0\.0\.0\.0\/0 .*nothing admits ::\/0/);
        });
        it("reports nothing while the peer's IPv6 block is unknown", async () => {
            const fx = [...patch(peers(), "b", { ipv6CidrBlock: UNKNOWN }), rule("v4", "nodes", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "10.20.0.0/16" })];
            assert.deepEqual(await messages(ipv6Counterpart, fx), []);
        });
    });

    describe("security-group-icmpv6-from-ipv6-sources", () => {
        it("passes IPv6 ingress with ICMPv6 from the same block (or all traffic)", async () => {
            const fx = [vpc("a"), sg("g", "a"), rule("app", "g", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv6: "2001:db8:0:210::/64" }), rule("icmp", "g", { ipProtocol: "icmpv6", fromPort: -1, toPort: -1, cidrIpv6: "2001:db8:0:200::/56" }), rule("all", "g", { ipProtocol: "-1", cidrIpv6: "2001:db8:0:300::/56" })];
            assert.deepEqual(await messages(icmpv6FromPeers, fx), []);
        });
        it("fails IPv6 ingress without ICMPv6 from its source", async () => {
            const fx = [vpc("a"), sg("g", "a"), rule("app", "g", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv6: "2001:db8:0:200::/56" }), rule("icmp-elsewhere", "g", { ipProtocol: "58", fromPort: 2, toPort: 0, cidrIpv6: "2001:db8:0:210::/64" })];
            const m = await messages(icmpv6FromPeers, fx);
            assert.equal(m.length, 1);
            assert.match(m[0], /"app" admits 2001:db8:0:200::\/56 into aws\.ec2\.SecurityGroup "g" but no rule admits ICMPv6 Packet Too Big from it/);
        });
        it("reports nothing while a source is unknown", async () => {
            assert.deepEqual(await messages(icmpv6FromPeers, [vpc("a"), sg("g", "a"), rule("app", "g", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv6: UNKNOWN })]), []);
        });
    });

    describe("imdsv2-required", () => {
        const lt = (metadataOptions?: unknown): Fx => ({ type: "aws:ec2/launchTemplate:LaunchTemplate", name: "lt", props: { id: "lt-1", ...(metadataOptions !== undefined ? { metadataOptions } : {}) } });
        it("passes httpTokens required, and a disabled endpoint", async () => {
            assert.deepEqual(await messages(imdsv2Required, [lt({ httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 }), { type: "aws:ec2/instance:Instance", name: "i", props: { metadataOptions: { httpEndpoint: "disabled" } } }]), []);
        });
        it("fails optional tokens and missing metadata options", async () => {
            const m = await messages(imdsv2Required, [lt({ httpTokens: "optional" }), { type: "aws:ec2/instance:Instance", name: "i", props: { ami: "ami-1", instanceType: "t3.micro" } }]);
            assert.equal(m.length, 2);
            assert.match(m[0], /aws\.ec2\.LaunchTemplate "lt": metadataOptions\.httpTokens is "optional": set metadataOptions\.httpTokens to "required"/);
            assert.match(m[1], /aws\.ec2\.Instance "i": metadataOptions\.httpTokens is unset \(IMDSv1 allowed\)/);
        });
        it("reports nothing for unknown options", async () => {
            assert.deepEqual(await messages(imdsv2Required, [lt(UNKNOWN), lt({ httpTokens: UNKNOWN })].map((f, i) => ({ ...f, name: `lt${i}` }))), []);
        });
    });

    describe("eks-public-endpoint-restricted", () => {
        const cluster = (p: Record<string, unknown>): Fx => ({ type: "eks:index:Cluster", name: "c", component: true, remote: true, props: { ipFamily: "ipv6", ...p } });
        it("passes a private endpoint and one limited to an operator CIDR", async () => {
            assert.deepEqual(await messages(eksPublicEndpointRestricted, [cluster({ endpointPublicAccess: false, endpointPrivateAccess: true })]), []);
            assert.deepEqual(await messages(eksPublicEndpointRestricted, [cluster({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.10/32"] })]), []);
        });
        it("fails the @pulumi/eks default (public, no CIDRs) and ::/0 on aws.eks.Cluster", async () => {
            assert.match((await messages(eksPublicEndpointRestricted, [cluster({})]))[0], /eks\.Cluster "c": the public API endpoint is on \(endpointPublicAccess unset, default true\) and publicAccessCidrs is unset/);
            const raw: Fx = { type: "aws:eks/cluster:Cluster", name: "raw", props: { id: "raw", vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24", "::/0"] } } };
            assert.match((await messages(eksPublicEndpointRestricted, [raw]))[0], /aws\.eks\.Cluster "raw": vpcConfig\.publicAccessCidrs contains "::\/0"/);
        });
        it("reports nothing for unknown settings", async () => {
            assert.deepEqual(await messages(eksPublicEndpointRestricted, [cluster({ endpointPublicAccess: true, publicAccessCidrs: UNKNOWN })]), []);
            assert.deepEqual(await messages(eksPublicEndpointRestricted, [cluster({ endpointPublicAccess: UNKNOWN })]), []);
        });
    });

    describe("vpc-flow-logs-enabled", () => {
        const flowLog = (vpcName: string): Fx => ({ type: "aws:ec2/flowLog:FlowLog", name: `fl-${vpcName}`, props: { id: `fl-${vpcName}`, vpcId: `vpc-${vpcName}`, trafficType: "ALL" }, deps: { vpcId: [vpcName] } });
        it("passes a VPC with a flow log", async () => {
            assert.deepEqual(await messages(vpcFlowLogs, [vpc("a"), flowLog("a")]), []);
        });
        it("fails a VPC without one", async () => {
            const m = await messages(vpcFlowLogs, [vpc("a"), flowLog("a"), vpc("b")]);
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.ec2\.Vpc "b" has no flow log: add an aws\.ec2\.FlowLog with vpcId/);
        });
        it("resolves through dependencies in a preview, and skips flow logs of unknown VPCs", async () => {
            assert.deepEqual(await messages(vpcFlowLogs, [vpc("a"), flowLog("a")], { preview: true }), []);
            assert.deepEqual(await messages(vpcFlowLogs, [vpc("a"), { ...flowLog("a"), props: { vpcId: UNKNOWN }, deps: {} }]), []);
        });
    });
});
