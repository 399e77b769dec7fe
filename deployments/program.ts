/**
 * The deployments/ program: for every managed scenario stack, its Pulumi Deployments settings
 * (this repository and branch, dependency install, OIDC or ESC credentials), a time-to-live
 * that destroys it, a drift schedule, and, on one stack, the pull request review-stack template;
 * then one preventative policy group that enforces the published CrossGuard pack on those stacks.
 *
 * Resource arguments follow the @pulumi/pulumiservice 1.3.0 typings (DeploymentSettings,
 * TtlSchedule, DriftSchedule, PolicyGroup, Stack) and the Pulumi docs: Deployments settings and
 * review stacks (pulumi.com/docs/deployments/concepts/review-stacks/), OIDC
 * (.../deployments/guides/oidc/aws/), TTL (.../deployments/concepts/ttl/), policy groups
 * (.../discovery-governance/policy/policy-groups/).
 */
import * as pulumi from "@pulumi/pulumi";
import * as service from "@pulumi/pulumiservice";
import type { Settings } from "./settings";

/**
 * Shell lines Deployments runs before each operation (each line in its own shell), in the
 * repository root: install the locked dependencies of the program and of the policy pack (npm
 * workspaces), then let this runner reach the EKS API endpoints (engine/ciStacks.ts
 * allow-runner; a failure there must not block a TTL destroy, hence `||`).
 */
export const PRE_RUN_COMMANDS: readonly string[] = [
    "npm ci",
    `npx tsx engine/ciStacks.ts allow-runner "$(curl -fsS https://checkip.amazonaws.com)/32" || echo "allow-runner failed: the EKS API may not admit this runner"`,
];

/**
 * Environment of every deployment. A TTL or manual destroy runs on a runner whose address the
 * cluster's API does not admit (the previous runner's does); with this, the Kubernetes provider
 * drops the cluster's objects from the state instead of failing, and deleting the cluster deletes
 * them (pulumi-kubernetes#2489).
 */
export const ENVIRONMENT_VARIABLES: Readonly<Record<string, string>> = { PULUMI_K8S_DELETE_UNREACHABLE: "true" };

/** `now + hours`, rounded up to the next full hour (so re-running within the hour changes nothing), as `YYYY-MM-DDTHH:00:00Z`. */
export function ttlTimestamp(now: Date, hours: number): string {
    const hour = 3_600_000;
    const at = Math.ceil((now.getTime() + hours * hour) / hour) * hour;
    return new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The Deployment settings of one scenario stack. */
export function deploymentSettingsArgs(settings: Settings, stack: string): service.DeploymentSettingsArgs {
    // Review stacks copy the template's settings, so the template gets the review role.
    const template = settings.reviewStacks.enabled && stack === settings.reviewTemplate;
    const creds = settings.credentials;
    const roleArn = (c: { roleArn: string }) => (template && settings.reviewStacks.enabled ? settings.reviewStacks.roleArn : c.roleArn);
    return {
        organization: settings.organization,
        project: settings.project,
        stack,
        sourceContext: { git: { branch: `refs/heads/${settings.branch}` } },
        // `github` is marked deprecated in favour of `vcs` in 1.3.0, but it is the form the review
        // stack documentation uses and the provider still supports; vcs's provider values are not
        // documented in the typings.
        github: {
            repository: settings.repository,
            // Never deploy on push: every merge would build (and bill) every environment.
            deployCommits: false,
            previewPullRequests: settings.previewPullRequests,
            pullRequestTemplate: template,
        },
        operationContext: {
            preRunCommands: [...PRE_RUN_COMMANDS],
            environmentVariables: { ...ENVIRONMENT_VARIABLES },
            options: { skipInstallDependencies: true, skipIntermediateDeployments: true, deleteAfterDestroy: false },
            // With ESC, credentials come from the environment the stack's config file imports.
            ...("oidc" in creds ? { oidc: { aws: { roleARN: roleArn(creds.oidc), sessionName: creds.oidc.sessionName, duration: creds.oidc.duration } } } : {}),
        },
        cacheOptions: { enable: true },
    };
}

export interface DeploymentsOutputs {
    stacks: string[];
    reviewTemplate: string;
    destroyAt: string;
    driftCron: string;
    policyGroup?: pulumi.Output<string>;
}

/** Registers every resource; `now` fixes the TTL (tests pass a constant). */
export function configureDeployments(settings: Settings, opts: { now: Date }): DeploymentsOutputs {
    const destroyAt = ttlTimestamp(opts.now, settings.ttlHours);
    const stackResources: pulumi.Resource[] = [];
    for (const stack of settings.stacks) {
        const ids = { organization: settings.organization, project: settings.project, stack };
        const created = settings.createStacks
            ? new service.Stack(stack, { organizationName: settings.organization, projectName: settings.project, stackName: stack }, { retainOnDelete: true })
            : undefined;
        if (created) stackResources.push(created);
        const deploy = new service.DeploymentSettings(`${stack}-deployment-settings`, deploymentSettingsArgs(settings, stack), { dependsOn: created ? [created] : [] });
        new service.TtlSchedule(`${stack}-ttl`, { ...ids, timestamp: destroyAt, deleteAfterDestroy: false }, { dependsOn: [deploy] });
        new service.DriftSchedule(`${stack}-drift`, { ...ids, scheduleCron: settings.drift.cron, autoRemediate: settings.drift.autoRemediate }, { dependsOn: [deploy] });
    }
    let policyGroup: pulumi.Output<string> | undefined;
    if (settings.policy.enabled) {
        const group = new service.PolicyGroup(
            "policy-group",
            {
                name: `${settings.project}-scenarios`,
                organizationName: settings.organization,
                entityType: "stacks",
                mode: settings.policy.mode,
                policyPacks: [
                    {
                        name: settings.policy.pack,
                        ...(settings.policy.versionTag ? { versionTag: settings.policy.versionTag } : {}),
                        ...(settings.policyConfig ? { config: settings.policyConfig } : {}),
                    },
                ],
                stacks: settings.stacks.map((s) => ({ name: s, routingProject: settings.project })),
            },
            { dependsOn: stackResources },
        );
        policyGroup = group.name;
    }
    return { stacks: settings.stacks, reviewTemplate: settings.reviewTemplate, destroyAt, driftCron: settings.drift.cron, ...(policyGroup ? { policyGroup } : {}) };
}
