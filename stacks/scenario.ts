import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { FlowIntent } from "../lib/intent";

/** What a scenario knows besides its own config keys. */
export interface ScenarioEnv {
    /** The stack's AWS region (`aws:region`, already validated). */
    region: string;
}

/** A scenario: its config schema, the program that builds it and the flows it promises. */
export interface Scenario<C> {
    /** Stack name and `eks-ipv6-interop:scenario` value. */
    name: string;
    /** One line for listings. */
    title: string;
    /** zod schema of the `eks-ipv6-interop:*` config keys. */
    schema: z.ZodType<C>;
    /**
     * Cross-key checks that a schema cannot express (overlapping joined VPCs, subnet plans that
     * do not fit). Runs in `prepare`, before any resource; throws a ConfigError.
     */
    validate?(cfg: C, env: ScenarioEnv): void;
    /** Builds the scenario under `root`; returns the stack outputs. */
    build(cfg: C, root: pulumi.ComponentResource, env: ScenarioEnv): Record<string, unknown>;
    /** The flows that must (and must not) work, for the reachability model. */
    flows(cfg: C): FlowIntent[];
}
