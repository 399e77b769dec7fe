import * as assert from "assert";
import { sdkInstanceTypes, sdkRegions, sdkVersions } from "../../../scripts/awsCatalogueSource";
import { EC2_INSTANCE_TYPES, SDK_CLIENT_EC2_VERSION } from "../../../lib/aws/instanceTypes.data";
import { REGION_ROWS, SDK_CORE_VERSION } from "../../../lib/aws/regions.data";
import { REGIONS, requireRegion } from "../../../lib/aws/regions";
import { INSTANCE_TYPES, nodeTooSmall, requireInstanceType } from "../../../lib/aws/instanceTypes";
import { EKS_VERSIONS, creatableVersions, eksVersionStatus, extendedSupportWarning, requireEksVersion } from "../../../lib/aws/eksVersions";
import { closest, editDistance } from "../../../lib/suggest";
import { isNitro } from "../../../lib/instanceTypes";
import { ConfigError } from "../../../lib/errors";

const fails = (f: () => unknown, pattern: RegExp) =>
    assert.throws(f, (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, pattern);
        return true;
    });

describe("lib/aws catalogues", () => {
    describe("generated tables match the pinned AWS SDK packages (regenerate: npx tsx scripts/gen-aws-catalogues.ts)", () => {
        it("regions: @aws-sdk/core's partition data", () => {
            assert.strictEqual(SDK_CORE_VERSION, sdkVersions().core);
            assert.deepStrictEqual(REGION_ROWS.map(([region, partition, description]) => ({ region, partition, description })), sdkRegions());
        });
        it("regions agree with @aws-sdk/util-endpoints' partition() (known regions have a description)", () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { partition } = require("@aws-sdk/util-endpoints") as { partition(r: string): { name: string; description?: string } };
            for (const [region, p, description] of REGION_ROWS) {
                assert.strictEqual(partition(region).name, p, region);
                assert.strictEqual(partition(region).description, description, region);
            }
            assert.strictEqual(partition("us-west-9").description, undefined);
        });
        it("instance types: @aws-sdk/client-ec2's _InstanceType", () => {
            assert.strictEqual(SDK_CLIENT_EC2_VERSION, sdkVersions().clientEc2);
            assert.deepStrictEqual([...EC2_INSTANCE_TYPES], sdkInstanceTypes());
        });
        it("every Nitro family of lib/instanceTypes.ts has at least one type in the EC2 list (no stale family names)", () => {
            const families = new Set(EC2_INSTANCE_TYPES.map((t) => t.split(".")[0]));
            const { NITRO_FAMILIES } = require("../../../lib/instanceTypes") as { NITRO_FAMILIES: Set<string> };
            const missing = [...NITRO_FAMILIES].filter((f) => !families.has(f));
            assert.deepStrictEqual(missing, [], `families not in the EC2 API's list: ${missing.join(", ")}`);
        });
    });

    describe("did you mean", () => {
        it("edit distance counts swaps as one edit", () => {
            assert.strictEqual(editDistance("azcount", "azCount".toLowerCase()), 0);
            assert.strictEqual(editDistance("singel", "single"), 1);
            assert.strictEqual(editDistance("abc", "xyz"), 3);
        });
        it("keeps only the nearest candidates and nothing far away", () => {
            assert.deepStrictEqual(closest("t3.mediun", INSTANCE_TYPES), ["t3.medium"]);
            assert.deepStrictEqual(closest("us-west-9", REGIONS.keys()), ["us-west-1", "us-west-2"]);
            assert.deepStrictEqual(closest("zzzzzzzz", ["azCount", "clusterVpc"]), []);
        });
    });

    describe("regions", () => {
        it("knows us-west-2 and the other partitions", () => {
            assert.strictEqual(requireRegion("aws:region", "us-west-2").description, "US West (Oregon)");
            assert.strictEqual(REGIONS.get("cn-north-1")?.partition, "aws-cn");
            assert.strictEqual(REGIONS.get("us-gov-west-1")?.partition, "aws-us-gov");
        });
        it("refuses a made-up region, a trailing space and an unset one, each with a fix", () => {
            fails(() => requireRegion("aws:region", "us-west-9"), /aws:region: "us-west-9" is invalid; not an AWS region.*did you mean "us-west-1" or "us-west-2"\?/);
            fails(() => requireRegion("aws:region", "us-west-2 "), /remove them: us-west-2/);
            fails(() => requireRegion("aws:region", undefined), /pulumi config set aws:region us-west-2/);
        });
    });

    describe("instance types", () => {
        it("accepts the stacks' types", () => {
            assert.strictEqual(requireInstanceType("k", "t3.medium", "node"), "t3.medium");
            assert.strictEqual(requireInstanceType("k", "m7g.large", "node"), "m7g.large");
            assert.strictEqual(requireInstanceType("k", "t3.micro", "app"), "t3.micro");
        });
        it("refuses what the EC2 API does not list, Xen families, and nodes too small", () => {
            fails(() => requireInstanceType("k", "t3.mediun", "node"), /not an EC2 instance type.*did you mean "t3\.medium"\?/);
            fails(() => requireInstanceType("k", "t2.medium", "node"), /Xen \(non-Nitro\) family, and EKS IPv6 clusters/);
            fails(() => requireInstanceType("k", "t2.micro", "app"), /demo apps run on current Nitro types/);
            for (const t of ["t3.nano", "t3.micro", "t3.small", "t4g.small", "a1.medium", "m6g.medium"]) fails(() => requireInstanceType("k", t, "node"), /too small for an EKS node/);
            // Apps are not Kubernetes nodes: a micro is fine there.
            assert.strictEqual(requireInstanceType("k", "t4g.micro", "app"), "t4g.micro");
        });
        it("sizing only refuses sizes named in the rule", () => {
            for (const t of ["t3.medium", "t3a.medium", "t4g.medium", "m7i.large", "a1.large"]) assert.strictEqual(nodeTooSmall(t), undefined, t);
        });
        it("every Nitro type accepted for a node is in the EC2 list", () => {
            const nitroNodes = EC2_INSTANCE_TYPES.filter((t) => isNitro(t) && !nodeTooSmall(t));
            assert.ok(nitroNodes.length > 500, `${nitroNodes.length}`);
        });
    });

    describe("EKS versions (EKS user guide release calendar)", () => {
        const on = (d: string) => new Date(`${d}T12:00:00Z`);
        it("support windows: 14 months standard, then 12 extended (from 1.23 on)", () => {
            for (const r of EKS_VERSIONS.filter((v) => v.endOfExtendedSupport)) {
                const std = new Date(r.endOfStandardSupport);
                const ext = new Date(r.endOfExtendedSupport!);
                const months = (ext.getUTCFullYear() - std.getUTCFullYear()) * 12 + ext.getUTCMonth() - std.getUTCMonth();
                assert.strictEqual(months, 12, r.version);
            }
        });
        it("status on a given day", () => {
            assert.strictEqual(eksVersionStatus("1.35", on("2026-11-29"))?.status, "standard");
            assert.strictEqual(eksVersionStatus("1.32", on("2026-11-29"))?.status, "extended");
            assert.strictEqual(eksVersionStatus("1.31", on("2026-11-26"))?.status, "extended");
            assert.strictEqual(eksVersionStatus("1.31", on("2026-11-27"))?.status, "ended");
            assert.strictEqual(eksVersionStatus("1.99"), undefined);
            assert.deepStrictEqual(creatableVersions(on("2026-11-29")), ["1.35", "1.34", "1.33", "1.32"]);
        });
        it("refuses versions past extended support, unknown ones, numbers and patch versions, each with a fix", () => {
            fails(() => requireEksVersion("k", "1.20", on("2026-11-29")), /support for 1\.20 ended on 2022-11-01 .*use "1\.34" or newer/);
            fails(() => requireEksVersion("k", "1.31", on("2026-11-29")), /extended support for 1\.31 ended on 2026-11-26/);
            fails(() => requireEksVersion("k", 1.3, on("2026-11-29")), /quote it: kubernetesVersion: "1\.30"/);
            fails(() => requireEksVersion("k", "1.35.2", on("2026-11-29")), /minor version only; use "1\.35"/);
            fails(() => requireEksVersion("k", "1.53", on("2026-11-29")), /not an EKS Kubernetes version.*did you mean "1\.33" or "1\.35"\?/);
        });
        it("accepts extended support and warns with the price", () => {
            assert.strictEqual(requireEksVersion("k", "1.32", on("2026-11-29")).status, "extended");
            assert.match(extendedSupportWarning("1.32", "us-west-2", on("2026-11-29"))!, /extended support until 2027-03-23 .*0\.60 USD an hour instead of 0\.10/);
            assert.strictEqual(extendedSupportWarning("1.35", "us-west-2", on("2026-11-29")), undefined);
        });
    });
});
