import { strict as assert } from "assert";
import { cniIpv6PolicyDocument } from "../../lib/iam";
import { eksDeclaresIpFamily, eksNodeIpv6Egress, eksVpcDns, eksIpv6CniPermissions, eksIpv6DualStackSubnets, eksIpv6NitroNodes, eksIpv6VpcCniVersion, ipv4ClusterV6Egress, vpcCniConfiguration } from "../../policies/rules/eks";
import { Fx, UNKNOWN, dualStackVpc, messages, patch, route, subnet, vpc } from "./harness";

/** An @pulumi/eks cluster component in the "n" fixture VPC, as components/eks/cluster.ts declares it. */
function cluster(name: string, family: "ipv4" | "ipv6" | undefined, o: { vpcName?: string; subnets?: string[] } = {}): Fx {
    const vpcName = o.vpcName ?? "n-vpc";
    const subnets = o.subnets ?? ["n-private"];
    return {
        type: "eks:index:Cluster",
        name,
        component: true,
        remote: true,
        props: { name, ...(family ? { ipFamily: family } : {}), vpcId: `vpc-${vpcName}`, privateSubnetIds: subnets.map((s) => `subnet-${s}`), skipDefaultNodeGroup: true, endpointPrivateAccess: true, endpointPublicAccess: false },
        deps: { vpcId: [vpcName], privateSubnetIds: subnets },
    };
}

function nodeGroup(name: string, clusterName: string, o: { types?: string[]; subnets?: string[]; role?: string } = {}): Fx {
    const subnets = o.subnets ?? ["n-private"];
    return {
        type: "aws:eks/nodeGroup:NodeGroup",
        name,
        props: { id: `${clusterName}:${name}`, clusterName, subnetIds: subnets.map((s) => `subnet-${s}`), instanceTypes: o.types ?? ["m7i.large"], ...(o.role ? { nodeRoleArn: `arn:aws:iam::123456789012:role/${o.role}` } : {}) },
        deps: { clusterName: [clusterName], subnetIds: subnets, ...(o.role ? { nodeRoleArn: [o.role] } : {}) },
    };
}

function role(name: string): Fx {
    return { type: "aws:iam/role:Role", name, props: { id: name, name, arn: `arn:aws:iam::123456789012:role/${name}` } };
}

function policy(name: string, doc: unknown): Fx {
    return { type: "aws:iam/policy:Policy", name, props: { id: `arn:aws:iam::123456789012:policy/${name}`, arn: `arn:aws:iam::123456789012:policy/${name}`, name, policy: typeof doc === "string" ? doc : JSON.stringify(doc) } };
}

function attach(name: string, roleName: string, policyArn: string, policyName?: string): Fx {
    return { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, props: { id: name, role: roleName, policyArn }, deps: { role: [roleName], ...(policyName ? { policyArn: [policyName] } : {}) } };
}

function cniAddon(name: string, clusterName: string, o: { role?: string; config?: unknown; version?: string } = {}): Fx {
    return {
        type: "aws:eks/addon:Addon",
        name,
        props: {
            id: `${clusterName}:vpc-cni`,
            clusterName,
            addonName: "vpc-cni",
            ...(o.version ? { addonVersion: o.version } : {}),
            ...(o.role ? { serviceAccountRoleArn: `arn:aws:iam::123456789012:role/${o.role}` } : {}),
            ...(o.config !== undefined ? { configurationValues: typeof o.config === "string" ? o.config : JSON.stringify(o.config) } : {}),
        },
        deps: { clusterName: [clusterName], ...(o.role ? { serviceAccountRoleArn: [o.role] } : {}) },
    };
}

const ipv6Cluster = (extra: Fx[] = []) => [...dualStackVpc("n"), cluster("c6", "ipv6"), ...extra];

