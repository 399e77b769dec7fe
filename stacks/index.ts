/**
 * The scenario registry and the one code path that turns config into a running scenario. Both
 * `index.ts` (the Pulumi program) and the offline engine call `deploy`.
 */
import * as pulumi from "@pulumi/pulumi";
import { ScenarioRoot } from "../components/scenario";
import { PROJECT, parseConfig } from "../lib/config";
import { INTENT_OUTPUT } from "../lib/intent";
import { ConfigError, qualify } from "../lib/errors";
import { type DeployPlaceholder, findDeployPlaceholders, placeholderMessage } from "../lib/placeholders";
import { requireRegion } from "../lib/aws/regions";
import { nearMiss } from "../lib/suggest";
import type { Scenario } from "./scenario";
import { scenario as peeringIpv4Egress } from "./peering-ipv4-egress";
import { scenario as ipv4PodToIpv6Pod } from "./ipv4-pod-to-ipv6-pod";
import { scenario as tgwDualStack } from "./tgw-dual-stack";
import { scenario as privatelinkInterop } from "./privatelink-interop";
import { scenario as onpremVpnIpv4Egress } from "./onprem-vpn-ipv4-egress";

/** Every scenario, by stack name. */
export const SCENARIOS: Readonly<Record<string, Scenario<any>>> = {
    [peeringIpv4Egress.name]: peeringIpv4Egress,
    [ipv4PodToIpv6Pod.name]: ipv4PodToIpv6Pod,
    [tgwDualStack.name]: tgwDualStack,
    [privatelinkInterop.name]: privatelinkInterop,
    [onpremVpnIpv4Egress.name]: onpremVpnIpv4Egress,
};

/** The scenario for a name, or a ConfigError that lists the known ones. */
export function selectScenario(name: string | undefined): Scenario<any> {
    const s = name === undefined ? undefined : SCENARIOS[name];
    if (!s) {
        throw new ConfigError(`${PROJECT}:scenario`, name, nearMiss("not a scenario of this repository", name ?? "", Object.keys(SCENARIOS), `use one of ${Object.keys(SCENARIOS).join(", ")} (it defaults to the stack name)`));
    }
    return s;
}

/** Config values of the project's namespace, JSON-decoded, from a flat `ns:key -> string` map. */
export function namespaceValues(all: Record<string, string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(all)) {
        if (!k.startsWith(`${PROJECT}:`)) continue;
        const key = k.slice(PROJECT.length + 1);
        try {
            out[key] = JSON.parse(v);
        } catch {
            out[key] = v;
        }
    }
    return out;
}

export interface Prepared {
    scenario: Scenario<any>;
    config: unknown;
    region: string;
    /** Committed values that only fail on AWS (lib/placeholders.ts); empty when none is left. */
    placeholders: DeployPlaceholder[];
}

/**
 * What `prepare` does with placeholders: `up` (a real update) refuses them before any resource,
 * `preview` and `offline` (the engine's plan) return them so they can be reported.
 */
export type PrepareMode = "up" | "preview" | "offline";

/**
 * Validates everything before a resource is registered: the scenario name, the AWS region and
 * the scenario's config. Throws a ConfigError naming the key, the value and the fix.
 */
export function prepare(all: Record<string, string>, stack: string, mode: PrepareMode = "offline"): Prepared {
    const values = namespaceValues(all);
    const scenario = selectScenario(typeof values.scenario === "string" ? values.scenario : stack);
    const region = requireRegion("aws:region", all["aws:region"]).region;
    const config = parseConfig(scenario.schema, values);
    try {
        scenario.validate?.(config, { region });
    } catch (e) {
        throw qualify(e);
    }
    const placeholders = findDeployPlaceholders(values, PROJECT);
    if (mode === "up" && placeholders.length > 0) {
        throw new ConfigError(placeholders[0].key, placeholders[0].value, placeholderMessage(placeholders));
    }
    return { scenario, config, region, placeholders };
}

/** Builds the prepared scenario under a root component and returns its stack outputs. */
export function deploy(p: Prepared): Record<string, unknown> {
    try {
        const root = new ScenarioRoot(p.scenario.name, { region: p.region, scenario: p.scenario.name });
        return { ...p.scenario.build(p.config, root, { region: p.region }), [INTENT_OUTPUT]: p.scenario.flows(p.config) };
    } catch (e) {
        // Components name keys as paths (app.instanceType); pulumi config names them eks-ipv6-interop:app.instanceType.
        throw qualify(e);
    }
}

/** Flat `ns:key -> string` config of the running Pulumi program. */
export function programConfig(): Record<string, string> {
    return pulumi.runtime.allConfig();
}
