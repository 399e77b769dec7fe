"use strict";
/*
 * Deploy-time probe for a PrivateLink consumer, run as a Lambda function inside the consumer
 * VPC (Node.js runtime, built-in modules only). components/workloads/endpointProbe.ts reads
 * this file as text and ships it as index.js.
 *
 * Event: { host, port, path, expect: { A: boolean, AAAA: boolean }, families: ["ipv4", "ipv6"],
 *          attempts, intervalMs, timeoutMs }
 * It checks that `host` answers A and AAAA queries exactly as expected and that an HTTP GET
 * over each listed family (to the first address of that family) gets a 2xx answer. It retries
 * the whole round until it passes or the attempts run out, then throws: Lambda reports a
 * function error, and the aws.lambda.Invocation that ran it fails `pulumi up`.
 */
const dns = require("node:dns");
const http = require("node:http");

function noRecords(err) {
    return err && (err.code === "ENODATA" || err.code === "ENOTFOUND" || err.code === "NOTFOUND");
}

async function answers(resolve, host) {
    try {
        return await resolve(host);
    } catch (err) {
        if (noRecords(err)) return [];
        throw err;
    }
}

/** Pure: the DNS checks for the answers received. */
function dnsChecks(host, expect, a, aaaa) {
    const check = (type, want, got) => ({
        name: `${type} records for ${host} ${want ? "present" : "absent"}`,
        ok: want ? got.length > 0 : got.length === 0,
        detail: got.length > 0 ? got.join(", ") : "none",
    });
    return [check("A", !!expect.A, a), check("AAAA", !!expect.AAAA, aaaa)];
}

/** Pure: the URL of a literal address (IPv6 in brackets). */
function urlFor(address, port, path) {
    const host = address.includes(":") ? `[${address}]` : address;
    return `http://${host}:${port}${path || "/"}`;
}

function httpGet(url, hostHeader, timeoutMs) {
    return new Promise((resolve) => {
        const req = http.get(url, { headers: { host: hostHeader }, timeout: timeoutMs }, (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode }));
        });
        req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on("error", (err) => resolve({ error: err.message }));
    });
}

/** One round of every check. `deps` lets tests replace DNS and HTTP. */
async function round(event, deps) {
    const a = await answers(deps.resolve4, event.host);
    const aaaa = await answers(deps.resolve6, event.host);
    const results = dnsChecks(event.host, event.expect || {}, a, aaaa);
    for (const family of event.families || []) {
        const address = (family === "ipv6" ? aaaa : a)[0];
        const name = `HTTP over ${family} to ${event.host}:${event.port}`;
        if (!address) {
            results.push({ name, ok: false, detail: `no ${family === "ipv6" ? "AAAA" : "A"} answer to connect to` });
            continue;
        }
        const url = urlFor(address, event.port, event.path);
        const res = await deps.httpGet(url, `${event.host}:${event.port}`, event.timeoutMs || 5000);
        results.push({ name, ok: res.status >= 200 && res.status < 300, detail: `${url}: ${res.error || `HTTP ${res.status}`}` });
    }
    return results;
}

/** Pure: one line per check. */
function report(results) {
    return results.map((r) => `${r.ok ? "PASS" : "FAIL"} ${r.name} (${r.detail})`).join("\n");
}

async function runProbe(event, deps) {
    if (!event || typeof event.host !== "string" || !event.host || !Number.isInteger(event.port)) {
        throw new Error("probe event needs host (string) and port (integer)");
    }
    const d = Object.assign({ resolve4: dns.promises.resolve4, resolve6: dns.promises.resolve6, httpGet, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }, deps || {});
    const attempts = Math.max(1, event.attempts || 1);
    let results = [];
    for (let i = 1; i <= attempts; i++) {
        results = await round(event, d);
        if (results.every((r) => r.ok)) {
            console.log(report(results));
            return { passed: true, attempts: i, checks: results };
        }
        console.log(`attempt ${i}/${attempts}:\n${report(results)}`);
        if (i < attempts) await d.sleep(event.intervalMs || 10000);
    }
    throw new Error(`PrivateLink probe failed after ${attempts} attempt(s):\n${report(results)}`);
}

exports.handler = (event) => runProbe(event);
exports.runProbe = runProbe;
exports.dnsChecks = dnsChecks;
exports.urlFor = urlFor;
exports.report = report;
