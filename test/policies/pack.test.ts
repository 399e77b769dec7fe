/**
 * The pack as a whole: rule metadata, every stack's recorded graph (full run and fresh preview),
 * and that every rule has its own tests.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { evaluatePolicies, formatViolations } from "../../engine/checks/policies";
import { planSections } from "../../engine/sections";
import { listStacks } from "../../engine/stackConfig";
import { ALL_RULES } from "../../policies/rules";
import { graphOf } from "../helpers/graphs";


/**
 * The scenarios' images ship pinned by tag (no digest could be resolved here), so the advisory
 * container-image-pinned-by-digest fires on every probe; these tests look at the other rules.
 */
const notTagPinnedImage = (v: { rule: string }) => v.rule !== "container-image-pinned-by-digest";

describe("policies: the pack", () => {
    it("every rule has a unique lower-kebab name, a sentence, a level, a severity, why and source", () => {
        const names = new Set<string>();
        for (const r of ALL_RULES) {
            assert.match(r.name, /^[a-z0-9]+(-[a-z0-9]+)+$/, r.name);
            assert.ok(!names.has(r.name), `duplicate ${r.name}`);
            names.add(r.name);
            assert.match(r.description, /^[A-Z].{20,}\.$/, `${r.name}: description must be a full sentence`);
            assert.ok(r.enforcementLevel === "mandatory" || r.enforcementLevel === "advisory", r.name);
            assert.ok(["low", "medium", "high", "critical"].includes(r.severity ?? ""), r.name);
            assert.ok(r.docs.why.length > 40 && r.docs.source.length > 5 && (r.remediationSteps ?? "").length > 10, r.name);
            assert.ok(r.configSchema?.properties.exemptionTags, `${r.name} accepts exemptionTags`);
        }
    });

    it("every rule has tests of its own (a describe block named after it)", () => {
        const dir = path.join(__dirname);
        const text = fs.readdirSync(dir).filter((f) => f.endsWith(".test.ts")).map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n");
        const missing = ALL_RULES.filter((r) => !text.includes(`describe("${r.name}"`)).map((r) => r.name);
        assert.deepEqual(missing, []);
    });

    for (const stack of listStacks()) {
        describe(`stack ${stack}`, () => {
            it("passes the whole pack with no mandatory violations", async () => {
                const violations = await evaluatePolicies(await graphOf(stack));
                const mandatory = violations.filter((v) => v.level === "mandatory");
                assert.deepEqual(formatViolations(mandatory), []);
            });
            it("evaluates as a fresh preview without crashing and without violations the full run does not have", async () => {
                const graph = await graphOf(stack);
                const full = new Set((await evaluatePolicies(graph)).map((v) => `${v.rule} ${v.urn}`));
                const preview = await evaluatePolicies(graph, { preview: true });
                // A rule that cannot decide on unknown values says so (an advisory "can't run ... during
                // preview" note, as the Pulumi CLI prints it); that note is not a violation.
                const extra = preview.filter((v) => !v.skipped && !full.has(`${v.rule} ${v.urn}`));
                assert.deepEqual(formatViolations(extra), []);
                assert.ok(preview.filter((v) => v.skipped).every((v) => v.level === "advisory" && v.rule === "declared-flows-hold"), "only declared-flows-hold skips");
            });
        });
    }

    describe("bites on a recorded graph (peering-ipv4-egress with one mistake each)", () => {
        /** Applies `edit` to a resource's inputs and outputs in a copy of the graph. */
        async function broken(type: string, name: string, edit: (props: any) => void) {
            const graph = JSON.parse(JSON.stringify(await graphOf("peering-ipv4-egress")));
            const r = graph.resources.find((x: any) => x.type === type && x.name === name);
            assert.ok(r, `${type} ${name}`);
            edit(r.inputs);
            edit(r.outputs);
            return (await evaluatePolicies(graph)).filter(notTagPinnedImage).map((v) => `${v.rule} ${v.name}`);
        }
        it("private ::/0 to the internet gateway", async () => {
            const igwId = (await graphOf("peering-ipv4-egress")).resources.find((r) => r.type === "aws:ec2/internetGateway:InternetGateway" && r.name === "cluster-vpc")!.id;
            const v = await broken("aws:ec2/route:Route", "cluster-vpc-private-0-ipv6-default", (p) => { delete p.egressOnlyGatewayId; p.gatewayId = igwId; });
            assert.deepEqual(v, ["private-ipv6-default-via-egress-only-gateway cluster-vpc-private-0-ipv6-default"]);
        });
        it("DNS64 on a node subnet", async () => {
            const v = await broken("aws:ec2/subnet:Subnet", "cluster-vpc-private-1", (p) => { p.enableDns64 = true; });
            assert.deepEqual(v.sort(), ["subnet-dns64-needs-nat64-route cluster-vpc-private-1", "subnet-no-dns64-for-eks-nodes cluster-vpc-private-1"]);
        });
        it("the CNI policy without DescribeSubnets", async () => {
            const v = await broken("aws:iam/policy:Policy", "cluster-vpc-cni-ipv6", (p) => {
                const doc = JSON.parse(p.policy);
                doc.Statement[0].Action = doc.Statement[0].Action.filter((a: string) => a !== "ec2:DescribeSubnets");
                p.policy = JSON.stringify(doc);
            });
            assert.deepEqual(v, ["eks-ipv6-cni-permissions cluster-vpc-cni"]);
        });
        it("a Xen node type and IMDSv1 on the node launch template", async () => {
            assert.deepEqual(await broken("aws:eks/nodeGroup:NodeGroup", "cluster-nodes", (p) => { p.instanceTypes = ["m4.large"]; }), ["eks-ipv6-nodes-nitro cluster-nodes"]);
            assert.deepEqual(await broken("aws:ec2/launchTemplate:LaunchTemplate", "cluster-nodes", (p) => { p.metadataOptions.httpTokens = "optional"; }), ["imdsv2-required cluster-nodes"]);
        });
        it("the cluster's public endpoint open to the world", async () => {
            assert.deepEqual(await broken("eks:index:Cluster", "cluster", (p) => { p.endpointPublicAccess = true; p.publicAccessCidrs = ["0.0.0.0/0"]; }), ["eks-public-endpoint-restricted cluster"]);
        });
    });

    it("the plan section fails on a mandatory violation and prints it under its resource", async () => {
        const section = planSections().find((x) => x.key === "policies");
        assert.ok(section, "engine/checks.ts registers the policies section");
        const graph = JSON.parse(JSON.stringify(await graphOf("peering-ipv4-egress")));
        const nlb = graph.resources.find((r: any) => r.type === "aws:lb/loadBalancer:LoadBalancer" && r.name === "app-nlb");
        nlb.inputs.tags["ipv6-policy-exempt"] = "";
        const result = await section.run(graph);
        assert.equal(result.ok, false);
        const at = result.lines.indexOf('aws:lb/loadBalancer:LoadBalancer "app-nlb"');
        assert.ok(at >= 0, result.lines.join("\n"));
        assert.match(result.lines[at + 1], /^ {2}\[mandatory\] (load-balancer-dual-stack|policy-exemption-has-reason): aws\.lb\.LoadBalancer "app-nlb"/);
        assert.equal((result.json as any).mandatory, 2);
        const clean = await section.run(await graphOf("peering-ipv4-egress"));
        assert.equal(clean.ok, true);
    });

    it("catches a broken graph: removing the exemption of peering-ipv4-egress's IPv4-only VPC fails vpc-dual-stack", async () => {
        const graph = JSON.parse(JSON.stringify(await graphOf("peering-ipv4-egress")));
        const appVpc = graph.resources.find((r: any) => r.type === "aws:ec2/vpc:Vpc" && r.name === "app-vpc");
        delete appVpc.inputs.tags["ipv6-policy-exempt"];
        delete appVpc.outputs.tags["ipv6-policy-exempt"];
        const violations = (await evaluatePolicies(graph)).filter(notTagPinnedImage);
        assert.deepEqual(violations.map((v) => `${v.level} ${v.rule} ${v.name}`), ["mandatory vpc-dual-stack app-vpc"]);
    });
});
