/**
 * The values the ExternalDNS chart 1.21.1 accepts.
 *
 * The chart ships a `values.schema.json` (draft-07), which Helm enforces: a wrong type or a value
 * outside an enum fails `helm install`. That schema leaves unknown keys open
 * (`additionalProperties: true` at the top), so a misspelt key is silently ignored. This table is
 * our own transcription of the schema's types and enums for every key, closed where the chart's
 * templates read the keys one by one (the top level, `image`, `serviceAccount`, `service`,
 * `serviceMonitor`, `rbac`, `secretConfiguration`, `global`, `provider`), and free where they pass a
 * block through with `toYaml` (`resources`, `securityContext`, `affinity`, probes...), which
 * Kubernetes then validates.
 *
 * Source: kubernetes-sigs/external-dns, `charts/external-dns/values.schema.json` and
 * `charts/external-dns/templates/`, tag external-dns-helm-chart-1.21.1 (commit
 * 9f26451346774099a8b3e3e5cc46a53bf2fd1461). Upstream licence: Apache-2.0.
 */
import { arr, bool, int, map, obj, str, types, type TableSchema } from "../tables";

const nullableStr = () => types("string", "null");
const nullableInt = () => types("integer", "null");

export const EXTERNAL_DNS_VALUES_1_21_1: TableSchema = obj({
    affinity: map(),
    annotationFilter: nullableStr(),
    annotationPrefix: nullableStr(),
    automountServiceAccountToken: bool(),
    commonLabels: map(),
    deploymentAnnotations: map(),
    deploymentStrategy: { type: "object", properties: { type: { type: "string", enum: ["Recreate", "RollingUpdate"] } }, additionalProperties: true },
    dnsConfig: types("object", "null"),
    dnsPolicy: nullableStr(),
    domainFilters: arr(),
    enableGatewayListenerSets: bool(),
    enabled: types("boolean", "null"),
    env: arr(),
    excludeDomains: arr(),
    extraArgs: { type: ["array", "null", "object"], uniqueItems: true, items: str() },
    extraContainers: arr(),
    extraVolumeMounts: arr(),
    extraVolumes: arr(),
    fullnameOverride: nullableStr(),
    gatewayNamespace: nullableStr(),
    global: obj({ imagePullSecrets: arr({ type: "object" }) }),
    image: obj({ pullPolicy: { type: "string", enum: ["IfNotPresent", "Always"] }, repository: str(), tag: nullableStr() }),
    imagePullSecrets: arr({ type: "object" }),
    initContainers: arr(),
    interval: str(),
    labelFilter: nullableStr(),
    livenessProbe: map(),
    logFormat: { type: "string", enum: ["text", "json"] },
    logLevel: { type: "string", enum: ["panic", "debug", "info", "warning", "error", "fatal"] },
    managedRecordTypes: { type: ["array", "null"], items: str() },
    nameOverride: nullableStr(),
    namespaceOverride: nullableStr(),
    namespaced: bool(),
    nodeSelector: map(),
    podAnnotations: map(),
    podLabels: map(),
    podSecurityContext: map(),
    policy: { type: "string", enum: ["create-only", "sync", "upsert-only"] },
    priorityClassName: nullableStr(),
    provider: { anyOf: [str(), obj({ name: str(), webhook: map() })] },
    rbac: obj({ additionalPermissions: arr(), create: bool() }),
    readinessProbe: map(),
    registry: { type: "string", enum: ["txt", "aws-sd", "dynamodb", "noop"] },
    resources: map(),
    revisionHistoryLimit: nullableInt(),
    secretConfiguration: obj({ data: map(), enabled: bool(), mountPath: nullableStr(), subPath: nullableStr() }),
    securityContext: map(),
    service: obj({
        annotations: map(),
        ipFamilies: { type: ["array", "null"], maxItems: 2, minItems: 0, uniqueItems: true, items: { type: "string", enum: ["IPv4", "IPv6"] } },
        ipFamilyPolicy: { type: ["string", "null"], enum: ["SingleStack", "PreferDualStack", "RequireDualStack", null] },
        port: int(),
    }),
    serviceAccount: obj({ annotations: map(), automountServiceAccountToken: bool(), create: bool(), labels: map(), name: nullableStr() }),
    serviceMonitor: obj({
        additionalLabels: map(),
        annotations: map(),
        bearerTokenFile: nullableStr(),
        enabled: bool(),
        interval: nullableStr(),
        metricRelabelings: arr(),
        namespace: nullableStr(),
        relabelings: arr(),
        scheme: nullableStr(),
        scrapeTimeout: nullableStr(),
        targetLabels: arr(),
        tlsConfig: map(),
    }),
    shareProcessNamespace: bool(),
    sourceNamespace: nullableStr(),
    sources: arr(str()),
    terminationGracePeriodSeconds: nullableInt(),
    tolerations: arr(),
    topologySpreadConstraints: arr(),
    triggerLoopOnEvent: bool(),
    txtOwnerId: nullableStr(),
    txtPrefix: nullableStr(),
    txtSuffix: nullableStr(),
});
