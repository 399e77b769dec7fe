import * as assert from "assert";
import { execFileSync } from "child_process";
import { aOnlyCheck, curlCheck, digAnswers, renderProbeScript, resolvesCheck, v4if0Check, v6if0Check } from "../../lib/probes";

/** Runs a check's grep pattern against sample `ip -o addr` output with the real sh and grep. */
function matches(script: string, sample: string): boolean {
    const grep = script.slice(script.indexOf("grep"));
    try {
        execFileSync("sh", ["-c", `printf '%s\\n' "$SAMPLE" | ${grep}`], { env: { ...process.env, SAMPLE: sample } });
        return true;
    } catch {
        return false;
    }
}

describe("lib/probes", () => {
    it("v4if0 accepts 169.254.172.0/22 and nothing else", () => {
        const s = v4if0Check().script;
        assert.ok(matches(s, "3: v4if0    inet 169.254.172.4/22 brd 169.254.175.255 scope global v4if0"));
        assert.ok(matches(s, "3: v4if0    inet 169.254.175.250/22 scope global v4if0"));
        assert.ok(!matches(s, "3: v4if0    inet 169.254.176.4/22 scope global v4if0"));
        assert.ok(!matches(s, "3: v4if0    inet 10.0.0.4/22 scope global v4if0"));
    });
    it("v6if0 accepts fd00::ac:0/118 addresses and nothing else", () => {
        const s = v6if0Check().script;
        assert.ok(matches(s, "3: v6if0    inet6 fd00::ac:2/118 scope global"));
        assert.ok(matches(s, "3: v6if0    inet6 fd00::ac:3ff/118 scope global"));
        assert.ok(!matches(s, "3: v6if0    inet6 fd00::ad:2/118 scope global"));
        assert.ok(!matches(s, "3: v6if0    inet6 2001:db8::ac:2/64 scope global"));
    });
    it("renders a script that runs every check and fails if any failed", () => {
        const script = renderProbeScript([{ name: "ok", script: "true" }, { name: "broken", script: "false" }, { name: "also ok", script: "true" }]);
        let out = "";
        let code = 0;
        try {
            out = execFileSync("sh", ["-c", script]).toString();
        } catch (e) {
            code = (e as { status: number }).status;
            out = String((e as { stdout: Buffer }).stdout);
        }
        assert.strictEqual(code, 1);
        assert.match(out, /PASS ok/);
        assert.match(out, /FAIL broken/);
        assert.match(out, /PASS also ok/);
    });
    it("passes when every check passes", () => {
        const out = execFileSync("sh", ["-c", renderProbeScript([{ name: "a", script: "true" }])]).toString();
        assert.match(out, /all 1 checks passed/);
    });
    it("quotes hosts so a name cannot inject shell", () => {
        const check = aOnlyCheck("x'; rm -rf / #");
        assert.ok(check.script.includes(`'x'\\''; rm -rf / #'`));
        assert.match(curlCheck("ipv4", "http://h:80/").script, /^curl -4 /);
        assert.match(curlCheck("ipv6", "http://h:80/").script, /^curl -6 /);
    });
    it("refuses an empty probe", () => assert.throws(() => renderProbeScript([]), /at least one check/));
});

describe("lib/probes digAnswers: dig's errors are never answers", () => {
    const { spawnSync } = require("child_process") as typeof import("child_process");
    const fs = require("fs") as typeof import("fs");
    const os = require("os") as typeof import("os");
    const path = require("path") as typeof import("path");
    /** Runs a check's script with a fake `dig` on PATH that prints `output`. */
    const runWithDig = (script: string, output: string) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-dig-"));
        try {
            fs.writeFileSync(path.join(dir, "dig"), `#!/bin/sh\nprintf '%s\\n' ${JSON.stringify(output).replace(/"/g, "'")}\n`, { mode: 0o755 });
            return spawnSync("/bin/sh", ["-c", script], { env: { PATH: `${dir}:/usr/bin:/bin` } }).status;
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    };
    const timedOut = ";; communications error to fd00:10:96::a#53: timed out";
    it("a resolver that times out fails 'has AAAA records' (it passed before: dig prints the error on stdout)", () => {
        const check = resolvesCheck("svc.example", "AAAA");
        assert.strictEqual(runWithDig(check.script, timedOut), 1);
        assert.strictEqual(runWithDig(check.script, "2001:db8::1"), 0);
    });
    it("a CNAME target alone is not an answer; the address after it is", () => {
        const check = resolvesCheck("svc.example", "A");
        assert.strictEqual(runWithDig(check.script, "target.example."), 1);
        assert.strictEqual(runWithDig(check.script, "192.0.2.10"), 0);
    });
    it("digAnswers keeps the bounds (+time=2 +tries=2)", () => {
        assert.match(digAnswers("AAAA", "'h'"), /^dig \+short AAAA 'h' \+time=2 \+tries=2 \| grep -v -e '\^;' -e '\\\.\$'$/);
    });
});
