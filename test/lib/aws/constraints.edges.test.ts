/**
 * lib/aws/constraints.ts at its edges (issue 20, mutation survivors): values of the wrong kind,
 * the branches of each value reader (lists, tunnels, inline rules), the count rows per family and
 * direction, who owns a count violation, which provider lends defaultTags, and the type patterns a
 * row applies to. awsConstraints.test.ts and awsConstraints.boundaries.test.ts cover the typical
 * values and the documented limits.
 */
import * as assert from "assert";
import { type ConstrainedResource, checkConstraints, defaultTagsOf } from "../../../lib/aws/constraints";

let serial = 0;
type Res = ConstrainedResource & { provider?: string };
const res = (type: string, inputs: Record<string, any>, extra: Partial<Res> = {}): Res => ({ type, name: `e${serial++}`, inputs, ...extra });
const rowsHit = (r: Res[]) => [...new Set(checkConstraints(r).map((v) => v.row))].sort();
const hits = (r: Res[], row: string) => checkConstraints(r).filter((v) => v.row === row);

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SG_EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const TG = "aws:lb/targetGroup:TargetGroup";
const VPN = "aws:ec2/vpnConnection:VpnConnection";
const ROUTE = "aws:ec2/route:Route";
const INSTANCE = "aws:ec2/instance:Instance";
const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));

describe("lib/aws/constraints edges: values of the wrong kind are refused, not coerced", () => {
    // Each value would pass the row's pattern once turned into a string ("123", "abc"): the row must
    // refuse it because AWS takes a string there.
    const cases: [string, Res][] = [
        ["sg-description", res(SG, { description: 123 })],
        ["sg-rule-description", res(SG_INGRESS, { securityGroupId: "sg-1", description: 123 })],
        ["lb-name", res(LB, { name: 123 })],
        ["lb-name-prefix", res(LB, { namePrefix: 123 })],
        ["tg-name", res(TG, { name: 123 })],
        ["iam-role-name", res("aws:iam/role:Role", { name: 123 })],
        ["iam-role-name-prefix", res("aws:iam/role:Role", { namePrefix: 123 })],
        ["lambda-name", res("aws:lambda/function:Function", { name: 123 })],
        ["eks-cluster-name", res("aws:eks/cluster:Cluster", { name: 123 })],
        ["helm-release-name", res("kubernetes:helm.sh/v3:Release", { name: ["abc"] })],
        ["k8s-service-name", res("kubernetes:core/v1:Service", { metadata: { name: ["abc"] } })],
        ["k8s-namespace-name", res("kubernetes:core/v1:Namespace", { metadata: { name: 123 } })],
        ["k8s-name-subdomain", res("kubernetes:core/v1:ConfigMap", { metadata: { name: ["abc"] } })],
        ["vpn-phase1-lifetime", res(VPN, { tunnel1Phase1LifetimeSeconds: "1000" })],
        ["vpn-phase1-lifetime", res(VPN, { tunnel1Phase1LifetimeSeconds: 1000.5 })],
    ];
    for (const [row, r] of cases) {
        it(`${row}: ${JSON.stringify(r.inputs)} is refused by ${row}`, () => {
            assert.strictEqual(hits([r], row).length, 1);
        });
    }

    it("a CIDR of the other family is refused where one family goes, even with a prefix length in range", () => {
        assert.deepStrictEqual(rowsHit([res(VPC, { cidrBlock: "2001:db8::/20" })]), ["vpc-ipv4-cidr"]);
        assert.deepStrictEqual(rowsHit([res(SUBNET, { cidrBlock: "2001:db8::/20" })]), ["subnet-ipv4-cidr"]);
        assert.deepStrictEqual(rowsHit([res(VPC, { cidrBlock: "not a cidr" })]), ["vpc-ipv4-cidr"]);
        assert.deepStrictEqual(rowsHit([res(VPC, { cidrBlock: 16 })]), ["vpc-ipv4-cidr"]);
    });

    it("subnet-ipv4-cidr: /16 is the largest subnet, /15 is refused", () => {
        assert.deepStrictEqual(rowsHit([res(SUBNET, { cidrBlock: "10.0.0.0/16" })]), []);
        assert.deepStrictEqual(rowsHit([res(SUBNET, { cidrBlock: "10.0.0.0/15" })]), ["subnet-ipv4-cidr"]);
        assert.deepStrictEqual(rowsHit([res(SUBNET, { cidrBlock: "10.0.0.0/8" })]), ["subnet-ipv4-cidr"]);
    });

    it("vpn-tunnel-inside-ipv6-cidr: text that is no CIDR is refused (not a crash)", () => {
        assert.deepStrictEqual(rowsHit([res(VPN, { tunnel1InsideIpv6Cidr: "garbage" })]), ["vpn-tunnel-inside-ipv6-cidr"]);
    });

    it("the one-character load balancer name passes (the middle of the pattern is optional)", () => {
        assert.deepStrictEqual(rowsHit([res(LB, { name: "a" }), res(TG, { name: "b" })]), []);
    });

    it("a DNS subdomain needs every label valid, not one", () => {
        assert.deepStrictEqual(rowsHit([res("kubernetes:helm.sh/v3:Release", { name: "ok.-bad" })]), ["helm-release-name"]);
        assert.deepStrictEqual(rowsHit([res("kubernetes:core/v1:ConfigMap", { metadata: { name: "ok.bad-" } })]), ["k8s-name-subdomain"]);
    });

    it("every documented value of the enumerations passes", () => {
        for (const targetType of ["instance", "ip", "lambda", "alb"]) assert.deepStrictEqual(rowsHit([res(TG, { targetType })]), [], targetType);
        for (const t of ["ipv4", "dualstack", "ipv6", "service-defined"]) {
            assert.deepStrictEqual(rowsHit([res("aws:ec2/vpcEndpoint:VpcEndpoint", { dnsOptions: { dnsRecordIpType: t } })]), [], t);
        }
        for (const a of ["clear", "none", "restart"]) assert.deepStrictEqual(rowsHit([res(VPN, { tunnel1DpdTimeoutAction: a, tunnel2DpdTimeoutAction: a })]), [], a);
        assert.deepStrictEqual(rowsHit([res(VPN, { tunnel1DpdTimeoutAction: "reset" })]), ["vpn-dpd-timeout-action"]);
    });
});

