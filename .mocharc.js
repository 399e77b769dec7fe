// Mocha configuration. `npm test` (and a bare `npx mocha`) runs every test; `npx mocha <file.ts>`
// runs only the files named (a spec in the config would otherwise be added to them).
//
// The files run in a fixed order, quick unit tests first (test/lib, then the pack, then the
// engine) and whole-program tests after: a failure shows up sooner, and mutation testing
// (stryker.config.mjs), which stops each mutant at its first failing test, kills most mutants
// with a unit test instead of a whole-stack run.
const fs = require("node:fs");
const path = require("node:path");

const namedFiles = process.argv.slice(2).some((arg) => /\.ts$/.test(arg));
const FIRST = ["test/lib", "test/policies", "test/engine"];

function testFiles(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) return testFiles(file);
        return entry.name.endsWith(".test.ts") ? [file.split(path.sep).join("/")] : [];
    });
}

function orderedSpec() {
    const all = testFiles(path.join(__dirname, "test")).map((f) => path.relative(__dirname, f).split(path.sep).join("/")).sort();
    const rank = (f) => {
        const i = FIRST.findIndex((dir) => f.startsWith(`${dir}/`));
        return i === -1 ? FIRST.length : i;
    };
    return all.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
}

module.exports = {
    require: ["tsx/cjs", "./test/helpers/failFast.ts"],
    extension: ["ts"],
    spec: namedFiles ? [] : orderedSpec(),
    timeout: 60000,
    reporter: "dot",
};
