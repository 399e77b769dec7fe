"use strict";
/*
 * Runs the PrivateLink probe function's code (components/workloads/endpointProbe.handler.js) as
 * Lambda would, inside the probe harness's namespace (test/helpers/netns.ts), with the event the
 * plan recorded on the aws.lambda.Invocation: `node lambdaRunner.js HANDLER EVENT_JSON`. Real DNS
 * (node:dns, reading the namespace's resolv.conf) and real HTTP; only the wait between rounds is
 * shortened to 10 ms, recorded as `sleep <ms>ms` lines in /tmp/calls.log like the `sleep` shim.
 * Prints the handler's log; exits 0 when it returns, 1 with its error message when it throws.
 */
const fs = require("node:fs");

const handler = require(process.argv[2]);
const event = JSON.parse(process.argv[3]);
const sleep = (ms) => {
    fs.appendFileSync("/tmp/calls.log", `sleep ${ms}ms\n`);
    return new Promise((resolve) => setTimeout(resolve, 10));
};
handler.runProbe(event, { sleep }).then(
    (out) => console.log(`returned: passed=${out.passed} attempts=${out.attempts}`),
    (err) => {
        console.log(`threw: ${err.message}`);
        process.exit(1);
    },
);
