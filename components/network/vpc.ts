import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { IPAM_FACTS } from "../../lib/aws/ipam";
import { flowLogsDeliveryPolicy, flowLogsTrustPolicy } from "../../lib/aws/serviceRoles";
import { ipv6SubnetCidr } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";
import { PolicyExemption, exemptionTags } from "../../lib/policyExemption";
import type { VpcConfig } from "../../lib/config";
import { planVpc, VpcPlan } from "../../lib/vpcPlan";

/** How a VPC gets its IPv6 /56. */
export type Ipv6Mode =
    /** No IPv6: an IPv4-only VPC. */
    | "none"
    /** `assignGeneratedIpv6CidrBlock` on the VPC itself (a new dual-stack VPC). */
    | "generated"
    /**
     * A separate `VpcIpv6CidrBlockAssociation`, exactly as an existing IPv4 VPC opts in to IPv6
     * (VPC user guide, "Add IPv6 support for your VPC", step 1).
     */
    | "association"
    /**
     * A /56 allocated from an IPAM pool (`ipv6IpamPoolId`, `ipv6NetmaskLength`), so that the
     * members of one pool share one summary prefix. Needs `ipv6Pool`.
     */
    | "ipam";

/** The IPAM pool a VPC in `ipam` mode allocates its IPv6 /56 from. */
export interface VpcIpv6Pool {
    poolId: pulumi.Input<string>;
    /** Netmask of the allocation. Default and only accepted value 56 (lib/aws/ipam.ts, from the provider's own check). */
    netmaskLength?: number;
    /** What must exist before the allocation (the pool's provisioned blocks). */
    dependsOn: pulumi.Resource[];
}

export interface VpcArgs {
    /** IPv4 CIDR of the VPC (required for every VPC, also dual-stack ones). */
    cidr: string;
    /** Subnet plan from `lib/vpcPlan.planVpc`: IPv4 blocks and IPv6 indexes per tier and AZ. */
    plan: VpcPlan;
    /** Availability zone names, at least `plan.azCount` of them. */
    availabilityZones: pulumi.Input<string[]>;
    /** How the VPC gets IPv6. Default `generated` when the plan has IPv6 indexes, else `none`. */
    ipv6?: Ipv6Mode;
    /**
     * Private route tables: `perAz` (default), one per AZ, as a NAT gateway per AZ needs; or
     * `shared`, one for every private subnet, for VPCs whose private routes are the same in
     * every AZ (no NAT or a single one): fewer tables and fewer routes to keep.
     */
    privateRouteTables?: "perAz" | "shared";
    /** The IPAM pool of `ipv6: "ipam"`; required in that mode, refused in the others. */
    ipv6Pool?: VpcIpv6Pool;
    /**
     * IPv4 internet egress of the private subnets: `none`, `single` (one NAT gateway, the
     * default) or `perAz`. Each NAT gateway bills by the hour plus its public IPv4 address.
     */
    natGateways?: "none" | "single" | "perAz";
    /**
     * DNS64 on the private subnets. Default false. When true, a `64:ff9b::/96` route to the NAT
     * gateway is always added with it (terraform-aws-vpc#923). Refused where EKS nodes run.
     */
    enableDns64?: boolean;
    /** EKS nodes run in the private subnets (DNS64 is then refused). Default false. */
    hostsEksNodes?: boolean;
    /** VPC flow logs to a CloudWatch log group kept 7 days. Default true. */
    flowLogs?: boolean;
    /** Config key of this VPC, for error messages. Default the resource name. */
    configKey?: string;
    /**
     * Exempts the VPC from rules of the policy pack (policies/), with the reason, as the
     * `ipv6-policy-exempt` tag. For a deliberately IPv4-only VPC:
     * `{ rules: ["vpc-dual-stack"], reason: "legacy IPv4-only app VPC (figure 6)" }`. Default none.
     */
    policyExemption?: PolicyExemption;
}

