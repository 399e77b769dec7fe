/**
 * Boundary tests for the reachability model, written from the mutation report of engine/reachability
 * (issue 20): the tests elsewhere sit on the comfortable side of a boundary, these sit on it. Exact
 * fits, one over and one under, a rule CIDR that covers part of a source subnet, a port range partly
 * inside a rule, rules of the other family, and the text a user reads in `npm run plan`.
 */
import * as assert from "assert";
import { analyzeGraph, type FlowResult } from "../../engine/reachability/analyze";
import { boxOf, covered, intersects, subtract } from "../../engine/reachability/coverage";
import { buildModel, T, type NaclM, type NaclRuleM } from "../../engine/reachability/model";
import { flowsSection } from "../../engine/reachability/section";
import { lookup, naclVerdict, sgCheck } from "../../engine/reachability/walk";
import type { FlowIntent } from "../../lib/intent";
import { clientLan, NetBuilder, tgwHub } from "../helpers/netFixture";

function one(b: NetBuilder, flow: Omit<FlowIntent, "name" | "expect"> & { expect?: "allow" | "deny" }): FlowResult {
    return analyzeGraph(b.graph(), [{ name: "f", expect: "allow", ...flow }]).flows[0];
}
const inst = (instance: string) => ({ kind: "instance" as const, instance });
const fn = (f: string) => ({ kind: "function" as const, function: f });

/**
 * One dual-stack VPC: a Lambda client in a0 (its source is the whole subnet 10.1.0.0/24), a client
 * instance `cli` in a0 and a server instance `srv` in a1, both behind one route table. The server's
 * group `srv` has no rule: each test adds the ones it is about.
 */
function lan(): NetBuilder {
    const { b, vpc: a, cli } = clientLan();
    b.lambda("fn", ["subnet-a0"], [cli], true);
    b.instance("cli", "subnet-a0", [cli], "10.1.0.10", "2001:db8:1::10");
    b.sg("srv", a);
    b.instance("srv", "subnet-a1", ["sg-srv"], "10.1.1.10", "2001:db8:1:1::10");
    return b;
}

/** A standalone security group rule with explicit fields (the provider's names). */
function sgRule(b: NetBuilder, name: string, dir: "ingress" | "egress", fields: Record<string, unknown>): void {
    b.add(dir === "ingress" ? T.sgIngress : T.sgEgress, name, fields, { id: `sgr-${name}` });
}

const nacl = (rules: Partial<NaclRuleM>[]): NaclM => ({
    id: "acl-x", name: "x",
    rules: rules.map((r, i) => ({ number: (i + 1) * 10, egress: false, protocol: "tcp", action: "allow", cidr: "0.0.0.0/0", ...r })),
});

