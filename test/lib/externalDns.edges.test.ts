import * as assert from "assert";
import {
    DNS_PUBLISH_TIMING,
    EXTERNAL_DNS_RECORD_TYPES,
    dnsPublishBoundSeconds,
    externalDnsPolicyDocument,
    externalDnsValues,
    hostedZoneArn,
    isZoneName,
} from "../../lib/externalDns";

// ExternalDNS's whole IAM document and Helm values, the zone-ID forms Route 53 returns, the DNS
// wait bound and the length limit of a zone name.

const ZONE = "arn:aws:route53:::hostedzone/Z0123456789ABC";

describe("lib/externalDns: whole documents and boundaries", () => {
    it("the DNS wait bound is the sum of its parts, for the defaults and for other figures", () => {
        assert.strictEqual(dnsPublishBoundSeconds(), 95);
        assert.strictEqual(dnsPublishBoundSeconds(DNS_PUBLISH_TIMING), 5 + 60 + 30);
        assert.strictEqual(dnsPublishBoundSeconds({ externalDnsEventBatchSeconds: 1, route53InSyncSeconds: 10, corednsNegativeCacheSeconds: 100 } as unknown as typeof DNS_PUBLISH_TIMING), 111);
    });

    it("a zone ID in the forms Route 53 returns: bare, hostedzone/..., /hostedzone/...; another partition", () => {
        assert.strictEqual(hostedZoneArn("Z1"), "arn:aws:route53:::hostedzone/Z1");
        assert.strictEqual(hostedZoneArn("hostedzone/Z1"), "arn:aws:route53:::hostedzone/Z1");
        assert.strictEqual(hostedZoneArn("/hostedzone/Z1"), "arn:aws:route53:::hostedzone/Z1");
        assert.strictEqual(hostedZoneArn("Z1", "aws-cn"), "arn:aws-cn:route53:::hostedzone/Z1");
        assert.strictEqual(hostedZoneArn("Z1/hostedzone/Z2"), "arn:aws:route53:::hostedzone/Z1/hostedzone/Z2", "only a leading prefix is removed");
    });

    it("the policy document, whole: changes of AAAA and TXT only in the one zone, reads in the zone, zone listing on *", () => {
        assert.deepStrictEqual(EXTERNAL_DNS_RECORD_TYPES, ["AAAA", "TXT"]);
        assert.deepStrictEqual(externalDnsPolicyDocument(ZONE), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ChangeRecordsInTheOneZone",
                    Effect: "Allow",
                    Action: "route53:ChangeResourceRecordSets",
                    Resource: ZONE,
                    Condition: {
                        "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["AAAA", "TXT"] },
                        Null: { "route53:ChangeResourceRecordSetsRecordTypes": "false" },
                    },
                },
                { Sid: "ReadTheOneZone", Effect: "Allow", Action: ["route53:ListResourceRecordSets", "route53:ListTagsForResources"], Resource: ZONE },
                { Sid: "FindZones", Effect: "Allow", Action: "route53:ListHostedZones", Resource: "*" },
            ],
        });
    });

    it("refuses a zone ARN with anything before or after it, with the message", () => {
        assert.doesNotThrow(() => externalDnsPolicyDocument("arn:aws-us-gov:route53:::hostedzone/Z9"));
        for (const bad of [`x${ZONE}`, `${ZONE}/x`, `${ZONE}*`, "arn:aws:route53:::hostedzone/*", "arn:aws:route53:::hostedzone/z1"]) {
            assert.throws(() => externalDnsPolicyDocument(bad), { message: `externalDnsPolicyDocument: "${bad}" is not a hosted zone ARN (arn:aws:route53:::hostedzone/Z...)` }, bad);
        }
    });

    it("the Helm values, whole, with their defaults", () => {
        assert.deepStrictEqual(externalDnsValues({ region: "us-west-2", zoneId: "Z1", zoneName: "svc.internal", txtOwnerId: "owner-1", roleArn: "arn:aws:iam::123456789012:role/edns" }), {
            provider: { name: "aws" },
            env: [{ name: "AWS_REGION", value: "us-west-2" }, { name: "AWS_DEFAULT_REGION", value: "us-west-2" }],
            serviceAccount: { create: true, name: "external-dns", annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/edns" } },
            sources: ["service"],
            policy: "sync",
            registry: "txt",
            txtOwnerId: "owner-1",
            domainFilters: ["svc.internal"],
            managedRecordTypes: ["AAAA"],
            extraArgs: ["--aws-zone-type=private", "--zone-id-filter=Z1", "--listen-endpoint-events"],
            interval: "1m",
            triggerLoopOnEvent: true,
            resources: { requests: { cpu: "20m", memory: "64Mi" }, limits: { memory: "128Mi" } },
        });
    });

    it("the policy and interval given are kept", () => {
        const v = externalDnsValues({ region: "r", zoneId: "Z", zoneName: "a.b", txtOwnerId: "o", roleArn: "a", policy: "upsert-only", interval: "5m" });
        assert.strictEqual(v.policy, "upsert-only");
        assert.strictEqual(v.interval, "5m");
    });

    it("a zone name of 253 characters is accepted, 254 is not", () => {
        const name = (last: number) => ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(last)].join(".");
        assert.strictEqual(name(61).length, 253);
        assert.strictEqual(isZoneName(name(61)), true);
        assert.strictEqual(isZoneName(name(62)), false);
    });
});
