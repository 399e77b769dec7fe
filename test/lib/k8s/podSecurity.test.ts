/**
 * lib/k8s/podSecurity.ts rule by rule: each Pod Security control on both sides of its condition,
 * at the policy version where a restricted control starts to apply, with the exact sentence a user
 * reads, and with the optional fields absent, null, of the wrong type or unknown until deploy.
 */
import * as assert from "assert";
import type { K8sFinding } from "../../../lib/k8s/findings";
import { checkPodSecurity, parsePolicyVersion, podTemplateOf, restrictedNamespaceLabels } from "../../../lib/k8s/podSecurity";

const PAGE = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";
/** The finding a control reports, written out here (not built with the module's helpers). */
const finding = (path: string, value: unknown, shown: string, level: string, control: string, rule: string): K8sFinding => ({
    check: "pod-security",
    path,
    value,
    message: `${path}: ${shown} breaks ${level} (${control}): ${rule} (${PAGE})`,
});
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A pod spec that passes restricted at every version. */
const good = (): any => ({
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    containers: [{ name: "app", image: "app:1", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }],
});
const paths = (spec: any, level: "baseline" | "restricted" = "restricted", opts: Parameters<typeof checkPodSecurity>[2] = {}) =>
    checkPodSecurity(spec, level, opts).map((f) => f.path);

describe("lib/k8s/podSecurity: namespace labels and policy versions", () => {
    it("pins enforce-version to a v1.N cluster version and falls back to latest for anything else", () => {
        const enforceVersion = (v: string | undefined) => restrictedNamespaceLabels(v)["pod-security.kubernetes.io/enforce-version"];
        assert.strictEqual(enforceVersion("1.29"), "v1.29");
        assert.strictEqual(enforceVersion("1.100"), "v1.100");
        for (const v of [undefined, "", "1.35.2", "v1.35", "x1.35", "2.1", "1.", "latest"]) assert.strictEqual(enforceVersion(v), "latest", String(v));
        // Warn and audit stay at latest whatever the pin.
        const labels = restrictedNamespaceLabels("1.29");
        assert.strictEqual(labels["pod-security.kubernetes.io/warn-version"], "latest");
        assert.strictEqual(labels["pod-security.kubernetes.io/audit-version"], "latest");
        assert.strictEqual(Object.keys(labels).length, 6);
    });

    it("parses an enforce-version label: latest when absent or latest, the minor of v1.N, undefined when malformed", () => {
        assert.strictEqual(parsePolicyVersion(undefined), "latest");
        assert.strictEqual(parsePolicyVersion("latest"), "latest");
        assert.strictEqual(parsePolicyVersion("v1.0"), 0);
        assert.strictEqual(parsePolicyVersion("v1.23"), 23);
        for (const label of ["", "Latest", "1.23", "v1.23.1", "xv1.23", "v1.23x", "v2.1", "v1.", 23, null, ["v1.23"], { toString: () => "v1.23" }]) {
            assert.strictEqual(parsePolicyVersion(label), undefined, JSON.stringify(label));
        }
    });
});

