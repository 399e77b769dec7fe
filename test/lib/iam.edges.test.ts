import * as assert from "assert";
import { allowedActions, cniIpv6PolicyDocument, ec2AssumeRolePolicy, irsaAssumeRolePolicy, type PolicyDocument } from "../../lib/iam";
import type * as cached from "../../lib/iam";
import { freshModule } from "../helpers/freshModule";

// The IAM documents as IAM receives them, whole, and the action list the pack reads from a document.
// The tables built at import are read from a copy loaded inside the test (test/helpers/freshModule.ts).

const fresh = () => freshModule<typeof cached>(require.resolve("../../lib/iam"));

describe("lib/iam: whole documents", () => {
    it("the VPC CNI's IPv6 policy, whole; CreateTags on network interfaces of the partition", () => {
        assert.deepStrictEqual(cniIpv6PolicyDocument(), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "CniIpv6", Effect: "Allow", Action: ["ec2:AssignIpv6Addresses", "ec2:DescribeInstances", "ec2:DescribeTags", "ec2:DescribeNetworkInterfaces", "ec2:DescribeInstanceTypes", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"], Resource: "*" },
                { Sid: "CniTagEnis", Effect: "Allow", Action: "ec2:CreateTags", Resource: "arn:aws:ec2:*:*:network-interface/*" },
            ],
        });
        assert.strictEqual(cniIpv6PolicyDocument("aws-cn").Statement[1].Resource, "arn:aws-cn:ec2:*:*:network-interface/*");
        const { CNI_CREATE_TAGS_RESOURCE, CNI_IPV6_ACTIONS, cniIpv6PolicyDocument: freshDoc } = fresh();
        assert.strictEqual(CNI_CREATE_TAGS_RESOURCE, "arn:aws:ec2:*:*:network-interface/*");
        assert.deepStrictEqual(freshDoc("aws-us-gov").Statement[1].Resource, "arn:aws-us-gov:ec2:*:*:network-interface/*");
        assert.strictEqual(CNI_IPV6_ACTIONS.length, 7);
    });

    it("the managed policies: the node role's two, and those known to lack the IPv6 CNI actions", () => {
        const { NODE_MANAGED_POLICIES, CNI_IPV4_MANAGED_POLICY, MANAGED_POLICIES_WITHOUT_CNI_IPV6 } = fresh();
        assert.deepStrictEqual([...NODE_MANAGED_POLICIES], ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly"]);
        assert.strictEqual(CNI_IPV4_MANAGED_POLICY, "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
        assert.deepStrictEqual(MANAGED_POLICIES_WITHOUT_CNI_IPV6, [
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        ]);
    });

    it("the EC2 trust policy, whole", () => {
        assert.deepStrictEqual(ec2AssumeRolePolicy(), { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    });

    it("the IRSA trust policy, whole; the issuer with or without https:// gives the same keys", () => {
        const expected = {
            Version: "2012-10-17",
            Statement: [{
                Effect: "Allow",
                Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC" },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { "oidc.eks.us-west-2.amazonaws.com/id/ABC:sub": "system:serviceaccount:kube-system:aws-node", "oidc.eks.us-west-2.amazonaws.com/id/ABC:aud": "sts.amazonaws.com" } },
            }],
        };
        const arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC";
        assert.deepStrictEqual(irsaAssumeRolePolicy(arn, "https://oidc.eks.us-west-2.amazonaws.com/id/ABC", "kube-system", "aws-node"), expected);
        assert.deepStrictEqual(irsaAssumeRolePolicy(arn, "oidc.eks.us-west-2.amazonaws.com/id/ABC", "kube-system", "aws-node"), expected);
        const inner = irsaAssumeRolePolicy(arn, "issuer.example/https://x", "ns", "sa").Statement[0].Condition!.StringEquals;
        assert.deepStrictEqual(Object.keys(inner), ["issuer.example/https://x:sub", "issuer.example/https://x:aud"], "only a leading scheme is removed");
    });

    it("allowedActions: the actions of Allow statements only, single or listed", () => {
        const doc: PolicyDocument = {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Action: "a:One", Resource: "*" },
                { Effect: "Deny", Action: ["d:No"], Resource: "*" },
                { Effect: "Allow", Action: ["a:Two", "a:Three"], Resource: "*" },
            ],
        };
        assert.deepStrictEqual(allowedActions(doc), ["a:One", "a:Two", "a:Three"]);
    });
});
