/**
 * EKS semantics over a StackView, for both spellings a program can use: raw `aws.eks.Cluster`
 * and `@pulumi/eks`'s `eks:index:Cluster` component (whose AWS children the provider plugin
 * creates at deploy time; the offline engine records only the component and its inputs).
 */
import { PolicyRes, StackView } from "./stack";
import { T } from "./network";
import { UNKNOWN, Unknown, bool, list, obj, str } from "./values";

export type Family = "ipv4" | "ipv6";

/** Clusters of the stack: every eks:index:Cluster, and every aws.eks.Cluster that is not one's child. */
export function clusters(view: StackView): PolicyRes[] {
    const components = view.ofType(T.eksComponent);
    return [...components, ...view.ofType(T.eksCluster).filter((c) => !components.some((k) => k.urn === c.parent))];
}

/** The declared IP family of a cluster (EKS defaults to ipv4 when unset); UNKNOWN in a preview. */
export function clusterFamily(view: StackView, cluster: PolicyRes): Family | Unknown {
    const fromRaw = (c: PolicyRes): Family | Unknown => {
        const net = obj(c.props.kubernetesNetworkConfig);
        if (net === UNKNOWN) return UNKNOWN;
        const f = str(net?.ipFamily);
        return f === UNKNOWN ? UNKNOWN : f === "ipv6" ? "ipv6" : "ipv4";
    };
    if (cluster.type === T.eksCluster) return fromRaw(cluster);
    const f = str(cluster.props.ipFamily);
    if (f === UNKNOWN) return UNKNOWN;
    if (f === "ipv6" || f === "ipv4") return f;
    const child = view.children(cluster, T.eksCluster)[0];
    if (child) return fromRaw(child);
    const nested = obj(cluster.props.eksCluster);
    if (nested && nested !== UNKNOWN) {
        const net = obj(nested.kubernetesNetworkConfig);
        if (net === UNKNOWN) return UNKNOWN;
        if (str(net?.ipFamily) === "ipv6") return "ipv6";
    }
    return "ipv4";
}

/** True when two resources are the same cluster (a component and its aws.eks.Cluster child count as one). */
export function sameCluster(a: PolicyRes, b: PolicyRes): boolean {
    return a.urn === b.urn || a.parent === b.urn || b.parent === a.urn;
}

/** The cluster a node group, add-on, Fargate profile or pod identity association belongs to. */
export function clusterOf(view: StackView, r: PolicyRes): PolicyRes | Unknown | undefined {
    const key = r.type === T.eksManagedNodeGroup || r.type === T.eksNodeGroupV2 || r.type === T.eksNodeGroup ? "cluster" : "clusterName";
    const c = view.ref(r, key, [T.eksComponent, T.eksCluster]);
    if (c === UNKNOWN || c === undefined) return c;
    // Prefer the component when a raw child was matched by name.
    const parent = c.parent ? view.byUrn.get(c.parent) : undefined;
    return parent && parent.type === T.eksComponent ? parent : c;
}

export interface NodeGroupInfo {
    res: PolicyRes;
    /** Subnet IDs prop name. */
    subnetKey: string;
    instanceTypes: (string | Unknown)[];
    /** Where the instance types came from, for messages. */
    instanceTypeField: string;
}

