/**
 * lib/k8s/findings.ts: the helpers every Kubernetes check shares (paths, values in messages,
 * unknown values, "did you mean") and the translation of ajv errors into the sentences users read,
 * through real ajv errors (a small table validated with lib/k8s/tables.ts) and hand-built ones for
 * the keywords our tables do not produce.
 */
import * as assert from "assert";
import type { ErrorObject } from "ajv";
import {
    describeType,
    didYouMean,
    findingsFromAjv,
    formatPath,
    isUnknownValue,
    listNames,
    pointerSegments,
    show,
    unknownFieldMessage,
    unknownOnPath,
    valueAt,
} from "../../../lib/k8s/findings";
import { arr, bool, int, intOrString, map, obj, oneOf, str, types, validateWithTable } from "../../../lib/k8s/tables";

const SENTINELS = [
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];

describe("lib/k8s/findings: values and paths", () => {
    it("unknown: the offline markers and the engine's sentinels; nothing else", () => {
        for (const v of ["[unknown]", "[output]", "[secret]", ...SENTINELS]) assert.strictEqual(isUnknownValue(v), true, v);
        for (const v of ["unknown", "[unknown", "[Unknown]", "", "secret", undefined, null, 0, false, {}, ["[unknown]"]]) assert.strictEqual(isUnknownValue(v), false, JSON.stringify(v));
    });

    it("pointerSegments: a JSON pointer's segments, ~1 and ~0 unescaped", () => {
        assert.deepStrictEqual(pointerSegments(""), []);
        assert.deepStrictEqual(pointerSegments("/"), [""]);
        assert.deepStrictEqual(pointerSegments("/spec/containers/0/name"), ["spec", "containers", "0", "name"]);
        assert.deepStrictEqual(pointerSegments("/metadata/labels/app.kubernetes.io~1name"), ["metadata", "labels", "app.kubernetes.io/name"]);
        assert.deepStrictEqual(pointerSegments("/a~0b/c~01"), ["a~b", "c~1"]);
    });

    it("formatPath: indexes in brackets, identifiers dotted, anything else quoted", () => {
        assert.strictEqual(formatPath(["spec", 0, "name"]), "spec[0].name");
        assert.strictEqual(formatPath(["spec", "12", "x"]), "spec[12].x");
        assert.strictEqual(formatPath(["0", "a"]), "[0].a");
        assert.strictEqual(formatPath(["a"]), "a");
        assert.strictEqual(formatPath(["spec", "a1", "_b", "$c", "d-e"]), "spec.a1._b.$c.d-e");
        assert.strictEqual(formatPath(["x", "1a"]), 'x["1a"]');
        assert.strictEqual(formatPath(["x", "-a"]), 'x["-a"]');
        assert.strictEqual(formatPath(["x", ""]), 'x[""]');
        assert.strictEqual(formatPath(["labels", 'a"b']), 'labels["a\\"b"]');
        assert.strictEqual(formatPath(["annotations", "example.com/x"]), 'annotations["example.com/x"]');
        assert.strictEqual(formatPath([]), "(the object)");
    });

    it("valueAt: the value under the segments, undefined through null, primitives and missing keys", () => {
        const root = { a: { b: [10, { c: "x" }] }, n: null, s: "str" };
        assert.strictEqual(valueAt(root, ["a", "b", "1", "c"]), "x");
        assert.strictEqual(valueAt(root, ["a", "b", "0"]), 10);
        assert.strictEqual(valueAt(root, []), root);
        assert.strictEqual(valueAt(root, ["n"]), null);
        assert.strictEqual(valueAt(root, ["n", "x"]), undefined);
        assert.strictEqual(valueAt(root, ["s", "length"]), undefined);
        assert.strictEqual(valueAt(root, ["missing", "x"]), undefined);
        assert.strictEqual(valueAt(undefined, ["a"]), undefined);
    });

    it("unknownOnPath: true when the root, a value on the way or the value itself is unknown", () => {
        const root = { a: { b: "[unknown]" }, c: "[output]", n: null, s: "str", d: { e: 1 } };
        assert.strictEqual(unknownOnPath("[secret]", []), true);
        assert.strictEqual(unknownOnPath(root, ["a", "b"]), true);
        assert.strictEqual(unknownOnPath(root, ["c", "x", "y"]), true);
        assert.strictEqual(unknownOnPath(root, ["d", "e"]), false);
        assert.strictEqual(unknownOnPath(root, ["d", "missing", "deeper"]), false);
        assert.strictEqual(unknownOnPath(root, ["n", "x"]), false);
        assert.strictEqual(unknownOnPath(root, ["s", "x", "y"]), false);
        assert.strictEqual(unknownOnPath(root, []), false);
    });

    it("show: JSON of the value, (unset) for undefined, at most 80 characters", () => {
        assert.strictEqual(show(undefined), "(unset)");
        assert.strictEqual(show(null), "null");
        assert.strictEqual(show("a"), '"a"');
        assert.strictEqual(show({ a: [1, true] }), '{"a":[1,true]}');
        const exact = "x".repeat(78); // 80 characters with its quotes
        assert.strictEqual(show(exact), `"${exact}"`);
        const over = "x".repeat(79);
        assert.strictEqual(show(over), `"${"x".repeat(76)}...`);
        assert.strictEqual(show(over).length, 80);
        // What JSON cannot show: its String().
        assert.strictEqual(show(BigInt(12)), "12");
        const circular: any = { a: 1 };
        circular.self = circular;
        assert.strictEqual(show(circular), "[object Object]");
    });

    it("describeType: what was found, with its article", () => {
        assert.strictEqual(describeType(null), "null");
        assert.strictEqual(describeType([1]), "an array");
        assert.strictEqual(describeType(3), "an integer");
        assert.strictEqual(describeType(3.5), "a number");
        assert.strictEqual(describeType({}), "an object");
        assert.strictEqual(describeType("s"), "a string");
        assert.strictEqual(describeType(true), "a boolean");
        assert.strictEqual(describeType(undefined), "a undefined");
    });
});

