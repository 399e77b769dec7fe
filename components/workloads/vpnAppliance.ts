import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { staticSiteUserData } from "../../lib/appUserData";
import { requireInstanceType } from "../../lib/aws/instanceTypes";
import { ConfigError } from "../../lib/errors";
import { ec2AssumeRolePolicy } from "../../lib/iam";
import { applianceUserData, type IpsecProposal } from "../../lib/vpn";
import type { Vpc } from "../network/vpc";
import { amazonLinux2023Ami, appInstance } from "./appInstance";

export interface VpnApplianceArgs {
    /** The simulated on-premises VPC: the appliance goes in its first public subnet, the routes in its private route tables. */
    vpc: Vpc;
    /** The appliance's Elastic IP, created before the customer gateway that names it. */
    eip: aws.ec2.Eip;
    /** The VPN connection's two tunnels: outside address, inside /30 and the SSM parameter of the key. */
    tunnels: pulumi.Input<[{ outsideAddress: string; insideCidr: string; pskParameter: string }, { outsideAddress: string; insideCidr: string; pskParameter: string }]>;
    /** ARNs of the two SSM parameters, for the instance role. */
    pskParameterArns: pulumi.Input<string>[];
    /** The AWS-side IPv4 CIDR routed into the tunnels (the cluster VPC's); the on-premises side is this VPC's CIDR. */
    awsCidr: string;
    /** TCP ports the appliance forwards from the tunnel to the on-premises app (its security group's egress). */
    forwardPorts: number[];
    proposal: IpsecProposal;
    /** Nitro instance type. Default t3.micro. */
    instanceType?: string;
}

/**
 * The customer gateway device of the simulated on-premises network: an Amazon Linux 2023
 * instance running libreswan (lib/vpn.ts renders its configuration from the tunnel outputs),
 * with the Elastic IP the customer gateway names, source/destination checking off (it forwards
 * packets that are neither from nor to itself), IMDSv2 only, a role that can read only the two
 * pre-shared-key parameters (and Session Manager, for the checks), and a security group that
 * admits IKE and NAT-T (UDP 500 and 4500) only from the two tunnel outside addresses. The
 * private route tables of the on-premises VPC send the AWS-side CIDRs to its network interface.
 */
export class VpnAppliance extends pulumi.ComponentResource {
    readonly instance: aws.ec2.Instance;
    readonly networkInterfaceId: pulumi.Output<string>;
    readonly securityGroupId: pulumi.Output<string>;
    readonly routes: aws.ec2.Route[] = [];
    readonly userData: pulumi.Output<string>;

