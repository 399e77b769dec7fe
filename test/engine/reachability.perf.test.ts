/**
 * Scale: a synthetic 50-spoke transit gateway, every spoke dual-stack in two AZs with explicit
 * routes of both families to every other spoke, analysed end to end (model build + every flow).
 */
import * as assert from "assert";
import { analyzeGraph } from "../../engine/reachability/analyze";
import { T } from "../../engine/reachability/model";
import { NetBuilder } from "../helpers/netFixture";

const SPOKES = 50;

function spokes(n: number): NetBuilder {
    const b = new NetBuilder();
    const tgw = b.tgw("hub");
    const v4 = (i: number) => `10.${i}.0.0/16`;
    const v6 = (i: number) => `2001:db8:0:${(i + 1).toString(16)}00::/56`;
    for (let i = 0; i < n; i++) {
        const vpc = b.vpc(`s${i}`, v4(i), v6(i));
        const s0 = b.subnet(`s${i}a`, vpc, "us-west-2a", `10.${i}.0.0/24`, `2001:db8:0:${(i + 1).toString(16)}00::/64`);
        const s1 = b.subnet(`s${i}b`, vpc, "us-west-2b", `10.${i}.1.0/24`, `2001:db8:0:${(i + 1).toString(16)}01::/64`);
        const rt = b.routeTable(`s${i}`, vpc, [s0, s1]);
        b.tgwAttach(`s${i}`, tgw, vpc, [s0, s1], true);
        for (let j = 0; j < n; j++) {
            if (j === i) continue;
            b.route(`s${i}-to-s${j}-v4`, rt, v4(j), { transitGatewayId: tgw });
            b.route(`s${i}-to-s${j}-v6`, rt, v6(j), { transitGatewayId: tgw });
        }
        const client = b.sg(`s${i}-client`, vpc);
        b.egress(`s${i}-client-v4`, client, 443, "10.0.0.0/8");
        b.egress(`s${i}-client-v6`, client, 443, "2001:db8::/32");
        b.lambda(`client-${i}`, [s0, s1], [client], true);
        const server = b.sg(`s${i}-server`, vpc);
        b.ingress(`s${i}-server-v4`, server, 443, "10.0.0.0/8");
        b.ingress(`s${i}-server-v6`, server, 443, "2001:db8::/32");
        b.instance(`server-${i}`, s1, [server], `10.${i}.1.10`, `2001:db8:0:${(i + 1).toString(16)}01::a`);
    }
    for (let i = 0; i < n; i++) {
        for (const k of [1, Math.floor(n / 2)]) {
            for (const family of ["ipv4", "ipv6"] as const) {
                b.flow({ name: `s${i} -> s${(i + k) % n} ${family}`, from: { kind: "function", function: `client-${i}` }, to: { kind: "instance", instance: `server-${(i + k) % n}` }, family, port: 443, expect: "allow" });
            }
        }
    }
    return b;
}

describe("engine/reachability: scale", () => {
    it(`analyses a ${SPOKES}-spoke dual-stack transit gateway in a few seconds`, () => {
        const b = spokes(SPOKES);
        const g = b.graph();
        const a = analyzeGraph(g);
        const routes = g.resources.filter((r) => r.type === T.route).length;
        console.log(`      ${SPOKES} spokes: ${g.resources.length} resources, ${routes} VPC routes, ${a.flows.length} flows x 2 placements analysed in ${a.ms.toFixed(0)} ms`);
        assert.strictEqual(a.flows.length, SPOKES * 4);
        assert.deepStrictEqual(a.flows.filter((f) => f.status !== "proven").map((f) => `${f.name}: ${f.drop}`), []);
        assert.ok(a.ms < 3000, `took ${a.ms} ms`);
    });

    it("at that scale one attachment without IPv6 still breaks exactly the IPv6 flows that cross it", () => {
        const b = spokes(SPOKES).set(T.tgwAttachment, "s7", "ipv6Support", "disable");
        const a = analyzeGraph(b.graph());
        const broken = a.flows.filter((f) => f.status !== "proven");
        assert.ok(broken.length > 0);
        for (const f of broken) {
            assert.strictEqual(f.family, "ipv6", f.name);
            assert.match(f.name, /^s7 |-> s7 /);
            assert.match(f.drop!, /tgw-attach-s7 \(s7\) has ipv6Support disable|has no route for 2001:db8:0:80[01]::/);
        }
        // s7 -> s8, s7 -> s32, s6 -> s7 and s32 -> s7, IPv6 only.
        assert.strictEqual(broken.length, 4, broken.map((f) => f.name).join(", "));
    });
});
