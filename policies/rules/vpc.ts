/**
 * VPCs and subnets: dual-stack, IPv6 assigned on creation, /64 blocks inside the VPC's block,
 * and DNS64 only with its NAT64 route and never where EKS pods run.
 */
import { NAT64_PREFIX, cidrContains, isNetworkAligned, tryParseCidr } from "../../lib/cidr";
import { NAT64_ROUTE_TARGETS, SUBNET_IPV6_PREFIX } from "../../lib/networkFacts";
import { resourceRule, stackRule } from "../support/rule";
import { T, routeTablesOfSubnet, routesOf, subnetHasIpv6, vpcDualStack, vpcIpv6Blocks } from "../support/network";
import { eksNodeSubnets } from "../support/eks";
import { UNKNOWN, bool, describe, str } from "../support/values";
import type { PolicyRes } from "../support/stack";

const NAT64_TEXT = tryParseCidr(NAT64_PREFIX)!.text;

export const vpcDualStackRule = stackRule({
    name: "vpc-dual-stack",
    description: "Every VPC has an IPv6 block: assignGeneratedIpv6CidrBlock, an IPAM IPv6 pool, or an aws.ec2.VpcIpv6CidrBlockAssociation.",
    enforcementLevel: "mandatory",
    severity: "medium",
    why: "An IPv4-only VPC cannot host IPv6 EKS nodes, dual-stack load balancers or IPv6 peering routes; adding IPv6 later means replacing every node. Deliberately IPv4-only VPCs carry an exemption tag with the reason.",
    source: "VPC user guide, \"Add IPv6 support for your VPC\"; EKS user guide, \"IPv6 addresses for clusters, Pods, and services\"",
    remediation: "Set assignGeneratedIpv6CidrBlock: true on the VPC (or add a VpcIpv6CidrBlockAssociation), or tag the VPC with the exemption tag and the reason it stays IPv4-only.",
    check(view, ctx) {
        for (const vpc of view.ofType(T.vpc)) {
            if (vpcDualStack(view, vpc) === false) {
                ctx.report(vpc, `${describe(vpc)} has no IPv6 block: set assignGeneratedIpv6CidrBlock to true (or add an aws.ec2.VpcIpv6CidrBlockAssociation); if it must stay IPv4-only, tag it ${ctx.config.exemptionTags[0]} = "<why>".`);
            }
        }
    },
});

/** Resources that put something in a subnet without launching instances there (their addresses do not come from assignIpv6AddressOnCreation). */
const NON_LAUNCHING: readonly string[] = [T.lb, T.albLb, T.classicElb, T.nat, T.endpoint, T.tgwAttachment, T.rtAssoc, T.naclAssoc, T.nacl, T.defaultNacl];

/** Whether `r` refers to subnet `s` (by its known ID anywhere in its props, or through a property dependency). */
function refersTo(r: PolicyRes, s: PolicyRes, id: string | undefined): boolean {
    if (Object.values(r.propertyDependencies).some((deps) => deps.includes(s.urn))) return true;
    if (id === undefined) return false;
    const seen = (v: unknown): boolean => v === id || (Array.isArray(v) ? v.some(seen) : v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype ? Object.values(v).some(seen) : false);
    return seen(r.props);
}

export const subnetAssignsIpv6 = stackRule({
    name: "subnet-assigns-ipv6-on-creation",
    description: "A subnet with an IPv6 block (or IPv6-only) where instances, nodes or functions launch, or whose users are not in the stack, sets assignIpv6AddressOnCreation to true; subnets used only by load balancers, NAT gateways, endpoints and transit gateway attachments need not.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "Without it, instances launched in the subnet get no IPv6 address: EKS managed node groups fail with Ec2SubnetMissingIpv6Assignment, and IPv4 clusters' v6 egress is silently disabled for lack of a node IPv6 address. Load balancers, NAT gateways and endpoints take their addresses by their own settings, so a subnet that hosts only those is fine.",
    source: "eksctl#4701; EKS user guide, \"Create a VPC for your Amazon EKS cluster\" (IPv6 subnets); amazon-vpc-cni-k8s README, ENABLE_V6_EGRESS; EC2 API ModifySubnetAttribute (AssignIpv6AddressOnCreation applies to network interfaces created in the subnet)",
    remediation: "Set assignIpv6AddressOnCreation: true on every subnet that has ipv6CidrBlock or ipv6Native and where anything other than load balancers, NAT gateways and endpoints launches.",
    check(view, ctx) {
        for (const r of view.ofType(T.subnet)) {
            const hasIpv6 = subnetHasIpv6(r);
            if (hasIpv6 !== true) continue; // no block, or unknown in a preview: nothing to say
            const assign = bool(r.props.assignIpv6AddressOnCreation);
            if (assign === UNKNOWN || assign === true) continue;
            const id = str(r.props.id);
            const ancestors = new Set<string>();
            for (let p = r.parent; p !== undefined && !ancestors.has(p); p = view.byUrn.get(p)?.parent) ancestors.add(p);
            // The subnet's own children, its ancestors (an awsx Vpc lists its subnets in its outputs)
            // and the stack's exports refer to it without launching anything.
            const users = view.resources.filter((u) => u !== r && u.parent !== r.urn && !ancestors.has(u.urn) && u.type !== "pulumi:pulumi:Stack" && refersTo(u, r, typeof id === "string" ? id : undefined));
            const launching = users.filter((u) => !NON_LAUNCHING.includes(u.type));
            const onlyNonLaunching = users.some((u) => NON_LAUNCHING.includes(u.type) && u.type !== T.rtAssoc && u.type !== T.naclAssoc) && launching.length === 0;
            if (onlyNonLaunching) continue;
            const block = str(r.props.ipv6CidrBlock);
            const what = launching.length > 0 ? `${describe(launching[0])} launches in it` : "nothing in this stack says what launches in it, so instances started there later get no IPv6 address";
            ctx.report(r, `${describe(r)} has the IPv6 block ${typeof block === "string" ? block : "(IPv6-only)"} but assignIpv6AddressOnCreation is ${assign === undefined ? "unset" : "false"} and ${what}: set assignIpv6AddressOnCreation to true.`);
        }
    },
});

