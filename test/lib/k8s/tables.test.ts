/**
 * lib/k8s/tables.ts: the schema constructors our CRD and chart tables are written with, and
 * `validateWithTable`: every error at once, unknown fields with the fields allowed, Kubernetes'
 * own schema keywords accepted, each table compiled once. Each test uses a fresh instance of the
 * module: the constructors and the ajv instance are made when the module loads or on first use,
 * which for the shared instance happened before this file ran.
 */
import * as assert from "assert";
import * as path from "path";
import Ajv from "ajv";
import type * as tables from "../../../lib/k8s/tables";
import { freshModule } from "../../helpers/freshModule";

const fresh = () => freshModule<typeof tables>(path.join(__dirname, "../../../lib/k8s/tables.ts"));
/** A fresh instance with helpers: the messages of a value's findings, and whether it has none. */
const instance = () => {
    const t = fresh();
    const errorsOf = (schema: tables.TableSchema, value: unknown) => t.validateWithTable(schema, value, "crd", "T").map((f) => f.message);
    const accepts = (schema: tables.TableSchema, value: unknown) => t.validateWithTable(schema, value, "crd", "T").length === 0;
    return { ...t, errorsOf, accepts };
};

describe("lib/k8s/tables: constructors", () => {
    it("each constructor accepts what it names and nothing else", () => {
        const { accepts, str, int, bool, oneOf, types, intOrString, anything, scalar, arr, map, orNull } = instance();
        assert.deepStrictEqual([accepts(str(), "a"), accepts(str(), 1), accepts(str({ minLength: 2 }), "a")], [true, false, false]);
        assert.deepStrictEqual([accepts(int(), 1), accepts(int(), 1.5), accepts(int({ maximum: 3 }), 4)], [true, false, false]);
        assert.deepStrictEqual([accepts(bool(), false), accepts(bool(), "false")], [true, false]);
        assert.deepStrictEqual([accepts(oneOf("a", null), null), accepts(oneOf("a", null), "b")], [true, false]);
        assert.deepStrictEqual([accepts(types("string", "null"), null), accepts(types("string", "null"), 0)], [true, false]);
        assert.deepStrictEqual([accepts(intOrString(), 80), accepts(intOrString(), "http"), accepts(intOrString(), 1.5), accepts(intOrString(), true)], [true, true, false, false]);
        assert.deepStrictEqual([accepts(anything(), { any: [1] }), accepts(anything(), null)], [true, true]);
        assert.deepStrictEqual([accepts(scalar(), "s"), accepts(scalar(), 1.5), accepts(scalar(), true), accepts(scalar(), null), accepts(scalar(), {}), accepts(scalar(), [])], [true, true, true, true, false, false]);
        assert.deepStrictEqual([accepts(arr(), [1, "a"]), accepts(arr(), {}), accepts(arr(str()), ["a"]), accepts(arr(str()), [1])], [true, false, true, false]);
        assert.deepStrictEqual([accepts(map(), { "a/b": {} }), accepts(map(), []), accepts(map(str()), { a: "b" }), accepts(map(str()), { a: 1 })], [true, false, true, false]);
        assert.deepStrictEqual([accepts(orNull(oneOf("x")), null), accepts(orNull(oneOf("x")), "x"), accepts(orNull(oneOf("x")), "y"), accepts(orNull(str()), 1)], [true, true, false, false]);
    });

    it("obj is closed, and requires only the fields it lists as required", () => {
        const { accepts, errorsOf, obj, str, int } = instance();
        const open = obj({ name: str() });
        assert.strictEqual(accepts(open, {}), true);
        assert.deepStrictEqual(errorsOf(open, { name: "x", other: 1 }), ["other: unknown field (value 1); T allows name"]);
        assert.deepStrictEqual(errorsOf(obj({ a: str(), b: int() }, ["b"]), { a: "x" }), ["b: missing; T requires it"]);
        assert.strictEqual("required" in obj({ a: str() }), false);
    });
});

describe("lib/k8s/tables: validateWithTable", () => {
    it("reports every error at once, with the check it is given", () => {
        const { validateWithTable, obj, str, int, bool } = instance();
        const schema = obj({ a: str(), b: int(), c: bool() }, ["c"]);
        const findings = validateWithTable(schema, { a: 1, b: "x", extra: 1 }, "helm-values", "the chart");
        assert.deepStrictEqual(findings.map((f) => [f.check, f.message]), [
            ["helm-values", "c: missing; the chart requires it"],
            ["helm-values", "extra: unknown field (value 1); the chart allows a, b, c"],
            ["helm-values", "a: 1 is an integer; the chart allows a string"],
            ["helm-values", 'b: "x" is a string; the chart allows an integer'],
        ]);
        assert.deepStrictEqual(validateWithTable(schema, { c: false }, "helm-values", "the chart"), []);
    });

    it("accepts Kubernetes' own keywords (x-kubernetes-*) and required fields a schema does not define", () => {
        const { errorsOf } = instance();
        const schema = { type: "object", "x-kubernetes-preserve-unknown-fields": true, required: ["kind"] };
        assert.deepStrictEqual(errorsOf(schema, {}), ["kind: missing; T requires it"]);
        assert.deepStrictEqual(errorsOf(schema, { kind: 1, other: {} }), []);
    });

    it("compiles a table on its first use only (a fresh instance of the module)", () => {
        const t = fresh();
        const compile = Ajv.prototype.compile;
        let compiled = 0;
        Ajv.prototype.compile = function (this: Ajv, ...args: Parameters<Ajv["compile"]>) {
            compiled++;
            return compile.apply(this, args);
        } as Ajv["compile"];
        try {
            const schema = t.obj({ a: t.str() });
            assert.deepStrictEqual(t.validateWithTable(schema, { a: "x" }, "crd", "T"), []);
            assert.deepStrictEqual(t.validateWithTable(schema, { a: 1 }, "crd", "T").map((f) => f.path), ["a"]);
            assert.deepStrictEqual(t.validateWithTable(schema, { other: 1 }, "crd", "T").map((f) => f.message), ["other: unknown field (value 1); T allows a"]);
            assert.strictEqual(compiled, 1);
            t.validateWithTable(t.obj({ a: t.str() }), {}, "crd", "T");
            assert.strictEqual(compiled, 2);
        } finally {
            Ajv.prototype.compile = compile;
        }
    });
});
