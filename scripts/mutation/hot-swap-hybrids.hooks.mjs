// Module hook for hot-swap-hybrids.mjs: rewrites one line of @stryker-mutator/core's planner as it
// loads, and fails loudly when a Stryker upgrade has changed that line.
const PLANNER = /\/@stryker-mutator\/core\/dist\/src\/mutants\/mutant-test-planner\.js$/;
const ORIGINAL = "const canHotSwap = !!testFilter && isStatic === false;";
const PATCHED = "const canHotSwap = !!testFilter;";

export async function load(url, context, nextLoad) {
    const result = await nextLoad(url, context);
    if (!PLANNER.test(url)) return result;
    const source = String(result.source);
    if (!source.includes(ORIGINAL)) {
        throw new Error(`scripts/mutation/hot-swap-hybrids.hooks.mjs: ${url} no longer has "${ORIGINAL}"; the Stryker upgrade changed its planner: check whether hybrid mutants still restart the worker, then update or remove this hook`);
    }
    return { ...result, source: source.replace(ORIGINAL, PATCHED) };
}
