/**
 * Errors people can act on. One shape for every config, command-line and file error:
 *
 *     <key>: <value> is invalid; <what is wrong, in plain words>; <the fix>
 *
 * `key` is the full config key (`eks-ipv6-interop:cluster.nodes.max`, `aws:region`), the
 * command-line flag (`--graph`) or the file. Thrown before any resource is registered.
 */

/** The Pulumi project name, which is also the config namespace. */
export const CONFIG_NAMESPACE = "eks-ipv6-interop";

/**
 * A configuration or argument error that names the offending key, the value it had and what
 * would be valid. Thrown before any resource is registered.
 */
export class ConfigError extends Error {
    constructor(
        /** The config key or argument path, for example `eks-ipv6-interop:clusterVpc.cidr`. */
        readonly key: string,
        /** The value that was rejected, as the user wrote it. */
        readonly value: unknown,
        /** What is wrong and what would be valid, phrased as the fix. */
        readonly fix: string,
    ) {
        super(`${key}: ${formatValue(value)} is invalid; ${fix}`);
        this.name = "ConfigError";
    }
}

/**
 * A command-line or input-file error (a flag, a path, a file that does not parse): the same shape
 * as a ConfigError, with the flag or the file as its key.
 */
export class UsageError extends ConfigError {
    constructor(key: string, value: unknown, fix: string) {
        super(key, value, fix);
        this.name = "UsageError";
    }
}

/** A config path such as `cluster.nodes.max` or `consumers.ipv4.vpc.cidr` (no namespace, no spaces). */
const CONFIG_PATH = /^[A-Za-z][A-Za-z0-9_-]*((\.[A-Za-z0-9_-]+)|(\[\d+\]))*$/;

/**
 * The error with its key in the project's config namespace: components and lib/ name keys as
 * paths (`app.instanceType`); the user sets `eks-ipv6-interop:app.instanceType`. Keys that
 * already have a namespace, flags and descriptive labels are kept.
 */
export function qualify(e: unknown, namespace = CONFIG_NAMESPACE): unknown {
    if (!(e instanceof ConfigError) || e instanceof UsageError || !CONFIG_PATH.test(e.key)) return e;
    const q = new ConfigError(`${namespace}:${e.key}`, e.value, e.fix);
    q.message = e.message.replace(e.key, q.key);
    return q;
}

export function formatValue(value: unknown): string {
    if (value === undefined) return "(unset)";
    if (typeof value === "string") return JSON.stringify(value);
    try {
        return JSON.stringify(value);
    } catch {
        return String(value);
    }
}