describe("lib/aws/constraints edges: the readers skip what the plan cannot know", () => {
    it("a value standing for another resource ([resource]) is not judged", () => {
        assert.deepStrictEqual(rowsHit([res(LB, { name: "[resource]" })]), []);
        assert.deepStrictEqual(rowsHit([res(LB, { name: "[output]" })]), []);
    });

    it("inline rules without a description, and security groups without inline rules, raise nothing", () => {
        assert.deepStrictEqual(rowsHit([res(SG, { description: "ok", ingress: [{ fromPort: 443 }, null], egress: [{ fromPort: 0, description: "[unknown]" }] })]), []);
        assert.deepStrictEqual(rowsHit([res(SG, { description: "ok" })]), []);
        assert.deepStrictEqual(rowsHit([res(SG, { description: "ok", ingress: "[unknown]" })]), []);
    });

    it("an inline egress description is judged at its path", () => {
        const v = hits([res(SG, { description: "ok", egress: [{ description: "fine" }, { description: "it's" }] })], "sg-rule-description");
        assert.deepStrictEqual(v.map((x) => [x.field, x.value]), [["egress[1].description", "it's"]]);
    });

    it("a security group rule's own description is judged when the rule names its type (group id not known yet)", () => {
        const v = hits([res(SG_RULE, { type: "ingress", description: "it's" })], "sg-rule-description");
        assert.deepStrictEqual(v.map((x) => [x.field, x.value]), [["description", "it's"]]);
        // The group's own description is the sg-description row's, not judged again as a rule's.
        assert.deepStrictEqual(rowsHit([res(SG, { description: "it's" })]), ["sg-description"]);
    });

    it("tunnel option lists skip unknown entries and judge the rest at their index", () => {
        assert.deepStrictEqual(rowsHit([res(VPN, { tunnel1IkeVersions: ["ikev2", "[unknown]"], tunnel2IkeVersions: [null] })]), []);
        const v = hits([res(VPN, { tunnel2IkeVersions: ["[unknown]", "ikev3"] })], "vpn-ike-versions");
        assert.deepStrictEqual(v.map((x) => [x.field, x.value]), [["tunnel2IkeVersions[1]", "ikev3"]]);
    });

    it("endpoint service supportedIpAddressTypes: unknown entries are skipped, a non-list is not read", () => {
        const T = "aws:ec2/vpcEndpointService:VpcEndpointService";
        assert.deepStrictEqual(rowsHit([res(T, { supportedIpAddressTypes: ["ipv4", "[unknown]"] })]), []);
        assert.deepStrictEqual(rowsHit([res(T, { supportedIpAddressTypes: "ipv5" })]), []);
        const v = hits([res(T, { supportedIpAddressTypes: ["[unknown]", "ipv5"] })], "vpce-service-ip-address-types");
        assert.deepStrictEqual(v.map((x) => [x.field, x.value]), [["supportedIpAddressTypes[1]", "ipv5"]]);
    });
});

