/**
 * The Kubernetes plan section on the stacks' recorded graphs: every stack passes, and each kind of
 * mistake (an unknown field, a wrong type, a missing required field, a TargetGroupBinding field the
 * CRD lacks, a Helm value the chart does not define, a pod that breaks Pod Security) fails the
 * plan with a message naming the resource, the field, the value and what is allowed.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkGraph, main } from "../../engine/cli";
import { checkKubernetes, type KubernetesReport } from "../../engine/checks/kubernetes";
import type { Graph, GraphResource } from "../../engine/graph";
import { planSections } from "../../engine/sections";
import { listStacks } from "../../engine/stackConfig";
import { PSA_LABEL } from "../../lib/k8s/podSecurity";
import { cloneGraph, graphOf } from "../helpers/graphs";

const one = (g: Graph, type: string, name: string): GraphResource => {
    const found = g.resources.filter((r) => r.type === type && r.name === name);
    assert.strictEqual(found.length, 1, `${type} ${name}`);
    return found[0];
};
const JOB = "kubernetes:batch/v1:Job";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const TGB = "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding";
const RELEASE = "kubernetes:helm.sh/v3:Release";

/** A copy of a stack's graph with `edit` applied to one resource's inputs. */
async function edited(stack: string, type: string, name: string, edit: (inputs: any) => void): Promise<Graph> {
    const g = cloneGraph(await graphOf(stack));
    edit(one(g, type, name).inputs);
    return g;
}

const messages = (report: KubernetesReport) => report.violations.map((v) => `${v.type} "${v.name}" [${v.check}] ${v.message}`);

/**
 * Asserts the Kubernetes section fails with exactly one violation matching `expected` and prints it.
 * `wholePlan` also runs every section (policies, flows...) as `plan` does: slower, so only once.
 */
async function failsWith(g: Graph, expected: RegExp, wholePlan = false): Promise<string> {
    const report = await checkKubernetes(g);
    assert.strictEqual(report.violations.length, 1, messages(report).join("\n"));
    const text = messages(report)[0];
    assert.match(text, expected);
    const section = planSections().find((s) => s.key === "kubernetes");
    assert.ok(section, "the kubernetes section is registered");
    const result = await section.run(g);
    assert.strictEqual(result.ok, false);
    assert.ok(result.lines.some((l) => l.includes(report.violations[0].message)), result.lines.join("\n"));
    if (wholePlan) {
        const plan = await checkGraph(g);
        assert.strictEqual(plan.ok, false);
        assert.ok(plan.lines.some((l) => l.startsWith("FAIL Kubernetes")), plan.lines.join("\n"));
    }
    return text;
}

describe("Kubernetes section: every stack passes", () => {
    for (const stack of listStacks()) {
        it(`${stack}: every Kubernetes object and Helm release checked, no violation`, async () => {
            const g = await graphOf(stack);
            const report = await checkKubernetes(g);
            assert.deepStrictEqual(messages(report), []);
            assert.deepStrictEqual(report.notChecked, []);
            const kube = g.resources.filter((r) => r.type.startsWith("kubernetes:") && r.custom);
            assert.deepStrictEqual(report.checked.map((c) => c.urn).sort(), kube.map((r) => r.urn).sort());
            assert.deepStrictEqual(report.clusterVersions, ["1.35"]);
        });
    }

    it("the probe and echo pods are checked against restricted at the cluster's version, in namespaces that enforce it", async () => {
        const g = await graphOf("ipv4-pod-to-ipv6-pod");
        const report = await checkKubernetes(g);
        assert.deepStrictEqual(
            report.podSecurity.map((p) => `${p.name} ${p.namespace} ${p.level} ${p.version}`).sort(),
            ["echo echo restricted v1.35", "probe interop-probes restricted v1.35"],
        );
        for (const ns of ["probe-ns", "echo-ns"]) {
            const labels = one(g, NAMESPACE, ns).inputs.metadata.labels;
            assert.strictEqual(labels[PSA_LABEL.enforce], "restricted");
            assert.strictEqual(labels[PSA_LABEL.enforceVersion], "v1.35");
            assert.strictEqual(labels[PSA_LABEL.warnVersion], "latest");
        }
    });
});

