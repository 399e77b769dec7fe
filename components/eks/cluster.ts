import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { IpFamily } from "../../lib/cidr";
import type { ClusterConfig } from "../../lib/config";
import { ConfigError } from "../../lib/errors";
import { CNI_IPV4_MANAGED_POLICY, NODE_MANAGED_POLICIES, cniIpv6PolicyDocument, ec2AssumeRolePolicy, irsaAssumeRolePolicy } from "../../lib/iam";
import { isArm64 } from "../../lib/instanceTypes";
import { requireInstanceType } from "../../lib/aws/instanceTypes";
import { buildVpcCniConfiguration } from "../../lib/vpcCni";
import type { Vpc } from "../network/vpc";
import { IngressRule, addEgressAll, addIngressRules } from "../network/securityRules";

export interface EksClusterArgs {
    /** The cluster's IP family. Cannot change after creation (EKS API, `kubernetesNetworkConfig.ipFamily`). */
    ipFamily: IpFamily;
    /** The VPC; nodes and control-plane interfaces go in its private subnets. IPv6 clusters need a dual-stack VPC. */
    vpc: Vpc;
    /** Kubernetes minor version, for example "1.35". */
    kubernetesVersion: string;
    /** Node instance type. Nitro only (validated). */
    instanceType: string;
    /** Managed node group size. Default 2 desired, 1 min, 3 max. */
    nodes?: { desired: number; min: number; max: number };
    /**
     * CIDRs that may reach the public API endpoint. Empty (the default): the public endpoint is
     * off and only the private endpoint answers, inside the VPC.
     */
    apiPublicAccessCidrs?: string[];
    /** VPC CNI add-on settings. */
    vpcCni?: {
        /** Pinned add-on version. Default: the most recent for `kubernetesVersion`, resolved at deploy. */
        version?: string;
        /** IPv4 clusters: IPv6 egress for pods through the node's IPv6 (ENABLE_V6_EGRESS). Default false. */
        v6Egress?: boolean;
        /** IPv6 clusters: IPv4 egress for pods through the node's IPv4 (ENABLE_V4_EGRESS). Default true. */
        v4Egress?: boolean;
    };
    /** Extra ingress rules on the nodes' security group (peers, load balancers). */
    nodeIngress?: IngressRule[];
    /** Config key of the cluster, for messages. Default `cluster`. */
    configKey?: string;
    /**
     * Days CloudWatch keeps the control-plane logs (`/aws/eks/<name>/cluster`). Default 7. One of
     * the values CloudWatch Logs accepts (PutRetentionPolicy): 1, 3, 5, 7, 14, 30, 60, 90, ...
     */
    controlPlaneLogRetentionDays?: number;
}

/** Control-plane log types the clusters send to CloudWatch Logs. */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator"] as const;

/**
 * The log group EKS writes control-plane logs to: `/aws/eks/<cluster name>/cluster` (EKS user
 * guide, "Send control plane logs to CloudWatch Logs"). EKS creates it itself, without a
 * retention, when it does not exist, and it outlives the cluster (aws/eks-hybrid#359); so the
 * component creates it first and owns it.
 */
export function controlPlaneLogGroupName(clusterName: string): string {
    return `/aws/eks/${clusterName}/cluster`;
}

/**
 * An EKS cluster of either IP family on `@pulumi/eks`: private and restricted-public API endpoint,
 * access entries (authentication mode API), no default node group, the VPC CNI under its own IRSA
 * role, `vpc-cni` and `kube-proxy` add-ons before nodes join, a managed node group on a Nitro
 * type with IMDSv2 required, `coredns` after the nodes, and a node security group with egress in
 * both families (the `@pulumi/eks` default is IPv4-only, pulumi-eks#1700).
 */
