/**
 * The pack as a whole: rule metadata, every stack's recorded graph (full run and fresh preview),
 * and that every rule has its own tests.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { evaluatePolicies, formatViolations } from "../../engine/checks/policies";
import { listStacks } from "../../engine/stackConfig";
import { ALL_RULES } from "../../policies/rules";
import { graphOf } from "../helpers/graphs";

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
                const extra = preview.filter((v) => !full.has(`${v.rule} ${v.urn}`));
                assert.deepEqual(formatViolations(extra), []);
            });
        });
    }

    it("catches a broken graph: removing the exemption of peering-ipv4-egress's IPv4-only VPC fails vpc-dual-stack", async () => {
        const graph = JSON.parse(JSON.stringify(await graphOf("peering-ipv4-egress")));
        const appVpc = graph.resources.find((r: any) => r.type === "aws:ec2/vpc:Vpc" && r.name === "app-vpc");
        delete appVpc.inputs.tags["ipv6-policy-exempt"];
        delete appVpc.outputs.tags["ipv6-policy-exempt"];
        const violations = await evaluatePolicies(graph);
        assert.deepEqual(violations.map((v) => `${v.level} ${v.rule} ${v.name}`), ["mandatory vpc-dual-stack app-vpc"]);
    });
});
