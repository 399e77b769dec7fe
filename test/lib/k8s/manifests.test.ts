/**
 * lib/k8s/manifests.ts: which type tokens are Kubernetes objects, which kubernetes-models
 * definition checks each, and what `checkManifest` reports for built-in kinds and for the CRD
 * tables: unknown fields found by watching the validator's reads (at every depth, in arrays, never
 * under a value of the wrong type), Patch kinds without their required fields, unknown inputs.
 */
import * as assert from "assert";
import * as path from "path";
import * as manifests from "../../../lib/k8s/manifests";
import { checkManifest, definitionId, parseKubernetesType } from "../../../lib/k8s/manifests";
import { freshModule } from "../../helpers/freshModule";

const WHERE = "the Kubernetes 1.36 schema";
const AGAINST = `${WHERE} (kubernetes-models 5.1.0)`;
const TGB = "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding";
const CRD = "CRD targetgroupbindings.elbv2.k8s.aws v1beta1 (aws-load-balancer-controller 3.0.0)";
const CONTAINER_FIELDS =
    "args, command, env, envFrom, image, imagePullPolicy, lifecycle, livenessProbe, name, ports, readinessProbe, resizePolicy, resources, restartPolicy, restartPolicyRules, securityContext, startupProbe, stdin, stdinOnce, terminationMessagePath, terminationMessagePolicy, tty, volumeDevices, volumeMounts, workingDir";
const OBJECT_META_FIELDS =
    "annotations, creationTimestamp, deletionGracePeriodSeconds, deletionTimestamp, finalizers, generateName, generation, labels, managedFields, name, namespace, ownerReferences, resourceVersion, selfLink, uid";

describe("lib/k8s/manifests: type tokens and definitions", () => {
    it("parses kubernetes:<group>/<version>:<Kind>, a ...Patch kind as its kind with patch set", () => {
        assert.deepStrictEqual(parseKubernetesType("kubernetes:batch/v1:Job"), { group: "batch", version: "v1", kind: "Job", patch: false });
        assert.deepStrictEqual(parseKubernetesType("kubernetes:apps/v1:DeploymentPatch"), { group: "apps", version: "v1", kind: "Deployment", patch: true });
        // A kind named Patch is not a patch of nothing.
        assert.deepStrictEqual(parseKubernetesType("kubernetes:example.com/v1:Patch"), { group: "example.com", version: "v1", kind: "Patch", patch: false });
    });

    it("is undefined for tokens that are not Kubernetes objects", () => {
        for (const token of [
            "kubernetes:helm.sh/v3:Release",
            "kubernetes:helm.sh/v4:Chart",
            "kubernetes:yaml/v2:ConfigGroup",
            "kubernetes:yaml:ConfigFile",
            "kubernetes:kustomize/v2:Directory",
            "aws:ec2/vpc:Vpc",
            "xkubernetes:batch/v1:Job",
            "kubernetes:batch/v1:Job-x",
            "kubernetes:batch/v1:Job:x",
            "kubernetes:batch/v1",
            "",
        ]) {
            assert.strictEqual(parseKubernetesType(token), undefined, token);
        }
    });

    it("names the kubernetes-models definition of each built-in group, none for custom groups", () => {
        const id = (token: string) => definitionId(parseKubernetesType(token)!);
        assert.strictEqual(id("kubernetes:core/v1:Service"), "IoK8sApiCoreV1Service");
        assert.strictEqual(id("kubernetes:policy/v1:PodDisruptionBudget"), "IoK8sApiPolicyV1PodDisruptionBudget");
        assert.strictEqual(id("kubernetes:storage.k8s.io/v1:StorageClass"), "IoK8sApiStorageV1StorageClass");
        assert.strictEqual(id("kubernetes:autoscaling/v2:HorizontalPodAutoscaler"), "IoK8sApiAutoscalingV2HorizontalPodAutoscaler");
        assert.strictEqual(id("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition"), "IoK8sApiextensionsApiserverPkgApisApiextensionsV1CustomResourceDefinition");
        assert.strictEqual(id("kubernetes:apiregistration.k8s.io/v1:APIService"), "IoK8sKubeAggregatorPkgApisApiregistrationV1APIService");
        assert.strictEqual(id("kubernetes:example.com/v1:Widget"), undefined);
        assert.strictEqual(id("kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding"), undefined);
    });
});

