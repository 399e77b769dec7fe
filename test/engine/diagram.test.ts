import * as assert from "assert";
import * as fs from "fs";
import { diagramDot, DiagramError, VERDICT_STYLE } from "../../engine/diagram/dot";
import { dotToSvg } from "../../engine/diagram/render";
import type { Graph } from "../../engine/graph";
import { flowsSection } from "../../engine/reachability/section";
import { runPlan, tmpFile, writeTmp } from "../helpers/cli";
import { cloneGraph, graphOf } from "../helpers/graphs";

/** A stack's graph with its flows section, as `plan` leaves it before drawing. */
async function planned(stack: string): Promise<Graph> {
    const g = cloneGraph(await graphOf(stack));
    g.flows = flowsSection(g).json;
    return g;
}

/** The body of the subgraph (VPC box) with this ID in a DOT source. */
function box(dot: string, id: string): string {
    const start = dot.indexOf(`subgraph "${id}" {`);
    assert.ok(start >= 0, `no subgraph ${id} in the figure`);
    return dot.slice(start, dot.indexOf("\n  }", start));
}

/** The DOT line of the flow edge numbered n. */
function flowEdge(dot: string, n: number): string {
    const line = dot.split("\n").find((l) => l.includes(`xlabel="${n}: `) || l.includes(` label="${n}: `));
    assert.ok(line, `no edge for flow ${n}`);
    return line;
}