describe("lib/k8s/podSecurity: what is checked", () => {
    it("privileged admits anything; a missing, non-object or unknown spec yields no finding", () => {
        const bad: any = good();
        bad.hostNetwork = true;
        bad.containers[0].securityContext = { privileged: true };
        assert.deepStrictEqual(checkPodSecurity(bad, "privileged"), []);
        assert.strictEqual(checkPodSecurity(bad, "restricted").length > 0, true);
        for (const spec of [undefined, null, "spec", 42, "[unknown]", UNKNOWN_SENTINEL]) {
            assert.deepStrictEqual(checkPodSecurity(spec as any, "restricted"), [], String(spec));
        }
    });

    it("checks init, regular and ephemeral containers, each under its own path, and skips entries that are not objects", () => {
        const c = () => ({ name: "x", securityContext: { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } });
        const spec: any = { ...good(), initContainers: [c()], containers: [null, "str", c()], ephemeralContainers: [c()] };
        assert.deepStrictEqual(paths(spec), [
            "initContainers[0].securityContext.privileged",
            "containers[2].securityContext.privileged",
            "ephemeralContainers[0].securityContext.privileged",
        ]);
        // A container list that is not an array is not walked.
        assert.deepStrictEqual(paths({ ...good(), containers: { name: "app" }, initContainers: "x" }), []);
    });

    it("paths start at `base` (a Deployment's spec.template.spec)", () => {
        const spec = good();
        spec.hostPID = true;
        spec.containers[0].securityContext.privileged = true;
        assert.deepStrictEqual(paths(spec, "baseline", { base: ["spec", "template", "spec"] }), [
            "spec.template.spec.hostPID",
            "spec.template.spec.containers[0].securityContext.privileged",
        ]);
    });

    it("a pod without any securityContext, and containers without one, are checked (restricted flags each container)", () => {
        const spec = { containers: [{ name: "app" }] };
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), []);
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted"), [
            finding("containers[0].securityContext.allowPrivilegeEscalation", undefined, "(unset)", "restricted", "Privilege Escalation", "must be false"),
            finding("containers[0].securityContext.runAsNonRoot", undefined, "(unset)", "restricted", "Running as Non-root", "set runAsNonRoot: true on the pod's or the container's securityContext"),
            finding("containers[0].securityContext.seccompProfile.type", undefined, "(unset)", "restricted", "Seccomp", "set seccompProfile.type RuntimeDefault (or Localhost) on the pod or on every container"),
            finding("containers[0].securityContext.capabilities.drop", undefined, "(unset)", "restricted", "Capabilities", 'must drop "ALL"'),
        ]);
        // A securityContext that is not an object counts as absent.
        assert.deepStrictEqual(paths({ securityContext: "x", containers: [{ name: "app", securityContext: 7 }] }), paths(spec));
    });
});

