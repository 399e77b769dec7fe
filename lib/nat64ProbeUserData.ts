/**
 * User data for the IPv6-only NAT64 client instance (components/workloads/nat64Client.ts): Amazon
 * Linux 2023 runs the probe script (lib/probes.ts `renderProbeScript`) at boot, retrying the whole
 * script until every check passes or the attempts run out, and serves its latest report with its
 * own Python (`http.server`) on the instance's IPv6 address, so that the cluster's probe Job can
 * read it and fail `pulumi up` with it. No package install: the instance has no IPv4 at all.
 */
import { ProbeCheck, renderProbeScript } from "./probes";

export interface Nat64ProbeUserDataOptions {
    /** The checks the instance runs (nat64AaaaCheck, curlNat64Check...). */
    checks: ProbeCheck[];
    /** TCP port the report is served on (over IPv6 only). */
    reportPort: number;
    /** Runs of the whole script before it gives up. */
    attempts: number;
    /** Seconds between runs. */
    intervalSeconds: number;
}

/** Where the report lives on the instance (the served directory). */
export const NAT64_REPORT_DIR = "/srv/nat64-probe";

/** Worst-case seconds before the instance's report is final (attempts x interval, plus each run's own bound). */
export function nat64ProbeBudgetSeconds(o: Pick<Nat64ProbeUserDataOptions, "attempts" | "intervalSeconds">, perRunSeconds: number): number {
    return o.attempts * (o.intervalSeconds + perRunSeconds);
}

/** The user-data script (bash). */
export function nat64ProbeUserData(o: Nat64ProbeUserDataOptions): string {
    if (!Number.isInteger(o.reportPort) || o.reportPort < 1024 || o.reportPort > 65535) throw new Error(`nat64ProbeUserData: reportPort ${o.reportPort} must be from 1024 to 65535 (the report server runs unprivileged)`);
    if (!Number.isInteger(o.attempts) || o.attempts < 1 || o.attempts > 100) throw new Error(`nat64ProbeUserData: attempts ${o.attempts} must be a whole number from 1 to 100`);
    if (!Number.isInteger(o.intervalSeconds) || o.intervalSeconds < 1 || o.intervalSeconds > 300) throw new Error(`nat64ProbeUserData: intervalSeconds ${o.intervalSeconds} must be from 1 to 300`);
    const script = renderProbeScript(o.checks);
    if (script.includes("PROBE_EOF")) throw new Error("nat64ProbeUserData: the probe script must not contain the heredoc marker PROBE_EOF");
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        `mkdir -p ${NAT64_REPORT_DIR} /opt/nat64-probe`,
        `echo "pending: the NAT64 probe has not finished its first run" > ${NAT64_REPORT_DIR}/index.html`,
        "cat > /opt/nat64-probe/probe.sh <<'PROBE_EOF'",
        script.trimEnd(),
        "PROBE_EOF",
        "cat > /opt/nat64-probe/run.sh <<'RUN_EOF'",
        "#!/bin/sh",
        "# Runs the probe until it passes or the attempts run out; the served report is the latest run.",
        `n=0`,
        `while :; do`,
        `  n=$((n+1))`,
        `  if sh /opt/nat64-probe/probe.sh > /tmp/nat64-report 2>&1; then status=0; else status=1; fi`,
        `  { echo "run $n of ${o.attempts}"; cat /tmp/nat64-report; } > ${NAT64_REPORT_DIR}/index.html.new && mv ${NAT64_REPORT_DIR}/index.html.new ${NAT64_REPORT_DIR}/index.html`,
        // The console log carries every run too: aws ec2 get-console-output shows it without any access to the instance.
        `  sed 's/^/nat64-probe: /' ${NAT64_REPORT_DIR}/index.html > /dev/console 2>/dev/null || true`,
        `  if [ "$status" -eq 0 ] || [ "$n" -ge ${o.attempts} ]; then exit "$status"; fi`,
        `  sleep ${o.intervalSeconds}`,
        `done`,
        "RUN_EOF",
        "cat > /etc/systemd/system/nat64-probe.service <<'UNIT'",
        "[Unit]",
        "Description=NAT64 probe: DNS64 answers and an HTTP request to the IPv4-only app",
        "After=network-online.target",
        "Wants=network-online.target",
        "[Service]",
        "Type=oneshot",
        "ExecStart=/bin/sh /opt/nat64-probe/run.sh",
        "[Install]",
        "WantedBy=multi-user.target",
        "UNIT",
        "cat > /etc/systemd/system/nat64-report.service <<'UNIT'",
        "[Unit]",
        "Description=Serves the NAT64 probe report over IPv6",
        "After=network-online.target",
        "Wants=network-online.target",
        "[Service]",
        "DynamicUser=yes",
        `ExecStart=/usr/bin/python3 -m http.server ${o.reportPort} --bind :: --directory ${NAT64_REPORT_DIR}`,
        "Restart=always",
        "[Install]",
        "WantedBy=multi-user.target",
        "UNIT",
        "systemctl daemon-reload",
        "systemctl enable --now nat64-report.service",
        "systemctl enable --no-block --now nat64-probe.service",
    ].join("\n");
}
