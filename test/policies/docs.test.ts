import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { configSchema, exampleConfig, generatedFiles, ruleTable } from "../../policies/scripts/docs";
import { ALL_RULES } from "../../policies/rules";

describe("policies: generated documentation", () => {
    it("README.md, config.schema.json and config.example.json match the rule metadata (run npm run docs -w policies)", () => {
        for (const [file, expected] of Object.entries(generatedFiles())) {
            assert.equal(fs.readFileSync(file, "utf8"), expected, `${path.basename(file)} is out of date: run npm run docs -w policies`);
        }
    });

    it("the table lists every rule with its level, and its text comes from the metadata", () => {
        const table = ruleTable();
        for (const r of ALL_RULES) assert.ok(table.includes(`| \`${r.name}\` | ${r.enforcementLevel} (${r.severity}) |`), r.name);
        assert.ok(table.includes(ALL_RULES[0].docs.why));
    });

    it("the example config names only rules of the pack, with properties their schema declares", () => {
        const schema = configSchema() as { properties: Record<string, { oneOf?: { properties?: Record<string, unknown> }[] }> };
        for (const [name, cfg] of Object.entries(exampleConfig() as Record<string, Record<string, unknown>>)) {
            const entry = schema.properties[name];
            assert.ok(entry, `${name} is not in the schema`);
            const declared = Object.keys(entry.oneOf?.[1]?.properties ?? {});
            for (const k of Object.keys(cfg)) assert.ok(declared.includes(k), `${name}.${k} is not declared`);
        }
        assert.ok((exampleConfig() as any)["security-group-no-world-ingress"].allowedWorldIngressPorts.includes(443));
    });
});
