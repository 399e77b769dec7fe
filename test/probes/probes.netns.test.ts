/**
 * Issue 22: each scenario's generated probe, taken from its planned graph, run against real
 * networking: pod-shaped network namespaces, a real resolver (dnsmasq), real HTTP servers, the
 * real `ip`, `dig` and `curl` (test/helpers/netns.ts). Each must pass on the healthy network
 * and fail, naming exactly the checks that broke, when one thing is broken.
 *
 * Needs Linux, root and the Debian tools .ci/run installs, and PROBE_NETNS=1 or =required;
 * otherwise each test is skipped with a message saying why (or, with =required, fails).
 */
import * as assert from "assert";
import * as path from "path";
import { Address4, Address6 } from "ip-address";
import type { Graph } from "../../engine/graph";
import { loadStackConfig } from "../../engine/stackConfig";
import { scriptBudget } from "../../lib/probeBudget";
import { DIG_BOUNDS, V4_EGRESS_POD_CIDR, V6_EGRESS_POD_CIDR } from "../../lib/probes";
import { probedServiceHosts } from "../../lib/aws/serviceEndpoints";
import { graphOf, planWith } from "../helpers/graphs";
import { inWorld, netnsUnavailable, ProbeRun, verdicts, World, WorldSpec } from "../helpers/netns";

const HANDLER = path.resolve(__dirname, "../../components/workloads/endpointProbe.handler.js");
const LAMBDA_RUNNER = path.resolve(__dirname, "lambdaRunner.js");
/** An EKS pod's resolv.conf search path (with ndots:5), so curl's lookups go through it as on EKS. */
const EKS_SEARCH = ["default.svc.cluster.local", "svc.cluster.local", "cluster.local", "us-west-2.compute.internal"];
/** Addresses outside every planned VPC (documentation prefix), for the broken variants. */
const ELSEWHERE_V6 = "2001:db8:ff00::/48";
/** Stand-ins for the AWS service endpoints' public addresses (documentation prefixes). */
const AWS_V4 = "198.51.100.7";
const AWS_V6 = "2001:db8:5e5::7";

/** A regular expression matching `text` literally. */
const lit = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The world's AWS service endpoints (lib/awsServices.ts): the IPv4-only name with an A record and
 * an HTTPS server on it that answers 403, as a service answers a request without credentials; the
 * dual-stack name with A and AAAA records, HTTPS on the IPv6 address, answering 302.
 */
function awsEndpoints(region: string) {
    const hosts = probedServiceHosts(region);
    return {
        hosts,
        records: { [hosts.ipv4Only]: { a: [AWS_V4] }, [hosts.dualStack]: { a: [AWS_V4], aaaa: [AWS_V6] } } as WorldSpec["records"],
        http: [{ address: AWS_V4, port: 443, tls: { names: [hosts.ipv4Only] }, status: 403 }, { address: AWS_V6, port: 443, tls: { names: [hosts.dualStack] }, status: 302 }],
    };
}

/** The four AWS-service checks of a script, by host. */
function awsChecks(script: string, hosts: { ipv4Only: string; dualStack: string }) {
    return {
        ec2AOnly: check(script, new RegExp(`^${lit(hosts.ipv4Only)} has A records and no AAAA`)),
        ec2: check(script, new RegExp(`^${lit(hosts.ipv4Only)} \\(IPv4-only AWS endpoint\\) answers curl -4 `)),
        stsAaaa: check(script, new RegExp(`^${lit(hosts.dualStack)} has AAAA records$`)),
        sts: check(script, new RegExp(`^${lit(hosts.dualStack)} \\(dual-stack AWS endpoint\\) answers curl -6 `)),
    };
}

/**
 * The pod part of a world for an IPv6 EKS cluster's pod in `clusterVpc`: its IPv6 address, the VPC
 * CNI's v4if0 egress interface, the node that SNATs, and CoreDNS as the resolver.
 */
