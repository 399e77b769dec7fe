/**
 * Tier 3: the facts of the facts page's "Scenario 4, ipv4-pod-to-ipv6-pod" section hold on the
 * recorded graph of the stack, and bad config fails before any resource with a clear message.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Graph, GraphIndex, GraphResource } from "../../engine/graph";
import { loadStackConfig } from "../../engine/stackConfig";
import { cidrContains, isDefaultRoute } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";
import { EXTERNAL_DNS_ANNOTATIONS, EXTERNAL_DNS_NAMESPACE, EXTERNAL_DNS_SERVICE_ACCOUNT } from "../../lib/externalDns";
import type { PolicyDocument } from "../../lib/iam";
import { vpcCniConfigurationProblems } from "../../lib/vpcCni";
import { prepare } from "../../stacks";
import { Config, defaultTxtOwnerId, flows, probeChecks, schema } from "../../stacks/ipv4-pod-to-ipv6-pod";
import { graphOf, indexOf, planWith } from "../helpers/graphs";

const STACK = "ipv4-pod-to-ipv6-pod";
const NS = "eks-ipv6-interop";

describe(`stack ${STACK} (offline graph)`, () => {
    let graph: Graph;
    let g: GraphIndex;
    let v4Vpc: GraphResource;
    let v6Vpc: GraphResource;
    let v4Block: string;
    let v6Block: string;
    const privateTables = (vpcName: string) => g.ofType("aws:ec2/routeTable:RouteTable").filter((t) => t.name.startsWith(`${vpcName}-private-`)).map((t) => t.id!);
    const ingressOf = (sgName: string) => {
        const sg = g.one("aws:ec2/securityGroup:SecurityGroup", sgName);
        return g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === sg.id);
    };

    before(async () => {
        graph = await graphOf(STACK);
        g = indexOf(graph);
        v4Vpc = g.one("aws:ec2/vpc:Vpc", "ipv4-cluster-vpc");
        v6Vpc = g.one("aws:ec2/vpc:Vpc", "ipv6-cluster-vpc");
        v4Block = g.one("aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation", "ipv4-cluster-vpc-ipv6").outputs.ipv6CidrBlock;
        v6Block = v6Vpc.outputs.ipv6CidrBlock;
    });

    describe("the IPv4 side opts in to IPv6 (figure 7a)", () => {
        it("the IPv4 VPC gets its /56 from a separate association, as an existing VPC does", () => {
            assert.notStrictEqual(v4Vpc.inputs.assignGeneratedIpv6CidrBlock, true, "no IPv6 on the VPC resource itself");
            const assoc = g.one("aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation", "ipv4-cluster-vpc-ipv6");
            assert.strictEqual(assoc.inputs.vpcId, v4Vpc.id);
            assert.strictEqual(assoc.inputs.assignGeneratedIpv6CidrBlock, true);
            assert.match(v4Block, /\/56$/);
            assert.notStrictEqual(v4Block, v6Block);
        });
        it("the node subnets gain a /64 of that /56 and assign IPv6 on creation, after the association exists", () => {
            const assoc = g.one("aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation", "ipv4-cluster-vpc-ipv6");
            const nodeSubnetIds: string[] = g.one("aws:eks/nodeGroup:NodeGroup", "ipv4-cluster-nodes").inputs.subnetIds;
            assert.strictEqual(nodeSubnetIds.length, 2);
            for (const id of nodeSubnetIds) {
                const s = g.byRef(id)!;
                assert.ok(s.inputs.ipv6CidrBlock.endsWith("/64") && cidrContains(v4Block, s.inputs.ipv6CidrBlock), `${s.name}: ${s.inputs.ipv6CidrBlock} in ${v4Block}`);
                assert.strictEqual(s.inputs.assignIpv6AddressOnCreation, true);
                assert.ok(g.dependsOn(s, assoc), `${s.name} must wait for the association`);
            }
        });
        it("the launch template tag carries the node subnets' IPv6 blocks, so the opt-in rolls the nodes", () => {
            const lt = g.one("aws:ec2/launchTemplate:LaunchTemplate", "ipv4-cluster-nodes");
            const tag = lt.inputs.tagSpecifications.find((t: { resourceType: string }) => t.resourceType === "instance").tags["ipv6-subnets"];
            const blocks = (g.one("aws:eks/nodeGroup:NodeGroup", "ipv4-cluster-nodes").inputs.subnetIds as string[]).map((id) => g.byRef(id)!.inputs.ipv6CidrBlock);
            assert.deepStrictEqual(tag.split(",").sort(), [...blocks].sort());
            assert.ok(blocks.every((b) => cidrContains(v4Block, b)));
            const ng = g.one("aws:eks/nodeGroup:NodeGroup", "ipv4-cluster-nodes");
            assert.ok(g.dependsOn(ng, lt), "the node group follows the launch template's versions");
            assert.strictEqual(ng.inputs.updateConfig.maxUnavailable, 1, "nodes roll one at a time");
        });
        it("vpc-cni sets ENABLE_V6_EGRESS in env AND init.env on the IPv4 cluster only", () => {
            const addon = g.one("aws:eks/addon:Addon", "ipv4-cluster-vpc-cni");
            const values = JSON.parse(addon.inputs.configurationValues);
            assert.strictEqual(values.env.ENABLE_V6_EGRESS, "true");
            assert.strictEqual(values.init.env.ENABLE_V6_EGRESS, "true");
            assert.deepStrictEqual(vpcCniConfigurationProblems(addon.inputs.configurationValues), []);
            assert.strictEqual(g.one("eks:index:Cluster", "ipv4-cluster").inputs.ipFamily, "ipv4");
            const v6addon = g.one("aws:eks/addon:Addon", "ipv6-cluster-vpc-cni");
            assert.ok(!String(v6addon.inputs.configurationValues ?? "").includes("ENABLE_V6_EGRESS"));
        });
        it("the add-on version is resolved at deploy when unset (the most recent for the Kubernetes version)", () => {
            const addon = g.one("aws:eks/addon:Addon", "ipv4-cluster-vpc-cni");
            assert.match(addon.inputs.addonVersion, /^v1\.\d+\.\d+-eksbuild\.\d+$/);
            assert.strictEqual(graph.outputs.ipv4ClusterVpcCniVersion, addon.inputs.addonVersion);
        });
        it("the IPv4 cluster's nodes may send IPv6 (::/0 egress on the dual-stack node security group)", () => {
            const sg = g.one("aws:ec2/securityGroup:SecurityGroup", "ipv4-cluster-nodes");
            const egress = g.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => r.inputs.securityGroupId === sg.id);
            assert.ok(egress.some((r) => r.inputs.cidrIpv6 === "::/0" && r.inputs.ipProtocol === "-1"));
        });
    });

    describe("peering (figure 7b)", () => {
        it("routes the peer /56 both ways from every node route table, and no IPv4 at all", () => {
            const pcx = g.one("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "ipv4-to-ipv6-cluster");
            const viaPeering = g.ofType("aws:ec2/route:Route").filter((r) => r.inputs.vpcPeeringConnectionId === pcx.id);
            assert.ok(viaPeering.every((r) => r.inputs.destinationCidrBlock === undefined), "no IPv4 routes cross the peering");
            const v4Tables = privateTables("ipv4-cluster-vpc");
            const v6Tables = privateTables("ipv6-cluster-vpc");
            assert.strictEqual(v4Tables.length, 2);
            for (const t of v4Tables) assert.ok(viaPeering.some((r) => r.inputs.routeTableId === t && r.inputs.destinationIpv6CidrBlock === v6Block), `${t} -> ${v6Block}`);
            for (const t of v6Tables) assert.ok(viaPeering.some((r) => r.inputs.routeTableId === t && r.inputs.destinationIpv6CidrBlock === v4Block), `${t} -> ${v4Block}`);
            assert.strictEqual(viaPeering.length, v4Tables.length + v6Tables.length);
        });
        it("the connection and every IPv6 peering route wait for the IPv4 VPC's IPv6 association (a route in its own tables would not)", () => {
            const assoc = g.one("aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation", "ipv4-cluster-vpc-ipv6");
            const pcx = g.one("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "ipv4-to-ipv6-cluster");
            assert.ok(pcx.dependencies.includes(assoc.urn));
            const viaPeering = g.ofType("aws:ec2/route:Route").filter((r) => r.inputs.vpcPeeringConnectionId === pcx.id);
            const inV4Tables = viaPeering.filter((r) => privateTables("ipv4-cluster-vpc").includes(r.inputs.routeTableId));
            assert.strictEqual(inV4Tables.length, 2);
            for (const r of viaPeering) assert.ok(r.dependencies.includes(assoc.urn), `${r.name} depends on ${assoc.name}`);
        });
        it("the echo rule's description uses only characters EC2 accepts (no apostrophe)", () => {
            for (const r of g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")) {
                assert.match(r.inputs.description ?? "", /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/, r.name);
            }
        });
    });

    describe("the IPv6 side admits the IPv4 cluster VPC's /56", () => {
        it("echo port and ICMPv6 from exactly that /56 (the remote node's IPv6 after SNAT), nothing from the world", () => {
            const rules = ingressOf("ipv6-cluster-nodes");
            const echo = rules.find((r) => r.inputs.ipProtocol === "tcp" && r.inputs.fromPort === 8080);
            assert.ok(echo, "a TCP rule for the echo port");
            assert.strictEqual(echo!.inputs.cidrIpv6, v4Block);
            assert.strictEqual(echo!.inputs.toPort, 8080);
            const icmp = rules.find((r) => r.inputs.ipProtocol === "icmpv6");
            assert.strictEqual(icmp?.inputs.cidrIpv6, v4Block);
            for (const r of [...rules, ...ingressOf("ipv4-cluster-nodes")]) {
                for (const c of [r.inputs.cidrIpv4, r.inputs.cidrIpv6].filter(Boolean)) assert.ok(!isDefaultRoute(c), `${r.name} admits ${c}`);
            }
        });
    });

    describe("DNS discovery", () => {
        it("a private hosted zone on both VPCs, deleted with its records", () => {
            const zone = g.one("aws:route53/zone:Zone", "pods-zone");
            assert.deepStrictEqual(zone.inputs.vpcs.map((v: { vpcId: string }) => v.vpcId).sort(), [v4Vpc.id, v6Vpc.id].sort());
            assert.strictEqual(zone.inputs.name, "pods.ipv6-interop.internal");
            assert.strictEqual(zone.inputs.forceDestroy, true);
            assert.strictEqual(g.ofType("aws:route53/zoneAssociation:ZoneAssociation").length, 0, "inline vpcs only: mixing both makes a perpetual diff");
        });
        it("ExternalDNS has its own IRSA role, trusted by its service account only, scoped to the one zone", () => {
            const zone = g.one("aws:route53/zone:Zone", "pods-zone");
            const role = g.one("aws:iam/role:Role", "external-dns");
            const trust: PolicyDocument = JSON.parse(role.inputs.assumeRolePolicy);
            const cond = trust.Statement[0].Condition!.StringEquals;
            assert.ok(Object.entries(cond).some(([k, v]) => k.endsWith(":sub") && v === `system:serviceaccount:${EXTERNAL_DNS_NAMESPACE}:${EXTERNAL_DNS_SERVICE_ACCOUNT}`));
            assert.strictEqual(trust.Statement[0].Principal!.Federated, g.one("eks:index:Cluster", "ipv6-cluster").outputs.oidcProviderArn);
            const doc: PolicyDocument = JSON.parse(g.one("aws:iam/policy:Policy", "external-dns").inputs.policy);
            for (const s of doc.Statement) {
                const actions = ([] as string[]).concat(s.Action);
                if (s.Resource === "*") assert.deepStrictEqual(actions, ["route53:ListHostedZones"], "only ListHostedZones lacks resource-level permissions");
                else assert.strictEqual(s.Resource, zone.outputs.arn);
            }
            const change = doc.Statement.find((s) => ([] as string[]).concat(s.Action).includes("route53:ChangeResourceRecordSets"))!;
            assert.strictEqual(change.Resource, zone.outputs.arn);
            assert.deepStrictEqual(change.Condition!["ForAllValues:StringEquals"]["route53:ChangeResourceRecordSetsRecordTypes"], ["AAAA", "TXT"]);
            const attach = g.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "external-dns");
            assert.strictEqual(attach.inputs.role, role.outputs.name);
            // The IPv6 cluster's nodes carry no Route 53 permissions.
            const nodePolicies = g.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.name.startsWith("ipv6-cluster-nodes-"));
            assert.ok(nodePolicies.every((a) => !/route53/i.test(a.inputs.policyArn)));
        });
        it("ExternalDNS is a pinned Helm release publishing the headless Service's pod addresses as AAAA", () => {
            const release = g.one("kubernetes:helm.sh/v3:Release", "external-dns");
            const zone = g.one("aws:route53/zone:Zone", "pods-zone");
            assert.strictEqual(release.inputs.chart, "external-dns");
            assert.strictEqual(release.inputs.version, "1.21.1");
            assert.strictEqual(release.inputs.repositoryOpts.repo, "https://kubernetes-sigs.github.io/external-dns/");
            const v = release.inputs.values;
            assert.deepStrictEqual(v.provider, { name: "aws" });
            assert.strictEqual(v.policy, "sync");
            assert.strictEqual(v.registry, "txt");
            assert.strictEqual(v.txtOwnerId, defaultTxtOwnerId(STACK));
            assert.deepStrictEqual(v.domainFilters, ["pods.ipv6-interop.internal"]);
            assert.deepStrictEqual(v.sources, ["service"]);
            assert.ok(v.extraArgs.includes("--aws-zone-type=private"));
            assert.ok(v.extraArgs.includes(`--zone-id-filter=${zone.outputs.zoneId}`));
            assert.ok(v.env.some((e: { name: string; value: string }) => e.name === "AWS_REGION" && e.value === graph.region), "no IMDS for the region (hop limit 1)");
            assert.strictEqual(v.serviceAccount.annotations["eks.amazonaws.com/role-arn"], g.one("aws:iam/role:Role", "external-dns").outputs.arn);
            assert.ok(release.provider?.includes("ipv6-cluster-k8s"), "installed into the IPv6 cluster");
            const headless = g.ofType("kubernetes:core/v1:Service").find((s) => s.inputs.spec.clusterIP === "None")!;
            assert.strictEqual(headless.inputs.metadata.annotations[EXTERNAL_DNS_ANNOTATIONS.hostname], "echo.pods.ipv6-interop.internal");
            assert.ok(headless.provider?.includes("ipv6-cluster-k8s"));
        });
    });

    describe("the probe in the IPv4 cluster", () => {
        it("waits for ExternalDNS, the zone, the echo pods, the peering routes and the peer ingress", () => {
            const job = g.one("kubernetes:batch/v1:Job", "probe");
            assert.ok(job.provider?.includes("ipv4-cluster-k8s"), "runs in the IPv4 cluster");
            for (const [type, name] of [
                ["kubernetes:helm.sh/v3:Release", "external-dns"],
                ["aws:route53/zone:Zone", "pods-zone"],
                ["kubernetes:apps/v1:Deployment", "echo"],
                ["kubernetes:core/v1:Service", "echo-pods"],
                ["aws:ec2/route:Route", "ipv4-to-ipv6-cluster-requester-0-ipv6"],
                ["aws:ec2/route:Route", "ipv4-to-ipv6-cluster-accepter-1-ipv6"],
                ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ipv6-cluster-nodes-0-in-0"],
            ]) {
                const dep = g.one(type, name);
                assert.ok(g.dependsOn(job, dep), `probe waits for ${name}`);
            }
        });
        it("checks v6if0, AAAA pod addresses in the IPv6 VPC (bounded retries), curl -6 and the source /56", () => {
            const script: string = g.one("kubernetes:core/v1:ConfigMap", "probe-script").inputs.data["probe.sh"];
            assert.match(script, /ip -6 -o addr show dev v6if0/);
            assert.match(script, /dig \+short AAAA 'echo\.pods\.ipv6-interop\.internal'/);
            assert.match(script, /up to 12 tries, 10s apart, the first after 60s/);
            assert.match(script, /sleep 60; n=0; until \( .*dig \+short AAAA/);
            assert.match(script, /curl -6 /);
            assert.match(script, /\/clientip/);
            const job = g.one("kubernetes:batch/v1:Job", "probe");
            assert.ok(job.inputs.spec.activeDeadlineSeconds > 60 + 12 * 10 + 30, "the deadline leaves room for the first-query delay and every retry");
            assert.ok(job.inputs.spec.activeDeadlineSeconds < 600, "and ends inside pulumi's 10-minute wait");
        });
    });

    describe("flows and outputs", () => {
        it("declares the allowed IPv6 flow and the boundaries", () => {
            const byFamily = (fam: string, from: string) => graph.intent.find((f) => f.family === fam && (f.from as { cluster: string }).cluster === from)!;
            assert.strictEqual(byFamily("ipv6", "ipv4-cluster").expect, "allow");
            assert.strictEqual(byFamily("ipv6", "ipv4-cluster").port, 8080);
            assert.strictEqual(byFamily("ipv4", "ipv4-cluster").expect, "deny");
            assert.strictEqual(byFamily("ipv6", "ipv6-cluster").expect, "deny");
        });
        it("without v6 egress the IPv6 flow is declared denied and the probe checks the boundary", () => {
            const cfg = schema.parse({ ipv4ClusterVpc: { cidr: "10.30.0.0/16" }, ipv6ClusterVpc: { cidr: "10.40.0.0/16" }, ipv4Cluster: { v6Egress: false }, ipv6Cluster: {} }) as Config;
            assert.strictEqual(flows(cfg).find((f) => f.family === "ipv6" && f.from.kind === "pods" && f.from.cluster === "ipv4-cluster")!.expect, "deny");
            const names = probeChecks(cfg, "2001:db8:0:200::/56", "2001:db8:0:100::/56").map((c) => c.name).join("\n");
            assert.match(names, /no v6if0/);
            assert.match(names, /fails \(no IPv6 path without v6 egress\)/);
        });
        it("outputs the after-deploy checks as commands", () => {
            const checks: string = graph.outputs.checks;
            assert.match(checks, /get daemonset aws-node/);
            assert.match(checks, /initContainers\[\*\]/);
            assert.match(checks, /ENABLE_V6_EGRESS/);
            assert.match(checks, /ip -6 addr show dev v6if0/);
            assert.match(checks, /dig \+short AAAA echo\.pods\.ipv6-interop\.internal/);
            assert.match(checks, /curl -6/);
            assert.match(checks, /clientip/);
            assert.match(checks, /Ipv6Address/);
        });
    });
});

describe(`stack ${STACK}: before the opt-in (figure 7), then the opt-in on pulumi up`, () => {
    let before0: GraphIndex;
    let after: GraphIndex;
    let graph0: Graph;
    before(async () => {
        const base = loadStackConfig(STACK).config;
        graph0 = await planWith(STACK, {
            overrides: {
                [`${NS}:ipv4ClusterVpc`]: { ...JSON.parse(base[`${NS}:ipv4ClusterVpc`]), ipv6: "none" },
                [`${NS}:ipv4Cluster`]: { ...JSON.parse(base[`${NS}:ipv4Cluster`]), v6Egress: false },
            },
        });
        before0 = indexOf(graph0);
        after = indexOf(await graphOf(STACK));
    });

    it("before: the IPv4 VPC has no IPv6, nothing crosses between the VPCs, v6 egress is off", () => {
        assert.strictEqual(before0.ofType("aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation").length, 0);
        assert.strictEqual(before0.ofType("aws:ec2/vpcPeeringConnection:VpcPeeringConnection").length, 0);
        const subnets = before0.ofType("aws:ec2/subnet:Subnet").filter((s) => s.name.startsWith("ipv4-cluster-vpc-"));
        assert.ok(subnets.every((s) => s.inputs.ipv6CidrBlock === undefined && s.inputs.assignIpv6AddressOnCreation === undefined));
        assert.strictEqual(before0.one("aws:eks/addon:Addon", "ipv4-cluster-vpc-cni").inputs.configurationValues, undefined);
        assert.strictEqual(graph0.intent.find((f) => f.family === "ipv6" && f.from.kind === "pods" && f.from.cluster === "ipv4-cluster")!.expect, "deny");
        const script: string = before0.one("kubernetes:core/v1:ConfigMap", "probe-script").inputs.data["probe.sh"];
        assert.match(script, /no v6if0/);
        assert.match(script, /fails \(no IPv6 path without v6 egress\)/);
        assert.ok(!/clientip/.test(script));
    });
    it("the opt-in changes the subnets in place and the launch template's ipv6-subnets tag, so the node group rolls", () => {
        const vpc0 = before0.one("aws:ec2/vpc:Vpc", "ipv4-cluster-vpc");
        const vpc1 = after.one("aws:ec2/vpc:Vpc", "ipv4-cluster-vpc");
        const { tags: tags0, ...rest0 } = vpc0.inputs;
        const { tags: tags1, ...rest1 } = vpc1.inputs;
        assert.deepStrictEqual(rest0, rest1, "the VPC itself is untouched (no replacement)");
        assert.match(tags0["ipv6-policy-exempt"], /^vpc-dual-stack=figure 7 before the opt-in/, "IPv4-only on purpose, with the reason");
        assert.strictEqual(tags1["ipv6-policy-exempt"], undefined, "the exemption goes with the opt-in");
        for (const s1 of after.ofType("aws:ec2/subnet:Subnet").filter((s) => s.name.startsWith("ipv4-cluster-vpc-"))) {
            const s0 = before0.one("aws:ec2/subnet:Subnet", s1.name);
            assert.strictEqual(s0.inputs.cidrBlock, s1.inputs.cidrBlock, `${s1.name} keeps its IPv4 block`);
            assert.strictEqual(s0.inputs.availabilityZone, s1.inputs.availabilityZone);
            assert.ok(s1.inputs.ipv6CidrBlock && !s0.inputs.ipv6CidrBlock, `${s1.name} gains its /64`);
        }
        const tag = (g: GraphIndex) => g.one("aws:ec2/launchTemplate:LaunchTemplate", "ipv4-cluster-nodes").inputs.tagSpecifications[0].tags["ipv6-subnets"];
        assert.strictEqual(tag(before0), "none");
        assert.notStrictEqual(tag(after), tag(before0), "a changed template means a new version and a rolling node update");
        const c0 = before0.one("eks:index:Cluster", "ipv4-cluster");
        const c1 = after.one("eks:index:Cluster", "ipv4-cluster");
        assert.strictEqual(c0.inputs.ipFamily, c1.inputs.ipFamily, "the IPv4 cluster is not rebuilt");
        assert.strictEqual(c0.inputs.name, c1.inputs.name);
    });
});

describe(`stack ${STACK}: bad config fails before any resource`, () => {
    const base = loadStackConfig(STACK).config;
    const withKey = (key: string, patch: (v: any) => any) => ({ ...base, [`${NS}:${key}`]: JSON.stringify(patch(JSON.parse(base[`${NS}:${key}`]))) });
    const refused = (config: Record<string, string>, key: string, value: RegExp, fix: RegExp) =>
        assert.throws(() => prepare(config, STACK), (e: ConfigError) => {
            assert.ok(e instanceof ConfigError, String(e));
            assert.strictEqual(e.key, `${NS}:${key}`);
            assert.match(e.message, value);
            assert.match(e.message, fix);
            return true;
        });

    it("v6 egress on a VPC without IPv6", () =>
        refused(withKey("ipv4ClusterVpc", (v) => ({ ...v, ipv6: "none" })), "ipv4Cluster.v6Egress", /true is invalid/, /v6 egress needs node IPv6 addresses.*ipv4ClusterVpc\.ipv6: association/));
    it("a pinned vpc-cni version below the v6-egress floor", () =>
        refused(withKey("ipv4Cluster", (v) => ({ ...v, vpcCniVersion: "v1.12.6-eksbuild.2" })), "ipv4Cluster.vpcCniVersion", /"v1\.12\.6-eksbuild\.2" is invalid/, /ENABLE_V6_EGRESS needs vpc-cni 1\.13\.0 or later/));
    it("accepts a pinned vpc-cni version at the floor", () =>
        assert.doesNotThrow(() => prepare(withKey("ipv4Cluster", (v) => ({ ...v, vpcCniVersion: "v1.13.0-eksbuild.1" })), STACK)));
    it("overlapping IPv4 CIDRs, although only IPv6 crosses the peering", () =>
        refused(withKey("ipv6ClusterVpc", (v) => ({ ...v, cidr: "10.30.128.0/17" })), "ipv6ClusterVpc.cidr", /"10\.30\.128\.0\/17" is invalid/, /overlaps ipv4ClusterVpc\.cidr/));
    it("an unpinned or malformed chart version", () =>
        refused(withKey("externalDns", (v) => ({ ...v, chart: { ...v.chart, version: "latest" } })), "externalDns.chart.version", /"latest" is invalid/, /pin an exact chart version/));
    it("a zone name with a trailing dot", () =>
        refused(withKey("dns", () => ({ zoneName: "pods.example.internal." })), "dns.zoneName", /is invalid/, /no trailing dot/));
    it("a DNS retry budget that outlasts pulumi's wait for the Job", () =>
        refused(withKey("probe", (v) => ({ ...v, dnsAttempts: 60, dnsIntervalSeconds: 30 })), "probe.dnsAttempts", /60 is invalid/, /the probe script can run 2193 s .* must stay within 600 s, pulumi's wait for the Job/));
    it("a first-query delay that, with the retries, outlasts pulumi's wait", () =>
        refused(withKey("probe", (v) => ({ ...v, dnsFirstQueryDelaySeconds: 120, dnsAttempts: 31, dnsIntervalSeconds: 10 })), "probe.dnsAttempts", /31 is invalid/, /can run 667 s .*lower dnsAttempts, dnsIntervalSeconds or dnsFirstQueryDelaySeconds/));
    it("the probe's worst case at the boundary: 60 s of start-up plus 540 s fits exactly, one second more does not", () => {
        assert.doesNotThrow(() => prepare(withKey("probe", (v) => ({ ...v, dnsFirstQueryDelaySeconds: 91, dnsAttempts: 24, dnsIntervalSeconds: 10 })), STACK));
        refused(withKey("probe", (v) => ({ ...v, dnsFirstQueryDelaySeconds: 92, dnsAttempts: 24, dnsIntervalSeconds: 10 })), "probe.dnsAttempts", /24 is invalid/, /can run 541 s/);
    });
    it("a DNS wait shorter than ExternalDNS's event batch plus Route 53's sync plus CoreDNS's negative cache", () =>
        refused(withKey("probe", (v) => ({ ...v, dnsFirstQueryDelaySeconds: 10, dnsAttempts: 4, dnsIntervalSeconds: 10 })), "probe.dnsAttempts", /4 is invalid/, /is 50 s; give it at least 95 s/));
    it("accepts a DNS wait of exactly the bound", () =>
        assert.doesNotThrow(() => prepare(withKey("probe", (v) => ({ ...v, dnsFirstQueryDelaySeconds: 5, dnsAttempts: 9, dnsIntervalSeconds: 10 })), STACK)));
    it("the offline engine refuses it too, before registering anything", async () => {
        await assert.rejects(planWith(STACK, { overrides: { [`${NS}:ipv4Cluster`]: { ...JSON.parse(base[`${NS}:ipv4Cluster`]), vpcCniVersion: "v1.12.0-eksbuild.1" } } }), /ipv4Cluster\.vpcCniVersion/);
    });
});

describe(`stack ${STACK}: probe scripts under sh`, () => {
    /** Runs a check with `dig` and `curl` replaced by stubs that print the given answers. */
    let bin: string;
    before(() => {
        bin = fs.mkdtempSync(path.join(os.tmpdir(), "probe-stubs-"));
        fs.writeFileSync(path.join(bin, "dig"), '#!/bin/sh\nprintf "%s\\n" "$DIG_ANSWER"\n', { mode: 0o755 });
        fs.writeFileSync(path.join(bin, "curl"), '#!/bin/sh\nprintf "%s" "$CURL_ANSWER"\n', { mode: 0o755 });
    });
    after(() => fs.rmSync(bin, { recursive: true, force: true }));
    function run(script: string, dig: string, curl: string): boolean {
        try {
            execFileSync("sh", ["-c", script], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, DIG_ANSWER: dig, CURL_ANSWER: curl }, stdio: "pipe" });
            return true;
        } catch {
            return false;
        }
    }
    // Valid config, then a one-try DNS check (below the schema's floor) so the script runs fast.
    const parsed = schema.parse({ ipv4ClusterVpc: { cidr: "10.30.0.0/16" }, ipv6ClusterVpc: { cidr: "10.40.0.0/16" }, ipv4Cluster: {}, ipv6Cluster: {} }) as Config;
    const cfg: Config = { ...parsed, probe: { ...parsed.probe, dnsFirstQueryDelaySeconds: 0, dnsAttempts: 1, dnsIntervalSeconds: 1 } };
    const [, dns, , source] = probeChecks(cfg, "2001:db8:0:200::/56", "2001:db8:0:100::/56");

    it("the AAAA check wants pod addresses inside the IPv6 cluster VPC's /56", () => {
        assert.ok(run(dns.script, "2001:db8:0:110::a", ""));
        assert.ok(!run(dns.script, "2001:db8:0:210::a", ""), "an address of another /56");
        assert.ok(!run(dns.script, "", ""), "no records yet (after the bounded retries)");
    });
    it("the source check wants the IPv4 cluster VPC's /56, not the pod's ULA", () => {
        assert.ok(run(source.script, "2001:db8:0:110::a", "[2001:db8:0:210::1f]:43210"));
        assert.ok(!run(source.script, "2001:db8:0:110::a", "[fd00::ac:2]:43210"), "no SNAT: the pod's ULA");
        assert.ok(!run(source.script, "2001:db8:0:110::a", "[2001:db8:0:110::5]:43210"), "a source from the wrong VPC");
    });
});
