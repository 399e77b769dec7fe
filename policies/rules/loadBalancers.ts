/**
 * Load balancers serve both families; IPv6 target groups hold IP targets of one family and sit
 * behind dual-stack load balancers.
 */
import { hostCidr } from "../../lib/cidr";
import { DEFAULT_LB_IP_ADDRESS_TYPE, DUALSTACK_LB_IP_ADDRESS_TYPES, IPV6_TARGET_GROUP_TARGET_TYPE } from "../../lib/networkFacts";
import { resourceRule, stackRule } from "../support/rule";
import { LISTENERS, LOAD_BALANCERS, T, TARGET_GROUPS, familyOf } from "../support/network";
import { PolicyRes, StackView } from "../support/stack";
import { UNKNOWN, Unknown, describe, list, obj, str } from "../support/values";

export const loadBalancerDualStack = resourceRule({
    name: "load-balancer-dual-stack",
    description: "Application, Network and Gateway Load Balancers use ipAddressType dualstack (or dualstack-without-public-ipv4); Classic Load Balancers are not used.",
    enforcementLevel: "mandatory",
    severity: "medium",
    why: "An ipv4 load balancer publishes only A records, so IPv6-only clients, and IPv6 pods whose v4 egress is off, cannot reach it; Classic Load Balancers have no IPv6 in a VPC. Deliberately IPv4-only legacy load balancers carry an exemption tag with the reason.",
    source: "ELB guides, \"IP address types\" (Application and Network Load Balancers); Classic Load Balancer guide, \"IPv6\" (EC2-Classic only)",
    remediation: "Set ipAddressType: \"dualstack\" on the load balancer, with dual-stack subnets, or tag it with the exemption tag and the reason it stays IPv4-only.",
    types: [...LOAD_BALANCERS, T.classicElb],
    check(r, ctx) {
        if (r.type === T.classicElb) {
            ctx.report(`${describe(r)} is a Classic Load Balancer, which has no IPv6 in a VPC: replace it with an aws.lb.LoadBalancer with ipAddressType "dualstack".`);
            return;
        }
        const t = str(r.props.ipAddressType);
        if (t === UNKNOWN) return;
        const value = t ?? DEFAULT_LB_IP_ADDRESS_TYPE;
        if (!DUALSTACK_LB_IP_ADDRESS_TYPES.includes(value)) {
            ctx.report(`${describe(r)}: ipAddressType is ${t === undefined ? `unset (${DEFAULT_LB_IP_ADDRESS_TYPE})` : JSON.stringify(t)}, so IPv6 clients cannot reach it: set ipAddressType to "dualstack", or tag it ${ctx.config.exemptionTags[0]} = "load-balancer-dual-stack=<why it stays IPv4-only>".`);
        }
    },
});

/** Target groups a listener (or listener rule) forwards to; UNKNOWN when unresolvable. */
function forwardedTargetGroups(view: StackView, r: PolicyRes, key: string): PolicyRes[] | Unknown {
    const actions = list(r.props[key]);
    const arns: (string | Unknown)[] = [];
    if (actions === UNKNOWN) arns.push(UNKNOWN);
    else for (const a of actions) {
        const o = obj(a);
        if (o === UNKNOWN) { arns.push(UNKNOWN); continue; }
        if (!o) continue;
        const direct = str(o.targetGroupArn);
        if (direct !== undefined) arns.push(direct);
        const fwd = obj(o.forward);
        if (fwd === UNKNOWN) arns.push(UNKNOWN);
        else if (fwd) {
            const groups = list(fwd.targetGroups);
            if (groups === UNKNOWN) arns.push(UNKNOWN);
            else for (const g of groups) { const go = obj(g); const arn = go && go !== UNKNOWN ? str(go.arn) : UNKNOWN; if (arn !== undefined) arns.push(arn); }
        }
    }
    const found: PolicyRes[] = [];
    for (const arn of arns) {
        if (arn === UNKNOWN) {
            const deps = (r.propertyDependencies[key] ?? []).map((u) => view.byUrn.get(u)).filter((x): x is PolicyRes => !!x && (TARGET_GROUPS as readonly string[]).includes(x.type));
            if (deps.length === 0) return UNKNOWN;
            found.push(...deps);
        } else {
            const tg = view.resources.find((x) => (TARGET_GROUPS as readonly string[]).includes(x.type) && (str(x.props.arn) === arn || str(x.props.id) === arn));
            if (tg) found.push(tg);
        }
    }
    return [...new Set(found)];
}

