/**
 * lib/aws/constraints.ts: each row rejects a value AWS rejects and accepts one it accepts; every
 * resource of every stack passes the whole table; `plan --graph` fails on a rejected value.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../helpers/cli";
import { listStacks } from "../../engine/stackConfig";
import { CONSTRAINTS, type ConstrainedResource, EC2_DESCRIPTION, checkConstraints } from "../../lib/aws/constraints";
import { cloneGraph, graphOf } from "../helpers/graphs";

let serial = 0;
const CGW = "aws:ec2/customerGateway:CustomerGateway";
const VPN = "aws:ec2/vpnConnection:VpnConnection";
const res = (type: string, inputs: Record<string, any>, name = `r${serial++}`, id?: string): ConstrainedResource => ({ type, name, inputs, id });
const many = (n: number, make: (i: number) => ConstrainedResource) => Array.from({ length: n }, (_, i) => make(i));

/** Per row: resources AWS rejects, and resources it accepts (same shape, one value changed). */
const EXAMPLES: Record<string, { rejected: ConstrainedResource[]; accepted: ConstrainedResource[] }> = {
    "sg-description": {
        rejected: [res("aws:ec2/securityGroup:SecurityGroup", { description: "nodes' group" })],
        accepted: [res("aws:ec2/securityGroup:SecurityGroup", { description: "Nodes of x: peer ingress (v6) & egress; [a]{b}!$*=+@#,/" })],
    },
    "sg-rule-description": {
        rejected: [
            res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { securityGroupId: "sg-1", description: "echo port from IPv4-cluster nodes' IPv6 (v6 egress SNAT)" }),
            res("aws:ec2/securityGroup:SecurityGroup", { description: "ok", ingress: [{ description: "café" }] }),
            res("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", { securityGroupId: "sg-1", description: "x".repeat(256) }),
        ],
        accepted: [
            res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { securityGroupId: "sg-1", description: "echo port from IPv4-cluster node IPv6 addresses (v6 egress SNAT)" }),
            res("aws:ec2/securityGroup:SecurityGroup", { description: "ok", ingress: [{ description: "cafe" }] }),
            res("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", { securityGroupId: "sg-1", description: "x".repeat(255) }),
        ],
    },
    "lb-name": { rejected: [res("aws:lb/loadBalancer:LoadBalancer", { name: "a".repeat(33) }), res("aws:lb/loadBalancer:LoadBalancer", { name: "internal-web" })], accepted: [res("aws:lb/loadBalancer:LoadBalancer", { name: "a".repeat(32) })] },
    "lb-name-prefix": { rejected: [res("aws:lb/targetGroup:TargetGroup", { namePrefix: "echo-tg" })], accepted: [res("aws:lb/targetGroup:TargetGroup", { namePrefix: "echo-" })] },
    "tg-name": { rejected: [res("aws:lb/targetGroup:TargetGroup", { name: "echo_tg" }), res("aws:lb/targetGroup:TargetGroup", { name: "-echo" })], accepted: [res("aws:lb/targetGroup:TargetGroup", { name: "echo-tg-ipv6" })] },
    "iam-role-name": { rejected: [res("aws:iam/role:Role", { name: "r".repeat(65) }), res("aws:iam/role:Role", { name: "role name" })], accepted: [res("aws:iam/role:Role", { name: "r".repeat(64) })] },
    "iam-role-name-prefix": { rejected: [res("aws:iam/role:Role", { namePrefix: "p".repeat(39) })], accepted: [res("aws:iam/role:Role", { namePrefix: "p".repeat(38) })] },
    "lambda-name": { rejected: [res("aws:lambda/function:Function", { name: "f".repeat(65) }), res("aws:lambda/function:Function", { name: "probe.v6" })], accepted: [res("aws:lambda/function:Function", { name: "f".repeat(64) })] },
    "eks-cluster-name": { rejected: [res("eks:index:Cluster", { name: "c".repeat(101) }), res("aws:eks/cluster:Cluster", { name: "-c" })], accepted: [res("eks:index:Cluster", { name: "c".repeat(100) })] },
    "helm-release-name": { rejected: [res("kubernetes:helm.sh/v3:Release", { name: "e".repeat(54) }), res("kubernetes:helm.sh/v3:Release", { name: "External-DNS" })], accepted: [res("kubernetes:helm.sh/v3:Release", { name: "e".repeat(53) })] },
    "k8s-service-name": { rejected: [res("kubernetes:core/v1:Service", { metadata: { name: "1echo" } })], accepted: [res("kubernetes:core/v1:Service", { metadata: { name: "echo1" } })] },
    "k8s-namespace-name": { rejected: [res("kubernetes:core/v1:Namespace", { metadata: { name: "n".repeat(64) } })], accepted: [res("kubernetes:core/v1:Namespace", { metadata: { name: "1-probes" } })] },
    "k8s-name-subdomain": { rejected: [res("kubernetes:core/v1:ConfigMap", { metadata: { name: "Probe_Script" } })], accepted: [res("kubernetes:core/v1:ConfigMap", { metadata: { name: "probe-script.v1" } })] },
    "tag-count": { rejected: [res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16", tags: Object.fromEntries(many(51, (i) => res("", {}, `k${i}`)).map((r) => [r.name, "v"])) })], accepted: [res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16", tags: Object.fromEntries(many(50, (i) => res("", {}, `k${i}`)).map((r) => [r.name, "v"])) })] },
    "tag-key": { rejected: [res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16", tags: { "aws:cloudformation:stack-name": "x" } }), res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16", tags: { ["k".repeat(129)]: "x" } })], accepted: [res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16", tags: { "awsome:x": "x", ["k".repeat(128)]: "x" } })] },
    "tag-value": { rejected: [res("aws:ec2/subnet:Subnet", { tags: { Name: "v".repeat(257) } })], accepted: [res("aws:ec2/subnet:Subnet", { tags: { Name: "v".repeat(256) } })] },
    "vpc-ipv4-cidr": { rejected: [res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/15" }), res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/29" })], accepted: [res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16" }), res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/28" })] },
    "subnet-ipv4-cidr": { rejected: [res("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.0.0/29" })], accepted: [res("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.0.0/28" })] },
    "subnet-ipv6-cidr": { rejected: [res("aws:ec2/subnet:Subnet", { ipv6CidrBlock: "2001:db8:0:100::/56" }), res("aws:ec2/subnet:Subnet", { ipv6CidrBlock: "2001:db8:0:100::/80" })], accepted: [res("aws:ec2/subnet:Subnet", { ipv6CidrBlock: "2001:db8:0:110::/64" })] },
    "eks-service-ipv4-cidr": { rejected: [res("eks:index:Cluster", { kubernetesServiceIpAddressRange: "172.20.0.0/25" }), res("eks:index:Cluster", { kubernetesServiceIpAddressRange: "100.64.0.0/16" }), res("aws:eks/cluster:Cluster", { kubernetesNetworkConfig: { serviceIpv4Cidr: "10.0.0.0/11" } })], accepted: [res("eks:index:Cluster", { kubernetesServiceIpAddressRange: "172.20.0.0/16" }), res("aws:eks/cluster:Cluster", { kubernetesNetworkConfig: { serviceIpv4Cidr: "10.100.0.0/12" } })] },
    "lb-ip-address-type": { rejected: [res("aws:lb/loadBalancer:LoadBalancer", { ipAddressType: "ipv6" })], accepted: [res("aws:lb/loadBalancer:LoadBalancer", { ipAddressType: "dualstack-without-public-ipv4" })] },
    "tg-ip-address-type": { rejected: [res("aws:lb/targetGroup:TargetGroup", { ipAddressType: "dualstack" })], accepted: [res("aws:lb/targetGroup:TargetGroup", { ipAddressType: "ipv6" })] },
    "tg-target-type": { rejected: [res("aws:lb/targetGroup:TargetGroup", { targetType: "pod" })], accepted: [res("aws:lb/targetGroup:TargetGroup", { targetType: "ip" })] },
    "vpce-dns-record-ip-type": { rejected: [res("aws:ec2/vpcEndpoint:VpcEndpoint", { dnsOptions: { dnsRecordIpType: "dual-stack" } })], accepted: [res("aws:ec2/vpcEndpoint:VpcEndpoint", { dnsOptions: { dnsRecordIpType: "dualstack" } })] },
    "vpce-ip-address-type": { rejected: [res("aws:ec2/vpcEndpoint:VpcEndpoint", { ipAddressType: "dual-stack" })], accepted: [res("aws:ec2/vpcEndpoint:VpcEndpoint", { ipAddressType: "ipv6" })] },
    "vpce-service-ip-address-types": { rejected: [res("aws:ec2/vpcEndpointService:VpcEndpointService", { supportedIpAddressTypes: ["ipv4", "dualstack"] })], accepted: [res("aws:ec2/vpcEndpointService:VpcEndpointService", { supportedIpAddressTypes: ["ipv4", "ipv6"] })] },
    "subnet-ipv6-native-blocks": {
        rejected: [
            res("aws:ec2/subnet:Subnet", { ipv6Native: true, cidrBlock: "10.0.1.0/24", ipv6CidrBlock: "2001:db8:0:120::/64" }),
            res("aws:ec2/subnet:Subnet", { ipv6Native: true }),
        ],
        accepted: [
            res("aws:ec2/subnet:Subnet", { ipv6Native: true, ipv6CidrBlock: "2001:db8:0:120::/64" }),
            res("aws:ec2/subnet:Subnet", { ipv6Native: false, cidrBlock: "10.0.1.0/24", ipv6CidrBlock: "2001:db8:0:121::/64" }),
            res("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.2.0/24" }),
        ],
    },
    "subnet-ipv6-native-launch-options": {
        rejected: [
            res("aws:ec2/subnet:Subnet", { ipv6Native: true, ipv6CidrBlock: "2001:db8:0:120::/64", mapPublicIpOnLaunch: true }),
            res("aws:ec2/subnet:Subnet", { ipv6Native: true, ipv6CidrBlock: "2001:db8:0:120::/64", enableResourceNameDnsARecordOnLaunch: true }),
            res("aws:ec2/subnet:Subnet", { ipv6Native: true, ipv6CidrBlock: "2001:db8:0:120::/64", privateDnsHostnameTypeOnLaunch: "ip-name" }),
        ],
        accepted: [
            res("aws:ec2/subnet:Subnet", { ipv6Native: true, ipv6CidrBlock: "2001:db8:0:120::/64", mapPublicIpOnLaunch: false, enableResourceNameDnsARecordOnLaunch: false, enableResourceNameDnsAaaaRecordOnLaunch: true, privateDnsHostnameTypeOnLaunch: "resource-name" }),
            res("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.2.0/24", mapPublicIpOnLaunch: true, privateDnsHostnameTypeOnLaunch: "ip-name" }),
        ],
    },
    "subnet-dns64-needs-ipv6": {
        rejected: [
            res("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.1.0/24", enableDns64: true }),
            res("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.2.0/24", enableResourceNameDnsAaaaRecordOnLaunch: true }),
        ],
        accepted: [
            res("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.1.0/24", ipv6CidrBlock: "2001:db8:0:110::/64", enableDns64: true, enableResourceNameDnsAaaaRecordOnLaunch: true }),
            res("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.2.0/24", ipv6CidrBlock: "[unknown]", enableDns64: true }),
            res("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.3.0/24", enableDns64: false, enableResourceNameDnsAaaaRecordOnLaunch: false }),
        ],
    },
    "instance-in-ipv6-only-subnet": {
        rejected: [
            res("aws:ec2/subnet:Subnet", { ipv6Native: true, ipv6CidrBlock: "2001:db8:0:120::/64" }, "v6only", "subnet-v6"),
            res("aws:ec2/instance:Instance", { subnetId: "subnet-v6", instanceType: "t2.micro" }),
            res("aws:ec2/instance:Instance", { subnetId: "subnet-v6", instanceType: "t3.micro", privateIp: "10.0.1.10" }),
            res("aws:ec2/instance:Instance", { subnetId: "subnet-v6", instanceType: "t3.micro", associatePublicIpAddress: true }),
        ],
        accepted: [
            res("aws:ec2/subnet:Subnet", { ipv6Native: true, ipv6CidrBlock: "2001:db8:0:120::/64" }, "v6only2", "subnet-v6"),
            res("aws:ec2/subnet:Subnet", { cidrBlock: "10.0.2.0/24" }, "v4", "subnet-v4"),
            res("aws:ec2/instance:Instance", { subnetId: "subnet-v6", instanceType: "t3.micro", ipv6AddressCount: 1, associatePublicIpAddress: false }),
            res("aws:ec2/instance:Instance", { subnetId: "subnet-v4", instanceType: "t2.micro", privateIp: "10.0.2.10" }),
        ],
    },
    "routes-per-route-table": {
        rejected: many(51, (i) => res("aws:ec2/route:Route", { routeTableId: "rtb-1", destinationIpv6CidrBlock: `2001:db8:${i}::/48` }, `r${i}`)),
        // 50 per family: 50 IPv6 and 50 IPv4 routes in one table, and 51 split over two tables.
        accepted: [
            ...many(50, (i) => res("aws:ec2/route:Route", { routeTableId: "rtb-1", destinationIpv6CidrBlock: `2001:db8:${i}::/48` }, `r6-${i}`)),
            ...many(50, (i) => res("aws:ec2/route:Route", { routeTableId: "rtb-1", destinationCidrBlock: `10.${i}.0.0/16` }, `r4-${i}`)),
            ...many(51, (i) => res("aws:ec2/route:Route", { routeTableId: i % 2 ? "rtb-2" : "rtb-3", destinationCidrBlock: `10.${i}.0.0/16` }, `rx-${i}`)),
        ],
    },
    "cgw-bgp-asn": { rejected: [res(CGW, { bgpAsn: "0" }), res(CGW, { bgpAsn: "2147483648" }), res(CGW, { bgpAsn: "65000.5" })], accepted: [res(CGW, { bgpAsn: "1" }), res(CGW, { bgpAsn: "2147483647" }), res(CGW, { bgpAsn: 65000 })] },
    "cgw-bgp-asn-extended": { rejected: [res(CGW, { bgpAsnExtended: "2147483647" }), res(CGW, { bgpAsnExtended: "4294967296" })], accepted: [res(CGW, { bgpAsnExtended: "2147483648" }), res(CGW, { bgpAsnExtended: "4294967295" })] },
    "vpn-type": { rejected: [res(CGW, { type: "ipsec.2" }), res(VPN, { type: "IPsec.1" })], accepted: [res(CGW, { type: "ipsec.1" }), res(VPN, { type: "ipsec.1" })] },
    "vpn-tunnel-inside-cidr": {
        rejected: [res(VPN, { tunnel1InsideCidr: "169.254.0.0/30" }), res(VPN, { tunnel2InsideCidr: "169.254.169.252/30" }), res(VPN, { tunnel1InsideCidr: "169.254.10.0/29" }), res(VPN, { tunnel1InsideCidr: "10.0.0.0/30" }), res(VPN, { tunnel2InsideCidr: "169.254.10.1/30" })],
        accepted: [res(VPN, { tunnel1InsideCidr: "169.254.6.0/30", tunnel2InsideCidr: "169.254.169.248/30" })],
    },
    "vpn-tunnel-inside-ipv6-cidr": { rejected: [res(VPN, { tunnel1InsideIpv6Cidr: "fd00::/120" }), res(VPN, { tunnel2InsideIpv6Cidr: "2001:db8::/126" }), res(VPN, { tunnel1InsideIpv6Cidr: "fd00::1/126" })], accepted: [res(VPN, { tunnel1InsideIpv6Cidr: "fd00:10::/126", tunnel2InsideIpv6Cidr: "fdff::4/126" })], },
    "vpn-preshared-key": {
        rejected: [res(VPN, { tunnel1PresharedKey: "0leadingzero" }), res(VPN, { tunnel2PresharedKey: "short" }), res(VPN, { tunnel1PresharedKey: "has-a-hyphen" }), res(VPN, { tunnel2PresharedKey: "k".repeat(65) })],
        accepted: [res(VPN, { tunnel1PresharedKey: "k.e_y12345", tunnel2PresharedKey: "k".repeat(64) }), res(VPN, { tunnel1PresharedKey: "[secret]" })],
    },
    "vpn-ike-versions": { rejected: [res(VPN, { tunnel1IkeVersions: ["ikev3"] })], accepted: [res(VPN, { tunnel1IkeVersions: ["ikev2"], tunnel2IkeVersions: ["ikev1", "ikev2"] })] },
    "vpn-encryption-algorithms": { rejected: [res(VPN, { tunnel1Phase1EncryptionAlgorithms: ["AES192"] }), res(VPN, { tunnel2Phase2EncryptionAlgorithms: ["aes256"] })], accepted: [res(VPN, { tunnel1Phase1EncryptionAlgorithms: ["AES256", "AES128-GCM-16"], tunnel2Phase2EncryptionAlgorithms: ["AES256-GCM-16"] })] },
    "vpn-integrity-algorithms": { rejected: [res(VPN, { tunnel1Phase1IntegrityAlgorithms: ["MD5"] }), res(VPN, { tunnel2Phase2IntegrityAlgorithms: ["SHA256"] })], accepted: [res(VPN, { tunnel1Phase1IntegrityAlgorithms: ["SHA2-256"], tunnel2Phase2IntegrityAlgorithms: ["SHA1", "SHA2-512"] })] },
    "vpn-phase1-dh-groups": { rejected: [res(VPN, { tunnel1Phase1DhGroupNumbers: [5] }), res(VPN, { tunnel2Phase1DhGroupNumbers: [25] })], accepted: [res(VPN, { tunnel1Phase1DhGroupNumbers: [2, 14, 24] })] },
    "vpn-phase2-dh-groups": { rejected: [res(VPN, { tunnel1Phase2DhGroupNumbers: [1] }), res(VPN, { tunnel2Phase2DhGroupNumbers: [13] })], accepted: [res(VPN, { tunnel1Phase2DhGroupNumbers: [5, 14], tunnel2Phase2DhGroupNumbers: [24] })] },
    "vpn-phase1-lifetime": { rejected: [res(VPN, { tunnel1Phase1LifetimeSeconds: 899 }), res(VPN, { tunnel2Phase1LifetimeSeconds: 28801 })], accepted: [res(VPN, { tunnel1Phase1LifetimeSeconds: 900, tunnel2Phase1LifetimeSeconds: 28800 })] },
    "vpn-phase2-lifetime": { rejected: [res(VPN, { tunnel1Phase2LifetimeSeconds: 899 }), res(VPN, { tunnel2Phase2LifetimeSeconds: 3601 })], accepted: [res(VPN, { tunnel1Phase2LifetimeSeconds: 900, tunnel2Phase2LifetimeSeconds: 3600 })] },
    "vpn-dpd-timeout": { rejected: [res(VPN, { tunnel1DpdTimeoutSeconds: 29 })], accepted: [res(VPN, { tunnel1DpdTimeoutSeconds: 30, tunnel2DpdTimeoutSeconds: 300 })] },
    "vpn-startup-action": { rejected: [res(VPN, { tunnel1StartupAction: "restart" })], accepted: [res(VPN, { tunnel1StartupAction: "add", tunnel2StartupAction: "start" })] },
    "vpn-dpd-timeout-action": { rejected: [res(VPN, { tunnel1DpdTimeoutAction: "start" })], accepted: [res(VPN, { tunnel1DpdTimeoutAction: "restart", tunnel2DpdTimeoutAction: "clear" })] },
    "vpn-inside-ip-version": { rejected: [res(VPN, { tunnelInsideIpVersion: "IPv4" })], accepted: [res(VPN, { tunnelInsideIpVersion: "ipv6" })] },
    "rules-per-security-group": {
        rejected: many(61, (i) => res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { securityGroupId: "sg-1", cidrIpv6: `2001:db8:${i}::/48`, description: "x" }, `in${i}`)),
        accepted: [
            ...many(60, (i) => res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { securityGroupId: "sg-1", cidrIpv6: `2001:db8:${i}::/48`, description: "x" }, `in6-${i}`)),
            ...many(60, (i) => res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { securityGroupId: "sg-1", cidrIpv4: `10.${i}.0.0/16`, description: "x" }, `in4-${i}`)),
            ...many(60, (i) => res("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", { securityGroupId: "sg-1", cidrIpv6: `2001:db8:${i}::/48`, description: "x" }, `out6-${i}`)),
        ],
    },
};

