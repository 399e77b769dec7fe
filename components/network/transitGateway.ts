import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { IpFamily } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";
import { hubGatewaySettings, isValidAmazonSideAsn, routeDestination, TgwMemberSpec, tgwRouteMatrix, TgwSummaries, tgwSummaryRoutes, validateTgwMembers } from "../../lib/transitGateway";
import type { Vpc } from "./vpc";

/** One VPC joined to the transit gateway. */
export interface TransitGatewayMember {
    /** Short unique label, used in resource names (`cluster`, `spoke-0`). */
    name: string;
    /** Config key of the member's VPC, for messages (`clusterVpc`). */
    configKey: string;
    vpcId: pulumi.Input<string>;
    /** The VPC's IPv4 CIDR (known before deploy, so overlaps are refused before any resource). */
    ipv4Cidr: string;
    /** Config key that sets `ipv4Cidr`, for messages. Default `<configKey>.cidr`. */
    cidrKey?: string;
    /**
     * The VPC's IPv6 /56. Set: a dual-stack member, attached with `ipv6Support: "enable"`, that
     * routes IPv6 to and from the other dual-stack members. Unset: an IPv4-only member, attached
     * with IPv6 support off (only its IPv4 CIDR propagates).
     */
    ipv6Cidr?: pulumi.Input<string>;
    /**
     * Attachment subnets, one per Availability Zone (AZ index into the VPC's zones). A dual-stack
     * member needs an IPv6 /64 in each (`ipv6: true`).
     */
    attachmentSubnets: { az: number; subnetId: pulumi.Input<string>; ipv6: boolean }[];
    /** Route tables of this VPC that get a route to every other member (per family). */
    routeTableIds: pulumi.Input<string>[];
}

export interface TransitGatewayArgs {
    /** The member VPCs, one entry each, two or more: a hub with N spokes is a list N entries longer. */
    members: TransitGatewayMember[];
    /**
     * Families routed between members. Default both. `["ipv6"]` is the article's IPv6-only
     * option (no IPv4 between VPCs); IPv6 routes exist only between dual-stack members.
     */
    routeFamilies?: IpFamily[];
    /** Private ASN of the Amazon side (64512-65534 or 4200000000-4294967294). Default 64512. */
    amazonSideAsn?: number;
    /** Description of the gateway. */
    description?: string;
    /**
     * Summary routing instead of the mesh: each member's route tables get one route per summary
     * prefix and family to the gateway, whatever the member count; the gateway's route table
     * (propagation) carries the member-level detail. IPv4 summaries must hold every member's
     * IPv4 CIDR (checked before any resource); IPv6 summaries are the blocks of a contiguous
     * pool (`Ipv6AddressPool.blocks`), every dual-stack member allocated from it. Default: the
     * mesh, one route per other member (at most 7 members).
     */
    summaries?: {
        ipv4: string[];
        ipv6: pulumi.Input<string>[];
        /** Config key of the summaries, for messages. */
        configKey: string;
    };
}

/** The member description of a `Vpc`: its private subnets (one per AZ) attach, its private route tables get the routes. */
export function tgwMemberOf(vpc: Vpc, name: string, configKey: string, cidrKey?: string): TransitGatewayMember {
    return {
        name,
        configKey,
        cidrKey,
        vpcId: vpc.vpcId,
        ipv4Cidr: vpc.ipv4Cidr,
        ipv6Cidr: vpc.ipv6Cidr,
        // The Vpc component gives every subnet of a dual-stack VPC a /64 (it refuses otherwise).
        attachmentSubnets: vpc.privateSubnets.map((s, az) => ({ az, subnetId: s.id, ipv6: vpc.dualStack })),
        routeTableIds: vpc.privateRouteTableIds,
    };
}

/** The pure view of a member, for validation and the route matrix. */
export function memberSpec(m: TransitGatewayMember): TgwMemberSpec {
    return {
        name: m.name,
        configKey: m.configKey,
        ipv4Cidr: m.ipv4Cidr,
        cidrKey: m.cidrKey,
        dualStack: m.ipv6Cidr !== undefined,
        attachmentSubnets: m.attachmentSubnets.map((s) => ({ az: s.az, ipv6: s.ipv6 })),
        routeTables: m.routeTableIds.length,
    };
}

/**
 * A transit gateway joining member VPCs in both families: default route table association and
 * propagation on (every attachment learns every other member's CIDRs), DNS support on, one VPC
 * attachment per member with IPv6 support on for dual-stack members, and in each member's route
 * tables a route to every other member: IPv4 CIDRs in `destinationCidrBlock`, IPv6 /56s in
 * `destinationIpv6CidrBlock`. Each route depends on its own VPC's attachment (a route to a
 * gateway the VPC is not attached to fails). Bad member lists are refused before any resource.
 */
