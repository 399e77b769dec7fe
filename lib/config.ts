/**
 * Typed stack configuration, validated with zod before any resource is registered. Every error
 * names the full config key (`eks-ipv6-interop:clusterVpc.cidr`), the value and what is valid.
 */
import { z } from "zod";
import { CONFIG_NAMESPACE, ConfigError, formatValue } from "./errors";
import { isDefaultRoute, isNetworkAligned, tryParseCidr } from "./cidr";
import { requireInstanceType, type InstanceRole } from "./aws/instanceTypes";
import { requireEksVersion } from "./aws/eksVersions";
import { didYouMean } from "./suggest";

/** The Pulumi project name, which is also the config namespace. */
export const PROJECT = CONFIG_NAMESPACE;

const cidrOf = (family: "ipv4" | "ipv6" | "any", minPrefix = 0, maxPrefix = 128) =>
    z.string().superRefine((value, ctx) => {
        const parsed = tryParseCidr(value);
        const label = family === "ipv4" ? "an IPv4 CIDR such as 10.0.0.0/16" : family === "ipv6" ? "an IPv6 CIDR such as 2001:db8::/56" : "an IPv4 or IPv6 CIDR such as 203.0.113.10/32";
        if (!parsed || (family !== "any" && parsed.family !== family)) {
            ctx.addIssue({ code: "custom", message: `use ${label}` });
        } else if (!isNetworkAligned(value)) {
            ctx.addIssue({ code: "custom", message: `host bits are set; use the network address ${parsed.text}` });
        } else if (parsed.prefix < minPrefix || parsed.prefix > Math.min(maxPrefix, parsed.family === "ipv4" ? 32 : 128)) {
            ctx.addIssue({ code: "custom", message: `the prefix length must be between /${minPrefix} and /${Math.min(maxPrefix, parsed.family === "ipv4" ? 32 : 128)}` });
        }
    });

/** An IPv4 VPC block: AWS allows /16 to /28 (VPC user guide, "VPC CIDR blocks"). */
export const vpcCidrSchema = cidrOf("ipv4", 16, 28);

/** Availability zones: EKS needs subnets in at least two (EKS user guide, "Subnet requirements"). */
export const azCountSchema = z
    .number({ message: "use a whole number of availability zones from 2 to 6" })
    .int({ message: "use a whole number of availability zones from 2 to 6" })
    .min(2, { message: "EKS needs subnets in at least two availability zones; use 2 or more" })
    .max(6, { message: "use at most 6 availability zones" });

export const natStrategySchema = z.enum(["none", "single", "perAz"], {
    message: `use "none" (no IPv4 internet egress), "single" (one NAT gateway) or "perAz" (one per AZ)`,
});

const ipv6IndexSchema = z
    .number()
    .int({ message: "an IPv6 subnet index must be a whole number from 0 to 255" })
    .min(0, { message: "an IPv6 subnet index selects one /64 of the VPC's /56 and must be from 0 to 255" })
    .max(255, { message: "an IPv6 subnet index selects one /64 of the VPC's /56 and must be from 0 to 255" });

/** One VPC's settings. */
export const vpcSchema = z.strictObject({
    /** IPv4 block of the VPC. Required even for dual-stack VPCs. */
    cidr: vpcCidrSchema,
    /** IPv4 NAT strategy for private subnets. Default `single`. */
    natGateways: natStrategySchema.default("single"),
    /** Prefix length of each private subnet. Default /20. */
    privateSubnetPrefix: z.number().int().min(16).max(28).default(20),
    /** Prefix length of each public subnet. Default /24. */
    publicSubnetPrefix: z.number().int().min(16).max(28).default(24),
    /**
     * Explicit /64 indexes into the VPC's /56, one per AZ and tier (dual-stack VPCs only).
     * Default: public 0, 1, ...; private 16, 17, ...
     */
    ipv6SubnetIndexes: z.strictObject({ public: z.array(ipv6IndexSchema), private: z.array(ipv6IndexSchema) }).optional(),
    /** DNS64 on the private subnets, always paired with 64:ff9b::/96 to NAT. Default false. */
    enableDns64: z.boolean().default(false),
    /** VPC flow logs to CloudWatch Logs (7-day retention). Default true. */
    flowLogs: z.boolean().default(true),
});
export type VpcConfig = z.infer<typeof vpcSchema>;

/** A zod check that runs one of the lib/aws catalogue checks (which throw a ConfigError). */
const catalogued = (check: (value: unknown) => unknown) =>
    z.custom<string>(() => true).superRefine((value, ctx) => {
        try {
            check(value);
        } catch (e) {
            if (!(e instanceof ConfigError)) throw e;
            ctx.addIssue({ code: "custom", message: e.fix });
        }
    });

/** An EC2 instance type from the EC2 API's list; nodes: Nitro and large enough; apps: Nitro. */
export const instanceTypeSchema = (role: InstanceRole) => catalogued((v) => requireInstanceType("instanceType", v, role));

