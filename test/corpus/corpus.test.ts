import { strict as assert } from "assert";
import { evaluatePolicies } from "../../engine/checks/policies";
import { graphFromState, stateFromGraph } from "../../engine/inputs/state";
import { graphOf } from "../policies/harness";
import { CORPUS, ipv6Variant } from "./programs";

const key = (v: { rule: string; name?: string }) => `${v.rule} ${v.name ?? "(stack)"}`;

describe("corpus: public Pulumi programs recorded as state fixtures (test/corpus/programs.ts)", () => {
    it("has at least five programs, each with repository, commit, licence and how it was derived", () => {
        assert.ok(CORPUS.length >= 5);
        for (const p of CORPUS) {
            assert.match(p.commit, /^[0-9a-f]{40}$/);
            assert.ok(p.repository && p.path && p.licence && p.derivation.length > 40, p.path);
        }
    });
    for (const p of CORPUS) {
        it(`${p.repository} ${p.path}: no crash, and exactly the explained findings (read back through plan --state's reader)`, async () => {
            const graph = graphFromState(JSON.parse(JSON.stringify(stateFromGraph(graphOf(p.fixtures)))));
            const v = (await evaluatePolicies(graph)).filter((x) => !x.skipped);
            assert.deepEqual(v.filter((x) => x.error).map((x) => x.message), []);
            assert.deepEqual([...new Set(v.map(key))].sort(), Object.keys(p.expected).sort(), v.map((x) => `${key(x)}: ${x.message}`).join("\n"));
            assert.ok(!v.some((x) => x.rule === "vpc-cni-configuration-values"), "the default add-on (and the program's own keys) pass");
        });
    }
    it("the IPv6 variant (our change, not a public program): both EKS rules fire on the real-shaped cluster", async () => {
        const v = await evaluatePolicies(graphOf(ipv6Variant()));
        const rules = new Set(v.filter((x) => x.level === "mandatory").map(key));
        assert.ok(rules.has("eks-node-ipv6-egress v6-cluster-nodeSecurityGroup"), [...rules].join("\n"));
        assert.ok(rules.has("eks-ipv6-cni-permissions v6-cluster-instanceRole-role"), [...rules].join("\n"));
        assert.ok(!rules.has("subnet-assigns-ipv6-on-creation v6-public-1"));
    });
});
