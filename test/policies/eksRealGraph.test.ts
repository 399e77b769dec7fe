/**
 * The EKS rules on what a real preview or `pulumi stack export` of a default @pulumi/eks cluster
 * holds: the remote component with the children its provider registers (test/helpers/pulumiEksTree.ts).
 */
import { strict as assert } from "assert";
import { evaluatePolicies } from "../../engine/checks/policies";
import { cniIpv6PolicyDocument } from "../../lib/iam";
import { eksIpv6CniPermissions, eksNodeIpv6Egress, vpcCniConfiguration } from "../../policies/rules/eks";
import { PULUMI_EKS_DEFAULT_CNI_CONFIGURATION, pulumiEksCluster } from "../helpers/pulumiEksTree";
import { Fx, UNKNOWN, dualStackVpc, graphOf, messages, patch } from "./harness";

const tree = (family: "ipv4" | "ipv6", o: { networkPolicy?: boolean } = {}) => [...dualStackVpc("n"), ...pulumiEksCluster("c6", { family, vpcName: "n-vpc", privateSubnets: ["n-private"], publicSubnets: ["n-public"], ...o })];

const ipv6Egress: Fx = { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", name: "node-v6-egress", props: { id: "sgr-v6", securityGroupId: "sg-c6-node", ipProtocol: "-1", cidrIpv6: "::/0" }, deps: { securityGroupId: ["c6-nodeSecurityGroup"] } };
const cniPolicy: Fx[] = [
    { type: "aws:iam/policy:Policy", name: "cni-v6", props: { id: "arn:aws:iam::123456789012:policy/cni-v6", arn: "arn:aws:iam::123456789012:policy/cni-v6", name: "cni-v6", policy: JSON.stringify(cniIpv6PolicyDocument("aws")) } },
    { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "cni-v6-attach", props: { id: "a", role: "c6-instanceRole-role-9f8e7d6", policyArn: "arn:aws:iam::123456789012:policy/cni-v6" }, deps: { role: ["c6-instanceRole-role"], policyArn: ["cni-v6"] } },
];

describe("policies: EKS rules on a real-shaped @pulumi/eks graph (component with its provider's children)", () => {
    describe("vpc-cni-configuration-values", () => {
        it("accepts every key @pulumi/eks itself sends for a default cluster, with and without network policies", async () => {
            assert.deepEqual(await messages(vpcCniConfiguration, tree("ipv4")), []);
            assert.deepEqual(await messages(vpcCniConfiguration, tree("ipv4", { networkPolicy: true })), []);
            assert.ok(Object.keys(PULUMI_EKS_DEFAULT_CNI_CONFIGURATION.env).length >= 10);
        });
        it("still reports a key the schema rejects, and one it does not list, beside the defaults", async () => {
            const bad = { ...PULUMI_EKS_DEFAULT_CNI_CONFIGURATION, env: { ...PULUMI_EKS_DEFAULT_CNI_CONFIGURATION.env, ENABLE_IPv6: "true", MY_TYPO_TARGET: "1" } };
            const m = await messages(vpcCniConfiguration, patch(tree("ipv6"), "c6-vpc-cni", { configurationValues: JSON.stringify(bad) }).filter((f) => f.type !== "eks:index:VpcCniAddon"));
            assert.equal(m.length, 2, m.join("\n"));
            assert.match(m[0], /env\.ENABLE_IPv6 is rejected by the add-on schema/);
            assert.match(m[1], /env\.MY_TYPO_TARGET is not a key the add-on schema accepts as far as lib\/aws\/vpcCniSchema\.ts knows/);
        });
    });

    describe("eks-node-ipv6-egress", () => {
        it("fires on the default node security group of an IPv6 cluster (egress 0.0.0.0/0 only), after up and in a preview", async () => {
            for (const preview of [false, true]) {
                const m = await messages(eksNodeIpv6Egress, tree("ipv6"), { preview });
                assert.equal(m.length, 1, `preview ${preview}: ${m.join("\n")}`);
                assert.match(m[0], /aws\.ec2\.SecurityGroup "c6-nodeSecurityGroup" is the node security group of the IPv6 cluster eks\.Cluster "c6"'s default node group and allows no IPv6 egress/);
            }
        });
        it("passes once an egress rule to ::/0 is added, and for an IPv4 cluster", async () => {
            assert.deepEqual(await messages(eksNodeIpv6Egress, [...tree("ipv6"), ipv6Egress]), []);
            assert.deepEqual(await messages(eksNodeIpv6Egress, tree("ipv4")), []);
        });
        it("stays silent while the egress rule's IPv6 blocks are unknown", async () => {
            assert.deepEqual(await messages(eksNodeIpv6Egress, patch(tree("ipv6"), "c6-eksNodeInternetEgressRule", { ipv6CidrBlocks: UNKNOWN })), []);
        });
    });

    describe("eks-ipv6-cni-permissions", () => {
        it("fires on the instance role the default node group (and so aws-node) runs under, after up and in a preview", async () => {
            for (const preview of [false, true]) {
                const m = await messages(eksIpv6CniPermissions, tree("ipv6"), { preview });
                assert.equal(m.length, 1, `preview ${preview}: ${m.join("\n")}`);
                assert.match(m[0], /aws\.iam\.Role "c6-instanceRole-role" is the node role \(the add-on has no service-account role\) of the IPv6 cluster eks\.Cluster "c6" but does not allow ec2:AssignIpv6Addresses/);
            }
        });
        it("passes once the role carries the IPv6 CNI policy, and for an IPv4 cluster", async () => {
            assert.deepEqual(await messages(eksIpv6CniPermissions, [...tree("ipv6"), ...cniPolicy]), []);
            assert.deepEqual(await messages(eksIpv6CniPermissions, tree("ipv4")), []);
        });
        it("judges the add-on's service-account role instead of the node role when there is one", async () => {
            const withSa = patch(tree("ipv6"), "c6-vpc-cni", { serviceAccountRoleArn: "arn:aws:iam::123456789012:role/cni-irsa" }).map((f) => (f.name === "c6-vpc-cni" && f.type === "aws:eks/addon:Addon" ? { ...f, deps: { ...f.deps, serviceAccountRoleArn: ["cni-irsa"] } } : f));
            const irsa: Fx = { type: "aws:iam/role:Role", name: "cni-irsa", props: { id: "cni-irsa", name: "cni-irsa", arn: "arn:aws:iam::123456789012:role/cni-irsa", inlinePolicies: [{ name: "v6", policy: JSON.stringify(cniIpv6PolicyDocument("aws")) }] } };
            assert.deepEqual(await messages(eksIpv6CniPermissions, [...withSa, irsa]), []);
        });
    });

    it("the whole pack: no crash, and on the IPv6 tree these EKS rules are mandatory findings", async () => {
        const v = await evaluatePolicies(graphOf(tree("ipv6")));
        assert.deepEqual(v.filter((x) => x.error), []);
        const eks = [...new Set(v.filter((x) => x.level === "mandatory" && x.rule.startsWith("eks-")).map((x) => x.rule))].sort();
        // eks-public-endpoint-restricted is true as well: @pulumi/eks's default public endpoint is open to 0.0.0.0/0.
        assert.deepEqual(eks, ["eks-ipv6-cni-permissions", "eks-node-ipv6-egress", "eks-public-endpoint-restricted"]);
    });
});
