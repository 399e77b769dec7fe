import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    EXTERNAL_DNS_NAMESPACE,
    ExternalDnsPolicy,
    externalDnsPolicyDocument,
    externalDnsTrustPolicy,
    externalDnsValues,
} from "../../lib/externalDns";
import type { EksCluster } from "./cluster";

export interface ExternalDnsArgs {
    /** The cluster ExternalDNS runs in; its OIDC provider backs the IRSA role. */
    cluster: EksCluster;
    /** The one Route 53 hosted zone ExternalDNS may write to. */
    zone: { id: pulumi.Input<string>; arn: pulumi.Input<string>; name: pulumi.Input<string> };
    /** AWS region (ExternalDNS cannot read it from IMDS: the nodes' hop limit is 1). */
    region: pulumi.Input<string>;
    /** txt registry owner ID, unique per ExternalDNS writing to the zone. */
    txtOwnerId: pulumi.Input<string>;
    /** `sync` (default) or `upsert-only`; see lib/externalDns.ts. */
    policy?: ExternalDnsPolicy;
    /** The Helm chart, pinned: version and repository URL. */
    chart: { version: string; repository: string };
    /** Resources to wait for (nodes and CoreDNS). */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
}

/**
 * ExternalDNS as a Helm release, under its own IRSA role whose policy can only change AAAA and
 * TXT records of one hosted zone. Pulumi waits for the release's Deployment to be ready.
 */
export class ExternalDns extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly release: k8s.helm.v3.Release;
    readonly namespace: string = EXTERNAL_DNS_NAMESPACE;

    constructor(name: string, args: ExternalDnsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ipv6-eks-interop:eks:ExternalDns", name, {}, opts);
        const parent = { parent: this };
        const cluster = args.cluster;

        const role = new aws.iam.Role(name, {
            description: "ExternalDNS: AAAA and TXT records of one private hosted zone",
            assumeRolePolicy: pulumi.all([cluster.oidcProviderArn, cluster.oidcIssuer]).apply(([arn, issuer]) => JSON.stringify(externalDnsTrustPolicy(arn, issuer))),
        }, parent);
        const policy = new aws.iam.Policy(name, {
            description: "ExternalDNS: change AAAA and TXT records of one private hosted zone",
            policy: pulumi.output(args.zone.arn).apply((arn) => JSON.stringify(externalDnsPolicyDocument(arn))),
        }, parent);
        const attachment = new aws.iam.RolePolicyAttachment(name, { role: role.name, policyArn: policy.arn }, parent);
        this.roleArn = role.arn;

        const k8sOpts = { parent: this, provider: cluster.provider };
        const ns = new k8s.core.v1.Namespace(`${name}-ns`, { metadata: { name: EXTERNAL_DNS_NAMESPACE } }, { ...k8sOpts, dependsOn: args.dependsOn });
        const values = pulumi.all([args.region, args.zone.id, args.zone.name, args.txtOwnerId, role.arn]).apply(([region, zoneId, zoneName, txtOwnerId, roleArn]) =>
            externalDnsValues({ region, zoneId, zoneName, txtOwnerId, roleArn, policy: args.policy }));
        this.release = new k8s.helm.v3.Release(name, {
            name: "external-dns",
            chart: "external-dns",
            version: args.chart.version,
            repositoryOpts: { repo: args.chart.repository },
            namespace: ns.metadata.name,
            values,
            // Roll back a failed install or upgrade instead of leaving it half-applied.
            atomic: true,
            timeout: 600,
        }, { ...k8sOpts, dependsOn: [ns, attachment] });
        this.registerOutputs({ roleArn: this.roleArn, releaseName: this.release.name });
    }
}
