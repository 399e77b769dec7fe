/**
 * The deployer's own address (apiPublicAccessCidrs) never goes into a tracked stack file: every
 * documented `pulumi config set` of that key writes to a git-ignored copy in .local/.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../../engine/stackConfig";

const docs = ["README.md", ...fs.readdirSync(path.join(REPO_ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f))];

describe("the deployer's address stays out of git", () => {
    it(".gitignore ignores .local/", () => {
        assert.match(fs.readFileSync(path.join(REPO_ROOT, ".gitignore"), "utf8"), /^\.local\/$/m);
    });
    for (const f of docs) {
        it(`${f}: every \`pulumi config set\` of apiPublicAccessCidrs writes to .local/, not to stacks/`, () => {
            const lines = fs.readFileSync(path.join(REPO_ROOT, f), "utf8").split("\n").filter((l) => /^\s*pulumi config set\b.*apiPublicAccessCidrs/.test(l));
            for (const l of lines) assert.match(l, /--config-file \.local\/|\$PULUMI_CONFIG_FILE_ARGS/, `${f}: ${l.trim()}`);
        });
    }
    it("the README's variable names the .local/ copy", () => {
        assert.match(fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8"), /PULUMI_CONFIG_FILE_ARGS="--config-file \.local\/Pulumi\.[\w-]+\.yaml"/);
    });
});
