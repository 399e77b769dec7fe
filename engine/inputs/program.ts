/**
 * `plan --program DIR [--stack NAME]`: runs any Pulumi TypeScript or JavaScript program offline
 * under the model of AWS (engine/awsModel.ts), with its own Pulumi.yaml, stack config and
 * node_modules, and records the same graph a stack of this repository gives.
 *
 * The program's own `@pulumi/pulumi` is the one that must carry the mocks and the config (each
 * copy of the SDK keeps its own runtime state), so the run records through the SDK resolved from
 * DIR. Invokes the model has no answer for return an empty result with a warning instead of
 * failing the run. Remote components (@pulumi/eks, awsx) are recorded as the component and its
 * inputs only: their children are created by a provider plugin at deploy time and are listed as
 * not checked.
 */
import * as fs from "fs";
import * as path from "path";
import type * as pulumiType from "@pulumi/pulumi";
import { parse } from "yaml";
import { ConfigError } from "../../lib/errors";
import { AwsModel } from "../awsModel";
import type { Graph } from "../graph";
import { runProgram, type PulumiSdk } from "../run";
import { loadStackConfig, readProject } from "../stackConfig";

/** The model, answering unmodelled invokes with an empty result and a warning instead of an error. */
class TolerantModel extends AwsModel {
    readonly warnings: string[] = [];
    call(args: pulumiType.runtime.MockCallArgs): Record<string, any> {
        try {
            return super.call(args);
        } catch (e) {
            if (!/no model for the invoke/.test((e as Error).message)) throw e;
            this.warnings.push(`invoke ${args.token} has no model: it returned an empty result, so values the program derives from it are missing from the graph`);
            return {};
        }
    }
}

function sdkOf(dir: string): { sdk: PulumiSdk; own: boolean } {
    const from = (id: string) => require.resolve(id, { paths: [dir] });
    let pulumiPath: string;
    try {
        pulumiPath = from("@pulumi/pulumi");
    } catch {
        throw new ConfigError("--program", dir, "its @pulumi/pulumi cannot be found: run npm install (or yarn, pnpm install) in the program's directory first");
    }
    const sdk: PulumiSdk = { pulumi: require(pulumiPath), rpc: require(from("@pulumi/pulumi/runtime/rpc")), settings: require(from("@pulumi/pulumi/runtime/settings")) };
    return { sdk, own: !pulumiPath.startsWith(path.resolve(__dirname, "..", "..", "node_modules") + path.sep) };
}

/** The stack to use: the one named, else the only `Pulumi.<stack>.yaml`, else "dev" with the project's defaults. */
function pickStack(dir: string, stackConfigDir: string, named?: string): { stack: string; hasFile: boolean } {
    const cfgDir = path.join(dir, stackConfigDir);
    const stacks = fs.existsSync(cfgDir) ? fs.readdirSync(cfgDir).map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1]).filter((s): s is string => !!s) : [];
    if (named) {
        if (!stacks.includes(named)) throw new ConfigError("--stack", named, stacks.length > 0 ? `the program has config for ${stacks.join(", ")}; name one of them` : `the program has no Pulumi.${named}.yaml; leave --stack out to use the project defaults`);
        return { stack: named, hasFile: true };
    }
    if (stacks.length === 1) return { stack: stacks[0], hasFile: true };
    if (stacks.length > 1) throw new ConfigError("--stack", undefined, `the program has config for ${stacks.join(", ")}; name one with --stack`);
    return { stack: "dev", hasFile: false };
}

export interface ProgramPlan {
    graph: Graph;
    /** Lines for the plan header: what ran, what was not checked. */
    notes: string[];
}

/** Runs the program in DIR and returns its graph and the notes to print. */
export async function runProgramDir(dirArg: string, opts: { stack?: string; preview?: boolean } = {}): Promise<ProgramPlan> {
    const dir = path.resolve(dirArg);
    const projectFile = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!projectFile) throw new ConfigError("--program", dirArg, "the directory has no Pulumi.yaml; give the directory of a Pulumi project");
    const doc = parse(fs.readFileSync(projectFile, "utf8")) ?? {};
    const runtime = typeof doc.runtime === "string" ? doc.runtime : doc.runtime?.name;
    if (runtime !== "nodejs") throw new ConfigError(`${path.basename(projectFile)}: runtime`, runtime, "only nodejs (TypeScript or JavaScript) programs can run offline; use plan --state on an export of the deployed stack instead");
    const project = readProject(dir);
    const { stack, hasFile } = pickStack(dir, project.stackConfigDir, opts.stack);
    const config = hasFile ? loadStackConfig(stack, { root: dir }) : { config: Object.fromEntries(Object.entries(project.defaults).map(([k, v]) => [k.includes(":") ? k : `${project.name}:${k}`, typeof v === "string" ? v : JSON.stringify(v)])), secretKeys: [] as string[] };
    const notes: string[] = [];
    const region = config.config["aws:region"] ?? "us-east-1";
    if (!config.config["aws:region"]) notes.push(`aws:region is not set in the stack config; the model uses ${region}`);
    const mainRel = typeof doc.main === "string" ? doc.main : "";
    const entry = (() => {
        const base = path.join(dir, mainRel);
        for (const c of [base, `${base}.ts`, `${base}.js`, path.join(base, "index.ts"), path.join(base, "index.js")]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
        const pkg = path.join(base, "package.json");
        if (fs.existsSync(pkg)) {
            const m = JSON.parse(fs.readFileSync(pkg, "utf8")).main;
            if (typeof m === "string" && fs.existsSync(path.join(base, m))) return path.join(base, m);
        }
        throw new ConfigError("--program", dirArg, "no entry point found (main in Pulumi.yaml, package.json main, index.ts or index.js)");
    })();
    const { sdk } = sdkOf(dir);
    const model = new TolerantModel({ region, stack, project: project.name });
    // A second run in the same process must execute the program again.
    for (const k of Object.keys(require.cache)) if (k.startsWith(dir + path.sep) && !k.includes(`${path.sep}node_modules${path.sep}`)) delete require.cache[k];
    let run;
    try {
        run = await runProgram(async () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const exported = require(entry);
            const value = typeof exported === "function" ? await exported() : typeof exported?.default === "function" && Object.keys(exported).length === 1 ? await exported.default() : exported;
            return value && typeof value === "object" ? value : {};
        }, { project: project.name, stack, region, config: config.config, secretKeys: config.secretKeys, preview: opts.preview, sdk, model });
    } catch (e) {
        throw new Error(`the program ${dirArg} failed under the offline model: ${((e as Error).message ?? String(e)).split("\n")[0]}${model.warnings.length > 0 ? `\n(after: ${model.warnings.join("; ")})` : ""}`);
    }
    notes.push(...[...new Set(model.warnings)]);
    const remote = run.resources.filter((r) => r.remote);
    for (const r of remote) {
        notes.push(`${r.type} "${r.name}" is a remote component: its children are created by its provider plugin at deploy time and are NOT in this graph, so rules and flows about them (its node security group, node roles, subnets, routes, add-ons) are judged from its inputs only or not at all; run plan --state on an export of the deployed stack to check them`);
    }
    const graph: Graph = {
        offlineModel: true,
        project: project.name,
        stack,
        scenario: `program ${path.relative(process.cwd(), dir) || "."}`,
        region,
        resources: run.resources,
        outputs: run.outputs,
        intent: [],
        source: "program",
    };
    return { graph, notes };
}
