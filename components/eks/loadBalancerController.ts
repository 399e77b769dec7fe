import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { irsaAssumeRolePolicy } from "../../lib/iam";
import { LBC_CHART, LBC_NAMESPACE, LBC_SERVICE_ACCOUNT, TGB_API_VERSION, lbcHelmValues, lbcTargetGroupBindingPolicy } from "../../lib/loadBalancerController";
import type { TargetGroupIpAddressType } from "../../lib/privatelink";
import type { EksCluster } from "./cluster";

export interface AwsLoadBalancerControllerArgs {
    /** The cluster the controller runs in (its OIDC provider, name and Kubernetes provider). */
    cluster: EksCluster;
    /** AWS region of the cluster (the controller cannot read it from IMDS: hop limit 1). */
    region: pulumi.Input<string>;
    /** VPC of the cluster and of the target groups (same reason). */
    vpcId: pulumi.Input<string>;
    /** Target groups the controller may register targets in; nothing else is writable. */
    targetGroupArns: pulumi.Input<string>[];
    /** Chart version, pinned (config `loadBalancerController.chartVersion`). */
    chartVersion: string;
    /** Chart repository URL (config `loadBalancerController.repository`). */
    repository: string;
    /** Controller replicas. Default 2. */
    replicas?: number;
}

export interface TargetGroupBindingArgs {
    /** Namespace of the Service (and of the binding). */
    namespace: pulumi.Input<string>;
    /** The Service whose endpoints become targets. */
    serviceName: pulumi.Input<string>;
    /** The Service port (not the container port) the binding follows. */
    servicePort: number;
    /** The Pulumi-owned target group. */
    targetGroupArn: pulumi.Input<string>;
    /** The target group's family; `ipv6` registers the pods' IPv6 addresses. */
    ipAddressType: TargetGroupIpAddressType;
    /** Resources the binding waits for (the Service's Deployment). */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * The AWS Load Balancer Controller as a Helm release, limited to TargetGroupBinding: its own
 * IRSA role whose policy can only read and register targets in the given target groups, and
 * values that turn off everything that would create load balancers (lib/loadBalancerController.ts).
 * Pulumi keeps owning every load balancer, so `pulumi destroy` leaves nothing behind.
 */
export class AwsLoadBalancerController extends pulumi.ComponentResource {
    readonly release: k8s.helm.v3.Release;
    readonly roleArn: pulumi.Output<string>;
    private readonly provider: k8s.Provider;
    private readonly vpcId: pulumi.Output<string>;

    constructor(name: string, args: AwsLoadBalancerControllerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ipv6-eks-interop:eks:AwsLoadBalancerController", name, {}, opts);
        const parent = { parent: this };
        this.provider = args.cluster.provider;
        this.vpcId = pulumi.output(args.vpcId);

        const role = new aws.iam.Role(`${name}-irsa`, {
            description: `AWS Load Balancer Controller (${LBC_NAMESPACE}/${LBC_SERVICE_ACCOUNT}), TargetGroupBinding only`,
            assumeRolePolicy: pulumi.all([args.cluster.oidcProviderArn, args.cluster.oidcIssuer]).apply(([arn, issuer]) =>
                JSON.stringify(irsaAssumeRolePolicy(arn, issuer, LBC_NAMESPACE, LBC_SERVICE_ACCOUNT))),
        }, parent);
        const policy = new aws.iam.Policy(`${name}-tgb`, {
            description: "AWS Load Balancer Controller: register pod targets in Pulumi-owned target groups only",
            policy: pulumi.all(args.targetGroupArns).apply((arns) => JSON.stringify(lbcTargetGroupBindingPolicy(arns))),
        }, parent);
        const attachment = new aws.iam.RolePolicyAttachment(`${name}-tgb`, { role: role.name, policyArn: policy.arn }, parent);
        this.roleArn = role.arn;

        const values = pulumi.all([args.cluster.clusterName, pulumi.output(args.region), pulumi.output(args.vpcId), role.arn]).apply(([clusterName, region, vpcId, roleArn]) =>
            lbcHelmValues({ clusterName, region, vpcId, roleArn, replicas: args.replicas }));
        this.release = new k8s.helm.v3.Release(name, {
            chart: LBC_CHART,
            version: args.chartVersion,
            repositoryOpts: { repo: args.repository },
            namespace: LBC_NAMESPACE,
            // The chart installs the TargetGroupBinding CRD from its crds/ folder on install.
            skipCrds: false,
            values,
            // Wait for the controller's webhook to serve before any TargetGroupBinding is applied.
            skipAwait: false,
            timeout: 600,
            atomic: true,
        }, { parent: this, provider: args.cluster.provider, dependsOn: [...args.cluster.workloadDependencies, attachment] });
        this.registerOutputs({ roleArn: this.roleArn, releaseName: this.release.name });
    }

    /**
     * Binds a Service to a Pulumi-owned target group: the controller registers the Service's
     * ready pod addresses as IP targets and keeps them current. No `spec.networking`: the node
     * security group rules are Pulumi's (the controller has no permission to change them).
     */
    bindTargetGroup(name: string, args: TargetGroupBindingArgs): k8s.apiextensions.CustomResource {
        return new k8s.apiextensions.CustomResource(name, {
            apiVersion: TGB_API_VERSION,
            kind: "TargetGroupBinding",
            metadata: { namespace: args.namespace },
            spec: {
                serviceRef: { name: args.serviceName, port: args.servicePort },
                targetGroupARN: args.targetGroupArn,
                targetType: "ip",
                ipAddressType: args.ipAddressType,
                // Explicit, so the controller's webhook need not look the VPC up.
                vpcID: this.vpcId,
            },
        }, { parent: this, provider: this.provider, dependsOn: [this.release, ...(args.dependsOn ?? [])] });
    }
}
