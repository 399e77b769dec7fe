/**
 * The probe function's code, run here against real HTTP servers on the loopback addresses with
 * DNS answers supplied by the test: what fails `pulumi up` must fail here too.
 */
import * as assert from "assert";
import * as http from "http";
import type { AddressInfo } from "net";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const probe = require("../../components/workloads/endpointProbe.handler.js");

function serve(host: string, status = 200): Promise<http.Server> {
    return new Promise((resolve, reject) => {
        const server = http.createServer((req, res) => {
            res.writeHead(req.headers.host?.startsWith("vpce-") ? status : 421);
            res.end("echo-pod");
        });
        server.once("error", reject);
        server.listen(0, host, () => resolve(server));
    });
}

const noRecords = () => Promise.reject(Object.assign(new Error("no data"), { code: "ENODATA" }));
const quietly = async (f: () => Promise<any>): Promise<any> => {
    const log = console.log;
    console.log = () => undefined;
    try {
        return await f();
    } finally {
        console.log = log;
    }
};

describe("components/workloads/endpointProbe.handler.js", () => {
    let v4: http.Server;
    let v6: http.Server | undefined;
    const host = "vpce-0abc.vpce-svc-0def.us-west-2.vpce.amazonaws.com";

    before(async () => {
        v4 = await serve("127.0.0.1");
        v6 = await serve("::1").catch(() => undefined); // no IPv6 loopback in some containers
    });
    after(() => {
        v4.close();
        v6?.close();
    });

    it("passes an IPv4 consumer: A present, AAAA absent, HTTP over IPv4", async () => {
        const port = (v4.address() as AddressInfo).port;
        const out = await quietly(() => probe.runProbe(
            { host, port, path: "/hostname", expect: { A: true, AAAA: false }, families: ["ipv4"] },
            { resolve4: async () => ["127.0.0.1"], resolve6: noRecords },
        ));
        assert.strictEqual(out.passed, true);
        assert.deepStrictEqual(out.checks.map((c: any) => c.ok), [true, true, true]);
    });

    it("passes a dual-stack consumer over both families", async function () {
        if (!v6) this.skip();
        const port4 = (v4.address() as AddressInfo).port;
        const port6 = (v6!.address() as AddressInfo).port;
        // One listener port per family here; the real endpoint has one port for both.
        const out4 = await quietly(() => probe.runProbe({ host, port: port4, expect: { A: true, AAAA: true }, families: ["ipv4"] }, { resolve4: async () => ["127.0.0.1"], resolve6: async () => ["::1"] }));
        const out6 = await quietly(() => probe.runProbe({ host, port: port6, expect: { A: true, AAAA: true }, families: ["ipv6"] }, { resolve4: async () => ["127.0.0.1"], resolve6: async () => ["::1"] }));
        assert.ok(out4.passed && out6.passed);
    });

    it("throws when AAAA answers appear where the endpoint should publish A only", async () => {
        const port = (v4.address() as AddressInfo).port;
        await assert.rejects(
            quietly(() => probe.runProbe({ host, port, expect: { A: true, AAAA: false }, families: ["ipv4"] }, { resolve4: async () => ["127.0.0.1"], resolve6: async () => ["2001:db8::1"] })),
            /FAIL AAAA records for .* absent \(2001:db8::1\)/,
        );
    });

    it("throws when the service does not answer 2xx, after every attempt", async () => {
        const bad = await serve("127.0.0.1", 503);
        const port = (bad.address() as AddressInfo).port;
        let sleeps = 0;
        try {
            await assert.rejects(
                quietly(() => probe.runProbe({ host, port, expect: { A: true, AAAA: false }, families: ["ipv4"], attempts: 3, intervalMs: 1 }, { resolve4: async () => ["127.0.0.1"], resolve6: noRecords, sleep: async () => { sleeps++; } })),
                /failed after 3 attempt\(s\):[\s\S]*FAIL HTTP over ipv4 .*HTTP 503/,
            );
            assert.strictEqual(sleeps, 2);
        } finally {
            bad.close();
        }
    });

    it("throws when nothing listens, and when a family has no address to connect to", async () => {
        const closed = await serve("127.0.0.1");
        const port = (closed.address() as AddressInfo).port;
        closed.close();
        await assert.rejects(quietly(() => probe.runProbe({ host, port, expect: { A: true, AAAA: false }, families: ["ipv4"] }, { resolve4: async () => ["127.0.0.1"], resolve6: noRecords })), /FAIL HTTP over ipv4 .*ECONNREFUSED/);
        await assert.rejects(quietly(() => probe.runProbe({ host, port, expect: { A: true, AAAA: false }, families: ["ipv6"] }, { resolve4: async () => ["127.0.0.1"], resolve6: noRecords })), /no AAAA answer to connect to/);
    });

    it("retries until the targets answer", async () => {
        const port = (v4.address() as AddressInfo).port;
        let calls = 0;
        const out = await quietly(() => probe.runProbe(
            { host, port, expect: { A: true, AAAA: false }, families: ["ipv4"], attempts: 5 },
            { resolve4: async () => (++calls < 3 ? [] : ["127.0.0.1"]), resolve6: noRecords, sleep: async () => undefined },
        ));
        assert.strictEqual(out.attempts, 3);
    });

    it("refuses an event without host or port; brackets IPv6 literals", async () => {
        await assert.rejects(probe.runProbe({ port: 80 }), /needs host/);
        assert.strictEqual(probe.urlFor("2001:db8::1", 80, "/hostname"), "http://[2001:db8::1]:80/hostname");
        assert.strictEqual(probe.urlFor("10.0.0.1", 8080), "http://10.0.0.1:8080/");
    });
});
