/**
 * EKS: the IP family is explicit; IPv6 clusters run Nitro nodes in dual-stack subnets with the
 * CNI's IPv6 permissions; the vpc-cni add-on's configuration is one its schema accepts; IPv4
 * clusters that route IPv6 to IPv6 clusters turn on v6 egress.
 */
import { CNI_CREATE_TAGS_RESOURCE, CNI_IPV4_MANAGED_POLICY, CNI_IPV6_ACTIONS } from "../../lib/iam";
import { XEN_FAMILIES, instanceFamily, isNitro } from "../../lib/instanceTypes";
import { VPC_CNI_ENV_KEYS, VPC_CNI_INIT_ENV_KEYS, VPC_CNI_IPV6_FLOOR, cniAtLeast, cniSemver, v6EgressEnabled, vpcCniConfigurationProblems } from "../../lib/vpcCni";
import { resourceRule, stackRule } from "../support/rule";
import { RouteEntry, T, routesOf, subnetHasIpv6, subnetIpv6Only, vpcDualStack } from "../support/network";
import { allows, roleStatements } from "../support/iam";
import { clusterFamily, clusterOf, clusterSubnets, clusterVpc, clusters, componentNodeRoles, componentNodeSecurityGroups, nodeGroupsOf, sameCluster, vpcCniAddonsOf } from "../support/eks";
import { PolicyRes, StackView } from "../support/stack";
import { UNKNOWN, bool, describe, list, obj, str } from "../support/values";

export const eksDeclaresIpFamily = resourceRule({
    name: "eks-cluster-declares-ip-family",
    description: "Every EKS cluster states its IP family (ipFamily on @pulumi/eks, kubernetesNetworkConfig.ipFamily on aws.eks.Cluster).",
    enforcementLevel: "mandatory",
    severity: "medium",
    why: "The family cannot change after creation; an unstated family silently becomes ipv4, and moving to IPv6 later means a new cluster.",
    source: "EKS user guide, \"IPv6 addresses for clusters, Pods, and services\" (\"You can't change the family after you create the cluster\")",
    remediation: "Set ipFamily: \"ipv6\" (or \"ipv4\" deliberately) on the cluster.",
    types: [T.eksComponent, T.eksCluster],
    check(r, ctx) {
        if (r.type === T.eksComponent) {
            const f = str(r.props.ipFamily);
            if (f === undefined) ctx.report(`${describe(r)} does not set ipFamily, so it becomes an IPv4 cluster for good: set ipFamily to "ipv6" (or "ipv4" deliberately).`);
            else if (f !== UNKNOWN && f !== "ipv4" && f !== "ipv6") ctx.report(`${describe(r)}: ipFamily is ${JSON.stringify(f)}; set it to "ipv6" or "ipv4".`);
            return;
        }
        const net = obj(r.props.kubernetesNetworkConfig);
        if (net === UNKNOWN) return;
        const f = str(net?.ipFamily);
        if (f === undefined) ctx.report(`${describe(r)} does not set kubernetesNetworkConfig.ipFamily, so it becomes an IPv4 cluster for good: set kubernetesNetworkConfig.ipFamily to "ipv6" (or "ipv4" deliberately).`);
    },
});

export const eksVpcDns = stackRule({
    name: "eks-vpc-dns-support",
    description: "The VPC of every EKS cluster sets enableDnsSupport and enableDnsHostnames to true.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "Nodes resolve the cluster's private endpoint and register by their DNS names; enableDnsHostnames defaults to false on a new VPC, and nodes then never join (node group creation times out after some 20 minutes).",
    source: "EKS user guide, \"View Amazon EKS networking requirements for VPC and subnets\" (\"The VPC must have DNS hostname and DNS resolution support\")",
    remediation: "Set enableDnsSupport: true and enableDnsHostnames: true on the aws.ec2.Vpc.",
    check(view, ctx) {
        const seen = new Set<PolicyRes>();
        for (const cluster of clusters(view)) {
            const vpc = clusterVpc(view, cluster);
            if (!vpc || vpc === UNKNOWN || seen.has(vpc)) continue;
            seen.add(vpc);
            const support = bool(vpc.props.enableDnsSupport);
            const hostnames = bool(vpc.props.enableDnsHostnames);
            const off = [support === false ? "enableDnsSupport" : undefined, hostnames === false || hostnames === undefined ? "enableDnsHostnames" : undefined].filter((x): x is string => !!x);
            if (off.length > 0) ctx.report(vpc, `${describe(vpc)} hosts the EKS cluster ${describe(cluster)} but ${off.join(" and ")} ${off.length > 1 ? "are" : "is"} not true: set ${off.map((f) => `${f}: true`).join(" and ")}.`);
        }
    },
});

