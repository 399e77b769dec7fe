/**
 * lib/aws/leftAfterDestroy.ts at its edges (issue 20, mutation survivors): every item's full text
 * (what, why, the command a user runs, the source) for a graph with one of each cause; where names
 * come from (inputs, outputs, vpcConfig), values a preview does not know, and resources of other
 * types that look alike. leftAfterDestroy.test.ts covers the fates of the typical cases.
 */
import * as assert from "assert";
import { leftAfterDestroy, type DestroyResource } from "../../../lib/aws/leftAfterDestroy";

const cluster = (inputs: Record<string, any>, outputs?: Record<string, any>): DestroyResource => ({ type: "aws:eks/cluster:Cluster", name: "c", inputs, outputs });
const fn = (inputs: Record<string, any>, outputs?: Record<string, any>): DestroyResource => ({ type: "aws:lambda/function:Function", name: "f", inputs, outputs });
const logGroup = (inputs: Record<string, any>, outputs?: Record<string, any>): DestroyResource => ({ type: "aws:cloudwatch/logGroup:LogGroup", name: "lg", inputs, outputs });
const rows = (rs: DestroyResource[]) => leftAfterDestroy(rs).map((i) => i.row);
const item = (rs: DestroyResource[], row: string, region?: string) => leftAfterDestroy(rs, region).filter((i) => i.row === row);

