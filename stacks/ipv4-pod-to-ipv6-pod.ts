/**
 * Scenario 4, `ipv4-pod-to-ipv6-pod` (article figures 7, 7a and 7b):
 *
 *   [IPv4 VPC + Amazon IPv6 /56 (opt-in): IPv4 EKS cluster, vpc-cni ENABLE_V6_EGRESS]
 *        --VPC peering, IPv6 routes only-->
 *   [dual-stack VPC: IPv6 EKS cluster, echo pods behind a headless Service]
 *        Route 53 private hosted zone on both VPCs, kept current by ExternalDNS (AAAA = pod IPv6)
 *
 * The IPv4 cluster is not rebuilt. Step 1 (figure 7a): its VPC opts in to IPv6, as an existing
 * IPv4 VPC does, with a separate `VpcIpv6CidrBlockAssociation` (the Vpc component's
 * `ipv6: "association"` mode), and its node subnets gain a /64 each with
 * `assignIpv6AddressOnCreation`. Step 2: the VPC CNI's `ENABLE_V6_EGRESS` goes on, in `env` and
 * in `init.env` (amazon-vpc-cni-k8s#3124). Pods then get `v6if0` with a ULA address in
 * fd00::ac:00/118 that the node SNATs to its own global IPv6, so what crosses the peering comes
 * from the IPv4 cluster VPC's /56: that is the source the IPv6 cluster's nodes admit.
 *
 * Nodes must be replaced after the opt-in (the article: "requires a reboot to all worker-nodes";
 * an instance only gets an IPv6 address at launch, and without one the CNI silently leaves v6
 * egress off). On `pulumi up` the EksCluster component does it: its launch template carries the
 * tag `ipv6-subnets` with the node subnets' IPv6 blocks, so the opt-in changes the template, a
 * new template version follows, and the managed node group rolls its nodes one at a time
 * (`updateConfig.maxUnavailable: 1`) onto instances that have an IPv6 address.
 *
 * `ipv4ClusterVpc.ipv6: none` with `ipv4Cluster.v6Egress: false` deploys figure 7, the state
 * before the opt-in (no IPv6 in the IPv4 VPC, no peering, the probe checks that there is no
 * IPv6 path); switching both keys and running `pulumi up` performs figure 7a on the live stack.
 *
 * Remote ClusterIPs are ULA and unroutable across VPCs, so discovery is plain DNS: ExternalDNS
 * in the IPv6 cluster publishes the headless Service's pod addresses as AAAA records into a
 * private hosted zone that both VPCs resolve. No IPv4 routes cross the peering (figure 7b's
 * note), yet overlapping IPv4 CIDRs are still refused: AWS will not peer them.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { EksCluster, clusterSettings } from "../components/eks/cluster";
import { ExternalDns } from "../components/eks/externalDns";
import { VpcPeering } from "../components/network/peering";
import { regionAvailabilityZones, vpcFromConfig } from "../components/network/vpc";
import { EchoService } from "../components/workloads/echoService";
import { ConnectivityProbe } from "../components/workloads/probe";
import { assertNoIpv4Overlap } from "../lib/cidr";
import { azCountSchema, clusterSchema, pinnedImageSchema, portSchema, vpcSchema } from "../lib/config";
import { ConfigError } from "../lib/errors";
import { EXTERNAL_DNS_ANNOTATIONS, EXTERNAL_DNS_CHART, EXTERNAL_DNS_NAMESPACE, dnsPublishBoundSeconds, isTxtOwnerId, isZoneName } from "../lib/externalDns";
import type { FlowIntent } from "../lib/intent";
import {
    ProbeCheck,
    aaaaWithinCheck,
    clientIpWithinCheck,
    curlFirstAaaaCheck,
    failsCheck,
    noV6if0Check,
    renderProbeScript,
    retrying,
    retryBudgetSeconds,
    v6if0Check,
} from "../lib/probes";
import { PROBE_START_UP_SECONDS, scriptBudget } from "../lib/probeBudget";
import { buildVpcCniConfiguration } from "../lib/vpcCni";
import { planVpc } from "../lib/vpcPlan";
import type { Scenario } from "./scenario";

/**
 * How long `pulumi up` waits for a Job to complete (pulumi-kubernetes' default, 10 minutes): the
 * probe's start-up plus its script's worst case (lib/probeBudget.ts) must fit inside it.
 */