export const ipv6TargetGroups = stackRule({
    name: "ipv6-target-group-requirements",
    description: "IPv6 target groups use targetType ip and receive traffic only from dual-stack load balancers; no target group mixes address families.",
    enforcementLevel: "mandatory",
    severity: "high",
    why: "ELB refuses an IPv6 target group with instance targets, refuses to attach one to an ipv4 load balancer, and refuses to register a target of the other family; each surfaces only mid-update.",
    source: "Network Load Balancers guide, \"Target groups\", \"IP address type\" (\"IPv6 target groups can only be associated with dualstack load balancers\", \"only support IP type targets\", \"All IP addresses within a target group must have the same IP address type\")",
    remediation: "Set targetType \"ip\" on IPv6 target groups, set ipAddressType \"dualstack\" on the load balancers that forward to them, and register only addresses of the target group's family.",
    check(view, ctx) {
        const family = (tg: PolicyRes) => str(tg.props.ipAddressType);
        for (const tg of view.ofType(...TARGET_GROUPS)) {
            if (family(tg) !== "ipv6") continue;
            const tt = str(tg.props.targetType);
            if (tt !== UNKNOWN && (tt ?? "instance") !== IPV6_TARGET_GROUP_TARGET_TYPE) {
                ctx.report(tg, `${describe(tg)} is an IPv6 target group with targetType ${JSON.stringify(tt ?? "instance")}: set targetType to "ip" and register pod or instance IPv6 addresses.`);
            }
        }
        for (const l of view.ofType(...LISTENERS, "aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule")) {
            const isRule = l.type.endsWith("listenerRule:ListenerRule");
            const tgs = forwardedTargetGroups(view, l, isRule ? "actions" : "defaultActions");
            if (tgs === UNKNOWN) continue;
            const v6 = tgs.filter((tg) => family(tg) === "ipv6");
            if (v6.length === 0) continue;
            let listener: PolicyRes | Unknown | undefined = l;
            if (isRule) listener = view.ref(l, "listenerArn", LISTENERS);
            if (!listener || listener === UNKNOWN) continue;
            const lb = view.ref(listener, "loadBalancerArn", LOAD_BALANCERS);
            if (!lb || lb === UNKNOWN) continue;
            const t = str(lb.props.ipAddressType);
            if (t === UNKNOWN) continue;
            if (!DUALSTACK_LB_IP_ADDRESS_TYPES.includes(t ?? DEFAULT_LB_IP_ADDRESS_TYPE)) {
                ctx.report(v6[0], `${describe(v6[0])} is an IPv6 target group behind ${describe(lb)}, whose ipAddressType is ${JSON.stringify(t ?? DEFAULT_LB_IP_ADDRESS_TYPE)}: set ipAddressType "dualstack" on ${describe(lb)}.`);
            }
        }
        for (const att of view.ofType(T.tgAttachment, T.albTgAttachment)) {
            const id = str(att.props.targetId);
            if (typeof id !== "string") continue;
            const cidr = hostCidr(id);
            const targetFamily = cidr ? familyOf(cidr) : undefined;
            if (!targetFamily) continue; // an instance ID or ARN
            const tg = view.ref(att, "targetGroupArn", TARGET_GROUPS);
            if (!tg || tg === UNKNOWN) continue;
            const f = family(tg);
            if (f === UNKNOWN) continue;
            const tgFamily = f ?? DEFAULT_LB_IP_ADDRESS_TYPE;
            if (tgFamily !== targetFamily) {
                ctx.report(att, `${describe(att)} registers the ${targetFamily === "ipv6" ? "IPv6" : "IPv4"} address ${id} in ${describe(tg)}, an ${tgFamily} target group: register an ${tgFamily} address, or use a separate ${targetFamily} target group.`);
            }
        }
    },
});