describe("lib/k8s/podSecurity: baseline controls", () => {
    it("HostProcess: true on the pod or a container breaks baseline; false or unset does not", () => {
        const spec = good();
        spec.securityContext.windowsOptions = { hostProcess: true };
        spec.containers[0].securityContext.windowsOptions = { hostProcess: true };
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [
            finding("securityContext.windowsOptions.hostProcess", true, "true", "baseline", "HostProcess", "must be unset or false"),
            finding("containers[0].securityContext.windowsOptions.hostProcess", true, "true", "baseline", "HostProcess", "must be unset or false"),
        ]);
        spec.securityContext.windowsOptions = { hostProcess: false };
        spec.containers[0].securityContext.windowsOptions = { hostProcess: "true" };
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), []);
    });

    it("Host Namespaces: hostNetwork, hostPID and hostIPC each", () => {
        for (const f of ["hostNetwork", "hostPID", "hostIPC"]) {
            const spec = good();
            spec[f] = true;
            assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [finding(f, true, "true", "baseline", "Host Namespaces", "must be unset or false")]);
            spec[f] = false;
            assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), []);
        }
    });

    it("Privileged Containers: privileged true only", () => {
        const spec = good();
        spec.containers[0].securityContext.privileged = true;
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [
            finding("containers[0].securityContext.privileged", true, "true", "baseline", "Privileged Containers", "must be unset or false"),
        ]);
        spec.containers[0].securityContext.privileged = false;
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), []);
    });

    const BASELINE_CAPS = "AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT";

    it("Capabilities: baseline lets a container add its list, nothing else; null and unknown entries are skipped", () => {
        const spec = good();
        spec.containers[0].securityContext.capabilities.add = ["CHOWN", "SYS_ADMIN", null, "[unknown]", "SYS_CHROOT", "NET_RAW"];
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [
            finding("containers[0].securityContext.capabilities.add[1]", "SYS_ADMIN", '"SYS_ADMIN"', "baseline", "Capabilities", `only ${BASELINE_CAPS} may be added`),
            finding("containers[0].securityContext.capabilities.add[5]", "NET_RAW", '"NET_RAW"', "baseline", "Capabilities", `only ${BASELINE_CAPS} may be added`),
        ]);
        for (const cap of BASELINE_CAPS.split(", ")) {
            spec.containers[0].securityContext.capabilities.add = [cap];
            assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [], cap);
        }
        // `add` that is not a list is not walked.
        spec.containers[0].securityContext.capabilities.add = "SYS_ADMIN";
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), []);
    });

    it("Capabilities: restricted (from v1.22) lets a container add NET_BIND_SERVICE only", () => {
        const spec = good();
        spec.containers[0].securityContext.capabilities.add = ["NET_BIND_SERVICE", "CHOWN"];
        const chown = (level: string, rule: string) => finding("containers[0].securityContext.capabilities.add[1]", "CHOWN", '"CHOWN"', level, "Capabilities", rule);
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted"), [chown("restricted", "only NET_BIND_SERVICE may be added")]);
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted", { version: 22 }), [chown("restricted", "only NET_BIND_SERVICE may be added")]);
        // Before v1.22 restricted used baseline's list for added capabilities (and did not require drop ALL).
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted", { version: 21 }), []);
        spec.containers[0].securityContext.capabilities.add = ["SYS_ADMIN"];
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted", { version: 21 }), [
            finding("containers[0].securityContext.capabilities.add[0]", "SYS_ADMIN", '"SYS_ADMIN"', "restricted", "Capabilities", `only ${BASELINE_CAPS} may be added`),
        ]);
    });

    it("HostPath Volumes: any hostPath volume, with its value; other volumes and non-objects are not", () => {
        const spec = good();
        spec.volumes = [null, { name: "cfg", configMap: { name: "c" } }, { name: "host", hostPath: { path: "/var/run" } }];
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [
            finding("volumes[2].hostPath", { path: "/var/run" }, '{"path":"/var/run"}', "baseline", "HostPath Volumes", "hostPath volumes are forbidden"),
        ]);
        // Restricted reports it once (the volume-type control skips hostPath).
        assert.deepStrictEqual(paths(spec), ["volumes[2].hostPath"]);
        spec.volumes = { name: "host", hostPath: { path: "/" } };
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted"), []);
    });

    it("Host Ports: any hostPort but 0; unset, null and unknown are not flagged", () => {
        const spec = good();
        spec.containers[0].ports = [
            { containerPort: 80, hostPort: 8080 },
            { containerPort: 81, hostPort: 0 },
            { containerPort: 82 },
            { containerPort: 83, hostPort: null },
            { containerPort: 84, hostPort: "[output]" },
            null,
            { containerPort: 85, hostPort: 1 },
        ];
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [
            finding("containers[0].ports[0].hostPort", 8080, "8080", "baseline", "Host Ports", "must be unset or 0"),
            finding("containers[0].ports[6].hostPort", 1, "1", "baseline", "Host Ports", "must be unset or 0"),
        ]);
        spec.containers[0].ports = { hostPort: 80 };
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), []);
    });

    it("AppArmor: profile type on the pod and on containers must be unset, RuntimeDefault or Localhost", () => {
        const spec = good();
        spec.securityContext.appArmorProfile = { type: "Unconfined" };
        spec.containers[0].securityContext.appArmorProfile = { type: "unconfined" };
        const rule = "must be unset, RuntimeDefault or Localhost";
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [
            finding("securityContext.appArmorProfile.type", "Unconfined", '"Unconfined"', "baseline", "AppArmor", rule),
            finding("containers[0].securityContext.appArmorProfile.type", "unconfined", '"unconfined"', "baseline", "AppArmor", rule),
        ]);
        for (const type of ["RuntimeDefault", "Localhost", undefined, null, "[unknown]"]) {
            spec.securityContext.appArmorProfile = { type };
            spec.containers[0].securityContext.appArmorProfile = { type };
            assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [], String(type));
        }
    });

    it("AppArmor: the beta container annotations must be runtime/default or localhost/<profile>; other annotations are not read", () => {
        const key = "container.apparmor.security.beta.kubernetes.io/app";
        const metadata = { annotations: { [key]: "unconfined", "example.com/note": "unconfined", "container.apparmor.security.beta.kubernetes.io/b": "localhost/prof", "container.apparmor.security.beta.kubernetes.io/c": "runtime/default", "container.apparmor.security.beta.kubernetes.io/d": "[unknown]" } };
        assert.deepStrictEqual(checkPodSecurity(good(), "baseline", { base: ["spec", "template", "spec"], metadata }), [
            finding(`spec.template.metadata.annotations["${key}"]`, "unconfined", '"unconfined"', "baseline", "AppArmor", "must be runtime/default or localhost/<profile>"),
        ]);
        // A Pod's own spec (base ["spec"]): the annotations are the object's metadata.
        assert.deepStrictEqual(paths(good(), "baseline", { base: ["spec"], metadata: { annotations: { [key]: "localhost" } } }), [`metadata.annotations["${key}"]`]);
        assert.deepStrictEqual(paths(good(), "baseline", { metadata: {} }), []);
    });

    it("SELinux: type from the allowed list, user and role empty, on the pod and on containers", () => {
        const spec = good();
        spec.securityContext.seLinuxOptions = { type: "spc_t", user: "root", role: "sysadm_r", level: "s0:c1" };
        spec.containers[0].securityContext.seLinuxOptions = { type: "unconfined_t", user: "", role: "" };
        const typeRule = "must be unset or one of container_t, container_init_t, container_kvm_t, container_engine_t";
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [
            finding("securityContext.seLinuxOptions.type", "spc_t", '"spc_t"', "baseline", "SELinux", typeRule),
            finding("securityContext.seLinuxOptions.user", "root", '"root"', "baseline", "SELinux", "must be unset or empty"),
            finding("securityContext.seLinuxOptions.role", "sysadm_r", '"sysadm_r"', "baseline", "SELinux", "must be unset or empty"),
            finding("containers[0].securityContext.seLinuxOptions.type", "unconfined_t", '"unconfined_t"', "baseline", "SELinux", typeRule),
        ]);
        for (const type of ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t", null, "[secret]"]) {
            spec.securityContext.seLinuxOptions = { type, user: null, role: "[unknown]" };
            spec.containers[0].securityContext.seLinuxOptions = { type };
            assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [], String(type));
        }
        spec.securityContext.seLinuxOptions = "spc_t";
        spec.containers[0].securityContext.seLinuxOptions = null;
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), []);
    });

    it("/proc Mount Type: Default or unset only", () => {
        const spec = good();
        spec.containers[0].securityContext.procMount = "Unmasked";
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [
            finding("containers[0].securityContext.procMount", "Unmasked", '"Unmasked"', "baseline", "/proc Mount Type", "must be unset or Default"),
        ]);
        for (const pm of ["Default", null, "[unknown]"]) {
            spec.containers[0].securityContext.procMount = pm;
            assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [], String(pm));
        }
    });

    it("Seccomp: Unconfined on the pod or a container breaks baseline (and restricted reports it once)", () => {
        const spec = good();
        spec.securityContext.seccompProfile = { type: "Unconfined" };
        spec.containers[0].securityContext.seccompProfile = { type: "Unconfined" };
        const expected = [
            finding("securityContext.seccompProfile.type", "Unconfined", '"Unconfined"', "baseline", "Seccomp", "Unconfined is forbidden"),
            finding("containers[0].securityContext.seccompProfile.type", "Unconfined", '"Unconfined"', "baseline", "Seccomp", "Unconfined is forbidden"),
        ];
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), expected);
        assert.deepStrictEqual(
            checkPodSecurity(spec, "restricted"),
            expected.map((f) => ({ ...f, message: f.message.replace("breaks baseline", "breaks restricted") })),
        );
        spec.securityContext.seccompProfile = { type: "RuntimeDefault" };
        spec.containers[0].securityContext.seccompProfile = { type: "Localhost" };
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), []);
    });

    it("Sysctls: only the safe set, by name; null entries and unknown names are skipped", () => {
        const safe = [
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
        const spec = good();
        spec.securityContext.sysctls = [...safe.map((name) => ({ name, value: "1" })), null, { name: "[unknown]" }, { value: "1" }, { name: "net.core.somaxconn", value: "1024" }];
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), [
            finding("securityContext.sysctls[13].name", "net.core.somaxconn", '"net.core.somaxconn"', "baseline", "Sysctls", `only ${safe.join(", ")}`),
        ]);
        spec.securityContext.sysctls = { name: "net.core.somaxconn" };
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), []);
    });

    it("baseline stops there: restricted-only controls are not applied", () => {
        const spec = { securityContext: { runAsUser: 0 }, containers: [{ name: "app", securityContext: { runAsNonRoot: false, allowPrivilegeEscalation: true } }], volumes: [{ name: "n", nfs: { server: "s", path: "/" } }] };
        assert.deepStrictEqual(checkPodSecurity(spec, "baseline"), []);
        assert.deepStrictEqual(paths(spec), [
            "volumes[0].nfs",
            "containers[0].securityContext.allowPrivilegeEscalation",
            "containers[0].securityContext.runAsNonRoot",
            "securityContext.runAsUser",
            "containers[0].securityContext.seccompProfile.type",
            "containers[0].securityContext.capabilities.drop",
        ]);
    });
});

