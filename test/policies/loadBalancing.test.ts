import { strict as assert } from "assert";
import { ipv6TargetGroups, loadBalancerDualStack } from "../../policies/rules/loadBalancers";
import { endpointServiceDualStack, interfaceEndpointIpType } from "../../policies/rules/privateLink";
import { Fx, UNKNOWN, dualStackVpc, messages, patch, subnet, vpc } from "./harness";

const nlb = (name: string, ipAddressType?: string, tags?: Record<string, string>): Fx => ({
    type: "aws:lb/loadBalancer:LoadBalancer",
    name,
    props: { id: `arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/${name}/1`, arn: `arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/${name}/1`, loadBalancerType: "network", internal: true, subnets: ["subnet-n-private"], ...(ipAddressType ? { ipAddressType } : {}), ...(tags ? { tags } : {}) },
});
const tg = (name: string, ipAddressType: string, targetType: string): Fx => ({
    type: "aws:lb/targetGroup:TargetGroup",
    name,
    props: { id: `arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/${name}/1`, arn: `arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/${name}/1`, port: 8080, protocol: "TCP", vpcId: "vpc-n-vpc", ipAddressType, targetType },
});
const listener = (name: string, lb: string, target: string): Fx => ({
    type: "aws:lb/listener:Listener",
    name,
    props: { id: `l-${name}`, loadBalancerArn: `arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/${lb}/1`, port: 80, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: `arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/${target}/1` }] },
    deps: { loadBalancerArn: [lb], defaultActions: [target] },
});
const attachment = (name: string, target: string, targetId: string): Fx => ({
    type: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    name,
    props: { id: name, targetGroupArn: `arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/${target}/1`, targetId, port: 8080 },
    deps: { targetGroupArn: [target] },
});

