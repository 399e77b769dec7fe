/**
 * How the figure (engine/diagram/dot.ts) draws a flow destination that is not a resource of the
 * graph: an AWS service's public endpoint (named as lib/aws/serviceEndpoints.ts names it in the
 * graph's region, with the families its DNS name answers), the internet, or a CIDR (inside a
 * subnet of the graph: in that VPC's box; outside every VPC: a public or private network).
 */
import { type EndpointFamilies, endpointRow, serviceEndpointHost } from "../../lib/aws/serviceEndpoints";
import type { FlowEndpoint } from "../../lib/intent";
import type { FlowResult } from "../reachability/analyze";
import { overlaps, P, within, type Model } from "../reachability/model";

export interface ExternalDrawing {
    /** One node per key: flows to the same destination meet there. */
    key: string;
    title: string;
    lines: string[];
    shape: string;
    style: string;
    fillcolor: string;
    /** A CIDR inside a subnet of the graph is drawn in its VPC's box. */
    vpcId?: string;
}

/** Private ranges (RFC 1918, shared 100.64/10, ULA fc00::/7), as the reachability model reads them (engine/reachability/analyze.ts). */
const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"];

function familiesWord(families: ReadonlySet<string>): string {
    const words = ["ipv4", "ipv6"].filter((f) => families.has(f)).map((f) => (f === "ipv4" ? "IPv4" : "IPv6"));
    return words.join(" + ") || "no family";
}

/** The endpoint's documented name in `region`, or a line saying why there is none. */
function hostLine(service: string, families: EndpointFamilies, region: string | undefined): string {
    if (!endpointRow(service, families)) return `name not in lib/aws/serviceEndpoints.ts`;
    if (!region) return `${service} (region not recorded)`;
    try {
        return serviceEndpointHost(service, families, region);
    } catch {
        return `no documented ${families} name in ${region}`;
    }
}

/**
 * What to draw for a non-resource destination. `families`: every family the flows to it use.
 * Undefined for the kinds that are resources (pods, nlb, ...).
 */
export function externalDrawing(e: FlowEndpoint, families: ReadonlySet<string>, m: Model): ExternalDrawing | undefined {
    switch (e.kind) {
        case "aws-service": {
            const fam: EndpointFamilies = e.dualStack ? "dual-stack" : "ipv4-only";
            const local = [...m.endpoints.values()].find((ep) => ep.type === "Interface" && ep.privateDns && !!ep.serviceName && ep.serviceName.endsWith(`.${e.service}`));
            return {
                key: `aws:${e.service}:${fam}`,
                title: `AWS service ${e.service}`,
                lines: [
                    hostLine(e.service, fam, m.region),
                    e.dualStack ? "dual-stack endpoint: A + AAAA records" : "IPv4-only endpoint: A records only",
                    local ? `interface endpoint ${local.name} answers (private DNS)` : "public endpoint, outside the VPCs",
                ],
                shape: "box", style: "rounded,filled", fillcolor: e.dualStack ? "#dafbe1" : "#fff1e5",
            };
        }
        case "internet":
            return { key: "internet", title: "the internet", lines: [`public ${familiesWord(families)} addresses`, "outside the VPCs"], shape: "ellipse", style: "filled,dashed", fillcolor: "#f6f8fa" };
        case "cidr": {
            const p = P(typeof e.cidr === "string" ? e.cidr : "");
            const holder = p ? [...m.subnets.values()].find((s) => [s.ipv4, s.ipv6].some((b) => !!b && within(p.text, b))) : undefined;
            if (holder) {
                return { key: `cidr:${e.cidr}`, title: `CIDR ${e.cidr}`, lines: [`in subnet ${holder.name} (${holder.az})`], shape: "box", style: "rounded,dashed", fillcolor: "white", vpcId: holder.vpcId };
            }
            const isPrivate = !!p && PRIVATE.some((r) => overlaps(p.text, r));
            return { key: `cidr:${e.cidr}`, title: `network ${e.cidr}`, lines: [`${isPrivate ? "private" : "public"} addresses outside the VPCs`], shape: "ellipse", style: "filled,dashed", fillcolor: "#f6f8fa" };
        }
        default:
            return undefined;
    }
}

/**
 * The way a flow to a destination outside the VPCs left them, from the flows section's path (the
 * first gateway or endpoint that carried it), for the flow's label; undefined when it did not.
 */
export function exitVia(r: Pick<FlowResult, "path" | "status">): string | undefined {
    if (r.status !== "proven" || !r.path) return undefined;
    const text = r.path.join("\n");
    if (/NAT gateway nat-/.test(text)) return "via NAT gateway";
    if (/egress-only internet gateway/.test(text)) return "via egress-only IGW";
    if (/arrives at interface endpoint/.test(text)) return "via interface endpoint";
    if (/internet gateway igw-/.test(text)) return "via internet gateway";
    return undefined;
}
