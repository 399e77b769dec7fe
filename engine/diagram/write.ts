/**
 * `plan --diagram FILE`: writes the figure of the planned (or re-checked) graph, as SVG or as its
 * Graphviz source (`.dot`), after the plan's sections have run (the flows' verdicts come from them).
 */
import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../../lib/errors";
import type { Graph } from "../graph";
import { diagramDot } from "./dot";
import { dotToSvg } from "./render";

/** Refuses a --diagram argument before anything is planned. */
export function checkDiagramArgs(file: string, others: { all?: boolean; state?: string }): void {
    if (!/\.(svg|dot)$/i.test(file)) throw new ConfigError("--diagram", file, "name a file ending in .svg (the figure) or .dot (its Graphviz source)");
    if (others.all) throw new ConfigError("--diagram", file, "draws one graph: use it with one <stack> (npm run plan -- <stack> --diagram FILE.svg), not with --all");
    if (others.state) throw new ConfigError("--diagram", file, "is not available with --state yet: plan the state with --json FILE, then draw it with npm run plan -- --graph FILE --diagram FILE.svg");
    const dir = path.dirname(path.resolve(file));
    if (!fs.existsSync(dir)) throw new ConfigError("--diagram", file, `the folder ${dir} does not exist; create it or name a file in an existing folder`);
}

/** Writes the figure and returns the line to print. */
export async function writeDiagram(graph: Graph, file: string): Promise<string> {
    const dot = diagramDot(graph);
    const text = /\.dot$/i.test(file) ? dot : await dotToSvg(dot);
    fs.writeFileSync(file, text);
    return `Figure written to ${file}`;
}
