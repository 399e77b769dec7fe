/**
 * A corpus of public Pulumi programs, each recorded as the graph a `pulumi stack export` of it
 * would hold, with the findings the pack must report on it and why each is true.
 *
 * How each fixture was derived (read this before trusting one): the program's index.ts was read
 * at the commit named; the resources it declares, and the children @pulumi/eks and awsx create
 * for them (read from pulumi/pulumi-eks at 7bf0c1b1 and awsx 2.x defaults), were written down by
 * hand with the helpers in test/helpers/pulumiEksTree.ts. Nothing was deployed or exported: IDs,
 * ARNs and subnet CIDRs are made up in AWS's shapes, awsx child names are made unique for the
 * harness, and only resources that a rule of this pack reads are recorded (Kubernetes objects,
 * kubeconfig, storage classes and the like are left out). No code of these programs is in this
 * repository; both repositories are Apache-2.0.
 *
 * Measured separately (not committed, files not ours): `npm run plan -- --state` on four real
 * exports pulumi-eks records for its upgrade tests (tests/testdata/recorded/TestProviderUpgrade/
 * {cluster,cluster-with-serviceiprange,aws-profile}/3.0.0/stack.json and TestEksAuthModeUpgrade/
 * upgrade/stack.json at 7bf0c1b1) ran without a crash and reported the same kinds of findings as
 * the fixtures below, and no vpc-cni-configuration-values finding on the default add-on.
 */
import type { Fx } from "../policies/harness";
import { awsxVpc, pulumiEksCluster, pulumiEksManagedNodeGroup } from "../helpers/pulumiEksTree";

export interface CorpusProgram {
    repository: string;
    commit: string;
    path: string;
    licence: string;
    /** What the fixture records and what it leaves out. */
    derivation: string;
    fixtures: Fx[];
    /** `rule resource-name` -> why the finding is true. Every other finding fails the test. */
    expected: Record<string, string>;
}

const role = (name: string): Fx => ({ type: "aws:iam/role:Role", name, props: { id: name, name, arn: `arn:aws:iam::123456789012:role/${name}` } });
const attach = (name: string, roleName: string, policy: string): Fx => ({ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, props: { id: name, role: roleName, policyArn: `arn:aws:iam::aws:policy/${policy}` }, deps: { role: [roleName] } });
/** iam.createRole of the pulumi-eks examples: a role for EC2 with the three node policies. */
const nodeRole = (name: string): Fx[] => [role(name), ...["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"].map((p, i) => attach(`${name}-policy-${i}`, name, p))];

const IPV4_DEFAULTS = (cluster: string, lt?: string): Record<string, string> => ({
    [`eks-cluster-declares-ip-family ${cluster}`]: "true: the program sets no ipFamily, so the cluster is IPv4 for good",
    [`eks-cluster-declares-ip-family ${cluster}-eksCluster`]: "true, the same fact on the aws.eks.Cluster child (reported twice: component and child)",
    [`eks-public-endpoint-restricted ${cluster}`]: "true: @pulumi/eks's default public endpoint with no publicAccessCidrs is open to 0.0.0.0/0",
    [`eks-public-endpoint-restricted ${cluster}-eksCluster`]: "true, on the child",
    ...(lt ? { [`imdsv2-required ${lt}`]: "true: @pulumi/eks's default launch template sets no metadataOptions unless enableIMDSv2, so IMDSv1 is allowed" } : {}),
});

const IPV4_VPC = (vpc: string): Record<string, string> => ({
    [`vpc-dual-stack ${vpc}`]: "true: the awsx VPC has no IPv6 block (the pack's IPv6 stance; a deliberately IPv4-only VPC carries the exemption tag)",
    [`vpc-flow-logs-enabled ${vpc}`]: "true (advisory): the program creates no flow log",
});

