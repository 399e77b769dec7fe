/**
 * `declared-flows-hold`: the reachability model as a stack rule of the pack, fed by the stack's
 * `intent` output the way a real `pulumi preview --policy-pack` feeds it (engine/checks/policies.ts
 * hands stack rules the root stack with its outputs, and the providers, as the engine does).
 */
import { strict as assert } from "assert";
import { evaluatePolicies, formatViolations, type Violation } from "../../engine/checks/policies";
import type { Graph, GraphResource } from "../../engine/graph";
import { T } from "../../engine/reachability/model";
import { listStacks } from "../../engine/stackConfig";
import { INTENT_OUTPUT } from "../../lib/intent";
import { declaredFlowsHold, flowProblem, STACK_TYPE, unknownValues } from "../../policies/rules/reachability";
import { cloneGraph, graphOf } from "../helpers/graphs";
import { dualStackVpc, graphOf as fixtureGraph } from "./harness";

const run = (g: Graph, preview = false): Promise<Violation[]> => evaluatePolicies(g, { rules: [declaredFlowsHold], preview });

function rootOf(g: Graph): GraphResource {
    const root = g.resources.find((r) => r.type === STACK_TYPE);
    assert.ok(root, "the graph has its root stack resource");
    return root;
}

/** A copy of a stack's graph without the resources of `type` whose name matches. */
async function without(stack: string, type: string, name: RegExp): Promise<Graph> {
    const g = cloneGraph(await graphOf(stack));
    const before = g.resources.length;
    g.resources = g.resources.filter((r) => !(r.type === type && name.test(r.name)));
    assert.ok(g.resources.length < before, `nothing matched ${name}`);
    return g;
}

