/**
 * Loads a stack's config file the way the Pulumi CLI does: `stackConfigDir` from Pulumi.yaml,
 * `Pulumi.<stack>.yaml` there, project-level `config:` defaults from Pulumi.yaml, keys without a
 * namespace put in the project's, objects and lists JSON-encoded, scalars as strings.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export interface StackConfig {
    project: string;
    stack: string;
    file: string;
    /** Flat `namespace:key -> string`, exactly what `pulumi.runtime.allConfig()` returns in a real run. */
    config: Record<string, string>;
    /** Keys whose values are `secure:` ciphertext; offline they stay opaque. */
    secretKeys: string[];
}

export const REPO_ROOT = path.resolve(__dirname, "..");

function encode(value: unknown): string {
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return JSON.stringify(value);
}

export function readProject(root = REPO_ROOT): { name: string; stackConfigDir: string; defaults: Record<string, unknown> } {
    const doc = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) ?? {};
    const defaults: Record<string, unknown> = {};
    for (const [k, v] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
        if (v && typeof v === "object" && "value" in (v as object)) defaults[k] = (v as { value: unknown }).value;
        else if (v && typeof v === "object" && "default" in (v as object)) defaults[k] = (v as { default: unknown }).default;
    }
    return { name: doc.name, stackConfigDir: doc.stackConfigDir ?? ".", defaults };
}

/** The stacks that have a config file, sorted. */
export function listStacks(root = REPO_ROOT): string[] {
    const project = readProject(root);
    const dir = path.join(root, project.stackConfigDir);
    return fs.readdirSync(dir)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/** Loads `Pulumi.<stack>.yaml` (or `file`), merged over the project's defaults. */
export function loadStackConfig(stack: string, opts: { root?: string; file?: string } = {}): StackConfig {
    const root = opts.root ?? REPO_ROOT;
    const project = readProject(root);
    const file = opts.file ?? path.join(root, project.stackConfigDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        throw new Error(`no config file for stack "${stack}" at ${path.relative(process.cwd(), file)}; known stacks: ${listStacks(root).join(", ")}`);
    }
    const doc = parse(fs.readFileSync(file, "utf8")) ?? {};
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const put = (rawKey: string, value: unknown) => {
        const key = rawKey.includes(":") ? rawKey : `${project.name}:${rawKey}`;
        if (value && typeof value === "object" && "secure" in (value as object)) {
            config[key] = "[secret]";
            secretKeys.push(key);
            return;
        }
        config[key] = encode(value);
    };
    for (const [k, v] of Object.entries(project.defaults)) put(k, v);
    for (const [k, v] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) put(k, v);
    return { project: project.name, stack, file, config, secretKeys };
}