    constructor(name: string, args: VpnApplianceArgs, opts?: pulumi.ComponentResourceOptions) {
        const instanceType = args.instanceType ?? "t3.micro";
        requireInstanceType("vpnAppliance.instanceType", instanceType, "app");
        if (args.vpc.publicSubnets.length === 0) throw new ConfigError("onPremVpc", "no public subnet", "the appliance needs a public subnet (internet gateway) for its tunnels");
        args.forwardPorts.forEach((p, i) => { if (!Number.isInteger(p) || p < 1 || p > 65535) throw new ConfigError(`vpnAppliance.forwardPorts[${i}]`, p, "use a TCP port from 1 to 65535"); });
        super("ipv6-eks-interop:workloads:VpnAppliance", name, {}, opts);
        const parent = { parent: this };
        const region = aws.getRegionOutput({}, parent).region;

        const sg = new aws.ec2.SecurityGroup(name, { vpcId: args.vpc.vpcId, description: `VPN appliance ${name}: IKE and NAT-T with the two tunnel endpoints only`, tags: { Name: name } }, parent);
        this.securityGroupId = sg.id;
        const tunnelCidrs = pulumi.output(args.tunnels).apply((ts) => ts.map((t) => `${t.outsideAddress}/32`));
        for (const n of [0, 1]) {
            for (const port of [500, 4500]) {
                const cidr = tunnelCidrs.apply((c) => c[n]);
                new aws.vpc.SecurityGroupIngressRule(`${name}-t${n + 1}-in-${port}`, { securityGroupId: sg.id, description: `${port === 500 ? "IKE" : "NAT-T"} from tunnel ${n + 1}`, ipProtocol: "udp", fromPort: port, toPort: port, cidrIpv4: cidr }, parent);
                new aws.vpc.SecurityGroupEgressRule(`${name}-t${n + 1}-out-${port}`, { securityGroupId: sg.id, description: `${port === 500 ? "IKE" : "NAT-T"} to tunnel ${n + 1}`, ipProtocol: "udp", fromPort: port, toPort: port, cidrIpv4: cidr }, parent);
            }
        }
        // Package repositories (Amazon Linux CDN), SSM Parameter Store and Session Manager, over HTTPS.
        new aws.vpc.SecurityGroupEgressRule(`${name}-https`, { securityGroupId: sg.id, description: "HTTPS to package repositories and SSM", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" }, parent);
        // Forwarded traffic leaves this interface: the app ports toward the on-premises VPC.
        args.forwardPorts.forEach((port) => new aws.vpc.SecurityGroupEgressRule(`${name}-fwd-${port}`, { securityGroupId: sg.id, description: `forwarded from the tunnel to the on-premises app on ${port}`, ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: args.vpc.ipv4Cidr }, parent));

        const role = new aws.iam.Role(name, {
            description: `VPN appliance ${name}: reads its two pre-shared keys; Session Manager for checks`,
            assumeRolePolicy: JSON.stringify(ec2AssumeRolePolicy()),
        }, parent);
        new aws.iam.RolePolicy(`${name}-psk`, {
            role: role.id,
            policy: pulumi.all(args.pskParameterArns).apply((arns) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Sid: "ReadTunnelKeys", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: arns }],
            })),
        }, parent);
        new aws.iam.RolePolicyAttachment(`${name}-ssm-core`, { role: role.name, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }, parent);
        const profile = new aws.iam.InstanceProfile(name, { role: role.name }, parent);

        this.userData = pulumi.all([region, args.eip.publicIp, args.tunnels]).apply(([r, ip, tunnels]) =>
            applianceUserData({ region: r, publicIp: ip, tunnels, awsCidr: args.awsCidr, onPremCidr: args.vpc.ipv4Cidr, proposal: args.proposal }));
        this.instance = new aws.ec2.Instance(name, {
            ami: amazonLinux2023Ami(instanceType, parent),
            instanceType,
            subnetId: args.vpc.publicSubnets[0].id,
            vpcSecurityGroupIds: [sg.id],
            iamInstanceProfile: profile.name,
            // The Elastic IP is associated below; no second public address at launch.
            associatePublicIpAddress: false,
            // It forwards packets whose source or destination is not its own (EC2 user guide, "Change source or destination checking").
            sourceDestCheck: false,
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
            rootBlockDevice: { volumeType: "gp3", volumeSize: 8, encrypted: true },
            userData: this.userData,
            userDataReplaceOnChange: true,
            tags: { Name: name },
        }, parent);
        new aws.ec2.EipAssociation(name, { allocationId: args.eip.allocationId, instanceId: this.instance.id }, parent);
        this.networkInterfaceId = this.instance.primaryNetworkInterfaceId;

        // The on-premises private subnets send the AWS-side CIDR to the appliance.
        args.vpc.privateRouteTableIds.forEach((rt, r) => {
            this.routes.push(new aws.ec2.Route(`${name}-${r}-to-aws-0`, { routeTableId: rt, destinationCidrBlock: args.awsCidr, networkInterfaceId: this.networkInterfaceId }, parent));
        });
        this.registerOutputs({ instanceId: this.instance.id, networkInterfaceId: this.networkInterfaceId });
    }
}

export interface OnPremAppArgs {
    vpc: Vpc;
    port: number;
    /** IPv4 CIDRs admitted on the port (the cluster VPC's: pods arrive SNATed to their node's IPv4). */
    allowedIpv4Cidrs: pulumi.Input<string>[];
    instanceType?: string;
}

/**
 * The IPv4-only application of the simulated on-premises network: one Amazon Linux 2023 instance
 * in a private subnet serving a static page over HTTP, no internet access, no IPv6, admitting
 * only the given IPv4 CIDRs (which reach it only through the VPN appliance).
 */
export class OnPremApp extends pulumi.ComponentResource {
    readonly instance: aws.ec2.Instance;
    readonly privateIp: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: OnPremAppArgs, opts?: pulumi.ComponentResourceOptions) {
        const instanceType = args.instanceType ?? "t3.micro";
        requireInstanceType("onPrem.app.instanceType", instanceType, "app");
        super("ipv6-eks-interop:workloads:OnPremApp", name, {}, opts);
        const parent = { parent: this };
        const sg = new aws.ec2.SecurityGroup(name, { vpcId: args.vpc.vpcId, description: `On-premises app ${name}: app port from the AWS side only`, tags: { Name: name } }, parent);
        args.allowedIpv4Cidrs.forEach((cidr, i) => new aws.vpc.SecurityGroupIngressRule(`${name}-in-${i}`, { securityGroupId: sg.id, description: "app port from the AWS side through the VPN", ipProtocol: "tcp", fromPort: args.port, toPort: args.port, cidrIpv4: cidr }, parent));
        const userData = staticSiteUserData({ unit: "onprem-app", description: "IPv4-only on-premises demo app", message: `on-premises ipv4-only app ${name}: hello through the VPN`, port: args.port, bind: "0.0.0.0" });
        this.instance = appInstance(name, { ami: amazonLinux2023Ami(instanceType, parent), instanceType, subnetId: args.vpc.privateSubnets[0].id, securityGroupIds: [sg.id], userData }, parent);
        this.privateIp = this.instance.privateIp;
        this.url = pulumi.interpolate`http://${this.instance.privateIp}:${args.port}/`;
        this.registerOutputs({ privateIp: this.privateIp, url: this.url });
    }
}