describe("lib/aws/constraints edges: tags", () => {
    it("tags that are not an object (a JSON string) are not counted", () => {
        assert.deepStrictEqual(rowsHit([res(VPC, { cidrBlock: "10.0.0.0/16", tags: "x".repeat(60) })]), []);
    });

    it("an empty tag key is refused (keys are 1 to 128 characters)", () => {
        const v = hits([res(VPC, { cidrBlock: "10.0.0.0/16", tags: { "": "v", a: "v" } })], "tag-key");
        assert.deepStrictEqual(v.map((x) => [x.field, x.value]), [["tags.", ""]]);
    });

    it("tag values the plan does not know as text are not judged", () => {
        assert.deepStrictEqual(rowsHit([res(VPC, { cidrBlock: "10.0.0.0/16", tags: { n: 5, o: { x: 1 } } })]), []);
    });

    it("tag rows apply to aws: types only, not to aws-native or Kubernetes resources", () => {
        assert.deepStrictEqual(rowsHit([res("aws-native:ec2:Vpc", { tags: tags(51) })]), []);
        assert.deepStrictEqual(rowsHit([res("kubernetes:core/v1:ConfigMap", { metadata: { name: "cm" }, tags: tags(51) })]), []);
        assert.deepStrictEqual(rowsHit([res(VPC, { cidrBlock: "10.0.0.0/16", tags: tags(51) })]), ["tag-count"]);
    });

    it("a row for one type does not apply to a type whose name merely begins the same", () => {
        // RFC 1035 (Service) refuses a leading digit; a ServiceAccount only needs a DNS subdomain.
        assert.deepStrictEqual(rowsHit([res("kubernetes:core/v1:ServiceAccount", { metadata: { name: "1-sa" } })]), []);
        assert.deepStrictEqual(rowsHit([res("kubernetes:core/v1:Service", { metadata: { name: "1-sa" } })]), ["k8s-service-name"]);
    });

    const provider = (defaultTags: unknown): Res => ({ type: "pulumi:providers:aws", name: "aws", urn: "urn:p", id: "p1", inputs: { defaultTags } });

    it("defaultTags are merged only into resources that set tags themselves", () => {
        const noTags = { ...res(VPC, { cidrBlock: "10.0.0.0/16" }), provider: "urn:p::p1" };
        assert.deepStrictEqual(rowsHit([provider({ tags: tags(51) }), noTags]), []);
        const stringTags = { ...res(VPC, { cidrBlock: "10.0.0.0/16", tags: "ab" }), provider: "urn:p::p1" };
        assert.deepStrictEqual(rowsHit([provider({ tags: tags(50) }), stringTags]), []);
        const nullTags = { ...res(VPC, { cidrBlock: "10.0.0.0/16", tags: null }), provider: "urn:p::p1" };
        assert.deepStrictEqual(rowsHit([provider({ tags: tags(51) }), nullTags]), []);
        const own = { ...res(VPC, { cidrBlock: "10.0.0.0/16", tags: { a: "b" } }), provider: "urn:p::p1" };
        assert.deepStrictEqual(rowsHit([provider({ tags: tags(50) }), own]), ["tag-count"]);
    });

    it("only a provider resource lends defaultTags, even when another resource has the same urn and id", () => {
        const impostor: Res = { type: VPC, name: "v", urn: "urn:p", id: "p1", inputs: { cidrBlock: "10.0.0.0/16", defaultTags: { tags: tags(51) } } };
        const own = { ...res(VPC, { cidrBlock: "10.0.0.0/16", tags: { a: "b" } }), provider: "urn:p::p1" };
        assert.deepStrictEqual(rowsHit([impostor, own]), []);
    });

    it("defaultTagsOf: an object, a JSON string, bad JSON, tags that are not an object, no provider", () => {
        const p = (defaultTags: unknown) => provider(defaultTags);
        assert.deepStrictEqual(defaultTagsOf(p({ tags: { a: "1" } })), { a: "1" });
        assert.deepStrictEqual(defaultTagsOf(p(JSON.stringify({ tags: { b: "2" } }))), { b: "2" });
        assert.strictEqual(defaultTagsOf(p("{not json")), undefined);
        assert.strictEqual(defaultTagsOf(p({ tags: "abc" })), undefined);
        assert.strictEqual(defaultTagsOf(p(undefined)), undefined);
        assert.strictEqual(defaultTagsOf(undefined), undefined);
    });
});

