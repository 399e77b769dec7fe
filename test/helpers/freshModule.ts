/**
 * Loads a module anew, so that its top-level code (tables, regular expressions, constants built at
 * import) runs again inside the calling test, and puts the cached copy the other tests share back
 * afterwards. For tests of such values: mutation testing (scripts/mutation/hot-swap-hybrids.mjs)
 * activates a mutant in a running worker, where a module loaded before the test keeps its
 * original tables; a copy loaded inside the test sees the mutant.
 *
 * `resolved` is an absolute path, from the caller's `require.resolve("../../lib/x")`. The module's
 * own dependencies are shared with the cache (not reloaded).
 */
export function freshModule<T>(resolved: string): T {
    const cached = require.cache[resolved];
    delete require.cache[resolved];
    try {
        return require(resolved) as T;
    } finally {
        if (cached) require.cache[resolved] = cached;
        else delete require.cache[resolved];
    }
}