describe("Kubernetes section: the Job", () => {
    it("an unknown field fails with the path, the value and a suggestion", async () => {
        const g = await edited("peering-ipv4-egress", JOB, "probe", (i) => {
            i.spec.template.spec.containers[0].imagePullPolicyy = "Always";
        });
        const text = await failsWith(g, /^kubernetes:batch\/v1:Job "probe" \[schema\] spec\.template\.spec\.containers\[0\]\.imagePullPolicyy: unknown field \(value "Always"\); did you mean imagePullPolicy\?/, true);
        assert.match(text, /the Kubernetes 1\.36 schema allows .*image, imagePullPolicy/);
    });

    it("a wrong type fails with the value, its type and the type the schema allows", async () => {
        const g = await edited("peering-ipv4-egress", JOB, "probe", (i) => {
            i.spec.backoffLimit = "0";
        });
        await failsWith(g, /Job "probe" \[schema\] spec\.backoffLimit: "0" is a string; the Kubernetes 1\.36 schema allows an integer$/);
    });

    it("a missing required field fails with its path", async () => {
        const g = await edited("peering-ipv4-egress", JOB, "probe", (i) => {
            delete i.spec.template.spec.containers[0].name;
        });
        await failsWith(g, /Job "probe" \[schema\] spec\.template\.spec\.containers\[0\]\.name: missing; the Kubernetes 1\.36 schema requires it$/);
    });

    it("a value outside an enum fails with the allowed values", async () => {
        const g = await edited("peering-ipv4-egress", JOB, "probe", (i) => {
            i.spec.template.spec.restartPolicy = "Sometimes";
        });
        await failsWith(g, /spec\.template\.spec\.restartPolicy: "Sometimes" is not allowed; the Kubernetes 1\.36 schema allows "Always", "Never", "OnFailure"/);
    });

    it("unknown values (a preview's) are skipped, not flagged", async () => {
        const g = await edited("peering-ipv4-egress", JOB, "probe", (i) => {
            i.spec.backoffLimit = "[unknown]";
            i.spec.template.spec.containers[0].image = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
            i.spec.template.spec.volumes[0].configMap = "[output]";
        });
        assert.deepStrictEqual(messages(await checkKubernetes(g)), []);
    });

    it("a first preview's graph (every input that depends on another resource unknown) passes, the unknown parts skipped", async () => {
        const g = cloneGraph(await graphOf("ipv4-pod-to-ipv6-pod"));
        for (const r of g.resources) {
            if (!r.type.startsWith("kubernetes:")) continue;
            for (const key of Object.keys(r.propertyDependencies ?? {})) if (key in r.inputs) r.inputs[key] = "[unknown]";
        }
        one(g, JOB, "probe").inputs.spec = { template: { spec: { containers: "[unknown]", restartPolicy: "Nevr" } } };
        const report = await checkKubernetes(g);
        assert.deepStrictEqual(messages(report), [
            'kubernetes:batch/v1:Job "probe" [schema] spec.template.spec.restartPolicy: "Nevr" is not allowed; the Kubernetes 1.36 schema allows "Always", "Never", "OnFailure"',
        ]);
        assert.deepStrictEqual(report.notChecked.map((n) => `${n.name}: ${n.reason}`), ["external-dns: values unknown until deploy"]);
    });

    it("fails `plan --graph` on a saved graph the same way", async () => {
        const g = await edited("peering-ipv4-egress", JOB, "probe", (i) => {
            i.spec.template.spec.containers[0].imagePullPolicyy = "Always";
        });
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "k8s-")), "graph.json");
        fs.writeFileSync(file, JSON.stringify(g));
        const out: string[] = [];
        const log = console.log;
        console.log = (...a: unknown[]) => out.push(a.join(" "));
        let code: number;
        try {
            code = await main(["--graph", file]);
        } finally {
            console.log = log;
        }
        assert.strictEqual(code, 1);
        assert.match(out.join("\n"), /FAIL Kubernetes[\s\S]*kubernetes:batch\/v1:Job "probe"\n\s+\[schema\] spec\.template\.spec\.containers\[0\]\.imagePullPolicyy: unknown field/);
    });
});

describe("Kubernetes section: an unknown field in each kind", () => {
    const cases: [string, string, string, (i: any) => void, RegExp][] = [
        ["peering-ipv4-egress", NAMESPACE, "probe-ns", (i) => (i.metadata.label = { a: "b" }), /Namespace "probe-ns" \[schema\] metadata\.label: unknown field \(value \{"a":"b"\}\); did you mean labels\?/],
        ["peering-ipv4-egress", "kubernetes:core/v1:ConfigMap", "probe-script", (i) => (i.datas = {}), /ConfigMap "probe-script" \[schema\] datas: unknown field \(value \{\}\); did you mean data\?/],
        ["privatelink-interop", DEPLOYMENT, "echo", (i) => (i.spec.replica = 3), /Deployment "echo" \[schema\] spec\.replica: unknown field \(value 3\); did you mean replicas\?/],
        ["privatelink-interop", "kubernetes:core/v1:Service", "echo", (i) => (i.spec.ports[0].targetport = 8080), /Service "echo" \[schema\] spec\.ports\[0\]\.targetport: unknown field \(value 8080\); did you mean targetPort\?/],
    ];
    for (const [stack, type, name, edit, expected] of cases) {
        it(`${type.split(":").pop()} ${name}`, async () => failsWith(await edited(stack, type, name, edit), expected));
    }
});

