/**
 * Subnet plan of one VPC: IPv4 blocks per tier and AZ, and explicit IPv6 /64 indexes per tier.
 */
import { planIpv4Subnets, validateIpv6Indexes } from "./cidr";
import { ConfigError } from "./errors";
import type { VpcConfig } from "./config";

export interface VpcPlan {
    azCount: number;
    publicIpv4: string[];
    privateIpv4: string[];
    /** One /64 index per AZ, undefined for IPv4-only VPCs. */
    publicIpv6Indexes?: number[];
    privateIpv6Indexes?: number[];
}

/** Default private-tier IPv6 index offset: public subnets take 0.., private 16.. */
export const PRIVATE_IPV6_INDEX_OFFSET = 16;

/**
 * Plans a VPC's subnets. `key` is the config key of the VPC (for messages), `dualStack` whether
 * it gets an IPv6 /56.
 */
export function planVpc(key: string, cfg: Pick<VpcConfig, "cidr"> & Partial<Pick<VpcConfig, "privateSubnetPrefix" | "publicSubnetPrefix" | "ipv6SubnetIndexes">>, azCount: number, dualStack: boolean): VpcPlan {
    if (!Number.isInteger(azCount) || azCount < 2) {
        throw new ConfigError("azCount", azCount, "EKS needs subnets in at least two availability zones; use 2 or more");
    }
    const ipv4 = planIpv4Subnets(`${key}.cidr`, cfg.cidr, [
        { tier: "private", prefixLength: cfg.privateSubnetPrefix ?? 20, count: azCount },
        { tier: "public", prefixLength: cfg.publicSubnetPrefix ?? 24, count: azCount },
    ]);
    const plan: VpcPlan = { azCount, publicIpv4: ipv4.public, privateIpv4: ipv4.private };
    if (!dualStack) {
        if (cfg.ipv6SubnetIndexes) {
            throw new ConfigError(`${key}.ipv6SubnetIndexes`, cfg.ipv6SubnetIndexes, "this VPC is IPv4-only in this scenario; remove ipv6SubnetIndexes");
        }
        return plan;
    }
    const indexes = cfg.ipv6SubnetIndexes ?? {
        public: Array.from({ length: azCount }, (_, i) => i),
        private: Array.from({ length: azCount }, (_, i) => PRIVATE_IPV6_INDEX_OFFSET + i),
    };
    for (const tier of ["public", "private"] as const) {
        if (indexes[tier].length !== azCount) {
            throw new ConfigError(`${key}.ipv6SubnetIndexes.${tier}`, indexes[tier], `give exactly one index per availability zone (${azCount})`);
        }
    }
    validateIpv6Indexes(`${key}.ipv6SubnetIndexes`, indexes);
    return { ...plan, publicIpv6Indexes: indexes.public, privateIpv6Indexes: indexes.private };
}
