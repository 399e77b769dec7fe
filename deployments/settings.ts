/**
 * The settings of the deployments/ project, from its own stack config, validated with zod before
 * any resource is registered. Errors name the key, the value and the fix (lib/errors.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { z } from "zod";
import { listStacks, loadStackConfig, readProject } from "../engine/stackConfig";
import { parseConfig, PROJECT as SCENARIO_PROJECT } from "../lib/config";
import { ConfigError } from "../lib/errors";

/** This project's name, which is also its config namespace. */
export const PROJECT = "eks-ipv6-interop-deployments";

/** Deployments' OIDC session name template variables (pulumi.com/docs/deployments/guides/oidc/aws/, "Session name"). */
const SESSION_VARIABLES = ["organization.name", "project.name", "stack.name", "deployment.operation", "deployment.version", "deployment.id"];

const name = (what: string) =>
    z.string({ message: `use ${what}` }).regex(/^[A-Za-z0-9_.-]+$/, { message: `use ${what}: letters, digits, "-", "_" and "." only` });

/** Five-field cron, each field `*`, a number, a range, a list or a step. */
const CRON_FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;

export const settingsSchema = z.strictObject({
    organization: z
        .string({ message: "set the Pulumi organization: pulumi config set organization <org>" })
        .regex(/^[a-z0-9][a-z0-9_.-]*$/, { message: "use the organization name exactly as in app.pulumi.com/<org>: lowercase (AWS compares the OIDC audience case-sensitively)" }),
    repository: z
        .string({ message: "set the GitHub repository: pulumi config set repository <owner>/<repo>" })
        .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { message: "use <owner>/<repo>, for example acme/eks-ipv6-interop" }),
    branch: z
        .string()
        .regex(/^(?!refs\/)[^\s:*?~^\\]+$/, { message: "use a branch name such as main (without refs/heads/)" })
        .default("main"),
    stacks: z.array(name("a scenario stack name"), { message: "use a list of scenario stack names" }).min(1, { message: "list at least one stack, or unset the key for all" }).optional(),
    credentials: z.union(
        [
            z.strictObject({
                oidc: z.strictObject({
                    roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/, { message: "use an IAM role ARN such as arn:aws:iam::123456789012:role/pulumi-deployments" }),
                    sessionName: z
                        .string()
                        .superRefine((v, ctx) => {
                            const bad = [...v.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]).filter((x) => !SESSION_VARIABLES.includes(x));
                            if (bad.length) ctx.addIssue({ code: "custom", message: `unknown template variable(s) ${bad.join(", ")}; use ${SESSION_VARIABLES.map((x) => "${" + x + "}").join(" ")}` });
                            const literal = v.replace(/\$\{[^}]*\}/g, "");
                            if (!/^[\w+=,.@-]*$/.test(literal)) ctx.addIssue({ code: "custom", message: "AWS session names allow letters, digits and +=,.@_- only" });
                        })
                        .default("${stack.name}-${deployment.operation}-${deployment.id}"),
                    duration: z.string().regex(/^(\d+h)?(\d+m)?(\d+s)?$/, { message: "use a duration such as 2h or 1h30m" }).refine((d) => d !== "", { message: "use a duration such as 2h" }).default("2h"),
                }),
            }),
            z.strictObject({ esc: z.strictObject({ environment: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { message: "use <project>/<environment>" }) }) }),
        ],
        { message: "set either oidc: {roleArn: ...} (Pulumi Deployments OIDC) or esc: {environment: <project>/<env>}" },
    ),
    ttlHours: z.number({ message: "use a whole number of hours from 1 to 168" }).int({ message: "use a whole number of hours from 1 to 168" }).min(1, { message: "use at least 1 hour" }).max(168, { message: "use at most 168 hours (a week)" }).default(8),
    drift: z
        .strictObject({
            cron: z
                .string()
                .refine((c) => c.trim().split(/\s+/).length === 5 && c.trim().split(/\s+/).every((f) => CRON_FIELD.test(f)), { message: "use a 5-field cron expression such as \"0 */6 * * *\"" })
                .default("0 */6 * * *"),
            autoRemediate: z.boolean({ message: "use true or false" }).default(false),
        })
        .default({ cron: "0 */6 * * *", autoRemediate: false }),
    /**
     * Pull request review stacks: off by default. They deploy each pull request's code, so they
     * need their own role (`roleArn`, bounded by esc/review-stack-boundary.json and trusted by
     * review stacks only) and OIDC credentials; esc/README.md, "Review stacks".
     */
    reviewStacks: z
        .strictObject({
            enabled: z.boolean({ message: "use true or false" }).default(false),
            template: name("a scenario stack name").optional(),
            roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/, { message: "use the review-stack role's ARN, such as arn:aws:iam::123456789012:role/pulumi-review-stacks" }).optional(),
        })
        .default({ enabled: false }),
    previewPullRequests: z.boolean({ message: "use true or false" }).default(false),
    createStacks: z.boolean({ message: "use true or false" }).default(true),
    policy: z
        .strictObject({
            enabled: z.boolean({ message: "use true or false" }).default(true),
            pack: name("the published policy pack name").default("eks-ipv6-interop"),
            versionTag: z.string().min(1).optional(),
            mode: z.enum(["preventative", "audit"], { message: "use preventative (blocks) or audit (reports)" }).default("preventative"),
            /** The pack's config, as for `--policy-pack-config`: the same file the preview workflow uses. Relative to the repository root. */
            configFile: z.string().min(1).default("policies/config.example.json"),
        })
        .default({ enabled: true, pack: "eks-ipv6-interop", mode: "preventative", configFile: "policies/config.example.json" }),
});

