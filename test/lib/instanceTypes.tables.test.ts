import * as assert from "assert";
import type * as cached from "../../lib/instanceTypes";
import { freshModule } from "../helpers/freshModule";

// The family tables, read from a copy of the module loaded inside each test (test/helpers/freshModule.ts):
// every entry is a family name, no family is in both tables, and each table decides what users see.

const fresh = () => freshModule<typeof cached>(require.resolve("../../lib/instanceTypes"));
const FAMILY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

describe("lib/instanceTypes: the family tables", () => {
    it("every entry of both tables is a well-formed family name, and none is in both", () => {
        const { XEN_FAMILIES, NITRO_FAMILIES } = fresh();
        for (const f of [...XEN_FAMILIES, ...NITRO_FAMILIES]) assert.match(f, FAMILY);
        assert.deepStrictEqual([...XEN_FAMILIES].filter((f) => NITRO_FAMILIES.has(f)), []);
    });

    it("each Xen family gets the Xen message, each Nitro family passes requireNitro", () => {
        const { XEN_FAMILIES, NITRO_FAMILIES, requireNitro } = fresh();
        for (const f of XEN_FAMILIES) assert.throws(() => requireNitro("k", `${f}.large`), { message: new RegExp(`^k: "${f}\\.large" is invalid; ${f} is a Xen \\(non-Nitro\\) family`) }, f);
        for (const f of NITRO_FAMILIES) assert.doesNotThrow(() => requireNitro("k", `${f}.large`), f);
    });

    it("the families this repository and its docs name are on the right side", () => {
        const { XEN_FAMILIES, NITRO_FAMILIES } = fresh();
        for (const f of ["t2", "m4", "c4", "r4", "i3", "p3", "x1"]) assert.ok(XEN_FAMILIES.has(f), f);
        for (const f of ["t3", "t3a", "t4g", "m5", "m7i", "m7g", "c6gn", "r8g", "i3en", "p3dn", "g5"]) assert.ok(NITRO_FAMILIES.has(f), f);
    });
});
