/**
 * A small builder of synthetic resource graphs for the reachability tests: the same resource
 * types and property names the offline engine records, with readable IDs (`vpc-a`, `subnet-a0`...)
 * so assertions can name the hop that drops a flow.
 */
import type { Graph, GraphResource } from "../../engine/graph";
import type { FlowIntent } from "../../lib/intent";
import { T } from "../../engine/reachability/model";

type Props = Record<string, any>;

export class NetBuilder {
    readonly resources: GraphResource[] = [];
    readonly intent: FlowIntent[] = [];

    urn(type: string, name: string): string {
        return `urn:pulumi:synthetic::net::${type}::${name}`;
    }

    add(type: string, name: string, props: Props, opts: { id?: string; parent?: string; custom?: boolean; provider?: string } = {}): GraphResource {
        const id = opts.custom === false ? undefined : opts.id ?? name;
        const r: GraphResource = {
            urn: this.urn(type, name), type, name, parent: opts.parent, dependencies: [], id, custom: opts.custom ?? true, provider: opts.provider,
            inputs: { ...props }, outputs: id ? { ...props, id } : { ...props },
        };
        this.resources.push(r);
        return r;
    }

    vpc(name: string, cidr: string, ipv6?: string): string {
        const id = `vpc-${name}`;
        this.add(T.vpc, name, { cidrBlock: cidr, ipv6CidrBlock: ipv6 ?? "", mainRouteTableId: `rtb-${name}-main` }, { id });
        return id;
    }

    subnet(name: string, vpcId: string, az: string, cidr?: string, ipv6?: string, extra: Props = {}): string {
        const id = `subnet-${name}`;
        this.add(T.subnet, name, { vpcId, availabilityZone: az, cidrBlock: cidr, ipv6CidrBlock: ipv6, assignIpv6AddressOnCreation: !!ipv6, enableDns64: false, ...extra }, { id });
        return id;
    }

    routeTable(name: string, vpcId: string, subnetIds: string[]): string {
        const id = `rtb-${name}`;
        this.add(T.routeTable, name, { vpcId }, { id });
        subnetIds.forEach((s, i) => this.add(T.rtAssoc, `${name}-assoc-${i}`, { routeTableId: id, subnetId: s }, { id: `rtbassoc-${name}-${i}` }));
        return id;
    }

    /** A route; `target` is one of the provider's target arguments, for example `{ vpcPeeringConnectionId: "pcx-ab" }`. */
    route(name: string, routeTableId: string, dest: string, target: Props): string {
        const key = dest.includes(":") ? "destinationIpv6CidrBlock" : "destinationCidrBlock";
        return this.add(T.route, name, { routeTableId, [key]: dest, ...target }, { id: `r-${name}` }).id!;
    }

    peering(name: string, vpcId: string, peerVpcId: string, active = true): string {
        return this.add(T.peering, name, { vpcId, peerVpcId, autoAccept: active, acceptStatus: active ? "active" : "pending-acceptance" }, { id: `pcx-${name}` }).id!;
    }

    sg(name: string, vpcId: string): string {
        return this.add(T.securityGroup, name, { vpcId }, { id: `sg-${name}` }).id!;
    }

    /** An ingress rule: `from` is a CIDR or a security group ID. */
    ingress(name: string, sgId: string, port: number | "all", from: string): void {
        this.add(T.sgIngress, name, { securityGroupId: sgId, ...this.rule(port, from) }, { id: `sgr-${name}` });
    }

    egress(name: string, sgId: string, port: number | "all", to: string): void {
        this.add(T.sgEgress, name, { securityGroupId: sgId, ...this.rule(port, to) }, { id: `sgr-${name}` });
    }

    private rule(port: number | "all", peer: string): Props {
        const ports = port === "all" ? { ipProtocol: "-1" } : { ipProtocol: "tcp", fromPort: port, toPort: port };
        const p = peer.startsWith("sg-") ? { referencedSecurityGroupId: peer } : peer.includes(":") ? { cidrIpv6: peer } : { cidrIpv4: peer };
        return { ...ports, ...p };
    }

