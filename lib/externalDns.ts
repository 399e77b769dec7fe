/**
 * ExternalDNS publishing pod IPv6 addresses of a headless Service into a Route 53 private hosted
 * zone: the pinned chart, the IAM document scoped to that one zone and the Helm values. Pure
 * functions and facts, no resources.
 *
 * Sources (checked November 2026):
 * - Chart repository and versions: kubernetes-sigs/external-dns chart changelog
 *   (https://kubernetes-sigs.github.io/external-dns/latest/charts/external-dns/CHANGELOG/) and the
 *   Artifact Hub feed of `external-dns/external-dns`, whose newest entry is chart 1.21.1
 *   (published 2026-04-30); chart 1.20.0 moved the image to ExternalDNS v0.20.0 and the 1.21
 *   line ships v0.21.0. *(unsure: the appVersion of 1.21.1 comes from a secondary listing; the
 *   chart pins the image itself, so nothing here depends on it. Confirm with
 *   `helm show chart external-dns/external-dns --version 1.21.1`.)*
 * - Values keys (`provider.name`, `policy`, `registry`, `txtOwnerId`, `domainFilters`, `sources`,
 *   `managedRecordTypes` (chart 1.15.1+), `extraArgs`, `env`, `serviceAccount.annotations`,
 *   `interval`, `triggerLoopOnEvent`): the chart README; `provider: <name>` as a plain string is
 *   deprecated there in favour of `provider.name`.
 * - AAAA records for headless Services: kubernetes-sigs/external-dns#3600 (merged May 2023,
 *   first released in v0.13.5). Before that IPv6 pod addresses were skipped or published as A
 *   records (kubernetes-sigs/external-dns#3584). Recent versions need no flag for AAAA; the
 *   default managed record types already include AAAA, and we name it explicitly anyway.
 * - Headless Services publish the ready pod addresses of the Service's endpoints under the
 *   `external-dns.alpha.kubernetes.io/hostname` annotation, one record set holding every pod
 *   address (external-dns docs, "Service source" and the headless-services tutorial;
 *   kubernetes-sigs/external-dns#645). No `--publish-internal-services` is needed for them.
 * - IAM: ExternalDNS AWS tutorial: `route53:ChangeResourceRecordSets` on the hosted zone, and
 *   `route53:ListHostedZones`, `route53:ListResourceRecordSets`, `route53:ListTagsForResources`.
 *   ListHostedZones has no resource-level permissions (Service Authorization Reference, Amazon
 *   Route 53), so it alone gets `*`; the others take the zone ARN. The record-type condition key
 *   `route53:ChangeResourceRecordSetsRecordTypes` (Route 53 developer guide, "Using IAM policy
 *   conditions for fine-grained access control") limits changes to AAAA and the TXT ownership
 *   records of the txt registry.
 * - Event-driven sync, checked in the source at v0.21.0 (the appVersion of chart 1.21.1, read from
 *   the chart's Chart.yaml at tag external-dns-helm-chart-1.21.1): `triggerLoopOnEvent: true`
 *   renders `--events` (templates/deployment.yaml), which runs the loop on changes the sources
 *   report; the Service source reports only Service changes (source/service.go,
 *   `AddEventHandler`) unless `--listen-endpoint-events` is set, which adds the EndpointSlice
 *   informer (flag since v0.16.0; pkg/apis/externaldns/types.go). A pod becoming ready changes
 *   an EndpointSlice, not the Service: without the flag its AAAA record waited for the next
 *   `interval`. Event-triggered runs are batched: at most one per `--min-event-sync-interval`
 *   (default 5 s), and the first one 5 s after the event (controller/controller.go,
 *   `ScheduleRunOnce`).
 * - `--aws-zone-type=private` and `--zone-id-filter`: ExternalDNS AWS tutorial and flags
 *   reference. Private zones of the same name can exist for other VPCs in the account, so the
 *   zone ID filter, not the domain filter alone, pins ExternalDNS to our zone.
 */
import type { PolicyDocument } from "./iam";
import { irsaAssumeRolePolicy } from "./iam";

/** The chart, pinned. Override per stack in config (`externalDns.chart`). */
export const EXTERNAL_DNS_CHART = {
    repository: "https://kubernetes-sigs.github.io/external-dns/",
    name: "external-dns",
    version: "1.21.1",
    /** ExternalDNS version the chart's default image runs (see the header: unsure). */
    appVersion: "0.21.0",
} as const;

/** First ExternalDNS release that publishes AAAA records for headless Services (external-dns#3600). */
export const EXTERNAL_DNS_HEADLESS_AAAA_SINCE = "0.13.5";

/** Service annotations ExternalDNS reads. */
export const EXTERNAL_DNS_ANNOTATIONS = {
    hostname: "external-dns.alpha.kubernetes.io/hostname",
    ttl: "external-dns.alpha.kubernetes.io/ttl",
} as const;

/** The namespace and service account ExternalDNS runs as (the IRSA trust names them). */
export const EXTERNAL_DNS_NAMESPACE = "external-dns";
export const EXTERNAL_DNS_SERVICE_ACCOUNT = "external-dns";

/**
 * How long after the echo pods become ready their AAAA records can be answered in the VPC, each
 * part with its source: ExternalDNS's event batch (above, v0.21.0 `ScheduleRunOnce`: 5 s after
 * the EndpointSlice event), Route 53's propagation of a change to its resolvers (INSYNC within
 * 60 s, Route 53 developer guide, GetChange), and CoreDNS's negative cache for an NXDOMAIN asked
 * too early (EKS's Corefile: `cache 30`).
 */
