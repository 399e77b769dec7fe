/**
 * `npm run bench`: plans tgw-dual-stack with ipam addressing at 1, 10, 25 and 46 spokes (and
 * generated addressing at 1 and 4 spokes, its largest), each in its own process, and prints the
 * resources, the wall time and the peak memory of each, so the growth can be read. Not a test:
 * timings depend on the machine; run it on an idle one.
 *
 *   npm run bench                 # the table
 *   npm run bench -- --json F     # also write the rows as JSON
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { stringify } from "yaml";
import { loadStackConfig, REPO_ROOT } from "./stackConfig";

interface Row { addressing: string; spokes: number; resources: number; gatewayRoutes: number; maxRoutesPerTable: number; wallMs: number; peakRssMb: number; ok: boolean }

/** One measured plan: a config file written from the stack's own, run by a child process that reports its own peak RSS. */
function measure(addressing: "generated" | "ipam", spokes: number, dir: string): Row {
    const base = loadStackConfig("tgw-dual-stack");
    const config: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(base.config)) config[k] = k.startsWith("eks-ipv6-interop:") ? JSON.parse(v) : v;
    config["eks-ipv6-interop:addressing"] = { ...(config["eks-ipv6-interop:addressing"] as object), mode: addressing };
    config["eks-ipv6-interop:spokes"] = { ...(config["eks-ipv6-interop:spokes"] as object), count: spokes };
    const file = path.join(dir, `${addressing}-${spokes}.yaml`);
    fs.writeFileSync(file, stringify({ config }));
    const json = path.join(dir, `${addressing}-${spokes}.json`);
    const started = Date.now();
    const child = spawnSync(process.execPath, [
        "--import", "tsx", "-e",
        `const { main } = require(${JSON.stringify(path.join(REPO_ROOT, "engine", "cli.ts"))});` +
        `main(["tgw-dual-stack", "--config", ${JSON.stringify(file)}, "--json", ${JSON.stringify(json)}]).then((code) => { process.stderr.write("BENCH_RSS " + process.resourceUsage().maxRSS + "\\n"); process.exit(code); });`,
    ], { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const wallMs = Date.now() - started;
    const rss = Number(/BENCH_RSS (\d+)/.exec(child.stderr)?.[1] ?? NaN);
    if (!fs.existsSync(json)) throw new Error(`plan of ${addressing} with ${spokes} spokes failed:\n${child.stdout.slice(-2000)}\n${child.stderr.slice(-2000)}`);
    const graph = JSON.parse(fs.readFileSync(json, "utf8"));
    const routes = graph.resources.filter((r: any) => r.type === "aws:ec2/route:Route" && r.inputs.transitGatewayId !== undefined);
    const perTable = new Map<string, number>();
    for (const r of routes) {
        const key = `${r.inputs.routeTableId}/${r.inputs.destinationIpv6CidrBlock !== undefined ? 6 : 4}`;
        perTable.set(key, (perTable.get(key) ?? 0) + 1);
    }
    return { addressing, spokes, resources: graph.resources.length, gatewayRoutes: routes.length, maxRoutesPerTable: Math.max(0, ...perTable.values()), wallMs, peakRssMb: Math.round(rss / 1024), ok: child.status === 0 };
}

export function benchTable(rows: Row[]): string {
    const head = ["addressing", "spokes", "resources", "per spoke", "gateway routes", "max per table+family", "wall s", "peak MB", "checks"];
    const base = new Map(rows.filter((r) => r.spokes === 1).map((r) => [r.addressing, r.resources]));
    const lines = rows.map((r) => [
        r.addressing, String(r.spokes), String(r.resources),
        r.spokes > 1 && base.has(r.addressing) ? ((r.resources - base.get(r.addressing)!) / (r.spokes - 1)).toFixed(1) : "-",
        String(r.gatewayRoutes), String(r.maxRoutesPerTable), (r.wallMs / 1000).toFixed(1), String(r.peakRssMb), r.ok ? "pass" : "FAIL",
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const fmt = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
    return [fmt(head), "| " + widths.map((w) => "-".repeat(w)).join(" | ") + " |", ...lines.map(fmt)].join("\n");
}

async function main(argv: string[]): Promise<number> {
    const { values } = parseArgs({ args: argv, options: { json: { type: "string" } } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tgw-bench-"));
    const cases: [("generated" | "ipam"), number][] = [["generated", 1], ["generated", 4], ["ipam", 1], ["ipam", 10], ["ipam", 25], ["ipam", 46]];
    const rows: Row[] = [];
    console.log(`Planning tgw-dual-stack offline on ${os.cpus().length} cores (load average ${os.loadavg()[0].toFixed(1)}); each case in its own process.`);
    for (const [addressing, spokes] of cases) {
        rows.push(measure(addressing, spokes, dir));
        process.stdout.write(`  ${addressing} ${spokes}: done\n`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(benchTable(rows));
    if (values.json) fs.writeFileSync(values.json, JSON.stringify(rows, null, 2) + "\n");
    return rows.every((r) => r.ok) ? 0 : 1;
}

if (require.main === module) main(process.argv.slice(2)).then((code) => process.exit(code));
