/**
 * The stacks as GitHub Actions sees them, from the same `listStacks()` the plan CLI uses (so
 * `stackConfigDir` in Pulumi.yaml is honoured and nothing is a hand-kept list):
 *
 *   npx tsx engine/ciStacks.ts matrix          prints `stacks=["a","b"]` for $GITHUB_OUTPUT
 *   npx tsx engine/ciStacks.ts check <stack>   exits 1 unless <stack> has a config file
 *   npx tsx engine/ciStacks.ts allow-runner <cidr> [stack...]
 *       sets every `apiPublicAccessCidrs` list in the stacks' config files (all stacks when none
 *       is named) to [<cidr>], so that the machine running `pulumi up` (a GitHub runner, a
 *       Pulumi Deployments runner) can reach the EKS API endpoints it deploys to. The change
 *       stays in that machine's checkout; nothing is committed.
 *   npx tsx engine/ciStacks.ts check-token-type <type> <scope> [<type variable> <scope variable>]
 *       exits 1 unless the Pulumi token a job requests is a team or personal token with its scope
 *       (lib/pulumiTokens.ts): CI never holds an organization token.
 */
import * as fs from "fs";
import * as path from "path";
import { isPair, isSeq, parseDocument, visit } from "yaml";
import { tryParseCidr } from "../lib/cidr";
import { ConfigError } from "../lib/errors";
import { API_ACCESS_KEY } from "../lib/placeholders";
import { checkScopedTokenType } from "../lib/pulumiTokens";
import { listStacks, readProject, REPO_ROOT } from "./stackConfig";

/** The config key that lists who may reach an EKS public API endpoint (lib/config.ts clusterSchema). */
export { API_ACCESS_KEY };

/**
 * Sets every `apiPublicAccessCidrs` sequence in a stack config file's text to `[cidr]`, keeping
 * comments and layout. Returns the new text and the dotted paths it changed (empty when the
 * scenario has no EKS public endpoint setting).
 */
export function allowCidr(text: string, cidr: string): { text: string; paths: string[] } {
    const parsed = tryParseCidr(cidr);
    if (!parsed || parsed.family !== "ipv4" || parsed.prefix !== 32) {
        throw new ConfigError("cidr", cidr, "use the runner's IPv4 address as a /32, for example $(curl -fsS https://checkip.amazonaws.com)/32");
    }
    const doc = parseDocument(text);
    const paths: string[] = [];
    visit(doc, {
        Pair(_key, pair, ancestors) {
            const key = (pair.key as { value?: unknown } | null)?.value;
            if (key !== API_ACCESS_KEY) return;
            if (pair.value !== null && !isSeq(pair.value)) return;
            const names = ancestors.filter(isPair).map((a) => String((a.key as { value?: unknown }).value));
            paths.push([...names, API_ACCESS_KEY].join("."));
            pair.value = doc.createNode([cidr]);
        },
    });
    return { text: doc.toString({ flowCollectionPadding: false }), paths };
}

/** `stacks=<JSON array>`: one line for $GITHUB_OUTPUT, read with `fromJSON()` by a matrix. Throws on an empty list (a matrix of nothing fails obscurely). */
export function matrixOutput(root = REPO_ROOT): string {
    const stacks = listStacks(root);
    if (stacks.length === 0) throw new ConfigError("stacks", [], "add at least one stacks/Pulumi.<scenario>.yaml");
    return `stacks=${JSON.stringify(stacks)}`;
}

/** The stack name if it has a config file; otherwise a ConfigError listing the known stacks. */
export function requireKnownStack(name: string | undefined, root = REPO_ROOT): string {
    const known = listStacks(root);
    if (name === undefined || !known.includes(name)) {
        throw new ConfigError("stack", name, `use one of ${known.join(", ")} (a stack needs stacks/Pulumi.<stack>.yaml)`);
    }
    return name;
}

/** Applies `allowCidr` to the config files of `stacks` (default: all); returns one line per stack. */
export function allowRunner(cidr: string, stacks: string[], root = REPO_ROOT): string[] {
    const dir = path.join(root, readProject(root).stackConfigDir);
    return (stacks.length ? stacks.map((s) => requireKnownStack(s, root)) : listStacks(root)).map((stack) => {
        const file = path.join(dir, `Pulumi.${stack}.yaml`);
        const result = allowCidr(fs.readFileSync(file, "utf8"), cidr);
        if (result.paths.length) fs.writeFileSync(file, result.text);
        return result.paths.length ? `${stack}: ${result.paths.join(", ")} = [${cidr}]` : `${stack}: no ${API_ACCESS_KEY} key, unchanged`;
    });
}

export function main(argv: string[], out: (line: string) => void = console.log, root = REPO_ROOT): number {
    const [command, arg, ...rest] = argv;
    try {
        if (command === "matrix") out(matrixOutput(root));
        else if (command === "check") out(`stack ${requireKnownStack(arg, root)} has a config file`);
        else if (command === "allow-runner") allowRunner(arg, rest, root).forEach((l) => out(l));
        else if (command === "check-token-type") out(`Pulumi token: ${checkScopedTokenType(arg, rest[0], { type: rest[1] ?? "token type", scope: rest[2] ?? "token scope" })}`);
        else {
            out("usage: ciStacks.ts matrix | check <stack> | allow-runner <ipv4>/32 [stack...] | check-token-type <type> <scope> [<type var> <scope var>]");
            return 2;
        }
        return 0;
    } catch (e) {
        out((e as Error).message);
        return 1;
    }
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
