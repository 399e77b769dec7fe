import { strict as assert } from "assert";
import { imagesPinnedByDigest } from "../../policies/rules/images";
import { Fx, UNKNOWN, messages } from "./harness";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;
const deployment = (name: string, images: unknown[], init: unknown[] = []): Fx => ({
    type: "kubernetes:apps/v1:Deployment",
    name,
    props: { spec: { template: { spec: { initContainers: init, containers: images.map((image, i) => ({ name: `c${i}`, image })) } } } },
});

describe("policies: images", () => {
    describe("container-image-pinned-by-digest", () => {
        it("passes images pinned by digest, with or without a tag", async () => {
            assert.deepEqual(await messages(imagesPinnedByDigest, [deployment("d", [`nicolaka/netshoot@${DIGEST}`, `registry.k8s.io/e2e-test-images/agnhost:2.53@${DIGEST}`])]), []);
        });
        it("flags a tag-only image in a Deployment and in a Job's init containers, naming the container and the fix", async () => {
            const job: Fx = { type: "kubernetes:batch/v1:Job", name: "probe", props: { spec: { template: { spec: { initContainers: [{ name: "wait", image: "busybox:1.37" }], containers: [{ name: "p", image: `x@${DIGEST}` }] } } } } };
            const m = await messages(imagesPinnedByDigest, [deployment("echo", ["registry.k8s.io/e2e-test-images/agnhost:2.53"]), job]);
            assert.equal(m.length, 2, m.join("\n"));
            assert.ok(m.some((x) => /containers\[0\] \("c0"\) runs "registry\.k8s\.io\/e2e-test-images\/agnhost:2\.53", pinned by tag only: set the image to registry\.k8s\.io\/e2e-test-images\/agnhost:2\.53@sha256:<digest>/.test(x)), m.join("\n"));
            assert.ok(m.some((x) => /initContainers\[0\] \("wait"\) runs "busybox:1\.37"/.test(x)), m.join("\n"));
        });
        it("refuses a truncated digest, and waits on unknown images", async () => {
            assert.equal((await messages(imagesPinnedByDigest, [deployment("d", ["busybox@sha256:abc"])])).length, 1);
            assert.deepEqual(await messages(imagesPinnedByDigest, [deployment("d", [UNKNOWN])]), []);
        });
    });
});

describe("policies: images boundaries (mutation-testing survivors)", () => {
    const bad = { name: "app", image: "busybox:1.37" };
    it("reads the pod spec of a bare Pod, a CronJob and every other workload kind", async () => {
        const pod: Fx = { type: "kubernetes:core/v1:Pod", name: "p", props: { spec: { containers: [bad] } } };
        const cron: Fx = { type: "kubernetes:batch/v1:CronJob", name: "cj", props: { spec: { schedule: "@hourly", jobTemplate: { spec: { template: { spec: { containers: [bad] } } } } } } };
        const kinds = ["kubernetes:apps/v1:DaemonSet", "kubernetes:apps/v1:StatefulSet", "kubernetes:apps/v1:ReplicaSet"].map((type, i): Fx => ({ type, name: `w${i}`, props: { spec: { template: { spec: { containers: [bad] } } } } }));
        const m = await messages(imagesPinnedByDigest, [pod, cron, ...kinds]);
        assert.equal(m.length, 5, m.join("\n"));
        assert.ok(m.some((x) => /"p": containers\[0\] \("app"\) runs "busybox:1\.37", pinned by tag only: set the image to busybox:1\.37@sha256:<digest> so the cluster runs exactly the reviewed image\.$/.test(x)), m.join("\n"));
        assert.ok(m.some((x) => /"cj": containers\[0\]/.test(x)), m.join("\n"));
    });
    it("drops a truncated digest from the suggested fix, and names an unnamed container as \"\"", async () => {
        const m = await messages(imagesPinnedByDigest, [deployment("d", ["busybox@sha256:abc"])]);
        assert.match(m[0], /runs "busybox@sha256:abc", pinned by tag only: set the image to busybox@sha256:<digest> so/);
        const anon: Fx = { type: "kubernetes:core/v1:Pod", name: "p", props: { spec: { containers: [{ image: "busybox:1.37" }] } } };
        assert.match((await messages(imagesPinnedByDigest, [anon]))[0], /containers\[0\] \(""\) runs/);
    });
    it("waits while the spec, the template, the pod spec, the container list or a container is unknown", async () => {
        const d = (props: unknown): Fx => ({ type: "kubernetes:apps/v1:Deployment", name: "d", props: props as Record<string, unknown> });
        for (const props of [{ spec: UNKNOWN }, { spec: { template: UNKNOWN } }, { spec: { template: { spec: UNKNOWN } } }, { spec: { template: { spec: { containers: UNKNOWN } } } }, { spec: { template: { spec: { containers: [UNKNOWN, null] } } } }, { spec: { template: {} } }, {}]) {
            assert.deepEqual(await messages(imagesPinnedByDigest, [d(props)]), [], JSON.stringify(props));
        }
        const later = d({ spec: { template: { spec: { initContainers: UNKNOWN, containers: [bad] } } } });
        assert.equal((await messages(imagesPinnedByDigest, [later])).length, 1, "an unknown initContainers list does not hide the known containers");
    });
});
