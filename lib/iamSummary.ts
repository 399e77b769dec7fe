/**
 * Who can assume each IAM role of a plan and what it may do: its trust policy's principals (with
 * their conditions), and the actions and resources of its inline policies, its customer-managed
 * policies, and the names of the AWS-managed policies attached to it. Pure; reads a recorded graph.
 */

export interface IamResource {
    urn: string;
    type: string;
    name: string;
    id?: string;
    inputs: Record<string, any>;
    outputs?: Record<string, any>;
}

export interface Grant {
    effect: "Allow" | "Deny";
    actions: string[];
    resources: string[];
    /** Where the statement comes from: `inline <name>`, `policy <name>`. */
    from: string;
}

export interface RoleSummary {
    role: string;
    /** `Service ec2.amazonaws.com`, `Federated <OIDC provider> (sub = system:serviceaccount:...)`. */
    assumedBy: string[];
    grants: Grant[];
    /** AWS-managed policies attached by ARN; their statements are AWS's, not in the graph. */
    managedPolicies: string[];
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function parseDoc(doc: unknown): any {
    if (typeof doc === "string") {
        try {
            return JSON.parse(doc);
        } catch {
            return undefined;
        }
    }
    return doc && typeof doc === "object" ? doc : undefined;
}

function conditionText(cond: unknown): string {
    if (!cond || typeof cond !== "object") return "";
    const parts: string[] = [];
    for (const [op, kv] of Object.entries(cond as Record<string, Record<string, unknown>>)) {
        for (const [k, v] of Object.entries(kv ?? {})) parts.push(`${k.replace(/^.*\.amazonaws\.com\/id\/[^:]+:/, "oidc:")} ${op} ${list(v).join("|")}`);
    }
    return parts.length ? ` (${parts.join("; ")})` : "";
}

/** The principals a trust policy lets assume the role. */
export function trustedPrincipals(trust: unknown): string[] {
    const doc = parseDoc(trust);
    if (!doc) return [typeof trust === "string" && trust.startsWith("[") ? "(unknown until deploy)" : "(no trust policy)"];
    const out: string[] = [];
    for (const s of list(doc.Statement).length ? (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) : []) {
        if (s.Effect !== "Allow") continue;
        const principal = s.Principal === "*" ? { AWS: "*" } : (s.Principal ?? {});
        for (const [kind, who] of Object.entries(principal as Record<string, unknown>)) {
            for (const w of list(who)) out.push(`${kind} ${w.replace(/^arn:aws[\w-]*:iam::\d+:oidc-provider\//, "OIDC ")}${conditionText(s.Condition)} via ${list(s.Action).join(", ")}`);
        }
    }
    return out;
}

function grantsOf(doc: unknown, from: string): Grant[] {
    const d = parseDoc(doc);
    if (!d) return [{ effect: "Allow", actions: ["(unknown until deploy)"], resources: [], from }];
    const statements = Array.isArray(d.Statement) ? d.Statement : [d.Statement];
    return statements.filter(Boolean).map((s: any) => ({ effect: s.Effect === "Deny" ? "Deny" : "Allow", actions: list(s.Action ?? s.NotAction), resources: list(s.Resource ?? s.NotResource), from }));
}

/** One summary per `aws:iam/role:Role` in the graph. */
export function summarizeRoles(resources: readonly IamResource[]): RoleSummary[] {
    const roles = resources.filter((r) => r.type === "aws:iam/role:Role");
    const policies = new Map<string, IamResource>();
    for (const p of resources.filter((r) => r.type === "aws:iam/policy:Policy")) {
        for (const key of [p.outputs?.arn, p.id]) if (typeof key === "string") policies.set(key, p);
    }
    // An absent or unknown reference (a preview graph) names no role: it must not match a role whose id or name is absent too.
    const roleOf = (ref: unknown) => (typeof ref === "string" ? roles.find((r) => ref === r.id || ref === r.outputs?.name || ref === r.outputs?.arn || ref === r.inputs?.name) : undefined);
    const summaries = new Map(roles.map((r) => [r.urn, { role: r.name, assumedBy: trustedPrincipals(r.inputs?.assumeRolePolicy), grants: [] as Grant[], managedPolicies: [] as string[] }]));
    for (const r of resources) {
        if (r.type === "aws:iam/rolePolicy:RolePolicy") {
            const role = roleOf(r.inputs?.role);
            if (role) summaries.get(role.urn)!.grants.push(...grantsOf(r.inputs?.policy, `inline ${r.name}`));
        } else if (r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
            const role = roleOf(r.inputs?.role);
            if (!role) continue;
            const arn = String(r.inputs?.policyArn ?? "");
            const own = policies.get(arn);
            if (own) summaries.get(role.urn)!.grants.push(...grantsOf(own.inputs?.policy, `policy ${own.name}`));
            else summaries.get(role.urn)!.managedPolicies.push(arn.replace(/^arn:aws[\w-]*:iam::aws:policy\//, ""));
        }
    }
    return [...summaries.values()];
}

/** Plain lines for the plan. */
export function roleSummaryLines(s: RoleSummary): string[] {
    const out = [`${s.role}`, `  assumed by: ${s.assumedBy.join("; ") || "(nobody)"}`];
    for (const g of s.grants) out.push(`  ${g.effect.toLowerCase()} ${g.actions.join(", ")} on ${g.resources.join(", ") || "(no resource)"} [${g.from}]`);
    if (s.managedPolicies.length) out.push(`  AWS-managed: ${s.managedPolicies.join(", ")}`);
    if (!s.grants.length && !s.managedPolicies.length) out.push("  no permissions attached in this graph");
    return out;
}