/** Node-carrying resources of a cluster: managed node groups, @pulumi/eks node groups, the component's default node group. */
export function nodeGroupsOf(view: StackView, cluster: PolicyRes): NodeGroupInfo[] {
    const out: NodeGroupInfo[] = [];
    for (const ng of view.ofType(T.nodeGroup, T.eksManagedNodeGroup, T.eksNodeGroupV2, T.eksNodeGroup)) {
        const c = clusterOf(view, ng);
        if (!c || c === UNKNOWN || !sameCluster(c, cluster)) continue;
        const types: (string | Unknown)[] = [];
        let field = "instanceTypes";
        const l = list(ng.props.instanceTypes);
        if (l === UNKNOWN) types.push(UNKNOWN);
        else for (const t of l) { const s = str(t); if (s !== undefined) types.push(s); }
        const single = str(ng.props.instanceType);
        if (single !== undefined) { types.push(single); field = "instanceType"; }
        if (types.length === 0 && ng.type === T.nodeGroup) {
            const lt = obj(ng.props.launchTemplate);
            if (lt === UNKNOWN) types.push(UNKNOWN);
            else if (lt) {
                const tmpl = view.resources.find((r) => r.type === T.launchTemplate && ((typeof str(lt.id) === "string" && str(r.props.id) === str(lt.id)) || (typeof str(lt.name) === "string" && str(r.props.name) === str(lt.name))))
                    ?? (view.refs(ng, "launchTemplate", [T.launchTemplate]) as PolicyRes[] | Unknown);
                const t = Array.isArray(tmpl) ? (tmpl.length === 1 ? tmpl[0] : undefined) : tmpl === UNKNOWN ? undefined : tmpl;
                if (tmpl === UNKNOWN) types.push(UNKNOWN);
                else if (t) { const it = str(t.props.instanceType); if (it !== undefined) { types.push(it); field = `launch template ${t.name} instanceType`; } }
            }
        }
        out.push({ res: ng, subnetKey: "subnetIds", instanceTypes: types, instanceTypeField: field });
    }
    if (cluster.type === T.eksComponent) {
        const skip = bool(cluster.props.skipDefaultNodeGroup);
        if (skip === false || skip === undefined) {
            const it = str(cluster.props.instanceType);
            out.push({ res: cluster, subnetKey: "privateSubnetIds", instanceTypes: [it ?? "t3.medium"], instanceTypeField: "instanceType" });
        }
    }
    return out;
}

/** Subnet IDs props of a cluster (control-plane interfaces and, for @pulumi/eks, default nodes). */
export function clusterSubnetKeys(cluster: PolicyRes): string[] {
    return cluster.type === T.eksCluster ? ["vpcConfig"] : ["subnetIds", "privateSubnetIds", "publicSubnetIds"];
}

/** Subnets a cluster's control plane uses. */
export function clusterSubnets(view: StackView, cluster: PolicyRes): PolicyRes[] | Unknown {
    if (cluster.type === T.eksCluster) {
        const vc = obj(cluster.props.vpcConfig);
        if (vc === UNKNOWN) return UNKNOWN;
        const ids = list(vc?.subnetIds);
        if (ids === UNKNOWN || ids.some((x) => x === UNKNOWN)) {
            const deps = (cluster.propertyDependencies.vpcConfig ?? []).map((u) => view.byUrn.get(u)).filter((x): x is PolicyRes => x?.type === T.subnet);
            return deps.length > 0 ? deps : UNKNOWN;
        }
        return view.resources.filter((r) => r.type === T.subnet && ids.includes(str(r.props.id)));
    }
    const out: PolicyRes[] = [];
    for (const key of clusterSubnetKeys(cluster)) {
        const refs = view.refs(cluster, key, [T.subnet]);
        if (refs === UNKNOWN) return UNKNOWN;
        out.push(...refs);
    }
    return [...new Set(out)];
}

/** Every subnet where EKS nodes or Fargate pods run, with what puts them there. */
export function eksNodeSubnets(view: StackView): { subnet: PolicyRes; owner: PolicyRes }[] {
    const out: { subnet: PolicyRes; owner: PolicyRes }[] = [];
    const add = (owner: PolicyRes, key: string) => {
        const refs = view.refs(owner, key, [T.subnet]);
        if (refs !== UNKNOWN) for (const s of refs) out.push({ subnet: s, owner });
    };
    for (const ng of view.ofType(T.nodeGroup, T.fargateProfile, T.eksManagedNodeGroup, T.eksNodeGroupV2, T.eksNodeGroup)) add(ng, "subnetIds");
    for (const c of view.ofType(T.eksComponent)) {
        const skip = bool(c.props.skipDefaultNodeGroup);
        if (skip === false || skip === undefined) {
            add(c, "privateSubnetIds");
            if (view.refs(c, "privateSubnetIds", [T.subnet]) === UNKNOWN || (view.refs(c, "privateSubnetIds", [T.subnet]) as PolicyRes[]).length === 0) add(c, "subnetIds");
        }
    }
    return out;
}

