/**
 * Shared access to recorded graphs: each stack's default graph is planned once per test run and
 * cached, so scenario, policy and reachability tests read the same graph without re-running.
 * Tests that need a variant pass overrides and get a fresh run.
 */
import { runStack, RunOptions } from "../../engine/run";
import type { Graph } from "../../engine/graph";
import { GraphIndex } from "../../engine/graph";

const cache = new Map<string, Promise<Graph>>();

/** The graph of a stack with its own config file (cached; do not mutate it, clone it). */
export function graphOf(stack: string): Promise<Graph> {
    let g = cache.get(stack);
    if (!g) {
        g = runStack(stack);
        cache.set(stack, g);
    }
    return g;
}

/** A fresh run with overrides (not cached). */
export function planWith(stack: string, opts: RunOptions): Promise<Graph> {
    return runStack(stack, opts);
}

/** A deep copy, for mutation tests. */
export function cloneGraph(graph: Graph): Graph {
    return JSON.parse(JSON.stringify(graph));
}

export function indexOf(graph: Graph): GraphIndex {
    return new GraphIndex(graph);
}
