import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { staticSiteUserData } from "../../lib/appUserData";
import { requireInstanceType } from "../../lib/aws/instanceTypes";
import { PolicyExemption, exemptionTags } from "../../lib/policyExemption";
import { internalNlb } from "../network/internalNlb";
import type { Vpc } from "../network/vpc";
import { amazonLinux2023Ami, appInstance, requireInstanceCount } from "./appInstance";

/** The NLB is IPv4-only by design, so it carries the policy pack's exemption (policies/README.md). */
export const IPV4_WEB_APP_EXEMPTION: PolicyExemption = {
    rules: ["load-balancer-dual-stack"],
    reason: "the IPv4-only legacy application of the interop scenarios; IPv6 clients reach it through the VPC CNI's IPv4 egress",
};

export interface Ipv4WebAppArgs {
    /** The app's VPC; instances and the NLB go in its private subnets. */
    vpc: Vpc;
    /** TCP port of the app and of the NLB listener. */
    port: number;
    /** IPv4 CIDRs allowed to reach the listener (the clients' VPC IPv4 CIDRs; SNATed pods arrive from node IPv4s). */
    allowedIpv4Cidrs: pulumi.Input<string>[];
    /** Instance type; Nitro (for IMDSv2 and ENA). Default t3.micro. */
    instanceType?: string;
    /** Number of instances, spread over the private subnets. Default 1. */
    instances?: number;
}

/**
 * The remote IPv4-only web application of figure 6: Amazon Linux 2023 instances serving a static
 * page over HTTP without internet access, behind an internal IPv4 network load balancer whose
 * security group admits only the given IPv4 CIDRs on the app port.
 */
export class Ipv4WebApp extends pulumi.ComponentResource {
    readonly nlbDnsName: pulumi.Output<string>;
    readonly nlbArn: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;
    readonly nlbSecurityGroupId: pulumi.Output<string>;

    constructor(name: string, args: Ipv4WebAppArgs, opts?: pulumi.ComponentResourceOptions) {
        const instanceType = args.instanceType ?? "t3.micro";
        requireInstanceType("app.instanceType", instanceType, "app");
        const count = requireInstanceCount("app.instances", args.instances ?? 1, args.vpc.privateSubnets.length);
        super("ipv6-eks-interop:workloads:Ipv4WebApp", name, {}, opts);
        const parent = { parent: this };

        const nlbSg = new aws.ec2.SecurityGroup(`${name}-nlb`, { vpcId: args.vpc.vpcId, description: `NLB of ${name}: app port from allowed IPv4 peers` }, parent);
        const appSg = new aws.ec2.SecurityGroup(`${name}-app`, { vpcId: args.vpc.vpcId, description: `Instances of ${name}: app port from the NLB only` }, parent);
        args.allowedIpv4Cidrs.forEach((cidr, i) =>
            new aws.vpc.SecurityGroupIngressRule(`${name}-nlb-in-${i}`, { securityGroupId: nlbSg.id, description: "app port from peer VPC", ipProtocol: "tcp", fromPort: args.port, toPort: args.port, cidrIpv4: cidr }, parent));
        new aws.vpc.SecurityGroupEgressRule(`${name}-nlb-out`, { securityGroupId: nlbSg.id, description: "to the app instances", ipProtocol: "tcp", fromPort: args.port, toPort: args.port, referencedSecurityGroupId: appSg.id }, parent);
        new aws.vpc.SecurityGroupIngressRule(`${name}-app-in`, { securityGroupId: appSg.id, description: "app port and health checks from the NLB", ipProtocol: "tcp", fromPort: args.port, toPort: args.port, referencedSecurityGroupId: nlbSg.id }, parent);
        this.nlbSecurityGroupId = nlbSg.id;

        const ami = amazonLinux2023Ami(instanceType, parent);
        const userData = staticSiteUserData({ unit: "ipv4-app", description: "IPv4-only demo app", message: `ipv4-only app ${name}: hello over IPv4`, port: args.port, bind: "0.0.0.0" });

        const targetGroup = new aws.lb.TargetGroup(`${name}-tg`, {
            vpcId: args.vpc.vpcId,
            port: args.port,
            protocol: "TCP",
            targetType: "instance",
            ipAddressType: "ipv4",
            healthCheck: { protocol: "TCP", interval: 10, healthyThreshold: 2, unhealthyThreshold: 2 },
            deregistrationDelay: 30,
        }, parent);
        for (let i = 0; i < count; i++) {
            const subnet = args.vpc.privateSubnets[i % args.vpc.privateSubnets.length];
            const instance = appInstance(`${name}-${i}`, { ami, instanceType, subnetId: subnet.id, securityGroupIds: [appSg.id], userData }, parent);
            new aws.lb.TargetGroupAttachment(`${name}-${i}`, { targetGroupArn: targetGroup.arn, targetId: instance.id, port: args.port }, parent);
        }

        // IPv4-only on purpose: this is the legacy side of the interop scenarios.
        const { loadBalancer: nlb } = internalNlb(name, { vpc: args.vpc, ipAddressType: "ipv4", securityGroupIds: [nlbSg.id], listenerPort: args.port, targetGroupArn: targetGroup.arn, tags: exemptionTags(IPV4_WEB_APP_EXEMPTION) }, parent);
        this.nlbDnsName = nlb.dnsName;
        this.nlbArn = nlb.arn;
        this.url = pulumi.interpolate`http://${nlb.dnsName}:${args.port}/`;
        this.registerOutputs({ nlbDnsName: this.nlbDnsName, url: this.url });
    }
}
