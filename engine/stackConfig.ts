/**
 * Loads a stack's config file the way the Pulumi CLI does: `stackConfigDir` from Pulumi.yaml,
 * `Pulumi.<stack>.yaml` there, project-level `config:` defaults from Pulumi.yaml, keys without a
 * namespace put in the project's, objects and lists JSON-encoded, scalars as strings.
 */
import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { UsageError } from "../lib/errors";
import { nearMiss } from "../lib/suggest";

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

/** A path as the user sees it: relative to the current directory when inside it, else absolute. */
export function shownPath(file: string): string {
    const rel = path.relative(process.cwd(), file);
    return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/**
 * Parses a YAML file; a syntax error names the file, the line and the column. `key` is what the
 * error is reported under (the file, or the flag that named it).
 */
export function readYamlFile(file: string, key = shownPath(file)): unknown {
    const text = fs.readFileSync(file, "utf8");
    const doc = parseDocument(text);
    if (doc.errors.length > 0) {
        const e = doc.errors[0];
        const at = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : `character ${e.pos[0] + 1}`;
        const what = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        throw new UsageError(key, shownPath(file), `not valid YAML: ${what} (${at}); fix the file there (indent nested keys by two spaces, quote values that contain ": " or start with "*", "&", "!" or "%")`);
    }
    return doc.toJS();
}

export function readProject(root = REPO_ROOT): { name: string; stackConfigDir: string; defaults: Record<string, unknown> } {
    const doc = (readYamlFile(path.join(root, "Pulumi.yaml")) ?? {}) as Record<string, any>;
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
        if (opts.file) throw new UsageError("--config", opts.file, `no such file (looked for ${file}); give the path of a stack config file, relative to the current directory or absolute`);
        const known = listStacks(root);
        throw new UsageError("stack", stack, nearMiss(`no stack of that name (no ${shownPath(file)})`, stack, known, `use one of ${known.join(", ")}, or --config FILE for your own copy`));
    }
    const doc = (readYamlFile(file, opts.file ? "--config" : shownPath(file)) ?? {}) as Record<string, any>;
    if (typeof doc !== "object" || Array.isArray(doc) || !doc.config || typeof doc.config !== "object") {
        throw new UsageError(opts.file ? "--config" : shownPath(file), shownPath(file), `the file has no "config:" map${doc && typeof doc === "object" && !Array.isArray(doc) && Object.keys(doc).length === 0 ? " (it is empty)" : ""}; a stack config file starts with "config:" and holds aws:region and the scenario's keys under it: copy stacks/Pulumi.${listStacks(root).includes(stack) ? stack : listStacks(root)[0]}.yaml as a start`);
    }
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