describe("lib/aws/constraints: what AWS rejects, one table", () => {
    it("every row has a source, a rule, a fix and examples here", () => {
        assert.deepStrictEqual(CONSTRAINTS.map((r) => r.id).sort(), Object.keys(EXAMPLES).sort());
        for (const r of CONSTRAINTS) for (const k of ["source", "rule", "fix", "field"] as const) assert.ok(r[k].length > 3, `${r.id}.${k}`);
        assert.strictEqual(new Set(CONSTRAINTS.map((r) => r.id)).size, CONSTRAINTS.length, "unique ids");
    });
    for (const row of CONSTRAINTS) {
        it(`${row.id}: rejects what AWS rejects, accepts what it accepts`, () => {
            const ex = EXAMPLES[row.id];
            const rejected = checkConstraints(ex.rejected, [row]);
            assert.ok(rejected.length >= 1, "at least one violation");
            if (row.kind === "value") assert.strictEqual(new Set(rejected.map((v) => `${v.resource}/${v.field}`)).size, ex.rejected.length, "each rejected example is caught");
            for (const v of rejected) {
                assert.strictEqual(v.row, row.id);
                assert.ok(v.fix && v.rule && v.source && v.field);
            }
            assert.deepStrictEqual(checkConstraints(ex.accepted, [row]), []);
        });
    }
    it("instance-in-ipv6-only-subnet names each fault of each instance, and only instances in IPv6-only subnets", () => {
        const ex = EXAMPLES["instance-in-ipv6-only-subnet"];
        const row = CONSTRAINTS.filter((r) => r.id === "instance-in-ipv6-only-subnet");
        assert.deepStrictEqual(checkConstraints(ex.rejected, row).map((v) => [v.field, v.value]), [["instanceType", "t2.micro"], ["privateIp", "10.0.1.10"], ["associatePublicIpAddress", true]]);
    });
    it("the tgw-dual-stack IPv6-only instance: a Xen type there is refused, naming the instance", async () => {
        const graph = cloneGraph(await graphOf("tgw-dual-stack"));
        const inst = graph.resources.find((r) => r.type === "aws:ec2/instance:Instance" && r.name === "nat64-client")!;
        inst.inputs.instanceType = "t2.micro";
        assert.deepStrictEqual(checkConstraints(graph.resources).map((v) => [v.row, v.resource, v.field]), [["instance-in-ipv6-only-subnet", "nat64-client", "instanceType"]]);
    });
    it("unknown values (outputs, secrets) are left to AWS, not guessed", () => {
        const r = [res("aws:ec2/securityGroup:SecurityGroup", { description: "[unknown]" }), res("aws:ec2/vpc:Vpc", { cidrBlock: "[output]" }), res("aws:ec2/route:Route", { routeTableId: "[unknown]" })];
        assert.deepStrictEqual(checkConstraints(r), []);
    });
    it("tags count with the provider's defaultTags (JSON-encoded in provider inputs)", () => {
        const provider = { urn: "urn:p", id: "pid", type: "pulumi:providers:aws", name: "p", inputs: { defaultTags: JSON.stringify({ tags: Object.fromEntries(many(3, (i) => res("", {}, `d${i}`)).map((r) => [r.name, "v"])) }) } };
        const tags = Object.fromEntries(many(48, (i) => res("", {}, `k${i}`)).map((r) => [r.name, "v"]));
        const vpc = { ...res("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16", tags }), provider: "urn:p::pid" };
        assert.deepStrictEqual(checkConstraints([provider, vpc]).map((v) => [v.row, v.value]), [["tag-count", 51]]);
    });
    it("the character set is EC2's, as documented", () => {
        for (const c of "._-:/()#,@[]+=&;{}!$* ") assert.ok(EC2_DESCRIPTION.test(`a${c}b`), c);
        for (const c of "'\"<>?%^`~|\\é") assert.ok(!EC2_DESCRIPTION.test(`a${c}b`), c);
    });
});

