import * as assert from "assert";
import * as fs from "fs";
import { parse } from "yaml";
import { planDestroy } from "../../engine/destroy";
import { listStacks } from "../../engine/stackConfig";
import { graphOf } from "../helpers/graphs";

interface Step { uses?: string; if?: string; with?: Record<string, unknown>; "timeout-minutes"?: number }

describe("e2e workflow: timeouts follow the destroy plan", () => {
    const wf = parse(fs.readFileSync(".github/workflows/e2e.yml", "utf8")) as { jobs: Record<string, { steps: Step[]; "timeout-minutes"?: number }> };
    const job = Object.values(wf.jobs).find((j) => j.steps.some((s) => s.with?.command === "destroy"))!;
    const up = job.steps.findIndex((s) => s.with?.command === "up");
    const destroy = job.steps.findIndex((s) => s.with?.command === "destroy");
    const SESSION_MINUTES = 180; // role-duration-seconds and token-expiration 10800

    it("the destroy step outlasts the longest chain of provider delete waits of every stack, with 10 minutes to spare", async () => {
        let worst = 0;
        // One stack at a time: the Pulumi runtime under the model is global.
        for (const s of listStacks()) worst = Math.max(worst, planDestroy(await graphOf(s)).worstCaseMinutes);
        assert.ok(worst >= 60, `the node group's own delete timeout is 60 minutes (got ${worst})`);
        assert.ok(job.steps[destroy]["timeout-minutes"]! >= worst + 10, `destroy timeout ${job.steps[destroy]["timeout-minutes"]} < ${worst} + 10`);
        assert.ok(job.steps[destroy]["timeout-minutes"]! <= SESSION_MINUTES, "destroy fits in one credentials session");
    });

    it("destroy gets fresh AWS and Pulumi credentials, also after a failed up", () => {
        for (const action of ["aws-actions/configure-aws-credentials", "pulumi/auth-actions"]) {
            const i = job.steps.findIndex((s, n) => n > up && n < destroy && s.uses?.startsWith(`${action}@`));
            assert.ok(i > up, `${action} between up and destroy`);
            assert.match(job.steps[i].if ?? "", /always\(\)/);
        }
        for (const s of job.steps.filter((x) => x.uses?.startsWith("aws-actions/configure-aws-credentials@"))) assert.strictEqual(Number(s.with?.["role-duration-seconds"]), SESSION_MINUTES * 60);
    });

    it("the job's timeout holds up, destroy and 10 minutes of setup; up fits in its session", () => {
        const upMinutes = job.steps[up]["timeout-minutes"]!;
        assert.ok(upMinutes + 10 <= SESSION_MINUTES);
        assert.ok(job["timeout-minutes"]! >= upMinutes + job.steps[destroy]["timeout-minutes"]! + 10);
    });
});
