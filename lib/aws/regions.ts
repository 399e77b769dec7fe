/**
 * AWS regions, from the AWS SDK for JavaScript's own partition data (lib/aws/regions.data.ts is
 * generated from @aws-sdk/core, pinned in package.json, by scripts/gen-aws-catalogues.ts; a test
 * fails when the two drift). A region outside this list is a typo or a region newer than the
 * pinned SDK: bump the SDK and regenerate.
 */
import { ConfigError } from "../errors";
import { nearMiss } from "../suggest";
import { REGION_ROWS, SDK_CORE_VERSION } from "./regions.data";

export interface Region {
    region: string;
    /** `aws`, `aws-cn`, `aws-us-gov`, ... */
    partition: string;
    description: string;
}

export const REGIONS: ReadonlyMap<string, Region> = new Map(REGION_ROWS.map(([region, partition, description]) => [region, { region, partition, description }]));

/** The region, or a ConfigError naming `key` with the nearest known regions. */
export function requireRegion(key: string, value: unknown): Region {
    if (value === undefined || value === "") {
        throw new ConfigError(key, value, "no AWS region is set; set one, for example: pulumi config set aws:region us-west-2");
    }
    if (typeof value !== "string") throw new ConfigError(key, value, "a region is a name such as us-west-2; write it as text");
    if (value.trim() !== value && REGIONS.has(value.trim())) {
        throw new ConfigError(key, value, `the value has leading or trailing spaces; remove them: ${value.trim()}`);
    }
    const found = REGIONS.get(value);
    if (!found) {
        throw new ConfigError(key, value, nearMiss(`not an AWS region (the regions of @aws-sdk/core ${SDK_CORE_VERSION})`, value, REGIONS.keys(), "use one such as us-west-2: pulumi config set aws:region us-west-2"));
    }
    return found;
}
