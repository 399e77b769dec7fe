// Mocha configuration. `npm test` (and a bare `npx mocha`) runs every test; `npx mocha <file.ts>`
// runs only the files named (a spec in the config would otherwise be added to them).
const namedFiles = process.argv.slice(2).some((arg) => /\.ts$/.test(arg));

module.exports = {
    require: ["tsx/cjs", "./test/helpers/failFast.ts"],
    extension: ["ts"],
    spec: namedFiles ? [] : ["test/**/*.test.ts"],
    timeout: 60000,
    reporter: "dot",
};
