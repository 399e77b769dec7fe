/**
 * Typed stack configuration, validated with zod before any resource is registered. Every error
 * names the full config key (`eks-ipv6-interop:clusterVpc.cidr`), the value and what is valid.
 */
import { z } from "zod";
import { ConfigError, formatValue } from "./errors";
import { isDefaultRoute, isNetworkAligned, tryParseCidr } from "./cidr";
import { isNitro, requireNitro } from "./instanceTypes";

/** The Pulumi project name, which is also the config namespace. */
export const PROJECT = "eks-ipv6-interop";

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

const instanceTypeSchema = z.string().superRefine((value, ctx) => {
    if (!isNitro(value)) {
        try {
            requireNitro("instanceType", value);
        } catch (e) {
            ctx.addIssue({ code: "custom", message: (e as ConfigError).fix });
        }
    }
});

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
        kubernetesVersion: z.string().regex(/^1\.\d{2}$/, { message: 'use a Kubernetes minor version such as "1.35"' }).default("1.35"),
        /** Node instance type; Nitro only. Default t3.medium. */
        instanceType: instanceTypeSchema.default("t3.medium"),
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
        if (!(c.nodes.min <= c.nodes.desired && c.nodes.desired <= c.nodes.max)) {
            ctx.addIssue({ code: "custom", path: ["nodes"], message: "node counts must satisfy min <= desired <= max" });
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

/**
 * Validates raw config values (as `pulumi.Config.getObject` returns them) against a scenario
 * schema. Throws a ConfigError for the first problem; its message lists every problem.
 */
export function parseConfig<T extends z.ZodType>(schema: T, raw: Record<string, unknown>, namespace = PROJECT): z.infer<T> {
    const result = schema.safeParse(raw, { reportInput: true });
    if (result.success) return result.data;
    const lines = result.error.issues.map((issue) => {
        const key = `${namespace}:${issue.path.map(String).join(".")}`.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
        const input = (issue as { input?: unknown }).input;
        let message = issue.message;
        if (issue.code === "unrecognized_keys") message = `unknown key(s) ${issue.keys.join(", ")}; check the spelling against the keys documented in the stack file stacks/Pulumi.<stack>.yaml`;
        if (issue.code === "invalid_type" && input === undefined) message = `required; ${message}`;
        return { key, input, message };
    });
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