describe("policies: load balancers and PrivateLink", () => {
    describe("load-balancer-dual-stack", () => {
        it("passes dualstack NLBs and ALBs without public IPv4", async () => {
            assert.deepEqual(await messages(loadBalancerDualStack, [nlb("a", "dualstack"), { ...nlb("b", "dualstack-without-public-ipv4"), type: "aws:alb/loadBalancer:LoadBalancer" }]), []);
        });
        it("fails ipv4, an unset type, and a Classic Load Balancer", async () => {
            const classic: Fx = { type: "aws:elb/loadBalancer:LoadBalancer", name: "old", props: { listeners: [] } };
            const m = await messages(loadBalancerDualStack, [nlb("a", "ipv4"), nlb("b"), classic]);
            assert.equal(m.length, 3);
            assert.match(m[0], /aws\.lb\.LoadBalancer "a": ipAddressType is "ipv4".*set ipAddressType to "dualstack"/);
            assert.match(m[1], /"b": ipAddressType is unset \(ipv4\)/);
            assert.match(m[2], /"old" is a Classic Load Balancer/);
        });
        it("honours an exemption scoped to the rule, e.g. components/workloads/ipv4WebApp.ts's", async () => {
            assert.deepEqual(await messages(loadBalancerDualStack, [nlb("legacy", "ipv4", { "ipv6-policy-exempt": "load-balancer-dual-stack=the IPv4-only legacy app" })]), []);
        });
        it("reports nothing for an unknown type", async () => {
            assert.deepEqual(await messages(loadBalancerDualStack, [nlb("a", UNKNOWN)]), []);
        });
    });

    describe("ipv6-target-group-requirements", () => {
        const good = () => [...dualStackVpc("n"), nlb("lb", "dualstack"), tg("tg6", "ipv6", "ip"), listener("l", "lb", "tg6"), attachment("pod", "tg6", "2001:db8:0:110::a")];
        it("passes an IPv6 IP target group behind a dual-stack NLB with IPv6 targets", async () => {
            assert.deepEqual(await messages(ipv6TargetGroups, good()), []);
        });
        it("fails instance targets, an ipv4 load balancer, and an IPv4 address in an IPv6 group", async () => {
            const fx = [...dualStackVpc("n"), nlb("lb", "ipv4"), tg("tg6", "ipv6", "instance"), listener("l", "lb", "tg6"), attachment("pod", "tg6", "10.10.0.10")];
            const m = await messages(ipv6TargetGroups, fx);
            assert.equal(m.length, 3, m.join("\n"));
            assert.match(m[0], /"tg6" is an IPv6 target group with targetType "instance": set targetType to "ip"/);
            assert.match(m[1], /"tg6" is an IPv6 target group behind aws\.lb\.LoadBalancer "lb", whose ipAddressType is "ipv4"/);
            assert.match(m[2], /"pod" registers the IPv4 address 10\.10\.0\.10 in aws\.lb\.TargetGroup "tg6", an ipv6 target group/);
        });
        it("finds the load balancer through dependencies in a preview; quiet on unknown types", async () => {
            const fx = [...dualStackVpc("n"), nlb("lb", "ipv4"), tg("tg6", "ipv6", "ip"), listener("l", "lb", "tg6")];
            assert.equal((await messages(ipv6TargetGroups, fx, { preview: true })).length, 1);
            assert.deepEqual(await messages(ipv6TargetGroups, patch(fx, "lb", { ipAddressType: UNKNOWN })), []);
            assert.deepEqual(await messages(ipv6TargetGroups, patch(good(), "pod", { targetId: UNKNOWN })), []);
        });
    });

    describe("endpoint-service-dual-stack", () => {
        const svc = (types: unknown, lb = "lb"): Fx => ({ type: "aws:ec2/vpcEndpointService:VpcEndpointService", name: "svc", props: { id: "vpce-svc-1", serviceName: "com.amazonaws.vpce.us-west-2.vpce-svc-1", acceptanceRequired: false, networkLoadBalancerArns: [`arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/${lb}/1`], supportedIpAddressTypes: types }, deps: { networkLoadBalancerArns: [lb] } });
        it("passes both families on a dual-stack NLB", async () => {
            assert.deepEqual(await messages(endpointServiceDualStack, [nlb("lb", "dualstack"), svc(["ipv4", "ipv6"])]), []);
        });
        it("fails an IPv4-only service and one fronting an ipv4 NLB", async () => {
            const m = await messages(endpointServiceDualStack, [nlb("lb", "ipv4"), svc(["ipv4"])]);
            assert.equal(m.length, 2);
            assert.match(m[0], /"svc": supportedIpAddressTypes is \["ipv4"\]; set it to \["ipv4", "ipv6"\]/);
            assert.match(m[1], /"svc" fronts aws\.lb\.LoadBalancer "lb", whose ipAddressType is "ipv4"/);
        });
        it("reports nothing on unknowns", async () => {
            assert.deepEqual(await messages(endpointServiceDualStack, [nlb("lb", UNKNOWN), svc(UNKNOWN)]), []);
        });
    });

    describe("interface-endpoint-ip-type", () => {
        const service: Fx = { type: "aws:ec2/vpcEndpointService:VpcEndpointService", name: "svc", props: { id: "vpce-svc-1", serviceName: "com.amazonaws.vpce.us-west-2.vpce-svc-1", supportedIpAddressTypes: ["ipv4", "ipv6"] } };
        const endpoint = (name: string, subnets: string[], ipAddressType?: string, dns?: string): Fx => ({
            type: "aws:ec2/vpcEndpoint:VpcEndpoint",
            name,
            props: { id: `vpce-${name}`, vpcEndpointType: "Interface", serviceName: "com.amazonaws.vpce.us-west-2.vpce-svc-1", subnetIds: subnets.map((s) => `subnet-${s}`), ...(ipAddressType ? { ipAddressType } : {}), ...(dns ? { dnsOptions: { dnsRecordIpType: dns } } : {}) },
            deps: { subnetIds: subnets, serviceName: ["svc"] },
        });
        const nets = () => [...dualStackVpc("n"), vpc("four", { ipv6: false, cidr: "10.30.0.0/16" }), subnet("four-a", "four", { cidr: "10.30.0.0/24" }), subnet("six-a", "n-vpc", { ipv6: "2001:db8:0:130::/64", native: true, assign: true }), service];
        it("passes dualstack in dual-stack subnets, ipv4 in IPv4-only ones, ipv6 in IPv6-only ones", async () => {
            const fx = [...nets(), endpoint("ds", ["n-private"], "dualstack", "dualstack"), endpoint("v4", ["four-a"], "ipv4", "ipv4"), endpoint("v6", ["six-a"], "ipv6", "ipv6")];
            assert.deepEqual(await messages(interfaceEndpointIpType, fx), []);
        });
        it("fails what AWS refuses and an ipv4 endpoint in dual-stack subnets of an IPv6-capable service", async () => {
            const fx = [...nets(), endpoint("ds-in-v4", ["four-a"], "dualstack", "dualstack"), endpoint("dns", ["n-private"], "ipv4", "ipv6"), endpoint("v4-in-ds", ["n-private"])];
            const m = await messages(interfaceEndpointIpType, fx);
            assert.equal(m.length, 3, m.join("\n"));
            assert.match(m[0], /"ds-in-v4": ipAddressType "dualstack" does not fit its subnets: a dualstack endpoint needs subnets with both IPv4 and IPv6 ranges/);
            assert.match(m[1], /"dns": dnsOptions\.dnsRecordIpType "ipv6" does not fit/);
            assert.match(m[2], /"v4-in-ds" is ipv4 in dual-stack subnets while aws\.ec2\.VpcEndpointService "svc" offers IPv6/);
        });
        it("fails a family the service does not offer", async () => {
            const fx = [...patch(nets(), "svc", { supportedIpAddressTypes: ["ipv4"] }), endpoint("ds", ["n-private"], "dualstack", "dualstack")];
            assert.match((await messages(interfaceEndpointIpType, fx))[0], /"ds": ipAddressType "dualstack" uses a family aws\.ec2\.VpcEndpointService "svc" does not offer/);
        });
        it("reports nothing while subnets or types are unknown", async () => {
            assert.deepEqual(await messages(interfaceEndpointIpType, [...patch(nets(), "four-a", { ipv6CidrBlock: UNKNOWN }), endpoint("x", ["four-a"], "dualstack", "dualstack")]), []);
            assert.deepEqual(await messages(interfaceEndpointIpType, [...nets(), endpoint("x", ["four-a"], UNKNOWN, "dualstack")]), []);
        });
    });
});

