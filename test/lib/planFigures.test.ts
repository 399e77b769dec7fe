import * as assert from "assert";
import { estimateHourlyCost, minutes, predictUpTime, type CostLine, type PlanResource } from "../../lib/planFigures";
import { PRICES } from "../../lib/aws/prices";

// The plan's cost and `pulumi up` time sections (engine/checks/planFigures.ts) print these figures;
// a user budgets with them. Each test pins a line exactly: item, quantity, unit, price, source.

const NOW = new Date("2026-11-29T12:00:00Z");
const res = (urn: string, type: string, inputs: Record<string, any> = {}, extra: Partial<PlanResource> = {}): PlanResource => ({ urn, type, name: urn, custom: true, dependencies: [], inputs, ...extra });
const priced = (key: keyof typeof PRICES, resource: string, quantity = 1): CostLine => {
    const p = PRICES[key];
    return { item: p.item, resource, quantity, unit: p.unit, unitUsd: p.usd, hourlyUsd: quantity * p.usd, source: `${p.source}, ${p.asOf}` };
};
const EC2_SOURCE = "https://aws.amazon.com/ec2/pricing/on-demand/ (Linux), 2025-10";
const ec2 = (type: string, resource: string, quantity: number, usd: number, node = false): CostLine => ({ item: `EC2 ${type}${node ? " (node)" : ""}`, resource, quantity, unit: "instance-hour", unitUsd: usd, hourlyUsd: quantity * usd, source: EC2_SOURCE });
const ebs = (resource: string, gib: number, node = false): CostLine => ({ ...priced("ebsGp3", resource, gib), item: node ? "EBS gp3 (node root volume)" : "EBS gp3 (root volume)" });
const cost = (resources: PlanResource[], region = "us-west-2") => estimateHourlyCost(resources, region, NOW);

