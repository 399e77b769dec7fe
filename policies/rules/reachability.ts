/**
 * The flows a stack promises hold on its planned network: the reachability model
 * (`engine/reachability/`, docs/reachability.md) answers each flow the stack declares in its
 * `intent` output, hop by hop, from the resources the engine hands a stack rule.
 *
 * Where the intent comes from: a real `pulumi preview --policy-pack` has no engine intent, so the
 * program exports it as the stack output `intent` (lib/intent.ts `INTENT_OUTPUT`, written by
 * stacks/index.ts `deploy`). The engine hands stack rules every resource it registered, the root
 * `pulumi:pulumi:Stack` included, with its outputs as last registered; it records them in a
 * preview as well (pulumi/pulumi `stepExecutor.ExecuteRegisterResourceOutputs` sets them
 * unconditionally; `stepGenerator.AnalyzeResources` sends `v.Outputs` of every new state). The
 * flows are plain JSON computed from config, so they are known in a preview of a new stack.
 * Stacks without the output (anyone's own stacks) are not applicable: no violation.
 */
import type { FlowEndpoint, FlowIntent } from "../../lib/intent";
import { INTENT_OUTPUT } from "../../lib/intent";
import { analyzeGraph, type FlowResult } from "../../engine/reachability/analyze";
import { T as MODEL_TYPES } from "../../engine/reachability/model";
import type { GraphResource } from "../../engine/graph";
import { UNKNOWN_MARKER, graphResourcesOf } from "../support/graph";
import { stackRule } from "../support/rule";
import { containsUnknown } from "../support/values";

/** The root stack resource, whose outputs carry the intent. */
export const STACK_TYPE = "pulumi:pulumi:Stack";

/** The field that names each kind of flow endpoint (lib/intent.ts); `satisfies` keeps it complete. */
const ENDPOINT_FIELD = {
    pods: "cluster",
    nlb: "loadBalancer",
    instance: "instance",
    endpoint: "endpoint",
    function: "function",
    clusterIP: "cluster",
    internet: null,
    cidr: "cidr",
    "aws-service": "service",
} as const satisfies Record<FlowEndpoint["kind"], string | null>;

function endpointProblem(e: unknown, which: "from" | "to"): string | undefined {
    if (e === null || typeof e !== "object" || Array.isArray(e)) return `${which} is not an object`;
    const kind = (e as Record<string, unknown>).kind;
    if (typeof kind !== "string" || !(kind in ENDPOINT_FIELD)) return `${which}.kind ${JSON.stringify(kind)} is not one of ${Object.keys(ENDPOINT_FIELD).join(", ")}`;
    const field = ENDPOINT_FIELD[kind as FlowEndpoint["kind"]];
    if (field === null) return undefined;
    const v = (e as Record<string, unknown>)[field];
    if (typeof v !== "string" || v === "") return `${which}.${field} must name the ${kind} ${kind === "cidr" ? "block" : kind === "aws-service" ? "service (for example s3)" : "resource"}`;
    if (kind === "aws-service" && typeof (e as Record<string, unknown>).dualStack !== "boolean") return `${which}.dualStack must be true (the service's dual-stack endpoint) or false (IPv4-only)`;
    return undefined;
}

/** Why an intent entry is not a FlowIntent (lib/intent.ts), or undefined when it is one. */
export function flowProblem(f: unknown): string | undefined {
    if (f === null || typeof f !== "object" || Array.isArray(f)) return "not an object";
    const x = f as Record<string, unknown>;
    if (typeof x.name !== "string" || x.name === "") return "name must be a non-empty string";
    const ep = endpointProblem(x.from, "from") ?? endpointProblem(x.to, "to");
    if (ep) return ep;
    if (x.family !== "ipv4" && x.family !== "ipv6") return `family ${JSON.stringify(x.family)} must be "ipv4" or "ipv6"`;
    if (typeof x.port !== "number" || !Number.isInteger(x.port) || x.port < 1 || x.port > 65535) return `port ${JSON.stringify(x.port)} must be a TCP port (1-65535)`;
    if (x.expect !== "allow" && x.expect !== "deny") return `expect ${JSON.stringify(x.expect)} must be "allow" or "deny"`;
    return undefined;
}

/** Unknown values (deep) of the resources the model reads, as `name.path`. */
export function unknownValues(resources: readonly GraphResource[]): string[] {
    const modelled = new Set<string>(Object.values(MODEL_TYPES));
    const out: string[] = [];
    const visit = (v: unknown, path: string) => {
        if (v === UNKNOWN_MARKER) out.push(path);
        else if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
        else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) visit(x, `${path}.${k}`);
    };
    for (const r of resources) if (modelled.has(r.type)) for (const [k, v] of Object.entries(r.outputs)) visit(v, `${r.name}.${k}`);
    return out;
}

