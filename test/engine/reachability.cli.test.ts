/**
 * `npm run plan -- --graph FILE` re-checks a saved and edited graph: the flows section works on a
 * graph read back from JSON, and an edit (a deleted route) shows up as a blocked flow with its
 * reason and a failing exit code.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../engine/cli";
import type { Graph } from "../../engine/graph";
import { T } from "../../engine/reachability/model";

async function runCli(args: string[]): Promise<{ code: number; out: string }> {
    const out: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (...a: unknown[]) => out.push(a.join(" "));
    console.error = (...a: unknown[]) => out.push(a.join(" "));
    try {
        return { code: await main(args), out: out.join("\n") };
    } finally {
        console.log = log;
        console.error = error;
    }
}

describe("engine/reachability: plan --graph on a saved, edited graph", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reach-"));
    const saved = path.join(dir, "peering.json");

    before(async function () {
        this.timeout(60000);
        const r = await runCli(["peering-ipv4-egress", "--json", saved]);
        assert.ok(fs.existsSync(saved), r.out);
    });

    it("the saved graph carries the flows section's JSON and re-checks as proven", async () => {
        const g = JSON.parse(fs.readFileSync(saved, "utf8")) as Graph & { flows: { flows: { status: string; holds: boolean }[] } };
        assert.deepStrictEqual(g.flows.flows.map((f) => [f.status, f.holds]), [["proven", true], ["blocked", true], ["proven", true], ["proven", true], ["blocked", true]]);
        const r = await runCli(["--graph", saved]);
        assert.match(r.out, /PASS Flows \(reachability model\): 5 of 5 hold/);
        assert.match(r.out, /PROVEN  ok   \(allow\) IPv6 pod reaches the IPv4 NLB/);
    });

    it("deleting the app VPC's return routes in the JSON blocks the flow, names the hop and exits 1", async () => {
        const g = JSON.parse(fs.readFileSync(saved, "utf8")) as Graph;
        const before = g.resources.length;
        g.resources = g.resources.filter((r) => !(r.type === T.route && /^cluster-to-app-accepter-\d+-ipv4$/.test(r.name)));
        assert.strictEqual(g.resources.length, before - 2);
        const edited = path.join(dir, "edited.json");
        const out = path.join(dir, "edited-checked.json");
        fs.writeFileSync(edited, JSON.stringify(g));
        const r = await runCli(["--graph", edited, "--json", out]);
        assert.strictEqual(r.code, 1);
        assert.match(r.out, /FAIL Flows \(reachability model\): 4 of 5 hold/);
        assert.match(r.out, /BLOCKED FAIL \(allow\) IPv6 pod reaches the IPv4 NLB/);
        assert.match(r.out, /x dropped: .*reply from app-nlb node .* cannot return: route table rtb-\w+ \(app-vpc-private-\d\) .* has no route for 10\.10\.0\.0\/20/);
        const checked = JSON.parse(fs.readFileSync(out, "utf8"));
        assert.strictEqual(checked.flows.flows[0].status, "blocked");
    });
});