/** Whether a security group (in the stack) has an IPv6 egress rule: true, false or UNKNOWN. */
function hasIpv6Egress(view: StackView, sg: PolicyRes): boolean | typeof UNKNOWN {
    let unknown = false;
    const inline = list(sg.props.egress);
    if (inline === UNKNOWN) unknown = true;
    else for (const e of inline) {
        const o = obj(e);
        if (o === UNKNOWN) { unknown = true; continue; }
        const v6 = o ? list(o.ipv6CidrBlocks) : [];
        if (v6 === UNKNOWN) unknown = true;
        else if (v6.length > 0) return true;
    }
    for (const r of view.referrers(sg, [T.sgEgress], "securityGroupId")) {
        const c = str(r.props.cidrIpv6);
        if (typeof c === "string") return true;
        if (c === UNKNOWN) unknown = true;
    }
    for (const r of view.referrers(sg, [T.sgRule], "securityGroupId")) {
        const type = str(r.props.type);
        const v6 = list(r.props.ipv6CidrBlocks);
        if (type === UNKNOWN || v6 === UNKNOWN) { unknown = true; continue; }
        if (type === "egress" && v6.length > 0) return true;
    }
    if (view.ofType(T.sgEgress, T.sgRule).some((r) => view.refs(r, "securityGroupId", [T.securityGroup]) === UNKNOWN)) unknown = true;
    return unknown ? UNKNOWN : false;
}

export const eksNodeIpv6Egress = stackRule({
    name: "eks-node-ipv6-egress",
    description: "EKS nodes that have IPv6 addresses (IPv6 clusters, or node subnets with IPv6) have a security group that allows IPv6 egress.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "Node and pod software prefers AAAA answers: with IPv4-only egress, aws-node and CoreDNS cannot reach the API server or upstream resolvers over IPv6 and crash-loop, and workloads in dual-stack subnets time out before falling back to IPv4. @pulumi/eks's default node security group has IPv4-only egress.",
    source: "pulumi-eks#1700; terraform-aws-modules/terraform-aws-eks#3300; EKS user guide, \"View Amazon EKS security group requirements for clusters\"",
    remediation: "Add an egress rule with cidrIpv6 \"::/0\" (aws.vpc.SecurityGroupEgressRule) to the node security group; with @pulumi/eks set skipDefaultSecurityGroups and supply your own dual-stack node security group.",
    check(view, ctx) {
        for (const cluster of clusters(view)) {
            const family = clusterFamily(view, cluster);
            if (family === UNKNOWN) continue;
            if (family === "ipv6" && cluster.type === T.eksComponent && bool(cluster.props.skipDefaultNodeGroup) !== true && bool(cluster.props.skipDefaultNodeGroup) !== UNKNOWN) {
                const groups = componentNodeSecurityGroups(view, cluster);
                if (groups === "opaque") {
                    // Only the component's inputs are in the graph: the default node security group is
                    // used unless the program skips it or passes its own (an input; never an output).
                    const skipSgs = bool(cluster.props.skipDefaultSecurityGroups);
                    if (skipSgs !== true && skipSgs !== UNKNOWN && cluster.props.nodeSecurityGroup === undefined) {
                        ctx.report(cluster, `${describe(cluster)} is an IPv6 cluster whose default node group uses @pulumi/eks's default node security group, which allows only IPv4 egress (pulumi-eks#1700): set skipDefaultSecurityGroups to true and give the nodes a security group with an egress rule to "::/0".`);
                    }
                } else if (groups !== UNKNOWN) {
                    const states = groups.map((g) => hasIpv6Egress(view, g));
                    if (!states.includes(true) && !states.includes(UNKNOWN)) {
                        ctx.report(groups[0], `${describe(groups[0])} is the node security group of the IPv6 cluster ${describe(cluster)}'s default node group and allows no IPv6 egress (pulumi-eks#1700): add an egress rule to "::/0" (aws.vpc.SecurityGroupEgressRule with cidrIpv6) or set skipDefaultSecurityGroups and give the nodes a dual-stack security group.`);
                    }
                }
            }
            for (const ng of nodeGroupsOf(view, cluster)) {
                if (ng.res.type !== T.nodeGroup) continue;
                let nodesHaveIpv6 = family === "ipv6";
                if (!nodesHaveIpv6) {
                    const subs = view.refs(ng.res, "subnetIds", [T.subnet]);
                    if (subs === UNKNOWN) continue;
                    nodesHaveIpv6 = subs.some((s) => subnetHasIpv6(s) === true);
                }
                if (!nodesHaveIpv6) continue;
                const lt = obj(ng.res.props.launchTemplate);
                if (!lt || lt === UNKNOWN) continue; // no template: EKS attaches the cluster security group
                const tmpl = view.resources.find((r) => r.type === T.launchTemplate && ((typeof str(lt.id) === "string" && str(r.props.id) === str(lt.id)) || (typeof str(lt.name) === "string" && str(r.props.name) === str(lt.name))))
                    ?? view.ref(ng.res, "launchTemplate", [T.launchTemplate]);
                if (!tmpl || tmpl === UNKNOWN) continue;
                const ids = list(tmpl.props.vpcSecurityGroupIds);
                if (ids === UNKNOWN || ids.length === 0) continue;
                const groups = view.refs(tmpl, "vpcSecurityGroupIds", [T.securityGroup]);
                if (groups === UNKNOWN || groups.length < ids.length) continue; // a group outside the stack (such as the EKS cluster security group) may allow it
                const states = groups.map((g) => hasIpv6Egress(view, g));
                if (states.includes(true) || states.includes(UNKNOWN)) continue;
                ctx.report(tmpl, `${describe(tmpl)} gives the nodes of ${describe(ng.res)} (which have IPv6 addresses) only ${groups.map(describe).join(", ")}, none of which allows IPv6 egress: add an aws.vpc.SecurityGroupEgressRule with cidrIpv6 "::/0" to ${describe(groups[0])}.`);
            }
        }
    },
});

