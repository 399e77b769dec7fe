import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { IpFamily } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";
import { LoadBalancerIpAddressType, TargetGroupIpAddressType, validateServiceIpTypes, validateTargetGroupOnLoadBalancer } from "../../lib/privatelink";
import { internalNlb } from "./internalNlb";
import type { Vpc } from "./vpc";

export interface PrivateLinkServiceArgs {
    /** The provider VPC; the NLB goes in its private subnets (dual-stack ones for a dual-stack NLB). */
    vpc: Vpc;
    /** TCP port of the NLB listener, the port consumers connect to. */
    listenerPort: number;
    /** TCP port of the targets (the pods' container port); health checks use it too. */
    targetPort: number;
    /** Security group of the targets; the NLB's egress is limited to it on `targetPort`. */
    targetSecurityGroupId: pulumi.Input<string>;
    /** NLB address type. Default `dualstack`; `ipv4` cannot carry IPv6 targets or IPv6 consumers. */
    ipAddressType?: LoadBalancerIpAddressType;
    /** Target group family. Default `ipv6`: the targets are IPv6 pod addresses. */
    targetGroupIpAddressType?: TargetGroupIpAddressType;
    /** HTTP path the health check requests on `targetPort`. Default `/healthz`. */
    healthCheckPath?: string;
    /** Families the endpoint service offers consumers. Default both. */
    supportedIpAddressTypes?: IpFamily[];
    /** Whether the provider must accept each endpoint connection. Default false. */
    acceptanceRequired?: boolean;
    /** IAM principals (ARNs) allowed to create endpoints. Must not be empty or contain `*`. */
    allowedPrincipals: pulumi.Input<pulumi.Input<string>[]>;
    /** Config key of these settings, for messages. Default `nlb`. */
    configKey?: string;
}

/**
 * The provider side of figure "PrivateLink": an internal Network Load Balancer Pulumi owns, with
 * its own security group, a TCP listener forwarding to an IP target group whose targets are
 * registered by someone else (the AWS Load Balancer Controller through a TargetGroupBinding),
 * and a VPC endpoint service on it.
 */
export class PrivateLinkService extends pulumi.ComponentResource {
    readonly loadBalancerArn: pulumi.Output<string>;
    readonly loadBalancerDnsName: pulumi.Output<string>;
    readonly targetGroupArn: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly serviceId: pulumi.Output<string>;
    readonly serviceName: pulumi.Output<string>;
    readonly supportedIpAddressTypes: IpFamily[];
    readonly acceptanceRequired: boolean;
    readonly targetGroupIpAddressType: TargetGroupIpAddressType;
    readonly listenerPort: number;

    constructor(name: string, args: PrivateLinkServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        const key = args.configKey ?? "nlb";
        const lbType = args.ipAddressType ?? "dualstack";
        const tgType = args.targetGroupIpAddressType ?? "ipv6";
        const serviceTypes = args.supportedIpAddressTypes ?? ["ipv4", "ipv6"];
        validateTargetGroupOnLoadBalancer(key, tgType, lbType);
        validateServiceIpTypes("endpointService", serviceTypes, lbType);
        if (lbType !== "ipv4" && !args.vpc.dualStack) {
            throw new ConfigError(`${key}.ipAddressType`, lbType, "a dual-stack NLB needs dual-stack subnets; make the provider VPC dual-stack or use \"ipv4\"");
        }
        super("ipv6-eks-interop:network:PrivateLinkService", name, {}, opts);
        const parent = { parent: this };
        this.supportedIpAddressTypes = serviceTypes;
        this.acceptanceRequired = args.acceptanceRequired ?? false;
        this.targetGroupIpAddressType = tgType;
        this.listenerPort = args.listenerPort;

        // The NLB's own security group: no ingress at all. PrivateLink traffic is not subject to
        // it (see enforceSecurityGroupInboundRulesOnPrivateLinkTraffic below) and nothing in the
        // provider VPC may use the NLB directly. Egress only to the targets, which also carries
        // the health checks (they use the traffic port).
        const sg = new aws.ec2.SecurityGroup(`${name}-nlb`, {
            vpcId: args.vpc.vpcId,
            description: `NLB of ${name}: PrivateLink only, egress to the targets`,
            tags: { Name: `${name}-nlb` },
        }, parent);
        new aws.vpc.SecurityGroupEgressRule(`${name}-nlb-to-targets`, {
            securityGroupId: sg.id,
            description: "traffic and health checks to the targets",
            ipProtocol: "tcp",
            fromPort: args.targetPort,
            toPort: args.targetPort,
            referencedSecurityGroupId: args.targetSecurityGroupId,
        }, parent);
        this.securityGroupId = sg.id;

        const tg = new aws.lb.TargetGroup(`${name}-tg`, {
            vpcId: args.vpc.vpcId,
            port: args.targetPort,
            protocol: "TCP",
            targetType: "ip",
            ipAddressType: tgType,
            healthCheck: { protocol: "HTTP", port: "traffic-port", path: args.healthCheckPath ?? "/healthz", interval: 10, healthyThreshold: 2, unhealthyThreshold: 2 },
            deregistrationDelay: 30,
            tags: { Name: `${name}-tg` },
        }, parent);

        // Decision on enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "off". Access to a
        // PrivateLink service is controlled by the endpoint service (allowed principals,
        // acceptance) and by each consumer's endpoint security group, which admits only its own
        // VPC. Consumer addresses come from other VPCs and may overlap each other, so CIDR rules on
        // the provider's NLB would be both brittle and redundant; with "off" the NLB's security
        // group governs only traffic from inside the provider VPC, where it admits nothing.
        const { loadBalancer: nlb, listener } = internalNlb(name, {
            vpc: args.vpc,
            ipAddressType: lbType,
            securityGroupIds: [sg.id],
            listenerPort: args.listenerPort,
            targetGroupArn: tg.arn,
            privateLinkInboundRules: "off",
        }, parent);


        const service = new aws.ec2.VpcEndpointService(name, {
            networkLoadBalancerArns: [nlb.arn],
            supportedIpAddressTypes: serviceTypes,
            acceptanceRequired: this.acceptanceRequired,
            allowedPrincipals: pulumi.output(args.allowedPrincipals).apply((ps) => {
                if (ps.length === 0 || ps.some((p) => p.trim() === "*")) {
                    throw new ConfigError("endpointService.allowedPrincipals", ps, "name the accounts or roles that may connect (ARNs); an empty list admits no one and \"*\" admits every AWS account");
                }
                return ps;
            }),
            tags: { Name: name },
        }, { parent: this, dependsOn: [listener] });

        this.loadBalancerArn = nlb.arn;
        this.loadBalancerDnsName = nlb.dnsName;
        this.targetGroupArn = tg.arn;
        this.serviceId = service.id;
        this.serviceName = service.serviceName;
        this.registerOutputs({
            loadBalancerArn: this.loadBalancerArn,
            targetGroupArn: this.targetGroupArn,
            serviceId: this.serviceId,
            serviceName: this.serviceName,
        });
    }
}
