import * as assert from "assert";
import { checkGraph } from "../../engine/cli";
import { planDestroy } from "../../engine/destroy";
import { listStacks } from "../../engine/stackConfig";
import { cloneGraph, graphOf } from "../helpers/graphs";

describe("engine/destroy: destroy order and what AWS must release first", () => {
    for (const stack of listStacks()) {
        it(`${stack}: every resource once, after everything that depends on it and after its children`, async () => {
            const g = await graphOf(stack);
            const plan = planDestroy(g);
            const stepOf = new Map<string, number>();
            plan.steps.forEach((urns, i) => urns.forEach((u) => { assert.ok(!stepOf.has(u), u); stepOf.set(u, i); }));
            assert.strictEqual(stepOf.size, g.resources.length);
            for (const r of g.resources) {
                for (const d of r.dependencies) if (stepOf.has(d)) assert.ok(stepOf.get(d)! > stepOf.get(r.urn)!, `${d} goes after ${r.urn}`);
                if (r.parent) assert.ok(stepOf.get(r.parent)! > stepOf.get(r.urn)!, `${r.parent} goes after its child ${r.urn}`);
            }
            const ng = g.resources.find((r) => r.type === "aws:eks/nodeGroup:NodeGroup")!;
            const subnet = ng.propertyDependencies!.subnetIds[0];
            const vpc = g.resources.find((r) => r.urn === subnet)!.propertyDependencies!.vpcId[0];
            assert.ok(stepOf.get(ng.urn)! < stepOf.get(subnet)! && stepOf.get(subnet)! < stepOf.get(vpc)!, "nodes, then their subnet, then the VPC");
            assert.strictEqual(plan.worstCaseMinutes, 75, "node group 60 min, then the EKS cluster 15 min");
            assert.ok(plan.releases.some((r) => r.type === "aws:eks/nodeGroup:NodeGroup" && /VPC CNI/.test(r.releases) && r.maxWaitMinutes === 60));
        });
    }

    it("privatelink-interop: the VPC Lambda probes' security groups and subnets wait up to 45 minutes for Lambda's ENIs; without the Lambda they do not", async () => {
        const g = await graphOf("privatelink-interop");
        const plan = planDestroy(g);
        const lambdaWaits = plan.releases.filter((r) => r.maxWaitMinutes === 45);
        assert.deepEqual([...new Set(lambdaWaits.map((r) => r.type))].sort(), ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/subnet:Subnet"]);
        assert.ok(lambdaWaits.every((r) => /deleteLingeringLambdaENIs/.test(r.source)));
        const noLambda = cloneGraph(g);
        noLambda.resources = noLambda.resources.filter((r) => r.type !== "aws:lambda/function:Function");
        assert.deepEqual(planDestroy(noLambda).releases.filter((r) => r.maxWaitMinutes === 45), []);
    });

    it("tgw-dual-stack: load balancers release their ENIs (5 minutes) and targets are deregistered", async () => {
        const plan = planDestroy(await graphOf("tgw-dual-stack"));
        assert.strictEqual(plan.releases.filter((r) => r.type === "aws:lb/loadBalancer:LoadBalancer" && r.maxWaitMinutes === 5).length, 2);
        assert.ok(plan.releases.some((r) => r.type === "aws:lb/targetGroupAttachment:TargetGroupAttachment"));
    });

    it("onprem-vpn-ipv4-egress: the VPN connection (up to 30 minutes) goes after the routes to its attachment and before the transit gateway and the customer gateway", async () => {
        const g = await graphOf("onprem-vpn-ipv4-egress");
        const plan = planDestroy(g);
        const vpn = g.resources.find((r) => r.type === "aws:ec2/vpnConnection:VpnConnection")!;
        assert.ok(plan.releases.some((r) => r.type === vpn.type && r.maxWaitMinutes === 30 && /vpnConnectionDeletedTimeout/.test(r.source)));
        const step = (urn: string) => plan.steps.findIndex((s) => s.includes(urn));
        const of = (type: string) => g.resources.filter((r) => r.type === type);
        for (const r of of("aws:ec2transitgateway/route:Route")) assert.ok(step(r.urn) < step(vpn.urn), "the static route first");
        for (const t of [...of("aws:ec2transitgateway/transitGateway:TransitGateway"), ...of("aws:ec2/customerGateway:CustomerGateway")]) assert.ok(step(vpn.urn) < step(t.urn), `${t.name} after the connection`);
        assert.strictEqual(plan.worstCaseMinutes, 75, "the VPN's 30 minutes run beside the node group's and cluster's 75");
    });

    it("is part of every plan's JSON (section destroy)", async () => {
        const g = cloneGraph(await graphOf("peering-ipv4-egress"));
        await checkGraph(g);
        const d = g.destroy as { steps: string[][]; worstCaseMinutes: number };
        assert.ok(d.steps.length > 3 && d.worstCaseMinutes === 75);
    });
});
