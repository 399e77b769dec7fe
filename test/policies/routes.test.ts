import { strict as assert } from "assert";
import { cidrFamilyMatchesField } from "../../policies/rules/addressing";
import { privateIpv6Egress, publicIpv6Default } from "../../policies/rules/routes";
import { Fx, UNKNOWN, dualStackVpc, messages, patch, route, subnet, vpc, without } from "./harness";

describe("policies: routes and addressing", () => {
    describe("private-ipv6-default-via-egress-only-gateway", () => {
        it("passes ::/0 to the egress-only gateway from the private table", async () => {
            assert.deepEqual(await messages(privateIpv6Egress, dualStackVpc("n")), []);
        });
        it("fails ::/0 to the internet gateway from a private table (inbound exposure)", async () => {
            const m = await messages(privateIpv6Egress, dualStackVpc("n", { privateV6Target: { igw: "n-igw" } }));
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.ec2\.Route "n-private-v6" sends ::\/0 to an internet gateway from a private route table.*set egressOnlyGatewayId/);
        });
        it("fails ::/0 to a NAT gateway, even spelled 0:0:0:0:0:0:0:0/0", async () => {
            const fx = patch(dualStackVpc("n", { privateV6Target: { nat: "n-nat" } }), "n-private-v6", { destinationIpv6CidrBlock: "0:0:0:0:0:0:0:0/0" });
            const m = await messages(privateIpv6Egress, fx);
            assert.equal(m.length, 1);
            assert.match(m[0], /sends 0:0:0:0:0:0:0:0\/0 to a NAT gateway, which translates only 64:ff9b::\/96/);
        });
        it("fails a private table with IPv4 egress through NAT and no ::/0 at all", async () => {
            const m = await messages(privateIpv6Egress, dualStackVpc("n", { privateV6Target: null }));
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.ec2\.RouteTable "n-private-rt" gives its dual-stack subnets IPv4 egress through a NAT gateway but has no ::\/0 route/);
        });
        it("leaves IPv4-only private tables alone", async () => {
            const fx = without(patch(dualStackVpc("n", { privateV6Target: null }), "n-private", { ipv6CidrBlock: undefined, assignIpv6AddressOnCreation: undefined }), "n-eigw");
            assert.deepEqual(await messages(privateIpv6Egress, fx), []);
        });
        it("checks inline routes of aws.ec2.RouteTable too", async () => {
            const inline: Fx[] = [
                vpc("v"),
                subnet("s", "v", { ipv6: "2001:db8:0:110::/64", assign: true }),
                { type: "aws:ec2/routeTable:RouteTable", name: "rt", props: { id: "rtb-rt", vpcId: "vpc-v", routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }, { ipv6CidrBlock: "::/0", gatewayId: "igw-1" }] }, deps: { vpcId: ["v"] } },
                { type: "aws:ec2/routeTableAssociation:RouteTableAssociation", name: "a", props: { id: "a", subnetId: "subnet-s", routeTableId: "rtb-rt" }, deps: { subnetId: ["s"], routeTableId: ["rt"] } },
            ];
            const m = await messages(privateIpv6Egress, inline);
            assert.equal(m.length, 1);
            assert.match(m[0], /aws\.ec2\.RouteTable "rt" \(routes\[\]\.ipv6CidrBlock\) sends ::\/0 to an internet gateway/);
        });
        it("reports nothing when targets or destinations are unknown", async () => {
            // The IPv4 default's gateway may be an internet or a virtual private gateway: the tier is unknown.
            const v4ViaUnknownGateway = dualStackVpc("n", { privateV6Target: { igw: "n-igw" } }).map((f) => (f.name === "n-private-v4" ? { ...f, props: { id: "r-x", routeTableId: "rtb-n-private-rt", destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }, deps: { routeTableId: ["n-private-rt"] } } : f));
            assert.deepEqual(await messages(privateIpv6Egress, v4ViaUnknownGateway), []);
            assert.deepEqual(await messages(privateIpv6Egress, patch(dualStackVpc("n", { privateV6Target: { igw: "n-igw" } }), "n-private-v6", { destinationIpv6CidrBlock: UNKNOWN })), []);
            assert.deepEqual(await messages(privateIpv6Egress, dualStackVpc("n"), { preview: true }), []);
        });
        it("still sees the exposure in a preview, through the route's dependencies", async () => {
            assert.equal((await messages(privateIpv6Egress, dualStackVpc("n", { privateV6Target: { igw: "n-igw" } }), { preview: true })).length, 1);
        });
    });

    describe("public-ipv6-default-to-internet-gateway", () => {
        it("passes both defaults to the internet gateway", async () => {
            assert.deepEqual(await messages(publicIpv6Default, dualStackVpc("n")), []);
        });
        it("fails a dual-stack public table without ::/0, and with ::/0 to the egress-only gateway", async () => {
            const missing = await messages(publicIpv6Default, dualStackVpc("n", { publicV6Target: null }));
            assert.equal(missing.length, 1);
            assert.match(missing[0], /"n-public-rt" routes 0\.0\.0\.0\/0 to an internet gateway for dual-stack subnets but has no ::\/0 route/);
            const eigwOnly = await messages(publicIpv6Default, dualStackVpc("n", { publicV6Target: { eigw: "n-eigw" } }));
            assert.match(eigwOnly[0], /"n-public-v6" sends ::\/0 to a eigw from a public route table/);
        });
        it("reports nothing when the subnet's IPv6 or the route target is unknown", async () => {
            assert.deepEqual(await messages(publicIpv6Default, patch(dualStackVpc("n", { publicV6Target: null }), "n-public", { ipv6CidrBlock: UNKNOWN })), []);
            const unknownGateway = dualStackVpc("n", { publicV6Target: null }).concat([{ type: "aws:ec2/route:Route", name: "v6", props: { id: "r-v6", routeTableId: "rtb-n-public-rt", destinationIpv6CidrBlock: "::/0", gatewayId: UNKNOWN }, deps: { routeTableId: ["n-public-rt"] } }]);
            assert.deepEqual(await messages(publicIpv6Default, unknownGateway), []);
        });
    });

    describe("cidr-family-matches-field", () => {
        it("passes each family in its own field", async () => {
            assert.deepEqual(await messages(cidrFamilyMatchesField, dualStackVpc("n")), []);
        });
        it("fails an IPv6 peer /56 in destinationCidrBlock and an IPv4 block in cidrIpv6", async () => {
            const fx: Fx[] = [
                ...dualStackVpc("n"),
                { ...route("tgw-v6", "n-private-rt", "2001:db8:0:200::/56", { tgw: "hub" }, "destinationCidrBlock"), deps: {} },
                { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "in", props: { id: "sgr-1", securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "10.20.0.0/16" } },
                { type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: { id: "sg-2", ingress: [{ protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["10.0.0.0/8", "::/0"] }], egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["0.0.0.0/0"] }] } },
            ];
            const m = await messages(cidrFamilyMatchesField, fx);
            assert.equal(m.length, 4, m.join("\n"));
            assert.match(m[0], /"tgw-v6": destinationCidrBlock holds the IPv6 block 2001:db8:0:200::\/56.*move it to destinationIpv6CidrBlock/);
            assert.match(m[1], /"in": cidrIpv6 holds the IPv4 block 10\.20\.0\.0\/16.*move it to cidrIpv4/);
            assert.match(m[2], /"sg": ingress\[0\]\.cidrBlocks\[1\] holds the IPv6 block ::\/0.*move it to ingress\.ipv6CidrBlocks/);
            assert.match(m[3], /"sg": egress\[0\]\.ipv6CidrBlocks\[0\] holds the IPv4 block 0\.0\.0\.0\/0.*move it to egress\.cidrBlocks/);
        });
        it("fails an IPv6 block in a network ACL's IPv4 field", async () => {
            const acl: Fx = { type: "aws:ec2/networkAcl:NetworkAcl", name: "acl", props: { id: "acl-1", vpcId: "vpc-x", ingress: [{ protocol: "6", ruleNo: 100, action: "allow", fromPort: 443, toPort: 443, cidrBlock: "2001:db8::/32" }, { protocol: "6", ruleNo: 110, action: "allow", fromPort: 443, toPort: 443, ipv6CidrBlock: "2001:db8::/32" }] } };
            const m = await messages(cidrFamilyMatchesField, [acl]);
            assert.equal(m.length, 1);
            assert.match(m[0], /"acl": ingress\[0\]\.cidrBlock holds the IPv6 block 2001:db8::\/32.*move it to ingress\.ipv6CidrBlock/);
        });
        it("fails a value that is not a CIDR at all", async () => {
            const m = await messages(cidrFamilyMatchesField, [{ ...route("r", "t", "10.0.0.0/8", { pcx: "p" }), deps: {} }].map((f) => ({ ...f, props: { ...f.props, destinationCidrBlock: "10.0.0.0/33" } })));
            assert.match(m[0], /is "10\.0\.0\.0\/33", which is not a CIDR/);
        });
        it("reports nothing for unknown values", async () => {
            const fx: Fx[] = [{ type: "aws:ec2/route:Route", name: "r", props: { routeTableId: UNKNOWN, destinationCidrBlock: UNKNOWN, transitGatewayId: UNKNOWN } }, { type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: { ingress: [{ protocol: "tcp", cidrBlocks: UNKNOWN }, UNKNOWN] } }];
            assert.deepEqual(await messages(cidrFamilyMatchesField, fx), []);
        });
    });
});