export const eksIpv6NitroNodes = stackRule({
    name: "eks-ipv6-nodes-nitro",
    description: "Node groups of IPv6 clusters use instance types built on the Nitro System.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "IPv6 clusters assign pod addresses by prefix delegation, which only Nitro instances support; Xen-based nodes never become Ready.",
    source: "EKS user guide, \"IPv6 addresses for clusters, Pods, and services\" (\"Nitro-based EC2 nodes required\"); EC2 user guide, \"Instances built on the AWS Nitro System\"",
    remediation: "Use a Nitro instance type such as t3.medium, m7i.large or m7g.large.",
    check(view, ctx) {
        for (const cluster of clusters(view)) {
            if (clusterFamily(view, cluster) !== "ipv6") continue;
            for (const ng of nodeGroupsOf(view, cluster)) {
                for (const t of ng.instanceTypes) {
                    // Only known Xen families are reported: every family launched since 2017 is Nitro, so an
                    // unrecognised (newer) family is not a violation.
                    if (typeof t === "string" && !isNitro(t) && XEN_FAMILIES.has(instanceFamily(t))) {
                        ctx.report(ng.res, `${describe(ng.res)} runs ${t} (Xen family ${instanceFamily(t)}) in the IPv6 cluster ${describe(cluster)}: set ${ng.instanceTypeField} to a Nitro type such as t3.medium or m7i.large.`);
                    }
                }
            }
        }
    },
});