    instance(name: string, subnetId: string, sgs: string[], privateIp: string, ipv6?: string): string {
        return this.add(T.instance, name, { subnetId, vpcSecurityGroupIds: sgs, privateIp, ipv6Addresses: ipv6 ? [ipv6] : [] }, { id: `i-${name}` }).id!;
    }

    nlb(name: string, subnets: string[], opts: { ipAddressType?: string; sgs?: string[]; crossZone?: boolean } = {}): string {
        const arn = `arn:nlb/${name}`;
        this.add(T.lb, name, { loadBalancerType: "network", internal: true, ipAddressType: opts.ipAddressType ?? "ipv4", subnets, securityGroups: opts.sgs ?? [], enableCrossZoneLoadBalancing: opts.crossZone ?? true, arn }, { id: arn });
        return arn;
    }

    targetGroup(name: string, opts: { family?: "ipv4" | "ipv6"; targetType?: string; port: number }): string {
        const arn = `arn:tg/${name}`;
        this.add(T.targetGroup, name, { ipAddressType: opts.family ?? "ipv4", targetType: opts.targetType ?? "instance", port: opts.port, protocol: "TCP", arn }, { id: arn });
        return arn;
    }

    listener(name: string, nlbArn: string, port: number, tgArn: string): void {
        this.add(T.listener, name, { loadBalancerArn: nlbArn, port, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: tgArn }] }, { id: `arn:listener/${name}` });
    }

    attach(name: string, tgArn: string, targetId: string, port: number): void {
        this.add(T.tgAttachment, name, { targetGroupArn: tgArn, targetId, port });
    }

    /**
     * An EKS cluster as the repository's component records it: the component, the remote
     * `eks:index:Cluster`, the vpc-cni add-on, a launch template with the node groups, a node group
     * and the Kubernetes provider (whose resources, such as TargetGroupBindings, belong to the cluster).
     */
    cluster(name: string, opts: { ipFamily: "ipv4" | "ipv6"; subnets: string[]; sgs: string[]; cni?: Props }): { providerRef: string } {
        const comp = this.add(T.repoEksCluster, name, {}, { custom: false });
        this.add(T.eksComponent, name, { ipFamily: opts.ipFamily, clusterSecurityGroupId: `sg-${name}-cluster` }, { custom: false, parent: comp.urn });
        this.add(T.addon, `${name}-vpc-cni`, { addonName: "vpc-cni", configurationValues: opts.cni ? JSON.stringify(opts.cni) : undefined }, { parent: comp.urn });
        // Like components/eks/cluster.ts: nodes carry the EKS cluster security group and the given ones.
        const lt = this.add(T.launchTemplate, `${name}-nodes`, { vpcSecurityGroupIds: [`sg-${name}-cluster`, ...opts.sgs] }, { id: `lt-${name}`, parent: comp.urn });
        this.add(T.nodeGroup, `${name}-nodes`, { subnetIds: opts.subnets, launchTemplate: { id: lt.id, version: "1" } }, { parent: comp.urn });
        const provider = this.add(T.k8sProvider, `${name}-k8s`, {}, { id: `prov-${name}`, parent: comp.urn });
        return { providerRef: `${provider.urn}::${provider.id}` };
    }

    targetGroupBinding(name: string, providerRef: string, tgArn: string, service: string, port: number): void {
        this.add(T.tgBinding, name, { spec: { targetGroupARN: tgArn, targetType: "ip", serviceRef: { name: service, port } } }, { id: `default/${name}`, provider: providerRef });
    }

    tgw(name: string, opts: Props = {}): string {
        const id = `tgw-${name}`;
        this.add(T.tgw, name, { defaultRouteTableAssociation: "enable", defaultRouteTablePropagation: "enable", associationDefaultRouteTableId: `tgw-rtb-${name}`, propagationDefaultRouteTableId: `tgw-rtb-${name}`, ...opts }, { id });
        return id;
    }

    tgwAttach(name: string, tgwId: string, vpcId: string, subnetIds: string[], ipv6: boolean, extra: Props = {}): string {
        return this.add(T.tgwAttachment, name, { transitGatewayId: tgwId, vpcId, subnetIds, ipv6Support: ipv6 ? "enable" : "disable", ...extra }, { id: `tgw-attach-${name}` }).id!;
    }

    endpointService(name: string, nlbArn: string, types: string[]): string {
        const serviceName = `com.amazonaws.vpce.us-west-2.vpce-svc-${name}`;
        this.add(T.endpointService, name, { networkLoadBalancerArns: [nlbArn], supportedIpAddressTypes: types, acceptanceRequired: false, serviceName }, { id: `vpce-svc-${name}` });
        return serviceName;
    }

    endpoint(name: string, serviceName: string, vpcId: string, subnetIds: string[], sgs: string[], ipAddressType: string, dnsRecordIpType?: string): void {
        this.add(T.endpoint, name, { vpcEndpointType: "Interface", serviceName, vpcId, subnetIds, securityGroupIds: sgs, ipAddressType, dnsOptions: dnsRecordIpType ? { dnsRecordIpType } : undefined, state: "available" }, { id: `vpce-${name}` });
    }

    lambda(name: string, subnetIds: string[], sgs: string[], ipv6: boolean): void {
        this.add(T.lambda, name, { vpcConfig: { subnetIds, securityGroupIds: sgs, ipv6AllowedForDualStack: ipv6 } }, { id: name });
    }

    flow(f: Omit<FlowIntent, "name"> & { name?: string }): this {
        this.intent.push({ name: f.name ?? `flow ${this.intent.length}`, ...f } as FlowIntent);
        return this;
    }

    graph(): Graph {
        return { offlineModel: true, project: "net", stack: "synthetic", scenario: "synthetic", region: "us-west-2", resources: this.resources, outputs: {}, intent: this.intent };
    }

    /** Removes every resource of this type and name (a mutation). */
    remove(type: string, name: string): this {
        const i = this.resources.findIndex((r) => r.type === type && r.name === name);
        if (i < 0) throw new Error(`no ${type} named ${name}`);
        this.resources.splice(i, 1);
        return this;
    }

    /** Sets a property on inputs and outputs of one resource (a mutation). */
    set(type: string, name: string, key: string, value: unknown): this {
        const r = this.resources.find((x) => x.type === type && x.name === name);
        if (!r) throw new Error(`no ${type} named ${name}`);
        r.inputs[key] = value;
        r.outputs[key] = value;
        return this;
    }
}

