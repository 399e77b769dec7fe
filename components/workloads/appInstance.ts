import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../lib/errors";
import { isArm64 } from "../../lib/instanceTypes";

/** Amazon Linux 2023's latest AMI for the instance type's architecture, from the public SSM parameter. */
export function amazonLinux2023Ami(instanceType: string, opts?: pulumi.InvokeOutputOptions): pulumi.Output<string> {
    const arch = isArm64(instanceType) ? "arm64" : "x86_64";
    return aws.ssm.getParameterOutput({ name: `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${arch}` }, opts).value;
}

export interface AppInstanceArgs {
    ami: pulumi.Input<string>;
    instanceType: string;
    subnetId: pulumi.Input<string>;
    securityGroupIds: pulumi.Input<string>[];
    userData: pulumi.Input<string>;
    /**
     * Give the instance one IPv6 address (`ipv6AddressCount: 1`), assigned at launch from its
     * subnet's /64; it stays the instance's until the instance is terminated. Default false.
     *
     * `enablePrimaryIpv6` is deliberately not set: the provider does not apply it when it creates
     * the instance (terraform-provider-aws#41571), so every stack would show a change on the
     * second `pulumi up` (modelled in lib/aws/readBacks.ts). Targets are registered by IP
     * (`targetType: "ip"`), which needs no primary IPv6 address.
     */
    ipv6Address?: boolean;
    /**
     * The instance is in an IPv6-only subnet: instance metadata is reached at its IPv6 endpoint
     * `[fd00:ec2::254]`, which is off unless `httpProtocolIpv6` is `enabled` (EC2 user guide,
     * "Configure the instance metadata options"). Default false.
     */
    ipv6Only?: boolean;
}

/**
 * A demo app instance hardened the same way everywhere: IMDSv2 required with hop limit 1, no
 * public IPv4 address, an encrypted gp3 root volume, and replacement when its user data changes.
 */
export function appInstance(name: string, args: AppInstanceArgs, opts?: pulumi.CustomResourceOptions): aws.ec2.Instance {
    return new aws.ec2.Instance(name, {
        ami: args.ami,
        instanceType: args.instanceType,
        subnetId: args.subnetId,
        vpcSecurityGroupIds: args.securityGroupIds,
        associatePublicIpAddress: false,
        ...(args.ipv6Address ? { ipv6AddressCount: 1 } : {}),
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, ...(args.ipv6Only ? { httpProtocolIpv6: "enabled" } : {}) },
        rootBlockDevice: { volumeType: "gp3", volumeSize: 8, encrypted: true },
        userData: args.userData,
        userDataReplaceOnChange: true,
        tags: { Name: name },
    }, opts);
}

/** The instance count of an app spread over `subnetCount` subnets: 1 to 4 per subnet, else a ConfigError naming `key`. */
export function requireInstanceCount(key: string, count: number, subnetCount: number): number {
    const max = subnetCount * 4;
    if (!Number.isInteger(count) || count < 1 || count > max) {
        throw new ConfigError(key, count, `use 1 to ${max} instances`);
    }
    return count;
}
