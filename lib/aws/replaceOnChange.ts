/**
 * Replace-on-change properties of every resource type the four stacks register: which input
 * changes make `pulumi up` delete and re-create a resource (replace) instead of updating it in
 * place. One row per type, each with its source in the pinned provider versions
 * (@pulumi/aws 7.48.0, which bridges terraform-provider-aws; @pulumi/kubernetes 4.34.2;
 * @pulumi/eks 4.3.0).
 *
 * For the bridged AWS types the properties are the Terraform schema fields marked `ForceNew`
 * (or forced new by the resource's `CustomizeDiff`), in their Pulumi (camelCase) spelling. For
 * Kubernetes objects they are pulumi-kubernetes' own replacement rules
 * (`provider/pkg/provider/diff.go`, `forceNew`: `.metadata.name` and `.metadata.namespace` for
 * every kind, plus per-kind paths). A type that is not in this table is reported as "unknown" by
 * the update plan, never as an update.
 *
 * Paths: dotted input paths (`launchTemplate.id`); `[*]` matches any list index. A path matches a
 * change at that path or anywhere below it.
 */

/** Source of the Terraform AWS provider's resource file, as bridged by @pulumi/aws. */
const tf = (file: string, fields: string) => `terraform-provider-aws internal/service/${file} (ForceNew: ${fields}), bridged by @pulumi/aws 7.48.0`;
/** Source of pulumi-kubernetes' replacement rules. */
const k8s = (rule: string) => `pulumi-kubernetes provider/pkg/provider/diff.go forceNew (${rule}), @pulumi/kubernetes 4.34.2`;

export interface ReplaceRule {
    /** Pulumi type token. */
    type: string;
    /** Input paths whose change replaces the resource. */
    replaceOn: readonly string[];
    /**
     * Input paths replaced only for some changes (`CustomizeDiff` in the provider): the predicate
     * gets the old and the new value and says whether this change forces a new resource.
     */
    replaceWhen?: Readonly<Record<string, (oldValue: unknown, newValue: unknown, oldInputs: Record<string, any>, newInputs: Record<string, any>) => boolean>>;
    /**
     * Outputs that get a new value whenever the resource is updated in place (computed anew by
     * the provider), so dependants that use them change too (a launch template's latestVersion).
     */
    newOnUpdate?: readonly string[];
    /**
     * What an update in place does, in words, when it is more than an API call (a node group
     * rolls), keyed by the input path that changed (`*`: any change).
     */
    updateNotes?: Readonly<Record<string, string>>;
    /** Where the row comes from. */
    source: string;
    /**
     * True for a component whose own inputs are only its arguments: a change updates its children,
     * never the component (pulumi's ComponentResource; @pulumi/eks remote components).
     */
    component?: boolean;
}

const metadata = ["metadata.name", "metadata.namespace"];

