import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { EXTERNAL_DNS_CHART } from "../../lib/externalDns";
import { LBC_CHART, LBC_DEFAULT_CHART_VERSION } from "../../lib/loadBalancerController";
import { chartName, chartValuesTable } from "../../lib/k8s/charts";
import { didYouMean, formatPath, isUnknownValue } from "../../lib/k8s/findings";
import { KUBERNETES_SCHEMA, checkManifest, definitionId, parseKubernetesType } from "../../lib/k8s/manifests";
import { checkPodSecurity, parsePolicyVersion, restrictedNamespaceLabels } from "../../lib/k8s/podSecurity";

describe("lib/k8s: paths, suggestions, unknowns", () => {
    it("formats field paths as users write them", () => {
        assert.strictEqual(formatPath(["spec", "containers", "0", "name"]), "spec.containers[0].name");
        assert.strictEqual(formatPath(["metadata", "labels", "app.kubernetes.io/name"]), 'metadata.labels["app.kubernetes.io/name"]');
        assert.strictEqual(formatPath([]), "(the object)");
    });

    it("suggests a close name only", () => {
        assert.strictEqual(didYouMean("imagePullPolicyy", ["image", "imagePullPolicy"]), "imagePullPolicy");
        assert.strictEqual(didYouMean("targetGroupArn", ["targetGroupARN", "targetType"]), "targetGroupARN");
        assert.strictEqual(didYouMean("foo", ["replicas", "selector"]), undefined);
    });

    it("knows the offline markers and the engine's sentinels as unknown", () => {
        for (const v of ["[unknown]", "[output]", "[secret]", "04da6b54-80e4-46f7-96ec-b56ff0331ba9"]) assert.ok(isUnknownValue(v), v);
        assert.ok(!isUnknownValue("unknown"));
    });
});

describe("lib/k8s: kinds and schemas", () => {
    it("maps Pulumi type tokens to kubernetes-models definitions", () => {
        const id = (token: string) => {
            const t = parseKubernetesType(token);
            return t && definitionId(t);
        };
        assert.strictEqual(id("kubernetes:batch/v1:Job"), "IoK8sApiBatchV1Job");
        assert.strictEqual(id("kubernetes:core/v1:Namespace"), "IoK8sApiCoreV1Namespace");
        assert.strictEqual(id("kubernetes:networking.k8s.io/v1:Ingress"), "IoK8sApiNetworkingV1Ingress");
        assert.strictEqual(id("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"), "IoK8sApiRbacV1ClusterRole");
        assert.strictEqual(id("kubernetes:apps/v1:DeploymentPatch"), "IoK8sApiAppsV1Deployment");
        assert.strictEqual(id("kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding"), undefined);
        assert.strictEqual(parseKubernetesType("kubernetes:helm.sh/v3:Release"), undefined);
    });

    it("the installed kubernetes-models is the version the messages name", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "../../node_modules/kubernetes-models/package.json"), "utf8"));
        assert.strictEqual(pkg.version, KUBERNETES_SCHEMA.version);
    });

    it("a Patch kind is checked without required fields; a kind without a schema is reported as not checked", async () => {
        const patch = await checkManifest("kubernetes:apps/v1:DeploymentPatch", { apiVersion: "apps/v1", kind: "Deployment", spec: { replicas: 2 } });
        assert.deepStrictEqual(patch.findings, []);
        const full = await checkManifest("kubernetes:apps/v1:Deployment", { apiVersion: "apps/v1", kind: "Deployment", spec: { replicas: 2 } });
        assert.deepStrictEqual(full.findings.map((f) => f.path).sort(), ["spec.selector", "spec.template"]);
        const crd = await checkManifest("kubernetes:example.com/v1:Widget", { spec: {} });
        assert.strictEqual(crd.checked, false);
        assert.match(crd.against, /no schema for example\.com\/v1 Widget/);
    });

    it("maps (labels, annotations) take any key; free-form values are not walked", async () => {
        const r = await checkManifest("kubernetes:core/v1:ConfigMap", { apiVersion: "v1", kind: "ConfigMap", metadata: { labels: { "any/key": "v" }, annotations: { x: "y" } }, data: { anything: "goes" } });
        assert.deepStrictEqual(r.findings, []);
    });
});

