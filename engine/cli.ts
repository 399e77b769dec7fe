/**
 * `npm run plan -- <stack> [--json FILE]` plans a stack offline: runs the real program under the
 * model of AWS, prints a summary, then each check section (policies, flows), and exits 1 when
 * the config is invalid or a section fails.
 * `npm run plan -- --graph FILE` re-checks a saved (or edited) graph without running the program.
 * `npm run plan -- --all` plans every stack in stacks/.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { ConfigError, UsageError } from "../lib/errors";
import { checkFlagCombinations, readGraphFile, requireOutputDir, requireOutputFile, userPath } from "./cliInputs";
import type { Graph } from "./graph";
import { runStack } from "./run";
import { planSections, type PlanSection, type SectionResult } from "./sections";
import { runUpdatePlan } from "./update";
import { listStacks } from "./stackConfig";
import { MODEL_BANNER, summarize, tally, tallyRow, type TallyRow } from "./summary";
import "./checks";
import { readFlowsFile } from "./inputs/flows";
import { planProgram, planState } from "./inputs/plan";
import { quotasAcrossStacks } from "./checks/quotas";

import { checkDiagramArgs, writeDiagram } from "./diagram/write";

const USAGE = `usage: npm run plan -- <stack> [--json FILE] [--config FILE] [--diagram FILE.svg|FILE.dot]
       npm run plan -- <stack> --from OLD.yaml [--config NEW.yaml] [--json FILE]   (update plan)
       npm run plan -- --all [--json-dir DIR]
       npm run plan -- --graph FILE [--json FILE] [--diagram FILE.svg|FILE.dot]
       npm run plan -- --state FILE [--flows FILE] [--json FILE]    (a pulumi stack export)
       npm run plan -- --program DIR [--stack NAME] [--flows FILE] [--json FILE]    (any Pulumi TS/JS program)
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
export async function checkGraph(graph: Graph): Promise<{ lines: string[]; ok: boolean; failed: string[] }> {
    const lines: string[] = [];
    const failed: string[] = [];
    let ok = true;
    for (const section of planSections()) {
        const result = await runSection(section, graph);
        graph[section.key] = result.json;
        lines.push("", `${result.ok ? "PASS" : "FAIL"} ${result.title}`, ...result.lines.map((l) => `  ${l}`));
        if (!result.ok) failed.push(section.key);
        ok &&= result.ok;
    }
    return { lines, ok, failed };
}

async function planOne(stack: string, jsonFile?: string, configFile?: string, planned?: Graph[], diagramFile?: string): Promise<TallyRow> {
    const started = Date.now();
    const graph = await runStack(stack, { configFile });
    planned?.push(graph);
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
    if (diagramFile) console.log(await writeDiagram(graph, userPath(diagramFile)));
    return tallyRow(stack, graph, checks);
}

export async function main(argv: string[]): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            allowPositionals: true,
            options: { json: { type: "string" }, config: { type: "string" }, graph: { type: "string" }, from: { type: "string" }, state: { type: "string" }, flows: { type: "string" }, program: { type: "string" }, stack: { type: "string" }, all: { type: "boolean" }, "json-dir": { type: "string" }, diagram: { type: "string" }, help: { type: "boolean", short: "h" } },
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
        const flows = values.flows ? readFlowsFile(userPath(values.flows)) : undefined;
        const outFile = values.json !== undefined ? requireOutputFile("--json", values.json) : undefined;
        if (values.program) return (await planProgram(userPath(values.program), checkGraph, { json: outFile, stack: values.stack, intent: flows })) ? 0 : 1;
        if (values.state) return (await planState(userPath(values.state), checkGraph, { json: outFile, intent: flows })) ? 0 : 1;
        checkFlagCombinations(values, positionals);
        const jsonFile = outFile;
        const jsonDir = values["json-dir"] !== undefined ? requireOutputDir("--json-dir", values["json-dir"]) : undefined;
        if (values.graph !== undefined) {
            const graph = readGraphFile(values.graph);
            console.log(`${MODEL_BANNER}\nRe-checking the saved graph ${values.graph} (stack ${graph.stack}, ${graph.resources.length} resources).`);
            const checks = await checkGraph(graph);
            console.log(checks.lines.join("\n"));
            if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify(graph, null, 2) + "\n");
            if (values.diagram) console.log(await writeDiagram(graph, userPath(values.diagram)));
            return checks.ok ? 0 : 1;
        }
        const stacks = values.all ? listStacks() : positionals;
        if (stacks.length !== 1 && !values.all) {
            console.error(USAGE);
            return 2;
        }
        if (values.from !== undefined) {
            if (values.all) throw new UsageError("--from", values.from, "an update plan is for one stack: npm run plan -- <stack> --from OLD.yaml");
            const update = await runUpdatePlan(stacks[0], userPath(values.from), values.config !== undefined ? userPath(values.config) : undefined);
            console.log(`${MODEL_BANNER}\n${update.lines.join("\n")}`);
            if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify(update.graph, null, 2) + "\n");
            return 0;
        }
        const rows: TallyRow[] = [];
        const planned: Graph[] = [];
        for (const stack of stacks) {
            const json = values.all ? (jsonDir ? path.join(jsonDir, `${stack}.json`) : undefined) : jsonFile;
            rows.push(await planOne(stack, json, values.config !== undefined ? userPath(values.config) : undefined, planned, values.all ? undefined : values.diagram));
        }
        if (values.all) console.log([...quotasAcrossStacks(planned), ...tally(rows)].join("\n"));
        return rows.every((r) => r.ok) ? 0 : 1;
    } catch (e) {
        if (e instanceof UsageError) {
            console.error(`Invalid input, nothing was planned:\n${e.message}`);
            return 1;
        }
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
