/**
 * The offline model of AWS: a `pulumi.runtime.Mocks` implementation that answers resource
 * registrations and invokes the way AWS would, deterministically. It is the only model of AWS in
 * this repository: tests, `plan`, the policy pack's offline run and the reachability model all
 * read the graph it produces.
 *
 * What it models: IDs with AWS prefixes; ARNs in account 123456789012; one IPv6 /56 per VPC (or
 * per IPv6 association) from the documentation prefix 2001:db8::/32, chosen by the resource's name;
 * IPAM: Amazon-provided IPv6 blocks provisioned to a pool from the upper half of that prefix, and
 * VPC /56 allocations from a pool's provisioned blocks, in order (a VPC allocating from a pool
 * with no free space fails, as AWS fails it);
 * instance and NAT addresses from their subnets; NLB, endpoint and endpoint-service DNS names;
 * the outputs of `@pulumi/eks`'s Cluster component; auto-naming. What it does not: validation
 * of arguments by AWS (the policy pack and the components do that) and anything asynchronous.
 */
import * as crypto from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import { nthAddress, nthSubblock } from "../lib/cidr";

export const MODEL_ACCOUNT = "123456789012";
/** Documentation prefix (RFC 3849) from which the model hands out VPC /56 blocks. */
export const MODEL_IPV6_POOL = "2001:db8::/32";

const ID_PREFIX: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/routeTable:RouteTable": "rtb",
    "aws:ec2/route:Route": "r",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": "eigw",
    "aws:ec2/natGateway:NatGateway": "nat",
    "aws:ec2/eip:Eip": "eipalloc",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr",
    "aws:ec2/securityGroupRule:SecurityGroupRule": "sgrule",
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": "pcx",
    "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation": "vpc-cidr-assoc",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt",
    "aws:ec2/instance:Instance": "i",
    "aws:ec2/flowLog:FlowLog": "fl",
    "aws:ec2/networkAcl:NetworkAcl": "acl",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
    "aws:ec2/vpcEndpointService:VpcEndpointService": "vpce-svc",
    "aws:ec2transitgateway/transitGateway:TransitGateway": "tgw",
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": "tgw-attach",
    "aws:ec2transitgateway/routeTable:RouteTable": "tgw-rtb",
    "aws:route53/zone:Zone": "Z",
    "aws:ec2/vpcIpam:VpcIpam": "ipam",
    "aws:ec2/vpcIpamPool:VpcIpamPool": "ipam-pool",
    "aws:ec2/customerGateway:CustomerGateway": "cgw",
    "aws:ec2/vpnConnection:VpnConnection": "vpn",
    "aws:ec2/eipAssociation:EipAssociation": "eipassoc",
};

function hash(...parts: string[]): string {
    return crypto.createHash("sha256").update(parts.join("\u0000")).digest("hex");
}

function service(type: string): string {
    const mod = type.split(":")[1]?.split("/")[0] ?? "x";
    return mod === "ec2transitgateway" || mod === "vpc" ? "ec2" : mod === "lb" ? "elasticloadbalancing" : mod === "cloudwatch" ? "logs" : mod;
}

interface VpcRecord {
    cidr: string;
    ipv6?: string;
}

export interface AwsModelOptions {
    region: string;
    stack: string;
    project: string;
}

export class AwsModel implements pulumi.runtime.Mocks {
    private readonly usedIpv6Blocks = new Set<number>();
    private ipamBlocks = 0;
    /** Provisioned blocks and allocations per IPAM pool id. */
    private readonly ipamPools = new Map<string, { blocks: string[]; allocated: number }>();
    private readonly vpcs = new Map<string, VpcRecord>();
    private readonly subnets = new Map<string, { cidr: string; ipv6?: string; vpcId: string; hosts: number }>();
    private readonly eips = new Map<string, string>();
    private publicIps = 0;
    /** Tokens of the invokes the program made (data sources): what a real preview reads from AWS (lib/aws/previewReads.ts). */
    readonly invokes = new Set<string>();

    constructor(private readonly opts: AwsModelOptions) {}

    private arn(type: string, resource: string, global = false): string {
        return `arn:aws:${service(type)}:${global ? "" : this.opts.region}:${MODEL_ACCOUNT}:${resource}`;
    }

