/**
 * Pulumi type tokens of the resources this repository builds, checks or models: one table, read
 * by the reachability model and the policy pack alike. Tokens are `@pulumi/aws` 7.x's (and
 * `@pulumi/eks` 4.x's remote components); a provider major upgrade that renames a module changes
 * them here only.
 */
export const RESOURCE_TYPES = {
    // VPC and addressing
    vpc: "aws:ec2/vpc:Vpc",
    ipv6Assoc: "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation",
    ipv4Assoc: "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation",
    subnet: "aws:ec2/subnet:Subnet",
    flowLog: "aws:ec2/flowLog:FlowLog",
    // Routing
    routeTable: "aws:ec2/routeTable:RouteTable",
    defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    route: "aws:ec2/route:Route",
    rtAssoc: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    mainRtAssoc: "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation",
    igw: "aws:ec2/internetGateway:InternetGateway",
    eigw: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
    nat: "aws:ec2/natGateway:NatGateway",
    vgw: "aws:ec2/vpnGateway:VpnGateway",
    customerGateway: "aws:ec2/customerGateway:CustomerGateway",
    vpnConnection: "aws:ec2/vpnConnection:VpnConnection",
    eip: "aws:ec2/eip:Eip",
    eipAssoc: "aws:ec2/eipAssociation:EipAssociation",
    peering: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    peeringAccepter: "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
    tgw: "aws:ec2transitgateway/transitGateway:TransitGateway",
    tgwAttachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    tgwRouteTable: "aws:ec2transitgateway/routeTable:RouteTable",
    tgwRoute: "aws:ec2transitgateway/route:Route",
    tgwAssoc: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    tgwPropagation: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    // Filtering
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    sgIngress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    sgEgress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    nacl: "aws:ec2/networkAcl:NetworkAcl",
    defaultNacl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    naclRule: "aws:ec2/networkAclRule:NetworkAclRule",
    naclAssoc: "aws:ec2/networkAclAssociation:NetworkAclAssociation",
    prefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
    prefixListEntry: "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry",
    // Compute
    instance: "aws:ec2/instance:Instance",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    lambda: "aws:lambda/function:Function",
    // Load balancing and PrivateLink
    lb: "aws:lb/loadBalancer:LoadBalancer",
    albLb: "aws:alb/loadBalancer:LoadBalancer",
    classicElb: "aws:elb/loadBalancer:LoadBalancer",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    albTargetGroup: "aws:alb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    albListener: "aws:alb/listener:Listener",
    tgAttachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    albTgAttachment: "aws:alb/targetGroupAttachment:TargetGroupAttachment",
    tgBinding: "kubernetes:elbv2.k8s.aws/v1beta1:TargetGroupBinding",
    endpointService: "aws:ec2/vpcEndpointService:VpcEndpointService",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    // EKS
    eksCluster: "aws:eks/cluster:Cluster",
    /** `@pulumi/eks`'s Cluster (a remote component). */
    eksComponent: "eks:index:Cluster",
    eksManagedNodeGroup: "eks:index:ManagedNodeGroup",
    eksNodeGroupV2: "eks:index:NodeGroupV2",
    eksNodeGroup: "eks:index:NodeGroup",
    eksVpcCni: "eks:index:VpcCniAddon",
    /** This repository's EksCluster component. */
    repoEksCluster: "ipv6-eks-interop:eks:EksCluster",
    addon: "aws:eks/addon:Addon",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    fargateProfile: "aws:eks/fargateProfile:FargateProfile",
    podIdentity: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    k8sProvider: "pulumi:providers:kubernetes",
    // IAM
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
} as const;
