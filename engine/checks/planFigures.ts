/**
 * Plan sections that answer a newcomer's first questions: the hourly cost, the predicted
 * `pulumi up` time with its critical path, and what each IAM role can do. Informational (they
 * pass), except that a cost section fails when a cluster runs a version past EKS support.
 */
import { minutes, estimateHourlyCost, predictUpTime } from "../../lib/planFigures";
import { roleSummaryLines, summarizeRoles } from "../../lib/iamSummary";
import { PRICED_REGIONS } from "../../lib/aws/prices";
import type { Graph } from "../graph";
import { registerSection } from "../sections";

const usd = (n: number) => n.toFixed(n < 0.1 ? 4 : 2);

export function costSection(graph: Graph) {
    const c = estimateHourlyCost(graph.resources, graph.region);
    const lines = [
        `ESTIMATE, on-demand, usage-based charges (data processed, LCUs, logs) not included; prices of ${PRICED_REGIONS.join(" and ")} (lib/aws/prices.ts, each with its source and date)`,
        ...(c.regionPriced ? [] : [`${graph.region} is not a region the table was read for: prices there are usually higher; check the pricing pages`]),
        ...c.lines.map((l) => `${l.item} x ${Number.isInteger(l.quantity) ? l.quantity : l.quantity.toFixed(1)} ${l.unit} @ ${usd(l.unitUsd)} = ${usd(l.hourlyUsd)} USD/h  (${l.resource}; ${l.source})`),
        ...c.unpriced.map((u) => `not priced: ${u}`),
        ...c.warnings.map((w) => `WARNING ${w}`),
        `Total: about ${c.hourlyUsd.toFixed(2)} USD an hour (${(c.hourlyUsd * 24).toFixed(2)} a day, ${(c.hourlyUsd * 730).toFixed(0)} a 730-hour month)`,
    ];
    return { title: `Cost: about ${c.hourlyUsd.toFixed(2)} USD an hour (estimate)`, lines, ok: true, json: c };
}

export function timeSection(graph: Graph) {
    const t = predictUpTime(graph.resources);
    const lines = [
        "ESTIMATE: the longest chain of creates through the dependency graph, each at its typical create time (lib/aws/createTimes.ts, each with its source), with unlimited parallelism",
        "Critical path:",
        ...t.criticalPath.map((s) => `  ${String(Math.round(s.doneAt / 6) / 10).padStart(5)} min  +${s.seconds}s  ${s.name} (${s.type})`),
    ];
    return { title: `Predicted pulumi up time: about ${minutes(t.seconds)} minutes`, lines, ok: true, json: { seconds: t.seconds, minutes: minutes(t.seconds), criticalPath: t.criticalPath } };
}

export function iamSection(graph: Graph) {
    const roles = summarizeRoles(graph.resources);
    return { title: `IAM: ${roles.length} roles, who can assume each and what it may do`, lines: roles.flatMap(roleSummaryLines), ok: true, json: roles };
}

registerSection({ key: "cost", run: costSection });
registerSection({ key: "upTime", run: timeSection });
registerSection({ key: "iam", run: iamSection });
