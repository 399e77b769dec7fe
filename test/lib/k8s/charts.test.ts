/**
 * lib/k8s/charts: reading a chart's name from a release's `chart` input, and finding the value
 * table of exactly that chart and version.
 */
import * as assert from "assert";
import { CHART_VALUES_TABLES, chartName, chartValuesTable } from "../../../lib/k8s/charts";

describe("lib/k8s/charts", () => {
    it("chartName: the last path segment, without a tag or a .tgz suffix", () => {
        assert.strictEqual(chartName("external-dns"), "external-dns");
        assert.strictEqual(chartName("eks/aws-load-balancer-controller"), "aws-load-balancer-controller");
        assert.strictEqual(chartName("oci://registry.example/charts/external-dns:1.21.1"), "external-dns");
        assert.strictEqual(chartName("external-dns:1.21.1"), "external-dns");
        assert.strictEqual(chartName("external-dns:v1"), "external-dns");
        assert.strictEqual(chartName("./charts/external-dns-1.21.1.tgz"), "external-dns-1.21.1");
        // Only a trailing .tgz is a package suffix.
        assert.strictEqual(chartName("my.tgz-chart"), "my.tgz-chart");
    });

    it("chartValuesTable: the table for that chart and that version (a leading v ignored), none otherwise", () => {
        assert.strictEqual(chartValuesTable("aws-load-balancer-controller", "3.0.0"), CHART_VALUES_TABLES[0]);
        assert.strictEqual(chartValuesTable("eks/aws-load-balancer-controller", "v3.0.0"), CHART_VALUES_TABLES[0]);
        assert.strictEqual(chartValuesTable("external-dns", "1.21.1"), CHART_VALUES_TABLES[1]);
        assert.strictEqual(chartValuesTable("external-dns", "v1.21.1"), CHART_VALUES_TABLES[1]);
        // The other chart's version, another version, a v anywhere but first, no version.
        assert.strictEqual(chartValuesTable("aws-load-balancer-controller", "1.21.1"), undefined);
        assert.strictEqual(chartValuesTable("external-dns", "3.0.0"), undefined);
        assert.strictEqual(chartValuesTable("external-dns", "1.21.1v"), undefined);
        assert.strictEqual(chartValuesTable("external-dns", "vv1.21.1"), undefined);
        assert.strictEqual(chartValuesTable("external-dns", undefined), undefined);
        assert.strictEqual(chartValuesTable("cert-manager", "1.21.1"), undefined);
    });

    it("each table names its chart, version, basis and source", () => {
        assert.deepStrictEqual(
            CHART_VALUES_TABLES.map((t) => [t.chart, t.version, t.basis]),
            [
                ["aws-load-balancer-controller", "3.0.0", "values.yaml keys and template references"],
                ["external-dns", "1.21.1", "values.schema.json"],
            ],
        );
        for (const t of CHART_VALUES_TABLES) assert.match(t.source, /@ .*[0-9a-f]{40}/, t.chart);
    });
});
