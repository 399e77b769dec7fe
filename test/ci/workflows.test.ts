/**
 * The GitHub Actions workflows: valid against GitHub's own workflow schema, through
 * @actions/workflow-parser (MIT, github.com/actions/languageservices: the parser and
 * workflow-v1.0 schema behind GitHub's Actions language server), plus what a schema cannot see: the preview matrix is computed from stacks/,
 * OIDC permissions are exactly where AWS or Pulumi Cloud is reached, destroy always runs, no
 * long-lived credential, no script injection from inputs.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { main as ciStacks } from "../../engine/ciStacks";
import { REPO_ROOT, listStacks } from "../../engine/stackConfig";

const DIR = path.join(REPO_ROOT, ".github", "workflows");
const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

interface Step { uses?: string; run?: string; if?: string; id?: string; with?: Record<string, unknown>; env?: Record<string, string>; "timeout-minutes"?: number }
interface Job { permissions?: Record<string, string> | string; steps?: Step[]; needs?: string | string[]; if?: string; strategy?: { matrix?: Record<string, unknown> }; outputs?: Record<string, string>; environment?: string; "timeout-minutes"?: number }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string> | string; concurrency?: { group: string; "cancel-in-progress"?: boolean }; env?: Record<string, string>; jobs: Record<string, Job> }

const text = (f: string) => fs.readFileSync(path.join(DIR, f), "utf8");
const load = (f: string) => parse(text(f)) as Workflow;
const stepsOf = (job: Job) => job.steps ?? [];
const usesAction = (step: Step, action: string) => (step.uses ?? "").split("@")[0] === action;

/**
 * Errors GitHub's workflow parser reports for a workflow's text: its schema (keys, value types,
 * permission levels...) and the conversion to a workflow model (needs, matrix, expressions).
 * The package is ESM-only and imports its schema JSON without an import attribute, which Node's
 * own ESM loader refuses; tsx's ESM hooks (registered once here) load it.
 */
let esmHooks: Promise<unknown> | undefined;
async function workflowErrors(name: string, content: string): Promise<string[]> {
    const tsxEsmApi = "tsx/esm/api"; // a .mts entry the compiler's node10 resolution cannot type
    esmHooks ??= (import(tsxEsmApi) as Promise<{ register: () => unknown }>).then((m) => m.register());
    await esmHooks;
    const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import("@actions/workflow-parser");
    const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
    const errors = parsed.context.errors.getErrors().map((e) => e.message);
    if (errors.length === 0 && parsed.value) {
        const template = await convertWorkflowTemplate(parsed.context, parsed.value);
        errors.push(...(template.errors ?? []).map((e) => e.Message));
    }
    return [...new Set(errors)];
}

/** Jobs that obtain an OIDC token: to assume an AWS role or to exchange it for a Pulumi token. */
const OIDC_ACTIONS = ["aws-actions/configure-aws-credentials", "pulumi/auth-actions"];

