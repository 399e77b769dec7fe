import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { runPlan } from "../helpers/cli";
import { loadStackConfig, listStacks } from "../../engine/stackConfig";
import { planUpdate, summaryLine, formatUpdate, UpdatePlan } from "../../engine/update";
import type { Graph } from "../../engine/graph";
import { cloneGraph, graphOf, planWith } from "../helpers/graphs";

const ZERO = "0 to create, 0 to update, 0 to replace, 0 to delete";

/** The stack's config values (parsed) with `edit` applied, as runStack overrides. */
function overrides(stack: string, edit: (c: Record<string, any>) => void): Record<string, any> {
    const c: Record<string, any> = {};
    for (const [k, v] of Object.entries(loadStackConfig(stack).config)) {
        try { c[k] = JSON.parse(v); } catch { c[k] = v; }
    }
    edit(c);
    return c;
}

const changed = (plan: UpdatePlan, action: string, type?: string) => plan.changes.filter((c) => c.action === action && (!type || c.type === type));

const runCli = runPlan;

describe("engine/update: the update plan (plan --from)", () => {
    it("refuses a missing --from file and --from with --all, naming the flag, the value and the fix", async () => {
        const missing = await runPlan(["tgw-dual-stack", "--from", "/nonexistent/old.yaml"]);
        const all = await runPlan(["--all", "--from", "old.yaml"]);
        assert.strictEqual(missing.code, 1);
        assert.strictEqual(all.code, 1);
        assert.match(missing.err, /--from: "\/nonexistent\/old\.yaml" is invalid; no such file; pass the config the stack was deployed with/);
        assert.match(all.err, /--from: "old\.yaml" is invalid; an update plan is for one stack/);
    });

    for (const stack of listStacks()) {
        it(`${stack}: the same config twice plans ${ZERO} (inputs are deterministic)`, async () => {
            const plan = planUpdate(await graphOf(stack), await planWith(stack, {}));
            assert.strictEqual(summaryLine(plan), ZERO, formatUpdate(plan, "a", "b").join("\n"));
            assert.strictEqual(plan.counts.unknown, 0);
        });
    }

    it("ipv4-pod-to-ipv6-pod before (ipv6: none, v6Egress: false) to after: VPC, cluster, subnets and node group are never replaced; the nodes roll", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "update-"));
        const before = path.join(dir, "before.yaml");
        const doc = overrides("ipv4-pod-to-ipv6-pod", (c) => {
            c["eks-ipv6-interop:ipv4ClusterVpc"].ipv6 = "none";
            c["eks-ipv6-interop:ipv4Cluster"].v6Egress = false;
        });
        fs.writeFileSync(before, stringify({ config: doc }));
        const json = path.join(dir, "plan.json");
        const { code, out } = await runCli(["ipv4-pod-to-ipv6-pod", "--from", before, "--json", json]);
        assert.strictEqual(code, 0, out);
        const graph = JSON.parse(fs.readFileSync(json, "utf8")) as Graph & { changes: { urn: string; type: string; action: string; properties: string[]; replaceBecause: unknown }[] };
        const replaced = graph.changes.filter((c) => c.action === "replace").map((c) => c.type);
        for (const t of ["aws:ec2/vpc:Vpc", "eks:index:Cluster", "aws:ec2/subnet:Subnet", "aws:eks/nodeGroup:NodeGroup"]) assert.ok(!replaced.includes(t), `${t} replaced:\n${out}`);
        const lt = graph.changes.find((c) => c.type === "aws:ec2/launchTemplate:LaunchTemplate" && c.urn.endsWith("ipv4-cluster-nodes"));
        assert.strictEqual(lt?.action, "update");
        const ng = graph.changes.find((c) => c.type === "aws:eks/nodeGroup:NodeGroup" && c.urn.endsWith("ipv4-cluster-nodes"));
        assert.deepEqual([ng?.action, ng?.properties], ["update", ["launchTemplate"]]);
        const subnets = graph.changes.filter((c) => c.type === "aws:ec2/subnet:Subnet");
        assert.strictEqual(subnets.length, 4);
        assert.ok(subnets.every((s) => s.action === "update" && s.properties.includes("ipv6CidrBlock")));
        assert.ok(graph.changes.some((c) => c.action === "create" && c.type === "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation"));
        assert.match(out, /new launch template version/);
        assert.match(out, /the node group rolls its nodes to the new launch template version/);
        assert.match(out, /^\d+ to create, \d+ to update, \d+ to replace, 0 to delete$/m);
        assert.strictEqual(graph.changes.filter((c) => c.action === "delete").length, 0);
    });

    it("tgw-dual-stack: an IPv4-only spoke becoming dual-stack is updated in place (VPC, subnet /64s, attachment ipv6Support)", async () => {
        const old = await planWith("tgw-dual-stack", { overrides: overrides("tgw-dual-stack", (c) => { c["eks-ipv6-interop:spokes"].dualStack = false; }) });
        const plan = planUpdate(old, await graphOf("tgw-dual-stack"));
        assert.deepEqual(changed(plan, "replace"), [], formatUpdate(plan, "a", "b").join("\n"));
        const vpc = changed(plan, "update", "aws:ec2/vpc:Vpc");
        assert.deepEqual(vpc.map((c) => [c.name, c.properties.includes("assignGeneratedIpv6CidrBlock")]), [["spoke-0-vpc", true]]);
        assert.strictEqual(changed(plan, "update", "aws:ec2/subnet:Subnet").length, 4);
        const attachment = changed(plan, "update", "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
        assert.deepEqual(attachment.map((c) => c.properties), [["ipv6Support"]]);
        assert.strictEqual(plan.counts.delete, 0);
    });

    for (const stack of listStacks()) {
        it(`${stack}: probes off and one more node replace nothing; the node group scales in place`, async () => {
            const variant = await planWith(stack, {
                overrides: overrides(stack, (c) => {
                    for (const key of ["probe", "probes"]) if (c[`eks-ipv6-interop:${key}`]) c[`eks-ipv6-interop:${key}`].enabled = false;
                    for (const key of ["cluster", "ipv4Cluster"]) if (c[`eks-ipv6-interop:${key}`]) c[`eks-ipv6-interop:${key}`].nodes = { desired: 3, min: 1, max: 4 };
                }),
            });
            const plan = planUpdate(await graphOf(stack), variant);
            const text = formatUpdate(plan, "default", "variant").join("\n");
            assert.deepEqual(changed(plan, "replace"), [], text);
            assert.strictEqual(plan.counts.unknown, 0, text);
            assert.ok(plan.counts.delete > 0, "the probe resources are deleted");
            const ng = changed(plan, "update", "aws:eks/nodeGroup:NodeGroup");
            assert.deepEqual(ng.map((c) => c.properties), [["scalingConfig"]], text);
            assert.match(text, /node count changes in place/);
            assert.strictEqual(changed(plan, "create").length, 0, text);
        });
    }

    describe("on edited graphs", () => {
        let base: Graph;
        before(async () => { base = await graphOf("tgw-dual-stack"); });

        it("a subnet moved to another availability zone is replaced, with the table's source, and what uses it follows", () => {
            const next = cloneGraph(base);
            const subnet = next.resources.find((r) => r.type === "aws:ec2/subnet:Subnet")!;
            subnet.inputs.availabilityZone = "us-west-2c";
            const plan = planUpdate(base, next);
            const c = plan.changes.find((x) => x.urn === subnet.urn)!;
            assert.strictEqual(c.action, "replace");
            assert.deepEqual(c.replaceBecause?.properties, ["availabilityZone"]);
            const text = formatUpdate(plan, "a", "b").join("\n");
            assert.match(text, /\+- aws:ec2\/subnet:Subnet \S+ replace \[diff: ~availabilityZone\]/);
            assert.match(text, /replace because availabilityZone changed \(terraform-provider-aws internal\/service\/ec2\/vpc_subnet\.go/);
            const assoc = plan.changes.find((x) => x.type === "aws:ec2/routeTableAssociation:RouteTableAssociation")!;
            assert.deepEqual([assoc.action, assoc.replaceBecause?.properties, assoc.changedBy?.subnetId], ["replace", ["subnetId"], subnet.urn]);
        });

        it("a type the table does not know is reported as unknown, never as update", () => {
            const prev = cloneGraph(base);
            const next = cloneGraph(base);
            for (const g of [prev, next]) g.resources.forEach((r) => { if (r.type === "aws:ec2/eip:Eip") r.type = "aws:ec2/someNew:Thing"; });
            next.resources.find((r) => r.type === "aws:ec2/someNew:Thing")!.inputs.tags = { Name: "renamed" };
            const plan = planUpdate(prev, next);
            assert.deepEqual(plan.changes.map((c) => c.action), ["unknown"]);
            assert.match(formatUpdate(plan, "a", "b").join("\n"), /not in lib\/aws\/replaceOnChange\.ts/);
        });

        it("read-back: the association-mode VPC without ignoreChanges would be updated after a refresh (and disassociate its /56)", async () => {
            const assoc = await graphOf("ipv4-pod-to-ipv6-pod");
            const vpc = assoc.resources.find((r) => r.type === "aws:ec2/vpc:Vpc" && r.name === "ipv4-cluster-vpc")!;
            assert.deepEqual(vpc.ignoreChanges, ["assignGeneratedIpv6CidrBlock"], "the fix is in place");
            const generated = assoc.resources.find((r) => r.type === "aws:ec2/vpc:Vpc" && r.name === "ipv6-cluster-vpc")!;
            assert.strictEqual(generated.ignoreChanges, undefined, "a VPC that owns its /56 keeps diffing the flag");
            const unfixed = cloneGraph(assoc);
            delete unfixed.resources.find((r) => r.urn === vpc.urn)!.ignoreChanges;
            const plan = planUpdate(assoc, unfixed);
            assert.deepEqual(plan.changes.map((c) => [c.name, c.action, c.properties, c.readBacks]), [["ipv4-cluster-vpc", "update", ["assignGeneratedIpv6CidrBlock"], ["Vpc.assignGeneratedIpv6CidrBlock"]]]);
            assert.match(formatUpdate(plan, "a", "b").join("\n"), /disassociates the Amazon-provided \/56/);
        });

        it("read-back: an instance created with enablePrimaryIpv6 shows a change on the next up; the service instances set none", () => {
            const instances = base.resources.filter((r) => r.type === "aws:ec2/instance:Instance");
            assert.ok(instances.length > 0 && instances.every((i) => i.inputs.enablePrimaryIpv6 === undefined));
            assert.ok(instances.some((i) => i.inputs.ipv6AddressCount === 1), "the dual-stack service instances keep one IPv6 address");
            const withFlag = cloneGraph(base);
            withFlag.resources.filter((r) => r.type === "aws:ec2/instance:Instance").forEach((r) => { r.inputs.enablePrimaryIpv6 = true; });
            const plan = planUpdate(withFlag, withFlag);
            assert.strictEqual(plan.counts.update, instances.length);
            assert.ok(plan.changes.every((c) => c.properties.join() === "enablePrimaryIpv6" && c.readBacks?.[0] === "Instance.enablePrimaryIpv6"));
        });
    });
});