export const PROBE_JOB_WAIT_SECONDS = 600;

/** Names of the two EksCluster components (also the FlowEndpoint `pods` names). */
export const IPV4_CLUSTER = "ipv4-cluster";
export const IPV6_CLUSTER = "ipv6-cluster";

const dnsLabel = z.string().regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)$/, { message: "use one lower-case DNS label such as echo" });

export const schema = z
    .strictObject({
        scenario: z.string().optional(),
        azCount: azCountSchema.default(2),
        /**
         * The IPv4 cluster's VPC. `ipv6: association` opts it in to an Amazon IPv6 /56 the way an
         * existing IPv4 VPC does (figure 7a); `none` is the state before the opt-in (figure 7),
         * from which switching to `association` shows the opt-in and the node roll on `pulumi up`.
         */
        ipv4ClusterVpc: vpcSchema.extend({
            ipv6: z.enum(["association", "none"], { message: 'use "association" (opt the VPC in to an Amazon IPv6 /56) or "none" (before the opt-in)' }).default("association"),
        }),
        ipv6ClusterVpc: vpcSchema,
        /** The IPv4 cluster; `v6Egress` is ENABLE_V6_EGRESS (default true). */
        ipv4Cluster: clusterSchema.extend({ v6Egress: z.boolean().default(true) }),
        ipv6Cluster: clusterSchema,
        echo: z
            .strictObject({
                port: portSchema.default(8080),
                replicas: z.number().int().min(1).max(10).default(2),
                /** First label of the published name: `<hostname>.<dns.zoneName>`. */
                hostname: dnsLabel.default("echo"),
                /** TTL of the AAAA records; short, because pod addresses change. */
                ttlSeconds: z.number().int().min(5).max(300).default(30),
            })
            .default({ port: 8080, replicas: 2, hostname: "echo", ttlSeconds: 30 }),
        dns: z
            .strictObject({
                zoneName: z.string().refine(isZoneName, { message: "use a lower-case DNS name with at least two labels and no trailing dot, for example pods.ipv6-interop.internal" }).default("pods.ipv6-interop.internal"),
            })
            .default({ zoneName: "pods.ipv6-interop.internal" }),
        externalDns: z
            .strictObject({
                chart: z
                    .strictObject({
                        version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: "pin an exact chart version such as 1.21.1" }).default(EXTERNAL_DNS_CHART.version),
                        repository: z.url({ protocol: /^(https|oci)$/, message: "use the chart repository URL, https://kubernetes-sigs.github.io/external-dns/" }).default(EXTERNAL_DNS_CHART.repository),
                    })
                    .default({ version: EXTERNAL_DNS_CHART.version, repository: EXTERNAL_DNS_CHART.repository }),
                policy: z.enum(["sync", "upsert-only"], { message: 'use "sync" (deletes records of pods that are gone) or "upsert-only"' }).default("sync"),
                /** txt registry owner ID. Default: `<stack>-ipv6-cluster`. */
                txtOwnerId: z.string().refine(isTxtOwnerId, { message: "use lower-case letters, digits and hyphens, at most 63 characters" }).optional(),
            })
            .default({ chart: { version: EXTERNAL_DNS_CHART.version, repository: EXTERNAL_DNS_CHART.repository }, policy: "sync" }),
        probe: z
            .strictObject({
                enabled: z.boolean().default(true),
                image: pinnedImageSchema.default("nicolaka/netshoot:v0.13"),
                /**
                 * Seconds before the first DNS query. Route 53 reports a change INSYNC within 60 s
                 * (developer guide, GetChange); a query that comes earlier gets NXDOMAIN, which a
                 * resolver may cache for the SOA's negative TTL (900 s with Route 53's default SOA,
                 * RFC 2308). Whether the VPC resolver does so for private zones we could not
                 * confirm *(unsure)*, so the probe does not ask before the records can be
                 * everywhere. CoreDNS caps its own negative caching at 30 s (EKS's `cache 30`).
                 */
                dnsFirstQueryDelaySeconds: z.number().int().min(0).max(120).default(60),
                /**
                 * DNS propagation: ExternalDNS publishes within 5 s of the pods' readiness
                 * (event-driven), then Route 53 to the VPC resolver. Delay plus retries must
                 * cover `dnsPublishBoundSeconds()` (95 s) and keep the script's worst case plus start-up within pulumi's wait for the Job.
                 */
                dnsAttempts: z.number().int().min(1).max(60).default(12),
                dnsIntervalSeconds: z.number().int().min(1).max(30).default(10),
            })
            .default({ enabled: true, image: "nicolaka/netshoot:v0.13", dnsFirstQueryDelaySeconds: 60, dnsAttempts: 12, dnsIntervalSeconds: 10 }),
    })
    .superRefine((cfg, ctx) => {
        const fromError = (fn: () => void, path?: (string | number)[]) => {
            try {
                fn();
            } catch (e) {
                if (!(e instanceof ConfigError)) throw e;
                ctx.addIssue({ code: "custom", path: path ?? e.key.split("."), message: e.fix, input: e.value });
            }
        };
        // Peering refuses overlapping IPv4 CIDRs even though only IPv6 routes cross it.
        fromError(() => assertNoIpv4Overlap([
            { key: "ipv4ClusterVpc.cidr", cidr: cfg.ipv4ClusterVpc.cidr },
            { key: "ipv6ClusterVpc.cidr", cidr: cfg.ipv6ClusterVpc.cidr },
        ]));
        if (cfg.ipv4ClusterVpc.ipv6 === "none" && cfg.ipv4Cluster.v6Egress) {
            ctx.addIssue({ code: "custom", path: ["ipv4Cluster", "v6Egress"], input: true, message: 'v6 egress needs node IPv6 addresses, and ipv4ClusterVpc.ipv6 is "none"; opt the VPC in first with ipv4ClusterVpc.ipv6: association (figure 7a, step 1), or set v6Egress to false' });
        }
        // The IPv6 indexes are planned (and checked) even before the opt-in, ready for it.
        fromError(() => planVpc("ipv4ClusterVpc", cfg.ipv4ClusterVpc, cfg.azCount, true));
        fromError(() => planVpc("ipv6ClusterVpc", cfg.ipv6ClusterVpc, cfg.azCount, true));
        // The v6-egress floor (1.13.0) for a pinned vpc-cni version; unset resolves at deploy.
        fromError(() => buildVpcCniConfiguration({ ipFamily: "ipv4", addonVersion: cfg.ipv4Cluster.vpcCniVersion, v6Egress: cfg.ipv4Cluster.v6Egress }), ["ipv4Cluster", "vpcCniVersion"]);
        fromError(() => buildVpcCniConfiguration({ ipFamily: "ipv6", addonVersion: cfg.ipv6Cluster.vpcCniVersion }), ["ipv6Cluster", "vpcCniVersion"]);
        const dnsWait = cfg.probe.dnsFirstQueryDelaySeconds + retryBudgetSeconds(cfg.probe.dnsAttempts, cfg.probe.dnsIntervalSeconds);
        if (cfg.probe.enabled && dnsWait < dnsPublishBoundSeconds()) {
            ctx.addIssue({ code: "custom", path: ["probe", "dnsAttempts"], input: cfg.probe.dnsAttempts, message: `dnsFirstQueryDelaySeconds + dnsAttempts x dnsIntervalSeconds is ${dnsWait} s; give it at least ${dnsPublishBoundSeconds()} s (ExternalDNS 5 s after the pods are ready, Route 53 up to 60 s to sync, CoreDNS may cache an early NXDOMAIN 30 s), for example dnsAttempts: 12 with dnsIntervalSeconds: 10` });
        }
        const worst = cfg.probe.enabled ? probeWorstCaseSeconds(cfg) : 0;
        if (worst + PROBE_START_UP_SECONDS > PROBE_JOB_WAIT_SECONDS) {
            ctx.addIssue({ code: "custom", path: ["probe", "dnsAttempts"], input: cfg.probe.dnsAttempts, message: `the probe script can run ${worst} s (dnsFirstQueryDelaySeconds, then dnsAttempts tries of a DNS query that may take 4 s plus dnsIntervalSeconds, then the curl checks); with ${PROBE_START_UP_SECONDS} s to start, that must stay within ${PROBE_JOB_WAIT_SECONDS} s, pulumi's wait for the Job: lower dnsAttempts, dnsIntervalSeconds or dnsFirstQueryDelaySeconds` });
        }
    });