describe("lib/k8s/podSecurity: restricted controls", () => {
    it("Volume Types: every key of a volume but name (and hostPath, reported by baseline) must be an allowed type", () => {
        const spec = good();
        const allowed = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];
        spec.volumes = [...allowed.map((t) => ({ name: t.toLowerCase(), [t]: {} })), null, "x", { name: "n", nfs: { server: "s", path: "/" } }, { name: "p", awsElasticBlockStore: { volumeID: "v" } }];
        const rule = `only ${allowed.join(", ")} volumes`;
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted"), [
            finding("volumes[10].nfs", { server: "s", path: "/" }, '{"server":"s","path":"/"}', "restricted", "Volume Types", rule),
            finding("volumes[11].awsElasticBlockStore", { volumeID: "v" }, '{"volumeID":"v"}', "restricted", "Volume Types", rule),
        ]);
    });

    it("Privilege Escalation: allowPrivilegeEscalation must be false on each container (unset or true fail, unknown is skipped)", () => {
        const spec = good();
        spec.containers.push({ name: "b", securityContext: { allowPrivilegeEscalation: true, capabilities: { drop: ["ALL"] } } });
        spec.containers.push({ name: "c", securityContext: { allowPrivilegeEscalation: UNKNOWN_SENTINEL, capabilities: { drop: ["ALL"] } } });
        spec.containers.push({ name: "d", securityContext: { capabilities: { drop: ["ALL"] } } });
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted"), [
            finding("containers[1].securityContext.allowPrivilegeEscalation", true, "true", "restricted", "Privilege Escalation", "must be false"),
            finding("containers[3].securityContext.allowPrivilegeEscalation", undefined, "(unset)", "restricted", "Privilege Escalation", "must be false"),
        ]);
    });

    it("Running as Non-root: a container's false always fails; unset passes only with the pod's true; unknown on either side is skipped", () => {
        const spec = (pod: unknown, container: unknown) => {
            const s = good();
            s.securityContext.runAsNonRoot = pod;
            s.containers[0].securityContext.runAsNonRoot = container;
            return s;
        };
        const isFalse = finding("containers[0].securityContext.runAsNonRoot", false, "false", "restricted", "Running as Non-root", "must be true (or unset with spec.securityContext.runAsNonRoot true)");
        const notSet = (v: unknown, shown: string) =>
            finding("containers[0].securityContext.runAsNonRoot", v, shown, "restricted", "Running as Non-root", "set runAsNonRoot: true on the pod's or the container's securityContext");
        assert.deepStrictEqual(checkPodSecurity(spec(true, false), "restricted"), [isFalse]);
        assert.deepStrictEqual(checkPodSecurity(spec(undefined, false), "restricted"), [isFalse]);
        assert.deepStrictEqual(checkPodSecurity(spec(true, undefined), "restricted"), []);
        assert.deepStrictEqual(checkPodSecurity(spec(false, true), "restricted"), []);
        assert.deepStrictEqual(checkPodSecurity(spec(undefined, true), "restricted"), []);
        assert.deepStrictEqual(checkPodSecurity(spec(undefined, undefined), "restricted"), [notSet(undefined, "(unset)")]);
        assert.deepStrictEqual(checkPodSecurity(spec(false, undefined), "restricted"), [notSet(undefined, "(unset)")]);
        assert.deepStrictEqual(checkPodSecurity(spec(undefined, "true"), "restricted"), [notSet("true", '"true"')]);
        assert.deepStrictEqual(checkPodSecurity(spec("[unknown]", undefined), "restricted"), []);
        assert.deepStrictEqual(checkPodSecurity(spec("[unknown]", false), "restricted"), []);
        assert.deepStrictEqual(checkPodSecurity(spec(undefined, "[output]"), "restricted"), []);
        assert.deepStrictEqual(checkPodSecurity(spec(false, UNKNOWN_SENTINEL), "restricted"), []);
    });

    it("Running as Non-root user (from v1.23): runAsUser 0 on the pod or a container; any other uid passes", () => {
        const spec = good();
        spec.securityContext.runAsUser = 0;
        spec.containers[0].securityContext.runAsUser = 0;
        const expected = [
            finding("securityContext.runAsUser", 0, "0", "restricted", "Running as Non-root user", "must not be 0"),
            finding("containers[0].securityContext.runAsUser", 0, "0", "restricted", "Running as Non-root user", "must not be 0"),
        ];
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted"), expected);
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted", { version: 23 }), expected);
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted", { version: 22 }), []);
        spec.securityContext.runAsUser = 1000;
        spec.containers[0].securityContext.runAsUser = "0";
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted"), []);
    });

    it("Seccomp (from v1.19): RuntimeDefault or Localhost on the pod, or on every container", () => {
        const seccomp = (pod: unknown, containers: unknown[]) => {
            const s = good();
            s.securityContext.seccompProfile = pod === undefined ? undefined : { type: pod };
            s.containers = containers.map((type, i) => ({
                name: `c${i}`,
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, ...(type === undefined ? {} : { seccompProfile: { type } }) },
            }));
            return s;
        };
        const unset = (i: number) =>
            finding(`containers[${i}].securityContext.seccompProfile.type`, undefined, "(unset)", "restricted", "Seccomp", "set seccompProfile.type RuntimeDefault (or Localhost) on the pod or on every container");
        const wrong = (i: number, v: string) => finding(`containers[${i}].securityContext.seccompProfile.type`, v, JSON.stringify(v), "restricted", "Seccomp", "must be RuntimeDefault or Localhost");
        assert.deepStrictEqual(checkPodSecurity(seccomp("RuntimeDefault", [undefined]), "restricted"), []);
        assert.deepStrictEqual(checkPodSecurity(seccomp("Localhost", [undefined]), "restricted"), []);
        assert.deepStrictEqual(checkPodSecurity(seccomp(undefined, ["RuntimeDefault", "Localhost"]), "restricted"), []);
        assert.deepStrictEqual(checkPodSecurity(seccomp(undefined, ["RuntimeDefault", undefined]), "restricted"), [unset(1)]);
        assert.deepStrictEqual(checkPodSecurity(seccomp("Bogus", [undefined, "RuntimeDefault"]), "restricted"), [unset(0)]);
        assert.deepStrictEqual(checkPodSecurity(seccomp("RuntimeDefault", ["Bogus", "runtimedefault"]), "restricted"), [wrong(0, "Bogus"), wrong(1, "runtimedefault")]);
        // Unknown on either side: skipped. Unconfined: reported by baseline only.
        assert.deepStrictEqual(checkPodSecurity(seccomp("[unknown]", [undefined]), "restricted"), []);
        assert.deepStrictEqual(checkPodSecurity(seccomp(undefined, ["[output]"]), "restricted"), []);
        assert.deepStrictEqual(paths(seccomp(undefined, ["Unconfined"])), ["containers[0].securityContext.seccompProfile.type"]);
        assert.strictEqual(checkPodSecurity(seccomp(undefined, ["Unconfined"]), "restricted")[0].message.includes("Unconfined is forbidden"), true);
        // Before v1.19 restricted did not require a profile.
        assert.deepStrictEqual(checkPodSecurity(seccomp(undefined, [undefined]), "restricted", { version: 19 }), [unset(0)]);
        assert.deepStrictEqual(checkPodSecurity(seccomp(undefined, ["Bogus"]), "restricted", { version: 18 }), []);
    });

    it("Capabilities (from v1.22): each container drops ALL; a list without it, a string or nothing fail, unknown is skipped", () => {
        const drop = (d: unknown, caps: "absent" | "present" = "present") => {
            const s = good();
            if (caps === "absent") delete s.containers[0].securityContext.capabilities;
            else s.containers[0].securityContext.capabilities = d === undefined ? {} : { drop: d };
            return s;
        };
        const fails = (v: unknown, shown: string) => [finding("containers[0].securityContext.capabilities.drop", v, shown, "restricted", "Capabilities", 'must drop "ALL"')];
        assert.deepStrictEqual(checkPodSecurity(drop(["NET_RAW", "ALL"]), "restricted"), []);
        assert.deepStrictEqual(checkPodSecurity(drop(["NET_RAW"]), "restricted"), fails(["NET_RAW"], '["NET_RAW"]'));
        assert.deepStrictEqual(checkPodSecurity(drop(["all"]), "restricted"), fails(["all"], '["all"]'));
        assert.deepStrictEqual(checkPodSecurity(drop("ALL"), "restricted"), fails("ALL", '"ALL"'));
        assert.deepStrictEqual(checkPodSecurity(drop(undefined), "restricted"), fails(undefined, "(unset)"));
        assert.deepStrictEqual(checkPodSecurity(drop(undefined, "absent"), "restricted"), fails(undefined, "(unset)"));
        assert.deepStrictEqual(checkPodSecurity(drop("[unknown]"), "restricted"), []);
        assert.deepStrictEqual(checkPodSecurity(drop(["NET_RAW"]), "restricted", { version: 22 }), fails(["NET_RAW"], '["NET_RAW"]'));
        assert.deepStrictEqual(checkPodSecurity(drop(["NET_RAW"]), "restricted", { version: 21 }), []);
    });

    it("the version boundaries together: v1.18, v1.19, v1.22, v1.23 and latest (the default)", () => {
        const spec = {
            securityContext: { runAsNonRoot: true, runAsUser: 0 },
            containers: [{ name: "app", securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ["CHOWN"] } } }],
        };
        const at = (version?: number | "latest") => paths(spec, "restricted", version === undefined ? {} : { version });
        const seccomp = "containers[0].securityContext.seccompProfile.type";
        const add = "containers[0].securityContext.capabilities.add[0]";
        const drop = "containers[0].securityContext.capabilities.drop";
        assert.deepStrictEqual(at(18), []);
        assert.deepStrictEqual(at(19), [seccomp]);
        assert.deepStrictEqual(at(21), [seccomp]);
        assert.deepStrictEqual(at(22), [add, seccomp, drop]);
        const all = [add, "securityContext.runAsUser", seccomp, drop];
        assert.deepStrictEqual(at(23), all);
        assert.deepStrictEqual(at(35), all);
        assert.deepStrictEqual(at("latest"), all);
        assert.deepStrictEqual(at(), all);
    });

    it("a Windows pod is exempt from the Linux-only controls (privilege escalation, seccomp, drop ALL), not from runAsNonRoot", () => {
        const spec: any = { os: { name: "windows" }, securityContext: { runAsNonRoot: true }, containers: [{ name: "app" }] };
        assert.deepStrictEqual(checkPodSecurity(spec, "restricted"), []);
        delete spec.securityContext.runAsNonRoot;
        assert.deepStrictEqual(paths(spec), ["containers[0].securityContext.runAsNonRoot"]);
        spec.os.name = "linux";
        assert.deepStrictEqual(paths(spec), [
            "containers[0].securityContext.allowPrivilegeEscalation",
            "containers[0].securityContext.runAsNonRoot",
            "containers[0].securityContext.seccompProfile.type",
            "containers[0].securityContext.capabilities.drop",
        ]);
    });
});

