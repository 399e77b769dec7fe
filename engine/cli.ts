/**
 * `npm run plan -- <stack> [--json FILE]` plans a stack offline: runs the real program under the
 * model of AWS, prints a summary, then each check section (policies, flows), and exits 1 when
 * the config is invalid or a section fails.
 * `npm run plan -- --graph FILE` re-checks a saved (or edited) graph without running the program.
 * `npm run plan -- --all` plans every stack in stacks/.
 */
import * as fs from "fs";
import { parseArgs } from "util";
import { ConfigError } from "../lib/errors";
import type { Graph } from "./graph";
import { runStack } from "./run";
import { planSections, type PlanSection, type SectionResult } from "./sections";
import { listStacks } from "./stackConfig";
import { MODEL_BANNER, summarize } from "./summary";
import "./checks";
import { readFlowsFile } from "./inputs/flows";
import { planState } from "./inputs/plan";
import { checkDiagramArgs, writeDiagram } from "./diagram/write";

const USAGE = `usage: npm run plan -- <stack> [--json FILE] [--config FILE] [--diagram FILE.svg|FILE.dot]
       npm run plan -- --all [--json-dir DIR]
       npm run plan -- --graph FILE [--json FILE] [--diagram FILE.svg|FILE.dot]
       npm run plan -- --state FILE [--flows FILE] [--json FILE]    (a pulumi stack export)
stacks: ${listStacks().join(", ")}`;

/** One section's result; a section that throws fails with its error instead of aborting the others. */
async function runSection(section: PlanSection, graph: Graph): Promise<SectionResult> {
    try {
        return await section.run(graph);
    } catch (e) {
        const message = ((e as Error)?.stack ?? String(e)).split("\n").slice(0, 2).map((l) => l.trim()).join(" ");
        return { title: `${section.key}: the check crashed and could not run (a bug; please report it)`, lines: [message], ok: false, json: { error: message } };
    }
}

/** Runs every section on a graph; returns the lines and whether all passed, and adds each section's JSON to the graph. */
export async function checkGraph(graph: Graph): Promise<{ lines: string[]; ok: boolean }> {
    const lines: string[] = [];
    let ok = true;
    for (const section of planSections()) {
        const result = await runSection(section, graph);
        graph[section.key] = result.json;
        lines.push("", `${result.ok ? "PASS" : "FAIL"} ${result.title}`, ...result.lines.map((l) => `  ${l}`));
        ok &&= result.ok;
    }
    return { lines, ok };
}

async function planOne(stack: string, jsonFile?: string, configFile?: string, diagramFile?: string): Promise<boolean> {
    const started = Date.now();
    const graph = await runStack(stack, { configFile });
    const elapsed = Date.now() - started;
    const out = summarize(graph, elapsed);
    const checks = await checkGraph(graph);
    out.push(...checks.lines);
    out.push("", checks.ok ? `Plan of ${stack}: every check passed (offline model).` : `Plan of ${stack}: FAILED (see above).`);
    console.log(out.join("\n"));
    if (jsonFile) {
        fs.writeFileSync(jsonFile, JSON.stringify(graph, null, 2) + "\n");
        console.log(`Graph written to ${jsonFile}`);
    }
    if (diagramFile) console.log(await writeDiagram(graph, diagramFile));
    return checks.ok;
}

export async function main(argv: string[]): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            allowPositionals: true,
            options: { json: { type: "string" }, config: { type: "string" }, graph: { type: "string" }, state: { type: "string" }, flows: { type: "string" }, all: { type: "boolean" }, "json-dir": { type: "string" }, diagram: { type: "string" }, help: { type: "boolean", short: "h" } },
        });
    } catch (e) {
        console.error(`${(e as Error).message}\n${USAGE}`);
        return 2;
    }
    const { values, positionals } = parsed;
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    try {
        if (values.diagram !== undefined) checkDiagramArgs(values.diagram, { all: values.all, state: values.state });
        if (values.state) return (await planState(values.state, checkGraph, { json: values.json, intent: values.flows ? readFlowsFile(values.flows) : undefined })) ? 0 : 1;
        if (values.graph) {
            const graph = JSON.parse(fs.readFileSync(values.graph, "utf8")) as Graph;
            if (!Array.isArray(graph.resources)) throw new ConfigError("--graph", values.graph, "the file must be a graph written by plan --json (an object with a resources array)");
            console.log(`${MODEL_BANNER}\nRe-checking the saved graph ${values.graph} (stack ${graph.stack}, ${graph.resources.length} resources).`);
            const checks = await checkGraph(graph);
            console.log(checks.lines.join("\n"));
            if (values.json) fs.writeFileSync(values.json, JSON.stringify(graph, null, 2) + "\n");
            if (values.diagram) console.log(await writeDiagram(graph, values.diagram));
            return checks.ok ? 0 : 1;
        }
        const stacks = values.all ? listStacks() : positionals;
        if (stacks.length !== 1 && !values.all) {
            console.error(USAGE);
            return 2;
        }
        let ok = true;
        for (const stack of stacks) {
            const json = values.all ? (values["json-dir"] ? `${values["json-dir"]}/${stack}.json` : undefined) : values.json;
            ok = (await planOne(stack, json, values.all ? undefined : values.config, values.all ? undefined : values.diagram)) && ok;
        }
        return ok ? 0 : 1;
    } catch (e) {
        if (e instanceof ConfigError) {
            console.error(`Invalid configuration, nothing was planned:\n${e.message}`);
            return 1;
        }
        console.error((e as Error).message ?? e);
        return 1;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
