/**
 * User data for the demo web applications: Amazon Linux 2023 serves a static page with its own
 * Python (`http.server`) as a systemd service, so the instance needs no internet access and no
 * package install. `DynamicUser` runs it unprivileged; `CAP_NET_BIND_SERVICE` lets it bind ports
 * below 1024.
 */

export interface StaticSiteOptions {
    /** systemd unit name without `.service`, for example `ipv4-app`. */
    unit: string;
    /** Unit description. */
    description: string;
    /** The one line the page says. */
    message: string;
    /** TCP port. */
    port: number;
    /**
     * Bind address: `0.0.0.0` (IPv4 only) or `::` (a dual-stack socket: Python's http.server turns
     * IPV6_V6ONLY off for "::", so it answers both families).
     */
    bind: "0.0.0.0" | "::";
}

/** The user-data script (bash) for a static site served by python3 http.server. */
export function staticSiteUserData(o: StaticSiteOptions): string {
    if (!/^[a-z0-9-]+$/.test(o.unit)) throw new Error(`staticSiteUserData: unit "${o.unit}" must be lower-case letters, digits and hyphens`);
    if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) throw new Error(`staticSiteUserData: port ${o.port} must be from 1 to 65535`);
    if (/["$`\\\n]/.test(o.message)) throw new Error("staticSiteUserData: the message must not contain quotes, $, backquotes, backslashes or newlines");
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        "mkdir -p /srv/www",
        `echo "${o.message}" > /srv/www/index.html`,
        `cat > /etc/systemd/system/${o.unit}.service <<'UNIT'`,
        "[Unit]",
        `Description=${o.description}`,
        "After=network-online.target",
        "Wants=network-online.target",
        "[Service]",
        "DynamicUser=yes",
        "AmbientCapabilities=CAP_NET_BIND_SERVICE",
        `ExecStart=/usr/bin/python3 -m http.server ${o.port} --bind ${o.bind} --directory /srv/www`,
        "Restart=always",
        "[Install]",
        "WantedBy=multi-user.target",
        "UNIT",
        "systemctl daemon-reload",
        `systemctl enable --now ${o.unit}.service`,
    ].join("\n");
}
