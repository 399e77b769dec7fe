/**
 * The IPv6-only client's checks (lib/probes.ts nat64AaaaCheck, curlNat64Check, noGlobalIpv4Check,
 * remoteProbePassedCheck) run for real under sh with fake `getent`, `ip` and `curl` on PATH; and
 * the instance's user data (lib/nat64ProbeUserData.ts) refuses bad options and carries the script.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { NAT64_REPORT_DIR, nat64ProbeBudgetSeconds, nat64ProbeUserData } from "../../lib/nat64ProbeUserData";
import { curlNat64Check, nat64AaaaCheck, noGlobalIpv4Check, remoteProbePassedCheck, renderProbeScript } from "../../lib/probes";

/** Runs `script` with fake commands (name -> sh body) first on PATH; returns the exit status and what the fakes were called with. */
function run(script: string, fakes: Record<string, string>): { status: number | null; calls: string; out: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nat64-probe-"));
    try {
        for (const [name, body] of Object.entries(fakes)) {
            fs.writeFileSync(path.join(dir, name), `#!/bin/sh\necho "${name} $*" >> ${dir}/calls\n${body}\n`, { mode: 0o755 });
        }
        const r = spawnSync("/bin/sh", ["-c", script], { env: { PATH: `${dir}:/usr/bin:/bin` } });
        const calls = fs.existsSync(path.join(dir, "calls")) ? fs.readFileSync(path.join(dir, "calls"), "utf8") : "";
        return { status: r.status, calls, out: r.stdout.toString() + r.stderr.toString() };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** `getent ahostsv6` output for these addresses (three lines each: STREAM, DGRAM, RAW). */
const ahosts = (...addrs: string[]) => `cat <<'EOF'\n${addrs.flatMap((a) => [`${a} STREAM app.example`, `${a} DGRAM`, `${a} RAW`]).join("\n")}\nEOF`;
const HOST = "app-nlb-1234.elb.us-west-2.amazonaws.com";

describe("lib/probes: the IPv6-only client's checks (DNS64 and NAT64)", () => {
    it("AAAA answers all in 64:ff9b::/96 pass; an IPv4-mapped answer (no DNS64), a real AAAA or no answer fail", () => {
        const c = nat64AaaaCheck(HOST);
        assert.strictEqual(run(c.script, { getent: ahosts("64:ff9b::a14:a") }).status, 0);
        assert.strictEqual(run(c.script, { getent: ahosts("64:ff9b::a14:a", "64:ff9b::a14:10a") }).status, 0);
        assert.strictEqual(run(c.script, { getent: ahosts("::ffff:10.20.0.10") }).status, 1, "glibc maps the A record when no AAAA comes back");
        assert.strictEqual(run(c.script, { getent: ahosts("64:ff9b::a14:a", "2001:db8::1") }).status, 1);
        assert.strictEqual(run(c.script, { getent: ahosts("64:ff9b:1::a14:a") }).status, 1, "the local-use prefix 64:ff9b:1::/48 is not the one AWS synthesizes");
        assert.strictEqual(run(c.script, { getent: "exit 2" }).status, 1);
        assert.match(run(c.script, { getent: ahosts("64:ff9b::a14:a") }).calls, new RegExp(`^getent ahostsv6 ${HOST.replace(/\./g, "\\.")}$`, "m"));
    });

    it("curl goes to the synthesized address in brackets, over IPv6, with bounded retries; nothing to connect to fails without curl", () => {
        const c = curlNat64Check(HOST, 80);
        const ok = run(c.script, { getent: ahosts("64:ff9b::a14:a"), curl: "exit 0" });
        assert.strictEqual(ok.status, 0, ok.out);
        assert.match(ok.calls, /^curl -6 -fsS --max-time 10 --retry 6 --retry-delay 5 --retry-all-errors -o \/dev\/null http:\/\/\[64:ff9b::a14:a\]:80\/$/m);
        assert.strictEqual(run(c.script, { getent: ahosts("64:ff9b::a14:a"), curl: "exit 7" }).status, 7);
        const mapped = run(c.script, { getent: ahosts("::ffff:10.20.0.10"), curl: "exit 0" });
        assert.strictEqual(mapped.status, 1);
        assert.doesNotMatch(mapped.calls, /^curl/m);
    });

    it("no global IPv4: only loopback passes", () => {
        const c = noGlobalIpv4Check();
        assert.strictEqual(run(c.script, { ip: "exit 0" }).status, 0);
        assert.strictEqual(run(c.script, { ip: "echo '2: ens5    inet 10.10.32.10/24 brd 10.10.32.255 scope global dynamic ens5'" }).status, 1);
        assert.match(run(c.script, { ip: "exit 0" }).calls, /^ip -4 -o addr show scope global$/m);
    });

    it("the remote report passes only with its final line for the same number of checks", () => {
        const c = remoteProbePassedCheck("the client", "http://[2001:db8::a]:8064/", 3);
        const report = (text: string) => `cat <<'EOF'\n${text}\nEOF`;
        assert.strictEqual(run(c.script, { curl: report("run 1 of 30\nPASS a\nPASS b\nPASS c\nall 3 checks passed") }).status, 0);
        const failed = run(c.script, { curl: report("run 2 of 30\nFAIL b\nprobe failed") });
        assert.strictEqual(failed.status, 1);
        assert.match(failed.out, /^  \| FAIL b$/m, "the remote report is shown indented, never as this probe's own verdict line");
        assert.doesNotMatch(failed.out, /^FAIL b$/m);
        assert.strictEqual(run(c.script, { curl: report("pending: the NAT64 probe has not finished its first run") }).status, 1);
        assert.strictEqual(run(c.script, { curl: report("all 2 checks passed") }).status, 1, "another probe's report");
        assert.strictEqual(run(c.script, { curl: "exit 7" }).status, 7, "curl's own failure fails the check");
        assert.throws(() => remoteProbePassedCheck("x", "http://[::1]/", 0), /checks must be a whole number of 1 or more, not 0/);
    });
});

describe("lib/nat64ProbeUserData: the instance runs its probe and serves the report", () => {
    const checks = [noGlobalIpv4Check(), nat64AaaaCheck(HOST), curlNat64Check(HOST, 80)];
    const opts = { checks, reportPort: 8064, attempts: 30, intervalSeconds: 10 };

    it("carries the rendered script unchanged, retries it, and serves the report dir over IPv6 unprivileged", () => {
        const ud = nat64ProbeUserData(opts);
        assert.ok(ud.startsWith("#!/bin/bash\nset -euo pipefail\n"));
        assert.ok(ud.includes(renderProbeScript(checks).trimEnd()), "the probe script, verbatim");
        assert.match(ud, /if \[ "\$status" -eq 0 \] \|\| \[ "\$n" -ge 30 \]; then exit "\$status"; fi\n  sleep 10/);
        assert.ok(ud.includes(`ExecStart=/usr/bin/python3 -m http.server 8064 --bind :: --directory ${NAT64_REPORT_DIR}`));
        assert.ok(ud.includes("DynamicUser=yes"));
        assert.strictEqual(nat64ProbeBudgetSeconds(opts, 70), 30 * 80);
    });

    it("the run loop, executed: stops at the first passing run, or after the attempts with the last failure served", () => {
        const ud = nat64ProbeUserData({ ...opts, attempts: 3, intervalSeconds: 1 });
        const loop = /cat > \/opt\/nat64-probe\/run.sh <<'RUN_EOF'\n([\s\S]*?)\nRUN_EOF/.exec(ud)![1];
        for (const [probe, status, runs] of [["exit 0", 0, 1], ["exit 1", 1, 3]] as const) {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nat64-run-"));
            try {
                // The real loop, with its 1 s pause cut to none (the count of runs is what is tested).
                const script = loop.replace(/^  sleep 1$/m, "  sleep 0").replace(/\/opt\/nat64-probe\/probe\.sh/g, `${dir}/probe.sh`).replace(new RegExp(NAT64_REPORT_DIR, "g"), dir).replace(/\/dev\/console/g, `${dir}/console`).replace(/\/tmp\/nat64-report/g, `${dir}/report`);
                fs.writeFileSync(`${dir}/probe.sh`, `echo ran >> ${dir}/runs\n${probe}\n`);
                const r = spawnSync("/bin/sh", ["-c", script]);
                assert.strictEqual(r.status, status);
                assert.strictEqual(fs.readFileSync(`${dir}/runs`, "utf8").trim().split("\n").length, runs);
                assert.match(fs.readFileSync(`${dir}/index.html`, "utf8"), new RegExp(`^run ${runs} of 3`));
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        }
    });

    it("refuses a privileged or invalid port, unbounded attempts and intervals, naming the option", () => {
        assert.throws(() => nat64ProbeUserData({ ...opts, reportPort: 80 }), /reportPort 80 must be from 1024 to 65535/);
        assert.throws(() => nat64ProbeUserData({ ...opts, attempts: 0 }), /attempts 0 must be a whole number from 1 to 100/);
        assert.throws(() => nat64ProbeUserData({ ...opts, intervalSeconds: 0.5 }), /intervalSeconds 0.5 must be from 1 to 300/);
        assert.throws(() => nat64ProbeUserData({ ...opts, checks: [{ name: "x", script: "echo PROBE_EOF" }] }), /heredoc marker/);
    });
});
