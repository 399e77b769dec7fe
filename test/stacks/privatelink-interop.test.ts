/**
 * Tier 3: the facts of the facts page's "Scenario 3, privatelink-interop" section (and the
 * repository's rules: Pulumi owns every load balancer, least-privilege IAM, no open ingress,
 * no NAT for consumers) hold on the recorded graph of the privatelink-interop stack; bad
 * input fails before anything is registered, with the key, the value and the fix.
 */
import * as assert from "assert";
import * as crypto from "crypto";
import * as fs from "fs";
import type { Graph, GraphIndex, GraphResource } from "../../engine/graph";
import { PROBE_HANDLER_FILE } from "../../components/workloads/endpointProbe";
import { LAMBDA_VPC_PROBE_ACTIONS } from "../../lib/aws/serviceRoles";
import { cidrContains, isDefaultRoute } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";
import { allowedActions, PolicyDocument } from "../../lib/iam";
import { flows, schema } from "../../stacks/privatelink-interop";
import { graphOf, indexOf, planWith } from "../helpers/graphs";

const STACK = "privatelink-interop";
const NS = "eks-ipv6-interop";

describe(`stack ${STACK} (offline graph)`, () => {
    let graph: Graph;
    let g: GraphIndex;
    let nlb: GraphResource;
    let tg: GraphResource;
    let providerVpc: GraphResource;
    const subnetsOf = (vpc: GraphResource, tier?: string) => g.ofType("aws:ec2/subnet:Subnet").filter((s) => s.inputs.vpcId === vpc.id && (!tier || s.inputs.tags.tier === tier));
    const ids = (rs: GraphResource[]) => rs.map((r) => r.id!).sort();
    const ingressOf = (sgId: string) => g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === sgId);
    const policyOf = (r: GraphResource): PolicyDocument => JSON.parse(r.inputs.policy);

    before(async () => {
        graph = await graphOf(STACK);
        g = indexOf(graph);
        nlb = g.one("aws:lb/loadBalancer:LoadBalancer", "service-nlb");
        tg = g.one("aws:lb/targetGroup:TargetGroup", "service-tg");
        providerVpc = g.one("aws:ec2/vpc:Vpc", "provider-vpc");
    });

    describe("provider: the IPv6 cluster's service behind a dual-stack NLB Pulumi owns", () => {
        it("the cluster is IPv6 in the dual-stack provider VPC", () => {
            const cluster = g.one("eks:index:Cluster", "cluster");
            assert.strictEqual(cluster.inputs.ipFamily, "ipv6");
            assert.strictEqual(providerVpc.inputs.assignGeneratedIpv6CidrBlock, true);
        });
        it("NLB: network, internal, dualstack, in the provider's dual-stack private subnets, with its own security group", () => {
            assert.strictEqual(nlb.inputs.loadBalancerType, "network");
            assert.strictEqual(nlb.inputs.internal, true);
            assert.strictEqual(nlb.inputs.ipAddressType, "dualstack");
            const privateSubnets = subnetsOf(providerVpc, "private");
            assert.deepStrictEqual([...nlb.inputs.subnets].sort(), ids(privateSubnets));
            for (const s of privateSubnets) assert.ok(s.inputs.ipv6CidrBlock && s.inputs.cidrBlock, `${s.name} is dual-stack`);
            assert.deepStrictEqual(nlb.inputs.securityGroups, [g.one("aws:ec2/securityGroup:SecurityGroup", "service-nlb").id]);
        });
        it("a deliberate choice on PrivateLink traffic: security-group enforcement off, and the NLB admits nothing directly", () => {
            assert.strictEqual(nlb.inputs.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic, "off");
            assert.deepStrictEqual(ingressOf(nlb.inputs.securityGroups[0]), []);
        });
        it("target group: ip targets, ipv6, TCP, on the echo port, HTTP health check; nothing attaches targets but the controller", () => {
            assert.strictEqual(tg.inputs.targetType, "ip");
            assert.strictEqual(tg.inputs.ipAddressType, "ipv6");
            assert.strictEqual(tg.inputs.protocol, "TCP");
            assert.strictEqual(tg.inputs.port, 8080);
            assert.strictEqual(tg.inputs.healthCheck.path, "/healthz");
            assert.strictEqual(tg.inputs.vpcId, providerVpc.id);
            assert.deepStrictEqual(g.ofType("aws:lb/targetGroupAttachment:TargetGroupAttachment"), []);
            const listener = g.one("aws:lb/listener:Listener", "service-tcp");
            assert.strictEqual(listener.inputs.loadBalancerArn, nlb.id);
            assert.strictEqual(listener.inputs.port, 80);
            assert.strictEqual(listener.inputs.defaultActions[0].targetGroupArn, tg.id);
        });
        it("nodes admit the NLB's traffic and health checks from the NLB's security group only, on the echo port", () => {
            const nodeSg = g.one("aws:ec2/securityGroup:SecurityGroup", "cluster-nodes");
            const fromNlb = ingressOf(nodeSg.id!).filter((r) => r.inputs.referencedSecurityGroupId === nlb.inputs.securityGroups[0]);
            assert.strictEqual(fromNlb.length, 1);
            assert.deepStrictEqual([fromNlb[0].inputs.ipProtocol, fromNlb[0].inputs.fromPort, fromNlb[0].inputs.toPort], ["tcp", 8080, 8080]);
            const out = g.one("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "service-nlb-to-targets");
            assert.strictEqual(out.inputs.referencedSecurityGroupId, nodeSg.id);
        });
        it("Pulumi owns the only load balancer: no Service of type LoadBalancer, no Ingress", () => {
            assert.strictEqual(g.ofType("aws:lb/loadBalancer:LoadBalancer").length, 1);
            for (const svc of g.ofType("kubernetes:core/v1:Service")) assert.notStrictEqual(svc.inputs.spec?.type, "LoadBalancer", svc.name);
            assert.deepStrictEqual(g.graph.resources.filter((r) => /Ingress$/.test(r.type) && r.type.startsWith("kubernetes:")), []);
        });
    });

    describe("the AWS Load Balancer Controller: TargetGroupBinding only", () => {
        it("a Helm release with the chart version and repository from config, region and VPC set, LB creation paths off", () => {
            const release = g.one("kubernetes:helm.sh/v3:Release", "lb-controller");
            assert.strictEqual(release.inputs.chart, "aws-load-balancer-controller");
            assert.strictEqual(release.inputs.version, "3.0.0");
            assert.strictEqual(release.inputs.repositoryOpts.repo, "https://aws.github.io/eks-charts");
            assert.strictEqual(release.inputs.namespace, "kube-system");
            const v = release.inputs.values;
            assert.deepStrictEqual([v.clusterName, v.region, v.vpcId], ["privatelink-interop-cluster", "us-west-2", providerVpc.id]);
            assert.strictEqual(v.enableServiceMutatorWebhook, false);
            assert.strictEqual(v.createIngressClassResource, false);
            const role = g.one("aws:iam/role:Role", "lb-controller-irsa");
            assert.strictEqual(v.serviceAccount.annotations["eks.amazonaws.com/role-arn"], role.outputs.arn);
        });
        it("its own IRSA role, trusted by kube-system/aws-load-balancer-controller only", () => {
            const trust = JSON.parse(g.one("aws:iam/role:Role", "lb-controller-irsa").inputs.assumeRolePolicy);
            const cond = trust.Statement[0].Condition.StringEquals;
            assert.ok(Object.entries(cond).some(([k, val]) => k.endsWith(":sub") && val === "system:serviceaccount:kube-system:aws-load-balancer-controller"));
        });
        it("its policy can register targets in the stack's target group and create nothing", () => {
            const doc = policyOf(g.one("aws:iam/policy:Policy", "lb-controller-tgb"));
            assert.ok(allowedActions(doc).every((a) => !/Create|Delete|SecurityGroupIngress/.test(a)));
            const writes = doc.Statement.find((s) => ([] as string[]).concat(s.Action).includes("elasticloadbalancing:RegisterTargets"))!;
            assert.deepStrictEqual(writes.Resource, [tg.id]);
            const attached = g.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === g.one("aws:iam/role:Role", "lb-controller-irsa").id);
            assert.deepStrictEqual(attached.map((a) => a.inputs.policyArn), [g.one("aws:iam/policy:Policy", "lb-controller-tgb").id]);
        });
        it("the TargetGroupBinding ties the echo Service to the Pulumi-owned IPv6 target group, after the controller", () => {
            const tgb = g.one("kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding", "echo-targets");
            const svc = g.one("kubernetes:core/v1:Service", "echo");
            assert.strictEqual(tgb.inputs.spec.targetGroupARN, tg.id);
            assert.strictEqual(tgb.inputs.spec.targetType, "ip");
            assert.strictEqual(tgb.inputs.spec.ipAddressType, "ipv6");
            assert.deepStrictEqual(tgb.inputs.spec.serviceRef, { name: svc.outputs.metadata.name, port: 8080 });
            assert.strictEqual(tgb.inputs.metadata.namespace, svc.outputs.metadata.namespace);
            assert.strictEqual(tgb.inputs.spec.vpcID, providerVpc.id);
            assert.strictEqual(tgb.inputs.spec.networking, undefined, "node rules are Pulumi's");
            assert.ok(g.dependsOn(tgb, g.one("kubernetes:helm.sh/v3:Release", "lb-controller")));
        });
    });

    describe("the endpoint service", () => {
        it("on the NLB, both families, this account only, auto-accepted", () => {
            const svc = g.one("aws:ec2/vpcEndpointService:VpcEndpointService", "service");
            assert.deepStrictEqual(svc.inputs.networkLoadBalancerArns, [nlb.id]);
            assert.deepStrictEqual([...svc.inputs.supportedIpAddressTypes].sort(), ["ipv4", "ipv6"]);
            assert.strictEqual(svc.inputs.acceptanceRequired, false);
            assert.deepStrictEqual(svc.inputs.allowedPrincipals, ["arn:aws:iam::123456789012:root"]);
        });
    });

    describe("consumers", () => {
        const cases = [
            { name: "ipv4", vpc: "ipv4-consumer-vpc", endpoint: "ipv4-consumer-endpoint", type: "ipv4", dns: "ipv4", dualStack: false },
            { name: "dualStack", vpc: "dualstack-consumer-vpc", endpoint: "dualstack-consumer-endpoint", type: "dualstack", dns: "dualstack", dualStack: true },
        ];
        for (const c of cases) {
            it(`${c.name}: an Interface endpoint ${c.type}/${c.type === "ipv4" ? "dnsRecordIpType ipv4" : "dnsRecordIpType dualstack"} in its private subnets`, () => {
                const vpc = g.one("aws:ec2/vpc:Vpc", c.vpc);
                const ep = g.one("aws:ec2/vpcEndpoint:VpcEndpoint", c.endpoint);
                assert.strictEqual(!!vpc.inputs.assignGeneratedIpv6CidrBlock, c.dualStack);
                assert.strictEqual(ep.inputs.vpcEndpointType, "Interface");
                assert.strictEqual(ep.inputs.ipAddressType, c.type);
                assert.strictEqual(ep.inputs.dnsOptions.dnsRecordIpType, c.dns);
                assert.strictEqual(ep.inputs.serviceName, g.one("aws:ec2/vpcEndpointService:VpcEndpointService", "service").outputs.serviceName);
                assert.deepStrictEqual([...ep.inputs.subnetIds].sort(), ids(subnetsOf(vpc, "private")));
            });
            it(`${c.name}: the endpoint's security group admits the service port from its own VPC's CIDRs only`, () => {
                const vpc = g.one("aws:ec2/vpc:Vpc", c.vpc);
                const ep = g.one("aws:ec2/vpcEndpoint:VpcEndpoint", c.endpoint);
                const rules = ingressOf(ep.inputs.securityGroupIds[0]);
                const tcp = rules.filter((r) => r.inputs.ipProtocol === "tcp");
                assert.deepStrictEqual(tcp.map((r) => r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6).sort(), [vpc.inputs.cidrBlock, ...(c.dualStack ? [vpc.outputs.ipv6CidrBlock] : [])].sort());
                for (const r of tcp) assert.deepStrictEqual([r.inputs.fromPort, r.inputs.toPort], [80, 80]);
                for (const r of rules) {
                    assert.ok([vpc.inputs.cidrBlock, vpc.outputs.ipv6CidrBlock].includes(r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6), `${r.name}: own VPC only`);
                    assert.ok(!isDefaultRoute(r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6));
                    assert.ok(["tcp", "icmp", "icmpv6"].includes(r.inputs.ipProtocol), r.name);
                }
                const ptb = rules.find((r) => r.inputs.ipProtocol === "icmpv6");
                if (c.dualStack) assert.deepStrictEqual([ptb?.inputs.fromPort, ptb?.inputs.cidrIpv6], [2, vpc.outputs.ipv6CidrBlock], "ICMPv6 Packet Too Big from the /56");
                else assert.strictEqual(ptb, undefined);
            });
            it(`${c.name}: the consumer VPC has no NAT gateway; the IPv4-only one is exempt from vpc-dual-stack with a reason`, () => {
                const tag = g.one("aws:ec2/vpc:Vpc", c.vpc).inputs.tags["ipv6-policy-exempt"];
                if (c.dualStack) assert.strictEqual(tag, undefined);
                else assert.match(tag, /^vpc-dual-stack=.*IPv4-only PrivateLink consumer/);
                const vpc = g.one("aws:ec2/vpc:Vpc", c.vpc);
                const natSubnets = new Set(subnetsOf(vpc).map((s) => s.id));
                assert.deepStrictEqual(g.ofType("aws:ec2/natGateway:NatGateway").filter((n) => natSubnets.has(n.inputs.subnetId)), []);
            });
        }
    });

    describe("deploy-time probes", () => {
        const cases = [
            { prefix: "ipv4", vpc: "ipv4-consumer-vpc", endpoint: "ipv4-consumer-endpoint", expect: { A: true, AAAA: false }, families: ["ipv4"], v6: undefined },
            { prefix: "dualstack", vpc: "dualstack-consumer-vpc", endpoint: "dualstack-consumer-endpoint", expect: { A: true, AAAA: true }, families: ["ipv4", "ipv6"], v6: true },
        ];
        for (const c of cases) {
            it(`${c.prefix}: a Node.js function in the consumer's private subnets (ipv6AllowedForDualStack ${c.v6 ?? "unset"})`, () => {
                const fn = g.one("aws:lambda/function:Function", `${c.prefix}-probe-fn`);
                assert.match(fn.inputs.runtime, /^nodejs\d+\.x$/);
                assert.strictEqual(fn.inputs.handler, "index.handler");
                assert.deepStrictEqual([...fn.inputs.vpcConfig.subnetIds].sort(), ids(subnetsOf(g.one("aws:ec2/vpc:Vpc", c.vpc), "private")));
                assert.strictEqual(fn.inputs.vpcConfig.ipv6AllowedForDualStack, c.v6);
            });
            it(`${c.prefix}: its role writes logs only to its own Pulumi-owned log group, created before the function`, () => {
                const fn = g.one("aws:lambda/function:Function", `${c.prefix}-probe-fn`);
                const role = g.ofType("aws:iam/role:Role").find((r) => r.outputs.arn === fn.inputs.role)!;
                assert.match(role.inputs.assumeRolePolicy, /lambda\.amazonaws\.com/);
                assert.deepStrictEqual(g.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === role.id), [], "no managed policy (AWSLambdaVPCAccessExecutionRole has logs on *)");
                const policies = g.ofType("aws:iam/rolePolicy:RolePolicy").filter((p) => p.inputs.role === role.id);
                assert.strictEqual(policies.length, 1);
                const doc = JSON.parse(policies[0].inputs.policy);
                const logGroup = g.one("aws:cloudwatch/logGroup:LogGroup", `${c.prefix}-probe-fn`);
                assert.strictEqual(logGroup.inputs.name, `/aws/lambda/${fn.inputs.name}`);
                assert.ok(logGroup.inputs.retentionInDays > 0, "the log group expires its events");
                assert.ok(g.dependsOn(fn, logGroup), "the function waits for its log group, so Lambda never creates one itself");
                const logs = doc.Statement.filter((s: any) => [].concat(s.Action).some((a: string) => a.startsWith("logs:")));
                for (const s of logs) assert.deepStrictEqual(s.Resource, [logGroup.outputs.arn, `${logGroup.outputs.arn}:log-stream:*`], "log actions only on its own group");
                const actions = doc.Statement.flatMap((s: any) => [].concat(s.Action)).sort();
                assert.deepStrictEqual(actions, LAMBDA_VPC_PROBE_ACTIONS.map((f) => f.action).sort());
                assert.ok(!actions.includes("logs:CreateLogGroup"), "Pulumi owns the group");
                for (const a of ["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"]) assert.ok(actions.includes(a), `${a}: Lambda needs it for VPC access`);
            });
            it(`${c.prefix}: invoked during pulumi up on the endpoint's name, re-run when the endpoint or the code changes`, () => {
                const inv = g.one("aws:lambda/invocation:Invocation", `${c.prefix}-probe-run`);
                const ep = g.one("aws:ec2/vpcEndpoint:VpcEndpoint", c.endpoint);
                const input = JSON.parse(inv.inputs.input);
                assert.strictEqual(inv.inputs.functionName, g.one("aws:lambda/function:Function", `${c.prefix}-probe-fn`).outputs.name);
                assert.strictEqual(input.host, ep.outputs.dnsEntries[0].dnsName);
                assert.deepStrictEqual(input.expect, c.expect);
                assert.deepStrictEqual(input.families, c.families);
                assert.strictEqual(inv.inputs.triggers.endpoint, ep.id);
                const code = crypto.createHash("sha256").update(fs.readFileSync(PROBE_HANDLER_FILE, "utf8")).digest("hex").slice(0, 16);
                assert.strictEqual(inv.inputs.triggers.code, code);
                assert.ok(g.dependsOn(inv, ep), "waits for the endpoint");
                assert.ok(g.dependsOn(inv, g.one("kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding", "echo-targets")), "waits for the target registration");
            });
            it(`${c.prefix}: the function's security group only reaches its own VPC`, () => {
                const fn = g.one("aws:lambda/function:Function", `${c.prefix}-probe-fn`);
                const vpc = g.one("aws:ec2/vpc:Vpc", c.vpc);
                const out = g.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => r.inputs.securityGroupId === fn.inputs.vpcConfig.securityGroupIds[0]);
                assert.ok(out.length > 0);
                for (const r of out) {
                    const cidr = r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6;
                    assert.ok(cidrContains(r.inputs.cidrIpv4 ? vpc.inputs.cidrBlock : vpc.outputs.ipv6CidrBlock, cidr), `${r.name}: ${cidr}`);
                }
                assert.deepStrictEqual(ingressOf(fn.inputs.vpcConfig.securityGroupIds[0]), []);
            });
        }
    });

    it("every AWS resource goes through the scenario's provider with default tags", () => {
        const provider = g.ofType("pulumi:providers:aws");
        assert.strictEqual(provider.length, 1);
        assert.strictEqual(provider[0].inputs.defaultTags ? "tagged" : "untagged", "tagged");
        for (const r of g.graph.resources.filter((x) => x.custom && x.type.startsWith("aws:"))) assert.ok(r.provider?.startsWith(provider[0].urn), r.name);
    });

    it("declares the flows: IPv4 consumer over IPv4, dual-stack consumer over both, IPv4 consumer never over IPv6", () => {
        const flows = graph.intent.map((f) => [(f.from as any).function, (f.to as any).endpoint, f.family, f.expect].join(" "));
        assert.deepStrictEqual(flows.sort(), [
            "dualstack-probe-fn dualstack-consumer-endpoint ipv4 allow",
            "dualstack-probe-fn dualstack-consumer-endpoint ipv6 allow",
            "ipv4-probe-fn ipv4-consumer-endpoint ipv4 allow",
            "ipv4-probe-fn ipv4-consumer-endpoint ipv6 deny",
        ]);
        for (const f of graph.intent) {
            assert.ok(g.find("aws:lambda/function:Function", (f.from as any).function), `${(f.from as any).function} exists`);
            assert.ok(g.find("aws:ec2/vpcEndpoint:VpcEndpoint", (f.to as any).endpoint), `${(f.to as any).endpoint} exists`);
        }
    });

    it("the flows follow the configured endpoint types: a dual-stack consumer with an ipv4 endpoint has no IPv6 path", () => {
        const cfg = schema.parse({
            providerVpc: { cidr: "10.30.0.0/16" }, cluster: {},
            consumers: { ipv4: { vpc: { cidr: "10.40.0.0/16" } }, dualStack: { vpc: { cidr: "10.50.0.0/16" }, endpointIpAddressType: "ipv4", dnsRecordIpType: "ipv4" } },
        });
        const expect = Object.fromEntries(flows(cfg).map((f) => [`${(f.from as any).function} ${f.family}`, f.expect]));
        assert.deepStrictEqual(expect, { "ipv4-probe-fn ipv4": "allow", "ipv4-probe-fn ipv6": "deny", "dualstack-probe-fn ipv4": "allow", "dualstack-probe-fn ipv6": "deny" });
    });

    it("stack outputs give the after-deploy checks as commands", () => {
        const checks: string = graph.outputs.checks;
        for (const needle of ["describe-load-balancers", "IpAddressType", "describe-target-health", "SupportedIpAddressTypes", "describe-vpc-endpoints", "dig +short A", "dig +short AAAA", "aws lambda invoke", "targetgroupbindings"]) {
            assert.ok(checks.includes(needle), needle);
        }
        assert.ok(checks.includes(tg.id!) && checks.includes(nlb.id!));
    });

    describe("bad input fails before any resource, naming key, value and fix", () => {
        const rejects = async (overrides: Record<string, unknown>, key: string, value: unknown, fix: RegExp) => {
            await assert.rejects(planWith(STACK, { overrides: overrides as Record<string, object> }), (e: ConfigError) => {
                assert.ok(e instanceof ConfigError, String(e));
                assert.strictEqual(e.key, `${NS}:${key}`);
                assert.deepStrictEqual(e.value, value);
                assert.match(e.message, fix);
                return true;
            });
        };
        it("an IPv6 target group on an IPv4 NLB", () =>
            rejects({ [`${NS}:nlb`]: { listenerPort: 80, ipAddressType: "ipv4", targetGroupIpAddressType: "ipv6" } }, "nlb.targetGroupIpAddressType", "ipv6", /attaches only to a dual-stack load balancer.*set ipAddressType to "dualstack"/));
        it("a dualstack endpoint in the IPv4-only consumer's subnets", () =>
            rejects({ [`${NS}:consumers`]: { ipv4: { vpc: { cidr: "10.40.0.0/16" }, endpointIpAddressType: "dualstack", dnsRecordIpType: "dualstack" }, dualStack: { vpc: { cidr: "10.50.0.0/16" } } } },
                "consumers.ipv4.endpointIpAddressType", "dualstack", /needs subnets with both IPv4 and IPv6 ranges and these are IPv4-only; use "ipv4"/));
        it("AAAA records from an ipv4 endpoint", () =>
            rejects({ [`${NS}:consumers`]: { ipv4: { vpc: { cidr: "10.40.0.0/16" }, dnsRecordIpType: "ipv6" }, dualStack: { vpc: { cidr: "10.50.0.0/16" } } } },
                "consumers.ipv4.dnsRecordIpType", "ipv6", /has no ipv6 addresses to publish; use "ipv4", "service-defined"/));
        it("an endpoint service without IPv6 for a dualstack consumer", () =>
            rejects({ [`${NS}:endpointService`]: { supportedIpAddressTypes: ["ipv4"] } }, "consumers.dualStack.endpointIpAddressType", "dualstack", /supports only ipv4; add ipv6/));
        it("a wildcard principal", () =>
            rejects({ [`${NS}:endpointService`]: { allowedPrincipals: ["*"] } }, "endpointService.allowedPrincipals[0]", "*", /would admit every AWS account/));
        it("an unpinned chart version", () =>
            rejects({ [`${NS}:loadBalancerController`]: { chartVersion: "latest" } }, "loadBalancerController.chartVersion", "latest", /pin an exact chart version/));
        it("more probe rounds than a Lambda function can run", () =>
            rejects({ [`${NS}:probes`]: { attempts: 100 } }, "probes.attempts", 100, /use 1 to 42 rounds: each takes up to 20 s/));
        it("a consumer VPC overlapping the provider's", () =>
            rejects({ [`${NS}:consumers`]: { ipv4: { vpc: { cidr: "10.30.0.0/16" } }, dualStack: { vpc: { cidr: "10.50.0.0/16" } } } }, "consumers.ipv4.vpc.cidr", "10.30.0.0/16", /overlap/));
    });
});
