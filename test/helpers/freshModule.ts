/**
 * A second, fresh instance of a module, with its own module-level state (memoised lookups,
 * compiled validators), so that a test can exercise the first-use path that the shared instance
 * ran long before (for example when an earlier test file loaded it). The shared instance stays in
 * the require cache: other modules keep seeing the one they imported.
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
