/**
 * The `realDeploy` plan section: what the offline plan accepted that a real `pulumi up` refuses
 * before creating anything (committed placeholders, lib/placeholders.ts), each with the command
 * that sets it. It never fails the plan: the committed stack files plan offline as they are.
 *
 * From `graph.beforeRealDeploy` when the engine ran the program; on other graphs (`--graph`,
 * state exports) from the EKS clusters' `publicAccessCidrs` directly.
 */
import type { Graph } from "../graph";
import { registerSection, type SectionResult } from "../sections";
import { documentationRange, type DeployPlaceholder } from "../../lib/placeholders";

/** Placeholders of a graph: the recorded ones, or those visible on EKS cluster inputs. */
export function placeholdersOf(graph: Pick<Graph, "resources" | "beforeRealDeploy">): DeployPlaceholder[] {
    if (Array.isArray(graph.beforeRealDeploy)) return graph.beforeRealDeploy;
    const out: DeployPlaceholder[] = [];
    for (const r of graph.resources) {
        const cidrs = r.type === "eks:index:Cluster" ? r.inputs.publicAccessCidrs : r.type === "aws:eks/cluster:Cluster" ? r.inputs.vpcConfig?.publicAccessCidrs : undefined;
        if (!Array.isArray(cidrs)) continue;
        cidrs.forEach((cidr: unknown, i: number) => {
            const range = typeof cidr === "string" ? documentationRange(cidr) : undefined;
            if (range) {
                out.push({
                    key: `${r.name} (${r.type}) publicAccessCidrs[${i}]`,
                    value: cidr as string,
                    why: `a documentation address (${range}) that no client has: the public endpoint would admit nobody`,
                    command: "set the cluster's public access CIDRs to your own egress address, $(curl -s https://checkip.amazonaws.com)/32",
                });
            }
        });
    }
    return out;
}

export function realDeploySection(graph: Pick<Graph, "resources" | "beforeRealDeploy">): SectionResult {
    const found = placeholdersOf(graph);
    return {
        title: found.length === 0
            ? "Before a real deploy: nothing to set (no committed placeholder left)"
            : `Before a real deploy: ${found.length} placeholder value(s) to set; pulumi up refuses them before creating anything (the offline plan accepts them)`,
        lines: found.flatMap((p) => [`${p.key} = ${p.value}: ${p.why}`, `  ${p.command}`]),
        ok: true,
        json: { placeholders: found },
    };
}

registerSection({ key: "realDeploy", run: (graph) => realDeploySection(graph) });
