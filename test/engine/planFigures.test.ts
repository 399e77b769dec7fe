import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { graphOf, cloneGraph } from "../helpers/graphs";
import { estimateHourlyCost, minutes, predictUpTime, type PlanResource } from "../../lib/planFigures";
import { summarizeRoles, trustedPrincipals } from "../../lib/iamSummary";
import { countResources, tally } from "../../engine/summary";
import { listStacks } from "../../engine/stackConfig";
import { costSection, timeSection, iamSection } from "../../engine/checks/planFigures";

const ROOT = path.join(__dirname, "../..");
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), "utf8");

const res = (urn: string, type: string, dependencies: string[] = [], extra: Partial<PlanResource> = {}): PlanResource => ({ urn, type, name: urn, custom: true, dependencies, inputs: {}, ...extra });

describe("plan figures: cost, pulumi up time, IAM, counts", () => {
    describe("pure logic", () => {
        it("prices what bills by the hour and counts node groups by desired size", () => {
            const c = estimateHourlyCost([
                res("nat", "aws:ec2/natGateway:NatGateway"),
                res("ip", "aws:ec2/eip:Eip"),
                res("ng", "aws:eks/nodeGroup:NodeGroup", [], { inputs: { instanceTypes: ["t3.medium"], scalingConfig: { desiredSize: 3 } } }),
                res("vpc", "aws:ec2/vpc:Vpc"),
                res("gw-ep", "aws:ec2/vpcEndpoint:VpcEndpoint", [], { inputs: { vpcEndpointType: "Gateway" } }),
            ], "us-west-2", new Date("2026-11-29"));
            const ec2 = c.lines.find((l) => l.item.startsWith("EC2 t3.medium"))!;
            assert.strictEqual(ec2.quantity, 3);
            assert.ok(Math.abs(c.hourlyUsd - (0.045 + 0.005 + 3 * 0.0416 + (3 * 20 * 0.08) / 730)) < 1e-9, String(c.hourlyUsd));
            assert.ok(c.lines.every((l) => /https:\/\/aws\.amazon\.com\/.*, \d{4}-\d{2}$/.test(l.source)), "every line has a source and a date");
            assert.ok(c.regionPriced);
            assert.ok(!estimateHourlyCost([], "eu-central-1").regionPriced, "other regions are flagged");
        });
        it("an extended-support cluster costs 0.60 an hour and warns; an unpriced instance type is listed", () => {
            const c = estimateHourlyCost([res("c", "eks:index:Cluster", [], { custom: false, inputs: { version: "1.32" } }), res("i", "aws:ec2/instance:Instance", [], { inputs: { instanceType: "x2iedn.32xlarge" } })], "us-west-2", new Date("2026-11-29"));
            assert.strictEqual(c.lines[0].unitUsd, 0.6);
            assert.match(c.warnings[0], /extended support until 2027-03-23/);
            assert.match(c.unpriced[0], /x2iedn\.32xlarge/);
        });
        it("the up time is the longest dependency chain, and a dependency on a component waits for its children", () => {
            const t = predictUpTime([
                res("vpc", "aws:ec2/vpc:Vpc"),
                res("nat", "aws:ec2/natGateway:NatGateway", ["vpc"]),
                res("comp", "my:index:Comp", [], { custom: false }),
                res("lb", "aws:lb/loadBalancer:LoadBalancer", ["vpc"], { parent: "comp" }),
                res("after", "aws:ec2/instance:Instance", ["comp"]),
            ]);
            // vpc 5 -> lb 180 (inside comp) -> after 40
            assert.strictEqual(t.seconds, 5 + 180 + 40);
            assert.deepStrictEqual(t.criticalPath.map((s) => s.name), ["vpc", "lb", "after"]);
            assert.strictEqual(minutes(t.seconds), 4);
        });
        it("IAM: principals with conditions, inline and customer policies, AWS-managed names", () => {
            const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: "arn:aws:iam::1:oidc-provider/oidc.eks.x/id/ABC" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "oidc.eks.x/id/ABC:sub": "system:serviceaccount:kube-system:aws-node" } } }] });
            assert.match(trustedPrincipals(trust)[0], /Federated OIDC oidc\.eks\.x\/id\/ABC .*sub StringEquals system:serviceaccount:kube-system:aws-node.* via sts:AssumeRoleWithWebIdentity/);
            const roles = summarizeRoles([
                { urn: "r", type: "aws:iam/role:Role", name: "r", id: "r-1", inputs: { assumeRolePolicy: trust } },
                { urn: "p", type: "aws:iam/policy:Policy", name: "p", id: "arn:p", inputs: { policy: { Statement: [{ Effect: "Allow", Action: ["ec2:A"], Resource: "*" }] } }, outputs: { arn: "arn:p" } },
                { urn: "a1", type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "a1", inputs: { role: "r-1", policyArn: "arn:p" } },
                { urn: "a2", type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "a2", inputs: { role: "r-1", policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" } },
                { urn: "i", type: "aws:iam/rolePolicy:RolePolicy", name: "i", inputs: { role: "r-1", policy: JSON.stringify({ Statement: { Effect: "Allow", Action: "logs:PutLogEvents", Resource: "arn:logs" } }) } },
            ]);
            assert.strictEqual(roles.length, 1);
            assert.deepStrictEqual(roles[0].grants.map((g) => `${g.actions}@${g.resources}`).sort(), ["ec2:A@*", "logs:PutLogEvents@arn:logs"]);
            assert.deepStrictEqual(roles[0].managedPolicies, ["AmazonEKSWorkerNodePolicy"]);
        });
    });

    describe("on every stack", () => {
        for (const stack of listStacks()) {
            it(`${stack}: counts add up, the EKS cluster sits in its component, the sections say estimate`, async () => {
                const g = cloneGraph(await graphOf(stack));
                const c = countResources(g.resources);
                assert.strictEqual(c.aws + c.kubernetes + c.otherCustom + c.providers + c.components + c.stack, c.total);
                assert.ok(c.providers >= 1);
                const cost = costSection(g);
                assert.match(cost.lines[0], /^ESTIMATE/);
                assert.ok(cost.json.lines.some((l) => l.item.startsWith("EKS cluster")));
                const time = timeSection(g);
                assert.ok(time.json.criticalPath.some((s) => s.type === "eks:index:Cluster"), "the EKS control plane is on the critical path");
                assert.ok(time.json.minutes >= 15 && time.json.minutes <= 40, String(time.json.minutes));
                const iam = iamSection(g);
                assert.ok(iam.json.length > 0 && iam.json.every((r) => r.assumedBy.length > 0));
            });
        }
    });

    it("the README's and docs' cost and time figures are the plan's (regenerate them from npm run plan when this fails)", async () => {
        const readme = read("README.md");
        const ops = read("docs/operations.md");
        const ups: number[] = [];
        for (const stack of listStacks()) {
            const g = await graphOf(stack);
            const cost = estimateHourlyCost(g.resources, g.region).hourlyUsd.toFixed(2);
            const up = minutes(predictUpTime(g.resources).seconds);
            ups.push(up);
            const row = readme.split("\n").find((l) => l.startsWith(`| [\`${stack}\`]`));
            assert.ok(row, `README has no row for ${stack}`);
            assert.match(row!, new RegExp(`\\| ${cost} USD/h, ~${up} min \\|$`), `README row of ${stack} should say ${cost} USD/h, ~${up} min`);
            const opsRow = ops.split("\n").find((l) => l.startsWith(`| \`${stack}\` |`));
            assert.ok(opsRow, `docs/operations.md has no row for ${stack}`);
            assert.match(opsRow!, new RegExp(`\\| ${cost} USD/h \\|$`), `docs/operations.md row of ${stack} should say ${cost} USD/h`);
        }
        const range = `${Math.min(...ups)} to ${Math.max(...ups)} minutes`;
        for (const [name, text] of [["README.md", readme], ["docs/operations.md", ops]] as const) {
            const claims = [...text.matchAll(/(?:pulumi up|`up`|update)[^.\n]*?(?:\n[^.\n]*?)?(\d+ to \d+ minutes|about \d+ minutes)/g)].map((m) => m[1]);
            assert.ok(claims.length > 0, `${name} states the pulumi up time`);
            for (const c of claims) assert.strictEqual(c, range, `${name}: "${c}" should be "${range}"`);
        }
    });

    it("the --all tally adds the stacks up", () => {
        const lines = tally([
            { stack: "a", ok: true, resources: 10, hourlyUsd: 0.25, upMinutes: 19, failed: [] },
            { stack: "b", ok: false, resources: 5, hourlyUsd: 0.5, upMinutes: 20, failed: ["flows"] },
        ]);
        assert.match(lines.join("\n"), /FAIL b .*failed: flows/);
        assert.match(lines[lines.length - 1], /1 of 2 stacks passed; 15 resources; all stacks at once about 0\.75 USD an hour/);
    });
});

describe("README deploy steps work for every stack as written", () => {
    it("each stack's API endpoint keys are set by a README command that names the stack", () => {
        const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
        const lines = readme.split("\n");
        for (const stack of listStacks()) {
            const file = fs.readFileSync(path.join(__dirname, "../../stacks", `Pulumi.${stack}.yaml`), "utf8");
            // Top-level keys holding an apiPublicAccessCidrs list in this stack's file.
            const keys = [...file.matchAll(/^  eks-ipv6-interop:(\w+):\n(?:(?: {4}.*|\s*#.*|)\n)*? {4}apiPublicAccessCidrs:/gm)].map((m) => m[1]);
            assert.ok(keys.length > 0, `${stack}: no cluster key found`);
            for (const key of keys) {
                const i = lines.findIndex((l) => l.includes(`--path 'eks-ipv6-interop:${key}.apiPublicAccessCidrs[0]'`));
                assert.ok(i > 0, `README sets no eks-ipv6-interop:${key}.apiPublicAccessCidrs[0] (${stack})`);
                const comment = lines.slice(0, i).reverse().find((l) => l.startsWith("# "));
                assert.ok(comment?.includes(stack), `the README comment above ${key} should name ${stack}: ${comment}`);
            }
        }
    });
});
