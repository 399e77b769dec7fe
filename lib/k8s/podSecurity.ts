/**
 * The Kubernetes Pod Security Standards, `baseline` and `restricted`, as Pod Security Admission
 * enforces them on a namespace labelled `pod-security.kubernetes.io/enforce`. Each control cites
 * its section of https://kubernetes.io/docs/concepts/security/pod-security-standards/ ; the
 * allowed values are those the page lists for the current policy version (`latest`, Kubernetes
 * 1.35), and `since` is the policy version from which the page applies a restricted control.
 *
 * Pure functions over a pod spec (and the pod template's metadata for the AppArmor annotations).
 * Unknown values are skipped, never flagged.
 */
import { type K8sFinding, formatPath, isUnknownValue, show } from "./findings";

export type PodSecurityLevel = "privileged" | "baseline" | "restricted";

export const PSS_PAGE = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";
export const PSA_LABELS_PAGE = "https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces";

/** Namespace labels Pod Security Admission reads. */
export const PSA_LABEL = {
    enforce: "pod-security.kubernetes.io/enforce",
    enforceVersion: "pod-security.kubernetes.io/enforce-version",
    warn: "pod-security.kubernetes.io/warn",
    warnVersion: "pod-security.kubernetes.io/warn-version",
    audit: "pod-security.kubernetes.io/audit",
    auditVersion: "pod-security.kubernetes.io/audit-version",
} as const;

/**
 * The labels for a namespace whose pods must pass `restricted`: enforced at the policy version of
 * the cluster's Kubernetes minor version (pinned, so a cluster upgrade never changes what is
 * admitted without a change in this repository), and warned and audited at `latest`, so that a
 * rule added by a newer Kubernetes shows up as a warning before the pin moves.
 */
export function restrictedNamespaceLabels(kubernetesVersion: string | undefined): Record<string, string> {
    const version = kubernetesVersion && /^1\.\d+$/.test(kubernetesVersion) ? `v${kubernetesVersion}` : "latest";
    return {
        [PSA_LABEL.enforce]: "restricted",
        [PSA_LABEL.enforceVersion]: version,
        [PSA_LABEL.warn]: "restricted",
        [PSA_LABEL.warnVersion]: "latest",
        [PSA_LABEL.audit]: "restricted",
        [PSA_LABEL.auditVersion]: "latest",
    };
}

/** Capabilities `baseline` lets a container add (page: Baseline, "Capabilities"). */
export const BASELINE_ADDABLE_CAPABILITIES = ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];
/** Sysctls `baseline` allows (page: Baseline, "Sysctls"; the last five since policy v1.27 and v1.29). */
export const SAFE_SYSCTLS = [
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
];
/** SELinux types `baseline` allows (page: Baseline, "SELinux"). */
export const SELINUX_TYPES = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];
/** Volume types `restricted` allows (page: Restricted, "Volume Types"). */
export const RESTRICTED_VOLUME_TYPES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

/** Parses an enforce-version label: `latest` or `v1.N`; undefined when malformed. */
export function parsePolicyVersion(label: unknown): number | "latest" | undefined {
    if (label === undefined || label === "latest") return "latest";
    const m = typeof label === "string" ? /^v1\.(\d+)$/.exec(label) : null;
    return m ? Number(m[1]) : undefined;
}

interface Container {
    segments: string[];
    c: Record<string, any>;
}

function containersOf(spec: Record<string, any>, base: string[]): Container[] {
    const out: Container[] = [];
    for (const field of ["initContainers", "containers", "ephemeralContainers"]) {
        const list = spec[field];
        if (!Array.isArray(list)) continue;
        list.forEach((c, i) => {
            if (c && typeof c === "object") out.push({ segments: [...base, field, String(i)], c });
        });
    }
    return out;
}

const known = (v: unknown) => v !== undefined && v !== null && !isUnknownValue(v);

/**
 * Checks a pod spec against a level. `base` is the spec's path in the object (for a Deployment:
 * `spec.template.spec`), `metadata` the pod's metadata (AppArmor annotations), `version` the policy
 * version (`latest` or the minor number).
 */
