/**
 * lib/config.ts at its edges (issue 20, mutation survivors): the exact line a user reads for each
 * kind of zod issue (the wrong type, bounds both inclusive and exclusive, sets, formats, custom
 * messages), values filled in by defaults named as they were used, several problems listed once
 * each, keysAt through every wrapper and container, and readRaw. config.test.ts and
 * config.boundaries.test.ts cover the scenario schemas' typical values and bounds.
 */
import * as assert from "assert";
import { z } from "zod";
import { azCountSchema, clusterSchema, configKey, instanceTypeSchema, keysAt, parseConfig, pinnedImageSchema, readRaw, vpcCidrSchema, vpcSchema } from "../../lib/config";
import { ConfigError } from "../../lib/errors";
import { thrownConfigError } from "../helpers/configError";

const messageOf = (schema: z.ZodType, raw: Record<string, unknown>): string => thrownConfigError(() => parseConfig(schema, raw)).message;
const K = "eks-ipv6-interop";

describe("lib/config edges: the line a user reads for each kind of problem", () => {
    const s = z.strictObject({
        text: z.string().optional(),
        named: z.string({ message: "set the name of the probe" }).optional(),
        count: z.number().int().optional(),
        whole: z.int().optional(),
        flag: z.boolean().optional(),
        over: z.number().max(5).optional(),
        above: z.number().gt(0).optional(),
        below: z.number().lt(10).optional(),
        one: z.array(z.string()).min(1).optional(),
        tags: z.set(z.string()).min(2).optional(),
        few: z.set(z.string()).max(1).optional(),
        pattern: z.string().regex(/^a/).optional(),
        patterned: z.string().regex(/^a/, { message: "begin it with a" }).optional(),
        limited: z.number().max(5, { message: "port is Too big for the probe; use 5 or less" }).optional(),
        az: azCountSchema.optional(),
        vpc: vpcSchema.optional(),
    });
    const cases: [string, Record<string, unknown>, string][] = [
        ["text given true", { text: true }, `${K}:text: true is invalid; use a string, not a boolean`],
        ["text given null", { text: null }, `${K}:text: null is invalid; use a string, not a null`],
        ["text given a list", { text: ["a"] }, `${K}:text: ["a"] is invalid; use a string, not a list`],
        ["a custom type message", { named: 5 }, `${K}:named: 5 is invalid; set the name of the probe`],
        ["a custom type message for a count", { az: "two" }, `${K}:az: "two" is invalid; use a whole number of availability zones from 2 to 6`],
        ["a number in quotes with spaces around it", { count: " 8 " }, `${K}:count: " 8 " is invalid; a number in quotes is text; write it without quotes: 8`],
        ["text where a number goes", { count: "many" }, `${K}:count: "many" is invalid; use a number`],
        ["a fraction where a whole number goes", { count: 2.5 }, `${K}:count: 2.5 is invalid; use a whole number`],
        ["a number in quotes where z.int() goes", { whole: "8" }, `${K}:whole: "8" is invalid; a number in quotes is text; write it without quotes: 8`],
        ["a number where true/false goes", { flag: 1 }, `${K}:flag: 1 is invalid; use true or false, without quotes`],
        ["one over an inclusive maximum", { over: 6 }, `${K}:over: 6 is invalid; must be at most 5; use 5 or less`],
        ["an exclusive minimum", { above: 0 }, `${K}:above: 0 is invalid; must be greater than 0; use a number above 0`],
        ["an exclusive maximum", { below: 10 }, `${K}:below: 10 is invalid; must be less than 10; use a number below 10`],
        ["an empty list where one item is needed", { one: [] }, `${K}:one: [] is invalid; needs at least 1 item`],
        ["a set one short", { tags: new Set(["a"]) }, `${K}:tags: {} is invalid; needs at least 2 items`],
        ["a set one over", { few: new Set(["a", "b"]) }, `${K}:few: {} is invalid; takes at most 1 item`],
        ["text in the wrong format", { pattern: "b" }, `${K}:pattern: "b" is invalid; has the wrong format (regex)`],
        ["text in the wrong format, with a custom message", { patterned: "b" }, `${K}:patterned: "b" is invalid; begin it with a`],
        ["a custom message that contains zod's own words", { limited: 6 }, `${K}:limited: 6 is invalid; port is Too big for the probe; use 5 or less`],
        ["an enumeration given a number", { vpc: { cidr: "10.0.0.0/16", natGateways: 5 } }, `${K}:vpc.natGateways: 5 is invalid; use "none" (no IPv4 internet egress), "single" (one NAT gateway) or "perAz" (one per AZ)`],
    ];
    for (const [name, raw, line] of cases) {
        it(`${name}: ${line}`, () => assert.strictEqual(messageOf(s, raw), line));
    }

    it("a default minimum: must be at least 1; use 1 or more", () => {
        const m = messageOf(z.strictObject({ cluster: clusterSchema }), { cluster: { nodes: { min: 0 } } });
        assert.strictEqual(m, `${K}:cluster.nodes.min: 0 is invalid; must be at least 1; use 1 or more`);
    });

    it("a required key left out: a map of keys for an object, the type otherwise, or the custom message", () => {
        const r = z.strictObject({ vpc: vpcSchema, name: z.string(), probe: z.string({ message: "set the probe's name" }) });
        assert.strictEqual(messageOf(r, {}), [
            `${K}:vpc: (unset) is invalid; required and not set; set it (a map of keys)`,
            `${K}:name: (unset) is invalid; required and not set; set it (string)`,
            `${K}:probe: (unset) is invalid; required and not set; set the probe's name`,
        ].join("\n"));
    });

    it("several problems: the first is the error's own line, each other follows once on its own line", () => {
        const r = z.strictObject({ a: z.number(), b: z.number(), c: z.number() });
        assert.strictEqual(messageOf(r, { a: "x", b: "y", c: "z" }), [
            `${K}:a: "x" is invalid; use a number`,
            `${K}:b: "y" is invalid; use a number`,
            `${K}:c: "z" is invalid; use a number`,
        ].join("\n"));
    });

    it("a value a default filled in is named as it was used, not as unset", () => {
        // nodes.desired defaults to 2; max 1 puts it above max: the message shows 2, the value in force.
        let err: unknown;
        try {
            parseConfig(z.strictObject({ cluster: clusterSchema }), { cluster: { nodes: { max: 1, min: 1 } } });
        } catch (e) {
            err = e;
        }
        assert.ok(err instanceof ConfigError);
        assert.strictEqual(err.key, `${K}:cluster.nodes.desired`);
        assert.strictEqual(err.value, 2);
        assert.strictEqual(err.message, `${K}:cluster.nodes.desired: 2 is invalid; desired (2) is above max (1); use a desired count from 1 to 1, or raise max`);
    });

    it("min above a max of 1 is still an ordering problem (1 is a valid count)", () => {
        assert.strictEqual(messageOf(z.strictObject({ cluster: clusterSchema }), { cluster: { nodes: { min: 2, desired: 2, max: 1 } } }),
            `${K}:cluster.nodes.min: 2 is invalid; min (2) is larger than max (1); the node group needs min <= desired <= max: lower min or raise max to 2 or more`);
    });

    it("an unknown key with a near one: exactly the did-you-mean, nothing after it", () => {
        assert.strictEqual(messageOf(z.strictObject({ vpc: vpcSchema }), { vpc: { cidr: "10.0.0.0/16", flowLog: true } }),
            `${K}:vpc.flowLog: true is invalid; unknown key; did you mean "flowLogs"?`);
    });

    it("an unknown key inside a list item lists the item's keys", () => {
        const r = z.strictObject({ peers: z.array(z.strictObject({ name: z.string(), cidr: z.string() })) });
        assert.strictEqual(messageOf(r, { peers: [{ name: "a", cidr: "10.0.0.0/8", zzz: 1 }] }),
            `${K}:peers[0].zzz: 1 is invalid; unknown key; the keys here are name, cidr`);
    });
});