export const eksIpv6DualStackSubnets = stackRule({
    name: "eks-dual-stack-subnets",
    description: "IPv6 clusters and their node groups use subnets with an IPv6 /64; no cluster runs nodes in IPv6-only subnets.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "EKS IPv6 needs dual-stack subnets for the control-plane interfaces and nodes; the VPC CNI needs a node IPv4 address, so IPv6-only subnets cannot host nodes of either family.",
    source: "EKS user guide, \"IPv6 addresses for clusters, Pods, and services\"; containers-roadmap#1805",
    remediation: "Give the subnets an ipv6CidrBlock (with assignIpv6AddressOnCreation) and keep ipv6Native false where nodes run.",
    check(view, ctx) {
        for (const cluster of clusters(view)) {
            const family = clusterFamily(view, cluster);
            const groups: { owner: PolicyRes; subnets: PolicyRes[]; nodes: boolean }[] = [];
            const cs = clusterSubnets(view, cluster);
            if (cs !== UNKNOWN) groups.push({ owner: cluster, subnets: cs, nodes: false });
            for (const ng of nodeGroupsOf(view, cluster)) {
                const subs = view.refs(ng.res, ng.subnetKey, [T.subnet]);
                if (subs !== UNKNOWN) groups.push({ owner: ng.res, subnets: subs, nodes: true });
            }
            for (const g of groups) {
                for (const s of g.subnets) {
                    if (g.nodes && subnetIpv6Only(s) === true) {
                        ctx.report(s, `${describe(s)} is IPv6-only (ipv6Native) but ${describe(g.owner)} puts EKS nodes in it: nodes need an IPv4 address; use a dual-stack subnet (cidrBlock and ipv6CidrBlock, ipv6Native false).`);
                    } else if (family === "ipv6" && subnetHasIpv6(s) === false) {
                        ctx.report(s, `${describe(s)} has no IPv6 block but ${describe(g.owner)} uses it for the IPv6 cluster ${describe(cluster)}: set ipv6CidrBlock to a /64 of the VPC's block and assignIpv6AddressOnCreation to true.`);
                    }
                }
            }
        }
    },
});

/** Roles the VPC CNI of a cluster runs with: IRSA or Pod Identity roles of its vpc-cni add-on, else its nodes' roles. */
function cniRoles(view: StackView, cluster: PolicyRes): { roles: PolicyRes[]; via: string } | typeof UNKNOWN | undefined {
    const roles: PolicyRes[] = [];
    let unresolved = false;
    for (const addon of vpcCniAddonsOf(view, cluster)) {
        const sa = str(addon.props.serviceAccountRoleArn);
        if (sa !== undefined) {
            const role = view.ref(addon, "serviceAccountRoleArn", [T.role]);
            if (role && role !== UNKNOWN) roles.push(role);
            else unresolved = true;
        }
        const pia = list(addon.props.podIdentityAssociations);
        if (pia === UNKNOWN) unresolved = true;
        else for (const item of pia) {
            const o = obj(item);
            const arn = o && o !== UNKNOWN ? str(o.roleArn) : UNKNOWN;
            const role = typeof arn === "string" ? view.resources.find((r) => r.type === T.role && str(r.props.arn) === arn) : undefined;
            if (role) roles.push(role);
            else unresolved = true;
        }
    }
    for (const pia of view.ofType(T.podIdentity)) {
        if (str(pia.props.serviceAccount) !== "aws-node" || str(pia.props.namespace) !== "kube-system") continue;
        const c = clusterOf(view, pia);
        if (!c || c === UNKNOWN || !sameCluster(c, cluster)) continue;
        const role = view.ref(pia, "roleArn", [T.role]);
        if (role && role !== UNKNOWN) roles.push(role);
        else unresolved = true;
    }
    if (unresolved) return UNKNOWN;
    if (roles.length > 0) return { roles, via: "the vpc-cni add-on's service-account role" };
    for (const ng of nodeGroupsOf(view, cluster)) {
        if (ng.res.type === T.eksComponent) {
            // The component's default node group: its roles when the provider's children are in the
            // graph (a real preview or state); otherwise see the caller.
            const own = componentNodeRoles(view, ng.res);
            if (own === UNKNOWN) return UNKNOWN;
            if (own !== "opaque") roles.push(...own);
            continue;
        }
        if (ng.res.type !== T.nodeGroup) return UNKNOWN; // @pulumi/eks node roles are created by the provider
        const role = view.ref(ng.res, "nodeRoleArn", [T.role]);
        if (!role || role === UNKNOWN) return UNKNOWN;
        roles.push(role);
    }
    return roles.length > 0 ? { roles, via: "the node role (the add-on has no service-account role)" } : undefined;
}

