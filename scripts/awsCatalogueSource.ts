/**
 * Reads the two catalogues that ship in the AWS SDK for JavaScript v3 (pinned exactly in
 * package.json's devDependencies): the partition/region data of @aws-sdk/core (the same data
 * `@aws-sdk/util-endpoints`' `partition()` answers from) and the EC2 API's instance type enum
 * (`_InstanceType` of @aws-sdk/client-ec2). Used by scripts/gen-aws-catalogues.ts, which writes
 * lib/aws/regions.data.ts and lib/aws/instanceTypes.data.ts, and by the test that fails when
 * those tables drift from the packages.
 */
import * as fs from "fs";
import * as path from "path";

export interface SdkRegion {
    region: string;
    partition: string;
    description: string;
}

/** Every region of every partition, from @aws-sdk/core's partitions data. */
export function sdkRegions(): SdkRegion[] {
    const dir = path.dirname(require.resolve("@aws-sdk/core/package.json"));
    const file = path.join(dir, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js");
    const text = fs.readFileSync(file, "utf8").replace(/^export const partitionsInfo = /, "").replace(/;\s*$/, "");
    const info = JSON.parse(text) as { partitions: { id: string; regions: Record<string, { description?: string }> }[] };
    const out: SdkRegion[] = [];
    for (const p of info.partitions) {
        for (const [region, r] of Object.entries(p.regions)) {
            // Pseudo-regions such as aws-global name a partition's global endpoint, not a region.
            if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) continue;
            out.push({ region, partition: p.id, description: r.description ?? region });
        }
    }
    return out.sort((a, b) => a.region.localeCompare(b.region));
}

/** The EC2 API's instance types, from @aws-sdk/client-ec2's `_InstanceType` enum. */
export function sdkInstanceTypes(): string[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ec2 = require("@aws-sdk/client-ec2") as { _InstanceType: Record<string, string> };
    return [...new Set(Object.values(ec2._InstanceType))].sort();
}

export function sdkVersions(): { core: string; clientEc2: string } {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { core: require("@aws-sdk/core/package.json").version, clientEc2: require("@aws-sdk/client-ec2/package.json").version };
}
