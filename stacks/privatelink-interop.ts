/**
 * Scenario 3, `privatelink-interop` (article, "AWS PrivateLink"):
 *
 *   [IPv4-only VPC: probe fn] --ipv4 endpoint----\
 *                                                 >--PrivateLink--> [dual-stack NLB] --IPv6--> [IPv6 EKS pods]
 *   [dual-stack VPC: probe fn] --dualstack endpoint/
 *
 * A service in an IPv6 cluster is published through a dual-stack endpoint service; an IPv4-only
 * consumer and a dual-stack consumer both use it without any translation of their own. The NLB
 * terminates each consumer connection in its own family and opens a new one to an IPv6 pod.
 * Pulumi owns the NLB and its IPv6 target group; the AWS Load Balancer Controller only keeps the
 * targets current through a TargetGroupBinding.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { EksCluster, clusterSettings } from "../components/eks/cluster";
import { AwsLoadBalancerController } from "../components/eks/loadBalancerController";
import { PrivateLinkConsumer } from "../components/network/privateLinkConsumer";
import { PrivateLinkService } from "../components/network/privateLinkService";
import { regionAvailabilityZones, vpcFromConfig } from "../components/network/vpc";
import { EchoService } from "../components/workloads/echoService";
import { DEFAULT_PROBE_RUNTIME, EndpointProbe } from "../components/workloads/endpointProbe";
import type { IpFamily } from "../lib/cidr";
import { assertNoIpv4Overlap } from "../lib/cidr";
import { azCountSchema, clusterSchema, pinnedImageSchema, portSchema, vpcSchema } from "../lib/config";
import { ConfigError } from "../lib/errors";
import type { FlowIntent } from "../lib/intent";
import { LBC_DEFAULT_CHART_VERSION, LBC_DEFAULT_REPOSITORY } from "../lib/loadBalancerController";
import { DnsRecordIpType, EndpointIpAddressType, dnsRecordTypes, endpointFamilies, validateEndpointAgainstService, validateEndpointIpType, validateServiceIpTypes, validateTargetGroupOnLoadBalancer } from "../lib/privatelink";
import type { Scenario } from "./scenario";

const consumerSchema = (dualStack: boolean) =>
    z.strictObject({
        vpc: vpcSchema.extend({ natGateways: vpcSchema.shape.natGateways.default("none") }),
        endpointIpAddressType: z.enum(["ipv4", "dualstack", "ipv6"] satisfies EndpointIpAddressType[]).default(dualStack ? "dualstack" : "ipv4"),
        dnsRecordIpType: z.enum(["ipv4", "dualstack", "ipv6", "service-defined"] satisfies DnsRecordIpType[]).default(dualStack ? "dualstack" : "ipv4"),
    });

/** An IAM principal ARN that may connect; never `*`. */
const principalSchema = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:(root|role\/.+|user\/.+)$/, { message: "use an IAM principal ARN such as arn:aws:iam::123456789012:root; \"*\" would admit every AWS account" });