describe("diagram: the figure drawn from a graph (engine/diagram)", () => {
    it("draws each VPC as a box with its IPv4 and IPv6 blocks, and its subnets per tier and AZ", async () => {
        const g = await planned("tgw-dual-stack");
        const dot = diagramDot(g);
        const cluster = box(dot, "cluster_vpc_cluster-vpc");
        const v6 = g.resources.find((r) => r.type === "aws:ec2/vpc:Vpc" && r.name === "cluster-vpc")!.outputs.ipv6CidrBlock as string;
        assert.match(v6, /^2001:db8:[0-9a-f:]+\/56$/);
        assert.ok(cluster.includes(`dual-stack: 10.10.0.0/16  ·  ${v6}`), `the cluster VPC's box names 10.10.0.0/16 and ${v6}`);
        assert.match(box(dot, "cluster_vpc_app-vpc"), /IPv4 only: 10\.20\.0\.0\/16/);
        for (const s of g.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet")) {
            const vpc = g.resources.find((r) => r.type === "aws:ec2/vpc:Vpc" && r.id === s.outputs.vpcId)!;
            const body = box(dot, `cluster_vpc_${vpc.name}`);
            // An IPv6-only subnet has no IPv4 column value; DNS64 is named after the IPv6 block.
            const dns64 = s.outputs.enableDns64 === true ? " DNS64" : "";
            const row = `<tr><td>${s.outputs.availabilityZone}</td><td>${s.outputs.cidrBlock ?? "IPv6-only"}</td><td>${s.outputs.ipv6CidrBlock ? s.outputs.ipv6CidrBlock + dns64 : "no IPv6"}</td></tr>`;
            assert.ok(body.includes(row), `${s.name}: row ${row} missing from ${vpc.name}`);
        }
        assert.match(cluster, /<b>public<\/b>.*<b>private<\/b>/);
    });

    it("puts each EKS cluster, with its IP family, inside its own VPC's box", async () => {
        const dot = diagramDot(await planned("ipv4-pod-to-ipv6-pod"));
        assert.match(box(dot, "cluster_vpc_ipv4-cluster-vpc"), /"eks_ipv4-cluster".*ipFamily ipv4: IPv4 pods/);
        assert.match(box(dot, "cluster_vpc_ipv6-cluster-vpc"), /"eks_ipv6-cluster".*ipFamily ipv6: IPv6 pods/);
        assert.doesNotMatch(box(dot, "cluster_vpc_ipv4-cluster-vpc"), /eks_ipv6-cluster/);
        assert.match(box(dot, "cluster_vpc_ipv6-cluster-vpc"), /IPv4 egress through v4if0/);
        assert.doesNotMatch(box(dot, "cluster_vpc_ipv4-cluster-vpc"), /v4if0/);
    });

    it("draws the gateways, the peering and the transit gateway with its attachments", async () => {
        const peering = diagramDot(await planned("peering-ipv4-egress"));
        assert.match(box(peering, "cluster_vpc_cluster-vpc"), /internet gateway.*egress-only IGW \(IPv6 out\).*NAT gateway \(public\) in public us-west-2a/);
        assert.doesNotMatch(box(peering, "cluster_vpc_app-vpc"), /egress-only/);
        assert.match(peering, /"subnets_cluster-vpc" -> "pcx_cluster-to-app" \[ltail="cluster_vpc_cluster-vpc"/);
        assert.match(peering, /"pcx_cluster-to-app" -> "subnets_app-vpc" \[lhead="cluster_vpc_app-vpc"/);
        const tgw = diagramDot(await planned("tgw-dual-stack"));
        assert.match(tgw, /Transit Gateway hub.*attachment hub-app: app-vpc, IPv4 only.*attachment hub-cluster: cluster-vpc, IPv4 \+ IPv6/);
        for (const vpc of ["app-vpc", "service-vpc", "spoke-0-vpc"]) assert.match(tgw, new RegExp(`"tgw_hub" -> "subnets_${vpc}" \\[lhead="cluster_vpc_${vpc}"`));
        assert.match(tgw, /"subnets_cluster-vpc" -> "tgw_hub" \[ltail="cluster_vpc_cluster-vpc"/, "the VPC the flows start from sits left of the hub");
    });

    it("draws PrivateLink: the endpoint service in the provider VPC, fronting its NLB, and each consumer's endpoint", async () => {
        const dot = diagramDot(await planned("privatelink-interop"));
        assert.match(box(dot, "cluster_vpc_provider-vpc"), /"svc_service".*supports IPv4 \+ IPv6/);
        assert.match(box(dot, "cluster_vpc_ipv4-consumer-vpc"), /"vpce_ipv4-consumer-endpoint".*ipAddressType ipv4/);
        assert.match(box(dot, "cluster_vpc_dualstack-consumer-vpc"), /"vpce_dualstack-consumer-endpoint".*ipAddressType dualstack/);
        assert.match(dot, /"nlb_service-nlb" -> "svc_service"/);
        assert.match(dot, /"vpce_ipv4-consumer-endpoint" -> "svc_service" \[.*PrivateLink/);
        assert.match(dot, /"vpce_dualstack-consumer-endpoint" -> "svc_service" \[.*PrivateLink/);
        // Each VPC's contents form one column; a flow's destination in its source's box is left out
        // of it, so the Lambda -> endpoint flows run left to right like the rest of the figure.
        const column = box(dot, "cluster_vpc_ipv4-consumer-vpc").split("\n").find((l) => l.includes("rank=same"))!;
        assert.match(column, /"fn_ipv4-probe-fn"; "gw_ipv4-consumer-vpc"; "subnets_ipv4-consumer-vpc"/);
        assert.doesNotMatch(column, /vpce_/);
        assert.match(box(diagramDot(await planned("tgw-dual-stack")), "cluster_vpc_app-vpc"), /rank=same; "nlb_app-nlb"; "instance_app-0"; "gw_app-vpc"; "subnets_app-vpc"/);
    });

    it("draws a Site-to-Site VPN as a double line from the transit gateway to the customer gateway device, unlike peering, attachments and PrivateLink", async () => {
        const g = await planned("onprem-vpn-ipv4-egress");
        const dot = diagramDot(g);
        const vpn = dot.split("\n").filter((l) => l.includes("Site-to-Site VPN hub-vpn"));
        assert.strictEqual(vpn.length, 1, "one VPN link");
        assert.match(vpn[0], /^ {2}"tgw_hub" -> "instance_vpn-appliance" \[dir="none", color="#953800:invis:#953800"/);
        assert.match(vpn[0], /IPsec, 2 tunnels, static routes, IPv4 inside/);
        // The appliance sits in the on-premises VPC's box, which has no transit gateway attachment.
        assert.match(box(dot, "cluster_vpc_onprem-vpc"), /"instance_vpn-appliance"/);
        assert.ok(!dot.split("\n").some((l) => l.includes("tgw_hub") && l.includes("cluster_vpc_onprem-vpc")), "the on-premises VPC is not attached");
        // A customer gateway that is no instance of the graph is drawn as its own node.
        const c = cloneGraph(g);
        c.resources.find((r) => r.type === "aws:ec2/customerGateway:CustomerGateway")!.outputs.ipAddress = "203.0.113.77";
        c.resources.find((r) => r.type === "aws:ec2/customerGateway:CustomerGateway")!.inputs.ipAddress = "203.0.113.77";
        const other = diagramDot(c);
        assert.match(other, /"cgw_hub-vpn" \[shape="box".*customer gateway.*203\.0\.113\.77/);
        assert.match(other, /"tgw_hub" -> "cgw_hub-vpn"/);
    });

    it("draws each declared flow with the verdict of the flows section: through in solid green, dropped in dashed red", async () => {
        const g = await planned("peering-ipv4-egress");
        const dot = diagramDot(g);
        const flows = (g.flows as { flows: { status: string }[] }).flows;
        assert.deepStrictEqual(flows.map((f) => f.status), ["proven", "blocked", "proven", "proven", "blocked"]);
        assert.match(flowEdge(dot, 1), /^ {2}"eks_cluster" -> "nlb_app-nlb" \[color="#1a7f37", fontcolor="#1a7f37", style="solid"/);
        assert.match(flowEdge(dot, 2), /^ {2}"eks_cluster" -> "nlb_app-nlb" \[color="#cf222e", fontcolor="#cf222e", style="dashed"/);
        assert.match(dot, /1<\/b>.*gets through \(as declared: allow\).*IPv6 pod reaches the IPv4 NLB/);

        // The style follows the section's JSON, not a recomputation: flip the recorded verdict.
        (g.flows as { flows: { status: string; holds: boolean }[] }).flows[0] = { ...flows[0], status: "blocked", holds: false };
        const flipped = diagramDot(g);
        assert.match(flowEdge(flipped, 1), new RegExp(`color="${VERDICT_STYLE.blocked.color}".*style="dashed".*1: IPv4 tcp/80 FAILS`));
        assert.match(flipped, /expected allow: the plan FAILS/);
    });

    it("draws AWS service endpoints outside the VPCs: the name in the graph's region, dual-stack or IPv4-only, and the way out on the flow", async () => {
        const dot = diagramDot(await planned("peering-ipv4-egress"));
        const node = (title: string) => dot.split("\n").find((l) => l.includes(`<b>${title}</b>`))!;
        assert.match(node("AWS service sts"), /shape="box", style="rounded,filled".*sts\.us-west-2\.api\.aws.*dual-stack endpoint: A \+ AAAA records.*public endpoint, outside the VPCs/);
        assert.match(node("AWS service ec2"), /shape="box".*ec2\.us-west-2\.amazonaws\.com.*IPv4-only endpoint: A records only/);
        for (const vpc of ["cluster-vpc", "app-vpc"]) assert.doesNotMatch(box(dot, `cluster_vpc_${vpc}`), /AWS service/);
        const ec2 = /^ {2}"(ext_\d+)" \[.*AWS service ec2/m.exec(dot)![1];
        assert.match(flowEdge(dot, 3), new RegExp(`^ {2}"eks_cluster" -> "${ec2}" \\[color="#1a7f37".* label="3: IPv4 tcp/443 via NAT gateway"`));
        assert.match(flowEdge(dot, 4), / label="4: IPv6 tcp\/443 via egress-only IGW"/);
        assert.match(flowEdge(dot, 5), new RegExp(`^ {2}"eks_cluster" -> "${ec2}" \\[color="#cf222e".*style="dashed".* label="5: IPv6 tcp/443"`), "the same node, dropped, no way out");
    });

    it("draws the internet once for every family that goes there, a public CIDR outside the VPCs, a CIDR of a subnet inside its VPC", async () => {
        const g = cloneGraph(await graphOf("peering-ipv4-egress"));
        const pods = { kind: "pods", cluster: "cluster" } as const;
        g.intent = [
            { name: "to the IPv6 internet", from: pods, to: { kind: "internet" }, family: "ipv6", port: 443, expect: "allow" },
            { name: "to the IPv4 internet", from: pods, to: { kind: "internet" }, family: "ipv4", port: 443, expect: "allow" },
            { name: "to a public network", from: pods, to: { kind: "cidr", cidr: "203.0.113.0/24" }, family: "ipv4", port: 443, expect: "allow" },
            { name: "to a private network", from: pods, to: { kind: "cidr", cidr: "192.168.50.0/24" }, family: "ipv4", port: 443, expect: "deny" },
            { name: "into the app subnet", from: pods, to: { kind: "cidr", cidr: "10.20.0.0/24" }, family: "ipv4", port: 80, expect: "allow" },
        ];
        g.flows = flowsSection(g).json;
        const dot = diagramDot(g);
        const internet = dot.split("\n").filter((l) => l.includes("<b>the internet</b>"));
        assert.strictEqual(internet.length, 1, "one internet node for both families");
        assert.match(internet[0], /public IPv4 \+ IPv6 addresses/);
        assert.match(dot, /<b>network 203\.0\.113\.0\/24<\/b>.*public addresses outside the VPCs/);
        assert.match(dot, /<b>network 192\.168\.50\.0\/24<\/b>.*private addresses outside the VPCs/);
        assert.match(box(dot, "cluster_vpc_app-vpc"), /<b>CIDR 10\.20\.0\.0\/24<\/b>.*in subnet app-vpc-private-0 \(us-west-2a\)/);
        assert.match(flowEdge(dot, 2), / label="2: IPv4 tcp\/443 via NAT gateway"/);
        assert.match(flowEdge(dot, 1), / label="1: IPv6 tcp\/443 via egress-only IGW"/);
        assert.match(await dotToSvg(dot), /<svg [\s\S]*the internet[\s\S]*network 203\.0\.113\.0\/24/);
    });

    it("refuses a graph without its flows section, or with one computed for other flows, and says how to get it", async () => {
        const g = cloneGraph(await graphOf("peering-ipv4-egress"));
        assert.throws(() => diagramDot(g), (e: Error) => e instanceof DiagramError && /no flows section/.test(e.message) && /--graph FILE --diagram FILE\.svg/.test(e.message));
        g.flows = flowsSection(g).json;
        g.intent = g.intent.slice(0, 1);
        assert.throws(() => diagramDot(g), /holds 5 results for 1 declared flows.*re-check the graph/);
        g.intent = [];
        assert.match(diagramDot(g), /no flows declared/);
    });

    it("escapes names and renders them: a flow named with markup characters still lays out", async () => {
        const g = await planned("peering-ipv4-egress");
        g.intent[0] = { ...g.intent[0], name: `pods <reach> "the" app & more` };
        (g.flows as { flows: { name: string }[] }).flows[0].name = g.intent[0].name;
        const dot = diagramDot(g);
        assert.ok(dot.includes("pods &lt;reach&gt; &quot;the&quot; app &amp; more"));
        const svg = await dotToSvg(dot);
        assert.match(svg, /^<\?xml[\s\S]*<svg [\s\S]*pods &lt;reach&gt;/);
    });

    it("is the same text for the same graph, without IDs or timings that change between runs", async () => {
        const g = await planned("privatelink-interop");
        const a = diagramDot(g);
        (g.flows as { ms: number }).ms = 12345;
        assert.strictEqual(diagramDot(g), a);
        assert.doesNotMatch(a, /vpc-[0-9a-f]{8}|subnet-[0-9a-f]{8}|12345/);
    });
});

describe("plan --diagram", () => {
    it("writes the figure of a re-checked graph as SVG, or its DOT source", async () => {
        const g = cloneGraph(await graphOf("peering-ipv4-egress"));
        const graphFile = writeTmp("graph.json", g);
        const svg = tmpFile("figure.svg");
        const r = await runPlan(["--graph", graphFile, "--diagram", svg]);
        assert.strictEqual(r.code, 0, r.err);
        assert.match(r.out, /Figure written to .*figure\.svg/);
        const text = fs.readFileSync(svg, "utf8");
        assert.match(text, /<svg [\s\S]*VPC cluster&#45;vpc[\s\S]*VPC peering cluster&#45;to&#45;app/);
        const dot = tmpFile("figure.dot");
        assert.strictEqual((await runPlan(["--graph", graphFile, "--diagram", dot])).code, 0);
        assert.match(fs.readFileSync(dot, "utf8"), /^digraph "peering-ipv4-egress" \{/);
    });

    it("refuses a file it cannot write, and --all, before planning anything", async () => {
        let r = await runPlan(["peering-ipv4-egress", "--diagram", "figure.png"]);
        assert.strictEqual(r.code, 1);
        assert.match(r.err, /--diagram: "figure\.png" is invalid; name a file ending in \.svg .* or \.dot/);
        r = await runPlan(["--all", "--diagram", "x.svg"]);
        assert.strictEqual(r.code, 1);
        assert.match(r.err, /--diagram: "x\.svg" is invalid; draws one graph: use it with one <stack>/);
        r = await runPlan(["peering-ipv4-egress", "--diagram", "/nonexistent-dir-i18/x.svg"]);
        assert.strictEqual(r.code, 1);
        assert.match(r.err, /the folder \/nonexistent-dir-i18 does not exist/);
        assert.doesNotMatch(r.out, /Plan of/);
    });
});
