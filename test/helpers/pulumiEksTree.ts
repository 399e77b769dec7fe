/**
 * What a `pulumi preview` or `pulumi stack export` holds for one default `@pulumi/eks` Cluster:
 * the remote component and the children its provider registers, with the names, types and
 * inputs of pulumi/pulumi-eks at commit 7bf0c1b1 (nodejs/eks/cluster/cluster.ts,
 * nodes/securitygroup.ts, servicerole.ts, addons/cni-addon.ts). Built by hand from that source,
 * not recorded from a deployment: IDs and ARNs are made up in the shapes AWS uses.
 */
import type { Fx } from "../policies/harness";

/** The env and init.env @pulumi/eks puts in the vpc-cni add-on's configurationValues for every default cluster (cni-addon.ts computeEnv). */
export const PULUMI_EKS_DEFAULT_CNI_CONFIGURATION = {
    env: {
        WARM_ENI_TARGET: "1",
        AWS_VPC_K8S_CNI_LOGLEVEL: "DEBUG",
        AWS_VPC_K8S_CNI_LOG_FILE: "/host/var/log/aws-routed-eni/ipamd.log",
        AWS_VPC_K8S_CNI_VETHPREFIX: "eni",
        AWS_VPC_ENI_MTU: "9001",
        AWS_VPC_K8S_PLUGIN_LOG_LEVEL: "DEBUG",
        AWS_VPC_K8S_PLUGIN_LOG_FILE: "/var/log/aws-routed-eni/plugin.log",
        ENABLE_POD_ENI: "false",
        AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "false",
        AWS_VPC_K8S_CNI_EXTERNALSNAT: "false",
    },
    init: { env: { DISABLE_TCP_EARLY_DEMUX: "false" } },
};

const ACCOUNT = "123456789012";

export interface EksTreeOptions {
    family?: "ipv4" | "ipv6";
    vpcName: string;
    privateSubnets: string[];
    publicSubnets?: string[];
    /** vpcCniOptions.enableNetworkPolicy (adds enableNetworkPolicy and NETWORK_POLICY_ENFORCING_MODE as a user would). */
    networkPolicy?: boolean;
}

