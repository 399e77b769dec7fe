import * as assert from "assert";
import { instanceFamily, isArm64, isNitro, requireNitro } from "../../lib/instanceTypes";

// Instance type names as users mistype them (capitals, spaces, extra dots), the accepted side of
// requireNitro, and Graviton families beyond the ones listed today.

describe("lib/instanceTypes: malformed names, the accepted side, future families", () => {
    it("the family is the part before the first dot", () => {
        assert.strictEqual(instanceFamily("m7i-flex.large"), "m7i-flex");
        assert.strictEqual(instanceFamily("t3"), "t3");
    });

    it("a malformed name is never Nitro, even when its family or its .metal size would be", () => {
        for (const bad of ["t3.medium.x", "m5.large ", " m5.large", "T3.metal", "m5.large!", "i3.metal\n"]) assert.strictEqual(isNitro(bad), false, JSON.stringify(bad));
        assert.strictEqual(isNitro("i3.metal"), true);
        assert.strictEqual(isNitro("c5.metal-24xl"), true, "metal sizes with a suffix are Nitro too");
    });

    it("requireNitro accepts a Nitro type and names key, value, family and fix otherwise", () => {
        assert.doesNotThrow(() => requireNitro("app.instanceType", "m7i.large"));
        assert.throws(() => requireNitro("app.instanceType", "t2.micro"), { name: "ConfigError", message: 'app.instanceType: "t2.micro" is invalid; t2 is a Xen (non-Nitro) family, and EKS IPv6 and prefix delegation need Nitro instances; use a Nitro type such as t3.medium, m7i.large or m7g.large' });
        assert.throws(() => requireNitro("app.instanceType", "zz9.large"), { name: "ConfigError", message: 'app.instanceType: "zz9.large" is invalid; zz9 is not a known Nitro family (see lib/instanceTypes.ts); use a Nitro type such as t3.medium, m7i.large or m7g.large' });
    });

    it("Graviton: the listed families, a multi-letter prefix, a two-digit generation; a family that only contains an arm64 name is not one", () => {
        for (const t of ["a1.large", "im4gn.large", "is4gen.large", "x2gd.large", "x8g.large", "hpc7g.4xlarge", "hpc8g.4xlarge", "m10g.large", "c7gn.large"]) assert.strictEqual(isArm64(t), true, t);
        for (const t of ["xa1.large", "a1x.large", "m7i.large", "g4ad.xlarge"]) assert.strictEqual(isArm64(t), false, t);
    });
});
