/**
 * The Amazon VPC CNI managed add-on (`vpc-cni`): which `configurationValues` keys its schema
 * accepts, the version that introduced each setting, and a builder for the JSON the add-on takes.
 *
 * Sources:
 * - Add-on configuration schema: `aws eks describe-addon-configuration --addon-name vpc-cni
 *   --addon-version V`; `env` has `additionalProperties: false`, so unknown keys are rejected.
 * - amazon-vpc-cni-k8s README, "ENABLE_V6_EGRESS (v1.13.0+)", "ENABLE_V4_EGRESS (v1.15.1+)",
 *   "DISABLE_POD_V6 (v1.15.0+)"; amazon-vpc-cni-k8s#3124: v6 egress must be set on the init
 *   container (`init.env`) as well as on `aws-node` (`env`).
 * - EKS user guide, "IPv6 addresses for clusters, Pods, and services": on an IPv6 cluster the
 *   add-on turns on IPv6 and prefix delegation by itself; `ENABLE_IPv6` is not a settable key.
 */
import * as semver from "semver";
import { ConfigError } from "./errors";
import type { IpFamily } from "./cidr";
import { VPC_CNI_SCHEMA_ENV, VPC_CNI_SCHEMA_INIT_ENV, VPC_CNI_SCHEMA_TOP_LEVEL } from "./aws/vpcCniSchema";

/** Minimum vpc-cni version for IPv6 clusters (EKS user guide, IPv6 prerequisites). */
export const VPC_CNI_IPV6_FLOOR = "1.10.1";

/** `env` keys of the add-on schema, with the version that introduced each where known (table: lib/aws/vpcCniSchema.ts). */
export const VPC_CNI_ENV_KEYS: Readonly<Record<string, { since?: string; meaning: string }>> = VPC_CNI_SCHEMA_ENV;

/** `init.env` keys of the add-on schema (the aws-vpc-cni-init container). */
export const VPC_CNI_INIT_ENV_KEYS: Readonly<Record<string, { since?: string }>> = VPC_CNI_SCHEMA_INIT_ENV;

/** Keys people copy from the self-managed manifest that the add-on schema rejects. */
export const VPC_CNI_REJECTED_ENV_KEYS: Readonly<Record<string, string>> = {
    ENABLE_IPv6: "the add-on sets it from the cluster's IP family; remove it",
    ENABLE_IPv4: "the add-on sets it from the cluster's IP family; remove it",
};

/** Top-level keys of the add-on schema that this repository uses or checks. */
export const VPC_CNI_TOP_LEVEL_KEYS = VPC_CNI_SCHEMA_TOP_LEVEL;

/** Parses `v1.20.4-eksbuild.1` or `1.20.4` into `1.20.4`; undefined when it is not a version. */
export function cniSemver(version: string): string | undefined {
    const cleaned = version.trim().replace(/^v/, "").split("-")[0];
    return semver.valid(cleaned) ?? undefined;
}

/** True when `version` is at least `floor` (both in any form `cniSemver` accepts). */
export function cniAtLeast(version: string, floor: string): boolean {
    const v = cniSemver(version);
    return v !== undefined && semver.gte(v, floor);
}

export interface VpcCniOptions {
    /** The cluster's IP family. */
    ipFamily: IpFamily;
    /**
     * Pinned add-on version (`v1.20.4-eksbuild.1`). Undefined: resolved at deploy time to the most
     * recent version for the cluster's Kubernetes version, which is above every floor here.
     */
    addonVersion?: string;
    /** IPv4 clusters only: ENABLE_V6_EGRESS in `env` and `init.env`. Default false. */
    v6Egress?: boolean;
    /** IPv6 clusters only: ENABLE_V4_EGRESS. Default true (the CNI's own default). */
    v4Egress?: boolean;
    /** Config key prefix used in error messages. */
    key?: string;
}

export interface VpcCniConfiguration {
    env?: Record<string, string>;
    init?: { env: Record<string, string> };
}

/**
 * Builds the add-on's `configurationValues` object. Throws a ConfigError for a setting that the
 * cluster's family cannot use or the pinned version does not have.
 */
