/**
 * Probe harness: network namespaces shaped like the pod (or Lambda ENI) a probe runs in, a real
 * resolver (dnsmasq) and real HTTP servers on the remote side, and the probe run with the real
 * `ip`, `dig` and `curl` (issue 22). Linux only, as root; `netnsUnavailable()` says why not.
 *
 * One world is three namespaces joined by veth pairs:
 *
 *   pod  eth0 (the pod's family) ----------- pod0  node  up0 ------- eth0  remote
 *        v4if0 169.254.172.x/22 or -------- pod1  (forwards; SNATs     (resolver, HTTP
 *        v6if0 fd00::ac:x/118                      egress traffic       servers, one /32 or
 *                                                  to its own address)  /128 each)
 *
 * As on EKS: the pod's default route in its own family goes to a link-local gateway on eth0
 * (169.254.1.1 / fe80::1), the other family (if any) leaves by the egress interface to the
 * node, which SNATs it to the node's address (the CNI's rule) and forwards it. One family's
 * servers can be made unreachable (the node rejects connections to them) while the resolver
 * still answers. Every address used lives only inside these namespaces.
 *
 * The probe runs as the Job runs it, `/bin/sh probe.sh`, as user 65534, with a private /tmp and
 * the world's resolv.conf bind-mounted in a private mount namespace (nothing on the host is
 * changed). PATH starts with test/probes/shims: `sleep` and `curl` there record their arguments
 * and shorten the waits (see those files); `dig` only records. Everything else is the system's.
 */
