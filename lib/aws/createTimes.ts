/**
 * Typical create times per resource type, in seconds: how long `pulumi up` waits on one create
 * before its dependents can start. Estimates for planning, not measurements of this repository
 * (no AWS account here): each row names where its figure comes from. Types not listed are plain
 * API calls that return in seconds (`DEFAULT_CREATE`): VPCs, subnets, routes, security groups,
 * IAM, log groups, Kubernetes objects without a readiness wait.
 */

export interface CreateTime {
    seconds: number;
    source: string;
}

const TF = "terraform-provider-aws default create timeout (upper bound) in the resource's documentation";

export const CREATE_TIMES: Readonly<Record<string, CreateTime>> = {
    "eks:index:Cluster": { seconds: 660, source: "EKS user guide, Create a cluster: the control plane takes about 10 minutes; plus the OIDC provider and access entries pulumi-eks adds (about 1 minute)" },
    "aws:eks/cluster:Cluster": { seconds: 600, source: "EKS user guide, Create a cluster: the control plane takes about 10 minutes (30 min: " + TF + ")" },
    "aws:eks/nodeGroup:NodeGroup": { seconds: 180, source: "EKS user guide, Create a managed node group: nodes launch and join in a few minutes (60 min: " + TF + ")" },
    "aws:eks/addon:Addon": { seconds: 60, source: "EKS user guide, Amazon EKS add-ons: ACTIVE once its pods are ready, about a minute on running nodes (20 min: " + TF + ")" },
    "aws:ec2/natGateway:NatGateway": { seconds: 120, source: "VPC user guide, NAT gateways: pending to available in one to two minutes (10 min: " + TF + ")" },
    "aws:ec2transitgateway/transitGateway:TransitGateway": { seconds: 240, source: "Transit Gateway guide, Create a transit gateway: pending to available in a few minutes (10 min: " + TF + ")" },
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": { seconds: 90, source: "Transit Gateway guide, VPC attachments: pending to available in about a minute (10 min: " + TF + ")" },
    "aws:lb/loadBalancer:LoadBalancer": { seconds: 180, source: "ELB user guide, Network Load Balancers: provisioning to active in about three minutes (10 min: " + TF + ")" },
    "aws:ec2/vpcEndpoint:VpcEndpoint": { seconds: 120, source: "PrivateLink guide, interface endpoints: pending to available in about two minutes (10 min: " + TF + ")" },
    "aws:ec2/vpcEndpointService:VpcEndpointService": { seconds: 30, source: "PrivateLink guide, endpoint services: available in seconds once the NLB is active (10 min: " + TF + ")" },
    "aws:ec2/instance:Instance": { seconds: 40, source: "EC2 user guide, instance lifecycle: pending to running in under a minute (10 min: " + TF + ")" },
    "aws:route53/zone:Zone": { seconds: 45, source: "Route 53 API reference, CreateHostedZone: the change is INSYNC within about a minute; the provider waits for it" },
    "aws:lambda/function:Function": { seconds: 60, source: "Lambda developer guide, VPC functions: Pending while Lambda creates the Hyperplane network interfaces, about a minute" },
    "aws:lambda/invocation:Invocation": { seconds: 150, source: "lib/probes.ts: the probe retries every 10 s until targets are healthy and names resolve (two to three minutes after the NLB, up to attempts x 10 s)" },
    "kubernetes:batch/v1:Job": { seconds: 120, source: "lib/probes.ts: the probe Job's first DNS query waits 60 s (dnsFirstQueryDelaySeconds) for ExternalDNS, then retries; Pulumi waits for the Job to complete" },
    "kubernetes:helm.sh/v3:Release": { seconds: 90, source: "Pulumi Kubernetes provider, helm.sh/v3 Release: waits for the chart's Deployments to be ready (image pull and start, about a minute)" },
    "kubernetes:apps/v1:Deployment": { seconds: 60, source: "Pulumi Kubernetes provider await logic: a Deployment is ready when its pods are available (image pull and start)" },
    "kubernetes:core/v1:Service": { seconds: 10, source: "Pulumi Kubernetes provider await logic: a ClusterIP Service is ready when it has endpoints" },
    "aws:ec2/vpnConnection:VpnConnection": { seconds: 420, source: "Site-to-Site VPN user guide, Create a VPN connection: pending for several minutes before available; estimate 7 min, inside the AWS CLI waiter's bound (aws ec2 wait vpn-connection-available: every 15 s, 40 checks = 10 min; terraform-provider-aws internal/service/ec2/wait.go vpnConnectionCreatedTimeout: 40 min)" },
    "aws:ec2/customerGateway:CustomerGateway": { seconds: 10, source: "EC2 API, CreateCustomerGateway: pending to available in seconds; the provider waits for available" },
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": { seconds: 15, source: "VPC peering guide: a same-account auto-accepted request turns active in seconds" },
    "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation": { seconds: 15, source: "VPC user guide, IPv6 CIDR blocks: associating -> associated in seconds; the provider waits for it" },
};

/** API calls that return at once (VPC, subnet, route, security group, IAM, log group...). */
export const DEFAULT_CREATE: CreateTime = { seconds: 5, source: "one API call; the resource exists when it returns" };

/** Components and providers take no time of their own. */
export function createTimeOf(type: string, custom: boolean): CreateTime {
    if (type.startsWith("pulumi:providers:") || (!custom && type !== "eks:index:Cluster")) return { seconds: 0, source: "component or provider: no cloud call" };
    return CREATE_TIMES[type] ?? DEFAULT_CREATE;
}
