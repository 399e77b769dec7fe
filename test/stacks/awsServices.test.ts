/**
 * AWS services from IPv6 pods (issue 18, the article's first section) in the stacks whose IPv6
 * cluster has the VPC CNI's egress IPv4 layer: the probe Job reaches an IPv4-only endpoint over
 * IPv4 from v4if0 and a dual-stack one over IPv6, by names built from the stack's region; the
 * declared flows are proven (or refused) on the graph, hop by hop, and break where they should.
 */
import * as assert from "assert";
import { analyzeGraph } from "../../engine/reachability/analyze";
import type { Graph } from "../../engine/graph";
import { loadStackConfig } from "../../engine/stackConfig";
import { prepare } from "../../stacks";
import { scriptBudget, PROBE_START_UP_SECONDS } from "../../lib/probeBudget";
import { cloneGraph, graphOf, planWith } from "../helpers/graphs";

const NS = "eks-ipv6-interop";
const ROUTE = "aws:ec2/route:Route";

function probeOf(graph: Graph): { script: string; deadline: number } {
    const script = graph.resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap" && typeof r.inputs?.data?.["probe.sh"] === "string")!.inputs.data["probe.sh"] as string;
    const job = graph.resources.find((r) => r.type === "kubernetes:batch/v1:Job")!;
    return { script, deadline: job.inputs.spec.activeDeadlineSeconds };
}

/** The verdict of each AWS-service flow, by its destination and family. */
function serviceVerdicts(graph: Graph): Record<string, { status: string; holds: boolean; path: string; drop?: string }> {
    const out: Record<string, { status: string; holds: boolean; path: string; drop?: string }> = {};
    const flows = analyzeGraph(graph, graph.intent).flows;
    graph.intent.forEach((f, i) => {
        if (f.to.kind !== "aws-service") return;
        out[`${f.to.service} ${f.family} ${f.expect}`] = { status: flows[i].status, holds: flows[i].holds, path: (flows[i].path ?? []).join("\n"), drop: flows[i].drop };
    });
    return out;
}

