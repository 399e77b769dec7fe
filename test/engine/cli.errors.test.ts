/**
 * Every config, command-line and file mistake of a newcomer's first hour exits 1 (or 2 for flag
 * combinations) before anything is planned, with one message shape: the full key, the value,
 * what is wrong in plain words and the fix.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan as runCli } from "../helpers/cli";


const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "plan-err-"));
const stackFile = (stack: string) => fs.readFileSync(path.join(__dirname, "../../stacks", `Pulumi.${stack}.yaml`), "utf8");

/** The stack's own file with one textual edit (as a user would make it), written to a temp folder. */
function edited(stack: string, from: string, to: string): string {
    const text = stackFile(stack);
    assert.ok(text.includes(from), `the stack file no longer contains ${from}`);
    const file = path.join(tmpDir(), `Pulumi.${stack}.yaml`);
    fs.writeFileSync(file, text.replace(from, to));
    return file;
}

/** One key, one value, what is wrong and a fix: `key: value is invalid; ...`. */
function assertShape(err: string, key: string, value: string, ...fix: RegExp[]): void {
    const line = err.split("\n").find((l) => l.startsWith(`${key}: ${value} is invalid; `));
    assert.ok(line, `no line "${key}: ${value} is invalid; ..." in:\n${err}`);
    for (const f of fix) assert.match(line, f);
    assert.doesNotMatch(err, /Too small|Too big|Invalid input:|expected \w+, received|Pulumi\.<stack>/, "raw validation wording");
}