import { ChildProcess, execFile, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const SHIMS = path.resolve(__dirname, "../probes/shims");
const HTTP_SERVER = path.resolve(__dirname, "../probes/httpServer.js");
/** The prefix of every namespace the harness creates, then the test process's pid. */
const PREFIX = "probeh";
/** The user the probe Job runs as (runAsUser/runAsGroup 65534). */
const PROBE_UID = 65534;

export type Family = "ipv4" | "ipv6";

export interface WorldSpec {
    /** Short name, unique among the worlds alive at once ([a-z0-9]; at most 8 characters). */
    name: string;
    /** The probe's own interface, eth0: its addresses (one per family it has). */
    pod: { ipv4?: string; ipv6?: string };
    /** The egress interface the CNI adds, with its address; absent = the interface is missing. */
    egress?: { device: "v4if0"; address: string } | { device: "v6if0"; address: string };
    /** The node's (or VPC router's) own addresses: the SNAT source of egress traffic. */
    node: { ipv4?: string; ipv6?: string };
    /** The node does not SNAT egress traffic (the remote then routes the egress block back to it). */
    noSnat?: boolean;
    /** The resolver's address (in the remote namespace); reached over the pod's own family. */
    resolver: string;
    /** DNS records the resolver serves; every other name is NXDOMAIN. */
    records: Record<string, { a?: string[]; aaaa?: string[] }>;
    /**
     * HTTP servers in the remote namespace. `tls`: HTTPS with a certificate for these DNS names,
     * signed by a test authority the probe trusts (CURL_CA_BUNDLE), as an AWS endpoint stand-in;
     * `status`: the status every path answers (default 200); `body`: what every path but
     * /clientip answers (default "ok").
     */
    http: { address: string; port: number; tls?: { names: string[] }; status?: number; body?: string }[];
    /** HTTP servers of this family cannot be reached: the node rejects connections to them. */
    unreachable?: Family;
    /** resolv.conf search domains (EKS pods: the cluster's, with ndots:5). */
    search?: string[];
}

export interface ProbeRun {
    /** Exit status of the probe. */
    status: number | null;
    stdout: string;
    stderr: string;
    /** The lines test/probes/shims wrote: `sleep 10`, `curl -4 ...`, `dig +short ...`. */
    calls: string[];
    /** Wall-clock milliseconds of the run. */
    ms: number;
}

const isV6 = (address: string) => address.includes(":");
const familyOf = (address: string): Family => (isV6(address) ? "ipv6" : "ipv4");
const host = (address: string) => `${address}/${isV6(address) ? 128 : 32}`;

async function sh(file: string, args: string[], input?: string): Promise<string> {
    const child = execFile(file, args, { encoding: "utf8", timeout: 10_000 });
    const done = new Promise<string>((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout!.on("data", (d) => (out += d));
        child.stderr!.on("data", (d) => (err += d));
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${file} ${args.join(" ")} exited ${code}: ${err.trim() || out.trim()}`))));
    });
    if (input !== undefined) child.stdin!.end(input);
    return done;
}

/** Runs `ip -n NS -batch -` with the given commands (one a line). */
function ipBatch(ns: string, commands: string[]): Promise<string> {
    return sh("ip", ["-n", ns, "-batch", "-"], commands.join("\n") + "\n");
}

function existsOnPath(cmd: string): boolean {
    return (process.env.PATH ?? "").split(":").concat(["/usr/sbin", "/sbin"]).some((d) => d && fs.existsSync(path.join(d, cmd)));
}

let availability: Promise<string | undefined> | undefined;

/**
 * Why the harness cannot run here, or undefined when it can: not Linux, not root, a missing
 * tool, or namespaces, veth pairs or NAT rules refused by the kernel. Tried once per process.
 */
export function netnsUnavailable(): Promise<string | undefined> {
    availability ??= (async () => {
        if (process.platform !== "linux") return `network namespaces need Linux, this is ${process.platform}`;
        if (process.getuid?.() !== 0) return "network namespaces need root (run as root, as .ci/run does)";
        const missing = ["ip", "nft", "dnsmasq", "unshare", "setpriv", "openssl"].filter((c) => !existsOnPath(c));
        for (const f of ["/usr/bin/dig", "/usr/bin/curl", "/bin/sleep"]) if (!fs.existsSync(f)) missing.push(f);
        if (missing.length > 0) return `missing ${missing.join(", ")} (Debian: apt-get install --no-install-recommends iproute2 nftables dnsmasq-base bind9-dnsutils curl openssl)`;
        await cleanStale();
        const a = `${PREFIX}${process.pid}chka`;
        const b = `${PREFIX}${process.pid}chkb`;
        try {
            await sh("ip", ["netns", "add", a]);
            await sh("ip", ["netns", "add", b]);
            await sh("ip", ["-n", a, "link", "add", "x0", "type", "veth", "peer", "name", "x1", "netns", b]);
            await sh("ip", ["netns", "exec", a, "nft", "add table ip6 t; add chain ip6 t p { type nat hook postrouting priority 100; }; add rule ip6 t p oifname x0 masquerade"]);
            return undefined;
        } catch (e) {
            return `cannot create network namespaces, veth pairs or NAT rules here: ${(e as Error).message}`;
        } finally {
            await sh("ip", ["netns", "del", a]).catch(() => undefined);
            await sh("ip", ["netns", "del", b]).catch(() => undefined);
        }
    })();
    return availability;
}

/** Deletes namespaces (and their processes) left by harness runs whose process is gone (a killed test run). */
async function cleanStale(): Promise<void> {
    const list = await sh("ip", ["netns", "list"]).catch(() => "");
    for (const line of list.split("\n")) {
        const m = /^(probeh(\d+)\S*)/.exec(line.trim());
        if (!m || Number(m[2]) === process.pid) continue;
        let alive = true;
        try {
            process.kill(Number(m[2]), 0);
        } catch {
            alive = false;
        }
        if (alive) continue;
        // The resolver and servers that run killed left behind, by their ids, then the namespace.
        const pids = await sh("ip", ["netns", "pids", m[1]]).catch(() => "");
        for (const pid of pids.split(/\s+/).filter(Boolean)) {
            try {
                process.kill(Number(pid), "SIGKILL");
            } catch {
                // already gone
            }
        }
        await sh("ip", ["netns", "del", m[1]]).catch(() => undefined);
    }
}

function waitForLine(child: ChildProcess, stream: "stdout" | "stderr", pattern: RegExp, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
        let seen = "";
        const timer = setTimeout(() => reject(new Error(`${what} did not start within 5 s: ${seen}`)), 5000);
        child[stream]!.on("data", (d) => {
            seen += d;
            if (pattern.test(seen)) {
                clearTimeout(timer);
                resolve();
            }
        });
        child.on("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`${what} exited ${code} before it was ready: ${seen}`));
        });
    });
}

/** A live world; `destroy()` kills its processes and deletes its namespaces (always call it). */
export class World {
    readonly pod: string;
    readonly node: string;
    readonly remote: string;
    readonly dir: string;
    private readonly children: ChildProcess[] = [];

    private constructor(readonly spec: WorldSpec) {
        if (!/^[a-z0-9]{1,8}$/.test(spec.name)) throw new Error(`world name "${spec.name}": use 1 to 8 of [a-z0-9]`);
        const base = `${PREFIX}${process.pid}${spec.name}`;
        this.pod = `${base}-pod`;
        this.node = `${base}-node`;
        this.remote = `${base}-remote`;
        // Not under /tmp: the probe gets a private /tmp mounted over it.
        this.dir = fs.mkdtempSync(path.join(fs.existsSync("/run") ? "/run" : "/var/tmp", `${base}-`));
    }

    /** Builds the namespaces, links, addresses, routes, NAT, resolver and servers of `spec`. */
    static async create(spec: WorldSpec): Promise<World> {
        const w = new World(spec);
        try {
            await w.build();
            return w;
        } catch (e) {
            await w.destroy();
            throw e;
        }
    }

    private async build(): Promise<void> {
        const s = this.spec;
        const eth0 = [s.pod.ipv4, s.pod.ipv6].filter((a): a is string => !!a);
        if (eth0.length === 0) throw new Error(`world ${s.name}: the pod needs an address on eth0`);
        if (!eth0.some((a) => familyOf(a) === familyOf(s.resolver))) throw new Error(`world ${s.name}: resolver ${s.resolver} is not in a family the pod has on eth0`);
        for (const a of eth0) if (!s.node[familyOf(a)]) throw new Error(`world ${s.name}: the node needs an ${familyOf(a)} address to route the pod's ${a} back`);
        const egressFamily: Family | undefined = s.egress ? (s.egress.device === "v4if0" ? "ipv4" : "ipv6") : undefined;
        if (egressFamily && !s.node[egressFamily]) throw new Error(`world ${s.name}: the node needs an ${egressFamily} address to SNAT ${s.egress!.device} traffic to`);

        for (const ns of [this.pod, this.node, this.remote]) await sh("ip", ["netns", "add", ns]);
        // The pod's interfaces and their peers in the node, the node's uplink to the remote.
        const pod = [
            "link set lo up",
            `link add eth0 type veth peer name pod0 netns ${this.node}`,
            ...(s.egress ? [`link add ${s.egress.device} type veth peer name pod1 netns ${this.node}`] : []),
        ];
        await ipBatch(this.pod, pod);
        await ipBatch(this.node, ["link set lo up", `link add up0 type veth peer name eth0 netns ${this.remote}`]);

        const podCmds: string[] = ["link set eth0 up"];
        const nodeCmds: string[] = ["link set pod0 up", "link set up0 up"];
        const remoteCmds: string[] = ["link set lo up", "link set eth0 up"];
        if (s.pod.ipv4) {
            podCmds.push(`addr add ${host(s.pod.ipv4)} dev eth0`, "route add 169.254.1.1/32 dev eth0 scope link", "route add default via 169.254.1.1 dev eth0");
            nodeCmds.push("addr add 169.254.1.1/32 dev pod0", `route add ${host(s.pod.ipv4)} dev pod0`);
        }
        if (s.pod.ipv6) {
            podCmds.push(`addr add ${host(s.pod.ipv6)} dev eth0 nodad`, "route add ::/0 via fe80::1 dev eth0");
            nodeCmds.push("addr add fe80::1/64 dev pod0 nodad", `route add ${host(s.pod.ipv6)} dev pod0`);
        }
        if (s.egress?.device === "v4if0") {
            podCmds.push("link set v4if0 up", `addr add ${s.egress.address}/22 dev v4if0`, "route add default via 169.254.172.1 dev v4if0");
            nodeCmds.push("link set pod1 up", "addr add 169.254.172.1/22 dev pod1");
        }
        if (s.egress?.device === "v6if0") {
            podCmds.push("link set v6if0 up", `addr add ${s.egress.address}/118 dev v6if0 nodad`, "route add ::/0 via fd00::ac:1 dev v6if0");
            nodeCmds.push("link set pod1 up", "addr add fd00::ac:1/118 dev pod1 nodad");
        }
        // The node's own addresses on its uplink, and a route to each remote address it reaches.
        for (const a of [s.node.ipv4, s.node.ipv6].filter((x): x is string => !!x)) {
            nodeCmds.push(`addr add ${host(a)} dev up0${isV6(a) ? " nodad" : ""}`);
            remoteCmds.push(`route add ${host(a)} dev eth0`);
        }
        const remoteAddresses = [...new Set([s.resolver, ...s.http.map((h) => h.address)])];
        for (const a of remoteAddresses) {
            remoteCmds.push(`addr add ${host(a)} dev eth0${isV6(a) ? " nodad" : ""}`);
            nodeCmds.push(`route add ${host(a)} dev up0`);
        }
        // The remote's way back: the pod's own addresses (and, without SNAT, the egress block) via the node.
        for (const a of eth0) remoteCmds.push(`route add ${host(a)} via ${s.node[familyOf(a)]} dev eth0`);
        if (s.noSnat && s.egress) remoteCmds.push(s.egress.device === "v4if0" ? `route add 169.254.172.0/22 via ${s.node.ipv4} dev eth0` : `route add fd00::ac:0/118 via ${s.node.ipv6} dev eth0`);

        await Promise.all([ipBatch(this.pod, podCmds), ipBatch(this.node, nodeCmds), ipBatch(this.remote, remoteCmds)]);
        await sh("ip", ["netns", "exec", this.node, "sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward && echo 1 > /proc/sys/net/ipv6/conf/all/forwarding"]);
        if (s.unreachable) {
            // A TCP reset from the node for that family's servers: the failure is immediate (a
            // drop would cost each try its whole timeout; ICMP unreachable from the node reached a
            // long-lived process only for its first connection in our runs).
            const addresses = s.http.map((h) => h.address).filter((a) => familyOf(a) === s.unreachable && a !== s.resolver);
            const rules = addresses.map((a) => `add rule inet probe forward_rules ${isV6(a) ? "ip6" : "ip"} daddr ${a} meta l4proto tcp reject with tcp reset`);
            await sh("ip", ["netns", "exec", this.node, "nft", ["add table inet probe", "add chain inet probe forward_rules { type filter hook forward priority 0; }", ...rules].join("; ")]);
        }
        if (s.egress && !s.noSnat) {
            const [table, match, to] = s.egress.device === "v4if0" ? ["ip", "ip saddr 169.254.172.0/22", s.node.ipv4] : ["ip6", "ip6 saddr fd00::ac:0/118", s.node.ipv6];
            await sh("ip", ["netns", "exec", this.node, "nft", `add table ${table} cni; add chain ${table} cni post { type nat hook postrouting priority 100; }; add rule ${table} cni post oifname up0 ${match} snat to ${to}`]);
        }

        // The resolver, then the servers: real processes in the remote namespace.
        const hostRecords = Object.entries(s.records).flatMap(([name, r]) => [...(r.a ?? []), ...(r.aaaa ?? [])].map((a) => `--host-record=${name},${a}`));
        const dnsmasq = spawn("ip", ["netns", "exec", this.remote, "dnsmasq", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--keep-in-foreground", "--bind-interfaces",
            `--listen-address=${s.resolver}`, `--pid-file=${path.join(this.dir, "dnsmasq.pid")}`, "--user=root", "--address=/#/", "--log-facility=-", ...hostRecords], { stdio: ["ignore", "pipe", "pipe"] });
        this.children.push(dnsmasq);
        await waitForLine(dnsmasq, "stderr", /started, version/, "dnsmasq");
        const tlsNames = [...new Set(s.http.flatMap((h) => h.tls?.names ?? []))];
        if (tlsNames.length > 0) await this.certificate(tlsNames);
        if (s.http.length > 0) {
            const specs = s.http.map((h) => [h.address, h.port, ...(h.tls ? ["tls"] : []), ...(h.status ? [`status=${h.status}`] : []), ...(h.body === undefined ? [] : [`body=${Buffer.from(h.body).toString("base64")}`])].join(","));
            const tlsEnv = tlsNames.length > 0 ? { TLS_CERT: path.join(this.dir, "tls.crt"), TLS_KEY: path.join(this.dir, "tls.key") } : {};
            const server = spawn("ip", ["netns", "exec", this.remote, process.execPath, HTTP_SERVER, ...specs], { stdio: ["ignore", "pipe", "pipe"], env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...tlsEnv } });
            this.children.push(server);
            await waitForLine(server, "stdout", /ready/, "the HTTP server");
        }
        const search = s.search?.length ? `search ${s.search.join(" ")}\noptions ndots:5\n` : "";
        fs.writeFileSync(path.join(this.dir, "resolv.conf"), `nameserver ${s.resolver}\n${search}`);
    }

    /**
     * A self-signed certificate (its own authority) for `names`, in this world's directory: the
     * HTTPS servers present it and the probe trusts it through CURL_CA_BUNDLE (runScript), so curl
     * verifies names and chain as it does against AWS. EC P-256: made in milliseconds.
     */
    private async certificate(names: string[]): Promise<void> {
        await sh("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", `/CN=${names[0]}`,
            "-addext", `subjectAltName=${names.map((n) => `DNS:${n}`).join(",")}`, "-keyout", path.join(this.dir, "tls.key"), "-out", path.join(this.dir, "tls.crt")]);
        fs.chmodSync(path.join(this.dir, "tls.crt"), 0o644);
    }

    /**
     * Runs `argv` in the pod namespace as the probe Job does: user 65534, a private /tmp (this
     * world's tmp/), the world's resolv.conf, PATH = the shims, then the system's.
     */
    async exec(argv: string[], env: Record<string, string> = {}): Promise<ProbeRun> {
        // The pod gets a private /tmp, which hides everything under the host's /tmp: a checkout
        // there (a CI clone, say) would lose its shims and scripts. Stage them in this world's
        // directory (under /run), outside /tmp, and run those copies.
        const stage = path.join(this.dir, "stage");
        fs.mkdirSync(stage, { recursive: true, mode: 0o755 });
        const shims = path.join(stage, "shims");
        if (!fs.existsSync(shims)) fs.cpSync(SHIMS, shims, { recursive: true });
        argv = argv.map((a, i) => {
            if (i === 0 || !path.isAbsolute(a) || !a.startsWith("/tmp/") || !fs.existsSync(a) || !fs.statSync(a).isFile()) return a;
            const copy = path.join(stage, `${i}-${path.basename(a)}`);
            fs.copyFileSync(a, copy);
            fs.chmodSync(copy, 0o644);
            return copy;
        });
        const tmp = path.join(this.dir, "tmp");
        fs.rmSync(tmp, { recursive: true, force: true });
        fs.mkdirSync(tmp, { mode: 0o1777 });
        fs.chmodSync(tmp, 0o1777);
        fs.chmodSync(this.dir, 0o755);
        const inner = 'mount --bind "$2" /etc/resolv.conf && mount --bind "$1" /tmp && shift 2 && exec "$@"';
        const envArgs = Object.entries({ PATH: `${shims}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin`, HOME: "/tmp", ...env }).map(([k, v]) => `${k}=${v}`);
        const started = Date.now();
        return new Promise((resolve, reject) => {
            const child = spawn("ip", ["netns", "exec", this.pod, "unshare", "--mount", "--propagation", "private", "sh", "-c", inner, "sh", tmp, path.join(this.dir, "resolv.conf"),
                "setpriv", `--reuid=${PROBE_UID}`, `--regid=${PROBE_UID}`, "--clear-groups", "env", "-i", ...envArgs, ...argv], { stdio: ["ignore", "pipe", "pipe"] });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (d) => (stdout += d));
            child.stderr.on("data", (d) => (stderr += d));
            // A probe that hangs fails the test instead of waiting out mocha's timeout.
            const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
            child.on("error", reject);
            child.on("close", (status) => {
                clearTimeout(timer);
                const log = path.join(tmp, "calls.log");
                const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean) : [];
                resolve({ status, stdout, stderr, calls, ms: Date.now() - started });
            });
        });
    }

    /** Runs a generated probe script exactly as the Job's container does: `/bin/sh probe.sh`. */
    runScript(script: string): Promise<ProbeRun> {
        const file = path.join(this.dir, "probe.sh");
        fs.writeFileSync(file, script, { mode: 0o644 });
        const ca = path.join(this.dir, "tls.crt");
        return this.exec(["/bin/sh", file], fs.existsSync(ca) ? { CURL_CA_BUNDLE: ca } : {});
    }

    async destroy(): Promise<void> {
        for (const c of this.children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
        await Promise.all(this.children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once("close", r)) : undefined)));
        for (const ns of [this.pod, this.node, this.remote]) await sh("ip", ["netns", "del", ns]).catch(() => undefined);
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

/** Creates a world, runs `body` in it and always destroys it. */
export async function inWorld<T>(spec: WorldSpec, body: (w: World) => Promise<T>): Promise<T> {
    const w = await World.create(spec);
    try {
        return await body(w);
    } finally {
        await w.destroy();
    }
}

/** The PASS and FAIL lines of a probe's output, by check name. */
export function verdicts(stdout: string): { passed: string[]; failed: string[] } {
    const passed: string[] = [];
    const failed: string[] = [];
    for (const line of stdout.split("\n")) {
        if (line.startsWith("PASS ")) passed.push(line.slice(5));
        if (line.startsWith("FAIL ")) failed.push(line.slice(5));
    }
    return { passed, failed };
}
