/**
 * IP address arithmetic for subnet planning and validation. All parsing goes through the
 * `ip-address` library; this module only adds BigInt offsets to parsed network addresses.
 */
import { Address4, Address6 } from "ip-address";
import { ConfigError } from "./errors";

export type IpFamily = "ipv4" | "ipv6";

export interface ParsedCidr {
    family: IpFamily;
    /** Network address as an unsigned integer. */
    network: bigint;
    /** Last address of the block. */
    last: bigint;
    prefix: number;
    /** Canonical text, for example `10.0.0.0/16` or `2001:db8:100::/56`. */
    text: string;
}

function bits(family: IpFamily): number {
    return family === "ipv4" ? 32 : 128;
}

/** Parses an IPv4 or IPv6 CIDR. Returns undefined for anything that is not exactly a CIDR. */
export function tryParseCidr(value: string): ParsedCidr | undefined {
    if (typeof value !== "string" || !value.includes("/")) return undefined;
    const family: IpFamily | undefined = Address4.isValid(value) ? "ipv4" : Address6.isValid(value) ? "ipv6" : undefined;
    if (!family) return undefined;
    const addr = family === "ipv4" ? new Address4(value) : new Address6(value);
    const prefix = addr.subnetMask;
    const start = addr.startAddress().bigInt();
    const size = 1n << BigInt(bits(family) - prefix);
    return { family, network: start, last: start + size - 1n, prefix, text: `${toText(family, start)}/${prefix}` };
}

/** True when the CIDR's address is its network address (no host bits set). */
export function isNetworkAligned(value: string): boolean {
    const parsed = tryParseCidr(value);
    if (!parsed) return false;
    const addr = parsed.family === "ipv4" ? new Address4(value) : new Address6(value);
    return addr.bigInt() === parsed.network;
}

function toText(family: IpFamily, value: bigint): string {
    return family === "ipv4" ? Address4.fromBigInt(value).correctForm() : Address6.fromBigInt(value).correctForm();
}

/**
 * Parses a CIDR of the given family and throws a ConfigError naming `key` when it is malformed,
 * of the other family, has host bits set, or has a prefix outside [minPrefix, maxPrefix].
 */
export function requireCidr(
    key: string,
    value: string,
    family: IpFamily,
    range: { minPrefix?: number; maxPrefix?: number } = {},
): ParsedCidr {
    const example = family === "ipv4" ? "10.0.0.0/16" : "2001:db8:100::/56";
    const parsed = tryParseCidr(value);
    if (!parsed || parsed.family !== family) {
        throw new ConfigError(key, value, `use an ${family === "ipv4" ? "IPv4" : "IPv6"} CIDR such as ${example}`);
    }
    if (!isNetworkAligned(value)) {
        throw new ConfigError(key, value, `host bits are set; use the network address ${parsed.text}`);
    }
    const min = range.minPrefix ?? 0;
    const max = range.maxPrefix ?? bits(family);
    if (parsed.prefix < min || parsed.prefix > max) {
        throw new ConfigError(key, value, `the prefix length must be between /${min} and /${max}`);
    }
    return parsed;
}

/** True when the two blocks share at least one address. Blocks of different families never overlap. */
export function cidrsOverlap(a: string, b: string): boolean {
    const pa = tryParseCidr(a);
    const pb = tryParseCidr(b);
    if (!pa || !pb || pa.family !== pb.family) return false;
    return pa.network <= pb.last && pb.network <= pa.last;
}

/** True when `inner` lies entirely inside `outer` (same family). */
export function cidrContains(outer: string, inner: string): boolean {
    const po = tryParseCidr(outer);
    const pi = tryParseCidr(inner);
    if (!po || !pi || po.family !== pi.family) return false;
    return pi.network >= po.network && pi.last <= po.last;
}

/** True when an address (no prefix) lies inside the CIDR. */
export function addressInCidr(address: string, cidr: string): boolean {
    const hostPrefix = address.includes(":") ? 128 : 32;
    return cidrContains(cidr, `${address}/${hostPrefix}`);
}

