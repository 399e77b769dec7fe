/**
 * The `env` and `init.env` keys the Amazon EKS `vpc-cni` add-on's configuration schema accepts
 * (`aws eks describe-addon-configuration --addon-name vpc-cni --addon-version V`, definitions
 * `Env` and `InitEnv`, both `additionalProperties: false`). One row per key, each with where it
 * was read and, when a source states it, the vpc-cni version that introduced the setting.
 *
 * Sources (named in each row):
 * - "schema v1.12": the schema printed in terraform-aws-modules/terraform-aws-eks#2427 (2023-02,
 *   a v1.12 add-on), keys ADDITIONAL_ENI_TAGS .. AWS_VPC_K8S_PLUGIN_LOG_LEVEL in order.
 * - "schema v1.18.6": `describe-addon-configuration --addon-version v1.18.6-eksbuild.1` printed in
 *   aws/amazon-vpc-cni-k8s#3059 (2024-11); adds AWS_EC2_ENDPOINT, AWS_EXTERNAL_SERVICE_CIDRS,
 *   AWS_MANAGE_ENIS_NON_SCHEDULABLE.
 * - "schema InitEnv": the `InitEnv` definition printed in terraform-aws-modules/terraform-aws-eks#2667.
 * - "README": amazon-vpc-cni-k8s README, "CNI Configuration Variables" (the chart values the
 *   add-on schema is generated from; the `(vX+)` in each heading is the `since`).
 * - "pulumi-eks": keys @pulumi/eks itself puts in the add-on's configurationValues
 *   (pulumi/pulumi-eks nodejs/eks/addons/cni-addon.ts computeEnv, commit 3328fbef): every default
 *   cluster sends WARM_ENI_TARGET, AWS_VPC_K8S_CNI_LOGLEVEL, AWS_VPC_K8S_CNI_LOG_FILE,
 *   AWS_VPC_K8S_CNI_VETHPREFIX, AWS_VPC_ENI_MTU, AWS_VPC_K8S_PLUGIN_LOG_LEVEL,
 *   AWS_VPC_K8S_PLUGIN_LOG_FILE, ENABLE_POD_ENI, AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG,
 *   AWS_VPC_K8S_CNI_EXTERNALSNAT in env and DISABLE_TCP_EARLY_DEMUX in init.env.
 *
 * Not measured here: the full schema of every add-on version (no AWS account). A key missing
 * from this table is reported as "not a key this table knows", not as rejected; keys the schema
 * is known to reject are in VPC_CNI_REJECTED_ENV_KEYS (lib/vpcCni.ts).
 */

export interface CniKey {
    /** The vpc-cni version that introduced the setting, when a source states it. */
    since?: string;
    /** Where the key was read (see the header). */
    source: string;
    meaning: string;
}

const S12 = "schema v1.12 (terraform-aws-eks#2427)";
const S18 = "schema v1.18.6-eksbuild.1 (amazon-vpc-cni-k8s#3059)";
const README = "amazon-vpc-cni-k8s README, CNI Configuration Variables";

