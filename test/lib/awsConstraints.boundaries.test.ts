/**
 * lib/aws/constraints.ts on its boundaries (issue 20): for each limit AWS or Kubernetes documents,
 * the value exactly at the limit passes and the value one past it is refused by that row, and only
 * that row. The examples in awsConstraints.test.ts sit comfortably inside or outside.
 */
import * as assert from "assert";
import { type ConstrainedResource, checkConstraints, formatViolation } from "../../lib/aws/constraints";

let serial = 0;
const res = (type: string, inputs: Record<string, any>, extra: Partial<ConstrainedResource> = {}): ConstrainedResource => ({ type, name: `b${serial++}`, inputs, ...extra });
const rowsHit = (r: ConstrainedResource[]) => [...new Set(checkConstraints(r).map((v) => v.row))].sort();

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const EKS = "aws:eks/cluster:Cluster";
const K8S_POD = "kubernetes:core/v1:Pod";
const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
const label = (n: number) => "a".repeat(n);
/** A DNS subdomain of exactly n characters: labels of 63, dot-separated. */
const subdomain = (n: number) => {
    const parts: string[] = [];
    let left = n;
    while (left > 0) {
        const take = Math.min(63, left);
        parts.push("a".repeat(take));
        left -= take + 1;
    }
    const s = parts.join(".");
    return s.length === n ? s : s.slice(0, n - 1) + "a";
};

/** [row, the value at the limit, the value one past it] as resources. */
const BOUNDARIES: [string, ConstrainedResource, ConstrainedResource][] = [
    ["tag-count", res(VPC, { cidrBlock: "10.0.0.0/16", tags: tags(50) }), res(VPC, { cidrBlock: "10.0.0.0/16", tags: tags(51) })],
    ["tag-key", res(VPC, { cidrBlock: "10.0.0.0/16", tags: { [label(128)]: "v" } }), res(VPC, { cidrBlock: "10.0.0.0/16", tags: { [label(129)]: "v" } })],
    ["tag-key", res(VPC, { cidrBlock: "10.0.0.0/16", tags: { "xaws:team": "v" } }), res(VPC, { cidrBlock: "10.0.0.0/16", tags: { "AWS:team": "v" } })],
    ["tag-value", res(VPC, { cidrBlock: "10.0.0.0/16", tags: { k: label(256) } }), res(VPC, { cidrBlock: "10.0.0.0/16", tags: { k: label(257) } })],
    ["vpc-ipv4-cidr", res(VPC, { cidrBlock: "10.0.0.0/16" }), res(VPC, { cidrBlock: "10.0.0.0/15" })],
    ["vpc-ipv4-cidr", res(VPC, { cidrBlock: "10.0.0.0/28" }), res(VPC, { cidrBlock: "10.0.0.0/29" })],
    ["subnet-ipv4-cidr", res(SUBNET, { cidrBlock: "10.0.0.0/28" }), res(SUBNET, { cidrBlock: "10.0.0.0/29" })],
    ["subnet-ipv6-cidr", res(SUBNET, { cidrBlock: "10.0.0.0/24", ipv6CidrBlock: "2001:db8::/64" }), res(SUBNET, { cidrBlock: "10.0.0.0/24", ipv6CidrBlock: "2001:db8::/65" })],
    ["eks-service-ipv4-cidr", res(EKS, { kubernetesNetworkConfig: { serviceIpv4Cidr: "172.16.0.0/12" } }), res(EKS, { kubernetesNetworkConfig: { serviceIpv4Cidr: "172.16.0.0/11" } })],
    ["eks-service-ipv4-cidr", res(EKS, { kubernetesNetworkConfig: { serviceIpv4Cidr: "10.100.0.0/24" } }), res(EKS, { kubernetesNetworkConfig: { serviceIpv4Cidr: "10.100.0.0/25" } })],
    ["eks-service-ipv4-cidr", res(EKS, { kubernetesNetworkConfig: { serviceIpv4Cidr: "192.168.0.0/16" } }), res(EKS, { kubernetesNetworkConfig: { serviceIpv4Cidr: "100.64.0.0/16" } })],
    ["k8s-name-subdomain", res(K8S_POD, { metadata: { name: subdomain(253) } }), res(K8S_POD, { metadata: { name: subdomain(254) } })],
];

describe("lib/aws/constraints boundaries: at the limit passes, one past it is refused", () => {
    it("the subdomain helper builds names of the asked length", () => {
        for (const n of [1, 63, 64, 127, 253, 254]) assert.strictEqual(subdomain(n).length, n);
    });
    for (const [row, at, past] of BOUNDARIES) {
        it(`${row}: ${JSON.stringify(at.inputs).slice(0, 60)} passes; one past is refused by ${row} only`, () => {
            assert.deepStrictEqual(rowsHit([at]), [], checkConstraints([at]).map(formatViolation).join("\n"));
            assert.deepStrictEqual(rowsHit([past]), [row]);
        });
    }

    it("a tag count includes the provider's defaultTags: 49 own + 1 default passes, 50 + 1 is refused", () => {
        const provider: ConstrainedResource = { type: "pulumi:providers:aws", name: "aws", urn: "urn:p", id: "p1", inputs: { defaultTags: { tags: { owner: "team" } } } } as any;
        const own = (n: number) => ({ ...res(VPC, { cidrBlock: "10.0.0.0/16", tags: tags(n) }), provider: "urn:p::p1" });
        assert.deepStrictEqual(rowsHit([provider, own(49)]), []);
        assert.deepStrictEqual(rowsHit([provider, own(50)]), ["tag-count"]);
        // A default tag the resource sets itself counts once.
        assert.deepStrictEqual(rowsHit([provider, { ...own(49), inputs: { cidrBlock: "10.0.0.0/16", tags: { ...tags(49), owner: "me" } } }]), []);
    });

    it("a violation names the resource, the field, the value, the rule, the fix and the source", () => {
        const [v] = checkConstraints([res(VPC, { cidrBlock: "10.0.0.0/29" }, { name: "app-vpc" })]);
        const line = formatViolation(v);
        assert.match(line, /^app-vpc \(aws:ec2\/vpc:Vpc\) cidrBlock = "10\.0\.0\.0\/29": VPC IPv4 block: between \/16 and \/28\. Fix: use a prefix length from \/16 to \/28/);
        assert.match(line, /\[Amazon VPC User Guide, VPC CIDR blocks/);
    });

    it("values a preview does not know yet are not judged", () => {
        for (const unknown of ["[unknown]", undefined, null]) {
            assert.deepStrictEqual(rowsHit([res(VPC, { cidrBlock: unknown })]), [], String(unknown));
        }
    });
});
