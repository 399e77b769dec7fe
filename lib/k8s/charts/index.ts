/**
 * The charts whose values this repository can check, by chart name and version. A release of a
 * chart or version not listed here is reported as not checked (never passed silently).
 */
import type { TableSchema } from "../tables";
import { LBC_VALUES_3_0_0 } from "./awsLoadBalancerController";
import { EXTERNAL_DNS_VALUES_1_21_1 } from "./externalDns";

export interface ChartValuesTable {
    chart: string;
    version: string;
    /** What the table was written from (for messages): `values.schema.json` or the values.yaml key tree. */
    basis: "values.schema.json" | "values.yaml keys and template references";
    /** Where it was read: repository, path and commit. */
    source: string;
    schema: TableSchema;
}

export const CHART_VALUES_TABLES: readonly ChartValuesTable[] = [
    {
        chart: "aws-load-balancer-controller",
        version: "3.0.0",
        basis: "values.yaml keys and template references",
        source: "aws/eks-charts stable/aws-load-balancer-controller @ 9b1ac4712da6d80aa1df2a2e2e6a61e2716876ff",
        schema: LBC_VALUES_3_0_0,
    },
    {
        chart: "external-dns",
        version: "1.21.1",
        basis: "values.schema.json",
        source: "kubernetes-sigs/external-dns charts/external-dns @ external-dns-helm-chart-1.21.1 (9f26451346774099a8b3e3e5cc46a53bf2fd1461)",
        schema: EXTERNAL_DNS_VALUES_1_21_1,
    },
];

/** The chart's name from a release's `chart` input: `external-dns`, `repo/external-dns` or an OCI reference. */
export function chartName(chart: string): string {
    const last = chart.split("/").pop() ?? chart;
    return last.replace(/:.*$/, "").replace(/\.tgz$/, "");
}

/** The table for a chart and version, or undefined. Versions compare without a leading `v`. */
export function chartValuesTable(chart: string, version: string | undefined): ChartValuesTable | undefined {
    const name = chartName(chart);
    const v = (version ?? "").replace(/^v/, "");
    return CHART_VALUES_TABLES.find((t) => t.chart === name && t.version === v);
}
