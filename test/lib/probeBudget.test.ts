/**
 * The worst-case model of a probe script (lib/probeBudget.ts), and every scenario's planned probe
 * Job held to it: the script's own retry budget, with start-up, ends within the Job's
 * activeDeadlineSeconds, which ends within pulumi's 10-minute wait. The probe harness
 * (test/probes/probes.netns.test.ts) checks the model's counts against a real run.
 */
import * as assert from "assert";
import type { Graph } from "../../engine/graph";
import { checkBudget, PROBE_START_UP_SECONDS, scriptBudget } from "../../lib/probeBudget";
import { aOnlyCheck, curlCheck, curlFirstAaaaCheck, curlOnceCheck, failsCheck, renderProbeScript, resolvesCheck, retrying, v4if0Check } from "../../lib/probes";
import { graphOf, planWith } from "../helpers/graphs";
import { loadStackConfig } from "../../engine/stackConfig";

function jobOf(graph: Graph) {
    const script = graph.resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap" && typeof r.inputs?.data?.["probe.sh"] === "string")!.inputs.data["probe.sh"] as string;
    const job = graph.resources.find((r) => r.type === "kubernetes:batch/v1:Job")!;
    return { script, deadline: job.inputs.spec.activeDeadlineSeconds as number };
}

describe("lib/probeBudget: the worst case of a probe script", () => {
    it("curl: every try times out, plus the retry delays; dig: its tries times its timeout", () => {
        assert.strictEqual(checkBudget(curlCheck("ipv4", "http://x/").script).seconds, 7 * 10 + 6 * 5);
        assert.strictEqual(checkBudget("curl -fsS --max-time 3 http://x/").seconds, 3);
        // Without --retry-delay, curl backs off 1, 2, 4 s.
        assert.strictEqual(checkBudget("curl --max-time 2 --retry 3 http://x/").seconds, 4 * 2 + 1 + 2 + 4);
        assert.deepStrictEqual(checkBudget(aOnlyCheck("x.example").script), { seconds: 8, digs: 2, curls: 0, sleepSeconds: 0 });
        assert.strictEqual(checkBudget("test -n \"$(dig +short A x)\"").seconds, 15, "dig's own defaults: 3 tries of 5 s");
        assert.strictEqual(checkBudget("dig +short A x +retry=0 +timeout=1").seconds, 1);
        assert.strictEqual(checkBudget(v4if0Check().script).seconds, 0, "ip and grep are local");
    });

    it("a retry loop counts every attempt and the waits between them, not after the last", () => {
        const loop = retrying(curlFirstAaaaCheck("echo.example", 8080), 6, 5, 60);
        assert.deepStrictEqual(checkBudget(loop.script), { seconds: 60 + 6 * (4 + 10) + 5 * 5, digs: 6, curls: 6, sleepSeconds: 60 + 25 });
        assert.strictEqual(checkBudget(failsCheck(curlFirstAaaaCheck("e.example", 80), "why").script).seconds, 14);
    });

    it("refuses what it cannot bound: curl without --max-time, an unknown loop, network work in a for loop", () => {
        assert.throws(() => checkBudget("curl -fsS http://x/"), /curl without --max-time has no bound.*add --max-time SECONDS/);
        assert.throws(() => checkBudget("while true; do curl --max-time 1 x; done"), /a loop this model does not know/);
        assert.throws(() => checkBudget("for h in a b; do dig +short A $h; done"), /network work inside a for loop/);
        assert.throws(() => scriptBudget("#!/bin/sh\necho hi\n"), /no checks found/);
    });

    it("a single-try curl inside a retry loop: attempts x its max time plus the waits between them", () => {
        assert.strictEqual(scriptBudget(renderProbeScript([retrying(curlOnceCheck("ipv4", "http://10.50.0.10:80/", 5), 30, 10)])).total.seconds, 30 * 5 + 29 * 10);
        assert.throws(() => curlOnceCheck("ipv4", "http://x/", 0), /maxTimeSeconds must be from 1 to 60, not 0/);
    });

    it("sums the checks of a rendered script, by name", () => {
        const b = scriptBudget(renderProbeScript([v4if0Check(), resolvesCheck("s.example", "AAAA"), curlCheck("ipv6", "http://s.example/")]));
        assert.deepStrictEqual(b.checks.map((c) => c.budget.seconds), [0, 4, 100]);
        assert.strictEqual(b.total.seconds, 104);
        assert.match(b.checks[1].name, /^s\.example has AAAA records$/);
    });

    for (const stack of ["peering-ipv4-egress", "tgw-dual-stack", "ipv4-pod-to-ipv6-pod", "onprem-vpn-ipv4-egress"]) {
        it(`${stack}: the planned script's worst case plus start-up ends within the Job's deadline, inside pulumi's wait`, async () => {
            const { script, deadline } = jobOf(await graphOf(stack));
            const worst = scriptBudget(script).total.seconds;
            assert.ok(worst + PROBE_START_UP_SECONDS <= deadline, `${stack}: ${worst} s + ${PROBE_START_UP_SECONDS} s start-up > activeDeadlineSeconds ${deadline}`);
            assert.ok(deadline <= 600, `${stack}: activeDeadlineSeconds ${deadline} is past pulumi's 10-minute wait`);
        });
    }

    it("ipv4-pod-to-ipv6-pod with v6 egress off: the same holds for the boundary probe", async () => {
        const NS = "eks-ipv6-interop";
        const base = loadStackConfig("ipv4-pod-to-ipv6-pod").config;
        const { script, deadline } = jobOf(await planWith("ipv4-pod-to-ipv6-pod", { overrides: { [`${NS}:ipv4Cluster`]: { ...JSON.parse(base[`${NS}:ipv4Cluster`]), v6Egress: false } } }));
        assert.ok(scriptBudget(script).total.seconds + PROBE_START_UP_SECONDS <= deadline && deadline <= 600);
    });
});
