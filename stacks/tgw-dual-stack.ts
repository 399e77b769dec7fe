/**
 * Scenario 2, `tgw-dual-stack`: both IP families across one AWS Transit Gateway.
 *
 *                       +--------------------- transit gateway (default route table) ---------------------+
 *                       |                                                                                 |
 *   [dual-stack VPC: IPv6 EKS cluster] --IPv6--> [dual-stack service VPC: app behind internal dualstack NLB]
 *                       |--IPv4 (v4if0 SNAT)--> [IPv4-only VPC: app behind internal IPv4 NLB]
 *                       |-- N empty dual-stack spokes (other teams' VPCs; every member routes to every other)
 *
 * IPv6 pods reach the dual-stack service with their own IPv6 addresses: dual-stack members attach
 * with `ipv6Support: "enable"`, so their /56s propagate, and each VPC routes the others' /56s to
 * the gateway. For the IPv4-only app the VPC CNI gives each pod `v4if0` and SNATs it to the
 * node's IPv4, so that flow is plain IPv4 from the cluster VPC's IPv4 CIDR; the IPv4-only VPC
 * attaches with IPv6 support off (the article: "the IPv4 service might be located on premises").
 *
 * AWS services (the article's first section): the same pods reach an IPv4-only AWS endpoint
 * through v4if0 and the cluster VPC's NAT gateway, and a dual-stack one over IPv6 through its
 * egress-only internet gateway (lib/awsServices.ts); the probe checks both.
 *
 * The article's "Looking ahead" (docs/ipv6-only.md): EKS nodes still need IPv4, so DNS64/NAT64 is
 * shown for a non-EKS workload. An IPv6-only subnet of the cluster VPC (DNS64 on, 64:ff9b::/96 to
 * the cluster VPC's NAT gateway) holds one instance with no IPv4 at all; the NAT gateway
 * translates to its own private IPv4 and sends the packet through the transit gateway, the way
 * AWS documents a NAT gateway reaching other VPCs (VPC user guide, "NAT gateways": through a
 * transit gateway or a virtual private gateway), to the same IPv4-only app.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { EksCluster, clusterSettings } from "../components/eks/cluster";
import { Ipv6AddressPool } from "../components/network/ipam";
import { TransitGateway, TransitGatewayMember, tgwMemberOf } from "../components/network/transitGateway";
import { Ipv6Mode, Vpc, VpcIpv6Pool, regionAvailabilityZones, vpcFromConfig } from "../components/network/vpc";
import { ipv6BlocksFor } from "../lib/aws/ipam";
import { DualStackWebApp } from "../components/workloads/dualStackWebApp";
import { Ipv4WebApp } from "../components/workloads/ipv4WebApp";
import { Ipv6OnlySubnet } from "../components/network/ipv6OnlySubnet";
import { Nat64Client } from "../components/workloads/nat64Client";
import { ConnectivityProbe } from "../components/workloads/probe";
import { nthSubblock, requireCidr } from "../lib/cidr";
import { azCountSchema, clusterSchema, instanceTypeSchema, natStrategySchema, pinnedImageSchema, portSchema, vpcSchema } from "../lib/config";
import { ConfigError } from "../lib/errors";
import type { FlowIntent } from "../lib/intent";
import { awsServiceChecks, awsServiceFlows, awsServiceManualCheck } from "../lib/awsServices";
import { probedServiceHosts } from "../lib/aws/serviceEndpoints";
import { PROBE_START_UP_SECONDS, scriptBudget } from "../lib/probeBudget";
import { aOnlyCheck, curlCheck, ProbeCheck, remoteProbePassedCheck, renderProbeScript, resolvesCheck, retrying, v4if0Check } from "../lib/probes";
import { requireInstanceType } from "../lib/aws/instanceTypes";
import { isValidAmazonSideAsn, TgwMemberSpec, TgwSummaries, validateTgwMembers } from "../lib/transitGateway";
import { planVpc, VpcPlan } from "../lib/vpcPlan";
import type { Scenario, ScenarioEnv } from "./scenario";

const appSchema = z.strictObject({
    port: portSchema.default(80),
    instanceType: instanceTypeSchema("app").default("t3.micro"),
    instances: z.number().int().min(1).default(1),
});
const appDefaults = { port: 80, instanceType: "t3.micro", instances: 1 };

/**
 * Most spokes the schema takes. With `addressing.mode: ipam` route tables hold one route per
 * summary whatever the count, so the bound is the benchmark's largest case (npm run bench), not
 * a route quota; `generated` (mesh) routing is refused beyond 4 spokes by validateTgwMembers.
 * Every spoke is a VPC: the default quota is 5 VPCs per Region (the plan's quota table says so).
 */