/** `env` keys (the aws-node container). */
export const VPC_CNI_SCHEMA_ENV: Readonly<Record<string, CniKey>> = {
    ADDITIONAL_ENI_TAGS: { since: "1.6.0", source: `${S12}; ${S18}`, meaning: "tags added to every ENI the CNI creates" },
    ANNOTATE_POD_IP: { source: `${S12}; ${S18}`, meaning: "annotate pods with their IP" },
    AWS_EC2_ENDPOINT: { source: S18, meaning: "EC2 endpoint override" },
    AWS_EXTERNAL_SERVICE_CIDRS: { source: S18, meaning: "CIDRs reached through the node's primary interface" },
    AWS_MANAGE_ENIS_NON_SCHEDULABLE: { since: "1.12.6", source: `${S18}; ${README}`, meaning: "manage ENIs on non-schedulable nodes" },
    AWS_VPC_CNI_NODE_PORT_SUPPORT: { source: `${S12}; ${S18}`, meaning: "NodePort support on the primary interface" },
    AWS_VPC_ENI_MTU: { since: "1.6.0", source: `${S12}; ${S18}; pulumi-eks default 9001`, meaning: "MTU of attached ENIs" },
    AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: { source: `${S12}; pulumi-eks default false`, meaning: "custom networking (ENIConfig)" },
    AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: { since: "1.6.0", source: S12, meaning: "IPv4 CIDRs excluded from SNAT" },
    AWS_VPC_K8S_CNI_EXTERNALSNAT: { since: "1.0.0", source: `${S12}; pulumi-eks default false`, meaning: "leave SNAT to an external NAT device" },
    AWS_VPC_K8S_CNI_LOGLEVEL: { since: "1.0.0", source: `${S12}; pulumi-eks default DEBUG`, meaning: "ipamd log level" },
    AWS_VPC_K8S_CNI_LOG_FILE: { source: `${S12}; pulumi-eks default /host/var/log/aws-routed-eni/ipamd.log`, meaning: "ipamd log destination" },
    AWS_VPC_K8S_CNI_RANDOMIZESNAT: { source: S12, meaning: "SNAT source port randomisation" },
    AWS_VPC_K8S_CNI_VETHPREFIX: { source: `${S12}; pulumi-eks default eni`, meaning: "host-side veth name prefix" },
    AWS_VPC_K8S_PLUGIN_LOG_FILE: { source: `${S12}; pulumi-eks default /var/log/aws-routed-eni/plugin.log`, meaning: "CNI plugin log destination" },
    AWS_VPC_K8S_PLUGIN_LOG_LEVEL: { source: `${S12}; pulumi-eks default DEBUG`, meaning: "CNI plugin log level" },
    CLUSTER_ENDPOINT: { since: "1.12.1", source: README, meaning: "API server endpoint for ipamd" },
    DISABLE_INTROSPECTION: { source: README, meaning: "turn off the introspection endpoint" },
    DISABLE_METRICS: { source: README, meaning: "turn off the metrics endpoint" },
    DISABLE_NETWORK_RESOURCE_PROVISIONING: { since: "1.9.1", source: README, meaning: "rely on IMDS only for ENIs" },
    DISABLE_POD_V6: { since: "1.15.0", source: README, meaning: "IPv4 cluster: do not configure IPv6 on pod interfaces" },
    ENABLE_POD_ENI: { since: "1.7.0", source: `${README}; pulumi-eks default false`, meaning: "security groups for pods" },
    ENABLE_PREFIX_DELEGATION: { since: "1.9.0", source: README, meaning: "assign /28 (IPv4) prefixes to ENIs; automatic on IPv6 clusters" },
    ENABLE_V4_EGRESS: { since: "1.15.1", source: README, meaning: "IPv6 cluster: v4if0 169.254.172.0/22 address SNATed to the node's IPv4 (default true)" },
    ENABLE_V6_EGRESS: { since: "1.13.0", source: README, meaning: "IPv4 cluster: v6if0 ULA address SNATed to the node's IPv6 (default false)" },
    ENI_CONFIG_ANNOTATION_DEF: { source: README, meaning: "node annotation naming the ENIConfig" },
    ENI_CONFIG_LABEL_DEF: { source: `${README}; pulumi-eks eniConfigLabelDef`, meaning: "node label naming the ENIConfig" },
    MAX_ENI: { source: README, meaning: "maximum ENIs per node" },
    MINIMUM_IP_TARGET: { since: "1.6.0", source: README, meaning: "IPs allocated at start" },
    NETWORK_POLICY_ENFORCING_MODE: { source: "EKS user guide, \"Restrict Pod network traffic with Kubernetes network policies\" (add-on env); pulumi-eks sends it when network policies are on", meaning: "standard or strict network policy enforcement" },
    POD_SECURITY_GROUP_ENFORCING_MODE: { since: "1.11.0", source: README, meaning: "security groups for pods enforcement mode" },
    WARM_ENI_TARGET: { since: "1.0.0", source: `${README}; pulumi-eks default 1`, meaning: "ENIs kept warm per node" },
    WARM_IP_TARGET: { since: "1.0.0", source: README, meaning: "IPs kept warm per node" },
    WARM_PREFIX_TARGET: { since: "1.9.0", source: README, meaning: "prefixes kept warm per node" },
};

/** `init.env` keys (the aws-vpc-cni-init container). */
export const VPC_CNI_SCHEMA_INIT_ENV: Readonly<Record<string, CniKey>> = {
    DISABLE_TCP_EARLY_DEMUX: { since: "1.7.3", source: "schema InitEnv (terraform-aws-eks#2667); pulumi-eks default false", meaning: "kubelet TCP probes to pods with security groups" },
    ENABLE_V6_EGRESS: { since: "1.13.0", source: "schema InitEnv (terraform-aws-eks#2667); amazon-vpc-cni-k8s#3124", meaning: "set up v6if0 on the node (must match env)" },
};

/** Top-level keys of the schema (definition `VpcCni`) this repository knows. */
export const VPC_CNI_SCHEMA_TOP_LEVEL = ["env", "init", "nodeAgent", "resources", "tolerations", "affinity", "enableNetworkPolicy", "eniConfig"] as const;
