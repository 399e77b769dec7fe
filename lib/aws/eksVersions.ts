/**
 * Amazon EKS Kubernetes versions and their support windows.
 *
 * Source: Amazon EKS user guide, "Understand the Kubernetes version lifecycle on EKS", release
 * calendar (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html): 14 months
 * of standard support from the EKS release, then 12 months of extended support at an extra price
 * per cluster hour (lib/aws/prices.ts); extended support exists from 1.23 on, and older versions
 * ended with their standard support. When EKS releases a version, add its row here; the dates are
 * also in `aws eks describe-cluster-versions` (endOfStandardSupportDate, endOfExtendedSupportDate).
 */
import { ConfigError } from "../errors";
import { nearMiss } from "../suggest";
import { eksClusterHourly } from "./prices";

export interface EksVersion {
    version: string;
    /** Last day of standard support (ISO date). */
    endOfStandardSupport: string;
    /** Last day of extended support (ISO date); undefined for versions that had none. */
    endOfExtendedSupport?: string;
}

export const EKS_VERSIONS_SOURCE = "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (release calendar)";

export const EKS_VERSIONS: readonly EksVersion[] = [
    { version: "1.35", endOfStandardSupport: "2027-03-27", endOfExtendedSupport: "2028-03-27" },
    { version: "1.34", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
    { version: "1.33", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
    { version: "1.32", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
    { version: "1.31", endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26" },
    { version: "1.30", endOfStandardSupport: "2025-07-23", endOfExtendedSupport: "2026-07-23" },
    { version: "1.29", endOfStandardSupport: "2025-03-23", endOfExtendedSupport: "2026-03-23" },
    { version: "1.28", endOfStandardSupport: "2024-11-26", endOfExtendedSupport: "2025-11-26" },
    { version: "1.27", endOfStandardSupport: "2024-07-24", endOfExtendedSupport: "2025-07-24" },
    { version: "1.26", endOfStandardSupport: "2024-06-11", endOfExtendedSupport: "2025-06-11" },
    { version: "1.25", endOfStandardSupport: "2024-05-01", endOfExtendedSupport: "2025-05-01" },
    { version: "1.24", endOfStandardSupport: "2024-01-31", endOfExtendedSupport: "2025-01-31" },
    { version: "1.23", endOfStandardSupport: "2023-10-11", endOfExtendedSupport: "2024-10-11" },
    { version: "1.22", endOfStandardSupport: "2023-06-04" },
    { version: "1.21", endOfStandardSupport: "2023-02-16" },
    { version: "1.20", endOfStandardSupport: "2022-11-01" },
];

export type SupportStatus = "standard" | "extended" | "ended";

export interface VersionStatus {
    row: EksVersion;
    status: SupportStatus;
    /** Last day of the current support period. */
    until: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Where a version stands on `now`, or undefined when it is not in the table. */
export function eksVersionStatus(version: string, now: Date = new Date()): VersionStatus | undefined {
    const row = EKS_VERSIONS.find((r) => r.version === version);
    if (!row) return undefined;
    const today = day(now);
    if (today <= row.endOfStandardSupport) return { row, status: "standard", until: row.endOfStandardSupport };
    if (row.endOfExtendedSupport && today <= row.endOfExtendedSupport) return { row, status: "extended", until: row.endOfExtendedSupport };
    return { row, status: "ended", until: row.endOfExtendedSupport ?? row.endOfStandardSupport };
}

/** The versions EKS creates clusters on, on `now` (standard or extended), newest first. */
export function creatableVersions(now: Date = new Date()): string[] {
    return EKS_VERSIONS.filter((r) => eksVersionStatus(r.version, now)?.status !== "ended").map((r) => r.version);
}

/**
 * Refuses a version EKS no longer runs (past extended support) or one the table does not know;
 * returns the status otherwise. Extended support is accepted; the plan's cost section prints its
 * price (see `extendedSupportWarning`).
 */
export function requireEksVersion(key: string, value: unknown, now: Date = new Date()): VersionStatus {
    const newest = EKS_VERSIONS[0].version;
    const choices = creatableVersions(now);
    const standard = choices.filter((v) => eksVersionStatus(v, now)?.status === "standard");
    if (typeof value === "number") {
        const asText = String(value);
        const meant = EKS_VERSIONS.map((r) => r.version).find((v) => Number(v) === value) ?? asText;
        throw new ConfigError(key, value, `YAML read the unquoted version as the number ${asText} (trailing zeros dropped); quote it: kubernetesVersion: "${meant}"`);
    }
    if (typeof value !== "string") throw new ConfigError(key, value, `use a Kubernetes minor version in quotes, for example "${newest}"`);
    if (value.trim() !== value) throw new ConfigError(key, value, `the value has leading or trailing spaces; remove them: "${value.trim()}"`);
    const status = eksVersionStatus(value, now);
    if (!status) {
        const minor = /^v?(1\.\d+)(\.\d+)?$/.exec(value)?.[1];
        if (minor && minor !== value && eksVersionStatus(minor, now)) {
            throw new ConfigError(key, value, `EKS takes the minor version only; use "${minor}"`);
        }
        throw new ConfigError(key, value, nearMiss(`not an EKS Kubernetes version in lib/aws/eksVersions.ts (newest known ${newest})`, value, choices, `use one of ${choices.map((v) => `"${v}"`).join(", ")}; if EKS has released a newer one, add its row with its dates (aws eks describe-cluster-versions)`));
    }
    if (status.status === "ended") {
        throw new ConfigError(key, value, `EKS ${status.row.endOfExtendedSupport ? "extended" : "standard"} support for ${value} ended on ${status.until} and EKS no longer creates clusters on it (${EKS_VERSIONS_SOURCE}); use ${standard.length ? `"${standard[standard.length - 1]}" or newer (standard support)` : `"${newest}"`}`);
    }
    return status;
}

/** A warning for a version in extended support, with its price; undefined in standard support. */
export function extendedSupportWarning(version: string, region: string, now: Date = new Date()): string | undefined {
    const s = eksVersionStatus(version, now);
    if (!s || s.status !== "extended") return undefined;
    const std = eksClusterHourly(region, "standard");
    const ext = eksClusterHourly(region, "extended");
    return `Kubernetes ${version} is in EKS extended support until ${s.until} (standard support ended ${s.row.endOfStandardSupport}): the cluster costs ${ext.usd.toFixed(2)} USD an hour instead of ${std.usd.toFixed(2)} (${ext.source}); upgrade to a version in standard support`;
}
