/**
 * Scenario 1, `peering-ipv4-egress` (article figure 6):
 *
 *   [dual-stack VPC: IPv6 EKS cluster] --VPC peering, IPv4 routes--> [IPv4-only VPC: web app behind internal IPv4 NLB]
 *
 * IPv6 pods have no IPv4 address of their own; the VPC CNI gives each pod `v4if0`
 * (169.254.172.0/22) and SNATs it to the node's primary IPv4, so everything that crosses the
 * peering is plain IPv4 from the cluster VPC's IPv4 CIDR. No IPv6 routes are needed.
 *
 * AWS services (the article's first section): the same pods reach an IPv4-only AWS endpoint
 * through v4if0 and the cluster VPC's NAT gateway, and a dual-stack one over IPv6 through its
 * egress-only internet gateway (lib/awsServices.ts); the probe checks both.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { EksCluster, clusterSettings } from "../components/eks/cluster";
import { VpcPeering } from "../components/network/peering";
import { regionAvailabilityZones, vpcFromConfig } from "../components/network/vpc";
import { Ipv4WebApp } from "../components/workloads/ipv4WebApp";
import { ConnectivityProbe } from "../components/workloads/probe";
import { azCountSchema, clusterSchema, instanceTypeSchema, natStrategySchema, pinnedImageSchema, portSchema, vpcSchema } from "../lib/config";
import { assertNoIpv4Overlap } from "../lib/cidr";
import type { FlowIntent } from "../lib/intent";
import { awsServiceChecks, awsServiceFlows, awsServiceManualCheck } from "../lib/awsServices";
import { probedServiceHosts } from "../lib/aws/serviceEndpoints";
import { PROBE_START_UP_SECONDS, scriptBudget } from "../lib/probeBudget";
import { aOnlyCheck, curlCheck, ProbeCheck, renderProbeScript, v4if0Check } from "../lib/probes";
import { planVpc } from "../lib/vpcPlan";
import type { Scenario, ScenarioEnv } from "./scenario";

export const schema = z.strictObject({
    scenario: z.string().optional(),
    azCount: azCountSchema.default(2),
    clusterVpc: vpcSchema,
    appVpc: vpcSchema.extend({ natGateways: natStrategySchema.default("none") }),
    cluster: clusterSchema,
    app: z.strictObject({
        port: portSchema.default(80),
        instanceType: instanceTypeSchema("app").default("t3.micro"),
        instances: z.number().int().min(1).default(1),
    }).default({ port: 80, instanceType: "t3.micro", instances: 1 }),
    probe: z.strictObject({
        enabled: z.boolean().default(true),
        image: pinnedImageSchema.default("nicolaka/netshoot:v0.13"),
        /** Also reach an IPv4-only and a dual-stack AWS service endpoint (lib/awsServices.ts). Default true. */
        awsServices: z.boolean().default(true),
    }).default({ enabled: true, image: "nicolaka/netshoot:v0.13", awsServices: true }),
});
export type Config = z.infer<typeof schema>;

/** The flows figure 6 promises, and the boundary it keeps. */
export function flows(cfg: Config): FlowIntent[] {
    return [
        { name: "IPv6 pod reaches the IPv4 NLB over peering via v4if0 SNAT", from: { kind: "pods", cluster: "cluster" }, to: { kind: "nlb", loadBalancer: "app-nlb" }, family: "ipv4", port: cfg.app.port, expect: "allow" },
        { name: "IPv6 pod cannot reach the IPv4-only NLB over IPv6", from: { kind: "pods", cluster: "cluster" }, to: { kind: "nlb", loadBalancer: "app-nlb" }, family: "ipv6", port: cfg.app.port, expect: "deny" },
        // The cluster VPC's NAT gateway (IPv4) and egress-only internet gateway (IPv6) carry these;
        // without a NAT gateway (clusterVpc.natGateways: none) the IPv4 one is declared denied.
        ...awsServiceFlows("cluster", cfg.clusterVpc.natGateways !== "none"),
    ];
}

/** The probe's checks: v4if0, the app through the peering, and (probe.awsServices) the AWS service endpoints. */
export function probeChecks(cfg: Config, region: string, nlbHost: string, clusterVpcIpv6Cidr: string): ProbeCheck[] {
    return [
        v4if0Check(),
        aOnlyCheck(nlbHost),
        curlCheck("ipv4", `http://${nlbHost}:${cfg.app.port}/`),
        ...(cfg.probe.awsServices ? awsServiceChecks(region, clusterVpcIpv6Cidr, cfg.clusterVpc.natGateways !== "none") : []),
    ];
}

/** The longest the probe script can run (lib/probeBudget.ts): the checks' shape, with placeholder names and blocks. */
export function probeWorstCaseSeconds(cfg: Config, region: string): number {
    return scriptBudget(renderProbeScript(probeChecks(cfg, region, "app.example", "2001:db8::/56"))).total.seconds;
}