/** A Kubernetes minor version EKS creates clusters on (lib/aws/eksVersions.ts). */
export const kubernetesVersionSchema = catalogued((v) => requireEksVersion("kubernetesVersion", v));

/** API endpoint access CIDRs: never the whole internet. */
const apiAccessCidrSchema = cidrOf("any").superRefine((value, ctx) => {
    if (isDefaultRoute(value)) {
        ctx.addIssue({ code: "custom", message: "the EKS public endpoint must not be open to the world; use your own egress address, for example $(curl -s https://checkip.amazonaws.com)/32" });
    }
});

/** An EKS cluster's settings. */
export const clusterSchema = z
    .strictObject({
        /** Kubernetes minor version, for example "1.35". */
        kubernetesVersion: kubernetesVersionSchema.default("1.35"),
        /** Node instance type; Nitro only, t3.medium or larger. Default t3.medium. */
        instanceType: instanceTypeSchema("node").default("t3.medium"),
        /** Managed node group size. */
        nodes: z
            .strictObject({ desired: z.number().int().min(1).default(2), min: z.number().int().min(1).default(1), max: z.number().int().min(1).default(3) })
            .default({ desired: 2, min: 1, max: 3 }),
        /**
         * CIDRs allowed to reach the public API endpoint. Empty: the public endpoint is off and only
         * the private endpoint (inside the VPC) answers. Never 0.0.0.0/0 or ::/0.
         */
        apiPublicAccessCidrs: z.array(apiAccessCidrSchema).default([]),
        /** Pinned vpc-cni add-on version. Unset: the most recent for the Kubernetes version, resolved at deploy time. */
        vpcCniVersion: z.string().optional(),
    })
    .superRefine((c, ctx) => {
        const { min, desired, max } = c.nodes;
        if (min < 1 || desired < 1 || max < 1) return; // reported on the key itself
        if (min > max) {
            ctx.addIssue({ code: "custom", path: ["nodes", "min"], input: min, message: `min (${min}) is larger than max (${max}); the node group needs min <= desired <= max: lower min or raise max to ${min} or more` });
        } else if (desired < min) {
            ctx.addIssue({ code: "custom", path: ["nodes", "desired"], input: desired, message: `desired (${desired}) is below min (${min}); use a desired count from ${min} to ${max}` });
        } else if (desired > max) {
            ctx.addIssue({ code: "custom", path: ["nodes", "desired"], input: desired, message: `desired (${desired}) is above max (${max}); use a desired count from ${min} to ${max}, or raise max` });
        }
    });
export type ClusterConfig = z.infer<typeof clusterSchema>;

/** A TCP port. */
export const portSchema = z.number().int().min(1, { message: "use a TCP port from 1 to 65535" }).max(65535, { message: "use a TCP port from 1 to 65535" });

/** Container image pinned by tag or digest (never `latest`). */
export const pinnedImageSchema = z.string().superRefine((value, ctx) => {
    // [registry[:port]/]path[:tag][@sha256:<64 hex>]; a digest is the stronger pin (the pack's
    // container-image-pinned-by-digest rule names tag-only images).
    const tagged = /^(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9._/-]+(:[A-Za-z0-9._-]+)?(@sha256:[a-f0-9]{64})?$/.test(value);
    const hasPin = /@sha256:[a-f0-9]{64}$/.test(value) || (/:[A-Za-z0-9._-]+$/.test(value.split("/").pop() ?? "") && !value.endsWith(":latest"));
    if (!tagged || !hasPin) ctx.addIssue({ code: "custom", message: "pin the image by digest (name@sha256:<64 hex>, recommended) or at least by version tag, for example public.ecr.aws/docker/library/busybox:1.37" });
});

/** The schema under the wrappers (default, optional, pipe...). */
function unwrap(schema: unknown): any {
    let s: any = schema;
    for (let i = 0; i < 20 && s?._zod?.def; i++) {
        const d = s._zod.def;
        if (["default", "optional", "nullable", "prefault", "catch", "readonly", "nonoptional"].includes(d.type)) s = d.innerType;
        else if (d.type === "pipe") s = d.in;
        else break;
    }
    return s;
}

/** The keys an object schema at `path` accepts, or [] when the path is not an object. */
export function keysAt(schema: z.ZodType, path: PropertyKey[]): string[] {
    let s = unwrap(schema);
    for (const seg of path) {
        const d = s?._zod?.def;
        if (d?.type === "object") s = unwrap(d.shape[seg as string]);
        else if (d?.type === "array") s = unwrap(d.element);
        else if (d?.type === "record") s = unwrap(d.valueType);
        else return [];
    }
    const d = s?._zod?.def;
    return d?.type === "object" ? Object.keys(d.shape) : [];
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
    let v: any = raw;
    for (const seg of path) v = v === null || typeof v !== "object" ? undefined : v[seg as any];
    return v;
}

