/**
 * Small lib modules at their edges (issue 20, mutation survivors): regions, service endpoints,
 * Pulumi token scopes, VPC plans, deploy placeholders and transit gateway members. Each case
 * asserts the exact key, value and fix of the ConfigError a user reads.
 */
import * as assert from "assert";
import { requireRegion } from "../../lib/aws/regions";
import { serviceEndpointHost } from "../../lib/aws/serviceEndpoints";
import { documentationRange, findDeployPlaceholders, placeholderMessage } from "../../lib/placeholders";
import { checkScopedTokenType, PERSONAL_TOKEN, TEAM_TOKEN } from "../../lib/pulumiTokens";
import { routeDestination, validateTgwMembers, type TgwMemberSpec } from "../../lib/transitGateway";
import { planVpc } from "../../lib/vpcPlan";
import { configErrorParts as configError } from "../helpers/configError";

describe("lib/aws/regions edges", () => {
    it("unset, empty, not text, spaces, unknown", () => {
        assert.deepStrictEqual(configError(() => requireRegion("aws:region", "")), ["aws:region", "", "no AWS region is set; set one, for example: pulumi config set aws:region us-west-2"]);
        assert.deepStrictEqual(configError(() => requireRegion("aws:region", 5)), ["aws:region", 5, "a region is a name such as us-west-2; write it as text"]);
        assert.deepStrictEqual(configError(() => requireRegion("aws:region", "us-west-2 ")), ["aws:region", "us-west-2 ", "the value has leading or trailing spaces; remove them: us-west-2"]);
        assert.match(configError(() => requireRegion("aws:region", "mars-north-9"))[2], /^not an AWS region \(the regions of @aws-sdk\/core [^)]+\); use one such as us-west-2: pulumi config set aws:region us-west-2$/);
        assert.strictEqual(requireRegion("aws:region", "us-west-2").partition, "aws");
    });
});

