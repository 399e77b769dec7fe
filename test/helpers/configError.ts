/**
 * The ConfigError a call throws, for tests of bad input: it fails the test when the call returns or
 * throws anything else. `configErrorParts` gives the three things a user reads: the key, the value
 * and the fix.
 */
import * as assert from "assert";
import { ConfigError } from "../../lib/errors";

export function thrownConfigError(f: () => unknown): ConfigError {
    try {
        f();
    } catch (e) {
        assert.ok(e instanceof ConfigError, String(e));
        return e;
    }
    return assert.fail("expected a ConfigError");
}

export function configErrorParts(f: () => unknown): [string, unknown, string] {
    const e = thrownConfigError(f);
    return [e.key, e.value, e.fix];
}
