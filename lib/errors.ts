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
        /** What would be valid, phrased as the fix. */
        readonly fix: string,
    ) {
        super(`${key}: ${formatValue(value)} is invalid; ${fix}`);
        this.name = "ConfigError";
    }
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
