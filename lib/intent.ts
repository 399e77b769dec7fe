/**
 * Declared intent of a scenario: the flows that must work and the ones that must not. The
 * reachability model (issue 7) proves each one hop by hop on the recorded resource graph.
 */
import type { IpFamily } from "./cidr";

/**
 * The stack output that carries a scenario's flows (`stacks/index.ts` exports them), so that the
 * policy pack's `declared-flows-hold` rule finds them in a real `pulumi preview --policy-pack`:
 * stack rules see the root `pulumi:pulumi:Stack` resource with its outputs, and this one is plain
 * JSON from config, known in a preview.
 */
export const INTENT_OUTPUT = "intent";

/** Where a flow starts or ends, named by the logical resources of the scenario. */
export type FlowEndpoint =
    /** Pods of the EKS cluster component with this name (the component's resource name). */
    | { kind: "pods"; cluster: string }
    /** A network load balancer (aws.lb.LoadBalancer resource name). */
    | { kind: "nlb"; loadBalancer: string }
    /** An EC2 instance (aws.ec2.Instance resource name). */
    | { kind: "instance"; instance: string }
    /** A VPC interface endpoint (aws.ec2.VpcEndpoint resource name), as the consumer reaches it. */
    | { kind: "endpoint"; endpoint: string }
    /** A Lambda function (aws.lambda.Function resource name), as a client inside its VPC. */
    | { kind: "function"; function: string }
    /**
     * The ClusterIP of a Service in the EKS cluster component with this name: a virtual address
     * kube-proxy translates on that cluster's own nodes, so it never works from outside the cluster.
     */
    | { kind: "clusterIP"; cluster: string; service?: string }
    /** The internet, in the flow's family (destination only): every public address of that family. */
    | { kind: "internet" }
    /**
     * A plain CIDR (destination only), in the flow's family: inside a subnet of the graph it is
     * reached like an interface there without security groups; outside every VPC it is an external
     * network (public: through an internet gateway; private: through a target the model names).
     */
    | { kind: "cidr"; cidr: string }
    /**
     * An AWS service's regional endpoint (destination only), for example `s3`, `sts`, `ecr.api`:
     * `dualStack` when the endpoint name has AAAA records too (the service's dual-stack endpoint),
     * false for an IPv4-only endpoint. An interface VPC endpoint for the service with private DNS in
     * the client's VPC answers instead of the public endpoint.
     */
    | { kind: "aws-service"; service: string; dualStack: boolean };

export interface FlowIntent {
    /** One line: what the flow is, in the article's words. */
    name: string;
    from: FlowEndpoint;
    to: FlowEndpoint;
    /** The family the client uses (before any translation on the way). */
    family: IpFamily;
    /** TCP destination port. */
    port: number;
    /** `allow`: must work; `deny`: must not (a boundary the scenario demonstrates). */
    expect: "allow" | "deny";
}