export class EksCluster extends pulumi.ComponentResource {
    readonly clusterName: pulumi.Output<string>;
    readonly ipFamily: IpFamily;
    /** Kubernetes minor version of the control plane, for example "1.35". */
    readonly kubernetesVersion: string;
    readonly kubeconfig: pulumi.Output<string>;
    readonly provider: k8s.Provider;
    readonly nodeSecurityGroupId: pulumi.Output<string>;
    readonly clusterSecurityGroupId: pulumi.Output<string>;
    readonly oidcProviderArn: pulumi.Output<string>;
    readonly oidcIssuer: pulumi.Output<string>;
    readonly nodeGroup: aws.eks.NodeGroup;
    readonly vpcCniAddon: aws.eks.Addon;
    /** Resources workloads should wait for: nodes joined and cluster DNS running. */
    readonly workloadDependencies: pulumi.Resource[];
    private ingressCount = 0;
    private readonly baseName: string;

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        const key = args.configKey ?? "cluster";
        requireInstanceType(`${key}.instanceType`, args.instanceType, "node");
        if (args.ipFamily === "ipv6" && !args.vpc.dualStack) {
            throw new ConfigError(`${key}.ipFamily`, "ipv6", "an IPv6 cluster needs a dual-stack VPC whose node subnets have IPv6 /64s");
        }
        if (args.vpcCni?.v6Egress && !args.vpc.dualStack) {
            throw new ConfigError(`${key}.vpcCni.v6Egress`, true, "v6 egress needs node IPv6 addresses, so the cluster's VPC must be dual-stack (opt the VPC in to IPv6 first)");
        }
        const cniConfig = buildVpcCniConfiguration({
            ipFamily: args.ipFamily,
            addonVersion: args.vpcCni?.version,
            v6Egress: args.vpcCni?.v6Egress,
            v4Egress: args.vpcCni?.v4Egress,
            key: `${key}.vpcCni`,
        });
        super("ipv6-eks-interop:eks:EksCluster", name, {}, opts);
        const parent = { parent: this };
        this.baseName = name;
        this.ipFamily = args.ipFamily;
        this.kubernetesVersion = args.kubernetesVersion;
        const nodes = args.nodes ?? { desired: 2, min: 1, max: 3 };
        const publicCidrs = args.apiPublicAccessCidrs ?? [];
        const physicalName = `${pulumi.getStack()}-${name}`.slice(0, 100);

        // Owned before the cluster exists, so EKS finds it instead of creating one without a
        // retention that `pulumi destroy` would leave behind.
        const controlPlaneLogs = new aws.cloudwatch.LogGroup(`${name}-control-plane`, {
            name: controlPlaneLogGroupName(physicalName),
            retentionInDays: args.controlPlaneLogRetentionDays ?? 7,
        }, parent);

        const cluster = new eks.Cluster(name, {
            name: physicalName,
            version: args.kubernetesVersion,
            ipFamily: args.ipFamily,
            vpcId: args.vpc.vpcId,
            privateSubnetIds: args.vpc.privateSubnetIds,
            authenticationMode: eks.AuthenticationMode.Api,
            endpointPrivateAccess: true,
            endpointPublicAccess: publicCidrs.length > 0,
            publicAccessCidrs: publicCidrs.length > 0 ? publicCidrs : undefined,
            skipDefaultNodeGroup: true,
            // Nodes use the EKS-created cluster security group plus ours (below), whose egress
            // covers both families; the @pulumi/eks default node group SG is IPv4-only.
            skipDefaultSecurityGroups: true,
            createOidcProvider: true,
            // No self-managed aws-node/kube-proxy/CoreDNS: all three are managed add-ons below.
            bootstrapSelfManagedAddons: false,
            useDefaultVpcCni: true,
            corednsAddonOptions: { enabled: false },
            kubeProxyAddonOptions: { enabled: false },
            nodeAssociatePublicIpAddress: false,
            // Through the log group's output, so that the aws.eks.Cluster inside the remote
            // component (pulumi-eks passes enabledClusterLogTypes straight to it) waits for it too.
            enabledClusterLogTypes: controlPlaneLogs.name.apply(() => [...CONTROL_PLANE_LOG_TYPES]),
        }, { parent: this, dependsOn: [controlPlaneLogs] });
        this.clusterName = pulumi.output(physicalName);
        // The name only once the cluster exists, so that dependants wait for it.
        const createdName = pulumi.all([cluster.kubeconfigJson, this.clusterName]).apply(([, n]) => n);
        this.kubeconfig = pulumi.secret(cluster.kubeconfigJson);
        this.clusterSecurityGroupId = cluster.clusterSecurityGroupId;
        this.oidcProviderArn = cluster.oidcProviderArn;
        this.oidcIssuer = cluster.oidcIssuer;

