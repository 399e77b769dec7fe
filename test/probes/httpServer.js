"use strict";
/*
 * The remote side's HTTP server for the probe harness (test/helpers/netns.ts), run inside the
 * remote network namespace: `node httpServer.js ADDRESS,PORT[,tls][,status=N][,body=BASE64] ...`.
 * Every path answers 200 (or N); the path /clientip answers the client address it saw as agnhost
 * netexec does (Go's RemoteAddr: `[2001:db8::1]:40000`, `10.0.0.1:40000`). `tls` listeners speak
 * HTTPS with the certificate and key in the files TLS_CERT and TLS_KEY name (an AWS endpoint
 * stand-in; `status=403` answers as a service does a request without credentials). `body=BASE64`
 * answers every other path with that text instead of "ok": a report another probe serves (the
 * NAT64 client's, lib/nat64ProbeUserData.ts). Prints "ready" once every listener is up.
 */
const fs = require("node:fs");
const http = require("node:http");
const https = require("node:https");

const listeners = process.argv.slice(2).map((spec) => {
    const [address, port, ...opts] = spec.split(",");
    const status = opts.find((o) => o.startsWith("status="));
    const body = opts.find((o) => o.startsWith("body="));
    return {
        address,
        port: Number(port),
        tls: opts.includes("tls"),
        status: status ? Number(status.slice(7)) : 200,
        body: body ? Buffer.from(body.slice(5), "base64").toString("utf8") : "ok\n",
    };
});

function handlerFor(status, body) {
    return (req, res) => {
        const remote = req.socket.remoteAddress || "";
        const seen = remote.includes(":") ? `[${remote}]:${req.socket.remotePort}` : `${remote}:${req.socket.remotePort}`;
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(req.url === "/clientip" ? seen : body);
    };
}

Promise.all(listeners.map(({ address, port, tls, status, body }) => new Promise((resolve, reject) => {
    const server = tls
        ? https.createServer({ cert: fs.readFileSync(process.env.TLS_CERT), key: fs.readFileSync(process.env.TLS_KEY) }, handlerFor(status, body))
        : http.createServer(handlerFor(status, body));
    server.once("error", (err) => reject(new Error(`listen ${address},${port}: ${err.message}`)));
    server.listen({ host: address, port, ipv6Only: address.includes(":") }, resolve);
}))).then(
    () => process.stdout.write("ready\n"),
    (err) => {
        process.stderr.write(`${err.message}\n`);
        process.exit(1);
    },
);