describe("policies: EKS", () => {
    describe("eks-cluster-declares-ip-family", () => {
        it("passes a cluster that states ipFamily, on the component and on aws.eks.Cluster", async () => {
            const raw: Fx = { type: "aws:eks/cluster:Cluster", name: "raw", props: { id: "raw", name: "raw", roleArn: "arn:aws:iam::1:role/r", vpcConfig: { subnetIds: [] }, kubernetesNetworkConfig: { ipFamily: "ipv6" } } };
            assert.deepEqual(await messages(eksDeclaresIpFamily, [...ipv6Cluster(), raw]), []);
        });
        it("fails a cluster that leaves the family to the default", async () => {
            const raw: Fx = { type: "aws:eks/cluster:Cluster", name: "raw", props: { id: "raw", name: "raw", vpcConfig: { subnetIds: [] } } };
            const m = await messages(eksDeclaresIpFamily, [...dualStackVpc("n"), cluster("c", undefined), raw]);
            assert.equal(m.length, 2);
            assert.match(m[0], /eks\.Cluster "c" does not set ipFamily.*set ipFamily to "ipv6"/);
            assert.match(m[1], /aws\.eks\.Cluster "raw" does not set kubernetesNetworkConfig\.ipFamily/);
        });
        it("reports nothing for an unknown family", async () => {
            assert.deepEqual(await messages(eksDeclaresIpFamily, [...dualStackVpc("n"), patch([cluster("c", "ipv6")], "c", { ipFamily: UNKNOWN })[0]]), []);
        });
    });

    describe("eks-vpc-dns-support", () => {
        it("passes a cluster VPC with DNS support and hostnames", async () => {
            assert.deepEqual(await messages(eksVpcDns, ipv6Cluster()), []);
        });
        it("fails a cluster VPC that leaves enableDnsHostnames at its default", async () => {
            const m = await messages(eksVpcDns, [...patch(dualStackVpc("n"), "n-vpc", { enableDnsHostnames: undefined }), cluster("c6", "ipv6")]);
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.ec2\.Vpc "n-vpc" hosts the EKS cluster eks\.Cluster "c6" but enableDnsHostnames is not true: set enableDnsHostnames: true/);
        });
        it("ignores VPCs without clusters and reports nothing for unknown flags", async () => {
            assert.deepEqual(await messages(eksVpcDns, patch(dualStackVpc("n"), "n-vpc", { enableDnsHostnames: false })), []);
            assert.deepEqual(await messages(eksVpcDns, [...patch(dualStackVpc("n"), "n-vpc", { enableDnsHostnames: UNKNOWN }), cluster("c6", "ipv6")]), []);
        });
    });

    describe("eks-ipv6-nodes-nitro", () => {
        it("passes Nitro types, bare-metal sizes of Xen families, and families newer than the table", async () => {
            assert.deepEqual(await messages(eksIpv6NitroNodes, ipv6Cluster([nodeGroup("ng", "c6", { types: ["m7i.large", "i3.metal", "zz9.large"] })])), []);
        });
        it("fails a Xen type in an IPv6 cluster, and not in an IPv4 one", async () => {
            const m = await messages(eksIpv6NitroNodes, ipv6Cluster([nodeGroup("ng", "c6", { types: ["m4.large"] })]));
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.eks\.NodeGroup "ng" runs m4\.large \(Xen family m4\) in the IPv6 cluster eks\.Cluster "c6": set instanceTypes to a Nitro type/);
            assert.deepEqual(await messages(eksIpv6NitroNodes, [...dualStackVpc("n"), cluster("c4", "ipv4"), nodeGroup("ng", "c4", { types: ["m4.large"] })]), []);
        });
        it("reads the instance type of the node group's launch template", async () => {
            const lt: Fx = { type: "aws:ec2/launchTemplate:LaunchTemplate", name: "lt", props: { id: "lt-1", instanceType: "c4.xlarge", metadataOptions: { httpTokens: "required" } } };
            const ng = nodeGroup("ng", "c6");
            const m = await messages(eksIpv6NitroNodes, ipv6Cluster([lt, { ...ng, props: { ...ng.props, instanceTypes: undefined, launchTemplate: { id: "lt-1", version: "1" } }, deps: { ...ng.deps, launchTemplate: ["lt"] } }]));
            assert.match(m[0], /runs c4\.xlarge .*set launch template lt instanceType/);
        });
        it("reports nothing when the types or the cluster's family are unknown", async () => {
            assert.deepEqual(await messages(eksIpv6NitroNodes, ipv6Cluster([patch([nodeGroup("ng", "c6")], "ng", { instanceTypes: UNKNOWN })[0]])), []);
            assert.deepEqual(await messages(eksIpv6NitroNodes, [...dualStackVpc("n"), patch([cluster("c6", "ipv6")], "c6", { ipFamily: UNKNOWN })[0], nodeGroup("ng", "c6", { types: ["m4.large"] })]), []);
        });
    });

    describe("eks-dual-stack-subnets", () => {
        it("passes an IPv6 cluster and nodes in dual-stack subnets", async () => {
            assert.deepEqual(await messages(eksIpv6DualStackSubnets, ipv6Cluster([nodeGroup("ng", "c6")])), []);
        });
        it("fails an IPv6 cluster on IPv4-only subnets and nodes in an IPv6-only subnet", async () => {
            const fx = [...dualStackVpc("n"), subnet("v4only", "n-vpc", { cidr: "10.10.64.0/20" }), subnet("v6only", "n-vpc", { ipv6: "2001:db8:0:120::/64", native: true, assign: true }), cluster("c6", "ipv6", { subnets: ["v4only"] }), nodeGroup("ng", "c6", { subnets: ["v6only"] })];
            const m = await messages(eksIpv6DualStackSubnets, fx);
            assert.equal(m.length, 2, m.join("\n"));
            assert.match(m[0], /"v4only" has no IPv6 block but eks\.Cluster "c6" uses it/);
            assert.match(m[1], /"v6only" is IPv6-only \(ipv6Native\) but aws\.eks\.NodeGroup "ng" puts EKS nodes in it/);
        });
        it("reports nothing when subnet blocks are unknown", async () => {
            assert.deepEqual(await messages(eksIpv6DualStackSubnets, [...dualStackVpc("n"), subnet("x", "n-vpc", { ipv6: UNKNOWN, assign: true }), cluster("c6", "ipv6", { subnets: ["x"] })]), []);
        });
    });

    describe("eks-node-ipv6-egress", () => {
        const sg: Fx = { type: "aws:ec2/securityGroup:SecurityGroup", name: "nodes-sg", props: { id: "sg-nodes", vpcId: "vpc-n-vpc", description: "nodes" }, deps: { vpcId: ["n-vpc"] } };
        const egress = (name: string, p: Record<string, unknown>): Fx => ({ type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", name, props: { id: `sgr-${name}`, securityGroupId: "sg-nodes", ipProtocol: "-1", ...p }, deps: { securityGroupId: ["nodes-sg"] } });
        const lt = (groups: string[]): Fx => ({ type: "aws:ec2/launchTemplate:LaunchTemplate", name: "lt", props: { id: "lt-1", vpcSecurityGroupIds: groups, metadataOptions: { httpTokens: "required" } }, deps: { vpcSecurityGroupIds: groups.includes("sg-nodes") ? ["nodes-sg"] : [] } });
        const ng = (): Fx => { const n = nodeGroup("ng", "c6"); return { ...n, props: { ...n.props, launchTemplate: { id: "lt-1", version: "1" } }, deps: { ...n.deps, launchTemplate: ["lt"] } }; };
        it("passes a node security group with ::/0 egress, and a template that also carries a group outside the stack", async () => {
            assert.deepEqual(await messages(eksNodeIpv6Egress, ipv6Cluster([sg, egress("v4", { cidrIpv4: "0.0.0.0/0" }), egress("v6", { cidrIpv6: "::/0" }), lt(["sg-nodes"]), ng()])), []);
            assert.deepEqual(await messages(eksNodeIpv6Egress, ipv6Cluster([sg, egress("v4", { cidrIpv4: "0.0.0.0/0" }), lt(["sg-nodes", "sg-eks-cluster"]), ng()])), []);
        });
        it("fails IPv4-only node egress, and @pulumi/eks's default node security group on an IPv6 cluster", async () => {
            const m = await messages(eksNodeIpv6Egress, ipv6Cluster([sg, egress("v4", { cidrIpv4: "0.0.0.0/0" }), lt(["sg-nodes"]), ng()]));
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.ec2\.LaunchTemplate "lt" gives the nodes of aws\.eks\.NodeGroup "ng" .* none of which allows IPv6 egress: add an aws\.vpc\.SecurityGroupEgressRule with cidrIpv6 "::\/0" to aws\.ec2\.SecurityGroup "nodes-sg"/);
            const defaults = await messages(eksNodeIpv6Egress, [...dualStackVpc("n"), patch([cluster("c6", "ipv6")], "c6", { skipDefaultNodeGroup: undefined })[0]]);
            assert.match(defaults[0], /eks\.Cluster "c6" is an IPv6 cluster whose default node group uses @pulumi\/eks's default node security group/);
        });
        it("applies to IPv4 clusters whose node subnets have IPv6, not to IPv4-only ones", async () => {
            const v4 = [...dualStackVpc("n"), cluster("c6", "ipv4"), sg, egress("v4", { cidrIpv4: "0.0.0.0/0" }), lt(["sg-nodes"]), ng()];
            assert.equal((await messages(eksNodeIpv6Egress, v4)).length, 1);
            assert.deepEqual(await messages(eksNodeIpv6Egress, patch(v4, "n-private", { ipv6CidrBlock: undefined })), []);
        });
        it("reports nothing while an egress rule or the template's groups are unknown", async () => {
            assert.deepEqual(await messages(eksNodeIpv6Egress, ipv6Cluster([sg, egress("v6", { cidrIpv6: UNKNOWN }), lt(["sg-nodes"]), ng()])), []);
            assert.deepEqual(await messages(eksNodeIpv6Egress, ipv6Cluster([sg, patch([lt(["sg-nodes"])], "lt", { vpcSecurityGroupIds: UNKNOWN })[0], ng()])), []);
        });
    });

    describe("eks-ipv6-cni-permissions", () => {
        const ours = (doc: unknown = cniIpv6PolicyDocument()) => [role("cni"), policy("cni-v6", doc), attach("cni-v6", "cni", "arn:aws:iam::123456789012:policy/cni-v6", "cni-v6"), cniAddon("vpc-cni", "c6", { role: "cni" })];
        it("passes the add-on's IRSA role with lib/iam.ts's IPv6 policy, and a wildcard policy", async () => {
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster(ours())), []);
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster(ours({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["ec2:Describe*", "ec2:AssignIpv6Addresses", "ec2:CreateTags"], Resource: "*" }] }))), []);
        });
        it("fails a role with only AmazonEKS_CNI_Policy, and one missing DescribeSubnets", async () => {
            const managed = [role("cni"), attach("cni-managed", "cni", "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"), cniAddon("vpc-cni", "c6", { role: "cni" })];
            const m = await messages(eksIpv6CniPermissions, ipv6Cluster(managed));
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.iam\.Role "cni" is the vpc-cni add-on's service-account role of the IPv6 cluster eks\.Cluster "c6" but does not allow ec2:AssignIpv6Addresses, .*ec2:DescribeSubnets/);
            const doc = cniIpv6PolicyDocument();
            (doc.Statement[0].Action as string[]).splice((doc.Statement[0].Action as string[]).indexOf("ec2:DescribeSubnets"), 1);
            const m2 = await messages(eksIpv6CniPermissions, ipv6Cluster(ours(doc)));
            assert.match(m2[0], /does not allow ec2:DescribeSubnets:/);
        });
        it("falls back to the node role when the add-on has no service-account role", async () => {
            const fx = ipv6Cluster([role("nodes"), attach("n1", "nodes", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"), attach("n2", "nodes", "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"), nodeGroup("ng", "c6", { role: "nodes" }), cniAddon("vpc-cni", "c6")]);
            const m = await messages(eksIpv6CniPermissions, fx);
            assert.match(m[0], /"nodes" is the node role .* does not allow ec2:AssignIpv6Addresses/);
        });
        it("fails @pulumi/eks's default node group without an IRSA vpc-cni add-on (its instance role is IPv4-only)", async () => {
            const defaults = patch([cluster("c6", "ipv6")], "c6", { skipDefaultNodeGroup: false })[0];
            const m = await messages(eksIpv6CniPermissions, [...dualStackVpc("n"), defaults]);
            assert.equal(m.length, 1);
            assert.match(m[0], /eks\.Cluster "c6" is an IPv6 cluster whose default node group runs the VPC CNI under @pulumi\/eks's default instance role, which has only AmazonEKS_CNI_Policy/);
            assert.deepEqual(await messages(eksIpv6CniPermissions, [...dualStackVpc("n"), defaults, ...ours()]), [], "an IRSA add-on with the IPv6 policy fixes it");
        });
        it("reports nothing for a policy it cannot read (unknown document, customer policy outside the stack)", async () => {
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster(ours(UNKNOWN))), []);
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([role("cni"), attach("x", "cni", "arn:aws:iam::123456789012:policy/elsewhere"), cniAddon("vpc-cni", "c6", { role: "cni" })])), []);
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster(ours()), { preview: true }), []);
        });
    });

    describe("vpc-cni-configuration-values", () => {
        it("passes what lib/vpcCni.ts builds", async () => {
            assert.deepEqual(await messages(vpcCniConfiguration, [...dualStackVpc("n"), cluster("c", "ipv4"), cniAddon("a", "c", { config: { env: { ENABLE_V6_EGRESS: "true" }, init: { env: { ENABLE_V6_EGRESS: "true" } } }, version: "v1.20.4-eksbuild.1" })]), []);
        });
        it("fails ENABLE_IPv6, a boolean value, v6 egress only in env, and a setting newer than the pinned version", async () => {
            const m = await messages(vpcCniConfiguration, [
                ...dualStackVpc("n"),
                cluster("c", "ipv4"),
                cniAddon("rejected", "c", { config: { env: { ENABLE_IPv6: "true" } } }),
                cniAddon("bool", "c", { config: { env: { ENABLE_V6_EGRESS: true }, init: { env: { ENABLE_V6_EGRESS: true } } } }),
                cniAddon("half", "c", { config: { env: { ENABLE_V6_EGRESS: "true" } } }),
                cniAddon("old", "c", { config: { env: { ENABLE_V6_EGRESS: "true" }, init: { env: { ENABLE_V6_EGRESS: "true" } } }, version: "v1.12.6-eksbuild.2" }),
            ]);
            assert.ok(m.some((x) => /"rejected": configurationValues: env\.ENABLE_IPv6 is rejected by the add-on schema/.test(x)), m.join("\n"));
            assert.ok(m.some((x) => /"bool": configurationValues: env\.ENABLE_V6_EGRESS must be a string/.test(x)));
            assert.ok(m.some((x) => /"half": configurationValues: ENABLE_V6_EGRESS must be "true" in both env and init\.env/.test(x)));
            assert.ok(m.some((x) => /"old": env\.ENABLE_V6_EGRESS needs vpc-cni 1\.13\.0 or later but addonVersion is v1\.12\.6-eksbuild\.2/.test(x)));
        });
        it("ignores other add-ons and unknown configuration", async () => {
            const coredns: Fx = { type: "aws:eks/addon:Addon", name: "coredns", props: { clusterName: "c", addonName: "coredns", configurationValues: JSON.stringify({ replicaCount: 3 }) } };
            assert.deepEqual(await messages(vpcCniConfiguration, [...dualStackVpc("n"), cluster("c", "ipv4"), coredns, { ...cniAddon("u", "c"), props: { clusterName: "c", addonName: "vpc-cni", configurationValues: UNKNOWN } }]), []);
        });
    });

    describe("eks-ipv6-vpc-cni-version", () => {
        it("passes a recent pin and no pin", async () => {
            assert.deepEqual(await messages(eksIpv6VpcCniVersion, ipv6Cluster([cniAddon("a", "c6", { version: "v1.20.4-eksbuild.1" })])), []);
        });
        it("fails a pin older than 1.10.1 on an IPv6 cluster only", async () => {
            const m = await messages(eksIpv6VpcCniVersion, ipv6Cluster([cniAddon("a", "c6", { version: "v1.9.3-eksbuild.1" })]));
            assert.match(m[0], /"a": addonVersion v1\.9\.3-eksbuild\.1 is older than 1\.10\.1/);
            assert.deepEqual(await messages(eksIpv6VpcCniVersion, [...dualStackVpc("n"), cluster("c4", "ipv4"), cniAddon("a", "c4", { version: "v1.9.3-eksbuild.1" })]), []);
        });
        it("reports nothing for an unknown version", async () => {
            assert.deepEqual(await messages(eksIpv6VpcCniVersion, ipv6Cluster([patch([cniAddon("a", "c6")], "a", { addonVersion: UNKNOWN })[0]])), []);
        });
    });

    describe("eks-ipv4-cluster-v6-egress", () => {
        /** Figure 7b: an IPv4 cluster in a dual-stack VPC "a", peered to VPC "n" of an IPv6 cluster, with IPv6 routes. */
        function figure7b(config?: unknown, ipv6Routes = true): Fx[] {
            const a: Fx[] = [
                vpc("a-vpc", { cidr: "10.20.0.0/16", ipv6: "2001:db8:0:200::/56" }),
                subnet("a-private", "a-vpc", { cidr: "10.20.0.0/20", ipv6: "2001:db8:0:210::/64", assign: true }),
                { type: "aws:ec2/routeTable:RouteTable", name: "a-rt", props: { id: "rtb-a-rt", vpcId: "vpc-a-vpc" }, deps: { vpcId: ["a-vpc"] } },
                cluster("c4", "ipv4", { vpcName: "a-vpc", subnets: ["a-private"] }),
                cniAddon("c4-cni", "c4", config === undefined ? {} : { config }),
            ];
            const peering: Fx = { type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", name: "p", props: { id: "pcx-p", vpcId: "vpc-a-vpc", peerVpcId: "vpc-n-vpc", autoAccept: true }, deps: { vpcId: ["a-vpc"], peerVpcId: ["n-vpc"] } };
            const routes = ipv6Routes ? [route("a-to-n", "a-rt", "2001:db8:0:100::/56", { pcx: "p" })] : [route("a-to-n", "a-rt", "10.10.0.0/16", { pcx: "p" })];
            return [...ipv6Cluster(), ...a, peering, ...routes];
        }
        const on = { env: { ENABLE_V6_EGRESS: "true" }, init: { env: { ENABLE_V6_EGRESS: "true" } } };
        it("passes with v6 egress on, and when only IPv4 is routed to the peer", async () => {
            assert.deepEqual(await messages(ipv4ClusterV6Egress, figure7b(on)), []);
            assert.deepEqual(await messages(ipv4ClusterV6Egress, figure7b(undefined, false)), []);
        });
        it("fails when IPv6 is routed to the IPv6 cluster's VPC but v6 egress is off", async () => {
            const m = await messages(ipv4ClusterV6Egress, figure7b());
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.eks\.Addon "c4-cni" belongs to the IPv4 cluster eks\.Cluster "c4", whose VPC routes IPv6 to an IPv6 cluster's VPC over aws\.ec2\.VpcPeeringConnection "p", but v6 egress is off/);
        });
        it("sees it in a preview through dependencies, and stays quiet on unknown configuration", async () => {
            assert.equal((await messages(ipv4ClusterV6Egress, figure7b(), { preview: true })).length, 1);
            assert.deepEqual(await messages(ipv4ClusterV6Egress, patch(figure7b(), "c4-cni", { configurationValues: UNKNOWN })), []);
        });
    });
});