/** True for a default route in any spelling: `0.0.0.0/0`, `::/0`, `0:0:0:0:0:0:0:0/0`, `::0/0`... */
export function isDefaultRoute(cidr: string): boolean {
    const parsed = tryParseCidr(cidr);
    return parsed !== undefined && parsed.prefix === 0;
}

/**
 * Throws a ConfigError when any two of the named IPv4 blocks overlap. VPC peering and Transit
 * Gateway both refuse overlapping IPv4 CIDRs (AWS VPC peering guide, "VPC peering limitations";
 * Transit Gateway guide, "Transit gateway design best practices").
 */
export function assertNoIpv4Overlap(blocks: { key: string; cidr: string }[]): void {
    for (let i = 0; i < blocks.length; i++) {
        for (let j = i + 1; j < blocks.length; j++) {
            if (cidrsOverlap(blocks[i].cidr, blocks[j].cidr)) {
                throw new ConfigError(
                    blocks[j].key,
                    blocks[j].cidr,
                    `it overlaps ${blocks[i].key} (${blocks[i].cidr}); VPCs joined by peering or a transit gateway need disjoint IPv4 CIDRs, so pick a block outside ${blocks[i].cidr}`,
                );
            }
        }
    }
}

export interface SubnetTierRequest {
    /** Tier name, used in error messages and in the result. */
    tier: string;
    /** Prefix length of each subnet of this tier, for example 19. */
    prefixLength: number;
    /** Number of subnets (one per availability zone). */
    count: number;
}

/**
 * Carves IPv4 subnets for each tier, in order, out of the VPC block: each subnet is aligned to
 * its own size and follows the previous one. Throws when a prefix is shorter than the VPC's or
 * the subnets do not fit. AWS subnet sizes are /16 to /28 (VPC user guide, "Subnet sizing").
 */
export function planIpv4Subnets(key: string, vpcCidr: string, tiers: SubnetTierRequest[]): Record<string, string[]> {
    const vpc = requireCidr(key, vpcCidr, "ipv4", { minPrefix: 16, maxPrefix: 28 });
    const result: Record<string, string[]> = {};
    let cursor = vpc.network;
    for (const t of tiers) {
        if (!Number.isInteger(t.prefixLength) || t.prefixLength < vpc.prefix || t.prefixLength > 28) {
            throw new ConfigError(
                `${key} (${t.tier} subnets)`,
                `/${t.prefixLength}`,
                `a ${t.tier} subnet prefix must be between /${vpc.prefix} (the VPC's) and /28`,
            );
        }
        const size = 1n << BigInt(32 - t.prefixLength);
        result[t.tier] = [];
        for (let i = 0; i < t.count; i++) {
            cursor = ((cursor + size - 1n) / size) * size; // align up
            if (cursor + size - 1n > vpc.last) {
                throw new ConfigError(
                    key,
                    vpcCidr,
                    `${tiers.map((x) => `${x.count} x /${x.prefixLength} (${x.tier})`).join(" + ")} do not fit; use a larger VPC block or longer subnet prefixes`,
                );
            }
            result[t.tier].push(`${toText("ipv4", cursor)}/${t.prefixLength}`);
            cursor += size;
        }
    }
    return result;
}

/** Valid subnet indexes of a /64 inside a /56: 0 to 255. */
export const IPV6_SUBNET_INDEX_MAX = 255;

/** Throws unless every index is an integer from 0 to 255 and no index repeats across tiers. */
export function validateIpv6Indexes(key: string, tiers: Record<string, number[]>): void {
    const seen = new Map<number, string>();
    for (const [tier, indexes] of Object.entries(tiers)) {
        indexes.forEach((index, i) => {
            const itemKey = `${key}.${tier}[${i}]`;
            if (!Number.isInteger(index) || index < 0 || index > IPV6_SUBNET_INDEX_MAX) {
                throw new ConfigError(itemKey, index, `an IPv6 subnet index selects one /64 of the VPC's /56 and must be an integer from 0 to ${IPV6_SUBNET_INDEX_MAX}`);
            }
            const other = seen.get(index);
            if (other) {
                throw new ConfigError(itemKey, index, `index ${index} is already used by ${other}; each subnet needs its own /64`);
            }
            seen.set(index, itemKey);
        });
    }
}

