"use strict";
/*
 * The remote side's HTTP server for the probe harness (test/helpers/netns.ts), run inside the
 * remote network namespace: `node httpServer.js ADDRESS,PORT ...`. Every path answers 200; the
 * path /clientip answers the client address it saw as agnhost netexec does (Go's
 * RemoteAddr: `[2001:db8::1]:40000`, `10.0.0.1:40000`). Prints "ready" once every listener is up.
 * `ADDRESS,PORT,BODY` (BODY base64) answers every other path with BODY instead of "ok": a report
 * another probe serves (the NAT64 client's, lib/nat64ProbeUserData.ts).
 */
const http = require("node:http");

const listeners = process.argv.slice(2).map((spec) => {
    const [address, port, body] = spec.split(",");
    return { address, port: Number(port), body: body === undefined ? "ok\n" : Buffer.from(body, "base64").toString("utf8") };
});

const handler = (body) => (req, res) => {
    const remote = req.socket.remoteAddress || "";
    const seen = remote.includes(":") ? `[${remote}]:${req.socket.remotePort}` : `${remote}:${req.socket.remotePort}`;
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(req.url === "/clientip" ? seen : body);
};

Promise.all(listeners.map(({ address, port, body }) => new Promise((resolve, reject) => {
    const server = http.createServer(handler(body));
    server.once("error", (err) => reject(new Error(`listen ${address},${port}: ${err.message}`)));
    server.listen({ host: address, port, ipv6Only: address.includes(":") }, resolve);
}))).then(
    () => process.stdout.write("ready\n"),
    (err) => {
        process.stderr.write(`${err.message}\n`);
        process.exit(1);
    },
);