describe("lib/k8s/findings: suggestions and lists", () => {
    it("didYouMean: at most a third of the name's length in edits (at least one), any case", () => {
        assert.strictEqual(didYouMean("Replicas", ["selector", "replicas"]), "replicas");
        assert.strictEqual(didYouMean("replicas", ["replicas"]), "replicas");
        // Six letters: two edits are close enough, three are not.
        assert.strictEqual(didYouMean("abcdef", ["abcdXY"]), "abcdXY");
        assert.strictEqual(didYouMean("abcdef", ["abcXYZ"]), undefined);
        // Insertion and deletion count one each.
        assert.strictEqual(didYouMean("imagPullPolicy", ["imagePullPolicy"]), "imagePullPolicy");
        assert.strictEqual(didYouMean("imagePullPolicyy", ["imagePullPolicy"]), "imagePullPolicy");
        // Short names still get one edit.
        assert.strictEqual(didYouMean("ab", ["aX"]), "aX");
        assert.strictEqual(didYouMean("ab", ["XY"]), undefined);
        assert.strictEqual(didYouMean("abc", ["xyz"]), undefined);
        // The last character counts.
        assert.strictEqual(didYouMean("abz", ["abc", "abz"]), "abz");
        assert.strictEqual(didYouMean("zbc", ["abc", "zbc"]), "zbc");
        // A tie goes to the first known name.
        assert.strictEqual(didYouMean("ab", ["ac", "ad"]), "ac");
        assert.strictEqual(didYouMean("ab", []), undefined);
    });

    it("listNames: sorted, at most `max` (40 by default), then how many more", () => {
        assert.strictEqual(listNames(["b", "c", "a"]), "a, b, c");
        assert.strictEqual(listNames(["b", "c", "a"], 3), "a, b, c");
        assert.strictEqual(listNames(["b", "c", "a"], 2), "a, b and 1 more");
        assert.strictEqual(listNames(["d", "b", "c", "a"], 1), "a and 3 more");
        assert.strictEqual(listNames([]), "");
        const names = Array.from({ length: 41 }, (_, i) => `n${String(i).padStart(2, "0")}`);
        assert.strictEqual(listNames(names), `${names.slice(0, 40).join(", ")} and 1 more`);
        assert.strictEqual(listNames(names.slice(0, 40)), names.slice(0, 40).join(", "));
        const input = ["b", "a"];
        listNames(input);
        assert.deepStrictEqual(input, ["b", "a"]);
    });

    it("unknownFieldMessage: path, value, suggestion when close, and the fields allowed there", () => {
        assert.strictEqual(
            unknownFieldMessage(["spec", "replica"], 2, ["selector", "replicas", "template"], "the schema"),
            "spec.replica: unknown field (value 2); did you mean replicas? the schema allows replicas, selector, template",
        );
        assert.strictEqual(unknownFieldMessage(["spec", "zzz"], "v", ["replicas"], "W"), 'spec.zzz: unknown field (value "v"); W allows replicas');
        assert.strictEqual(unknownFieldMessage(["x"], undefined, [], "W"), "x: unknown field (value (unset)); W allows ");
    });
});

/** A small table with one field of each kind our tables use. */
const TABLE = obj(
    {
        name: str(),
        port: intOrString(),
        flag: bool(),
        count: int({ minimum: 1 }),
        mode: oneOf("a", "b"),
        nullable: types("string", "null"),
        labels: map(str()),
        list: arr(int()),
        either: { oneOf: [{ type: "integer" }, { type: "boolean" }] },
        pick: { anyOf: [oneOf("x"), oneOf("y")] },
        nested: obj({ inner: str() }, ["inner"]),
    },
    ["name"],
);
const check = (value: unknown) => validateWithTable(TABLE, value, "helm-values", "W");
const ALLOWED = "W allows count, either, flag, labels, list, mode, name, nested, nullable, pick, port";