describe("lib/config edges: the project's own checks report zod's custom code", () => {
    // A caller that branches on the issue code (parseConfig's explain, the pack's config reader)
    // must see "custom" for the project's own checks, not one of zod's built-in codes.
    const cases: [string, z.ZodType, unknown][] = [
        ["a CIDR of the wrong family", vpcCidrSchema, "2001:db8::/56"],
        ["host bits", vpcCidrSchema, "10.0.0.1/16"],
        ["a prefix out of range", vpcCidrSchema, "10.0.0.0/8"],
        ["an unknown instance type", instanceTypeSchema("node"), "t9.huge"],
        ["a world-open API endpoint", clusterSchema, { apiPublicAccessCidrs: ["0.0.0.0/0"] }],
        ["min above max", clusterSchema, { nodes: { min: 4, desired: 4, max: 3 } }],
        ["desired below min", clusterSchema, { nodes: { min: 2, desired: 1, max: 3 } }],
        ["desired above max", clusterSchema, { nodes: { min: 1, desired: 4, max: 3 } }],
        ["an unpinned image", pinnedImageSchema, "busybox:latest"],
    ];
    for (const [name, schema, value] of cases) {
        it(`${name}: one issue, code custom`, () => {
            const r = schema.safeParse(value);
            assert.ok(!r.success);
            assert.deepStrictEqual(r.error.issues.map((i) => i.code), ["custom"]);
        });
    }
});

