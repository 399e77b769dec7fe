import * as assert from "assert";
import { EksCluster } from "../../components/eks/cluster";
import { Vpc } from "../../components/network/vpc";
import { ConfigError } from "../../lib/errors";
import { planVpc } from "../../lib/vpcPlan";
import { modelAzs, runComponents } from "../helpers/program";

function vpc(name: string, dualStack: boolean, ipv6: "generated" | "association" = "generated") {
    return new Vpc(name, { cidr: "10.30.0.0/16", plan: planVpc(name, { cidr: "10.30.0.0/16" }, 2, dualStack), availabilityZones: modelAzs(), ipv6: dualStack ? ipv6 : "none", flowLogs: false, hostsEksNodes: true });
}

describe("components/eks/EksCluster", () => {
    it("IPv4 cluster with v6 egress: managed CNI policy, v6 egress in env and init.env, node SG egress in both families", async () => {
        const g = await runComponents(() => {
            new EksCluster("c4", { ipFamily: "ipv4", vpc: vpc("v", true, "association"), kubernetesVersion: "1.35", instanceType: "m7i.large", vpcCni: { v6Egress: true }, apiPublicAccessCidrs: ["198.51.100.7/32"] });
        });
        const cluster = g.one("eks:index:Cluster", "c4");
        assert.strictEqual(cluster.inputs.ipFamily, "ipv4");
        assert.deepStrictEqual(cluster.inputs.publicAccessCidrs, ["198.51.100.7/32"]);
        assert.strictEqual(cluster.inputs.endpointPublicAccess, true);
        const cni = g.one("aws:eks/addon:Addon", "c4-vpc-cni");
        assert.deepStrictEqual(JSON.parse(cni.inputs.configurationValues), { env: { ENABLE_V6_EGRESS: "true" }, init: { env: { ENABLE_V6_EGRESS: "true" } } });
        const attach = g.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.name.startsWith("c4-vpc-cni"));
        assert.deepStrictEqual(attach.map((a) => a.inputs.policyArn), ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]);
        const egress = g.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        assert.deepStrictEqual(egress.map((r) => r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6).sort(), ["0.0.0.0/0", "::/0"]);
        const nodes = g.one("aws:eks/nodeGroup:NodeGroup", "c4-nodes");
        assert.deepStrictEqual(nodes.inputs.instanceTypes, ["m7i.large"]);
    });

    it("no public endpoint when no CIDRs are configured; private endpoint always on", async () => {
        const g = await runComponents(() => {
            new EksCluster("c", { ipFamily: "ipv6", vpc: vpc("v", true), kubernetesVersion: "1.35", instanceType: "t3.medium" });
        });
        const cluster = g.one("eks:index:Cluster", "c");
        assert.strictEqual(cluster.inputs.endpointPublicAccess, false);
        assert.strictEqual(cluster.inputs.endpointPrivateAccess, true);
        assert.strictEqual(cluster.inputs.publicAccessCidrs, undefined);
    });

    it("the launch template tag carries the node subnets' IPv6 blocks, so an opt-in rolls the nodes", async () => {
        const g = await runComponents(() => {
            new EksCluster("c", { ipFamily: "ipv4", vpc: vpc("v", true, "association"), kubernetesVersion: "1.35", instanceType: "t3.medium" });
        });
        const lt = g.one("aws:ec2/launchTemplate:LaunchTemplate", "c-nodes");
        const tag = lt.inputs.tagSpecifications[0].tags["ipv6-subnets"] as string;
        const privateBlocks = g.ofType("aws:ec2/subnet:Subnet").filter((s) => s.name.includes("private")).map((s) => s.inputs.ipv6CidrBlock);
        assert.strictEqual(tag, privateBlocks.join(","));
        const g4 = await runComponents(() => {
            new EksCluster("c", { ipFamily: "ipv4", vpc: vpc("v", false), kubernetesVersion: "1.35", instanceType: "t3.medium" });
        });
        assert.strictEqual(g4.one("aws:ec2/launchTemplate:LaunchTemplate", "c-nodes").inputs.tagSpecifications[0].tags["ipv6-subnets"], "none");
    });

    it("owns the control-plane log group EKS would create, named as EKS names it, with a retention, before the cluster", async () => {
        const g = await runComponents(() => {
            new EksCluster("c", { ipFamily: "ipv6", vpc: vpc("v", true), kubernetesVersion: "1.35", instanceType: "t3.medium", controlPlaneLogRetentionDays: 14 });
        });
        const cluster = g.one("eks:index:Cluster", "c");
        const logs = g.one("aws:cloudwatch/logGroup:LogGroup", "c-control-plane");
        // pulumi-eks hands `name` to aws.eks.Cluster unchanged; EKS writes to /aws/eks/<name>/cluster.
        assert.strictEqual(logs.inputs.name, `/aws/eks/${cluster.inputs.name}/cluster`);
        assert.strictEqual(logs.inputs.name, "/aws/eks/test-c/cluster");
        assert.strictEqual(logs.inputs.retentionInDays, 14);
        assert.deepStrictEqual(cluster.inputs.enabledClusterLogTypes, ["api", "audit", "authenticator"]);
        assert.ok(cluster.dependencies.includes(logs.urn), "the cluster component depends on the log group");
        // The dependency rides on the input the remote component passes to aws.eks.Cluster.
        assert.deepStrictEqual(cluster.propertyDependencies?.enabledClusterLogTypes, [logs.urn]);
        const g7 = await runComponents(() => {
            new EksCluster("c", { ipFamily: "ipv6", vpc: vpc("v", true), kubernetesVersion: "1.35", instanceType: "t3.medium" });
        });
        assert.strictEqual(g7.one("aws:cloudwatch/logGroup:LogGroup", "c-control-plane").inputs.retentionInDays, 7);
    });

    for (const family of ["ipv4", "ipv6"] as const) {
        it(`${family}: the vpc-cni add-on and the node group wait for the CNI role's policy attachment, not only the role`, async () => {
            const g = await runComponents(() => {
                new EksCluster("c", { ipFamily: family, vpc: vpc("v", true), kubernetesVersion: "1.35", instanceType: "t3.medium" });
            });
            const attachment = g.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `c-vpc-cni-${family}`);
            for (const [type, name] of [["aws:eks/addon:Addon", "c-vpc-cni"], ["aws:eks/nodeGroup:NodeGroup", "c-nodes"]]) {
                const r = g.one(type, name);
                assert.ok(r.dependencies.includes(attachment.urn), `${name} depends directly on ${attachment.name}`);
            }
        });
    }

    const refusals: [string, () => void, string, RegExp][] = [
        ["an IPv6 cluster in an IPv4-only VPC", () => new EksCluster("c", { ipFamily: "ipv6", vpc: vpc("v", false), kubernetesVersion: "1.35", instanceType: "t3.medium" }), "cluster.ipFamily", /dual-stack VPC/],
        ["v6 egress on a VPC without IPv6", () => new EksCluster("c", { ipFamily: "ipv4", vpc: vpc("v", false), kubernetesVersion: "1.35", instanceType: "t3.medium", vpcCni: { v6Egress: true } }), "cluster.vpcCni.v6Egress", /opt the VPC in to IPv6 first/],
        ["a vpc-cni version below the v6-egress floor", () => new EksCluster("c", { ipFamily: "ipv4", vpc: vpc("v", true), kubernetesVersion: "1.35", instanceType: "t3.medium", vpcCni: { v6Egress: true, version: "v1.12.6-eksbuild.2" } }), "cluster.vpcCni.version", /1\.13\.0 or later/],
        ["a non-Nitro node type", () => new EksCluster("c", { ipFamily: "ipv6", vpc: vpc("v", true), kubernetesVersion: "1.35", instanceType: "t2.medium" }), "cluster.instanceType", /non-Nitro/],
    ];
    for (const [name, build, key, pattern] of refusals) {
        it(`refuses ${name} before registering the cluster`, async () => {
            let caught: ConfigError | undefined;
            const g = await runComponents(() => {
                try {
                    build();
                } catch (e) {
                    caught = e as ConfigError;
                }
            });
            assert.ok(caught instanceof ConfigError, "a ConfigError was thrown");
            assert.strictEqual(caught.key, key);
            assert.match(caught.message, pattern);
            assert.strictEqual(g.ofType("eks:index:Cluster").length, 0);
        });
    }
});
