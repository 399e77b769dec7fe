/**
 * Transit Gateway facts and pure planning: member validation and the VPC route matrix of a hub
 * whose members all reach each other. No resources; `components/network/transitGateway.ts`
 * turns the plan into a gateway, attachments and routes.
 *
 * AWS facts used here, each decided against the AWS documentation:
 * - One attachment subnet per Availability Zone, at least one; resources in an AZ without an
 *   attachment subnet cannot reach the gateway (Transit Gateway guide, "Amazon VPC attachments
 *   in AWS Transit Gateway", Limits; EC2 API CreateTransitGatewayVpcAttachment, SubnetIds).
 * - `Ipv6Support` is per attachment and defaults to `disable`. When enabled the attachment's
 *   network interfaces get IPv6 addresses and, with propagation, the VPC's IPv6 CIDRs propagate
 *   to the gateway route table; when disabled no IPv6 route propagates (EC2 API
 *   CreateTransitGatewayVpcAttachmentRequestOptions, Ipv6Support). So an IPv4-only VPC attaches
 *   with IPv6 support off next to dual-stack members: only IPv4 routes propagate from it.
 * - The attachment interfaces need IPv6 addresses for IPv6 (whitepaper "IPv6 on AWS", "Amazon
 *   VPC connectivity options for IPv6"): every attachment subnet of a dual-stack member must
 *   have an IPv6 /64. Attachments cannot use IPv6-only subnets (Transit Gateway guide, Limits).
 * - A gateway does not route between identical or overlapping IPv4 CIDRs: the later VPC's CIDR is
 *   not propagated (Transit Gateway guide, Limits; EC2 API CreateTransitGatewayVpcAttachment).
 *   Overlaps are refused here, before anything is created.
 * - Gateway MTU is 8500 bytes between VPCs (Transit Gateway guide, "What is AWS Transit Gateway",
 *   concepts, MTU) while instances inside a VPC use 9001. IPv6 routers never fragment, so IPv6
 *   peers admit ICMPv6 from each other for path-MTU discovery (facts page, "Security groups").
 * - IPv6 VPC routes go in `destinationIpv6CidrBlock`, never `destinationCidrBlock`
 *   (terraform-aws-transit-gateway#101; facts page, scenario 2).
 */
import { assertNoIpv4Overlap, cidrContains, IpFamily, tryParseCidr } from "./cidr";
import { ConfigError } from "./errors";

/** Largest packet a transit gateway carries between VPCs (Transit Gateway guide, "What is AWS Transit Gateway", MTU). */
export const TGW_MTU_BYTES = 8500;

/**
 * Routes per VPC route table, per family, before a quota increase (VPC user guide, "Amazon VPC
 * quotas", "Routes per route table", default 50, adjustable up to 1,000).
 */
export const VPC_ROUTES_PER_TABLE_QUOTA = 50;

/**
 * Most routes per family a member's route table may hold in this repository: the gateway routes
 * plus the local and the default route. Far below the quota on purpose: every route is an API
 * call on each `up` and a line to read when debugging, and a hub must not grow its tables with
 * its member count. Mesh routing (one route per other member) is therefore refused beyond
 * `HANDFUL_ROUTES_PER_FAMILY - 1` members; summary routing stays at one route per summary.
 */
export const HANDFUL_ROUTES_PER_FAMILY = 8;

/** Routes per family in every member table besides the gateway routes: the local route and a default route. */
const NON_GATEWAY_ROUTES = 2;

/**
 * Summary routing: every member's route tables hold one route per summary prefix and family to
 * the gateway, whatever the member count, and the gateway's route table (propagation) carries
 * the member-level detail. IPv4 summaries are the address plan (known before deploy); IPv6
 * summaries are the blocks of a contiguous pool (IPAM), known only after deploy, so only their
 * number is planned here.
 */
export interface TgwSummaries {
    /** IPv4 prefixes that together hold every member's IPv4 CIDR (for example 10.0.0.0/8). */
    ipv4: string[];
    /** Number of IPv6 summary prefixes (the pool's provisioned blocks). */
    ipv6Count: number;
    /** Config key of the summaries, for messages. */
    configKey: string;
}

/** One summary route: in `from`'s route table `routeTable`, to summary `index` of `family`. */
export interface TgwSummaryRouteSpec {
    from: string;
    routeTable: number;
    family: IpFamily;
    index: number;
}

/**
 * True for an ASN the Amazon side of a transit gateway accepts: private 16-bit 64512-65534 or
 * 32-bit 4200000000-4294967294 (EC2 API, TransitGatewayRequestOptions, AmazonSideAsn).
 */
export function isValidAmazonSideAsn(asn: number): boolean {
    return Number.isInteger(asn) && ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294));
}

