import * as assert from "assert";
import type * as cached from "../../lib/errors";
import { freshModule } from "../helpers/freshModule";

// Every config and command-line error has the shape `<key>: <value> is invalid; <fix>`; qualify
// puts a bare config path into the project's namespace, which is what the user types. Each test
// loads the module anew, so that the namespace and the config-path pattern, built at import, are
// those of this run (test/helpers/freshModule.ts); its classes are then that copy's classes.

const fresh = () => freshModule<typeof cached>(require.resolve("../../lib/errors"));

describe("lib/errors: the error shape, qualify and formatValue", () => {
    it("ConfigError and UsageError: name, key, value, fix and message", () => {
        const { ConfigError, UsageError } = fresh();
        const c = new ConfigError("app.port", 70000, "use a port from 1 to 65535");
        assert.deepStrictEqual([c.name, c.key, c.value, c.fix, c.message], ["ConfigError", "app.port", 70000, "use a port from 1 to 65535", "app.port: 70000 is invalid; use a port from 1 to 65535"]);
        assert.ok(c instanceof Error);
        const u = new UsageError("--graph", "x.json", "give a graph file written by plan --json");
        assert.deepStrictEqual([u.name, u.message], ["UsageError", '--graph: "x.json" is invalid; give a graph file written by plan --json']);
        assert.ok(u instanceof ConfigError);
    });

    it("formatValue: unset, strings quoted, JSON for the rest, and text for what JSON cannot write", () => {
        const { formatValue } = fresh();
        assert.strictEqual(formatValue(undefined), "(unset)");
        assert.strictEqual(formatValue("a\"b"), '"a\\"b"');
        assert.strictEqual(formatValue(""), '""');
        assert.strictEqual(formatValue(null), "null");
        assert.strictEqual(formatValue(3), "3");
        assert.strictEqual(formatValue([1, "x"]), '[1,"x"]');
        assert.strictEqual(formatValue({ a: 1 }), '{"a":1}');
        assert.strictEqual(formatValue(10n), "10");
        const circular: Record<string, unknown> = { a: 1 };
        circular.self = circular;
        assert.strictEqual(formatValue(circular), "[object Object]");
    });

    it("qualify: a bare config path gets the project's namespace, in the key and the message", () => {
        const { CONFIG_NAMESPACE, ConfigError, qualify } = fresh();
        assert.strictEqual(CONFIG_NAMESPACE, "eks-ipv6-interop");
        for (const key of ["app", "cluster.nodes.max", "consumers.ipv4.vpc.cidr", "subnets[2]", "a_b-c.d[10].e"]) {
            const q = qualify(new ConfigError(key, 5, "fix it")) as cached.ConfigError;
            assert.ok(q instanceof ConfigError);
            assert.deepStrictEqual([q.key, q.value, q.fix, q.message], [`eks-ipv6-interop:${key}`, 5, "fix it", `eks-ipv6-interop:${key}: 5 is invalid; fix it`], key);
        }
        const other = qualify(new ConfigError("cluster.version", "1.2", "x"), "my-project") as cached.ConfigError;
        assert.strictEqual(other.message, 'my-project:cluster.version: "1.2" is invalid; x');
    });

    it("qualify keeps namespaced keys, flags, labels, usage errors and other errors as they are", () => {
        const { ConfigError, UsageError, qualify } = fresh();
        for (const key of ["aws:region", "--graph", "the stack file", "1abc", "a..b", "a[x]", "a.", ".a"]) {
            const e = new ConfigError(key, 1, "f");
            assert.strictEqual(qualify(e), e, key);
        }
        const u = new UsageError("graph", 1, "f");
        assert.strictEqual(qualify(u), u, "a usage error names a flag or file, not a config key");
        const plain = new Error("boom");
        assert.strictEqual(qualify(plain), plain);
        assert.strictEqual(qualify("text"), "text");
    });
});