/**
 * A VPC with a public and a private tier across the plan's availability zones. IPv4-only or
 * dual-stack: dual-stack subnets each get a /64 by explicit index, assign IPv6 on creation, and
 * private route tables send `::/0` to an egress-only internet gateway.
 */
export class Vpc extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    /** The VPC's IPv4 CIDR, as configured (known before deploy). */
    readonly ipv4Cidr: string;
    /** The VPC's Amazon-provided IPv6 /56; undefined for IPv4-only VPCs. */
    readonly ipv6Cidr: pulumi.Output<string> | undefined;
    /**
     * What must exist before anything uses the IPv6 block: the `VpcIpv6CidrBlockAssociation` in
     * `association` mode (its block is an output of the association, but resources that only
     * name the VPC, such as a route in one of its tables, would not wait for it); empty otherwise.
     */
    readonly ipv6Dependencies: pulumi.Resource[];
    readonly dualStack: boolean;
    readonly publicSubnets: aws.ec2.Subnet[];
    readonly privateSubnets: aws.ec2.Subnet[];
    readonly publicSubnetIds: pulumi.Output<string>[];
    readonly privateSubnetIds: pulumi.Output<string>[];
    readonly publicRouteTable: aws.ec2.RouteTable;
    /** One private route table per AZ, in AZ order; one in all with `privateRouteTables: "shared"`. */
    readonly privateRouteTables: aws.ec2.RouteTable[];
    readonly privateRouteTableIds: pulumi.Output<string>[];
    readonly natGatewayIds: pulumi.Output<string>[];
    readonly availabilityZones: pulumi.Output<string[]>;

    constructor(name: string, args: VpcArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ipv6-eks-interop:network:Vpc", name, {}, opts);
        const key = args.configKey ?? name;
        const plan = args.plan;
        const mode: Ipv6Mode = args.ipv6 ?? (plan.privateIpv6Indexes ? "generated" : "none");
        const dualStack = mode !== "none";
        if (dualStack && (!plan.privateIpv6Indexes || !plan.publicIpv6Indexes)) {
            throw new ConfigError(`${key}.ipv6SubnetIndexes`, undefined, "a dual-stack VPC needs IPv6 indexes for both tiers; plan it with planVpc(..., dualStack = true)");
        }
        if ((mode === "ipam") !== (args.ipv6Pool !== undefined)) {
            throw new ConfigError(`${key}.ipv6`, mode, mode === "ipam" ? "an ipam VPC allocates its /56 from an IPAM pool: pass ipv6Pool" : `ipv6Pool is used only with ipv6: "ipam", not "${mode}"`);
        }
        const netmask = args.ipv6Pool?.netmaskLength ?? IPAM_FACTS.vpcIpv6NetmaskLength.value;
        if (mode === "ipam" && netmask !== IPAM_FACTS.vpcIpv6NetmaskLength.value) {
            throw new ConfigError(`${key}.ipv6Pool.netmaskLength`, netmask, `the provider accepts only /${IPAM_FACTS.vpcIpv6NetmaskLength.value} for a VPC's IPAM allocation (${IPAM_FACTS.vpcIpv6NetmaskLength.source}); use ${IPAM_FACTS.vpcIpv6NetmaskLength.value}`);
        }
        const natGateways = args.natGateways ?? "single";
        if (args.enableDns64 && args.hostsEksNodes) {
            throw new ConfigError(`${key}.enableDns64`, true, "EKS pods lose IPv4 egress when DNS64 hands them synthesized AAAA answers (terraform-aws-vpc#972); set it to false on VPCs whose private subnets run EKS nodes");
        }
        if (args.enableDns64 && (!dualStack || natGateways === "none")) {
            throw new ConfigError(`${key}.enableDns64`, true, 'DNS64 needs a dual-stack VPC and a NAT gateway for the 64:ff9b::/96 route; set natGateways to "single" or "perAz", or turn DNS64 off');
        }
        const parent = { parent: this };
        this.dualStack = dualStack;
        this.ipv4Cidr = args.cidr;
        this.availabilityZones = pulumi.output(args.availabilityZones).apply((azs) => {
            if (azs.length < plan.azCount) {
                throw new ConfigError("azCount", plan.azCount, `the region offers only ${azs.length} availability zones here (${azs.join(", ")}); lower azCount`);
            }
            return azs.slice(0, plan.azCount);
        });

        const vpc = new aws.ec2.Vpc(name, {
            cidrBlock: args.cidr,
            enableDnsSupport: true,
            enableDnsHostnames: true,
            assignGeneratedIpv6CidrBlock: mode === "generated" ? true : undefined,
            ipv6IpamPoolId: mode === "ipam" ? args.ipv6Pool!.poolId : undefined,
            ipv6NetmaskLength: mode === "ipam" ? netmask : undefined,
            tags: { Name: name, ...exemptionTags(args.policyExemption) },
        }, {
            parent: this,
            dependsOn: mode === "ipam" ? args.ipv6Pool!.dependsOn : [],
            // Association mode: the provider reads the VPC back with assignGeneratedIpv6CidrBlock
            // true once any Amazon-provided IPv6 block is associated (terraform-provider-aws
            // internal/service/ec2/vpc_.go, resourceVPCRead with defaultIPv6CIDRBlockAssociation).
            // The input is unset, so after a refresh the next update would disassociate the /56
            // the subnets use. The association resource owns the block; the VPC ignores the flag.
            // Modelled in lib/aws/readBacks.ts, proven by plan --from (test/engine/update.test.ts).
            ignoreChanges: mode === "association" ? ["assignGeneratedIpv6CidrBlock"] : undefined,
        });
        this.vpcId = vpc.id;

        // The IPv6 block and what must exist before anything uses it.
        let ipv6Dependency: pulumi.Resource[] = [];
        if (mode === "generated" || mode === "ipam") {
            this.ipv6Cidr = vpc.ipv6CidrBlock;
        } else if (mode === "association") {
            const assoc = new aws.ec2.VpcIpv6CidrBlockAssociation(`${name}-ipv6`, { vpcId: vpc.id, assignGeneratedIpv6CidrBlock: true }, parent);
            this.ipv6Cidr = assoc.ipv6CidrBlock;
            ipv6Dependency = [assoc];
        }
        this.ipv6Dependencies = ipv6Dependency;

        const igw = new aws.ec2.InternetGateway(name, { vpcId: vpc.id, tags: { Name: name } }, parent);
        const eigw = dualStack
            ? new aws.ec2.EgressOnlyInternetGateway(name, { vpcId: vpc.id, tags: { Name: name } }, { parent: this, dependsOn: ipv6Dependency })
            : undefined;

        const az = (i: number) => this.availabilityZones.apply((azs) => azs[i]);
        const subnet6 = (index: number | undefined) =>
            index === undefined || !this.ipv6Cidr ? undefined : this.ipv6Cidr.apply((block) => ipv6SubnetCidr(block, index));

        const makeSubnets = (tier: "public" | "private", ipv4: string[], ipv6Indexes: number[] | undefined) =>
            ipv4.map((cidrBlock, i) =>
                new aws.ec2.Subnet(`${name}-${tier}-${i}`, {
                    vpcId: vpc.id,
                    availabilityZone: az(i),
                    cidrBlock,
                    ipv6CidrBlock: subnet6(ipv6Indexes?.[i]),
                    // Managed node groups fail with Ec2SubnetMissingIpv6Assignment without it (eksctl#4701).
                    assignIpv6AddressOnCreation: dualStack ? true : undefined,
                    // No public IPv4 by default: AWS bills every public IPv4 address by the hour.
                    mapPublicIpOnLaunch: false,
                    enableDns64: tier === "private" && args.enableDns64 ? true : false,
                    enableResourceNameDnsAaaaRecordOnLaunch: dualStack ? true : undefined,
                    tags: {
                        Name: `${name}-${tier}-${i}`,
                        tier,
                        // Subnet discovery by the AWS Load Balancer Controller.
                        ...(tier === "public" ? { "kubernetes.io/role/elb": "1" } : { "kubernetes.io/role/internal-elb": "1" }),
                    },
                }, { parent: this, dependsOn: ipv6Dependency }),
            );
        this.publicSubnets = makeSubnets("public", plan.publicIpv4, plan.publicIpv6Indexes);
        this.privateSubnets = makeSubnets("private", plan.privateIpv4, plan.privateIpv6Indexes);
        this.publicSubnetIds = this.publicSubnets.map((s) => s.id);
        this.privateSubnetIds = this.privateSubnets.map((s) => s.id);

        // Public tier: both families to the internet gateway.
        this.publicRouteTable = new aws.ec2.RouteTable(`${name}-public`, { vpcId: vpc.id, tags: { Name: `${name}-public` } }, parent);
        new aws.ec2.Route(`${name}-public-ipv4-default`, { routeTableId: this.publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, { parent: this, dependsOn: [igw] });
        if (dualStack) {
            new aws.ec2.Route(`${name}-public-ipv6-default`, { routeTableId: this.publicRouteTable.id, destinationIpv6CidrBlock: "::/0", gatewayId: igw.id }, { parent: this, dependsOn: [igw, ...ipv6Dependency] });
        }
        this.publicSubnets.forEach((s, i) => new aws.ec2.RouteTableAssociation(`${name}-public-${i}`, { subnetId: s.id, routeTableId: this.publicRouteTable.id }, parent));

        // NAT gateways (IPv4 egress, and NAT64 for 64:ff9b::/96 when DNS64 is on).
        const natCount = natGateways === "none" ? 0 : natGateways === "single" ? 1 : plan.azCount;
        const nats = Array.from({ length: natCount }, (_, i) => {
            const eip = new aws.ec2.Eip(`${name}-nat-${i}`, { domain: "vpc", tags: { Name: `${name}-nat-${i}` } }, { parent: this, dependsOn: [igw] });
            return new aws.ec2.NatGateway(`${name}-${i}`, { allocationId: eip.id, subnetId: this.publicSubnets[i].id, connectivityType: "public", tags: { Name: `${name}-${i}` } }, { parent: this, dependsOn: [igw] });
        });
        this.natGatewayIds = nats.map((n) => n.id);

        // Private tier: one route table per AZ, or one for all AZs when asked (`shared`).
        const sharedPrivate = (args.privateRouteTables ?? "perAz") === "shared";
        if (sharedPrivate && natGateways === "perAz") {
            throw new ConfigError(`${key}.natGateways`, "perAz", "a NAT gateway per AZ needs a private route table per AZ (each sends 0.0.0.0/0 to its own AZ's gateway); use privateRouteTables perAz, or natGateways single or none");
        }
        const privateTable = (i: number) => {
            const rt = new aws.ec2.RouteTable(`${name}-private-${i}`, { vpcId: vpc.id, tags: { Name: `${name}-private-${i}` } }, parent);
            const nat = nats.length === 0 ? undefined : nats[natGateways === "perAz" ? i : 0];
            if (nat) {
                new aws.ec2.Route(`${name}-private-${i}-ipv4-default`, { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, { parent: this, dependsOn: [nat] });
            }
            if (eigw) {
                new aws.ec2.Route(`${name}-private-${i}-ipv6-default`, { routeTableId: rt.id, destinationIpv6CidrBlock: "::/0", egressOnlyGatewayId: eigw.id }, { parent: this, dependsOn: [eigw, ...ipv6Dependency] });
            }
            if (args.enableDns64 && nat) {
                // DNS64 always with its NAT64 route (VPC user guide, "DNS64 and NAT64").
                new aws.ec2.Route(`${name}-private-${i}-nat64`, { routeTableId: rt.id, destinationIpv6CidrBlock: "64:ff9b::/96", natGatewayId: nat.id }, { parent: this, dependsOn: [nat, ...ipv6Dependency] });
            }
            return rt;
        };
        this.privateRouteTables = sharedPrivate ? [privateTable(0)] : this.privateSubnets.map((_, i) => privateTable(i));
        this.privateSubnets.forEach((s, i) => new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { subnetId: s.id, routeTableId: this.privateRouteTables[sharedPrivate ? 0 : i].id }, parent));
        this.privateRouteTableIds = this.privateRouteTables.map((rt) => rt.id);

        if (args.flowLogs ?? true) {
            const logGroup = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, { retentionInDays: 7 }, parent);
            // Trust: only flow logs of this account and region (the confused-deputy guard of the VPC
            // user guide); permissions: delivery to this log group only (lib/aws/serviceRoles.ts).
            const role = new aws.iam.Role(`${name}-flow-logs`, {
                assumeRolePolicy: logGroup.arn.apply((arn) => JSON.stringify(flowLogsTrustPolicy(arn))),
            }, parent);
            new aws.iam.RolePolicy(`${name}-flow-logs`, {
                role: role.id,
                policy: logGroup.arn.apply((arn) => JSON.stringify(flowLogsDeliveryPolicy(arn))),
            }, parent);
            new aws.ec2.FlowLog(name, { vpcId: vpc.id, trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: logGroup.arn, iamRoleArn: role.arn, maxAggregationInterval: 600 }, parent);
        }

        this.registerOutputs({
            vpcId: this.vpcId,
            ipv4Cidr: this.ipv4Cidr,
            ipv6Cidr: this.ipv6Cidr,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            privateRouteTableIds: this.privateRouteTableIds,
            publicRouteTableId: this.publicRouteTable.id,
        });
    }
}

