/**
 * lib/probes.ts at its edges (issue 20, mutation survivors): the PASS/FAIL line each check prints
 * (its name), the bounds of every numeric argument (at the limit accepted, one past refused), and
 * the scripts run with the real sh and awk against fake dig, curl, ip and getent, so a check that
 * asks the wrong record type, the wrong family or compares the wrong prefix fails here.
 * probes.test.ts covers the address patterns, the script frame and dig's error lines.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    aOnlyCheck, aaaaWithinCheck, clientIpWithinCheck, curlCheck, curlFirstAaaaCheck, curlNat64Check, curlOnceCheck, failsCheck, ipv6PrefixNibbles,
    nat64AaaaCheck, noGlobalIpv4Check, noV6if0Check, remoteProbePassedCheck, renderProbeScript, resolvesCheck, retryBudgetSeconds, retrying, serviceAnswersCheck,
    v4if0Check, v6if0Check,
} from "../../lib/probes";

/** Fake tools: dig answers per record type, curl prints $CURL_OUT and logs its arguments, ip and getent print fixed text. */
const TOOLS: Record<string, string> = {
    dig: `#!/bin/sh\ncase "$2" in A) printf '%s' "$DIG_A";; AAAA) printf '%s' "$DIG_AAAA";; esac\n`,
    curl: `#!/bin/sh\nprintf '%s\\n' "$*" >> "$LOG"\nprintf '%s' "$CURL_OUT"\nexit \${CURL_RC:-0}\n`,
    ip: `#!/bin/sh\necho "ip $*" >> "$LOG"\nprintf '%s' "$IP_OUT"\nexit \${IP_RC:-0}\n`,
    getent: `#!/bin/sh\nprintf '%s' "$GETENT_OUT"\n`,
    sleep: `#!/bin/sh\necho "sleep $1" >> "$LOG"\n`,
};

