/**
 * Tier 2: the DualStackWebApp's arguments reach its resources, and bad arguments are refused
 * before any of its resources exist.
 */
import * as assert from "assert";
import { Vpc } from "../../components/network/vpc";
import { DualStackWebApp } from "../../components/workloads/dualStackWebApp";
import { ConfigError } from "../../lib/errors";
import { planVpc } from "../../lib/vpcPlan";
import { modelAzs, runComponents } from "../helpers/program";

const PEER6 = "2001:db8:ffff:ff00::/56";

function vpc(name: string, dualStack: boolean): Vpc {
    return new Vpc(name, { cidr: "10.5.0.0/16", plan: planVpc(name, { cidr: "10.5.0.0/16" }, 2, dualStack), availabilityZones: modelAzs(), natGateways: "none", flowLogs: false });
}

describe("components/workloads/DualStackWebApp", () => {
    it("dualstack internal NLB, IPv6 IP target group of each instance's IPv6 address, rules from the allowed /56 only", async () => {
        const g = await runComponents(() => {
            new DualStackWebApp("svc", { vpc: vpc("v", true), port: 8080, allowedIpv6Cidrs: [PEER6], instances: 3 });
        });
        const nlb = g.one("aws:lb/loadBalancer:LoadBalancer", "svc-nlb");
        assert.strictEqual(nlb.inputs.ipAddressType, "dualstack");
        assert.strictEqual(nlb.inputs.internal, true);
        const tg = g.one("aws:lb/targetGroup:TargetGroup", "svc-tg");
        assert.deepStrictEqual([tg.inputs.targetType, tg.inputs.ipAddressType, tg.inputs.protocol, tg.inputs.port, tg.inputs.preserveClientIp], ["ip", "ipv6", "TCP", 8080, "false"]);
        const listener = g.one("aws:lb/listener:Listener", "svc-tcp");
        assert.strictEqual(listener.inputs.port, 8080);
        assert.strictEqual(listener.inputs.defaultActions[0].targetGroupArn, tg.outputs.arn);
        const instances = g.ofType("aws:ec2/instance:Instance");
        assert.strictEqual(instances.length, 3);
        assert.strictEqual(new Set(instances.map((i) => i.inputs.subnetId)).size, 2, "spread over both private subnets");
        const attachments = g.ofType("aws:lb/targetGroupAttachment:TargetGroupAttachment");
        assert.deepStrictEqual(attachments.map((a) => a.inputs.targetId).sort(), instances.map((i) => i.outputs.ipv6Addresses[0]).sort());
        for (const i of instances) {
            assert.strictEqual(i.inputs.ipv6AddressCount, 1);
            assert.strictEqual(i.inputs.metadataOptions.httpTokens, "required");
            assert.strictEqual(i.inputs.associatePublicIpAddress, false);
            assert.match(i.inputs.userData, /http\.server 8080 --bind ::/);
        }
        const sgId = (n: string) => g.one("aws:ec2/securityGroup:SecurityGroup", n).id;
        const ingress = g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        const nlbIn = ingress.filter((r) => r.inputs.securityGroupId === sgId("svc-nlb")).map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.cidrIpv6, r.inputs.cidrIpv4]);
        assert.deepStrictEqual(nlbIn.sort(), [["icmpv6", -1, PEER6, undefined], ["tcp", 8080, PEER6, undefined]]);
        const appIn = ingress.filter((r) => r.inputs.securityGroupId === sgId("svc-app"));
        assert.deepStrictEqual(appIn.map((r) => [r.inputs.fromPort, r.inputs.referencedSecurityGroupId]), [[8080, sgId("svc-nlb")]]);
    });

    const refusals: [string, boolean, string[], number, RegExp][] = [
        ["an IPv4-only VPC", false, [PEER6], 1, /needs a dual-stack VPC/],
        ["no allowed IPv6 client", true, [], 1, /name the client VPCs' IPv6 \/56s/],
        ["more instances than 4 per subnet", true, [PEER6], 9, /service\.instances: 9 is invalid; use 1 to 8 instances/],
    ];
    for (const [label, dualStack, allowed, instances, message] of refusals) {
        it(`refuses ${label} before any of its resources`, async () => {
            let caught: unknown;
            const g = await runComponents(() => {
                const v = vpc("v", dualStack);
                try {
                    new DualStackWebApp("svc", { vpc: v, port: 80, allowedIpv6Cidrs: allowed, instances });
                } catch (e) {
                    caught = e;
                }
            });
            assert.ok(caught instanceof ConfigError, `expected a ConfigError, got ${caught}`);
            assert.match(caught.message, message);
            assert.strictEqual(g.ofType("ipv6-eks-interop:workloads:DualStackWebApp").length, 0);
            assert.strictEqual(g.ofType("aws:lb/loadBalancer:LoadBalancer").length, 0);
        });
    }
});
