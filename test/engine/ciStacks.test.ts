import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { allowCidr, allowRunner, main, matrixOutput, requireKnownStack } from "../../engine/ciStacks";
import { loadStackConfig, REPO_ROOT } from "../../engine/stackConfig";

/** A throw-away project root with the given stack files. */
function project(files: Record<string, string>, stackConfigDir = "stacks"): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "cistacks-"));
    fs.writeFileSync(path.join(root, "Pulumi.yaml"), `name: demo\nruntime: nodejs\nstackConfigDir: ${stackConfigDir}\n`);
    fs.mkdirSync(path.join(root, stackConfigDir), { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, stackConfigDir, name), text);
    return root;
}

const TWO_CLUSTERS = `config:
  aws:region: us-west-2
  # the IPv6 cluster
  demo:cluster:
    kubernetesVersion: "1.35"
    apiPublicAccessCidrs:
      - 203.0.113.10/32
  demo:ipv4Cluster:
    apiPublicAccessCidrs: []
  demo:note: apiPublicAccessCidrs
`;

describe("engine/ciStacks", () => {
    it("the matrix is the sorted stacks of stackConfigDir, as one $GITHUB_OUTPUT line", () => {
        const root = project({ "Pulumi.b.yaml": "config: {}\n", "Pulumi.a.yaml": "config: {}\n", "README.md": "" }, "envs");
        assert.strictEqual(matrixOutput(root), 'stacks=["a","b"]');
    });
    it("refuses an empty matrix with the fix", () => {
        assert.throws(() => matrixOutput(project({})), /add at least one stacks\/Pulumi.<scenario>.yaml/);
    });
    it("check accepts a stack with a config file and names the known ones otherwise", () => {
        const root = project({ "Pulumi.a.yaml": "config: {}\n" });
        assert.strictEqual(requireKnownStack("a", root), "a");
        assert.throws(() => requireKnownStack("b; rm -rf /", root), /stack: "b; rm -rf \/" is invalid; use one of a/);
        const out: string[] = [];
        assert.strictEqual(main(["check", "nope"], (l) => out.push(l), root), 1);
        assert.match(out[0], /use one of a/);
        assert.strictEqual(main(["frobnicate"], () => undefined, root), 2);
    });

    describe("allow-runner", () => {
        it("replaces every apiPublicAccessCidrs list (also an empty one) and nothing else", () => {
            const { text, paths } = allowCidr(TWO_CLUSTERS, "198.51.100.7/32");
            assert.deepStrictEqual(paths, ["config.demo:cluster.apiPublicAccessCidrs", "config.demo:ipv4Cluster.apiPublicAccessCidrs"]);
            const doc = parse(text).config;
            assert.deepStrictEqual(doc["demo:cluster"].apiPublicAccessCidrs, ["198.51.100.7/32"]);
            assert.deepStrictEqual(doc["demo:ipv4Cluster"].apiPublicAccessCidrs, ["198.51.100.7/32"]);
            assert.strictEqual(doc["demo:note"], "apiPublicAccessCidrs", "a value equal to the key name is not a key");
            assert.strictEqual(doc["demo:cluster"].kubernetesVersion, "1.35");
            assert.match(text, /# the IPv6 cluster/, "comments survive");
        });
        it("refuses anything but one IPv4 address as a /32", () => {
            for (const bad of ["198.51.100.7", "198.51.100.0/24", "0.0.0.0/0", "2001:db8::1/128", "$(curl)/32"]) {
                assert.throws(() => allowCidr(TWO_CLUSTERS, bad), /cidr: .* is invalid; use the runner's IPv4 address as a \/32/, bad);
            }
        });
        it("rewrites the named stack's file so the CLI (and the engine) read the runner's address", () => {
            const root = project({ "Pulumi.a.yaml": TWO_CLUSTERS, "Pulumi.b.yaml": "config:\n  aws:region: us-west-2\n" });
            const lines = allowRunner("198.51.100.7/32", [], root);
            assert.deepStrictEqual(lines, ["a: config.demo:cluster.apiPublicAccessCidrs, config.demo:ipv4Cluster.apiPublicAccessCidrs = [198.51.100.7/32]", "b: no apiPublicAccessCidrs key, unchanged"]);
            assert.strictEqual(loadStackConfig("a", { root }).config["demo:cluster"], JSON.stringify({ kubernetesVersion: "1.35", apiPublicAccessCidrs: ["198.51.100.7/32"] }));
            assert.throws(() => allowRunner("198.51.100.7/32", ["c"], root), /use one of a, b/);
        });
        it("finds the API access list of every scenario in this repository", () => {
            const dir = path.join(REPO_ROOT, "stacks");
            for (const f of fs.readdirSync(dir).filter((f) => /^Pulumi\..+\.yaml$/.test(f))) {
                const { paths } = allowCidr(fs.readFileSync(path.join(dir, f), "utf8"), "198.51.100.7/32");
                assert.ok(paths.length > 0, `${f} has no apiPublicAccessCidrs: e2e and Deployments runners could not reach its cluster`);
            }
        });
    });
});