/**
 * Availability zones of the provider's region that need no opt-in, in AWS's order: the zones
 * every scenario spreads its VPCs over (the first `azCount` of them).
 */
export function regionAvailabilityZones(opts?: pulumi.InvokeOutputOptions): pulumi.Output<string[]> {
    return aws.getAvailabilityZonesOutput({ state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] }, opts).names;
}

export interface VpcFromConfigArgs {
    /** Config key of the VPC block, for example `clusterVpc`. */
    configKey: string;
    /** The validated `vpcSchema` block. */
    config: VpcConfig;
    azCount: number;
    availabilityZones: pulumi.Input<string[]>;
    /** How the VPC gets IPv6; `none` for an IPv4-only VPC. */
    ipv6: Ipv6Mode;
    /** The IPAM pool of `ipv6: "ipam"`. */
    ipv6Pool?: VpcIpv6Pool;
    /** EKS nodes run in its private subnets (DNS64 is then refused). Default false. */
    hostsEksNodes?: boolean;
    /** A policy exemption with its reason (deliberately IPv4-only VPCs). */
    policyExemption?: VpcArgs["policyExemption"];
    /** A subnet plan to use instead of the one planned from `config` (rarely needed). */
    plan?: VpcPlan;
}

/** A Vpc whose CIDR, subnet plan, NAT strategy, DNS64 and flow logs come from its config block. */
export function vpcFromConfig(name: string, args: VpcFromConfigArgs, opts?: pulumi.ComponentResourceOptions): Vpc {
    const c = args.config;
    return new Vpc(name, {
        cidr: c.cidr,
        plan: args.plan ?? planVpc(args.configKey, c, args.azCount, args.ipv6 !== "none"),
        availabilityZones: args.availabilityZones,
        ipv6: args.ipv6,
        ipv6Pool: args.ipv6Pool,
        natGateways: c.natGateways,
        enableDns64: c.enableDns64,
        hostsEksNodes: args.hostsEksNodes,
        flowLogs: c.flowLogs,
        configKey: args.configKey,
        policyExemption: args.policyExemption,
    }, opts);
}