export const schema = z
    .strictObject({
        scenario: z.string().optional(),
        azCount: azCountSchema.default(2),
        providerVpc: vpcSchema,
        cluster: clusterSchema,
        echo: z.strictObject({
            port: portSchema.default(8080),
            replicas: z.number().int().min(1).max(10).default(2),
            image: pinnedImageSchema.default("registry.k8s.io/e2e-test-images/agnhost:2.53"),
        }).default({ port: 8080, replicas: 2, image: "registry.k8s.io/e2e-test-images/agnhost:2.53" }),
        nlb: z.strictObject({
            listenerPort: portSchema.default(80),
            ipAddressType: z.enum(["dualstack", "ipv4"]).default("dualstack"),
            targetGroupIpAddressType: z.enum(["ipv6", "ipv4"]).default("ipv6"),
        }).default({ listenerPort: 80, ipAddressType: "dualstack", targetGroupIpAddressType: "ipv6" }),
        endpointService: z.strictObject({
            supportedIpAddressTypes: z.array(z.enum(["ipv4", "ipv6"])).default(["ipv4", "ipv6"]),
            acceptanceRequired: z.boolean().default(false),
            allowedPrincipals: z.array(principalSchema).optional(),
        }).default({ supportedIpAddressTypes: ["ipv4", "ipv6"], acceptanceRequired: false }),
        loadBalancerController: z.strictObject({
            chartVersion: z.string().regex(/^\d+\.\d+\.\d+$/, { message: "pin an exact chart version such as 3.0.0 (helm search repo eks/aws-load-balancer-controller --versions)" }).default(LBC_DEFAULT_CHART_VERSION),
            repository: z.string().regex(/^https:\/\/\S+$/, { message: "use the chart repository's https URL, for example https://aws.github.io/eks-charts" }).default(LBC_DEFAULT_REPOSITORY),
            replicas: z.number().int().min(1).max(3).default(2),
        }).default({ chartVersion: LBC_DEFAULT_CHART_VERSION, repository: LBC_DEFAULT_REPOSITORY, replicas: 2 }),
        consumers: z.strictObject({ ipv4: consumerSchema(false), dualStack: consumerSchema(true) }),
        probes: z.strictObject({
            enabled: z.boolean().default(true),
            runtime: z.string().regex(/^nodejs\d+\.x$/, { message: `use a Node.js Lambda runtime such as ${DEFAULT_PROBE_RUNTIME}` }).default(DEFAULT_PROBE_RUNTIME),
            attempts: z.number().int().min(1, { message: "use 1 to 42 rounds" }).max(42, { message: "use 1 to 42 rounds: each takes up to 20 s and a Lambda function stops after 900 s" }).default(30),
        }).default({ enabled: true, runtime: DEFAULT_PROBE_RUNTIME, attempts: 30 }),
    })
    .superRefine((cfg, ctx) => {
        // The same pure rules the components apply, here so that bad config fails before any
        // resource (the AWS provider included) is registered.
        const rules: [string[], () => void][] = [
            [["nlb", "targetGroupIpAddressType"], () => validateTargetGroupOnLoadBalancer("nlb", cfg.nlb.targetGroupIpAddressType, cfg.nlb.ipAddressType)],
            [["endpointService", "supportedIpAddressTypes"], () => validateServiceIpTypes("endpointService", cfg.endpointService.supportedIpAddressTypes, cfg.nlb.ipAddressType)],
            ...(["ipv4", "dualStack"] as const).flatMap((k): [string[], () => void][] => {
                const c = cfg.consumers[k];
                const dualStack = k === "dualStack";
                return [
                    [["consumers", k], () => validateEndpointIpType(`consumers.${k}`, c.endpointIpAddressType, c.dnsRecordIpType, { ipv4: true, ipv6: dualStack })],
                    [["consumers", k, "endpointIpAddressType"], () => validateEndpointAgainstService(`consumers.${k}`, c.endpointIpAddressType, cfg.endpointService.supportedIpAddressTypes)],
                ];
            }),
            [["consumers"], () => assertNoIpv4Overlap([
                { key: "providerVpc.cidr", cidr: cfg.providerVpc.cidr },
                { key: "consumers.ipv4.vpc.cidr", cidr: cfg.consumers.ipv4.vpc.cidr },
                { key: "consumers.dualStack.vpc.cidr", cidr: cfg.consumers.dualStack.vpc.cidr },
            ])],
        ];
        for (const [fallback, rule] of rules) {
            try {
                rule();
            } catch (e) {
                if (!(e instanceof ConfigError)) throw e;
                // Report the error at the key the rule named.
                ctx.addIssue({ code: "custom", path: e.key.split(".").length > 1 ? e.key.split(".") : fallback, input: e.value, message: e.fix });
            }
        }
    });
export type Config = z.infer<typeof schema>;

/** Resource names the flows refer to. */
export const NAMES = {
    cluster: "cluster",
    nlb: "service-nlb",
    ipv4Endpoint: "ipv4-consumer-endpoint",
    dualStackEndpoint: "dualstack-consumer-endpoint",
    ipv4Function: "ipv4-probe-fn",
    dualStackFunction: "dualstack-probe-fn",
} as const;

/**
 * What the PrivateLink section of the article promises, and the boundary it keeps. With the
 * defaults: the IPv4-only consumer over IPv4, the dual-stack consumer over both families, and
 * never the IPv4-only consumer over IPv6. A family is expected to work when the consumer VPC,
 * its endpoint type and the endpoint's DNS records all carry it (the schema has already made
 * sure the endpoint service offers every family an endpoint uses).
 */
export function flows(cfg: Config): FlowIntent[] {
    const port = cfg.nlb.listenerPort;
    const consumers = [
        { key: "ipv4", label: "IPv4-only consumer", fn: NAMES.ipv4Function, ep: NAMES.ipv4Endpoint, vpcFamilies: ["ipv4"] },
        { key: "dualStack", label: "dual-stack consumer", fn: NAMES.dualStackFunction, ep: NAMES.dualStackEndpoint, vpcFamilies: ["ipv4", "ipv6"] },
    ] as const;
    return consumers.flatMap((c) => {
        const { endpointIpAddressType: type, dnsRecordIpType: dns } = cfg.consumers[c.key];
        const records = dnsRecordTypes(dns, type);
        return (["ipv4", "ipv6"] as const).map((family): FlowIntent => {
            const works = (c.vpcFamilies as readonly string[]).includes(family) && endpointFamilies(type).includes(family) && records.includes(family === "ipv4" ? "A" : "AAAA");
            return {
                name: works
                    ? `${c.label} reaches the IPv6 service over ${family === "ipv4" ? "IPv4" : "IPv6"} through its ${type} endpoint`
                    : `${c.label} has no ${family === "ipv4" ? "IPv4" : "IPv6"} path to its ${type} endpoint`,
                from: { kind: "function", function: c.fn },
                to: { kind: "endpoint", endpoint: c.ep },
                family,
                port,
                expect: works ? "allow" : "deny",
            };
        });
    });
}