describe("engine: config, flag and file errors a newcomer can act on", () => {
    const P = "peering-ipv4-egress";
    const cases: [string, string, string, string, string, string, RegExp[]][] = [
        // name, stack, from, to, key, value, fix patterns
        ["a top-level typo", P, "eks-ipv6-interop:azCount: 2", "eks-ipv6-interop:azcount: 2", "eks-ipv6-interop:azcount", "2", [/unknown key; did you mean "azCount"\?/]],
        ["a nested typo", P, "    natGateways: single\n    # Subnet", "    natGateway: single\n    # Subnet", "eks-ipv6-interop:clusterVpc.natGateway", '"single"', [/unknown key; did you mean "natGateways"\?/]],
        ["min > max on the node group", P, "      min: 1\n      max: 3", "      min: 4\n      max: 3", "eks-ipv6-interop:cluster.nodes.min", "4", [/min \(4\) is larger than max \(3\)/, /lower min or raise max/]],
        ["an unquoted 1.30", P, 'kubernetesVersion: "1.35"', "kubernetesVersion: 1.30", "eks-ipv6-interop:cluster.kubernetesVersion", "1.3", [/YAML read the unquoted version as the number 1\.3/, /quote it: kubernetesVersion: "1\.30"/]],
        ["a count below its minimum (no raw zod wording)", P, "      desired: 2", "      desired: 0", "eks-ipv6-interop:cluster.nodes.desired", "0", [/must be at least 1; use 1 or more/]],
        ["a quoted number", P, "    instances: 1", '    instances: "1"', "eks-ipv6-interop:app.instances", '"1"', [/write it without quotes: 1/]],
        ["a near-miss enum value", P, "    natGateways: single\n    # Subnet", "    natGateways: singel\n    # Subnet", "eks-ipv6-interop:clusterVpc.natGateways", '"singel"', [/did you mean "single"\?/]],
        ["a misspelt instance type", P, "instanceType: t3.medium", "instanceType: t3.mediun", "eks-ipv6-interop:cluster.instanceType", '"t3.mediun"', [/not an EC2 instance type/, /did you mean "t3\.medium"\?/]],
        ["a node type too small (t3.nano)", P, "instanceType: t3.medium", "instanceType: t3.nano", "eks-ipv6-interop:cluster.instanceType", '"t3.nano"', [/too small for an EKS node: 0\.5 GiB/, /use t3\.medium/]],
        ["a one-vCPU Graviton node (a1.medium)", P, "instanceType: t3.medium", "instanceType: a1.medium", "eks-ipv6-interop:cluster.instanceType", '"a1.medium"', [/too small for an EKS node: 1 vCPU/]],
        ["a trailing space in an instance type", P, "instanceType: t3.medium", 'instanceType: "t3.medium "', "eks-ipv6-interop:cluster.instanceType", '"t3.medium "', [/leading or trailing spaces; remove them: "t3\.medium"/]],
        ["a Xen app instance (worded for the app, not EKS)", P, "instanceType: t3.micro", "instanceType: t2.micro", "eks-ipv6-interop:app.instanceType", '"t2.micro"', [/demo apps run on current Nitro types/, /use a Nitro type such as t3\.micro/]],
        ["a Kubernetes version past extended support", P, 'kubernetesVersion: "1.35"', 'kubernetesVersion: "1.20"', "eks-ipv6-interop:cluster.kubernetesVersion", '"1.20"', [/support for 1\.20 ended on 2022-11-01/, /use "1\.\d+" or newer/]],
        ["a region that does not exist", P, "aws:region: us-west-2", "aws:region: us-west-9", "aws:region", '"us-west-9"', [/not an AWS region/, /did you mean "us-west-1" or "us-west-2"\?/]],
        ["an unknown scenario", P, "eks-ipv6-interop:scenario: peering-ipv4-egress", "eks-ipv6-interop:scenario: peering-ipv4-egres", "eks-ipv6-interop:scenario", '"peering-ipv4-egres"', [/did you mean "peering-ipv4-egress"\?/]],
        ["a cross-key error of a component (namespace prefix added)", P, "    instances: 1", "    instances: 9", "eks-ipv6-interop:app.instances", "9", [/use 1 to 8 instances/]],
        ["ipv4Cluster keys of ipv4-pod-to-ipv6-pod", "ipv4-pod-to-ipv6-pod", "eks-ipv6-interop:ipv4Cluster:", "eks-ipv6-interop:ipv4cluster:", "eks-ipv6-interop:ipv4cluster", "{", [/unknown key; did you mean "ipv4Cluster"\?/]],
    ];
    for (const [name, stack, from, to, key, value, fix] of cases) {
        it(`exits 1 on ${name}, naming ${key}`, async () => {
            const r = await runCli([stack, "--config", edited(stack, from, to)]);
            assert.strictEqual(r.code, 1, r.out);
            assert.match(r.err, /nothing was planned/);
            if (value === "{") assert.match(r.err, new RegExp(`^${key.replace(/[.]/g, "\\.")}: \\{.* is invalid; `, "m"));
            else assertShape(r.err, key, value, ...fix);
            for (const f of fix) assert.match(r.err, f);
        });
    }

    it("a YAML syntax error names the file, the line and the column", async () => {
        const file = edited(P, "  eks-ipv6-interop:azCount: 2", "  eks-ipv6-interop:azCount: 2\n   bad: [1,");
        const r = await runCli([P, "--config", file]);
        assert.strictEqual(r.code, 1);
        assert.match(r.err, /^--config: ".*Pulumi\.peering-ipv4-egress\.yaml" is invalid; not valid YAML: .*\(line \d+, column \d+\); fix the file there/m);
    });

    it("an empty file says it is empty and what a config file holds (not only that aws:region is unset)", async () => {
        const file = path.join(tmpDir(), "empty.yaml");
        fs.writeFileSync(file, "");
        const r = await runCli([P, "--config", file]);
        assert.strictEqual(r.code, 1);
        assert.match(r.err, /the file has no "config:" map \(it is empty\); a stack config file starts with "config:"/);
        assert.doesNotMatch(r.err, /aws:region: \(unset\)/);
    });

    it("a relative --config path resolves from the directory the user typed the command in (INIT_CWD)", async () => {
        const dir = tmpDir();
        fs.writeFileSync(path.join(dir, "mine.yaml"), stackFile(P));
        const saved = process.env.INIT_CWD;
        process.env.INIT_CWD = dir;
        try {
            const missing = await runCli([P, "--config", "nope.yaml"]);
            assert.strictEqual(missing.code, 1);
            assert.match(missing.err, new RegExp(`--config: "${path.join(dir, "nope.yaml").replace(/[.]/g, "\\.")}" is invalid; no such file`));
            const graph = path.join(dir, "g.json");
            const ok = await runCli([P, "--config", "mine.yaml", "--json", "g.json"]);
            assert.strictEqual(ok.code, 0, ok.err);
            assert.ok(fs.existsSync(graph), "the graph is written relative to INIT_CWD too");
        } finally {
            if (saved === undefined) delete process.env.INIT_CWD;
            else process.env.INIT_CWD = saved;
        }
    });

    it("an unknown stack name suggests the nearest", async () => {
        const r = await runCli(["tgw-dualstack"]);
        assert.strictEqual(r.code, 1);
        assertShape(r.err, "stack", '"tgw-dualstack"', /did you mean "tgw-dual-stack"\?/);
    });

    it("--json-dir into a missing folder fails before any stack is planned", async () => {
        const dir = path.join(tmpDir(), "missing", "graphs");
        const r = await runCli(["--all", "--json-dir", dir]);
        assert.strictEqual(r.code, 1);
        assert.strictEqual(r.out, "", "nothing was planned");
        assert.match(r.err, /--json-dir: ".*graphs" is invalid; the folder .* does not exist; create it first \(mkdir -p/);
    });

    it("--json into a missing folder fails before planning", async () => {
        const r = await runCli([P, "--json", path.join(tmpDir(), "no", "g.json")]);
        assert.strictEqual(r.code, 1);
        assert.strictEqual(r.out, "");
        assert.match(r.err, /--json: .* is invalid; the folder .* does not exist/);
    });

    it("--all --config is refused: one scenario's file cannot apply to every stack", async () => {
        const r = await runCli(["--all", "--config", path.join(__dirname, "../../stacks/Pulumi.peering-ipv4-egress.yaml")]);
        assert.strictEqual(r.code, 1);
        assert.strictEqual(r.out, "");
        assert.match(r.err, /--config: .* is invalid; --all plans every stack with its own file under stacks\/.*npm run plan -- <stack> --config/);
    });

    it("--graph: a missing file, bad JSON (with the file, line and column) and JSON that is not a graph", async () => {
        const dir = tmpDir();
        const missing = await runCli(["--graph", path.join(dir, "none.json")]);
        assert.strictEqual(missing.code, 1);
        assert.match(missing.err, /--graph: ".*none\.json" is invalid; no such file .*write a graph first: npm run plan -- <stack> --json/);
        assert.doesNotMatch(missing.err, /ENOENT/);

        const bad = path.join(dir, "bad.json");
        fs.writeFileSync(bad, '{\n  "resources": [\n    {"urn": "x",}\n  ]\n}\n');
        const r = await runCli(["--graph", bad]);
        assert.strictEqual(r.code, 1);
        assert.match(r.err, /--graph: ".*bad\.json" is invalid; .*bad\.json is not valid JSON at line 3, column \d+/);

        const other = path.join(dir, "package.json");
        fs.writeFileSync(other, JSON.stringify({ name: "x", version: "1.0.0" }));
        const o = await runCli(["--graph", other]);
        assert.strictEqual(o.code, 1);
        assert.match(o.err, /Invalid input, nothing was planned/);
        assert.doesNotMatch(o.err, /Invalid configuration/);
        assert.match(o.err, /is JSON but not a graph \(it has no "resources" list\)/);
    });
});
