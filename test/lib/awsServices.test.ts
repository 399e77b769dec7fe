/**
 * AWS services from IPv6 pods: the endpoint table (lib/aws/serviceEndpoints.ts), the probe checks
 * built from it (lib/awsServices.ts, lib/probes.ts serviceAnswersCheck) run with the real sh
 * against a fake curl, and their worst case (lib/probeBudget.ts).
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PARTITION_DNS, probedServiceHosts, SERVICE_ENDPOINTS, serviceEndpointHost } from "../../lib/aws/serviceEndpoints";
import { REGIONS } from "../../lib/aws/regions";
import { awsServiceChecks, awsServiceFlows } from "../../lib/awsServices";
import { ConfigError } from "../../lib/errors";
import { checkBudget } from "../../lib/probeBudget";
import { serviceAnswersCheck } from "../../lib/probes";

describe("lib/aws/serviceEndpoints: AWS service endpoint names by region", () => {
    it("builds the documented names from the region and its partition's suffixes", () => {
        assert.deepStrictEqual(probedServiceHosts("us-west-2"), { ipv4Only: "ec2.us-west-2.amazonaws.com", dualStack: "sts.us-west-2.api.aws" });
        assert.deepStrictEqual(probedServiceHosts("eu-central-1"), { ipv4Only: "ec2.eu-central-1.amazonaws.com", dualStack: "sts.eu-central-1.api.aws" });
        assert.deepStrictEqual(probedServiceHosts("cn-north-1"), { ipv4Only: "ec2.cn-north-1.amazonaws.com.cn", dualStack: "sts.cn-north-1.api.amazonwebservices.com.cn" });
        assert.deepStrictEqual(probedServiceHosts("us-gov-west-1"), { ipv4Only: "ec2.us-gov-west-1.amazonaws.com", dualStack: "sts.us-gov-west-1.api.aws" });
        assert.strictEqual(serviceEndpointHost("s3", "dual-stack", "ap-southeast-2"), "s3.dualstack.ap-southeast-2.amazonaws.com");
    });

    it("refuses a region whose partition has no documented name, naming the key, the value and the fix", () => {
        const iso = [...REGIONS.values()].find((r) => !(r.partition in PARTITION_DNS))!;
        assert.ok(iso, "the SDK's regions include a partition the table does not document");
        assert.throws(() => probedServiceHosts(iso.region), (e: Error) => e instanceof ConfigError && e.message.startsWith(`aws:region: "${iso.region}" is invalid;`) && /partition .* documented in the aws, aws-cn, aws-us-gov partitions only/.test(e.message) && /probe\.awsServices: false/.test(e.message));
        // EC2's dual-stack names are listed Region by Region: no partition is assumed.
        assert.throws(() => serviceEndpointHost("ec2", "dual-stack", "us-west-2"), /documented Region by Region/);
        assert.throws(() => serviceEndpointHost("dynamodb", "dual-stack", "us-west-2"), (e: Error) => e instanceof ConfigError && /documents no dual-stack endpoint of dynamodb; use one of ec2 \(ipv4-only\), sts \(dual-stack\), s3 \(dual-stack\)/.test(e.message));
        assert.throws(() => serviceEndpointHost("sts", "dual-stack", "mars-east-1"), /not a region/);
    });

    it("every row names its source page and every pattern its placeholders only", () => {
        for (const r of SERVICE_ENDPOINTS) {
            assert.match(r.source, /^https:\/\/docs\.aws\.amazon\.com\//, `${r.service} ${r.families}`);
            assert.ok(r.fact.length > 20);
            assert.match(r.pattern.replace(/\{(region|dnsSuffix|dualStackDnsSuffix)\}/g, "x"), /^[a-z0-9.-]+$/);
            for (const p of r.partitions) assert.ok(p in PARTITION_DNS, `${r.service}: partition ${p} has its suffixes`);
        }
    });

    it("the partitions' DNS suffixes are the ones the AWS SDK's partition data states", () => {
        const dir = path.dirname(require.resolve("@aws-sdk/core/package.json"));
        const text = fs.readFileSync(path.join(dir, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js"), "utf8").replace(/^export const partitionsInfo = /, "").replace(/;\s*$/, "");
        const sdk = JSON.parse(text) as { partitions: { id: string; outputs: { dnsSuffix: string; dualStackDnsSuffix: string } }[] };
        for (const [id, dns] of Object.entries(PARTITION_DNS)) {
            const p = sdk.partitions.find((x) => x.id === id);
            assert.ok(p, `partition ${id} in @aws-sdk/core`);
            assert.deepStrictEqual(dns, { dnsSuffix: p.outputs.dnsSuffix, dualStackDnsSuffix: p.outputs.dualStackDnsSuffix }, id);
        }
    });
});

describe("lib/awsServices: the probe's AWS-service checks, run with sh against a fake curl", () => {
    /** Runs `script` with fake `curl` and `dig` on PATH: curl prints `curlOut` and exits `curlExit`; dig prints the records of its type. */
    const run = (script: string, curlOut: string, curlExit = 0, records: { A?: string; AAAA?: string } = {}) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-curl-"));
        try {
            fs.writeFileSync(path.join(dir, "curl"), `#!/bin/sh\nprintf '%s\\n' '${curlOut}'\nexit ${curlExit}\n`, { mode: 0o755 });
            fs.writeFileSync(path.join(dir, "dig"), `#!/bin/sh\ncase "$2" in\n  A) printf '%s\\n' '${records.A ?? ""}' ;;\n  AAAA) printf '%s\\n' '${records.AAAA ?? ""}' ;;\nesac\n`, { mode: 0o755 });
            return spawnSync("/bin/sh", ["-c", script], { env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: "utf8" });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    };
    const [aOnly, v4, aaaa, v6] = awsServiceChecks("us-west-2", "2001:db8:34:ba00::/56");

    it("IPv4-only endpoint: passes only with an HTTP status and a local address on v4if0", () => {
        assert.match(v4.name, /^ec2\.us-west-2\.amazonaws\.com \(IPv4-only AWS endpoint\) answers curl -4 https:\/\/ec2\.us-west-2\.amazonaws\.com\/ from v4if0/);
        assert.strictEqual(run(v4.script, "403 169.254.172.10").status, 0, "a 4xx from the service is an answer");
        assert.strictEqual(run(v4.script, "200 169.254.175.3").status, 0);
        // Retries write one line each; the last one counts.
        assert.strictEqual(run(v4.script, "503 169.254.172.10\n403 169.254.172.10").status, 0);
        assert.strictEqual(run(v4.script, "403 10.10.0.5").status, 1, "left from an address that is not v4if0's");
        assert.strictEqual(run(v4.script, "403 169.254.176.1").status, 1);
        assert.notStrictEqual(run(v4.script, "000 ", 7).status, 0, "no connection");
        assert.strictEqual(run(v4.script, "000 169.254.172.10", 0).status, 1, "no HTTP status");
        assert.match(v4.script, /curl -4 -sS --max-time 10 --retry 2 --retry-delay 3 --retry-all-errors -o \/dev\/null -w '%\{http_code\} %\{local_ip\}\\n' 'https:\/\/ec2\.us-west-2\.amazonaws\.com\/'/);
        assert.doesNotMatch(v4.script, / -f/, "an HTTP error status is still an answer");
    });

    it("dual-stack endpoint: passes only with an HTTP status and the pod's own IPv6 in the cluster VPC's block", () => {
        assert.match(v6.name, /^sts\.us-west-2\.api\.aws \(dual-stack AWS endpoint\) answers curl -6 https:\/\/sts\.us-west-2\.api\.aws\/ from a pod address in 2001:db8:34:ba00::\/56/);
        assert.strictEqual(run(v6.script, "302 2001:db8:34:ba10::1a2b").status, 0);
        assert.strictEqual(run(v6.script, "400 2001:db8:35:ba10::1a2b").status, 1, "another /56");
        assert.strictEqual(run(v6.script, "400 fd00::ac:2").status, 1, "a translated (ULA) source");
        assert.notStrictEqual(run(v6.script, "000 ", 35).status, 0, "TLS failure");
    });

    it("the names' DNS: A and no AAAA for the IPv4-only endpoint; AAAA for the dual-stack one", () => {
        assert.strictEqual(run(aOnly.script, "", 0, { A: "198.51.100.7" }).status, 0);
        assert.strictEqual(run(aOnly.script, "", 0, { A: "198.51.100.7", AAAA: "2600:1f14::1" }).status, 1);
        assert.strictEqual(run(aaaa.script, "", 0, { A: "198.51.100.7", AAAA: "2600:1f14::1" }).status, 0);
        assert.strictEqual(run(aaaa.script, "", 0, { A: "198.51.100.7" }).status, 1);
    });

    it("refuses a check that cannot prove its family, and names that are not DNS names", () => {
        assert.throws(() => serviceAnswersCheck("ipv6", "sts.us-west-2.api.aws", "v4if0", "x"), /cannot be proven/);
        assert.throws(() => serviceAnswersCheck("ipv4", "h", { ipv6Cidr: "2001:db8::/56" }, "x"), /cannot be proven/);
        assert.throws(() => serviceAnswersCheck("ipv4", "a'b", "v4if0", "x"), /not a DNS name/);
    });

    it("each request is bounded: 3 tries of 10 s and two 3 s waits", () => {
        assert.deepStrictEqual(checkBudget(v4.script), { seconds: 36, digs: 0, curls: 1, sleepSeconds: 0 });
        assert.strictEqual(checkBudget(v6.script).seconds, 36);
    });

    it("declares the flows the checks prove, and the IPv6 boundary of the IPv4-only endpoint", () => {
        assert.deepStrictEqual(awsServiceFlows("c").map((f) => [f.to, f.family, f.port, f.expect]), [
            [{ kind: "aws-service", service: "ec2", dualStack: false }, "ipv4", 443, "allow"],
            [{ kind: "aws-service", service: "sts", dualStack: true }, "ipv6", 443, "allow"],
            [{ kind: "aws-service", service: "ec2", dualStack: false }, "ipv6", 443, "deny"],
        ]);
    });
});