export const eksIpv6CniPermissions = stackRule({
    name: "eks-ipv6-cni-permissions",
    description: "The role the VPC CNI of an IPv6 cluster uses (the vpc-cni add-on's service-account role, else the node role) allows the IPv6 CNI actions.",
    enforcementLevel: "mandatory",
    severity: "critical",
    why: "No AWS-managed policy grants ec2:AssignIpv6Addresses (AmazonEKS_CNI_Policy is IPv4-only); without it, and since vpc-cni 1.22.1 without DescribeSubnets and DescribeSecurityGroups, aws-node never assigns pod addresses and nodes stay NotReady.",
    source: "EKS user guide, \"Create an IAM policy for clusters that use the IPv6 family\"; containers-roadmap#1843; pulumi-eks#1522; amazon-vpc-cni-k8s release notes v1.22.1",
    remediation: `Attach a policy allowing ${CNI_IPV6_ACTIONS.join(", ")} on "*" and ec2:CreateTags on ${CNI_CREATE_TAGS_RESOURCE} to the role in the vpc-cni add-on's serviceAccountRoleArn (lib/iam.ts cniIpv6PolicyDocument).`,
    check(view, ctx) {
        for (const cluster of clusters(view)) {
            if (clusterFamily(view, cluster) !== "ipv6") continue;
            const found = cniRoles(view, cluster);
            if (found === UNKNOWN) continue;
            if (found === undefined) {
                // @pulumi/eks's own instance role carries only the managed IPv4 CNI policy (pulumi-eks#1522).
                const skip = bool(cluster.props.skipDefaultNodeGroup);
                // instanceRole and instanceRoles are inputs; the component's instanceRoles output exists
                // only once children are recorded, and then cniRoles has read the real roles.
                const ownRoles = cluster.props.instanceRole !== undefined || cluster.props.instanceRoles !== undefined;
                if (cluster.type === T.eksComponent && skip !== true && skip !== UNKNOWN && !ownRoles) {
                    ctx.report(cluster, `${describe(cluster)} is an IPv6 cluster whose default node group runs the VPC CNI under @pulumi/eks's default instance role, which has only ${CNI_IPV4_MANAGED_POLICY.split("/").pop()} (pulumi-eks#1522): add an aws.eks.Addon "vpc-cni" with serviceAccountRoleArn set to a role with the IPv6 CNI policy (lib/iam.ts cniIpv6PolicyDocument), or pass instanceRole with that policy attached.`);
                }
                continue;
            }
            for (const role of found.roles) {
                const statements = roleStatements(view, role);
                if (statements === UNKNOWN) continue;
                const missing: string[] = CNI_IPV6_ACTIONS.filter((a) => !allows(statements, a, "*"));
                if (!allows(statements, "ec2:CreateTags", CNI_CREATE_TAGS_RESOURCE.replace(/\*/g, "x"))) missing.push(`ec2:CreateTags on ${CNI_CREATE_TAGS_RESOURCE}`);
                if (missing.length > 0) {
                    ctx.report(role, `${describe(role)} is ${found.via} of the IPv6 cluster ${describe(cluster)} but does not allow ${missing.join(", ")}: attach a policy with these actions (lib/iam.ts cniIpv6PolicyDocument) to it.`);
                }
            }
        }
    },
});

/** The configurationValues document of an add-on resource as JSON text; UNKNOWN or undefined. */
function configurationText(r: PolicyRes): string | typeof UNKNOWN | undefined {
    const v = r.props.configurationValues;
    if (v === UNKNOWN) return UNKNOWN;
    if (typeof v === "string") return v;
    if (v && typeof v === "object") return JSON.stringify(v);
    return undefined;
}

