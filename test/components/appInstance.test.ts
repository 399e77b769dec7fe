import * as assert from "assert";
import { requireInstanceCount } from "../../components/workloads/appInstance";

describe("components/workloads/appInstance: requireInstanceCount", () => {
    it("accepts 1 to 4 per subnet", () => {
        assert.strictEqual(requireInstanceCount("app.instances", 1, 2), 1);
        assert.strictEqual(requireInstanceCount("app.instances", 8, 2), 8);
    });
    for (const bad of [0, 9, 1.5, -1]) {
        it(`refuses ${bad} across 2 subnets, naming key, value and range`, () => {
            assert.throws(() => requireInstanceCount("app.instances", bad, 2), new RegExp(`app\\.instances: ${bad} is invalid; use 1 to 8 instances`));
        });
    }
});
