import { strict as assert } from "assert";
import { dns64NeedsNat64Route, noDns64WhereEksNodesRun, subnetAssignsIpv6, subnetIpv6Block64, subnetIpv6InsideVpc, vpcDualStackRule, vpcIpv6WithoutSubnets } from "../../policies/rules/vpc";
import { Fx, UNKNOWN, dualStackVpc, messages, nat, patch, route, subnet, vpc, without } from "./harness";

const ipv6Assoc = (name: string, vpcName: string, block: string): Fx => ({
    type: "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation",
    name,
    props: { id: `vpc-cidr-assoc-${name}`, vpcId: `vpc-${vpcName}`, assignGeneratedIpv6CidrBlock: true, ipv6CidrBlock: block },
    deps: { vpcId: [vpcName] },
    computed: ["ipv6CidrBlock"],
});

describe("policies: VPCs and subnets", () => {
    describe("vpc-dual-stack", () => {
        it("passes a VPC with an Amazon /56 and one that opts in by association", async () => {
            assert.deepEqual(await messages(vpcDualStackRule, [vpc("a"), vpc("b", { ipv6: false }), ipv6Assoc("b6", "b", "2001:db8:0:200::/56")]), []);
        });
        it("fails an IPv4-only VPC and names the field to set", async () => {
            const m = await messages(vpcDualStackRule, [vpc("legacy", { ipv6: false })]);
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.ec2\.Vpc "legacy".*assignGeneratedIpv6CidrBlock to true/);
        });
        it("honours an exemption tag with a reason, and only for the named rule", async () => {
            assert.deepEqual(await messages(vpcDualStackRule, [vpc("legacy", { ipv6: false, tags: { "ipv6-policy-exempt": "vpc-dual-stack=legacy IPv4-only app VPC" } })]), []);
            assert.equal((await messages(vpcDualStackRule, [vpc("legacy", { ipv6: false, tags: { "ipv6-policy-exempt": "load-balancer-dual-stack=legacy IPv4-only app VPC" } })])).length, 1);
            assert.equal((await messages(vpcDualStackRule, [vpc("legacy", { ipv6: false, tags: { "ipv6-policy-exempt": "" } })])).length, 1, "an empty reason exempts nothing");
        });
        it("stays quiet while the tags or the exemption's value are unknown (the resource may be exempt)", async () => {
            assert.deepEqual(await messages(vpcDualStackRule, [{ ...vpc("legacy", { ipv6: false }), props: { ...vpc("legacy", { ipv6: false }).props, tags: UNKNOWN } }]), []);
            assert.deepEqual(await messages(vpcDualStackRule, [vpc("legacy", { ipv6: false, tags: { "ipv6-policy-exempt": UNKNOWN } })]), []);
        });
        it("uses the configured exemption tag name", async () => {
            const fx = [vpc("legacy", { ipv6: false, tags: { "net-exempt": "legacy IPv4-only app VPC" } })];
            assert.equal((await messages(vpcDualStackRule, fx)).length, 1);
            assert.deepEqual(await messages(vpcDualStackRule, fx, { config: { "vpc-dual-stack": { exemptionTags: ["net-exempt"] } } }), []);
        });
        it("reports nothing while the IPv6 request or the association's VPC is unknown", async () => {
            assert.deepEqual(await messages(vpcDualStackRule, [patch([vpc("a", { ipv6: false })], "a", { assignGeneratedIpv6CidrBlock: UNKNOWN })[0]]), []);
            assert.deepEqual(await messages(vpcDualStackRule, [vpc("b", { ipv6: false }), { ...ipv6Assoc("b6", "b", UNKNOWN), props: { vpcId: UNKNOWN, ipv6CidrBlock: UNKNOWN } }]), []);
            assert.deepEqual(await messages(vpcDualStackRule, [vpc("b", { ipv6: false }), ipv6Assoc("b6", "b", "2001:db8:0:200::/56")], { preview: true }), []);
        });
    });

    describe("vpc-ipv6-reaches-subnets", () => {
        const v4Subnets = (fx: Fx[]) => fx.map((f) => (f.type === "aws:ec2/subnet:Subnet" ? { ...f, props: Object.fromEntries(Object.entries(f.props).filter(([k]) => k !== "ipv6CidrBlock" && k !== "assignIpv6AddressOnCreation")) } : f));
        it("reports a VPC with a /56 and ::/0 routes whose subnets have no IPv6 block", async () => {
            const m = await messages(vpcIpv6WithoutSubnets, v4Subnets(dualStackVpc("n")));
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.ec2\.Vpc "n-vpc" has an IPv6 block and 2 IPv6 routes but none of its 2 subnets has an IPv6 block/);
        });
        it("passes the dual-stack VPC, a VPC without IPv6 routes, and stays silent while a subnet block is unknown", async () => {
            assert.deepEqual(await messages(vpcIpv6WithoutSubnets, dualStackVpc("n")), []);
            assert.deepEqual(await messages(vpcIpv6WithoutSubnets, without(v4Subnets(dualStackVpc("n")), "n-public-v6", "n-private-v6")), []);
            assert.deepEqual(await messages(vpcIpv6WithoutSubnets, patch(v4Subnets(dualStackVpc("n")), "n-public", { ipv6CidrBlock: UNKNOWN })), []);
        });
    });

    describe("subnet-assigns-ipv6-on-creation", () => {
        it("passes dual-stack subnets that assign IPv6 and IPv4-only subnets", async () => {
            assert.deepEqual(await messages(subnetAssignsIpv6, [subnet("s", "v", { ipv6: "2001:db8:0:110::/64", assign: true }), subnet("four", "v"), vpc("v")]), []);
        });
        it("fails a subnet with an IPv6 block that does not assign it, and an IPv6-only one, when nothing says what launches there", async () => {
            const m = await messages(subnetAssignsIpv6, [vpc("v"), subnet("s", "v", { ipv6: "2001:db8:0:110::/64" }), subnet("n", "v", { ipv6: "2001:db8:0:111::/64", native: true, assign: false })]);
            assert.equal(m.length, 2);
            assert.match(m[0], /"s" has the IPv6 block 2001:db8:0:110::\/64 but assignIpv6AddressOnCreation is unset and nothing in this stack says what launches in it.*: set assignIpv6AddressOnCreation to true/);
            assert.match(m[1], /"n".*is false/);
        });
        it("passes a public dual-stack subnet that hosts only a load balancer and a NAT gateway (what launches there decides)", async () => {
            const fx: Fx[] = [
                vpc("v"),
                subnet("pub", "v", { ipv6: "2001:db8:0:100::/64" }),
                nat("gw", "pub"),
                { type: "aws:lb/loadBalancer:LoadBalancer", name: "alb", props: { id: "arn:alb", loadBalancerType: "application", ipAddressType: "dualstack", subnets: ["subnet-pub"] }, deps: { subnets: ["pub"] } },
            ];
            assert.deepEqual(await messages(subnetAssignsIpv6, fx), []);
            assert.deepEqual(await messages(subnetAssignsIpv6, fx, { preview: true }), [], "joined only by property dependencies in a preview");
        });
        it("fails the same subnet once an instance or a node group launches there, naming it", async () => {
            const fx: Fx[] = [
                vpc("v"),
                subnet("pub", "v", { ipv6: "2001:db8:0:100::/64" }),
                nat("gw", "pub"),
                { type: "aws:eks/nodeGroup:NodeGroup", name: "ng", props: { id: "c:ng", clusterName: "c", subnetIds: ["subnet-pub"], instanceTypes: ["m7i.large"] }, deps: { subnetIds: ["pub"] } },
            ];
            const m = await messages(subnetAssignsIpv6, fx);
            assert.equal(m.length, 1);
            assert.match(m[0], /"pub" .* and aws\.eks\.NodeGroup "ng" launches in it: set assignIpv6AddressOnCreation to true/);
            assert.equal((await messages(subnetAssignsIpv6, fx, { preview: true })).length, 1, "a preview knows it from the property dependencies");
        });
        it("reports nothing when the block or the flag is unknown", async () => {
            assert.deepEqual(await messages(subnetAssignsIpv6, [vpc("v"), patch([subnet("s", "v")], "s", { ipv6CidrBlock: UNKNOWN })[0]]), []);
            assert.deepEqual(await messages(subnetAssignsIpv6, [vpc("v"), subnet("s", "v", { ipv6: "2001:db8:0:110::/64", assign: UNKNOWN as any })]), []);
        });
    });

    describe("subnet-ipv6-block-is-64", () => {
        it("passes a /64", async () => {
            assert.deepEqual(await messages(subnetIpv6Block64, [vpc("v"), subnet("s", "v", { ipv6: "2001:db8:0:110::/64", assign: true })]), []);
        });
        it("fails a /56 and a /64 with host bits", async () => {
            const m = await messages(subnetIpv6Block64, [vpc("v"), subnet("big", "v", { ipv6: "2001:db8:0:100::/56", assign: true }), subnet("bits", "v", { ipv6: "2001:db8:0:110::1/64", assign: true })]);
            assert.equal(m.length, 2);
            assert.match(m[0], /"big": ipv6CidrBlock is 2001:db8:0:100::\/56, a \/56; set it to one \/64/);
            assert.match(m[1], /host bits set; set it to the network address 2001:db8:0:110::\/64/);
        });
        it("reports nothing for an unknown block", async () => {
            assert.deepEqual(await messages(subnetIpv6Block64, [vpc("v"), subnet("s", "v", { ipv6: UNKNOWN, assign: true })]), []);
        });
    });

    describe("subnet-ipv6-inside-vpc-block", () => {
        it("passes /64s inside the VPC's /56 or inside an associated block", async () => {
            assert.deepEqual(await messages(subnetIpv6InsideVpc, [vpc("v"), subnet("s", "v", { ipv6: "2001:db8:0:1ff::/64", assign: true }), vpc("w", { ipv6: false }), ipv6Assoc("w6", "w", "2001:db8:0:200::/56"), subnet("t", "w", { ipv6: "2001:db8:0:201::/64", assign: true })]), []);
        });
        it("fails a /64 copied from another VPC's block", async () => {
            const m = await messages(subnetIpv6InsideVpc, [vpc("v"), subnet("s", "v", { ipv6: "2001:db8:0:210::/64", assign: true })]);
            assert.equal(m.length, 1);
            assert.match(m[0], /"s": ipv6CidrBlock 2001:db8:0:210::\/64 is outside aws\.ec2\.Vpc "v"'s IPv6 block 2001:db8:0:100::\/56; set it to a \/64 inside 2001:db8:0:100::\/56/);
        });
        it("reports nothing while the VPC's block is unknown (a preview of a new VPC)", async () => {
            assert.deepEqual(await messages(subnetIpv6InsideVpc, [vpc("v", { ipv6: UNKNOWN }), subnet("s", "v", { ipv6: "2001:db8:0:210::/64", assign: true })]), []);
            assert.deepEqual(await messages(subnetIpv6InsideVpc, [vpc("v"), subnet("s", "v", { ipv6: "2001:db8:0:210::/64", assign: true })], { preview: true }), []);
        });
    });

    describe("subnet-dns64-needs-nat64-route", () => {
        const withNat64 = (target: { nat: string } | { igw: string }) => [...dualStackVpc("n", { dns64: true }), route("n-nat64", "n-private-rt", "64:ff9b::/96", target)];
        it("passes DNS64 with a 64:ff9b::/96 route to the NAT gateway", async () => {
            assert.deepEqual(await messages(dns64NeedsNat64Route, withNat64({ nat: "n-nat" })), []);
        });
        it("fails DNS64 without the route, and with the route to the wrong target", async () => {
            const missing = await messages(dns64NeedsNat64Route, dualStackVpc("n", { dns64: true }));
            assert.equal(missing.length, 1);
            assert.match(missing[0], /"n-private" has enableDns64 but its route table aws\.ec2\.RouteTable "n-private-rt" has no 64:ff9b::\/96 route/);
            const wrong = await messages(dns64NeedsNat64Route, withNat64({ igw: "n-igw" }));
            assert.match(wrong[0], /sends 64:ff9b::\/96 to a igw target; set natGatewayId/);
        });
        it("reports nothing when route destinations are unknown", async () => {
            assert.deepEqual(await messages(dns64NeedsNat64Route, patch(withNat64({ nat: "n-nat" }), "n-nat64", { destinationIpv6CidrBlock: UNKNOWN })), []);
            assert.deepEqual(await messages(dns64NeedsNat64Route, withNat64({ nat: "n-nat" }), { preview: true }), []);
        });
    });

    describe("subnet-no-dns64-for-eks-nodes", () => {
        const nodeGroup = (subnets: string[]): Fx => ({ type: "aws:eks/nodeGroup:NodeGroup", name: "ng", props: { id: "c:ng", clusterName: "c", subnetIds: subnets.map((s) => `subnet-${s}`), instanceTypes: ["m7i.large"] }, deps: { subnetIds: subnets } });
        it("passes node subnets without DNS64", async () => {
            assert.deepEqual(await messages(noDns64WhereEksNodesRun, [...dualStackVpc("n"), nodeGroup(["n-private"])]), []);
        });
        it("fails DNS64 on a subnet where a node group runs", async () => {
            const m = await messages(noDns64WhereEksNodesRun, [...dualStackVpc("n", { dns64: true }), nodeGroup(["n-private"])]);
            assert.equal(m.length, 1);
            assert.match(m[0], /"n-private" has enableDns64 true but aws\.eks\.NodeGroup "ng" runs EKS nodes or pods in it: set enableDns64 to false/);
        });
        it("resolves node subnets through dependencies when IDs are unknown, and skips unknown flags", async () => {
            assert.equal((await messages(noDns64WhereEksNodesRun, [...dualStackVpc("n", { dns64: true }), nodeGroup(["n-private"])], { preview: true })).length, 1);
            assert.deepEqual(await messages(noDns64WhereEksNodesRun, [...patch(dualStackVpc("n"), "n-private", { enableDns64: UNKNOWN }), nodeGroup(["n-private"])]), []);
        });
    });

    it("the dual-stack fixture is clean for every VPC rule (so each failing case fails for its own reason)", async () => {
        for (const rule of [vpcDualStackRule, subnetAssignsIpv6, subnetIpv6Block64, subnetIpv6InsideVpc, dns64NeedsNat64Route]) {
            assert.deepEqual(await messages(rule, dualStackVpc("n")), [], rule.name);
            assert.deepEqual(await messages(rule, without(dualStackVpc("n"), "n-private-v6")), [], rule.name);
        }
    });
});