export function buildVpcCniConfiguration(opts: VpcCniOptions): VpcCniConfiguration {
    const key = opts.key ?? "vpcCni";
    if (opts.addonVersion !== undefined) {
        if (!cniSemver(opts.addonVersion)) {
            throw new ConfigError(`${key}.version`, opts.addonVersion, "use an add-on version such as v1.20.4-eksbuild.1 (aws eks describe-addon-versions --addon-name vpc-cni)");
        }
        if (opts.ipFamily === "ipv6" && !cniAtLeast(opts.addonVersion, VPC_CNI_IPV6_FLOOR)) {
            throw new ConfigError(`${key}.version`, opts.addonVersion, `IPv6 clusters need vpc-cni ${VPC_CNI_IPV6_FLOOR} or later`);
        }
    }
    const requireFloor = (setting: string) => {
        const since = VPC_CNI_ENV_KEYS[setting].since!;
        if (opts.addonVersion !== undefined && !cniAtLeast(opts.addonVersion, since)) {
            throw new ConfigError(`${key}.version`, opts.addonVersion, `${setting} needs vpc-cni ${since} or later; pin a newer version or leave the version unset`);
        }
    };
    const config: VpcCniConfiguration = {};
    if (opts.v6Egress) {
        if (opts.ipFamily !== "ipv4") {
            throw new ConfigError(`${key}.v6Egress`, true, "v6 egress is for IPv4 clusters; IPv6 cluster pods already have IPv6, so set it to false");
        }
        requireFloor("ENABLE_V6_EGRESS");
        config.env = { ...config.env, ENABLE_V6_EGRESS: "true" };
        config.init = { env: { ENABLE_V6_EGRESS: "true" } };
    }
    if (opts.v4Egress === false) {
        if (opts.ipFamily !== "ipv6") {
            throw new ConfigError(`${key}.v4Egress`, false, "v4 egress is for IPv6 clusters; IPv4 cluster pods already have IPv4, so remove the setting");
        }
        requireFloor("ENABLE_V4_EGRESS");
        config.env = { ...config.env, ENABLE_V4_EGRESS: "false" };
    }
    return config;
}

/**
 * Problems with a `configurationValues` document: unknown or rejected keys, non-string values,
 * v6 egress set in only one of `env` and `init.env`. Empty when it is fine. Used by the policy pack.
 */
export function vpcCniConfigurationProblems(configurationValues: string | undefined): string[] {
    if (configurationValues === undefined || configurationValues === "") return [];
    let doc: unknown;
    try {
        doc = JSON.parse(configurationValues);
    } catch {
        return ["configurationValues is not valid JSON"];
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return ["configurationValues must be a JSON object"];
    const problems: string[] = [];
    const obj = doc as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
        if (!(VPC_CNI_TOP_LEVEL_KEYS as readonly string[]).includes(k)) problems.push(`top-level key "${k}" is not in the vpc-cni add-on schema`);
    }
    const checkEnv = (where: string, env: unknown, accepted: Readonly<Record<string, unknown>>) => {
        if (env === undefined) return {} as Record<string, unknown>;
        if (typeof env !== "object" || env === null) {
            problems.push(`${where} must be an object`);
            return {};
        }
        for (const [k, v] of Object.entries(env)) {
            if (VPC_CNI_REJECTED_ENV_KEYS[k]) problems.push(`${where}.${k} is rejected by the add-on schema: ${VPC_CNI_REJECTED_ENV_KEYS[k]}`);
            else if (!(k in accepted)) problems.push(`${where}.${k} is not a key the add-on schema accepts as far as lib/aws/vpcCniSchema.ts knows (check aws eks describe-addon-configuration --addon-name vpc-cni)`);
            if (typeof v !== "string") problems.push(`${where}.${k} must be a string such as "true", not ${JSON.stringify(v)}`);
        }
        return env as Record<string, unknown>;
    };
    const env = checkEnv("env", obj.env, VPC_CNI_ENV_KEYS);
    const init = obj.init as Record<string, unknown> | undefined;
    const initEnv = checkEnv("init.env", init?.env, VPC_CNI_INIT_ENV_KEYS);
    const mainV6 = env.ENABLE_V6_EGRESS === "true";
    const initV6 = initEnv.ENABLE_V6_EGRESS === "true";
    if (mainV6 !== initV6) {
        problems.push(`ENABLE_V6_EGRESS must be "true" in both env and init.env (amazon-vpc-cni-k8s#3124); it is set only in ${mainV6 ? "env" : "init.env"}`);
    }
    return problems;
}

/** Whether a configurationValues document turns v6 egress on (in env). */
export function v6EgressEnabled(configurationValues: string | undefined): boolean {
    try {
        return JSON.parse(configurationValues ?? "{}")?.env?.ENABLE_V6_EGRESS === "true";
    } catch {
        return false;
    }
}

/** Whether a configurationValues document leaves v4 egress on (the default). */
export function v4EgressEnabled(configurationValues: string | undefined): boolean {
    try {
        return JSON.parse(configurationValues ?? "{}")?.env?.ENABLE_V4_EGRESS !== "false";
    } catch {
        return true;
    }
}
