/**
 * The Pulumi program. The stack's scenario is config `eks-ipv6-interop:scenario`, defaulting to
 * the stack name; its config is validated before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { deploy, prepare, programConfig } from "./stacks";

export = deploy(prepare(programConfig(), pulumi.getStack()));
