import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { requireInstanceType } from "../../lib/aws/instanceTypes";
import { nat64Synthesize } from "../../lib/cidr";
import { nat64ProbeUserData } from "../../lib/nat64ProbeUserData";
import { curlNat64Check, nat64AaaaCheck, noGlobalIpv4Check, type ProbeCheck } from "../../lib/probes";
import type { Ipv6OnlySubnet } from "../network/ipv6OnlySubnet";
import type { Vpc } from "../network/vpc";
import { amazonLinux2023Ami, appInstance } from "./appInstance";

export interface Nat64ClientArgs {
    /** The VPC of the subnet. */
    vpc: Vpc;
    /** The IPv6-only subnet (DNS64 on, 64:ff9b::/96 to a NAT gateway). */
    subnet: Ipv6OnlySubnet;
    /** The IPv4-only server's DNS name (A records only; DNS64 synthesizes its AAAA). */
    host: pulumi.Input<string>;
    /** Its TCP port. */
    port: number;
    /** Its IPv4 block (the app VPC's CIDR): the only place the instance may connect to, as 64:ff9b:: addresses. */
    serverIpv4Cidr: string;
    /** Who may read the probe report over IPv6 (the cluster VPC's /56, where the probe Job runs). */
    reportReaders: pulumi.Input<string>[];
    /** TCP port of the report. Default 8064. */
    reportPort?: number;
    /** Instance type; Nitro only (IPv6-only subnets take only Nitro instances). Default t3.micro. */
    instanceType?: string;
    /** Config key, for messages. Default `nat64Client`. */
    configKey?: string;
}

/** Runs of the instance's probe and the seconds between them: 30 x 10 s, about five minutes. */
export const NAT64_PROBE_ATTEMPTS = 30;
export const NAT64_PROBE_INTERVAL_SECONDS = 10;

/**
 * A non-EKS workload in an IPv6-only subnet that reaches an IPv4-only server through DNS64 and
 * NAT64 (AWS News Blog, "Let Your IPv6-only Workloads Connect to IPv4 Services", 2021; VPC user
 * guide, "DNS64 and NAT64"): an Amazon Linux 2023 Nitro instance with one IPv6 address and no
 * IPv4, IMDSv2 on its IPv6 endpoint, no public address. At boot it resolves the server's name
 * (DNS64 answers 64:ff9b::a.b.c.d), connects to it over IPv6, and serves the report on its IPv6
 * address for the cluster's probe Job. Its security group lets it out only to the server's
 * synthesized block on the server's port, and in only the report port from `reportReaders`.
 */
export class Nat64Client extends pulumi.ComponentResource {
    readonly instance: aws.ec2.Instance;
    readonly ipv6Address: pulumi.Output<string>;
    readonly reportUrl: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    /** The checks the instance runs, in order (their count is what the report's last line names). */
    readonly checks: pulumi.Output<ProbeCheck[]>;

    constructor(name: string, args: Nat64ClientArgs, opts?: pulumi.ComponentResourceOptions) {
        const key = args.configKey ?? "nat64Client";
        const instanceType = requireInstanceType(`${key}.instanceType`, args.instanceType ?? "t3.micro", "app");
        const reportPort = args.reportPort ?? 8064;
        super("ipv6-eks-interop:workloads:Nat64Client", name, {}, opts);
        const parent = { parent: this };
        const synthesized = nat64Synthesize(args.serverIpv4Cidr);

        const sg = new aws.ec2.SecurityGroup(name, { vpcId: args.vpc.vpcId, description: `NAT64 client ${name}: out to the IPv4-only app via 64:ff9b::/96, in the report port`, tags: { Name: name } }, parent);
        // Traffic to the Route 53 Resolver (fd00:ec2::253) and instance metadata needs no rule:
        // security groups do not filter it (VPC user guide, "Security group rules").
        new aws.vpc.SecurityGroupEgressRule(`${name}-app`, { securityGroupId: sg.id, description: "app port to the IPv4-only app through NAT64", ipProtocol: "tcp", fromPort: args.port, toPort: args.port, cidrIpv6: synthesized }, parent);
        args.reportReaders.forEach((cidr, i) => {
            new aws.vpc.SecurityGroupIngressRule(`${name}-report-${i}`, { securityGroupId: sg.id, description: "probe report to the cluster probe Job", ipProtocol: "tcp", fromPort: reportPort, toPort: reportPort, cidrIpv6: cidr }, parent);
            // ICMPv6 Packet Too Big (type 2) from the readers, for path-MTU discovery (RFC 8201).
            new aws.vpc.SecurityGroupIngressRule(`${name}-report-${i}-icmpv6`, { securityGroupId: sg.id, description: "path MTU discovery from the report readers (ICMPv6 Packet Too Big)", ipProtocol: "icmpv6", fromPort: 2, toPort: -1, cidrIpv6: cidr }, parent);
        });
        this.securityGroupId = sg.id;

        this.checks = pulumi.output(args.host).apply((host) => [noGlobalIpv4Check(), nat64AaaaCheck(host), curlNat64Check(host, args.port)]);
        const userData = this.checks.apply((checks) => nat64ProbeUserData({ checks, reportPort, attempts: NAT64_PROBE_ATTEMPTS, intervalSeconds: NAT64_PROBE_INTERVAL_SECONDS }));
        this.instance = appInstance(name, {
            ami: amazonLinux2023Ami(instanceType, parent),
            instanceType,
            subnetId: args.subnet.subnetId,
            securityGroupIds: [sg.id],
            userData,
            ipv6Address: true,
            ipv6Only: true,
        }, { parent: this, dependsOn: [args.subnet] });
        this.ipv6Address = this.instance.ipv6Addresses.apply((a) => a[0]);
        this.reportUrl = pulumi.interpolate`http://[${this.ipv6Address}]:${reportPort}/`;
        this.registerOutputs({ ipv6Address: this.ipv6Address, reportUrl: this.reportUrl });
    }
}
