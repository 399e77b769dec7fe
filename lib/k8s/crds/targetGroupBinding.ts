/**
 * The TargetGroupBinding custom resource (`elbv2.k8s.aws/v1beta1`), as its CRD defines it in the
 * AWS Load Balancer Controller chart this repository pins (chart 3.0.0, controller v3.0.0).
 *
 * Source: aws/eks-charts, `stable/aws-load-balancer-controller/crds/crds.yaml`, commit
 * 9b1ac4712da6d80aa1df2a2e2e6a61e2716876ff ("aws-load-balancer-controller: v3.0.0 (#1297)"),
 * CRD `targetgroupbindings.elbv2.k8s.aws`, version `v1beta1` (served, storage; `v1alpha1` is also
 * served and is not modelled here). The CRD is generated from the controller's Go types
 * (kubernetes-sigs/aws-load-balancer-controller `apis/elbv2/v1beta1/targetgroupbinding_types.go`,
 * tag v3.0.0). Upstream licence: Apache-2.0. This module is our own transcription of the CRD's
 * structure (field names, types, required fields, enums); descriptions are left out. Update it
 * with the chart pin (`loadBalancerController.chartVersion`).
 *
 * The API server prunes and rejects by this schema: with the default strict field validation an
 * unknown field is an error, a wrong type or a value outside an enum is always one.
 */
import { arr, bool, intOrString, map, obj, str, type TableSchema } from "../tables";

/** Where the table comes from, for messages and the plan's JSON. */
export const TARGET_GROUP_BINDING_SOURCE = {
    crd: "targetgroupbindings.elbv2.k8s.aws",
    version: "v1beta1",
    chart: "aws-load-balancer-controller 3.0.0",
    repository: "aws/eks-charts",
    path: "stable/aws-load-balancer-controller/crds/crds.yaml",
    commit: "9b1ac4712da6d80aa1df2a2e2e6a61e2716876ff",
    licence: "Apache-2.0",
} as const;

const labelSelectorRequirement = obj({ key: str(), operator: str(), values: arr(str()) }, ["key", "operator"]);

const spec = obj(
    {
        /** External ID for the role to assume (cross-account target groups). */
        assumeRoleExternalId: str(),
        /** Role to assume to reach a target group in another account. */
        iamRoleArnToAssume: str(),
        ipAddressType: { type: "string", enum: ["ipv4", "ipv6"] },
        multiClusterTargetGroup: bool(),
        networking: obj({
            ingress: arr(
                obj(
                    {
                        from: arr(obj({ ipBlock: obj({ cidr: str() }, ["cidr"]), securityGroup: obj({ groupID: str() }, ["groupID"]) })),
                        ports: arr(obj({ port: intOrString(), protocol: { type: "string", enum: ["TCP", "UDP"] } })),
                    },
                    ["from", "ports"],
                ),
            ),
        }),
        nodeSelector: obj({ matchExpressions: arr(labelSelectorRequirement), matchLabels: map(str()) }),
        serviceRef: obj({ name: str(), port: intOrString() }, ["name", "port"]),
        targetGroupARN: str(),
        targetGroupName: str(),
        targetGroupProtocol: { type: "string", enum: ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "QUIC", "TCP_QUIC"] },
        targetType: { type: "string", enum: ["instance", "ip"] },
        vpcID: str(),
    },
    ["serviceRef"],
);

/**
 * The whole object. `metadata` is the API server's ObjectMeta (the CRD declares only
 * `type: object`); `status` belongs to the controller and is not an input.
 */
export const TARGET_GROUP_BINDING_V1BETA1: TableSchema = obj({
    apiVersion: str(),
    kind: str(),
    metadata: map(),
    spec,
    status: map(),
});