/** Everything about the config that the schema cannot see, checked before any resource exists. */
export function validate(cfg: Config, env?: ScenarioEnv): void {
    // The probed endpoints' names exist in the stack's region (refused with the fix otherwise).
    if (env && cfg.probe.enabled && cfg.probe.awsServices) probedServiceHosts(env.region);
    planVpc("clusterVpc", cfg.clusterVpc, cfg.azCount, true);
    planVpc("appVpc", cfg.appVpc, cfg.azCount, false);
    assertNoIpv4Overlap([
        { key: "clusterVpc.cidr", cidr: cfg.clusterVpc.cidr },
        { key: "appVpc.cidr", cidr: cfg.appVpc.cidr },
    ]);
}

export function build(cfg: Config, root: pulumi.ComponentResource, env: ScenarioEnv) {
    const parent = { parent: root };
    const azs = regionAvailabilityZones(parent);

    // Left of figure 6: the IPv6 cluster's dual-stack VPC.
    const clusterVpc = vpcFromConfig("cluster-vpc", { configKey: "clusterVpc", config: cfg.clusterVpc, azCount: cfg.azCount, availabilityZones: azs, ipv6: "generated", hostsEksNodes: true }, parent);

    // Right of figure 6: the IPv4-only VPC with the web application.
    const appVpc = vpcFromConfig("app-vpc", {
        configKey: "appVpc", config: cfg.appVpc, azCount: cfg.azCount, availabilityZones: azs, ipv6: "none",
        policyExemption: { rules: ["vpc-dual-stack"], reason: "the remote IPv4-only application VPC of figure 6; IPv6 pods reach it over IPv4 through the VPC CNI's egress SNAT" },
    }, parent);

    // The peering: IPv4 routes only, both ways, from the private (node and app) route tables.
    const peering = new VpcPeering("cluster-to-app", {
        requester: { vpcId: clusterVpc.vpcId, ipv4Cidr: clusterVpc.ipv4Cidr, ipv6Cidr: clusterVpc.ipv6Cidr, routeTableIds: clusterVpc.privateRouteTableIds, configKey: "clusterVpc" },
        accepter: { vpcId: appVpc.vpcId, ipv4Cidr: appVpc.ipv4Cidr, routeTableIds: appVpc.privateRouteTableIds, configKey: "appVpc" },
        routes: ["ipv4"],
    }, parent);

    const cluster = new EksCluster("cluster", { ipFamily: "ipv6", vpc: clusterVpc, ...clusterSettings(cfg.cluster, "cluster") }, parent);

    // The app admits the cluster VPC's IPv4 CIDR: pods arrive SNATed to their node's IPv4.
    const app = new Ipv4WebApp("app", {
        vpc: appVpc,
        port: cfg.app.port,
        allowedIpv4Cidrs: [clusterVpc.ipv4Cidr],
        instanceType: cfg.app.instanceType,
        instances: cfg.app.instances,
    }, parent);

    const probe = cfg.probe.enabled
        ? new ConnectivityProbe("probe", {
            provider: cluster.provider,
            kubernetesVersion: cluster.kubernetesVersion,
            image: cfg.probe.image,
            checks: pulumi.all([app.nlbDnsName, clusterVpc.ipv6Cidr!]).apply(([host, v6]) => probeChecks(cfg, env.region, host, v6)),
            activeDeadlineSeconds: PROBE_START_UP_SECONDS + probeWorstCaseSeconds(cfg, env.region),
            dependsOn: [...cluster.workloadDependencies, ...peering.routes, app],
        }, parent)
        : undefined;

    return {
        clusterName: cluster.clusterName,
        kubeconfig: cluster.kubeconfig,
        nlbDnsName: app.nlbDnsName,
        appUrl: app.url,
        clusterVpc: { id: clusterVpc.vpcId, ipv4Cidr: clusterVpc.ipv4Cidr, ipv6Cidr: clusterVpc.ipv6Cidr },
        appVpc: { id: appVpc.vpcId, ipv4Cidr: appVpc.ipv4Cidr },
        peeringConnectionId: peering.peeringConnectionId,
        probeJob: probe ? pulumi.interpolate`${probe.namespace}/${probe.jobName}` : "disabled",
        checks: pulumi.interpolate`# after: pulumi stack output kubeconfig --show-secrets > kubeconfig && export KUBECONFIG=$PWD/kubeconfig
kubectl run v4check --rm -it --restart=Never --image=${cfg.probe.image} -- sh -c 'ip -4 addr show dev v4if0; dig +short A ${app.nlbDnsName}; dig +short AAAA ${app.nlbDnsName}; curl -4 -sS ${app.url}'
${cfg.probe.enabled && cfg.probe.awsServices ? awsServiceManualCheck(env.region, cfg.probe.image) : "# (the AWS-service checks are off: probe.enabled or probe.awsServices is false)"}
kubectl -n interop-probes logs job/${probe ? probe.jobName : "(probe disabled)"}`,
    };
}

export const scenario: Scenario<Config> = {
    name: "peering-ipv4-egress",
    title: "IPv6 pods reach an IPv4-only app over VPC peering through the CNI's IPv4 egress (figure 6)",
    schema,
    validate,
    build,
    flows,
};
