/**
 * Runs the real Pulumi program of a stack under the offline model of AWS and records the
 * resource graph: every registration's type, name, parent, dependencies, inputs and outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { deploy, prepare } from "../stacks";
import { ConfigError } from "../lib/errors";
import { AwsModel } from "./awsModel";
import type { Graph, GraphResource } from "./graph";
import { loadStackConfig } from "./stackConfig";
import { qualify } from "../lib/errors";

// Internal runtime modules: the RPC (de)serializer and the wait for outstanding registrations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings");

export interface RunOptions {
    /** Config file instead of `stacks/Pulumi.<stack>.yaml`. */
    configFile?: string;
    /** Values set over the file's, as `pulumi config set` would (`ns:key -> string`; objects as JSON). */
    overrides?: Record<string, string | object>;
    /** Run as a preview (unknown outputs stay unknown). Default false. */
    preview?: boolean;
}

/**
 * The Pulumi SDK a run records through. Default: this repository's. `plan --program` passes the
 * program's own copy (from its node_modules), since mocks and config live in the SDK instance.
 */
export interface PulumiSdk {
    pulumi: typeof pulumi;
    rpc: any;
    settings: any;
}

const OWN_SDK: PulumiSdk = { pulumi, rpc, settings };

/** JSON-safe copy of a deserialized property value (secrets unwrapped, unknowns marked). */
function plain(value: any, sdk: PulumiSdk = OWN_SDK): any {
    const { pulumi, rpc } = sdk;
    if (value === undefined || value === null) return value ?? null;
    if (pulumi.Output.isInstance(value)) return "[output]";
    if (Array.isArray(value)) return value.map((v) => plain(v, sdk));
    if (typeof value === "object") {
        if (pulumi.Resource.isInstance(value)) return "[resource]";
        if (value[rpc.specialSigKey] === rpc.specialSecretSig) return "[secret]";
        const out: Record<string, any> = {};
        for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plain(v, sdk);
        return out;
    }
    if (value === rpc.unknownValue) return "[unknown]";
    return value;
}

function decode(struct: any, sdk: PulumiSdk = OWN_SDK): Record<string, any> {
    if (!struct) return {};
    return plain(sdk.rpc.deserializeProperties(struct, true), sdk) ?? {};
}

/** Per-input dependencies (`vpcId -> [vpc URN]`), non-empty entries only, as the engine hands them to policies. */
function propertyDependenciesOf(req: any): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const map = req.getPropertydependenciesMap?.();
    if (!map) return out;
    for (const [key, deps] of map.entries()) {
        const urns = [...new Set<string>(deps.getUrnsList())];
        if (urns.length > 0) out[key] = urns;
    }
    return out;
}

/**
 * How many `runProgram` calls are running, on a global the mocha root setup
 * (test/helpers/failFast.ts) reads without loading the engine: while a program runs, the engine
 * collects its unobserved rejections itself.
 */
const RUNNING = Symbol.for("eks-ipv6-interop.engine.programsRunning");
const counter = globalThis as unknown as Record<symbol, number>;

export interface ProgramRun {
    resources: GraphResource[];
    /** Outputs of the stack resource. */
    outputs: Record<string, any>;
    /** Invoke tokens the program called, sorted. */
    invokes: string[];
}

/**
 * Runs any Pulumi program function under the model of AWS and records what it registers. The
 * engine's single entry point: `runStack` uses it for whole scenarios, component tests use it
 * for one component.
 */