function ipv6PodOf(clusterVpc: { ipv4Cidr: string; ipv6Cidr: string }) {
    return {
        name: "x", pod: { ipv6: nth(clusterVpc.ipv6Cidr, 0x1010) }, egress: { device: "v4if0" as const, address: nth(V4_EGRESS_POD_CIDR, 10) },
        node: { ipv4: nth(clusterVpc.ipv4Cidr, 0x0a0a), ipv6: nth(clusterVpc.ipv6Cidr, 0x20) }, resolver: "fd00:10:96::a", search: EKS_SEARCH,
    };
}

/** The variant that gives the IPv4-only AWS endpoint's name an AAAA record: only its A-only check fails. */
function aaaaOnIpv4OnlyEndpoint(healthy: WorldSpec, hosts: { ipv4Only: string }, svc: { ec2AOnly: string }) {
    return { name: "AAAA on the IPv4-only AWS endpoint's name", spec: { ...healthy, records: { ...healthy.records, [hosts.ipv4Only]: { a: [AWS_V4], aaaa: [nth(ELSEWHERE_V6, 0x200)] } } }, fails: [svc.ec2AOnly] };
}

/** Address number `n` of `cidr`. */
function nth(cidr: string, n: number): string {
    if (cidr.includes(":")) return Address6.fromBigInt(new Address6(cidr).startAddress().bigInt() + BigInt(n)).correctForm();
    return Address4.fromBigInt(new Address4(cidr).startAddress().bigInt() + BigInt(n)).correctForm();
}

/** The probe script the plan puts in the Job's ConfigMap (`probe.sh`). */
export function plannedProbeScript(graph: Graph): string {
    const maps = graph.resources.filter((r) => r.type === "kubernetes:core/v1:ConfigMap" && typeof r.inputs?.data?.["probe.sh"] === "string");
    assert.strictEqual(maps.length, 1, `${graph.stack}: one probe ConfigMap`);
    return maps[0].inputs.data["probe.sh"];
}

/** The one check of `script` whose name matches. */
function check(script: string, pattern: RegExp): string {
    const names = [...script.matchAll(/then echo 'PASS (.*?)'; else/g)].map((m) => m[1]);
    const found = names.filter((n) => pattern.test(n));
    assert.strictEqual(found.length, 1, `one check matching ${pattern} in ${names.join(" | ")}`);
    return found[0];
}

interface Variant {
    /** What is broken ("healthy" for nothing). */
    name: string;
    spec: WorldSpec;
    /** The checks that must fail, exactly; none for the healthy network. */
    fails: string[];
}

/**
 * Runs only when asked: PROBE_NETNS=1 (skip with a message where namespaces are out of reach) or
 * PROBE_NETNS=required (fail there; .ci/run sets it). Otherwise skipped with a message: about 45 s
 * of CPU, too much for every local `npm test`.
 */
const unavailable: Promise<string | undefined> = process.env.PROBE_NETNS === "1" || process.env.PROBE_NETNS === "required"
    ? netnsUnavailable()
    : Promise.resolve("not asked for; set PROBE_NETNS=1 to run it (.ci/run sets PROBE_NETNS=required)");
let worldCount = 0;

/** Skips (with a visible message) or, under PROBE_NETNS=required, fails when namespaces are out of reach. */
async function requireNetns(ctx: Mocha.Context, what: string): Promise<void> {
    const why = await unavailable;
    if (!why) return;
    if (process.env.PROBE_NETNS === "required") throw new Error(`PROBE_NETNS=required, but the probe harness cannot run: ${why}`);
    console.log(`\n    SKIPPED (${what}): the network-namespace probe harness: ${why}\n`);
    ctx.skip();
}

type Setup = () => Promise<{ variants: Variant[]; run: (w: World) => Promise<ProbeRun>; parse: (r: ProbeRun) => { passed: string[]; failed: string[] } }>;
interface Outcome { variants: Variant[]; parse: (r: ProbeRun) => { passed: string[]; failed: string[] }; results: Map<string, ProbeRun | Error> }
const scenarios: { title: string; setup: Setup; outcome?: Promise<Outcome> }[] = [];