const ROWS: ReplaceRule[] = [
    // Networking.
    {
        type: "aws:ec2/vpc:Vpc",
        replaceOn: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"],
        replaceWhen: {
            // CustomizeDiff: any tenancy change but dedicated -> default forces a new VPC.
            instanceTenancy: (o, n) => !(o === "dedicated" && (n ?? "default") === "default"),
        },
        updateNotes: { "assignGeneratedIpv6CidrBlock": "false -> true associates an Amazon-provided /56 in place (AssociateVpcCidrBlock); true -> false disassociates it (DisassociateVpcCidrBlock) with every subnet /64 in it" },
        source: tf("ec2/vpc_.go", "cidr_block, ipv4_ipam_pool_id, ipv4_netmask_length; instance_tenancy in resourceVPCCustomizeDiff"),
    },
    {
        type: "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation",
        replaceOn: ["vpcId", "assignGeneratedIpv6CidrBlock", "ipv6CidrBlock", "ipv6IpamPoolId", "ipv6NetmaskLength", "ipv6Pool", "ipv6CidrBlockNetworkBorderGroup"],
        source: tf("ec2/vpc_ipv6_cidr_block_association.go", "every argument; the resource has no update of its block"),
    },
    {
        type: "aws:ec2/subnet:Subnet",
        replaceOn: ["vpcId", "availabilityZone", "availabilityZoneId", "cidrBlock", "ipv6Native", "outpostArn"],
        updateNotes: { "ipv6CidrBlock": "an ipv6CidrBlock change associates (or disassociates) the /64 in place (AssociateSubnetCidrBlock)" },
        source: tf("ec2/vpc_subnet.go", "vpc_id, availability_zone, availability_zone_id, cidr_block, ipv6_native, outpost_arn; ipv6_cidr_block is updated by association"),
    },
    { type: "aws:ec2/routeTable:RouteTable", replaceOn: ["vpcId"], source: tf("ec2/vpc_route_table.go", "vpc_id") },
    {
        type: "aws:ec2/route:Route",
        replaceOn: ["routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"],
        source: tf("ec2/vpc_route.go", "route_table_id and the destination; the target is replaced in place (ReplaceRoute)"),
    },
    {
        type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
        replaceOn: ["subnetId", "gatewayId"],
        source: tf("ec2/vpc_route_table_association.go", "subnet_id, gateway_id; route_table_id is replaced in place (ReplaceRouteTableAssociation)"),
    },
    { type: "aws:ec2/internetGateway:InternetGateway", replaceOn: [], source: tf("ec2/vpc_internet_gateway.go", "none; vpc_id is detached and attached in place") },
    { type: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway", replaceOn: ["vpcId"], source: tf("ec2/vpc_egress_only_internet_gateway.go", "vpc_id") },
    {
        type: "aws:ec2/natGateway:NatGateway",
        replaceOn: ["allocationId", "connectivityType", "privateIp", "subnetId"],
        source: tf("ec2/vpc_nat_gateway.go", "allocation_id, connectivity_type, private_ip, subnet_id"),
    },
    {
        type: "aws:ec2/eip:Eip",
        replaceOn: ["domain", "address", "customerOwnedIpv4Pool", "networkBorderGroup", "publicIpv4Pool", "ipamPoolId"],
        source: tf("ec2/ec2_eip.go", "domain, address, customer_owned_ipv4_pool, network_border_group, public_ipv4_pool, ipam_pool_id"),
    },
    {
        type: "aws:ec2/flowLog:FlowLog",
        replaceOn: ["vpcId", "subnetId", "eniId", "transitGatewayId", "transitGatewayAttachmentId", "trafficType", "logDestination", "logDestinationType", "logFormat", "iamRoleArn", "maxAggregationInterval", "destinationOptions", "deliverCrossAccountRole"],
        source: tf("ec2/vpc_flow_log.go", "every argument but tags"),
    },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        replaceOn: ["name", "namePrefix", "description", "vpcId"],
        source: tf("ec2/vpc_security_group.go", "name, name_prefix, description, vpc_id"),
    },
    {
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        replaceOn: ["securityGroupId"],
        source: tf("vpc/security_group_ingress_rule.go", "security_group_id (RequiresReplace); the rest is ModifySecurityGroupRules in place"),
    },
    {
        type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
        replaceOn: ["securityGroupId"],
        source: tf("vpc/security_group_egress_rule.go", "security_group_id (RequiresReplace); the rest is ModifySecurityGroupRules in place"),
    },
    {
        type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
        replaceOn: ["vpcId", "peerVpcId", "peerOwnerId", "peerRegion"],
        source: tf("ec2/vpc_peering_connection.go", "vpc_id, peer_vpc_id, peer_owner_id, peer_region"),
    },
    {
        type: "aws:ec2/vpcEndpoint:VpcEndpoint",
        replaceOn: ["vpcId", "serviceName", "vpcEndpointType", "serviceRegion", "resourceConfigurationArn", "serviceNetworkArn"],
        source: tf("ec2/vpc_endpoint.go", "vpc_id, service_name, vpc_endpoint_type, service_region, resource_configuration_arn, service_network_arn; subnets and security groups in place"),
    },
    {
        type: "aws:ec2/vpcEndpointService:VpcEndpointService",
        replaceOn: [],
        source: tf("ec2/vpc_endpoint_service.go", "none; load balancers, principals and IP address types are modified in place"),
    },
    {
        type: "aws:ec2transitgateway/transitGateway:TransitGateway",
        replaceOn: ["multicastSupport"],
        source: tf("ec2/transitgateway_.go", "multicast_support"),
    },
    {
        type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
        replaceOn: ["vpcId", "transitGatewayId"],
        updateNotes: { "*": "subnetIds, ipv6Support, dnsSupport and applianceModeSupport are modified in place (ModifyTransitGatewayVpcAttachment); traffic keeps flowing" },
        source: tf("ec2/transitgateway_vpc_attachment.go", "vpc_id, transit_gateway_id"),
    },
    {
        type: "aws:ec2transitgateway/routeTable:RouteTable",
        replaceOn: ["transitGatewayId"],
        source: tf("ec2/transitgateway_route_table.go", "transit_gateway_id"),
    },
    {
        type: "aws:ec2transitgateway/route:Route",
        replaceOn: ["destinationCidrBlock", "transitGatewayRouteTableId", "transitGatewayAttachmentId", "blackhole"],
        source: tf("ec2/transitgateway_route.go", "every argument; the resource has no update"),
    },
    // Site-to-Site VPN.
    {
        type: "aws:ec2/customerGateway:CustomerGateway",
        replaceOn: ["bgpAsn", "bgpAsnExtended", "certificateArn", "deviceName", "ipAddress", "type"],
        source: tf("ec2/vpnsite_customer_gateway.go", "every argument but tags"),
    },
    {
        type: "aws:ec2/vpnConnection:VpnConnection",
        replaceOn: ["type", "staticRoutesOnly", "enableAcceleration", "tunnelInsideIpVersion", "tunnel1InsideCidr", "tunnel2InsideCidr", "tunnel1InsideIpv6Cidr", "tunnel2InsideIpv6Cidr"],
        updateNotes: {
            "customerGatewayId": "ModifyVpnConnection moves the connection to the new customer gateway; both tunnels go down until the device with the new address brings them up",
            "transitGatewayId": "ModifyVpnConnection moves the connection to the new gateway; the old attachment is deleted and a new one created (its routes must be recreated)",
            "*": "tunnel options are modified per tunnel (ModifyVpnTunnelOptions): each tunnel's endpoint is replaced in turn and that tunnel is down for several minutes; traffic selectors by ModifyVpnConnectionOptions",
        },
        source: tf("ec2/vpnsite_connection.go", "type, static_routes_only, enable_acceleration, tunnel_inside_ip_version, tunnel1/2_inside_cidr, tunnel1/2_inside_ipv6_cidr; customer_gateway_id, transit_gateway_id and vpn_gateway_id are updated by ModifyVpnConnection"),
    },
    {
        type: "aws:ec2/eipAssociation:EipAssociation",
        replaceOn: ["allocationId", "allowReassociation", "instanceId", "networkInterfaceId", "privateIpAddress", "publicIp"],
        source: tf("ec2/ec2_eip_association.go", "every argument; the resource has no update"),
    },
    { type: "aws:ssm/parameter:Parameter", replaceOn: ["name", "dataType"], updateNotes: { "value": "PutParameter --overwrite writes a new version; readers that already read the old one keep it until they read again" }, source: tf("ssm/parameter.go", "name, data_type") },
    // Compute.
    {
        type: "aws:ec2/instance:Instance",
        replaceOn: ["ami", "availabilityZone", "subnetId", "privateIp", "keyName", "placementGroup", "tenancy", "associatePublicIpAddress", "ipv6AddressCount", "ipv6Addresses", "ebsBlockDevices", "ephemeralBlockDevices", "networkInterfaces", "primaryNetworkInterface", "hostId", "cpuOptions", "enclaveOptions"],
        replaceWhen: {
            // user_data_replace_on_change turns a user data change into a replacement.
            userData: (_o, _n, _oldInputs, newInputs) => newInputs.userDataReplaceOnChange === true,
            // Disabling a primary IPv6 address after enabling it forces a new instance.
            enablePrimaryIpv6: (o, n) => o === true && n !== true,
        },
        updateNotes: { "instanceType": "instanceType changes stop and start the instance" },
        source: tf("ec2/ec2_instance.go", "ami, availability_zone, subnet_id, private_ip, key_name, placement_group, tenancy, associate_public_ip_address, ipv6_address_count, ipv6_addresses, block devices, network interfaces; user_data with user_data_replace_on_change; enable_primary_ipv6 true -> false"),
    },
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        replaceOn: ["name", "namePrefix"],
        newOnUpdate: ["latestVersion"],
        updateNotes: { "*": "any other change creates a new launch template version (latestVersion + 1)" },
        source: tf("ec2/ec2_launch_template.go", "name, name_prefix; CustomizeDiff marks latest_version new on every other change"),
    },
    // EKS.
    {
        type: "aws:eks/addon:Addon",
        replaceOn: ["clusterName", "addonName"],
        updateNotes: { "*": "UpdateAddon: addonVersion, configurationValues and serviceAccountRoleArn change in place; the add-on's pods restart" },
        source: tf("eks/addon.go", "cluster_name, addon_name"),
    },
    {
        type: "aws:eks/nodeGroup:NodeGroup",
        replaceOn: ["clusterName", "nodeGroupName", "nodeGroupNamePrefix", "nodeRoleArn", "subnetIds", "amiType", "capacityType", "diskSize", "instanceTypes", "remoteAccess", "launchTemplate.id", "launchTemplate.name"],
        updateNotes: {
            "launchTemplate.version": "the node group rolls its nodes to the new launch template version (UpdateNodegroupVersion: new nodes first, old ones drained, updateConfig.maxUnavailable at a time)",
            releaseVersion: "the node group rolls its nodes to the new AMI release (UpdateNodegroupVersion)",
            version: "the node group rolls its nodes to the new Kubernetes version (UpdateNodegroupVersion)",
            scalingConfig: "the node count changes in place (UpdateNodegroupConfig); no node is replaced",
        },
        source: tf("eks/node_group.go", "cluster_name, node_group_name(_prefix), node_role_arn, subnet_ids, ami_type, capacity_type, disk_size, instance_types, remote_access, launch_template.id/name"),
    },
    {
        type: "eks:index:Cluster",
        replaceOn: ["name", "ipFamily", "serviceIpv4Cidr", "bootstrapSelfManagedAddons", "serviceRole", "instanceRole"],
        component: true,
        updateNotes: { "*": "the control plane (aws:eks/cluster:Cluster inside the component) is updated in place: version, subnets, security groups, endpoint access and logging (UpdateClusterConfig/UpdateClusterVersion)" },
        source: "@pulumi/eks 4.3.0 Cluster (remote component) over terraform-provider-aws internal/service/eks/cluster.go (ForceNew: name, kubernetes_network_config.ip_family, kubernetes_network_config.service_ipv4_cidr, bootstrap_self_managed_addons, role_arn; vpc_config.subnet_ids and security_group_ids update in place)",
    },
    // IAM, logs, Lambda.
    { type: "aws:iam/role:Role", replaceOn: ["name", "namePrefix", "path"], source: tf("iam/role.go", "name, name_prefix, path") },
    { type: "aws:iam/policy:Policy", replaceOn: ["name", "namePrefix", "path", "description"], updateNotes: { "policy": "a policy document change creates a new default policy version" }, source: tf("iam/policy.go", "name, name_prefix, path, description") },
    { type: "aws:iam/rolePolicy:RolePolicy", replaceOn: ["name", "namePrefix", "role"], source: tf("iam/role_policy.go", "name, name_prefix, role") },
    { type: "aws:iam/instanceProfile:InstanceProfile", replaceOn: ["name", "namePrefix", "path"], updateNotes: { "role": "the role is removed from and added to the profile in place; running instances see the new role's credentials within minutes" }, source: tf("iam/instance_profile.go", "name, name_prefix, path") },
    { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", replaceOn: ["role", "policyArn"], source: tf("iam/role_policy_attachment.go", "role, policy_arn") },
    { type: "aws:cloudwatch/logGroup:LogGroup", replaceOn: ["name", "namePrefix", "logGroupClass"], source: tf("logs/group.go", "name, name_prefix, log_group_class") },
    { type: "aws:lambda/function:Function", replaceOn: ["name", "packageType"], source: tf("lambda/function.go", "function_name, package_type") },
    {
        type: "aws:lambda/invocation:Invocation",
        replaceOn: ["functionName", "qualifier", "triggers"],
        updateNotes: { "*": "an input change invokes the function again" },
        source: tf("lambda/invocation.go", "function_name, qualifier, triggers"),
    },
    // Load balancing, DNS.
    {
        type: "aws:lb/loadBalancer:LoadBalancer",
        replaceOn: ["name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool"],
        replaceWhen: {
            // CustomizeDiff: a network load balancer cannot lose subnets, nor gain security groups it was created without.
            subnets: (o, n, oldInputs) => oldInputs.loadBalancerType === "network" && Array.isArray(o) && (!Array.isArray(n) || o.some((s) => !n.includes(s))),
            securityGroups: (o, n, oldInputs) => oldInputs.loadBalancerType === "network" && (!Array.isArray(o) || o.length === 0) !== (!Array.isArray(n) || n.length === 0),
        },
        source: tf("elbv2/load_balancer.go", "name, name_prefix, internal, load_balancer_type, customer_owned_ipv4_pool; for NLBs, removed subnets and adding or removing all security groups (customizeDiffLoadBalancerNLB)"),
    },
    {
        type: "aws:lb/targetGroup:TargetGroup",
        replaceOn: ["name", "namePrefix", "port", "protocol", "protocolVersion", "vpcId", "targetType", "ipAddressType"],
        source: tf("elbv2/target_group.go", "name, name_prefix, port, protocol, protocol_version, vpc_id, target_type, ip_address_type"),
    },
    { type: "aws:lb/listener:Listener", replaceOn: ["loadBalancerArn"], source: tf("elbv2/listener.go", "load_balancer_arn") },
    {
        type: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
        replaceOn: ["targetGroupArn", "targetId", "port", "availabilityZone"],
        source: tf("elbv2/target_group_attachment.go", "every argument"),
    },
    { type: "aws:route53/zone:Zone", replaceOn: ["name", "delegationSetId"], source: tf("route53/zone.go", "name, delegation_set_id; VPC associations change in place") },
    // Kubernetes.
    { type: "kubernetes:core/v1:Namespace", replaceOn: metadata, source: k8s(".metadata.name, .metadata.namespace") },
    { type: "kubernetes:core/v1:ConfigMap", replaceOn: [...metadata, "data", "binaryData"], source: k8s("ConfigMap: .data, .binaryData; unless the provider sets enableConfigMapMutable, which components/eks/cluster.ts does not") },
    { type: "kubernetes:core/v1:Service", replaceOn: [...metadata, "spec.clusterIP", "spec.type"], source: k8s("Service: .spec.clusterIP, .spec.type") },
    {
        type: "kubernetes:apps/v1:Deployment",
        replaceOn: [...metadata, "spec.selector"],
        updateNotes: { "spec.template": "a pod template change rolls the pods (RollingUpdate)" },
        source: k8s("Deployment: .spec.selector"),
    },
    { type: "kubernetes:batch/v1:Job", replaceOn: [...metadata, "spec.selector", "spec.template"], source: k8s("Job: .spec.selector, .spec.template (immutable)") },
    { type: "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding", replaceOn: metadata, source: k8s(".metadata.name, .metadata.namespace (custom resource)") },
    {
        type: "kubernetes:helm.sh/v3:Release",
        replaceOn: ["name", "namespace"],
        updateNotes: { "*": "helm upgrade of the release" },
        source: "pulumi-kubernetes provider/pkg/provider/helm_release.go Diff (forceNewFields .name, .namespace), @pulumi/kubernetes 4.34.2",
    },
    // Providers (pulumi:providers:*) are deliberately absent: whether a changed provider
    // configuration replaces the provider (and every resource it manages) is the provider's own
    // DiffConfig, which this table does not model. A changed provider is reported as unknown.
    { type: "pulumi:pulumi:Stack", replaceOn: [], component: true, source: "pulumi engine: the stack resource holds outputs only" },
];

