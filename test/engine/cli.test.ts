import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { runPlan as runCli } from "../helpers/cli";
import { listStacks, loadStackConfig } from "../../engine/stackConfig";
import { prepare } from "../../stacks";
import { ConfigError } from "../../lib/errors";


function tmp(name: string): string {
    return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), name);
}

/** A copy of the peering stack's config file with `edit` applied. */
function editedConfig(edit: (config: Record<string, any>) => void): string {
    const loaded = loadStackConfig("peering-ipv4-egress");
    const doc: Record<string, any> = {};
    for (const [k, v] of Object.entries(loaded.config)) {
        try {
            doc[k] = JSON.parse(v);
        } catch {
            doc[k] = v;
        }
    }
    edit(doc);
    const file = tmp("Pulumi.peering-ipv4-egress.yaml");
    fs.writeFileSync(file, stringify({ config: doc }));
    return file;
}

describe("engine: stack config and the plan CLI", () => {
    it("loads a stack file as the CLI does: namespaced keys, objects as JSON, scalars as strings, project defaults", () => {
        const c = loadStackConfig("peering-ipv4-egress");
        assert.strictEqual(c.config["aws:region"], "us-west-2");
        assert.strictEqual(c.config["eks-ipv6-interop:azCount"], "2");
        assert.strictEqual(JSON.parse(c.config["eks-ipv6-interop:clusterVpc"]).cidr, "10.10.0.0/16");
        assert.deepStrictEqual(JSON.parse(c.config["pulumi:tags"]), { project: "eks-ipv6-interop" });
    });

    it("every stack file names a known scenario and validates", () => {
        for (const stack of listStacks()) {
            const c = loadStackConfig(stack);
            assert.doesNotThrow(() => prepare(c.config, stack), stack);
        }
    });

    it("an unknown scenario lists the known ones", () => {
        const c = loadStackConfig("peering-ipv4-egress");
        assert.throws(() => prepare({ ...c.config, "eks-ipv6-interop:scenario": "peering-ipv6" }, "dev"), (e: ConfigError) => {
            assert.strictEqual(e.key, "eks-ipv6-interop:scenario");
            assert.strictEqual(e.value, "peering-ipv6");
            assert.ok(listStacks().every((s) => e.message.includes(s)), e.message);
            return true;
        });
    });

    it("the scenario defaults to the stack name", () => {
        // Without the key (peering-ipv4-egress sets it: it is the Deployments review-stack template).
        const { ["eks-ipv6-interop:scenario"]: _pinned, ...config } = loadStackConfig("peering-ipv4-egress").config;
        assert.strictEqual(prepare(config, "peering-ipv4-egress").scenario.name, "peering-ipv4-egress");
        assert.throws(() => prepare(config, "dev"), /eks-ipv6-interop:scenario: "dev" is invalid/);
    });

    it("a missing region is refused with the command that sets it", () => {
        const c = loadStackConfig("peering-ipv4-egress");
        const { ["aws:region"]: _, ...rest } = c.config;
        assert.throws(() => prepare(rest, "peering-ipv4-egress"), /aws:region: \(unset\) is invalid; no AWS region is set; set one, for example: pulumi config set aws:region us-west-2/);
    });

    it("plans a stack, says it is a model, exits 0 and writes the graph", async () => {
        const json = tmp("graph.json");
        const r = await runCli(["peering-ipv4-egress", "--json", json]);
        assert.strictEqual(r.code, 0, r.err);
        assert.match(r.out, /OFFLINE MODEL: nothing was deployed/);
        const graph = JSON.parse(fs.readFileSync(json, "utf8"));
        assert.strictEqual(graph.offlineModel, true);
        assert.ok(graph.resources.length > 50);
        for (const r0 of graph.resources) for (const k of ["urn", "type", "name", "dependencies", "inputs", "outputs"]) assert.ok(k in r0, k);
    });

    const badConfigs: [string, (c: Record<string, any>) => void, RegExp][] = [
        ["overlapping peered CIDRs", (c) => (c["eks-ipv6-interop:appVpc"].cidr = "10.10.0.0/16"), /eks-ipv6-interop|appVpc\.cidr: "10\.10\.0\.0\/16" is invalid; it overlaps clusterVpc\.cidr/],
        ["fewer than two AZs", (c) => (c["eks-ipv6-interop:azCount"] = 1), /eks-ipv6-interop:azCount: 1 is invalid; EKS needs subnets in at least two availability zones/],
        ["an IPv6 subnet index outside 0-255", (c) => (c["eks-ipv6-interop:clusterVpc"].ipv6SubnetIndexes.private = [16, 256]), /eks-ipv6-interop:clusterVpc\.ipv6SubnetIndexes\.private\[1\]: 256 is invalid/],
        ["a non-Nitro instance type", (c) => (c["eks-ipv6-interop:cluster"].instanceType = "t2.medium"), /eks-ipv6-interop:cluster\.instanceType: "t2\.medium" is invalid; t2 is a Xen/],
        ["a malformed CIDR", (c) => (c["eks-ipv6-interop:appVpc"].cidr = "10.20.0/16"), /eks-ipv6-interop:appVpc\.cidr: "10\.20\.0\/16" is invalid; use an IPv4 CIDR/],
        ["subnets that do not fit", (c) => (c["eks-ipv6-interop:appVpc"] = { ...c["eks-ipv6-interop:appVpc"], cidr: "10.20.0.0/24", privateSubnetPrefix: 25 }), /appVpc\.cidr: "10\.20\.0\.0\/24" is invalid; 2 x \/25 \(private\) \+ 2 x \/26 \(public\) do not fit/],
        ["an unknown scenario", (c) => (c["eks-ipv6-interop:scenario"] = "nope"), /eks-ipv6-interop:scenario: "nope" is invalid; not a scenario of this repository; use one of .*peering-ipv4-egress/],
    ];
    for (const [name, edit, pattern] of badConfigs) {
        it(`exits 1 on ${name}, with the message, and writes no graph`, async () => {
            const json = tmp("graph.json");
            const r = await runCli(["peering-ipv4-egress", "--config", editedConfig(edit), "--json", json]);
            assert.strictEqual(r.code, 1);
            assert.match(r.err, /Invalid configuration, nothing was planned/);
            assert.match(r.err, pattern);
            assert.ok(!fs.existsSync(json));
        });
    }

    it("usage errors exit 2", async () => {
        assert.strictEqual((await runCli([])).code, 2);
        assert.strictEqual((await runCli(["a", "b"])).code, 2);
        assert.strictEqual((await runCli(["--nope"])).code, 2);
    });

    it("--graph refuses a file that is not a graph", async () => {
        const file = tmp("not-a-graph.json");
        fs.writeFileSync(file, JSON.stringify({ hello: 1 }));
        const r = await runCli(["--graph", file]);
        assert.strictEqual(r.code, 1);
        assert.match(r.err, /is JSON but not a graph .*give a graph written by plan --json/);
    });
});
