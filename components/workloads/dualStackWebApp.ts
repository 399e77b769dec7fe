import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../lib/errors";
import { staticSiteUserData } from "../../lib/appUserData";
import { requireInstanceType } from "../../lib/aws/instanceTypes";
import { internalNlb } from "../network/internalNlb";
import type { Vpc } from "../network/vpc";
import { amazonLinux2023Ami, appInstance, requireInstanceCount } from "./appInstance";

export interface DualStackWebAppArgs {
    /** The app's dual-stack VPC; instances and the NLB go in its private subnets, which have IPv6 /64s. */
    vpc: Vpc;
    /** TCP port of the app and of the NLB listener. */
    port: number;
    /**
     * IPv6 CIDRs allowed to reach the listener over IPv6, and to send it ICMPv6 (path-MTU
     * discovery across a transit gateway, MTU 8500). Typically the client VPCs' /56s: IPv6 pods
     * keep their own addresses, there is no SNAT on the IPv6 path.
     */
    allowedIpv6Cidrs: pulumi.Input<string>[];
    /** Instance type; Nitro (IMDSv2, ENA). Default t3.micro. */
    instanceType?: string;
    /** Number of instances, spread over the private subnets. Default 1. */
    instances?: number;
    /** Config key of the app, for messages. Default `service`. */
    configKey?: string;
}

/**
 * A web application reachable over IPv6: Amazon Linux 2023 instances serving a static page on a
 * dual-stack socket, behind an internal **dualstack** network load balancer whose listener
 * forwards to an **IPv6** target group of IP targets (each instance's primary IPv6 address).
 *
 * Why IP targets: NLB IPv6 target groups only support the `ip` target type, and only attach to
 * dualstack load balancers with TCP or TLS listeners (ELB guide, Network Load Balancers, "Target
 * groups", IP address type). An IPv4 instance target group behind a dualstack NLB would also answer
 * IPv6 clients, but the targets would then be reached over IPv4; here the path is IPv6 end to end.
 * Client IP preservation is off (the default for IP targets, set explicitly), so targets see the
 * NLB's own addresses and their security group admits only the NLB's security group.
 */
export class DualStackWebApp extends pulumi.ComponentResource {
    readonly nlbDnsName: pulumi.Output<string>;
    readonly nlbArn: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;
    readonly nlbSecurityGroupId: pulumi.Output<string>;
    readonly targetGroupArn: pulumi.Output<string>;

    constructor(name: string, args: DualStackWebAppArgs, opts?: pulumi.ComponentResourceOptions) {
        const key = args.configKey ?? "service";
        const instanceType = args.instanceType ?? "t3.micro";
        requireInstanceType(`${key}.instanceType`, instanceType, "app");
        if (!args.vpc.dualStack) {
            throw new ConfigError(`${key}`, "IPv4-only VPC", "a dualstack NLB with an IPv6 target group needs a dual-stack VPC whose subnets have IPv6 /64s");
        }
        const count = requireInstanceCount(`${key}.instances`, args.instances ?? 1, args.vpc.privateSubnets.length);
        if (args.allowedIpv6Cidrs.length === 0) {
            throw new ConfigError(`${key}`, "no allowed IPv6 clients", "name the client VPCs' IPv6 /56s; nothing could reach the app");
        }
        super("ipv6-eks-interop:workloads:DualStackWebApp", name, {}, opts);
        const parent = { parent: this };

        const nlbSg = new aws.ec2.SecurityGroup(`${name}-nlb`, { vpcId: args.vpc.vpcId, description: `NLB of ${name}: app port and ICMPv6 from allowed IPv6 peers` }, parent);
        const appSg = new aws.ec2.SecurityGroup(`${name}-app`, { vpcId: args.vpc.vpcId, description: `Instances of ${name}: app port from the NLB only` }, parent);
        args.allowedIpv6Cidrs.forEach((cidr, i) => {
            new aws.vpc.SecurityGroupIngressRule(`${name}-nlb-in-${i}`, { securityGroupId: nlbSg.id, description: "app port from peer VPC over IPv6", ipProtocol: "tcp", fromPort: args.port, toPort: args.port, cidrIpv6: cidr }, parent);
            // All ICMPv6 types from the peer only: "Packet Too Big" for path-MTU discovery over the
            // 8500-byte transit gateway, plus echo for troubleshooting (facts page, "Security groups").
            new aws.vpc.SecurityGroupIngressRule(`${name}-nlb-icmpv6-${i}`, { securityGroupId: nlbSg.id, description: "ICMPv6 (path-MTU discovery) from peer VPC", ipProtocol: "icmpv6", fromPort: -1, toPort: -1, cidrIpv6: cidr }, parent);
        });
        new aws.vpc.SecurityGroupEgressRule(`${name}-nlb-out`, { securityGroupId: nlbSg.id, description: "to the app instances (traffic and health checks)", ipProtocol: "tcp", fromPort: args.port, toPort: args.port, referencedSecurityGroupId: appSg.id }, parent);
        new aws.vpc.SecurityGroupIngressRule(`${name}-app-in`, { securityGroupId: appSg.id, description: "app port and health checks from the NLB", ipProtocol: "tcp", fromPort: args.port, toPort: args.port, referencedSecurityGroupId: nlbSg.id }, parent);
        this.nlbSecurityGroupId = nlbSg.id;

        const ami = amazonLinux2023Ami(instanceType, parent);
        // A "::" socket answers both families (see lib/appUserData.ts).
        const userData = staticSiteUserData({ unit: "dualstack-app", description: "Dual-stack demo app", message: `dual-stack app ${name}: hello over IPv6`, port: args.port, bind: "::" });

        const targetGroup = new aws.lb.TargetGroup(`${name}-tg`, {
            vpcId: args.vpc.vpcId,
            port: args.port,
            protocol: "TCP",
            targetType: "ip",
            ipAddressType: "ipv6",
            preserveClientIp: "false",
            healthCheck: { protocol: "TCP", interval: 10, healthyThreshold: 2, unhealthyThreshold: 2 },
            deregistrationDelay: 30,
        }, parent);
        this.targetGroupArn = targetGroup.arn;
        for (let i = 0; i < count; i++) {
            const subnet = args.vpc.privateSubnets[i % args.vpc.privateSubnets.length];
            // One IPv6 address, assigned at launch and the instance's for its whole life: it is
            // the registered target (by IP, so no primary IPv6 is needed; see appInstance).
            const instance = appInstance(`${name}-${i}`, { ami, instanceType, subnetId: subnet.id, securityGroupIds: [appSg.id], userData, ipv6Address: true }, parent);
            new aws.lb.TargetGroupAttachment(`${name}-${i}`, {
                targetGroupArn: targetGroup.arn,
                targetId: instance.ipv6Addresses.apply((addresses) => {
                    if (!addresses?.[0]) throw new Error(`${name}-${i} has no IPv6 address; its subnet needs an IPv6 /64`);
                    return addresses[0];
                }),
                port: args.port,
            }, parent);
        }

        const { loadBalancer: nlb } = internalNlb(name, { vpc: args.vpc, ipAddressType: "dualstack", securityGroupIds: [nlbSg.id], listenerPort: args.port, targetGroupArn: targetGroup.arn }, parent);
        this.nlbDnsName = nlb.dnsName;
        this.nlbArn = nlb.arn;
        this.url = pulumi.interpolate`http://${nlb.dnsName}:${args.port}/`;
        this.registerOutputs({ nlbDnsName: this.nlbDnsName, url: this.url });
    }
}