export function checkPodSecurity(
    spec: Record<string, any>,
    level: PodSecurityLevel,
    opts: { base?: string[]; metadata?: Record<string, any>; version?: number | "latest" } = {},
): K8sFinding[] {
    if (level === "privileged" || !spec || typeof spec !== "object" || isUnknownValue(spec)) return [];
    const base = opts.base ?? [];
    const version = opts.version ?? "latest";
    const since = (minor: number) => version === "latest" || version >= minor;
    const out: K8sFinding[] = [];
    const flag = (segments: string[], value: unknown, control: string, rule: string) =>
        out.push({ check: "pod-security", path: formatPath(segments), value, message: `${formatPath(segments)}: ${show(value)} breaks ${level} (${control}): ${rule} (${PSS_PAGE})` });
    const podSc = spec.securityContext && typeof spec.securityContext === "object" ? spec.securityContext : {};
    const containers = containersOf(spec, base);
    const scOf = (c: Container) => (c.c.securityContext && typeof c.c.securityContext === "object" ? c.c.securityContext : {});
    const isWindows = spec.os?.name === "windows";

    // ---- Baseline ----
    if (podSc.windowsOptions?.hostProcess === true) flag([...base, "securityContext", "windowsOptions", "hostProcess"], true, "HostProcess", "must be unset or false");
    for (const c of containers) if (scOf(c).windowsOptions?.hostProcess === true) flag([...c.segments, "securityContext", "windowsOptions", "hostProcess"], true, "HostProcess", "must be unset or false");
    for (const f of ["hostNetwork", "hostPID", "hostIPC"]) if (spec[f] === true) flag([...base, f], true, "Host Namespaces", "must be unset or false");
    for (const c of containers) if (scOf(c).privileged === true) flag([...c.segments, "securityContext", "privileged"], true, "Privileged Containers", "must be unset or false");
    for (const c of containers) {
        const add = scOf(c).capabilities?.add;
        if (!Array.isArray(add)) continue;
        add.forEach((cap: unknown, i: number) => {
            if (!known(cap)) return;
            const allowed = level === "restricted" && since(22) ? ["NET_BIND_SERVICE"] : BASELINE_ADDABLE_CAPABILITIES;
            if (!allowed.includes(String(cap))) {
                flag([...c.segments, "securityContext", "capabilities", "add", String(i)], cap, "Capabilities", `only ${allowed.join(", ")} may be added`);
            }
        });
    }
    (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v: Record<string, any>, i: number) => {
        if (v && typeof v === "object" && v.hostPath !== undefined) flag([...base, "volumes", String(i), "hostPath"], v.hostPath, "HostPath Volumes", "hostPath volumes are forbidden");
    });
    for (const c of containers) {
        (Array.isArray(c.c.ports) ? c.c.ports : []).forEach((p: Record<string, any>, i: number) => {
            if (p && known(p.hostPort) && p.hostPort !== 0) flag([...c.segments, "ports", String(i), "hostPort"], p.hostPort, "Host Ports", "must be unset or 0");
        });
    }
    const appArmorOk = (t: unknown) => !known(t) || t === "RuntimeDefault" || t === "Localhost";
    if (!appArmorOk(podSc.appArmorProfile?.type)) flag([...base, "securityContext", "appArmorProfile", "type"], podSc.appArmorProfile.type, "AppArmor", "must be unset, RuntimeDefault or Localhost");
    for (const c of containers) {
        const t = scOf(c).appArmorProfile?.type;
        if (!appArmorOk(t)) flag([...c.segments, "securityContext", "appArmorProfile", "type"], t, "AppArmor", "must be unset, RuntimeDefault or Localhost");
    }
    for (const [k, v] of Object.entries(opts.metadata?.annotations ?? {})) {
        if (k.startsWith("container.apparmor.security.beta.kubernetes.io/") && known(v) && v !== "runtime/default" && !String(v).startsWith("localhost/")) {
            flag([...base.slice(0, -1), "metadata", "annotations", k], v, "AppArmor", "must be runtime/default or localhost/<profile>");
        }
    }
    const seLinuxChecks = (sc: Record<string, any>, segments: string[]) => {
        const o = sc.seLinuxOptions;
        if (!o || typeof o !== "object") return;
        if (known(o.type) && !SELINUX_TYPES.includes(o.type)) flag([...segments, "seLinuxOptions", "type"], o.type, "SELinux", `must be unset or one of ${SELINUX_TYPES.filter((t) => t).join(", ")}`);
        for (const f of ["user", "role"]) if (known(o[f]) && o[f] !== "") flag([...segments, "seLinuxOptions", f], o[f], "SELinux", "must be unset or empty");
    };
    seLinuxChecks(podSc, [...base, "securityContext"]);
    for (const c of containers) seLinuxChecks(scOf(c), [...c.segments, "securityContext"]);
    for (const c of containers) {
        const pm = scOf(c).procMount;
        if (known(pm) && pm !== "Default") flag([...c.segments, "securityContext", "procMount"], pm, "/proc Mount Type", "must be unset or Default");
    }
    if (podSc.seccompProfile?.type === "Unconfined") flag([...base, "securityContext", "seccompProfile", "type"], "Unconfined", "Seccomp", "Unconfined is forbidden");
    for (const c of containers) if (scOf(c).seccompProfile?.type === "Unconfined") flag([...c.segments, "securityContext", "seccompProfile", "type"], "Unconfined", "Seccomp", "Unconfined is forbidden");
    (Array.isArray(podSc.sysctls) ? podSc.sysctls : []).forEach((s: Record<string, any>, i: number) => {
        if (s && known(s.name) && !SAFE_SYSCTLS.includes(s.name)) flag([...base, "securityContext", "sysctls", String(i), "name"], s.name, "Sysctls", `only ${SAFE_SYSCTLS.join(", ")}`);
    });
    if (level === "baseline") return out;

    // ---- Restricted ----
    (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v: Record<string, any>, i: number) => {
        if (!v || typeof v !== "object") return;
        for (const k of Object.keys(v)) {
            if (k === "name" || k === "hostPath") continue;
            if (!RESTRICTED_VOLUME_TYPES.includes(k)) flag([...base, "volumes", String(i), k], v[k], "Volume Types", `only ${RESTRICTED_VOLUME_TYPES.join(", ")} volumes`);
        }
    });
    for (const c of containers) {
        const ape = scOf(c).allowPrivilegeEscalation;
        if (!isWindows && !isUnknownValue(ape) && ape !== false) flag([...c.segments, "securityContext", "allowPrivilegeEscalation"], ape, "Privilege Escalation", "must be false");
    }
    const podNonRoot = podSc.runAsNonRoot;
    for (const c of containers) {
        const v = scOf(c).runAsNonRoot;
        if (isUnknownValue(v) || isUnknownValue(podNonRoot)) continue;
        if (v === false) flag([...c.segments, "securityContext", "runAsNonRoot"], false, "Running as Non-root", "must be true (or unset with spec.securityContext.runAsNonRoot true)");
        else if (v !== true && podNonRoot !== true) flag([...c.segments, "securityContext", "runAsNonRoot"], v, "Running as Non-root", "set runAsNonRoot: true on the pod's or the container's securityContext");
    }
    if (since(23)) {
        if (podSc.runAsUser === 0) flag([...base, "securityContext", "runAsUser"], 0, "Running as Non-root user", "must not be 0");
        for (const c of containers) if (scOf(c).runAsUser === 0) flag([...c.segments, "securityContext", "runAsUser"], 0, "Running as Non-root user", "must not be 0");
    }
    if (since(19) && !isWindows) {
        const allowed = (t: unknown) => t === "RuntimeDefault" || t === "Localhost";
        const podType = podSc.seccompProfile?.type;
        const podSet = allowed(podType);
        for (const c of containers) {
            const t = scOf(c).seccompProfile?.type;
            if (isUnknownValue(t) || isUnknownValue(podType) || t === "Unconfined") continue;
            if (t !== undefined && !allowed(t)) flag([...c.segments, "securityContext", "seccompProfile", "type"], t, "Seccomp", "must be RuntimeDefault or Localhost");
            else if (t === undefined && !podSet) flag([...c.segments, "securityContext", "seccompProfile", "type"], t, "Seccomp", "set seccompProfile.type RuntimeDefault (or Localhost) on the pod or on every container");
        }
    }
    if (since(22) && !isWindows) {
        for (const c of containers) {
            const drop = scOf(c).capabilities?.drop;
            if (isUnknownValue(drop)) continue;
            if (!Array.isArray(drop) || !drop.includes("ALL")) flag([...c.segments, "securityContext", "capabilities", "drop"], drop, "Capabilities", 'must drop "ALL"');
        }
    }
    return out;
}

/** Where the pod spec and pod metadata sit in an object of a workload kind; undefined for kinds without pods. */
export function podTemplateOf(kind: string, object: Record<string, any>): { spec: Record<string, any>; metadata?: Record<string, any>; base: string[] } | undefined {
    const get = (segments: string[]) => segments.reduce<any>((v, s) => (v && typeof v === "object" ? v[s] : undefined), object);
    const at = (base: string[]) => {
        const spec = get(base);
        return spec && typeof spec === "object" ? { spec, metadata: get([...base.slice(0, -1), "metadata"]), base } : undefined;
    };
    switch (kind) {
        case "Pod":
            return at(["spec"]);
        case "Deployment":
        case "StatefulSet":
        case "DaemonSet":
        case "ReplicaSet":
        case "Job":
        case "ReplicationController":
        case "PodTemplate":
            return kind === "PodTemplate" ? at(["template", "spec"]) : at(["spec", "template", "spec"]);
        case "CronJob":
            return at(["spec", "jobTemplate", "spec", "template", "spec"]);
        default:
            return undefined;
    }
}