describe("planFigures: the hourly cost and the pulumi up time of a plan", () => {
    describe("estimateHourlyCost", () => {
        it("an empty plan costs nothing; the priced regions are flagged as such", () => {
            assert.deepStrictEqual(cost([]), { lines: [], hourlyUsd: 0, unpriced: [], regionPriced: true, warnings: [] });
            assert.strictEqual(cost([], "us-east-1").regionPriced, true);
            assert.strictEqual(cost([], "eu-west-1").regionPriced, false);
        });

        it("EKS clusters (pulumi-eks and the plain resource): one cluster-hour at the standard price", () => {
            const c = cost([res("c1", "eks:index:Cluster", { version: "1.34" }, { custom: false }), res("c2", "aws:eks/cluster:Cluster", { version: "1.35" })]);
            assert.deepStrictEqual(c.lines, [
                { item: "EKS cluster (1.34, standard support)", resource: "c1", quantity: 1, unit: "cluster-hour", unitUsd: 0.1, hourlyUsd: 0.1, source: "https://aws.amazon.com/eks/pricing/, 2025-10" },
                { item: "EKS cluster (1.35, standard support)", resource: "c2", quantity: 1, unit: "cluster-hour", unitUsd: 0.1, hourlyUsd: 0.1, source: "https://aws.amazon.com/eks/pricing/, 2025-10" },
            ]);
            assert.deepStrictEqual(c.warnings, []);
            assert.strictEqual(c.hourlyUsd, 0.2);
        });

        it("a cluster without a version, or with one the table lacks or whose support ended, is priced as standard without a warning", () => {
            const c = cost([res("a", "aws:eks/cluster:Cluster"), res("b", "aws:eks/cluster:Cluster", { version: "9.99" }), res("d", "aws:eks/cluster:Cluster", { version: "1.20" })]);
            assert.deepStrictEqual(c.lines.map((l) => [l.item, l.unitUsd]), [["EKS cluster (version unset, standard support)", 0.1], ["EKS cluster (9.99, standard support)", 0.1], ["EKS cluster (1.20, standard support)", 0.1]]);
            assert.deepStrictEqual(c.warnings, []);
        });

        it("a cluster in extended support costs the extended price and says until when, and what to do", () => {
            const c = cost([res("old", "aws:eks/cluster:Cluster", { version: "1.32" })]);
            assert.deepStrictEqual(c.lines, [{ item: "EKS cluster (1.32, extended support)", resource: "old", quantity: 1, unit: "cluster-hour", unitUsd: 0.6, hourlyUsd: 0.6, source: "https://aws.amazon.com/eks/pricing/, 2025-10" }]);
            assert.deepStrictEqual(c.warnings, ["old: Kubernetes 1.32 is in extended support until 2027-03-23: 0.60 USD an hour instead of 0.10; upgrade to a version in standard support"]);
        });

        it("the support status is read on the date given: the last day of standard support is still standard", () => {
            const on = (d: string) => estimateHourlyCost([res("c", "aws:eks/cluster:Cluster", { version: "1.34" })], "us-west-2", new Date(d)).lines[0].item;
            assert.strictEqual(on("2026-12-02T23:00:00Z"), "EKS cluster (1.34, standard support)");
            assert.strictEqual(on("2026-12-03T00:00:00Z"), "EKS cluster (1.34, extended support)");
        });

        it("a node group: desired size x the first instance type, and the root volumes of its nodes", () => {
            const c = cost([res("ng", "aws:eks/nodeGroup:NodeGroup", { instanceTypes: ["m5.large", "t3.medium"], scalingConfig: { desiredSize: 3 }, diskSize: 50 })]);
            assert.deepStrictEqual(c.lines, [ec2("m5.large", "ng", 3, 0.096, true), ebs("ng", 150, true)]);
            assert.ok(Math.abs(c.hourlyUsd - (3 * 0.096 + (150 * 0.08) / 730)) < 1e-12);
        });

        it("a node group's defaults: t3.medium, one node, 20 GiB", () => {
            for (const inputs of [{}, { instanceTypes: [] }, { instanceTypes: "m5.large" }, { scalingConfig: { desiredSize: "3" }, diskSize: "50" }, { scalingConfig: { desiredSize: Number.NaN }, diskSize: Number.POSITIVE_INFINITY }]) {
                assert.deepStrictEqual(cost([res("ng", "aws:eks/nodeGroup:NodeGroup", inputs)]).lines, [ec2("t3.medium", "ng", 1, 0.0416, true), ebs("ng", 20, true)], JSON.stringify(inputs));
            }
            assert.deepStrictEqual(cost([res("ng", "aws:eks/nodeGroup:NodeGroup", { scalingConfig: { desiredSize: 0 } })]).lines, [ec2("t3.medium", "ng", 0, 0.0416, true), ebs("ng", 0, true)], "a desired size of 0 is kept");
        });

        it("a node group of an instance type without a price is listed as unpriced, its volumes still priced", () => {
            const c = cost([res("ng", "aws:eks/nodeGroup:NodeGroup", { instanceTypes: ["x2iedn.32xlarge"], scalingConfig: { desiredSize: 2 } })]);
            assert.deepStrictEqual(c.unpriced, ["ng: 2 x x2iedn.32xlarge (no price in lib/aws/prices.ts)"]);
            assert.deepStrictEqual(c.lines, [ebs("ng", 40, true)]);
        });

        it("a node group's launch template sets the volume size; it is found by its id", () => {
            const lt = (name: string, id: string, size: number, inputs: Record<string, any> = {}) => ({ ...res(name, "aws:ec2/launchTemplate:LaunchTemplate", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: size } }], ...inputs }), id });
            const plan = [
                lt("lt-a", "lt-0aaa", 30),
                lt("lt-b", "lt-0bbb", 80),
                res("ng-a", "aws:eks/nodeGroup:NodeGroup", { launchTemplate: { id: "lt-0aaa", version: "1" }, diskSize: 99 }),
                res("ng-b", "aws:eks/nodeGroup:NodeGroup", { launchTemplate: { id: "lt-0bbb" }, scalingConfig: { desiredSize: 2 } }),
                res("ng-missing", "aws:eks/nodeGroup:NodeGroup", { launchTemplate: { id: "lt-0ccc" }, diskSize: 60 }),
                res("ng-name", "aws:eks/nodeGroup:NodeGroup", { launchTemplate: { name: "lt-a" } }),
            ];
            const volumes = cost(plan).lines.filter((l) => l.item.startsWith("EBS")).map((l) => [l.resource, l.quantity]);
            assert.deepStrictEqual(volumes, [["ng-a", 30], ["ng-b", 160], ["ng-missing", 60], ["ng-name", 20]]);
            assert.deepStrictEqual(cost(plan).lines.filter((l) => l.resource.startsWith("lt-")), [], "a launch template is not billed");
        });

        it("launch templates without an id input but with the same name in different components are told apart", () => {
            const a = { ...res("urn:a/lt", "aws:ec2/launchTemplate:LaunchTemplate", { blockDeviceMappings: [{ ebs: { volumeSize: 30 } }] }, { name: "lt" }), id: "lt-1" };
            const b = { ...res("urn:b/lt", "aws:ec2/launchTemplate:LaunchTemplate", { blockDeviceMappings: [{ ebs: { volumeSize: 70 } }] }, { name: "lt" }), id: "lt-2" };
            const c = cost([a, b, res("ng", "aws:eks/nodeGroup:NodeGroup", { launchTemplate: { id: "lt-1" } })]);
            assert.deepStrictEqual(c.lines[1], ebs("ng", 30, true));
        });

        it("a node group without a launch template, next to one that has it, keeps its own disk size", () => {
            const lt = { ...res("lt", "aws:ec2/launchTemplate:LaunchTemplate", { blockDeviceMappings: [{ ebs: { volumeSize: 90 } }] }), id: "lt-1" };
            const c = cost([lt, res("ng", "aws:eks/nodeGroup:NodeGroup", { diskSize: 30 }), res("ng2", "aws:eks/nodeGroup:NodeGroup", { launchTemplate: { id: "lt-1" } })]);
            assert.deepStrictEqual(c.lines.filter((l) => l.item.startsWith("EBS")).map((l) => [l.resource, l.quantity]), [["ng", 30], ["ng2", 90]]);
        });

        it("a launch template without a volume size falls back to the node group's disk size", () => {
            const lt = { ...res("lt", "aws:ec2/launchTemplate:LaunchTemplate", { blockDeviceMappings: [{ ebs: {} }] }), id: "lt-9" };
            assert.deepStrictEqual(cost([lt, res("ng", "aws:eks/nodeGroup:NodeGroup", { launchTemplate: { id: "lt-9" }, diskSize: 40 })]).lines[1], ebs("ng", 40, true));
            const bare = { ...res("lt0", "aws:ec2/launchTemplate:LaunchTemplate"), id: "lt-0" };
            assert.deepStrictEqual(cost([bare, res("ng", "aws:eks/nodeGroup:NodeGroup", { launchTemplate: { id: "lt-0" } })]).lines[1], ebs("ng", 20, true));
            for (const blockDeviceMappings of [[], [{ deviceName: "/dev/xvda" }]]) {
                const lt = { ...res("ltx", "aws:ec2/launchTemplate:LaunchTemplate", { blockDeviceMappings }), id: "lt-x" };
                assert.deepStrictEqual(cost([lt, res("ng", "aws:eks/nodeGroup:NodeGroup", { launchTemplate: { id: "lt-x" }, diskSize: 25 })]).lines[1], ebs("ng", 25, true), JSON.stringify(blockDeviceMappings));
            }
        });

        it("an instance: its type and its root volume (8 GiB by default)", () => {
            const c = cost([res("i1", "aws:ec2/instance:Instance", { instanceType: "t3.micro", rootBlockDevice: { volumeSize: 30 } }), res("i2", "aws:ec2/instance:Instance", { instanceType: "t4g.micro" })]);
            assert.deepStrictEqual(c.lines, [ec2("t3.micro", "i1", 1, 0.0104), ebs("i1", 30), ec2("t4g.micro", "i2", 1, 0.0084), ebs("i2", 8)]);
            assert.deepStrictEqual(c.unpriced, []);
        });

        it("an instance whose type has no price, or none at all, is listed as unpriced", () => {
            const c = cost([res("i1", "aws:ec2/instance:Instance", { instanceType: "u-24tb1.112xlarge" }), res("i2", "aws:ec2/instance:Instance")]);
            assert.deepStrictEqual(c.unpriced, ["i1: u-24tb1.112xlarge (no price in lib/aws/prices.ts)", "i2:  (no price in lib/aws/prices.ts)"]);
            assert.deepStrictEqual(c.lines, [ebs("i1", 8), ebs("i2", 8)]);
        });

        it("NAT gateways, Elastic IPs, transit gateway VPC attachments and hosted zones: one unit each", () => {
            const c = cost([
                res("nat", "aws:ec2/natGateway:NatGateway"),
                res("eip", "aws:ec2/eip:Eip"),
                res("att", "aws:ec2transitgateway/vpcAttachment:VpcAttachment"),
                res("zone", "aws:route53/zone:Zone"),
                res("vpc", "aws:ec2/vpc:Vpc"),
                res("tgw", "aws:ec2transitgateway/transitGateway:TransitGateway"),
            ]);
            assert.deepStrictEqual(c.lines, [priced("natGateway", "nat"), priced("publicIpv4", "eip"), priced("transitGatewayAttachment", "att"), priced("route53HostedZone", "zone")]);
            assert.ok(Math.abs(c.hourlyUsd - (0.045 + 0.005 + 0.05 + 0.5 / 730)) < 1e-12, String(c.hourlyUsd));
            assert.deepStrictEqual(c.unpriced, []);
        });

        it("a VPN connection; to a transit gateway it is also a transit gateway attachment", () => {
            assert.deepStrictEqual(cost([res("vpn", "aws:ec2/vpnConnection:VpnConnection", { vpnGatewayId: "vgw-1" })]).lines, [priced("vpnConnection", "vpn")]);
            assert.deepStrictEqual(cost([res("vpn", "aws:ec2/vpnConnection:VpnConnection", { transitGatewayId: "tgw-1" })]).lines, [priced("vpnConnection", "vpn"), priced("transitGatewayVpnAttachment", "vpn")]);
        });

        it("load balancers: a network one is priced; application (the default) and gateway ones are listed as unpriced", () => {
            const c = cost([
                res("nlb", "aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "network" }),
                res("alb", "aws:lb/loadBalancer:LoadBalancer"),
                res("gwlb", "aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "gateway" }),
            ]);
            assert.deepStrictEqual(c.lines, [priced("networkLoadBalancer", "nlb")]);
            assert.deepStrictEqual(c.unpriced, ["alb: application load balancer (no price in lib/aws/prices.ts)", "gwlb: gateway load balancer (no price in lib/aws/prices.ts)"]);
        });

        it("VPC endpoints: an interface endpoint bills per subnet (AZ); a gateway endpoint (the default) is free", () => {
            const c = cost([
                res("if3", "aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Interface", subnetIds: ["a", "b", "c"] }),
                res("if-unknown", "aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Interface" }),
                res("gw", "aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Gateway" }),
                res("default", "aws:ec2/vpcEndpoint:VpcEndpoint"),
            ]);
            assert.deepStrictEqual(c.lines, [priced("interfaceEndpoint", "if3", 3), priced("interfaceEndpoint", "if-unknown", 1)]);
        });

        it("a resource without inputs is read with defaults, not a crash", () => {
            const c = cost([{ urn: "n", type: "aws:ec2/natGateway:NatGateway", name: "n", custom: true, dependencies: [] } as unknown as PlanResource, { urn: "i", type: "aws:ec2/instance:Instance", name: "i", custom: true, dependencies: [] } as unknown as PlanResource]);
            assert.deepStrictEqual(c.lines, [priced("natGateway", "n"), ebs("i", 8)]);
        });

        it("the total is the sum of the lines", () => {
            const c = cost([res("nat", "aws:ec2/natGateway:NatGateway"), res("nat2", "aws:ec2/natGateway:NatGateway"), res("ng", "aws:eks/nodeGroup:NodeGroup", { scalingConfig: { desiredSize: 2 } })]);
            assert.ok(Math.abs(c.hourlyUsd - c.lines.reduce((s, l) => s + l.hourlyUsd, 0)) < 1e-15);
            assert.ok(Math.abs(c.hourlyUsd - (0.09 + 2 * 0.0416 + (40 * 0.08) / 730)) < 1e-12, String(c.hourlyUsd));
        });
    });

    describe("predictUpTime", () => {
        it("nothing to create takes no time", () => {
            assert.deepStrictEqual(predictUpTime([]), { seconds: 0, criticalPath: [] });
            assert.deepStrictEqual(predictUpTime([res("comp", "my:index:C", {}, { custom: false })]), { seconds: 0, criticalPath: [] });
        });

        it("a chain adds up; parallel resources overlap; the path lists each step with its time and finish", () => {
            const t = predictUpTime([
                res("vpc", "aws:ec2/vpc:Vpc"),
                res("nat", "aws:ec2/natGateway:NatGateway", {}, { dependencies: ["vpc"] }),
                res("sg", "aws:ec2/securityGroup:SecurityGroup", {}, { dependencies: ["vpc"] }),
                res("i", "aws:ec2/instance:Instance", {}, { dependencies: ["nat", "sg"] }),
            ]);
            assert.deepStrictEqual(t, {
                seconds: 5 + 120 + 40,
                criticalPath: [
                    { urn: "vpc", type: "aws:ec2/vpc:Vpc", name: "vpc", seconds: 5, doneAt: 5 },
                    { urn: "nat", type: "aws:ec2/natGateway:NatGateway", name: "nat", seconds: 120, doneAt: 125 },
                    { urn: "i", type: "aws:ec2/instance:Instance", name: "i", seconds: 40, doneAt: 165 },
                ],
            });
        });

        it("the longest chain wins wherever it appears in the graph", () => {
            const t = predictUpTime([
                res("zone", "aws:route53/zone:Zone"),
                res("short", "aws:ec2/instance:Instance"),
                res("vpc", "aws:ec2/vpc:Vpc"),
                res("tgw", "aws:ec2transitgateway/transitGateway:TransitGateway", {}, { dependencies: ["vpc"] }),
                res("tail", "aws:ec2/vpc:Vpc"),
            ]);
            assert.strictEqual(t.seconds, 245);
            assert.deepStrictEqual(t.criticalPath.map((s) => s.name), ["vpc", "tgw"]);
        });

        it("between equal chains the first one in the graph is named, both for a dependency and for the end", () => {
            const t = predictUpTime([
                res("a", "aws:ec2/instance:Instance"),
                res("b", "aws:ec2/instance:Instance"),
                res("c", "aws:ec2/vpc:Vpc", {}, { dependencies: ["a", "b"] }),
                res("d", "aws:ec2/vpc:Vpc", {}, { dependencies: ["b", "a"] }),
            ]);
            assert.strictEqual(t.seconds, 45);
            assert.deepStrictEqual(t.criticalPath.map((s) => s.name), ["a", "c"]);
            const u = predictUpTime([res("x", "aws:ec2/instance:Instance"), res("y", "aws:ec2/instance:Instance")]);
            assert.deepStrictEqual(u.criticalPath.map((s) => s.name), ["x"]);
        });

        it("a dependency on a component waits for its children; components and providers take no time and are left out of the path", () => {
            const t = predictUpTime([
                res("prov", "pulumi:providers:aws"),
                res("vpc", "aws:ec2/vpc:Vpc", {}, { dependencies: ["prov"] }),
                res("comp", "my:index:Comp", {}, { custom: false }),
                res("lb", "aws:lb/loadBalancer:LoadBalancer", {}, { dependencies: ["vpc"], parent: "comp" }),
                res("sg", "aws:ec2/securityGroup:SecurityGroup", {}, { parent: "comp" }),
                res("after", "aws:ec2/instance:Instance", {}, { dependencies: ["comp"] }),
            ]);
            assert.strictEqual(t.seconds, 5 + 180 + 40);
            assert.deepStrictEqual(t.criticalPath.map((s) => [s.name, s.seconds, s.doneAt]), [["vpc", 5, 5], ["lb", 180, 185], ["after", 40, 225]]);
        });

        it("a custom resource's children do not hold it up, except pulumi-eks's cluster, which waits for its own", () => {
            const plain = predictUpTime([
                res("parent", "aws:ec2/vpc:Vpc"),
                res("child", "aws:ec2/natGateway:NatGateway", {}, { parent: "parent" }),
                res("dep", "aws:ec2/instance:Instance", {}, { dependencies: ["parent"] }),
            ]);
            assert.strictEqual(plain.seconds, 120, "dep waits only for the VPC: 5 + 40 = 45 < the NAT gateway's 120");
            const eks = predictUpTime([
                res("cluster", "eks:index:Cluster", {}, { custom: true }),
                res("ng", "aws:eks/nodeGroup:NodeGroup", {}, { parent: "cluster" }),
                res("app", "kubernetes:apps/v1:Deployment", {}, { dependencies: ["cluster"] }),
            ]);
            assert.strictEqual(eks.seconds, 180 + 660 + 60);
            assert.deepStrictEqual(eks.criticalPath.map((s) => s.name), ["ng", "cluster", "app"]);
        });

        it("a dependency that is not in the graph counts as done at the start", () => {
            const t = predictUpTime([res("i", "aws:ec2/instance:Instance", {}, { dependencies: ["urn:elsewhere"] })]);
            assert.deepStrictEqual(t, { seconds: 40, criticalPath: [{ urn: "i", type: "aws:ec2/instance:Instance", name: "i", seconds: 40, doneAt: 40 }] });
        });

        it("a dependency cycle ends instead of recursing forever", () => {
            const t = predictUpTime([res("a", "aws:ec2/instance:Instance", {}, { dependencies: ["b"] }), res("b", "aws:ec2/vpc:Vpc", {}, { dependencies: ["a"] })]);
            assert.strictEqual(t.seconds, 45);
            assert.deepStrictEqual(t.criticalPath.map((s) => [s.name, s.doneAt]), [["b", 5], ["a", 45]]);
        });

        it("each resource is timed once: a deep chain of diamonds is quick", () => {
            const plan: PlanResource[] = [res("n0", "aws:ec2/vpc:Vpc")];
            for (let k = 1; k <= 60; k++) {
                plan.push(res(`l${k}`, "aws:ec2/vpc:Vpc", {}, { dependencies: [`n${k - 1}`] }));
                plan.push(res(`r${k}`, "aws:ec2/vpc:Vpc", {}, { dependencies: [`n${k - 1}`] }));
                plan.push(res(`n${k}`, "aws:ec2/vpc:Vpc", {}, { dependencies: [`l${k}`, `r${k}`] }));
            }
            const started = Date.now();
            const t = predictUpTime(plan.reverse());
            assert.strictEqual(t.seconds, 5 * 121);
            assert.strictEqual(t.criticalPath.length, 121);
            assert.ok(Date.now() - started < 2000);
        });
    });

    describe("minutes", () => {
        it("whole minutes, rounded up", () => {
            assert.strictEqual(minutes(0), 0);
            assert.strictEqual(minutes(1), 1);
            assert.strictEqual(minutes(60), 1);
            assert.strictEqual(minutes(61), 2);
            assert.strictEqual(minutes(1500), 25);
        });
    });
});
