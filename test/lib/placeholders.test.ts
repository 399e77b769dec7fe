import * as assert from "assert";
import { realDeploySection } from "../../engine/checks/realDeploy";
import { allowCidr } from "../../engine/ciStacks";
import { listStacks, loadStackConfig } from "../../engine/stackConfig";
import { ConfigError } from "../../lib/errors";
import { documentationRange, findDeployPlaceholders } from "../../lib/placeholders";
import { prepare } from "../../stacks";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";

describe("lib/placeholders: committed values that only fail on AWS", () => {
    const ranges: [string, string | undefined][] = [
        ["203.0.113.10/32", "RFC 5737 (TEST-NET-3)"],
        ["192.0.2.0/24", "RFC 5737 (TEST-NET-1)"],
        ["198.51.100.7/32", "RFC 5737 (TEST-NET-2)"],
        ["2001:db8:1::/48", "RFC 3849"],
        ["203.0.112.255/32", undefined],
        ["203.0.113.0/23", undefined],
        ["52.94.76.10/32", undefined],
        ["2600:1f14::/32", undefined],
        ["not a cidr", undefined],
    ];
    for (const [cidr, source] of ranges) {
        it(`${cidr}: ${source ?? "a real address"}`, () => assert.strictEqual(documentationRange(cidr), source));
    }

    it("finds every apiPublicAccessCidrs entry in a documentation range, at any depth, with its indexed key and the command", () => {
        const found = findDeployPlaceholders({ ipv4Cluster: { apiPublicAccessCidrs: ["52.94.76.10/32", "203.0.113.10/32"] }, ipv6Cluster: { apiPublicAccessCidrs: [] }, nested: { deeper: { apiPublicAccessCidrs: ["2001:db8::/64"] } } }, "eks-ipv6-interop");
        assert.deepStrictEqual(found.map((p) => [p.key, p.value]), [
            ["eks-ipv6-interop:ipv4Cluster.apiPublicAccessCidrs[1]", "203.0.113.10/32"],
            ["eks-ipv6-interop:nested.deeper.apiPublicAccessCidrs[0]", "2001:db8::/64"],
        ]);
        assert.strictEqual(found[0].command, `pulumi config set --path 'eks-ipv6-interop:ipv4Cluster.apiPublicAccessCidrs[1]' "$(curl -s https://checkip.amazonaws.com)/32"`);
    });

    for (const stack of listStacks()) {
        describe(`committed stack ${stack}`, () => {
            const config = loadStackConfig(stack).config;
            it("pulumi up (mode up) stops before any resource, naming every key and the command that sets it", () => {
                let caught: unknown;
                try {
                    prepare(config, stack, "up");
                } catch (e) {
                    caught = e;
                }
                assert.ok(caught instanceof ConfigError, "a ConfigError");
                assert.match(caught.key, /^eks-ipv6-interop:\w+\.apiPublicAccessCidrs\[0\]$/);
                assert.match(caught.message, /203\.0\.113\.10\/32/);
                assert.match(caught.message, /RFC 5737/);
                const keys = Object.keys(parse(fs.readFileSync(loadStackConfig(stack).file, "utf8")).config).filter((k) => /Cluster$|^eks-ipv6-interop:cluster$/.test(k));
                for (const k of keys) assert.ok(caught.message.includes(`pulumi config set --path '${k}.apiPublicAccessCidrs[0]'`), `names ${k}`);
            });
            it("a preview and the offline plan accept the file and return the placeholders", () => {
                for (const mode of ["preview", "offline"] as const) assert.ok(prepare(config, stack, mode).placeholders.length >= 1);
            });
            it("after allow-runner (what CI and Deployments run) pulumi up goes ahead", () => {
                const file = loadStackConfig(stack).file;
                const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "allow-runner-")), "Pulumi.test.yaml");
                fs.writeFileSync(tmp, allowCidr(fs.readFileSync(file, "utf8"), "52.94.76.10/32").text);
                try {
                    const allowed = loadStackConfig(stack, { file: tmp }).config;
                    assert.strictEqual(prepare(allowed, stack, "up").placeholders.length, 0);
                } finally {
                    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
                }
            });
        });
    }

    it("the realDeploy section lists them from the graph and never fails the plan; on a graph without the record it reads the EKS clusters", () => {
        const withRecord = realDeploySection({ resources: [], beforeRealDeploy: findDeployPlaceholders({ cluster: { apiPublicAccessCidrs: ["203.0.113.10/32"] } }, "eks-ipv6-interop") });
        assert.strictEqual(withRecord.ok, true);
        assert.match(withRecord.title, /1 placeholder/);
        assert.ok(withRecord.lines.some((l) => l.includes("pulumi config set --path 'eks-ipv6-interop:cluster.apiPublicAccessCidrs[0]'")));
        const fromInputs = realDeploySection({ resources: [{ urn: "u", type: "eks:index:Cluster", name: "c", custom: false, dependencies: [], inputs: { publicAccessCidrs: ["52.94.76.10/32", "192.0.2.1/32"] }, outputs: {} }] });
        assert.match(fromInputs.lines[0], /c \(eks:index:Cluster\) publicAccessCidrs\[1\] = 192\.0\.2\.1\/32/);
        assert.match(realDeploySection({ resources: [] }).title, /nothing to set/);
    });
});
