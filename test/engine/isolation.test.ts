import { strict as assert } from "assert";
import { checkGraph } from "../../engine/cli";
import { evaluatePolicies } from "../../engine/checks/policies";
import { ALL_RULES } from "../../policies/rules";
import { vpcDualStackRule } from "../../policies/rules/vpc";
import { stackRule } from "../../policies/support/rule";
import { dualStackVpc, graphOf, patch, vpc } from "../policies/harness";

const throwing = stackRule({
    name: "test-throws",
    description: "A rule that always throws.",
    enforcementLevel: "advisory",
    severity: "low",
    why: "test",
    source: "test",
    remediation: "none",
    check() {
        throw new TypeError("Cannot read properties of null (reading 'cidrBlock')");
    },
});

describe("one crashing check does not abort the others", () => {
    it("a rule that throws is reported as an error of that rule, and the next rule still runs", async () => {
        const v = await evaluatePolicies(graphOf([vpc("four", { ipv6: false })]), { rules: [throwing, vpcDualStackRule] });
        assert.equal(v.length, 2);
        assert.equal(v[0].rule, "test-throws");
        assert.equal(v[0].error, true);
        assert.match(v[0].message, /the rule crashed on stack test and could not check it .*TypeError: Cannot read properties of null/);
        assert.equal(v[1].rule, "vpc-dual-stack");
    });
    it("null entries in inline routes and rules crash no rule of the pack, and a crashing section fails alone", async () => {
        let fx = patch(dualStackVpc("n"), "n-public-rt", { routes: [null, { cidrBlock: "0.0.0.0/0", gatewayId: "igw-n-igw" }] });
        fx = [...fx, { type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: { id: "sg-1", vpcId: "vpc-n-vpc", ingress: [null], egress: [null, { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [null] }] }, deps: { vpcId: ["n-vpc"] } }];
        const graph = graphOf(fx);
        const v = await evaluatePolicies(graph, { rules: ALL_RULES });
        assert.deepEqual(v.filter((x) => x.error).map((x) => x.message), []);
        const result = await checkGraph(graph);
        assert.ok(result.lines.some((l) => /^PASS Policies/.test(l)), result.lines.join("\n"));
        // Whatever the flows section does with the null entry (issue 19 owns the model), the plan returns.
        assert.ok(result.lines.some((l) => /^(PASS|FAIL) (Flows|flows)/.test(l)), result.lines.join("\n"));
    });
});