/** Runs a script with the fake tools; returns its exit status and what curl/ip/sleep were called with. */
function run(script: string, env: Record<string, string> = {}): { status: number | null; log: string; stdout: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "probe-edges-"));
    try {
        for (const [name, body] of Object.entries(TOOLS)) fs.writeFileSync(path.join(dir, name), body, { mode: 0o755 });
        const log = path.join(dir, "log");
        fs.writeFileSync(log, "");
        const r = spawnSync("/bin/sh", ["-c", script], { env: { PATH: `${dir}:/usr/bin:/bin`, LOG: log, ...env }, encoding: "utf8" });
        return { status: r.status, log: fs.readFileSync(log, "utf8"), stdout: r.stdout };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("lib/probes edges: the line each check prints", () => {
    const names: [string, string][] = [
        [v4if0Check().name, "v4if0 has an address in 169.254.172.0/22"],
        [v6if0Check().name, "v6if0 has an address in fd00::ac:00/118"],
        [aOnlyCheck("h.example").name, "h.example has A records and no AAAA"],
        [resolvesCheck("h.example", "AAAA").name, "h.example has AAAA records"],
        [curlCheck("ipv6", "http://h:80/").name, "curl -6 http://h:80/"],
        [curlOnceCheck("ipv4", "http://h:80/").name, "curl -4 http://h:80/"],
        [curlOnceCheck("ipv6", "http://h:80/").name, "curl -6 http://h:80/"],
        [curlFirstAaaaCheck("h.example", 8080).name, "curl -6 to the first AAAA of h.example"],
        [noV6if0Check().name, "no v6if0 (v6 egress is off)"],
        [clientIpWithinCheck("h.example", 8080, "2001:db8:0:100::/56").name, "the server at h.example sees a source address in 2001:db8:0:100::/56"],
        [aaaaWithinCheck("h.example", "2001:db8:0:100::/56").name, "h.example has AAAA records, all in 2001:db8:0:100::/56"],
        [failsCheck({ name: "x", script: "true" }, "no route").name, "x fails (no route)"],
        [serviceAnswersCheck("ipv4", "sts.amazonaws.com", "v4if0", "STS").name, "sts.amazonaws.com (STS) answers curl -4 https://sts.amazonaws.com/ from v4if0 (169.254.172.0/22)"],
        [serviceAnswersCheck("ipv6", "sts.amazonaws.com", { ipv6Cidr: "2001:db8::/56" }, "STS").name, "sts.amazonaws.com (STS) answers curl -6 https://sts.amazonaws.com/ from a pod address in 2001:db8::/56"],
        [noGlobalIpv4Check().name, "no IPv4 address besides loopback (IPv6-only)"],
        [nat64AaaaCheck("h.example").name, "h.example resolves to AAAA records in 64:ff9b::/96 (DNS64)"],
        [curlNat64Check("h.example", 80).name, "curl -6 to h.example through NAT64"],
        [remoteProbePassedCheck("the IPv6-only instance", "http://[2001:db8::5]/", 3).name, "the IPv6-only instance reports all 3 checks passed (http://[2001:db8::5]/)"],
        [retrying({ name: "x", script: "true" }, 3, 5).name, "x (up to 3 tries, 5s apart)"],
        [retrying({ name: "x", script: "true" }, 3, 5, 30).name, "x (up to 3 tries, 5s apart, the first after 30s)"],
    ];
    for (const [actual, expected] of names) it(expected, () => assert.strictEqual(actual, expected));

    it("the rendered script: shebang, a header comment, the failed flag, one line per check, a final newline", () => {
        const lines = renderProbeScript([{ name: "a", script: "true" }]).split("\n");
        assert.deepStrictEqual(lines.slice(0, 3), ["#!/bin/sh", "# Connectivity probe generated by lib/probes.ts; every check runs, then the Job fails if any did.", "failed=0"]);
        assert.strictEqual(lines.length, 7);
        assert.strictEqual(lines[6], "");
        assert.strictEqual(run(renderProbeScript([{ name: "a", script: "true" }, { name: "b", script: "true" }])).stdout, "PASS a\nPASS b\nall 2 checks passed\n");
    });
});

describe("lib/probes edges: numeric bounds, at the limit and one past", () => {
    const noThrow = (f: () => unknown) => assert.doesNotThrow(f);
    it("curlOnceCheck maxTimeSeconds: 1 and 60 accepted; 0 and 61 refused with the range and the value; 5 by default", () => {
        noThrow(() => curlOnceCheck("ipv4", "http://h/", 1));
        noThrow(() => curlOnceCheck("ipv4", "http://h/", 60));
        assert.throws(() => curlOnceCheck("ipv4", "http://h/", 0), /^Error: curlOnceCheck: maxTimeSeconds must be from 1 to 60, not 0$/);
        assert.throws(() => curlOnceCheck("ipv4", "http://h/", 61), /not 61$/);
        assert.match(curlOnceCheck("ipv4", "http://h/", 1).script, /--max-time 1 /);
        assert.strictEqual(curlOnceCheck("ipv6", "http://h/").script, "curl -6 -fsS --max-time 5 -o /dev/null 'http://h/'");
        assert.strictEqual(curlOnceCheck("ipv4", "http://h/").script, "curl -4 -fsS --max-time 5 -o /dev/null 'http://h/'");
    });
    it("retrying: attempts 1..100, interval 1..60, initial delay 0..300", () => {
        const c = { name: "x", script: "true" };
        noThrow(() => retrying(c, 1, 1, 0));
        noThrow(() => retrying(c, 100, 60, 300));
        assert.throws(() => retrying(c, 101, 1), /attempts must be a whole number from 1 to 100, not 101/);
        assert.throws(() => retrying(c, 1, 61), /intervalSeconds must be from 1 to 60, not 61/);
        assert.throws(() => retrying(c, 1, 1, 301), /initialDelaySeconds must be from 0 to 300, not 301/);
    });
    it("retrying: no delay before the first try unless asked; then exactly that delay", () => {
        assert.strictEqual(retrying({ name: "x", script: "true" }, 2, 3).script, "n=0; until ( true ); do n=$((n+1)); if [ \"$n\" -ge 2 ]; then exit 1; fi; sleep 3; done");
        assert.strictEqual(retrying({ name: "x", script: "true" }, 2, 3, 1).script, "sleep 1; n=0; until ( true ); do n=$((n+1)); if [ \"$n\" -ge 2 ]; then exit 1; fi; sleep 3; done");
        assert.strictEqual(retrying({ name: "x", script: "true" }, 2, 3, 0).name, "x (up to 2 tries, 3s apart)");
    });
    it("retryBudgetSeconds is attempts x interval", () => {
        assert.strictEqual(retryBudgetSeconds(6, 10), 60);
        assert.strictEqual(retryBudgetSeconds(1, 1), 1);
    });
    it("ipv6PrefixNibbles: /4 is the shortest prefix, /0 is refused; nibbles are cut to the prefix", () => {
        assert.strictEqual(ipv6PrefixNibbles("2000::/4"), "2");
        assert.throws(() => ipv6PrefixNibbles("::/0"), /"::\/0" is not an IPv6 CIDR with a prefix length that is a multiple of 4/);
        assert.strictEqual(ipv6PrefixNibbles("2001:db8:0:100::/56"), "20010db8000001");
    });
    it("remoteProbePassedCheck checks: 1 accepted, 0 refused", () => {
        noThrow(() => remoteProbePassedCheck("x", "http://h/", 1));
        assert.throws(() => remoteProbePassedCheck("x", "http://h/", 0), /checks must be a whole number of 1 or more, not 0/);
    });
});

describe("lib/probes edges: the scripts under fake tools", () => {
    it("aOnlyCheck asks for A and for AAAA: A answers and no AAAA passes; an AAAA answer or no A fails", () => {
        const s = aOnlyCheck("h.example").script;
        assert.strictEqual(run(s, { DIG_A: "192.0.2.1" }).status, 0);
        assert.notStrictEqual(run(s, { DIG_A: "192.0.2.1", DIG_AAAA: "2001:db8::1" }).status, 0);
        assert.notStrictEqual(run(s, { DIG_AAAA: "2001:db8::1" }).status, 0);
    });

    it("curlFirstAaaaCheck connects to the first AAAA answer, on the port, at / by default", () => {
        const r = run(curlFirstAaaaCheck("h.example", 8080).script, { DIG_AAAA: "2001:db8::7\n2001:db8::8" });
        assert.strictEqual(r.status, 0);
        assert.strictEqual(r.log, "-6 -fsS --max-time 10 -o /dev/null http://[2001:db8::7]:8080/\n");
        assert.notStrictEqual(run(curlFirstAaaaCheck("h.example", 8080).script, { DIG_A: "192.0.2.1" }).status, 0);
    });

    it("noV6if0Check passes when ip finds no v6if0 and fails when it does", () => {
        assert.strictEqual(run(noV6if0Check().script, { IP_RC: "1" }).status, 0);
        const r = run(noV6if0Check().script, { IP_RC: "0" });
        assert.notStrictEqual(r.status, 0);
        assert.strictEqual(r.log, "ip link show dev v6if0\n");
    });

    it("clientIpWithinCheck: the source the server saw must lie in the client VPC's block", () => {
        const s = clientIpWithinCheck("h.example", 8080, "2001:db8:0:100::/56").script;
        const inside = run(s, { DIG_AAAA: "2001:db8:0:200::9", CURL_OUT: "[2001:db8:0:1ab::5]:41234" });
        assert.strictEqual(inside.status, 0, inside.stdout);
        assert.strictEqual(inside.log, "-6 -fsS --max-time 10 http://[2001:db8:0:200::9]:8080/clientip\n");
        assert.match(inside.stdout, /^source seen by 2001:db8:0:200::9: 2001:db8:0:1ab::5$/m);
        assert.notStrictEqual(run(s, { DIG_AAAA: "2001:db8:0:200::9", CURL_OUT: "[2001:db8:0:200::5]:41234" }).status, 0);
        assert.notStrictEqual(run(s, { CURL_OUT: "[2001:db8:0:1ab::5]:41234" }).status, 0, "no AAAA answer");
        assert.notStrictEqual(run(s, { DIG_AAAA: "2001:db8:0:200::9", CURL_OUT: "[2001:db8:0:1ab::5]:41234", CURL_RC: "7" }).status, 0, "curl failed");
    });

    it("aaaaWithinCheck: every AAAA answer in the block, and at least one", () => {
        const s = aaaaWithinCheck("h.example", "2001:db8:0:100::/56").script;
        assert.strictEqual(run(s, { DIG_AAAA: "2001:db8:0:101::1\n2001:db8:0:1ff::2" }).status, 0);
        assert.notStrictEqual(run(s, { DIG_AAAA: "2001:db8:0:101::1\n2001:db8:0:200::2" }).status, 0);
        assert.notStrictEqual(run(s, { DIG_A: "192.0.2.1" }).status, 0);
    });

    it("serviceAnswersCheck from v4if0: any HTTP status from a v4if0 address passes; another source or no answer fails", () => {
        const s = serviceAnswersCheck("ipv4", "sts.amazonaws.com", "v4if0", "STS").script;
        const ok = run(s, { CURL_OUT: "403 169.254.172.9\n" });
        assert.strictEqual(ok.status, 0);
        assert.strictEqual(ok.log, "-4 -sS --max-time 10 --retry 2 --retry-delay 3 --retry-all-errors -o /dev/null -w %{http_code} %{local_ip}\\n https://sts.amazonaws.com/\n");
        assert.match(ok.stdout, /HTTP 403, local address 169\.254\.172\.9/);
        assert.notStrictEqual(run(s, { CURL_OUT: "403 10.0.0.9\n" }).status, 0);
        assert.notStrictEqual(run(s, { CURL_OUT: "000 169.254.172.9\n" }).status, 0);
    });

    it("serviceAnswersCheck from an IPv6 block: the local address must lie in it", () => {
        const s = serviceAnswersCheck("ipv6", "sts.amazonaws.com", { ipv6Cidr: "2001:db8:0:100::/56" }, "STS").script;
        const ok = run(s, { CURL_OUT: "200 2001:db8:0:1aa::3\n" });
        assert.strictEqual(ok.status, 0, ok.stdout);
        assert.match(ok.log, /^-6 -sS .* https:\/\/sts\.amazonaws\.com\/\n$/);
        assert.notStrictEqual(run(s, { CURL_OUT: "200 2001:db8:0:200::3\n" }).status, 0);
    });

    it("serviceAnswersCheck refuses a family that cannot be proven from that source, and a host that is no DNS name", () => {
        assert.throws(() => serviceAnswersCheck("ipv6", "sts.amazonaws.com", "v4if0", "STS"), /^Error: serviceAnswersCheck: an ipv6 request cannot be proven to leave through v4if0$/);
        assert.throws(() => serviceAnswersCheck("ipv4", "sts.amazonaws.com", { ipv6Cidr: "2001:db8::/56" }, "STS"), /^Error: serviceAnswersCheck: an ipv4 request cannot be proven to leave from an IPv6 address$/);
        assert.throws(() => serviceAnswersCheck("ipv4", "sts amazonaws", "v4if0", "STS"), /"sts amazonaws" is not a DNS name/);
        assert.throws(() => serviceAnswersCheck("ipv4", "", "v4if0", "STS"), /"" is not a DNS name/);
        assert.doesNotThrow(() => serviceAnswersCheck("ipv4", "a", "v4if0", "STS"));
    });
});