/**
 * The /64 at `index` inside a VPC's /56 (the equivalent of Terraform's `cidrsubnet(vpc6, 8, index)`).
 * AWS gives each VPC an IPv6 /56 and every subnet exactly a /64 (VPC user guide, "IPv6 VPC CIDR blocks").
 */
export function ipv6SubnetCidr(vpcIpv6Cidr: string, index: number): string {
    const vpc = requireCidr("VPC IPv6 CIDR", vpcIpv6Cidr, "ipv6", { minPrefix: 44, maxPrefix: 56 });
    if (!Number.isInteger(index) || index < 0 || index >= 1 << (64 - vpc.prefix)) {
        throw new ConfigError("IPv6 subnet index", index, `it must be an integer from 0 to ${(1 << (64 - vpc.prefix)) - 1} for a /${vpc.prefix}`);
    }
    return `${toText("ipv6", vpc.network + (BigInt(index) << 64n))}/64`;
}

/** The n-th block of `prefixLength` inside `cidr` (either family), for deterministic fixtures. */
export function nthSubblock(cidr: string, prefixLength: number, n: number): string {
    const parent = tryParseCidr(cidr);
    if (!parent) throw new ConfigError("CIDR", cidr, "use a valid CIDR");
    const width = bits(parent.family);
    if (prefixLength < parent.prefix || prefixLength > width) {
        throw new ConfigError("prefix length", prefixLength, `it must be between /${parent.prefix} and /${width}`);
    }
    const start = parent.network + (BigInt(n) << BigInt(width - prefixLength));
    if (start > parent.last) throw new ConfigError("block index", n, `${cidr} has fewer than ${n + 1} blocks of /${prefixLength}`);
    return `${toText(parent.family, start)}/${prefixLength}`;
}

/** The n-th host address of a block (n = 0 is the network address). */
export function nthAddress(cidr: string, n: number): string {
    const parent = tryParseCidr(cidr);
    if (!parent) throw new ConfigError("CIDR", cidr, "use a valid CIDR");
    const value = parent.network + BigInt(n);
    if (value > parent.last) throw new ConfigError("host index", n, `${cidr} is smaller than ${n + 1} addresses`);
    return toText(parent.family, value);
}

/**
 * The well-known NAT64 prefix (RFC 6052) that Route 53 Resolver's DNS64 uses to synthesize AAAA
 * answers for IPv4-only names, and that a route to a NAT gateway translates back to IPv4
 * (VPC user guide, "DNS64 and NAT64").
 */
export const NAT64_PREFIX = "64:ff9b::/96";

/** The IPv6 block DNS64 synthesizes for an IPv4 block: `10.20.0.0/19` -> `64:ff9b::a14:0/115`. */
export function nat64Synthesize(ipv4Cidr: string): string {
    const p = tryParseCidr(ipv4Cidr);
    if (!p || p.family !== "ipv4") throw new ConfigError("IPv4 CIDR", ipv4Cidr, "use an IPv4 CIDR such as 10.0.0.0/16");
    const base = tryParseCidr(NAT64_PREFIX)!.network;
    return `${toText("ipv6", base + p.network)}/${96 + p.prefix}`;
}

/** The IPv4 block embedded in a block inside 64:ff9b::/96; undefined for anything else. */
export function nat64Embedded(ipv6Cidr: string): string | undefined {
    const p = tryParseCidr(ipv6Cidr);
    if (!p || p.family !== "ipv6" || !cidrContains(NAT64_PREFIX, p.text)) return undefined;
    const base = tryParseCidr(NAT64_PREFIX)!.network;
    return `${toText("ipv4", p.network - base)}/${p.prefix - 96}`;
}

/** A single address as a host CIDR (`10.0.0.1/32`, `2001:db8::1/128`); undefined when it is not an address. */
export function hostCidr(address: string): string | undefined {
    if (typeof address !== "string" || address.includes("/")) return undefined;
    const prefix = address.includes(":") ? 128 : 32;
    return tryParseCidr(`${address}/${prefix}`)?.text;
}