describe("policies: load balancer boundaries (mutation-testing survivors)", () => {
    const TG = (n: string) => `arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/${n}/1`;
    const LB = (n: string) => `arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/${n}/1`;
    const withActions = (name: string, lb: string, defaultActions: unknown, deps: string[] = []): Fx => ({ type: "aws:lb/listener:Listener", name, props: { id: `l-${name}`, loadBalancerArn: LB(lb), port: 80, protocol: "TCP", defaultActions }, deps: { loadBalancerArn: [lb], defaultActions: deps } });
    const base = (lbType?: string) => [...dualStackVpc("n"), nlb("lb", lbType), tg("tg6", "ipv6", "ip"), tg("tg4", "ipv4", "ip")];
    const behindV4 = /^aws\.lb\.TargetGroup "tg6" is an IPv6 target group behind aws\.lb\.LoadBalancer "lb", whose ipAddressType is "ipv4": set ipAddressType "dualstack" on aws\.lb\.LoadBalancer "lb"\.$/;

    it("names the default ipv4 when the load balancer leaves ipAddressType unset", async () => {
        const m = await messages(ipv6TargetGroups, [...base(), listener("l", "lb", "tg6")]);
        assert.equal(m.length, 1);
        assert.match(m[0], behindV4);
    });
    it("follows weighted forward blocks to every target group, and matches a group by id when it has no arn", async () => {
        const fwd = [{ type: "forward", forward: { targetGroups: [{ arn: TG("tg4"), weight: 50 }, { arn: TG("tg6"), weight: 50 }] } }];
        assert.match((await messages(ipv6TargetGroups, [...base("ipv4"), withActions("l", "lb", fwd)]))[0], behindV4);
        const noArn = patch(base("ipv4"), "tg6", { arn: undefined });
        assert.match((await messages(ipv6TargetGroups, [...noArn, listener("l", "lb", "tg6")]))[0], behindV4);
        assert.deepEqual(await messages(ipv6TargetGroups, [...base("ipv4"), withActions("l", "lb", [{ type: "forward", targetGroupArn: TG("tg4") }])]), [], "an IPv4 group behind an ipv4 load balancer");
        assert.deepEqual(await messages(ipv6TargetGroups, [...base("ipv4"), withActions("l", "lb", [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } }])]), []);
    });
    it("resolves unknown actions, forward blocks and group ARNs through the listener's dependencies, and waits without them", async () => {
        for (const actions of [UNKNOWN, [UNKNOWN], [{ type: "forward", forward: UNKNOWN }], [{ type: "forward", forward: { targetGroups: UNKNOWN } }], [{ type: "forward", forward: { targetGroups: [UNKNOWN] } }], [{ type: "forward", targetGroupArn: UNKNOWN }]]) {
            assert.match((await messages(ipv6TargetGroups, [...base("ipv4"), withActions("l", "lb", actions, ["tg6"])]))[0] ?? "(none)", behindV4, JSON.stringify(actions));
            assert.deepEqual(await messages(ipv6TargetGroups, [...base("ipv4"), withActions("l", "lb", actions)]), [], JSON.stringify(actions));
        }
    });
    it("ignores dependencies of the listener that are not target groups", async () => {
        assert.deepEqual(await messages(ipv6TargetGroups, [...base("ipv4"), withActions("l", "lb", UNKNOWN, ["n-vpc"])]), []);
    });
    it("checks listener rules through their listener, and waits while the listener or its load balancer is unknown", async () => {
        const lrule = (listenerArn: unknown, deps: Record<string, string[]>): Fx => ({ type: "aws:lb/listenerRule:ListenerRule", name: "r", props: { id: "rule-r", listenerArn, priority: 10, actions: [{ type: "forward", targetGroupArn: TG("tg6") }], conditions: [] }, deps });
        const l4 = withActions("l", "lb", [{ type: "forward", targetGroupArn: TG("tg4") }]);
        const fx = [...base("ipv4"), l4, lrule("l-l", { listenerArn: ["l"], actions: ["tg6"] })];
        assert.match((await messages(ipv6TargetGroups, fx))[0], behindV4);
        assert.deepEqual(await messages(ipv6TargetGroups, [...base("ipv4"), l4, lrule(UNKNOWN, { actions: ["tg6"] })]), []);
        assert.deepEqual(await messages(ipv6TargetGroups, [...base("ipv4"), { ...l4, props: { ...l4.props, loadBalancerArn: UNKNOWN }, deps: {} }, listener("x", "lb", "tg4"), lrule("l-l", { listenerArn: ["l"], actions: ["tg6"] })]), []);
        const alb: Fx = { ...lrule("l-l", { listenerArn: ["l"], actions: ["tg6"] }), type: "aws:alb/listenerRule:ListenerRule" };
        assert.match((await messages(ipv6TargetGroups, [...base("ipv4"), l4, alb]))[0], behindV4);
    });
    it("defaults an IPv6 group's targetType to instance, and leaves an unknown targetType alone", async () => {
        const m = await messages(ipv6TargetGroups, patch(base("dualstack"), "tg6", { targetType: undefined }));
        assert.deepEqual(m, ['aws.lb.TargetGroup "tg6" is an IPv6 target group with targetType "instance": set targetType to "ip" and register pod or instance IPv6 addresses.']);
        assert.deepEqual(await messages(ipv6TargetGroups, patch(base("dualstack"), "tg6", { targetType: UNKNOWN })), []);
    });
    it("registers addresses by family: IPv6 in a group without ipAddressType (ipv4), instance IDs ignored, unknown groups left alone", async () => {
        const m = await messages(ipv6TargetGroups, [...patch(base("dualstack"), "tg4", { ipAddressType: undefined }), attachment("a", "tg4", "2001:db8:0:110::a"), attachment("i", "tg4", "i-0123456789abcdef0")]);
        assert.deepEqual(m, ['aws.lb.TargetGroupAttachment "a" registers the IPv6 address 2001:db8:0:110::a in aws.lb.TargetGroup "tg4", an ipv4 target group: register an ipv4 address, or use a separate ipv6 target group.']);
        assert.deepEqual(await messages(ipv6TargetGroups, [...patch(base("dualstack"), "tg4", { ipAddressType: UNKNOWN }), attachment("a", "tg4", "2001:db8:0:110::a")]), []);
        assert.deepEqual(await messages(ipv6TargetGroups, [...base("dualstack"), { ...attachment("a", "tg4", "2001:db8:0:110::a"), props: { id: "a", targetGroupArn: UNKNOWN, targetId: "2001:db8:0:110::a" }, deps: {} }]), []);
        assert.deepEqual(await messages(ipv6TargetGroups, [...base("dualstack"), attachment("ok", "tg6", "2001:db8:0:110::b")]), []);
    });
});
