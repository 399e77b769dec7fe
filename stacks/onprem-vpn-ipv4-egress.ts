/**
 * Scenario 5, `onprem-vpn-ipv4-egress` (article figure 6's note: "the IPv4 service might be located
 * on an on-premise network"):
 *
 *   [dual-stack VPC: IPv6 EKS cluster] --TGW attachment--> (transit gateway) ==Site-to-Site VPN, static routes==>
 *       [customer gateway: libreswan appliance, Elastic IP] --> [IPv4-only "on-premises" app]
 *
 * The on-premises network is simulated by a separate IPv4-only VPC that is NOT attached to the
 * transit gateway: the only path into it is the VPN. Its appliance instance terminates both
 * tunnels (libreswan, configured from the VPN connection's tunnel outputs) and forwards to the
 * app; the app's subnets route the cluster VPC's IPv4 CIDR back to the appliance.
 *
 * The pod's packets leave through v4if0, SNATed to the node's primary IPv4 (the VPC CNI's IPv4
 * egress), so the VPN carries plain IPv4 from the cluster VPC's IPv4 CIDR; nothing IPv6 crosses.
 *
 * Static routing rather than BGP: the appliance needs no routing daemon, and the routes are
 * resources of this program (the gateway's static route to the VPN attachment), so the offline
 * reachability model proves the path from the recorded graph instead of trusting advertisements
 * it cannot see. The price: no automatic failover between the tunnels on the appliance side
 * (docs/onprem-vpn-ipv4-egress.md, "Static routes or BGP").
 *
 * AWS services (the article's first section): the same pods reach an IPv4-only AWS endpoint
 * through v4if0 and the cluster VPC's NAT gateway, and a dual-stack one over IPv6 through its
 * egress-only internet gateway (lib/awsServices.ts), as in peering-ipv4-egress; the probe checks both.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { EksCluster, clusterSettings } from "../components/eks/cluster";
import { VpnHub } from "../components/network/siteToSiteVpn";
import { regionAvailabilityZones, vpcFromConfig } from "../components/network/vpc";
import { ConnectivityProbe } from "../components/workloads/probe";
import { OnPremApp, VpnAppliance } from "../components/workloads/vpnAppliance";
import { assertNoIpv4Overlap } from "../lib/cidr";
import { azCountSchema, clusterSchema, instanceTypeSchema, natStrategySchema, pinnedImageSchema, portSchema, vpcSchema } from "../lib/config";
import { ConfigError } from "../lib/errors";
import type { FlowIntent } from "../lib/intent";
import { awsServiceChecks, awsServiceFlows, awsServiceManualCheck } from "../lib/awsServices";
import { probedServiceHosts } from "../lib/aws/serviceEndpoints";
import { PROBE_START_UP_SECONDS, scriptBudget } from "../lib/probeBudget";
import { curlOnceCheck, ProbeCheck, renderProbeScript, retrying, v4if0Check } from "../lib/probes";
import { isValidAmazonSideAsn } from "../lib/transitGateway";
import { DEFAULT_PROPOSAL, isValidCgwBgpAsn, requireProposal, tunnelInsideCidrProblem } from "../lib/vpn";
import { planVpc } from "../lib/vpcPlan";
import type { Scenario, ScenarioEnv } from "./scenario";

/**
 * The probe's tries of the app through the tunnel: 30 single 5-second curls, 10 s apart (at most
 * 440 s), while the tunnels come up. With the AWS-service checks (84 s worst case) and start-up
 * (60 s) the Job's deadline stays within pulumi's 10-minute wait (test/lib/probeBudget.test.ts).
 */
const VPN_CURL_ATTEMPTS = 30;
const VPN_CURL_INTERVAL_SECONDS = 10;
const VPN_CURL_MAX_TIME_SECONDS = 5;

const vpnDefaults = {
    tunnelInsideCidrs: ["169.254.10.0/30", "169.254.11.0/30"] as [string, string],
    customerGatewayAsn: 65000,
    amazonSideAsn: 64512,
    proposal: DEFAULT_PROPOSAL,
};

