import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { IpFamily } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";
import { lambdaVpcProbePolicy } from "../../lib/aws/serviceRoles";
import type { Vpc } from "../network/vpc";

/** The probe's code, shipped as index.js (Node.js built-ins only). */
export const PROBE_HANDLER_FILE = path.join(__dirname, "endpointProbe.handler.js");
/** Default runtime: Node.js 22 (supported through 2027 per the Lambda runtimes page). */
export const DEFAULT_PROBE_RUNTIME = "nodejs22.x";

export interface EndpointProbeArgs {
    /** The consumer VPC; the function runs in its private subnets. */
    vpc: Vpc;
    /** The name to resolve and connect to (the endpoint's DNS name). */
    host: pulumi.Input<string>;
    /** TCP port of the service. */
    port: number;
    /** HTTP path requested. Default `/hostname` (agnhost netexec answers with the pod name). */
    path?: string;
    /** Record types that must be present; the others must be absent. */
    expectRecords: ("A" | "AAAA")[];
    /** Families to make an HTTP request over. IPv6 needs a dual-stack VPC. */
    families: IpFamily[];
    /** Values that re-run the probe when they change (the endpoint ID, its DNS name...). */
    triggers: Record<string, pulumi.Input<string>>;
    /** Node.js runtime. Default nodejs22.x. */
    runtime?: string;
    /** Attempts before the probe gives up (targets may still be registering). Default 30 (about five minutes). */
    attempts?: number;
    /** Seconds between attempts. Default 10. */
    intervalSeconds?: number;
    /** Resources the invocation waits for (the endpoint, the target registration). */
    dependsOn?: pulumi.Input<pulumi.Resource>[];
    /** Config key of the probe settings, for messages. Default `probes`. */
    configKey?: string;
}

/**
 * A deploy-time probe from inside a consumer VPC: a small Lambda function (own role with the VPC
 * ENI actions of AWSLambdaVPCAccessExecutionRole and log actions on its own Pulumi-owned log
 * group only, lib/aws/serviceRoles.ts; own security group with egress to its VPC only) invoked
 * once by `aws.lambda.Invocation` during `pulumi up`. The Invocation is a synchronous
 * RequestResponse call; when the function throws, Lambda reports a function error and the
 * provider fails the resource, so `pulumi up` fails (terraform-provider-aws
 * internal/service/lambda/invocation.go: FunctionError -> error). Its `triggers` replace the
 * invocation, which runs it again, whenever the endpoint or the code changes.
 */
export class EndpointProbe extends pulumi.ComponentResource {
    readonly functionName: pulumi.Output<string>;
    readonly result: pulumi.Output<string>;

    constructor(name: string, args: EndpointProbeArgs, opts?: pulumi.ComponentResourceOptions) {
        const key = args.configKey ?? "probes";
        if (args.families.includes("ipv6") && !args.vpc.dualStack) {
            throw new ConfigError(`${key}`, args.families, "an IPv6 request needs a dual-stack consumer VPC; probe IPv4 only here");
        }
        const attempts = args.attempts ?? 30;
        const interval = args.intervalSeconds ?? 10;
        if (!Number.isInteger(attempts) || attempts < 1 || attempts * (interval + 10) > 840) {
            throw new ConfigError(`${key}.attempts`, attempts, `use 1 or more attempts that fit in Lambda's 900 s limit with ${interval} s between them (at most ${Math.floor(840 / (interval + 10))})`);
        }
        super("ipv6-eks-interop:workloads:EndpointProbe", name, {}, opts);
        const parent = { parent: this };
        const code = fs.readFileSync(PROBE_HANDLER_FILE, "utf8");

        // Pulumi owns the log group (7 days), created before the function so Lambda never creates
        // one behind Pulumi's back, and destroy leaves no logs behind.
        const physicalName = `${pulumi.getStack()}-${name}`.slice(0, 64);
        const logGroup = new aws.cloudwatch.LogGroup(`${name}-fn`, { name: `/aws/lambda/${physicalName}`, retentionInDays: 7 }, parent);

        const role = new aws.iam.Role(`${name}-fn`, {
            description: `PrivateLink probe ${name}: VPC access and its own logs only`,
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
        }, parent);
        const vpcAccess = new aws.iam.RolePolicy(`${name}-fn`, {
            role: role.id,
            policy: logGroup.arn.apply((arn) => JSON.stringify(lambdaVpcProbePolicy(arn))),
        }, parent);

        // Egress only inside the consumer VPC: the service port (the endpoint ENIs) and DNS to the
        // VPC resolver, in each family the VPC has. No ingress.
        const sg = new aws.ec2.SecurityGroup(`${name}-fn`, { vpcId: args.vpc.vpcId, description: `PrivateLink probe ${name}: egress inside its VPC only`, tags: { Name: `${name}-fn` } }, parent);
        const egress: { id: string; protocol: string; port: number; v4?: pulumi.Input<string>; v6?: pulumi.Input<string> }[] = [
            { id: "svc-v4", protocol: "tcp", port: args.port, v4: args.vpc.ipv4Cidr },
            { id: "dns-udp", protocol: "udp", port: 53, v4: args.vpc.ipv4Cidr },
            { id: "dns-tcp", protocol: "tcp", port: 53, v4: args.vpc.ipv4Cidr },
        ];
        if (args.vpc.ipv6Cidr) egress.push({ id: "svc-v6", protocol: "tcp", port: args.port, v6: args.vpc.ipv6Cidr });
        for (const e of egress) {
            new aws.vpc.SecurityGroupEgressRule(`${name}-fn-${e.id}`, {
                securityGroupId: sg.id,
                description: e.port === 53 ? "DNS to the VPC resolver" : "service port to the endpoint",
                ipProtocol: e.protocol,
                fromPort: e.port,
                toPort: e.port,
                cidrIpv4: e.v4,
                cidrIpv6: e.v6,
            }, parent);
        }

        const fn = new aws.lambda.Function(`${name}-fn`, {
            name: physicalName,
            description: `Deploy-time PrivateLink probe from ${name}`,
            role: role.arn,
            runtime: args.runtime ?? DEFAULT_PROBE_RUNTIME,
            handler: "index.handler",
            code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(code) }),
            timeout: 900,
            memorySize: 128,
            vpcConfig: {
                subnetIds: args.vpc.privateSubnetIds,
                securityGroupIds: [sg.id],
                // Lets the function use its IPv6 address in dual-stack subnets (Lambda guide, "IPv6 support").
                ipv6AllowedForDualStack: args.vpc.dualStack ? true : undefined,
            },
            loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
            tags: { Name: physicalName },
        }, { parent: this, dependsOn: [vpcAccess, logGroup] });

        const input = pulumi.output(args.host).apply((host) => JSON.stringify({
            host,
            port: args.port,
            path: args.path ?? "/hostname",
            expect: { A: args.expectRecords.includes("A"), AAAA: args.expectRecords.includes("AAAA") },
            families: args.families,
            attempts,
            intervalMs: interval * 1000,
            timeoutMs: 5000,
        }));
        const codeHash = crypto.createHash("sha256").update(code).digest("hex").slice(0, 16);
        const invocation = new aws.lambda.Invocation(`${name}-run`, {
            functionName: fn.name,
            input,
            triggers: { ...args.triggers, code: codeHash },
        }, { parent: this, dependsOn: args.dependsOn });
        this.functionName = fn.name;
        this.result = invocation.result;
        this.registerOutputs({ functionName: this.functionName, result: this.result });
    }
}
