/**
 * Issue 20, fail fast: an error thrown inside an Output.apply fails the engine's run (and so the
 * test) with the error's message, and a promise rejected with nobody listening fails the running
 * test at once: that fixture runs in its own mocha process, with the repository's .mocharc.js.
 */
import * as assert from "assert";
import { execFile } from "child_process";
import * as path from "path";
import * as aws from "@pulumi/aws";
import { ConfigError } from "../../lib/errors";
import { runComponents } from "../helpers/program";

const ROOT = path.resolve(__dirname, "../..");
const MOCHA = path.join(ROOT, "node_modules/mocha/bin/mocha.js");

interface Failure { title: string; duration?: number; err: { message: string } }

function runFixture(file: string): Promise<{ code: number | null; ms: number; report: { stats: { passes: number; failures: number }; failures: Failure[] } }> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
        execFile(process.execPath, [MOCHA, "--reporter", "json", "--exit", path.join("test/fixtures/failFast", file)], { cwd: ROOT, timeout: 120_000, maxBuffer: 10 * 1024 * 1024 }, (err, stdout, stderr) => {
            const json = stdout.slice(stdout.indexOf("{"), stdout.lastIndexOf("}") + 1);
            try {
                resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, ms: Date.now() - started, report: JSON.parse(json) });
            } catch {
                reject(new Error(`${file}: no JSON report\n${stdout}\n${stderr}`));
            }
        });
    });
}

describe("fail fast (issue 20)", function () {
    this.timeout(150_000);

    it("an error thrown inside an Output.apply fails the run with its message, in seconds (the engine's own capture)", async () => {
        const started = Date.now();
        const error = await runComponents(() => {
            const vpc = new aws.ec2.Vpc("v", { cidrBlock: "10.0.0.0/16" });
            new aws.ec2.Subnet("s", {
                vpcId: vpc.id,
                cidrBlock: vpc.cidrBlock.apply((cidr) => {
                    throw new ConfigError("fixture.subnetCidr", cidr, "use a block inside the VPC (fixture)");
                }),
            });
        }).then(() => undefined, (e: unknown) => e);
        // Before issue 20 the run resolved without the subnet, and the test passed.
        assert.ok(error instanceof ConfigError, `the run must fail with the ConfigError, not ${String(error)}`);
        assert.match(error.message, /fixture\.subnetCidr: "10\.0\.0\.0\/16" is invalid; use a block inside the VPC \(fixture\)/);
        assert.ok(Date.now() - started < 30_000);
    });

    it("a plain error inside an apply fails it too, naming every message", async () => {
        await assert.rejects(runComponents(() => {
            const vpc = new aws.ec2.Vpc("v", { cidrBlock: "10.0.0.0/16" });
            new aws.ec2.Subnet("s", { vpcId: vpc.id, cidrBlock: vpc.cidrBlock.apply((): string => { throw new Error("no subnet fits (fixture)"); }) });
        }), /the program failed inside an Output\.apply or another promise it did not await:[\s\S]*no subnet fits \(fixture\)/);
    });

    it("an unhandled rejection fails the running test at once with its message, not after its 20 s wait", async () => {
        const { code, report, ms } = await runFixture("unhandledRejection.fixture.ts");
        assert.notStrictEqual(code, 0);
        assert.deepStrictEqual([report.stats.passes, report.stats.failures], [0, 1]);
        assert.match(report.failures[0].err.message, /nobody awaited this rejection \(fixture\)/);
        assert.ok(ms < 20_000, `the run took ${ms} ms: the test waited instead of failing`);
    });
});