/** `eks-ipv6-interop:cluster.nodes.max`, `...ipv6SubnetIndexes.private[1]`. */
export function configKey(namespace: string, path: PropertyKey[]): string {
    let key = `${namespace}:`;
    path.forEach((seg, i) => {
        if (typeof seg === "number") key += `[${seg}]`;
        else key += `${i === 0 ? "" : "."}${String(seg)}`;
    });
    return key;
}

const isDefaultMessage = (m: string) => /^(Invalid input|Too small|Too big|Invalid option|Invalid string|Invalid element|Invalid key|Unrecognized key)/.test(m);

/** One plain-words line for a zod issue: what is wrong and the fix. */
function explain(issue: z.core.$ZodIssue, input: unknown): string {
    const custom = !isDefaultMessage(issue.message);
    switch (issue.code) {
        case "invalid_type": {
            if (input === undefined) return custom ? `required and not set; ${issue.message}` : `required and not set; set it (${issue.expected === "object" ? "a map of keys" : issue.expected})`;
            if (custom) return issue.message;
            const expected = issue.expected as string;
            if (expected === "string" && typeof input === "number") {
                return Number.isInteger(input)
                    ? `YAML read the unquoted value as the number ${input}; write it in quotes: "${input}"`
                    : `YAML read the unquoted value as the number ${input} (it drops trailing zeros: 1.30 becomes 1.3); write it in quotes as you meant it, for example "${input}0" or "${input}"`;
            }
            if ((expected === "number" || expected === "int") && typeof input === "string") {
                return input.trim() !== "" && !Number.isNaN(Number(input)) ? `a number in quotes is text; write it without quotes: ${input.trim()}` : "use a number";
            }
            if (expected === "int") return "use a whole number";
            if (expected === "boolean") return "use true or false, without quotes";
            if (expected === "object") return "use a map of keys (indented key: value lines under this key)";
            if (expected === "array") return "use a list: [a, b] or one \"- item\" line each";
            return `use a ${expected}, not a ${Array.isArray(input) ? "list" : input === null ? "null" : typeof input}`;
        }
        case "too_small":
        case "too_big": {
            if (custom) return issue.message;
            const small = issue.code === "too_small";
            const bound = small ? (issue as any).minimum : (issue as any).maximum;
            const inclusive = (issue as any).inclusive !== false;
            if (issue.origin === "array" || issue.origin === "set") return `${small ? "needs at least" : "takes at most"} ${bound} item${bound === 1 ? "" : "s"}`;
            if (issue.origin === "string") return `${small ? "needs at least" : "takes at most"} ${bound} characters`;
            return `must be ${small ? (inclusive ? "at least" : "greater than") : inclusive ? "at most" : "less than"} ${bound}; use ${inclusive ? `${bound} or ${small ? "more" : "less"}` : `a number ${small ? "above" : "below"} ${bound}`}`;
        }
        case "invalid_value": {
            const values = issue.values.map((v) => String(v));
            const near = typeof input === "string" ? didYouMean(input, values) : "";
            return custom ? `${issue.message}${near}` : `use one of ${values.map((v) => JSON.stringify(v)).join(", ")}${near}`;
        }
        case "invalid_format":
            return custom ? issue.message : `has the wrong format (${issue.format})`;
        default:
            return issue.message;
    }
}

/**
 * Validates raw config values (as `pulumi.Config.getObject` returns them) against a scenario
 * schema. Throws a ConfigError for the first problem; its message lists every problem, one line
 * each: the full key, the value, what is wrong and the fix ("did you mean" for unknown keys).
 */
export function parseConfig<T extends z.ZodType>(schema: T, raw: Record<string, unknown>, namespace = PROJECT): z.infer<T> {
    const result = schema.safeParse(raw, { reportInput: true });
    if (result.success) return result.data;
    const lines: { key: string; input: unknown; message: string }[] = [];
    for (const issue of result.error.issues) {
        if (issue.code === "unrecognized_keys") {
            const known = keysAt(schema, issue.path);
            for (const k of issue.keys) {
                const path = [...issue.path, k];
                const near = didYouMean(k, known);
                lines.push({ key: configKey(namespace, path), input: valueAt(raw, path), message: `unknown key${near}${near ? "" : `; the keys here are ${known.join(", ")}`}` });
            }
            continue;
        }
        const input = "input" in issue ? (issue as { input?: unknown }).input : valueAt(raw, issue.path);
        lines.push({ key: configKey(namespace, issue.path), input, message: explain(issue, input) });
    }
    const first = lines[0];
    const err = new ConfigError(first.key, first.input, first.message);
    if (lines.length > 1) {
        err.message += "\n" + lines.slice(1).map((l) => `${l.key}: ${formatValue(l.input)} is invalid; ${l.message}`).join("\n");
    }
    throw err;
}

/** Reads each top-level key of a zod object schema from Pulumi config-like getter. */
export function readRaw(keys: string[], get: (key: string) => unknown): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const k of keys) {
        const v = get(k);
        if (v !== undefined) raw[k] = v;
    }
    return raw;
}
