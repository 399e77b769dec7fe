/**
 * EC2 instance types: the EC2 API's InstanceType list as shipped in the AWS SDK for JavaScript
 * (lib/aws/instanceTypes.data.ts, generated from @aws-sdk/client-ec2, pinned in package.json, by
 * scripts/gen-aws-catalogues.ts; a test fails when the two drift), plus what EKS nodes need on
 * top: Nitro (lib/instanceTypes.ts, with its sources) and enough room for the node's system pods.
 */
import { ConfigError } from "../errors";
import { instanceFamily, isArm64, isNitro, XEN_FAMILIES } from "../instanceTypes";
import { nearMiss } from "../suggest";
import { EC2_INSTANCE_TYPES, SDK_CLIENT_EC2_VERSION } from "./instanceTypes.data";

export const INSTANCE_TYPES: ReadonlySet<string> = new Set(EC2_INSTANCE_TYPES);

/** What the instance runs: an EKS node or a plain demo app instance. */
export type InstanceRole = "node" | "app";

/**
 * Node sizes too small for an EKS node in these stacks, and why. Memory and vCPUs from the EC2
 * user guide, "Amazon EC2 instance types" specifications (general purpose: T3, T3a, T4g, A1,
 * M6g/M7g/M8g, C6g/C7g/C8g, R6g/R7g/R8g). The kubelet of the EKS-optimized AMIs reserves 255 MiB
 * plus 11 MiB per schedulable pod and keeps 100 MiB free before evicting (amazon-eks-ami,
 * kube-reserved formula in its bootstrap/nodeadm), and max pods per node come from the ENI limits
 * (amazon-eks-ami eni-max-pods.txt: t3.nano 4, t3.micro 4, t3.small 11, a1.medium 8).
 */
export function nodeTooSmall(instanceType: string): string | undefined {
    const size = instanceType.split(".")[1] ?? "";
    if (size === "nano") return "0.5 GiB of memory and at most 4 pods: the kubelet's reservation (255 MiB + 11 MiB a pod) and the 100 MiB eviction threshold leave almost nothing, and the VPC CNI, kube-proxy and two CoreDNS pods alone fill the 4 pod slots";
    if (size === "micro") return "1 GiB of memory and at most 4 pods: the VPC CNI, kube-proxy and two CoreDNS pods alone fill the 4 pod slots";
    if (size === "small") return "2 GiB of memory, most of it reserved by the kubelet and the VPC CNI and kube-proxy, too little for CoreDNS, the add-ons and the probe";
    if (size === "medium" && isArm64(instanceType) && !instanceType.startsWith("t")) return "1 vCPU: Graviton .medium sizes (other than T4g) have a single vCPU, shared by the kubelet, containerd, the VPC CNI and every pod";
    return undefined;
}

/**
 * Checks an instance type against the EC2 catalogue, then (nodes) Nitro and size, (apps) Nitro.
 * Throws a ConfigError naming `key`, the value, what is wrong and a fix.
 */
export function requireInstanceType(key: string, value: unknown, role: InstanceRole): string {
    const example = role === "node" ? "t3.medium, m7i.large or m7g.large" : "t3.micro or t4g.micro";
    if (typeof value !== "string") throw new ConfigError(key, value, `an instance type is a name such as ${example.split(",")[0]}; write it as text`);
    if (value.trim() !== value) {
        throw new ConfigError(key, value, `the value has leading or trailing spaces; remove them: "${value.trim()}"`);
    }
    if (!INSTANCE_TYPES.has(value)) {
        throw new ConfigError(key, value, nearMiss(`not an EC2 instance type (the EC2 API's list in @aws-sdk/client-ec2 ${SDK_CLIENT_EC2_VERSION})`, value, INSTANCE_TYPES, `use one such as ${example}`));
    }
    const family = instanceFamily(value);
    if (!isNitro(value)) {
        const why = role === "node"
            ? `${family} is ${XEN_FAMILIES.has(family) ? "a Xen (non-Nitro) family" : "not a Nitro family (lib/instanceTypes.ts)"}, and EKS IPv6 clusters and VPC CNI prefix assignment run only on Nitro instances`
            : `${family} is ${XEN_FAMILIES.has(family) ? "a previous-generation Xen (non-Nitro) family" : "not a Nitro family (lib/instanceTypes.ts)"}; the demo apps run on current Nitro types only (ENA networking and IPv6 targets alike, and t3.micro costs less per hour than t2.micro)`;
        throw new ConfigError(key, value, `${why}; use a Nitro type such as ${example}`);
    }
    if (role === "node") {
        const small = nodeTooSmall(value);
        if (small) throw new ConfigError(key, value, `too small for an EKS node: ${small}; use t3.medium (2 vCPU, 4 GiB) or larger`);
    }
    return value;
}