describe("lib/k8s/manifests: built-in kinds", () => {
    it("not an object type, or inputs unknown until deploy: not checked, and says why", async () => {
        assert.deepStrictEqual(await checkManifest("kubernetes:helm.sh/v3:Release", { chart: "x" }), { checked: false, against: "not a Kubernetes object type", findings: [] });
        for (const unknown of ["[unknown]", "04da6b54-80e4-46f7-96ec-b56ff0331ba9"]) {
            assert.deepStrictEqual(await checkManifest("kubernetes:core/v1:ConfigMap", unknown), { checked: false, against: "inputs unknown until deploy", findings: [] });
        }
    });

    it("a kind the package has no validator for: not checked, with the reason", async () => {
        assert.deepStrictEqual(await checkManifest("kubernetes:apps/v1:Widget", { spec: { x: 1 } }), {
            checked: false,
            against: "no schema for apps/v1 Widget (not a built-in kind of Kubernetes 1.36, and no CRD table in lib/k8s/crds/)",
            findings: [],
        });
    });

    it("a valid object passes, null fields included; what it was checked against is named", async () => {
        assert.deepStrictEqual(await checkManifest("kubernetes:core/v1:ConfigMap", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: null, immutable: null }), {
            checked: true,
            against: AGAINST,
            findings: [],
        });
        const apiService = await checkManifest("kubernetes:apiregistration.k8s.io/v1:APIService", { apiVersion: "apiregistration.k8s.io/v1", kind: "APIService", spec: { groupPriorityMinimum: 1, versionPriority: 1 } });
        assert.deepStrictEqual(apiService, { checked: true, against: AGAINST, findings: [] });
    });

    it("an unknown top-level field: its value, a suggestion and the fields the kind has", async () => {
        assert.deepStrictEqual((await checkManifest("kubernetes:core/v1:ConfigMap", { apiVersion: "v1", kind: "ConfigMap", dataa: { x: "y" } })).findings, [
            {
                check: "schema",
                path: "dataa",
                value: { x: "y" },
                message: `dataa: unknown field (value {"x":"y"}); did you mean data? ${WHERE} allows apiVersion, binaryData, data, immutable, kind, metadata`,
            },
        ]);
    });

    it("unknown fields inside list items, each under its index, beside the type errors", async () => {
        const r = await checkManifest("kubernetes:apps/v1:Deployment", {
            apiVersion: "apps/v1",
            kind: "Deployment",
            spec: { selector: {}, template: { spec: { containers: [{ name: 1, image: "x", imagePullPolicyy: "Always" }, { name: "b", foo: 2 }] } } },
        });
        assert.deepStrictEqual(r.findings, [
            { check: "schema", path: "spec.template.spec.containers[0].name", value: 1, message: `spec.template.spec.containers[0].name: 1 is an integer; ${WHERE} allows a string` },
            {
                check: "schema",
                path: "spec.template.spec.containers[0].imagePullPolicyy",
                value: "Always",
                message: `spec.template.spec.containers[0].imagePullPolicyy: unknown field (value "Always"); did you mean imagePullPolicy? ${WHERE} allows ${CONTAINER_FIELDS}`,
            },
            { check: "schema", path: "spec.template.spec.containers[1].foo", value: 2, message: `spec.template.spec.containers[1].foo: unknown field (value 2); ${WHERE} allows ${CONTAINER_FIELDS}` },
        ]);
    });

    it("under a value of the wrong type nothing is walked: the type error only", async () => {
        const r = await checkManifest("kubernetes:apps/v1:Deployment", { apiVersion: "apps/v1", kind: "Deployment", spec: { replicas: { a: 1 }, selector: {}, template: [{ foo: 1 }] } });
        assert.deepStrictEqual(r.findings, [
            { check: "schema", path: "spec.replicas", value: { a: 1 }, message: `spec.replicas: {"a":1} is an object; ${WHERE} allows an integer` },
            { check: "schema", path: "spec.template", value: [{ foo: 1 }], message: `spec.template: [{"foo":1}] is an array; ${WHERE} allows an object` },
        ]);
    });

    it("a Patch kind drops only the missing-field findings", async () => {
        const patch = await checkManifest("kubernetes:apps/v1:DeploymentPatch", { spec: { replicas: "2", paused: true, pausd: true } });
        assert.strictEqual(patch.checked, true);
        assert.strictEqual(patch.against, AGAINST);
        assert.deepStrictEqual(
            patch.findings.map((f) => f.message),
            [`spec.replicas: "2" is a string; ${WHERE} allows an integer`, `spec.pausd: unknown field (value true); did you mean paused? ${WHERE} allows minReadySeconds, paused, progressDeadlineSeconds, replicas, revisionHistoryLimit, selector, strategy, template`],
        );
        const full = await checkManifest("kubernetes:apps/v1:Deployment", { spec: { replicas: 2 } });
        assert.deepStrictEqual(full.findings.map((f) => f.message), [`apiVersion: missing; ${WHERE} requires it`, `kind: missing; ${WHERE} requires it`, `spec.selector: missing; ${WHERE} requires it`, `spec.template: missing; ${WHERE} requires it`]);
    });

    it("loads the package's validators on first use (a fresh instance of the module)", async () => {
        const fresh = freshModule<typeof manifests>(path.join(__dirname, "../../../lib/k8s/manifests.ts"));
        assert.notStrictEqual(fresh.checkManifest, checkManifest);
        const ok = await fresh.checkManifest("kubernetes:core/v1:Namespace", { apiVersion: "v1", kind: "Namespace", metadata: { name: "n" } });
        assert.deepStrictEqual(ok, { checked: true, against: AGAINST, findings: [] });
        const again = await fresh.checkManifest("kubernetes:core/v1:Namespace", { apiVersion: "v1", kind: "Namespace", metadata: { nam: "n" } });
        assert.deepStrictEqual(again.findings.map((f) => f.path), ["metadata.nam"]);
        const tgb = await fresh.checkManifest(TGB, { metadata: { name: "x", labels: 1 }, spec: { serviceRef: { name: "s", port: 80 } } });
        assert.strictEqual(tgb.against, CRD);
        assert.deepStrictEqual(tgb.findings.map((f) => f.message), [`metadata.labels: 1 is an integer; ${WHERE} allows an object`]);
        assert.deepStrictEqual(fresh.CRD_TABLES[TGB.slice("kubernetes:".length)].source, CRD);
        assert.strictEqual((await fresh.checkManifest("kubernetes:apps/v1:Widget", {})).checked, false);
    });

    it("looks a kind's validator up once and keeps it", async () => {
        const fresh = freshModule<typeof manifests>(path.join(__dirname, "../../../lib/k8s/manifests.ts"));
        const fs: typeof import("fs") = require("fs");
        const existsSync = fs.existsSync;
        const looked: string[] = [];
        fs.existsSync = ((p: string) => {
            looked.push(path.basename(String(p)));
            return existsSync(p);
        }) as typeof fs.existsSync;
        try {
            const job = { apiVersion: "batch/v1", kind: "Job", spec: { template: { spec: { containers: [{ name: "c" }] } } } };
            assert.deepStrictEqual((await fresh.checkManifest("kubernetes:batch/v1:Job", job)).findings, []);
            assert.deepStrictEqual((await fresh.checkManifest("kubernetes:batch/v1:Job", job)).findings, []);
            assert.deepStrictEqual((await fresh.checkManifest("kubernetes:batch/v1:JobPatch", { spec: { parallelism: 1 } })).findings, []);
        } finally {
            fs.existsSync = existsSync;
        }
        assert.deepStrictEqual(looked.filter((f) => f.endsWith(".js")), ["IoK8sApiBatchV1Job.js"]);
    });
});

