/**
 * Default routes by tier: private route tables send `::/0` to an egress-only internet gateway,
 * public ones to the internet gateway, and nothing sends `::/0` to a NAT gateway.
 */
import { stackRule } from "../support/rule";
import { ROUTE_TABLES, RouteEntry, isDefault, routesOf, subnetHasIpv6, subnetsOfRouteTable } from "../support/network";
import { StackView, PolicyRes } from "../support/stack";
import { UNKNOWN, describe } from "../support/values";

interface TableDefaults {
    table: PolicyRes;
    v4: RouteEntry[];
    v6: RouteEntry[];
    /** True when the inline route list is unknown (a route may be missing from what we see). */
    incomplete: boolean;
    /** Whether an associated subnet has IPv6 (true), none has (false), or it cannot be told. */
    ipv6Subnets: boolean | typeof UNKNOWN;
}

function defaultsOf(view: StackView, table: PolicyRes): TableDefaults {
    const { routes, unknown } = routesOf(view, table);
    const subnets = subnetsOfRouteTable(view, table);
    const flags = subnets.map(subnetHasIpv6);
    return {
        table,
        v4: routes.filter((r) => r.family === "ipv4" && isDefault(r.dest)),
        v6: routes.filter((r) => r.family === "ipv6" && isDefault(r.dest)),
        incomplete: unknown || routes.some((r) => r.dest === UNKNOWN),
        ipv6Subnets: flags.includes(true) ? true : flags.includes(UNKNOWN) ? UNKNOWN : false,
    };
}

const where = (r: RouteEntry) => (r.inline ? `${describe(r.table)} (${r.field})` : describe(r.res));

export const privateIpv6Egress = stackRule({
    name: "private-ipv6-default-via-egress-only-gateway",
    description: "Route tables of private subnets (IPv4 default route not to an internet gateway) send ::/0 to an egress-only internet gateway, never to an internet gateway or a NAT gateway.",
    enforcementLevel: "mandatory",
    severity: "critical",
    why: "IPv6 addresses are globally routable: ::/0 to the internet gateway makes every node and pod of a 'private' subnet reachable from the internet, guarded only by security groups. A NAT gateway translates only 64:ff9b::/96, so ::/0 to it drops all other IPv6 traffic. Without any ::/0 route, IPv6 egress of a subnet that has IPv4 egress silently fails (pods resolve AAAA first).",
    source: "VPC user guide, \"Enable outbound IPv6 traffic using an egress-only internet gateway\"; \"NAT gateways\" (NAT64)",
    remediation: "Create an aws.ec2.EgressOnlyInternetGateway and route destinationIpv6CidrBlock ::/0 to it (egressOnlyGatewayId) from every private route table.",
    check(view, ctx) {
        for (const table of view.ofType(...ROUTE_TABLES)) {
            const d = defaultsOf(view, table);
            for (const r of d.v6) {
                if (r.target === "nat") ctx.report(r.res, `${where(r)} sends ${String(r.dest)} to a NAT gateway, which translates only 64:ff9b::/96: route ::/0 to an egress-only internet gateway (egressOnlyGatewayId) instead.`);
            }
            const v4Targets = d.v4.map((r) => r.target);
            if (v4Targets.length === 0 || v4Targets.includes(UNKNOWN) || v4Targets.includes("igw")) continue; // public, isolated, or unknown
            for (const r of d.v6) {
                if (r.target === "igw") ctx.report(r.res, `${where(r)} sends ::/0 to an internet gateway from a private route table (its IPv4 default goes to a ${String(v4Targets[0])}), exposing its subnets to inbound IPv6 from the internet: set egressOnlyGatewayId to an egress-only internet gateway instead of gatewayId.`);
            }
            if (d.v6.length === 0 && !d.incomplete && d.ipv6Subnets === true && v4Targets.includes("nat")) {
                ctx.report(table, `${describe(table)} gives its dual-stack subnets IPv4 egress through a NAT gateway but has no ::/0 route: add an aws.ec2.Route with destinationIpv6CidrBlock "::/0" and egressOnlyGatewayId.`);
            }
        }
    },
});

export const publicIpv6Default = stackRule({
    name: "public-ipv6-default-to-internet-gateway",
    description: "Route tables of public subnets (IPv4 default route to an internet gateway) with dual-stack subnets send ::/0 to the internet gateway too.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "Dual-stack load balancers and NAT-less hosts in a public subnet publish AAAA records; without ::/0 to the internet gateway (or with it to an egress-only gateway, which drops inbound) IPv6 clients time out while IPv4 works.",
    source: "VPC user guide, \"Configure route tables\" (public subnet routes for IPv6); ELB guide, \"Dualstack requirements\" (route tables must route IPv6)",
    remediation: "Add an aws.ec2.Route with destinationIpv6CidrBlock ::/0 and gatewayId set to the internet gateway.",
    check(view, ctx) {
        for (const table of view.ofType(...ROUTE_TABLES)) {
            const d = defaultsOf(view, table);
            if (!d.v4.some((r) => r.target === "igw") || d.ipv6Subnets !== true) continue;
            if (d.v6.some((r) => r.target === "igw" || r.target === UNKNOWN)) continue;
            const wrong = d.v6.find((r) => r.target !== "igw");
            if (wrong) {
                ctx.report(wrong.res, `${where(wrong)} sends ::/0 to a ${String(wrong.target)} from a public route table, so inbound IPv6 cannot reach its subnets: set gatewayId to the internet gateway.`);
            } else if (!d.incomplete) {
                ctx.report(table, `${describe(table)} routes 0.0.0.0/0 to an internet gateway for dual-stack subnets but has no ::/0 route: add an aws.ec2.Route with destinationIpv6CidrBlock "::/0" and gatewayId set to the internet gateway.`);
            }
        }
    },
});