/**
 * A transit gateway with two dual-stack spokes X and Y, one attachment subnet per AZ, routes of
 * both families; a Lambda client in X (in `clientSubnets`) and a dual-stack server in Y.
 */
export function tgwHub(clientSubnets: string[]): NetBuilder {
    const b = new NetBuilder();
    const x = b.vpc("x", "10.10.0.0/16", "2001:db8:0:a00::/56");
    const y = b.vpc("y", "10.20.0.0/16", "2001:db8:0:b00::/56");
    b.subnet("x0", x, "us-west-2a", "10.10.0.0/24", "2001:db8:0:a00::/64");
    b.subnet("x1", x, "us-west-2b", "10.10.1.0/24", "2001:db8:0:a01::/64");
    b.subnet("y0", y, "us-west-2a", "10.20.0.0/24", "2001:db8:0:b00::/64");
    b.subnet("y1", y, "us-west-2b", "10.20.1.0/24", "2001:db8:0:b01::/64");
    b.routeTable("x", x, ["subnet-x0", "subnet-x1"]);
    b.routeTable("y", y, ["subnet-y0", "subnet-y1"]);
    const tgw = b.tgw("hub");
    b.tgwAttach("x", tgw, x, ["subnet-x0", "subnet-x1"], true);
    b.tgwAttach("y", tgw, y, ["subnet-y0", "subnet-y1"], true);
    b.route("x-y-v4", "rtb-x", "10.20.0.0/16", { transitGatewayId: tgw });
    b.route("x-y-v6", "rtb-x", "2001:db8:0:b00::/56", { transitGatewayId: tgw });
    b.route("y-x-v4", "rtb-y", "10.10.0.0/16", { transitGatewayId: tgw });
    b.route("y-x-v6", "rtb-y", "2001:db8:0:a00::/56", { transitGatewayId: tgw });
    const fsg = b.sg("fn", x);
    b.egress("fn-v4", fsg, 443, "10.20.0.0/16");
    b.egress("fn-v6", fsg, 443, "2001:db8:0:b00::/56");
    b.lambda("client", clientSubnets, [fsg], true);
    const ssg = b.sg("srv", y);
    b.ingress("srv-v4", ssg, 443, "10.10.0.0/16");
    b.ingress("srv-v6", ssg, 443, "2001:db8:0:a00::/56");
    b.instance("server", "subnet-y1", [ssg], "10.20.1.10", "2001:db8:0:b01::a");
    return b;
}