describe("lib/k8s/findings: ajv errors as sentences", () => {
    it("one finding per problem, each naming the field, the value and what is allowed", () => {
        assert.deepStrictEqual(
            check({ port: true, flag: 3, count: 0, mode: "c", nullable: 5, labels: { a: 1 }, list: [1, "x"], either: "s", nested: {}, namee: 2 }),
            [
                { check: "helm-values", path: "name", value: undefined, message: "name: missing; W requires it" },
                { check: "helm-values", path: "namee", value: 2, message: `namee: unknown field (value 2); did you mean name? ${ALLOWED}` },
                { check: "helm-values", path: "port", value: true, message: "port: true is a boolean; W allows an integer or a string" },
                { check: "helm-values", path: "flag", value: 3, message: "flag: 3 is an integer; W allows a boolean" },
                { check: "helm-values", path: "count", value: 0, message: "count: 0 must be >= 1 (W, minimum)" },
                { check: "helm-values", path: "mode", value: "c", message: 'mode: "c" is not allowed; W allows "a", "b"' },
                { check: "helm-values", path: "nullable", value: 5, message: "nullable: 5 is an integer; W allows a string or null" },
                { check: "helm-values", path: "labels.a", value: 1, message: "labels.a: 1 is an integer; W allows a string" },
                { check: "helm-values", path: "list[1]", value: "x", message: 'list[1]: "x" is a string; W allows an integer' },
                { check: "helm-values", path: "either", value: "s", message: 'either: "s" is a string; W allows an integer or a boolean' },
                { check: "helm-values", path: "nested.inner", value: undefined, message: "nested.inner: missing; W requires it" },
            ],
        );
        assert.deepStrictEqual(check({ name: "n", port: 80, flag: true, count: 1, mode: "a", nullable: null, labels: { a: "b" }, list: [1], either: false, pick: "y", nested: { inner: "i" } }), []);
    });

    it("anyOf whose branches are enums: one finding listing every branch's values (the enum errors inside are folded into it)", () => {
        assert.deepStrictEqual(check({ name: "n", pick: "z" }), [{ check: "helm-values", path: "pick", value: "z", message: 'pick: "z" is not allowed; W allows "x" or "y"' }]);
    });

    it("an enum or null: the value is not allowed, and null and each value are named", () => {
        const nullable = obj({ m: { anyOf: [oneOf("x", "y"), { type: "null" }] } });
        assert.deepStrictEqual(validateWithTable(nullable, { m: "z" }, "helm-values", "W").map((f) => f.message), ['m: "z" is not allowed; W allows null or "x" or "y"']);
        assert.deepStrictEqual(validateWithTable(nullable, { m: null }, "helm-values", "W"), []);
    });

    it("a value of an allowed branch's type whose contents fail: only the finding inside it (external-dns provider: {name: 1})", () => {
        const either = obj({ provider: { anyOf: [str(), obj({ name: str() })] } });
        assert.deepStrictEqual(validateWithTable(either, { provider: { name: 1 } }, "helm-values", "W").map((f) => f.message), ["provider.name: 1 is an integer; W allows a string"]);
        // A value of neither type still gets the anyOf finding naming both.
        assert.deepStrictEqual(validateWithTable(either, { provider: 5 }, "helm-values", "W").map((f) => f.message), ["provider: 5 is an integer; W allows a string or an object"]);
    });

    it("an anyOf folds only the type errors at its own field", () => {
        // flag's type error is its own finding and does not join port's alternatives.
        const got = check({ name: "n", port: false, flag: "yes" }).map((f) => f.message);
        assert.deepStrictEqual(got, ["port: false is a boolean; W allows an integer or a string", 'flag: "yes" is a string; W allows a boolean']);
    });

    it("errors at or under a value unknown until deploy are dropped", () => {
        assert.deepStrictEqual(check({ name: "[unknown]", port: "[unknown]", flag: SENTINELS[0], count: "[output]", nested: "[output]", list: "[unknown]", labels: { a: "[secret]" } }), []);
        // The rest of the object is still checked.
        assert.deepStrictEqual(
            check({ name: "n", count: "[output]", flag: "no" }).map((f) => f.path),
            ["flag"],
        );
    });

    const error = (e: Partial<ErrorObject>): ErrorObject => ({ keyword: "x", instancePath: "", schemaPath: "#", params: {}, ...e }) as ErrorObject;

    it("format, any other keyword (with or without ajv's message), and unknown type names", () => {
        const root = { when: "yesterday", size: 3, odd: "v" };
        assert.deepStrictEqual(findingsFromAjv([error({ keyword: "format", instancePath: "/when", params: { format: "date-time" } })], root, "crd", "the CRD"), [
            { check: "crd", path: "when", value: "yesterday", message: 'when: "yesterday" is not a valid date-time; the CRD requires that format' },
        ]);
        assert.deepStrictEqual(findingsFromAjv([error({ keyword: "maximum", instancePath: "/size", message: "must be <= 2" })], root, "crd", "the CRD"), [
            { check: "crd", path: "size", value: 3, message: "size: 3 must be <= 2 (the CRD, maximum)" },
        ]);
        assert.deepStrictEqual(
            findingsFromAjv([error({ keyword: "multipleOf", instancePath: "/size" })], root, "crd", "the CRD").map((f) => f.message),
            ["size: 3 is invalid (the CRD, multipleOf)"],
        );
        // A type list as ajv gives it for `type: [..]` (comma-joined) or as an array; names it does not know pass through.
        assert.deepStrictEqual(
            findingsFromAjv([error({ keyword: "type", instancePath: "/odd", params: { type: "integer,null" } })], root, "schema", "S").map((f) => f.message),
            ['odd: "v" is a string; S allows an integer or null'],
        );
        assert.deepStrictEqual(
            findingsFromAjv([error({ keyword: "type", instancePath: "/odd", params: { type: ["number", "object", "array", "quantity"] } })], root, "schema", "S").map((f) => f.message),
            ['odd: "v" is a string; S allows a number or an object or an array or quantity'],
        );
    });

    it("no errors, no findings; the same finding twice is reported once", () => {
        assert.deepStrictEqual(findingsFromAjv(null, {}, "schema", "S"), []);
        assert.deepStrictEqual(findingsFromAjv(undefined, {}, "schema", "S"), []);
        assert.deepStrictEqual(findingsFromAjv([], {}, "schema", "S"), []);
        const twice = [error({ keyword: "required", instancePath: "/spec", params: { missingProperty: "selector" } }), error({ keyword: "required", instancePath: "/spec", params: { missingProperty: "selector" } })];
        assert.deepStrictEqual(findingsFromAjv(twice, { spec: {} }, "schema", "S"), [{ check: "schema", path: "spec.selector", value: undefined, message: "spec.selector: missing; S requires it" }]);
        // Same path, different sentence: both.
        const two = [error({ keyword: "minimum", instancePath: "/n", message: "must be >= 1" }), error({ keyword: "multipleOf", instancePath: "/n", message: "must be multiple of 2" })];
        assert.strictEqual(findingsFromAjv(two, { n: 0 }, "schema", "S").length, 2);
    });

    it("an unknown field without a parent schema lists no fields; its value is the extra field's", () => {
        assert.deepStrictEqual(findingsFromAjv([error({ keyword: "additionalProperties", instancePath: "/spec", params: { additionalProperty: "foo" } })], { spec: { foo: [1] } }, "crd", "C"), [
            { check: "crd", path: "spec.foo", value: [1], message: "spec.foo: unknown field (value [1]); C allows " },
        ]);
    });

    it("oneOf and anyOf errors name the types of their branches, once each, at their own path", () => {
        const errors = [
            error({ keyword: "type", instancePath: "/v", params: { type: "string" } }),
            error({ keyword: "type", instancePath: "/w", params: { type: "boolean" } }),
            error({ keyword: "type", instancePath: "/v", params: { type: ["string", "integer"] } }),
            error({ keyword: "oneOf", instancePath: "/v", params: {} }),
            error({ keyword: "enum", instancePath: "/v", params: { allowedValues: ["a"] } }),
        ];
        assert.deepStrictEqual(findingsFromAjv(errors, { v: [], w: 1 }, "schema", "S").map((f) => f.message), [
            "w: 1 is an integer; S allows a boolean",
            'v: [] is an array; S allows a string or an integer or "a"',
        ]);
        const anyOf = [error({ keyword: "type", instancePath: "/v", params: { type: "integer,string" } }), error({ keyword: "anyOf", instancePath: "/v" })];
        assert.deepStrictEqual(findingsFromAjv(anyOf, { v: null }, "schema", "S").map((f) => f.message), ["v: null is null; S allows an integer or a string"]);
        // Branches that are neither types nor enums (two objects, each requiring a field): said as such.
        const shapes = [error({ keyword: "required", instancePath: "/v", params: { missingProperty: "a" } }), error({ keyword: "anyOf", instancePath: "/v" })];
        assert.deepStrictEqual(findingsFromAjv(shapes, { v: {} }, "schema", "S").map((f) => f.message), ["v.a: missing; S requires it", "v: {} is an object; S allows one of its alternatives"]);
    });
});
