// Preloaded into Stryker's processes by scripts/mutation/run.mjs (NODE_OPTIONS=--import).
//
// Stryker's mocha runner records coverage per test from a root beforeEach hook, so code that runs
// in a suite's `before` hook (a stack planned once for its tests) or while the test files load
// counts as "static" coverage too. A mutant with both static and per-test coverage ("hybrid") makes
// Stryker 10 start a fresh mocha worker for it, because the runner cannot reload modules: 5-20 s a
// mutant on this project, where nearly every mutant in engine/ and policies/ is hybrid (runs over
// one folder measured at hours). This hook lets Stryker activate a hybrid mutant in the running
// worker, like any other covered mutant (mutant-test-planner.js: a covered mutant "can hot swap"
// unless it is static).
//
// What that costs in accuracy: mocha re-runs `before` hooks on every run, so they see the mutant;
// only code that ran once while a module loaded (a table or a rule object built at import) keeps
// the original. A mutant whose only effect is on such a value survives: the score can only read
// lower for it, never higher. Mutants no test covers (purely static) stay Ignored (ignoreStatic).
import { register } from "node:module";

register("./hot-swap-hybrids.hooks.mjs", import.meta.url);