for (const stack of ["peering-ipv4-egress", "tgw-dual-stack", "onprem-vpn-ipv4-egress"]) {
    describe(`${stack}: AWS services from the IPv6 pods`, () => {
        it("the probe reaches ec2's IPv4-only name over IPv4 from v4if0 and sts's dual-stack name over IPv6, and its deadline holds every try", async () => {
            const graph = await graphOf(stack);
            const { script, deadline } = probeOf(graph);
            const v6 = graph.outputs.clusterVpc.ipv6Cidr as string;
            assert.ok(script.includes(`dig +short A 'ec2.us-west-2.amazonaws.com'`) && script.includes(`dig +short AAAA 'ec2.us-west-2.amazonaws.com'`), "ec2's name: A and no AAAA");
            assert.ok(script.includes(`curl -4 -sS --max-time 10 --retry 2 --retry-delay 3 --retry-all-errors -o /dev/null -w '%{http_code} %{local_ip}\\n' 'https://ec2.us-west-2.amazonaws.com/'`));
            assert.match(script, /PASS ec2\.us-west-2\.amazonaws\.com \(IPv4-only AWS endpoint\) answers curl -4 https:\/\/ec2\.us-west-2\.amazonaws\.com\/ from v4if0 \(169\.254\.172\.0\/22\)'/);
            assert.ok(script.includes(`curl -6 -sS --max-time 10 --retry 2 --retry-delay 3 --retry-all-errors -o /dev/null -w '%{http_code} %{local_ip}\\n' 'https://sts.us-west-2.api.aws/'`));
            assert.ok(script.includes(`PASS sts.us-west-2.api.aws (dual-stack AWS endpoint) answers curl -6 https://sts.us-west-2.api.aws/ from a pod address in ${v6}'`));
            assert.ok(scriptBudget(script).total.seconds + PROBE_START_UP_SECONDS <= deadline && deadline <= 600, `deadline ${deadline}`);
            assert.match(graph.outputs.checks, /curl -4 -sS -o \/dev\/null -w "%\{http_code\} from %\{local_ip\}\\n" https:\/\/ec2\.us-west-2\.amazonaws\.com\//);
        });

        it("declares the flows, and the plan proves them: IPv4 through the NAT gateway, IPv6 through the egress-only gateway, no IPv6 to the IPv4-only name", async () => {
            const v = serviceVerdicts(await graphOf(stack));
            assert.deepStrictEqual(Object.keys(v).sort(), ["ec2 ipv4 allow", "ec2 ipv6 deny", "sts ipv6 allow"]);
            assert.strictEqual(v["ec2 ipv4 allow"].status, "proven");
            assert.match(v["ec2 ipv4 allow"].path, /SNAT v4if0 169\.254\.172\.0\/22 -> node primary IPv4[\s\S]*0\.0\.0\.0\/0 -> nat-\w+[\s\S]*NAT gateway nat-\w+ \(cluster-vpc-0\): SNAT[\s\S]*internet gateway igw-\w+ delivers to AWS service ec2 \(public IPv4-only endpoint\)/);
            assert.strictEqual(v["sts ipv6 allow"].status, "proven");
            assert.match(v["sts ipv6 allow"].path, /::\/0 -> eigw-\w+[\s\S]*egress-only internet gateway eigw-\w+ delivers to AWS service sts \(public dual-stack endpoint\)/);
            assert.strictEqual(v["ec2 ipv6 deny"].status, "blocked");
            assert.match(v["ec2 ipv6 deny"].drop!, /ec2's endpoint is IPv4-only: its name has no AAAA record/);
        });

        it("without the NAT gateway's routes the IPv4 flow breaks, without the egress-only gateway's the IPv6 one, each naming the hop", async () => {
            const noNat = cloneGraph(await graphOf(stack));
            noNat.resources = noNat.resources.filter((r) => !(r.type === ROUTE && /^cluster-vpc-private-\d+-ipv4-default$/.test(r.name)));
            const a = serviceVerdicts(noNat);
            assert.strictEqual(a["ec2 ipv4 allow"].status, "blocked");
            assert.match(a["ec2 ipv4 allow"].drop!, /cluster-vpc-private-\d.* has no route for 0\.0\.0\.0\/0/);
            assert.strictEqual(a["sts ipv6 allow"].status, "proven");
            const noEigw = cloneGraph(await graphOf(stack));
            noEigw.resources = noEigw.resources.filter((r) => !(r.type === ROUTE && /^cluster-vpc-private-\d+-ipv6-default$/.test(r.name)));
            const b = serviceVerdicts(noEigw);
            assert.strictEqual(b["sts ipv6 allow"].status, "blocked");
            assert.match(b["sts ipv6 allow"].drop!, /has no route for ::\/0/);
            assert.strictEqual(b["ec2 ipv4 allow"].status, "proven");
        });

        it("DNS64 on the node subnets without their NAT64 route gives no IPv6 way to the IPv4-only name: 64:ff9b::/96 dies at the egress-only gateway", async () => {
            const g = cloneGraph(await graphOf(stack));
            for (const s of g.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet" && /^cluster-vpc-private-\d+$/.test(r.name))) {
                s.inputs.enableDns64 = true;
                s.outputs.enableDns64 = true;
            }
            const deny = analyzeGraph(g, g.intent).flows.find((f) => /no IPv6 way to the IPv4-only ec2/.test(f.name))!;
            assert.deepStrictEqual([deny.status, deny.holds], ["blocked", true]);
            assert.match(deny.dropPath!.join("\n"), /DNS64 in subnet-\w+ answers ec2's IPv4-only name with 64:ff9b::\/96/);
            assert.match(deny.drop!, /sends 64:ff9b::\/96 \(NAT64 prefix 64:ff9b::\/96\) to the egress-only internet gateway eigw-\w+, where it goes nowhere: only a NAT gateway translates it/);
        });
    });
}

describe("AWS-service checks follow the stack's config", () => {
    it("a region of another partition gets that partition's names (cn-north-1: amazonaws.com.cn, api.amazonwebservices.com.cn)", async () => {
        const g = await planWith("peering-ipv4-egress", { overrides: { "aws:region": "cn-north-1" } });
        const { script } = probeOf(g);
        assert.ok(script.includes("'https://ec2.cn-north-1.amazonaws.com.cn/'"));
        assert.ok(script.includes("'https://sts.cn-north-1.api.amazonwebservices.com.cn/'"));
    });

    it("a region whose partition has no documented names is refused before any resource, with the fix", () => {
        const all = loadStackConfig("tgw-dual-stack").config;
        assert.throws(() => prepare({ ...all, "aws:region": "us-iso-east-1" }, "tgw-dual-stack"), /aws:region: "us-iso-east-1" is invalid; us-iso-east-1 is in partition aws-iso.*probe\.awsServices: false/);
        const off = { ...all, "aws:region": "us-iso-east-1", [`${NS}:probe`]: JSON.stringify({ ...JSON.parse(all[`${NS}:probe`]), awsServices: false }) };
        assert.doesNotThrow(() => prepare(off, "tgw-dual-stack"));
    });

    it("with the probe off, such a region plans: nothing asks for the endpoints' names", async () => {
        const base = loadStackConfig("peering-ipv4-egress").config;
        const g = await planWith("peering-ipv4-egress", { overrides: { "aws:region": "us-iso-east-1", [`${NS}:probe`]: { ...JSON.parse(base[`${NS}:probe`]), enabled: false } } });
        assert.match(g.outputs.checks, /the AWS-service checks are off/);
    });

    it("probe.awsServices false leaves the checks out; the flows stay (they are about the network)", async () => {
        const base = loadStackConfig("peering-ipv4-egress").config;
        const g = await planWith("peering-ipv4-egress", { overrides: { [`${NS}:probe`]: { ...JSON.parse(base[`${NS}:probe`]), awsServices: false } } });
        const { script } = probeOf(g);
        assert.doesNotMatch(script, /ec2\.|sts\./);
        assert.match(script, /all 3 checks passed/);
        assert.strictEqual(g.intent.filter((f) => f.to.kind === "aws-service").length, 3);
    });

    it("no NAT gateway in the cluster VPC: the IPv4 flow is declared denied, proven so, and the probe requires the IPv4 request to fail", async () => {
        const base = loadStackConfig("peering-ipv4-egress").config;
        const g = await planWith("peering-ipv4-egress", { overrides: { [`${NS}:clusterVpc`]: { ...JSON.parse(base[`${NS}:clusterVpc`]), natGateways: "none" } } });
        const v = serviceVerdicts(g);
        assert.deepStrictEqual(Object.keys(v).sort(), ["ec2 ipv4 deny", "ec2 ipv6 deny", "sts ipv6 allow"]);
        assert.deepStrictEqual([v["ec2 ipv4 deny"].status, v["ec2 ipv4 deny"].holds], ["blocked", true]);
        assert.deepStrictEqual([v["sts ipv6 allow"].status, v["sts ipv6 allow"].holds], ["proven", true]);
        assert.match(probeOf(g).script, /PASS ec2\.us-west-2\.amazonaws\.com \(IPv4-only AWS endpoint\) answers curl -4 .* fails \(no NAT gateway in the cluster VPC/);
    });
});
