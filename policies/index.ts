/**
 * The `eks-ipv6-interop` CrossGuard policy pack. Rules live in rules/; see README.md.
 *
 *   pulumi preview --policy-pack policies --policy-pack-config policies/config.example.json
 */
import { PolicyPack } from "@pulumi/policy";
import { ALL_RULES } from "./rules";

new PolicyPack("eks-ipv6-interop", {
    description: "IPv6 rules for AWS networking and Amazon EKS: what AWS would reject, or silently break, after a deploy.",
    provider: "aws",
    tags: ["aws", "eks", "ipv6", "networking"],
    policies: [...ALL_RULES],
});
