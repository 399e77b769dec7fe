/**
 * lib/aws/eksVersions.ts at its edges (issue 20, mutation survivors): the last day of standard
 * support and the day after, values that are not text or carry spaces, patch versions and near
 * misses, the fix for an ended version with and without a version in standard support, and the
 * extended-support warning. Every date is fixed (`now`), so the tests do not age.
 */
import * as assert from "assert";
import { creatableVersions, eksVersionStatus, extendedSupportWarning, requireEksVersion } from "../../../lib/aws/eksVersions";
import { ConfigError } from "../../../lib/errors";

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
function fixOf(value: unknown, now: Date): string {
    try {
        requireEksVersion("cluster.kubernetesVersion", value, now);
    } catch (e) {
        assert.ok(e instanceof ConfigError, String(e));
        assert.strictEqual(e.key, "cluster.kubernetesVersion");
        assert.deepStrictEqual(e.value, value);
        return e.fix;
    }
    return assert.fail("expected a ConfigError");
}
const NOW = at("2026-11-29");

describe("lib/aws/eksVersions edges", () => {
    it("the last day of standard support is still standard; the next day is extended", () => {
        assert.strictEqual(eksVersionStatus("1.35", at("2027-03-27"))!.status, "standard");
        assert.deepStrictEqual(eksVersionStatus("1.35", at("2027-03-28"))!.status, "extended");
        assert.strictEqual(eksVersionStatus("1.35", at("2027-03-28"))!.until, "2028-03-27");
    });
    it("a value that is neither text nor a number, or has spaces around it", () => {
        assert.strictEqual(fixOf(null, NOW), 'use a Kubernetes minor version in quotes, for example "1.35"');
        assert.strictEqual(fixOf(" 1.35", NOW), 'the value has leading or trailing spaces; remove them: "1.35"');
        assert.strictEqual(fixOf("1.35 ", NOW), 'the value has leading or trailing spaces; remove them: "1.35"');
    });
    it("a patch version or a v prefix asks for the minor version", () => {
        assert.strictEqual(fixOf("1.35.2", NOW), 'EKS takes the minor version only; use "1.35"');
        assert.strictEqual(fixOf("1.35.10", NOW), 'EKS takes the minor version only; use "1.35"');
        assert.strictEqual(fixOf("v1.34", NOW), 'EKS takes the minor version only; use "1.34"');
    });
    it("text around a version, or no version at all, is not a version; the fix lists every creatable one", () => {
        const list = creatableVersions(NOW).map((v) => `"${v}"`).join(", ");
        const fix = `not an EKS Kubernetes version in lib/aws/eksVersions.ts (newest known 1.35); use one of ${list}; if EKS has released a newer one, add its row with its dates (aws eks describe-cluster-versions)`;
        assert.strictEqual(fixOf("latest", NOW), fix);
        assert.strictEqual(fixOf("1.35.2x", NOW), fix);
        assert.strictEqual(fixOf("x1.35.2", NOW), fix);
        assert.deepStrictEqual(creatableVersions(NOW), ["1.35", "1.34", "1.33", "1.32"]);
    });
    it("an ended version: the oldest in standard support is the fix; with none left, the newest known", () => {
        assert.strictEqual(fixOf("1.28", NOW), 'EKS extended support for 1.28 ended on 2025-11-26 and EKS no longer creates clusters on it (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (release calendar)); use "1.34" or newer (standard support)');
        assert.match(fixOf("1.21", NOW), /^EKS standard support for 1\.21 ended on 2023-02-16 /);
        assert.match(fixOf("1.35", at("2030-01-01")), /; use "1\.35"$/);
    });
    it("extended support warns with both prices; standard support and unknown versions do not", () => {
        assert.match(extendedSupportWarning("1.32", "us-west-2", NOW)!, /^Kubernetes 1\.32 is in EKS extended support until 2027-03-23 \(standard support ended 2026-03-23\): the cluster costs \d+\.\d\d USD an hour instead of \d+\.\d\d /);
        assert.strictEqual(extendedSupportWarning("1.35", "us-west-2", NOW), undefined);
        assert.strictEqual(extendedSupportWarning("9.99", "us-west-2", NOW), undefined);
    });
});