describe("engine/reachability: boundaries (issue 20, from the mutation report)", () => {
    describe("address-and-port boxes (coverage.ts)", () => {
        const box = (cidr: string, lo: number, hi: number) => boxOf(cidr, [lo, hi])!;

        it("boxes that touch at one address or one port intersect; one apart they do not (each of the four edges)", () => {
            const a = box("10.0.0.0/25", 100, 200); // 10.0.0.0-127
            assert.strictEqual(intersects(a, box("10.0.0.127/32", 200, 200)), true, "last address, last port");
            assert.strictEqual(intersects(box("10.0.0.127/32", 200, 200), a), true, "same, from the other side");
            assert.strictEqual(intersects(a, box("10.0.0.128/32", 150, 150)), false, "one address above");
            assert.strictEqual(intersects(box("10.0.0.128/32", 150, 150), a), false, "one address above, from the other side");
            assert.strictEqual(intersects(a, box("10.0.0.0/32", 201, 300)), false, "one port above");
            assert.strictEqual(intersects(box("10.0.0.0/32", 201, 300), a), false, "one port above, from the other side");
            assert.strictEqual(intersects(a, box("10.0.0.0/32", 1, 99)), false, "one port below");
            assert.strictEqual(intersects(box("10.0.0.0/32", 1, 99), a), false, "one port below, from the other side");
            assert.strictEqual(intersects(a, box("10.0.0.0/32", 99, 100)), true, "first port");
        });

        it("subtract leaves exactly the parts outside the rule: below and above in addresses, then below and above in ports", () => {
            const whole = box("10.0.0.0/24", 1000, 2000); // 10.0.0.0-255
            const n = (ip: string) => boxOf(`${ip}/32`, [0, 0])!.lo;
            const middle = box("10.0.0.64/26", 1200, 1300); // 10.0.0.64-127
            assert.deepStrictEqual(subtract(whole, middle), [
                { lo: n("10.0.0.0"), hi: n("10.0.0.63"), plo: 1000, phi: 2000 },
                { lo: n("10.0.0.128"), hi: n("10.0.0.255"), plo: 1000, phi: 2000 },
                { lo: n("10.0.0.64"), hi: n("10.0.0.127"), plo: 1000, phi: 1199 },
                { lo: n("10.0.0.64"), hi: n("10.0.0.127"), plo: 1301, phi: 2000 },
            ]);
            // A rule that covers the box exactly (same addresses, same ports) leaves nothing.
            assert.deepStrictEqual(subtract(whole, box("10.0.0.0/24", 1000, 2000)), []);
            // One port short at either end leaves exactly that port.
            assert.deepStrictEqual(subtract(whole, box("10.0.0.0/24", 1001, 2000)), [{ lo: n("10.0.0.0"), hi: n("10.0.0.255"), plo: 1000, phi: 1000 }]);
            assert.deepStrictEqual(subtract(whole, box("10.0.0.0/24", 1000, 1999)), [{ lo: n("10.0.0.0"), hi: n("10.0.0.255"), plo: 2000, phi: 2000 }]);
            // A rule wider than the box leaves nothing; a disjoint one leaves the box as it was.
            assert.deepStrictEqual(subtract(whole, box("10.0.0.0/16", 0, 65535)), []);
            assert.deepStrictEqual(subtract(whole, box("10.0.5.0/24", 1000, 2000)), [whole]);
            assert.deepStrictEqual(subtract(whole, box("10.0.0.0/24", 3000, 4000)), [whole]);
            // A rule wider in addresses but narrower in ports leaves the box's own addresses outside those ports.
            const inner = box("10.0.0.64/26", 1000, 2000);
            assert.deepStrictEqual(subtract(inner, box("10.0.0.0/24", 1200, 1300)), [
                { lo: n("10.0.0.64"), hi: n("10.0.0.127"), plo: 1000, phi: 1199 },
                { lo: n("10.0.0.64"), hi: n("10.0.0.127"), plo: 1301, phi: 2000 },
            ]);
        });

        it("covered: CIDRs together cover a subnet only without a gap, and only CIDRs of the subnet's family count", () => {
            assert.strictEqual(covered("10.0.0.0/24", ["10.0.0.0/25", "10.0.0.128/25"]), true, "two halves");
            assert.strictEqual(covered("10.0.0.0/24", ["10.0.0.0/25"]), false, "one half");
            assert.strictEqual(covered("10.0.0.0/24", ["10.0.0.0/25", "10.0.0.192/26"]), false, "a /26 gap");
            assert.strictEqual(covered("10.0.0.0/24", []), false, "no CIDR");
            // ::/0 spans every number an IPv4 address could be, but it is another family.
            assert.strictEqual(covered("10.0.0.0/24", ["::/0"]), false, "IPv6 rule for an IPv4 subnet");
            assert.strictEqual(covered("2001:db8::/64", ["0.0.0.0/0"]), false, "IPv4 rule for an IPv6 subnet");
            // An unreadable entry is skipped, not fatal; an unreadable subnet is covered by nothing.
            assert.strictEqual(covered("10.0.0.0/24", ["not-a-cidr", "10.0.0.0/16"]), true);
            assert.strictEqual(covered("not-a-cidr", ["0.0.0.0/0"]), false);
        });
    });

    describe("network ACL evaluation (naclVerdict)", () => {
        it("an ephemeral-port rule 1024-65535 admits 1024 and 65535 and not 1023 (one under)", () => {
            const acl = nacl([{ protocol: "6", fromPort: 1024, toPort: 65535 }]);
            assert.strictEqual(naclVerdict(acl, false, "10.0.0.0/24", [1024, 1024]), undefined);
            assert.strictEqual(naclVerdict(acl, false, "10.0.0.0/24", [65535, 65535]), undefined);
            assert.strictEqual(naclVerdict(acl, false, "10.0.0.0/24", [1023, 1023]), "network ACL acl-x (x) has no ingress rule allowing 10.0.0.0/24 on tcp/1023 (implicit deny)");
            // A range partly inside the rule: 1000-1100 has 1000-1023 outside it.
            assert.strictEqual(naclVerdict(acl, false, "10.0.0.0/24", [1000, 1100]), "network ACL acl-x (x) has no ingress rule allowing 10.0.0.0/24 on tcp/1000-1100 (implicit deny)");
        });

        it("protocol -1 and \"all\" cover every port even when the record says from 0 to 0 (as the provider stores them)", () => {
            for (const protocol of ["-1", "all", "ALL"]) {
                assert.strictEqual(naclVerdict(nacl([{ protocol, fromPort: 0, toPort: 0 }]), false, "10.0.0.0/24", [443, 443]), undefined, protocol);
            }
            // A tcp rule without ports covers every port; a tcp rule from 0 to 0 covers port 0 only.
            assert.strictEqual(naclVerdict(nacl([{ protocol: "tcp" }]), false, "10.0.0.0/24", [443, 443]), undefined);
            assert.match(naclVerdict(nacl([{ protocol: "tcp", fromPort: 0, toPort: 0 }]), false, "10.0.0.0/24", [443, 443])!, /implicit deny/);
            // A rule that records one end of its range only: the other end is open (0 or 65535).
            assert.strictEqual(naclVerdict(nacl([{ fromPort: 1024 }]), false, "10.0.0.0/24", [65535, 65535]), undefined);
            assert.match(naclVerdict(nacl([{ fromPort: 1024 }]), false, "10.0.0.0/24", [1023, 1023])!, /implicit deny/);
            assert.strictEqual(naclVerdict(nacl([{ toPort: 1023 }]), false, "10.0.0.0/24", [0, 1023]), undefined);
            assert.match(naclVerdict(nacl([{ toPort: 1023 }]), false, "10.0.0.0/24", [1024, 1024])!, /implicit deny/);
            // Protocols other than TCP do not carry a TCP flow.
            assert.match(naclVerdict(nacl([{ protocol: "17" }]), false, "10.0.0.0/24", [443, 443])!, /implicit deny/);
        });

        it("a deny on another port, another family or another direction does not catch the flow; one on its port does", () => {
            // Rule 10 denies tcp/22 only: tcp/443 goes on to rule 20.
            assert.strictEqual(naclVerdict(nacl([{ action: "deny", fromPort: 22, toPort: 22 }, { protocol: "-1" }]), false, "10.0.0.0/24", [443, 443]), undefined);
            // An IPv6 deny-all (::/0) does not match IPv4 packets.
            assert.strictEqual(naclVerdict(nacl([{ action: "deny", protocol: "-1", cidr: "::/0" }, { protocol: "-1" }]), false, "10.0.0.0/24", [443, 443]), undefined);
            // An egress deny does not judge ingress, and the other way round.
            assert.strictEqual(naclVerdict(nacl([{ action: "deny", protocol: "-1", egress: true }, { protocol: "-1" }]), false, "10.0.0.0/24", [443, 443]), undefined);
            assert.strictEqual(naclVerdict(nacl([{ action: "deny", protocol: "-1", egress: true }]), true, "10.9.0.0/16", [443, 443]),
                "network ACL acl-x (x) rule 10 denies egress to 0.0.0.0/0 on tcp/0-65535");
            // A deny of part of the source subnet catches the flow (some of its packets are dropped).
            assert.strictEqual(naclVerdict(nacl([{ action: "deny", cidr: "10.0.0.128/25", fromPort: 443, toPort: 443 }, { protocol: "-1" }]), false, "10.0.0.0/24", [443, 443]),
                "network ACL acl-x (x) rule 10 denies ingress from 10.0.0.128/25 on tcp/443-443");
        });

        it("a deny behind a partial allow catches the part that is left, even when another part is left too", () => {
            // Rule 10 allows 2000-3000 of 1024-65535; rule 20 denies 1500, which lies in what is left below.
            const acl = nacl([{ fromPort: 2000, toPort: 3000 }, { action: "deny", fromPort: 1500, toPort: 1500 }, { protocol: "-1" }]);
            assert.strictEqual(naclVerdict(acl, false, "10.0.0.0/24", [1024, 65535]), "network ACL acl-x (x) rule 20 denies ingress from 0.0.0.0/0 on tcp/1500-1500");
            // Without the deny, rule 30 allows the rest.
            assert.strictEqual(naclVerdict(nacl([{ fromPort: 2000, toPort: 3000 }, { protocol: "-1" }]), false, "10.0.0.0/24", [1024, 65535]), undefined);
        });
    });

    describe("longest-prefix match (lookup)", () => {
        const r = (dest: string, label: string, isStatic = false) => ({ dest, family: (dest.includes(":") ? "ipv6" : "ipv4") as "ipv4" | "ipv6", label, static: isStatic });
        const staticFirst = (a: { static: boolean }, b: { static: boolean }) => Number(b.static) - Number(a.static);

        it("a route whose prefix contains the destination exactly or more widely matches; one a bit off does not", () => {
            assert.strictEqual(lookup([r("10.1.0.0/24", "exact")], "10.1.0.0/24")?.label, "exact");
            assert.strictEqual(lookup([r("10.1.0.0/25", "half")], "10.1.0.0/24"), undefined, "a narrower route does not carry the whole set");
            assert.strictEqual(lookup([r("10.1.1.0/24", "next")], "10.1.0.0/24"), undefined);
            assert.strictEqual(lookup([r("::/0", "v6 default")], "10.1.0.0/24"), undefined, "another family never matches");
            assert.strictEqual(lookup([r("0.0.0.0/0", "default"), r("10.1.0.0/16", "vpc"), r("10.0.0.0/8", "wide")], "10.1.0.5/32")?.label, "vpc");
            assert.strictEqual(lookup([r("0.0.0.0/0", "default")], "not-an-address"), undefined);
        });

        it("of two routes of the same length, the preferred one wins in either order; the first stays without a preference", () => {
            assert.strictEqual(lookup([r("10.1.0.0/16", "propagated"), r("10.1.0.0/16", "static", true)], "10.1.0.5/32", staticFirst)?.label, "static");
            assert.strictEqual(lookup([r("10.1.0.0/16", "static", true), r("10.1.0.0/16", "propagated")], "10.1.0.5/32", staticFirst)?.label, "static");
            assert.strictEqual(lookup([r("10.1.0.0/16", "first"), r("10.1.0.0/16", "second")], "10.1.0.5/32")?.label, "first");
            // A longer prefix still beats a preferred shorter one.
            assert.strictEqual(lookup([r("10.1.0.0/16", "static", true), r("10.1.0.0/24", "propagated /24")], "10.1.0.5/32", staticFirst)?.label, "propagated /24");
            assert.strictEqual(lookup([r("10.1.0.0/24", "propagated /24"), r("10.1.0.0/16", "static", true)], "10.1.0.5/32", staticFirst)?.label, "propagated /24");
        });
    });

    describe("security group rules: ports, protocols and partial CIDRs", () => {
        it("a tcp rule for one port admits exactly that port: 443 passes, 442 and 444 do not", () => {
            const b = lan();
            sgRule(b, "srv-443", "ingress", { securityGroupId: "sg-srv", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.1.0.0/24" });
            assert.strictEqual(one(b, { from: inst("cli"), to: inst("srv"), family: "ipv4", port: 443 }).status, "proven");
            for (const port of [442, 444]) {
                const f = one(b, { from: inst("cli"), to: inst("srv"), family: "ipv4", port });
                assert.strictEqual(f.status, "blocked", `port ${port}`);
                assert.strictEqual(f.drop, `instance cli -> instance srv: security group sg-srv (srv) of instance srv admits tcp/${port} from nothing, so not 10.1.0.10/32`);
            }
        });

        it("a port range admits its first and last port and not one outside; protocol \"6\" is tcp", () => {
            const b = lan();
            sgRule(b, "srv-range", "ingress", { securityGroupId: "sg-srv", ipProtocol: "6", fromPort: 8000, toPort: 8080, cidrIpv4: "10.1.0.0/24" });
            for (const port of [8000, 8080]) assert.strictEqual(one(b, { from: inst("cli"), to: inst("srv"), family: "ipv4", port }).status, "proven", `port ${port}`);
            for (const port of [7999, 8081]) assert.strictEqual(one(b, { from: inst("cli"), to: inst("srv"), family: "ipv4", port }).status, "blocked", `port ${port}`);
        });

        it("protocol \"all\" admits every port; udp admits no tcp port", () => {
            const b = lan();
            sgRule(b, "srv-udp", "ingress", { securityGroupId: "sg-srv", ipProtocol: "udp", fromPort: 0, toPort: 65535, cidrIpv4: "10.1.0.0/24" });
            assert.strictEqual(one(b, { from: inst("cli"), to: inst("srv"), family: "ipv4", port: 53 }).status, "blocked");
            sgRule(b, "srv-all", "ingress", { securityGroupId: "sg-srv", ipProtocol: "all", cidrIpv4: "10.1.0.0/24" });
            assert.strictEqual(one(b, { from: inst("cli"), to: inst("srv"), family: "ipv4", port: 53 }).status, "proven");
        });

        it("a rule whose CIDR covers part of the source subnet does not admit the subnet; two that cover it together do", () => {
            const b = lan();
            sgRule(b, "srv-low", "ingress", { securityGroupId: "sg-srv", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.1.0.0/25" });
            const half = one(b, { from: fn("fn"), to: inst("srv"), family: "ipv4", port: 443 });
            assert.strictEqual(half.status, "blocked");
            assert.strictEqual(half.drop, "function fn in subnet-a0 -> instance srv: security group sg-srv (srv) of instance srv admits tcp/443 only from 10.1.0.0/25, not 10.1.0.0/24");
            // A second rule for the other half, on a wider port range, completes it.
            sgRule(b, "srv-high", "ingress", { securityGroupId: "sg-srv", ipProtocol: "tcp", fromPort: 400, toPort: 500, cidrIpv4: "10.1.0.128/25" });
            const both = one(b, { from: fn("fn"), to: inst("srv"), family: "ipv4", port: 443 });
            assert.strictEqual(both.status, "proven", both.drop);
            assert.ok(both.path!.includes("security groups sg-srv rules srv-low (10.1.0.0/25), srv-high (10.1.0.128/25) together cover tcp/443 from 10.1.0.0/24"), both.path!.join("\n"));
            // The second half on the wrong port leaves a gap again.
            const other = lan();
            sgRule(other, "srv-low", "ingress", { securityGroupId: "sg-srv", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.1.0.0/25" });
            sgRule(other, "srv-high", "ingress", { securityGroupId: "sg-srv", ipProtocol: "tcp", fromPort: 444, toPort: 500, cidrIpv4: "10.1.0.128/25" });
            assert.strictEqual(one(other, { from: fn("fn"), to: inst("srv"), family: "ipv4", port: 443 }).status, "blocked");
            // Two rules that overlap the subnet but leave a gap (a /26 missing) do not cover it.
            const gap = lan();
            sgRule(gap, "srv-low", "ingress", { securityGroupId: "sg-srv", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.1.0.0/25" });
            sgRule(gap, "srv-top", "ingress", { securityGroupId: "sg-srv", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.1.0.192/26" });
            assert.match(one(gap, { from: fn("fn"), to: inst("srv"), family: "ipv4", port: 443 }).drop!, /admits tcp\/443 only from 10\.1\.0\.0\/25, 10\.1\.0\.192\/26, not 10\.1\.0\.0\/24$/);
        });

        it("an interface without security groups, and a group without egress rules, say so", () => {
            const b = lan();
            b.set(T.instance, "cli", "vpcSecurityGroupIds", []);
            assert.strictEqual(one(b, { from: inst("cli"), to: inst("srv"), family: "ipv4", port: 443 }).drop, "instance cli -> instance srv: instance cli has no security groups");
            const c = lan();
            c.sg("mute", "vpc-a");
            c.set(T.instance, "cli", "vpcSecurityGroupIds", ["sg-mute"]);
            assert.strictEqual(one(c, { from: inst("cli"), to: inst("srv"), family: "ipv4", port: 443 }).drop,
                "instance cli -> instance srv: security group sg-mute (mute) of instance cli allows egress on tcp/443 from nothing (no egress rule; Pulumi removes AWS's default allow-all egress), so not 10.1.1.10/32");
            // A group the graph does not hold is named as such.
            const d = lan();
            d.set(T.instance, "cli", "vpcSecurityGroupIds", ["sg-gone"]);
            assert.match(one(d, { from: inst("cli"), to: inst("srv"), family: "ipv4", port: 443 }).drop!, /security group sg-gone \(not in the graph\) of instance cli allows egress on tcp\/443 from nothing/);
        });

        it("sgCheck: a reference admits members of the group; the answer names the rule", () => {
            const b = lan();
            sgRule(b, "srv-from-cli", "ingress", { securityGroupId: "sg-srv", ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-cli" });
            const m = buildModel(b.graph());
            assert.deepStrictEqual(sgCheck(m, ["sg-srv"], "ingress", "10.1.0.10/32", ["sg-cli"], 443, "srv"),
                { ok: true, byReference: true, detail: "security group sg-srv (srv) srv-from-cli: tcp/443 from members of sg-cli" });
            assert.deepStrictEqual(sgCheck(m, ["sg-srv"], "ingress", "10.1.0.10/32", ["sg-other"], 443, "srv"),
                { ok: false, detail: "security group sg-srv (srv) of srv admits tcp/443 only from members of sg-cli, not 10.1.0.10/32" });
        });
    });

    describe("the flows section a user reads in `npm run plan` (section.ts)", () => {
        /** lan() with the server admitting tcp/443 from a0 only on IPv4, and four flows: proven, blocked as expected, blocked against expectation, partial. */
        function planned(): NetBuilder {
            const b = lan();
            sgRule(b, "srv-443", "ingress", { securityGroupId: "sg-srv", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.1.0.0/24" });
            b.flow({ name: "web", from: inst("cli"), to: inst("srv"), family: "ipv4", port: 443, expect: "allow" });
            b.flow({ name: "ssh", from: inst("cli"), to: inst("srv"), family: "ipv4", port: 22, expect: "deny" });
            b.flow({ name: "web6", from: inst("cli"), to: inst("srv"), family: "ipv6", port: 443, expect: "allow" });
            return b;
        }

        it("prints each verdict, the path of a proven flow, the drop of a blocked one and what was expected", () => {
            const s = flowsSection(planned().graph());
            assert.strictEqual(s.ok, false);
            assert.match(s.title, /^Flows \(reachability model\): 2 of 3 hold \(1 proven, 2 blocked or partial\), analysed in \d+ ms$/);
            const web = s.lines.slice(0, s.lines.indexOf("    (1 of 1 placements reach the destination)") + 1);
            assert.deepStrictEqual(web, [
                "PROVEN  ok   (allow) web: instance cli -> instance srv, ipv4 tcp/443",
                "    | instance i-cli (cli) sends from 10.1.0.10/32",
                "    | security group sg-cli (cli) cli-out-v4: tcp/443 to 0.0.0.0/0",
                "    | route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a): 10.1.0.0/16 -> local",
                "    | security group sg-srv (srv) srv-443: tcp/443 from 10.1.0.0/24",
                "    | reply routes back: route table rtb-a (a) of subnet subnet-a1 (a1, us-west-2b): 10.1.0.0/16 -> local",
                "    | arrives at instance srv",
                "    (1 of 1 placements reach the destination)",
            ]);
            const rest = s.lines.slice(web.length);
            assert.deepStrictEqual(rest, [
                "BLOCKED ok   (deny) ssh: instance cli -> instance srv, ipv4 tcp/22",
                "    | instance i-cli (cli) sends from 10.1.0.10/32",
                "    | security group sg-cli (cli) cli-out-v4: tcp/22 to 0.0.0.0/0",
                "    | route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a): 10.1.0.0/16 -> local",
                "    x dropped: instance cli -> instance srv: security group sg-srv (srv) of instance srv admits tcp/22 from nothing, so not 10.1.0.10/32",
                "    (0 of 1 placements reach the destination)",
                "BLOCKED FAIL (allow) web6: instance cli -> instance srv, ipv6 tcp/443",
                "    | instance i-cli (cli) sends from 2001:db8:1::10/128",
                "    | security group sg-cli (cli) cli-out-v6: tcp/443 to ::/0",
                "    | route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a): 2001:db8:1::/56 -> local",
                "    x dropped: instance cli -> instance srv: security group sg-srv (srv) of instance srv admits tcp/443 only from 10.1.0.0/24, not 2001:db8:1::10/128",
                "    (0 of 1 placements reach the destination)",
                "    expected every placement to reach it",
            ]);
            // The JSON carries the same flows and a duration rounded to a tenth of the title's.
            const json = s.json as { ms: number; flows: FlowResult[] };
            assert.deepStrictEqual(json.flows.map((f) => [f.name, f.status, f.holds]), [["web", "proven", true], ["ssh", "blocked", true], ["web6", "blocked", false]]);
            const titleMs = Number(/analysed in (\d+) ms/.exec(s.title)![1]);
            assert.ok(Math.abs(json.ms - titleMs) <= 0.6 && Math.round(json.ms * 10) === json.ms * 10, `${json.ms} vs ${titleMs}`);
        });

        it("a partial flow shows the path that worked and the drop of the placement that did not; a deny that is reached says what was expected", () => {
            const b = lan();
            // The Lambda runs in a0 and a1; the server admits only a0.
            b.set(T.lambda, "fn", "vpcConfig", { subnetIds: ["subnet-a0", "subnet-a1"], securityGroupIds: ["sg-cli"], ipv6AllowedForDualStack: true });
            sgRule(b, "srv-443", "ingress", { securityGroupId: "sg-srv", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.1.0.0/24" });
            b.flow({ name: "p", from: fn("fn"), to: inst("srv"), family: "ipv4", port: 443, expect: "deny" });
            const s = flowsSection(b.graph());
            assert.strictEqual(s.ok, false);
            assert.match(s.title, /^Flows \(reachability model\): 0 of 1 hold \(0 proven, 1 blocked or partial\), analysed/);
            assert.strictEqual(s.lines[0], "PARTIAL FAIL (deny) p: function fn -> instance srv, ipv4 tcp/443");
            assert.strictEqual(s.lines[1], "    | function fn sends from 10.1.0.0/24 (subnet-a0)");
            assert.ok(!s.lines.some((l) => l.includes("function fn sends from 10.1.1.0/24")), "the failed placement's hops are not printed for a partial flow");
            assert.deepStrictEqual(s.lines.slice(-3), [
                "    x dropped: function fn in subnet-a1 -> instance srv: security group sg-srv (srv) of instance srv admits tcp/443 only from 10.1.0.0/24, not 10.1.1.0/24",
                "    (1 of 2 placements reach the destination)",
                "    expected no placement to reach it",
            ]);
        });

        it("no flows declared: the title says so and the section passes; an unreadable route becomes a note", () => {
            const b = lan();
            b.add(T.route, "broken", { routeTableId: "rtb-a", destinationCidrBlock: "10.9.0.0/16" }, { id: "r-broken" });
            const s = flowsSection(b.graph());
            assert.strictEqual(s.title, "Flows (reachability model): no flows declared");
            assert.strictEqual(s.ok, true);
            assert.deepStrictEqual(s.lines, ["note: route broken has no destination or target the model can read"]);
            assert.strictEqual(flowsSection({ resources: b.resources, intent: undefined as unknown as FlowIntent[] }).title, "Flows (reachability model): no flows declared");
        });
    });
    describe("walk: the hop that drops a flow, and what it says", () => {
        /** lan() plus a peered VPC b (10.2.0.0/16) with an instance web admitting 10.1.0.0/16 on tcp/443. */
        function pair(): NetBuilder {
            const b = lan();
            b.vpc("b", "10.2.0.0/16", "2001:db8:2::/56");
            b.subnet("b0", "vpc-b", "us-west-2a", "10.2.0.0/24", "2001:db8:2::/64");
            b.routeTable("b", "vpc-b", ["subnet-b0"]);
            b.peering("ab", "vpc-a", "vpc-b");
            b.route("a-b", "rtb-a", "10.2.0.0/16", { vpcPeeringConnectionId: "pcx-ab" });
            b.route("b-a", "rtb-b", "10.1.0.0/16", { vpcPeeringConnectionId: "pcx-ab" });
            const web = b.sg("web", "vpc-b");
            b.ingress("web-in", web, 443, "10.1.0.0/16");
            b.instance("web", "subnet-b0", [web], "10.2.0.10", "2001:db8:2::10");
            return b;
        }
        const toWeb = { from: inst("cli"), to: inst("web"), family: "ipv4" as const, port: 443 };

        it("peering: the peer's secondary CIDR is delivered too; a peer VPC not in the graph has no CIDRs", () => {
            const b = pair();
            b.add(T.ipv4Assoc, "b-second", { vpcId: "vpc-b", cidrBlock: "10.3.0.0/16" });
            b.subnet("b9", "vpc-b", "us-west-2a", "10.3.0.0/24");
            b.add(T.rtAssoc, "b9-assoc", { routeTableId: "rtb-b", subnetId: "subnet-b9" });
            b.instance("web2", "subnet-b9", ["sg-web"], "10.3.0.10");
            b.route("a-b2", "rtb-a", "10.3.0.0/16", { vpcPeeringConnectionId: "pcx-ab" });
            const f = one(b, { ...toWeb, to: inst("web2") });
            assert.strictEqual(f.status, "proven", f.drop);
            const gone = pair().remove(T.vpc, "b");
            assert.strictEqual(one(gone, toWeb).drop, "instance cli -> instance web: peering pcx-ab (ab) does not route transitively: 10.2.0.10/32 is not in vpc-b's ipv4 CIDRs (none)");
        });

        it("peering: a route to a peering that does not connect the VPC, and overlapping VPC CIDRs, drop with the reason", () => {
            const b = pair();
            b.vpc("c", "10.3.0.0/16");
            b.peering("bc", "vpc-b", "vpc-c");
            b.route("a-c", "rtb-a", "10.3.0.0/16", { vpcPeeringConnectionId: "pcx-bc" });
            b.subnet("c0", "vpc-c", "us-west-2a", "10.3.0.0/24");
            b.instance("far", "subnet-c0", ["sg-web"], "10.3.0.10");
            assert.strictEqual(one(b, { ...toWeb, to: inst("far") }).drop,
                "instance cli -> instance far: route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a) sends 10.3.0.0/16 to peering pcx-bc, which does not connect vpc-a");
            // VPC d reuses b's CIDR: A's route to 10.2.0.0/16 lands in b, never in d.
            const o = pair();
            o.vpc("d", "10.2.0.0/16");
            o.subnet("d0", "vpc-d", "us-west-2a", "10.2.0.0/24");
            o.instance("twin", "subnet-d0", ["sg-web"], "10.2.0.20");
            assert.strictEqual(one(o, { ...toWeb, to: inst("twin") }).drop, "instance cli -> instance twin: 10.2.0.20/32 arrives in b over pcx-ab, but the destination is in vpc-d");
            // And a destination whose CIDR overlaps the client's own VPC is delivered locally, in the wrong VPC.
            o.vpc("e", "10.1.0.0/16");
            o.subnet("e0", "vpc-e", "us-west-2a", "10.1.5.0/24");
            o.instance("shadow", "subnet-e0", ["sg-web"], "10.1.5.10");
            assert.strictEqual(one(o, { ...toWeb, to: inst("shadow") }).drop,
                "instance cli -> instance shadow: route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a) delivers 10.1.5.10/32 locally in vpc-a, but the destination is in vpc-e");
        });

        it("peering: a cross-account group reference works over same-Region peering, not over inter-Region peering", () => {
            const b = pair();
            // The client's only egress rule references web's group in the peer account.
            b.remove(T.sgEgress, "cli-out-v4");
            b.remove(T.sgEgress, "cli-out-v6");
            sgRule(b, "cli-to-web", "egress", { securityGroupId: "sg-cli", ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "111122223333/sg-web" });
            const f = one(b, toWeb);
            assert.strictEqual(f.status, "proven", f.drop);
            assert.ok(f.path!.includes("security group sg-cli (cli) cli-to-web: tcp/443 to members of 111122223333/sg-web"), f.path!.join("\n"));
            b.set(T.peering, "ab", "peerRegion", "us-east-1");
            const inter = one(b, toWeb);
            assert.strictEqual(inter.status, "blocked");
            assert.strictEqual(inter.drop, "instance cli -> instance web: security group sg-cli (cli) of instance cli allows egress on tcp/443 only to members of 111122223333/sg-web, not 10.2.0.10/32 (group references do not match across inter-region peering)");
            // With a CIDR rule instead, the inter-Region flow passes and says references did not cross.
            sgRule(b, "cli-to-b", "egress", { securityGroupId: "sg-cli", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.2.0.0/16" });
            const ok = one(b, toWeb);
            assert.strictEqual(ok.status, "proven", ok.drop);
            assert.ok(ok.path!.includes("security group references do not cross inter-region peering pcx-ab"), ok.path!.join("\n"));
            // The same peering in the graph's own Region is not inter-Region.
            b.set(T.peering, "ab", "peerRegion", "us-west-2");
            assert.ok(!one(b, toWeb).path!.some((h) => h.includes("inter-region")));
        });

        it("transit gateway: a missing gateway, a VPC without attachment, an attachment without a subnet in the client's AZ", () => {
            const flow = { from: fn("client"), to: inst("server"), family: "ipv4" as const, port: 443 };
            const gone = tgwHub(["subnet-x0"]).remove(T.tgw, "hub");
            assert.match(one(gone, flow).drop!, /sends 10\.20\.0\.0\/16 to tgw-hub, which is not in the graph \(a blackhole route\)$/);
            const noAtt = tgwHub(["subnet-x0"]).remove(T.tgwAttachment, "x");
            assert.match(one(noAtt, flow).drop!, /sends 10\.20\.0\.0\/16 to tgw-hub \(hub\), but vpc-x has no attachment to it$/);
            const oneAz = tgwHub(["subnet-x1"]).set(T.tgwAttachment, "x", "subnetIds", ["subnet-x0", "subnet-gone"]);
            assert.strictEqual(one(oneAz, flow).drop,
                "function client in subnet-x1 -> instance server: subnet subnet-x1 (x1, us-west-2b) routes 10.20.0.0/16 to tgw-hub, but attachment tgw-attach-x (x) has no subnet in us-west-2b (only us-west-2a, ?)");
        });

        it("transit gateway: ipv6Support disable does not filter IPv6, it only stops the attachment's IPv6 CIDR from propagating", () => {
            const flow = { from: fn("client"), to: inst("server"), family: "ipv6" as const, port: 443 };
            // The client side without IPv6 support: the request crosses, the reply finds no route back.
            const x = tgwHub(["subnet-x0"]).set(T.tgwAttachment, "x", "ipv6Support", "disable");
            const fx = one(x, flow);
            assert.strictEqual(fx.status, "blocked");
            assert.ok(fx.dropPath!.includes("attachment tgw-attach-x (x) has ipv6Support disable: no IPv6 route propagates from it, but it does not filter IPv6 traffic"), fx.dropPath!.join("\n"));
            assert.match(fx.drop!, /cannot return: transit gateway route table tgw-rtb-hub of tgw-hub \(hub\) has no route for 2001:db8:0:a00::\/64 \(IPv6 CIDRs propagate only from attachments with ipv6Support enable\)/);
            // The server side without IPv6 support, but a static route to it: the flow passes and says so.
            const y = tgwHub(["subnet-x0"]).set(T.tgwAttachment, "y", "ipv6Support", "disable");
            y.add(T.tgwRoute, "to-y-v6", { transitGatewayRouteTableId: "tgw-rtb-hub", destinationCidrBlock: "2001:db8:0:b00::/56", transitGatewayAttachmentId: "tgw-attach-y" });
            const fy = one(y, flow);
            assert.strictEqual(fy.status, "proven", fy.drop);
            assert.ok(fy.path!.includes("attachment tgw-attach-y (y) has ipv6Support disable: it does not filter IPv6 traffic"), fy.path!.join("\n"));
            assert.ok(!fy.path!.some((h) => h.includes("tgw-attach-x (x) has ipv6Support")), "the enabled side adds no note");
            // IPv4 over the same attachments carries no IPv6 note.
            assert.ok(!one(y, { ...flow, family: "ipv4" }).path!.some((h) => h.includes("ipv6Support")));
        });

        it("transit gateway: a static route to no attachment is a blackhole; to an attachment not in the graph, or without subnets, it says so", () => {
            const flow = { from: fn("client"), to: inst("server"), family: "ipv4" as const, port: 443 };
            const route = (b: NetBuilder, props: Record<string, unknown>) => b.add(T.tgwRoute, "to-server", { transitGatewayRouteTableId: "tgw-rtb-hub", destinationCidrBlock: "10.20.1.0/24", ...props });
            const none = tgwHub(["subnet-x0"]);
            route(none, {});
            assert.match(one(none, flow).drop!, /transit gateway route table tgw-rtb-hub: 10\.20\.1\.0\/24 is a blackhole \(to-server\)/);
            const lost = tgwHub(["subnet-x0"]);
            route(lost, { transitGatewayAttachmentId: "tgw-attach-gone" });
            assert.match(one(lost, flow).drop!, /transit gateway route table tgw-rtb-hub: 10\.20\.1\.0\/24 -> tgw-attach-gone, which is not in the graph/);
            const empty = tgwHub(["subnet-x0"]).set(T.tgwAttachment, "y", "subnetIds", ["subnet-gone"]);
            assert.match(one(empty, flow).drop!, /attachment tgw-attach-y \(y\) has no subnet in the graph/);
        });

        it("transit gateway: references cross only with support on the gateway and both attachments; outbound references never", () => {
            const flow = { from: fn("client"), to: inst("server"), family: "ipv4" as const, port: 443 };
            const b = tgwHub(["subnet-x0"]);
            b.remove(T.sgIngress, "srv-v4");
            b.ingress("srv-from-fn", "sg-srv", 443, "sg-fn");
            const off = one(b, flow);
            assert.strictEqual(off.status, "blocked");
            assert.ok(off.dropPath!.includes("security group references do not cross tgw-hub: securityGroupReferencingSupport is not enabled on the gateway and both attachments"), off.dropPath!.join("\n"));
            b.set(T.tgw, "hub", "securityGroupReferencingSupport", "enable");
            assert.strictEqual(one(b, flow).status, "proven");
            // An egress rule by reference to the server's group does not match across the gateway.
            b.remove(T.sgEgress, "fn-v4");
            b.egress("fn-to-srv", "sg-fn", 443, "sg-srv");
            const out = one(b, flow);
            assert.strictEqual(out.status, "blocked");
            assert.match(out.drop!, /allows egress on tcp\/443 only to 2001:db8:0:b00::\/56, members of sg-srv, not 10\.20\.1\.10\/32 \(outbound rules cannot reference groups across a transit gateway\)$/);
        });

        /** A VPC with a public subnet (NAT gateway, internet gateway) and a private subnet with a Lambda client. */
        function edge(natProps: Record<string, unknown> = {}): NetBuilder {
            const b = new NetBuilder();
            const v = b.vpc("e", "10.7.0.0/16", "2001:db8:7::/56");
            b.subnet("pub", v, "us-west-2a", "10.7.100.0/24", "2001:db8:7:100::/64");
            b.subnet("priv", v, "us-west-2a", "10.7.0.0/24", "2001:db8:7::/64", { enableDns64: true });
            b.add(T.igw, "igw", { vpcId: v }, { id: "igw-e" });
            b.add(T.eigw, "eigw", { vpcId: v }, { id: "eigw-e" });
            b.add(T.nat, "nat", { subnetId: "subnet-pub", privateIp: "10.7.100.5", ...natProps }, { id: "nat-e" });
            b.routeTable("pub", v, ["subnet-pub"]);
            b.route("pub-v4", "rtb-pub", "0.0.0.0/0", { gatewayId: "igw-e" });
            b.routeTable("priv", v, ["subnet-priv"]);
            b.route("priv-v4", "rtb-priv", "0.0.0.0/0", { natGatewayId: "nat-e" });
            b.route("priv-v6", "rtb-priv", "::/0", { egressOnlyGatewayId: "eigw-e" });
            const fsg = b.sg("fn", v);
            b.egress("fn-v4", fsg, "all", "0.0.0.0/0");
            b.egress("fn-v6", fsg, "all", "::/0");
            b.lambda("fn", ["subnet-priv"], [fsg], true);
            return b;
        }
        const internet = { kind: "internet" as const };

        it("NAT gateway: a public one reaches the internet; a private one, a missing one, one without a subnet, or IPv6 outside 64:ff9b::/96 do not", () => {
            const f = one(edge(), { from: fn("fn"), to: internet, family: "ipv4", port: 443 });
            assert.strictEqual(f.status, "proven", f.drop);
            const priv = one(edge({ connectivityType: "private" }), { from: fn("fn"), to: internet, family: "ipv4", port: 443 });
            assert.match(priv.drop!, /sends 0\.0\.0\.0\/0 to the internet gateway igw-e, but the source 10\.7\.100\.5\/32 has no public IPv4 address .*\[after route table rtb-priv/);
            const gone = edge().remove(T.nat, "nat");
            assert.match(one(gone, { from: fn("fn"), to: internet, family: "ipv4", port: 443 }).drop!, /sends 0\.0\.0\.0\/0 to nat-e, which is not in the graph \(a blackhole route\)$/);
            const lost = edge({ subnetId: "subnet-gone" });
            assert.match(one(lost, { from: fn("fn"), to: internet, family: "ipv4", port: 443 }).drop!, /NAT gateway nat-e \(nat\) has no subnet or address in the graph$/);
            // No privateIp recorded: the NAT gateway's address set is its subnet.
            const noIp = edge({ privateIp: undefined });
            assert.ok(one(noIp, { from: fn("fn"), to: internet, family: "ipv4", port: 443 }).path!.includes("NAT gateway nat-e (nat): SNAT 10.7.0.0/24 -> 10.7.100.0/24"));
            const v6 = edge();
            v6.remove(T.route, "priv-v6");
            v6.route("priv-v6-nat", "rtb-priv", "::/0", { natGatewayId: "nat-e" });
            assert.match(one(v6, { from: fn("fn"), to: internet, family: "ipv6", port: 443 }).drop!, /NAT gateway nat-e \(nat\) translates only 64:ff9b::\/96 \(NAT64\); ::\/0 is not in it$/);
        });

        it("NAT64: IPv6 to 64:ff9b::/96 through a public NAT gateway reaches the IPv4 internet; through a private one it does not", () => {
            const flow = { from: fn("fn"), to: { kind: "cidr" as const, cidr: "64:ff9b::c633:6400/120" }, family: "ipv6" as const, port: 443 };
            const b = edge();
            b.route("priv-nat64", "rtb-priv", "64:ff9b::/96", { natGatewayId: "nat-e" });
            const f = one(b, flow);
            assert.strictEqual(f.status, "proven", f.drop);
            assert.ok(f.path!.includes("NAT gateway nat-e (nat): NAT64 2001:db8:7::/64 -> 10.7.100.5/32, 64:ff9b::c633:6400/120 -> 198.51.100.0/24"), f.path!.join("\n"));
            const p = edge({ connectivityType: "private" });
            p.route("priv-nat64", "rtb-priv", "64:ff9b::/96", { natGatewayId: "nat-e" });
            assert.match(one(p, flow).drop!, /sends 198\.51\.100\.0\/24 to the internet gateway igw-e, but the source 10\.7\.100\.5\/32 has no public IPv4 address/);
        });

        it("a public subnet whose default route points at its own NAT gateway is a routing loop", () => {
            const b = edge();
            b.remove(T.route, "pub-v4");
            b.route("pub-v4-nat", "rtb-pub", "0.0.0.0/0", { natGatewayId: "nat-e" });
            assert.match(one(b, { from: fn("fn"), to: internet, family: "ipv4", port: 443 }).drop!, /routing loop: 0\.0\.0\.0\/0 comes back to subnet subnet-pub \(pub, us-west-2a\) \[after route table rtb-priv/);
        });

        it("internet gateways: IPv4 to an egress-only gateway, a NAT64 address to any gateway, a private destination, a target the model does not follow", () => {
            const b = edge();
            b.remove(T.route, "priv-v4");
            b.route("priv-v4-eigw", "rtb-priv", "0.0.0.0/0", { egressOnlyGatewayId: "eigw-e" });
            assert.match(one(b, { from: fn("fn"), to: internet, family: "ipv4", port: 443 }).drop!, /sends IPv4 0\.0\.0\.0\/0 to the egress-only internet gateway eigw-e, which carries IPv6 only$/);
            const n64 = edge();
            const f64 = one(n64, { from: fn("fn"), to: { kind: "cidr", cidr: "64:ff9b::c633:6400/120" }, family: "ipv6", port: 443 });
            assert.match(f64.drop!, /sends 64:ff9b::c633:6400\/120 \(NAT64 prefix 64:ff9b::\/96\) to the egress-only internet gateway eigw-e, where it goes nowhere: only a NAT gateway translates it; add a 64:ff9b::\/96 route to a NAT gateway$/);
            // A private (RFC 1918) destination outside the graph is not delivered by an internet gateway.
            const p = edge();
            p.remove(T.route, "priv-v4");
            p.route("priv-v4-igw", "rtb-priv", "0.0.0.0/0", { gatewayId: "igw-e" });
            assert.match(one(p, { from: fn("fn"), to: { kind: "cidr", cidr: "192.168.5.0/24" }, family: "ipv4", port: 443 }).drop!,
                /sends 192\.168\.5\.0\/24 to the internet gateway igw-e \(0\.0\.0\.0\/0, priv-v4-igw\), but the destination is a private address$/);
            // A route to an interface (an appliance) is not followed: to an external destination the flow is undecided.
            const eni = edge();
            eni.remove(T.route, "priv-v4");
            eni.route("priv-v4-eni", "rtb-priv", "0.0.0.0/0", { networkInterfaceId: "eni-fw" });
            const u = one(eni, { from: fn("fn"), to: internet, family: "ipv4", port: 443 });
            assert.strictEqual(u.status, "unknown");
            assert.match(u.drop!, /^undecided: route table rtb-priv \(priv\) of subnet subnet-priv \(priv, us-west-2a\) sends 0\.0\.0\.0\/0 to eni-fw, a target the model does not follow; as computed: blocked/);
        });

        it("the internet's reply must pass the subnet's NACL inbound on the ephemeral ports", () => {
            const b = edge();
            b.add(T.nacl, "pub-acl", { subnetIds: ["subnet-pub"], ingress: [{ ruleNo: 100, protocol: "-1", action: "allow", cidrBlock: "10.7.0.0/16" }], egress: [{ ruleNo: 100, protocol: "-1", action: "allow", cidrBlock: "0.0.0.0/0" }] }, { id: "acl-pub" });
            const f = one(b, { from: fn("fn"), to: internet, family: "ipv4", port: 443 });
            assert.strictEqual(f.status, "blocked");
            assert.match(f.drop!, /reply from the IPv4 internet \(0\.0\.0\.0\/0\) cannot return: network ACL acl-pub \(pub-acl\) has no ingress rule allowing 0\.0\.0\.0\/0 on tcp\/1024-65535 \(implicit deny\) \(entering subnet subnet-pub/);
            b.remove(T.nacl, "pub-acl");
            b.add(T.nacl, "pub-acl", { subnetIds: ["subnet-pub"], ingress: [{ ruleNo: 100, protocol: "-1", action: "allow", cidrBlock: "10.7.0.0/16" }, { ruleNo: 110, protocol: "tcp", action: "allow", cidrBlock: "0.0.0.0/0", fromPort: 1024, toPort: 65535 }], egress: [{ ruleNo: 100, protocol: "-1", action: "allow", cidrBlock: "0.0.0.0/0" }] }, { id: "acl-pub" });
            assert.strictEqual(one(b, { from: fn("fn"), to: internet, family: "ipv4", port: 443 }).status, "proven");
        });

        it("a subnet without any route table (no association, no main table) says so", () => {
            const b = lan();
            b.add(T.vpc, "bare", { cidrBlock: "10.9.0.0/16" }, { id: "vpc-bare" });
            b.subnet("z0", "vpc-bare", "us-west-2a", "10.9.0.0/24");
            b.lambda("lost", ["subnet-z0"], ["sg-cli"], false);
            assert.match(one(b, { from: fn("lost"), to: inst("srv"), family: "ipv4", port: 443 }).drop!, /subnet subnet-z0 \(z0, us-west-2a\) has no route table in the graph \(no association and no main route table of its VPC\)$/);
        });
    });
    describe("analyze: endpoint kinds, NLB listeners and DNS, CIDR destinations, the CNI's egress settings", () => {
        it("each endpoint kind is described the way the plan prints it; a missing one is named", () => {
            const b = lan();
            b.cluster("c4", { ipFamily: "ipv4", subnets: ["subnet-a0"], sgs: ["sg-cli"] });
            const to = (t: FlowIntent["to"], family: "ipv4" | "ipv6" = "ipv4") => one(b, { from: inst("cli"), to: t, family, port: 443 });
            const cases: [FlowIntent["to"], string, string][] = [
                [{ kind: "pods", cluster: "nope" }, "pods of nope", "no EKS cluster component named nope in the graph (clusters: c4)"],
                [{ kind: "nlb", loadBalancer: "nope" }, "NLB nope", "no network load balancer named nope in the graph"],
                [inst("nope"), "instance nope", "no instance named nope in the graph"],
                [{ kind: "endpoint", endpoint: "nope" }, "endpoint nope", "no VPC endpoint named nope in the graph"],
                [{ kind: "function", function: "fn" }, "function fn", "function fn is not a destination the model resolves"],
                [{ kind: "clusterIP", cluster: "nope", service: "web" }, "ClusterIP of web in nope", "no EKS cluster component named nope in the graph (clusters: c4)"],
                [{ kind: "clusterIP", cluster: "c4" }, "ClusterIP in c4", "the ClusterIP of c4 (service CIDR of the cluster) exists only on c4's nodes (kube-proxy); it never leaves the cluster"],
                [{ kind: "cidr", cidr: "10.1.0.0/23" }, "CIDR 10.1.0.0/23", "flow destination cidr 10.1.0.0/23 spans several subnets (subnet-a0, subnet-a1); name one subnet's range or a part of it"],
                [{ kind: "cidr", cidr: "10.1.200.0/24" }, "CIDR 10.1.200.0/24", "flow destination cidr 10.1.200.0/24 is in a's CIDRs but in no subnet of the graph"],
                [{ kind: "cidr", cidr: "2001:db8:9::/64" }, "CIDR 2001:db8:9::/64", "flow destination cidr 2001:db8:9::/64 is ipv6, but the flow's family is ipv4"],
                [{ kind: "cidr", cidr: "10.1.0/24" }, "CIDR 10.1.0/24", "flow destination cidr \"10.1.0/24\" is not a CIDR (write it like 10.20.0.0/16 or 2001:db8::/56)"],
                [{ kind: "aws-service", service: "S3", dualStack: true }, "AWS service S3 (dual-stack endpoint)", "flow destination aws-service has service \"S3\"; write the endpoint prefix, for example \"s3\", \"sts\" or \"ecr.api\""],
                [{ kind: "aws-service", service: "ecr.api ", dualStack: false }, "AWS service ecr.api  (IPv4-only endpoint)", "flow destination aws-service has service \"ecr.api \"; write the endpoint prefix, for example \"s3\", \"sts\" or \"ecr.api\""],
            ];
            for (const [t, described, drop] of cases) {
                const f = to(t);
                assert.deepStrictEqual([f.from, f.to, f.status, f.drop], ["instance cli", described, "blocked", drop], described);
            }
            assert.strictEqual(to({ kind: "internet" }).to, "the internet");
            // A destination-only kind as the source.
            const back = one(b, { from: { kind: "internet" } as FlowIntent["from"], to: inst("srv"), family: "ipv4", port: 443 });
            assert.deepStrictEqual([back.from, back.drop], ["the internet", "the internet cannot be the client of a flow"]);
            // With no cluster at all, the list says none.
            assert.strictEqual(one(lan(), { from: inst("cli"), to: { kind: "pods", cluster: "x" }, family: "ipv4", port: 443 }).drop, "no EKS cluster component named x in the graph (clusters: none)");
        });

        it("the internet per family is every public address of it; a public CIDR goes out through the gateway, a private one does not", () => {
            const b = lan();
            const f4 = one(b, { from: inst("cli"), to: { kind: "internet" }, family: "ipv4", port: 443 });
            assert.strictEqual(f4.drop, "instance cli -> the IPv4 internet: route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a) has no route for 0.0.0.0/0");
            const f6 = one(b, { from: inst("cli"), to: { kind: "internet" }, family: "ipv6", port: 443 });
            assert.strictEqual(f6.drop, "instance cli -> the IPv6 internet: route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a) has no route for ::/0");
            b.add(T.igw, "igw", { vpcId: "vpc-a" }, { id: "igw-a" });
            b.route("a-v6", "rtb-a", "::/0", { gatewayId: "igw-a" });
            assert.strictEqual(one(b, { from: inst("cli"), to: { kind: "cidr", cidr: "2001:db8:ff::/48" }, family: "ipv6", port: 443 }).status, "proven");
            // fc00::/7 (ULA) is private: an internet gateway does not deliver it.
            assert.match(one(b, { from: inst("cli"), to: { kind: "cidr", cidr: "fd00:1::/64" }, family: "ipv6", port: 443 }).drop!, /but the destination is a private address$/);
        });

        /** lan() with an internal NLB in a0 and a1 (cross-zone as given) forwarding tcp/443 to the server in a1. */
        function nlbLan(crossZone: boolean, protocol = "TCP"): NetBuilder {
            const b = lan();
            const lb = b.nlb("n", ["subnet-a0", "subnet-a1"], { crossZone });
            const tg = b.targetGroup("tg", { port: 443 });
            b.add(T.listener, "l", { loadBalancerArn: lb, port: 443, protocol, defaultActions: [{ type: "forward", targetGroupArn: tg }] }, { id: "arn:listener/l" });
            b.attach("srv-att", tg, "i-srv", 443);
            b.ingress("srv-in", "sg-srv", 443, "10.1.0.0/16");
            return b;
        }
        const toNlb = { from: inst("cli"), to: { kind: "nlb" as const, loadBalancer: "n" }, family: "ipv4" as const, port: 443 };

        it("an NLB serves TCP on TCP, TLS and TCP_UDP listeners of the flow's port only", () => {
            for (const protocol of ["TCP", "tls", "TCP_UDP"]) assert.strictEqual(one(nlbLan(true, protocol), toNlb).status, "proven", protocol);
            const udp = one(nlbLan(true, "UDP"), toNlb);
            assert.strictEqual(udp.status, "blocked");
            assert.match(udp.drop!, /n has no TCP listener on port 443 \(listeners: UDP\/443\)$/);
            assert.match(one(nlbLan(true), { ...toNlb, port: 444 }).drop!, /n has no TCP listener on port 444 \(listeners: TCP\/443\)$/);
        });

        it("cross-zone off: the node whose AZ has no target leaves the NLB's DNS name, so every client still arrives", () => {
            const f = one(nlbLan(false), toNlb);
            assert.strictEqual(f.status, "proven", f.drop);
            assert.deepStrictEqual(f.placements, { total: 1, reached: 1 });
            assert.ok(f.path!.includes("n's DNS name leaves out its node in us-west-2a (no target there and cross-zone load balancing off)"), f.path!.join("\n"));
            // Cross-zone on keeps both nodes.
            assert.deepStrictEqual(one(nlbLan(true), toNlb).placements, { total: 2, reached: 2 });
            // The target group's own attribute overrides the load balancer's setting, both ways.
            const tgOff = nlbLan(true).set(T.targetGroup, "tg", "loadBalancingCrossZoneEnabled", "false");
            assert.deepStrictEqual(one(tgOff, toNlb).placements, { total: 1, reached: 1 });
            const tgOn = nlbLan(false).set(T.targetGroup, "tg", "loadBalancingCrossZoneEnabled", "true");
            assert.deepStrictEqual(one(tgOn, toNlb).placements, { total: 2, reached: 2 });
        });

        it("an IPv4-only NLB has no IPv6 address and no AAAA record", () => {
            const f = one(nlbLan(true), { ...toNlb, family: "ipv6" });
            assert.strictEqual(f.status, "blocked");
            assert.strictEqual(f.drop, "instance cli -> n node in subnet-a0 (us-west-2a): n is ipAddressType ipv4: it has no IPv6 address and its DNS name has only A records; DNS64 is off in the client's subnet subnet-a0 (a0, us-west-2a) (enableDns64 false), so the resolver synthesizes no 64:ff9b::/96 AAAA for it");
            const ds = nlbLan(true).set(T.lb, "n", "ipAddressType", "dualstack");
            ds.set(T.subnet, "a0", "ipv6CidrBlock", undefined);
            assert.match(one(ds, { ...toNlb, family: "ipv6" }).drop!, /n's subnet subnet-a0 \(a0, us-west-2a\) has no IPv6 block/);
        });

        it("client IP preservation: the target subnet's NACL must let the reply leave to the client itself; without it, to the NLB", () => {
            const b = nlbLan(true);
            b.add(T.nacl, "srv-acl", { subnetIds: ["subnet-a1"], ingress: [{ ruleNo: 100, protocol: "-1", action: "allow", cidrBlock: "0.0.0.0/0" }], egress: [{ ruleNo: 100, protocol: "-1", action: "allow", cidrBlock: "10.1.1.0/24" }] }, { id: "acl-srv" });
            const f = one(b, toNlb);
            assert.strictEqual(f.status, "blocked");
            assert.match(f.drop!, /reply from target instance i-srv \(srv\) to the preserved client address 10\.1\.0\.10\/32 cannot leave: network ACL acl-srv \(srv-acl\) has no egress rule allowing 10\.1\.0\.10\/32 on tcp\/1024-65535/);
            b.set(T.targetGroup, "tg", "preserveClientIp", "false");
            // Now the target answers the NLB node's subnet (10.1.0.0/24 for the node in a0), which the NACL refuses too.
            const g = one(b, toNlb);
            assert.strictEqual(g.status, "blocked");
            assert.strictEqual(g.drop, "instance cli -> n node in subnet-a0 (us-west-2a): reply from target instance i-srv (srv) to 10.1.0.0/24 cannot return: network ACL acl-srv (srv-acl) has no egress rule allowing 10.1.0.0/24 on tcp/1024-65535 (implicit deny) (leaving subnet subnet-a1 (a1, us-west-2b))");
            assert.ok(g.dropPath!.includes("n -> target group tg (ipv4, instance targets): source becomes the NLB address in 10.1.0.0/24"), g.dropPath!.join("\n"));
        });

        it("an IPv4 cluster's v6 egress needs ENABLE_V6_EGRESS in both env and init.env, in valid JSON", () => {
            const flow = { from: { kind: "pods" as const, cluster: "c4" }, to: inst("srv"), family: "ipv6" as const, port: 443 };
            const withCni = (cni: string | undefined) => {
                const b = lan();
                b.cluster("c4", { ipFamily: "ipv4", subnets: ["subnet-a0"], sgs: ["sg-cli"] });
                b.ingress("srv-in-v6", "sg-srv", 443, "2001:db8:1::/56");
                b.set(T.addon, "c4-vpc-cni", "configurationValues", cni);
                return one(b, flow).drop;
            };
            assert.strictEqual(withCni("{not json"), "IPv4 cluster c4 has no IPv6 egress: vpc-cni configurationValues is not JSON");
            assert.strictEqual(withCni(undefined), "IPv4 cluster c4 has no IPv6 egress: vpc-cni configurationValues does not set ENABLE_V6_EGRESS (default false)");
            assert.strictEqual(withCni(JSON.stringify({ env: { ENABLE_V6_EGRESS: "true" } })), "IPv4 cluster c4 has no IPv6 egress: ENABLE_V6_EGRESS is \"true\" only in env; the CNI needs it in both (amazon-vpc-cni-k8s#3124)");
            assert.strictEqual(withCni(JSON.stringify({ init: { env: { ENABLE_V6_EGRESS: "true" } } })), "IPv4 cluster c4 has no IPv6 egress: ENABLE_V6_EGRESS is \"true\" only in init.env; the CNI needs it in both (amazon-vpc-cni-k8s#3124)");
            assert.strictEqual(withCni(JSON.stringify({ env: { ENABLE_V6_EGRESS: true }, init: { env: { ENABLE_V6_EGRESS: "true" } } })), "IPv4 cluster c4 has no IPv6 egress: ENABLE_V6_EGRESS is \"true\" only in init.env; the CNI needs it in both (amazon-vpc-cni-k8s#3124)");
            assert.strictEqual(withCni(JSON.stringify({ env: { ENABLE_V6_EGRESS: "true" }, init: { env: { ENABLE_V6_EGRESS: "true" } } })), undefined);
        });

        it("an AWS service is answered by an interface endpoint only with private DNS, in the client's VPC, for that service", () => {
            const withEp = (props: Record<string, unknown>) => {
                const b = lan();
                b.sg("ep", "vpc-a");
                b.ingress("ep-in", "sg-ep", 443, "10.1.0.0/16");
                b.add(T.endpoint, "sts-ep", { vpcEndpointType: "Interface", serviceName: "com.amazonaws.us-west-2.sts", vpcId: "vpc-a", subnetIds: ["subnet-a1"], securityGroupIds: ["sg-ep"], privateDnsEnabled: true, ...props }, { id: "vpce-sts" });
                return one(b, { from: inst("cli"), to: { kind: "aws-service", service: "sts", dualStack: false }, family: "ipv4", port: 443 });
            };
            const ok = withEp({});
            assert.strictEqual(ok.status, "proven", ok.drop);
            assert.strictEqual(ok.path!.at(-1), "arrives at interface endpoint sts-ep for sts (private DNS)");
            const publicRoute = "instance cli -> AWS service sts: route table rtb-a (a) of subnet subnet-a0 (a0, us-west-2a) has no route for 0.0.0.0/0";
            for (const props of [{ privateDnsEnabled: false }, { vpcEndpointType: "Gateway" }, { vpcId: "vpc-other" }, { serviceName: "com.amazonaws.us-west-2.xsts" }, { serviceName: "" }]) {
                assert.strictEqual(withEp(props).drop, publicRoute, JSON.stringify(props));
            }
            // The endpoint found, its interface refusing the client is the drop.
            const refused = withEp({ securityGroupIds: ["sg-srv"] });
            assert.strictEqual(refused.drop, "instance cli -> AWS service sts: endpoint vpce-sts (sts-ep) interface in subnet-a1 (private DNS of sts): security group sg-srv (srv) of endpoint vpce-sts (sts-ep) interface in subnet-a1 admits tcp/443 from nothing, so not 10.1.0.10/32");
        });

        it("an IPv4-only AWS service over IPv6 needs DNS64 in the client's subnet", () => {
            const b = lan();
            const flow = { from: inst("cli"), to: { kind: "aws-service" as const, service: "sts", dualStack: false }, family: "ipv6" as const, port: 443 };
            assert.strictEqual(one(b, flow).drop, "instance cli -> AWS service sts: AWS service sts's endpoint is IPv4-only: its name has no AAAA record (use its dual-stack endpoint, IPv4 from the client, or DNS64 with a NAT64 route)");
            b.set(T.subnet, "a0", "enableDns64", true);
            const f = one(b, flow);
            assert.ok(f.dropPath!.includes("DNS64 in subnet-a0 answers sts's IPv4-only name with 64:ff9b::/96"), f.dropPath!.join("\n"));
            assert.match(f.drop!, /has no route for 64:ff9b::\/96$/);
            // The dual-stack name needs no DNS64: its AAAA goes to ::/0.
            assert.match(one(b, { ...flow, to: { ...flow.to, dualStack: true } }).drop!, /has no route for ::\/0$/);
        });

        it("clients and destinations that cannot take part say why (the first line a user reads under a blocked flow)", () => {
            const base = () => {
                const b = lan();
                b.cluster("c6", { ipFamily: "ipv6", subnets: ["subnet-a0"], sgs: ["sg-cli"] });
                b.cluster("c4", { ipFamily: "ipv4", subnets: ["subnet-a0"], sgs: ["sg-cli"], cni: { env: { ENABLE_V6_EGRESS: "true" }, init: { env: { ENABLE_V6_EGRESS: "true" } } } });
                b.add(T.endpoint, "gw", { vpcEndpointType: "Gateway", vpcId: "vpc-a", serviceName: "com.amazonaws.us-west-2.s3" }, { id: "vpce-gw" });
                b.add(T.endpoint, "v4", { vpcEndpointType: "Interface", vpcId: "vpc-a", subnetIds: ["subnet-a1"], ipAddressType: "ipv4" }, { id: "vpce-v4" });
                b.add(T.endpoint, "ds4", { vpcEndpointType: "Interface", vpcId: "vpc-a", subnetIds: ["subnet-a1"], ipAddressType: "dualstack", dnsOptions: { dnsRecordIpType: "ipv4" } }, { id: "vpce-ds4" });
                b.add(T.endpoint, "ds6", { vpcEndpointType: "Interface", vpcId: "vpc-a", subnetIds: ["subnet-a1"], ipAddressType: "dualstack", dnsOptions: { dnsRecordIpType: "ipv6" } }, { id: "vpce-ds6" });
                b.add(T.endpoint, "pending", { vpcEndpointType: "Interface", vpcId: "vpc-a", subnetIds: ["subnet-a1"], state: "pendingAcceptance" }, { id: "vpce-pending" });
                b.add(T.endpoint, "nosub", { vpcEndpointType: "Interface", vpcId: "vpc-a", subnetIds: [] }, { id: "vpce-nosub" });
                b.add(T.endpoint, "lostsub", { vpcEndpointType: "Interface", vpcId: "vpc-a", subnetIds: ["subnet-gone"] }, { id: "vpce-lostsub" });
                b.lambda("novpc", [], [], false);
                b.lambda("lostfn", ["subnet-gone"], ["sg-cli"], false);
                b.instance("v4only", "subnet-a1", ["sg-srv"], "10.1.1.20");
                return b;
            };
            const cases: [FlowIntent["from"], FlowIntent["to"], "ipv4" | "ipv6", string][] = [
                [inst("cli"), { kind: "pods", cluster: "c6" }, "ipv4", "pods of IPv6 cluster c6 have no IPv4 address others can reach: v4if0 (169.254.172.0/22) is egress-only, SNATed by the node"],
                [inst("cli"), { kind: "pods", cluster: "c4" }, "ipv6", "pods of IPv4 cluster c4 have no IPv6 address others can reach: v6if0 (fd00::ac:00/118) is an egress-only ULA, SNATed by the node"],
                [inst("cli"), { kind: "endpoint", endpoint: "gw" }, "ipv4", "endpoint gw is a Gateway endpoint, not an interface endpoint"],
                [inst("cli"), { kind: "endpoint", endpoint: "v4" }, "ipv6", "endpoint vpce-v4 (v4) has ipAddressType ipv4: its interfaces have no ipv6 address"],
                [inst("cli"), { kind: "endpoint", endpoint: "ds4" }, "ipv6", "endpoint vpce-ds4 (ds4) has dnsOptions.dnsRecordIpType ipv4: its DNS name has no AAAA records"],
                [inst("cli"), { kind: "endpoint", endpoint: "ds6" }, "ipv4", "endpoint vpce-ds6 (ds6) has dnsOptions.dnsRecordIpType ipv6: its DNS name has no A records"],
                [inst("cli"), { kind: "endpoint", endpoint: "pending" }, "ipv4", "endpoint vpce-pending (pending) is pendingAcceptance"],
                [inst("cli"), { kind: "endpoint", endpoint: "nosub" }, "ipv4", "endpoint nosub has no subnets"],
                [inst("cli"), { kind: "endpoint", endpoint: "lostsub" }, "ipv4", "subnet subnet-gone of endpoint lostsub is not in the graph"],
                [fn("novpc"), inst("srv"), "ipv4", "function novpc is not attached to a VPC (no vpcConfig.subnetIds)"],
                [fn("lostfn"), inst("srv"), "ipv4", "subnet subnet-gone of function lostfn is not in the graph"],
                [fn("nope"), inst("srv"), "ipv4", "no Lambda function named nope in the graph"],
                [inst("v4only"), inst("srv"), "ipv6", "instance v4only has no ipv6 address"],
            ];
            for (const [from, to, family, drop] of cases) {
                const f = one(base(), { from, to, family, port: 443 });
                assert.deepStrictEqual([f.status, f.drop, f.placements], ["blocked", drop, { total: 0, reached: 0 }], drop);
            }
            // A destination with no address of the family: the instance has no IPv6, and DNS64 is off.
            assert.strictEqual(one(base(), { from: inst("cli"), to: inst("v4only"), family: "ipv6", port: 443 }).drop,
                "instance cli -> instance v4only: instance v4only has no ipv6 address (no AAAA record); DNS64 is off in the client's subnet subnet-a0 (a0, us-west-2a) (enableDns64 false), so the resolver synthesizes no 64:ff9b::/96 AAAA for it");
        });

        it("cluster clients: the CNI's egress switches and the node subnets' blocks decide whether pods can send at all", () => {
            const pods = (cluster: string) => ({ kind: "pods" as const, cluster });
            const v4off = lan();
            v4off.cluster("c6", { ipFamily: "ipv6", subnets: ["subnet-a0"], sgs: ["sg-cli"], cni: { env: { ENABLE_V4_EGRESS: "false" } } });
            assert.strictEqual(one(v4off, { from: pods("c6"), to: inst("srv"), family: "ipv4", port: 443 }).drop, "vpc-cni of c6 sets ENABLE_V4_EGRESS=false: IPv6 pods have no IPv4 egress (no v4if0)");
            const v6only = lan();
            v6only.subnet("s6", "vpc-a", "us-west-2a", undefined, "2001:db8:1:6::/64");
            v6only.cluster("c6", { ipFamily: "ipv6", subnets: ["subnet-s6"], sgs: ["sg-cli"] });
            assert.strictEqual(one(v6only, { from: pods("c6"), to: inst("srv"), family: "ipv4", port: 443 }).drop, "node subnet subnet-s6 (s6, us-west-2a) has no IPv4 block for the node's primary IPv4");
            v6only.cluster("c6b", { ipFamily: "ipv4", subnets: ["subnet-s6"], sgs: ["sg-cli"] });
            assert.strictEqual(one(v6only, { from: pods("c6b"), to: inst("srv"), family: "ipv4", port: 443 }).drop, "node subnet subnet-s6 (s6, us-west-2a) has no ipv4 block for the pods of c6b");
            const on = { env: { ENABLE_V6_EGRESS: "true" }, init: { env: { ENABLE_V6_EGRESS: "true" } } };
            const no64 = lan();
            no64.cluster("c4", { ipFamily: "ipv4", subnets: ["subnet-a0"], sgs: ["sg-cli"], cni: on });
            no64.set(T.subnet, "a0", "ipv6CidrBlock", undefined);
            assert.strictEqual(one(no64, { from: pods("c4"), to: inst("srv"), family: "ipv6", port: 443 }).drop, "IPv4 cluster c4 has v6 egress on, but node subnet subnet-a0 (a0, us-west-2a) has no IPv6 /64, so nodes have no IPv6 and the CNI disables v6 egress");
            const noAssign = lan();
            noAssign.cluster("c4", { ipFamily: "ipv4", subnets: ["subnet-a0"], sgs: ["sg-cli"], cni: on });
            noAssign.set(T.subnet, "a0", "assignIpv6AddressOnCreation", false);
            assert.strictEqual(one(noAssign, { from: pods("c4"), to: inst("srv"), family: "ipv6", port: 443 }).drop, "IPv4 cluster c4 has v6 egress on, but node subnet subnet-a0 (a0, us-west-2a) does not assign IPv6 on creation (assignIpv6AddressOnCreation false), so nodes get no IPv6");
            // With the launch template assigning IPv6, the subnet flag is not needed.
            noAssign.set(T.launchTemplate, "c4-nodes", "networkInterfaces", [{ ipv6AddressCount: 1 }]);
            noAssign.ingress("srv-v6", "sg-srv", 443, "2001:db8:1::/56");
            const f = one(noAssign, { from: pods("c4"), to: inst("srv"), family: "ipv6", port: 443 });
            assert.strictEqual(f.status, "proven", f.drop);
            assert.strictEqual(f.path![0], "pod of c4: SNAT v6if0 fd00::ac:00/118 -> node IPv6 in 2001:db8:1::/64 (subnet-a0)");
        });

        it("undecided because of prefix lists the graph does not hold: three reasons named, the rest counted", () => {
            const b = lan();
            b.ingress("srv-in", "sg-srv", 443, "10.1.0.0/16");
            for (const i of [0, 1, 2, 3]) b.add(T.route, `pl${i}`, { routeTableId: "rtb-a", destinationPrefixListId: `pl-${i}`, natGatewayId: "nat-x" });
            const f = one(b, { from: inst("cli"), to: inst("srv"), family: "ipv4", port: 443 });
            assert.strictEqual(f.status, "unknown");
            assert.strictEqual(f.holds, true);
            assert.strictEqual(f.drop, "undecided: route table a has route pl0 to prefix list pl-0, which is not in the graph; route table a has route pl1 to prefix list pl-1, which is not in the graph; route table a has route pl2 to prefix list pl-2, which is not in the graph; and 1 more; as computed: proven");
            b.remove(T.route, "pl3");
            assert.doesNotMatch(one(b, { from: inst("cli"), to: inst("srv"), family: "ipv4", port: 443 }).drop!, /more/);
        });

        it("a ClusterIP is reached only from the cluster's own pods", () => {
            const b = lan();
            b.cluster("c4", { ipFamily: "ipv4", subnets: ["subnet-a0", "subnet-a1"], sgs: ["sg-cli"] });
            const own = one(b, { from: { kind: "pods", cluster: "c4" }, to: { kind: "clusterIP", cluster: "c4", service: "web" }, family: "ipv4", port: 80 });
            assert.deepStrictEqual([own.status, own.path, own.placements], ["proven", ["kube-proxy on c4's node translates the ClusterIP to a pod address"], { total: 2, reached: 2 }]);
            b.resources.find((r) => r.type === T.eksComponent && r.name === "c4")!.outputs.modelServiceIpv4Cidr = "172.20.0.0/16";
            const other = one(b, { from: inst("cli"), to: { kind: "clusterIP", cluster: "c4" }, family: "ipv4", port: 80 });
            assert.deepStrictEqual([other.status, other.drop, other.dropPath, other.placements], ["blocked", "the ClusterIP of c4 (service CIDR 172.20.0.0/16) exists only on c4's nodes (kube-proxy); it never leaves the cluster", [], { total: 1, reached: 0 }]);
        });

        it("undecided because of unknown values: the first five are named, the rest elided", () => {
            const b = lan();
            for (const [i, k] of ["k1", "k2", "k3", "k4", "k5", "k6"].entries()) b.add(T.igw, `u${i}`, { vpcId: "[unknown]", [k]: "[unknown]" }, { id: `igw-u${i}` });
            const f = one(b, { from: inst("cli"), to: inst("srv"), family: "ipv4", port: 443 });
            assert.strictEqual(f.status, "unknown");
            assert.match(f.drop!, /^undecided: 12 values are unknown until deploy \(u0\.vpcId, u0\.k1, u1\.vpcId, u1\.k2, u2\.vpcId, \.\.\.\); as recorded: blocked: /);
        });
    });
});
