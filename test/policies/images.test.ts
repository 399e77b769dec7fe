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
