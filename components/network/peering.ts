import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertNoIpv4Overlap } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";
import type { IpFamily } from "../../lib/cidr";

/** One side of a peering. */
export interface PeeringSide {
    vpcId: pulumi.Input<string>;
    /** The side's IPv4 CIDR (known before deploy, so overlaps are refused early). */
    ipv4Cidr: string;
    /** The side's IPv6 /56, needed when `ipv6` routes are requested. */
    ipv6Cidr?: pulumi.Input<string>;
    /** Route tables on this side that get routes to the other side. */
    routeTableIds: pulumi.Input<string>[];
    /** Config key of this side's VPC, for messages. */
    configKey: string;
    /**
     * What must exist before IPv6 crosses the peering on this side: the VPC's IPv6 association
     * when it opted in with a separate `VpcIpv6CidrBlockAssociation` (`Vpc.ipv6Dependencies`).
     * The peering connection and every IPv6 route, on both sides, wait for it.
     */
    ipv6DependsOn?: pulumi.Resource[];
}

export interface VpcPeeringArgs {
    requester: PeeringSide;
    accepter: PeeringSide;
    /**
     * Which families get routes on both sides. `["ipv4"]` for IPv4 egress of IPv6 pods (figure 6),
     * `["ipv6"]` for IPv6-only peering routes (figure 7b), both for full dual-stack.
     */
    routes: IpFamily[];
}

/**
 * A same-account, same-region VPC peering connection (auto-accepted) with routes per family into
 * the chosen route tables on both sides. Refuses overlapping IPv4 CIDRs before creating anything:
 * AWS does not peer them even when only IPv6 routes are used (VPC peering guide, "Limitations").
 */
export class VpcPeering extends pulumi.ComponentResource {
    readonly peeringConnectionId: pulumi.Output<string>;
    readonly routes: aws.ec2.Route[] = [];

    constructor(name: string, args: VpcPeeringArgs, opts?: pulumi.ComponentResourceOptions) {
        assertNoIpv4Overlap([
            { key: `${args.requester.configKey}.cidr`, cidr: args.requester.ipv4Cidr },
            { key: `${args.accepter.configKey}.cidr`, cidr: args.accepter.ipv4Cidr },
        ]);
        if (args.routes.length === 0) {
            throw new ConfigError(`${name}.routes`, [], 'name at least one family to route: "ipv4", "ipv6" or both');
        }
        for (const side of [args.requester, args.accepter]) {
            if (args.routes.includes("ipv6") && side.ipv6Cidr === undefined) {
                throw new ConfigError(`${side.configKey}`, "IPv4-only", "IPv6 peering routes need both VPCs to be dual-stack");
            }
        }
        super("ipv6-eks-interop:network:VpcPeering", name, {}, opts);
        // A route in a table of an association-mode VPC names only the table, the peering and
        // the other side's block, none of which waits for this VPC's own IPv6 association.
        const ipv6Ready = args.routes.includes("ipv6") ? [...(args.requester.ipv6DependsOn ?? []), ...(args.accepter.ipv6DependsOn ?? [])] : [];
        const connection = new aws.ec2.VpcPeeringConnection(name, {
            vpcId: args.requester.vpcId,
            peerVpcId: args.accepter.vpcId,
            autoAccept: true,
            tags: { Name: name },
        }, { parent: this, dependsOn: ipv6Ready });
        this.peeringConnectionId = connection.id;

        const addRoutes = (label: string, from: PeeringSide, to: PeeringSide) => {
            from.routeTableIds.forEach((routeTableId, i) => {
                if (args.routes.includes("ipv4")) {
                    this.routes.push(new aws.ec2.Route(`${name}-${label}-${i}-ipv4`, { routeTableId, destinationCidrBlock: to.ipv4Cidr, vpcPeeringConnectionId: connection.id }, { parent: this }));
                }
                if (args.routes.includes("ipv6")) {
                    this.routes.push(new aws.ec2.Route(`${name}-${label}-${i}-ipv6`, { routeTableId, destinationIpv6CidrBlock: to.ipv6Cidr!, vpcPeeringConnectionId: connection.id }, { parent: this, dependsOn: ipv6Ready }));
                }
            });
        };
        addRoutes("requester", args.requester, args.accepter);
        addRoutes("accepter", args.accepter, args.requester);
        this.registerOutputs({ peeringConnectionId: this.peeringConnectionId });
    }
}
