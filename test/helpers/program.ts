/**
 * Runs a small program (one or two components) under the offline engine and indexes what it
 * registered: tier 2 of design.md, "each argument reaches the resource it should".
 */
import * as aws from "@pulumi/aws";
import { GraphIndex } from "../../engine/graph";
import { runProgram } from "../../engine/run";

export async function runComponents(program: () => Record<string, unknown> | void): Promise<GraphIndex> {
    const run = await runProgram(() => program() ?? {}, { project: "eks-ipv6-interop", stack: "test", region: "us-west-2" });
    return new GraphIndex(run);
}

/** AZ names the model answers for us-west-2. */
export function modelAzs() {
    return aws.getAvailabilityZonesOutput({ state: "available" }).names;
}
