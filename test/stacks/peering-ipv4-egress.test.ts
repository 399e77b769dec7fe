/**
 * Tier 3: the facts of the facts page (sections "Every IPv6 VPC", "The EKS cluster" and
 * "Scenario 1") hold on the recorded graph of the peering-ipv4-egress stack.
 */
import * as assert from "assert";
import type { Graph, GraphIndex, GraphResource } from "../../engine/graph";
import { cidrContains, cidrsOverlap, isDefaultRoute } from "../../lib/cidr";
import { CNI_IPV6_ACTIONS } from "../../lib/iam";
import { isNitro } from "../../lib/instanceTypes";
import { vpcCniConfigurationProblems, v4EgressEnabled } from "../../lib/vpcCni";
import { graphOf, indexOf } from "../helpers/graphs";

const STACK = "peering-ipv4-egress";

describe(`stack ${STACK} (offline graph)`, () => {
    let graph: Graph;
    let g: GraphIndex;
    let clusterVpc: GraphResource;
    let appVpc: GraphResource;
    const subnetsOf = (vpc: GraphResource) => g.ofType("aws:ec2/subnet:Subnet").filter((s) => s.inputs.vpcId === vpc.id);
    const tableOf = (subnet: GraphResource) => g.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation").find((a) => a.inputs.subnetId === subnet.id)!.inputs.routeTableId;
    const routesIn = (tableId: string) => g.ofType("aws:ec2/route:Route").filter((r) => r.inputs.routeTableId === tableId);

    before(async () => {
        graph = await graphOf(STACK);
        g = indexOf(graph);
        clusterVpc = g.one("aws:ec2/vpc:Vpc", "cluster-vpc");
        appVpc = g.one("aws:ec2/vpc:Vpc", "app-vpc");
    });

    describe("every IPv6 VPC that hosts EKS nodes", () => {
        it("the cluster VPC is dual-stack with an Amazon /56 and DNS on", () => {
            assert.strictEqual(clusterVpc.inputs.assignGeneratedIpv6CidrBlock, true);
            assert.match(clusterVpc.outputs.ipv6CidrBlock, /\/56$/);
            assert.ok(clusterVpc.inputs.cidrBlock, "an IPv4 CIDR is still required");
            assert.strictEqual(clusterVpc.inputs.enableDnsSupport, true);
            assert.strictEqual(clusterVpc.inputs.enableDnsHostnames, true);
        });
        it("node subnets are dual-stack /64s of the /56 that assign IPv6 on creation, with DNS64 off", () => {
            const cluster = g.one("eks:index:Cluster", "cluster");
            const nodeSubnetIds: string[] = g.one("aws:eks/nodeGroup:NodeGroup", "cluster-nodes").inputs.subnetIds;
            assert.deepStrictEqual([...cluster.inputs.privateSubnetIds].sort(), [...nodeSubnetIds].sort());
            for (const id of nodeSubnetIds) {
                const s = g.byRef(id)!;
                assert.ok(s.inputs.cidrBlock, `${s.name} has IPv4 (IPv6-only subnets cannot host nodes)`);
                assert.notStrictEqual(s.inputs.ipv6Native, true);
                assert.strictEqual(s.inputs.assignIpv6AddressOnCreation, true, `${s.name}: Ec2SubnetMissingIpv6Assignment otherwise`);
                assert.strictEqual(s.inputs.enableDns64, false, `${s.name}: DNS64 where pods run breaks egress`);
                assert.ok(cidrContains(clusterVpc.outputs.ipv6CidrBlock, s.inputs.ipv6CidrBlock) && s.inputs.ipv6CidrBlock.endsWith("/64"));
            }
        });
        it("private route tables: 0.0.0.0/0 to NAT, ::/0 to the egress-only gateway; public: both to the IGW", () => {
            const eigw = g.one("aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway", "cluster-vpc");
            const igw = g.one("aws:ec2/internetGateway:InternetGateway", "cluster-vpc");
            for (const s of subnetsOf(clusterVpc)) {
                const routes = routesIn(tableOf(s));
                const v4 = routes.find((r) => r.inputs.destinationCidrBlock === "0.0.0.0/0")!;
                const v6 = routes.find((r) => r.inputs.destinationIpv6CidrBlock === "::/0")!;
                if (s.inputs.tags.tier === "private") {
                    assert.ok(v4.inputs.natGatewayId, `${s.name} IPv4 default via NAT`);
                    assert.strictEqual(v6.inputs.egressOnlyGatewayId, eigw.id, `${s.name} IPv6 default via egress-only gateway`);
                    assert.strictEqual(v6.inputs.gatewayId, undefined);
                } else {
                    assert.strictEqual(v4.inputs.gatewayId, igw.id);
                    assert.strictEqual(v6.inputs.gatewayId, igw.id);
                }
            }
        });
        it("IPv6 routes wait for the gateway they use", () => {
            for (const r of g.ofType("aws:ec2/route:Route").filter((x) => x.inputs.egressOnlyGatewayId)) {
                assert.ok(r.dependencies.includes(g.byRef(r.inputs.egressOnlyGatewayId)!.urn), r.name);
            }
        });
        it("no IPv6 prefix is ever in an IPv4 route field", () => {
            for (const r of g.ofType("aws:ec2/route:Route")) {
                if (r.inputs.destinationCidrBlock) assert.ok(!r.inputs.destinationCidrBlock.includes(":"), r.name);
            }
        });
    });

    describe("the EKS cluster", () => {
        it("is an IPv6 cluster with API authentication, private endpoint and a restricted public one", () => {
            const c = g.one("eks:index:Cluster", "cluster");
            assert.strictEqual(c.inputs.ipFamily, "ipv6");
            assert.strictEqual(c.inputs.authenticationMode, "API");
            assert.strictEqual(c.inputs.endpointPrivateAccess, true);
            assert.strictEqual(c.inputs.skipDefaultNodeGroup, true);
            assert.ok(c.inputs.publicAccessCidrs.length > 0);
            assert.ok(c.inputs.publicAccessCidrs.every((cidr: string) => !isDefaultRoute(cidr)));
        });
        it("runs vpc-cni, kube-proxy and coredns as managed add-ons: vpc-cni before the nodes, coredns after", () => {
            const addon = (n: string) => g.one("aws:eks/addon:Addon", `cluster-${n}`);
            const nodes = g.one("aws:eks/nodeGroup:NodeGroup", "cluster-nodes");
            assert.ok(nodes.dependencies.includes(addon("vpc-cni").urn), "node group depends on vpc-cni");
            assert.ok(nodes.dependencies.includes(addon("kube-proxy").urn), "node group depends on kube-proxy");
            assert.ok(addon("coredns").dependencies.includes(nodes.urn), "coredns after the nodes");
            assert.strictEqual(g.one("eks:index:Cluster", "cluster").inputs.bootstrapSelfManagedAddons, false);
        });
        it("vpc-cni: a version, only schema keys, v4 egress left on", () => {
            const cni = g.one("aws:eks/addon:Addon", "cluster-vpc-cni");
            assert.match(cni.inputs.addonVersion, /^v1\.\d+\.\d+-eksbuild\.\d+$/);
            assert.deepStrictEqual(vpcCniConfigurationProblems(cni.inputs.configurationValues), []);
            assert.ok(!/ENABLE_IPv6/.test(cni.inputs.configurationValues ?? ""));
            assert.ok(v4EgressEnabled(cni.inputs.configurationValues), "figure 6 needs the CNI's IPv4 egress");
        });
        it("the CNI runs under its own IRSA role carrying the IPv6 policy; the node role does not", () => {
            const cni = g.one("aws:eks/addon:Addon", "cluster-vpc-cni");
            const role = g.ofType("aws:iam/role:Role").find((r) => r.outputs.arn === cni.inputs.serviceAccountRoleArn)!;
            const trust = JSON.parse(role.inputs.assumeRolePolicy);
            assert.strictEqual(trust.Statement[0].Action, "sts:AssumeRoleWithWebIdentity");
            assert.ok(Object.values(trust.Statement[0].Condition.StringEquals).includes("system:serviceaccount:kube-system:aws-node"));
            const attached = g.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === role.outputs.name);
            const policy = g.ofType("aws:iam/policy:Policy").find((p) => p.outputs.arn === attached[0].inputs.policyArn)!;
            const actions = JSON.parse(policy.inputs.policy).Statement.flatMap((s: { Action: string | string[] }) => ([] as string[]).concat(s.Action));
            for (const a of CNI_IPV6_ACTIONS) assert.ok(actions.includes(a), a);
            const nodeRoleName = g.one("aws:iam/role:Role", "cluster-nodes").outputs.name;
            const nodePolicies = g.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.inputs.role === nodeRoleName).map((a) => a.inputs.policyArn);
            assert.ok(nodePolicies.length >= 2 && nodePolicies.every((p: string) => !/CNI/.test(p)), nodePolicies.join(", "));
        });
        it("nodes: Nitro type, AL2023, IMDSv2 required, no IMDS over IPv6, node SG with IPv6 egress", () => {
            const nodes = g.one("aws:eks/nodeGroup:NodeGroup", "cluster-nodes");
            assert.ok(nodes.inputs.instanceTypes.every(isNitro));
            assert.match(nodes.inputs.amiType, /^AL2023_/);
            const lt = g.byRef(nodes.inputs.launchTemplate.id)!;
            assert.strictEqual(lt.inputs.metadataOptions.httpTokens, "required");
            assert.strictEqual(lt.inputs.metadataOptions.httpProtocolIpv6, "disabled");
            const sgIds: string[] = lt.inputs.vpcSecurityGroupIds;
            assert.ok(sgIds.includes(g.one("eks:index:Cluster", "cluster").outputs.clusterSecurityGroupId), "EKS cluster SG kept on nodes");
            const egress = g.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => sgIds.includes(r.inputs.securityGroupId));
            assert.ok(egress.some((r) => r.inputs.cidrIpv6 === "::/0"), "pulumi-eks#1700: CoreDNS needs IPv6 egress");
        });
    });

    describe("scenario 1 (figure 6)", () => {
        it("the two VPCs' IPv4 CIDRs do not overlap and the app VPC is IPv4-only", () => {
            assert.ok(!cidrsOverlap(clusterVpc.inputs.cidrBlock, appVpc.inputs.cidrBlock));
            assert.ok(!appVpc.inputs.assignGeneratedIpv6CidrBlock);
            assert.ok(subnetsOf(appVpc).every((s) => !s.inputs.ipv6CidrBlock));
        });
        it("peering: auto-accepted, IPv4 routes both ways from every private route table, no IPv6 routes", () => {
            const pcx = g.one("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "cluster-to-app");
            assert.strictEqual(pcx.inputs.autoAccept, true);
            const viaPeering = g.ofType("aws:ec2/route:Route").filter((r) => r.inputs.vpcPeeringConnectionId === pcx.id);
            assert.ok(viaPeering.every((r) => r.inputs.destinationIpv6CidrBlock === undefined));
            for (const [vpc, peer] of [[clusterVpc, appVpc], [appVpc, clusterVpc]]) {
                for (const s of subnetsOf(vpc).filter((x) => x.inputs.tags.tier === "private")) {
                    assert.ok(viaPeering.some((r) => r.inputs.routeTableId === tableOf(s) && r.inputs.destinationCidrBlock === peer.inputs.cidrBlock), `${s.name} routes ${peer.inputs.cidrBlock} to the peering`);
                }
            }
        });
        it("the app sits behind an internal IPv4 NLB with an IPv4 target group", () => {
            const nlb = g.one("aws:lb/loadBalancer:LoadBalancer", "app-nlb");
            assert.strictEqual(nlb.inputs.loadBalancerType, "network");
            assert.strictEqual(nlb.inputs.internal, true);
            assert.strictEqual(nlb.inputs.ipAddressType, "ipv4");
            assert.strictEqual(g.one("aws:lb/targetGroup:TargetGroup", "app-tg").inputs.ipAddressType, "ipv4");
            assert.ok(nlb.inputs.subnets.every((id: string) => g.byRef(id)!.inputs.vpcId === appVpc.id));
        });
        it("the NLB admits the cluster VPC's IPv4 CIDR on the app port only (the SNATed node IPv4)", () => {
            const nlb = g.one("aws:lb/loadBalancer:LoadBalancer", "app-nlb");
            const rules = g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => nlb.inputs.securityGroups.includes(r.inputs.securityGroupId));
            assert.strictEqual(rules.length, 1);
            assert.strictEqual(rules[0].inputs.cidrIpv4, clusterVpc.inputs.cidrBlock);
            const port = g.one("aws:lb/listener:Listener", "app-tcp").inputs.port;
            assert.strictEqual(rules[0].inputs.fromPort, port);
            assert.strictEqual(rules[0].inputs.toPort, port);
        });
        it("app instances: IMDSv2, no public IPv4, Amazon Linux 2023 from SSM", () => {
            const i = g.one("aws:ec2/instance:Instance", "app-0");
            assert.strictEqual(i.inputs.metadataOptions.httpTokens, "required");
            assert.strictEqual(i.inputs.associatePublicIpAddress, false);
            assert.match(i.inputs.userData, /http\.server/);
        });
        it("the probe Job checks v4if0, A-only resolution and curl -4, and fails fast", () => {
            const job = g.one("kubernetes:batch/v1:Job", "probe");
            assert.ok(job.inputs.spec.activeDeadlineSeconds <= 600);
            assert.ok(job.inputs.spec.backoffLimit <= 3);
            const script: string = g.one("kubernetes:core/v1:ConfigMap", "probe-script").inputs.data["probe.sh"];
            const host = g.one("aws:lb/loadBalancer:LoadBalancer", "app-nlb").outputs.dnsName;
            assert.match(script, /dev v4if0/);
            assert.ok(script.includes(`dig +short A '${host}'`) && script.includes(`dig +short AAAA '${host}'`));
            assert.ok(script.includes(`curl -4 -fsS --max-time 10 --retry 6 --retry-delay 5 --retry-all-errors -o /dev/null 'http://${host}:80/'`));
            assert.ok(job.dependencies.length > 0 || g.byUrn.get(job.parent!)!.dependencies.length > 0);
        });
        it("every AWS resource goes through the scenario's provider with default tags", () => {
            const provider = g.ofType("pulumi:providers:aws")[0];
            // Provider inputs travel JSON-encoded, as the engine sends them to the provider plugin.
            assert.deepStrictEqual(JSON.parse(provider.inputs.defaultTags).tags, { scenario: STACK, stack: STACK, "managed-by": "pulumi" });
            const aws = graph.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
            assert.ok(aws.every((r) => r.provider?.startsWith(provider.urn)), "no resource on the default provider");
        });
        it("stack outputs: cluster name, secret kubeconfig, NLB name, VPCs, and the checks to run by hand", () => {
            const o = graph.outputs;
            assert.strictEqual(o.clusterName, `${STACK}-cluster`);
            assert.strictEqual(o.kubeconfig, "[secret]");
            assert.strictEqual(o.nlbDnsName, g.one("aws:lb/loadBalancer:LoadBalancer", "app-nlb").outputs.dnsName);
            assert.strictEqual(o.clusterVpc.ipv6Cidr, clusterVpc.outputs.ipv6CidrBlock);
            assert.match(o.checks, /ip -4 addr show dev v4if0/);
        });
        it("declares the figure's flows: IPv4 to the NLB must work, IPv6 must not; then the AWS-service flows (test/stacks/awsServices.test.ts)", () => {
            assert.deepStrictEqual(graph.intent.map((f) => [f.to.kind, f.family, f.expect]), [["nlb", "ipv4", "allow"], ["nlb", "ipv6", "deny"], ["aws-service", "ipv4", "allow"], ["aws-service", "ipv6", "allow"], ["aws-service", "ipv6", "deny"]]);
        });
    });
});
