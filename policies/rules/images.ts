/**
 * Container images: pinned by digest. A tag (`nicolaka/netshoot:v0.13`) can be moved to other
 * content by whoever controls the repository; a digest (`image@sha256:<64 hex>`) cannot. The
 * scenario config accepts both (lib/config.ts pinnedImageSchema); this advisory rule names the
 * images that are pinned by tag only, so a team that requires digests sees each one.
 */
import { resourceRule } from "../support/rule";
import { UNKNOWN, describe, list, obj, str } from "../support/values";

/** Kubernetes workload kinds and the path from the object to its pod spec. */
export const WORKLOAD_POD_SPECS: Readonly<Record<string, readonly string[]>> = {
    "kubernetes:core/v1:Pod": ["spec"],
    "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
    "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
    "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
    "kubernetes:apps/v1:ReplicaSet": ["spec", "template", "spec"],
    "kubernetes:batch/v1:Job": ["spec", "template", "spec"],
    "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
};

/** `name@sha256:<64 hex>`, with or without a tag before the digest. */
export const DIGEST_RE = /@sha256:[a-f0-9]{64}$/;

export const imagesPinnedByDigest = resourceRule({
    name: "container-image-pinned-by-digest",
    description: "Containers of Kubernetes workloads (Pods, Deployments, DaemonSets, StatefulSets, ReplicaSets, Jobs, CronJobs) name their image by digest (image@sha256:...), not by tag only.",
    enforcementLevel: "advisory",
    severity: "low",
    why: "A tag can be re-pointed at other content by whoever controls the repository (or a compromised account); a digest names exactly one image, so what ran in review is what runs in the cluster.",
    source: "Kubernetes documentation, \"Images\" (\"Image names\": digest pins an exact version); SLSA and CIS Kubernetes guidance on immutable image references",
    remediation: "Set the image config key to name@sha256:<digest> (or name:tag@sha256:<digest>); `crane digest name:tag` or `docker buildx imagetools inspect name:tag` prints the digest.",
    types: Object.keys(WORKLOAD_POD_SPECS),
    check(r, ctx) {
        let spec: unknown = r.props;
        for (const key of WORKLOAD_POD_SPECS[r.type]) {
            const o = obj(spec);
            if (o === UNKNOWN || o === undefined) return;
            spec = o[key];
        }
        const pod = obj(spec);
        if (pod === UNKNOWN || pod === undefined) return;
        for (const field of ["initContainers", "containers"]) {
            const containers = list(pod[field] ?? []);
            if (containers === UNKNOWN) continue;
            containers.forEach((c, i) => {
                const container = obj(c);
                if (container === UNKNOWN || container === undefined) return;
                const image = str(container.image);
                if (typeof image !== "string" || DIGEST_RE.test(image)) return;
                ctx.report(`${describe(r)}: ${field}[${i}] (${JSON.stringify(str(container.name) ?? "")}) runs ${JSON.stringify(image)}, pinned by tag only: set the image to ${image.replace(/@.*$/, "")}@sha256:<digest> so the cluster runs exactly the reviewed image.`);
            });
        }
    },
});
