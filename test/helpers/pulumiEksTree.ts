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
    /** vpcCniOptions.configurationValues, merged over the defaults as cni-addon.ts mergeConfigurationValues does. */
    cniConfiguration?: { env?: Record<string, string>; [k: string]: unknown };
    /** skipDefaultNodeGroup: no instance role, profile, node security group, launch template or ASG. */
    skipDefaultNodeGroup?: boolean;
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
    if (o.cniConfiguration) {
        const { env, ...rest } = o.cniConfiguration;
        Object.assign(cni, rest);
        cni.env = { ...cni.env, ...(env ?? {}) };
    }
    const all: Fx[] = [
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
            props: { id: clusterName, name: clusterName, arn: `arn:aws:eks:us-west-2:${ACCOUNT}:cluster/${clusterName}`, ...(o.family ? { kubernetesNetworkConfig: { ipFamily: family } } : {}), vpcConfig: { subnetIds: subnets.map((s) => `subnet-${s}`), securityGroupIds: [`sg-${name}-cluster`], endpointPrivateAccess: false, endpointPublicAccess: true } },
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
    if (!o.skipDefaultNodeGroup) return all;
    const nodePart = (f: Fx) => f.name.startsWith(`${name}-instance`) || f.name.startsWith(`${name}-eksNode`) || [`${name}-nodeSecurityGroup`, `${name}-launchTemplate`, `${name}-nodes`].includes(f.name);
    return all
        .filter((f) => !nodePart(f) && f.name !== `${name}-eksClusterIngressRule`)
        .map((f) => (f.type === "eks:index:Cluster" ? { ...f, props: { ...f.props, skipDefaultNodeGroup: true, nodeSecurityGroupId: `sg-${name}-cluster`, instanceRoles: [] } } : f));
}

/** An eks.ManagedNodeGroup declared beside the cluster (pulumi-eks nodes/nodegroup.ts): the component and its aws.eks.NodeGroup. */
export function pulumiEksManagedNodeGroup(name: string, cluster: string, o: { roleName: string; subnets: string[]; instanceTypes?: string[] }): Fx[] {
    const clusterName = `${cluster}-eksCluster-5a1b2c3`;
    return [
        { type: "eks:index:ManagedNodeGroup", name, component: true, remote: true, props: { cluster: clusterName }, deps: { cluster: [`${cluster}-eksCluster`] } },
        {
            type: "aws:eks/nodeGroup:NodeGroup",
            name: `${name}-nodeGroup`,
            parent: name,
            props: { id: `${clusterName}:${name}`, clusterName, nodeRoleArn: `arn:aws:iam::${ACCOUNT}:role/${o.roleName}`, subnetIds: o.subnets.map((s) => `subnet-${s}`), ...(o.instanceTypes ? { instanceTypes: o.instanceTypes } : {}), scalingConfig: { desiredSize: 2, minSize: 1, maxSize: 2 } },
            deps: { clusterName: [`${cluster}-eksCluster`], subnetIds: o.subnets, nodeRoleArn: [o.roleName] },
        },
    ];
}

/**
 * An awsx.ec2.Vpc with its defaults as awsx 2.x creates them (one public and one private subnet per
 * AZ, a NAT gateway and EIP per AZ, an internet gateway), IPv4 only. Child names are made unique
 * for the fixture harness (awsx reuses one name across types).
 */
export function awsxVpc(name: string, o: { cidr?: string; azs?: number } = {}): Fx[] {
    const azs = o.azs ?? 3;
    const fx: Fx[] = [
        { type: "awsx:ec2:Vpc", name: `${name}-awsx`, component: true, remote: true, props: { cidrBlock: o.cidr ?? "10.0.0.0/16" } },
        { type: "aws:ec2/vpc:Vpc", name, parent: `${name}-awsx`, props: { id: `vpc-${name}`, cidrBlock: o.cidr ?? "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, ipv6CidrBlock: "" } },
        { type: "aws:ec2/internetGateway:InternetGateway", name: `${name}-igw`, parent: name, props: { id: `igw-${name}`, vpcId: `vpc-${name}` }, deps: { vpcId: [name] } },
    ];
    const second = (o.cidr ?? "10.0.0.0/16").split(".")[0] + "." + (o.cidr ?? "10.0.0.0/16").split(".")[1];
    for (let i = 1; i <= azs; i++) {
        const pub = `${name}-public-${i}`;
        const priv = `${name}-private-${i}`;
        fx.push(
            { type: "aws:ec2/subnet:Subnet", name: pub, parent: name, props: { id: `subnet-${pub}`, vpcId: `vpc-${name}`, cidrBlock: `${second}.${(i - 1) * 64}.0/20`, mapPublicIpOnLaunch: true, availabilityZone: `us-west-2${"abc"[i - 1]}` }, deps: { vpcId: [name] } },
            { type: "aws:ec2/subnet:Subnet", name: priv, parent: name, props: { id: `subnet-${priv}`, vpcId: `vpc-${name}`, cidrBlock: `${second}.${(i - 1) * 64 + 32}.0/19`, availabilityZone: `us-west-2${"abc"[i - 1]}` }, deps: { vpcId: [name] } },
            { type: "aws:ec2/eip:Eip", name: `${name}-${i}-eip`, parent: pub, props: { id: `eipalloc-${name}-${i}`, domain: "vpc" } },
            { type: "aws:ec2/natGateway:NatGateway", name: `${name}-${i}-nat`, parent: pub, props: { id: `nat-${name}-${i}`, subnetId: `subnet-${pub}`, allocationId: `eipalloc-${name}-${i}` }, deps: { subnetId: [pub], allocationId: [`${name}-${i}-eip`] } },
            { type: "aws:ec2/routeTable:RouteTable", name: `${pub}-rt`, parent: pub, props: { id: `rtb-${pub}`, vpcId: `vpc-${name}` }, deps: { vpcId: [name] } },
            { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name: `${pub}-rta`, parent: `${pub}-rt`, props: { id: `rtbassoc-${pub}`, subnetId: `subnet-${pub}`, routeTableId: `rtb-${pub}` }, deps: { subnetId: [pub], routeTableId: [`${pub}-rt`] } },
            { type: "aws:ec2/route:Route", name: `${pub}-r`, parent: `${pub}-rt`, props: { id: `r-${pub}`, routeTableId: `rtb-${pub}`, destinationCidrBlock: "0.0.0.0/0", gatewayId: `igw-${name}` }, deps: { routeTableId: [`${pub}-rt`], gatewayId: [`${name}-igw`] } },
            { type: "aws:ec2/routeTable:RouteTable", name: `${priv}-rt`, parent: priv, props: { id: `rtb-${priv}`, vpcId: `vpc-${name}` }, deps: { vpcId: [name] } },
            { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name: `${priv}-rta`, parent: `${priv}-rt`, props: { id: `rtbassoc-${priv}`, subnetId: `subnet-${priv}`, routeTableId: `rtb-${priv}` }, deps: { subnetId: [priv], routeTableId: [`${priv}-rt`] } },
            { type: "aws:ec2/route:Route", name: `${priv}-r`, parent: `${priv}-rt`, props: { id: `r-${priv}`, routeTableId: `rtb-${priv}`, destinationCidrBlock: "0.0.0.0/0", natGatewayId: `nat-${name}-${i}` }, deps: { routeTableId: [`${priv}-rt`], natGatewayId: [`${name}-${i}-nat`] } },
        );
    }
    return fx;
}
