/**
 * Plans of inputs other than this repository's stacks: a deployed stack's state (`--state`) and
 * any Pulumi program (`--program`). Both end in the same Graph and the same plan sections.
 */
import * as fs from "fs";
import type { Graph } from "../graph";
import { MODEL_BANNER } from "../summary";
import { flowsBeside } from "./flows";
import { runProgramDir } from "./program";
import { readStateFile } from "./state";

export interface ForeignPlanOptions {
    /** Write the graph (with each section's JSON) here. */
    json?: string;
    /** Flows declared outside the program (flows.yaml); engine/inputs/flows.ts reads it. */
    intent?: Graph["intent"];
}

type CheckGraph = (graph: Graph) => Promise<{ lines: string[]; ok: boolean }>;

/** Prints a graph's summary and every section; true when every section passed. */
export async function printChecks(graph: Graph, header: string[], checkGraph: CheckGraph, json?: string): Promise<boolean> {
    const checks = await checkGraph(graph);
    console.log([...header, ...checks.lines, "", checks.ok ? `Plan of ${graph.project}/${graph.stack}: every check passed.` : `Plan of ${graph.project}/${graph.stack}: FAILED (see above).`].join("\n"));
    if (json) {
        fs.writeFileSync(json, JSON.stringify(graph, null, 2) + "\n");
        console.log(`Graph written to ${json}`);
    }
    return checks.ok;
}

/** `plan --state FILE`: the pack and the flows on a deployed stack, from `pulumi stack export`. */
export async function planState(file: string, checkGraph: CheckGraph, opts: ForeignPlanOptions = {}): Promise<boolean> {
    const graph = readStateFile(file, { intent: opts.intent });
    const custom = graph.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).length;
    const remote = graph.resources.filter((r) => r.remote);
    const header = [
        `DEPLOYED STATE: ${file} (pulumi stack export of ${graph.project}/${graph.stack}, region ${graph.region}); nothing was called in AWS.`,
        `Resources: ${graph.resources.length} in the state (${custom} custom, ${graph.resources.filter((r) => !r.custom).length} components${remote.length > 0 ? `, of which ${remote.length} from provider plugins, with their children: ${[...new Set(remote.map((r) => r.type))].join(", ")}` : ""}).`,
        `Flows: ${graph.intent.length === 0 ? "none declared (add a flows.yaml with --flows, or export an `intent` output)" : `${graph.intent.length} declared`}.`,
    ];
    return printChecks(graph, header, checkGraph, opts.json);
}

/** `plan --program DIR [--stack NAME]`: any Pulumi TypeScript/JavaScript program under the model. */
export async function planProgram(dir: string, checkGraph: CheckGraph, opts: ForeignPlanOptions & { stack?: string } = {}): Promise<boolean> {
    const started = Date.now();
    const { graph, notes } = await runProgramDir(dir, { stack: opts.stack });
    const intent = opts.intent ?? flowsBeside(dir) ?? [];
    graph.intent = intent;
    const custom = graph.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).length;
    const header = [
        MODEL_BANNER,
        `Program ${dir}: project ${graph.project}, stack ${graph.stack}, region ${graph.region}; ran in ${Date.now() - started} ms.`,
        `Resources: ${graph.resources.length} registered (${custom} custom, ${graph.resources.filter((r) => !r.custom).length} components).`,
        `Flows: ${intent.length === 0 ? "none declared (put a flows.yaml beside the program, or pass --flows FILE)" : `${intent.length} declared`}.`,
        ...notes.map((n) => `note: ${n}`),
    ];
    return printChecks(graph, header, checkGraph, opts.json);
}