export async function runProgram(
    program: () => Record<string, unknown> | Promise<Record<string, unknown>>,
    opts: { project: string; stack: string; region: string; config?: Record<string, string>; secretKeys?: string[]; preview?: boolean; sdk?: PulumiSdk; model?: AwsModel },
): Promise<ProgramRun> {
    const sdk = opts.sdk ?? OWN_SDK;
    const { pulumi, settings } = sdk;
    pulumi.runtime.setAllConfig(opts.config ?? { "aws:region": opts.region }, opts.secretKeys ?? []);
    const model = opts.model ?? new AwsModel({ region: opts.region, stack: opts.stack, project: opts.project });
    await pulumi.runtime.setMocks(model, opts.project, opts.stack, opts.preview ?? false);
    const resources: GraphResource[] = [];
    const byUrn = new Map<string, GraphResource>();
    // A registration the model refuses (as AWS would refuse the call) fails the run, as it fails
    // a deployment; the runtime alone would only leave that resource's outputs unresolved.
    const refused: string[] = [];
    const monitor = settings.getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: any, resp: any) => void) =>
        register(req, (err: any, resp: any) => {
            if (err) refused.push(`${req.getType()} ${req.getName()}: ${err.details ?? err.message ?? err}`);
            else {
                const record: GraphResource = {
                    urn: resp.getUrn(),
                    type: req.getType(),
                    name: req.getName(),
                    parent: req.getParent() || undefined,
                    dependencies: [...new Set<string>(req.getDependenciesList())],
                    propertyDependencies: propertyDependenciesOf(req),
                    id: resp.getId() || undefined,
                    custom: req.getCustom(),
                    remote: req.getRemote() || undefined,
                    provider: req.getProvider() || undefined,
                    inputs: decode(req.getObject(), sdk),
                    outputs: decode(resp.getObject(), sdk),
                };
                const ignoreChanges = req.getIgnorechangesList?.() ?? [];
                if (ignoreChanges.length > 0) record.ignoreChanges = [...ignoreChanges];
                const replaceOnChanges = req.getReplaceonchangesList?.() ?? [];
                if (replaceOnChanges.length > 0) record.replaceOnChanges = [...replaceOnChanges];
                resources.push(record);
                byUrn.set(record.urn, record);
            }
            callback(err, resp);
        });
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: any, callback: (err: any, resp: any) => void) => {
        const record = byUrn.get(req.getUrn());
        if (record) record.outputs = decode(req.getOutputs(), sdk);
        return registerOutputs(req, callback);
    };

    // The Pulumi runtime records `new Error().stack` for every promise it tracks; formatting those
    // traces through source maps was a quarter of each offline run. Short traces while the
    // program runs; errors of the program itself still carry their message and first frames.
    const traceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 3;
    // An error thrown inside an Output.apply rejects a promise nobody awaits: the resource that
    // needed the value is silently not registered, and the run would "succeed" without it (or a
    // test wait out its timeout). Collect such rejections while the program runs and fail with them.
    const escaped: unknown[] = [];
    counter[RUNNING] = (counter[RUNNING] ?? 0) + 1;
    const onRejection = (reason: unknown) => {
        if (!escaped.includes(reason)) escaped.push(reason);
    };
    process.on("unhandledRejection", onRejection);
    let outputs: unknown;
    let thrown: { error: unknown } | undefined;
    try {
        outputs = await pulumi.runtime.runInPulumiStack(async () => program());
        await settings.waitForRPCs();
    } catch (error) {
        // The program threw: that error is the run's. The resources it had begun reject with it
        // too, unobserved; they are collected below and not reported twice.
        thrown = { error };
    } finally {
        // Unhandled rejections are reported after the microtasks drain: let them arrive.
        for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
        process.off("unhandledRejection", onRejection);
        counter[RUNNING]--;
        Error.stackTraceLimit = traceLimit;
    }
    if (thrown) throw thrown.error;
    if (escaped.length > 0) throw programFailure(escaped);
    if (refused.length > 0) throw new Error(`the model of AWS refused ${refused.length} resource(s):\n${refused.join("\n")}`);
    const stackResource = resources.find((r) => r.type === "pulumi:pulumi:Stack");
    return { resources, outputs: stackResource?.outputs ?? plain(outputs, sdk) ?? {}, invokes: [...model.invokes].sort() };
}

/**
 * The error a run fails with when promises of the program rejected unobserved: a ConfigError
 * among them as itself (the CLI prints its key, value and fix), otherwise every message.
 */
export function programFailure(reasons: unknown[]): Error {
    const causes = (r: unknown): unknown[] => (r instanceof Error && r.cause !== undefined ? [r, ...causes(r.cause)] : [r]);
    const config = reasons.flatMap(causes).find((r): r is ConfigError => r instanceof ConfigError);
    if (config) return config;
    const messages = [...new Set(reasons.map((r) => (r instanceof Error ? r.message : String(r))))];
    return new Error(`the program failed inside an Output.apply or another promise it did not await:\n  ${messages.join("\n  ")}`);
}

/**
 * Plans a stack offline: loads its config as the CLI would, validates it (throwing a ConfigError
 * before anything is registered), runs the program under the model and returns the graph.
 */
export async function runStack(stack: string, opts: RunOptions = {}): Promise<Graph> {
    const loaded = loadStackConfig(stack, { file: opts.configFile });
    const config = { ...loaded.config };
    for (const [k, v] of Object.entries(opts.overrides ?? {})) config[k] = typeof v === "string" ? v : JSON.stringify(v);
    const prepared = prepare(config, stack, "offline");
    let run: ProgramRun;
    try {
        run = await runProgram(() => deploy(prepared), {
            project: loaded.project,
            stack,
            region: prepared.region,
            config,
            secretKeys: loaded.secretKeys,
            preview: opts.preview,
        });
    } catch (e) {
        // Components name keys as paths (app.instanceType); the user sets eks-ipv6-interop:app.instanceType.
        throw qualify(e, loaded.project);
    }
    return {
        offlineModel: true,
        project: loaded.project,
        stack,
        scenario: prepared.scenario.name,
        region: prepared.region,
        resources: run.resources,
        outputs: run.outputs,
        intent: prepared.scenario.flows(prepared.config),
        beforeRealDeploy: prepared.placeholders,
        invokes: run.invokes,
    };
}
