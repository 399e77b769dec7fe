/**
 * Tier 2: the PrivateLink components under the offline engine. Arguments reach the resources
 * they should, and a component refuses what its subnets or load balancer cannot carry before
 * it registers anything of its own.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { PrivateLinkConsumer } from "../../components/network/privateLinkConsumer";
import { PrivateLinkService, PrivateLinkServiceArgs } from "../../components/network/privateLinkService";
import { Vpc } from "../../components/network/vpc";
import { EndpointProbe } from "../../components/workloads/endpointProbe";
import { GraphIndex } from "../../engine/graph";
import { runProgram } from "../../engine/run";
import { ConfigError } from "../../lib/errors";
import { planVpc } from "../../lib/vpcPlan";

const AZS = ["us-west-2a", "us-west-2b"];
const vpc = (name: string, cidr: string, dualStack: boolean) =>
    new Vpc(name, { cidr, plan: planVpc(name, { cidr, privateSubnetPrefix: 24, publicSubnetPrefix: 26, ipv6SubnetIndexes: undefined }, 2, dualStack), availabilityZones: AZS, natGateways: "none", flowLogs: false });

async function run(program: () => void): Promise<GraphIndex> {
    const r = await runProgram(() => {
        program();
        return {};
    }, { project: "eks-ipv6-interop", stack: "test", region: "us-west-2" });
    return new GraphIndex(r);
}

/** Runs `make` inside a program and returns what it threw (the program itself succeeds). */
async function refusal(setup: () => () => unknown): Promise<{ error: unknown; g: GraphIndex }> {
    let error: unknown;
    const g = await run(() => {
        const make = setup();
        try {
            make();
        } catch (e) {
            error = e;
        }
    });
    return { error, g };
}

describe("components/network PrivateLink", () => {
    it("a consumer accepts its own connection when the service requires acceptance, and passes type and DNS options through", async () => {
        let consumer: PrivateLinkConsumer | undefined;
        const g = await run(() => {
            const v = vpc("c", "10.60.0.0/16", true);
            consumer = new PrivateLinkConsumer("c", {
                vpc: v, serviceName: "com.amazonaws.vpce.us-west-2.vpce-svc-0123", serviceId: "vpce-svc-0123", serviceIpAddressTypes: ["ipv4", "ipv6"],
                acceptanceRequired: true, port: 443, dnsRecordIpType: "ipv6",
            });
        });
        const ep = g.one("aws:ec2/vpcEndpoint:VpcEndpoint", "c-endpoint");
        assert.strictEqual(ep.inputs.ipAddressType, "dualstack", "defaults to dualstack in a dual-stack VPC");
        assert.strictEqual(ep.inputs.dnsOptions.dnsRecordIpType, "ipv6");
        assert.strictEqual(ep.inputs.privateDnsEnabled, false);
        const accept = g.one("aws:ec2/vpcEndpointConnectionAccepter:VpcEndpointConnectionAccepter", "c-accept");
        assert.deepStrictEqual([accept.inputs.vpcEndpointId, accept.inputs.vpcEndpointServiceId], [ep.id, "vpce-svc-0123"]);
        assert.deepStrictEqual(consumer!.recordTypes, ["AAAA"]);
        assert.deepStrictEqual(consumer!.families, ["ipv6"], "AAAA-only names leave IPv6 as the only usable family");
    });

    it("a consumer refuses a dualstack endpoint in an IPv4-only VPC before registering anything of its own", async () => {
        const { error, g } = await refusal(() => {
            const v = vpc("v4", "10.61.0.0/16", false);
            return () => new PrivateLinkConsumer("v4", { vpc: v, serviceName: "svc", serviceId: "vpce-svc-1", serviceIpAddressTypes: ["ipv4", "ipv6"], port: 80, ipAddressType: "dualstack", configKey: "consumers.ipv4" });
        });
        assert.ok(error instanceof ConfigError);
        assert.strictEqual(error.key, "consumers.ipv4.endpointIpAddressType");
        assert.strictEqual(g.ofType("ipv6-eks-interop:network:PrivateLinkConsumer").length, 0);
        assert.strictEqual(g.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").length, 0);
        assert.strictEqual(g.ofType("aws:ec2/securityGroup:SecurityGroup").length, 0);
    });

    it("a service refuses an IPv6 target group on an IPv4 NLB, and IPv6 consumers on it, before registering anything", async () => {
        const table: [Partial<PrivateLinkServiceArgs>, string][] = [
            [{ ipAddressType: "ipv4", targetGroupIpAddressType: "ipv6" }, "nlb.targetGroupIpAddressType"],
            [{ ipAddressType: "ipv4", targetGroupIpAddressType: "ipv4", supportedIpAddressTypes: ["ipv4", "ipv6"] }, "endpointService.supportedIpAddressTypes"],
        ];
        for (const [args, key] of table) {
            const { error, g } = await refusal(() => {
                const v = vpc("p", "10.62.0.0/16", true);
                return () => new PrivateLinkService("s", { vpc: v, listenerPort: 80, targetPort: 8080, targetSecurityGroupId: "sg-1", allowedPrincipals: ["arn:aws:iam::123456789012:root"], ...args });
            });
            assert.ok(error instanceof ConfigError, String(error));
            assert.strictEqual(error.key, key);
            assert.strictEqual(g.ofType("aws:lb/loadBalancer:LoadBalancer").length, 0);
            assert.strictEqual(g.ofType("ipv6-eks-interop:network:PrivateLinkService").length, 0);
        }
    });

    it("a service puts its listener, target group and endpoint service on the NLB it owns", async () => {
        const g = await run(() => {
            const v = vpc("p", "10.63.0.0/16", true);
            new PrivateLinkService("s", { vpc: v, listenerPort: 443, targetPort: 9000, targetSecurityGroupId: "sg-nodes", acceptanceRequired: true, allowedPrincipals: [pulumi.output("arn:aws:iam::210987654321:root")] });
        });
        const nlb = g.one("aws:lb/loadBalancer:LoadBalancer", "s-nlb");
        const tg = g.one("aws:lb/targetGroup:TargetGroup", "s-tg");
        const svc = g.one("aws:ec2/vpcEndpointService:VpcEndpointService", "s");
        assert.deepStrictEqual([tg.inputs.port, tg.inputs.ipAddressType], [9000, "ipv6"]);
        assert.strictEqual(g.one("aws:lb/listener:Listener", "s-tcp").inputs.port, 443);
        assert.deepStrictEqual(svc.inputs.networkLoadBalancerArns, [nlb.id]);
        assert.strictEqual(svc.inputs.acceptanceRequired, true);
        assert.deepStrictEqual(svc.inputs.allowedPrincipals, ["arn:aws:iam::210987654321:root"]);
        const egress = g.one("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "s-nlb-to-targets");
        assert.deepStrictEqual([egress.inputs.fromPort, egress.inputs.referencedSecurityGroupId], [9000, "sg-nodes"]);
    });

    it("a probe refuses an IPv6 request from an IPv4-only VPC", async () => {
        const { error, g } = await refusal(() => {
            const v = vpc("v4", "10.64.0.0/16", false);
            return () => new EndpointProbe("p", { vpc: v, host: "h", port: 80, expectRecords: ["A"], families: ["ipv4", "ipv6"], triggers: {} });
        });
        assert.ok(error instanceof ConfigError);
        assert.match((error as Error).message, /needs a dual-stack consumer VPC/);
        assert.strictEqual(g.ofType("aws:lambda/function:Function").length, 0);
    });
});
