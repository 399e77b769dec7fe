/**
 * A second, fresh instance of a module: its top-level code (tables, regular expressions, compiled
 * validators, memoised lookups) runs again inside the calling test, and the cached copy the other
 * tests share is put back afterwards, so other modules keep seeing the one they imported. The
 * module's own dependencies are shared with the cache (not reloaded).
 *
 * For tests of first-use paths and of values built at import: mutation testing
 * (scripts/mutation/hot-swap-hybrids.mjs) activates a mutant in a running worker, where a module
 * loaded before the test keeps its original tables; a copy loaded inside the test sees the mutant.
 *
 * `absolutePath`: from the caller's `require.resolve("../../lib/x")`.
 */
export function freshModule<T>(absolutePath: string): T {
    const resolved = require.resolve(absolutePath);
    const shared = require.cache[resolved];
    delete require.cache[resolved];
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(resolved) as T;
    } finally {
        if (shared) require.cache[resolved] = shared;
        else delete require.cache[resolved];
    }
}