export const MAX_SPOKES = 46;

const spokesSchema = z.strictObject({
    /** Number of extra dual-stack spoke VPCs on the hub. Default 1. */
    count: z.number().int({ message: "use a whole number of spokes" }).min(0, { message: "use 0 or more spokes" }).max(MAX_SPOKES, { message: `use at most ${MAX_SPOKES} spokes` }).default(1),
    /** IPv4 block the spokes' CIDRs are carved from, in order, one `vpcPrefix` block each. */
    cidrPool: z.string().default("10.64.0.0/12"),
    /** Prefix length of each spoke VPC. Default /20. */
    vpcPrefix: z.number().int().min(16).max(28).default(20),
    /** Prefix lengths of the spokes' subnets. Defaults /24 private, /26 public. */
    privateSubnetPrefix: z.number().int().min(16).max(28).default(24),
    publicSubnetPrefix: z.number().int().min(16).max(28).default(26),
    /** Dual-stack spokes (IPv6 /56, attachment with IPv6 support). Default true. */
    dualStack: z.boolean().default(true),
    /** VPC flow logs on the spokes. Default true. */
    flowLogs: z.boolean().default(true),
});
const spokesDefaults = { count: 1, cidrPool: "10.64.0.0/12", vpcPrefix: 20, privateSubnetPrefix: 24, publicSubnetPrefix: 26, dualStack: true, flowLogs: true };

/**
 * How member VPCs get their addresses, and so how they route to each other.
 * - `generated`: each dual-stack VPC gets an Amazon-generated /56 (not contiguous), and every
 *   member routes to every other member: one route per other member and family (mesh), refused
 *   beyond 7 members. The default: no IPAM to create (an account often has one already, and the
 *   default quota is one per Region), nothing to provision, the fewest resources for the
 *   article's three VPCs and a spoke.
 * - `ipam`: an IPAM (free tier) with a regional pool of Amazon-provided contiguous IPv6; every
 *   dual-stack VPC allocates its /56 from it, and every route table holds one route per IPv4
 *   summary and one per IPv6 block (a /52 holds 16 VPCs): linear growth, for hubs with many spokes.
 */
const addressingDefaults = { mode: "generated" as const, ipv4Summaries: ["10.0.0.0/8"] };
const addressingSchema = z.strictObject({
    mode: z.enum(["generated", "ipam"]).default("generated"),
    /** ipam mode: IPv4 prefixes holding every member's IPv4 CIDR; one route each per route table. */
    ipv4Summaries: z.array(z.string()).min(1).default(["10.0.0.0/8"]),
});

/**
 * The IPv6-only DNS64/NAT64 demonstration (docs/ipv6-only.md): an instance in an IPv6-only subnet
 * of the cluster VPC reaching the IPv4-only app through the cluster VPC's NAT gateway.
 */
const nat64ClientDefaults = { enabled: true, ipv6SubnetIndex: 32, instanceType: "t3.micro", reportPort: 8064 };
const nat64ClientSchema = z.strictObject({
    enabled: z.boolean().default(true),
    /** The IPv6-only subnet's /64 index in the cluster VPC's /56 (not one of clusterVpc.ipv6SubnetIndexes). */
    ipv6SubnetIndex: z.number().int().min(0).max(255).default(32),
    /** Nitro only: IPv6-only subnets take only Nitro instances. */
    instanceType: instanceTypeSchema("app").default("t3.micro"),
    /** TCP port the instance serves its probe report on (IPv6), read by the cluster's probe Job. */
    reportPort: portSchema.min(1024, { message: "use a port from 1024 to 65535 (the report server runs unprivileged)" }).default(8064),
});

