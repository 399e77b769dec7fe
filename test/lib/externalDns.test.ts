import * as assert from "assert";
import { execFileSync } from "child_process";
import {
    EXTERNAL_DNS_CHART,
    externalDnsPolicyDocument,
    externalDnsTrustPolicy,
    externalDnsValues,
    hostedZoneArn,
    isTxtOwnerId,
    isZoneName,
} from "../../lib/externalDns";
import { allowedActions } from "../../lib/iam";
import { EXPAND_IPV6_SH, failsCheck, ipv6PrefixNibbles, renderProbeScript, retrying } from "../../lib/probes";

describe("lib/externalDns", () => {
    const zoneArn = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";

    it("builds hosted zone ARNs from IDs in either form", () => {
        assert.strictEqual(hostedZoneArn("Z0123456789ABCDEFGHIJ"), zoneArn);
        assert.strictEqual(hostedZoneArn("/hostedzone/Z0123456789ABCDEFGHIJ"), zoneArn);
        assert.strictEqual(hostedZoneArn("Z1", "aws-cn"), "arn:aws-cn:route53:::hostedzone/Z1");
    });
    it("scopes every action but ListHostedZones to the one zone, and changes to AAAA and TXT", () => {
        const doc = externalDnsPolicyDocument(zoneArn);
        assert.deepStrictEqual(allowedActions(doc).sort(), ["route53:ChangeResourceRecordSets", "route53:ListHostedZones", "route53:ListResourceRecordSets", "route53:ListTagsForResources"]);
        for (const s of doc.Statement) {
            const actions = ([] as string[]).concat(s.Action);
            assert.strictEqual(s.Resource, actions.includes("route53:ListHostedZones") ? "*" : zoneArn);
        }
        const change = doc.Statement.find((s) => s.Action === "route53:ChangeResourceRecordSets")!;
        assert.deepStrictEqual(change.Condition, {
            "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["AAAA", "TXT"] },
            // without it, a request with no record types at all would satisfy ForAllValues
            Null: { "route53:ChangeResourceRecordSetsRecordTypes": "false" },
        });
    });
    it("refuses anything but a hosted zone ARN (a wildcard would open every zone)", () => {
        for (const bad of ["*", "arn:aws:route53:::hostedzone/*", "Z0123", "arn:aws:route53:::change/C1", ""]) {
            assert.throws(() => externalDnsPolicyDocument(bad), /is not a hosted zone ARN/, bad);
        }
    });
    it("trusts only the external-dns service account of the cluster's OIDC provider", () => {
        const doc = externalDnsTrustPolicy("arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC", "https://oidc.eks.us-west-2.amazonaws.com/id/ABC");
        assert.deepStrictEqual(doc.Statement[0].Condition!.StringEquals, {
            "oidc.eks.us-west-2.amazonaws.com/id/ABC:sub": "system:serviceaccount:external-dns:external-dns",
            "oidc.eks.us-west-2.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
        });
    });
    it("renders chart values: aws provider, sync by default, txt registry, private zone by ID, region from env", () => {
        const v = externalDnsValues({ region: "eu-west-1", zoneId: "Z1", zoneName: "pods.example.internal", txtOwnerId: "owner-1", roleArn: "arn:aws:iam::1:role/r" }) as any;
        assert.deepStrictEqual(v.provider, { name: "aws" });
        assert.strictEqual(v.policy, "sync");
        assert.strictEqual(v.registry, "txt");
        assert.strictEqual(v.txtOwnerId, "owner-1");
        assert.deepStrictEqual(v.domainFilters, ["pods.example.internal"]);
        assert.deepStrictEqual(v.sources, ["service"]);
        assert.deepStrictEqual(v.managedRecordTypes, ["AAAA"]);
        assert.deepStrictEqual(v.extraArgs, ["--aws-zone-type=private", "--zone-id-filter=Z1", "--listen-endpoint-events"]);
        // --events alone only reacts to Service changes; readiness changes an EndpointSlice.
        assert.strictEqual(v.triggerLoopOnEvent, true);
        assert.deepStrictEqual(v.env.find((e: any) => e.name === "AWS_REGION"), { name: "AWS_REGION", value: "eu-west-1" });
        assert.strictEqual(v.serviceAccount.annotations["eks.amazonaws.com/role-arn"], "arn:aws:iam::1:role/r");
        assert.strictEqual(externalDnsValues({ region: "r", zoneId: "Z", zoneName: "a.b", txtOwnerId: "o", roleArn: "x", policy: "upsert-only" }).policy, "upsert-only");
    });
    it("pins an exact chart version from the kubernetes-sigs repository", () => {
        assert.match(EXTERNAL_DNS_CHART.version, /^\d+\.\d+\.\d+$/);
        assert.strictEqual(EXTERNAL_DNS_CHART.repository, "https://kubernetes-sigs.github.io/external-dns/");
    });
    it("validates zone names and txt owner IDs", () => {
        for (const ok of ["pods.ipv6-interop.internal", "a.b", "x1.example.com"]) assert.ok(isZoneName(ok), ok);
        for (const bad of ["internal", "pods.example.internal.", "Pods.example.internal", "-a.b", "a-.b", "a..b", ""]) assert.ok(!isZoneName(bad), bad);
        for (const ok of ["ipv4-pod-to-ipv6-pod-ipv6-cluster", "a", "a1"]) assert.ok(isTxtOwnerId(ok), ok);
        for (const bad of ["-a", "a-", "A", "a_b", "x".repeat(64)]) assert.ok(!isTxtOwnerId(bad), bad);
    });
});