export function build(cfg: Config, root: pulumi.ComponentResource) {
    const parent = { parent: root };
    const region = aws.getRegionOutput({}, parent).region;
    const azs = regionAvailabilityZones(parent);
    const account = aws.getCallerIdentityOutput({}, parent).accountId;

    // Provider: the IPv6 cluster's dual-stack VPC.
    const providerVpc = vpcFromConfig("provider-vpc", { configKey: "providerVpc", config: cfg.providerVpc, azCount: cfg.azCount, availabilityZones: azs, ipv6: "generated", hostsEksNodes: true }, parent);

    const cluster = new EksCluster(NAMES.cluster, { ipFamily: "ipv6", vpc: providerVpc, ...clusterSettings(cfg.cluster, "cluster") }, parent);

    const echo = new EchoService("echo", {
        provider: cluster.provider,
        kubernetesVersion: cluster.kubernetesVersion,
        port: cfg.echo.port,
        replicas: cfg.echo.replicas,
        image: cfg.echo.image,
        dependsOn: cluster.workloadDependencies,
    }, parent);

    // The NLB Pulumi owns, its IPv6 target group and the endpoint service on it.
    const service = new PrivateLinkService("service", {
        vpc: providerVpc,
        listenerPort: cfg.nlb.listenerPort,
        targetPort: echo.port,
        targetSecurityGroupId: cluster.nodeSecurityGroupId,
        ipAddressType: cfg.nlb.ipAddressType,
        targetGroupIpAddressType: cfg.nlb.targetGroupIpAddressType,
        supportedIpAddressTypes: cfg.endpointService.supportedIpAddressTypes,
        acceptanceRequired: cfg.endpointService.acceptanceRequired,
        // Default: this account only.
        allowedPrincipals: cfg.endpointService.allowedPrincipals ?? [pulumi.interpolate`arn:aws:iam::${account}:root`],
    }, parent);

    // Pods receive the NLB's traffic and health checks from the NLB's own security group. A
    // security-group reference matches the NLB's interfaces in both families and nothing else,
    // where the VPC /56 would admit every pod and node of the VPC.
    cluster.allowNodeIngress([{ description: "NLB traffic and health checks to the echo pods (IPv6)", protocol: "tcp", fromPort: echo.port, sourceSecurityGroupId: service.securityGroupId }]);

    const controller = new AwsLoadBalancerController("lb-controller", {
        cluster,
        region,
        vpcId: providerVpc.vpcId,
        targetGroupArns: [service.targetGroupArn],
        chartVersion: cfg.loadBalancerController.chartVersion,
        repository: cfg.loadBalancerController.repository,
        replicas: cfg.loadBalancerController.replicas,
    }, parent);
    const binding = controller.bindTargetGroup("echo-targets", {
        namespace: echo.namespace,
        serviceName: echo.serviceName,
        servicePort: echo.port,
        targetGroupArn: service.targetGroupArn,
        ipAddressType: cfg.nlb.targetGroupIpAddressType,
        dependsOn: [echo],
    });

    // Consumers: an IPv4-only VPC and a dual-stack VPC, no NAT, one interface endpoint each.
    const consumer = (key: "ipv4" | "dualStack", prefix: string) => {
        const c = cfg.consumers[key];
        const dualStack = key === "dualStack";
        const vpc = vpcFromConfig(`${prefix}-consumer-vpc`, {
            configKey: `consumers.${key}.vpc`, config: c.vpc, azCount: cfg.azCount, availabilityZones: azs, ipv6: dualStack ? "generated" : "none",
            // The IPv4-only consumer is the point of the scenario: it stays IPv4-only on purpose.
            policyExemption: dualStack ? undefined : { rules: ["vpc-dual-stack"], reason: "the IPv4-only PrivateLink consumer of scenario 3; it reaches the IPv6 service over IPv4 through its ipv4 interface endpoint" },
        }, parent);
        const endpoint = new PrivateLinkConsumer(`${prefix}-consumer`, {
            vpc,
            serviceName: service.serviceName,
            serviceId: service.serviceId,
            serviceIpAddressTypes: service.supportedIpAddressTypes,
            acceptanceRequired: service.acceptanceRequired,
            port: cfg.nlb.listenerPort,
            ipAddressType: c.endpointIpAddressType,
            dnsRecordIpType: c.dnsRecordIpType,
            configKey: `consumers.${key}`,
        }, parent);
        const probe = cfg.probes.enabled
            ? new EndpointProbe(`${prefix}-probe`, {
                vpc,
                host: endpoint.dnsName,
                port: cfg.nlb.listenerPort,
                expectRecords: endpoint.recordTypes,
                families: endpoint.families.filter((f: IpFamily) => f === "ipv4" || vpc.dualStack),
                runtime: cfg.probes.runtime,
                attempts: cfg.probes.attempts,
                triggers: { endpoint: endpoint.endpointId, dnsName: endpoint.dnsName, targetGroup: service.targetGroupArn },
                dependsOn: [...endpoint.ready, binding],
                configKey: "probes",
            }, parent)
            : undefined;
        return { vpc, endpoint, probe };
    };
    const ipv4 = consumer("ipv4", "ipv4");
    const dual = consumer("dualStack", "dualstack");

    const endpointIds = pulumi.interpolate`${ipv4.endpoint.endpointId} ${dual.endpoint.endpointId}`;
    return {
        clusterName: cluster.clusterName,
        kubeconfig: cluster.kubeconfig,
        nlbArn: service.loadBalancerArn,
        targetGroupArn: service.targetGroupArn,
        endpointServiceId: service.serviceId,
        endpointServiceName: service.serviceName,
        providerVpc: { id: providerVpc.vpcId, ipv4Cidr: providerVpc.ipv4Cidr, ipv6Cidr: providerVpc.ipv6Cidr },
        ipv4Consumer: { vpcId: ipv4.vpc.vpcId, endpointId: ipv4.endpoint.endpointId, dnsName: ipv4.endpoint.dnsName, probe: ipv4.probe ? ipv4.probe.functionName : "disabled" },
        dualStackConsumer: { vpcId: dual.vpc.vpcId, endpointId: dual.endpoint.endpointId, dnsName: dual.endpoint.dnsName, probe: dual.probe ? dual.probe.functionName : "disabled" },
        checks: pulumi.interpolate`# after pulumi up (pulumi stack output kubeconfig --show-secrets > kubeconfig && export KUBECONFIG=$PWD/kubeconfig)
aws elbv2 describe-load-balancers --load-balancer-arns ${service.loadBalancerArn} --query 'LoadBalancers[0].IpAddressType'   # dualstack
aws elbv2 describe-target-groups --target-group-arns ${service.targetGroupArn} --query 'TargetGroups[0].[TargetType,IpAddressType]'   # ip, ipv6
aws elbv2 describe-target-health --target-group-arn ${service.targetGroupArn} --query 'TargetHealthDescriptions[].[Target.Id,TargetHealth.State]'   # pod IPv6 addresses, healthy
kubectl -n ${echo.namespace} get targetgroupbindings -o wide
aws ec2 describe-vpc-endpoint-service-configurations --service-ids ${service.serviceId} --query 'ServiceConfigurations[0].SupportedIpAddressTypes'   # ipv4, ipv6
aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${endpointIds} --query 'VpcEndpoints[].[VpcEndpointId,State,IpAddressType,DnsOptions.DnsRecordIpType]'   # available
dig +short A ${ipv4.endpoint.dnsName}; dig +short AAAA ${ipv4.endpoint.dnsName}   # A only
dig +short A ${dual.endpoint.dnsName}; dig +short AAAA ${dual.endpoint.dnsName}   # both
# curl -4 / curl -6 from inside each consumer VPC: the probe functions do exactly that; run them again with
aws lambda invoke --function-name ${ipv4.probe ? ipv4.probe.functionName : "(probes disabled)"} --cli-binary-format raw-in-base64-out --payload '{"host":"'${ipv4.endpoint.dnsName}'","port":${cfg.nlb.listenerPort},"path":"/hostname","expect":{"A":true,"AAAA":false},"families":["ipv4"]}' /dev/stdout
aws lambda invoke --function-name ${dual.probe ? dual.probe.functionName : "(probes disabled)"} --cli-binary-format raw-in-base64-out --payload '{"host":"'${dual.endpoint.dnsName}'","port":${cfg.nlb.listenerPort},"path":"/hostname","expect":{"A":true,"AAAA":true},"families":["ipv4","ipv6"]}' /dev/stdout`,
    };
}

export const scenario: Scenario<Config> = {
    name: "privatelink-interop",
    title: "A service in an IPv6 cluster published through dual-stack PrivateLink to IPv4 and IPv6 consumers",
    schema,
    build,
    flows,
};
