import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ScenarioRootArgs {
    /** AWS region of every resource. */
    region: string;
    /** Scenario name, stored in the `scenario` tag of every AWS resource. */
    scenario: string;
}

/**
 * The root of a scenario: every resource is its descendant and uses its AWS provider, whose
 * default tags mark each resource with the scenario, the stack and `managed-by: pulumi`.
 */
export class ScenarioRoot extends pulumi.ComponentResource {
    readonly awsProvider: aws.Provider;

    constructor(name: string, args: ScenarioRootArgs, opts?: pulumi.ComponentResourceOptions) {
        const provider = new aws.Provider(`${name}-aws`, {
            region: args.region as aws.Region,
            defaultTags: { tags: { scenario: args.scenario, stack: pulumi.getStack(), "managed-by": "pulumi" } },
        });
        super("ipv6-eks-interop:index:Scenario", name, {}, { ...opts, providers: { aws: provider } });
        this.awsProvider = provider;
        this.registerOutputs({});
    }
}