describe("lib/aws/leftAfterDestroy edges: every item's text", () => {
    it("one of each cause, default region: the full list, in order", () => {
        const graph: DestroyResource[] = [
            cluster({ name: "demo", enabledClusterLogTypes: ["api"], vpcConfig: { vpcId: "vpc-1" } }),
            { type: "aws:ec2/vpc:Vpc", name: "v", id: "vpc-1", inputs: {} },
            fn({ name: "probe", vpcConfig: { subnetIds: ["s"] } }),
            { type: "kubernetes:helm.sh/v3:Release", name: "edns", inputs: { chart: "external-dns" } },
            { type: "aws:route53/zone:Zone", name: "z", inputs: { name: "pods.internal" } },
            { type: "aws:ec2/vpnConnection:VpnConnection", name: "vpn", inputs: { transitGatewayId: "tgw-1" } },
            { type: "aws:lb/loadBalancer:LoadBalancer", name: "nlb", inputs: {} },
        ];
        assert.deepStrictEqual(leftAfterDestroy(graph), [
            {
                row: "eks-control-plane-logs", what: "log group /aws/eks/demo/cluster", cause: "c", fate: "left",
                why: "EKS creates it for control-plane logs, without a retention, and it outlives the cluster (aws/eks-hybrid#359)",
                command: "aws logs delete-log-group --region <region> --log-group-name /aws/eks/demo/cluster",
                source: "EKS User Guide, Send control plane logs to CloudWatch Logs",
            },
            {
                row: "guardduty-eks-endpoint", what: "VPC endpoint com.amazonaws.<region>.guardduty-data and security group GuardDutyManagedSecurityGroup-vpc-1", cause: "c", fate: "left in some accounts",
                why: "only where GuardDuty Runtime Monitoring manages the EKS agent automatically: GuardDuty adds them to the cluster's VPC, and the VPC's deletion fails until they are gone",
                command: "aws ec2 describe-vpc-endpoints --region <region> --filters Name=vpc-id,Values=vpc-1 Name=service-name,Values=com.amazonaws.<region>.guardduty-data --query 'VpcEndpoints[].VpcEndpointId' --output text | xargs -r aws ec2 delete-vpc-endpoints --region <region> --vpc-endpoint-ids; then aws ec2 delete-security-group --region <region> --group-id <GuardDutyManagedSecurityGroup id>",
                source: "GuardDuty User Guide, Runtime Monitoring: managing the automated security agent for Amazon EKS (VPC endpoint and security group)",
            },
            {
                row: "vpc-cni-enis", what: "network interfaces the VPC CNI created for pods", cause: "c", fate: "left in some accounts",
                why: "attached ones are deleted with their instance; one left unattached when aws-node is interrupted stays 'available' and blocks deleting its subnet",
                command: "aws ec2 describe-network-interfaces --region <region> --filters Name=vpc-id,Values=vpc-1 Name=status,Values=available Name=tag-key,Values=node.k8s.amazonaws.com/instance_id --query 'NetworkInterfaces[].NetworkInterfaceId' --output text, then aws ec2 delete-network-interface --network-interface-id <id> for each",
                source: "amazon-vpc-cni-k8s documentation (ENI tagging, leaked ENI cleanup)",
            },
            {
                row: "eks-managed", what: "the cluster security group, control-plane network interfaces, the node group's Auto Scaling group and instances", cause: "c", fate: "cleaned up",
                why: "EKS deletes them with the cluster and the node group", source: "EKS User Guide, Delete a cluster",
            },
            {
                row: "lambda-logs", what: "log group /aws/lambda/probe", cause: "f", fate: "left",
                why: "Lambda creates it on the first invocation, without a retention, and it outlives the function",
                command: "aws logs delete-log-group --region <region> --log-group-name /aws/lambda/probe",
                source: "Lambda Developer Guide, Sending Lambda function logs to CloudWatch Logs",
            },
            {
                row: "lambda-enis", what: "Lambda's VPC network interfaces", cause: "f", fate: "cleaned up",
                why: "Lambda deletes them after the function goes; the provider waits for that before deleting subnets and security groups (up to 45 minutes)",
                source: "Lambda Developer Guide, Giving Lambda functions access to resources in an Amazon VPC; terraform-provider-aws lambda function delete timeout",
            },
            {
                row: "external-dns-records", what: "records ExternalDNS wrote into pods.internal", cause: "z", fate: "left",
                why: "ExternalDNS may not get to delete them before it is removed, and Route 53 refuses to delete a zone with records (HostedZoneNotEmpty)",
                command: "set forceDestroy: true on the zone, or delete the AAAA/TXT records: aws route53 list-resource-record-sets --hosted-zone-id <zone id>",
                source: "Route 53 API Reference, DeleteHostedZone (HostedZoneNotEmpty)",
            },
            {
                row: "vpn-tgw-attachment", what: "the VPN connection's transit gateway attachment", cause: "vpn", fate: "cleaned up",
                why: "AWS creates it with the connection and deletes it with the connection (a VPN attachment cannot be deleted on its own); static routes to it are Pulumi's and go first",
                source: "Transit Gateway guide, Site-to-Site VPN attachments (create and delete through the VPN connection)",
            },
            {
                row: "lb-enis", what: "the load balancer's network interfaces", cause: "nlb", fate: "cleaned up",
                why: "Elastic Load Balancing deletes them with the load balancer", source: "ELB User Guide, Delete a Network Load Balancer",
            },
        ]);
    });

    it("owned log groups and a force-destroyed zone: their full items", () => {
        const graph: DestroyResource[] = [
            cluster({ name: "demo", enabledClusterLogTypes: ["api"] }),
            logGroup({ name: "/aws/eks/demo/cluster" }),
            fn({ name: "probe" }),
            logGroup({}, { name: "/aws/lambda/probe" }),
            { type: "kubernetes:helm.sh/v3:Release", name: "edns", inputs: { chart: "external-dns" } },
            { type: "aws:route53/zone:Zone", name: "z", id: "Z1", inputs: { name: "pods.internal", forceDestroy: true } },
        ];
        const items = leftAfterDestroy(graph);
        assert.deepStrictEqual(items.find((i) => i.row === "eks-control-plane-logs"), {
            row: "eks-control-plane-logs", what: "log group /aws/eks/demo/cluster", cause: "c", fate: "owned",
            why: "a Pulumi LogGroup of that name exists before the cluster, with a retention", source: "EKS User Guide, Send control plane logs to CloudWatch Logs",
        });
        assert.deepStrictEqual(items.find((i) => i.row === "lambda-logs"), {
            row: "lambda-logs", what: "log group /aws/lambda/probe", cause: "f", fate: "owned",
            why: "a Pulumi LogGroup of that name exists", source: "Lambda Developer Guide, Sending Lambda function logs to CloudWatch Logs",
        });
        assert.deepStrictEqual(items.find((i) => i.row === "external-dns-records"), {
            row: "external-dns-records", what: "records ExternalDNS wrote into pods.internal", cause: "z", fate: "cleaned up",
            why: "forceDestroy deletes the zone's records before the zone", source: "Route 53 API Reference, DeleteHostedZone (HostedZoneNotEmpty); Pulumi aws.route53.Zone forceDestroy",
        });
        assert.deepStrictEqual(items.map((i) => i.row), ["eks-control-plane-logs", "guardduty-eks-endpoint", "vpc-cni-enis", "eks-managed", "lambda-logs", "external-dns-records"]);
    });

    it("a zone with an id names it in the command", () => {
        const graph: DestroyResource[] = [
            { type: "kubernetes:helm.sh/v3:Release", name: "edns", inputs: { chart: "external-dns" } },
            { type: "aws:route53/zone:Zone", name: "z", id: "Z123", inputs: { name: "pods.internal" } },
        ];
        assert.strictEqual(item(graph, "external-dns-records")[0].command, "set forceDestroy: true on the zone, or delete the AAAA/TXT records: aws route53 list-resource-record-sets --hosted-zone-id Z123");
    });
});