export type RawSettings = z.infer<typeof settingsSchema>;

export interface Settings extends Omit<RawSettings, "stacks" | "reviewStacks"> {
    /** The scenario project (the repository root's Pulumi.yaml `name`). */
    project: string;
    /** Managed scenario stacks, sorted. */
    stacks: string[];
    /** The stack whose settings are the pull request review stack template (used only when review stacks are enabled). */
    reviewTemplate: string;
    /** Review stacks on, with their own role (never the main one), or off (the default). */
    reviewStacks: { enabled: false } | { enabled: true; roleArn: string };
    /** Contents of `policy.configFile` (per-policy enforcement levels and config), when the policy group is enabled. */
    policyConfig?: Record<string, unknown>;
}

/** Config values of this project's namespace, JSON-decoded, from the flat `ns:key -> string` map Pulumi hands a program. */
function namespaceValues(all: Record<string, string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(all)) {
        if (!k.startsWith(`${PROJECT}:`)) continue;
        try {
            out[k.slice(PROJECT.length + 1)] = JSON.parse(v);
        } catch {
            out[k.slice(PROJECT.length + 1)] = v;
        }
    }
    return out;
}

/** Names of the ESC environments a stack config file imports (`environment:` list or `imports:`). */
function importedEnvironments(file: string): string[] {
    const env = (parse(fs.readFileSync(file, "utf8")) ?? {}).environment;
    if (Array.isArray(env)) return env.map(String);
    if (env && typeof env === "object" && Array.isArray((env as { imports?: unknown }).imports)) return (env as { imports: unknown[] }).imports.map(String);
    return [];
}

/**
 * Validates the flat config of the deployments/ stack against the scenario repository at
 * `scenarioRoot` (its Pulumi.yaml and stack files): shape and values first, then that the listed
 * stacks exist, that the review template pins its scenario, and, with ESC credentials, that every
 * stack imports the environment.
 */