/** One member VPC of a transit gateway, as the plan sees it (no resources, no outputs). */
export interface TgwMemberSpec {
    /** Short unique label, used in resource names (`cluster`, `spoke-3`). */
    name: string;
    /** Config key of the member's VPC, for messages (`clusterVpc`, `spokes[3]`). */
    configKey: string;
    /** The member VPC's IPv4 CIDR. */
    ipv4Cidr: string;
    /** Config key that sets `ipv4Cidr`, for messages. Default `<configKey>.cidr`. */
    cidrKey?: string;
    /** True when the VPC has an IPv6 /56 and its attachment carries IPv6 (`ipv6Support: enable`). */
    dualStack: boolean;
    /** Attachment subnets: the AZ index of each and whether it has an IPv6 /64. */
    attachmentSubnets: { az: number; ipv6: boolean }[];
    /** Number of route tables in this VPC that get routes to the other members. */
    routeTables: number;
}

/** One VPC route of the matrix: in `from`'s route table `routeTable`, to `to`'s block of `family`. */
export interface TgwRouteSpec {
    from: string;
    to: string;
    routeTable: number;
    family: IpFamily;
}

/**
 * Refuses a member list the gateway cannot serve, before any resource: fewer than two members,
 * repeated names, no attachment subnet, two subnets in one AZ, a dual-stack member whose
 * attachment subnet in some AZ has no IPv6 /64, overlapping IPv4 CIDRs.
 */
export function validateTgwMembers(members: TgwMemberSpec[], summaries?: TgwSummaries): void {
    if (members.length < 2) {
        throw new ConfigError("transitGateway.members", members.map((m) => m.name), "a transit gateway joins at least two VPCs; add another member");
    }
    const names = new Set<string>();
    for (const m of members) {
        if (names.has(m.name)) {
            throw new ConfigError(`${m.configKey}`, m.name, `member name "${m.name}" is used twice; each VPC attaches once, under its own name`);
        }
        names.add(m.name);
        if (m.attachmentSubnets.length === 0) {
            throw new ConfigError(`${m.configKey}`, "no attachment subnets", "a VPC attachment needs one subnet in each Availability Zone where the VPC has resources");
        }
        const azs = new Set<number>();
        for (const s of m.attachmentSubnets) {
            if (azs.has(s.az)) {
                throw new ConfigError(`${m.configKey}`, `two attachment subnets in AZ index ${s.az}`, "a VPC attachment takes only one subnet per Availability Zone; keep one");
            }
            azs.add(s.az);
            if (m.dualStack && !s.ipv6) {
                throw new ConfigError(
                    `${m.configKey}`,
                    `attachment subnet in AZ index ${s.az} without IPv6`,
                    `a dual-stack member attaches with ipv6Support "enable", whose interfaces need an IPv6 address in every attachment subnet; give the subnet in AZ index ${s.az} an IPv6 /64 (ipv6SubnetIndexes) or attach only in AZs whose subnets are dual-stack`,
                );
            }
        }
        if (!Number.isInteger(m.routeTables) || m.routeTables < 0) {
            throw new ConfigError(`${m.configKey}`, m.routeTables, "the number of route tables must be a whole number, 0 or more");
        }
    }
    assertNoIpv4Overlap(members.map((m) => ({ key: m.cidrKey ?? `${m.configKey}.cidr`, cidr: m.ipv4Cidr })));
    if (summaries) {
        validateSummaries(members, summaries);
        return;
    }
    const perTable = members.length - 1;
    if (perTable + NON_GATEWAY_ROUTES > HANDFUL_ROUTES_PER_FAMILY) {
        throw new ConfigError(
            "transitGateway.members",
            members.length,
            `mesh routing gives each route table ${perTable} gateway routes per family (one per other member) plus the local and default routes, more than the ${HANDFUL_ROUTES_PER_FAMILY} this repository allows (the default quota is ${VPC_ROUTES_PER_TABLE_QUOTA}); use at most ${HANDFUL_ROUTES_PER_FAMILY - NON_GATEWAY_ROUTES + 1} members, or summary routing (tgw-dual-stack: addressing.mode ipam), which needs one route per family whatever the member count`,
        );
    }
}

/**
 * Refuses summaries that would not carry every member: an IPv4 summary that is not IPv4 or is a
 * default route, a member whose IPv4 CIDR no summary holds, no IPv6 summary while dual-stack
 * members exist, or more summaries per family than a handful.
 */
