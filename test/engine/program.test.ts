/**
 * `plan --program DIR`: a Pulumi program that is not one of this repository's stacks
 * (test/fixtures/programs/dual-stack-web, written for these tests) run under the model with its
 * own Pulumi.yaml, stack config and flows.yaml.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { runProgramDir } from "../../engine/inputs/program";
import { runPlan } from "../helpers/cli";

const DIR = path.join(__dirname, "..", "fixtures", "programs", "dual-stack-web");

describe("plan --program: any Pulumi TypeScript program under the model", () => {
    it("runs the program with its stack config, reads flows.yaml beside it, warns on an unmodelled invoke, and exits 0", async () => {
        const r = await runPlan(["--program", DIR, "--stack", "dev"]);
        assert.equal(r.code, 0, r.out + r.err);
        assert.match(r.out, /project dual-stack-web, stack dev, region eu-central-1/);
        assert.match(r.out, /note: invoke aws:ec2\/getAmi:getAmi has no model: it returned an empty result/);
        assert.match(r.out, /Flows: 1 declared/);
        assert.match(r.out, /BLOCKED ok   \(deny\) the app instance does not reach the NLB/);
        assert.match(r.out, /admits tcp\/443 only from 192\.0\.2\.0\/24, 2001:db8:ffff::\/48/);
        assert.doesNotMatch(r.out, /subnet-assigns-ipv6-on-creation/, "the public subnets host only the NLB and the NAT gateway");
    });

    it("exits 1 on a mandatory violation: the other stack's config leaves the instance subnet without IPv6 assignment", async () => {
        const r = await runPlan(["--program", DIR, "--stack", "no-v6-assign"]);
        assert.equal(r.code, 1, r.out + r.err);
        assert.match(r.out, /\[mandatory\] subnet-assigns-ipv6-on-creation: aws\.ec2\.Subnet "private" .* aws\.ec2\.Instance "app" launches in it/);
    });

    it("records the program's resources with their real names and config", async () => {
        const { graph } = await runProgramDir(DIR, { stack: "dev" });
        assert.equal(graph.resources.filter((x) => x.type === "aws:ec2/subnet:Subnet").length, 3);
        assert.equal(graph.resources.find((x) => x.name === "private")!.inputs.assignIpv6AddressOnCreation, true);
    });

    it("refuses what it cannot run, naming the argument and the fix", async () => {
        const two = await runPlan(["--program", DIR]);
        assert.equal(two.code, 1);
        assert.match(two.err, /--stack: \(unset\) is invalid; the program has config for (dev, no-v6-assign|no-v6-assign, dev); name one with --stack/);
        const none = await runPlan(["--program", path.join(DIR, "..")]);
        assert.match(none.err, /--program: ".*programs" is invalid; the directory has no Pulumi\.yaml/);
        const wrong = await runPlan(["--program", DIR, "--stack", "prod"]);
        assert.match(wrong.err, /--stack: "prod" is invalid; the program has config for/);
    });
});