export function parseSettings(all: Record<string, string>, scenarioRoot: string): Settings {
    const values = namespaceValues(all);
    const knownKeys = Object.keys(settingsSchema.shape);
    for (const k of Object.keys(values)) {
        if (!knownKeys.includes(k)) {
            throw new ConfigError(`${PROJECT}:${k}`, values[k], `unknown key; use one of ${knownKeys.join(", ")} (deployments/Pulumi.example-org.yaml documents each)`);
        }
    }
    let raw: RawSettings;
    try {
        raw = parseConfig(settingsSchema, values, PROJECT);
    } catch (e) {
        if (e instanceof ConfigError) e.message = e.message.replace(/stacks\/README\.md/g, "deployments/Pulumi.example-org.yaml");
        throw e;
    }
    const known = listStacks(scenarioRoot);
    const project = readProject(scenarioRoot).name;
    for (const [i, s] of (raw.stacks ?? []).entries()) {
        if (!known.includes(s)) throw new ConfigError(`${PROJECT}:stacks[${i}]`, s, `use one of ${known.join(", ")} (a stack needs stacks/Pulumi.<stack>.yaml)`);
    }
    const stacks = [...(raw.stacks ?? known)].sort();
    if (stacks.length === 0) throw new ConfigError(`${PROJECT}:stacks`, stacks, "the repository has no stacks/Pulumi.<stack>.yaml to manage");
    if (new Set(stacks).size !== stacks.length) throw new ConfigError(`${PROJECT}:stacks`, raw.stacks, "list each stack once");

    const reviewKey = `${PROJECT}:reviewStacks`;
    let reviewStacks: Settings["reviewStacks"] = { enabled: false };
    if (raw.reviewStacks.enabled) {
        if ("esc" in raw.credentials) {
            throw new ConfigError(`${reviewKey}.enabled`, true, "review stacks would import the template's ESC environment and run pull-request code with its role; use oidc credentials and a separate reviewStacks.roleArn (esc/README.md, \"Review stacks\")");
        }
        const roleArn = raw.reviewStacks.roleArn;
        if (!roleArn) throw new ConfigError(`${reviewKey}.roleArn`, roleArn, "review stacks need their own role, bounded by esc/review-stack-boundary.json (esc/README.md, \"Review stacks\")");
        if (roleArn === raw.credentials.oidc.roleArn) throw new ConfigError(`${reviewKey}.roleArn`, roleArn, "use a role of its own, not credentials.oidc.roleArn: that role deploys the managed stacks");
        reviewStacks = { enabled: true, roleArn };
    }
    const reviewTemplate = raw.reviewStacks.template ?? stacks[0];
    if (!stacks.includes(reviewTemplate)) {
        throw new ConfigError(`${PROJECT}:reviewStacks.template`, reviewTemplate, `use one of the managed stacks: ${stacks.join(", ")}`);
    }
    const templateConfig = loadStackConfig(reviewTemplate, { root: scenarioRoot });
    const scenarioKey = `${SCENARIO_PROJECT}:scenario`;
    if (templateConfig.config[scenarioKey] === undefined) {
        throw new ConfigError(
            `${PROJECT}:reviewStacks.template`,
            reviewTemplate,
            `review stacks copy this stack's config under another stack name, and the scenario defaults to the stack name; add "${scenarioKey}: ${reviewTemplate}" to ${path.relative(scenarioRoot, templateConfig.file)}`,
        );
    }

    if ("esc" in raw.credentials) {
        const env = raw.credentials.esc.environment;
        for (const s of stacks) {
            const file = loadStackConfig(s, { root: scenarioRoot }).file;
            if (!importedEnvironments(file).includes(env)) {
                throw new ConfigError(`${PROJECT}:credentials.esc.environment`, env, `stack ${s} does not import it; add "environment:\\n  - ${env}" to ${path.relative(scenarioRoot, file)}, or use oidc credentials`);
            }
        }
    }
    let policyConfig: Record<string, unknown> | undefined;
    if (raw.policy.enabled) {
        const file = path.resolve(scenarioRoot, raw.policy.configFile);
        const key = `${PROJECT}:policy.configFile`;
        if (!fs.existsSync(file)) throw new ConfigError(key, raw.policy.configFile, "use a JSON file of the repository, relative to its root, such as policies/config.example.json");
        try {
            policyConfig = JSON.parse(fs.readFileSync(file, "utf8"));
        } catch (e) {
            throw new ConfigError(key, raw.policy.configFile, `the file is not JSON (${(e as Error).message})`);
        }
        if (!policyConfig || typeof policyConfig !== "object" || Array.isArray(policyConfig)) {
            throw new ConfigError(key, raw.policy.configFile, "the file must hold a JSON object: policy name -> {enforcementLevel, ...}");
        }
    }
    const { stacks: _s, reviewStacks: _r, ...rest } = raw;
    return { ...rest, project, stacks, reviewTemplate, reviewStacks, ...(policyConfig ? { policyConfig } : {}) };
}
