import * as assert from "assert";
import { execFileSync } from "child_process";
import { aOnlyCheck, curlCheck, renderProbeScript, v4if0Check, v6if0Check } from "../../lib/probes";

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