    /**
     * The /56 of a VPC or an IPv6 association: chosen from the resource's own name (not from the
     * registration order), so a resource keeps its block when others are added or removed and the
     * update plan (`plan --from`) sees no change where AWS would keep the block. Collisions inside
     * one run move to the next free block.
     */
    private ipv6BlockFor(type: string, name: string): string {
        let index = 1 + (parseInt(hash(this.opts.stack, type, name).slice(0, 6), 16) % 0xffff);
        while (this.usedIpv6Blocks.has(index)) index = (index % 0xffff) + 1;
        this.usedIpv6Blocks.add(index);
        return nthSubblock(MODEL_IPV6_POOL, 56, index);
    }

    /** The next /netmask of a pool's provisioned blocks, in order; AWS fails the VPC when none is free. */
    private allocateFromPool(poolId: string, netmask: number, vpcName: string): string {
        const pool = this.ipamPools.get(poolId);
        if (!pool) throw new Error(`model: IPAM pool ${poolId} of VPC ${vpcName} is not in the graph`);
        let n = pool.allocated;
        for (const block of pool.blocks) {
            const size = 2 ** (netmask - Number(block.split("/")[1]));
            if (n < size) {
                pool.allocated++;
                return nthSubblock(block, netmask, n);
            }
            n -= size;
        }
        throw new Error(`model: IPAM pool ${poolId} has no free /${netmask} for VPC ${vpcName} (provisioned: ${pool.blocks.join(", ") || "nothing yet"}); provision more blocks, and make the VPC depend on them`);
    }

    private nextPublicIp(): string {
        return nthAddress("198.51.100.0/24", 10 + this.publicIps++);
    }