export const schema = z.strictObject({
    scenario: z.string().optional(),
    azCount: azCountSchema.default(2),
    clusterVpc: vpcSchema,
    /** The simulated on-premises network: IPv4-only, public subnets for the appliance, no NAT. */
    onPremVpc: vpcSchema.extend({ natGateways: natStrategySchema.default("none") }),
    vpn: z.strictObject({
        /** Inside /30 of tunnel 1 and tunnel 2. */
        tunnelInsideCidrs: z.tuple([z.string(), z.string()]).default(vpnDefaults.tunnelInsideCidrs),
        customerGatewayAsn: z.number().default(65000),
        amazonSideAsn: z.number().default(64512),
        proposal: z.strictObject({
            encryption: z.enum(["AES128", "AES256"]).default("AES256"),
            integrity: z.enum(["SHA2-256", "SHA2-384", "SHA2-512"]).default("SHA2-256"),
            dhGroup: z.union([z.literal(14), z.literal(15), z.literal(16), z.literal(19), z.literal(20), z.literal(21)]).default(14),
            phase1LifetimeSeconds: z.number().int().default(28800),
            phase2LifetimeSeconds: z.number().int().default(3600),
        }).default(DEFAULT_PROPOSAL),
        applianceInstanceType: instanceTypeSchema("app").default("t3.micro"),
    }).default({ ...vpnDefaults, applianceInstanceType: "t3.micro" }),
    cluster: clusterSchema,
    app: z.strictObject({
        port: portSchema.default(80),
        instanceType: instanceTypeSchema("app").default("t3.micro"),
    }).default({ port: 80, instanceType: "t3.micro" }),
    probe: z.strictObject({
        enabled: z.boolean().default(true),
        image: pinnedImageSchema.default("nicolaka/netshoot:v0.13"),
        /** Also reach an IPv4-only and a dual-stack AWS service endpoint (lib/awsServices.ts). Default true. */
        awsServices: z.boolean().default(true),
    }).default({ enabled: true, image: "nicolaka/netshoot:v0.13", awsServices: true }),
});
export type Config = z.infer<typeof schema>;

/** The flow the note under figure 6 promises, and the boundary it keeps. */
export function flows(cfg: Config): FlowIntent[] {
    const pods = { kind: "pods", cluster: "cluster" } as const;
    const app = { kind: "instance", instance: "onprem-app" } as const;
    return [
        { name: "IPv6 pod reaches the on-premises IPv4-only app over IPv4 (v4if0 SNAT) through the transit gateway and the Site-to-Site VPN", from: pods, to: app, family: "ipv4", port: cfg.app.port, expect: "allow" },
        { name: "IPv6 pod cannot reach the on-premises IPv4-only app over IPv6 (it has no IPv6 address, and the tunnels carry IPv4)", from: pods, to: app, family: "ipv6", port: cfg.app.port, expect: "deny" },
        // The cluster VPC's NAT gateway (IPv4) and egress-only internet gateway (IPv6) carry these;
        // without a NAT gateway (clusterVpc.natGateways: none) the IPv4 one is declared denied.
        ...awsServiceFlows("cluster", cfg.clusterVpc.natGateways !== "none"),
    ];
}

/**
 * The probe's checks: v4if0, the app through the tunnel (retried while the tunnels come up), and
 * (probe.awsServices) the AWS service endpoints.
 */
export function probeChecks(cfg: Config, region: string, appUrl: string, clusterVpcIpv6Cidr: string): ProbeCheck[] {
    return [
        v4if0Check(),
        retrying(curlOnceCheck("ipv4", appUrl, VPN_CURL_MAX_TIME_SECONDS), VPN_CURL_ATTEMPTS, VPN_CURL_INTERVAL_SECONDS),
        ...(cfg.probe.awsServices ? awsServiceChecks(region, clusterVpcIpv6Cidr, cfg.clusterVpc.natGateways !== "none") : []),
    ];
}

/** The longest the probe script can run (lib/probeBudget.ts): the checks' shape, with placeholder address and block. */
export function probeWorstCaseSeconds(cfg: Config, region: string): number {
    return scriptBudget(renderProbeScript(probeChecks(cfg, region, `http://192.0.2.10:${cfg.app.port}/`, "2001:db8::/56"))).total.seconds;
}

