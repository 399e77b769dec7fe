/**
 * The Kubernetes section of every plan: what the API server, Helm and Pod Security Admission
 * would reject, found before a cluster exists.
 *
 * - Every `kubernetes:*` object's inputs against the Kubernetes OpenAPI schema (lib/k8s/manifests.ts),
 *   custom resources against this repository's CRD tables (lib/k8s/crds/).
 * - Every Helm release's values against the chart's value table (lib/k8s/charts/).
 * - Pods against Pod Security (lib/k8s/podSecurity.ts): those in a namespace the graph labels
 *   `pod-security.kubernetes.io/enforce` at the level it names, and this repository's own
 *   workloads (the probe and echo pods) against `restricted`, in a namespace that enforces it.
 *
 * Works on any graph (a stack's run, `--graph`, a state export); unknown values are skipped.
 */
import { chartValuesTable, CHART_VALUES_TABLES } from "../../lib/k8s/charts";
import { type K8sFinding, isUnknownValue } from "../../lib/k8s/findings";
import { KUBERNETES_SCHEMA, checkManifest, parseKubernetesType } from "../../lib/k8s/manifests";
import { PSA_LABEL, type PodSecurityLevel, checkPodSecurity, parsePolicyVersion, podTemplateOf } from "../../lib/k8s/podSecurity";
import { validateWithTable } from "../../lib/k8s/tables";
import type { Graph, GraphResource } from "../graph";
import { registerSection } from "../sections";

export interface KubernetesViolation extends K8sFinding {
    urn: string;
    type: string;
    name: string;
}

export interface KubernetesReport {
    schema: typeof KUBERNETES_SCHEMA;
    /** Kubernetes versions of the EKS clusters in the graph. */
    clusterVersions: string[];
    checked: { urn: string; type: string; name: string; against: string }[];
    notChecked: { urn: string; type: string; name: string; reason: string }[];
    /** Pod templates checked against Pod Security: the level and policy version applied. */
    podSecurity: { urn: string; type: string; name: string; namespace: unknown; level: PodSecurityLevel; version: string }[];
    violations: KubernetesViolation[];
}

const HELM_RELEASE_TYPES = new Set(["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"]);
/** Components of this repository whose pods must pass `restricted`. */
const OWN_WORKLOAD_PREFIX = "ipv6-eks-interop:workloads:";

interface NamespaceInfo {
    resource: GraphResource;
    name: unknown;
    labels: Record<string, unknown> | undefined;
}

function namespaceInfo(r: GraphResource): NamespaceInfo {
    const meta = r.inputs?.metadata;
    const name = meta && typeof meta === "object" && !isUnknownValue(meta.name) && meta.name !== undefined ? meta.name : r.outputs?.metadata?.name;
    const labels = meta && typeof meta === "object" && meta.labels && typeof meta.labels === "object" && !isUnknownValue(meta.labels) ? meta.labels : undefined;
    return { resource: r, name, labels };
}

/** The Namespace resource a namespaced object is placed in: through its `metadata` input's dependencies, or by name on the same provider. */
function namespaceOf(r: GraphResource, namespaces: NamespaceInfo[]): NamespaceInfo | undefined {
    const deps = r.propertyDependencies?.metadata ?? [];
    const byDep = namespaces.filter((n) => deps.includes(n.resource.urn));
    if (byDep.length === 1) return byDep[0];
    const name = r.inputs?.metadata?.namespace;
    if (typeof name !== "string" || isUnknownValue(name)) return undefined;
    return namespaces.find((n) => n.name === name && n.resource.provider === r.provider);
}

function ancestors(r: GraphResource, byUrn: Map<string, GraphResource>): GraphResource[] {
    const out: GraphResource[] = [];
    let p = r.parent ? byUrn.get(r.parent) : undefined;
    while (p) {
        out.push(p);
        p = p.parent ? byUrn.get(p.parent) : undefined;
    }
    return out;
}

