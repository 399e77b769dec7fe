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
    userData: string;
    /** Give the instance one IPv6 address and make it primary (it is then a stable IP target). Default false. */
    primaryIpv6?: boolean;
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
        ...(args.primaryIpv6 ? { ipv6AddressCount: 1, enablePrimaryIpv6: true } : {}),
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
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