/** Cross-key checks, before any resource. */
export function validate(cfg: Config, env?: ScenarioEnv): void {
    // The probed endpoints' names exist in the stack's region (refused with the fix otherwise).
    if (env && cfg.probe.enabled && cfg.probe.awsServices) probedServiceHosts(env.region);
    planVpc("clusterVpc", cfg.clusterVpc, cfg.azCount, true);
    planVpc("onPremVpc", cfg.onPremVpc, cfg.azCount, false);
    assertNoIpv4Overlap([
        { key: "clusterVpc.cidr", cidr: cfg.clusterVpc.cidr },
        { key: "onPremVpc.cidr", cidr: cfg.onPremVpc.cidr },
    ]);
    cfg.vpn.tunnelInsideCidrs.forEach((c, i) => {
        const problem = tunnelInsideCidrProblem(c);
        if (problem) throw new ConfigError(`vpn.tunnelInsideCidrs[${i}]`, c, problem);
    });
    if (cfg.vpn.tunnelInsideCidrs[0] === cfg.vpn.tunnelInsideCidrs[1]) throw new ConfigError("vpn.tunnelInsideCidrs", cfg.vpn.tunnelInsideCidrs, "the two tunnels need different inside /30s");
    if (!isValidCgwBgpAsn(cfg.vpn.customerGatewayAsn)) throw new ConfigError("vpn.customerGatewayAsn", cfg.vpn.customerGatewayAsn, "use an ASN from 1 to 2147483647 (a private one: 64512 to 65534)");
    if (!isValidAmazonSideAsn(cfg.vpn.amazonSideAsn)) throw new ConfigError("vpn.amazonSideAsn", cfg.vpn.amazonSideAsn, "use a private ASN: 64512 to 65534, or 4200000000 to 4294967294");
    if (cfg.vpn.customerGatewayAsn === cfg.vpn.amazonSideAsn) throw new ConfigError("vpn.customerGatewayAsn", cfg.vpn.customerGatewayAsn, `use an ASN other than the Amazon side's (${cfg.vpn.amazonSideAsn})`);
    requireProposal("vpn.proposal", cfg.vpn.proposal);
}

