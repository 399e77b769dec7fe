import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { restrictedNamespaceLabels } from "../../lib/k8s/podSecurity";

/** Kubernetes e2e test image: `netexec` answers HTTP on every address family it is given. */
export const DEFAULT_ECHO_IMAGE = "registry.k8s.io/e2e-test-images/agnhost:2.53";

export interface EchoServiceArgs {
    /** Kubernetes provider of the cluster. */
    provider: k8s.Provider;
    /** Namespace, created by the component. Default `echo`. */
    namespace?: string;
    /** Container port (HTTP). Default 8080. */
    port?: number;
    /** Pods. Default 2. */
    replicas?: number;
    /** Image with `netexec`, pinned. Default agnhost 2.53 from registry.k8s.io (reachable over IPv6). */
    image?: string;
    /**
     * Also create a headless Service (clusterIP None) whose DNS answers are the pod IPs
     * themselves; with ExternalDNS it publishes pod addresses outside the cluster.
     */
    headless?: boolean;
    /** Annotations on the headless Service (for example ExternalDNS's hostname). */
    headlessAnnotations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * Kubernetes minor version of the cluster, for example "1.35": the namespace enforces the Pod
     * Security `restricted` standard at this policy version (`enforce-version: v1.35`) and warns and
     * audits at `latest`. Default: enforce at `latest`.
     */
    kubernetesVersion?: string;
    /** Resources to wait for (nodes, CoreDNS). */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * An HTTP echo Deployment and its Services: a ClusterIP Service for in-cluster clients (its
 * address is ULA on IPv6 clusters and unroutable outside), and optionally a headless Service.
 */
export class EchoService extends pulumi.ComponentResource {
    readonly namespace: pulumi.Output<string>;
    readonly serviceName: pulumi.Output<string>;
    readonly headlessServiceName: pulumi.Output<string> | undefined;
    readonly port: number;
    readonly appLabel: string;

    constructor(name: string, args: EchoServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ipv6-eks-interop:workloads:EchoService", name, {}, opts);
        const k8sOpts = { parent: this, provider: args.provider, dependsOn: args.dependsOn };
        this.port = args.port ?? 8080;
        this.appLabel = name;
        const labels = { "app.kubernetes.io/name": name };
        const ns = new k8s.core.v1.Namespace(`${name}-ns`, {
            metadata: { name: args.namespace ?? "echo", labels: restrictedNamespaceLabels(args.kubernetesVersion) },
        }, k8sOpts);
        const deployment = new k8s.apps.v1.Deployment(name, {
            metadata: { namespace: ns.metadata.name, labels },
            spec: {
                replicas: args.replicas ?? 2,
                selector: { matchLabels: labels },
                template: {
                    metadata: { labels },
                    spec: {
                        automountServiceAccountToken: false,
                        securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } },
                        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: labels } }],
                        containers: [{
                            name: "echo",
                            image: args.image ?? DEFAULT_ECHO_IMAGE,
                            args: ["netexec", `--http-port=${this.port}`],
                            ports: [{ name: "http", containerPort: this.port }],
                            readinessProbe: { httpGet: { path: "/healthz", port: this.port }, periodSeconds: 5 },
                            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                            resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { memory: "64Mi" } },
                        }],
                    },
                },
            },
        }, k8sOpts);
        const service = new k8s.core.v1.Service(name, {
            metadata: { namespace: ns.metadata.name, labels },
            spec: { selector: labels, ports: [{ name: "http", port: this.port, targetPort: this.port }] },
        }, { ...k8sOpts, dependsOn: [deployment] });
        this.serviceName = service.metadata.name;
        if (args.headless) {
            const headless = new k8s.core.v1.Service(`${name}-pods`, {
                metadata: { namespace: ns.metadata.name, labels, annotations: args.headlessAnnotations },
                spec: { clusterIP: "None", selector: labels, ports: [{ name: "http", port: this.port, targetPort: this.port }] },
            }, { ...k8sOpts, dependsOn: [deployment] });
            this.headlessServiceName = headless.metadata.name;
        }
        this.namespace = ns.metadata.name;
        this.registerOutputs({ namespace: this.namespace, serviceName: this.serviceName });
    }
}