export const vpcIpv6WithoutSubnets = stackRule({
    name: "vpc-ipv6-reaches-subnets",
    description: "A VPC with an IPv6 block that routes IPv6 (a ::/0 or other IPv6 route) has at least one subnet with an IPv6 block.",
    enforcementLevel: "advisory",
    severity: "medium",
    why: "The /56 and the IPv6 routes do nothing while no subnet carries a /64: nothing in the VPC gets an IPv6 address, and the program reads as dual-stack while every workload is IPv4-only.",
    source: "VPC user guide, \"Add IPv6 support for your VPC\" (step: associate an IPv6 CIDR block with your subnets)",
    remediation: "Give the subnets an ipv6CidrBlock (one /64 of the VPC's block each) with assignIpv6AddressOnCreation, or drop the IPv6 block and routes.",
    check(view, ctx) {
        for (const vpc of view.ofType(T.vpc)) {
            if (vpcDualStack(view, vpc) !== true) continue;
            const subnets = view.referrers(vpc, [T.subnet], "vpcId");
            if (subnets.length === 0) continue; // subnets elsewhere (another stack) may use it
            const states = subnets.map(subnetHasIpv6);
            if (states.includes(true) || states.includes(UNKNOWN)) continue;
            const tables = view.referrers(vpc, [T.routeTable, T.defaultRouteTable], "vpcId");
            const v6 = tables.flatMap((t) => routesOf(view, t).routes.filter((rt) => rt.family === "ipv6"));
            if (v6.length === 0) continue;
            ctx.report(vpc, `${describe(vpc)} has an IPv6 block and ${v6.length} IPv6 route${v6.length === 1 ? "" : "s"} but none of its ${subnets.length} subnet${subnets.length === 1 ? "" : "s"} has an IPv6 block, so nothing in it gets an IPv6 address: give the subnets an ipv6CidrBlock (a /64 of the VPC's block) with assignIpv6AddressOnCreation, or remove the IPv6 block and routes.`);
        }
    },
});

export const subnetIpv6Block64 = resourceRule({
    name: "subnet-ipv6-block-is-64",
    description: `A subnet's IPv6 block is a network-aligned /${SUBNET_IPV6_PREFIX}.`,
    enforcementLevel: "mandatory",
    severity: "high",
    why: "EC2 rejects any other subnet IPv6 size when the subnet is created; a block with host bits set is refused as well.",
    source: "CloudFormation AWS::EC2::SubnetCidrBlock (\"The subnet size must use a /64 prefix length\"); VPC user guide, \"IPv6 VPC CIDR blocks\"",
    remediation: "Use one /64 of the VPC's block, for example cidrsubnet(vpc.ipv6CidrBlock, 8, index) (lib/cidr.ts ipv6SubnetCidr).",
    types: [T.subnet],
    check(r, ctx) {
        const v = str(r.props.ipv6CidrBlock);
        if (typeof v !== "string") return;
        const p = tryParseCidr(v);
        if (!p || p.family !== "ipv6") return; // cidr-family-matches-field reports it
        if (p.prefix !== SUBNET_IPV6_PREFIX) {
            ctx.report(`${describe(r)}: ipv6CidrBlock is ${v}, a /${p.prefix}; set it to one /${SUBNET_IPV6_PREFIX} of the VPC's block, for example ${p.text.split("/")[0]}/${SUBNET_IPV6_PREFIX}.`);
        } else if (!isNetworkAligned(v)) {
            ctx.report(`${describe(r)}: ipv6CidrBlock ${v} has host bits set; set it to the network address ${p.text}.`);
        }
    },
});