describe("lib/k8s/podSecurity: podTemplateOf", () => {
    const spec = { containers: [{ name: "app" }] };
    const metadata = { annotations: { a: "b" } };

    it("finds the pod spec and the pod metadata of each workload kind", () => {
        const template = { metadata, spec };
        assert.deepStrictEqual(podTemplateOf("Pod", { metadata, spec }), { spec, metadata, base: ["spec"] });
        for (const kind of ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController"]) {
            assert.deepStrictEqual(podTemplateOf(kind, { metadata: { name: "x" }, spec: { template } }), { spec, metadata, base: ["spec", "template", "spec"] }, kind);
        }
        assert.deepStrictEqual(podTemplateOf("PodTemplate", { metadata: { name: "x" }, template }), { spec, metadata, base: ["template", "spec"] });
        assert.deepStrictEqual(podTemplateOf("CronJob", { spec: { jobTemplate: { spec: { template } } } }), { spec, metadata, base: ["spec", "jobTemplate", "spec", "template", "spec"] });
        // No metadata beside the spec: undefined, not the object's own metadata.
        assert.deepStrictEqual(podTemplateOf("Deployment", { metadata, spec: { template: { spec } } }), { spec, metadata: undefined, base: ["spec", "template", "spec"] });
    });

    it("undefined for kinds without pods and for a spec that is missing, null, not an object, or under a non-object", () => {
        for (const kind of ["Service", "ConfigMap", "Namespace", "", "pod", "Deployments"]) assert.strictEqual(podTemplateOf(kind, { spec: { template: { spec } } }), undefined, kind);
        assert.strictEqual(podTemplateOf("Pod", {}), undefined);
        assert.strictEqual(podTemplateOf("Pod", { spec: "[unknown]" }), undefined);
        assert.strictEqual(podTemplateOf("Pod", { spec: null }), undefined);
        assert.strictEqual(podTemplateOf("Deployment", { spec: { template: null } }), undefined);
        assert.strictEqual(podTemplateOf("Deployment", { spec: "[unknown]" }), undefined);
        assert.strictEqual(podTemplateOf("Deployment", { spec: { template: { spec: 5 } } }), undefined);
        // A PodTemplate's spec is at template.spec, not spec.template.spec (and the reverse for a Deployment).
        assert.strictEqual(podTemplateOf("PodTemplate", { spec: { template: { spec } } }), undefined);
        assert.strictEqual(podTemplateOf("Deployment", { template: { spec } }), undefined);
        assert.strictEqual(podTemplateOf("CronJob", { spec: { template: { spec } } }), undefined);
    });
});