describe("policies: EKS boundaries (mutation-testing survivors)", () => {
    const sg = (name: string, extra: Record<string, unknown> = {}): Fx => ({ type: "aws:ec2/securityGroup:SecurityGroup", name, props: { id: `sg-${name}`, vpcId: "vpc-n-vpc", description: name, ...extra }, deps: { vpcId: ["n-vpc"] } });
    const egress = (name: string, group: string, p: Record<string, unknown>): Fx => ({ type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", name, props: { id: `sgr-${name}`, securityGroupId: `sg-${group}`, ipProtocol: "-1", ...p }, deps: { securityGroupId: [group] } });
    const template = (name: string, groups: string[], extra: Record<string, unknown> = {}): Fx => ({ type: "aws:ec2/launchTemplate:LaunchTemplate", name, props: { id: `lt-${name}`, name: `${name}-name`, vpcSecurityGroupIds: groups.map((g) => `sg-${g}`), metadataOptions: { httpTokens: "required" }, ...extra }, deps: { vpcSecurityGroupIds: groups } });
    /** A node group of cluster c6 using a launch template by `ref` (id or name), with a dependency on `depOn` when given. */
    const ngWith = (ref: Record<string, unknown> | string, depOn?: string, o: { subnets?: string[]; clusterName?: string } = {}): Fx => {
        const n = nodeGroup("ng", o.clusterName ?? "c6", { subnets: o.subnets });
        return { ...n, props: { ...n.props, launchTemplate: ref }, deps: { ...n.deps, ...(depOn ? { launchTemplate: [depOn] } : {}) } };
    };
    const v4only = () => [sg("nodes"), egress("v4", "nodes", { cidrIpv4: "0.0.0.0/0" })];

    describe("eks-cluster-declares-ip-family", () => {
        it("names a misspelt family and the values to use; stays quiet on an unknown network config", async () => {
            const m = await messages(eksDeclaresIpFamily, [...dualStackVpc("n"), patch([cluster("c", "ipv6")], "c", { ipFamily: "IPv6" })[0]]);
            assert.deepEqual(m, ['eks.Cluster "c": ipFamily is "IPv6"; set it to "ipv6" or "ipv4".']);
            const raw: Fx = { type: "aws:eks/cluster:Cluster", name: "raw", props: { id: "raw", name: "raw", vpcConfig: { subnetIds: [] }, kubernetesNetworkConfig: UNKNOWN } };
            assert.deepEqual(await messages(eksDeclaresIpFamily, [raw]), []);
        });
    });

    describe("eks-vpc-dns-support", () => {
        it("names both flags when both are off, once per VPC however many clusters it hosts", async () => {
            const fx = [...patch(dualStackVpc("n"), "n-vpc", { enableDnsSupport: false, enableDnsHostnames: false }), cluster("c6", "ipv6"), cluster("c4", "ipv4")];
            assert.deepEqual(await messages(eksVpcDns, fx), ['aws.ec2.Vpc "n-vpc" hosts the EKS cluster eks.Cluster "c6" but enableDnsSupport and enableDnsHostnames are not true: set enableDnsSupport: true and enableDnsHostnames: true.']);
        });
        it("names only enableDnsSupport when hostnames are on", async () => {
            const m = await messages(eksVpcDns, [...patch(dualStackVpc("n"), "n-vpc", { enableDnsSupport: false }), cluster("c6", "ipv6")]);
            assert.deepEqual(m, ['aws.ec2.Vpc "n-vpc" hosts the EKS cluster eks.Cluster "c6" but enableDnsSupport is not true: set enableDnsSupport: true.']);
        });
        it("stays quiet for a cluster whose VPC is unknown", async () => {
            const c = { ...cluster("c6", "ipv6"), deps: {} };
            assert.deepEqual(await messages(eksVpcDns, [...patch(dualStackVpc("n"), "n-vpc", { enableDnsHostnames: false }), { ...c, props: { ...c.props, vpcId: UNKNOWN } }]), []);
        });
    });

    describe("eks-node-ipv6-egress", () => {
        const base = (extra: Fx[]) => ipv6Cluster([...extra]);
        it("counts an inline egress block with ipv6CidrBlocks, and not one with only IPv4 blocks", async () => {
            const ok = [sg("nodes", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }] }), template("lt", ["nodes"]), ngWith({ id: "lt-lt" }, "lt")];
            assert.deepEqual(await messages(eksNodeIpv6Egress, base(ok)), []);
            const v4 = [sg("nodes", { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: [] }] }), template("lt", ["nodes"]), ngWith({ id: "lt-lt" }, "lt")];
            assert.equal((await messages(eksNodeIpv6Egress, base(v4))).length, 1);
        });
        it("stays quiet while inline egress, one of its blocks or its IPv6 list is unknown", async () => {
            for (const eg of [UNKNOWN, [UNKNOWN], [{ protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: UNKNOWN }]]) {
                assert.deepEqual(await messages(eksNodeIpv6Egress, base([sg("nodes", { egress: eg }), template("lt", ["nodes"]), ngWith({ id: "lt-lt" }, "lt")])), [], JSON.stringify(eg));
            }
        });
        it("counts an aws.ec2.SecurityGroupRule only when its type is egress", async () => {
            const rule = (type: string): Fx => ({ type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: "r", props: { id: "sgr-r", securityGroupId: "sg-nodes", type, protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }, deps: { securityGroupId: ["nodes"] } });
            const fx = (type: string) => base([...v4only(), rule(type), template("lt", ["nodes"]), ngWith({ id: "lt-lt" }, "lt")]);
            assert.deepEqual(await messages(eksNodeIpv6Egress, fx("egress")), []);
            assert.equal((await messages(eksNodeIpv6Egress, fx("ingress"))).length, 1, "an ingress rule from ::/0 is no egress");
            assert.deepEqual(await messages(eksNodeIpv6Egress, fx(UNKNOWN)), []);
        });
        it("stays quiet while an egress rule's security group is unknown (it may be the node group's)", async () => {
            const loose: Fx = { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", name: "loose", props: { id: "sgr-loose", securityGroupId: UNKNOWN, ipProtocol: "-1", cidrIpv6: "::/0" } };
            assert.deepEqual(await messages(eksNodeIpv6Egress, base([...v4only(), loose, template("lt", ["nodes"]), ngWith({ id: "lt-lt" }, "lt")])), []);
        });
        it("finds the template by id or by name without a dependency, among several", async () => {
            const decoy = template("decoy", ["good"]);
            const good = [sg("good"), egress("g6", "good", { cidrIpv6: "::/0" })];
            const byId = await messages(eksNodeIpv6Egress, base([...good, decoy, ...v4only(), template("lt", ["nodes"]), ngWith({ id: "lt-lt" })]));
            assert.deepEqual(byId, ['aws.ec2.LaunchTemplate "lt" gives the nodes of aws.eks.NodeGroup "ng" (which have IPv6 addresses) only aws.ec2.SecurityGroup "nodes", none of which allows IPv6 egress: add an aws.vpc.SecurityGroupEgressRule with cidrIpv6 "::/0" to aws.ec2.SecurityGroup "nodes".']);
            const byName = await messages(eksNodeIpv6Egress, base([...good, decoy, ...v4only(), template("lt", ["nodes"]), ngWith({ name: "lt-name" })]));
            assert.equal(byName.length, 1);
            assert.match(byName[0], /LaunchTemplate "lt" gives/);
            assert.deepEqual(await messages(eksNodeIpv6Egress, base([...good, decoy, ...v4only(), template("lt", ["nodes"]), ngWith({ name: "decoy-name" })])), []);
            assert.deepEqual(await messages(eksNodeIpv6Egress, base([...good, ...v4only(), template("lt", ["nodes"]), ngWith({ id: "lt-elsewhere", name: "elsewhere" })])), [], "a template outside the stack");
        });
        it("waits while the template id is unknown, and skips templates without an id or name", async () => {
            const bare = (n: string, groups: string[], drop: "id" | "name"): Fx => { const t = template(n, groups); const props = { ...t.props }; delete props[drop]; return { ...t, props }; };
            const good = [sg("good"), egress("g6", "good", { cidrIpv6: "::/0" })];
            assert.deepEqual(await messages(eksNodeIpv6Egress, base([...v4only(), template("lt", ["nodes"]), ngWith({ id: UNKNOWN, version: "1" }, "lt")])), [], "no verdict while the template's id is unknown");
            assert.equal((await messages(eksNodeIpv6Egress, base([...good, bare("noid", ["good"], "id"), ...v4only(), template("lt", ["nodes"]), ngWith({ name: "lt-name" })]))).length, 1, "a template without id is not the one named");
            assert.equal((await messages(eksNodeIpv6Egress, base([...good, bare("noname", ["good"], "name"), ...v4only(), template("lt", ["nodes"]), ngWith({ id: "lt-lt" })]))).length, 1, "a template without name is not the one with the id");
        });
        it("lists every in-stack group when none allows IPv6 egress", async () => {
            const m = await messages(eksNodeIpv6Egress, base([...v4only(), sg("extra"), template("lt", ["nodes", "extra"]), ngWith({ id: "lt-lt" }, "lt")]));
            assert.equal(m.length, 1);
            assert.match(m[0], /only aws\.ec2\.SecurityGroup "nodes", aws\.ec2\.SecurityGroup "extra", none of which/);
        });
        it("stays quiet for a template without security groups (EKS attaches the cluster group) and an unknown template", async () => {
            assert.deepEqual(await messages(eksNodeIpv6Egress, base([...v4only(), template("lt", []), ngWith({ id: "lt-lt" }, "lt")])), []);
            assert.deepEqual(await messages(eksNodeIpv6Egress, base([...v4only(), template("lt", ["nodes"]), ngWith(UNKNOWN, "lt")])), []);
        });
        it("applies to an IPv6 cluster's nodes even in a subnet without IPv6, and to an IPv4 cluster with one dual-stack node subnet of two", async () => {
            const fx = [...dualStackVpc("n"), subnet("v4sub", "n-vpc", { cidr: "10.10.64.0/20" }), ...v4only(), template("lt", ["nodes"])];
            assert.equal((await messages(eksNodeIpv6Egress, [...fx, cluster("c6", "ipv6"), ngWith({ id: "lt-lt" }, "lt", { subnets: ["v4sub"] })])).length, 1);
            assert.equal((await messages(eksNodeIpv6Egress, [...fx, cluster("c6", "ipv4"), ngWith({ id: "lt-lt" }, "lt", { subnets: ["v4sub", "n-private"] })])).length, 1);
            assert.deepEqual(await messages(eksNodeIpv6Egress, [...fx, cluster("c6", "ipv4"), ngWith({ id: "lt-lt" }, "lt", { subnets: ["v4sub"] })]), []);
        });
        it("stays quiet while the cluster's family is unknown", async () => {
            const fx = [...dualStackVpc("n"), patch([cluster("c6", "ipv6")], "c6", { ipFamily: UNKNOWN, skipDefaultNodeGroup: false })[0], ...v4only(), template("lt", ["nodes"]), ngWith({ id: "lt-lt" }, "lt")];
            assert.deepEqual(await messages(eksNodeIpv6Egress, fx), []);
        });
        it("does not blame @pulumi/eks's default group when the program skips it, passes its own, or does not know yet; nor a raw cluster", async () => {
            const c = (p: Record<string, unknown>) => [...dualStackVpc("n"), patch([cluster("c6", "ipv6")], "c6", { skipDefaultNodeGroup: false, ...p })[0]];
            assert.equal((await messages(eksNodeIpv6Egress, c({}))).length, 1);
            assert.deepEqual(await messages(eksNodeIpv6Egress, c({ skipDefaultNodeGroup: UNKNOWN })), []);
            assert.deepEqual(await messages(eksNodeIpv6Egress, c({ skipDefaultSecurityGroups: true })), []);
            assert.deepEqual(await messages(eksNodeIpv6Egress, c({ skipDefaultSecurityGroups: UNKNOWN })), []);
            assert.deepEqual(await messages(eksNodeIpv6Egress, c({ nodeSecurityGroup: "sg-mine" })), []);
            const raw: Fx = { type: "aws:eks/cluster:Cluster", name: "raw", props: { id: "raw", name: "raw", vpcConfig: { subnetIds: ["subnet-n-private"] }, kubernetesNetworkConfig: { ipFamily: "ipv6" } }, deps: { vpcConfig: ["n-private"] } };
            assert.deepEqual(await messages(eksNodeIpv6Egress, [...dualStackVpc("n"), raw]), []);
        });
    });

    describe("eks-dual-stack-subnets", () => {
        it("asks IPv6 blocks only of IPv6 clusters: an IPv4 cluster and its nodes may use IPv4-only subnets", async () => {
            const fx = [...dualStackVpc("n"), subnet("v4only", "n-vpc", { cidr: "10.10.64.0/20" }), cluster("c4", "ipv4", { subnets: ["v4only"] }), nodeGroup("ng", "c4", { subnets: ["v4only"] })];
            assert.deepEqual(await messages(eksIpv6DualStackSubnets, fx), []);
        });
    });

    describe("eks-ipv6-cni-permissions", () => {
        const v4policy = (roleName: string) => attach(`${roleName}-managed`, roleName, "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
        const pia = (sa: string, ns: string, roleName: string): Fx => ({ type: "aws:eks/podIdentityAssociation:PodIdentityAssociation", name: `pia-${sa}`, props: { id: `pia-${sa}`, clusterName: "c6", namespace: ns, serviceAccount: sa, roleArn: `arn:aws:iam::123456789012:role/${roleName}` }, deps: { clusterName: ["c6"], roleArn: [roleName] } });
        it("reads the add-on's inline podIdentityAssociations", async () => {
            const addon = (items: unknown): Fx => { const a = cniAddon("vpc-cni", "c6"); return { ...a, props: { ...a.props, podIdentityAssociations: items } }; };
            const m = await messages(eksIpv6CniPermissions, ipv6Cluster([role("pi"), v4policy("pi"), addon([{ roleArn: "arn:aws:iam::123456789012:role/pi", serviceAccount: "aws-node" }])]));
            assert.equal(m.length, 1);
            assert.match(m[0], /^aws\.iam\.Role "pi" is the vpc-cni add-on's service-account role of the IPv6 cluster eks\.Cluster "c6" but does not allow ec2:AssignIpv6Addresses/);
            // Each case below would otherwise fall back to the node group's IPv4-only role and report it.
            const nodes = [role("nodes"), v4policy("nodes"), nodeGroup("ng", "c6", { role: "nodes" })];
            assert.equal((await messages(eksIpv6CniPermissions, ipv6Cluster([...nodes, addon([])]))).length, 1, "the fallback itself");
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([...nodes, role("pi"), v4policy("pi"), addon([{ roleArn: "arn:aws:iam::123456789012:role/outside", serviceAccount: "aws-node" }])])), [], "a role outside the stack");
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([...nodes, addon([{ roleArn: UNKNOWN, serviceAccount: "aws-node" }])])), [], "an unknown role ARN");
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([...nodes, addon(UNKNOWN)])), []);
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([...nodes, addon([UNKNOWN])])), []);
        });
        it("reads a PodIdentityAssociation for kube-system/aws-node of the same cluster only", async () => {
            const m = await messages(eksIpv6CniPermissions, ipv6Cluster([role("pi"), v4policy("pi"), pia("aws-node", "kube-system", "pi")]));
            assert.equal(m.length, 1);
            assert.match(m[0], /^aws\.iam\.Role "pi" is the vpc-cni add-on's service-account role/);
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([role("pi"), v4policy("pi"), pia("other", "kube-system", "pi")])), [], "another service account");
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([role("pi"), v4policy("pi"), pia("aws-node", "default", "pi")])), [], "another namespace");
            const elsewhere = { ...pia("aws-node", "kube-system", "pi"), props: { ...pia("aws-node", "kube-system", "pi").props, roleArn: "arn:aws:iam::123456789012:role/outside" }, deps: { clusterName: ["c6"] } };
            const nodes = [role("nodes"), v4policy("nodes"), nodeGroup("ng", "c6", { role: "nodes" })];
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([...nodes, elsewhere])), [], "a role outside the stack");
            const unknownRole = { ...elsewhere, props: { ...elsewhere.props, roleArn: UNKNOWN } };
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([...nodes, unknownRole])), [], "a role not known yet");
            const other = [cluster("c7", "ipv6"), { ...pia("aws-node", "kube-system", "pi"), props: { ...pia("aws-node", "kube-system", "pi").props, clusterName: "c7" }, deps: { clusterName: ["c7"], roleArn: ["pi"] } }];
            assert.equal((await messages(eksIpv6CniPermissions, ipv6Cluster([role("pi"), v4policy("pi"), ...other]))).length, 1, "only c7's CNI runs under it");
        });
        it("stays quiet when the add-on's service-account role is outside the stack", async () => {
            const a = cniAddon("vpc-cni", "c6", { role: "outside" });
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([{ ...a, deps: { clusterName: ["c6"] } }, role("nodes"), v4policy("nodes"), nodeGroup("ng", "c6", { role: "nodes" })])), []);
            const u = { ...a, props: { ...a.props, serviceAccountRoleArn: UNKNOWN }, deps: { clusterName: ["c6"] } };
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([u, role("nodes"), v4policy("nodes"), nodeGroup("ng", "c6", { role: "nodes" })])), [], "an unknown role ARN");
        });
        it("stays quiet when a node group's role is outside the stack or belongs to an @pulumi/eks node group", async () => {
            const ng = nodeGroup("ng", "c6", { role: "outside" });
            const known = [role("nodes"), v4policy("nodes"), nodeGroup("ng2", "c6", { role: "nodes" })];
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([...known, { ...ng, deps: { clusterName: ["c6"], subnetIds: ["n-private"] } }])), []);
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([...known, { ...ng, props: { ...ng.props, nodeRoleArn: UNKNOWN }, deps: { clusterName: ["c6"], subnetIds: ["n-private"] } }])), [], "a node role not known yet");
            const mng: Fx = { type: "eks:index:ManagedNodeGroup", name: "mng", component: true, props: { cluster: "c6", instanceTypes: ["m7i.large"] }, deps: { cluster: ["c6"] } };
            assert.deepEqual(await messages(eksIpv6CniPermissions, ipv6Cluster([role("nodes"), v4policy("nodes"), nodeGroup("ng", "c6", { role: "nodes" }), mng])), []);
        });
        it("does not blame the default instance role when the program passes instanceRole(s), skips the node group or does not know yet; nor a raw cluster", async () => {
            const c = (p: Record<string, unknown>) => [...dualStackVpc("n"), patch([cluster("c6", "ipv6")], "c6", { skipDefaultNodeGroup: false, ...p })[0]];
            assert.equal((await messages(eksIpv6CniPermissions, c({}))).length, 1);
            assert.deepEqual(await messages(eksIpv6CniPermissions, c({ instanceRole: "arn:aws:iam::123456789012:role/mine" })), []);
            assert.deepEqual(await messages(eksIpv6CniPermissions, c({ instanceRoles: ["arn:aws:iam::123456789012:role/mine"] })), []);
            assert.deepEqual(await messages(eksIpv6CniPermissions, c({ skipDefaultNodeGroup: UNKNOWN })), []);
            assert.deepEqual(await messages(eksIpv6CniPermissions, c({ skipDefaultNodeGroup: true })), []);
            const raw: Fx = { type: "aws:eks/cluster:Cluster", name: "raw", props: { id: "raw", name: "raw", vpcConfig: { subnetIds: ["subnet-n-private"] }, kubernetesNetworkConfig: { ipFamily: "ipv6" } }, deps: { vpcConfig: ["n-private"] } };
            assert.deepEqual(await messages(eksIpv6CniPermissions, [...dualStackVpc("n"), raw]), []);
        });
        it("requires ec2:CreateTags on network interfaces and the other actions on \"*\", naming what is missing", async () => {
            const doc = cniIpv6PolicyDocument();
            const noTags = { Version: "2012-10-17", Statement: doc.Statement.filter((st: any) => !JSON.stringify(st.Action).includes("CreateTags")) };
            const fx = (d: unknown) => ipv6Cluster([role("cni"), policy("p", d), attach("p", "cni", "arn:aws:iam::123456789012:policy/p", "p"), cniAddon("vpc-cni", "c6", { role: "cni" })]);
            const m = await messages(eksIpv6CniPermissions, fx(noTags));
            assert.equal(m.length, 1);
            assert.match(m[0], /does not allow ec2:CreateTags on arn:aws:ec2:\*:\*:network-interface\/\*: attach a policy/);
            const narrow = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["ec2:AssignIpv6Addresses", "ec2:DescribeInstances", "ec2:DescribeTags", "ec2:DescribeNetworkInterfaces", "ec2:DescribeInstanceTypes", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:CreateTags"], Resource: "arn:aws:ec2:*:*:network-interface/*" }] };
            const m2 = await messages(eksIpv6CniPermissions, fx(narrow));
            assert.equal(m2.length, 1);
            assert.match(m2[0], /does not allow ec2:AssignIpv6Addresses,/);
            assert.doesNotMatch(m2[0], /CreateTags/);
        });
    });

    describe("vpc-cni-configuration-values", () => {
        it("reads configurationValues given as an object, and @pulumi/eks's VpcCniAddon", async () => {
            const a = cniAddon("obj", "c");
            const m = await messages(vpcCniConfiguration, [...dualStackVpc("n"), cluster("c", "ipv4"), { ...a, props: { ...a.props, configurationValues: { env: { ENABLE_IPv6: "true" } } } }]);
            assert.ok(m.some((x) => /"obj": configurationValues: env\.ENABLE_IPv6 is rejected/.test(x)), m.join("\n"));
            const comp: Fx = { type: "eks:index:VpcCniAddon", name: "cni", component: true, props: { clusterName: "c", configurationValues: { env: { ENABLE_IPv6: "true" } } }, deps: { clusterName: ["c"] } };
            const m2 = await messages(vpcCniConfiguration, [...dualStackVpc("n"), cluster("c", "ipv4"), comp]);
            assert.ok(m2.some((x) => /VpcCniAddon "cni": configurationValues: env\.ENABLE_IPv6 is rejected/.test(x)), m2.join("\n"));
        });
        it("reports a document that is not JSON or is null once, without version checks", async () => {
            for (const text of ["{env:", "null"]) {
                const m = await messages(vpcCniConfiguration, [...dualStackVpc("n"), cluster("c", "ipv4"), cniAddon("bad", "c", { config: text, version: "v1.12.6-eksbuild.2" })]);
                assert.ok(m.every((x) => x.startsWith('aws.eks.Addon "bad": configurationValues: ')), m.join("\n"));
            }
        });
        it("passes an add-on without configuration, and checks versions only when one is pinned", async () => {
            assert.deepEqual(await messages(vpcCniConfiguration, [...dualStackVpc("n"), cluster("c", "ipv4"), cniAddon("plain", "c", { version: "v1.9.3-eksbuild.1" })]), []);
            const both = { env: { ENABLE_V6_EGRESS: "true" }, init: { env: { ENABLE_V6_EGRESS: "true" } } };
            assert.deepEqual(await messages(vpcCniConfiguration, [...dualStackVpc("n"), cluster("c", "ipv4"), cniAddon("unpinned", "c", { config: both })]), []);
        });
        it("names init.env settings newer than the pinned version, and copes with a document without init", async () => {
            const m = await messages(vpcCniConfiguration, [...dualStackVpc("n"), cluster("c", "ipv4"), cniAddon("old", "c", { config: { env: { ENABLE_V6_EGRESS: "true" }, init: { env: { ENABLE_V6_EGRESS: "true" } } }, version: "v1.12.6-eksbuild.2" })]);
            assert.ok(m.includes('aws.eks.Addon "old": init.env.ENABLE_V6_EGRESS needs vpc-cni 1.13.0 or later but addonVersion is v1.12.6-eksbuild.2: set addonVersion to 1.13.0 or later (or leave it unset for the latest).'), m.join("\n"));
            const m2 = await messages(vpcCniConfiguration, [...dualStackVpc("n"), cluster("c", "ipv4"), cniAddon("noinit", "c", { config: { env: { WARM_IP_TARGET: "5" } }, version: "v1.20.4-eksbuild.1" })]);
            assert.deepEqual(m2, []);
            const m3 = await messages(vpcCniConfiguration, [...dualStackVpc("n"), cluster("c", "ipv4"), cniAddon("noenv", "c", { config: { init: { env: { ENABLE_V6_EGRESS: "true" } } }, version: "v1.12.6-eksbuild.2" })]);
            assert.ok(m3.some((x) => /"noenv": init\.env\.ENABLE_V6_EGRESS needs vpc-cni 1\.13\.0/.test(x)), m3.join("\n"));
        });
    });

    describe("eks-ipv4-cluster-v6-egress", () => {
        const a = (): Fx[] => [
            vpc("a-vpc", { cidr: "10.20.0.0/16", ipv6: "2001:db8:0:200::/56" }),
            subnet("a-private", "a-vpc", { cidr: "10.20.0.0/20", ipv6: "2001:db8:0:210::/64", assign: true }),
            { type: "aws:ec2/routeTable:RouteTable", name: "a-rt", props: { id: "rtb-a-rt", vpcId: "vpc-a-vpc" }, deps: { vpcId: ["a-vpc"] } },
            { type: "aws:ec2/routeTable:RouteTable", name: "a-rt2", props: { id: "rtb-a-rt2", vpcId: "vpc-a-vpc" }, deps: { vpcId: ["a-vpc"] } },
            cluster("c4", "ipv4", { vpcName: "a-vpc", subnets: ["a-private"] }),
        ];
        const peering = (from: string, to: string): Fx => ({ type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", name: "p", props: { id: "pcx-p", vpcId: `vpc-${from}`, peerVpcId: `vpc-${to}`, autoAccept: true }, deps: { vpcId: [from], peerVpcId: [to] } });
        const v6route = (target: { pcx: string } | { tgw: string }) => route("a-to-n", "a-rt", "2001:db8:0:100::/56", target);
        it("reports an IPv4 cluster without any vpc-cni add-on, naming the add-on to create", async () => {
            const m = await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...a(), peering("a-vpc", "n-vpc"), v6route({ pcx: "p" })]);
            assert.deepEqual(m, ['eks.Cluster "c4" is an IPv4 cluster whose VPC routes IPv6 to an IPv6 cluster\'s VPC over aws.ec2.VpcPeeringConnection "p", but it has no vpc-cni add-on to enable v6 egress: add an aws.eks.Addon "vpc-cni" with configurationValues {"env":{"ENABLE_V6_EGRESS":"true"},"init":{"env":{"ENABLE_V6_EGRESS":"true"}}}.']);
        });
        it("sees a peering requested from the IPv6 cluster's side", async () => {
            assert.equal((await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...a(), peering("n-vpc", "a-vpc"), v6route({ pcx: "p" })])).length, 1);
        });
        it("sees a transit gateway that attaches both VPCs, and not one that attaches only the IPv4 cluster's", async () => {
            const tgw: Fx = { type: "aws:ec2transitgateway/transitGateway:TransitGateway", name: "x", props: { id: "tgw-x" } };
            const att = (name: string, vpcName: string): Fx => ({ type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment", name, props: { id: `tgw-attach-${name}`, transitGatewayId: "tgw-x", vpcId: `vpc-${vpcName}`, subnetIds: [], ipv6Support: "enable" }, deps: { transitGatewayId: ["x"], vpcId: [vpcName] } });
            const m = await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...a(), tgw, att("att-a", "a-vpc"), att("att-n", "n-vpc"), v6route({ tgw: "x" })]);
            assert.equal(m.length, 1);
            assert.match(m[0], /over aws\.ec2transitgateway\.VpcAttachment "att-a"/);
            assert.deepEqual(await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...a(), tgw, att("att-a", "a-vpc"), v6route({ tgw: "x" })]), []);
            const byId = (f: Fx): Fx => ({ ...f, deps: { vpcId: f.deps!.vpcId } });
            assert.equal((await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...a(), byId(att("att-a", "a-vpc")), byId(att("att-n", "n-vpc")), route("a-to-n", "a-rt", "2001:db8:0:100::/56", { tgw: "x" })].map((f) => f.name === "a-to-n" ? { ...f, deps: { routeTableId: ["a-rt"] } } : f))).length, 1, "a gateway outside the stack, joined by its id");
        });
        it("joins attachments through their dependency on the gateway while its id is unknown (a preview)", async () => {
            const tgw: Fx = { type: "aws:ec2transitgateway/transitGateway:TransitGateway", name: "x", props: { id: "tgw-x" } };
            const att = (name: string, vpcName: string): Fx => ({ type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment", name, props: { id: `tgw-attach-${name}`, transitGatewayId: UNKNOWN, vpcId: `vpc-${vpcName}`, subnetIds: [] }, deps: { transitGatewayId: ["x"], vpcId: [vpcName] } });
            assert.equal((await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...a(), tgw, att("att-a", "a-vpc"), att("att-n", "n-vpc"), v6route({ tgw: "x" })])).length, 1);
        });
        it("does not join VPCs attached to two different transit gateways", async () => {
            const gw = (n: string): Fx => ({ type: "aws:ec2transitgateway/transitGateway:TransitGateway", name: n, props: { id: `tgw-${n}` } });
            const att = (name: string, vpcName: string, g: string): Fx => ({ type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment", name, props: { id: `tgw-attach-${name}`, transitGatewayId: `tgw-${g}`, vpcId: `vpc-${vpcName}`, subnetIds: [] }, deps: { transitGatewayId: [g], vpcId: [vpcName] } });
            assert.deepEqual(await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...a(), gw("x"), gw("y"), att("att-a", "a-vpc", "x"), att("att-n", "n-vpc", "y"), v6route({ tgw: "x" })]), []);
        });
        it("does not count a peering between two other VPCs as a join of the IPv4 cluster's VPC", async () => {
            const z: Fx[] = [vpc("z-vpc", { cidr: "10.40.0.0/16", ipv6: "2001:db8:0:400::/56" }), vpc("y-vpc", { cidr: "10.50.0.0/16", ipv6: "2001:db8:0:500::/56" })];
            const zn: Fx = { ...peering("z-vpc", "n-vpc"), name: "zn", props: { ...peering("z-vpc", "n-vpc").props, id: "pcx-zn" } };
            const ay: Fx = { ...peering("a-vpc", "y-vpc"), name: "ay", props: { ...peering("a-vpc", "y-vpc").props, id: "pcx-ay" } };
            assert.deepEqual(await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...a(), ...z, zn, ay, route("a-to-y", "a-rt", "2001:db8:0:500::/56", { pcx: "ay" })]), []);
        });
        it("does not report a VPC that routes IPv6 over another peering and only IPv4 to the IPv6 cluster's VPC (found by mutation testing)", async () => {
            const y: Fx = vpc("y-vpc", { cidr: "10.50.0.0/16", ipv6: "2001:db8:0:500::/56" });
            const ay: Fx = { ...peering("a-vpc", "y-vpc"), name: "ay", props: { ...peering("a-vpc", "y-vpc").props, id: "pcx-ay" } };
            const fx = [...ipv6Cluster(), ...a(), y, peering("a-vpc", "n-vpc"), ay, route("a-v4", "a-rt", "10.10.0.0/16", { pcx: "p" }), route("a-to-y", "a-rt", "2001:db8:0:500::/56", { pcx: "ay" })];
            assert.deepEqual(await messages(ipv4ClusterV6Egress, fx), []);
            assert.equal((await messages(ipv4ClusterV6Egress, [...fx, v6route({ pcx: "p" })])).length, 1, "with the IPv6 route to the IPv6 cluster's VPC it applies");
        });
        it("counts an inline IPv6 route and a route whose peering is not known yet by their kind", async () => {
            const inline = patch([...ipv6Cluster(), ...a(), peering("a-vpc", "n-vpc")], "a-rt", { routes: [{ ipv6CidrBlock: "2001:db8:0:100::/56", vpcPeeringConnectionId: "pcx-p" }] });
            assert.equal((await messages(ipv4ClusterV6Egress, inline)).length, 1);
            const r = v6route({ pcx: "p" });
            const pending = { ...r, props: { ...r.props, vpcPeeringConnectionId: UNKNOWN }, deps: { routeTableId: ["a-rt"] } };
            assert.equal((await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...a(), peering("a-vpc", "n-vpc"), pending])).length, 1);
        });
        it("does not count an IPv6 route over a transit gateway other than the one that joins the VPCs", async () => {
            const gw = (n: string): Fx => ({ type: "aws:ec2transitgateway/transitGateway:TransitGateway", name: n, props: { id: `tgw-${n}` } });
            const att = (name: string, vpcName: string, g: string): Fx => ({ type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment", name, props: { id: `tgw-attach-${name}`, transitGatewayId: `tgw-${g}`, vpcId: `vpc-${vpcName}`, subnetIds: [] }, deps: { transitGatewayId: [g], vpcId: [vpcName] } });
            const fx = [...ipv6Cluster(), ...a(), gw("x"), gw("y"), att("att-a", "a-vpc", "x"), att("att-n", "n-vpc", "x"), att("att-a2", "a-vpc", "y")];
            assert.deepEqual(await messages(ipv4ClusterV6Egress, [...fx, v6route({ tgw: "y" })]), []);
            assert.equal((await messages(ipv4ClusterV6Egress, [...fx, v6route({ tgw: "x" })])).length, 1);
            const r = v6route({ tgw: "x" });
            assert.equal((await messages(ipv4ClusterV6Egress, [...fx, { ...r, props: { ...r.props, transitGatewayId: UNKNOWN }, deps: { routeTableId: ["a-rt"] } }])).length, 1, "a gateway not known yet counts");
        });
        it("finds the IPv6 route among a table's other routes", async () => {
            assert.equal((await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...a(), peering("a-vpc", "n-vpc"), route("a-v4", "a-rt", "10.10.0.0/16", { pcx: "p" }), v6route({ pcx: "p" })])).length, 1);
        });
        it("needs the IPv6 route in one route table of the VPC, not in all", async () => {
            assert.equal((await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...a(), peering("a-vpc", "n-vpc"), v6route({ pcx: "p" })])).length, 1);
        });
        it("leaves IPv6 clusters, IPv4-only VPCs and unknown VPCs alone", async () => {
            const other6 = [...a().filter((f) => f.name !== "c4"), cluster("c4", "ipv6", { vpcName: "a-vpc", subnets: ["a-private"] })];
            assert.deepEqual(await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...other6, peering("a-vpc", "n-vpc"), v6route({ pcx: "p" })]), []);
            const v4vpc = patch(a(), "a-vpc", { ipv6CidrBlock: undefined, assignGeneratedIpv6CidrBlock: undefined });
            assert.deepEqual(await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...v4vpc, peering("a-vpc", "n-vpc"), v6route({ pcx: "p" })]), []);
            const unknownVpc = a().map((f) => (f.name === "c4" ? { ...f, props: { ...f.props, vpcId: UNKNOWN }, deps: { privateSubnetIds: ["a-private"] } } : f));
            assert.deepEqual(await messages(ipv4ClusterV6Egress, [...ipv6Cluster(), ...unknownVpc, peering("a-vpc", "n-vpc"), v6route({ pcx: "p" })]), []);
        });
    });
});
