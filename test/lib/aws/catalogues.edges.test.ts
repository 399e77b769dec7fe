/**
 * The readers of lib/aws's small catalogues at their edges (issue 20, mutation survivors):
 * createTimes (providers, components, the pulumi-eks component that does create a cluster),
 * previewReads (lookup by token, the policy's statement order and ids), prices (sources and
 * unknown types) and instanceTypes (each role's examples and messages).
 */
import * as assert from "assert";
import { CREATE_TIMES, createTimeOf, DEFAULT_CREATE } from "../../../lib/aws/createTimes";
import { requireInstanceType } from "../../../lib/aws/instanceTypes";
import { PREVIEW_READS, previewRead, previewReadOnlyPolicy } from "../../../lib/aws/previewReads";
import { eksClusterHourly, INSTANCE_PRICE_SOURCE, INSTANCE_PRICES, instanceHourly, PRICES } from "../../../lib/aws/prices";
import { ConfigError } from "../../../lib/errors";

const NO_CALL = { seconds: 0, source: "component or provider: no cloud call" };

describe("lib/aws/createTimes edges", () => {
    it("providers take no time, even when custom; components take none, except the pulumi-eks cluster", () => {
        assert.deepStrictEqual(createTimeOf("pulumi:providers:aws", true), NO_CALL);
        assert.deepStrictEqual(createTimeOf("pulumi:providers:kubernetes", false), NO_CALL);
        assert.deepStrictEqual(createTimeOf("ipv6-eks-interop:network:DualStackVpc", false), NO_CALL);
        assert.deepStrictEqual(createTimeOf("eks:index:Cluster", false), CREATE_TIMES["eks:index:Cluster"]);
        assert.strictEqual(createTimeOf("eks:index:Cluster", false).seconds, 660);
    });
    it("custom resources: their row, else one API call's default; a type that merely ends like a provider is a resource", () => {
        assert.deepStrictEqual(createTimeOf("aws:ec2/vpnConnection:VpnConnection", true), CREATE_TIMES["aws:ec2/vpnConnection:VpnConnection"]);
        assert.deepStrictEqual(createTimeOf("aws:ec2/vpc:Vpc", true), DEFAULT_CREATE);
        assert.deepStrictEqual(createTimeOf("x:pulumi:providers:", true), DEFAULT_CREATE);
    });
});

describe("lib/aws/previewReads edges", () => {
    it("finds a row by its exact token only", () => {
        assert.strictEqual(previewRead("aws:eks/getCluster:getCluster")!.actions[0], "eks:DescribeCluster");
        assert.strictEqual(previewRead("aws:eks/getCluster:getClusters"), undefined);
        assert.strictEqual(previewRead("aws:index/getRegion:getRegion")!.token, "aws:index/getRegion:getRegion");
    });
    it("the policy: the * statement first, then the scoped ones; only rows with actions; the partition filled in", () => {
        const p = previewReadOnlyPolicy("aws-cn");
        assert.deepStrictEqual(p.Statement.map((s: any) => [s.Sid, s.Resource]), [
            ["PreviewDataSources", "*"],
            ["PreviewPublicParameters", "arn:aws-cn:ssm:*::parameter/aws/service/*"],
        ]);
        const all = PREVIEW_READS.filter((r) => !r.resource).flatMap((r) => r.actions);
        assert.deepStrictEqual((p.Statement[0] as any).Action, [...new Set(all)].sort());
        assert.ok(!(p.Statement[0] as any).Action.includes("sts:GetCallerIdentity"));
    });
});

describe("lib/aws/prices edges", () => {
    it("each price names its source and the date it was read", () => {
        assert.strictEqual(eksClusterHourly("us-west-2", "standard").source, `${PRICES.eksClusterStandard.source}, ${PRICES.eksClusterStandard.asOf}`);
        const t = Object.keys(INSTANCE_PRICES)[0];
        assert.deepStrictEqual(instanceHourly(t, "us-west-2"), { usd: INSTANCE_PRICES[t], source: `${INSTANCE_PRICE_SOURCE.source}, ${INSTANCE_PRICE_SOURCE.asOf}`, regionPriced: true });
        assert.strictEqual(instanceHourly(t, "ap-south-2")!.regionPriced, false);
    });
    it("an instance type without a price has none", () => assert.strictEqual(instanceHourly("x9.nothing", "us-west-2"), undefined));
});

describe("lib/aws/instanceTypes edges: each role's examples and messages", () => {
    const fix = (value: unknown, role: "node" | "app") => {
        try {
            requireInstanceType("k", value, role);
        } catch (e) {
            assert.ok(e instanceof ConfigError, String(e));
            assert.strictEqual(e.key, "k");
            return e.fix;
        }
        return assert.fail("expected a ConfigError");
    };
    it("not text: an example of the role, as text", () => {
        assert.strictEqual(fix(3, "node"), "an instance type is a name such as t3.medium; write it as text");
        assert.strictEqual(fix(3, "app"), "an instance type is a name such as t3.micro or t4g.micro; write it as text");
    });
    it("spaces around the name", () => {
        assert.strictEqual(fix(" t3.micro", "app"), 'the value has leading or trailing spaces; remove them: "t3.micro"');
        assert.strictEqual(fix("t3.micro ", "node"), 'the value has leading or trailing spaces; remove them: "t3.micro"');
    });
    it("an unknown name ends with the role's examples", () => {
        assert.match(fix("zz9.nothing", "node"), /; use one such as t3\.medium, m7i\.large or m7g\.large$/);
        assert.match(fix("zz9.nothing", "app"), /; use one such as t3\.micro or t4g\.micro$/);
    });
    it("a Xen type names its family as previous-generation for apps", () => {
        assert.match(fix("t2.micro", "app"), /^t2 is a previous-generation Xen \(non-Nitro\) family; the demo apps run on current Nitro types only/);
        assert.match(fix("t2.medium", "node"), /^t2 is a Xen \(non-Nitro\) family, and EKS IPv6 clusters/);
    });
});
