/**
 * Entry of the deployments/ Pulumi project: validates this stack's config against the scenario
 * repository one level up (its Pulumi.yaml and stacks/), then registers the Pulumi Cloud
 * resources. Run `pulumi up` here (see docs/operations.md, "Pulumi Deployments").
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { configureDeployments } from "./program";
import { parseSettings } from "./settings";

export = configureDeployments(parseSettings(pulumi.runtime.allConfig(), path.resolve(__dirname, "..")), { now: new Date() });