        // The VPC CNI's own role (IRSA): the IPv6 policy on IPv6 clusters, the managed IPv4 policy otherwise.
        const cniRole = new aws.iam.Role(`${name}-vpc-cni`, {
            description: `VPC CNI (kube-system/aws-node) of ${physicalName}`,
            assumeRolePolicy: pulumi.all([cluster.oidcProviderArn, cluster.oidcIssuer]).apply(([arn, issuer]) =>
                JSON.stringify(irsaAssumeRolePolicy(arn, issuer, "kube-system", "aws-node"))),
        }, parent);
        // The add-on and the nodes wait for the attachment, not only for the role: aws-node
        // starting under a role without its policy cannot assign addresses, and nodes stay NotReady.
        const cniPolicyAttachment = args.ipFamily === "ipv6"
            ? new aws.iam.RolePolicyAttachment(`${name}-vpc-cni-ipv6`, {
                role: cniRole.name,
                policyArn: new aws.iam.Policy(`${name}-vpc-cni-ipv6`, {
                    description: "VPC CNI permissions for IPv6 clusters (no AWS-managed equivalent exists)",
                    policy: JSON.stringify(cniIpv6PolicyDocument()),
                }, parent).arn,
            }, parent)
            : new aws.iam.RolePolicyAttachment(`${name}-vpc-cni-ipv4`, { role: cniRole.name, policyArn: CNI_IPV4_MANAGED_POLICY }, parent);

        const addonVersion = (addonName: string, pinned?: string) =>
            pinned ?? aws.eks.getAddonVersionOutput({ addonName, kubernetesVersion: args.kubernetesVersion, mostRecent: true }, parent).version;

        this.vpcCniAddon = new aws.eks.Addon(`${name}-vpc-cni`, {
            clusterName: createdName,
            addonName: "vpc-cni",
            addonVersion: addonVersion("vpc-cni", args.vpcCni?.version),
            serviceAccountRoleArn: cniRole.arn,
            configurationValues: Object.keys(cniConfig).length > 0 ? JSON.stringify(cniConfig) : undefined,
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
        }, { parent: this, dependsOn: [cniPolicyAttachment] });
        // aws-node reaches the API server through the kubernetes Service, which needs kube-proxy.
        const kubeProxy = new aws.eks.Addon(`${name}-kube-proxy`, {
            clusterName: createdName,
            addonName: "kube-proxy",
            addonVersion: addonVersion("kube-proxy"),
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
        }, parent);

        // Node security group: peers and load balancers get rules here; egress in both families.
        const nodeSg = new aws.ec2.SecurityGroup(`${name}-nodes`, {
            vpcId: args.vpc.vpcId,
            description: `Nodes of ${physicalName}: peer ingress and dual-stack egress`,
            tags: { Name: `${physicalName}-nodes` },
        }, parent);
        this.nodeSecurityGroupId = nodeSg.id;
        addEgressAll(`${name}-nodes`, nodeSg.id, args.vpc.dualStack ? ["ipv4", "ipv6"] : ["ipv4"], this);
        addIngressRules(`${name}-nodes-self`, nodeSg.id, [{ description: "node to node", protocol: "-1", sourceSecurityGroupId: nodeSg.id }], this);
        this.allowNodeIngress(args.nodeIngress ?? []);