describe("Kubernetes section: the TargetGroupBinding against its CRD (chart 3.0.0)", () => {
    it("a field the CRD lacks fails, naming the CRD and the close field", async () => {
        const g = await edited("privatelink-interop", TGB, "echo-targets", (i) => {
            i.spec.targetGroupArn = i.spec.targetGroupARN;
            delete i.spec.targetGroupARN;
        });
        await failsWith(g, /TargetGroupBinding "echo-targets" \[crd\] spec\.targetGroupArn: unknown field \(value "arn:aws:elasticloadbalancing:[^)]+\); did you mean targetGroupARN\? the CRD targetgroupbindings\.elbv2\.k8s\.aws v1beta1 \(aws-load-balancer-controller 3\.0\.0\) allows /);
    });

    it("its metadata is checked as the API server's ObjectMeta (the CRD declares only an object)", async () => {
        const g = await edited("privatelink-interop", TGB, "echo-targets", (i) => {
            i.metadata.namespce = "echo";
        });
        await failsWith(g, /TargetGroupBinding "echo-targets" \[schema\] metadata\.namespce: unknown field \(value "echo"\); did you mean namespace\?/);
    });

    it("an enum value and a missing required field fail", async () => {
        const g = await edited("privatelink-interop", TGB, "echo-targets", (i) => {
            i.spec.ipAddressType = "dualstack";
            delete i.spec.serviceRef.port;
        });
        const report = await checkKubernetes(g);
        assert.deepStrictEqual(messages(report).map((m) => m.replace(/^.*\[crd\] /, "")).sort(), [
            'spec.ipAddressType: "dualstack" is not allowed; the CRD targetgroupbindings.elbv2.k8s.aws v1beta1 (aws-load-balancer-controller 3.0.0) allows "ipv4", "ipv6"',
            "spec.serviceRef.port: missing; the CRD targetgroupbindings.elbv2.k8s.aws v1beta1 (aws-load-balancer-controller 3.0.0) requires it",
        ]);
    });
});

describe("Kubernetes section: Helm values", () => {
    it("a value the aws-load-balancer-controller chart does not define fails with a suggestion", async () => {
        const g = await edited("privatelink-interop", RELEASE, "lb-controller", (i) => {
            i.values.replicaCont = 3;
        });
        await failsWith(g, /Release "lb-controller" \[helm-values\] values\.replicaCont: unknown field \(value 3\); did you mean replicaCount\? the aws-load-balancer-controller 3\.0\.0 chart \(values\.yaml keys and template references\) allows /);
    });

    it("a feature gate controller v3.0.0 does not define fails (the controller would not start)", async () => {
        const g = await edited("privatelink-interop", RELEASE, "lb-controller", (i) => {
            i.values.controllerConfig.featureGates = { EnableServiceControler: false };
        });
        await failsWith(g, /values\.controllerConfig\.featureGates\.EnableServiceControler: unknown field \(value false\); did you mean EnableServiceController\?/);
    });

    it("external-dns: an unknown key and a value its values.schema.json rejects", async () => {
        const g = await edited("ipv4-pod-to-ipv6-pod", RELEASE, "external-dns", (i) => {
            i.values.domainFilter = i.values.domainFilters;
            i.values.policy = "always";
        });
        const report = await checkKubernetes(g);
        assert.deepStrictEqual(messages(report).map((m) => m.replace(/ allows .*$/, "")).sort(), [
            'kubernetes:helm.sh/v3:Release "external-dns" [helm-values] values.domainFilter: unknown field (value ["pods.ipv6-interop.internal"]); did you mean domainFilters? the external-dns 1.21.1 chart (values.schema.json)',
            'kubernetes:helm.sh/v3:Release "external-dns" [helm-values] values.policy: "always" is not allowed; the external-dns 1.21.1 chart (values.schema.json)',
        ]);
    });

    it("values unknown until deploy, and a chart without a table, are reported as not checked", async () => {
        const g = await edited("ipv4-pod-to-ipv6-pod", RELEASE, "external-dns", (i) => {
            i.values.txtOwnerId = "[unknown]";
        });
        assert.deepStrictEqual(messages(await checkKubernetes(g)), []);
        const g2 = await edited("ipv4-pod-to-ipv6-pod", RELEASE, "external-dns", (i) => {
            i.version = "1.22.0";
        });
        const report = await checkKubernetes(g2);
        assert.strictEqual(report.violations.length, 0);
        assert.match(report.notChecked.map((n) => n.reason).join("\n"), /no value table for chart external-dns 1\.22\.0; tables: aws-load-balancer-controller 3\.0\.0, external-dns 1\.21\.1/);
    });
});

describe("Kubernetes section: Pod Security", () => {
    const PSS = /https:\/\/kubernetes\.io\/docs\/concepts\/security\/pod-security-standards\//;

    it("each restricted control on the probe pod fails with the control's name and the page", async () => {
        const g = await edited("peering-ipv4-egress", JOB, "probe", (i) => {
            const spec = i.spec.template.spec;
            spec.hostNetwork = true;
            delete spec.securityContext.seccompProfile;
            delete spec.securityContext.runAsNonRoot;
            spec.volumes.push({ name: "host", hostPath: { path: "/" } });
            const sc = spec.containers[0].securityContext;
            sc.allowPrivilegeEscalation = true;
            sc.capabilities = { add: ["NET_ADMIN", "NET_BIND_SERVICE"] };
        });
        const report = await checkKubernetes(g);
        const pss = report.violations.filter((v) => v.check === "pod-security");
        assert.ok(pss.every((v) => PSS.test(v.message)), messages(report).join("\n"));
        assert.deepStrictEqual(pss.map((v) => `${v.path} ${/breaks restricted \(([^)]+)\)/.exec(v.message)?.[1]}`).sort(), [
            "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation Privilege Escalation",
            "spec.template.spec.containers[0].securityContext.capabilities.add[0] Capabilities",
            "spec.template.spec.containers[0].securityContext.capabilities.drop Capabilities",
            "spec.template.spec.containers[0].securityContext.runAsNonRoot Running as Non-root",
            "spec.template.spec.containers[0].securityContext.seccompProfile.type Seccomp",
            "spec.template.spec.hostNetwork Host Namespaces",
            "spec.template.spec.volumes[2].hostPath HostPath Volumes",
        ]);
    });

    it("a probe namespace without the restricted label fails, naming the label and the workload", async () => {
        const g = await edited("peering-ipv4-egress", NAMESPACE, "probe-ns", (i) => {
            delete i.metadata.labels[PSA_LABEL.enforce];
        });
        await failsWith(g, /Namespace "probe-ns" \[pod-security\] metadata\.labels\["pod-security\.kubernetes\.io\/enforce"\]: \(unset\); the namespace of Job "probe" must enforce restricted/);
    });

    it("a namespace labelled baseline applies baseline only, at its pinned version; a malformed label fails", async () => {
        const g = await edited("privatelink-interop", DEPLOYMENT, "echo", (i) => {
            const spec = i.spec.template.spec;
            spec.containers[0].securityContext.allowPrivilegeEscalation = true; // restricted only
            spec.hostPID = true; // baseline
        });
        // Not one of this repository's workloads any more: a foreign Deployment in a baseline namespace.
        const dep = one(g, DEPLOYMENT, "echo");
        dep.parent = undefined;
        one(g, NAMESPACE, "echo-ns").inputs.metadata.labels = { [PSA_LABEL.enforce]: "baseline", [PSA_LABEL.enforceVersion]: "1.35" };
        const report = await checkKubernetes(g);
        assert.deepStrictEqual(messages(report).map((m) => m.replace(/ \(https.*$/, "")).sort(), [
            'kubernetes:apps/v1:Deployment "echo" [pod-security] spec.template.spec.hostPID: true breaks baseline (Host Namespaces): must be unset or false',
            'kubernetes:core/v1:Namespace "echo-ns" [pod-security] metadata.labels["pod-security.kubernetes.io/enforce-version"]: "1.35" is not a policy version; use latest or a Kubernetes minor version such as v1.35',
        ]);
    });

    it("a restricted control newer than the pinned policy version is not applied (runAsUser 0 from v1.23)", async () => {
        const pinned = async (version: string) => {
            const g = await edited("peering-ipv4-egress", JOB, "probe", (i) => {
                i.spec.template.spec.securityContext.runAsUser = 0;
            });
            one(g, NAMESPACE, "probe-ns").inputs.metadata.labels[PSA_LABEL.enforceVersion] = version;
            return messages(await checkKubernetes(g));
        };
        assert.deepStrictEqual(await pinned("v1.22"), []);
        const latest = await pinned("latest");
        assert.strictEqual(latest.length, 1);
        assert.match(latest[0], /spec\.template\.spec\.securityContext\.runAsUser: 0 breaks restricted \(Running as Non-root user\): must not be 0/);
    });
});