export class TransitGateway extends pulumi.ComponentResource {
    readonly transitGatewayId: pulumi.Output<string>;
    readonly transitGatewayArn: pulumi.Output<string>;
    /** The default route table, where every attachment associates and propagates. */
    readonly routeTableId: pulumi.Output<string>;
    /** Attachments by member name. */
    readonly attachments: Record<string, aws.ec2transitgateway.VpcAttachment> = {};
    /** Attachment IDs by member name. */
    readonly attachmentIds: Record<string, pulumi.Output<string>> = {};
    /** Every VPC route to the gateway. */
    readonly routes: aws.ec2.Route[] = [];
    private readonly routeIndex: { from: string; to: string; route: aws.ec2.Route }[] = [];

    constructor(name: string, args: TransitGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        const specs = args.members.map(memberSpec);
        const summaries: TgwSummaries | undefined = args.summaries
            ? { ipv4: args.summaries.ipv4, ipv6Count: args.summaries.ipv6.length, configKey: args.summaries.configKey }
            : undefined;
        validateTgwMembers(specs, summaries);
        const families = args.routeFamilies ?? ["ipv4", "ipv6"];
        if (families.length === 0) {
            throw new ConfigError(`${name}.routeFamilies`, [], 'route at least one family: "ipv4", "ipv6" or both');
        }
        const asn = args.amazonSideAsn ?? 64512;
        if (!isValidAmazonSideAsn(asn)) {
            throw new ConfigError(`${name}.amazonSideAsn`, asn, "use a private ASN: 64512 to 65534, or 4200000000 to 4294967294");
        }
        const matrix = summaries ? [] : tgwRouteMatrix(specs, families);
        const summaryRoutes = summaries ? tgwSummaryRoutes(specs, summaries, families) : [];
        super("ipv6-eks-interop:network:TransitGateway", name, {}, opts);

        const tgw = new aws.ec2transitgateway.TransitGateway(name, {
            description: args.description ?? `${name}: dual-stack hub of ${args.members.map((m) => m.name).join(", ")}`,
            ...hubGatewaySettings(asn),
            tags: { Name: name },
        }, { parent: this });
        this.transitGatewayId = tgw.id;
        this.transitGatewayArn = tgw.arn;
        this.routeTableId = tgw.associationDefaultRouteTableId;

        const byName = new Map(args.members.map((m) => [m.name, m]));
        for (const m of args.members) {
            const dualStack = m.ipv6Cidr !== undefined;
            const attachment = new aws.ec2transitgateway.VpcAttachment(`${name}-${m.name}`, {
                transitGatewayId: tgw.id,
                vpcId: m.vpcId,
                subnetIds: m.attachmentSubnets.map((s) => s.subnetId),
                ipv6Support: dualStack ? "enable" : "disable",
                dnsSupport: "enable",
                applianceModeSupport: "disable",
                transitGatewayDefaultRouteTableAssociation: true,
                transitGatewayDefaultRouteTablePropagation: true,
                tags: { Name: `${name}-${m.name}` },
            }, { parent: this });
            this.attachments[m.name] = attachment;
            this.attachmentIds[m.name] = attachment.id;
        }

        for (const r of matrix) {
            const from = byName.get(r.from)!;
            const to = byName.get(r.to)!;
            const destination = r.family === "ipv4"
                ? routeDestination("ipv4", to.ipv4Cidr)
                : { destinationIpv6CidrBlock: pulumi.output(to.ipv6Cidr!).apply((block) => (routeDestination("ipv6", block) as { destinationIpv6CidrBlock: string }).destinationIpv6CidrBlock) };
            const route = new aws.ec2.Route(`${name}-${r.from}-${r.routeTable}-to-${r.to}-${r.family}`, {
                routeTableId: from.routeTableIds[r.routeTable],
                ...destination,
                transitGatewayId: tgw.id,
            }, { parent: this, dependsOn: [this.attachments[r.from]] });
            this.routes.push(route);
            this.routeIndex.push({ from: r.from, to: r.to, route });
        }

        for (const r of summaryRoutes) {
            const from = byName.get(r.from)!;
            const destination = r.family === "ipv4"
                ? routeDestination("ipv4", args.summaries!.ipv4[r.index])
                : { destinationIpv6CidrBlock: pulumi.output(args.summaries!.ipv6[r.index]).apply((block) => (routeDestination("ipv6", block) as { destinationIpv6CidrBlock: string }).destinationIpv6CidrBlock) };
            const route = new aws.ec2.Route(`${name}-${r.from}-${r.routeTable}-summary-${r.family}-${r.index}`, {
                routeTableId: from.routeTableIds[r.routeTable],
                ...destination,
                transitGatewayId: tgw.id,
            }, { parent: this, dependsOn: [this.attachments[r.from]] });
            this.routes.push(route);
            this.routeIndex.push({ from: r.from, to: "*", route });
        }

        this.registerOutputs({
            transitGatewayId: this.transitGatewayId,
            routeTableId: this.routeTableId,
            attachmentIds: this.attachmentIds,
        });
    }

    /** The routes between two members, both ways (what a flow between them needs): with summaries, both members' summary routes. */
    routesBetween(a: string, b: string): aws.ec2.Route[] {
        return this.routeIndex.filter((r) => ((r.from === a || r.from === b) && r.to === "*") || (r.from === a && r.to === b) || (r.from === b && r.to === a)).map((r) => r.route);
    }
}