        const nodeRole = new aws.iam.Role(`${name}-nodes`, {
            description: `Managed nodes of ${physicalName} (no CNI permissions: the CNI has its own role)`,
            assumeRolePolicy: JSON.stringify(ec2AssumeRolePolicy()),
        }, parent);
        const nodePolicies = NODE_MANAGED_POLICIES.map((arn) =>
            new aws.iam.RolePolicyAttachment(`${name}-nodes-${arn.split("/").pop()}`, { role: nodeRole.name, policyArn: arn }, parent));

        // When the node subnets' IPv6 blocks change (an IPv4 VPC opting in to IPv6), the launch
        // template gets a new version and the managed node group replaces its nodes, which is
        // how existing nodes pick up an IPv6 address (article, figure 7a).
        const ipv6Generation = pulumi.all(args.vpc.privateSubnets.map((s) => s.ipv6CidrBlock)).apply((blocks) => blocks.filter((b) => b).join(",") || "none");
        const launchTemplate = new aws.ec2.LaunchTemplate(`${name}-nodes`, {
            description: `Nodes of ${physicalName}`,
            updateDefaultVersion: true,
            metadataOptions: {
                httpEndpoint: "enabled",
                httpTokens: "required",
                // Pods cannot reach the node's credentials; every add-on has its own IRSA role.
                httpPutResponseHopLimit: 1,
                // EKS does not support IMDS over IPv6 on nodes.
                httpProtocolIpv6: "disabled",
            },
            vpcSecurityGroupIds: [cluster.clusterSecurityGroupId, nodeSg.id],
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
            tagSpecifications: [{ resourceType: "instance", tags: { Name: `${physicalName}-node`, "ipv6-subnets": ipv6Generation } }],
        }, parent);

        this.nodeGroup = new aws.eks.NodeGroup(`${name}-nodes`, {
            clusterName: createdName,
            nodeRoleArn: nodeRole.arn,
            subnetIds: args.vpc.privateSubnetIds,
            instanceTypes: [args.instanceType],
            amiType: isArm64(args.instanceType) ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
            capacityType: "ON_DEMAND",
            scalingConfig: { desiredSize: nodes.desired, minSize: nodes.min, maxSize: nodes.max },
            updateConfig: { maxUnavailable: 1 },
            launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
            tags: { Name: `${physicalName}-nodes` },
        }, { parent: this, dependsOn: [this.vpcCniAddon, cniPolicyAttachment, kubeProxy, ...nodePolicies] });

        const coredns = new aws.eks.Addon(`${name}-coredns`, {
            clusterName: createdName,
            addonName: "coredns",
            addonVersion: addonVersion("coredns"),
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
        }, { parent: this, dependsOn: [this.nodeGroup] });

        this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: cluster.kubeconfigJson, enableServerSideApply: true }, parent);
        this.workloadDependencies = [this.nodeGroup, coredns];
        this.registerOutputs({
            clusterName: this.clusterName,
            kubeconfig: this.kubeconfig,
            nodeSecurityGroupId: this.nodeSecurityGroupId,
            clusterSecurityGroupId: this.clusterSecurityGroupId,
        });
    }

    /** Adds ingress rules to the nodes' security group (peers, load balancer health checks). */
    allowNodeIngress(rules: IngressRule[]): aws.vpc.SecurityGroupIngressRule[] {
        if (rules.length === 0) return [];
        return addIngressRules(`${this.baseName}-nodes-${this.ingressCount++}`, this.nodeSecurityGroupId, rules, this);
    }
}

/**
 * The EksCluster arguments that come from a `clusterSchema` config block: version, node type and
 * count, API access and the pinned vpc-cni version. Scenarios add the family, the VPC and their
 * own rules.
 */
export function clusterSettings(cfg: ClusterConfig, configKey: string): Pick<EksClusterArgs, "kubernetesVersion" | "instanceType" | "nodes" | "apiPublicAccessCidrs" | "vpcCni" | "configKey"> {
    return {
        kubernetesVersion: cfg.kubernetesVersion,
        instanceType: cfg.instanceType,
        nodes: cfg.nodes,
        apiPublicAccessCidrs: cfg.apiPublicAccessCidrs,
        vpcCni: { version: cfg.vpcCniVersion },
        configKey,
    };
}