/** The VPC a cluster lives in (from its vpcId, else from its subnets). */
export function clusterVpc(view: StackView, cluster: PolicyRes): PolicyRes | Unknown | undefined {
    if (cluster.type === T.eksComponent) {
        const v = view.ref(cluster, "vpcId", [T.vpc]);
        if (v) return v;
    }
    const subnets = clusterSubnets(view, cluster);
    if (subnets === UNKNOWN) return UNKNOWN;
    for (const s of subnets) {
        const v = view.ref(s, "vpcId", [T.vpc]);
        if (v) return v;
    }
    for (const ng of nodeGroupsOf(view, cluster)) {
        const subs = view.refs(ng.res, ng.subnetKey, [T.subnet]);
        if (subs === UNKNOWN) return UNKNOWN;
        for (const s of subs) {
            const v = view.ref(s, "vpcId", [T.vpc]);
            if (v) return v;
        }
    }
    return undefined;
}

/** The vpc-cni add-ons (aws.eks.Addon named vpc-cni, or @pulumi/eks VpcCniAddon) of a cluster. */
export function vpcCniAddonsOf(view: StackView, cluster: PolicyRes): PolicyRes[] {
    return view.ofType(T.addon, T.eksVpcCni).filter((a) => {
        if (a.type === T.addon && str(a.props.addonName) !== "vpc-cni") return false;
        const c = clusterOf(view, a);
        return c !== undefined && c !== UNKNOWN && sameCluster(c, cluster);
    });
}

/** Every resource under `r` in the parent tree (a remote component's children, once the provider registered them). */
export function descendantsOf(view: StackView, r: PolicyRes): PolicyRes[] {
    const out: PolicyRes[] = [];
    const walk = (u: string) => {
        for (const c of view.resources) if (c.parent === u) { out.push(c); walk(c.urn); }
    };
    walk(r.urn);
    return out;
}

const INSTANCE_PROFILE = "aws:iam/instanceProfile:InstanceProfile";

/**
 * The security groups @pulumi/eks's default node group runs with, read from the component's
 * children: the `<name>-nodeSecurityGroup` the provider creates (pulumi-eks
 * nodejs/eks/nodes/securitygroup.ts), else the group whose ID is the `nodeSecurityGroupId` output.
 * `opaque`: the component has no children in this graph (the offline engine records remote
 * components alone), so only its inputs can be judged. `UNKNOWN`: children exist but the group
 * cannot be told (a preview, or a group outside the stack).
 */
export function componentNodeSecurityGroups(view: StackView, cluster: PolicyRes): PolicyRes[] | Unknown | "opaque" {
    const below = descendantsOf(view, cluster);
    if (below.length === 0) return "opaque";
    const own = below.filter((r) => r.type === T.securityGroup && r.name === `${cluster.name}-nodeSecurityGroup`);
    if (own.length > 0) return own;
    const id = str(cluster.props.nodeSecurityGroupId);
    if (typeof id !== "string" || id === "") return UNKNOWN;
    const hit = view.resources.find((r) => r.type === T.securityGroup && str(r.props.id) === id);
    return hit ? [hit] : UNKNOWN;
}

/**
 * The roles the default node group of an @pulumi/eks cluster runs under, read from the
 * component's children: the role of each instance profile it created (pulumi-eks
 * createOrGetInstanceProfile), else the roles named by the `instanceRoles` output.
 * `opaque` and `UNKNOWN` as for componentNodeSecurityGroups.
 */
export function componentNodeRoles(view: StackView, cluster: PolicyRes): PolicyRes[] | Unknown | "opaque" {
    const below = descendantsOf(view, cluster);
    if (below.length === 0) return "opaque";
    const roles: PolicyRes[] = [];
    for (const profile of below.filter((r) => r.type === INSTANCE_PROFILE)) {
        const role = view.ref(profile, "role", [T.role]);
        if (role === UNKNOWN || role === undefined) return UNKNOWN;
        roles.push(role);
    }
    if (roles.length > 0) return [...new Set(roles)];
    const declared = list(cluster.props.instanceRoles);
    if (declared === UNKNOWN) return UNKNOWN;
    for (const item of declared) {
        const key = str(item);
        const role = typeof key === "string" ? view.resources.find((r) => r.type === T.role && [str(r.props.id), str(r.props.name), str(r.props.arn), r.urn].includes(key)) : undefined;
        if (!role) return UNKNOWN;
        roles.push(role);
    }
    return roles.length > 0 ? roles : UNKNOWN;
}
