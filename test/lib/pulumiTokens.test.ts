import * as assert from "assert";
import { main as ciStacks } from "../../engine/ciStacks";
import { checkScopedTokenType } from "../../lib/pulumiTokens";

const T = "urn:pulumi:token-type:access_token:";

describe("lib/pulumiTokens", () => {
    it("accepts a team token with team:<name> and a personal token with user:<login>", () => {
        assert.strictEqual(checkScopedTokenType(`${T}team`, "team:eks-ipv6-interop-preview"), `${T}team team:eks-ipv6-interop-preview`);
        assert.strictEqual(checkScopedTokenType(`${T}personal`, "user:ci-bot"), `${T}personal user:ci-bot`);
    });
    const bad: [string, string | undefined, string | undefined, RegExp][] = [
        ["an organization token", `${T}organization`, "", /PULUMI_TOKEN_TYPE: "urn:pulumi:token-type:access_token:organization" is invalid; an organization token acts for the whole organization/],
        ["an unset variable", undefined, undefined, /PULUMI_TOKEN_TYPE: "" is invalid; set the repository variable to .*:team or .*:personal/],
        ["a team token without a scope", `${T}team`, "", /PULUMI_TOKEN_SCOPE: "" is invalid; a team token needs the scope team:<team name>/],
        ["a team token scoped to a user", `${T}team`, "user:ci-bot", /PULUMI_TOKEN_SCOPE: "user:ci-bot" is invalid; a team token needs the scope team:/],
        ["a personal token with a bare prefix", `${T}personal`, "user:", /PULUMI_TOKEN_SCOPE: "user:" is invalid; a personal token needs the scope user:<user login>/],
    ];
    for (const [name, type, scope, message] of bad) it(`refuses ${name}, naming the variable, the value and the fix`, () => assert.throws(() => checkScopedTokenType(type, scope), (e: Error) => message.test(e.message)));
    it("the CI command names the workflow's own variables and fails the step", () => {
        const lines: string[] = [];
        assert.strictEqual(ciStacks(["check-token-type", `${T}organization`, "", "PULUMI_PREVIEW_TOKEN_TYPE", "PULUMI_PREVIEW_TOKEN_SCOPE"], (l) => lines.push(l)), 1);
        assert.match(lines[0], /^PULUMI_PREVIEW_TOKEN_TYPE: /);
        assert.strictEqual(ciStacks(["check-token-type", `${T}team`, "team:x"], () => undefined), 0);
    });
});