/** Runs every Kubernetes check on a graph. */
export async function checkKubernetes(graph: Pick<Graph, "resources">): Promise<KubernetesReport> {
    const report: KubernetesReport = { schema: KUBERNETES_SCHEMA, clusterVersions: [], checked: [], notChecked: [], podSecurity: [], violations: [] };
    const byUrn = new Map(graph.resources.map((r) => [r.urn, r]));
    const add = (r: GraphResource, findings: K8sFinding[]) => report.violations.push(...findings.map((f) => ({ urn: r.urn, type: r.type, name: r.name, ...f })));
    for (const r of graph.resources) {
        if (r.type === "eks:index:Cluster" || r.type === "aws:eks/cluster:Cluster") {
            const v = r.inputs?.version;
            if (typeof v === "string" && !isUnknownValue(v) && !report.clusterVersions.includes(v)) report.clusterVersions.push(v);
        }
    }

    const kube = graph.resources.filter((r) => r.type.startsWith("kubernetes:"));
    for (const r of kube) {
        if (HELM_RELEASE_TYPES.has(r.type)) {
            const chart = r.inputs?.chart;
            const version = r.inputs?.version;
            if (typeof chart !== "string" || isUnknownValue(chart) || isUnknownValue(version)) {
                report.notChecked.push({ urn: r.urn, type: r.type, name: r.name, reason: "chart or version unknown until deploy" });
                continue;
            }
            const table = chartValuesTable(chart, typeof version === "string" ? version : undefined);
            if (!table) {
                report.notChecked.push({
                    urn: r.urn, type: r.type, name: r.name,
                    reason: `no value table for chart ${chart} ${version ?? "(no version pinned)"}; tables: ${CHART_VALUES_TABLES.map((t) => `${t.chart} ${t.version}`).join(", ")} (lib/k8s/charts/)`,
                });
                continue;
            }
            const values = r.inputs?.values ?? {};
            if (isUnknownValue(values)) {
                report.notChecked.push({ urn: r.urn, type: r.type, name: r.name, reason: "values unknown until deploy" });
                continue;
            }
            add(r, validateWithTable(table.schema, values, "helm-values", `the ${table.chart} ${table.version} chart (${table.basis})`).map((f) => ({ ...f, path: `values.${f.path}`, message: `values.${f.message}` })));
            const against = `${table.chart} ${table.version} values (${table.basis}, ${table.source})`;
            report.checked.push({ urn: r.urn, type: r.type, name: r.name, against });
            if (r.inputs?.valueYamlFiles !== undefined) report.notChecked.push({ urn: r.urn, type: r.type, name: r.name, reason: "values from valueYamlFiles are not read; only the values input was checked" });
            continue;
        }
        if (!r.custom) continue; // components such as kubernetes:yaml/v2:ConfigGroup: their objects are their children
        const result = await checkManifest(r.type, r.inputs);
        if (!result.checked) {
            report.notChecked.push({ urn: r.urn, type: r.type, name: r.name, reason: result.against });
            continue;
        }
        report.checked.push({ urn: r.urn, type: r.type, name: r.name, against: result.against });
        add(r, result.findings);
    }

    // Pod Security.
    const namespaces = kube.filter((r) => r.type === "kubernetes:core/v1:Namespace").map(namespaceInfo);
    for (const n of namespaces) {
        const labels = n.labels ?? {};
        const enforce = labels[PSA_LABEL.enforce];
        if (enforce !== undefined && !isUnknownValue(enforce) && !["privileged", "baseline", "restricted"].includes(String(enforce))) {
            add(n.resource, [{ check: "pod-security", path: `metadata.labels["${PSA_LABEL.enforce}"]`, value: enforce, message: `metadata.labels["${PSA_LABEL.enforce}"]: ${JSON.stringify(enforce)} is not a Pod Security level; use privileged, baseline or restricted` }]);
        }
        for (const key of [PSA_LABEL.enforceVersion, PSA_LABEL.warnVersion, PSA_LABEL.auditVersion]) {
            const v = labels[key];
            if (v !== undefined && !isUnknownValue(v) && parsePolicyVersion(v) === undefined) {
                add(n.resource, [{ check: "pod-security", path: `metadata.labels["${key}"]`, value: v, message: `metadata.labels["${key}"]: ${JSON.stringify(v)} is not a policy version; use latest or a Kubernetes minor version such as v1.35` }]);
            }
        }
    }
    for (const r of kube) {
        const t = parseKubernetesType(r.type);
        if (!t || !r.custom || isUnknownValue(r.inputs)) continue;
        const pod = podTemplateOf(t.kind, r.inputs ?? {});
        if (!pod) continue;
        const ns = namespaceOf(r, namespaces);
        const own = ancestors(r, byUrn).some((a) => a.type.startsWith(OWN_WORKLOAD_PREFIX));
        const enforce = ns?.labels?.[PSA_LABEL.enforce];
        let level: PodSecurityLevel | undefined = typeof enforce === "string" && ["baseline", "restricted"].includes(enforce) ? (enforce as PodSecurityLevel) : undefined;
        const version = parsePolicyVersion(ns?.labels?.[PSA_LABEL.enforceVersion]) ?? "latest";
        if (own) {
            if (!ns) {
                add(r, [{ check: "pod-security", path: "metadata.namespace", value: r.inputs?.metadata?.namespace, message: `metadata.namespace: ${JSON.stringify(r.inputs?.metadata?.namespace ?? null)} is not a Namespace of this graph; this repository's workloads run in a namespace they create with the Pod Security label ${PSA_LABEL.enforce}: restricted` }]);
            } else if (enforce !== "restricted" && !isUnknownValue(enforce)) {
                add(ns.resource, [{
                    check: "pod-security",
                    path: `metadata.labels["${PSA_LABEL.enforce}"]`,
                    value: enforce,
                    message: `metadata.labels["${PSA_LABEL.enforce}"]: ${enforce === undefined ? "(unset)" : JSON.stringify(enforce)}; the namespace of ${r.type.split(":").pop()} "${r.name}" must enforce restricted (label it with restrictedNamespaceLabels() from lib/k8s/podSecurity.ts)`,
                }]);
            }
            level = "restricted";
        }
        if (!level) continue;
        const applied = own && enforce !== "restricted" ? "latest" : version;
        report.podSecurity.push({ urn: r.urn, type: r.type, name: r.name, namespace: ns?.name, level, version: applied === "latest" ? "latest" : `v1.${applied}` });
        add(r, checkPodSecurity(pod.spec, level, { base: pod.base, metadata: pod.metadata, version: applied }));
    }
    // The same namespace can be reported once per workload: keep one.
    const seen = new Set<string>();
    report.violations = report.violations.filter((v) => {
        const key = `${v.urn}|${v.path}|${v.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
    return report;
}

/** Plan lines: the basis, the violations by resource, and what could not be checked. */
export function formatKubernetesReport(report: KubernetesReport): string[] {
    const lines: string[] = [];
    const objects = report.checked.filter((c) => !HELM_RELEASE_TYPES.has(c.type)).length;
    const releases = report.checked.length - objects;
    const clusters = report.clusterVersions.length > 0 ? `clusters in this graph: Kubernetes ${report.clusterVersions.join(", ")}` : "no EKS cluster version in this graph";
    lines.push(`schema: Kubernetes ${report.schema.kubernetes} OpenAPI (${report.schema.package} ${report.schema.version}); ${clusters}`);
    const older = report.clusterVersions.filter((v) => Number(v.split(".")[1]) < Number(report.schema.kubernetes.split(".")[1]));
    if (older.length > 0) lines.push(`note: the schema is newer than Kubernetes ${older.join(", ")}: a field first added after ${older.join(", ")} passes here and is rejected by that API server`);
    lines.push(`checked: ${objects} object${objects === 1 ? "" : "s"}, the values of ${releases} Helm release${releases === 1 ? "" : "s"}, ${report.podSecurity.length} pod template${report.podSecurity.length === 1 ? "" : "s"} against Pod Security`);
    for (const p of report.podSecurity) lines.push(`  pod security: ${p.type.split(":").pop()} "${p.name}" in namespace ${typeof p.namespace === "string" ? p.namespace : "(unknown)"}: ${p.level} at policy version ${p.version}`);
    const groups = new Map<string, KubernetesViolation[]>();
    for (const v of report.violations) groups.set(v.urn, [...(groups.get(v.urn) ?? []), v]);
    for (const vs of groups.values()) {
        lines.push(`${vs[0].type} "${vs[0].name}"`);
        for (const v of vs) lines.push(`  [${v.check}] ${v.message}`);
    }
    if (report.violations.length === 0) lines.push("no violations");
    for (const n of report.notChecked) lines.push(`not checked: ${n.type} "${n.name}": ${n.reason}`);
    return lines;
}

registerSection({
    key: "kubernetes",
    async run(graph) {
        const report = await checkKubernetes(graph);
        const n = report.violations.length;
        return {
            title: `Kubernetes: manifests, CRDs, Helm values and Pod Security checked offline, ${n} violation${n === 1 ? "" : "s"}`,
            lines: formatKubernetesReport(report),
            ok: n === 0,
            json: report,
        };
    },
});
