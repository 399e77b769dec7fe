/**
 * Lays out a figure's DOT with Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`, the
 * WebAssembly is inlined in the package: nothing is downloaded at run time). The instance is
 * loaded once per process and reused.
 */
import type { Graph } from "../graph";
import { diagramDot, type DiagramOptions } from "./dot";

type GraphvizInstance = { dot(src: string, format?: string): string; version(): string };
let instance: Promise<GraphvizInstance> | undefined;

async function graphviz(): Promise<GraphvizInstance> {
    if (!instance) {
        instance = import("@hpcc-js/wasm-graphviz").then((m) => m.Graphviz.load() as Promise<GraphvizInstance>);
    }
    return instance;
}

/** The Graphviz version that lays out the figures (the committed SVGs name it in a comment). */
export async function graphvizVersion(): Promise<string> {
    return (await graphviz()).version();
}

/** DOT source to SVG. */
export async function dotToSvg(dot: string): Promise<string> {
    return (await graphviz()).dot(dot, "svg");
}

/** The figure of a graph (which must carry its flows section), as SVG. */
export async function diagramSvg(graph: Graph, options?: DiagramOptions): Promise<string> {
    return dotToSvg(diagramDot(graph, options));
}