export const schema = z.strictObject({
    scenario: z.string().optional(),
    azCount: azCountSchema.default(2),
    addressing: addressingSchema.default(addressingDefaults),
    clusterVpc: vpcSchema,
    serviceVpc: vpcSchema.extend({ natGateways: natStrategySchema.default("none") }),
    appVpc: vpcSchema.extend({ natGateways: natStrategySchema.default("none") }),
    spokes: spokesSchema.default(spokesDefaults),
    transitGateway: z.strictObject({
        /** Private ASN of the gateway's Amazon side. Default 64512. */
        amazonSideAsn: z.number().refine(isValidAmazonSideAsn, { message: "use a private ASN: 64512 to 65534, or 4200000000 to 4294967294" }).default(64512),
    }).default({ amazonSideAsn: 64512 }),
    cluster: clusterSchema,
    service: appSchema.default(appDefaults),
    app: appSchema.default(appDefaults),
    probe: z.strictObject({
        enabled: z.boolean().default(true),
        image: pinnedImageSchema.default("nicolaka/netshoot:v0.13"),
        /** Also reach an IPv4-only and a dual-stack AWS service endpoint (lib/awsServices.ts). Default true. */
        awsServices: z.boolean().default(true),
    }).default({ enabled: true, image: "nicolaka/netshoot:v0.13", awsServices: true }),
    nat64Client: nat64ClientSchema.default(nat64ClientDefaults),
});
export type Config = z.infer<typeof schema>;

/** One spoke's VPC: its config key, CIDR and subnet plan. */
export interface SpokePlan {
    key: string;
    /** Config key that sets the spoke's CIDR, for messages. */
    cidrKey: string;
    name: string;
    cidr: string;
    plan: VpcPlan;
}

/** The spokes' CIDRs, carved from `spokes.cidrPool` in order, and their subnet plans. */
export function planSpokes(cfg: Config): SpokePlan[] {
    const s = cfg.spokes;
    if (s.count === 0) return [];
    const pool = requireCidr("spokes.cidrPool", s.cidrPool, "ipv4", { minPrefix: 8, maxPrefix: 28 });
    if (s.vpcPrefix < pool.prefix) {
        throw new ConfigError("spokes.vpcPrefix", s.vpcPrefix, `a spoke (/${s.vpcPrefix}) cannot be larger than spokes.cidrPool (${pool.text}); use /${pool.prefix} or longer`);
    }
    const fits = 2 ** (s.vpcPrefix - pool.prefix);
    if (s.count > fits) {
        throw new ConfigError("spokes.count", s.count, `${pool.text} holds only ${fits} spokes of /${s.vpcPrefix}; use a larger cidrPool, a longer vpcPrefix or fewer spokes`);
    }
    return Array.from({ length: s.count }, (_, i) => {
        const cidr = nthSubblock(pool.text, s.vpcPrefix, i);
        let plan: VpcPlan;
        try {
            plan = planVpc(`spokes[${i}]`, { cidr, privateSubnetPrefix: s.privateSubnetPrefix, publicSubnetPrefix: s.publicSubnetPrefix }, cfg.azCount, s.dualStack);
        } catch (e) {
            if (!(e instanceof ConfigError)) throw e;
            throw new ConfigError("spokes", { vpcPrefix: s.vpcPrefix, privateSubnetPrefix: s.privateSubnetPrefix, publicSubnetPrefix: s.publicSubnetPrefix }, `spoke ${i} (${cidr}): ${e.fix}`);
        }
        return { key: `spokes[${i}]`, cidrKey: `spokes.cidrPool (spoke ${i})`, name: `spoke-${i}`, cidr, plan };
    });
}

/** The members as the transit gateway plan sees them, from config alone. */
export function memberSpecs(cfg: Config): TgwMemberSpec[] {
    const fromPlan = (name: string, configKey: string, cidr: string, plan: VpcPlan, dualStack: boolean, cidrKey?: string): TgwMemberSpec => ({
        name,
        configKey,
        ipv4Cidr: cidr,
        cidrKey,
        dualStack,
        attachmentSubnets: plan.privateIpv4.map((_, az) => ({ az, ipv6: plan.privateIpv6Indexes?.[az] !== undefined })),
        routeTables: plan.azCount,
    });
    return [
        fromPlan("cluster", "clusterVpc", cfg.clusterVpc.cidr, planVpc("clusterVpc", cfg.clusterVpc, cfg.azCount, true), true),
        fromPlan("service", "serviceVpc", cfg.serviceVpc.cidr, planVpc("serviceVpc", cfg.serviceVpc, cfg.azCount, true), true),
        fromPlan("app", "appVpc", cfg.appVpc.cidr, planVpc("appVpc", cfg.appVpc, cfg.azCount, false), false),
        // A spoke has one private route table (privateRouteTables: shared).
        ...planSpokes(cfg).map((s) => ({ ...fromPlan(s.name, s.key, s.cidr, s.plan, cfg.spokes.dualStack, s.cidrKey), routeTables: 1 })),
    ];
}