describe("lib/k8s/manifests: custom resources (TargetGroupBinding)", () => {
    const spec = { serviceRef: { name: "svc", port: 80 }, targetGroupARN: "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/t/1", targetType: "ip" };

    it("a valid binding passes against the CRD table", async () => {
        assert.deepStrictEqual(await checkManifest(TGB, { apiVersion: "elbv2.k8s.aws/v1beta1", kind: "TargetGroupBinding", metadata: { name: "b", labels: { a: "b" } }, spec }), {
            checked: true,
            against: CRD,
            findings: [],
        });
    });

    it("spec against the CRD, metadata against ObjectMeta (type errors and unknown fields)", async () => {
        const r = await checkManifest(TGB, { apiVersion: "elbv2.k8s.aws/v1beta1", kind: "TargetGroupBinding", metadata: { name: "x", labels: "bad", foo: 1 }, spec: { ...spec, targetTypee: "ip" } });
        assert.deepStrictEqual(r.findings, [
            {
                check: "crd",
                path: "spec.targetTypee",
                value: "ip",
                message: `spec.targetTypee: unknown field (value "ip"); did you mean targetType? the ${CRD} allows assumeRoleExternalId, iamRoleArnToAssume, ipAddressType, multiClusterTargetGroup, networking, nodeSelector, serviceRef, targetGroupARN, targetGroupName, targetGroupProtocol, targetType, vpcID`,
            },
            { check: "schema", path: "metadata.labels", value: "bad", message: `metadata.labels: "bad" is a string; ${WHERE} allows an object` },
            { check: "schema", path: "metadata.foo", value: 1, message: `metadata.foo: unknown field (value 1); ${WHERE} allows ${OBJECT_META_FIELDS}` },
        ]);
    });

    it("metadata that is absent, null, not an object or unknown is left to the CRD table", async () => {
        assert.deepStrictEqual((await checkManifest(TGB, { spec })).findings, []);
        assert.deepStrictEqual((await checkManifest(TGB, { metadata: "[unknown]", spec })).findings, []);
        for (const metadata of [null, "x"]) {
            assert.deepStrictEqual((await checkManifest(TGB, { metadata, spec })).findings, [
                { check: "crd", path: "metadata", value: metadata, message: `metadata: ${JSON.stringify(metadata)} is ${metadata === null ? "null" : "a string"}; the ${CRD} allows an object` },
            ]);
        }
        assert.deepStrictEqual(await checkManifest(TGB, { metadata: [{ a: 1 }], spec: {} }), {
            checked: true,
            against: CRD,
            findings: [
                { check: "crd", path: "metadata", value: [{ a: 1 }], message: `metadata: [{"a":1}] is an array; the ${CRD} allows an object` },
                { check: "crd", path: "spec.serviceRef", value: undefined, message: `spec.serviceRef: missing; the ${CRD} requires it` },
            ],
        });
    });

    it("an object that is not an object at all: one finding from the CRD table", async () => {
        for (const object of [null, 5]) {
            assert.deepStrictEqual(await checkManifest(TGB, object), {
                checked: true,
                against: CRD,
                findings: [{ check: "crd", path: "(the object)", value: object, message: `(the object): ${JSON.stringify(object)} is ${object === null ? "null" : "an integer"}; the ${CRD} allows an object` }],
            });
        }
    });

    it("a TargetGroupBindingPatch drops the missing-field findings only", async () => {
        const r = await checkManifest(`${TGB}Patch`, { metadata: { name: 1 }, spec: { targetType: "x" } });
        assert.strictEqual(r.against, CRD);
        assert.deepStrictEqual(r.findings.map((f) => f.message), [
            `spec.targetType: "x" is not allowed; the ${CRD} allows "instance", "ip"`,
            `metadata.name: 1 is an integer; ${WHERE} allows a string`,
        ]);
    });
});
