/**
 * The Pulumi program. The stack's scenario is config `eks-ipv6-interop:scenario`, defaulting to
 * the stack name; its config is validated before any resource is registered, and a real update
 * stops there when a committed placeholder (lib/placeholders.ts) is still set.
 */
import * as pulumi from "@pulumi/pulumi";
import { deploy, prepare, programConfig } from "./stacks";

// A real update refuses committed placeholder values before any resource; a preview warns.
const prepared = prepare(programConfig(), pulumi.getStack(), pulumi.runtime.isDryRun() ? "preview" : "up");
for (const p of prepared.placeholders) pulumi.log.warn(`${p.key} = ${p.value} is ${p.why}. Before pulumi up: ${p.command}`);

export = deploy(prepared);
