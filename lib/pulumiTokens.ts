/**
 * Which Pulumi Cloud access token a CI job may request through the OIDC token exchange
 * (pulumi/auth-actions `requested-token-type` and `scope`). Jobs here run pull-request code or
 * spend money, so they get a token scoped to the scenario stacks: a team token (its team's stack
 * permissions) or a personal token of a dedicated machine user, never an organization token.
 *
 * Sources (checked 2026-11): Pulumi, "Configuring OpenID Connect for GitHub"
 * (pulumi.com/docs/administration/access-identity/oidc-issuers/github/: organization, team and
 * personal token types; scopes `team:<name>` and `user:<login>`), "Token types by edition"
 * (personal on every edition, organization on Team and above, team on Enterprise and Business
 * Critical), "Team tokens" (team tokens carry the team's stack access); pulumi/auth-actions
 * action.yml (v2.1.0) for the token type URNs.
 */
import { ConfigError } from "./errors";

export const TOKEN_TYPE_PREFIX = "urn:pulumi:token-type:access_token:";
export const TEAM_TOKEN = `${TOKEN_TYPE_PREFIX}team`;
export const PERSONAL_TOKEN = `${TOKEN_TYPE_PREFIX}personal`;
export const ORGANIZATION_TOKEN = `${TOKEN_TYPE_PREFIX}organization`;

/** The scope prefix each allowed token type needs. */
const SCOPE_PREFIX: Record<string, string> = { [TEAM_TOKEN]: "team:", [PERSONAL_TOKEN]: "user:" };

/**
 * Accepts a team token with `team:<name>` or a personal token with `user:<login>`; throws a
 * ConfigError naming the repository variable otherwise (an organization token, an empty value, a
 * scope of the wrong kind). `keys` names the variables in messages.
 */
export function checkScopedTokenType(type: string | undefined, scope: string | undefined, keys = { type: "PULUMI_TOKEN_TYPE", scope: "PULUMI_TOKEN_SCOPE" }): string {
    const t = (type ?? "").trim();
    if (t === ORGANIZATION_TOKEN) {
        throw new ConfigError(keys.type, t, `an organization token acts for the whole organization; use ${TEAM_TOKEN} (Enterprise) or ${PERSONAL_TOKEN} (a machine user) whose stack permission covers only the scenario stacks (esc/README.md, step 6)`);
    }
    const prefix = SCOPE_PREFIX[t];
    if (!prefix) throw new ConfigError(keys.type, type ?? "", `set the repository variable to ${TEAM_TOKEN} or ${PERSONAL_TOKEN}`);
    const s = (scope ?? "").trim();
    if (!s.startsWith(prefix) || s.length === prefix.length || /\s/.test(s)) {
        throw new ConfigError(keys.scope, scope ?? "", `a ${t.slice(TOKEN_TYPE_PREFIX.length)} token needs the scope ${prefix}<${prefix === "team:" ? "team name" : "user login"}>`);
    }
    return `${t} ${s}`;
}