describe("GitHub workflows", () => {
    it("ci, preview and e2e exist", () => {
        for (const f of ["ci.yml", "preview.yml", "e2e.yml"]) assert.ok(FILES.includes(f), `.github/workflows/${f}`);
    });

    describe("against GitHub's workflow schema (@actions/workflow-parser)", () => {
        for (const f of FILES) {
            it(`${f} is valid`, async () => {
                const errors = await workflowErrors(f, text(f));
                assert.deepStrictEqual(errors, [], `${f}:\n${errors.join("\n")}`);
            });
        }
        const typos: [string, string, string][] = [
            ["a misspelt job key", "runs-on: ubuntu-24.04", "run-on: ubuntu-24.04"],
            ["an unknown permission level", "contents: read", "contents: raed"],
            ["a string where a number belongs", "timeout-minutes: 20", "timeout-minutes: twenty"],
        ];
        for (const [name, from, to] of typos) {
            it(`refuses ${name}, naming the value (the validator is really wired)`, async () => {
                const broken = text("ci.yml").replace(from, to);
                assert.notStrictEqual(broken, text("ci.yml"), `ci.yml no longer contains ${from}`);
                const errors = await workflowErrors("ci.yml", broken);
                assert.ok(errors.some((e) => e.includes(to.split(": ")[to.startsWith("run-on") ? 0 : 1])), `${to} passed validation: ${JSON.stringify(errors)}`);
            });
        }
    });

    describe("least privilege and no long-lived credentials", () => {
        for (const f of FILES) {
            const wf = load(f);
            it(`${f}: the workflow level grants no write and no id-token`, () => {
                assert.ok(wf.permissions !== undefined, "set a top-level permissions block (default token permissions may be broad)");
                assert.ok(typeof wf.permissions === "object", `permissions: ${wf.permissions} (read-all/write-all are too broad)`);
                for (const [scope, level] of Object.entries(wf.permissions)) assert.strictEqual(level, "read", `top-level ${scope}: ${level}`);
            });
            for (const [name, job] of Object.entries(wf.jobs)) {
                const oidc = stepsOf(job).some((s) => OIDC_ACTIONS.some((a) => usesAction(s, a)));
                const comments = stepsOf(job).some((s) => s.with?.["comment-on-pr"] === true || s.with?.["comment-on-pr"] === "true");
                it(`${f} ${name}: id-token: write exactly when it ${oidc ? "uses" : "does not use"} OIDC, nothing broader`, () => {
                    const perms = job.permissions ?? wf.permissions;
                    assert.ok(perms && typeof perms === "object", "declare the job's permissions as a map");
                    for (const [scope, level] of Object.entries(perms)) {
                        if (scope === "id-token") assert.ok(oidc && level === "write", `id-token: ${level} in a job that ${oidc ? "uses" : "does not use"} OIDC`);
                        else if (scope === "pull-requests" && level === "write") assert.ok(comments, "pull-requests: write without a pull request comment");
                        else assert.strictEqual(level, "read", `${scope}: ${level}`);
                    }
                    if (oidc) assert.strictEqual((perms as Record<string, string>)["id-token"], "write", "OIDC needs id-token: write");
                });
            }
            it(`${f}: AWS only through a role (OIDC), never access keys or repository secrets`, () => {
                assert.ok(!/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|PULUMI_ACCESS_TOKEN:\s*\$\{\{\s*secrets/.test(text(f)));
                assert.ok(!/\$\{\{\s*secrets\./.test(text(f)), "no repository secrets are needed");
                for (const job of Object.values(wf.jobs)) {
                    for (const s of stepsOf(job).filter((s) => usesAction(s, "aws-actions/configure-aws-credentials"))) {
                        assert.match(String(s.with?.["role-to-assume"]), /^\$\{\{ vars\.[A-Z0-9_]+ \}\}$/);
                    }
                }
            });
            it(`${f}: every third-party action is pinned to a full commit SHA, with its release tag in a comment`, () => {
                const lines = text(f).split("\n").filter((l) => /^\s*-?\s*uses:/.test(l));
                assert.ok(lines.length > 0);
                for (const l of lines) {
                    if (/uses:\s*\.\//.test(l)) continue; // a local action is pinned by the checkout itself
                    assert.match(l, /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$/, `${l.trim()}: pin to <sha> # vX.Y.Z`);
                }
            });
            it(`${f}: no Pulumi token request defaults to an organization token, and each is checked first`, () => {
                assert.ok(!/access_token:organization/.test(text(f)), "an organization token in a workflow");
                for (const job of Object.values(wf.jobs)) {
                    const steps = stepsOf(job);
                    const auth = steps.findIndex((s) => usesAction(s, "pulumi/auth-actions"));
                    if (auth < 0) continue;
                    const type = String(steps[auth].with?.["requested-token-type"]);
                    const scope = String(steps[auth].with?.scope);
                    assert.match(type, /^\$\{\{ vars\.PULUMI_\w+_TOKEN_TYPE \}\}$/, "the token type comes from a repository variable, with no default");
                    const guard = steps.findIndex((s) => /ciStacks\.ts check-token-type "\$TOKEN_TYPE" "\$TOKEN_SCOPE"/.test(s.run ?? ""));
                    assert.ok(guard >= 0 && guard < auth, "check-token-type runs before the exchange");
                    assert.deepStrictEqual(steps[guard].env, { TOKEN_TYPE: type, TOKEN_SCOPE: scope }, "the guard checks the very values the exchange uses");
                }
            });
            it(`${f}: no \${{ }} expression from inputs or the event inside a shell script`, () => {
                for (const job of Object.values(wf.jobs)) {
                    for (const s of stepsOf(job).filter((s) => s.run)) assert.ok(!/\$\{\{[^}]*(inputs\.|github\.event\.|github\.head_ref)/.test(s.run!), s.run);
                }
            });
        }
    });

    describe("ci", () => {
        const wf = load("ci.yml");
        const runs = Object.values(wf.jobs).flatMap(stepsOf).map((s) => s.run ?? "").join("\n");
        it("installs, type-checks, lints, tests and plans every stack offline", () => {
            assert.match(runs, /npm ci/);
            assert.match(runs, /npx tsc --noEmit/);
            assert.match(runs, /npm run lint/);
            const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
            assert.match(pkg.scripts.lint, /--noUnusedLocals/);
            assert.match(runs, /npx mocha/);
            assert.match(runs, /plan -- --all --json-dir out/);
        });
        it("writes the plan summaries to the job summary and uploads the JSON graphs, also after a failed plan", () => {
            const steps = Object.values(wf.jobs).flatMap(stepsOf);
            const summary = steps.find((s) => /GITHUB_STEP_SUMMARY/.test(s.run ?? ""))!;
            assert.ok(summary && /cancelled|always/.test(summary.if ?? ""), "summary step must run after a failure");
            const upload = steps.find((s) => usesAction(s, "actions/upload-artifact"))!;
            assert.ok(upload && /cancelled|always/.test(upload.if ?? ""));
            assert.match(String(upload.with?.path), /out\/\*\.json/);
            const plan = steps.find((s) => /plan -- --all/.test(s.run ?? ""))!;
            assert.strictEqual((plan as { shell?: string }).shell, "bash", "plain bash gets -o pipefail, so `| tee` keeps plan's exit status");
        });
        it("runs on pull requests and pushes to main", () => {
            assert.ok("pull_request" in wf.on && "push" in wf.on);
        });
    });

    describe("preview", () => {
        const wf = load("preview.yml");
        const [previewName, preview] = Object.entries(wf.jobs).find(([, j]) => stepsOf(j).some((s) => s.with?.command === "preview"))!;
        it("runs on pull requests", () => assert.ok("pull_request" in wf.on));
        it("the matrix is computed from stacks/, not a hand-kept list", () => {
            const matrix = preview.strategy?.matrix?.stack;
            assert.strictEqual(typeof matrix, "string", `matrix.stack is ${JSON.stringify(matrix)}; compute it`);
            const m = /^\$\{\{\s*fromJSON\(needs\.([\w-]+)\.outputs\.([\w-]+)\)\s*\}\}$/.exec(matrix as string);
            assert.ok(m, `matrix.stack ${matrix}`);
            const [, listJob, output] = m!;
            assert.ok(([] as string[]).concat(preview.needs ?? []).includes(listJob), `${previewName} needs ${listJob}`);
            const producer = wf.jobs[listJob];
            const ref = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$/.exec(producer.outputs?.[output] ?? "");
            assert.ok(ref, `${listJob}.outputs.${output}`);
            const step = stepsOf(producer).find((s) => s.id === ref![1])!;
            assert.match(step.run ?? "", /engine\/ciStacks\.ts matrix >> "\$GITHUB_OUTPUT"/);
            assert.strictEqual(ref![2], "stacks", "ciStacks.ts matrix writes stacks=...");
        });
        it("runs pulumi preview with the policy pack and its config, and comments on the pull request", () => {
            const step = stepsOf(preview).find((s) => s.with?.command === "preview")!;
            assert.ok(usesAction(step, "pulumi/actions"));
            assert.strictEqual(step.with!.policyPacks, "policies");
            assert.ok(step.with!.policyPackConfigs, "policyPackConfigs");
            assert.strictEqual(step.with!["comment-on-pr"], true);
            assert.match(String(step.with!["stack-name"]), /\$\{\{ matrix\.stack \}\}$/);
        });
        it("gets AWS credentials through OIDC before previewing", () => {
            const steps = stepsOf(preview);
            const aws = steps.findIndex((s) => usesAction(s, "aws-actions/configure-aws-credentials"));
            const pulumiStep = steps.findIndex((s) => s.with?.command === "preview");
            assert.ok(aws >= 0 && aws < pulumiStep);
        });
        it("previews existing stacks only (no upsert: pull-request code gets no stack-create right)", () => {
            assert.ok(!stepsOf(preview).some((s) => s.with?.upsert), "upsert");
        });
        it("the policy pack config file it names exists", () => {
            const file = String(wf.env?.POLICY_PACK_CONFIG);
            assert.ok(fs.existsSync(path.join(REPO_ROOT, file)), `${file} does not exist`);
            JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8"));
        });
    });

    describe("e2e", () => {
        const wf = load("e2e.yml");
        const input = (wf.on.workflow_dispatch as { inputs: Record<string, { required?: boolean }> }).inputs.stack;
        const [, job] = Object.entries(wf.jobs).find(([, j]) => stepsOf(j).some((s) => s.with?.command === "up"))!;
        it("is started by hand with a required stack input", () => {
            assert.deepStrictEqual(Object.keys(wf.on), ["workflow_dispatch"]);
            assert.strictEqual(input.required, true);
        });
        it("one run per stack at a time, never cancelled by a newer one", () => {
            assert.match(wf.concurrency!.group, /\$\{\{ inputs\.stack \}\}/);
            assert.strictEqual(wf.concurrency!["cancel-in-progress"], false);
        });
        it("validates the stack name against stacks/ before spending money", () => {
            const needs = ([] as string[]).concat(job.needs ?? []);
            assert.ok(needs.length > 0);
            const checks = needs.flatMap((n) => stepsOf(wf.jobs[n])).map((s) => s.run ?? "").join("\n");
            assert.match(checks, /ciStacks\.ts check "\$STACK"/);
        });
        it("destroys always, after up, on the same runner", () => {
            const steps = stepsOf(job);
            const up = steps.findIndex((s) => s.with?.command === "up");
            const destroy = steps.findIndex((s) => s.with?.command === "destroy");
            assert.ok(destroy > up, "destroy comes after up in the same job");
            assert.match(steps[destroy].if ?? "", /always\(\)/);
            // A job-level condition is decided before up runs, so only one on the ref is allowed (it cannot strand an up without its destroy).
            assert.ok(!job.if || /always\(\)/.test(job.if) || job.if === "github.ref == 'refs/heads/main'", job.if);
            assert.strictEqual(steps[destroy].with!["stack-name"], steps[up].with!["stack-name"]);
            const budget = (steps[up]["timeout-minutes"] ?? Infinity) + (steps[destroy]["timeout-minutes"] ?? Infinity);
            assert.ok(budget < (job["timeout-minutes"] ?? 360), "up's timeout must leave the job time to destroy");
        });
        it("lets the runner reach the EKS API before up", () => {
            const steps = stepsOf(job);
            const allow = steps.findIndex((s) => /ciStacks\.ts allow-runner/.test(s.run ?? ""));
            assert.ok(allow >= 0 && allow < steps.findIndex((s) => s.with?.command === "up"));
        });
        it("runs in a GitHub environment (the role's OIDC subject, and where reviewers gate spending), and only from main", () => {
            assert.strictEqual(job.environment, "e2e");
            assert.strictEqual(job.if, "github.ref == 'refs/heads/main'");
        });
        it("needs the stack to exist (no upsert: the token needs no stack-create right)", () => {
            for (const s of stepsOf(job).filter((s) => usesAction(s, "pulumi/actions"))) assert.ok(!s.with?.upsert, "upsert");
        });
    });

    describe("Dependabot", () => {
        const cfg = parse(fs.readFileSync(path.join(REPO_ROOT, ".github", "dependabot.yml"), "utf8")) as { version: number; updates: { "package-ecosystem": string; directory: string; schedule: { interval: string } }[] };
        it("updates the pinned actions and the npm lockfile (root and workspaces), on a schedule", () => {
            assert.strictEqual(cfg.version, 2);
            const byEcosystem = new Map(cfg.updates.map((u) => [u["package-ecosystem"], u]));
            assert.deepStrictEqual([...byEcosystem.keys()].sort(), ["github-actions", "npm"]);
            for (const u of byEcosystem.values()) {
                assert.strictEqual(u.directory, "/");
                assert.match(u.schedule.interval, /^(daily|weekly|monthly)$/);
            }
            assert.ok(fs.existsSync(path.join(REPO_ROOT, "package-lock.json")), "the npm entry needs the root lockfile");
        });
    });

    it("the stacks CI iterates over are the engine's", () => {
        const lines: string[] = [];
        assert.strictEqual(ciStacks(["matrix"], (l) => lines.push(l)), 0);
        assert.deepStrictEqual(lines, [`stacks=${JSON.stringify(listStacks())}`]);
    });
});