/** Runs every variant of every scenario, a few worlds at a time. */
async function runAll(): Promise<void> {
    const jobs: (() => Promise<void>)[] = [];
    for (const sc of scenarios) {
        let resolveOutcome!: (o: Outcome) => void;
        let rejectOutcome!: (e: unknown) => void;
        sc.outcome = new Promise<Outcome>((res, rej) => ((resolveOutcome = res), (rejectOutcome = rej)));
        sc.outcome.catch(() => undefined);
        const s = await sc.setup().catch((e) => e as Error);
        if (s instanceof Error) {
            rejectOutcome(s);
            continue;
        }
        const results = new Map<string, ProbeRun | Error>();
        let left = s.variants.length;
        for (const v of s.variants) {
            jobs.push(async () => {
                const t0 = Date.now();
                results.set(v.name, await inWorld({ ...v.spec, name: `w${worldCount++}` }, s.run).catch((e: Error) => e));
                const r = results.get(v.name)!;
                if (process.env.PROBE_NETNS_TIMES) console.log(`${sc.title.split(":")[0]} / ${v.name}: ${Date.now() - t0} ms in all${r instanceof Error ? "" : `, the probe ${r.ms} ms`}`);
                if (--left === 0) resolveOutcome({ variants: s.variants, parse: s.parse, results });
            });
        }
    }
    const worker = async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) await job();
    };
    await Promise.all(Array.from({ length: 6 }, worker));
}

/** One scenario: its variants run with all the others (runAll), then its verdicts are asserted. */
function scenario(title: string, setup: Setup) {
    const sc: { title: string; setup: Setup; outcome?: Promise<Outcome> } = { title, setup };
    scenarios.push(sc);
    it(`${title}: passes on the healthy network and fails, naming the failing checks, on each broken variant`, async function () {
        await requireNetns(this, title);
        const { variants, parse, results } = await sc.outcome!;
        assert.ok(variants.length >= 2 && variants[0].fails.length === 0, "a healthy variant and at least one broken one");
        for (const v of variants) {
            const r = results.get(v.name)!;
            if (r instanceof Error) throw new Error(`${v.name}: the world could not be built or run: ${r.message}`);
            const out = `${v.name}: exit ${r.status}\n${r.stdout}${r.stderr}`;
            const { passed, failed } = parse(r);
            assert.deepStrictEqual(failed.sort(), [...v.fails].sort(), `${v.name}: the failing checks\n${out}`);
            assert.strictEqual(r.status, v.fails.length === 0 ? 0 : 1, `${v.name}: exit status\n${out}`);
            assert.ok(passed.length + failed.length > 0, `${v.name}: the probe reported its checks\n${out}`);
        }
    });
}

const jobParse = (r: ProbeRun) => verdicts(r.stdout);

