import * as assert from "assert";
import { AWS_SERVICE_PORT, awsServiceChecks, awsServiceFlows, awsServiceManualCheck } from "../../lib/awsServices";
import { aOnlyCheck, failsCheck, resolvesCheck, serviceAnswersCheck } from "../../lib/probes";

// The AWS-service checks and flows of an IPv6 cluster, whole, with and without a NAT gateway, and
// the manual command a person copies from a stack's output.

const NO_NAT = "no NAT gateway in the cluster VPC: v4if0 traffic, SNATed to the node's private IPv4, has no way to a public address";
const V4 = "ec2.us-west-2.amazonaws.com";
const DS = "sts.us-west-2.api.aws";
const CIDR = "2001:db8:34:ba00::/56";
const pods = { kind: "pods", cluster: "c" };

describe("lib/awsServices: whole checks, flows and the manual command", () => {
    it("the checks, in order, with a NAT gateway: A only, IPv4 answer from v4if0, AAAA, IPv6 answer from the pod's block", () => {
        assert.strictEqual(AWS_SERVICE_PORT, 443);
        assert.deepStrictEqual(awsServiceChecks("us-west-2", CIDR), [
            aOnlyCheck(V4),
            serviceAnswersCheck("ipv4", V4, "v4if0", "IPv4-only AWS endpoint"),
            resolvesCheck(DS, "AAAA"),
            serviceAnswersCheck("ipv6", DS, { ipv6Cidr: CIDR }, "dual-stack AWS endpoint"),
        ]);
        assert.deepStrictEqual(awsServiceChecks("us-west-2", CIDR, true), awsServiceChecks("us-west-2", CIDR), "a NAT gateway is the default");
    });

    it("without a NAT gateway the IPv4 request must fail, and says why", () => {
        const checks = awsServiceChecks("us-west-2", CIDR, false);
        assert.deepStrictEqual(checks[1], failsCheck(serviceAnswersCheck("ipv4", V4, "v4if0", "IPv4-only AWS endpoint"), NO_NAT));
        assert.deepStrictEqual([checks[0], checks[2], checks[3]], [aOnlyCheck(V4), resolvesCheck(DS, "AAAA"), serviceAnswersCheck("ipv6", DS, { ipv6Cidr: CIDR }, "dual-stack AWS endpoint")]);
    });

    it("the flows, whole, with a NAT gateway", () => {
        assert.deepStrictEqual(awsServiceFlows("c"), [
            { name: "IPv6 pod reaches the IPv4-only ec2 endpoint over IPv4 (v4if0 SNAT, then the NAT gateway)", from: pods, to: { kind: "aws-service", service: "ec2", dualStack: false }, family: "ipv4", port: 443, expect: "allow" },
            { name: "IPv6 pod reaches the dual-stack sts endpoint over IPv6 (its own address, the egress-only internet gateway)", from: pods, to: { kind: "aws-service", service: "sts", dualStack: true }, family: "ipv6", port: 443, expect: "allow" },
            { name: "IPv6 pod has no IPv6 way to the IPv4-only ec2 endpoint (no AAAA record, no DNS64 where pods run)", from: pods, to: { kind: "aws-service", service: "ec2", dualStack: false }, family: "ipv6", port: 443, expect: "deny" },
        ]);
    });

    it("the flows without a NAT gateway: the IPv4 flow is declared denied, with the reason", () => {
        const flows = awsServiceFlows("c", false);
        assert.deepStrictEqual(flows[0], { name: `IPv6 pod cannot reach the IPv4-only ec2 endpoint over IPv4 (${NO_NAT})`, from: pods, to: { kind: "aws-service", service: "ec2", dualStack: false }, family: "ipv4", port: 443, expect: "deny" });
        assert.deepStrictEqual(flows.slice(1), awsServiceFlows("c").slice(1));
    });

    it("the manual command, whole, for the region's names", () => {
        assert.strictEqual(awsServiceManualCheck("us-west-2", "public.ecr.aws/x/netshoot:1"),
            "# AWS services from an IPv6 pod: the IPv4-only endpoint answers from v4if0 (169.254.172.x), the dual-stack one from the pod's IPv6:\n" +
            "kubectl run awscheck --rm -it --restart=Never --image=public.ecr.aws/x/netshoot:1 -- sh -c 'dig +short AAAA ec2.us-west-2.amazonaws.com; " +
            'curl -4 -sS -o /dev/null -w "%{http_code} from %{local_ip}\\n" https://ec2.us-west-2.amazonaws.com/; dig +short AAAA sts.us-west-2.api.aws; ' +
            "curl -6 -sS -o /dev/null -w \"%{http_code} from %{local_ip}\\n\" https://sts.us-west-2.api.aws/'");
        assert.match(awsServiceManualCheck("cn-north-1", "i"), /https:\/\/ec2\.cn-north-1\.amazonaws\.com\.cn\/; dig \+short AAAA sts\.cn-north-1\.api\.amazonwebservices\.com\.cn;/);
    });
});
