/**
 * The plan command's file and flag inputs, checked before anything is planned so that every
 * mistake gets one message naming the flag, the value, what is wrong and the fix.
 */
import * as fs from "fs";
import * as path from "path";
import { UsageError } from "../lib/errors";
import type { Graph } from "./graph";

/**
 * The directory the user typed the command in. `npm run` starts scripts in the package root and
 * passes the caller's directory as INIT_CWD; paths on the command line are relative to it.
 */
export function userCwd(): string {
    return process.env.INIT_CWD && fs.existsSync(process.env.INIT_CWD) ? process.env.INIT_CWD : process.cwd();
}

/** A path from the command line, resolved from the user's directory. */
export function userPath(p: string): string {
    return path.resolve(userCwd(), p);
}

/** Refuses an output file whose folder does not exist (before planning, not after the first stack). */
export function requireOutputFile(flag: string, p: string): string {
    const file = userPath(p);
    const dir = path.dirname(file);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        throw new UsageError(flag, p, `the folder ${dir} does not exist; create it first (mkdir -p ${JSON.stringify(dir)}) or write the file elsewhere`);
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(flag, p, `${file} is a folder; name a file, for example ${path.join(p, "graph.json")}`);
    return file;
}

/** Refuses an output folder that does not exist. */
export function requireOutputDir(flag: string, p: string): string {
    const dir = userPath(p);
    if (!fs.existsSync(dir)) throw new UsageError(flag, p, `the folder ${dir} does not exist; create it first (mkdir -p ${JSON.stringify(dir)})`);
    if (!fs.statSync(dir).isDirectory()) throw new UsageError(flag, p, `${dir} is a file, not a folder; name a folder for one graph file per stack`);
    return dir;
}

/** Reads a graph written by `plan --json`; every failure names the file and what to do. */
export function readGraphFile(p: string): Graph {
    const file = userPath(p);
    if (!fs.existsSync(file)) {
        throw new UsageError("--graph", p, `no such file (looked for ${file}); write a graph first: npm run plan -- <stack> --json ${p}`);
    }
    if (fs.statSync(file).isDirectory()) throw new UsageError("--graph", p, `${file} is a folder; name a graph file written by plan --json`);
    let graph: unknown;
    try {
        graph = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        const text = fs.readFileSync(file, "utf8");
        const pos = /position (\d+)/.exec((e as Error).message)?.[1];
        let where = "";
        if (pos !== undefined) {
            const before = text.slice(0, Number(pos)).split("\n");
            where = ` at line ${before.length}, column ${before[before.length - 1].length + 1}`;
        }
        throw new UsageError("--graph", p, `${file} is not valid JSON${where} (${(e as Error).message.split("\n")[0]}); give a graph written by plan --json, or fix the edit there`);
    }
    const g = graph as Partial<Graph> | null;
    if (!g || typeof g !== "object" || Array.isArray(g) || !Array.isArray(g.resources)) {
        throw new UsageError("--graph", p, `${file} is JSON but not a graph (it has no "resources" list); give a graph written by plan --json: npm run plan -- <stack> --json FILE`);
    }
    const bad = g.resources.findIndex((r) => !r || typeof r.urn !== "string" || typeof r.type !== "string");
    if (bad >= 0) throw new UsageError("--graph", p, `resources[${bad}] of ${file} has no urn or type; every resource of a plan --json graph has urn, type, name, inputs and outputs`);
    return g as Graph;
}

export interface PlanFlags {
    json?: string;
    config?: string;
    graph?: string;
    all?: boolean;
    "json-dir"?: string;
}

/**
 * Flag combinations that cannot do what the user means. `--all --config F` is refused: a config
 * file holds one scenario's keys (the peering stack's appVpc is an unknown key to the PrivateLink
 * scenario), so it cannot apply to every stack; plan that one stack instead.
 */
export function checkFlagCombinations(v: PlanFlags, positionals: string[]): void {
    if (v.graph !== undefined) {
        if (v.all) throw new UsageError("--graph", v.graph, "--graph re-checks one saved graph and --all plans every stack; use one or the other");
        if (v.config !== undefined) throw new UsageError("--config", v.config, "--graph re-checks a saved graph without running the program, so no config is read; drop --config, or plan the stack: npm run plan -- <stack> --config FILE");
        if (positionals.length > 0) throw new UsageError("--graph", v.graph, `a stack name (${positionals.join(" ")}) and --graph do not go together: the graph names its stack`);
        if (v["json-dir"] !== undefined) throw new UsageError("--json-dir", v["json-dir"], "--json-dir is for --all; with --graph use --json FILE");
        return;
    }
    if (v.all) {
        if (v.config !== undefined) {
            throw new UsageError("--config", v.config, "--all plans every stack with its own file under stacks/, and a config file holds one scenario's keys, so it cannot apply to all of them; plan that one stack: npm run plan -- <stack> --config " + v.config);
        }
        if (v.json !== undefined) throw new UsageError("--json", v.json, "--all writes one graph per stack; use --json-dir DIR");
        if (positionals.length > 0) throw new UsageError("--all", true, `--all plans every stack; drop the stack name ${positionals.join(" ")} or drop --all`);
        return;
    }
    if (v["json-dir"] !== undefined) throw new UsageError("--json-dir", v["json-dir"], "--json-dir is for --all; for one stack use --json FILE");
}
