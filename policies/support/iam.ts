/**
 * What a role may do, from the IAM resources of the stack: attached customer policies
 * (aws.iam.Policy via RolePolicyAttachment or managedPolicyArns), inline policies
 * (aws.iam.RolePolicy, Role.inlinePolicies). Anything it cannot read makes the answer unknown.
 */
import { MANAGED_POLICIES_WITHOUT_CNI_IPV6 } from "../../lib/iam";
import { T } from "./network";
import { PolicyRes, StackView } from "./stack";
import { UNKNOWN, Unknown, list, obj, str, strings } from "./values";

interface Statement {
    Effect?: string;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
}

/** Glob match of IAM patterns (`*`, `?`), case-insensitive as IAM matches actions. */
export function iamGlob(pattern: string, value: string, caseInsensitive: boolean): boolean {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, caseInsensitive ? "i" : "");
    return re.test(value);
}

function asList(v: unknown): string[] {
    return typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** Allow statements of a policy JSON; UNKNOWN when it is unknown, cannot be parsed, or uses NotAction. */
export function allowStatements(policy: unknown): Statement[] | Unknown {
    let doc: any = policy;
    if (policy === UNKNOWN) return UNKNOWN;
    if (typeof policy === "string") {
        try { doc = JSON.parse(policy); } catch { return UNKNOWN; }
    }
    if (!doc || typeof doc !== "object") return UNKNOWN;
    const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).filter(Boolean) as Statement[];
    const allow = statements.filter((s) => s.Effect === "Allow");
    if (allow.some((s) => s.NotAction !== undefined)) return UNKNOWN;
    return allow;
}

/** True when some statement allows `action` on a resource matching `resource`. */
export function allows(statements: Statement[], action: string, resource: string): boolean {
    return statements.some((s) => asList(s.Action).some((a) => iamGlob(a, action, true)) && asList(s.Resource).some((r) => iamGlob(r, resource, false)));
}

/** Every Allow statement that applies to a role; UNKNOWN when some attached policy cannot be read. */
export function roleStatements(view: StackView, role: PolicyRes): Statement[] | Unknown {
    const out: Statement[] = [];
    const addPolicyArn = (arn: string | Unknown): boolean => {
        if (arn === UNKNOWN) return false;
        const policy = view.resources.find((r) => r.type === T.policy && (str(r.props.arn) === arn || str(r.props.id) === arn));
        if (policy) {
            const s = allowStatements(policy.props.policy);
            if (s === UNKNOWN) return false;
            out.push(...s);
            return true;
        }
        return MANAGED_POLICIES_WITHOUT_CNI_IPV6.some((m) => arn.endsWith(m.replace(/^arn:aws:/, ":")) || arn === m);
    };
    for (const att of view.ofType(T.rolePolicyAttachment)) {
        const r = view.ref(att, "role", [T.role]);
        if (r === UNKNOWN) return UNKNOWN;
        if (r !== role) continue;
        const arn = str(att.props.policyArn);
        if (arn === UNKNOWN) {
            const p = view.ref(att, "policyArn", [T.policy]);
            if (!p || p === UNKNOWN) return UNKNOWN;
            const s = allowStatements(p.props.policy);
            if (s === UNKNOWN) return UNKNOWN;
            out.push(...s);
        } else if (arn !== undefined && !addPolicyArn(arn)) return UNKNOWN;
    }
    const managed = strings(role.props.managedPolicyArns);
    if (managed.unknown) return UNKNOWN;
    for (const arn of managed.values) if (!addPolicyArn(arn)) return UNKNOWN;
    for (const rp of view.ofType(T.rolePolicy)) {
        const r = view.ref(rp, "role", [T.role]);
        if (r === UNKNOWN) return UNKNOWN;
        if (r !== role) continue;
        const s = allowStatements(rp.props.policy);
        if (s === UNKNOWN) return UNKNOWN;
        out.push(...s);
    }
    const inline = list(role.props.inlinePolicies);
    if (inline === UNKNOWN) return UNKNOWN;
    for (const item of inline) {
        const o = obj(item);
        if (o === UNKNOWN) return UNKNOWN;
        if (!o || o.policy === undefined) continue;
        const s = allowStatements(o.policy);
        if (s === UNKNOWN) return UNKNOWN;
        out.push(...s);
    }
    return out;
}