export function validateSummaries(members: TgwMemberSpec[], summaries: TgwSummaries): void {
    const key = summaries.configKey;
    if (summaries.ipv4.length === 0) throw new ConfigError(`${key}.ipv4Summaries`, [], "list at least one IPv4 prefix that holds every member VPC's IPv4 CIDR, for example 10.0.0.0/8");
    summaries.ipv4.forEach((cidr, i) => {
        const parsed = tryParseCidr(cidr);
        if (!parsed || parsed.family !== "ipv4") throw new ConfigError(`${key}.ipv4Summaries[${i}]`, cidr, "use an IPv4 CIDR such as 10.0.0.0/8");
        if (parsed.prefix === 0) throw new ConfigError(`${key}.ipv4Summaries[${i}]`, cidr, "a default route to the transit gateway would send all traffic there (and replace the NAT default); use the address plan, for example 10.0.0.0/8");
        if (parsed.text !== cidr) throw new ConfigError(`${key}.ipv4Summaries[${i}]`, cidr, `write the network address: ${parsed.text}`);
    });
    for (const m of members) {
        if (!summaries.ipv4.some((s) => cidrContains(s, m.ipv4Cidr))) {
            throw new ConfigError(m.cidrKey ?? `${m.configKey}.cidr`, m.ipv4Cidr, `no IPv4 summary (${key}.ipv4Summaries: ${summaries.ipv4.join(", ")}) holds this member's CIDR, so the other members would have no route to it; move it inside one or add a summary that holds it`);
        }
    }
    if (members.some((m) => m.dualStack) && summaries.ipv6Count < 1) {
        throw new ConfigError(`${key}.ipv6`, summaries.ipv6Count, "dual-stack members need at least one IPv6 summary (the pool's block)");
    }
    for (const [family, count] of [["ipv4", summaries.ipv4.length], ["ipv6", summaries.ipv6Count]] as const) {
        if (count + NON_GATEWAY_ROUTES > HANDFUL_ROUTES_PER_FAMILY) {
            throw new ConfigError(`${key}`, count, `${count} ${family} summaries make ${count + NON_GATEWAY_ROUTES} routes per route table with the local and default routes, more than ${HANDFUL_ROUTES_PER_FAMILY}; use fewer, larger summaries`);
        }
    }
}

/**
 * Every VPC route of summary routing: in each member's route tables, one route per IPv4 summary,
 * and one per IPv6 summary for dual-stack members (an IPv4-only VPC has no IPv6 sources).
 */
export function tgwSummaryRoutes(members: TgwMemberSpec[], summaries: TgwSummaries, families: IpFamily[] = ["ipv4", "ipv6"]): TgwSummaryRouteSpec[] {
    const routes: TgwSummaryRouteSpec[] = [];
    for (const from of members) {
        for (let rt = 0; rt < from.routeTables; rt++) {
            if (families.includes("ipv4")) summaries.ipv4.forEach((_, index) => routes.push({ from: from.name, routeTable: rt, family: "ipv4", index }));
            if (families.includes("ipv6") && from.dualStack) {
                for (let index = 0; index < summaries.ipv6Count; index++) routes.push({ from: from.name, routeTable: rt, family: "ipv6", index });
            }
        }
    }
    return routes;
}

/**
 * Every VPC route the hub needs: in each member's route tables, the IPv4 CIDR of every other
 * member, and the IPv6 /56 of every other member when both are dual-stack (an IPv4-only VPC has no
 * IPv6 block to route to, nor IPv6 sources to route from). `families` limits the routed families
 * (the article's IPv6-only routing option); default both.
 */
export function tgwRouteMatrix(members: TgwMemberSpec[], families: IpFamily[] = ["ipv4", "ipv6"]): TgwRouteSpec[] {
    const routes: TgwRouteSpec[] = [];
    for (const from of members) {
        for (let rt = 0; rt < from.routeTables; rt++) {
            for (const to of members) {
                if (to.name === from.name) continue;
                if (families.includes("ipv4")) routes.push({ from: from.name, to: to.name, routeTable: rt, family: "ipv4" });
                if (families.includes("ipv6") && from.dualStack && to.dualStack) routes.push({ from: from.name, to: to.name, routeTable: rt, family: "ipv6" });
            }
        }
    }
    return routes;
}

/**
 * The destination argument of an `aws.ec2.Route` for a block: IPv4 in `destinationCidrBlock`, IPv6
 * in `destinationIpv6CidrBlock`. Throws when the block is not of the family the route is for, so
 * an IPv6 prefix can never land in the IPv4 field (terraform-aws-transit-gateway#101).
 */
export function routeDestination(family: IpFamily, cidr: string): { destinationCidrBlock: string } | { destinationIpv6CidrBlock: string } {
    const parsed = tryParseCidr(cidr);
    if (!parsed || parsed.family !== family) {
        throw new ConfigError(`${family} route destination`, cidr, `an ${family === "ipv4" ? "IPv4" : "IPv6"} route needs an ${family === "ipv4" ? "IPv4" : "IPv6"} CIDR`);
    }
    if (parsed.prefix === 0) {
        throw new ConfigError(`${family} route destination`, cidr, "a default route to the transit gateway would send all traffic there; route the members' CIDRs instead");
    }
    return family === "ipv4" ? { destinationCidrBlock: parsed.text } : { destinationIpv6CidrBlock: parsed.text };
}

/**
 * The settings of every transit gateway the scenarios create, besides its description and tags
 * (EC2 API, TransitGatewayRequestOptions): every attachment associates with and propagates into
 * the one default route table, so each member learns every other member's IPv4 CIDR, and its IPv6
 * /56 when the attachment has IPv6 support; cross-account attachments need an explicit accept
 * (nothing here shares the gateway); no multicast; ECMP across VPN tunnels allowed (it takes
 * effect only with BGP: with static routes one tunnel carries the traffic).
 */
export function hubGatewaySettings(amazonSideAsn: number) {
    return {
        amazonSideAsn,
        defaultRouteTableAssociation: "enable",
        defaultRouteTablePropagation: "enable",
        dnsSupport: "enable",
        autoAcceptSharedAttachments: "disable",
        multicastSupport: "disable",
        vpnEcmpSupport: "enable",
    } as const;
}