export type Config = z.infer<typeof schema>;

/** The published name of the echo pods. */
export function echoFqdn(cfg: Config): string {
    return `${cfg.echo.hostname}.${cfg.dns.zoneName}`;
}

/** The flows figure 7b promises, and the boundaries it keeps. */
export function flows(cfg: Config): FlowIntent[] {
    const v4pods = { kind: "pods", cluster: IPV4_CLUSTER } as const;
    const v6pods = { kind: "pods", cluster: IPV6_CLUSTER } as const;
    const port = cfg.echo.port;
    return [
        cfg.ipv4Cluster.v6Egress
            ? { name: "IPv4-cluster pod reaches IPv6-cluster pods over IPv6 via v6if0 SNAT to the node's IPv6", from: v4pods, to: v6pods, family: "ipv6", port, expect: "allow" }
            : { name: "without ENABLE_V6_EGRESS the IPv4-cluster pod has no IPv6 path to IPv6-cluster pods", from: v4pods, to: v6pods, family: "ipv6", port, expect: "deny" },
        { name: "IPv6-cluster pods have no IPv4 address and the peering carries no IPv4 routes", from: v4pods, to: v6pods, family: "ipv4", port, expect: "deny" },
        { name: "v6 egress is egress only: IPv6-cluster pods cannot open connections to IPv4-cluster pods", from: v6pods, to: v4pods, family: "ipv6", port, expect: "deny" },
    ];
}