export const CORPUS: CorpusProgram[] = [
    {
        repository: "pulumi/pulumi-eks",
        commit: "7bf0c1b179932ce51cb02dfc4f9bd0d7550cb0cd",
        path: "examples/cluster-with-serviceiprange/index.ts",
        licence: "Apache-2.0",
        derivation: "awsx.ec2.Vpc 192.168.0.0/16 with defaults (3 AZs) and a default eks.Cluster in its public subnets (default node group, default node security group, default vpc-cni add-on).",
        fixtures: [...awsxVpc("svc", { cidr: "192.168.0.0/16" }), ...pulumiEksCluster("svc-cluster", { vpcName: "svc", privateSubnets: [], publicSubnets: ["svc-public-1", "svc-public-2", "svc-public-3"] })],
        expected: { ...IPV4_VPC("svc"), ...IPV4_DEFAULTS("svc-cluster", "svc-cluster-launchTemplate") },
    },
    {
        repository: "pulumi/pulumi-eks",
        commit: "7bf0c1b179932ce51cb02dfc4f9bd0d7550cb0cd",
        path: "examples/network-policies/index.ts",
        licence: "Apache-2.0",
        derivation: "awsx.ec2.Vpc 10.0.0.0/16; eks.Cluster with skipDefaultNodeGroup and vpcCniOptions { enableNetworkPolicy: true, configurationValues.env.NETWORK_POLICY_ENFORCING_MODE: \"strict\" }; a managed node group beside the cluster with its own role. Kubernetes NetworkPolicies and the demo application are left out.",
        fixtures: [
            ...awsxVpc("np"),
            ...pulumiEksCluster("np-cluster", { vpcName: "np", privateSubnets: ["np-private-1", "np-private-2", "np-private-3"], publicSubnets: ["np-public-1", "np-public-2", "np-public-3"], skipDefaultNodeGroup: true, cniConfiguration: { enableNetworkPolicy: "true", env: { NETWORK_POLICY_ENFORCING_MODE: "strict" } } }),
            ...nodeRole("network-policies-role"),
            ...pulumiEksManagedNodeGroup("network-policies", "np-cluster", { roleName: "network-policies-role", subnets: ["np-private-1", "np-private-2", "np-private-3"] }),
        ],
        expected: { ...IPV4_VPC("np"), ...IPV4_DEFAULTS("np-cluster") },
    },
    {
        repository: "pulumi/pulumi-eks",
        commit: "7bf0c1b179932ce51cb02dfc4f9bd0d7550cb0cd",
        path: "examples/managed-nodegroups/index.ts",
        licence: "Apache-2.0",
        derivation: "awsx.ec2.Vpc 10.0.0.0/16; eks.Cluster with skipDefaultNodeGroup and instanceRoles; three of its managed node groups declared beside the cluster (ng0, ng2 with t3.medium, ng3), each with its role. The Graviton and launch-template node groups are left out.",
        fixtures: [
            ...awsxVpc("mng"),
            ...pulumiEksCluster("mng-cluster", { vpcName: "mng", privateSubnets: ["mng-private-1", "mng-private-2", "mng-private-3"], publicSubnets: ["mng-public-1", "mng-public-2", "mng-public-3"], skipDefaultNodeGroup: true }),
            ...nodeRole("example-role0"),
            ...nodeRole("example-role2"),
            ...pulumiEksManagedNodeGroup("example-managed-ng0", "mng-cluster", { roleName: "example-role0", subnets: ["mng-private-1", "mng-private-2", "mng-private-3"] }),
            ...pulumiEksManagedNodeGroup("example-managed-ng2", "mng-cluster", { roleName: "example-role2", subnets: ["mng-private-1", "mng-private-2", "mng-private-3"], instanceTypes: ["t3.medium"] }),
            ...pulumiEksManagedNodeGroup("example-managed-ng3", "mng-cluster", { roleName: "example-role2", subnets: ["mng-private-1", "mng-private-2", "mng-private-3"] }),
        ],
        expected: { ...IPV4_VPC("mng"), ...IPV4_DEFAULTS("mng-cluster") },
    },
    {
        repository: "pulumi/pulumi-eks",
        commit: "7bf0c1b179932ce51cb02dfc4f9bd0d7550cb0cd",
        path: "examples/cluster/index.ts",
        licence: "Apache-2.0",
        derivation: "Its second cluster: awsx.ec2.Vpc with defaults and eks.Cluster in the public subnets with vpcCniOptions.disableTcpEarlyDemux (init.env DISABLE_TCP_EARLY_DEMUX \"true\"). The other three clusters are left out (same shape).",
        fixtures: [...awsxVpc("ex2"), ...pulumiEksCluster("example-cluster-2", { vpcName: "ex2", privateSubnets: [], publicSubnets: ["ex2-public-1", "ex2-public-2", "ex2-public-3"], cniConfiguration: { init: { env: { DISABLE_TCP_EARLY_DEMUX: "true" } } } })],
        expected: { ...IPV4_VPC("ex2"), ...IPV4_DEFAULTS("example-cluster-2", "example-cluster-2-launchTemplate") },
    },
    {
        repository: "pulumi/examples",
        commit: "0dadd8f37e26a633638634b409177fd2608de8c4",
        path: "aws-ts-eks/index.ts",
        licence: "Apache-2.0",
        derivation: "As plan --program records it (the remote component with its inputs, no children): eks.Cluster with instanceType t2.medium and subnetIds from an awsx Network whose resources are not recorded.",
        fixtures: [{ type: "eks:index:Cluster", name: "cluster", component: true, remote: true, props: { vpcId: "vpc-from-awsx", subnetIds: ["subnet-a", "subnet-b"], instanceType: "t2.medium", desiredCapacity: 2, minSize: 1, maxSize: 2, storageClasses: "gp2", deployDashboard: true } }],
        expected: {
            "eks-cluster-declares-ip-family cluster": "true: no ipFamily",
            "eks-public-endpoint-restricted cluster": "true: the default public endpoint is open to 0.0.0.0/0",
        },
    },
];

/**
 * Not a public program: the first corpus program with `ipFamily: "ipv6"` and a dual-stack VPC
 * added (our change), to show the two EKS rules fire on a real-shaped IPv6 cluster.
 */
export function ipv6Variant(): Fx[] {
    const vpc = awsxVpc("v6").map((f) => {
        if (f.type === "aws:ec2/vpc:Vpc") return { ...f, props: { ...f.props, assignGeneratedIpv6CidrBlock: true, ipv6CidrBlock: "2001:db8:0:100::/56" } };
        if (f.type === "aws:ec2/subnet:Subnet") {
            const n = Number(/-(\d)$/.exec(f.name)![1]) + (f.name.includes("private") ? 16 : 0);
            return { ...f, props: { ...f.props, ipv6CidrBlock: `2001:db8:0:1${n.toString(16).padStart(2, "0")}::/64`, assignIpv6AddressOnCreation: true } };
        }
        return f;
    });
    return [...vpc, ...pulumiEksCluster("v6-cluster", { family: "ipv6", vpcName: "v6", privateSubnets: ["v6-private-1", "v6-private-2", "v6-private-3"], publicSubnets: ["v6-public-1", "v6-public-2", "v6-public-3"] })];
}
