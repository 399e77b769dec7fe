/**
 * What AWS or a controller creates on a stack's behalf, outside Pulumi's state, and what becomes
 * of it on `pulumi destroy`: owned (the program creates it first, so Pulumi deletes it), cleaned
 * up (AWS or the provider removes it with its owner), or left (listed with why and the command
 * that removes it). `conditional` items happen only in some accounts.
 *
 * Sources per row below.
 */

export interface DestroyResource {
    type: string;
    name: string;
    id?: string;
    inputs: Record<string, any>;
    outputs?: Record<string, any>;
}

export type DestroyFate = "owned" | "cleaned up" | "left" | "left in some accounts";

export interface DestroyItem {
    row: string;
    /** What AWS or the controller creates. */
    what: string;
    /** Which resource of the graph causes it. */
    cause: string;
    fate: DestroyFate;
    why: string;
    /** How to remove it by hand (left items). */
    command?: string;
    source: string;
}

const known = (v: unknown): v is string => typeof v === "string" && v !== "" && !/^\[(unknown|output|secret)\]$/.test(v);
const EKS = ["eks:index:Cluster", "aws:eks/cluster:Cluster"];

/** Every item for a graph's resources. */
export function leftAfterDestroy(resources: readonly DestroyResource[], region = "<region>"): DestroyItem[] {
    const logGroups = new Set(resources.filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup").map((r) => r.inputs.name ?? r.outputs?.name).filter(known));
    const byId = new Map(resources.filter((r) => r.id).map((r) => [r.id!, r]));
    const out: DestroyItem[] = [];
    for (const c of resources.filter((r) => EKS.includes(r.type))) {
        const name = c.inputs.name ?? c.outputs?.name;
        const types = c.inputs.enabledClusterLogTypes;
        const vpc = byId.get(c.inputs.vpcId ?? c.inputs.vpcConfig?.vpcId)?.id ?? c.inputs.vpcId ?? "<vpc id>";
        if (Array.isArray(types) && types.length > 0 && known(name)) {
            const group = `/aws/eks/${name}/cluster`;
            out.push(logGroups.has(group)
                ? { row: "eks-control-plane-logs", what: `log group ${group}`, cause: c.name, fate: "owned", why: "a Pulumi LogGroup of that name exists before the cluster, with a retention", source: "EKS User Guide, Send control plane logs to CloudWatch Logs" }
                : { row: "eks-control-plane-logs", what: `log group ${group}`, cause: c.name, fate: "left", why: "EKS creates it for control-plane logs, without a retention, and it outlives the cluster (aws/eks-hybrid#359)", command: `aws logs delete-log-group --region ${region} --log-group-name ${group}`, source: "EKS User Guide, Send control plane logs to CloudWatch Logs" });
        }
        out.push({
            row: "guardduty-eks-endpoint", what: `VPC endpoint com.amazonaws.${region}.guardduty-data and security group GuardDutyManagedSecurityGroup-${vpc}`, cause: c.name, fate: "left in some accounts",
            why: "only where GuardDuty Runtime Monitoring manages the EKS agent automatically: GuardDuty adds them to the cluster's VPC, and the VPC's deletion fails until they are gone",
            command: `aws ec2 describe-vpc-endpoints --region ${region} --filters Name=vpc-id,Values=${vpc} Name=service-name,Values=com.amazonaws.${region}.guardduty-data --query 'VpcEndpoints[].VpcEndpointId' --output text | xargs -r aws ec2 delete-vpc-endpoints --region ${region} --vpc-endpoint-ids; then aws ec2 delete-security-group --region ${region} --group-id <GuardDutyManagedSecurityGroup id>`,
            source: "GuardDuty User Guide, Runtime Monitoring: managing the automated security agent for Amazon EKS (VPC endpoint and security group)",
        });
        out.push({
            row: "vpc-cni-enis", what: "network interfaces the VPC CNI created for pods", cause: c.name, fate: "left in some accounts",
            why: "attached ones are deleted with their instance; one left unattached when aws-node is interrupted stays 'available' and blocks deleting its subnet",
            command: `aws ec2 describe-network-interfaces --region ${region} --filters Name=vpc-id,Values=${vpc} Name=status,Values=available Name=tag-key,Values=node.k8s.amazonaws.com/instance_id --query 'NetworkInterfaces[].NetworkInterfaceId' --output text, then aws ec2 delete-network-interface --network-interface-id <id> for each`,
            source: "amazon-vpc-cni-k8s documentation (ENI tagging, leaked ENI cleanup)",
        });
        out.push({ row: "eks-managed", what: "the cluster security group, control-plane network interfaces, the node group's Auto Scaling group and instances", cause: c.name, fate: "cleaned up", why: "EKS deletes them with the cluster and the node group", source: "EKS User Guide, Delete a cluster" });
    }
    for (const f of resources.filter((r) => r.type === "aws:lambda/function:Function")) {
        const name = f.inputs.name ?? f.outputs?.name;
        const group = f.inputs.loggingConfig?.logGroup ?? (known(name) ? `/aws/lambda/${name}` : undefined);
        if (!known(group)) continue;
        out.push(logGroups.has(group)
            ? { row: "lambda-logs", what: `log group ${group}`, cause: f.name, fate: "owned", why: "a Pulumi LogGroup of that name exists", source: "Lambda Developer Guide, Sending Lambda function logs to CloudWatch Logs" }
            : { row: "lambda-logs", what: `log group ${group}`, cause: f.name, fate: "left", why: "Lambda creates it on the first invocation, without a retention, and it outlives the function", command: `aws logs delete-log-group --region ${region} --log-group-name ${group}`, source: "Lambda Developer Guide, Sending Lambda function logs to CloudWatch Logs" });
        if (f.inputs.vpcConfig) out.push({ row: "lambda-enis", what: "Lambda's VPC network interfaces", cause: f.name, fate: "cleaned up", why: "Lambda deletes them after the function goes; the provider waits for that before deleting subnets and security groups (up to 45 minutes)", source: "Lambda Developer Guide, Giving Lambda functions access to resources in an Amazon VPC; terraform-provider-aws lambda function delete timeout" });
    }
    const externalDns = resources.some((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "external-dns");
    if (externalDns) {
        for (const z of resources.filter((r) => r.type === "aws:route53/zone:Zone")) {
            out.push(z.inputs.forceDestroy === true
                ? { row: "external-dns-records", what: `records ExternalDNS wrote into ${z.inputs.name}`, cause: z.name, fate: "cleaned up", why: "forceDestroy deletes the zone's records before the zone", source: "Route 53 API Reference, DeleteHostedZone (HostedZoneNotEmpty); Pulumi aws.route53.Zone forceDestroy" }
                : { row: "external-dns-records", what: `records ExternalDNS wrote into ${z.inputs.name}`, cause: z.name, fate: "left", why: "ExternalDNS may not get to delete them before it is removed, and Route 53 refuses to delete a zone with records (HostedZoneNotEmpty)", command: `set forceDestroy: true on the zone, or delete the AAAA/TXT records: aws route53 list-resource-record-sets --hosted-zone-id ${z.id ?? "<zone id>"}`, source: "Route 53 API Reference, DeleteHostedZone (HostedZoneNotEmpty)" });
        }
    }
    for (const vpn of resources.filter((r) => r.type === "aws:ec2/vpnConnection:VpnConnection" && known(r.inputs.transitGatewayId))) {
        out.push({ row: "vpn-tgw-attachment", what: "the VPN connection's transit gateway attachment", cause: vpn.name, fate: "cleaned up", why: "AWS creates it with the connection and deletes it with the connection (a VPN attachment cannot be deleted on its own); static routes to it are Pulumi's and go first", source: "Transit Gateway guide, Site-to-Site VPN attachments (create and delete through the VPN connection)" });
    }
    for (const lb of resources.filter((r) => r.type === "aws:lb/loadBalancer:LoadBalancer")) {
        out.push({ row: "lb-enis", what: "the load balancer's network interfaces", cause: lb.name, fate: "cleaned up", why: "Elastic Load Balancing deletes them with the load balancer", source: "ELB User Guide, Delete a Network Load Balancer" });
    }
    return out;
}