/**
 * The probe's checks: figure 7b working, or (v6 egress off, before or after the opt-in) the
 * boundary: no v6if0 and no IPv6 path, although the name resolves. `ipv4VpcIpv6Cidr` is
 * undefined before the opt-in.
 */
export function probeChecks(cfg: Config, ipv4VpcIpv6Cidr: string | undefined, ipv6VpcIpv6Cidr: string): ProbeCheck[] {
    const host = echoFqdn(cfg);
    const port = cfg.echo.port;
    const dns = retrying(aaaaWithinCheck(host, ipv6VpcIpv6Cidr), cfg.probe.dnsAttempts, cfg.probe.dnsIntervalSeconds, cfg.probe.dnsFirstQueryDelaySeconds);
    if (!cfg.ipv4Cluster.v6Egress || ipv4VpcIpv6Cidr === undefined) {
        return [noV6if0Check(), dns, failsCheck(curlFirstAaaaCheck(host, port), "no IPv6 path without v6 egress")];
    }
    return [
        v6if0Check(),
        dns,
        // Security group rules and routes may settle a little after the records appear.
        retrying(curlFirstAaaaCheck(host, port), 6, 5),
        clientIpWithinCheck(host, port, ipv4VpcIpv6Cidr),
    ];
}

/**
 * The longest the probe script can run (lib/probeBudget.ts). It depends on the checks' shape,
 * not on the CIDRs, so placeholder blocks stand in for the ones AWS assigns.
 */
export function probeWorstCaseSeconds(cfg: Config): number {
    const placeholder = "2001:db8::/56";
    return scriptBudget(renderProbeScript(probeChecks(cfg, cfg.ipv4Cluster.v6Egress ? placeholder : undefined, placeholder))).total.seconds;
}