    /** Auto-naming as Pulumi does it: the logical name plus 7 hex characters. */
    private autoName(name: string, type: string): string {
        return `${name}-${hash(type, name).slice(0, 7)}`;
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
        const { type, name } = args;
        const inputs = args.inputs as Record<string, any>;
        const h = hash(this.opts.stack, type, name);
        const prefix = ID_PREFIX[type];
        let id: string | undefined = prefix ? `${prefix}-${h.slice(0, 17)}` : `${name}-${h.slice(0, 8)}`;
        const state: Record<string, any> = { ...inputs };

        switch (type) {
            case "pulumi:providers:aws":
            case "pulumi:providers:kubernetes":
                id = h.slice(0, 36);
                break;
            case "aws:ec2/vpcIpam:VpcIpam":
                Object.assign(state, {
                    arn: this.arn(type, `ipam/${id}`, true),
                    publicDefaultScopeId: `ipam-scope-${h.slice(20, 37)}`,
                    privateDefaultScopeId: `ipam-scope-${h.slice(30, 47)}`,
                    scopeCount: 2,
                    tier: inputs.tier ?? "advanced",
                });
                break;
            case "aws:ec2/vpcIpamPool:VpcIpamPool":
                this.ipamPools.set(id!, { blocks: [], allocated: 0 });
                Object.assign(state, { arn: this.arn(type, `ipam-pool/${id}`, true), ipamScopeType: "public", poolDepth: 1, state: "create-complete" });
                break;
            case "aws:ec2/vpcIpamPoolCidr:VpcIpamPoolCidr": {
                const pool = this.ipamPools.get(inputs.ipamPoolId);
                if (!pool) throw new Error(`model: IPAM pool ${inputs.ipamPoolId} of ${name} is not in the graph`);
                // Amazon-provided blocks from the upper half of the documentation prefix (generated /56s use the lower half).
                const cidr: string = inputs.cidr ?? nthSubblock(MODEL_IPV6_POOL, inputs.netmaskLength, 2 ** (inputs.netmaskLength - 33) + this.ipamBlocks++);
                pool.blocks.push(cidr);
                id = `${cidr}_${inputs.ipamPoolId}`;
                Object.assign(state, { cidr, ipamPoolCidrId: `ipam-pool-cidr-${h.slice(0, 17)}` });
                break;
            }
            case "aws:ec2/vpc:Vpc": {
                let ipv6: string | undefined = inputs.assignGeneratedIpv6CidrBlock ? this.ipv6BlockFor(type, name) : undefined;
                if (inputs.ipv6IpamPoolId) ipv6 = this.allocateFromPool(inputs.ipv6IpamPoolId, inputs.ipv6NetmaskLength ?? 56, name);
                this.vpcs.set(id, { cidr: inputs.cidrBlock, ipv6 });
                Object.assign(state, {
                    arn: this.arn(type, `vpc/${id}`),
                    ipv6CidrBlock: ipv6 ?? "",
                    ipv6AssociationId: ipv6 ? `vpc-cidr-assoc-${h.slice(20, 37)}` : "",
                    defaultRouteTableId: `rtb-${h.slice(1, 18)}`,
                    mainRouteTableId: `rtb-${h.slice(1, 18)}`,
                    defaultSecurityGroupId: `sg-${h.slice(2, 19)}`,
                    defaultNetworkAclId: `acl-${h.slice(3, 20)}`,
                    ownerId: MODEL_ACCOUNT,
                    instanceTenancy: "default",
                });
                break;
            }
            case "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation": {
                const block = this.ipv6BlockFor(type, name);
                const vpc = this.vpcs.get(inputs.vpcId);
                if (vpc) vpc.ipv6 = block;
                state.ipv6CidrBlock = block;
                break;
            }
            case "aws:ec2/subnet:Subnet": {
                this.subnets.set(id, { cidr: inputs.cidrBlock, ipv6: inputs.ipv6CidrBlock, vpcId: inputs.vpcId, hosts: 0 });
                Object.assign(state, {
                    arn: this.arn(type, `subnet/${id}`),
                    availabilityZoneId: `usw2-az${(inputs.availabilityZone ?? "a").slice(-1).charCodeAt(0) - 96}`,
                    ipv6CidrBlockAssociationId: inputs.ipv6CidrBlock ? `subnet-cidr-assoc-${h.slice(5, 22)}` : "",
                    ownerId: MODEL_ACCOUNT,
                });
                break;
            }
            case "aws:ec2/eip:Eip": {
                const ip = this.nextPublicIp();
                this.eips.set(id, ip);
                Object.assign(state, { publicIp: ip, allocationId: id, arn: this.arn(type, `elastic-ip/${id}`) });
                break;
            }
            case "aws:ec2/natGateway:NatGateway": {
                Object.assign(state, { publicIp: this.eips.get(inputs.allocationId) ?? "", privateIp: this.hostIn(inputs.subnetId).ipv4, networkInterfaceId: `eni-${h.slice(0, 17)}` });
                break;
            }
            case "aws:ec2/instance:Instance": {
                const host = this.hostIn(inputs.subnetId);
                Object.assign(state, {
                    arn: this.arn(type, `instance/${id}`),
                    privateIp: host.ipv4,
                    ipv6Addresses: host.ipv6 ? [host.ipv6] : [],
                    primaryNetworkInterfaceId: `eni-${h.slice(0, 17)}`,
                    publicIp: "",
                    instanceState: "running",
                });
                break;
            }
            case "aws:ec2/launchTemplate:LaunchTemplate":
                Object.assign(state, { arn: this.arn(type, `launch-template/${id}`), latestVersion: 1, defaultVersion: 1, name: inputs.name ?? this.autoName(name, type) });
                break;
            case "aws:ec2/securityGroup:SecurityGroup":
                Object.assign(state, { arn: this.arn(type, `security-group/${id}`), ownerId: MODEL_ACCOUNT, name: inputs.name ?? this.autoName(name, type) });
                break;
            case "aws:ec2/vpcPeeringConnection:VpcPeeringConnection":
                Object.assign(state, { acceptStatus: inputs.autoAccept ? "active" : "pending-acceptance", peerOwnerId: MODEL_ACCOUNT, peerRegion: this.opts.region });
                break;
            case "aws:lb/loadBalancer:LoadBalancer": {
                const lbName = inputs.name ?? this.autoName(name, type).slice(0, 32);
                const kind = inputs.loadBalancerType === "network" ? "net" : "app";
                const dnsName = inputs.loadBalancerType === "network"
                    ? `${lbName}-${h.slice(0, 16)}.elb.${this.opts.region}.amazonaws.com`
                    : `${inputs.internal ? "internal-" : ""}${lbName}-${parseInt(h.slice(0, 8), 16)}.${this.opts.region}.elb.amazonaws.com`;
                Object.assign(state, {
                    name: lbName,
                    arn: this.arn(type, `loadbalancer/${kind}/${lbName}/${h.slice(0, 16)}`),
                    arnSuffix: `${kind}/${lbName}/${h.slice(0, 16)}`,
                    dnsName,
                    zoneId: "Z18D5FSROUN65G",
                    vpcId: this.subnets.get(inputs.subnets?.[0])?.vpcId ?? "",
                });
                id = state.arn;
                break;
            }
            case "aws:lb/targetGroup:TargetGroup": {
                const tgName = inputs.name ?? this.autoName(name, type).slice(0, 32);
                Object.assign(state, { name: tgName, arn: this.arn(type, `targetgroup/${tgName}/${h.slice(0, 16)}`), arnSuffix: `targetgroup/${tgName}/${h.slice(0, 16)}` });
                id = state.arn;
                break;
            }
            case "aws:lb/listener:Listener":
                state.arn = this.arn(type, `listener/net/${h.slice(0, 16)}/${h.slice(16, 32)}`);
                id = state.arn;
                break;
            case "aws:iam/role:Role": {
                const roleName = inputs.name ?? this.autoName(name, type);
                Object.assign(state, { name: roleName, arn: `arn:aws:iam::${MODEL_ACCOUNT}:role/${roleName}`, uniqueId: `AROA${h.slice(0, 17).toUpperCase()}` });
                id = roleName;
                break;
            }
            case "aws:iam/policy:Policy": {
                const policyName = inputs.name ?? this.autoName(name, type);
                Object.assign(state, { name: policyName, arn: `arn:aws:iam::${MODEL_ACCOUNT}:policy/${policyName}`, policyId: `ANPA${h.slice(0, 17).toUpperCase()}` });
                id = state.arn;
                break;
            }
            case "aws:cloudwatch/logGroup:LogGroup": {
                const groupName = inputs.name ?? this.autoName(name, type);
                Object.assign(state, { name: groupName, arn: this.arn(type, `log-group:${groupName}`) });
                id = groupName;
                break;
            }
            case "aws:eks/addon:Addon":
                Object.assign(state, { arn: this.arn(type, `addon/${inputs.clusterName}/${inputs.addonName}/${h.slice(0, 8)}`) });
                id = `${inputs.clusterName}:${inputs.addonName}`;
                break;
            case "aws:eks/nodeGroup:NodeGroup":
                Object.assign(state, { arn: this.arn(type, `nodegroup/${inputs.clusterName}/${name}/${h.slice(0, 8)}`), status: "ACTIVE", nodeGroupName: inputs.nodeGroupName ?? this.autoName(name, type) });
                id = `${inputs.clusterName}:${state.nodeGroupName}`;
                break;
            case "eks:index:Cluster":
                Object.assign(state, this.eksClusterOutputs(name, inputs, h));
                id = undefined;
                break;
            case "aws:ec2/vpcEndpointService:VpcEndpointService":
                Object.assign(state, {
                    arn: this.arn(type, `vpc-endpoint-service/${id}`),
                    serviceName: `com.amazonaws.vpce.${this.opts.region}.${id}`,
                    baseEndpointDnsNames: [`${id}.${this.opts.region}.vpce.amazonaws.com`],
                    state: "Available",
                    serviceType: "Interface",
                });
                break;
            case "aws:ec2/vpcEndpoint:VpcEndpoint": {
                const svc = String(inputs.serviceName ?? "").split(".").pop();
                Object.assign(state, {
                    arn: this.arn(type, `vpc-endpoint/${id}`),
                    state: "available",
                    dnsEntries: [{ dnsName: `${id}-${h.slice(0, 8)}.${svc}.${this.opts.region}.vpce.amazonaws.com`, hostedZoneId: "Z1YSA3EXCYUU9Z" }],
                    networkInterfaceIds: (inputs.subnetIds ?? []).map((_: string, i: number) => `eni-${hash(h, String(i)).slice(0, 17)}`),
                });
                break;
            }
            case "aws:ec2transitgateway/transitGateway:TransitGateway":
                Object.assign(state, {
                    arn: this.arn(type, `transit-gateway/${id}`),
                    associationDefaultRouteTableId: `tgw-rtb-${h.slice(0, 17)}`,
                    propagationDefaultRouteTableId: `tgw-rtb-${h.slice(0, 17)}`,
                    ownerId: MODEL_ACCOUNT,
                    // AWS defaults (EC2 API, TransitGatewayRequestOptions) where the program set none.
                    amazonSideAsn: inputs.amazonSideAsn ?? 64512,
                    defaultRouteTableAssociation: inputs.defaultRouteTableAssociation ?? "enable",
                    defaultRouteTablePropagation: inputs.defaultRouteTablePropagation ?? "enable",
                    dnsSupport: inputs.dnsSupport ?? "enable",
                    vpnEcmpSupport: inputs.vpnEcmpSupport ?? "enable",
                    autoAcceptSharedAttachments: inputs.autoAcceptSharedAttachments ?? "disable",
                    multicastSupport: inputs.multicastSupport ?? "disable",
                });
                break;
            case "aws:ec2transitgateway/vpcAttachment:VpcAttachment":
                // AWS defaults (EC2 API, CreateTransitGatewayVpcAttachmentRequestOptions): IPv6 off, DNS on.
                Object.assign(state, {
                    arn: this.arn(type, `transit-gateway-attachment/${id}`),
                    ipv6Support: inputs.ipv6Support ?? "disable",
                    dnsSupport: inputs.dnsSupport ?? "enable",
                    applianceModeSupport: inputs.applianceModeSupport ?? "disable",
                    transitGatewayDefaultRouteTableAssociation: inputs.transitGatewayDefaultRouteTableAssociation ?? true,
                    transitGatewayDefaultRouteTablePropagation: inputs.transitGatewayDefaultRouteTablePropagation ?? true,
                    vpcOwnerId: MODEL_ACCOUNT,
                });
                break;
            case "aws:ec2/customerGateway:CustomerGateway":
                Object.assign(state, { arn: this.arn(type, `customer-gateway/${id}`), bgpAsn: inputs.bgpAsn ?? (inputs.bgpAsnExtended ? undefined : "65000"), deviceName: inputs.deviceName ?? "" });
                break;
            case "aws:ec2/vpnConnection:VpnConnection":
                Object.assign(state, vpnConnectionOutputs(id!, inputs, h, this.arn(type, `vpn-connection/${id}`)));
                break;
            case "aws:ec2/eipAssociation:EipAssociation":
                Object.assign(state, { publicIp: this.eips.get(inputs.allocationId) ?? "", networkInterfaceId: inputs.networkInterfaceId ?? "", privateIpAddress: inputs.privateIpAddress ?? "" });
                break;
            case "aws:ec2transitgateway/route:Route":
                // The provider's ID: route table and destination (terraform-provider-aws transitgateway_route.go).
                id = `${inputs.transitGatewayRouteTableId}_${inputs.destinationCidrBlock}`;
                break;
            case "aws:ssm/parameter:Parameter": {
                const pname = inputs.name ?? this.autoName(name, type);
                Object.assign(state, { name: pname, arn: this.arn(type, `parameter/${String(pname).replace(/^\//, "")}`), version: 1, tier: inputs.tier ?? "Standard", dataType: inputs.dataType ?? "text" });
                id = pname;
                break;
            }
            case "aws:route53/zone:Zone":
                id = `Z${h.slice(0, 20).toUpperCase()}`;
                Object.assign(state, { zoneId: id, arn: `arn:aws:route53:::hostedzone/${id}`, nameServers: [] });
                break;
            case "aws:lambda/function:Function": {
                const fnName = inputs.name ?? this.autoName(name, type);
                Object.assign(state, { name: fnName, arn: this.arn(type, `function:${fnName}`), invokeArn: `arn:aws:apigateway:${this.opts.region}:lambda:path/2015-03-31/functions/${this.arn(type, `function:${fnName}`)}/invocations` });
                id = fnName;
                break;
            }
            default:
                if (type.startsWith("kubernetes:")) {
                    const metadata = { ...(inputs.metadata ?? {}) };
                    if (!metadata.name) metadata.name = this.autoName(name, type).toLowerCase();
                    if (!metadata.namespace && !/Namespace$|ClusterRole|CustomResourceDefinition/.test(type)) metadata.namespace = "default";
                    state.metadata = metadata;
                    id = metadata.namespace ? `${metadata.namespace}/${metadata.name}` : metadata.name;
                } else if (prefix && !state.arn && type.startsWith("aws:")) {
                    state.arn = this.arn(type, `${type.split(":").pop()!.toLowerCase()}/${id}`);
                }
        }
        if (args.custom === false && type !== "eks:index:Cluster") id = undefined;
        return { id, state: id ? { ...state, id } : state };
    }

