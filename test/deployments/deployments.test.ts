/**
 * The deployments/ project: its stack config validated before any resource, and its program run
 * under the offline engine (engine/run.ts runProgram; the model echoes the inputs of Pulumi Cloud
 * resources), checked resource by resource.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { configureDeployments, PRE_RUN_COMMANDS, ttlTimestamp } from "../../deployments/program";
import { parseSettings, PROJECT, Settings } from "../../deployments/settings";
import type { GraphResource } from "../../engine/graph";
import { runProgram } from "../../engine/run";
import { listStacks, loadStackConfig, REPO_ROOT } from "../../engine/stackConfig";
import { ConfigError } from "../../lib/errors";
import { parse } from "yaml";

const DEPLOYMENTS_ROOT = path.join(REPO_ROOT, "deployments");
const example = () => loadStackConfig("example-org", { root: DEPLOYMENTS_ROOT }).config;
const NOW = new Date("2026-11-27T06:56:33Z");

/** The example config with some keys replaced (`undefined` removes a key); values as the CLI stores them. */
function withConfig(changes: Record<string, unknown>): Record<string, string> {
    const out = example();
    for (const [k, v] of Object.entries(changes)) {
        const key = `${PROJECT}:${k}`;
        if (v === undefined) delete out[key];
        else out[key] = typeof v === "string" ? v : JSON.stringify(v);
    }
    return out;
}

/** A scenario repository with these stack files (name -> YAML). */
function scenarioRepo(stacks: Record<string, string>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "scenarios-"));
    fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: eks-ipv6-interop\nruntime: nodejs\nstackConfigDir: stacks\n");
    fs.mkdirSync(path.join(root, "stacks"));
    for (const [s, text] of Object.entries(stacks)) fs.writeFileSync(path.join(root, "stacks", `Pulumi.${s}.yaml`), text);
    fs.mkdirSync(path.join(root, "policies"));
    fs.writeFileSync(path.join(root, "policies", "config.example.json"), JSON.stringify({ "vpc-dual-stack": { enforcementLevel: "mandatory" } }));
    return root;
}
const PINNED = (s: string) => `config:\n  aws:region: us-west-2\n  eks-ipv6-interop:scenario: ${s}\n`;

async function plan(settings: Settings, config = example()): Promise<GraphResource[]> {
    const run = await runProgram(() => ({ ...configureDeployments(settings, { now: NOW }) }), {
        project: "eks-ipv6-interop-deployments",
        stack: "example-org",
        region: "us-west-2",
        config,
    });
    return run.resources;
}
const ofType = (rs: GraphResource[], t: string) => rs.filter((r) => r.type === `pulumiservice:index:${t}`);

