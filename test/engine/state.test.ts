/**
 * `plan --state FILE`: a `pulumi stack export` read into the engine's graph, with exports built by
 * hand from the documented checkpoint format and exports converted from this repository's stacks.
 */
import { strict as assert } from "assert";
import { evaluatePolicies } from "../../engine/checks/policies";
import { analyzeGraph } from "../../engine/reachability/analyze";
import { graphFromState, stateFromGraph, stateValue } from "../../engine/inputs/state";
import { parseFlows } from "../../engine/inputs/flows";
import { runPlan, writeTmp } from "../helpers/cli";
import { graphOf } from "../helpers/graphs";
import { pulumiEksCluster } from "../helpers/pulumiEksTree";
import { dualStackVpc, graphOf as fixtureGraph } from "../policies/harness";

const SIG = "4dabf18193072939515e22adb298388d";
const P = "urn:pulumi:prod::shop::";

/** A small export as the Pulumi CLI writes it (checkpoint version 3), by hand. */
function handExport() {
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-11-01T10:00:00Z", magic: "abc", version: "v3.200.0" },
            secrets_providers: { type: "service", state: {} },
            resources: [
                { urn: `${P}pulumi:pulumi:Stack::shop-prod`, custom: false, type: "pulumi:pulumi:Stack", outputs: { vpcId: "vpc-0a1", dbPassword: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" } } },
                { urn: `${P}pulumi:providers:aws::default_7_10_0`, custom: true, id: "3f1c9e1e-aaaa", type: "pulumi:providers:aws", inputs: { region: "eu-west-1", version: "7.10.0" }, outputs: { region: "eu-west-1", version: "7.10.0" } },
                {
                    urn: `${P}aws:ec2/vpc:Vpc::main`, custom: true, id: "vpc-0a1", type: "aws:ec2/vpc:Vpc", parent: `${P}pulumi:pulumi:Stack::shop-prod`, provider: `${P}pulumi:providers:aws::default_7_10_0::3f1c9e1e-aaaa`,
                    inputs: { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true },
                    outputs: { id: "vpc-0a1", cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, ipv6CidrBlock: "", arn: "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-0a1" },
                    dependencies: [], propertyDependencies: {},
                },
                {
                    urn: `${P}aws:ec2/subnet:Subnet::a`, custom: true, id: "subnet-0b2", type: "aws:ec2/subnet:Subnet", parent: `${P}pulumi:pulumi:Stack::shop-prod`,
                    inputs: { vpcId: "vpc-0a1", cidrBlock: "10.0.1.0/24" }, outputs: { id: "subnet-0b2", vpcId: "vpc-0a1", cidrBlock: "10.0.1.0/24", assignIpv6AddressOnCreation: false },
                    dependencies: [`${P}aws:ec2/vpc:Vpc::main`], propertyDependencies: { vpcId: [`${P}aws:ec2/vpc:Vpc::main`], cidrBlock: [] },
                },
                {
                    urn: `${P}aws:ec2/instance:Instance::web`, custom: true, id: "i-0c3", type: "aws:ec2/instance:Instance",
                    inputs: { subnetId: "subnet-0b2", instanceType: "t3.micro", userData: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: "\"#!/bin/sh\"" }, iamInstanceProfile: { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: `${P}aws:iam/instanceProfile:InstanceProfile::p`, id: "web-profile", packageVersion: "7.10.0" } },
                    outputs: { id: "i-0c3", subnetId: "subnet-0b2", privateIp: "10.0.1.10", metadataOptions: { httpTokens: "optional" } },
                    dependencies: [`${P}aws:ec2/subnet:Subnet::a`], propertyDependencies: { subnetId: [`${P}aws:ec2/subnet:Subnet::a`] },
                },
                { urn: `${P}aws:ec2/subnet:Subnet::old`, custom: true, id: "subnet-old", type: "aws:ec2/subnet:Subnet", delete: true, inputs: {}, outputs: {} },
            ],
        },
    };
}