/** The summaries of `ipam` addressing (undefined in `generated` mode): the IPv4 plan and one IPv6 block per 16 dual-stack VPCs. */
export function summariesOf(cfg: Config, members: TgwMemberSpec[] = memberSpecs(cfg)): TgwSummaries | undefined {
    if (cfg.addressing.mode !== "ipam") return undefined;
    return { ipv4: cfg.addressing.ipv4Summaries, ipv6Count: ipv6BlocksFor(members.filter((m) => m.dualStack).length), configKey: "addressing" };
}

/** Cross-key checks, before any resource: every subnet plan, the spokes' carving, the members, the apps. */
export function validate(cfg: Config, env?: ScenarioEnv): void {
    // The probed endpoints' names exist in the stack's region (refused with the fix otherwise).
    if (env && cfg.probe.enabled && cfg.probe.awsServices) probedServiceHosts(env.region);
    const members = memberSpecs(cfg);
    validateTgwMembers(members, summariesOf(cfg, members));
    for (const key of ["service", "app"] as const) {
        // The components check the same, but only after the scenario root exists.
        requireInstanceType(`${key}.instanceType`, cfg[key].instanceType, "app");
        const max = cfg.azCount * 4;
        if (cfg[key].instances > max) throw new ConfigError(`${key}.instances`, cfg[key].instances, `use 1 to ${max} instances`);
    }
    validateNat64Client(cfg);
}

/** The IPv6-only subnet's /64 must be free in the cluster VPC, and NAT64 needs the cluster VPC's NAT gateway. */
export function validateNat64Client(cfg: Config): void {
    const n = cfg.nat64Client;
    if (!n.enabled) return;
    requireInstanceType("nat64Client.instanceType", n.instanceType, "app");
    if (cfg.clusterVpc.natGateways === "none") {
        throw new ConfigError("nat64Client.enabled", true, 'NAT64 needs a NAT gateway in clusterVpc for the 64:ff9b::/96 route; set clusterVpc.natGateways to "single" (or perAz), or nat64Client.enabled to false');
    }
    const plan = planVpc("clusterVpc", cfg.clusterVpc, cfg.azCount, true);
    const taken = [...(plan.publicIpv6Indexes ?? []), ...(plan.privateIpv6Indexes ?? [])];
    if (taken.includes(n.ipv6SubnetIndex)) {
        throw new ConfigError("nat64Client.ipv6SubnetIndex", n.ipv6SubnetIndex, `clusterVpc already uses /64 indexes ${taken.join(", ")}; pick another from 0 to 255`);
    }
}

/** The flows the scenario promises, and the boundaries it keeps. */
export function flows(cfg: Config): FlowIntent[] {
    const pods = { kind: "pods", cluster: "cluster" } as const;
    return [
        { name: "IPv6 pod reaches the dual-stack service's NLB over IPv6 through the transit gateway", from: pods, to: { kind: "nlb", loadBalancer: "service-nlb" }, family: "ipv6", port: cfg.service.port, expect: "allow" },
        { name: "IPv6 pod reaches the IPv4-only app's NLB over IPv4 (v4if0 SNAT) through the transit gateway", from: pods, to: { kind: "nlb", loadBalancer: "app-nlb" }, family: "ipv4", port: cfg.app.port, expect: "allow" },
        { name: "IPv6 pod cannot reach the IPv4-only app's NLB over IPv6 (it has no IPv6 address)", from: pods, to: { kind: "nlb", loadBalancer: "app-nlb" }, family: "ipv6", port: cfg.app.port, expect: "deny" },
        { name: "The dual-stack service admits IPv6 only: IPv4 from the cluster is refused", from: pods, to: { kind: "nlb", loadBalancer: "service-nlb" }, family: "ipv4", port: cfg.service.port, expect: "deny" },
        // The cluster VPC's NAT gateway (IPv4) and egress-only internet gateway (IPv6) carry these;
        // without a NAT gateway (clusterVpc.natGateways: none) the IPv4 one is declared denied.
        ...awsServiceFlows("cluster", cfg.clusterVpc.natGateways !== "none"),
        ...nat64Flows(cfg),
    ];
}