describe("lib/probes: retries, negation and IPv6 prefixes (under sh)", () => {
    const sh = (script: string, env: Record<string, string> = {}) => {
        try {
            return { code: 0, out: execFileSync("sh", ["-c", script], { env: { ...process.env, ...env }, stdio: "pipe" }).toString() };
        } catch (e) {
            return { code: (e as { status: number }).status, out: String((e as { stdout: Buffer }).stdout) };
        }
    };
    it("retries a failing check until it passes, within the bound", () => {
        const dir = execFileSync("mktemp", ["-d"]).toString().trim();
        // Passes on the second run.
        const flaky = { name: "flaky", script: `echo x >> ${dir}/runs; test "$(wc -l < ${dir}/runs)" -ge 2` };
        assert.strictEqual(sh(renderProbeScript([retrying(flaky, 2, 1)])).code, 0);
        execFileSync("rm", ["-f", `${dir}/runs`]);
        const r = sh(renderProbeScript([retrying(flaky, 1, 1)]));
        assert.strictEqual(r.code, 1, "gives up after 1 attempt");
        assert.strictEqual(execFileSync("sh", ["-c", `wc -l < ${dir}/runs`]).toString().trim(), "1");
        execFileSync("rm", ["-rf", dir]);
    });
    it("refuses unbounded or silly retry settings", () => {
        assert.throws(() => retrying({ name: "x", script: "true" }, 0, 1), /attempts/);
        assert.throws(() => retrying({ name: "x", script: "true" }, 101, 1), /attempts/);
        assert.throws(() => retrying({ name: "x", script: "true" }, 3, 0), /intervalSeconds/);
        assert.throws(() => retrying({ name: "x", script: "true" }, 3, 1, -1), /initialDelaySeconds/);
        assert.match(retrying({ name: "x", script: "true" }, 3, 1, 5).script, /^sleep 5; n=0; until/);
        assert.doesNotMatch(retrying({ name: "x", script: "true" }, 3, 1).script, /^sleep/);
    });
    it("a negated check passes exactly when the check fails", () => {
        assert.strictEqual(sh(renderProbeScript([failsCheck({ name: "x", script: "false" }, "why")])).code, 0);
        assert.strictEqual(sh(renderProbeScript([failsCheck({ name: "x", script: "true" }, "why")])).code, 1);
    });
    it("expands IPv6 addresses in sh the way the library does", () => {
        const table: [string, string][] = [
            ["2001:db8:0:1a3::a", "20010db8000001a3000000000000000a"],
            ["::1", "00000000000000000000000000000001"],
            ["::", "00000000000000000000000000000000"],
            ["2001:DB8::", "20010db8000000000000000000000000"],
            ["fd00::ac:2", "fd000000000000000000000000ac0002"],
            ["2600:1f14:abc:de12:1:2:3:4", "26001f140abcde120001000200030004"],
        ];
        for (const [address, expanded] of table) {
            assert.strictEqual(sh(`${EXPAND_IPV6_SH}; expand6 "$A"`, { A: address }).out.trim(), expanded, address);
        }
    });
    it("gives the leading hex digits of an IPv6 prefix", () => {
        assert.strictEqual(ipv6PrefixNibbles("2001:db8:0:100::/56"), "20010db8000001");
        assert.strictEqual(ipv6PrefixNibbles("2600:1f14:abc:de00::/56"), "26001f140abcde");
        assert.strictEqual(ipv6PrefixNibbles("2001:db8:0:110::/64"), "20010db800000110");
        assert.throws(() => ipv6PrefixNibbles("2001:db8::/57"), /multiple of 4/);
        assert.throws(() => ipv6PrefixNibbles("10.0.0.0/16"), /not an IPv6 CIDR/);
    });
});
