import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { figureOf, figurePath } from "../../engine/diagram/figures";
import { listStacks } from "../../engine/stackConfig";
import { graphOf } from "../helpers/graphs";

// The committed figures in docs/figures/ are drawn from the code: each is laid out again here
// (one Graphviz layout per stack, one WebAssembly instance for all) and must match byte for byte.
describe("docs/figures: the committed figures match the code", () => {
    for (const stack of listStacks()) {
        it(`docs/figures/${stack}.svg`, async () => {
            const file = figurePath(stack);
            const regenerate = `regenerate it with \`npm run figures -- ${stack}\` (or \`npm run plan -- ${stack} --diagram docs/figures/${stack}.svg\`) and commit it`;
            assert.ok(fs.existsSync(file), `${path.relative(process.cwd(), file)} is missing: ${regenerate}`);
            const drawn = await figureOf(await graphOf(stack));
            const committed = fs.readFileSync(file, "utf8");
            if (drawn !== committed) {
                const lines = (s: string) => s.split("\n");
                const at = lines(drawn).findIndex((l, i) => l !== lines(committed)[i]);
                assert.fail(`docs/figures/${stack}.svg no longer matches the code (first difference at line ${at + 1}): ${regenerate}`);
            }
        });
    }
});