/** The IPv6-only instance's flows (docs/ipv6-only.md), when it is enabled. */
export function nat64Flows(cfg: Config): FlowIntent[] {
    if (!cfg.nat64Client.enabled) return [];
    const client = { kind: "instance", instance: NAT64_CLIENT } as const;
    return [
        { name: "IPv6-only instance reaches the IPv4-only app's NLB through DNS64 and NAT64 (NAT gateway, then the transit gateway)", from: client, to: { kind: "nlb", loadBalancer: "app-nlb" }, family: "ipv6", port: cfg.app.port, expect: "allow" },
        { name: "IPv6-only instance has no IPv4 address: it cannot reach the app over IPv4", from: client, to: { kind: "nlb", loadBalancer: "app-nlb" }, family: "ipv4", port: cfg.app.port, expect: "deny" },
        { name: "IPv6 pod reads the IPv6-only instance's probe report over IPv6", from: { kind: "pods", cluster: "cluster" }, to: client, family: "ipv6", port: cfg.nat64Client.reportPort, expect: "allow" },
    ];
}

/** Resource name of the IPv6-only NAT64 client instance. */
export const NAT64_CLIENT = "nat64-client";

/**
 * How long the cluster's probe waits for the NAT64 client's report: the instance boots and runs its
 * own checks (NAT64_PROBE_ATTEMPTS runs, normally the first passes) while the Job retries. The
 * instance does not wait for the cluster, so its report is normally ready long before the Job
 * starts. These retries count in the Job's deadline (probeWorstCaseSeconds), which must stay
 * within pulumi's 10-minute wait for a Job together with the other checks.
 */
export const NAT64_REPORT_ATTEMPTS = 15;
export const NAT64_REPORT_INTERVAL_SECONDS = 10;

/** Where the cluster's probe reads the NAT64 client's report, and how many checks that report must say passed. */
export interface Nat64Report {
    url: string;
    checks: number;
}

/**
 * The probe's checks: v4if0, the service over IPv6, the app over IPv4, (probe.awsServices) the AWS
 * service endpoints, and (nat64Client.enabled) the IPv6-only NAT64 client's report, retried.
 */
export function probeChecks(cfg: Config, region: string, svcHost: string, appHost: string, clusterVpcIpv6Cidr: string, nat64Report?: Nat64Report): ProbeCheck[] {
    if (cfg.nat64Client.enabled && !nat64Report) throw new Error("probeChecks: nat64Client.enabled is true, so the NAT64 client's report (url and check count) is needed");
    return [
        v4if0Check(),
        resolvesCheck(svcHost, "AAAA"),
        curlCheck("ipv6", `http://${svcHost}:${cfg.service.port}/`),
        aOnlyCheck(appHost),
        curlCheck("ipv4", `http://${appHost}:${cfg.app.port}/`),
        ...(cfg.probe.awsServices ? awsServiceChecks(region, clusterVpcIpv6Cidr, cfg.clusterVpc.natGateways !== "none") : []),
        ...(cfg.nat64Client.enabled && nat64Report ? [retrying(remoteProbePassedCheck("the IPv6-only NAT64 client", nat64Report.url, nat64Report.checks), NAT64_REPORT_ATTEMPTS, NAT64_REPORT_INTERVAL_SECONDS)] : []),
    ];
}

/** The longest the probe script can run (lib/probeBudget.ts): the checks' shape, with placeholder names, blocks and report address. */
export function probeWorstCaseSeconds(cfg: Config, region: string): number {
    const report = cfg.nat64Client.enabled ? { url: `http://[2001:db8::1]:${cfg.nat64Client.reportPort}/`, checks: 1 } : undefined;
    return scriptBudget(renderProbeScript(probeChecks(cfg, region, "service.example", "app.example", "2001:db8::/56", report))).total.seconds;
}

