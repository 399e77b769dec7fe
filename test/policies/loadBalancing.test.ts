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