export const DNS_PUBLISH_TIMING = {
    externalDnsEventBatchSeconds: 5,
    route53InSyncSeconds: 60,
    corednsNegativeCacheSeconds: 30,
} as const;

/** The least DNS wait a probe may have: every part of DNS_PUBLISH_TIMING, one after the other. */
export function dnsPublishBoundSeconds(t: typeof DNS_PUBLISH_TIMING = DNS_PUBLISH_TIMING): number {
    return t.externalDnsEventBatchSeconds + t.route53InSyncSeconds + t.corednsNegativeCacheSeconds;
}

/** Record types ExternalDNS may change: the pods' AAAA and the txt registry's ownership TXT. */
export const EXTERNAL_DNS_RECORD_TYPES = ["AAAA", "TXT"] as const;

/**
 * `sync` (the default here) deletes the records of pods and Services that are gone, so the
 * zone never hands out a dead pod address; `upsert-only` never deletes, which leaves stale pod
 * IPv6 addresses behind whenever the Service goes away. The txt registry with an owner ID keeps
 * sync from touching records it did not create.
 */
export type ExternalDnsPolicy = "sync" | "upsert-only";

/** The hosted zone ARN for a zone ID (`Z...`). Route 53 ARNs have no region or account. */
export function hostedZoneArn(zoneId: string, partition = "aws"): string {
    return `arn:${partition}:route53:::hostedzone/${zoneId.replace(/^\/?hostedzone\//, "")}`;
}

/** Least-privilege policy for ExternalDNS on one hosted zone. */
export function externalDnsPolicyDocument(zoneArn: string): PolicyDocument {
    if (!/^arn:[a-z-]+:route53:::hostedzone\/[A-Z0-9]+$/.test(zoneArn)) {
        throw new Error(`externalDnsPolicyDocument: "${zoneArn}" is not a hosted zone ARN (arn:aws:route53:::hostedzone/Z...)`);
    }
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ChangeRecordsInTheOneZone",
                Effect: "Allow",
                Action: "route53:ChangeResourceRecordSets",
                Resource: zoneArn,
                // ForAllValues is true when the request carries no record types at all; the Null guard
                // requires the key, so only requests that name their types, all of them allowed, pass
                // (IAM user guide, "Multivalued context keys": use ForAllValues with a Null check).
                Condition: {
                    "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": [...EXTERNAL_DNS_RECORD_TYPES] },
                    Null: { "route53:ChangeResourceRecordSetsRecordTypes": "false" },
                },
            },
            { Sid: "ReadTheOneZone", Effect: "Allow", Action: ["route53:ListResourceRecordSets", "route53:ListTagsForResources"], Resource: zoneArn },
            { Sid: "FindZones", Effect: "Allow", Action: "route53:ListHostedZones", Resource: "*" },
        ],
    };
}

/** IRSA trust policy for the ExternalDNS service account only. */
export function externalDnsTrustPolicy(oidcProviderArn: string, issuer: string): PolicyDocument {
    return irsaAssumeRolePolicy(oidcProviderArn, issuer, EXTERNAL_DNS_NAMESPACE, EXTERNAL_DNS_SERVICE_ACCOUNT);
}

export interface ExternalDnsValuesOptions {
    /** AWS region. Nodes' IMDS hop limit is 1, so the pod cannot ask IMDS; it gets AWS_REGION. */
    region: string;
    /** The private hosted zone's ID and name. */
    zoneId: string;
    zoneName: string;
    /** Owner ID of the txt registry: unique per ExternalDNS instance writing to the zone. */
    txtOwnerId: string;
    /** IRSA role ARN for the service account. */
    roleArn: string;
    /** Sync or upsert-only. Default sync. */
    policy?: ExternalDnsPolicy;
    /**
     * Reconcile interval. Default "1m": the fallback only, since Service and EndpointSlice changes
     * trigger a run within 5 s (`triggerLoopOnEvent` plus `--listen-endpoint-events`).
     */
    interval?: string;
}

/** Helm values for the kubernetes-sigs chart. */
export function externalDnsValues(o: ExternalDnsValuesOptions): Record<string, unknown> {
    return {
        provider: { name: "aws" },
        env: [{ name: "AWS_REGION", value: o.region }, { name: "AWS_DEFAULT_REGION", value: o.region }],
        serviceAccount: { create: true, name: EXTERNAL_DNS_SERVICE_ACCOUNT, annotations: { "eks.amazonaws.com/role-arn": o.roleArn } },
        sources: ["service"],
        policy: o.policy ?? "sync",
        registry: "txt",
        txtOwnerId: o.txtOwnerId,
        domainFilters: [o.zoneName],
        managedRecordTypes: ["AAAA"],
        // --listen-endpoint-events: a pod turning ready (an EndpointSlice change) triggers a run.
        extraArgs: ["--aws-zone-type=private", `--zone-id-filter=${o.zoneId}`, "--listen-endpoint-events"],
        interval: o.interval ?? "1m",
        triggerLoopOnEvent: true,
        resources: { requests: { cpu: "20m", memory: "64Mi" }, limits: { memory: "128Mi" } },
    };
}

/** A DNS zone name we accept: lower-case labels, at least two, no trailing dot. */
export function isZoneName(name: string): boolean {
    return name.length <= 253 && /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/.test(name);
}

/** A txt registry owner ID: what ExternalDNS writes into its TXT records. */
export function isTxtOwnerId(id: string): boolean {
    return /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(id);
}
