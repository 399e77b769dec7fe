/**
 * Fact tables built at import, read from a copy of each module loaded inside the test
 * (test/helpers/freshModule.ts), so a changed row is seen (mutation testing activates a change after
 * the shared copy was loaded): every vpc-cni schema row names where it was read, says what it means
 * and gives its `since` as a version; the IPv6 pool arithmetic at its block boundaries; the network
 * constants the pack and the reachability model compare against.
 */
import * as assert from "assert";
import type * as IpamModule from "../../../lib/aws/ipam";
import type * as SchemaModule from "../../../lib/aws/vpcCniSchema";
import type * as NetModule from "../../../lib/networkFacts";
import { freshModule } from "../../helpers/freshModule";

const schema = () => freshModule<typeof SchemaModule>(require.resolve("../../../lib/aws/vpcCniSchema"));
const ipam = () => freshModule<typeof IpamModule>(require.resolve("../../../lib/aws/ipam"));
const net = () => freshModule<typeof NetModule>(require.resolve("../../../lib/networkFacts"));

/** The sources the schema module's header names; each row cites at least one, in those words. */
const SOURCES = [
    "schema v1.12 (terraform-aws-eks#2427)",
    "schema v1.18.6-eksbuild.1 (amazon-vpc-cni-k8s#3059)",
    "schema InitEnv (terraform-aws-eks#2667)",
    "amazon-vpc-cni-k8s README, CNI Configuration Variables",
    "EKS user guide",
];

describe("lib/aws/vpcCniSchema: every row is a sourced fact", () => {
    it("each env and init.env key names a known source, says what it means, and gives `since` as x.y.z when it has one", () => {
        const { VPC_CNI_SCHEMA_ENV, VPC_CNI_SCHEMA_INIT_ENV } = schema();
        const rows = [...Object.entries(VPC_CNI_SCHEMA_ENV), ...Object.entries(VPC_CNI_SCHEMA_INIT_ENV).map(([k, v]) => [`init.${k}`, v] as const)];
        assert.strictEqual(rows.length, 36, "34 env and 2 init.env keys: a row added or removed changes this count");
        for (const [key, row] of rows) {
            assert.match(key, /^(init\.)?[A-Z][A-Z0-9_]+$/);
            assert.ok(SOURCES.some((s) => row.source.includes(s)), `${key}: source ${JSON.stringify(row.source)} names none of the header's sources`);
            for (const part of row.source.split("; ")) assert.ok(part.trim().length > 0, `${key}: an empty part in ${JSON.stringify(row.source)}`);
            assert.ok(row.meaning.length >= 10, `${key}: meaning ${JSON.stringify(row.meaning)}`);
            if ("since" in row) assert.match(row.since!, /^\d+\.\d+\.\d+$/, key);
        }
    });

    it("the keys pulumi-eks sends by default say so, and the keys from the v1.18.6 schema cite it", () => {
        const { VPC_CNI_SCHEMA_ENV, VPC_CNI_SCHEMA_INIT_ENV } = schema();
        // pulumi/pulumi-eks nodejs/eks/addons/cni-addon.ts computeEnv (the module header's list).
        for (const k of ["WARM_ENI_TARGET", "AWS_VPC_K8S_CNI_LOGLEVEL", "AWS_VPC_K8S_CNI_LOG_FILE", "AWS_VPC_K8S_CNI_VETHPREFIX", "AWS_VPC_K8S_PLUGIN_LOG_LEVEL", "AWS_VPC_K8S_PLUGIN_LOG_FILE", "ENABLE_POD_ENI", "AWS_VPC_K8S_CNI_EXTERNALSNAT"]) {
            assert.match(VPC_CNI_SCHEMA_ENV[k].source, /pulumi-eks default/, k);
        }
        assert.match(VPC_CNI_SCHEMA_INIT_ENV.DISABLE_TCP_EARLY_DEMUX.source, /pulumi-eks default false/);
        for (const k of ["AWS_EC2_ENDPOINT", "AWS_EXTERNAL_SERVICE_CIDRS", "AWS_MANAGE_ENIS_NON_SCHEDULABLE"]) assert.match(VPC_CNI_SCHEMA_ENV[k].source, /schema v1\.18\.6/, k);
    });

    it("the versions the article's settings need: ENABLE_V4_EGRESS 1.15.1, ENABLE_V6_EGRESS 1.13.0 in env and init.env, DISABLE_POD_V6 1.15.0, prefix delegation 1.9.0", () => {
        const { VPC_CNI_SCHEMA_ENV: env, VPC_CNI_SCHEMA_INIT_ENV: init } = schema();
        assert.deepStrictEqual(
            [env.ENABLE_V4_EGRESS.since, env.ENABLE_V6_EGRESS.since, init.ENABLE_V6_EGRESS.since, env.DISABLE_POD_V6.since, env.ENABLE_PREFIX_DELEGATION.since, env.WARM_PREFIX_TARGET.since],
            ["1.15.1", "1.13.0", "1.13.0", "1.15.0", "1.9.0", "1.9.0"],
        );
    });
});

describe("lib/aws/ipam: Amazon-provided IPv6 blocks for a number of dual-stack VPCs", () => {
    it("16 VPC /56s fit in one /52; one block at least, one more at 17 and at 33", () => {
        const { vpcsPerIpv6Block, ipv6BlocksFor, IPAM_FACTS } = ipam();
        assert.strictEqual(vpcsPerIpv6Block(), 16);
        assert.strictEqual(vpcsPerIpv6Block(), 2 ** (IPAM_FACTS.vpcIpv6NetmaskLength.value - IPAM_FACTS.amazonIpv6BlockPrefix.value));
        assert.deepStrictEqual([0, 1, 15, 16, 17, 32, 33].map(ipv6BlocksFor), [1, 1, 1, 1, 2, 2, 3]);
    });
});

describe("lib/networkFacts: the constants the pack and the model compare against", () => {
    it("load balancer address types, the default, IPv6 target groups, NAT64 route targets", () => {
        const n = net();
        assert.deepStrictEqual([...n.DUALSTACK_LB_IP_ADDRESS_TYPES], ["dualstack", "dualstack-without-public-ipv4"]);
        assert.strictEqual(n.DEFAULT_LB_IP_ADDRESS_TYPE, "ipv4");
        assert.strictEqual(n.IPV6_TARGET_GROUP_TARGET_TYPE, "ip");
        assert.deepStrictEqual([...n.NAT64_ROUTE_TARGETS], ["nat", "tgw"]);
    });

    it("protocol names and numbers as security groups accept them (EC2 IpProtocol)", () => {
        const { IP_PROTOCOLS } = net();
        assert.deepStrictEqual(IP_PROTOCOLS, { "-1": "all", all: "all", tcp: "tcp", "6": "tcp", udp: "udp", "17": "udp", icmp: "icmp", "1": "icmp", icmpv6: "icmpv6", "58": "icmpv6" });
    });
});
