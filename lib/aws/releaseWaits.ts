/**
 * What AWS must release before `pulumi destroy` can delete a resource, and how long the provider
 * waits for it at most (its delete timeout or its own wait loop). One row per resource type, each
 * with its source. The destroy plan (engine/destroy.ts) adds the waits along each dependency chain;
 * the e2e workflow's destroy timeout must cover the longest chain, or the runner stops pulumi in
 * the middle of a destroy and leaves resources that bill by the hour.
 */

export interface ReleaseWait {
    /** Resource type whose deletion waits. */
    type: string;
    /** What AWS releases (or the provider waits for) before or during the delete. */
    releases: string;
    /** The provider's maximum wait in minutes; undefined where the provider documents none. */
    maxWaitMinutes?: number;
    /**
     * Only when this holds for the resource (for example: a Lambda function in the VPC uses the
     * security group). Gets the resource and the resources that depend on it.
     */
    appliesWhen?: (resource: { urn: string; type: string; inputs: Record<string, any> }, dependents: readonly { type: string; inputs: Record<string, any>; propertyDependencies?: Record<string, string[]> }[]) => boolean;
    source: string;
}

const usedByVpcLambda = (r: { urn: string }, dependents: readonly { type: string; propertyDependencies?: Record<string, string[]> }[]) =>
    dependents.some((d) => d.type === "aws:lambda/function:Function" && (d.propertyDependencies?.vpcConfig ?? []).includes(r.urn));

export const RELEASE_WAITS: readonly ReleaseWait[] = [
    {
        type: "aws:eks/nodeGroup:NodeGroup",
        releases: "the nodes are drained and terminated; the VPC CNI's network interfaces (with their secondary IPs or prefixes) are deleted with the instances",
        maxWaitMinutes: 60,
        source: "terraform-provider-aws internal/service/eks/node_group.go (Timeouts.Delete 60 minutes)",
    },
    {
        type: "eks:index:Cluster",
        releases: "the control plane and its EKS-owned network interfaces in the cluster subnets",
        maxWaitMinutes: 15,
        source: "terraform-provider-aws internal/service/eks/cluster.go (Timeouts.Delete 15 minutes), inside @pulumi/eks 4.3.0 Cluster",
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        releases: "the Hyperplane network interfaces Lambda created for a VPC function (AWS Lambda VPC ENI) must be released before the group can be deleted",
        maxWaitMinutes: 45,
        appliesWhen: usedByVpcLambda,
        source: "terraform-provider-aws internal/service/ec2 deleteLingeringLambdaENIs (at least 45 minutes: the Lambda service's P99 release time is about 35 minutes)",
    },
    {
        type: "aws:ec2/subnet:Subnet",
        releases: "the Hyperplane network interfaces of a VPC Lambda function in the subnet",
        maxWaitMinutes: 45,
        appliesWhen: usedByVpcLambda,
        source: "terraform-provider-aws internal/service/ec2 deleteLingeringLambdaENIs (at least 45 minutes), called by the subnet delete",
    },
    {
        type: "aws:ec2/vpnConnection:VpnConnection",
        releases: "the connection's tunnels and, on a transit gateway, its VPN attachment (deleting to deleted); the gateway cannot be deleted while the attachment exists",
        maxWaitMinutes: 30,
        source: "terraform-provider-aws internal/service/ec2/wait.go (vpnConnectionDeletedTimeout 30 minutes)",
    },
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        releases: "the load balancer's network interfaces (ELB <name>) detach before its subnets and security groups can go",
        maxWaitMinutes: 5,
        source: "terraform-provider-aws internal/service/elbv2/load_balancer.go waitForNLBNetworkInterfacesToDetach (5 minutes)",
    },
    {
        type: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
        releases: "the target is deregistered and drains for the target group's deregistration delay (default 300 s); the provider does not wait for the draining",
        source: "Elastic Load Balancing user guide, Network Load Balancers, \"Deregistration delay\"",
    },
    {
        type: "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
        releases: "the AWS Load Balancer Controller deregisters the pod targets; the controller must still run, so the binding goes before the controller's Helm release",
        source: "aws-load-balancer-controller TargetGroupBinding finalizer (elbv2.k8s.aws/resources)",
    },
    {
        type: "aws:ec2/natGateway:NatGateway",
        releases: "the NAT gateway's network interface and its Elastic IP association",
        maxWaitMinutes: 30,
        source: "terraform-provider-aws internal/service/ec2 wait.go natGatewayDeletedTimeout (30 minutes)",
    },
];

/** The waits that apply to a resource, given the resources that depend on it. */
export function releaseWaitsFor(resource: { urn: string; type: string; inputs: Record<string, any> }, dependents: Parameters<NonNullable<ReleaseWait["appliesWhen"]>>[1]): ReleaseWait[] {
    return RELEASE_WAITS.filter((w) => w.type === resource.type && (!w.appliesWhen || w.appliesWhen(resource, dependents)));
}