describe("lib/config edges: keysAt walks every wrapper and container", () => {
    const inner = z.strictObject({ a: z.string(), b: z.number() });
    const wrapped: [string, z.ZodType][] = [
        ["default", inner.default({ a: "x", b: 1 })],
        ["optional", inner.optional()],
        ["nullable", inner.nullable()],
        ["prefault", inner.prefault({ a: "x", b: 1 })],
        ["catch", inner.catch({ a: "x", b: 1 })],
        ["readonly", inner.readonly()],
        ["nonoptional", inner.optional().nonoptional()],
        ["pipe", inner.pipe(z.any())],
    ];
    for (const [name, schema] of wrapped) {
        it(`through ${name}`, () => {
            assert.deepStrictEqual(keysAt(z.strictObject({ w: schema }), ["w"]), ["a", "b"]);
            assert.deepStrictEqual(keysAt(schema, []), ["a", "b"]);
        });
    }

    it("through list items and record values, by index and by key", () => {
        const s = z.strictObject({ list: z.array(inner), map: z.record(z.string(), inner.optional()) });
        assert.deepStrictEqual(keysAt(s, ["list", 0]), ["a", "b"]);
        assert.deepStrictEqual(keysAt(s, ["map", "anything"]), ["a", "b"]);
        assert.deepStrictEqual(keysAt(s, []), ["list", "map"]);
    });

    it("a path that leaves the schema, or ends on something that is not an object, has no keys", () => {
        const s = z.strictObject({ text: z.string(), list: z.array(z.string()), o: inner });
        assert.deepStrictEqual(keysAt(s, ["nope"]), []);
        assert.deepStrictEqual(keysAt(s, ["nope", "deeper"]), []);
        assert.deepStrictEqual(keysAt(s, ["text"]), []);
        assert.deepStrictEqual(keysAt(s, ["text", "x"]), []);
        assert.deepStrictEqual(keysAt(s, ["list", 0]), []);
        assert.deepStrictEqual(keysAt(s, ["o", "a"]), []);
    });

    it("gives up after 20 wrappers (a guard against cycles): 20 are unwrapped, 21 are not", () => {
        const wrap = (n: number) => {
            let s: z.ZodType = inner;
            for (let i = 0; i < n; i++) s = s.optional();
            return s;
        };
        assert.deepStrictEqual(keysAt(wrap(20), []), ["a", "b"]);
        assert.deepStrictEqual(keysAt(wrap(21), []), []);
    });
});

describe("lib/config edges: configKey and readRaw", () => {
    it("configKey: dots between names, brackets for indexes, nothing before the first name", () => {
        assert.strictEqual(configKey("ns", ["a", "b", 2, "c"]), "ns:a.b[2].c");
        assert.strictEqual(configKey("ns", []), "ns:");
    });

    it("readRaw keeps every key the getter knows (null and false too) and drops only the unset", () => {
        const values: Record<string, unknown> = { a: 1, c: null, d: false };
        const asked: string[] = [];
        const raw = readRaw(["a", "b", "c", "d"], (k) => {
            asked.push(k);
            return values[k];
        });
        assert.deepStrictEqual(raw, { a: 1, c: null, d: false });
        assert.ok(!("b" in raw));
        assert.deepStrictEqual(asked, ["a", "b", "c", "d"]);
    });
});
