import * as assert from "assert";
import { staticSiteUserData } from "../../lib/appUserData";

// The demo app instances run this script at boot: the whole text is pinned, and each bound of
// each option is tried on both sides with the message a user reads.

const BASE = { unit: "ipv4-app", description: "Demo IPv4-only web app", message: "hello over IPv4", port: 80, bind: "0.0.0.0" as const };

describe("lib/appUserData: the whole script and its bounds", () => {
    it("the user data, line for line", () => {
        assert.strictEqual(staticSiteUserData(BASE), [
            "#!/bin/bash",
            "set -euo pipefail",
            "mkdir -p /srv/www",
            'echo "hello over IPv4" > /srv/www/index.html',
            "cat > /etc/systemd/system/ipv4-app.service <<'UNIT'",
            "[Unit]",
            "Description=Demo IPv4-only web app",
            "After=network-online.target",
            "Wants=network-online.target",
            "[Service]",
            "DynamicUser=yes",
            "AmbientCapabilities=CAP_NET_BIND_SERVICE",
            "ExecStart=/usr/bin/python3 -m http.server 80 --bind 0.0.0.0 --directory /srv/www",
            "Restart=always",
            "[Install]",
            "WantedBy=multi-user.target",
            "UNIT",
            "systemctl daemon-reload",
            "systemctl enable --now ipv4-app.service",
        ].join("\n"));
    });

    it("ports 1 and 65535 are accepted; 0, 65536 and a fraction are refused with the value", () => {
        assert.match(staticSiteUserData({ ...BASE, port: 1 }), /http\.server 1 --bind/);
        assert.match(staticSiteUserData({ ...BASE, port: 65535 }), /http\.server 65535 --bind/);
        for (const p of [0, 65536, 80.5, -80]) {
            assert.throws(() => staticSiteUserData({ ...BASE, port: p }), { message: `staticSiteUserData: port ${p} must be from 1 to 65535` }, String(p));
        }
    });

    it("a unit name is lower-case letters, digits and hyphens, from start to end", () => {
        assert.match(staticSiteUserData({ ...BASE, unit: "app-2" }), /systemctl enable --now app-2\.service$/);
        for (const bad of ["app.x", "app/x", "x App", "", "App"]) {
            assert.throws(() => staticSiteUserData({ ...BASE, unit: bad }), { message: `staticSiteUserData: unit "${bad}" must be lower-case letters, digits and hyphens` }, bad);
        }
    });

    it("a message with a quote is refused with the message naming every forbidden character", () => {
        assert.throws(() => staticSiteUserData({ ...BASE, message: 'say "hi"' }), { message: "staticSiteUserData: the message must not contain quotes, $, backquotes, backslashes or newlines" });
        assert.match(staticSiteUserData({ ...BASE, message: "it's fine: (IPv4) & more!" }), /echo "it's fine: \(IPv4\) & more!" >/);
    });
});
