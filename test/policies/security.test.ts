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

describe("policies: security boundaries (mutation-testing survivors)", () => {
    const LB_ARN = (name: string) => `arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/${name}/1`;
    const nlb = (name: string, group: string, internal: unknown = false): Fx => ({ type: "aws:lb/loadBalancer:LoadBalancer", name, props: { id: LB_ARN(name), arn: LB_ARN(name), loadBalancerType: "network", internal, securityGroups: [`sg-${group}`], ipAddressType: "dualstack" }, deps: { securityGroups: [group] } });
    const listener = (name: string, lb: string, port: unknown, protocol: unknown = "TCP"): Fx => ({ type: "aws:lb/listener:Listener", name, props: { id: `l-${name}`, loadBalancerArn: LB_ARN(lb), port, protocol }, deps: { loadBalancerArn: [lb] } });
    const open = (name: string, group: string, protocol: string, from: number, to: number, family: "v4" | "v6" = "v4") => rule(name, group, { ipProtocol: protocol, fromPort: from, toPort: to, ...(family === "v4" ? { cidrIpv4: "0.0.0.0/0" } : { cidrIpv6: "::/0" }) });
    const web = (...listeners: Fx[]) => [vpc("v"), sg("lb", "v"), nlb("web", "lb"), ...listeners];

    describe("security-group-no-world-ingress: ICMP path-MTU messages", () => {
        it("lets ICMP type 3 code 4 (or every code) and ICMPv6 type 2 in from the world, and nothing else of ICMP", async () => {
            const fx = [vpc("v"), sg("g", "v"), open("frag", "g", "icmp", 3, 4), open("unreach", "g", "icmp", 3, -1), open("ptb", "g", "icmpv6", 2, 0, "v6")];
            assert.deepEqual(await messages(noWorldIngress, fx), []);
            const bad = [vpc("v"), sg("g", "v"), open("host", "g", "icmp", 3, 1), open("echo", "g", "icmp", 8, -1), open("echo6", "g", "icmpv6", 128, 0, "v6"), open("type2v4", "g", "icmp", 2, -1)];
            const m = await messages(noWorldIngress, bad);
            assert.deepEqual(m.map((x) => x.split(":")[0]).sort(), ['aws.vpc.SecurityGroupIngressRule "echo"', 'aws.vpc.SecurityGroupIngressRule "echo6"', 'aws.vpc.SecurityGroupIngressRule "host"', 'aws.vpc.SecurityGroupIngressRule "type2v4"']);
        });
        it("does not take a TCP or UDP rule on port 2 or 3 for an ICMP message", async () => {
            const m = await messages(noWorldIngress, [vpc("v"), sg("g", "v"), open("t2", "g", "tcp", 2, 2, "v6"), open("u3", "g", "udp", 3, 4)]);
            assert.equal(m.length, 2, m.join("\n"));
        });
    });

    describe("security-group-no-world-ingress: listener protocols and ports", () => {
        it("maps UDP, TCP_UDP, QUIC and TCP_QUIC listeners (any case) to the transports they accept", async () => {
            for (const [proto, tcpOk, udpOk] of [["UDP", false, true], ["udp", false, true], ["TCP_UDP", true, true], ["QUIC", false, true], ["TCP_QUIC", true, true], ["TLS", true, false], [undefined, true, false]] as const) {
                const tcp = await messages(noWorldIngress, [...web(listener("l", "web", 443, proto)), open("t", "lb", "tcp", 443, 443)]);
                const udp = await messages(noWorldIngress, [...web(listener("l", "web", 443, proto)), open("u", "lb", "udp", 443, 443)]);
                assert.equal(tcp.length, tcpOk ? 0 : 1, `${proto} tcp: ${tcp.join("\n")}`);
                assert.equal(udp.length, udpOk ? 0 : 1, `${proto} udp: ${udp.join("\n")}`);
            }
        });
        it("waits while a listener's protocol, its load balancer or a load balancer's groups are unknown", async () => {
            assert.deepEqual(await messages(noWorldIngress, [...web(listener("l", "web", 443, UNKNOWN)), open("t", "lb", "tcp", 443, 443)]), []);
            const lost = { ...listener("l", "web", 443), props: { id: "l-l", loadBalancerArn: UNKNOWN, port: 443, protocol: "TCP" }, deps: {} };
            assert.deepEqual(await messages(noWorldIngress, [...web(), lost, open("t", "lb", "tcp", 80, 80)]), []);
            const unknownGroups = { ...nlb("other", "x"), props: { ...nlb("other", "x").props, securityGroups: UNKNOWN }, deps: {} };
            assert.deepEqual(await messages(noWorldIngress, [...web(listener("l", "web", 443)), unknownGroups, open("t", "lb", "tcp", 80, 80)]), []);
        });
        it("counts only the load balancer's own listeners, and says so when it has none with a port", async () => {
            const fx = [...web(), sg("lb2", "v"), nlb("other", "lb2"), listener("l2", "other", 443), listener("portless", "web", undefined), open("t", "lb", "tcp", 443, 443)];
            const m = await messages(noWorldIngress, fx);
            assert.deepEqual(m, ['aws.vpc.SecurityGroupIngressRule "t": cidrIpv4 "0.0.0.0/0" admits tcp 443 from the whole IPv4 internet: it is not a listener port of aws.lb.LoadBalancer "web" ((no listener)); admit only the listener ports.']);
        });
        it("reports a range only partly on listener ports, naming the listeners in order", async () => {
            const m = await messages(noWorldIngress, [...web(listener("http", "web", 80), listener("https", "web", 443)), open("t", "lb", "tcp", 443, 444)]);
            assert.deepEqual(m, ['aws.vpc.SecurityGroupIngressRule "t": cidrIpv4 "0.0.0.0/0" admits tcp 443-444 from the whole IPv4 internet: not every port is a listener port of aws.lb.LoadBalancer "web" (tcp/443, tcp/80); admit only the listener ports.']);
        });
        it("checks ranges up to 1024 ports port by port, and wider ranges or all traffic as a whole", async () => {
            const listeners = Array.from({ length: 1024 }, (_, i) => listener(`l${i}`, "web", 1000 + i));
            const cfg = { config: { "security-group-no-world-ingress": { allowedWorldIngressPorts: Array.from({ length: 1025 }, (_, i) => 1000 + i) } } };
            assert.deepEqual(await messages(noWorldIngress, [...web(...listeners), open("t", "lb", "tcp", 1000, 2023)], cfg), [], "1024 ports, each a listener port");
            const wide = await messages(noWorldIngress, [...web(...listeners, listener("l1024", "web", 2024)), open("t", "lb", "tcp", 1000, 2024)], cfg);
            assert.equal(wide.length, 1);
            assert.match(wide[0], /admits tcp 1000-2024 .*: only listener ports may be world-open \(tcp\/1000, .* on aws\.lb\.LoadBalancer "web"\)/);
            const all = await messages(noWorldIngress, [...web(listener("https", "web", 443)), rule("any", "lb", { ipProtocol: "-1", cidrIpv6: "::/0" })]);
            assert.deepEqual(all, ['aws.vpc.SecurityGroupIngressRule "any": cidrIpv6 "::/0" admits all traffic from the whole IPv6 internet: only listener ports may be world-open (tcp/443 on aws.lb.LoadBalancer "web"); admit only the listener ports.']);
        });
        it("names every listener port outside allowedWorldIngressPorts, and says none when the list is empty", async () => {
            const fx = [...web(listener("a", "web", 8443), listener("b", "web", 8444)), open("t", "lb", "tcp", 8443, 8444)];
            assert.match((await messages(noWorldIngress, fx))[0], /port\(s\) 8443, 8444 are not in allowedWorldIngressPorts \(80, 443\); admit only the listener ports\.$/);
            const none = await messages(noWorldIngress, [...web(listener("https", "web", 443)), open("t", "lb", "tcp", 443, 443)], { config: { "security-group-no-world-ingress": { allowedWorldIngressPorts: [] } } });
            assert.match(none[0], /port\(s\) 443 are not in allowedWorldIngressPorts \(none\)/);
        });
        it("names a group outside the stack as its security group, and waits while a rule's group is unknown", async () => {
            const m = await messages(noWorldIngress, [vpc("v"), { ...open("t", "elsewhere", "tcp", 22, 22), deps: {} }]);
            assert.match(m[0], /admits tcp 22 from the whole IPv4 internet, and its security group is not attached/);
            assert.deepEqual(await messages(noWorldIngress, [vpc("v"), { ...open("t", "x", "tcp", 22, 22), props: { id: "sgr-t", securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, deps: {} }]), []);
        });
        it("waits while a rule's protocol or ports are unknown", async () => {
            assert.deepEqual(await messages(noWorldIngress, [vpc("v"), sg("g", "v"), rule("p", "g", { ipProtocol: UNKNOWN, fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }), rule("r", "g", { ipProtocol: "tcp", fromPort: UNKNOWN, toPort: 22, cidrIpv4: "0.0.0.0/0" })]), []);
        });
    });

    describe("security-group-ipv6-counterpart: coverage of ports and protocols", () => {
        const peers = (): Fx[] => [vpc("a", { cidr: "10.10.0.0/16", ipv6: "2001:db8:0:100::/56" }), vpc("b", { cidr: "10.20.0.0/16", ipv6: "2001:db8:0:200::/56" }), sg("nodes", "a")];
        const v4 = rule("v4", "nodes", { ipProtocol: "tcp", fromPort: 8000, toPort: 9000, cidrIpv4: "10.20.0.0/16" });
        const v6 = (p: Record<string, unknown>) => rule("v6", "nodes", { cidrIpv6: "2001:db8:0:200::/56", ...p });
        it("passes an exact IPv6 match and an all-traffic IPv6 rule", async () => {
            assert.deepEqual(await messages(ipv6Counterpart, [...peers(), v4, v6({ ipProtocol: "tcp", fromPort: 8000, toPort: 9000 })]), []);
            assert.deepEqual(await messages(ipv6Counterpart, [...peers(), v4, v6({ ipProtocol: "-1" })]), []);
        });
        it("fails an IPv6 rule one port short at either end, on another protocol, or from another VPC's block", async () => {
            for (const p of [{ ipProtocol: "tcp", fromPort: 8001, toPort: 9000 }, { ipProtocol: "tcp", fromPort: 8000, toPort: 8999 }, { ipProtocol: "udp", fromPort: 8000, toPort: 9000 }, { ipProtocol: "tcp", fromPort: 8000, toPort: 9000, cidrIpv6: "2001:db8:0:100::/56" }]) {
                const m = await messages(ipv6Counterpart, [...peers(), v4, v6(p)]);
                assert.deepEqual(m, ['aws.vpc.SecurityGroupIngressRule "v4" admits 10.20.0.0/16 (tcp 8000-9000) into aws.ec2.SecurityGroup "nodes" in a dual-stack VPC but nothing admits 2001:db8:0:200::/56 on the same ports: add an ingress rule with cidrIpv6 2001:db8:0:200::/56.'], JSON.stringify(p));
            }
        });
        it("accepts an IPv6 rule for a part of the peer's block (a subnet's /64)", async () => {
            assert.deepEqual(await messages(ipv6Counterpart, [...peers(), v4, v6({ ipProtocol: "tcp", fromPort: 8000, toPort: 9000, cidrIpv6: "2001:db8:0:210::/64" })]), []);
        });
        it("checks a source that covers only part of a dual-stack VPC's IPv4 block", async () => {
            const part = rule("part", "nodes", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.20.4.0/24" });
            assert.equal((await messages(ipv6Counterpart, [...peers(), part])).length, 1);
        });
        it("ignores ICMP, IPv4 sources outside every VPC, groups in IPv4-only VPCs, and waits while an IPv6 source is unknown", async () => {
            assert.deepEqual(await messages(ipv6Counterpart, [...peers(), rule("icmp", "nodes", { ipProtocol: "icmp", fromPort: 3, toPort: 4, cidrIpv4: "10.20.0.0/16" })]), []);
            assert.deepEqual(await messages(ipv6Counterpart, [...peers(), rule("office", "nodes", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "192.0.2.0/24" })]), []);
            const legacy = [vpc("legacy", { cidr: "10.30.0.0/16", ipv6: false }), vpc("b", { cidr: "10.20.0.0/16", ipv6: "2001:db8:0:200::/56" }), sg("old", "legacy"), rule("x", "old", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.20.0.0/16" })];
            assert.deepEqual(await messages(ipv6Counterpart, legacy), []);
            assert.deepEqual(await messages(ipv6Counterpart, [...peers(), v4, v6({ ipProtocol: "tcp", fromPort: 1, toPort: 2, cidrIpv6: UNKNOWN })]), []);
            assert.deepEqual(await messages(ipv6Counterpart, [...peers(), { ...rule("v4", "x", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }), props: { id: "sgr-v4", securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }, deps: {} }]), []);
        });
    });

    describe("security-group-icmpv6-from-ipv6-sources: which ICMPv6 counts", () => {
        const app = rule("app", "g", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv6: "2001:db8:0:210::/64" });
        it("counts ICMPv6 type 2, every type (-1 or unset) and all traffic from a covering block", async () => {
            for (const p of [{ ipProtocol: "icmpv6", fromPort: 2, toPort: 0 }, { ipProtocol: "icmpv6", fromPort: -1, toPort: -1 }, { ipProtocol: "icmpv6" }, { ipProtocol: "-1" }]) {
                assert.deepEqual(await messages(icmpv6FromPeers, [vpc("a"), sg("g", "a"), app, rule("i", "g", { ...p, cidrIpv6: "2001:db8:0:200::/56" })]), [], JSON.stringify(p));
            }
        });
        it("does not count another ICMPv6 type, or ICMPv6 from a narrower block", async () => {
            const m = await messages(icmpv6FromPeers, [vpc("a"), sg("g", "a"), app, rule("i", "g", { ipProtocol: "icmpv6", fromPort: 1, toPort: -1, cidrIpv6: "2001:db8:0:200::/56" })]);
            assert.deepEqual(m, ['aws.vpc.SecurityGroupIngressRule "app" admits 2001:db8:0:210::/64 into aws.ec2.SecurityGroup "g" but no rule admits ICMPv6 Packet Too Big from it: add an ingress rule with ipProtocol "icmpv6", fromPort 2 (or -1) and cidrIpv6 2001:db8:0:210::/64.']);
            assert.equal((await messages(icmpv6FromPeers, [vpc("a"), sg("g", "a"), app, rule("i", "g", { ipProtocol: "icmpv6", fromPort: 2, toPort: 0, cidrIpv6: "2001:db8:0:210:8000::/65" })])).length, 1);
        });
        it("waits while any IPv6 rule's protocol is unknown, and ignores IPv4 rules", async () => {
            assert.deepEqual(await messages(icmpv6FromPeers, [vpc("a"), sg("g", "a"), app, rule("u", "g", { ipProtocol: UNKNOWN, cidrIpv6: "2001:db8:0:200::/56" })]), []);
            assert.deepEqual(await messages(icmpv6FromPeers, [vpc("a"), sg("g", "a"), rule("v4", "g", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "10.0.0.0/8" })]), []);
        });
    });
});