export function build(cfg: Config, root: pulumi.ComponentResource, env: ScenarioEnv) {
    const parent = { parent: root };
    const azs = regionAvailabilityZones(parent);

    // AWS side: the IPv6 cluster's dual-stack VPC.
    const clusterVpc = vpcFromConfig("cluster-vpc", { configKey: "clusterVpc", config: cfg.clusterVpc, azCount: cfg.azCount, availabilityZones: azs, ipv6: "generated", hostsEksNodes: true }, parent);

    // "On premises": an IPv4-only VPC, not attached to the gateway; the VPN is its only way in.
    const onPremVpc = vpcFromConfig("onprem-vpc", {
        configKey: "onPremVpc", config: cfg.onPremVpc, azCount: cfg.azCount, availabilityZones: azs, ipv6: "none",
        policyExemption: { rules: ["vpc-dual-stack"], reason: "the simulated on-premises IPv4-only network of the figure 6 note; reached only through the Site-to-Site VPN, over IPv4 from the VPC CNI's egress SNAT" },
    }, parent);

    // The appliance's address exists first: the customer gateway names it.
    const applianceIp = new aws.ec2.Eip("vpn-appliance", { domain: "vpc", tags: { Name: "vpn-appliance" } }, parent);

    const hub = new VpnHub("hub", {
        vpc: clusterVpc,
        vpcConfigKey: "clusterVpc",
        customerGatewayIp: applianceIp.publicIp,
        onPremCidr: onPremVpc.ipv4Cidr,
        tunnelInsideCidrs: cfg.vpn.tunnelInsideCidrs,
        proposal: cfg.vpn.proposal,
        customerGatewayAsn: cfg.vpn.customerGatewayAsn,
        amazonSideAsn: cfg.vpn.amazonSideAsn,
    }, parent);

    const appliance = new VpnAppliance("vpn-appliance", {
        vpc: onPremVpc,
        eip: applianceIp,
        tunnels: pulumi.all([hub.tunnel1Address, hub.tunnel2Address, hub.pskParameterNames[0], hub.pskParameterNames[1]]).apply(([a1, a2, p1, p2]) => [
            { outsideAddress: a1, insideCidr: cfg.vpn.tunnelInsideCidrs[0], pskParameter: p1 },
            { outsideAddress: a2, insideCidr: cfg.vpn.tunnelInsideCidrs[1], pskParameter: p2 },
        ] as [{ outsideAddress: string; insideCidr: string; pskParameter: string }, { outsideAddress: string; insideCidr: string; pskParameter: string }]),
        pskParameterArns: hub.pskParameterArns,
        awsCidr: clusterVpc.ipv4Cidr,
        forwardPorts: [cfg.app.port],
        proposal: cfg.vpn.proposal,
        instanceType: cfg.vpn.applianceInstanceType,
    }, parent);

    const cluster = new EksCluster("cluster", { ipFamily: "ipv6", vpc: clusterVpc, ...clusterSettings(cfg.cluster, "cluster") }, parent);

    // The app admits the cluster VPC's IPv4 CIDR: pods arrive SNATed to their node's IPv4, unchanged by the tunnel.
    const app = new OnPremApp("onprem-app", { vpc: onPremVpc, port: cfg.app.port, allowedIpv4Cidrs: [clusterVpc.ipv4Cidr], instanceType: cfg.app.instanceType }, parent);

    const probe = cfg.probe.enabled
        ? new ConnectivityProbe("probe", {
            provider: cluster.provider,
            kubernetesVersion: cluster.kubernetesVersion,
            image: cfg.probe.image,
            // The tunnels come up after the appliance boots (package install, IKE), usually long before
            // the nodes are ready; should they not, retry: 30 tries of 5 s, 10 s apart, at most 440 s;
            // the Job's deadline is the whole script's worst case (lib/probeBudget.ts) plus start-up.
            checks: pulumi.all([app.url, clusterVpc.ipv6Cidr!]).apply(([url, v6]) => probeChecks(cfg, env.region, url, v6)),
            activeDeadlineSeconds: PROBE_START_UP_SECONDS + probeWorstCaseSeconds(cfg, env.region),
            dependsOn: [...cluster.workloadDependencies, ...hub.routes, ...appliance.routes, appliance, app],
        }, parent)
        : undefined;

    return {
        clusterName: cluster.clusterName,
        kubeconfig: cluster.kubeconfig,
        transitGatewayId: hub.transitGatewayId,
        transitGatewayRouteTableId: hub.routeTableId,
        vpnConnectionId: hub.vpnConnectionId,
        vpnAttachmentId: hub.vpnAttachmentId,
        customerGatewayId: hub.customerGatewayId,
        applianceInstanceId: appliance.instance.id,
        appliancePublicIp: applianceIp.publicIp,
        appUrl: app.url,
        clusterVpc: { id: clusterVpc.vpcId, ipv4Cidr: clusterVpc.ipv4Cidr, ipv6Cidr: clusterVpc.ipv6Cidr },
        onPremVpc: { id: onPremVpc.vpcId, ipv4Cidr: onPremVpc.ipv4Cidr },
        probeJob: probe ? pulumi.interpolate`${probe.namespace}/${probe.jobName}` : "disabled",
        checks: pulumi.interpolate`# after: pulumi stack output kubeconfig --show-secrets > kubeconfig && export KUBECONFIG=$PWD/kubeconfig
# 1. Both tunnels UP, as AWS sees them (a static VPN accepts traffic on either):
aws ec2 describe-vpn-connections --vpn-connection-ids ${hub.vpnConnectionId} --query 'VpnConnections[0].VgwTelemetry[].[OutsideIpAddress,Status,StatusMessage]' --output table
# 2. The gateway routes the on-premises CIDR to the VPN attachment (static) and the cluster VPC (propagated):
aws ec2 search-transit-gateway-routes --transit-gateway-route-table-id ${hub.routeTableId} --filters Name=state,Values=active --query 'Routes[].[DestinationCidrBlock,Type,TransitGatewayAttachments[0].ResourceType]' --output table
# 3. On the appliance (Session Manager), the IPsec SAs and their byte counters:
aws ssm start-session --target ${appliance.instance.id}   # then: sudo ipsec trafficstatus; ip route show ${clusterVpc.ipv4Cidr}
# 4. From an IPv6 pod, through v4if0, the gateway and the tunnel:
kubectl run vpncheck --rm -it --restart=Never --image=${cfg.probe.image} -- sh -c 'ip -4 addr show dev v4if0; curl -4 -sS ${app.url}'
${cfg.probe.enabled && cfg.probe.awsServices ? awsServiceManualCheck(env.region, cfg.probe.image) : "# (the AWS-service checks are off: probe.enabled or probe.awsServices is false)"}
kubectl -n interop-probes logs job/${probe ? probe.jobName : "(probe disabled)"}`,
    };
}

export const scenario: Scenario<Config> = {
    name: "onprem-vpn-ipv4-egress",
    title: "IPv6 pods reach an IPv4-only on-premises app over IPv4 through a transit gateway and a Site-to-Site VPN (figure 6 note)",
    schema,
    validate,
    build,
    flows,
};