export const vpcCniConfiguration = resourceRule({
    name: "vpc-cni-configuration-values",
    description: "The vpc-cni add-on's configurationValues use only keys its schema accepts, as strings, with ENABLE_V6_EGRESS in both env and init.env, on a version that has each setting.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "The add-on schema rejects unknown keys (ENABLE_IPv6 included) when the add-on is created; v6 egress set only in env silently does nothing because the init container sets up the interface; a pinned version older than a setting ignores it.",
    source: "aws eks describe-addon-configuration --addon-name vpc-cni (table lib/aws/vpcCniSchema.ts); amazon-vpc-cni-k8s#3124; amazon-vpc-cni-k8s README (ENABLE_V6_EGRESS v1.13.0+, ENABLE_V4_EGRESS v1.15.1+, DISABLE_POD_V6 v1.15.0+)",
    remediation: "Build configurationValues with lib/vpcCni.ts buildVpcCniConfiguration, for example {\"env\":{\"ENABLE_V6_EGRESS\":\"true\"},\"init\":{\"env\":{\"ENABLE_V6_EGRESS\":\"true\"}}}.",
    types: [T.addon, T.eksVpcCni],
    check(r, ctx) {
        if (r.type === T.addon && str(r.props.addonName) !== "vpc-cni") return;
        const text = configurationText(r);
        if (text === UNKNOWN || text === undefined) return;
        for (const p of vpcCniConfigurationProblems(text)) ctx.report(`${describe(r)}: configurationValues: ${p}.`);
        const version = str(r.props.addonVersion);
        if (typeof version !== "string" || !cniSemver(version)) return;
        let doc: any;
        try { doc = JSON.parse(text); } catch { return; }
        const check = (where: string, env: unknown, table: Readonly<Record<string, { since?: string }>>) => {
            if (!env || typeof env !== "object") return;
            for (const k of Object.keys(env)) {
                const since = table[k]?.since;
                if (since && !cniAtLeast(version, since)) ctx.report(`${describe(r)}: ${where}.${k} needs vpc-cni ${since} or later but addonVersion is ${version}: set addonVersion to ${since} or later (or leave it unset for the latest).`);
            }
        };
        check("env", doc?.env, VPC_CNI_ENV_KEYS);
        check("init.env", doc?.init?.env, VPC_CNI_INIT_ENV_KEYS);
    },
});

export const eksIpv6VpcCniVersion = stackRule({
    name: "eks-ipv6-vpc-cni-version",
    description: `A pinned vpc-cni add-on version on an IPv6 cluster is ${VPC_CNI_IPV6_FLOOR} or later.`,
    enforcementLevel: "mandatory",
    severity: "high",
    why: "Older VPC CNI versions cannot assign IPv6 pod addresses; the add-on installs but pods never get addresses.",
    source: "EKS user guide, \"IPv6 addresses for clusters, Pods, and services\" (VPC CNI version requirement)",
    remediation: `Set addonVersion to ${VPC_CNI_IPV6_FLOOR} or later, or leave it unset to get the latest for the Kubernetes version.`,
    check(view, ctx) {
        for (const cluster of clusters(view)) {
            if (clusterFamily(view, cluster) !== "ipv6") continue;
            for (const addon of vpcCniAddonsOf(view, cluster)) {
                const v = str(addon.props.addonVersion);
                if (typeof v === "string" && cniSemver(v) && !cniAtLeast(v, VPC_CNI_IPV6_FLOOR)) {
                    ctx.report(addon, `${describe(addon)}: addonVersion ${v} is older than ${VPC_CNI_IPV6_FLOOR}, the first that supports IPv6 clusters like ${describe(cluster)}: set addonVersion to a newer version or leave it unset.`);
                }
            }
        }
    },
});

/** VPCs hosting an IPv6 cluster. */
function ipv6ClusterVpcs(view: StackView): PolicyRes[] {
    const out: PolicyRes[] = [];
    for (const c of clusters(view)) {
        if (clusterFamily(view, c) !== "ipv6") continue;
        const v = clusterVpc(view, c);
        if (v && v !== UNKNOWN) out.push(v);
    }
    return out;
}

/** The transit gateway a resource's transitGatewayId names: its URN when in the stack, else the ID; undefined when unknown. */
function gatewayKey(view: StackView, r: PolicyRes): string | undefined {
    const g = view.ref(r, "transitGatewayId", [T.tgw]);
    if (g && g !== UNKNOWN) return g.urn;
    const id = str(r.props.transitGatewayId);
    return typeof id === "string" ? id : undefined;
}

/**
 * Whether a route goes over one of `joins`: an aws.ec2.Route names its peering or transit gateway;
 * an inline route, or a target not known yet, counts by its kind alone.
 */
function routeOverJoin(view: StackView, route: RouteEntry, joins: { via: PolicyRes; kind: "pcx" | "tgw" }[]): boolean {
    if (route.inline || route.res.type !== T.route) return true;
    if (route.target === "pcx") {
        const p = view.ref(route.res, "vpcPeeringConnectionId", [T.peering]);
        return !p || p === UNKNOWN || joins.some((j) => j.kind === "pcx" && j.via === p);
    }
    const g = gatewayKey(view, route.res);
    return g === undefined || joins.some((j) => j.kind === "tgw" && gatewayKey(view, j.via) === g);
}