describe("lib/aws/constraints edges: count rows per parent, family and direction", () => {
    const routes = (n: number, inputs: Record<string, any>) => Array.from({ length: n }, () => res(ROUTE, { routeTableId: "rtb-1", ...inputs }));
    const table = res("aws:ec2/routeTable:RouteTable", { vpcId: "vpc-1" }, { name: "private-rt", id: "rtb-1" });

    it("50 IPv4 and 50 IPv6 routes in one table pass: the quota is per family", () => {
        assert.deepStrictEqual(rowsHit([table, ...routes(50, { destinationCidrBlock: "10.1.0.0/16" }), ...routes(50, { destinationIpv6CidrBlock: "64:ff9b::/96" })]), []);
    });

    it("51 routes of one family are refused, naming the table, its type and the family", () => {
        for (const [inputs, family] of [[{ destinationCidrBlock: "10.1.0.0/16" }, "ipv4"], [{ destinationIpv6CidrBlock: "64:ff9b::/96" }, "ipv6"], [{ destinationPrefixListId: "pl-1" }, "prefix list"]] as const) {
            const v = hits([table, ...routes(51, inputs)], "routes-per-route-table");
            assert.deepStrictEqual(v.map((x) => [x.resource, x.type, x.field, x.value]), [["private-rt", "aws:ec2/routeTable:RouteTable", `routeTableId (${family})`, 51]], family);
        }
    });

    it("50 IPv4 routes and one prefix-list route are two families, not 51 of one", () => {
        assert.deepStrictEqual(rowsHit([table, ...routes(50, { destinationCidrBlock: "10.1.0.0/16" }), ...routes(1, { destinationPrefixListId: "pl-1" })]), []);
        assert.deepStrictEqual(rowsHit([table, ...routes(50, { destinationIpv6CidrBlock: "::/0" }), ...routes(1, { destinationPrefixListId: "pl-1" })]), []);
    });

    it("a table the graph does not hold is named by its id, with (parent) as its type", () => {
        const v = hits(routes(51, { destinationCidrBlock: "10.1.0.0/16" }), "routes-per-route-table");
        assert.deepStrictEqual(v.map((x) => [x.resource, x.type]), [["rtb-1", "(parent)"]]);
    });

    it("routes whose table is not known, or not a string, are not counted", () => {
        const n = (routeTableId: unknown) => Array.from({ length: 51 }, () => res(ROUTE, { routeTableId, destinationCidrBlock: "10.1.0.0/16" }));
        assert.deepStrictEqual(rowsHit(n(undefined)), []);
        assert.deepStrictEqual(rowsHit(n("[unknown]")), []);
        assert.deepStrictEqual(rowsHit(n({ id: "rtb-1" })), []);
    });

    it("only routes count: 51 route table associations of one table are fine", () => {
        const assoc = Array.from({ length: 51 }, () => res("aws:ec2/routeTableAssociation:RouteTableAssociation", { routeTableId: "rtb-1", destinationCidrBlock: "10.1.0.0/16" }));
        assert.deepStrictEqual(rowsHit(assoc), []);
    });

    const rules = (type: string, n: number, inputs: Record<string, any>) => Array.from({ length: n }, () => res(type, { securityGroupId: "sg-1", ...inputs }));
    const group = res(SG, { description: "app" }, { name: "app-sg", id: "sg-1" });

    it("60 inbound and 60 outbound IPv4 rules pass; 61 of one direction are refused, naming the direction and family", () => {
        assert.deepStrictEqual(rowsHit([group, ...rules(SG_INGRESS, 60, { cidrIpv4: "10.0.0.0/8" }), ...rules(SG_EGRESS, 60, { cidrIpv4: "10.0.0.0/8" })]), []);
        const cases: [string, Record<string, any>, string][] = [
            [SG_INGRESS, { cidrIpv4: "10.0.0.0/8" }, "inbound ipv4"],
            [SG_EGRESS, { cidrIpv4: "10.0.0.0/8" }, "outbound ipv4"],
            [SG_INGRESS, { cidrIpv6: "::/0" }, "inbound ipv6"],
            [SG_EGRESS, { referencedSecurityGroupId: "sg-2" }, "outbound referenced group or prefix list"],
        ];
        for (const [type, inputs, family] of cases) {
            const v = hits([group, ...rules(type, 61, inputs)], "rules-per-security-group");
            assert.deepStrictEqual(v.map((x) => [x.resource, x.field, x.value]), [["app-sg", `securityGroupId (${family})`, 61]], family);
        }
    });

    it("rules of different families count apart: 60 IPv4, 60 IPv6 and 1 referenced group pass", () => {
        const all = [group, ...rules(SG_INGRESS, 60, { cidrIpv4: "10.0.0.0/8" }), ...rules(SG_INGRESS, 60, { cidrIpv6: "::/0" }), ...rules(SG_INGRESS, 1, { referencedSecurityGroupId: "sg-2" })];
        assert.deepStrictEqual(rowsHit(all), []);
        assert.deepStrictEqual(rowsHit([group, ...rules(SG_INGRESS, 60, { cidrIpv6: "::/0" }), ...rules(SG_INGRESS, 1, { prefixListId: "pl-1" })]), []);
    });

    it("rules whose group is not known, or not a string, are not counted", () => {
        for (const securityGroupId of [undefined, "[unknown]", { id: "sg-1" }]) {
            assert.deepStrictEqual(rowsHit(Array.from({ length: 61 }, () => res(SG_INGRESS, { securityGroupId, cidrIpv4: "10.0.0.0/8" }))), [], String(securityGroupId));
        }
    });
});

