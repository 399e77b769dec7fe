// Mutation testing (issue 20). `npm run mutation` mutates every folder below; to mutate one:
// `npm run mutation -- --mutate "lib/**/*.ts"`. Not part of `npm test`: .github/workflows/mutation.yml
// runs it weekly and keeps the report. README, "How we test".
//
// - perTest coverage: each mutant runs only the tests that reach it, and stops at the first failure.
// - ignoreStatic: mutants in code that runs once at module load (the fact tables under lib/aws) would
//   each need a fresh process and the whole suite (about 45 s); they are reported as Ignored.
// - *.data.ts files are generated catalogues (instance types, regions): data, not logic.
// - no TypeScript checker: with @stryker-mutator/typescript-checker, type-checking each mutant
//   against this project (the @pulumi/aws types) was the bottleneck: 32 mutants in 7 minutes on
//   2 cores, against about 2,000 a minute without it. A mutant tsc would refuse therefore runs
//   (tsx strips types) and counts like any other; see README "How we test" for what that means.
// - incremental: a rerun reuses the results of unchanged code and tests (reports/mutation/).
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
//
// `npm run mutation -- <folder>` (scripts/mutation/run.mjs) sets STRYKER_FOLDER to mutate one folder
// of FOLDERS, with its own report and incremental file under reports/mutation/<folder>/.
// @ts-check

/** The folders measured, as the README's "How we test" reports them. */
export const FOLDERS = {
    "lib": ["lib/**/*.ts", "!lib/**/*.data.ts"],
    "policies/rules": ["policies/rules/**/*.ts"],
    "engine/reachability": ["engine/reachability/**/*.ts"],
    "engine": ["engine/**/*.ts", "!engine/reachability/**", "!engine/cli.ts", "!engine/bench.ts", "!engine/diagram/figures.ts"],
    "policies": ["policies/**/*.ts", "!policies/rules/**", "!policies/node_modules/**", "!policies/scripts/**"],
    "components": ["components/**/*.ts"],
};

/**
 * The tests each folder is measured against. A mutant that survives them runs every test that covers
 * it, and the whole-stack tests (test/stacks, test/components) take seconds each, so a survivor
 * measured against the whole suite costs up to a minute. `lib` and `engine/reachability` are pure
 * logic that the engine and the pack run in-process, so they are measured against the three in-process
 * tiers (test/lib, test/policies, test/engine: about 25 s in all); the score is what those tests catch,
 * a lower bound of what the whole suite catches.
 */
const IN_PROCESS = ["test/lib/**/*.test.ts", "test/policies/**/*.test.ts", "test/engine/**/*.test.ts"];
export const TIERS = {
    "lib": IN_PROCESS,
    "policies/rules": ["test/policies/**/*.test.ts"],
    "engine/reachability": IN_PROCESS,
    "engine": ["test/engine/**/*.test.ts"],
    "policies": ["test/policies/**/*.test.ts"],
    "components": ["test/components/**/*.test.ts", "test/stacks/**/*.test.ts"],
};

const folder = process.env.STRYKER_FOLDER;
if (folder !== undefined && !(folder in FOLDERS)) {
    throw new Error(`STRYKER_FOLDER is ${JSON.stringify(folder)}; use one of ${Object.keys(FOLDERS).join(", ")}`);
}
const reportDir = folder === undefined ? "reports/mutation" : `reports/mutation/${folder.replace("/", "-")}`;

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
const config = {
    "packageManager": "npm",
    "testRunner": "mocha",
    "mochaOptions": {
        "config": ".mocharc.js"
    },
    "checkers": [],
    "coverageAnalysis": "perTest",
    "ignoreStatic": true,
    "incremental": true,
    "ignorePatterns": [
        "reports",
        ".stryker-tmp",
        "bin",
        "docs/figures/*.png"
    ],
    "reporters": [
        "html",
        "json",
        "clear-text",
        "progress"
    ],
    "timeoutMS": 10000,
    "timeoutFactor": 2,
    "thresholds": {
        "high": 90,
        "low": 75,
        "break": null
    },
    "tempDirName": ".stryker-tmp",
    "cleanTempDir": "always"
};

config.mutate = folder === undefined ? Object.values(FOLDERS).flat() : FOLDERS[folder];
if (folder !== undefined) config.mochaOptions = { ...config.mochaOptions, spec: TIERS[folder] };
config.incrementalFile = `${reportDir}/stryker-incremental.json`;
config.htmlReporter = { fileName: `${reportDir}/index.html` };
config.jsonReporter = { fileName: `${reportDir}/mutation.json` };
config.concurrency = Number(process.env.STRYKER_CONCURRENCY ?? 3);

export default config;