/** Peerings and TGW attachments that join `vpc` to one of `others`, with the route target kind they use. */
function joinsTo(view: StackView, vpc: PolicyRes, others: PolicyRes[]): { via: PolicyRes; kind: "pcx" | "tgw" }[] {
    const out: { via: PolicyRes; kind: "pcx" | "tgw" }[] = [];
    for (const p of view.ofType(T.peering)) {
        const a = view.ref(p, "vpcId", [T.vpc]);
        const b = view.ref(p, "peerVpcId", [T.vpc]);
        if ((a === vpc && b && b !== UNKNOWN && others.includes(b)) || (b === vpc && a && a !== UNKNOWN && others.includes(a))) out.push({ via: p, kind: "pcx" });
    }
    const attachments = view.ofType(T.tgwAttachment);
    const gatewayOf = (att: PolicyRes) => gatewayKey(view, att);
    for (const mine of attachments.filter((a) => view.ref(a, "vpcId", [T.vpc]) === vpc)) {
        const g = gatewayOf(mine);
        if (!g) continue;
        if (attachments.some((o) => o !== mine && gatewayOf(o) === g && others.includes(view.ref(o, "vpcId", [T.vpc]) as PolicyRes))) out.push({ via: mine, kind: "tgw" });
    }
    return out;
}

export const ipv4ClusterV6Egress = stackRule({
    name: "eks-ipv4-cluster-v6-egress",
    description: "An IPv4 cluster in a dual-stack VPC that routes IPv6 over a peering or transit gateway to a VPC hosting an IPv6 cluster turns on v6 egress in its vpc-cni add-on (env and init.env).",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "IPv6 cluster pods have only IPv6 addresses. Pods of an IPv4 cluster reach them only through the CNI's v6 egress (a v6if0 ULA SNATed to the node's IPv6); with the routes in place but the flag off, nodes connect and pods silently do not.",
    source: "Article part 3, figures 7a and 7b; amazon-vpc-cni-k8s README (ENABLE_V6_EGRESS); amazon-vpc-cni-k8s#3124",
    remediation: "Set configurationValues of the cluster's vpc-cni add-on to {\"env\":{\"ENABLE_V6_EGRESS\":\"true\"},\"init\":{\"env\":{\"ENABLE_V6_EGRESS\":\"true\"}}}.",
    check(view, ctx) {
        const targets = ipv6ClusterVpcs(view);
        if (targets.length === 0) return;
        for (const cluster of clusters(view)) {
            if (clusterFamily(view, cluster) !== "ipv4") continue;
            const vpc = clusterVpc(view, cluster);
            if (!vpc || vpc === UNKNOWN || targets.includes(vpc) || vpcDualStack(view, vpc) !== true) continue;
            const joins = joinsTo(view, vpc, targets);
            if (joins.length === 0) continue;
            const kinds = new Set(joins.map((j) => j.kind));
            const tables = view.referrers(vpc, [T.routeTable], "vpcId");
            const routesIpv6 = tables.some((t) => routesOf(view, t).routes.some((r) => r.family === "ipv6" && kinds.has(r.target as "pcx" | "tgw") && routeOverJoin(view, r, joins)));
            if (!routesIpv6) continue;
            const addons = vpcCniAddonsOf(view, cluster);
            if (addons.length === 0) {
                ctx.report(cluster, `${describe(cluster)} is an IPv4 cluster whose VPC routes IPv6 to an IPv6 cluster's VPC over ${describe(joins[0].via)}, but it has no vpc-cni add-on to enable v6 egress: add an aws.eks.Addon "vpc-cni" with configurationValues {"env":{"ENABLE_V6_EGRESS":"true"},"init":{"env":{"ENABLE_V6_EGRESS":"true"}}}.`);
                continue;
            }
            for (const addon of addons) {
                const text = configurationText(addon);
                if (text === UNKNOWN) continue;
                if (!v6EgressEnabled(text)) {
                    ctx.report(addon, `${describe(addon)} belongs to the IPv4 cluster ${describe(cluster)}, whose VPC routes IPv6 to an IPv6 cluster's VPC over ${describe(joins[0].via)}, but v6 egress is off: set configurationValues to {"env":{"ENABLE_V6_EGRESS":"true"},"init":{"env":{"ENABLE_V6_EGRESS":"true"}}}.`);
                }
            }
        }
    },
});
