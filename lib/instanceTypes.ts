/**
 * Nitro instance families. EKS IPv6 clusters need Nitro instances (EKS user guide, "IPv6
 * addresses for clusters, Pods, and services": "only Amazon EC2 instances built on the Nitro
 * System"). Families listed per the EC2 user guide, "Instances built on the AWS Nitro System";
 * the Xen families are listed so that a mistake gets a precise message.
 */
import { ConfigError } from "./errors";

/** Previous-generation families that run on the Xen hypervisor. */
export const XEN_FAMILIES: ReadonlySet<string> = new Set([
    "t1", "t2", "m1", "m2", "m3", "m4", "c1", "c3", "c4", "r3", "r4", "x1", "x1e", "d2", "h1", "i2", "i3", "g2", "g3", "g3s", "p2", "p3", "f1", "cc2", "cr1", "hs1",
]);

/** Nitro families (general purpose, compute, memory, storage, accelerated). */
export const NITRO_FAMILIES: ReadonlySet<string> = new Set([
    "a1", "t3", "t3a", "t4g",
    "m5", "m5a", "m5ad", "m5d", "m5dn", "m5n", "m5zn", "m6a", "m6g", "m6gd", "m6i", "m6id", "m6idn", "m6in", "m7a", "m7g", "m7gd", "m7i", "m7i-flex", "m8a", "m8g", "m8gd", "m8i", "m8i-flex", "mac1", "mac2",
    "c5", "c5a", "c5ad", "c5d", "c5n", "c6a", "c6g", "c6gd", "c6gn", "c6i", "c6id", "c6in", "c7a", "c7g", "c7gd", "c7gn", "c7i", "c7i-flex", "c8a", "c8g", "c8gd", "c8gn", "c8i", "c8i-flex",
    "r5", "r5a", "r5ad", "r5b", "r5d", "r5dn", "r5n", "r6a", "r6g", "r6gd", "r6i", "r6id", "r6idn", "r6in", "r7a", "r7g", "r7gd", "r7i", "r7iz", "r8a", "r8g", "r8gd", "r8i", "r8i-flex",
    "u-3tb1", "u-6tb1", "u-9tb1", "u-12tb1", "u-18tb1", "u-24tb1", "u7i-6tb", "u7i-8tb", "u7i-12tb", "u7in-16tb", "u7in-24tb", "u7in-32tb",
    "x2gd", "x2idn", "x2iedn", "x2iezn", "x8g", "z1d",
    "d3", "d3en", "i3en", "i4g", "i4i", "i7i", "i7ie", "i8g", "im4gn", "is4gen",
    "dl1", "dl2q", "f2", "g4ad", "g4dn", "g5", "g5g", "g6", "g6e", "g6f", "gr6", "inf1", "inf2", "p3dn", "p4d", "p4de", "p5", "p5e", "p5en", "p6-b200", "trn1", "trn1n", "trn2", "vt1",
    "hpc6a", "hpc6id", "hpc7a", "hpc7g",
]);

/** The family of an instance type: `m7i.large` gives `m7i`. */
export function instanceFamily(instanceType: string): string {
    return instanceType.split(".")[0];
}

/** True when the instance type is built on the Nitro System (`*.metal` sizes always are). */
export function isNitro(instanceType: string): boolean {
    if (!/^[a-z0-9-]+\.[a-z0-9-]+$/.test(instanceType)) return false;
    if (instanceType.endsWith(".metal") || /\.metal-/.test(instanceType)) return true;
    // p3dn.24xlarge is the one Nitro size of the p3 line and has its own family name.
    return NITRO_FAMILIES.has(instanceFamily(instanceType));
}

/** Throws a ConfigError naming `key` unless the instance type is Nitro. */
export function requireNitro(key: string, instanceType: string): void {
    if (isNitro(instanceType)) return;
    const family = instanceFamily(instanceType);
    const why = XEN_FAMILIES.has(family)
        ? `${family} is a Xen (non-Nitro) family, and EKS IPv6 and prefix delegation need Nitro instances`
        : `${family} is not a known Nitro family (see lib/instanceTypes.ts)`;
    throw new ConfigError(key, instanceType, `${why}; use a Nitro type such as t3.medium, m7i.large or m7g.large`);
}

/** True for Graviton (arm64) families, which need an arm64 AMI type. */
export function isArm64(instanceType: string): boolean {
    const family = instanceFamily(instanceType);
    return /^(a1|[a-z]+\d+g[a-z]*|im4gn|is4gen|x2gd|x8g|hpc7g)$/.test(family);
}
