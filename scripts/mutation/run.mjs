// `npm run mutation [-- <folder>] [-- stryker options]`: runs StrykerJS (stryker.config.mjs) over every
// folder, or over one folder of its FOLDERS (lib, policies/rules, engine/reachability, engine,
// policies, components) with its own report under reports/mutation/<folder>/. The Mocha 12
// compatibility shim and the hybrid-mutant hook are preloaded in every process Stryker starts
// (mocha12-compat.cjs, hot-swap-hybrids.mjs).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FOLDERS } from "../../stryker.config.mjs";

const args = process.argv.slice(2);
const env = { ...process.env };
if (args[0] !== undefined && !args[0].startsWith("-")) {
    const folder = args.shift().replace(/\/$/, "");
    if (!(folder in FOLDERS)) {
        console.error(`npm run mutation: folder ${JSON.stringify(folder)} is not measured; use one of ${Object.keys(FOLDERS).join(", ")}, or no folder for all of them`);
        process.exit(2);
    }
    env.STRYKER_FOLDER = folder;
}
const shim = fileURLToPath(new URL("./mocha12-compat.cjs", import.meta.url));
const hotSwap = new URL("./hot-swap-hybrids.mjs", import.meta.url).href;
const core = path.dirname(createRequire(import.meta.url).resolve("@stryker-mutator/core/package.json"));
env.NODE_OPTIONS = [process.env.NODE_OPTIONS, `--require=${shim}`, `--import=${hotSwap}`].filter(Boolean).join(" ");
const result = spawnSync(process.execPath, [path.join(core, "bin", "stryker.js"), "run", ...args], { stdio: "inherit", env });
process.exit(result.status ?? 1);
