/**
 * Flows declared outside a program: a `flows.yaml` beside it (or any file given with `--flows`),
 * in the intent schema of lib/intent.ts, validated with a message that names the key, the value
 * and the fix.
 *
 *     flows:
 *       - name: pods of c6 reach the web NLB over IPv6
 *         from: { kind: pods, cluster: c6 }        # the eks:index:Cluster resource name
 *         to: { kind: nlb, loadBalancer: web }     # the aws.lb.LoadBalancer resource name
 *         family: ipv6
 *         port: 443
 *         expect: allow                            # or deny: must not work
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { z } from "zod";
import { ConfigError } from "../../lib/errors";
import type { FlowIntent } from "../../lib/intent";

const name = (field: string) => z.string({ error: `${field} must be the resource name (a string)` }).min(1, `${field} must not be empty`);

const resourceEndpoints = [
    z.object({ kind: z.literal("pods"), cluster: name("cluster") }).strict(),
    z.object({ kind: z.literal("nlb"), loadBalancer: name("loadBalancer") }).strict(),
    z.object({ kind: z.literal("instance"), instance: name("instance") }).strict(),
    z.object({ kind: z.literal("endpoint"), endpoint: name("endpoint") }).strict(),
    z.object({ kind: z.literal("function"), function: name("function") }).strict(),
    z.object({ kind: z.literal("clusterIP"), cluster: name("cluster"), service: z.string().optional() }).strict(),
] as const;
const RESOURCE_KINDS = "pods, nlb, instance, endpoint, function, clusterIP";
const endpoint = z.discriminatedUnion("kind", [...resourceEndpoints], { error: `kind must be one of ${RESOURCE_KINDS} (internet, cidr and aws-service are destinations only)` });

/** Destinations also take the kinds of lib/intent.ts that are not resources: the internet, a CIDR, an AWS service endpoint. */
const destination = z.discriminatedUnion("kind", [
    ...resourceEndpoints,
    z.object({ kind: z.literal("internet") }).strict(),
    z.object({ kind: z.literal("cidr"), cidr: z.string({ error: "cidr must be a CIDR such as 192.0.2.0/24 or 2001:db8::/32" }).min(1) }).strict(),
    z.object({
        kind: z.literal("aws-service"),
        service: z.string({ error: "service must be the endpoint's service name, for example s3, sts or ecr.api" }).min(1),
        dualStack: z.boolean({ error: "dualStack must be true (the endpoint name has AAAA records) or false (IPv4-only endpoint)" }),
    }).strict(),
], { error: `kind must be one of ${RESOURCE_KINDS}, internet, cidr, aws-service` });

const flow = z.object({
    name: z.string({ error: "every flow needs a name (one line saying what it is)" }).min(1),
    from: endpoint,
    to: destination,
    family: z.enum(["ipv4", "ipv6"], { error: "family must be ipv4 or ipv6 (the family the client uses)" }),
    port: z.number({ error: "port must be a TCP port number" }).int("port must be a whole number").min(1, "port must be 1-65535").max(65535, "port must be 1-65535"),
    expect: z.enum(["allow", "deny"], { error: "expect must be allow (must work) or deny (must not work)" }),
}).strict();

const document = z.object({ flows: z.array(flow, { error: "flows must be a list of flows" }) }).strict();

/** Validates a parsed flows document; throws a ConfigError naming the first bad key. */
export function parseFlows(doc: unknown, where = "flows.yaml"): FlowIntent[] {
    const result = document.safeParse(doc);
    if (result.success) return result.data.flows as FlowIntent[];
    const issue = result.error.issues[0];
    const keyPath = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
    let value: unknown = doc;
    for (const p of issue.path) value = value !== null && typeof value === "object" ? (value as Record<string | number, unknown>)[p as string | number] : undefined;
    const fix = issue.code === "unrecognized_keys" ? `remove ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}: ${issue.path.length === 0 ? "the file has only flows" : "not a key of this flow or endpoint"}` : issue.message;
    throw new ConfigError(`${where}: ${keyPath || issue.code === "unrecognized_keys" ? keyPath || "(top level)" : "(top level)"}`, issue.code === "unrecognized_keys" ? issue.keys : value, fix);
}

/** Reads and validates a flows file. */
export function readFlowsFile(file: string): FlowIntent[] {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new ConfigError("--flows", file, `the file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    let doc: unknown;
    try {
        doc = parse(text);
    } catch (e) {
        throw new ConfigError("--flows", file, `it is not YAML: ${(e as Error).message.split("\n")[0]}`);
    }
    return parseFlows(doc, path.basename(file));
}

/** The flows.yaml beside a program, if there is one. */
export function flowsBeside(dir: string): FlowIntent[] | undefined {
    for (const f of ["flows.yaml", "flows.yml"]) {
        const p = path.join(dir, f);
        if (fs.existsSync(p)) return readFlowsFile(p);
    }
    return undefined;
}