describe("probes in pod-shaped network namespaces (issue 22)", function () {
    // Generous: a hang guard for loaded machines; each probe run is also killed after 120 s.
    this.timeout(300_000);
    before(async function () {
        if (await unavailable) return;
        await runAll();
    });

    scenario("peering-ipv4-egress: an IPv6 pod reaches the IPv4-only NLB through v4if0", async () => {
        const graph = await graphOf("peering-ipv4-egress");
        const script = plannedProbeScript(graph);
        const { clusterVpc, appVpc, nlbDnsName } = graph.outputs;
        const port = Number(new URL(graph.outputs.appUrl).port || 80);
        const nlb = nth(appVpc.ipv4Cidr, 100);
        const aws = awsEndpoints(graph.region);
        const healthy: WorldSpec = {
            ...ipv6PodOf(clusterVpc),
            records: { [nlbDnsName]: { a: [nlb] }, ...aws.records }, http: [{ address: nlb, port }, ...aws.http],
        };
        const v4if0 = check(script, /^v4if0 /);
        const aOnly = check(script, new RegExp(`^${lit(nlbDnsName)} has A records and no AAAA`));
        const curl4 = check(script, /^curl -4 /);
        const svc = awsChecks(script, aws.hosts);
        return {
            run: (w) => w.runScript(script),
            parse: jobParse,
            variants: [
                { name: "healthy", spec: healthy, fails: [] },
                { name: "v4if0 missing", spec: { ...healthy, egress: undefined }, fails: [v4if0, curl4, svc.ec2] },
                { name: "AAAA on the IPv4-only NLB name", spec: { ...healthy, records: { ...healthy.records, [nlbDnsName]: { a: [nlb], aaaa: [nth(ELSEWHERE_V6, 0x100)] } } }, fails: [aOnly] },
                { name: "NLB and the IPv4-only AWS endpoint unreachable over IPv4", spec: { ...healthy, unreachable: "ipv4" }, fails: [curl4, svc.ec2] },
                aaaaOnIpv4OnlyEndpoint(healthy, aws.hosts, svc),
                // An IPv4 address on eth0 (as an IPv4 cluster's pod has) instead of v4if0: the NLB still answers, but the AWS request did not leave through v4if0.
                { name: "IPv4 from eth0, not v4if0", spec: { ...healthy, pod: { ...healthy.pod, ipv4: nth(clusterVpc.ipv4Cidr, 0x1011) }, egress: undefined }, fails: [v4if0, svc.ec2] },
                { name: "the dual-stack AWS endpoint's name without AAAA", spec: { ...healthy, records: { ...healthy.records, [aws.hosts.dualStack]: { a: [AWS_V4] } } }, fails: [svc.stsAaaa, svc.sts] },
                { name: "the dual-stack AWS endpoint unreachable over IPv6", spec: { ...healthy, unreachable: "ipv6" }, fails: [svc.sts] },
                { name: "a certificate for another name on the IPv4-only AWS endpoint", spec: { ...healthy, http: [{ address: nlb, port }, { ...aws.http[0], tls: { names: ["ec2.example.com"] } }, aws.http[1]] }, fails: [svc.ec2] },
            ],
        };
    });

    scenario("tgw-dual-stack: an IPv6 pod reaches the dual-stack service over IPv6 and the IPv4 app through v4if0", async () => {
        const graph = await graphOf("tgw-dual-stack");
        const script = plannedProbeScript(graph);
        const { clusterVpc, appVpc, serviceVpc } = graph.outputs;
        const svcUrl = new URL(graph.outputs.serviceUrl);
        const appUrl = new URL(graph.outputs.appUrl);
        const svc4 = nth(serviceVpc.ipv4Cidr, 100);
        const svc6 = nth(serviceVpc.ipv6Cidr, 0x100);
        const app4 = nth(appVpc.ipv4Cidr, 100);
        const aws = awsEndpoints(graph.region);
        // The IPv6-only NAT64 client's report, as its user data serves it after a passing run.
        const report = new URL(graph.outputs.nat64Client.reportUrl);
        const reportServer = (body: string) => ({ address: report.hostname.replace(/^\[|\]$/g, ""), port: Number(report.port), body });
        const healthy: WorldSpec = {
            ...ipv6PodOf(clusterVpc),
            records: { [svcUrl.hostname]: { a: [svc4], aaaa: [svc6] }, [appUrl.hostname]: { a: [app4] }, ...aws.records },
            http: [{ address: svc6, port: Number(svcUrl.port || 80) }, { address: app4, port: Number(appUrl.port || 80) }, ...aws.http, reportServer("run 1 of 30\nPASS a\nPASS b\nPASS c\nall 3 checks passed\n")],
        };
        const v4if0 = check(script, /^v4if0 /);
        const svcAaaa = check(script, new RegExp(`^${lit(svcUrl.hostname)} has AAAA records$`));
        const curl6 = check(script, /^curl -6 /);
        const appAOnly = check(script, new RegExp(`^${lit(appUrl.hostname)} has A records and no AAAA`));
        const curl4 = check(script, /^curl -4 /);
        const svc = awsChecks(script, aws.hosts);
        const nat64Report = check(script, /^the IPv6-only NAT64 client reports all 3 checks passed/);
        return {
            run: (w) => w.runScript(script),
            parse: jobParse,
            variants: [
                { name: "healthy", spec: healthy, fails: [] },
                { name: "v4if0 missing", spec: { ...healthy, egress: undefined }, fails: [v4if0, curl4, svc.ec2] },
                { name: "the NAT64 client's report says its probe failed", spec: { ...healthy, http: [...healthy.http.filter((h) => h.body === undefined), reportServer("run 30 of 30\nPASS a\nFAIL b\nprobe failed\n")] }, fails: [nat64Report] },
                { name: "AAAA on the IPv4-only app's NLB name", spec: { ...healthy, records: { ...healthy.records, [appUrl.hostname]: { a: [app4], aaaa: [nth(ELSEWHERE_V6, 0x100)] } } }, fails: [appAOnly] },
                { name: "the dual-stack service's name without AAAA", spec: { ...healthy, records: { ...healthy.records, [svcUrl.hostname]: { a: [svc4] } } }, fails: [svcAaaa, curl6] },
                { name: "service, the dual-stack AWS endpoint and the NAT64 client's report unreachable over IPv6", spec: { ...healthy, unreachable: "ipv6" }, fails: [curl6, svc.sts, nat64Report] },
                { name: "app and the IPv4-only AWS endpoint unreachable over IPv4", spec: { ...healthy, unreachable: "ipv4" }, fails: [curl4, svc.ec2] },
                { name: "the dual-stack AWS endpoint's name without AAAA", spec: { ...healthy, records: { ...healthy.records, [aws.hosts.dualStack]: { a: [AWS_V4] } } }, fails: [svc.stsAaaa, svc.sts] },
            ],
        };
    });

    scenario("onprem-vpn-ipv4-egress: an IPv6 pod reaches the on-premises app's private IPv4 through v4if0 (the tunnel, retried) and the AWS service endpoints", async () => {
        const graph = await graphOf("onprem-vpn-ipv4-egress");
        const script = plannedProbeScript(graph);
        const { clusterVpc } = graph.outputs;
        const appUrl = new URL(graph.outputs.appUrl);
        const aws = awsEndpoints(graph.region);
        // The app answers on its private IPv4 (in the on-premises VPC); the world stands the tunnel in with plain routing.
        const healthy: WorldSpec = {
            ...ipv6PodOf(clusterVpc),
            records: { ...aws.records }, http: [{ address: appUrl.hostname, port: Number(appUrl.port || 80) }, ...aws.http],
        };
        const v4if0 = check(script, /^v4if0 /);
        const app = check(script, new RegExp(`^curl -4 .*${lit(appUrl.hostname)}.*up to 30 tries`));
        const svc = awsChecks(script, aws.hosts);
        return {
            run: (w) => w.runScript(script),
            parse: jobParse,
            variants: [
                { name: "healthy", spec: healthy, fails: [] },
                { name: "v4if0 missing", spec: { ...healthy, egress: undefined }, fails: [v4if0, app, svc.ec2] },
                { name: "app and the IPv4-only AWS endpoint unreachable over IPv4 (the tunnel down, no NAT)", spec: { ...healthy, unreachable: "ipv4" }, fails: [app, svc.ec2] },
                { name: "the dual-stack AWS endpoint unreachable over IPv6", spec: { ...healthy, unreachable: "ipv6" }, fails: [svc.sts] },
                aaaaOnIpv4OnlyEndpoint(healthy, aws.hosts, svc),
            ],
        };
    });

    scenario("ipv4-pod-to-ipv6-pod: an IPv4 pod reaches IPv6 pods by their AAAA names through v6if0, SNAT to the node's IPv6", async () => {
        const graph = await graphOf("ipv4-pod-to-ipv6-pod");
        const script = plannedProbeScript(graph);
        const { ipv4ClusterVpc, ipv6ClusterVpc, echoHostname } = graph.outputs;
        // The port the echo pods listen on, as the probe's URL has it.
        const port = Number(/\]:(\d+)\//.exec(script)![1]);
        const pods = [nth(ipv6ClusterVpc.ipv6Cidr, 0x1001), nth(ipv6ClusterVpc.ipv6Cidr, 0x1002)];
        const healthy: WorldSpec = {
            name: "x", pod: { ipv4: nth(ipv4ClusterVpc.ipv4Cidr, 0x1010) }, egress: { device: "v6if0", address: nth(V6_EGRESS_POD_CIDR, 0x10) },
            node: { ipv4: nth(ipv4ClusterVpc.ipv4Cidr, 0x0a0a), ipv6: nth(ipv4ClusterVpc.ipv6Cidr, 0x20) }, resolver: "172.20.0.10", search: EKS_SEARCH,
            records: { [echoHostname]: { aaaa: pods } }, http: pods.map((address) => ({ address, port })),
        };
        const v6if0 = check(script, /^v6if0 /);
        const curl6 = check(script, /^curl -6 to the first AAAA/);
        const clientIp = check(script, /sees a source address in/);
        return {
            run: (w) => w.runScript(script),
            parse: jobParse,
            variants: [
                { name: "healthy", spec: healthy, fails: [] },
                { name: "v6if0 missing", spec: { ...healthy, egress: undefined }, fails: [v6if0, curl6, clientIp] },
                { name: "pods unreachable over IPv6", spec: { ...healthy, unreachable: "ipv6" }, fails: [curl6, clientIp] },
                { name: "no SNAT: the server sees the pod's fd00::ac: address", spec: { ...healthy, noSnat: true }, fails: [clientIp] },
                { name: "SNAT to a node address outside the IPv4 VPC's /56", spec: { ...healthy, node: { ...healthy.node, ipv6: nth(ELSEWHERE_V6, 0x20) } }, fails: [clientIp] },
            ],
        };
    });

    scenario("ipv4-pod-to-ipv6-pod, v6 egress off: no v6if0 and no IPv6 path although the name resolves", async () => {
        const NS = "eks-ipv6-interop";
        const base = loadStackConfig("ipv4-pod-to-ipv6-pod").config;
        const graph = await planWith("ipv4-pod-to-ipv6-pod", { overrides: { [`${NS}:ipv4Cluster`]: { ...JSON.parse(base[`${NS}:ipv4Cluster`]), v6Egress: false } } });
        const script = plannedProbeScript(graph);
        const { ipv4ClusterVpc, ipv6ClusterVpc, echoHostname } = graph.outputs;
        const port = Number(/\]:(\d+)\//.exec(script)![1]);
        const pods = [nth(ipv6ClusterVpc.ipv6Cidr, 0x1001)];
        const healthy: WorldSpec = {
            name: "x", pod: { ipv4: nth(ipv4ClusterVpc.ipv4Cidr, 0x1010) },
            node: { ipv4: nth(ipv4ClusterVpc.ipv4Cidr, 0x0a0a), ipv6: nth(ipv4ClusterVpc.ipv6Cidr, 0x20) }, resolver: "172.20.0.10", search: EKS_SEARCH,
            records: { [echoHostname]: { aaaa: pods } }, http: pods.map((address) => ({ address, port })),
        };
        return {
            run: (w) => w.runScript(script),
            parse: jobParse,
            variants: [
                { name: "healthy (the boundary holds)", spec: healthy, fails: [] },
                { name: "v6if0 present although v6 egress is off", spec: { ...healthy, egress: { device: "v6if0", address: nth(V6_EGRESS_POD_CIDR, 0x10) } }, fails: [check(script, /^no v6if0/), check(script, /fails \(no IPv6 path/)] },
            ],
        };
    });

    it("ipv4-pod-to-ipv6-pod, nothing answering: the run sleeps exactly and queries at most what lib/probeBudget counts", async function () {
        await requireNetns(this, "the budget run");
        const graph = await graphOf("ipv4-pod-to-ipv6-pod");
        const script = plannedProbeScript(graph);
        const { ipv4ClusterVpc } = graph.outputs;
        // No egress interface, no records, no servers: every check fails and every retry loop runs out.
        const r = await inWorld({ name: `w${worldCount++}`, pod: { ipv4: nth(ipv4ClusterVpc.ipv4Cidr, 0x1010) }, node: { ipv4: nth(ipv4ClusterVpc.ipv4Cidr, 0x0a0a) }, resolver: "172.20.0.10", records: {}, http: [] }, (w) => w.runScript(script));
        const budget = scriptBudget(script).total;
        const slept = r.calls.filter((c) => c.startsWith("sleep ")).reduce((t, c) => t + Number(c.split(" ")[1]), 0);
        const digs = r.calls.filter((c) => c.startsWith("dig ")).length;
        const curls = r.calls.filter((c) => c.startsWith("curl ")).length;
        assert.strictEqual(r.status, 1, r.stdout);
        assert.strictEqual(verdicts(r.stdout).passed.length, 0, r.stdout);
        assert.strictEqual(slept, budget.sleepSeconds, "the sleeps the script asked for");
        assert.ok(digs > 0 && digs <= budget.digs, `${digs} dig runs, at most ${budget.digs}`);
        assert.ok(curls <= budget.curls, `${curls} curl runs, at most ${budget.curls}`);
        // Every dig was bounded as the model assumes.
        assert.ok(r.calls.filter((c) => c.startsWith("dig ")).every((c) => c.includes(DIG_BOUNDS)), "every dig carries its bounds");
    });

    scenario("tgw-dual-stack: the IPv6-only NAT64 client's own probe (instance user data) through DNS64 and NAT64", async () => {
        const graph = await graphOf("tgw-dual-stack");
        const inst = graph.resources.find((r) => r.type === "aws:ec2/instance:Instance" && r.name === "nat64-client")!;
        // The script the user data writes to /opt/nat64-probe/probe.sh (lib/nat64ProbeUserData.ts).
        const script = `${/<<'PROBE_EOF'\n([\s\S]*?)\nPROBE_EOF/.exec(inst.inputs.userData as string)![1]}\n`;
        const appUrl = new URL(graph.outputs.appUrl);
        const port = Number(appUrl.port || 80);
        const { clusterVpc, appVpc } = graph.outputs;
        const app4 = nth(appVpc.ipv4Cidr, 10);
        // The world has no NAT64 translator: the resolver answers as DNS64 does (64:ff9b:: plus the
        // A record) and the server listens on that synthesized address, so the instance's side
        // (resolution, the address it picks, IPv6 only) is what runs for real.
        const synth = `64:ff9b::${(app4.split(".").map(Number).reduce((a, b) => a * 256 + b, 0) >>> 0).toString(16).padStart(8, "0").replace(/^(.{4})(.{4})$/, "$1:$2").replace(/^0+(?=.)/, "").replace(/:0+(?=.)/, ":")}`;
        const instance6 = graph.outputs.nat64Client.ipv6Address as string;
        const healthy: WorldSpec = {
            name: "x", pod: { ipv6: instance6 }, node: { ipv6: nth(clusterVpc.ipv6Cidr, 0x20) },
            // The Route 53 Resolver's IPv6 address in every VPC (EC2 user guide, "Amazon DNS server").
            resolver: "fd00:ec2::253",
            records: { [appUrl.hostname]: { a: [app4], aaaa: [synth] } }, http: [{ address: synth, port }],
        };
        const noIpv4 = check(script, /^no IPv4 address besides loopback/);
        const aaaa = check(script, /resolves to AAAA records in 64:ff9b::\/96 \(DNS64\)$/);
        const curl = check(script, /^curl -6 to .* through NAT64$/);
        return {
            run: (w) => w.runScript(script),
            parse: jobParse,
            variants: [
                { name: "healthy", spec: healthy, fails: [] },
                { name: "DNS64 off: only the A record", spec: { ...healthy, records: { [appUrl.hostname]: { a: [app4] } } }, fails: [aaaa, curl] },
                { name: "a real (non-synthesized) AAAA", spec: { ...healthy, records: { [appUrl.hostname]: { a: [app4], aaaa: [nth(ELSEWHERE_V6, 0x100)] } }, http: [{ address: nth(ELSEWHERE_V6, 0x100), port }] }, fails: [aaaa, curl] },
                { name: "no NAT64 path: the synthesized address is unreachable", spec: { ...healthy, unreachable: "ipv6" }, fails: [curl] },
                { name: "the instance has an IPv4 address", spec: { ...healthy, pod: { ...healthy.pod, ipv4: nth(clusterVpc.ipv4Cidr, 0x2010) }, node: { ...healthy.node, ipv4: nth(clusterVpc.ipv4Cidr, 0x0a0a) } }, fails: [noIpv4] },
            ],
        };
    });

    for (const consumer of ["ipv4", "dualstack"] as const) {
        scenario(`privatelink-interop: the ${consumer} consumer's probe function (Lambda handler) through its endpoint`, async () => {
            const graph = await graphOf("privatelink-interop");
            const invocation = graph.resources.find((r) => r.type === "aws:lambda/invocation:Invocation" && r.name === `${consumer}-probe-run`)!;
            const event = JSON.parse(invocation.inputs.input);
            const vpc = graph.resources.find((r) => r.type === "aws:ec2/vpc:Vpc" && r.name === `${consumer}-consumer-vpc`)!;
            const v4: string = vpc.outputs.cidrBlock;
            const v6: string | undefined = consumer === "dualstack" ? vpc.outputs.ipv6CidrBlock : undefined;
            const ep4 = nth(v4, 0x2020);
            const ep6 = v6 ? nth(v6, 0x2020) : undefined;
            const healthy: WorldSpec = {
                name: "x", pod: { ipv4: nth(v4, 0x1010), ipv6: v6 ? nth(v6, 0x1010) : undefined }, node: { ipv4: nth(v4, 1), ipv6: v6 ? nth(v6, 1) : undefined },
                // The Amazon-provided resolver at the VPC base + 2.
                resolver: nth(v4, 2),
                records: { [event.host]: { a: [ep4], aaaa: ep6 ? [ep6] : undefined } },
                http: [ep4, ep6].filter((a): a is string => !!a).map((address) => ({ address, port: event.port })),
            };
            const named = (n: string) => n.replace(/ \([^()]*\)$/, "");
            const parse = (r: ProbeRun) => {
                const report = r.stdout.split("threw: ")[1] ?? r.stdout.split("\n").slice(-12).join("\n");
                return { passed: verdicts(report).passed.map(named), failed: verdicts(report).failed.map(named) };
            };
            const http = (family: string) => `HTTP over ${family} to ${event.host}:${event.port}`;
            const variants: Variant[] = [{ name: "healthy", spec: healthy, fails: [] }];
            if (consumer === "ipv4") {
                variants.push(
                    { name: "AAAA on the ipv4 endpoint's name", spec: { ...healthy, records: { [event.host]: { a: [ep4], aaaa: [nth(ELSEWHERE_V6, 0x100)] } } }, fails: [`AAAA records for ${event.host} absent`] },
                    { name: "endpoint unreachable over IPv4", spec: { ...healthy, unreachable: "ipv4" }, fails: [http("ipv4")] },
                );
            } else {
                variants.push(
                    { name: "endpoint unreachable over IPv6", spec: { ...healthy, unreachable: "ipv6" }, fails: [http("ipv6")] },
                    { name: "the dualstack endpoint's name without AAAA", spec: { ...healthy, records: { [event.host]: { a: [ep4] } } }, fails: [`AAAA records for ${event.host} present`, http("ipv6")] },
                );
            }
            return { variants, parse, run: (w) => w.exec([process.execPath, LAMBDA_RUNNER, HANDLER, JSON.stringify(event)]) };
        });
    }
});
