/**
 * Every rule of the pack, in README order. `policies/index.ts` builds the PolicyPack from this
 * list; the offline engine and the tests evaluate the same list.
 */
import type { Rule } from "../support/rule";
import { cidrFamilyMatchesField } from "./addressing";
import { eksDeclaresIpFamily, eksNodeIpv6Egress, eksVpcDns, eksIpv6CniPermissions, eksIpv6DualStackSubnets, eksIpv6NitroNodes, eksIpv6VpcCniVersion, ipv4ClusterV6Egress, vpcCniConfiguration } from "./eks";
import { exemptionHasReason, setKnownRuleNames } from "./exemptions";
import { imagesPinnedByDigest } from "./images";
import { ipv6TargetGroups, loadBalancerDualStack } from "./loadBalancers";
import { endpointServiceDualStack, interfaceEndpointIpType } from "./privateLink";
import { declaredFlowsHold } from "./reachability";
import { privateIpv6Egress, publicIpv6Default } from "./routes";
import { eksPublicEndpointRestricted, icmpv6FromPeers, imdsv2Required, ipv6Counterpart, noWorldIngress, vpcFlowLogs } from "./security";
import { joinedVpcsIpv4Disjoint, tgwAttachmentIpv6 } from "./transitGateway";
import { dns64NeedsNat64Route, noDns64WhereEksNodesRun, subnetAssignsIpv6, subnetIpv6Block64, subnetIpv6InsideVpc, vpcDualStackRule, vpcIpv6WithoutSubnets } from "./vpc";

export const ALL_RULES: readonly Rule[] = [
    // VPCs and subnets
    vpcDualStackRule,
    vpcIpv6WithoutSubnets,
    subnetAssignsIpv6,
    subnetIpv6Block64,
    subnetIpv6InsideVpc,
    dns64NeedsNat64Route,
    noDns64WhereEksNodesRun,
    // Routes and addressing
    privateIpv6Egress,
    publicIpv6Default,
    cidrFamilyMatchesField,
    // EKS
    eksDeclaresIpFamily,
    eksVpcDns,
    eksIpv6NitroNodes,
    eksIpv6DualStackSubnets,
    eksNodeIpv6Egress,
    eksIpv6CniPermissions,
    vpcCniConfiguration,
    eksIpv6VpcCniVersion,
    ipv4ClusterV6Egress,
    // Load balancers and PrivateLink
    loadBalancerDualStack,
    ipv6TargetGroups,
    endpointServiceDualStack,
    interfaceEndpointIpType,
    // Joining VPCs
    tgwAttachmentIpv6,
    joinedVpcsIpv4Disjoint,
    // Declared flows (reachability model)
    declaredFlowsHold,
    // Security
    noWorldIngress,
    ipv6Counterpart,
    icmpv6FromPeers,
    imdsv2Required,
    eksPublicEndpointRestricted,
    vpcFlowLogs,
    imagesPinnedByDigest,
    // Exemptions
    exemptionHasReason,
];

setKnownRuleNames(ALL_RULES.map((r) => r.name));