describe("lib/aws/constraints edges: IPv6-only subnets", () => {
    it("ipv6Native given as the string \"true\" (provider inputs) counts as IPv6-only", () => {
        const v = hits([res(SUBNET, { ipv6Native: "true", cidrBlock: "10.0.0.0/24", ipv6CidrBlock: "2001:db8::/64" })], "subnet-ipv6-native-blocks");
        assert.deepStrictEqual(v.map((x) => x.field), ["cidrBlock"]);
        assert.deepStrictEqual(hits([res(SUBNET, { ipv6Native: "false", cidrBlock: "10.0.0.0/24" })], "subnet-ipv6-native-blocks"), []);
    });

    it("launch options given as the string \"true\" are refused on an IPv6-only subnet", () => {
        const v = hits([res(SUBNET, { ipv6Native: true, ipv6CidrBlock: "2001:db8::/64", mapPublicIpOnLaunch: "true", enableResourceNameDnsARecordOnLaunch: "false" })], "subnet-ipv6-native-launch-options");
        assert.deepStrictEqual(v.map((x) => [x.field, x.value]), [["mapPublicIpOnLaunch", { mapPublicIpOnLaunch: "true" }]]);
    });

    it("DNS64 without an IPv6 block: a null or empty ipv6CidrBlock is no block, \"true\" is on", () => {
        for (const ipv6CidrBlock of [null, "", undefined]) {
            const v = hits([res(SUBNET, { cidrBlock: "10.0.0.0/24", ipv6CidrBlock, enableDns64: "true", enableResourceNameDnsAaaaRecordOnLaunch: true })], "subnet-dns64-needs-ipv6");
            assert.deepStrictEqual(v.map((x) => [x.field, x.value]), [["enableDns64", true], ["enableResourceNameDnsAaaaRecordOnLaunch", true]], String(ipv6CidrBlock));
        }
        assert.deepStrictEqual(hits([res(SUBNET, { cidrBlock: "10.0.0.0/24", enableDns64: "false" })], "subnet-dns64-needs-ipv6"), []);
    });

    const v6Subnet = res(SUBNET, { ipv6Native: true, ipv6CidrBlock: "2001:db8::/64" }, { id: "subnet-6" });
    const instanceHits = (rs: Res[]) => hits(rs, "instance-in-ipv6-only-subnet").map((x) => [x.resource, x.field, x.value]);

    it("an instance with no instance type, one not known yet, or not text, is not judged on its type", () => {
        const a = res(INSTANCE, { subnetId: "subnet-6" }, { name: "a" });
        const b = res(INSTANCE, { subnetId: "subnet-6", instanceType: "[unknown]" }, { name: "b" });
        const c = res(INSTANCE, { subnetId: "subnet-6", instanceType: { family: "t2" } }, { name: "c" });
        assert.deepStrictEqual(instanceHits([v6Subnet, a, b, c]), []);
    });

    it("privateIp: empty, unknown or not text is no fault; an address is", () => {
        const rs = [["p1", ""], ["p2", "[unknown]"], ["p3", 5], ["p4", "10.0.0.5"]].map(([name, privateIp]) => res(INSTANCE, { subnetId: "subnet-6", instanceType: "t3.micro", privateIp }, { name: name as string }));
        assert.deepStrictEqual(instanceHits([v6Subnet, ...rs]), [["p4", "privateIp", "10.0.0.5"]]);
    });

    it("only instances in subnets are judged: an IPv6-only subnet without an id, another type with ipv6Native, an ENI", () => {
        const noId = res(SUBNET, { ipv6Native: true, ipv6CidrBlock: "2001:db8::/64" });
        const orphan = res(INSTANCE, { instanceType: "t2.micro" }, { name: "orphan" });
        const notSubnet = res("aws:ec2/networkInterface:NetworkInterface", { ipv6Native: true }, { id: "eni-1" });
        const onEni = res(INSTANCE, { subnetId: "eni-1", instanceType: "t2.micro" }, { name: "on-eni" });
        const eni = res("aws:ec2/networkInterface:NetworkInterface", { subnetId: "subnet-6", privateIp: "10.0.0.9" }, { name: "eni" });
        assert.deepStrictEqual(instanceHits([noId, orphan, notSubnet, onEni, v6Subnet, eni]), []);
        const xen = res(INSTANCE, { subnetId: "subnet-6", instanceType: "t2.micro" }, { name: "xen" });
        assert.deepStrictEqual(instanceHits([v6Subnet, xen]), [["xen", "instanceType", "t2.micro"]]);
    });
});
