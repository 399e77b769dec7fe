/**
 * Reads the output of `pulumi stack export` into the engine's Graph, so every plan section (the
 * policy pack, the flows, whatever else registers) runs on a real deployed stack.
 *
 * The format (Pulumi docs, "State and backends" / checkpoint format; `apitype.UntypedDeployment`
 * with `version` 3 and `apitype.DeploymentV3`): `{ version, deployment: { manifest,
 * secrets_providers, resources: [ResourceV3] } }`; each resource has `urn`, `custom`, `id`,
 * `type`, `inputs`, `outputs`, `parent`, `provider` (`urn::id`), `dependencies`,
 * `propertyDependencies`, and flags such as `delete` / `pendingReplacement`. Property values use
 * the signature key `4dabf18193072939515e22adb298388d` for secrets (`plaintext` or `ciphertext`),
 * resource references, assets and archives.
 *
 * What it cannot know: values of `ciphertext` secrets (read as "[secret]"); which components are
 * multi-language ("remote"): a component counts as remote when the state holds a provider for
 * its package (`pulumi:providers:eks` for `eks:index:Cluster`), as only plugin packages have one.
 */
import * as fs from "fs";
import { ConfigError } from "../../lib/errors";
import type { FlowIntent } from "../../lib/intent";
import { INTENT_OUTPUT } from "../../lib/intent";
import type { Graph, GraphResource } from "../graph";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
/** The engine's unknown value (a pending operation can leave one in state). */
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A state property value as the graph holds values (secrets opened when exported with --show-secrets). */
export function stateValue(v: unknown): any {
    if (v === UNKNOWN_VALUE) return "[unknown]";
    if (Array.isArray(v)) return v.map(stateValue);
    if (v !== null && typeof v === "object") {
        const o = v as Record<string, unknown>;
        const sig = o[SIG];
        if (sig === SECRET_SIG) {
            if (typeof o.plaintext === "string") {
                try {
                    return stateValue(JSON.parse(o.plaintext));
                } catch {
                    return o.plaintext;
                }
            }
            return "[secret]";
        }
        // A reference to another resource: its ID (how the pack and the model match references), else its URN.
        if (sig === RESOURCE_REF_SIG) return typeof o.id === "string" && o.id !== "" ? o.id : o.urn;
        if (sig === ASSET_SIG || sig === ARCHIVE_SIG) return "[asset]";
        const out: Record<string, any> = {};
        for (const [k, x] of Object.entries(o)) out[k] = stateValue(x);
        return out;
    }
    return v;
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>` -> its parts. */
export function parseUrn(urn: string): { stack: string; project: string; name: string } {
    const m = /^urn:pulumi:([^:]+)::([^:]+)::(.+?)::(.*)$/.exec(urn);
    if (!m) throw new ConfigError("resource urn", urn, "a state resource URN has the form urn:pulumi:<stack>::<project>::<type>::<name>");
    return { stack: m[1], project: m[2], name: m[4] };
}

export interface StateReadOptions {
    /** Flows to check (flows.yaml); default: the stack's `intent` output, if any. */
    intent?: FlowIntent[];
    /** Shown in error messages. */
    file?: string;
}

/** Converts a parsed `pulumi stack export` document into a Graph. */
export function graphFromState(doc: unknown, opts: StateReadOptions = {}): Graph {
    const where = opts.file ?? "the state";
    const d = doc as { version?: unknown; deployment?: { resources?: unknown } } | null;
    if (!d || typeof d !== "object" || !d.deployment || typeof d.deployment !== "object") {
        throw new ConfigError(`${where}: deployment`, d && typeof d === "object" ? Object.keys(d).join(",") || "{}" : String(d), "give the JSON that `pulumi stack export --file state.json` writes: an object with version and deployment.resources");
    }
    if (d.version !== undefined && d.version !== 3) {
        throw new ConfigError(`${where}: version`, d.version, "this reader knows checkpoint version 3 (Pulumi CLI 3.x `pulumi stack export`); export the stack with a current CLI");
    }
    const raw = d.deployment.resources ?? [];
    if (!Array.isArray(raw)) throw new ConfigError(`${where}: deployment.resources`, typeof raw, "it must be an array of resources");
    const rows = raw.filter((r: any) => r && typeof r === "object" && r.delete !== true) as Record<string, any>[];
    rows.forEach((r, i) => {
        for (const key of ["urn", "type"]) {
            if (typeof r[key] !== "string" || r[key] === "") throw new ConfigError(`${where}: deployment.resources[${i}].${key}`, r[key], "every resource needs a urn and a type (is this a pulumi stack export file?)");
        }
    });
    const providerPackages = new Set(rows.map((r) => r.type as string).filter((t) => t.startsWith("pulumi:providers:")).map((t) => t.slice("pulumi:providers:".length)));
    const resources: GraphResource[] = rows.map((r) => {
        const { name } = parseUrn(r.urn);
        const custom = r.custom === true;
        const pkg = String(r.type).split(":")[0];
        const propertyDependencies: Record<string, string[]> = {};
        for (const [k, deps] of Object.entries((r.propertyDependencies ?? {}) as Record<string, unknown>)) {
            if (Array.isArray(deps) && deps.length > 0) propertyDependencies[k] = [...new Set(deps.filter((x): x is string => typeof x === "string"))];
        }
        return {
            urn: r.urn,
            type: r.type,
            name,
            parent: typeof r.parent === "string" && r.parent !== "" ? r.parent : undefined,
            dependencies: Array.isArray(r.dependencies) ? [...new Set(r.dependencies.filter((x: unknown): x is string => typeof x === "string"))] : [],
            propertyDependencies,
            id: typeof r.id === "string" && r.id !== "" ? r.id : undefined,
            custom,
            remote: !custom && pkg !== "pulumi" && providerPackages.has(pkg) ? true : undefined,
            provider: typeof r.provider === "string" && r.provider !== "" ? r.provider : undefined,
            inputs: stateValue(r.inputs ?? {}) ?? {},
            outputs: stateValue(r.outputs ?? {}) ?? {},
        };
    });
    const stackRes = resources.find((r) => r.type === "pulumi:pulumi:Stack");
    const first = stackRes ?? resources[0];
    const { stack, project } = first ? parseUrn(first.urn) : { stack: "unknown", project: "unknown" };
    const awsProvider = resources.find((r) => r.type === "pulumi:providers:aws" && typeof r.inputs.region === "string");
    const outputs = stackRes?.outputs ?? {};
    const declared = outputs[INTENT_OUTPUT];
    return {
        offlineModel: false,
        project,
        stack,
        scenario: `state of ${project}/${stack}`,
        region: awsProvider?.inputs.region ?? "unknown",
        resources,
        outputs,
        intent: opts.intent ?? (Array.isArray(declared) ? (declared as FlowIntent[]) : []),
        source: "pulumi stack export",
    };
}

/** Reads a `pulumi stack export` file. */
export function readStateFile(file: string, opts: Omit<StateReadOptions, "file"> = {}): Graph {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new ConfigError("--state", file, `the file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); write it with: pulumi stack export --file ${file}`);
    }
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new ConfigError("--state", file, `it is not JSON (${(e as Error).message}); write it with: pulumi stack export --file ${file}`);
    }
    return graphFromState(doc, { ...opts, file });
}

/** The other way: a graph as `pulumi stack export` would write the same resources (for tests and fixtures). */
export function stateFromGraph(graph: Pick<Graph, "resources">): { version: 3; deployment: { manifest: Record<string, unknown>; resources: Record<string, unknown>[] } } {
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "v3" },
            resources: graph.resources.map((r) => ({
                urn: r.urn,
                custom: r.custom,
                ...(r.id ? { id: r.id } : {}),
                type: r.type,
                inputs: r.inputs,
                outputs: r.outputs,
                ...(r.parent ? { parent: r.parent } : {}),
                ...(r.provider ? { provider: r.provider } : {}),
                dependencies: r.dependencies,
                propertyDependencies: r.propertyDependencies ?? {},
            })),
        },
    };
}
