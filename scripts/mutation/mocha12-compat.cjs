// Preloaded into Stryker's processes by scripts/mutation/run.mjs (NODE_OPTIONS=--require).
//
// Mocha 12 renamed its CLI internals to .cjs (lib/cli/run-helpers.cjs, options.cjs,
// collect-files.cjs); @stryker-mutator/mocha-runner 10.0.0 still requires them without an
// extension and fails to load ("Cannot find TestRunner plugin \"mocha\""). The fix is upstream
// but not released: stryker-mutator/stryker-js#6205 ("load Mocha cli internals regardless of
// file extension", open since 2026-08-31). Until a release has it, this resolves exactly those
// three requests to their .cjs files and nothing else. Remove it when the runner is upgraded.
"use strict";
const Module = require("node:module");

const MOCHA_CLI_INTERNAL = /[\\/]mocha[\\/]lib[\\/]cli[\\/](run-helpers|options|collect-files)$/;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
    try {
        return resolve.call(this, request, ...rest);
    } catch (error) {
        if (error && error.code === "MODULE_NOT_FOUND" && MOCHA_CLI_INTERNAL.test(request)) {
            return resolve.call(this, `${request}.cjs`, ...rest);
        }
        throw error;
    }
};
