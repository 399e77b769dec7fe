import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { restrictedNamespaceLabels } from "../../lib/k8s/podSecurity";
import { ProbeCheck, renderProbeScript } from "../../lib/probes";

export interface ConnectivityProbeArgs {
    /** Kubernetes provider of the cluster the probe runs in. */
    provider: k8s.Provider;
    /** Checks to run, in order (see lib/probes.ts). */
    checks: pulumi.Input<ProbeCheck[]>;
    /** Image with sh, ip, dig and curl, pinned by tag or digest. */
    image: string;
    /** Namespace, created by the probe. Default `interop-probes`. */
    namespace?: string;
    /** Seconds before the Job is failed. Default 300. */
    activeDeadlineSeconds?: number;
    /** Retries of the pod before the Job fails. Default 2. */
    backoffLimit?: number;
    /**
     * Kubernetes minor version of the cluster, for example "1.35": the namespace enforces the Pod
     * Security `restricted` standard at this policy version (`enforce-version: v1.35`) and warns and
     * audits at `latest`. Default: enforce at `latest`.
     */
    kubernetesVersion?: string;
    /** Resources that must exist first (nodes, CoreDNS, the path under test). */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * A Kubernetes Job that runs connectivity checks from a pod. `pulumi up` waits for Jobs to
 * complete, so a deployment whose path does not connect fails within `activeDeadlineSeconds`.
 * Re-run it with `pulumi up --replace <urn of the Job>`.
 */
export class ConnectivityProbe extends pulumi.ComponentResource {
    readonly jobName: pulumi.Output<string>;
    readonly namespace: pulumi.Output<string>;

    constructor(name: string, args: ConnectivityProbeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ipv6-eks-interop:workloads:ConnectivityProbe", name, {}, opts);
        const k8sOpts = { parent: this, provider: args.provider, dependsOn: args.dependsOn };
        const ns = new k8s.core.v1.Namespace(`${name}-ns`, {
            metadata: { name: args.namespace ?? "interop-probes", labels: restrictedNamespaceLabels(args.kubernetesVersion) },
        }, k8sOpts);
        const script = pulumi.output(args.checks).apply((checks) => renderProbeScript(checks));
        const configMap = new k8s.core.v1.ConfigMap(`${name}-script`, {
            metadata: { namespace: ns.metadata.name },
            data: { "probe.sh": script },
        }, k8sOpts);
        const job = new k8s.batch.v1.Job(name, {
            metadata: { namespace: ns.metadata.name, labels: { "app.kubernetes.io/name": "interop-probe", "app.kubernetes.io/instance": name } },
            spec: {
                activeDeadlineSeconds: args.activeDeadlineSeconds ?? 300,
                backoffLimit: args.backoffLimit ?? 2,
                template: {
                    metadata: { labels: { "app.kubernetes.io/name": "interop-probe", "app.kubernetes.io/instance": name } },
                    spec: {
                        restartPolicy: "Never",
                        automountServiceAccountToken: false,
                        securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } },
                        containers: [{
                            name: "probe",
                            image: args.image,
                            command: ["/bin/sh", "/probe/probe.sh"],
                            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                            resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
                            volumeMounts: [{ name: "script", mountPath: "/probe" }, { name: "tmp", mountPath: "/tmp" }],
                        }],
                        volumes: [{ name: "script", configMap: { name: configMap.metadata.name } }, { name: "tmp", emptyDir: {} }],
                    },
                },
            },
        }, k8sOpts);
        this.jobName = job.metadata.name;
        this.namespace = ns.metadata.name;
        this.registerOutputs({ jobName: this.jobName, namespace: this.namespace });
    }
}