/** The component and its children; `name` is the component's logical name. */
export function pulumiEksCluster(name: string, o: EksTreeOptions): Fx[] {
    const family = o.family ?? "ipv4";
    const clusterName = `${name}-eksCluster-5a1b2c3`;
    const roleName = `${name}-instanceRole-role-9f8e7d6`;
    const subnets = [...o.privateSubnets, ...(o.publicSubnets ?? [])];
    const cni = JSON.parse(JSON.stringify(PULUMI_EKS_DEFAULT_CNI_CONFIGURATION));
    if (o.networkPolicy) {
        cni.enableNetworkPolicy = "true";
        cni.env.NETWORK_POLICY_ENFORCING_MODE = "standard";
    }
    return [
        {
            type: "eks:index:Cluster",
            name,
            component: true,
            remote: true,
            props: {
                vpcId: `vpc-${o.vpcName}`,
                privateSubnetIds: o.privateSubnets.map((s) => `subnet-${s}`),
                ...(o.publicSubnets ? { publicSubnetIds: o.publicSubnets.map((s) => `subnet-${s}`) } : {}),
                ...(o.family ? { ipFamily: o.family } : {}),
                // outputs
                nodeSecurityGroupId: `sg-${name}-node`,
                instanceRoles: [roleName],
            },
            deps: { vpcId: [o.vpcName], privateSubnetIds: o.privateSubnets, ...(o.publicSubnets ? { publicSubnetIds: o.publicSubnets } : {}) },
            computed: ["nodeSecurityGroupId", "instanceRoles"],
        },
        { type: "aws:ec2/securityGroup:SecurityGroup", name: `${name}-eksClusterSecurityGroup`, parent: name, props: { id: `sg-${name}-cluster`, vpcId: `vpc-${o.vpcName}`, description: "Managed by Pulumi" }, deps: { vpcId: [o.vpcName] } },
        {
            type: "aws:eks/cluster:Cluster",
            name: `${name}-eksCluster`,
            parent: name,
            props: { id: clusterName, name: clusterName, arn: `arn:aws:eks:us-west-2:${ACCOUNT}:cluster/${clusterName}`, kubernetesNetworkConfig: { ipFamily: family }, vpcConfig: { subnetIds: subnets.map((s) => `subnet-${s}`), securityGroupIds: [`sg-${name}-cluster`], endpointPrivateAccess: false, endpointPublicAccess: true } },
            deps: { vpcConfig: [...subnets, `${name}-eksClusterSecurityGroup`] },
            computed: ["name"],
        },
        { type: "eks:index:ServiceRole", name: `${name}-instanceRole`, parent: name, component: true, props: { service: "ec2.amazonaws.com" } },
        {
            type: "aws:iam/role:Role",
            name: `${name}-instanceRole-role`,
            parent: `${name}-instanceRole`,
            props: { id: roleName, name: roleName, arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`, assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }) },
            computed: ["name"],
        },
        ...["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"].map((p, i): Fx => ({
            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            name: `${name}-instanceRole-${["03516f97", "3eb088f2", "e1b295bd"][i]}`,
            parent: `${name}-instanceRole`,
            props: { id: `${roleName}-${i}`, role: roleName, policyArn: `arn:aws:iam::aws:policy/${p}` },
            deps: { role: [`${name}-instanceRole-role`] },
        })),
        { type: "aws:iam/instanceProfile:InstanceProfile", name: `${name}-instanceProfile`, parent: name, props: { id: `${name}-instanceProfile-1a2b3c4`, name: `${name}-instanceProfile-1a2b3c4`, role: roleName }, deps: { role: [`${name}-instanceRole-role`] } },
        { type: "aws:ec2/securityGroup:SecurityGroup", name: `${name}-nodeSecurityGroup`, parent: name, props: { id: `sg-${name}-node`, vpcId: `vpc-${o.vpcName}`, revokeRulesOnDelete: true, tags: { Name: `${name}-nodeSecurityGroup` } }, deps: { vpcId: [o.vpcName] } },
        { type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: `${name}-eksNodeIngressRule`, parent: name, props: { id: `sgrule-${name}-1`, type: "ingress", fromPort: 0, toPort: 0, protocol: "-1", securityGroupId: `sg-${name}-node`, self: true, description: "Allow nodes to communicate with each other" }, deps: { securityGroupId: [`${name}-nodeSecurityGroup`] } },
        { type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: `${name}-eksNodeClusterIngressRule`, parent: name, props: { id: `sgrule-${name}-2`, type: "ingress", fromPort: 1025, toPort: 65535, protocol: "tcp", securityGroupId: `sg-${name}-node`, sourceSecurityGroupId: `sg-${name}-cluster` }, deps: { securityGroupId: [`${name}-nodeSecurityGroup`], sourceSecurityGroupId: [`${name}-eksClusterSecurityGroup`] } },
        { type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: `${name}-eksNodeInternetEgressRule`, parent: name, props: { id: `sgrule-${name}-3`, type: "egress", fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], securityGroupId: `sg-${name}-node`, description: "Allow internet access." }, deps: { securityGroupId: [`${name}-nodeSecurityGroup`] } },
        { type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: `${name}-eksClusterIngressRule`, parent: name, props: { id: `sgrule-${name}-4`, type: "ingress", fromPort: 443, toPort: 443, protocol: "tcp", securityGroupId: `sg-${name}-cluster`, sourceSecurityGroupId: `sg-${name}-node` }, deps: { securityGroupId: [`${name}-eksClusterSecurityGroup`], sourceSecurityGroupId: [`${name}-nodeSecurityGroup`] } },
        {
            type: "aws:ec2/launchTemplate:LaunchTemplate",
            name: `${name}-launchTemplate`,
            parent: name,
            props: { id: `lt-${name}`, name: `${name}-launchTemplate-4d5e6f7`, imageId: "ami-0123456789abcdef0", instanceType: "t3.medium", iamInstanceProfile: { name: `${name}-instanceProfile-1a2b3c4` }, networkInterfaces: [{ associatePublicIpAddress: "false", securityGroups: [`sg-${name}-node`] }] },
            deps: { iamInstanceProfile: [`${name}-instanceProfile`], networkInterfaces: [`${name}-nodeSecurityGroup`, `${name}-eksClusterIngressRule`] },
        },
        {
            type: "aws:autoscaling/group:Group",
            name: `${name}-nodes`,
            parent: name,
            props: { id: `${name}-asg-8a9b0c1`, minSize: 1, maxSize: 2, desiredCapacity: 2, vpcZoneIdentifiers: o.privateSubnets.map((s) => `subnet-${s}`), launchTemplate: { id: `lt-${name}`, version: "$Latest" } },
            deps: { vpcZoneIdentifiers: o.privateSubnets, launchTemplate: [`${name}-launchTemplate`] },
        },
        { type: "eks:index:VpcCniAddon", name: `${name}-vpc-cni`, parent: name, component: true, props: { clusterName, clusterVersion: "1.33" }, deps: { clusterName: [`${name}-eksCluster`] } },
        {
            type: "aws:eks/addon:Addon",
            name: `${name}-vpc-cni`,
            parent: `${name}-vpc-cni`,
            props: { id: `${clusterName}:vpc-cni`, clusterName, addonName: "vpc-cni", addonVersion: "v1.20.4-eksbuild.1", resolveConflictsOnCreate: "OVERWRITE", resolveConflictsOnUpdate: "OVERWRITE", preserve: true, configurationValues: JSON.stringify(cni) },
            deps: { clusterName: [`${name}-eksCluster`] },
        },
    ];
}
