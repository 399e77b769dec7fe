import * as assert from "assert";
import { CNI_IPV6_ACTIONS, NODE_MANAGED_POLICIES, allowedActions, cniIpv6PolicyDocument, irsaAssumeRolePolicy } from "../../lib/iam";
import { isArm64, isNitro, requireNitro } from "../../lib/instanceTypes";

describe("lib/iam", () => {
    it("the IPv6 CNI policy has every action of the facts page, on *", () => {
        const doc = cniIpv6PolicyDocument();
        const star = doc.Statement.find((s) => s.Resource === "*")!;
        for (const action of ["ec2:AssignIpv6Addresses", "ec2:DescribeInstances", "ec2:DescribeTags", "ec2:DescribeNetworkInterfaces", "ec2:DescribeInstanceTypes", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"]) {
            assert.ok((star.Action as string[]).includes(action), action);
        }
        assert.strictEqual((star.Action as string[]).length, CNI_IPV6_ACTIONS.length);
    });
    it("CreateTags is scoped to network interfaces, never *", () => {
        const doc = cniIpv6PolicyDocument();
        const tags = doc.Statement.filter((s) => ([] as string[]).concat(s.Action).includes("ec2:CreateTags"));
        assert.strictEqual(tags.length, 1);
        assert.strictEqual(tags[0].Resource, "arn:aws:ec2:*:*:network-interface/*");
        assert.strictEqual(cniIpv6PolicyDocument("aws-cn").Statement[1].Resource, "arn:aws-cn:ec2:*:*:network-interface/*");
    });
    it("grants no write action beyond AssignIpv6Addresses and CreateTags", () => {
        const writes = allowedActions(cniIpv6PolicyDocument()).filter((a) => !/^ec2:Describe/.test(a));
        assert.deepStrictEqual(writes.sort(), ["ec2:AssignIpv6Addresses", "ec2:CreateTags"]);
    });
    it("the node role carries no CNI policy (the CNI has its own role)", () => {
        assert.ok(!NODE_MANAGED_POLICIES.some((p) => p.includes("CNI")));
    });
    it("IRSA trust is limited to one service account and the STS audience", () => {
        const doc = irsaAssumeRolePolicy("arn:aws:iam::1:oidc-provider/oidc.eks.x/id/ABC", "https://oidc.eks.x/id/ABC", "kube-system", "aws-node");
        const cond = doc.Statement[0].Condition!.StringEquals;
        assert.strictEqual(cond["oidc.eks.x/id/ABC:sub"], "system:serviceaccount:kube-system:aws-node");
        assert.strictEqual(cond["oidc.eks.x/id/ABC:aud"], "sts.amazonaws.com");
        assert.strictEqual(doc.Statement[0].Action, "sts:AssumeRoleWithWebIdentity");
    });
});

describe("lib/instanceTypes", () => {
    const nitro = ["t3.medium", "t3a.large", "m5.large", "m7i.large", "m7i-flex.large", "c6gn.xlarge", "r8g.large", "i3en.large", "i3.metal", "p3dn.24xlarge", "g5.xlarge"];
    const xen = ["t2.medium", "m4.large", "c4.xlarge", "r4.large", "i3.large", "p3.2xlarge", "x1.16xlarge"];
    for (const t of nitro) it(`${t} is Nitro`, () => assert.ok(isNitro(t)));
    for (const t of xen) it(`${t} is not Nitro`, () => assert.ok(!isNitro(t)));
    it("names the key, value and a fix for t2.medium (the @pulumi/eks default)", () => {
        assert.throws(() => requireNitro("cluster.instanceType", "t2.medium"), /cluster\.instanceType: "t2\.medium" is invalid; t2 is a Xen \(non-Nitro\) family.*use a Nitro type such as t3\.medium/);
    });
    it("says an unknown family is unknown rather than Xen", () => {
        assert.throws(() => requireNitro("k", "zz9.large"), /zz9 is not a known Nitro family/);
    });
    it("refuses malformed instance types", () => assert.ok(!isNitro("t3medium")));
    it("tells Graviton from x86", () => {
        for (const t of ["m7g.large", "t4g.small", "c6gn.large", "r8gd.large"]) assert.ok(isArm64(t), t);
        for (const t of ["m7i.large", "t3.medium", "g5.xlarge", "g4dn.xlarge", "inf2.xlarge"]) assert.ok(!isArm64(t), t);
    });
});
