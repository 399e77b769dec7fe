/**
 * IAM documents. Pure JSON builders: no resources.
 */

/** An IAM policy document (the subset this repository writes). */
export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: {
        Sid?: string;
        Effect: "Allow" | "Deny";
        Action: string | string[];
        Resource?: string | string[];
        Principal?: Record<string, string | string[]>;
        Condition?: Record<string, Record<string, string | string[]>>;
    }[];
}

/**
 * Actions the VPC CNI needs on an IPv6 cluster, Resource `*`. There is no AWS-managed policy for
 * IPv6 (containers-roadmap#1843; EKS user guide, "Create an IAM policy for clusters that use the
 * IPv6 family"). DescribeSubnets and DescribeSecurityGroups are required since vpc-cni 1.22.1;
 * without them aws-node hangs at "Checking for IPAM connectivity" (amazon-vpc-cni-k8s release
 * notes v1.22.1).
 */
export const CNI_IPV6_ACTIONS = [
    "ec2:AssignIpv6Addresses",
    "ec2:DescribeInstances",
    "ec2:DescribeTags",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeInstanceTypes",
    "ec2:DescribeSubnets",
    "ec2:DescribeSecurityGroups",
] as const;

/** CreateTags is limited to network interfaces (same EKS user guide page). */
export const CNI_CREATE_TAGS_RESOURCE = "arn:aws:ec2:*:*:network-interface/*";

/** The VPC CNI's IPv6 policy document. `partition` is `aws` outside China and GovCloud. */
export function cniIpv6PolicyDocument(partition = "aws"): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "CniIpv6", Effect: "Allow", Action: [...CNI_IPV6_ACTIONS], Resource: "*" },
            { Sid: "CniTagEnis", Effect: "Allow", Action: "ec2:CreateTags", Resource: CNI_CREATE_TAGS_RESOURCE.replace("arn:aws:", `arn:${partition}:`) },
        ],
    };
}

/** AWS-managed policy for the VPC CNI on IPv4 clusters (EKS user guide, "Configure Amazon VPC CNI plugin to use IRSA"). */
export const CNI_IPV4_MANAGED_POLICY = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";

/**
 * Managed policies for the node role of a managed node group. The CNI's policy is deliberately
 * not here: the CNI runs under its own IRSA role (EKS best practices, "Update the aws-node
 * daemonset to use IRSA"). ECR pull-only is the narrower successor of ReadOnly (EKS user guide,
 * "Amazon EKS node IAM role").
 */
export const NODE_MANAGED_POLICIES = [
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
] as const;

/**
 * AWS-managed policies commonly attached to node and CNI roles that grant none of the IPv6 CNI
 * actions. AmazonEKS_CNI_Policy (v5) lists AssignPrivateIpAddresses but not AssignIpv6Addresses
 * (AWS managed policy reference, "AmazonEKS_CNI_Policy"; amazon-vpc-cni-k8s docs, "IAM Policy",
 * IPv6 mode). The policy pack treats any other policy it cannot read as unknown, never as missing.
 */
export const MANAGED_POLICIES_WITHOUT_CNI_IPV6: readonly string[] = [
    CNI_IPV4_MANAGED_POLICY,
    ...NODE_MANAGED_POLICIES,
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
];

/** Trust policy for EC2 instances (node roles). */
export function ec2AssumeRolePolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    };
}

/**
 * Trust policy for IAM roles for service accounts (IRSA): only the named Kubernetes service
 * account, with the STS audience (EKS user guide, "Assign IAM roles to Kubernetes service accounts").
 * `issuer` is the OIDC issuer without `https://`.
 */
export function irsaAssumeRolePolicy(oidcProviderArn: string, issuer: string, namespace: string, serviceAccount: string): PolicyDocument {
    const host = issuer.replace(/^https:\/\//, "");
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: oidcProviderArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${host}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
                        [`${host}:aud`]: "sts.amazonaws.com",
                    },
                },
            },
        ],
    };
}

/** Actions of a policy document, flattened (for checks). */
export function allowedActions(doc: PolicyDocument): string[] {
    return doc.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}
