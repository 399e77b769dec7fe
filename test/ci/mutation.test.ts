/**
 * The mutation-testing set-up (issue 20): `npm run mutation` runs StrykerJS, which is not part of
 * `npm test`, so these checks keep its wiring from rotting between the weekly runs: the two
 * workarounds still match the installed Stryker and Mocha, the folder argument is checked, the test order
 * lists every test file once, and the weekly workflow measures the folders the config names.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { REPO_ROOT } from "../../engine/stackConfig";

const read = (f: string) => fs.readFileSync(path.join(REPO_ROOT, f), "utf8");

describe("mutation testing set-up (npm run mutation)", () => {
    it("the Mocha 12 shim resolves exactly the three CLI internals the Stryker runner requires without an extension", () => {
        const script = [
            "require('./scripts/mutation/mocha12-compat.cjs');",
            "const root = require('path').dirname(require.resolve('mocha/package.json'));",
            "for (const m of ['run-helpers', 'options', 'collect-files']) console.log(require.resolve(root + '/lib/cli/' + m));",
            "try { require.resolve(root + '/lib/cli/no-such-file'); console.log('resolved'); } catch (e) { console.log(e.code); }",
        ].join("\n");
        const r = spawnSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, encoding: "utf8" });
        assert.strictEqual(r.status, 0, r.stderr);
        const lines = r.stdout.trim().split("\n");
        assert.deepStrictEqual(lines.slice(0, 3).map((l) => path.basename(l)), ["run-helpers.cjs", "options.cjs", "collect-files.cjs"]);
        assert.strictEqual(lines[3], "MODULE_NOT_FOUND", "the shim must not resolve anything else");
    });

    it("the hybrid-mutant hook's line is still in the installed Stryker planner (an upgrade that changes it fails here, not in a weekly run)", () => {
        const hooks = read("scripts/mutation/hot-swap-hybrids.hooks.mjs");
        const original = /const ORIGINAL = "([^"]+)";/.exec(hooks)?.[1];
        assert.ok(original, "hot-swap-hybrids.hooks.mjs names the line it patches");
        const planner = require.resolve("@stryker-mutator/core/package.json").replace(/package\.json$/, "dist/src/mutants/mutant-test-planner.js");
        assert.strictEqual(fs.readFileSync(planner, "utf8").split(original).length - 1, 1, `${planner} must contain "${original}" exactly once`);
    });

    it("refuses a folder it does not measure, naming it and the ones it does", () => {
        const r = spawnSync(process.execPath, ["scripts/mutation/run.mjs", "libs"], { cwd: REPO_ROOT, encoding: "utf8" });
        assert.strictEqual(r.status, 2, r.stderr);
        assert.match(r.stderr, /folder "libs" is not measured; use one of lib, policies\/rules, engine\/reachability, engine, policies, components/);
    });

    it("survivors.mjs lists the changes no test noticed, with line, mutator and replacement, and names a missing report", () => {
        const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "survivors-"));
        fs.mkdirSync(path.join(dir, "reports/mutation/lib"), { recursive: true });
        fs.mkdirSync(path.join(dir, "scripts/mutation"), { recursive: true });
        fs.copyFileSync(path.join(REPO_ROOT, "scripts/mutation/survivors.mjs"), path.join(dir, "scripts/mutation/survivors.mjs"));
        fs.copyFileSync(path.join(REPO_ROOT, "stryker.config.mjs"), path.join(dir, "stryker.config.mjs"));
        const loc = (line: number, a: number, b: number) => ({ start: { line, column: a }, end: { line, column: b } });
        const report = {
            files: {
                "lib/x.ts": {
                    source: "const a = 1;\nif (a < 2) f();\n",
                    mutants: [
                        { status: "Killed", mutatorName: "NumericLiteral", replacement: "0", location: loc(1, 11, 12) },
                        { status: "Survived", mutatorName: "EqualityOperator", replacement: "a <= 2", location: loc(2, 5, 10) },
                        { status: "NoCoverage", mutatorName: "BlockStatement", replacement: "{}", location: loc(2, 12, 15) },
                    ],
                },
            },
        };
        const run = (...args: string[]) => spawnSync(process.execPath, ["scripts/mutation/survivors.mjs", ...args], { cwd: dir, encoding: "utf8" });
        const missing = run("engine");
        assert.strictEqual(missing.status, 2);
        assert.match(missing.stderr, /reports\/mutation\/engine\/mutation\.json does not exist: run `npm run mutation -- engine` first/);
        assert.match(run("libs").stderr, /folder is one of lib, /);
        fs.writeFileSync(path.join(dir, "reports/mutation/lib/mutation.json"), JSON.stringify(report));
        const r = run("lib");
        assert.strictEqual(r.status, 0, r.stderr);
        assert.deepStrictEqual(r.stdout.trimEnd().split("\n"), [
            "    2 of     3  lib/x.ts",
            "",
            "lib/x.ts:2:5  survived  EqualityOperator: a < 2 -> a <= 2",
            "lib/x.ts:2:12  no test reaches  BlockStatement: f() -> {}",
        ]);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("mocha runs every test file exactly once, unit tests (test/lib) first", () => {
        // As `npm test` loads it: no test file named on the command line.
        const r = spawnSync(process.execPath, ["-e", "console.log(JSON.stringify(require('./.mocharc.js').spec))"], { cwd: REPO_ROOT, encoding: "utf8" });
        assert.strictEqual(r.status, 0, r.stderr);
        const spec: string[] = JSON.parse(r.stdout);
        const onDisk: string[] = [];
        const walk = (dir: string) => {
            for (const e of fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
                const f = `${dir}/${e.name}`;
                if (e.isDirectory()) walk(f);
                else if (e.name.endsWith(".test.ts")) onDisk.push(f);
            }
        };
        walk("test");
        assert.strictEqual(new Set(spec).size, spec.length, "a file is listed twice");
        assert.deepStrictEqual([...spec].sort(), onDisk.sort());
        assert.ok(spec[0].startsWith("test/lib/"), spec[0]);
        const firstWhole = spec.findIndex((f) => f.startsWith("test/stacks/"));
        assert.ok(spec.slice(firstWhole).every((f) => !f.startsWith("test/lib/")), "a unit test runs after the whole-stack tests");
    });

    it("the weekly workflow measures each folder the config names, on a schedule, and keeps the report", () => {
        const wf = parse(read(".github/workflows/mutation.yml"));
        const block = /export const FOLDERS = \{([\s\S]*?)\n\};/.exec(read("stryker.config.mjs"))?.[1] ?? "";
        const folders = [...block.matchAll(/^ {4}"([^"]+)": \[/gm)].map((m) => m[1]);
        assert.ok(folders.length >= 3, "stryker.config.mjs FOLDERS");
        assert.deepStrictEqual(wf.jobs.mutation.strategy.matrix.folder, folders);
        assert.ok(wf.on.schedule?.length, "runs on a schedule");
        assert.ok(!("pull_request" in wf.on), "not on pull requests (hours of CPU)");
        const steps: any[] = wf.jobs.mutation.steps;
        assert.ok(steps.some((s) => /npm run mutation -- "\$FOLDER"/.test(s.run ?? "")));
        assert.ok(steps.some((s) => String(s.uses).startsWith("actions/upload-artifact@") && s.if === "${{ !cancelled() }}"));
    });
});