describe("every resource of every stack passes the constraints table", () => {
    for (const stack of listStacks()) {
        it(`${stack}: no violation; and the old apostrophe would have failed it`, async () => {
            const graph = await graphOf(stack);
            assert.deepStrictEqual(checkConstraints(graph.resources), []);
            const broken = cloneGraph(graph);
            const rule = broken.resources.find((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")!;
            rule.inputs.description = "echo port from nodes' IPv6";
            const v = checkConstraints(broken.resources);
            assert.strictEqual(v.length, 1);
            assert.strictEqual(v[0].resource, rule.name);
            assert.strictEqual(v[0].field, "description");
        });
    }
});

describe("plan --graph fails on a security group description EC2 rejects", () => {
    const run = runPlan;
    it("exit 1 with the resource, field, value, rule and fix; exit 0 once fixed", async () => {
        const graph = cloneGraph(await graphOf("ipv4-pod-to-ipv6-pod"));
        const sg = graph.resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup")!;
        const original = sg.inputs.description;
        sg.inputs.description = "Nodes' group";
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "constraints-"));
        const file = path.join(dir, "graph.json");
        try {
            fs.writeFileSync(file, JSON.stringify(graph));
            const bad = await run(["--graph", file]);
            assert.strictEqual(bad.code, 1);
            assert.match(bad.out, /FAIL AWS constraints: 1 violation/);
            assert.ok(bad.out.includes(`${sg.name} (aws:ec2/securityGroup:SecurityGroup) description = "Nodes' group"`), bad.out);
            assert.match(bad.out, /Fix: remove other characters/);
            sg.inputs.description = original;
            fs.writeFileSync(file, JSON.stringify(graph));
            assert.strictEqual((await run(["--graph", file])).code, 0);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
