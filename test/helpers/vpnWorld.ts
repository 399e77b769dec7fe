/**
 * A small synthetic Site-to-Site VPN world for the reachability tests, the shape of the
 * onprem-vpn-ipv4-egress scenario with readable IDs:
 *
 * - AWS side: VPC `aws` (10.10.0.0/16), subnet aws0 (10.10.0.0/24, us-west-2a) with the client
 *   instance (10.10.0.10, group sg-client), attached to transit gateway tgw-hub (attachment
 *   tgw-attach-aws, propagating 10.10.0.0/16 into tgw-rtb-hub); rtb-aws sends 10.50.0.0/16 to the gateway.
 * - The VPN: connection vpn-onprem (static routes, selectors local 10.50.0.0/16, remote 10.10.0.0/16),
 *   attachment tgw-attach-vpn, and the gateway's static route 10.50.0.0/16 -> tgw-attach-vpn.
 * - Simulated on-premises: VPC `onprem` (10.50.0.0/16), subnet op0 (10.50.0.0/24) with the
 *   appliance i-appliance (interface eni-appliance, source/destination check off, group sg-appl),
 *   subnet op1 (10.50.1.0/24) with the app instance (10.50.1.10, group sg-app); rtb-onprem sends
 *   10.10.0.0/16 to eni-appliance. The customer gateway cgw-onprem's address 198.51.100.7 is the
 *   appliance's Elastic IP (eipalloc-appliance, associated by allocation ID and instance ID).
 *
 * Flows: `client-to-app` (tcp/80, AWS -> on-premises) and `app-to-client` (tcp/80, the reverse).
 */
import { T } from "../../engine/reachability/model";
import { NetBuilder } from "./netFixture";

export const CLIENT_TO_APP = "client-to-app";
export const APP_TO_CLIENT = "app-to-client";

export function vpnWorld(): NetBuilder {
    const b = new NetBuilder();
    const aws = b.vpc("aws", "10.10.0.0/16");
    b.subnet("aws0", aws, "us-west-2a", "10.10.0.0/24");
    b.routeTable("aws", aws, ["subnet-aws0"]);
    const tgw = b.tgw("hub");
    b.tgwAttach("aws", tgw, aws, ["subnet-aws0"], false);
    b.route("aws-to-onprem", "rtb-aws", "10.50.0.0/16", { transitGatewayId: tgw });
    const cli = b.sg("client", aws);
    b.egress("client-out", cli, "all", "0.0.0.0/0");
    b.ingress("client-in-80", cli, 80, "10.50.0.0/16");
    b.instance("client", "subnet-aws0", [cli], "10.10.0.10");

    const op = b.vpc("onprem", "10.50.0.0/16");
    b.subnet("op0", op, "us-west-2a", "10.50.0.0/24");
    b.subnet("op1", op, "us-west-2a", "10.50.1.0/24");
    b.routeTable("onprem", op, ["subnet-op0", "subnet-op1"]);
    b.route("onprem-to-aws", "rtb-onprem", "10.10.0.0/16", { networkInterfaceId: "eni-appliance" });
    const appl = b.sg("appl", op);
    b.ingress("appl-in-80", appl, 80, "10.50.1.0/24");
    b.egress("appl-out-80", appl, 80, "10.50.1.0/24");
    b.add(T.instance, "appliance", { subnetId: "subnet-op0", vpcSecurityGroupIds: [appl], privateIp: "10.50.0.5", sourceDestCheck: false, primaryNetworkInterfaceId: "eni-appliance" }, { id: "i-appliance" });
    const app = b.sg("app", op);
    b.ingress("app-in-80", app, 80, "10.10.0.0/16");
    b.egress("app-out", app, "all", "0.0.0.0/0");
    b.instance("app", "subnet-op1", [app], "10.50.1.10");

    b.add(T.eip, "appliance-eip", { domain: "vpc", publicIp: "198.51.100.7" }, { id: "eipalloc-appliance" });
    b.add(T.eipAssoc, "appliance-eip-assoc", { allocationId: "eipalloc-appliance", instanceId: "i-appliance" }, { id: "eipassoc-appliance" });
    b.add(T.customerGateway, "cgw", { ipAddress: "198.51.100.7", bgpAsn: "65000", type: "ipsec.1" }, { id: "cgw-onprem" });
    b.add(T.vpnConnection, "vpn", {
        customerGatewayId: "cgw-onprem", transitGatewayId: tgw, transitGatewayAttachmentId: "tgw-attach-vpn", type: "ipsec.1",
        staticRoutesOnly: true, localIpv4NetworkCidr: "10.50.0.0/16", remoteIpv4NetworkCidr: "10.10.0.0/16",
    }, { id: "vpn-onprem" });
    b.add(T.tgwRoute, "hub-to-onprem", { transitGatewayRouteTableId: "tgw-rtb-hub", destinationCidrBlock: "10.50.0.0/16", transitGatewayAttachmentId: "tgw-attach-vpn" }, { id: "tgw-route-onprem" });

    b.flow({ name: CLIENT_TO_APP, from: { kind: "instance", instance: "client" }, to: { kind: "instance", instance: "app" }, family: "ipv4", port: 80, expect: "allow" });
    b.flow({ name: APP_TO_CLIENT, from: { kind: "instance", instance: "app" }, to: { kind: "instance", instance: "client" }, family: "ipv4", port: 80, expect: "allow" });
    return b;
}

/** The same world with the client in its own subnet aws1 (10.10.1.0/24, client 10.10.1.10), next to the attachment's subnet aws0. */
export function vpnWorldClientApart(): NetBuilder {
    const b = vpnWorld();
    b.subnet("aws1", "vpc-aws", "us-west-2a", "10.10.1.0/24");
    b.add(T.rtAssoc, "aws-assoc-1", { routeTableId: "rtb-aws", subnetId: "subnet-aws1" }, { id: "rtbassoc-aws-1" });
    b.set(T.instance, "client", "subnetId", "subnet-aws1").set(T.instance, "client", "privateIp", "10.10.1.10");
    return b;
}
