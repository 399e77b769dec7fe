/**
 * `npm run figures`: regenerates docs/figures/<stack>.svg for every stack from the code (the
 * committed figures that test/engine/diagram.drift.test.ts compares). `npm run figures -- STACK`
 * regenerates one.
 */
import * as fs from "fs";
import * as path from "path";
import type { Graph } from "../graph";
import { flowsSection } from "../reachability/section";
import { runStack } from "../run";
import { listStacks } from "../stackConfig";
import { diagramSvg } from "./render";

export const FIGURES_DIR = path.join(__dirname, "..", "..", "docs", "figures");

/** The committed figure's path for a stack. */
export function figurePath(stack: string): string {
    return path.join(FIGURES_DIR, `${stack}.svg`);
}

/** The figure of a planned graph: the flows section runs on it first (the verdicts the figure draws). */
export async function figureOf(graph: Graph): Promise<string> {
    const withFlows: Graph = { ...graph, flows: flowsSection(graph).json };
    return diagramSvg(withFlows);
}

async function main(args: string[]): Promise<number> {
    const known = listStacks();
    const unknown = args.filter((a) => !known.includes(a));
    if (unknown.length > 0) {
        console.error(`unknown stack ${JSON.stringify(unknown[0])}: name one of ${known.join(", ")} (or none for all)`);
        return 2;
    }
    fs.mkdirSync(FIGURES_DIR, { recursive: true });
    for (const stack of args.length > 0 ? args : known) {
        fs.writeFileSync(figurePath(stack), await figureOf(await runStack(stack)));
        console.log(`Figure written to ${path.relative(process.cwd(), figurePath(stack))}`);
    }
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