describe("deployments/", () => {
    describe("settings", () => {
        it("the example stack config is valid against this repository, with the documented defaults", () => {
            const s = parseSettings(example(), REPO_ROOT);
            assert.strictEqual(s.project, "eks-ipv6-interop");
            assert.deepStrictEqual(s.stacks, listStacks());
            assert.strictEqual(s.reviewTemplate, "peering-ipv4-egress");
            assert.strictEqual(s.ttlHours, 8);
            assert.strictEqual(s.branch, "main");
            assert.deepStrictEqual(s.credentials, {
                oidc: { roleArn: "arn:aws:iam::123456789012:role/pulumi-deployments-eks-ipv6-interop", sessionName: "${stack.name}-${deployment.operation}-${deployment.id}", duration: "2h" },
            });
        });
        it("defaults: 8 hours, drift every 6 hours without remediation, all stacks, first stack as template, policy on", () => {
            const root = scenarioRepo({ b: PINNED("b"), a: PINNED("a") });
            const s = parseSettings(
                withConfig({ ttlHours: undefined, drift: undefined, stacks: undefined, reviewStacks: undefined, policy: undefined, branch: undefined, previewPullRequests: undefined }),
                root,
            );
            assert.strictEqual(s.ttlHours, 8);
            assert.deepStrictEqual(s.drift, { cron: "0 */6 * * *", autoRemediate: false });
            assert.deepStrictEqual(s.stacks, ["a", "b"]);
            assert.strictEqual(s.reviewTemplate, "a");
            assert.deepStrictEqual(s.policy, { enabled: true, pack: "eks-ipv6-interop", mode: "preventative", configFile: "policies/config.example.json" });
            assert.strictEqual(s.previewPullRequests, false);
            assert.strictEqual(s.createStacks, true);
        });

        const bad: [string, Record<string, unknown>, RegExp][] = [
            ["an organization with capitals", { organization: "Acme" }, /eks-ipv6-interop-deployments:organization: "Acme" is invalid; .*lowercase/],
            ["a missing organization", { organization: undefined }, /eks-ipv6-interop-deployments:organization: \(unset\) is invalid; required and not set; set the Pulumi organization/],
            ["a repository without owner", { repository: "eks-ipv6-interop" }, /eks-ipv6-interop-deployments:repository: "eks-ipv6-interop" is invalid; use <owner>\/<repo>/],
            ["a branch given as a ref", { branch: "refs/heads/main" }, /eks-ipv6-interop-deployments:branch: "refs\/heads\/main" is invalid; use a branch name such as main/],
            ["a TTL of 0 hours", { ttlHours: 0 }, /eks-ipv6-interop-deployments:ttlHours: 0 is invalid; use at least 1 hour/],
            ["a TTL over a week", { ttlHours: 200 }, /ttlHours: 200 is invalid; use at most 168 hours/],
            ["a fractional TTL", { ttlHours: 2.5 }, /ttlHours: 2.5 is invalid; use a whole number of hours/],
            ["a TTL written as text", { ttlHours: "eight" }, /ttlHours: "eight" is invalid; use a whole number of hours/],
            ["a cron with four fields", { drift: { cron: "0 * * *" } }, /eks-ipv6-interop-deployments:drift\.cron: "0 \* \* \*" is invalid; use a 5-field cron/],
            ["a cron in words", { drift: { cron: "every hour" } }, /drift\.cron: "every hour" is invalid/],
            ["no credentials", { credentials: undefined }, /eks-ipv6-interop-deployments:credentials: \(unset\) is invalid; .*oidc: \{roleArn/],
            ["both OIDC and ESC", { credentials: { oidc: { roleArn: "arn:aws:iam::123456789012:role/r" }, esc: { environment: "aws/x" } } }, /credentials: .* is invalid; set either oidc/],
            ["a role ARN that is a user", { credentials: { oidc: { roleArn: "arn:aws:iam::123456789012:user/bob" } } }, /credentials\.oidc\.roleArn: "arn:aws:iam::123456789012:user\/bob" is invalid; use an IAM role ARN/],
            ["an unknown session name variable", { credentials: { oidc: { roleArn: "arn:aws:iam::123456789012:role/r", sessionName: "${stack}-x" } } }, /credentials\.oidc\.sessionName: "\$\{stack\}-x" is invalid; unknown template variable\(s\) stack/],
            ["a session name with a space", { credentials: { oidc: { roleArn: "arn:aws:iam::123456789012:role/r", sessionName: "my session" } } }, /sessionName: "my session" is invalid; AWS session names allow/],
            ["a misspelt nested key", { drift: { crn: "0 * * * *" } }, /eks-ipv6-interop-deployments:drift\.crn: "0 \* \* \* \*" is invalid; unknown key; did you mean "cron"\?/],
            ["an unknown stack", { stacks: ["peering-ipv4-egress", "nope"] }, /eks-ipv6-interop-deployments:stacks\[1\]: "nope" is invalid; use one of .*peering-ipv4-egress/],
            ["a template that is not managed", { stacks: ["tgw-dual-stack"], reviewStacks: { template: "peering-ipv4-egress" } }, /reviewStacks\.template: "peering-ipv4-egress" is invalid; use one of the managed stacks: tgw-dual-stack/],
            ["a misspelt key", { ttl: 8 }, /^eks-ipv6-interop-deployments:ttl: 8 is invalid; unknown key; use one of organization, repository, .*ttlHours/],
            ["an unknown policy mode", { policy: { mode: "block" } }, /policy\.mode: "block" is invalid; use preventative \(blocks\) or audit \(reports\)/],
        ];
        for (const [name, changes, message] of bad) {
            it(`refuses ${name}, naming key, value and fix`, () => {
                assert.throws(() => parseSettings(withConfig(changes), REPO_ROOT), (e: unknown) => e instanceof ConfigError && message.test(e.message) || assert.fail(`${(e as Error).message}\n!~ ${message}`));
            });
        }
        it("the default policy pack is the pack in policies/ (the name `pulumi policy publish` uses)", () => {
            const m = /new PolicyPack\(\s*"([^"]+)"/.exec(fs.readFileSync(path.join(REPO_ROOT, "policies", "index.ts"), "utf8"));
            assert.ok(m, "policies/index.ts names no PolicyPack");
            assert.strictEqual(parseSettings(withConfig({ policy: undefined }), REPO_ROOT).policy.pack, m![1]);
        });
        it("refuses a policy config file that is missing or not a JSON object, unless the group is off", () => {
            const root = scenarioRepo({ a: PINNED("a") });
            const base = { stacks: undefined, reviewStacks: undefined };
            assert.throws(() => parseSettings(withConfig({ ...base, policy: { configFile: "policies/nope.json" } }), root), /policy\.configFile: "policies\/nope\.json" is invalid; use a JSON file of the repository/);
            fs.writeFileSync(path.join(root, "policies", "list.json"), "[1]");
            assert.throws(() => parseSettings(withConfig({ ...base, policy: { configFile: "policies/list.json" } }), root), /must hold a JSON object/);
            fs.writeFileSync(path.join(root, "policies", "broken.json"), "{");
            assert.throws(() => parseSettings(withConfig({ ...base, policy: { configFile: "policies/broken.json" } }), root), /the file is not JSON/);
            assert.strictEqual(parseSettings(withConfig({ ...base, policy: { enabled: false, configFile: "policies/nope.json" } }), root).policyConfig, undefined);
        });
        it("the session-name check says which variables exist", () => {
            assert.throws(
                () => parseSettings(withConfig({ credentials: { oidc: { roleArn: "arn:aws:iam::123456789012:role/r", sessionName: "${stack}-x" } } }), REPO_ROOT),
                /unknown template variable\(s\) stack; use \$\{organization\.name\}/,
            );
        });
        it("refuses a review template whose config does not pin its scenario (review stacks have other names)", () => {
            const root = scenarioRepo({ a: "config:\n  aws:region: us-west-2\n", b: PINNED("b") });
            assert.throws(() => parseSettings(withConfig({ stacks: undefined, reviewStacks: { template: "a" } }), root), /reviewStacks\.template: "a" is invalid; .*add "eks-ipv6-interop:scenario: a" to stacks\/Pulumi\.a\.yaml/);
            assert.strictEqual(parseSettings(withConfig({ stacks: undefined, reviewStacks: { template: "b" } }), root).reviewTemplate, "b");
        });
        it("with ESC credentials, every managed stack must import the environment", () => {
            const esc = { credentials: { esc: { environment: "aws/eks-ipv6-interop" } }, stacks: undefined, reviewStacks: undefined };
            const imports = (s: string) => `environment:\n  - aws/eks-ipv6-interop\n${PINNED(s)}`;
            assert.deepStrictEqual(parseSettings(withConfig(esc), scenarioRepo({ a: imports("a"), b: imports("b") })).stacks, ["a", "b"]);
            assert.throws(() => parseSettings(withConfig(esc), scenarioRepo({ a: imports("a"), b: PINNED("b") })), /credentials\.esc\.environment: "aws\/eks-ipv6-interop" is invalid; stack b does not import it; add "environment:\\n  - aws\/eks-ipv6-interop" to stacks\/Pulumi\.b\.yaml/);
        });
    });

    describe("ttlTimestamp", () => {
        const cases: [string, number, string][] = [
            ["2026-11-27T06:56:33Z", 8, "2026-11-27T15:00:00Z"],
            ["2026-11-27T06:00:00Z", 8, "2026-11-27T14:00:00Z"],
            ["2026-11-27T20:30:00Z", 8, "2026-11-28T05:00:00Z"],
            ["2026-12-31T23:59:59Z", 1, "2027-01-01T01:00:00Z"],
        ];
        for (const [now, hours, expected] of cases) it(`${now} + ${hours} h -> ${expected}`, () => assert.strictEqual(ttlTimestamp(new Date(now), hours), expected));
    });

    describe("program under the offline engine", () => {
        let resources: GraphResource[];
        let settings: Settings;
        before(async () => {
            settings = parseSettings(example(), REPO_ROOT);
            resources = await plan(settings);
        });

        it("registers settings, a TTL and a drift schedule for every stack, and creates the stacks", () => {
            for (const t of ["Stack", "DeploymentSettings", "TtlSchedule", "DriftSchedule"]) {
                const stacks = ofType(resources, t).map((r) => r.inputs.stack ?? r.inputs.stackName).sort();
                assert.deepStrictEqual(stacks, settings.stacks, t);
            }
        });
        it("deployment settings: this repository and branch, install first, no push-to-deploy, OIDC to AWS", () => {
            for (const r of ofType(resources, "DeploymentSettings")) {
                const i = r.inputs;
                assert.strictEqual(i.organization, "example-org");
                assert.strictEqual(i.project, "eks-ipv6-interop");
                assert.strictEqual(i.sourceContext.git.branch, "refs/heads/main");
                assert.strictEqual(i.github.repository, "example-org/eks-ipv6-interop");
                assert.strictEqual(i.github.deployCommits, false, "a merge must not deploy (and bill) every environment");
                assert.strictEqual(i.operationContext.preRunCommands[0], "npm ci");
                assert.strictEqual(i.operationContext.options.skipInstallDependencies, true, "npm ci replaces the default install");
                assert.deepStrictEqual(i.operationContext.oidc.aws, { roleARN: "arn:aws:iam::123456789012:role/pulumi-deployments-eks-ipv6-interop", sessionName: "${stack.name}-${deployment.operation}-${deployment.id}", duration: "2h" });
                assert.strictEqual(i.operationContext.environmentVariables.PULUMI_K8S_DELETE_UNREACHABLE, "true");
            }
        });
        it("no review-stack template by default: pull-request code gets no deployment", () => {
            assert.deepStrictEqual(ofType(resources, "DeploymentSettings").filter((r) => r.inputs.github.pullRequestTemplate === true), []);
        });
        it("review stacks, when enabled, come from exactly the chosen template, which runs as the review role, never the main one", async () => {
            const reviewRole = "arn:aws:iam::123456789012:role/pulumi-review-stacks";
            const s = parseSettings(withConfig({ reviewStacks: { enabled: true, template: "peering-ipv4-egress", roleArn: reviewRole } }), REPO_ROOT);
            const rs = ofType(await plan(s), "DeploymentSettings");
            const templates = rs.filter((r) => r.inputs.github.pullRequestTemplate === true);
            assert.deepStrictEqual(templates.map((r) => r.inputs.stack), ["peering-ipv4-egress"]);
            assert.strictEqual(templates[0].inputs.operationContext.oidc.aws.roleARN, reviewRole);
            for (const r of rs.filter((r) => r.inputs.stack !== "peering-ipv4-egress")) assert.notStrictEqual(r.inputs.operationContext.oidc.aws.roleARN, reviewRole);
        });
        it("refuses review stacks without their own role, with the main role, or with ESC credentials", () => {
            const main = "arn:aws:iam::123456789012:role/pulumi-deployments-eks-ipv6-interop";
            assert.throws(() => parseSettings(withConfig({ reviewStacks: { enabled: true } }), REPO_ROOT), /reviewStacks\.roleArn: \(unset\) is invalid; review stacks need their own role/);
            assert.throws(() => parseSettings(withConfig({ reviewStacks: { enabled: true, roleArn: main } }), REPO_ROOT), /reviewStacks\.roleArn: ".*" is invalid; use a role of its own, not credentials\.oidc\.roleArn/);
            assert.throws(
                () => parseSettings(withConfig({ reviewStacks: { enabled: true, roleArn: "arn:aws:iam::123456789012:role/r" }, credentials: { esc: { environment: "aws/x" } } }), REPO_ROOT),
                /reviewStacks\.enabled: true is invalid; review stacks would import the template's ESC environment/,
            );
        });
        it("TTL: destroy 8 hours from now (next full hour), keep the stack's history; after its settings exist", () => {
            const settingsUrn = new Map(ofType(resources, "DeploymentSettings").map((r) => [r.inputs.stack, r.urn]));
            for (const r of ofType(resources, "TtlSchedule")) {
                assert.strictEqual(r.inputs.timestamp, "2026-11-27T15:00:00Z");
                assert.strictEqual(r.inputs.deleteAfterDestroy, false);
                assert.ok(r.dependencies.includes(settingsUrn.get(r.inputs.stack)!), "a schedule needs the stack's deployment settings");
            }
        });
        it("drift: the configured cron, no auto-remediation", () => {
            for (const r of ofType(resources, "DriftSchedule")) {
                assert.strictEqual(r.inputs.scheduleCron, "0 */6 * * *");
                assert.strictEqual(r.inputs.autoRemediate, false);
            }
        });
        it("one preventative policy group enforces the published pack on every managed stack", () => {
            const [group, ...more] = ofType(resources, "PolicyGroup");
            assert.ok(group && more.length === 0);
            assert.strictEqual(group.inputs.mode, "preventative");
            assert.strictEqual(group.inputs.entityType, "stacks");
            const ciConfig = parse(fs.readFileSync(path.join(REPO_ROOT, ".github/workflows/preview.yml"), "utf8")).env.POLICY_PACK_CONFIG;
            assert.deepStrictEqual(group.inputs.policyPacks, [{ name: "eks-ipv6-interop", config: JSON.parse(fs.readFileSync(path.join(REPO_ROOT, ciConfig), "utf8")) }], "the pack config of CI previews");
            assert.deepStrictEqual(group.inputs.stacks.map((s: { name: string }) => s.name), settings.stacks);
            assert.ok(group.inputs.stacks.every((s: { routingProject: string }) => s.routingProject === "eks-ipv6-interop"));
        });
        it("a shorter TTL, no stack creation, no policy group and ESC credentials change exactly that", async () => {
            const root = scenarioRepo({ a: `environment:\n  - aws/x\n${PINNED("a")}` });
            const s = parseSettings(withConfig({ ttlHours: 1, createStacks: false, policy: { enabled: false }, credentials: { esc: { environment: "aws/x" } }, stacks: undefined, reviewStacks: undefined }), root);
            const rs = await plan(s);
            assert.deepStrictEqual(ofType(rs, "Stack"), []);
            assert.deepStrictEqual(ofType(rs, "PolicyGroup"), []);
            assert.strictEqual(ofType(rs, "TtlSchedule")[0].inputs.timestamp, "2026-11-27T08:00:00Z");
            const op = ofType(rs, "DeploymentSettings")[0].inputs.operationContext;
            assert.strictEqual(op.oidc, undefined, "ESC credentials come from the stack's environment");
            assert.strictEqual(ofType(rs, "DeploymentSettings")[0].inputs.github.pullRequestTemplate, false, "review stacks are off unless enabled");
        });
        it("the entry point (deployments/index.ts) reads the stack's config and finds the repository one level up", async () => {
            const run = await runProgram(
                () => {
                    // eslint-disable-next-line @typescript-eslint/no-require-imports
                    const outputs = require("../../deployments/index");
                    return { ...outputs };
                },
                { project: "eks-ipv6-interop-deployments", stack: "example-org", region: "us-west-2", config: example() },
            );
            assert.deepStrictEqual(ofType(run.resources, "DeploymentSettings").map((r) => r.inputs.stack).sort(), listStacks());
            assert.deepStrictEqual(run.outputs.stacks, listStacks());
            assert.match(run.outputs.destroyAt, /^\d{4}-\d\d-\d\dT\d\d:00:00Z$/);
        });
        it("the pre-run commands name scripts that exist, and allow-runner cannot block a destroy", () => {
            for (const line of PRE_RUN_COMMANDS) {
                for (const script of line.match(/[\w/]+\.ts/g) ?? []) assert.ok(fs.existsSync(path.join(REPO_ROOT, script)), script);
            }
            const allow = PRE_RUN_COMMANDS.find((l) => l.includes("allow-runner"))!;
            assert.match(allow, /\|\| echo /);
            const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
            assert.ok(pkg.workspaces.includes("deployments") && pkg.workspaces.includes("policies"), "npm ci at the root installs both workspaces");
        });
    });
});