describe("lib/aws/leftAfterDestroy edges: where names and ids come from", () => {
    it("the cluster's VPC: its vpcId (in the graph or not), vpcConfig.vpcId, or a placeholder", () => {
        const vpcOf = (rs: DestroyResource[]) => item(rs, "guardduty-eks-endpoint", "eu-west-1")[0].what;
        assert.strictEqual(vpcOf([cluster({ vpcId: "vpc-9" })]), "VPC endpoint com.amazonaws.eu-west-1.guardduty-data and security group GuardDutyManagedSecurityGroup-vpc-9");
        assert.match(vpcOf([cluster({ vpcConfig: { vpcId: "vpc-2" } }), { type: "aws:ec2/vpc:Vpc", name: "v", id: "vpc-2", inputs: {} }]), /GuardDutyManagedSecurityGroup-vpc-2$/);
        assert.match(vpcOf([cluster({})]), /GuardDutyManagedSecurityGroup-<vpc id>$/);
        assert.match(item([cluster({})], "vpc-cni-enis")[0].command!, /Values=<vpc id> Name=status/);
    });

    it("the cluster's name: from inputs, else outputs; unknown or empty names give no log group item", () => {
        assert.strictEqual(item([cluster({ enabledClusterLogTypes: ["api"] }, { name: "out" })], "eks-control-plane-logs")[0].what, "log group /aws/eks/out/cluster");
        for (const name of ["", "[unknown]", "[output]", "[secret]"]) {
            assert.deepStrictEqual(item([cluster({ name, enabledClusterLogTypes: ["api"] })], "eks-control-plane-logs"), [], name);
        }
        assert.deepStrictEqual(item([cluster({ enabledClusterLogTypes: ["api"] })], "eks-control-plane-logs"), []);
        // Only the whole value is a placeholder: names that contain the brackets are names.
        for (const name of ["x[unknown]", "[secret]x"]) {
            assert.strictEqual(item([cluster({ name, enabledClusterLogTypes: ["api"] })], "eks-control-plane-logs")[0].what, `log group /aws/eks/${name}/cluster`);
        }
    });

    it("a log group of another type, or without a known name, owns nothing", () => {
        const c = cluster({ name: "demo", enabledClusterLogTypes: ["api"] });
        const impostor: DestroyResource = { type: "aws:cloudwatch/logStream:LogStream", name: "ls", inputs: { name: "/aws/eks/demo/cluster" } };
        assert.strictEqual(item([c, impostor], "eks-control-plane-logs")[0].fate, "left");
        assert.strictEqual(item([c, logGroup({})], "eks-control-plane-logs")[0].fate, "left");
        assert.strictEqual(item([c, logGroup({}, { name: "/aws/eks/demo/cluster" })], "eks-control-plane-logs")[0].fate, "owned");
    });

    it("a function's name: from inputs, else outputs; a function without a known name and no loggingConfig has no log item", () => {
        assert.strictEqual(item([fn({}, { name: "out" })], "lambda-logs")[0].what, "log group /aws/lambda/out");
        assert.deepStrictEqual(item([fn({})], "lambda-logs"), []);
        assert.deepStrictEqual(item([fn({ name: "[unknown]" })], "lambda-logs"), []);
        assert.strictEqual(item([fn({ loggingConfig: { logGroup: "/probes/x" } })], "lambda-logs")[0].command, "aws logs delete-log-group --region <region> --log-group-name /probes/x");
    });

    it("Lambda ENIs only for a function in a VPC", () => {
        assert.deepStrictEqual(rows([fn({ name: "p" })]), ["lambda-logs"]);
        assert.deepStrictEqual(rows([fn({ name: "p", vpcConfig: { subnetIds: ["s"] } })]), ["lambda-logs", "lambda-enis"]);
    });

    it("ExternalDNS is a Helm release of the external-dns chart: neither another chart nor another type counts", () => {
        const zone: DestroyResource = { type: "aws:route53/zone:Zone", name: "z", inputs: { name: "pods.internal" } };
        assert.deepStrictEqual(rows([{ type: "kubernetes:helm.sh/v3:Release", name: "r", inputs: { chart: "cert-manager" } }, zone]), []);
        assert.deepStrictEqual(rows([{ type: "kubernetes:apps/v1:Deployment", name: "d", inputs: { chart: "external-dns" } }, zone]), []);
    });

    it("only VPN connections with a known transit gateway, and only load balancers, add items", () => {
        assert.deepStrictEqual(rows([{ type: "aws:ec2transitgateway/vpcAttachment:VpcAttachment", name: "a", inputs: { transitGatewayId: "tgw-1" } }]), []);
        assert.deepStrictEqual(rows([{ type: "aws:ec2/vpnConnection:VpnConnection", name: "v", inputs: { transitGatewayId: "[unknown]" } }]), []);
        assert.deepStrictEqual(rows([{ type: "aws:lb/targetGroup:TargetGroup", name: "tg", inputs: {} }]), []);
        assert.deepStrictEqual(leftAfterDestroy([]), []);
    });
});