const what = (f: FlowResult) => `"${f.name}" (${f.from} -> ${f.to}, ${f.family} tcp/${f.port})`;

function failure(f: FlowResult): string {
    const placements = `${f.placements.reached} of ${f.placements.total} placements reach it`;
    if (f.expect === "allow") {
        return `Declared flow ${what(f)} must work but is ${f.status.toUpperCase()} (${placements}): dropped at ${f.drop ?? "an unnamed hop"}. `
            + `Fix the resource that hop names (add the missing route, security group rule or setting it names), or set expect to "deny" in the stack's ${INTENT_OUTPUT} output if the flow is no longer meant to work.`;
    }
    return `Declared flow ${what(f)} must not work but is ${f.status.toUpperCase()} (${placements}): path ${(f.path ?? []).join(" | ")}. `
        + `Remove the route or rule on that path that carries it, or set expect to "allow" in the stack's ${INTENT_OUTPUT} output if the flow is now meant to work.`;
}

export const declaredFlowsHold = stackRule({
    name: "declared-flows-hold",
    description: "Every flow the stack declares in its intent output holds on the planned network: flows expected to work reach their destination from every placement, and flows expected not to work reach it from none.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "A scenario exists to make specific flows work (an IPv6 pod to an IPv4 NLB over peering through the CNI's SNAT); a changed route, security group rule, attachment flag or CNI setting breaks one silently, and AWS Reachability Analyzer can only tell after the deploy. The model names the first hop that drops the flow. In a preview, flows that depend on values not known yet are skipped with an advisory note and checked on the update.",
    source: "docs/reachability.md (the AWS behaviour each hop relies on is cited in engine/reachability/); issue 7",
    remediation: "Fix the resource the dropping hop names (for example add the aws.ec2.Route with destinationIpv6CidrBlock set to the peer VPC's block, or the security group rule for the flow's port), or change the flow's expect in the stack's intent output when the intent changed.",
    check(view, ctx) {
        const stack = view.ofType(STACK_TYPE)[0];
        if (!stack) return ctx.notApplicable("the stack resource is not among the resources (no intent to read)");
        const intent = stack.props[INTENT_OUTPUT];
        if (intent === undefined || intent === null) return ctx.notApplicable(`the stack exports no ${INTENT_OUTPUT} output (the flows it promises)`);
        if (containsUnknown(intent)) return ctx.skip(`the stack output ${INTENT_OUTPUT} is unknown in this preview; its flows are checked on the update`);
        if (!Array.isArray(intent)) return ctx.notApplicable(`the stack output ${INTENT_OUTPUT} is not a list of flows`);
        const entries = intent as unknown[];
        const flowLike = entries.filter((e) => e !== null && typeof e === "object" && "from" in e && "to" in e);
        if (flowLike.length === 0) return ctx.notApplicable(`the stack output ${INTENT_OUTPUT} declares no flows`);

        // A malformed declaration must not pass as "nothing to check".
        const flows: FlowIntent[] = [];
        entries.forEach((e, i) => {
            const problem = flowProblem(e);
            if (problem) ctx.report(stack, `Stack output ${INTENT_OUTPUT}[${i}] is not a flow the reachability model can check: ${problem}. Declare it as lib/intent.ts FlowIntent (name, from, to, family, port, expect).`);
            else flows.push(e as FlowIntent);
        });

        const resources = graphResourcesOf(view.resources);
        let analysis: ReturnType<typeof analyzeGraph>;
        try {
            analysis = analyzeGraph({ resources }, flows);
        } catch (e) {
            // A model error must not pass the flows, nor abort the whole preview with a gRPC error.
            ctx.report(stack, `The reachability model could not analyse this stack's ${flows.length} declared flows: ${(e as Error).message}. Report it with the stack's resource graph (npm run plan -- --json), or set this rule's enforcementLevel to advisory until it is fixed.`);
            return;
        }
        // The model counts top-level unknowns; nested ones (an inline route's target, a vpcConfig's
        // subnets) can break a flow just as well, so any unknown the model reads keeps failures undecided.
        const unknowns = unknownValues(resources);
        const undecided: FlowResult[] = [];
        for (const f of analysis.flows) {
            if (f.status === "unknown" || (!f.holds && unknowns.length > 0)) undecided.push(f);
            else if (!f.holds) ctx.report(stack, failure(f));
        }
        if (undecided.length > 0) {
            return ctx.skip(`${undecided.length} of ${flows.length} declared flows cannot be decided while ${unknowns.length} values are unknown (${unknowns.slice(0, 5).join(", ")}${unknowns.length > 5 ? ", ..." : ""}); skipped here and checked on the update: ${undecided.map((f) => `"${f.name}"`).join(", ")}.`);
        }
    },
});