describe("declared-flows-hold", () => {
    describe("every stack's declared flows hold on its recorded graph", () => {
        for (const stack of listStacks()) {
            it(stack, async () => {
                const g = await graphOf(stack);
                // The program itself exports the flows: this is what a real preview hands the pack.
                assert.deepEqual(rootOf(g).outputs[INTENT_OUTPUT], g.intent);
                assert.ok(g.intent.length > 0);
                assert.deepEqual(formatViolations(await run(g)), []);
            });
        }
    });

    describe("fails with the flow and the dropping hop", () => {
        it("peering-ipv4-egress without the app VPC's return routes over the peering", async () => {
            const v = await run(await without("peering-ipv4-egress", T.route, /^cluster-to-app-accepter-\d+-ipv4$/));
            assert.equal(v.length, 1, formatViolations(v).join("\n"));
            assert.equal(v[0].level, "mandatory");
            assert.equal(v[0].type, STACK_TYPE);
            assert.match(v[0].message, /^Declared flow "IPv6 pod reaches the IPv4 NLB over peering via v4if0 SNAT" \(pods of cluster -> NLB app-nlb, ipv4 tcp\/80\) must work but is BLOCKED \(0 of \d+ placements reach it\): dropped at .*reply from app-nlb node .* cannot return: route table rtb-\w+ \(app-vpc-private-\d\) .*has no route for 10\.10\.0\.0\/20/);
        });

        it("tgw-dual-stack with the service attachment's IPv6 disabled", async () => {
            const g = cloneGraph(await graphOf("tgw-dual-stack"));
            const att = g.resources.find((r) => r.type === T.tgwAttachment && r.name === "hub-service")!;
            att.inputs.ipv6Support = att.outputs.ipv6Support = "disable";
            const v = await run(g);
            assert.equal(v.length, 1, formatViolations(v).join("\n"));
            assert.match(v[0].message, /dual-stack service's NLB over IPv6.* must work but is BLOCKED .*has no route for 2001:db8:[0-9a-f:]+\/\d+ \(IPv6 CIDRs propagate only from attachments with ipv6Support enable\)/);
        });

        it("a flow declared deny that works reports its path", async () => {
            const g = cloneGraph(await graphOf("peering-ipv4-egress"));
            const intent = rootOf(g).outputs[INTENT_OUTPUT];
            intent[0].expect = "deny";
            const v = await run(g);
            assert.equal(v.length, 1, formatViolations(v).join("\n"));
            assert.match(v[0].message, /must not work but is PROVEN \(\d+ of \d+ placements reach it\): path pod of cluster: SNAT v4if0 .* \| .*peering pcx-\w+ \(cluster-to-app\) into app-vpc.* Remove the route or rule/);
        });

        it("a malformed intent entry is a violation, and the well-formed flows are still checked", async () => {
            const g = cloneGraph(await graphOf("peering-ipv4-egress"));
            const intent = rootOf(g).outputs[INTENT_OUTPUT];
            intent.push({ ...intent[0], from: { kind: "pod", cluster: "cluster" } });
            const v = await run(g);
            assert.deepEqual(v.map((x) => x.message), [`Stack output ${INTENT_OUTPUT}[5] is not a flow the reachability model can check: from.kind "pod" is not one of pods, nlb, instance, endpoint, function, clusterIP, internet, cidr, aws-service. Declare it as lib/intent.ts FlowIntent (name, from, to, family, port, expect).`]);
        });
    });

    describe("skips, with a note, where a preview leaves values unknown", () => {
        it("a fresh preview of a stack: no violation, an explicit skip naming the undecided flows and unknown values", async () => {
            const v = await run(await graphOf("peering-ipv4-egress"), true);
            assert.equal(v.length, 1, formatViolations(v).join("\n"));
            assert.equal(v[0].level, "advisory");
            assert.equal(v[0].skipped, true);
            assert.match(v[0].message, /^can't run policy 'declared-flows-hold' during preview: 3 of 5 declared flows cannot be decided while \d+ values are unknown \(.+\); skipped here and checked on the update: "IPv6 pod reaches the IPv4 NLB over peering via v4if0 SNAT", "IPv6 pod reaches the IPv4-only ec2 endpoint over IPv4 \(v4if0 SNAT, then the NAT gateway\)", "IPv6 pod reaches the dual-stack sts endpoint over IPv6 \(its own address, the egress-only internet gateway\)"\.$/);
        });

        it("a break that a preview cannot see yet is skipped, not failed; the update (all values known) fails it", async () => {
            const broken = await without("peering-ipv4-egress", T.route, /^cluster-to-app-accepter-\d+-ipv4$/);
            const preview = await run(broken, true);
            assert.deepEqual(preview.filter((x) => x.level === "mandatory"), []);
            assert.equal(preview.filter((x) => x.skipped).length, 1);
            assert.equal((await run(broken)).filter((x) => x.level === "mandatory").length, 1);
        });

        it("one unknown value nested in a resource the model reads (an inline route's target) keeps a failure undecided", async () => {
            const g = await without("peering-ipv4-egress", T.route, /^cluster-to-app-accepter-\d+-ipv4$/);
            const rt = g.resources.find((r) => r.type === T.routeTable && !(r.outputs.routes ?? []).length)!;
            rt.inputs.routes = rt.outputs.routes = [{ cidrBlock: "192.168.0.0/16", natGatewayId: "[unknown]" }];
            const v = await run(g);
            assert.deepEqual(v.filter((x) => x.level === "mandatory"), []);
            assert.match(v[0].message, /cannot be decided while 1 values are unknown \(.*\.routes\[0\]\.natGatewayId\)/);
        });

        it("an intent output that is itself unknown is skipped", async () => {
            const g = cloneGraph(await graphOf("peering-ipv4-egress"));
            rootOf(g).outputs[INTENT_OUTPUT] = "[unknown]";
            const v = await run(g);
            assert.deepEqual(v.map((x) => `${x.level} ${x.skipped}`), ["advisory true"]);
            assert.match(v[0].message, /the stack output intent is unknown in this preview/);
        });
    });

    describe("silent on stacks that declare no intent", () => {
        it("a stack without the intent output", async () => {
            const g = cloneGraph(await graphOf("tgw-dual-stack"));
            delete rootOf(g).outputs[INTENT_OUTPUT];
            // The same graph with intent fails: the rule would have run.
            const att = g.resources.find((r) => r.type === T.tgwAttachment && r.name === "hub-service")!;
            att.inputs.ipv6Support = att.outputs.ipv6Support = "disable";
            assert.deepEqual(await run(g), []);
            assert.deepEqual(await run(g, true), []);
        });
        it("an unrelated output named intent, and resources without a stack resource", async () => {
            const g = cloneGraph(await graphOf("tgw-dual-stack"));
            rootOf(g).outputs[INTENT_OUTPUT] = ["checkout", "search"];
            assert.deepEqual(await run(g), []);
            rootOf(g).outputs[INTENT_OUTPUT] = "serve the model";
            assert.deepEqual(await run(g), []);
            assert.deepEqual(await run(fixtureGraph(dualStackVpc("n"))), []);
        });
    });
});

describe("declared-flows-hold boundaries (mutation-testing survivors)", () => {
    const ok = { name: "f", from: { kind: "pods", cluster: "c6" }, to: { kind: "internet" }, family: "ipv6", port: 443, expect: "allow" };
    describe("flowProblem names what is wrong with an intent entry", () => {
        it("accepts a well-formed flow, ports 1 and 65535, and an aws-service endpoint either way", () => {
            assert.equal(flowProblem(ok), undefined);
            assert.equal(flowProblem({ ...ok, port: 1 }), undefined);
            assert.equal(flowProblem({ ...ok, port: 65535, expect: "deny", family: "ipv4" }), undefined);
            assert.equal(flowProblem({ ...ok, to: { kind: "aws-service", service: "s3", dualStack: false } }), undefined);
            assert.equal(flowProblem({ ...ok, to: { kind: "cidr", cidr: "192.0.2.0/24" } }), undefined);
        });
        it("rejects entries that are not objects, or have no name", () => {
            for (const e of [null, "flow", 7, []]) assert.equal(flowProblem(e), "not an object", JSON.stringify(e));
            assert.equal(flowProblem({ ...ok, name: "" }), "name must be a non-empty string");
            assert.equal(flowProblem({ ...ok, name: 3 }), "name must be a non-empty string");
        });
        it("names the endpoint and its missing field", () => {
            assert.equal(flowProblem({ ...ok, from: null }), "from is not an object");
            assert.equal(flowProblem({ ...ok, to: [] }), "to is not an object");
            assert.equal(flowProblem({ ...ok, to: "internet" }), "to is not an object");
            assert.match(flowProblem({ ...ok, from: { kind: "pod", cluster: "c6" } })!, /^from\.kind "pod" is not one of pods, nlb, instance, endpoint, function, clusterIP, internet, cidr, aws-service$/);
            assert.match(flowProblem({ ...ok, from: { cluster: "c6" } })!, /^from\.kind undefined is not one of/);
            assert.equal(flowProblem({ ...ok, from: { kind: "pods", cluster: "" } }), "from.cluster must name the pods resource");
            assert.equal(flowProblem({ ...ok, from: { kind: "pods" } }), "from.cluster must name the pods resource");
            assert.equal(flowProblem({ ...ok, to: { kind: "cidr" } }), "to.cidr must name the cidr block");
            assert.equal(flowProblem({ ...ok, to: { kind: "aws-service", service: "", dualStack: true } }), "to.service must name the aws-service service (for example s3)");
            assert.equal(flowProblem({ ...ok, to: { kind: "aws-service", service: "s3" } }), "to.dualStack must be true (the service's dual-stack endpoint) or false (IPv4-only)");
            assert.equal(flowProblem({ ...ok, to: { kind: "nlb", loadBalancer: "web", dualStack: "yes" } }), undefined, "dualStack matters only for aws-service");
        });
        it("rejects a family, a port or an expectation out of range", () => {
            assert.equal(flowProblem({ ...ok, family: "IPv6" }), 'family "IPv6" must be "ipv4" or "ipv6"');
            for (const port of [0, 65536, 44.5, "443", -1]) assert.equal(flowProblem({ ...ok, port }), `port ${JSON.stringify(port)} must be a TCP port (1-65535)`);
            assert.equal(flowProblem({ ...ok, expect: "maybe" }), 'expect "maybe" must be "allow" or "deny"');
        });
    });

    describe("unknownValues", () => {
        it("lists nested unknowns of the resources the model reads, by name and path, and nothing of other resources", () => {
            const res = (type: string, name: string, outputs: Record<string, unknown>) => ({ urn: `urn:${name}`, type, name, custom: true, dependencies: [], propertyDependencies: {}, inputs: outputs, outputs }) as unknown as GraphResource;
            const out = unknownValues([
                res(T.routeTable, "rt", { id: "rtb-1", routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "[unknown]" }], tags: null, vpcId: "[unknown]" }),
                res("aws:s3/bucket:Bucket", "b", { arn: "[unknown]" }),
            ]);
            assert.deepEqual(out, ["rt.routes[0].natGatewayId", "rt.vpcId"]);
        });
    });

    it("lists at most five unknown values in the skip note", async () => {
        const note = async (n: number) => {
            const g = await without("peering-ipv4-egress", T.route, /^cluster-to-app-accepter-\d+-ipv4$/);
            const rt = g.resources.find((r) => r.type === T.routeTable && !(r.outputs.routes ?? []).length)!;
            rt.inputs.routes = rt.outputs.routes = Array.from({ length: n }, (_, i) => ({ cidrBlock: `192.168.${i}.0/24`, natGatewayId: "[unknown]" }));
            return (await run(g))[0].message;
        };
        const five = await note(5);
        assert.match(five, /while 5 values are unknown \(([^,()]+\.routes\[\d\]\.natGatewayId, ){4}[^,()]+\.routes\[4\]\.natGatewayId\); skipped/);
        const six = await note(6);
        assert.match(six, /while 6 values are unknown \(([^,()]+\.routes\[\d\]\.natGatewayId, ){4}[^,()]+\.routes\[4\]\.natGatewayId, \.\.\.\); skipped/);
    });
});