const BY_TYPE = new Map(ROWS.map((r) => [r.type, r]));

/** Every row of the table. */
export function replaceRules(): readonly ReplaceRule[] {
    return ROWS;
}

/**
 * The row of a type. Components of this repository (`ipv6-eks-interop:*`, ComponentResource with
 * no inputs of their own) get a component row; any other unknown type returns undefined.
 */
export function replaceRuleFor(type: string): ReplaceRule | undefined {
    const row = BY_TYPE.get(type);
    if (row) return row;
    if (type.startsWith("ipv6-eks-interop:")) {
        return { type, replaceOn: [], component: true, source: "this repository's ComponentResource: it registers no inputs; changes reach its children" };
    }
    return undefined;
}

function pattern(path: string): RegExp {
    const escaped = path.split("[*]").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\[\\d+\\]");
    return new RegExp(`^${escaped}(?:$|[.\\[])`);
}

/** True when the changed path `changed` lies at or below the rule path `rulePath`, or above it (a whole parent replaced). */
export function pathMatches(rulePath: string, changed: string): boolean {
    if (pattern(rulePath).test(changed)) return true;
    // A change of a parent object (for example the whole `launchTemplate` becoming unknown) covers the rule path.
    return pattern(changed).test(rulePath.replace(/\[\*\]/g, "[0]"));
}

function valueAt(obj: Record<string, any>, path: string): unknown {
    let cur: any = obj;
    for (const part of path.split(".")) {
        if (cur === undefined || cur === null) return undefined;
        cur = cur[part];
    }
    return cur;
}

/**
 * The replace-on-change paths of `rule` that the changed input paths hit, each with the path
 * that triggered it. Conditional rows (`replaceWhen`) are judged on the old and new values.
 */
export function replaceReasons(rule: ReplaceRule, changedPaths: readonly string[], oldInputs: Record<string, any>, newInputs: Record<string, any>): string[] {
    const reasons = new Set<string>();
    for (const changed of changedPaths) {
        for (const p of rule.replaceOn) if (pathMatches(p, changed)) reasons.add(p);
        for (const [p, when] of Object.entries(rule.replaceWhen ?? {})) {
            if (pathMatches(p, changed) && when(valueAt(oldInputs, p), valueAt(newInputs, p), oldInputs, newInputs)) reasons.add(p);
        }
    }
    return [...reasons].sort();
}
