/**
 * Committed values that only fail on AWS. The stack files ship documentation addresses where
 * a user's own value belongs (who may reach the EKS public endpoint): a plain `pulumi up` with
 * them would build a cluster, then spend about five minutes polling an API endpoint that admits
 * nobody (pulumi-eks waits for `/healthz`) and fail. `prepare` stops a real update before any
 * resource when one is left; a preview and the offline plan list them instead.
 *
 * Documentation ranges (never routed on the internet, so no real client has such an address):
 * RFC 5737 section 3 (TEST-NET-1/2/3) and RFC 3849 (IPv6).
 */
import { cidrContains, tryParseCidr } from "./cidr";

export const DOCUMENTATION_RANGES: readonly { cidr: string; source: string }[] = [
    { cidr: "192.0.2.0/24", source: "RFC 5737 (TEST-NET-1)" },
    { cidr: "198.51.100.0/24", source: "RFC 5737 (TEST-NET-2)" },
    { cidr: "203.0.113.0/24", source: "RFC 5737 (TEST-NET-3)" },
    { cidr: "2001:db8::/32", source: "RFC 3849" },
];

/** The documentation range a CIDR lies in (its source), or undefined. */
export function documentationRange(cidr: string): string | undefined {
    const parsed = tryParseCidr(cidr);
    if (!parsed) return undefined;
    return DOCUMENTATION_RANGES.find((r) => {
        const range = tryParseCidr(r.cidr)!;
        return range.family === parsed.family && cidrContains(r.cidr, parsed.text);
    })?.source;
}

/** The config keys that hold who may reach an EKS public endpoint. */
export const API_ACCESS_KEY = "apiPublicAccessCidrs";

export interface DeployPlaceholder {
    /** Full config key with its index, `eks-ipv6-interop:ipv4Cluster.apiPublicAccessCidrs[0]`. */
    key: string;
    value: string;
    /** Why it cannot work on AWS. */
    why: string;
    /** The command that sets a working value. */
    command: string;
}

/**
 * Every `apiPublicAccessCidrs` entry, at any depth of the project's config values, that is a
 * documentation address. `namespace` is the project's config namespace (lib/config.ts PROJECT;
 * not imported here, so the policy pack's build, which reaches this module through a type, does
 * not pull in the config schema).
 */
export function findDeployPlaceholders(values: Record<string, unknown>, namespace: string): DeployPlaceholder[] {
    const out: DeployPlaceholder[] = [];
    const walk = (node: unknown, path: string[]) => {
        if (!node || typeof node !== "object" || Array.isArray(node)) return;
        for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
            if (k === API_ACCESS_KEY && Array.isArray(v)) {
                v.forEach((cidr, i) => {
                    const range = typeof cidr === "string" ? documentationRange(cidr) : undefined;
                    if (!range) return;
                    const key = `${namespace}:${[...path, k].join(".")}[${i}]`;
                    out.push({
                        key,
                        value: cidr as string,
                        why: `a documentation address (${range}) that no client has: the EKS public endpoint would admit nobody, and pulumi up would fail after creating the cluster`,
                        command: `pulumi config set --path '${key}' "$(curl -s https://checkip.amazonaws.com)/32"`,
                    });
                });
            } else {
                walk(v, [...path, k]);
            }
        }
    };
    walk(values, []);
    return out;
}

/** One message for all placeholders: each key and value, why, and the commands that fix them. */
export function placeholderMessage(found: DeployPlaceholder[]): string {
    return [
        `${found.length} committed placeholder value(s) only fail on AWS; set your own before pulumi up:`,
        ...found.map((p) => `  ${p.key} = ${p.value}: ${p.why}`),
        "Run (your own egress address; or an empty list to turn the public endpoint off, if pulumi runs inside the VPC):",
        ...found.map((p) => `  ${p.command}`),
    ].join("\n");
}
