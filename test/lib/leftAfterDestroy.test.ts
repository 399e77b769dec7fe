import * as assert from "assert";
import { leftAfterDestroySection } from "../../engine/checks/leftAfterDestroy";
import { listStacks } from "../../engine/stackConfig";
import { leftAfterDestroy, type DestroyResource } from "../../lib/aws/leftAfterDestroy";
import { cloneGraph, graphOf } from "../helpers/graphs";

const cluster: DestroyResource = { type: "eks:index:Cluster", name: "c", inputs: { name: "s-c", enabledClusterLogTypes: ["api"], vpcId: "vpc-1" } };
const logGroup = (name: string): DestroyResource => ({ type: "aws:cloudwatch/logGroup:LogGroup", name: `lg-${name}`, inputs: { name, retentionInDays: 7 } });

describe("lib/aws/leftAfterDestroy: what AWS or a controller creates for the stack", () => {
    it("the EKS control-plane log group is left (with the delete command) unless the stack owns one of that exact name", () => {
        const left = leftAfterDestroy([cluster], "eu-west-1").find((i) => i.row === "eks-control-plane-logs")!;
        assert.strictEqual(left.fate, "left");
        assert.strictEqual(left.command, "aws logs delete-log-group --region eu-west-1 --log-group-name /aws/eks/s-c/cluster");
        assert.strictEqual(leftAfterDestroy([cluster, logGroup("/aws/eks/s-c/cluster")]).find((i) => i.row === "eks-control-plane-logs")!.fate, "owned");
        assert.strictEqual(leftAfterDestroy([cluster, logGroup("/aws/eks/other/cluster")]).find((i) => i.row === "eks-control-plane-logs")!.fate, "left");
        assert.ok(!leftAfterDestroy([{ ...cluster, inputs: { ...cluster.inputs, enabledClusterLogTypes: [] } }]).some((i) => i.row === "eks-control-plane-logs"), "no logging, no log group");
    });
    it("a Lambda function's log group: left unless owned (by its default name or loggingConfig.logGroup)", () => {
        const fn: DestroyResource = { type: "aws:lambda/function:Function", name: "f", inputs: { name: "probe" } };
        assert.strictEqual(leftAfterDestroy([fn]).find((i) => i.row === "lambda-logs")!.fate, "left");
        assert.strictEqual(leftAfterDestroy([fn, logGroup("/aws/lambda/probe")]).find((i) => i.row === "lambda-logs")!.fate, "owned");
        const custom = { ...fn, inputs: { ...fn.inputs, loggingConfig: { logGroup: "/probes/x" } } };
        assert.strictEqual(leftAfterDestroy([custom, logGroup("/probes/x")]).find((i) => i.row === "lambda-logs")!.fate, "owned");
    });
    it("ExternalDNS records: cleaned up with forceDestroy, left (blocking the zone) without", () => {
        const release: DestroyResource = { type: "kubernetes:helm.sh/v3:Release", name: "edns", inputs: { chart: "external-dns" } };
        const zone = (forceDestroy: boolean): DestroyResource => ({ type: "aws:route53/zone:Zone", name: "z", id: "Z1", inputs: { name: "pods.internal", forceDestroy } });
        assert.strictEqual(leftAfterDestroy([release, zone(true)]).find((i) => i.row === "external-dns-records")!.fate, "cleaned up");
        assert.strictEqual(leftAfterDestroy([release, zone(false)]).find((i) => i.row === "external-dns-records")!.fate, "left");
        assert.ok(!leftAfterDestroy([zone(false)]).some((i) => i.row === "external-dns-records"), "no ExternalDNS, nothing it wrote");
    });
});

describe("lib/aws/leftAfterDestroy: Site-to-Site VPN", () => {
    it("a VPN connection on a transit gateway: its attachment is cleaned up with it; one on a virtual private gateway has none", () => {
        const vpn = (inputs: Record<string, any>) => ({ type: "aws:ec2/vpnConnection:VpnConnection", name: "vpn", inputs });
        const item = leftAfterDestroy([vpn({ transitGatewayId: "tgw-1" })]).find((i) => i.row === "vpn-tgw-attachment")!;
        assert.deepStrictEqual([item.fate, item.cause], ["cleaned up", "vpn"]);
        assert.ok(!leftAfterDestroy([vpn({ vpnGatewayId: "vgw-1" })]).some((i) => i.row === "vpn-tgw-attachment"));
    });
});

describe("every stack: nothing left after destroy in every account", () => {
    for (const stack of listStacks()) {
        it(`${stack}: every item is owned or cleaned up, or only in some accounts with a command; removing the EKS log group makes it 'left'`, async () => {
            const graph = await graphOf(stack);
            const s = leftAfterDestroySection(graph);
            const items = (s.json as { items: { fate: string; command?: string; row: string }[] }).items;
            assert.deepStrictEqual(items.filter((i) => i.fate === "left"), []);
            for (const i of items.filter((x) => x.fate === "left in some accounts")) assert.ok(i.command, i.row);
            assert.ok(items.some((i) => i.row === "eks-control-plane-logs" && i.fate === "owned"));
            const without = cloneGraph(graph);
            without.resources = without.resources.filter((r) => !(r.type === "aws:cloudwatch/logGroup:LogGroup" && String(r.inputs.name).startsWith("/aws/eks/")));
            const again = leftAfterDestroySection(without);
            assert.match(again.title, /item\(s\) left/);
            assert.ok(again.lines.some((l) => /^\s*remove: aws logs delete-log-group --region us-west-2 --log-group-name \/aws\/eks\//.test(l)));
        });
    }
});