/** A txt owner ID from the stack name: lower-case, hyphens, at most 63 characters. */
export function defaultTxtOwnerId(stack: string): string {
    const base = `${stack}-${IPV6_CLUSTER}`.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+/, "");
    return base.slice(0, 63).replace(/-+$/, "") || IPV6_CLUSTER;
}

export function build(cfg: Config, root: pulumi.ComponentResource) {
    const parent = { parent: root };
    const azs = regionAvailabilityZones(parent);
    const region = aws.getRegionOutput({}, parent).region;
    const fqdn = echoFqdn(cfg);

    // Left of figure 7a: the IPv4 cluster's VPC, opted in to IPv6 by a separate association
    // (or, with ipv6: none, still IPv4-only as in figure 7, its IPv6 indexes planned but unused).
    const optedIn = cfg.ipv4ClusterVpc.ipv6 === "association";
    const v4plan = planVpc("ipv4ClusterVpc", cfg.ipv4ClusterVpc, cfg.azCount, true);
    const ipv4Vpc = vpcFromConfig("ipv4-cluster-vpc", {
        configKey: "ipv4ClusterVpc",
        config: cfg.ipv4ClusterVpc,
        azCount: cfg.azCount,
        availabilityZones: azs,
        ipv6: optedIn ? "association" : "none",
        plan: optedIn ? v4plan : { ...v4plan, publicIpv6Indexes: undefined, privateIpv6Indexes: undefined },
        hostsEksNodes: true,
        // Before the opt-in the VPC is IPv4-only on purpose: the starting point of figure 7.
        policyExemption: optedIn ? undefined : { rules: ["vpc-dual-stack"], reason: "figure 7 before the opt-in: the existing IPv4 cluster VPC; set ipv4ClusterVpc.ipv6 to association to opt in" },
    }, parent);

    // Right of figure 7b: the IPv6 cluster's own dual-stack VPC.
    const ipv6Vpc = vpcFromConfig("ipv6-cluster-vpc", { configKey: "ipv6ClusterVpc", config: cfg.ipv6ClusterVpc, azCount: cfg.azCount, availabilityZones: azs, ipv6: "generated", hostsEksNodes: true }, parent);
    const ipv4Vpc6 = ipv4Vpc.ipv6Cidr; // undefined before the opt-in
    const ipv6Vpc6 = ipv6Vpc.ipv6Cidr!;

    // Figure 7b's note: IPv6 routes only, both ways, from the node route tables. Before the
    // opt-in there is nothing to route (figure 7: no path between the clusters).
    const peering = ipv4Vpc6
        ? new VpcPeering("ipv4-to-ipv6-cluster", {
            requester: { vpcId: ipv4Vpc.vpcId, ipv4Cidr: ipv4Vpc.ipv4Cidr, ipv6Cidr: ipv4Vpc6, routeTableIds: ipv4Vpc.privateRouteTableIds, configKey: "ipv4ClusterVpc", ipv6DependsOn: ipv4Vpc.ipv6Dependencies },
            accepter: { vpcId: ipv6Vpc.vpcId, ipv4Cidr: ipv6Vpc.ipv4Cidr, ipv6Cidr: ipv6Vpc6, routeTableIds: ipv6Vpc.privateRouteTableIds, configKey: "ipv6ClusterVpc", ipv6DependsOn: ipv6Vpc.ipv6Dependencies },
            routes: ["ipv6"],
        }, parent)
        : undefined;

    // The IPv4 cluster, unchanged but for ENABLE_V6_EGRESS (env and init.env). Its node security
    // group already has ::/0 egress because its VPC is now dual-stack; replies need no rule.
    const ipv4Cluster = new EksCluster(IPV4_CLUSTER, {
        ipFamily: "ipv4",
        vpc: ipv4Vpc,
        ...clusterSettings(cfg.ipv4Cluster, "ipv4Cluster"),
        vpcCni: { version: cfg.ipv4Cluster.vpcCniVersion, v6Egress: cfg.ipv4Cluster.v6Egress },
    }, parent);
    // Path MTU discovery for replies ("Packet Too Big" from the IPv6 side).
    if (ipv4Vpc6) ipv4Cluster.allowNodeIngress([{ description: "ICMPv6 from the IPv6 cluster VPC (path MTU discovery)", protocol: "icmpv6", cidrIpv6: ipv6Vpc6 }]);

    const ipv6Cluster = new EksCluster(IPV6_CLUSTER, { ipFamily: "ipv6", vpc: ipv6Vpc, ...clusterSettings(cfg.ipv6Cluster, "ipv6Cluster") }, parent);
    // The source of IPv4-cluster pods here is their node's IPv6 (SNAT), from the IPv4 cluster VPC's /56.
    const peerIngress = ipv4Vpc6
        ? ipv6Cluster.allowNodeIngress([
            { description: "echo port from IPv4-cluster node IPv6 addresses (v6 egress SNAT)", protocol: "tcp", fromPort: cfg.echo.port, cidrIpv6: ipv4Vpc6 },
            { description: "ICMPv6 from the IPv4 cluster VPC (path MTU discovery)", protocol: "icmpv6", cidrIpv6: ipv4Vpc6 },
        ])
        : [];

    // Discovery: one private hosted zone, associated inline with both VPCs. Inline `vpcs` rather
    // than aws.route53.ZoneAssociation: a private zone needs one VPC at creation anyway, and the
    // provider documents a perpetual diff when inline VPCs and ZoneAssociation mix on one zone;
    // separate associations are only needed across accounts. Deletion order follows the
    // dependencies: ExternalDNS (which depends on the zone through its policy) goes first, then
    // the zone (forceDestroy removes the AAAA/TXT records ExternalDNS left), then the VPCs.
    const zone = new aws.route53.Zone("pods-zone", {
        name: cfg.dns.zoneName,
        comment: `Pod addresses of ${IPV6_CLUSTER}, published by ExternalDNS; resolvable from both cluster VPCs`,
        vpcs: [{ vpcId: ipv6Vpc.vpcId }, { vpcId: ipv4Vpc.vpcId }],
        forceDestroy: true,
    }, parent);

    const externalDns = new ExternalDns("external-dns", {
        cluster: ipv6Cluster,
        zone: { id: zone.zoneId, arn: zone.arn, name: cfg.dns.zoneName },
        region,
        txtOwnerId: cfg.externalDns.txtOwnerId ?? defaultTxtOwnerId(pulumi.getStack()),
        policy: cfg.externalDns.policy,
        chart: cfg.externalDns.chart,
        dependsOn: ipv6Cluster.workloadDependencies,
    }, parent);

    const echo = new EchoService("echo", {
        provider: ipv6Cluster.provider,
        kubernetesVersion: ipv6Cluster.kubernetesVersion,
        port: cfg.echo.port,
        replicas: cfg.echo.replicas,
        headless: true,
        headlessAnnotations: { [EXTERNAL_DNS_ANNOTATIONS.hostname]: fqdn, [EXTERNAL_DNS_ANNOTATIONS.ttl]: String(cfg.echo.ttlSeconds) },
        dependsOn: ipv6Cluster.workloadDependencies,
    }, parent);

    const probe = cfg.probe.enabled
        ? new ConnectivityProbe("probe", {
            provider: ipv4Cluster.provider,
            kubernetesVersion: ipv4Cluster.kubernetesVersion,
            image: cfg.probe.image,
            checks: pulumi.all([ipv4Vpc6, ipv6Vpc6]).apply(([v4, v6]) => probeChecks(cfg, v4 || undefined, v6)),
            // Start-up and the script's worst case (the first-query delay, DNS retries, curl
            // retries), which the schema keeps inside pulumi's 10-minute wait for the Job.
            activeDeadlineSeconds: PROBE_START_UP_SECONDS + probeWorstCaseSeconds(cfg),
            backoffLimit: 0,
            dependsOn: [...ipv4Cluster.workloadDependencies, ...(peering?.routes ?? []), ...peerIngress, zone, externalDns, echo],
        }, parent)
        : undefined;

    const k4 = "--kubeconfig ipv4.kubeconfig";
    const k6 = "--kubeconfig ipv6.kubeconfig";
    return {
        ipv4ClusterName: ipv4Cluster.clusterName,
        ipv6ClusterName: ipv6Cluster.clusterName,
        ipv4Kubeconfig: ipv4Cluster.kubeconfig,
        ipv6Kubeconfig: ipv6Cluster.kubeconfig,
        ipv4ClusterVpc: { id: ipv4Vpc.vpcId, ipv4Cidr: ipv4Vpc.ipv4Cidr, ipv6Cidr: ipv4Vpc6 ?? "none (not opted in yet)" },
        ipv6ClusterVpc: { id: ipv6Vpc.vpcId, ipv4Cidr: ipv6Vpc.ipv4Cidr, ipv6Cidr: ipv6Vpc6 },
        ipv4ClusterVpcCniVersion: ipv4Cluster.vpcCniAddon.addonVersion,
        peeringConnectionId: peering ? peering.peeringConnectionId : "none (not opted in yet)",
        privateZone: { id: zone.zoneId, name: cfg.dns.zoneName },
        echoHostname: fqdn,
        externalDnsRoleArn: externalDns.roleArn,
        probeJob: probe ? pulumi.interpolate`${probe.namespace}/${probe.jobName}` : "disabled",
        checks: pulumi.interpolate`# after: pulumi stack output ipv4Kubeconfig --show-secrets > ipv4.kubeconfig; pulumi stack output ipv6Kubeconfig --show-secrets > ipv6.kubeconfig
# 1. ENABLE_V6_EGRESS on the init container and the main container of aws-node (IPv4 cluster):
kubectl ${k4} -n kube-system get daemonset aws-node -o jsonpath='{range .spec.template.spec.initContainers[*]}init {.name}: {.env[?(@.name=="ENABLE_V6_EGRESS")].value}{"\\n"}{end}{range .spec.template.spec.containers[*]}main {.name}: {.env[?(@.name=="ENABLE_V6_EGRESS")].value}{"\\n"}{end}'
# 2. the nodes were replaced after the opt-in: every node has an IPv6 address from ${ipv4Vpc6 ?? "(the /56, once opted in)"}
aws ec2 describe-instances --filters Name=tag:eks:cluster-name,Values=${ipv4Cluster.clusterName} Name=instance-state-name,Values=running --query 'Reservations[].Instances[].[InstanceId,Ipv6Address]' --output text
# 3. from an IPv4-cluster pod: v6if0 (fd00::ac:...), AAAA pod addresses, curl -6, and /clientip = the source the echo server saw
kubectl ${k4} run v6check --rm -it --restart=Never --image=${cfg.probe.image} -- sh -c 'ip -6 addr show dev v6if0; dig +short AAAA ${fqdn}; a=$(dig +short AAAA ${fqdn} | head -n 1); curl -6 -sS "http://[$a]:${cfg.echo.port}/"; echo; curl -6 -sS "http://[$a]:${cfg.echo.port}/clientip"; echo'
#    the /clientip answer must be one of the node IPv6 addresses of step 2, not fd00::ac:...
# 4. the IPv6 side: echo pod addresses, and what ExternalDNS published
kubectl ${k6} -n echo get pods -o wide
kubectl ${k6} -n ${EXTERNAL_DNS_NAMESPACE} logs deploy/external-dns --tail=20
aws route53 list-resource-record-sets --hosted-zone-id ${zone.zoneId} --query "ResourceRecordSets[?Type=='AAAA' || Type=='TXT']"
# 5. the probe Job pulumi up waited for
kubectl ${k4} -n interop-probes logs job/${probe ? probe.jobName : "(probe disabled)"}`,
    };
}

export const scenario: Scenario<Config> = {
    name: "ipv4-pod-to-ipv6-pod",
    title: "IPv4-cluster pods reach IPv6-cluster pods directly over IPv6 peering through the CNI's v6 egress, found via Route 53 (figures 7, 7a, 7b)",
    schema,
    build,
    flows,
};
