/**
 * The pack's configuration (`pulumi preview --policy-pack-config <file>`). Pulumi configures
 * each policy separately, so every rule accepts `exemptionTags`, and the world-ingress rule also
 * accepts `allowedWorldIngressPorts`. `config.example.json` shows a file; `schema.json` (generated
 * by `npm run policy-docs`) is the JSON schema of the whole file for editors and CI.
 */
import { DEFAULT_EXEMPTION_TAG } from "../lib/policyExemption";

export interface PackConfig {
    /** Tag names that carry exemptions. Default `["ipv6-policy-exempt"]`. */
    exemptionTags: string[];
    /** TCP ports that may be open to 0.0.0.0/0 and ::/0 (load-balancer listeners). Default 80 and 443. */
    allowedWorldIngressPorts: number[];
}

export const DEFAULT_CONFIG: Readonly<PackConfig> = Object.freeze({
    exemptionTags: [DEFAULT_EXEMPTION_TAG],
    allowedWorldIngressPorts: [80, 443],
});

/** JSON schema (per policy) of `exemptionTags`. */
export const EXEMPTION_TAGS_SCHEMA = {
    type: "array",
    description: "Names of the tags that exempt a resource from this policy; the value is the reason, optionally `rule-name=reason`.",
    items: { type: "string", minLength: 1, maxLength: 128 },
    minItems: 1,
    default: [DEFAULT_EXEMPTION_TAG],
} as const;

/** JSON schema (per policy) of `allowedWorldIngressPorts`. */
export const ALLOWED_WORLD_PORTS_SCHEMA = {
    type: "array",
    description: "Ports that may admit 0.0.0.0/0 and ::/0, and only on the security group of an internet-facing load balancer that listens on them (a cap on top of the listener ports).",
    items: { type: "integer", minimum: 0, maximum: 65535 },
    default: [...DEFAULT_CONFIG.allowedWorldIngressPorts],
} as const;

/**
 * The effective config from what `args.getConfig()` returns: defaults for anything unset, and
 * malformed values (a hand-edited file the CLI did not validate) replaced by the defaults.
 */
export function resolveConfig(raw: unknown): PackConfig {
    const c = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    const tags = Array.isArray(c.exemptionTags) && c.exemptionTags.length > 0 && c.exemptionTags.every((t) => typeof t === "string" && t.length > 0)
        ? (c.exemptionTags as string[])
        : [...DEFAULT_CONFIG.exemptionTags];
    const ports = Array.isArray(c.allowedWorldIngressPorts) && c.allowedWorldIngressPorts.every((p) => Number.isInteger(p) && (p as number) >= 0 && (p as number) <= 65535)
        ? (c.allowedWorldIngressPorts as number[])
        : [...DEFAULT_CONFIG.allowedWorldIngressPorts];
    return { exemptionTags: tags, allowedWorldIngressPorts: ports };
}