describe("policies: security boundaries, part 2 (mutation-testing survivors)", () => {
    const LB_ARN = (name: string) => `arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/${name}/1`;
    const nlb = (name: string, group: string, internal: unknown = false): Fx => ({ type: "aws:lb/loadBalancer:LoadBalancer", name, props: { id: LB_ARN(name), arn: LB_ARN(name), loadBalancerType: "network", internal, securityGroups: [`sg-${group}`], ipAddressType: "dualstack" }, deps: { securityGroups: [group] } });
    const listener = (name: string, lb: string, port: number): Fx => ({ type: "aws:lb/listener:Listener", name, props: { id: `l-${name}`, loadBalancerArn: LB_ARN(lb), port, protocol: "TCP" }, deps: { loadBalancerArn: [lb] } });

    it("no-world-ingress: waits while the load balancer's scheme is unknown, even for a port that is no listener's", async () => {
        assert.deepEqual(await messages(noWorldIngress, [vpc("v"), sg("lb", "v"), nlb("web", "lb", UNKNOWN), listener("https", "web", 443), rule("t", "lb", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" })]), []);
    });
    it("no-world-ingress: an inline ingress block of the load balancer's own group may open its listener port", async () => {
        const fx = [vpc("v"), sg("lb", "v", [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }]), nlb("web", "lb"), listener("https", "web", 443)];
        assert.deepEqual(await messages(noWorldIngress, fx), []);
    });
    it("no-world-ingress: ICMPv6 echo on a load balancer's group is not a listener port, and every load balancer sharing the group is named", async () => {
        const fx = [vpc("v"), sg("lb", "v"), nlb("web", "lb"), nlb("web2", "lb"), listener("https", "web", 443), rule("echo", "lb", { ipProtocol: "icmpv6", fromPort: 128, toPort: -1, cidrIpv6: "::/0" }), rule("t", "lb", { ipProtocol: "tcp", fromPort: 443, toPort: 444, cidrIpv4: "0.0.0.0/0" })];
        const m = await messages(noWorldIngress, fx);
        assert.equal(m.length, 2, m.join("\n"));
        assert.ok(m.some((x) => /^aws\.vpc\.SecurityGroupIngressRule "echo": cidrIpv6 "::\/0" admits icmpv6 .*: only listener ports may be world-open \(tcp\/443 on aws\.lb\.LoadBalancer "web", aws\.lb\.LoadBalancer "web2"\); admit only the listener ports\.$/.test(x)), m.join("\n"));
        assert.ok(m.some((x) => /"t": .*not every port is a listener port of aws\.lb\.LoadBalancer "web", aws\.lb\.LoadBalancer "web2" \(tcp\/443\)/.test(x)), m.join("\n"));
    });

    describe("ipv6-counterpart", () => {
        const peers = (): Fx[] => [vpc("a", { cidr: "10.10.0.0/16", ipv6: "2001:db8:0:100::/56" }), vpc("b", { cidr: "10.20.0.0/16", ipv6: "2001:db8:0:200::/56" }), sg("nodes", "a")];
        const v4 = (name: string, p: Record<string, unknown> = {}) => rule(name, "nodes", { ipProtocol: "tcp", fromPort: 8000, toPort: 9000, cidrIpv4: "10.20.0.0/16", ...p });
        it("takes an IPv6 rule whose ports are not known yet as the counterpart", async () => {
            assert.deepEqual(await messages(ipv6Counterpart, [...peers(), v4("v4"), rule("v6", "nodes", { ipProtocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrIpv6: "2001:db8:0:200::/56" })]), []);
        });
        it("skips an IPv4 rule whose source or protocol is unknown, and still checks the group's other rules", async () => {
            const m = await messages(ipv6Counterpart, [...peers(), v4("u", { cidrIpv4: UNKNOWN }), v4("p", { ipProtocol: UNKNOWN }), v4("known")]);
            assert.equal(m.length, 1, m.join("\n"));
            assert.match(m[0], /^aws\.vpc\.SecurityGroupIngressRule "known" admits/);
        });
        it("stays quiet for a group whose VPC is unknown, and beside a group whose inline rules are unknown", async () => {
            const g = { ...sg("nodes", "a"), props: { id: "sg-nodes", vpcId: UNKNOWN, description: "nodes" }, deps: {} };
            assert.deepEqual(await messages(ipv6Counterpart, [...peers().filter((f) => f.name !== "nodes"), g, v4("v4")]), []);
            const u = { ...sg("u", "a"), props: { ...sg("u", "a").props, ingress: UNKNOWN } };
            assert.deepEqual(await messages(ipv6Counterpart, [...peers(), u, v4("v4"), rule("v6", "nodes", { ipProtocol: "tcp", fromPort: 8000, toPort: 9000, cidrIpv6: "2001:db8:0:200::/56" })]), []);
        });
    });

    describe("icmpv6-from-ipv6-sources", () => {
        it("waits for the whole group while one IPv6 source is unknown", async () => {
            assert.deepEqual(await messages(icmpv6FromPeers, [vpc("a"), sg("g", "a"), rule("u", "g", { ipProtocol: "tcp", fromPort: 80, toPort: 80, cidrIpv6: UNKNOWN }), rule("k", "g", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "2001:db8:0:200::/56" })]), []);
        });
        it("does not take TCP port 2 for ICMPv6 type 2", async () => {
            const m = await messages(icmpv6FromPeers, [vpc("a"), sg("g", "a"), rule("app", "g", { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv6: "2001:db8:0:210::/64" }), rule("p2", "g", { ipProtocol: "tcp", fromPort: 2, toPort: 2, cidrIpv6: "2001:db8:0:200::/56" })]);
            assert.equal(m.length, 2, m.join("\n"));
        });
    });

    describe("eks-public-endpoint-restricted", () => {
        const raw = (vpcConfig: unknown): Fx => ({ type: "aws:eks/cluster:Cluster", name: "raw", props: { id: "raw", ...(vpcConfig === undefined ? {} : { vpcConfig }) } });
        it("says the endpoint is on by an explicit true, and names every world CIDR", async () => {
            assert.deepEqual(await messages(eksPublicEndpointRestricted, [raw({ endpointPublicAccess: true })]), ['aws.eks.Cluster "raw": the public API endpoint is on (endpointPublicAccess true) and vpcConfig.publicAccessCidrs is unset, which means 0.0.0.0/0: set vpcConfig.publicAccessCidrs to your operators\' CIDRs, or endpointPublicAccess to false.']);
            assert.deepEqual(await messages(eksPublicEndpointRestricted, [raw({ endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0", "::/0"] })]), ['aws.eks.Cluster "raw": vpcConfig.publicAccessCidrs contains "0.0.0.0/0", "::/0", which opens the Kubernetes API to the internet: replace it with your operators\' CIDRs.']);
        });
        it("waits on an unknown vpcConfig and ignores a raw cluster without one", async () => {
            assert.deepEqual(await messages(eksPublicEndpointRestricted, [raw(UNKNOWN)]), []);
            assert.deepEqual(await messages(eksPublicEndpointRestricted, [raw(undefined)]), []);
        });
    });

    it("vpc-flow-logs-enabled: waits while any flow log's VPC is unknown", async () => {
        const fl = (name: string, vpcName?: string): Fx => ({ type: "aws:ec2/flowLog:FlowLog", name, props: { id: name, vpcId: vpcName ? `vpc-${vpcName}` : UNKNOWN, trafficType: "ALL" }, deps: vpcName ? { vpcId: [vpcName] } : {} });
        assert.deepEqual(await messages(vpcFlowLogs, [vpc("a"), vpc("b"), fl("fa", "a"), fl("fu")]), []);
    });
});
