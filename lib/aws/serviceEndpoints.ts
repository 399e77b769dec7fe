/**
 * Public regional endpoint names of AWS services, by the IP families their DNS names answer: an
 * IPv4-only name has A records only, a dual-stack name A and AAAA records. The probes of the IPv6
 * clusters reach one of each (the article's "AWS services and IPv6": IPv4-only endpoints through
 * the VPC CNI's egress IPv4 layer, dual-stack ones over IPv6), and the flows name the same ones.
 *
 * A name is built from the stack's region and its partition's DNS suffixes. Every row says which
 * partitions AWS documents the name in, and where; a region of any other partition has no
 * documented name and is refused with the key, the value and the fix.
 */
import { ConfigError } from "../errors";
import { REGIONS } from "./regions";

/**
 * DNS suffixes per partition, as the AWS SDK for JavaScript's partition data states them
 * (`dnsSuffix`, `dualStackDnsSuffix` of @aws-sdk/core's util-endpoints partitions.js, the data
 * lib/aws/regions.data.ts comes from; test/lib/aws/serviceEndpoints.test.ts compares the two).
 * Only the partitions the rows below document are listed.
 */
export const PARTITION_DNS: Readonly<Record<string, { dnsSuffix: string; dualStackDnsSuffix: string }>> = {
    "aws": { dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws" },
    "aws-cn": { dnsSuffix: "amazonaws.com.cn", dualStackDnsSuffix: "api.amazonwebservices.com.cn" },
    "aws-us-gov": { dnsSuffix: "amazonaws.com", dualStackDnsSuffix: "api.aws" },
};

export type EndpointFamilies = "ipv4-only" | "dual-stack";

export interface ServiceEndpointRow {
    /** The service's endpoint prefix, as the flows' `aws-service` endpoints name it (`service`). */
    service: string;
    families: EndpointFamilies;
    /** The name: `{region}`, `{dnsSuffix}` and `{dualStackDnsSuffix}` are replaced. */
    pattern: string;
    /** Partitions in which AWS documents this name for every region. */
    partitions: readonly string[];
    /** The page that documents the name and its families. */
    source: string;
    /** What the source says, in our words. */
    fact: string;
}

export const SERVICE_ENDPOINTS: readonly ServiceEndpointRow[] = [
    {
        service: "ec2", families: "ipv4-only", pattern: "ec2.{region}.{dnsSuffix}", partitions: ["aws", "aws-cn", "aws-us-gov"],
        source: "https://docs.aws.amazon.com/ec2/latest/devguide/ec2-endpoints.html",
        fact: "Amazon EC2's default regional endpoint, service.region.amazonaws.com, supports IPv4 traffic only and exists in every Region; requests use it unless told otherwise",
    },
    {
        service: "ec2", families: "dual-stack", pattern: "ec2.{region}.{dualStackDnsSuffix}", partitions: [],
        source: "https://docs.aws.amazon.com/ec2/latest/devguide/ec2-endpoints.html",
        fact: "Amazon EC2's dual-stack endpoints are regional, ec2.region.api.aws, listed Region by Region (not every Region has one), so no partition is assumed here",
    },
    {
        service: "sts", families: "dual-stack", pattern: "sts.{region}.{dualStackDnsSuffix}", partitions: ["aws", "aws-cn", "aws-us-gov"],
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_dual-stack_endpoint_support.html",
        fact: "AWS STS has dual-stack regional endpoints by partition: sts.<region>.api.aws in the commercial and GovCloud (US) Regions, sts.<region>.api.amazonwebservices.com.cn in China; the global sts.amazonaws.com does not support IPv6 clients",
    },
    {
        service: "s3", families: "dual-stack", pattern: "s3.dualstack.{region}.{dnsSuffix}", partitions: ["aws", "aws-cn", "aws-us-gov"],
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/dual-stack-endpoints.html",
        fact: "Amazon S3 dual-stack endpoints are regional only: s3.dualstack.<region>.amazonaws.com (path style) and <bucket>.s3.dualstack.<region>.amazonaws.com",
    },
];

/** The documented row for a service and family, or undefined. */
export function endpointRow(service: string, families: EndpointFamilies): ServiceEndpointRow | undefined {
    return SERVICE_ENDPOINTS.find((r) => r.service === service && r.families === families);
}

/**
 * The endpoint name of `service` with `families` in `region`, or a ConfigError on `key` (the
 * region's config key) when AWS documents no such name there.
 */
export function serviceEndpointHost(service: string, families: EndpointFamilies, region: string, key = "aws:region"): string {
    const row = endpointRow(service, families);
    if (!row) {
        const known = SERVICE_ENDPOINTS.filter((r) => r.partitions.length > 0).map((r) => `${r.service} (${r.families})`).join(", ");
        throw new ConfigError(`${key} (${service} ${families} endpoint)`, service, `lib/aws/serviceEndpoints.ts documents no ${families} endpoint of ${service}; use one of ${known}, or add a row with its source`);
    }
    const partition = REGIONS.get(region)?.partition;
    if (!partition) throw new ConfigError(key, region, "not a region of lib/aws/regions.ts; use one such as us-west-2");
    const dns = PARTITION_DNS[partition];
    if (!row.partitions.includes(partition) || !dns) {
        const where = row.partitions.length > 0 ? `documented in the ${row.partitions.join(", ")} partitions only` : "documented Region by Region, not for a whole partition";
        throw new ConfigError(key, region, `${region} is in partition ${partition}, and the ${families} endpoint of ${service} is ${where} (${row.source}); pick a region of ${row.partitions.join(", ") || "a partition this table lists"}, or turn the probe's AWS-service checks off (probe.awsServices: false)`);
    }
    return row.pattern.replace("{region}", region).replace("{dnsSuffix}", dns.dnsSuffix).replace("{dualStackDnsSuffix}", dns.dualStackDnsSuffix);
}

/** The two endpoints the IPv6 clusters' probes reach: one IPv4-only (through v4if0), one dual-stack (over IPv6). */
export const PROBED_SERVICES = {
    ipv4Only: { service: "ec2", families: "ipv4-only" },
    dualStack: { service: "sts", families: "dual-stack" },
} as const;

/** The two probed endpoint names in `region`. */
export function probedServiceHosts(region: string): { ipv4Only: string; dualStack: string } {
    return {
        ipv4Only: serviceEndpointHost(PROBED_SERVICES.ipv4Only.service, PROBED_SERVICES.ipv4Only.families, region),
        dualStack: serviceEndpointHost(PROBED_SERVICES.dualStack.service, PROBED_SERVICES.dualStack.families, region),
    };
}