    /** Next host address in a subnet: IPv4 from .10 on, IPv6 ::a on. */
    private hostIn(subnetId: string): { ipv4: string; ipv6?: string } {
        const subnet = this.subnets.get(subnetId);
        if (!subnet) return { ipv4: "" };
        const n = 10 + subnet.hosts++;
        // An IPv6-only subnet (`ipv6Native`, no IPv4 block) gives its interfaces no private IPv4
        // (VPC user guide, "IPv6-only subnets").
        return { ipv4: subnet.cidr ? nthAddress(subnet.cidr, n) : "", ipv6: subnet.ipv6 ? nthAddress(subnet.ipv6, n) : undefined };
    }

    private eksClusterOutputs(name: string, inputs: Record<string, any>, h: string): Record<string, any> {
        const clusterName = inputs.name ?? this.autoName(`${name}-eksCluster`, "eks");
        const oidcId = h.slice(0, 32).toUpperCase();
        const issuer = `oidc.eks.${this.opts.region}.amazonaws.com/id/${oidcId}`;
        const endpoint = `https://${oidcId}.gr7.${this.opts.region}.eks.amazonaws.com`;
        const kubeconfig = {
            apiVersion: "v1",
            kind: "Config",
            clusters: [{ name: clusterName, cluster: { server: endpoint, "certificate-authority-data": Buffer.from(`offline model CA of ${clusterName}`).toString("base64") } }],
            contexts: [{ name: "aws", context: { cluster: clusterName, user: "aws" } }],
            "current-context": "aws",
            users: [{ name: "aws", user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", clusterName, "--output", "json"] } } }],
        };
        return {
            kubeconfig,
            kubeconfigJson: JSON.stringify(kubeconfig),
            clusterSecurityGroupId: `sg-${h.slice(5, 22)}`,
            nodeSecurityGroupId: "",
            clusterIngressRuleId: "",
            oidcProviderArn: `arn:aws:iam::${MODEL_ACCOUNT}:oidc-provider/${issuer}`,
            oidcProviderUrl: `https://${issuer}`,
            oidcIssuer: issuer,
            // Not part of @pulumi/eks's outputs; recorded so the graph shows what EKS would report.
            modelEndpoint: endpoint,
            modelServiceIpv6Cidr: inputs.ipFamily === "ipv6" ? `fd${h.slice(0, 2)}:${h.slice(2, 6)}:${h.slice(6, 10)}::/108` : "",
            modelServiceIpv4Cidr: inputs.ipFamily === "ipv6" ? "" : "172.20.0.0/16",
        };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        const inputs = args.inputs as Record<string, any>;
        this.invokes.add(args.token);
        switch (args.token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones": {
                const names = ["a", "b", "c", "d"].map((s) => `${this.opts.region}${s}`);
                return { id: this.opts.region, names, zoneIds: names.map((_, i) => `az${i + 1}`), groupNames: [this.opts.region], state: "available" };
            }
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { accountId: MODEL_ACCOUNT, arn: `arn:aws:iam::${MODEL_ACCOUNT}:role/offline-model`, userId: "AROAOFFLINEMODEL", id: MODEL_ACCOUNT };
            case "aws:index/getPartition:getPartition":
                return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
            case "aws:index/getRegion:getRegion":
                return { name: this.opts.region, region: this.opts.region, endpoint: `ec2.${this.opts.region}.amazonaws.com`, id: this.opts.region };
            case "aws:ssm/getParameter:getParameter":
                return { name: inputs.name, type: "String", value: `ami-${hash(String(inputs.name)).slice(0, 17)}`, version: 1, arn: this.arn("aws:ssm/x", `parameter${inputs.name}`), id: inputs.name };
            case "aws:eks/getAddonVersion:getAddonVersion":
                return { addonName: inputs.addonName, kubernetesVersion: inputs.kubernetesVersion, mostRecent: inputs.mostRecent, version: MODEL_ADDON_VERSIONS[inputs.addonName] ?? "v1.0.0-eksbuild.1", id: inputs.addonName };
            case "aws:eks/getCluster:getCluster":
                return { name: inputs.name, id: inputs.name, vpcConfigs: [] };
            default:
                throw new Error(`offline engine: no model for the invoke ${args.token}; add one to engine/awsModel.ts`);
        }
    }
}

/**
 * Outputs of a Site-to-Site VPN connection as AWS reports them: both tunnels' outside addresses
 * (AWS public addresses; the model hands out TEST-NET-1, 192.0.2.0/24, by name), inside /30s (the
 * program's, or one AWS picks from 169.254.0.0/16 outside the reserved ones), the inside addresses
 * (first host AWS, second host customer), pre-shared keys (the program's, or generated to AWS's
 * rules: 32 letters and digits, not starting with 0), the transit gateway attachment of a
 * connection to a transit gateway, and the option defaults of the EC2 API
 * (VpnConnectionOptionsSpecification: static routes off, IPv4 inside, 0.0.0.0/0 traffic selectors).
 */
export function vpnConnectionOutputs(id: string, inputs: Record<string, any>, h: string, arn: string): Record<string, any> {
    const n = parseInt(h.slice(0, 4), 16);
    const out: Record<string, any> = {
        arn,
        transitGatewayAttachmentId: inputs.transitGatewayId ? `tgw-attach-${h.slice(20, 37)}` : "",
        staticRoutesOnly: inputs.staticRoutesOnly ?? false,
        tunnelInsideIpVersion: inputs.tunnelInsideIpVersion ?? "ipv4",
        localIpv4NetworkCidr: inputs.localIpv4NetworkCidr ?? "0.0.0.0/0",
        remoteIpv4NetworkCidr: inputs.remoteIpv4NetworkCidr ?? "0.0.0.0/0",
        outsideIpAddressType: inputs.outsideIpAddressType ?? "PublicIpv4",
        presharedKeyStorage: inputs.presharedKeyStorage ?? "Standard",
        customerGatewayConfiguration: `<vpn_connection id="${id}"><!-- offline model: the real device configuration comes from AWS --></vpn_connection>`,
        routes: [],
        vgwTelemetries: [],
        enableAcceleration: inputs.enableAcceleration ?? false,
    };
    for (const t of [1, 2]) {
        // AWS picks a /30 the program did not give: 169.254.100.0/22 upward in the model, never a reserved one.
        const inside: string = inputs[`tunnel${t}InsideCidr`] ?? nthSubblock("169.254.100.0/22", 30, (n * 2 + t - 1) % 256);
        Object.assign(out, {
            [`tunnel${t}Address`]: nthAddress("192.0.2.0/24", 10 + ((n * 2 + t - 1) % 240)),
            [`tunnel${t}InsideCidr`]: inside,
            [`tunnel${t}VgwInsideAddress`]: nthAddress(inside, 1),
            [`tunnel${t}CgwInsideAddress`]: nthAddress(inside, 2),
            [`tunnel${t}PresharedKey`]: inputs[`tunnel${t}PresharedKey`] ?? `k${hash(h, `psk${t}`).slice(0, 31)}`,
            [`tunnel${t}BgpAsn`]: "64512",
            [`tunnel${t}BgpHoldtime`]: 30,
        });
    }
    return out;
}

/**
 * Add-on versions the model answers `getAddonVersion` with. These are model values, shaped like
 * real ones and above every floor in lib/vpcCni.ts; a real deploy resolves the most recent
 * version for the cluster's Kubernetes version instead.
 */
export const MODEL_ADDON_VERSIONS: Readonly<Record<string, string>> = {
    "vpc-cni": "v1.21.0-eksbuild.1",
    "kube-proxy": "v1.35.0-eksbuild.1",
    coredns: "v1.12.4-eksbuild.1",
    "aws-load-balancer-controller": "v2.14.0",
};