/**
 * One dual-stack VPC `a` (10.1.0.0/16, 2001:db8:1::/56) with subnets a0 (us-west-2a) and a1
 * (us-west-2b) behind one route table, and a client security group `cli` that may send anything
 * anywhere. Callers add the client and the server they are about.
 */
export function clientLan(): { b: NetBuilder; vpc: string; cli: string } {
    const b = new NetBuilder();
    const vpc = b.vpc("a", "10.1.0.0/16", "2001:db8:1::/56");
    b.subnet("a0", vpc, "us-west-2a", "10.1.0.0/24", "2001:db8:1:0::/64");
    b.subnet("a1", vpc, "us-west-2b", "10.1.1.0/24", "2001:db8:1:1::/64");
    b.routeTable("a", vpc, ["subnet-a0", "subnet-a1"]);
    const cli = b.sg("cli", vpc);
    b.egress("cli-out-v4", cli, "all", "0.0.0.0/0");
    b.egress("cli-out-v6", cli, "all", "::/0");
    return { b, vpc, cli };
}

/**
 * Peered dual-stack VPCs A (an IPv6 cluster c6 in a0/a1, nodes that may send anywhere) and B (a
 * web instance in b0 admitting tcp/80 from A over both families), routes both ways over the
 * peering. `bSubnets`: B's subnets, b0 alone or b0 and b1 (both behind B's route table).
 */
export function peeredVpcs(bSubnets: ["b0"] | ["b0", "b1"] = ["b0"]): NetBuilder {
    const b = new NetBuilder();
    const a = b.vpc("a", "10.1.0.0/16", "2001:db8:0:100::/56");
    const bb = b.vpc("b", "10.2.0.0/16", "2001:db8:0:200::/56");
    b.subnet("a0", a, "us-west-2a", "10.1.0.0/24", "2001:db8:0:100::/64");
    b.subnet("a1", a, "us-west-2b", "10.1.1.0/24", "2001:db8:0:101::/64");
    b.subnet("b0", bb, "us-west-2a", "10.2.0.0/24", "2001:db8:0:200::/64");
    if (bSubnets.length > 1) b.subnet("b1", bb, "us-west-2b", "10.2.1.0/24", "2001:db8:0:201::/64");
    b.routeTable("a", a, ["subnet-a0", "subnet-a1"]);
    b.routeTable("b", bb, bSubnets.map((s) => `subnet-${s}`));
    const pcx = b.peering("ab", a, bb);
    b.route("a-to-b-v4", "rtb-a", "10.2.0.0/16", { vpcPeeringConnectionId: pcx });
    b.route("a-to-b-v6", "rtb-a", "2001:db8:0:200::/56", { vpcPeeringConnectionId: pcx });
    b.route("b-to-a-v4", "rtb-b", "10.1.0.0/16", { vpcPeeringConnectionId: pcx });
    b.route("b-to-a-v6", "rtb-b", "2001:db8:0:100::/56", { vpcPeeringConnectionId: pcx });
    const nodes = b.sg("nodes", a);
    b.egress("nodes-out-v4", nodes, "all", "0.0.0.0/0");
    b.egress("nodes-out-v6", nodes, "all", "::/0");
    b.cluster("c6", { ipFamily: "ipv6", subnets: ["subnet-a0", "subnet-a1"], sgs: [nodes] });
    const web = b.sg("web", bb);
    b.ingress("web-in-v4", web, 80, "10.1.0.0/16");
    b.ingress("web-in-v6", web, 80, "2001:db8:0:100::/56");
    b.instance("web", "subnet-b0", [web], "10.2.0.10", "2001:db8:0:200::a");
    return b;
}