export const subnetIpv6InsideVpc = stackRule({
    name: "subnet-ipv6-inside-vpc-block",
    description: "A subnet's IPv6 /64 lies inside an IPv6 block of its own VPC.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "EC2 refuses a subnet block outside the VPC's /56; it happens when a hard-coded or copied block does not follow the VPC's Amazon-assigned prefix, which differs per VPC and per account.",
    source: "VPC user guide, \"Subnet CIDR blocks\" (IPv6)",
    remediation: "Derive the subnet block from the VPC's ipv6CidrBlock output instead of writing it by hand.",
    check(view, ctx) {
        for (const s of view.ofType(T.subnet)) {
            const block = str(s.props.ipv6CidrBlock);
            if (typeof block !== "string" || tryParseCidr(block)?.family !== "ipv6") continue;
            const vpc = view.ref(s, "vpcId", [T.vpc]);
            if (!vpc || vpc === UNKNOWN) continue;
            const { blocks, unknown } = vpcIpv6Blocks(view, vpc);
            if (unknown || blocks.length === 0) continue;
            if (!blocks.some((b) => cidrContains(b, block))) {
                ctx.report(s, `${describe(s)}: ipv6CidrBlock ${block} is outside ${describe(vpc)}'s IPv6 block${blocks.length > 1 ? "s" : ""} ${blocks.join(", ")}; set it to a /64 inside ${blocks[0]}.`);
            }
        }
    },
});

export const dns64NeedsNat64Route = stackRule({
    name: "subnet-dns64-needs-nat64-route",
    description: `A subnet with enableDns64 routes ${NAT64_PREFIX} to a NAT gateway (or to a transit gateway for centralised NAT64).`,
    enforcementLevel: "mandatory",
    severity: "high",
    why: "DNS64 answers IPv4-only names with synthesized 64:ff9b:: addresses; without the NAT64 route those connections go nowhere and every IPv4-only destination silently breaks.",
    source: "VPC user guide, \"DNS64 and NAT64\"; terraform-aws-vpc#923",
    remediation: `Add an aws.ec2.Route with destinationIpv6CidrBlock ${NAT64_PREFIX} and natGatewayId to the subnet's route table, or set enableDns64 to false.`,
    check(view, ctx) {
        for (const s of view.ofType(T.subnet)) {
            if (bool(s.props.enableDns64) !== true) continue;
            const tables = routeTablesOfSubnet(view, s);
            if (tables === UNKNOWN || tables.length === 0) continue;
            for (const table of tables) {
                const { routes, unknown } = routesOf(view, table);
                const ipv6 = routes.filter((r) => r.family === "ipv6");
                if (ipv6.some((r) => r.dest === UNKNOWN)) continue; // a preview: the route may be the NAT64 one
                const exact = ipv6.filter((r) => tryParseCidr(r.dest as string)?.text === NAT64_TEXT);
                if (exact.some((r) => r.target === UNKNOWN || NAT64_ROUTE_TARGETS.includes(r.target as string))) continue;
                if (exact.length > 0) {
                    ctx.report(s, `${describe(s)} has enableDns64 but ${describe(exact[0].res)} sends ${NAT64_PREFIX} to a ${String(exact[0].target)} target; set natGatewayId to a NAT gateway (or transitGatewayId for centralised NAT64).`);
                } else if (!unknown) {
                    ctx.report(s, `${describe(s)} has enableDns64 but its route table ${describe(table)} has no ${NAT64_PREFIX} route: add an aws.ec2.Route with destinationIpv6CidrBlock "${NAT64_PREFIX}" and natGatewayId, or set enableDns64 to false.`);
                }
            }
        }
    },
});

export const noDns64WhereEksNodesRun = stackRule({
    name: "subnet-no-dns64-for-eks-nodes",
    description: "Subnets where EKS nodes or Fargate pods run keep enableDns64 false.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "Pods of an IPv6 cluster get synthesized AAAA answers for IPv4-only names and try NAT64 instead of the CNI's IPv4 egress; with DNS64 on, pods lose egress to IPv4-only services.",
    source: "terraform-aws-vpc#972; EKS best practices guide, IPv6 (\"DNS64\")",
    remediation: "Set enableDns64 to false on node subnets; run IPv6-only DNS64 workloads in their own subnets.",
    check(view, ctx) {
        for (const { subnet, owner } of eksNodeSubnets(view)) {
            if (bool(subnet.props.enableDns64) === true) {
                ctx.report(subnet, `${describe(subnet)} has enableDns64 true but ${describe(owner)} runs EKS nodes or pods in it: set enableDns64 to false.`);
            }
        }
    },
});