describe("plan --state: a pulumi stack export read into the graph", () => {
    it("reads the documented format: names from URNs, parents, providers, per-property dependencies, region from the aws provider", () => {
        const g = graphFromState(handExport());
        assert.equal(g.offlineModel, false);
        assert.equal(g.project, "shop");
        assert.equal(g.stack, "prod");
        assert.equal(g.region, "eu-west-1");
        assert.equal(g.resources.length, 5, "a resource pending deletion is left out");
        const inst = g.resources.find((r) => r.name === "web")!;
        assert.equal(inst.type, "aws:ec2/instance:Instance");
        assert.equal(inst.id, "i-0c3");
        assert.deepEqual(inst.propertyDependencies, { subnetId: [`${P}aws:ec2/subnet:Subnet::a`] });
        assert.equal(inst.inputs.userData, "#!/bin/sh", "a secret exported with --show-secrets is read");
        assert.equal(inst.inputs.iamInstanceProfile, "web-profile", "a resource reference becomes the ID it refers to");
        assert.equal(g.outputs.dbPassword, "[secret]", "an encrypted secret stays opaque");
        assert.deepEqual(g.resources.find((r) => r.name === "a")!.propertyDependencies, { vpcId: [`${P}aws:ec2/vpc:Vpc::main`] }, "empty dependency lists are dropped");
        assert.equal(stateValue("04da6b54-80e4-46f7-96ec-b56ff0331ba9"), "[unknown]");
    });

    it("runs the pack on it: the IPv4-only VPC and the IMDSv1 instance are found", async () => {
        const v = await evaluatePolicies(graphFromState(handExport()));
        const rules = new Set(v.map((x) => x.rule));
        assert.ok(rules.has("vpc-dual-stack"), [...rules].join(", "));
        assert.ok(rules.has("imdsv2-required"), [...rules].join(", "));
        assert.deepEqual(v.filter((x) => x.error), []);
    });

    it("refuses what is not an export, naming the key and the command that writes one", () => {
        assert.throws(() => graphFromState({ resources: [] }, { file: "s.json" }), /s\.json: deployment: "resources" is invalid; give the JSON that `pulumi stack export --file state\.json` writes/);
        assert.throws(() => graphFromState({ version: 1, deployment: { resources: [] } }, { file: "s.json" }), /s\.json: version: 1 is invalid; this reader knows checkpoint version 3/);
        assert.throws(() => graphFromState({ version: 3, deployment: { resources: [{ type: "x" }] } }, { file: "s.json" }), /s\.json: deployment\.resources\[0\]\.urn: \(unset\) is invalid; every resource needs a urn and a type/);
    });

    it("marks components of plugin packages remote and keeps their children (a default @pulumi/eks cluster)", async () => {
        const fx = [...dualStackVpc("n"), ...pulumiEksCluster("c6", { family: "ipv6", vpcName: "n-vpc", privateSubnets: ["n-private"] })];
        const state = stateFromGraph(fixtureGraph(fx)) as any;
        state.deployment.resources.push({ urn: "urn:pulumi:test::policy-tests::pulumi:providers:eks::default", custom: true, id: "p1", type: "pulumi:providers:eks", inputs: {}, outputs: {} });
        const g = graphFromState(state);
        assert.equal(g.resources.find((r) => r.type === "eks:index:Cluster")!.remote, true);
        assert.equal(g.resources.find((r) => r.type === "eks:index:ServiceRole")!.remote, true);
        const rules = new Set((await evaluatePolicies(g)).filter((v) => v.level === "mandatory").map((v) => v.rule));
        assert.ok(rules.has("eks-node-ipv6-egress") && rules.has("eks-ipv6-cni-permissions"), [...rules].join(", "));
    });

    for (const stack of ["peering-ipv4-egress", "privatelink-interop"]) {
        it(`a graph of ${stack} converted to an export and back gives the same policy verdicts and flows`, async () => {
            const original = await graphOf(stack);
            const back = graphFromState(JSON.parse(JSON.stringify(stateFromGraph(original))), { intent: original.intent });
            assert.equal(back.resources.length, original.resources.length);
            const key = (vs: { rule: string; urn?: string }[]) => vs.map((v) => `${v.rule} ${v.urn}`).sort();
            assert.deepEqual(key(await evaluatePolicies(back)), key(await evaluatePolicies(original)));
            const flows = (g: typeof original) => analyzeGraph(g, g.intent).flows.map((f) => `${f.name}: ${f.status} ${f.holds}`);
            assert.deepEqual(flows(back), flows(original));
        });
    }

    it("the CLI: exit 0 on a clean export with its flows, exit 1 on a mandatory violation, and says where the graph came from", async () => {
        const original = await graphOf("peering-ipv4-egress");
        const file = writeTmp("state.json", stateFromGraph(original));
        const flows = writeTmp("flows.yaml", JSON.stringify({ flows: original.intent }));
        const ok = await runPlan(["--state", file, "--flows", flows]);
        assert.equal(ok.code, 0, ok.out + ok.err);
        assert.match(ok.out, /DEPLOYED STATE: .*state\.json \(pulumi stack export of eks-ipv6-interop\/peering-ipv4-egress/);
        assert.match(ok.out, /PASS Flows \(reachability model\): 5 of 5 hold/);
        const bad = await runPlan(["--state", writeTmp("state.json", handExport())]);
        assert.equal(bad.code, 1, bad.out + bad.err);
        assert.match(bad.out, /\[mandatory\] vpc-dual-stack/);
        const missing = await runPlan(["--state", "/nonexistent/state.json"]);
        assert.equal(missing.code, 1);
        assert.match(missing.err, /--state: "\/nonexistent\/state\.json" is invalid; the file cannot be read \(ENOENT\); write it with: pulumi stack export --file/);
    });
});

describe("flows.yaml: flows declared outside a program", () => {
    const good = { flows: [{ name: "pods reach the NLB", from: { kind: "pods", cluster: "c6" }, to: { kind: "nlb", loadBalancer: "web" }, family: "ipv6", port: 443, expect: "allow" }] };
    it("accepts the intent schema", () => {
        assert.deepEqual(parseFlows(good), good.flows);
    });
    it("accepts the destination kinds of lib/intent.ts: internet, cidr and aws-service", () => {
        const to = [{ kind: "internet" }, { kind: "cidr", cidr: "192.0.2.0/24" }, { kind: "aws-service", service: "sts", dualStack: true }];
        const doc = { flows: to.map((t, i) => ({ ...good.flows[0], name: `flow ${i}`, to: t })) };
        assert.deepEqual(parseFlows(doc).map((f) => f.to), to);
    });
    const bad: [string, (d: any) => void, RegExp][] = [
        ["an unknown endpoint kind", (d) => (d.flows[0].to.kind = "internets"), /flows\.yaml: flows\[0\]\.to\.kind: "internets" is invalid; kind must be one of pods, nlb, instance, endpoint, function, clusterIP, internet, cidr, aws-service/],
        ["a destination-only kind as the source", (d) => (d.flows[0].from = { kind: "internet" }), /flows\.yaml: flows\[0\]\.from\.kind: "internet" is invalid; kind must be one of pods, nlb, instance, endpoint, function, clusterIP \(internet, cidr and aws-service are destinations only\)/],
        ["an aws-service without dualStack", (d) => (d.flows[0].to = { kind: "aws-service", service: "s3" }), /flows\.yaml: flows\[0\]\.to\.dualStack: \(unset\) is invalid; dualStack must be true/],
        ["a port out of range", (d) => (d.flows[0].port = 70000), /flows\.yaml: flows\[0\]\.port: 70000 is invalid; port must be 1-65535/],
        ["a misspelt key", (d) => (d.flows[0].expects = "allow"), /flows\.yaml: flows\[0\]: \["expects"\] is invalid; remove "expects": not a key of this flow or endpoint/],
        ["a wrong family", (d) => (d.flows[0].family = "v6"), /flows\.yaml: flows\[0\]\.family: "v6" is invalid; family must be ipv4 or ipv6/],
        ["a missing endpoint name", (d) => delete d.flows[0].from.cluster, /flows\.yaml: flows\[0\]\.from\.cluster: \(unset\) is invalid; cluster must be the resource name/],
    ];
    for (const [what, edit, pattern] of bad) {
        it(`refuses ${what}, naming the key, the value and the fix`, () => {
            const d = JSON.parse(JSON.stringify(good));
            edit(d);
            assert.throws(() => parseFlows(d), pattern);
        });
    }
});