/** Builds the scenario; `validate` already ran in `prepare`, before the root was registered. */
export function build(cfg: Config, root: pulumi.ComponentResource, env: ScenarioEnv) {
    const parent = { parent: root };
    const azs = regionAvailabilityZones(parent);
    const members = memberSpecs(cfg);
    const summaries = summariesOf(cfg, members);

    // ipam addressing: one pool of Amazon-provided contiguous IPv6 for every dual-stack member.
    const pool = summaries
        ? new Ipv6AddressPool("ipv6-pool", { region: aws.getRegionOutput({}, parent).region, vpcs: members.filter((m) => m.dualStack).length }, parent)
        : undefined;
    const ipv6: Ipv6Mode = pool ? "ipam" : "generated";
    const ipv6Pool: VpcIpv6Pool | undefined = pool ? { poolId: pool.poolId, dependsOn: pool.blockResources } : undefined;

    // The IPv6 cluster's dual-stack VPC (NAT for IPv4 egress: image pulls from IPv4-only registries).
    const clusterVpc = vpcFromConfig("cluster-vpc", { configKey: "clusterVpc", config: cfg.clusterVpc, azCount: cfg.azCount, availabilityZones: azs, ipv6, ipv6Pool, hostsEksNodes: true }, parent);

    // The dual-stack service VPC: no internet egress at all.
    const serviceVpc = vpcFromConfig("service-vpc", { configKey: "serviceVpc", config: cfg.serviceVpc, azCount: cfg.azCount, availabilityZones: azs, ipv6, ipv6Pool }, parent);

    // The IPv4-only VPC (it may as well be on premises behind the same gateway).
    const appVpc = vpcFromConfig("app-vpc", {
        configKey: "appVpc", config: cfg.appVpc, azCount: cfg.azCount, availabilityZones: azs, ipv6: "none",
        policyExemption: { rules: ["vpc-dual-stack"], reason: "the legacy IPv4-only app VPC (it may as well be on premises); IPv6 pods reach it over IPv4 through the VPC CNI's egress SNAT and the transit gateway" },
    }, parent);

    // Spokes: further VPCs on the hub, no NAT, no workloads.
    const spokes = planSpokes(cfg).map((s) => ({
        spec: s,
        vpc: new Vpc(`${s.name}-vpc`, {
            cidr: s.cidr,
            plan: s.plan,
            availabilityZones: azs,
            natGateways: "none",
            // No NAT: the private routes are the same in every AZ, so one table serves them all.
            privateRouteTables: "shared",
            ipv6: cfg.spokes.dualStack ? ipv6 : "none",
            ipv6Pool: cfg.spokes.dualStack ? ipv6Pool : undefined,
            flowLogs: cfg.spokes.flowLogs,
            configKey: s.key,
            policyExemption: cfg.spokes.dualStack ? undefined : { rules: ["vpc-dual-stack"], reason: "IPv4-only spoke chosen in config (spokes.dualStack: false); it routes IPv4 only across the transit gateway" },
        }, parent),
    }));

    const tgwMembers: TransitGatewayMember[] = [
        tgwMemberOf(clusterVpc, "cluster", "clusterVpc"),
        tgwMemberOf(serviceVpc, "service", "serviceVpc"),
        tgwMemberOf(appVpc, "app", "appVpc"),
        ...spokes.map((s) => tgwMemberOf(s.vpc, s.spec.name, s.spec.key, s.spec.cidrKey)),
    ];
    const tgw = new TransitGateway("hub", {
        members: tgwMembers,
        amazonSideAsn: cfg.transitGateway.amazonSideAsn,
        summaries: summaries && pool ? { ipv4: summaries.ipv4, ipv6: pool.blocks, configKey: summaries.configKey } : undefined,
    }, parent);

    const cluster = new EksCluster("cluster", {
        ipFamily: "ipv6",
        vpc: clusterVpc,
        ...clusterSettings(cfg.cluster, "cluster"),
        // Replies need no rule (security groups are stateful); ICMPv6 "Packet Too Big" from the
        // service VPC does, for path-MTU discovery toward the pods across the 8500-byte gateway.
        nodeIngress: [{ description: "ICMPv6 (path-MTU discovery) from the service VPC", protocol: "icmpv6", cidrIpv6: serviceVpc.ipv6Cidr! }],
    }, parent);

    // The service answers IPv6 from the cluster VPC's /56: pods keep their own IPv6 addresses.
    const service = new DualStackWebApp("service", {
        vpc: serviceVpc,
        port: cfg.service.port,
        allowedIpv6Cidrs: [clusterVpc.ipv6Cidr!],
        instanceType: cfg.service.instanceType,
        instances: cfg.service.instances,
        configKey: "service",
    }, parent);

    // The IPv4 app admits the cluster VPC's IPv4 CIDR: pods arrive SNATed to their node's IPv4.
    const app = new Ipv4WebApp("app", {
        vpc: appVpc,
        port: cfg.app.port,
        allowedIpv4Cidrs: [clusterVpc.ipv4Cidr],
        instanceType: cfg.app.instanceType,
        instances: cfg.app.instances,
    }, parent);

    // DNS64/NAT64 for a non-EKS IPv6-only workload (docs/ipv6-only.md). The NAT gateway of the
    // cluster VPC (already there for the nodes' IPv4 egress: no extra hourly cost) translates
    // 64:ff9b::/96 to its own private IPv4; its public subnet then needs a route to the app VPC
    // through the transit gateway (the public route table had only the internet).
    const nat64 = cfg.nat64Client.enabled ? (() => {
        const subnet = new Ipv6OnlySubnet("nat64-subnet", { vpc: clusterVpc, ipv6Index: cfg.nat64Client.ipv6SubnetIndex, natGatewayId: clusterVpc.natGatewayIds[0], configKey: "nat64Client" }, parent);
        const natToApp = new aws.ec2.Route("cluster-vpc-public-to-app", {
            routeTableId: clusterVpc.publicRouteTable.id,
            destinationCidrBlock: appVpc.ipv4Cidr,
            transitGatewayId: tgw.transitGatewayId,
        }, { parent: root, dependsOn: [tgw.attachments["cluster"]] });
        const client = new Nat64Client(NAT64_CLIENT, {
            vpc: clusterVpc,
            subnet,
            host: app.nlbDnsName,
            port: cfg.app.port,
            serverIpv4Cidr: appVpc.ipv4Cidr,
            reportReaders: [clusterVpc.ipv6Cidr!],
            reportPort: cfg.nat64Client.reportPort,
            instanceType: cfg.nat64Client.instanceType,
        }, { parent: root, dependsOn: [natToApp, ...tgw.routesBetween("cluster", "app"), app] });
        return { subnet, client, natToApp };
    })() : undefined;

    const probe = cfg.probe.enabled
        ? new ConnectivityProbe("probe", {
            provider: cluster.provider,
            kubernetesVersion: cluster.kubernetesVersion,
            image: cfg.probe.image,
            checks: pulumi.all([service.nlbDnsName, app.nlbDnsName, clusterVpc.ipv6Cidr!, nat64 ? nat64.client.reportUrl : "", nat64 ? nat64.client.checks : []])
                .apply(([svcHost, appHost, v6, reportUrl, nat64Checks]) => probeChecks(cfg, env.region, svcHost, appHost, v6, nat64 ? { url: reportUrl, checks: nat64Checks.length } : undefined)),
            // Start-up plus the worst case of the whole script, the NAT64 report's retries included.
            activeDeadlineSeconds: PROBE_START_UP_SECONDS + probeWorstCaseSeconds(cfg, env.region),
            // Only the paths under test: the routes both ways (each waits for its own VPC's
            // attachment), the attachments of both ends, and both apps.
            dependsOn: [
                ...cluster.workloadDependencies,
                tgw.attachments["cluster"], tgw.attachments["service"], tgw.attachments["app"],
                ...tgw.routesBetween("cluster", "service"), ...tgw.routesBetween("cluster", "app"),
                service, app,
                ...(nat64 ? [nat64.client] : []),
            ],
        }, parent)
        : undefined;

    const attachmentIds = pulumi.all(tgw.attachmentIds).apply((ids) => Object.values(ids).join(" "));
    return {
        clusterName: cluster.clusterName,
        kubeconfig: cluster.kubeconfig,
        transitGatewayId: tgw.transitGatewayId,
        transitGatewayRouteTableId: tgw.routeTableId,
        addressing: { mode: cfg.addressing.mode, ipv4Summaries: summaries?.ipv4 ?? [], ipv6Blocks: pool ? pulumi.all(pool.blocks) : [], ipamPoolId: pool ? pool.poolId : "" },
        attachmentIds: tgw.attachmentIds,
        serviceUrl: service.url,
        appUrl: app.url,
        clusterVpc: { id: clusterVpc.vpcId, ipv4Cidr: clusterVpc.ipv4Cidr, ipv6Cidr: clusterVpc.ipv6Cidr },
        serviceVpc: { id: serviceVpc.vpcId, ipv4Cidr: serviceVpc.ipv4Cidr, ipv6Cidr: serviceVpc.ipv6Cidr },
        appVpc: { id: appVpc.vpcId, ipv4Cidr: appVpc.ipv4Cidr },
        nat64Client: nat64 ? { instanceId: nat64.client.instance.id, ipv6Address: nat64.client.ipv6Address, subnetId: nat64.subnet.subnetId, ipv6Cidr: nat64.subnet.ipv6Cidr, reportUrl: nat64.client.reportUrl } : "disabled",
        spokeVpcs: spokes.map((s) => ({ id: s.vpc.vpcId, ipv4Cidr: s.vpc.ipv4Cidr, ipv6Cidr: s.vpc.ipv6Cidr ?? "" })),
        probeJob: probe ? pulumi.interpolate`${probe.namespace}/${probe.jobName}` : "disabled",
        checks: pulumi.interpolate`# after: pulumi stack output kubeconfig --show-secrets > kubeconfig && export KUBECONFIG=$PWD/kubeconfig
# 1. Ipv6Support is "enable" on the dual-stack attachments and "disable" on the IPv4-only one:
aws ec2 describe-transit-gateway-vpc-attachments --transit-gateway-attachment-ids ${attachmentIds} --query 'TransitGatewayVpcAttachments[].[VpcId,State,Options.Ipv6Support,Options.DnsSupport]' --output table
# 2. The gateway route table lists every member's IPv4 CIDR and every dual-stack member's IPv6 /56 as propagated:
aws ec2 search-transit-gateway-routes --transit-gateway-route-table-id ${tgw.routeTableId} --filters Name=type,Values=propagated --query 'Routes[].[DestinationCidrBlock,State,TransitGatewayAttachments[0].ResourceId]' --output table
# 3. From an IPv6 pod: curl -6 to the dual-stack service over the gateway, curl -4 to the IPv4 app through v4if0 SNAT:
kubectl run tgwcheck --rm -it --restart=Never --image=${cfg.probe.image} -- sh -c 'ip -4 addr show dev v4if0; dig +short AAAA ${service.nlbDnsName}; curl -6 -sS ${service.url}; dig +short A ${app.nlbDnsName}; curl -4 -sS ${app.url}'
${cfg.probe.enabled && cfg.probe.awsServices ? awsServiceManualCheck(env.region, cfg.probe.image) : "# (the AWS-service checks are off: probe.enabled or probe.awsServices is false)"}
kubectl -n interop-probes logs job/${probe ? probe.jobName : "(probe disabled)"}
${nat64 ? pulumi.interpolate`# 4. The IPv6-only NAT64 client (docs/ipv6-only.md): IPv6-only subnet with DNS64, its only route 64:ff9b::/96 -> the NAT gateway:
aws ec2 describe-subnets --subnet-ids ${nat64.subnet.subnetId} --query 'Subnets[].[Ipv6Native,EnableDns64,CidrBlock,Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock]' --output table
aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=${nat64.subnet.subnetId} --query 'RouteTables[].Routes[].[DestinationIpv6CidrBlock,DestinationCidrBlock,NatGatewayId,GatewayId]' --output table
# Its report (AAAA answers in 64:ff9b::/96, then the HTTP request through NAT64), from a pod; the pods' own subnets have no DNS64, so their dig AAAA of the app stays empty:
kubectl run nat64check --rm -it --restart=Never --image=${cfg.probe.image} -- sh -c 'curl -6 -sS ${nat64.client.reportUrl}; dig +short AAAA ${app.nlbDnsName}'
aws ec2 get-console-output --instance-id ${nat64.client.instance.id} --latest --output text | grep nat64-probe` : "# 4. nat64Client disabled"}`,
    };
}

export const scenario: Scenario<Config> = {
    name: "tgw-dual-stack",
    title: "IPv6 pods reach a dual-stack service over IPv6 and an IPv4-only app over IPv4 through one transit gateway",
    schema,
    validate,
    build,
    flows,
};
