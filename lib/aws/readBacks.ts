/**
 * Known read-backs: inputs that the provider writes into the state with a value other than the
 * one the program set (on create, or on a later read by `pulumi refresh`, `up --refresh` or a
 * drift run). The update plan (`plan --from`) applies them to the old graph's inputs, so a program
 * that does not handle them shows the change the next `pulumi up` would make. One row per
 * read-back, each with its source.
 */

/** The part of a recorded resource a read-back looks at. */
export interface ReadBackResource {
    urn: string;
    type: string;
    id?: string;
    inputs: Record<string, any>;
    propertyDependencies?: Record<string, string[]>;
}

export interface ReadBack {
    type: string;
    /** The input property the provider writes. */
    property: string;
    /** When the provider writes it. */
    when: "create" | "refresh";
    /** The value in the state after the read, or undefined when this resource is not affected. */
    stateValue(resource: ReadBackResource, all: readonly ReadBackResource[]): { value: unknown } | undefined;
    /** What the next `pulumi up` does when the program does not handle it. */
    effect: string;
    /** How a program handles it. */
    fix: string;
    source: string;
}

const ASSOCIATION = "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation";

export const READ_BACKS: readonly ReadBack[] = [
    {
        type: "aws:ec2/vpc:Vpc",
        property: "assignGeneratedIpv6CidrBlock",
        when: "refresh",
        stateValue(vpc, all) {
            if (vpc.inputs.assignGeneratedIpv6CidrBlock === true) return undefined;
            const associated = all.some((r) =>
                r.type === ASSOCIATION &&
                r.inputs.assignGeneratedIpv6CidrBlock === true &&
                ((vpc.id !== undefined && r.inputs.vpcId === vpc.id) || (r.propertyDependencies?.vpcId ?? []).includes(vpc.urn)));
            return associated ? { value: true } : undefined;
        },
        effect: "the next update sets assignGeneratedIpv6CidrBlock back to false, which disassociates the Amazon-provided /56 (DisassociateVpcCidrBlock) that the association and the subnets use",
        fix: 'ignoreChanges: ["assignGeneratedIpv6CidrBlock"] on a VPC whose IPv6 block comes from a VpcIpv6CidrBlockAssociation (components/network/vpc.ts, association mode)',
        source: "terraform-provider-aws internal/service/ec2/vpc_.go: resourceVPCRead sets assign_generated_ipv6_cidr_block from defaultIPv6CIDRBlockAssociation, which falls back to the first associated IPv6 block of the VPC",
    },
    {
        type: "aws:ec2/instance:Instance",
        property: "enablePrimaryIpv6",
        when: "create",
        stateValue(instance) {
            return instance.inputs.enablePrimaryIpv6 === true ? { value: false } : undefined;
        },
        effect: "the primary IPv6 address is not enabled by the first pulumi up; every stack shows enablePrimaryIpv6 false -> true as an update on the next one",
        fix: "do not set enablePrimaryIpv6 at create (components/workloads/appInstance.ts registers IPv6 targets by IP, which needs no primary IPv6)",
        source: "terraform-provider-aws#41571 (enable_primary_ipv6 on aws_instance is not applied when the instance is created; a further apply is required)",
    },
];

/**
 * The state of each resource after its read-backs: a copy of its inputs with the provider's
 * values, and the read-backs that applied (by URN). Resources without read-backs keep their inputs.
 */
export function statesAfterReadBacks(resources: readonly ReadBackResource[]): Map<string, { inputs: Record<string, any>; applied: ReadBack[] }> {
    const out = new Map<string, { inputs: Record<string, any>; applied: ReadBack[] }>();
    for (const r of resources) {
        const applied: ReadBack[] = [];
        let inputs = r.inputs;
        for (const rb of READ_BACKS) {
            if (rb.type !== r.type) continue;
            const state = rb.stateValue(r, resources);
            if (!state) continue;
            if (inputs === r.inputs) inputs = { ...r.inputs };
            inputs[rb.property] = state.value;
            applied.push(rb);
        }
        out.set(r.urn, { inputs, applied });
    }
    return out;
}