describe("lib/k8s: chart tables", () => {
    it("the pinned charts have value tables", () => {
        assert.strictEqual(chartValuesTable(LBC_CHART, LBC_DEFAULT_CHART_VERSION)?.version, "3.0.0");
        assert.strictEqual(chartValuesTable(EXTERNAL_DNS_CHART.name, EXTERNAL_DNS_CHART.version)?.basis, "values.schema.json");
        assert.strictEqual(chartValuesTable("external-dns", "1.20.0"), undefined);
    });

    it("reads the chart name from repo/name and OCI references", () => {
        assert.strictEqual(chartName("eks/aws-load-balancer-controller"), "aws-load-balancer-controller");
        assert.strictEqual(chartName("oci://registry.example/charts/external-dns"), "external-dns");
    });
});

describe("lib/k8s: Pod Security", () => {
    it("labels a restricted namespace at the cluster's version, warns and audits at latest", () => {
        assert.deepStrictEqual(restrictedNamespaceLabels("1.35"), {
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/enforce-version": "v1.35",
            "pod-security.kubernetes.io/warn": "restricted",
            "pod-security.kubernetes.io/warn-version": "latest",
            "pod-security.kubernetes.io/audit": "restricted",
            "pod-security.kubernetes.io/audit-version": "latest",
        });
        assert.strictEqual(restrictedNamespaceLabels(undefined)["pod-security.kubernetes.io/enforce-version"], "latest");
        assert.strictEqual(parsePolicyVersion("v1.35"), 35);
        assert.strictEqual(parsePolicyVersion("1.35"), undefined);
    });

    const good = () => ({
        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
        containers: [{ name: "c", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } } }],
        volumes: [{ name: "v", configMap: { name: "x" } }],
    });
    const controls = (spec: any, level: "baseline" | "restricted" = "restricted") =>
        checkPodSecurity(spec, level).map((f) => `${f.path}: ${/\(([^)]+)\)/.exec(f.message)?.[1]}`);

    it("passes a restricted pod (NET_BIND_SERVICE may be added)", () => {
        assert.deepStrictEqual(controls(good()), []);
    });

    it("container-level seccomp and runAsNonRoot satisfy restricted without the pod-level ones", () => {
        const spec: any = good();
        spec.securityContext = {};
        spec.containers[0].securityContext.runAsNonRoot = true;
        spec.containers[0].securityContext.seccompProfile = { type: "Localhost", localhostProfile: "p.json" };
        assert.deepStrictEqual(controls(spec), []);
    });

    it("flags each baseline control", () => {
        const spec: any = good();
        spec.hostIPC = true;
        spec.securityContext.sysctls = [{ name: "kernel.msgmax", value: "1" }];
        spec.containers[0].securityContext.privileged = true;
        spec.containers[0].securityContext.procMount = "Unmasked";
        spec.containers[0].ports = [{ containerPort: 80, hostPort: 80 }];
        spec.containers[0].securityContext.seLinuxOptions = { type: "spc_t" };
        assert.deepStrictEqual(controls(spec, "baseline").sort(), [
            "containers[0].ports[0].hostPort: Host Ports",
            "containers[0].securityContext.privileged: Privileged Containers",
            "containers[0].securityContext.procMount: /proc Mount Type",
            "containers[0].securityContext.seLinuxOptions.type: SELinux",
            "hostIPC: Host Namespaces",
            "securityContext.sysctls[0].name: Sysctls",
        ]);
    });

    it("restricted: only the listed volume types, and unknown values are skipped", () => {
        const spec: any = good();
        spec.volumes.push({ name: "n", nfs: { server: "x", path: "/" } });
        assert.deepStrictEqual(controls(spec), ["volumes[1].nfs: Volume Types"]);
        const unknown: any = good();
        unknown.containers[0].securityContext.allowPrivilegeEscalation = "[unknown]";
        unknown.containers[0].securityContext.capabilities.drop = "[output]";
        assert.deepStrictEqual(controls(unknown), []);
    });
});
