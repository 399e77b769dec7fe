/**
 * AWS services from IPv6 pods (the article's first section): an IPv4-only service endpoint is
 * reached through the VPC CNI's egress IPv4 layer (`v4if0`, SNATed by the node, then the VPC's
 * NAT gateway), a dual-stack one over IPv6 with the pod's own address (the egress-only internet
 * gateway). The probe checks and the declared flows of a scenario whose IPv6 cluster has a way to
 * the internet, both built from the same endpoint table (lib/aws/serviceEndpoints.ts).
 */
import { PROBED_SERVICES, probedServiceHosts } from "./aws/serviceEndpoints";
import type { FlowIntent } from "./intent";
import { aOnlyCheck, failsCheck, type ProbeCheck, resolvesCheck, serviceAnswersCheck } from "./probes";

/** Why an IPv6 pod's IPv4 has no way out when the cluster VPC has no NAT gateway. */
const NO_NAT = "no NAT gateway in the cluster VPC: v4if0 traffic, SNATed to the node's private IPv4, has no way to a public address";

/** HTTPS: the port both probed endpoints answer on. */
export const AWS_SERVICE_PORT = 443;

/**
 * From an IPv6 pod: the IPv4-only endpoint's name has A records and no AAAA, and answers over IPv4
 * from v4if0; the dual-stack endpoint's name has AAAA records, and answers over IPv6 from the
 * pod's own address in `clusterVpcIpv6Cidr`. `ipv4Egress` false (the cluster VPC has no NAT
 * gateway): the IPv4 request must fail instead, the boundary such a VPC keeps.
 */
export function awsServiceChecks(region: string, clusterVpcIpv6Cidr: string, ipv4Egress = true): ProbeCheck[] {
    const hosts = probedServiceHosts(region);
    const v4 = serviceAnswersCheck("ipv4", hosts.ipv4Only, "v4if0", "IPv4-only AWS endpoint");
    return [
        aOnlyCheck(hosts.ipv4Only),
        ipv4Egress ? v4 : failsCheck(v4, NO_NAT),
        resolvesCheck(hosts.dualStack, "AAAA"),
        serviceAnswersCheck("ipv6", hosts.dualStack, { ipv6Cidr: clusterVpcIpv6Cidr }, "dual-stack AWS endpoint"),
    ];
}

/**
 * The flows the checks above prove on AWS, for the plan to prove on the model: both endpoints
 * reached from the pods of `cluster`, and the boundary the article explains, that an IPv6 pod has
 * no IPv6 way to an IPv4-only endpoint (its name has no AAAA, and DNS64 stays off where pods run).
 * `ipv4Egress` false (no NAT gateway in the cluster VPC): the IPv4 flow is declared denied.
 */
export function awsServiceFlows(cluster: string, ipv4Egress = true): FlowIntent[] {
    const pods = { kind: "pods", cluster } as const;
    const v4 = PROBED_SERVICES.ipv4Only.service;
    const ds = PROBED_SERVICES.dualStack.service;
    return [
        ipv4Egress
            ? { name: `IPv6 pod reaches the IPv4-only ${v4} endpoint over IPv4 (v4if0 SNAT, then the NAT gateway)`, from: pods, to: { kind: "aws-service", service: v4, dualStack: false }, family: "ipv4", port: AWS_SERVICE_PORT, expect: "allow" }
            : { name: `IPv6 pod cannot reach the IPv4-only ${v4} endpoint over IPv4 (${NO_NAT})`, from: pods, to: { kind: "aws-service", service: v4, dualStack: false }, family: "ipv4", port: AWS_SERVICE_PORT, expect: "deny" },
        { name: `IPv6 pod reaches the dual-stack ${ds} endpoint over IPv6 (its own address, the egress-only internet gateway)`, from: pods, to: { kind: "aws-service", service: ds, dualStack: true }, family: "ipv6", port: AWS_SERVICE_PORT, expect: "allow" },
        { name: `IPv6 pod has no IPv6 way to the IPv4-only ${v4} endpoint (no AAAA record, no DNS64 where pods run)`, from: pods, to: { kind: "aws-service", service: v4, dualStack: false }, family: "ipv6", port: AWS_SERVICE_PORT, expect: "deny" },
    ];
}

/** The commands a person runs from an IPv6 pod to see the same (for a stack's `checks` output). */
export function awsServiceManualCheck(region: string, image: string): string {
    const hosts = probedServiceHosts(region);
    const w = `-w "%{http_code} from %{local_ip}\\n"`;
    return `# AWS services from an IPv6 pod: the IPv4-only endpoint answers from v4if0 (169.254.172.x), the dual-stack one from the pod's IPv6:
kubectl run awscheck --rm -it --restart=Never --image=${image} -- sh -c 'dig +short AAAA ${hosts.ipv4Only}; curl -4 -sS -o /dev/null ${w} https://${hosts.ipv4Only}/; dig +short AAAA ${hosts.dualStack}; curl -6 -sS -o /dev/null ${w} https://${hosts.dualStack}/'`;
}
