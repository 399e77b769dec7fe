import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { LoadBalancerIpAddressType } from "../../lib/privatelink";
import type { Vpc } from "./vpc";

export interface InternalNlbArgs {
    /** The VPC; the NLB goes in its private subnets (internal IPv6 NLBs in public subnets break target groups, aws-load-balancer-controller#2848). */
    vpc: Vpc;
    /** `ipv4`, or a dual-stack type (needs dual-stack subnets; required for IPv6 target groups). */
    ipAddressType: LoadBalancerIpAddressType;
    /** The NLB's own security groups. */
    securityGroupIds: pulumi.Input<string>[];
    /** TCP listener port. */
    listenerPort: number;
    /** Target group the listener forwards to. */
    targetGroupArn: pulumi.Input<string>;
    /** `enforceSecurityGroupInboundRulesOnPrivateLinkTraffic`, for NLBs behind an endpoint service. */
    privateLinkInboundRules?: "on" | "off";
    /** Extra tags (for example a policy exemption with its reason). */
    tags?: Record<string, string>;
}

/**
 * An internal network load balancer that Pulumi owns, with cross-zone load balancing (targets
 * may sit in one AZ while clients resolve every AZ's address) and one TCP listener. Resource
 * names: `<name>-nlb` and `<name>-tcp`.
 */
export function internalNlb(name: string, args: InternalNlbArgs, opts: pulumi.CustomResourceOptions): { loadBalancer: aws.lb.LoadBalancer; listener: aws.lb.Listener } {
    const loadBalancer = new aws.lb.LoadBalancer(`${name}-nlb`, {
        loadBalancerType: "network",
        internal: true,
        ipAddressType: args.ipAddressType,
        subnets: args.vpc.privateSubnetIds,
        securityGroups: args.securityGroupIds,
        enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: args.privateLinkInboundRules,
        enableCrossZoneLoadBalancing: true,
        tags: { Name: `${name}-nlb`, ...args.tags },
    }, opts);
    const listener = new aws.lb.Listener(`${name}-tcp`, {
        loadBalancerArn: loadBalancer.arn,
        port: args.listenerPort,
        protocol: "TCP",
        defaultActions: [{ type: "forward", targetGroupArn: args.targetGroupArn }],
    }, opts);
    return { loadBalancer, listener };
}