describe("lib/aws/serviceEndpoints edges", () => {
    it("an endpoint the table does not document is refused on the region key with the service and families", () => {
        const [key, value] = configError(() => serviceEndpointHost("lambda", "dual-stack", "us-west-2"));
        assert.deepStrictEqual([key, value], ["aws:region (lambda dual-stack endpoint)", "lambda"]);
    });
    it("an endpoint documented region by region: the fix says so and names no partition", () => {
        const [, , fix] = configError(() => serviceEndpointHost("ec2", "dual-stack", "us-west-2"));
        assert.match(fix, /documented Region by Region, not for a whole partition .*; pick a region of a partition this table lists, or turn the probe's AWS-service checks off/);
    });
    it("an endpoint documented per partition, asked in another: the partitions listed", () => {
        assert.strictEqual(serviceEndpointHost("sts", "dual-stack", "us-west-2"), "sts.us-west-2.api.aws");
    });
});

describe("lib/pulumiTokens edges", () => {
    it("spaces around the type and the scope are ignored", () => {
        assert.strictEqual(checkScopedTokenType(` ${TEAM_TOKEN} `, " team:platform "), `${TEAM_TOKEN} team:platform`);
    });
    it("an unset type names the variable with an empty value; an unset scope likewise", () => {
        assert.deepStrictEqual(configError(() => checkScopedTokenType(undefined, "team:x")), ["PULUMI_TOKEN_TYPE", "", `set the repository variable to ${TEAM_TOKEN} or ${PERSONAL_TOKEN}`]);
        assert.deepStrictEqual(configError(() => checkScopedTokenType(PERSONAL_TOKEN, undefined)), ["PULUMI_TOKEN_SCOPE", "", "a personal token needs the scope user:<user login>"]);
    });
});

describe("lib/vpcPlan edges", () => {
    it("one AZ is refused on azCount; a bad CIDR on <key>.cidr; indexes on an IPv4-only VPC on <key>.ipv6SubnetIndexes", () => {
        assert.deepStrictEqual(configError(() => planVpc("appVpc", { cidr: "10.0.0.0/16" }, 1, false)), ["azCount", 1, "EKS needs subnets in at least two availability zones; use 2 or more"]);
        assert.strictEqual(configError(() => planVpc("appVpc", { cidr: "10.0.0.0/8" }, 2, false))[0], "appVpc.cidr");
        const idx = { public: [0, 1], private: [16, 17] };
        assert.deepStrictEqual(configError(() => planVpc("appVpc", { cidr: "10.0.0.0/16", ipv6SubnetIndexes: idx }, 2, false)), ["appVpc.ipv6SubnetIndexes", idx, "this VPC is IPv4-only in this scenario; remove ipv6SubnetIndexes"]);
        assert.strictEqual(configError(() => planVpc("appVpc", { cidr: "10.0.0.0/16", ipv6SubnetIndexes: { public: [0, 1], private: [1, 2] } }, 2, true))[0], "appVpc.ipv6SubnetIndexes.private[0]");
    });
    it("the public subnets default to /24 and follow the /20 private ones", () => {
        assert.deepStrictEqual(planVpc("v", { cidr: "10.0.0.0/16" }, 2, false).publicIpv4, ["10.0.32.0/24", "10.0.33.0/24"]);
        assert.deepStrictEqual(planVpc("v", { cidr: "10.0.0.0/16", publicSubnetPrefix: 26 }, 2, false).publicIpv4, ["10.0.32.0/26", "10.0.32.64/26"]);
    });
});

describe("lib/placeholders edges", () => {
    it("a documentation range of the other family never matches", () => {
        assert.strictEqual(documentationRange("::/0"), undefined);
        assert.strictEqual(documentationRange("2001:db8::1/128"), "RFC 3849");
        assert.strictEqual(documentationRange("nonsense"), undefined);
    });
    it("only apiPublicAccessCidrs lists count; other lists and non-text entries are walked past", () => {
        const found = findDeployPlaceholders({ a: { apiPublicAccessCidrs: [5, "198.51.100.7/32"], other: ["203.0.113.5/32"], apiPublicAccessCidrsX: ["203.0.113.5/32"] }, apiPublicAccessCidrs: "203.0.113.5/32" }, "ns");
        assert.deepStrictEqual(found.map((f) => [f.key, f.value]), [["ns:a.apiPublicAccessCidrs[1]", "198.51.100.7/32"]]);
    });
    it("the message: a count, one line per value, the instruction, one command per value", () => {
        const found = findDeployPlaceholders({ c: { apiPublicAccessCidrs: ["198.51.100.7/32"] } }, "ns");
        assert.deepStrictEqual(placeholderMessage(found).split("\n"), [
            "1 committed placeholder value(s) only fail on AWS; set your own before pulumi up:",
            `  ns:c.apiPublicAccessCidrs[0] = 198.51.100.7/32: ${found[0].why}`,
            "Run (your own egress address; or an empty list to turn the public endpoint off, if pulumi runs inside the VPC):",
            `  pulumi config set --path 'ns:c.apiPublicAccessCidrs[0]' "$(curl -s https://checkip.amazonaws.com)/32"`,
        ]);
    });
});

describe("lib/transitGateway edges", () => {
    const member = (name: string, cidr: string, over: Partial<TgwMemberSpec> = {}): TgwMemberSpec => ({
        name, configKey: `${name}Vpc`, ipv4Cidr: cidr, dualStack: false, attachmentSubnets: [{ az: 0, ipv6: false }, { az: 1, ipv6: false }], routeTables: 1, ...over,
    });
    it("each member problem: its key, the value the user reads, the fix", () => {
        assert.deepStrictEqual(configError(() => validateTgwMembers([member("a", "10.0.0.0/16", { attachmentSubnets: [] }), member("b", "10.1.0.0/16")])),
            ["aVpc", "no attachment subnets", "a VPC attachment needs one subnet in each Availability Zone where the VPC has resources"]);
        assert.deepStrictEqual(configError(() => validateTgwMembers([member("a", "10.0.0.0/16", { attachmentSubnets: [{ az: 1, ipv6: false }, { az: 1, ipv6: false }] }), member("b", "10.1.0.0/16")])),
            ["aVpc", "two attachment subnets in AZ index 1", "a VPC attachment takes only one subnet per Availability Zone; keep one"]);
        assert.deepStrictEqual(configError(() => validateTgwMembers([member("a", "10.0.0.0/16", { routeTables: -1 }), member("b", "10.1.0.0/16")])),
            ["aVpc", -1, "the number of route tables must be a whole number, 0 or more"]);
        assert.doesNotThrow(() => validateTgwMembers([member("a", "10.0.0.0/16", { routeTables: 0 }), member("b", "10.1.0.0/16")]));
        assert.deepStrictEqual(configError(() => validateTgwMembers([member("a", "10.0.0.0/16")])), ["transitGateway.members", ["a"], "a transit gateway joins at least two VPCs; add another member"]);
    });
    it("summaries, when given, are checked", () => {
        assert.deepStrictEqual(configError(() => validateTgwMembers([member("a", "10.0.0.0/16"), member("b", "10.1.0.0/16")], { ipv4: [], ipv6Count: 0, configKey: "addressing" })),
            ["addressing.ipv4Summaries", [], "list at least one IPv4 prefix that holds every member VPC's IPv4 CIDR, for example 10.0.0.0/8"]);
        assert.deepStrictEqual(configError(() => validateTgwMembers([member("a", "10.0.0.0/16"), member("b", "10.9.0.0/16")], { ipv4: ["10.0.0.0/16", "10.1.0.0/16"], ipv6Count: 0, configKey: "addressing" })),
            ["bVpc.cidr", "10.9.0.0/16", "no IPv4 summary (addressing.ipv4Summaries: 10.0.0.0/16, 10.1.0.0/16) holds this member's CIDR, so the other members would have no route to it; move it inside one or add a summary that holds it"]);
    });
    it("route destinations name the family in their key", () => {
        assert.strictEqual(configError(() => routeDestination("ipv4", "2001:db8::/56"))[0], "ipv4 route destination");
        assert.strictEqual(configError(() => routeDestination("ipv6", "::/0"))[0], "ipv6 route destination");
    });
});
