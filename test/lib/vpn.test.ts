/**
 * Tier 1: lib/vpn.ts, the Site-to-Site VPN rules AWS applies and the appliance configuration
 * rendered from the VPN connection's tunnel outputs.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../lib/errors";
import {
    applianceUserData, DEFAULT_PROPOSAL, isValidCgwBgpAsn, isValidCgwBgpAsnExtended, presharedKeyProblem, renderLibreswanConf,
    requireProposal, RESERVED_TUNNEL_INSIDE_CIDRS, tunnelInsideAddresses, tunnelInsideCidrProblem, tunnelOptionsFor, type ApplianceConfigInput,
} from "../../lib/vpn";
import { applianceInput } from "../helpers/vpnAppliance";

const input = applianceInput;

describe("lib/vpn: Site-to-Site VPN rules", () => {
    it("tunnel inside CIDRs: a /30 of 169.254.0.0/16, network address, not reserved", () => {
        for (const ok of ["169.254.10.0/30", "169.254.6.0/30", "169.254.255.252/30", "169.254.169.248/30"]) assert.strictEqual(tunnelInsideCidrProblem(ok), undefined, ok);
        const cases: [unknown, RegExp][] = [
            ["169.254.10.0/29", /exactly a \/30 \(this is a \/29\)/],
            ["169.254.10.1/30", /network address of the \/30: 169\.254\.10\.0\/30/],
            ["10.0.0.0/30", /comes from 169\.254\.0\.0\/16/],
            ["fd00::/126", /not an IPv4 CIDR/],
            ["not a cidr", /not an IPv4 CIDR/],
            [30, /is a string/],
        ];
        for (const [v, why] of cases) assert.match(tunnelInsideCidrProblem(v) ?? "", why, String(v));
        assert.strictEqual(RESERVED_TUNNEL_INSIDE_CIDRS.length, 7);
        for (const r of RESERVED_TUNNEL_INSIDE_CIDRS) assert.match(tunnelInsideCidrProblem(r) ?? "", /reserved by AWS/, r);
    });

    it("pre-shared keys: 8 to 64 letters, digits, . and _, not starting with 0", () => {
        for (const ok of ["abcdefgh", "A1.b2_c3", "x".repeat(64), "9starts_with_nine"]) assert.strictEqual(presharedKeyProblem(ok), undefined, ok);
        const cases: [unknown, RegExp][] = [
            ["short7c", /8 to 64 characters \(this one has 7\)/],
            ["x".repeat(65), /this one has 65/],
            ["0abcdefgh", /cannot start with zero/],
            ["has-hyphen", /letters, digits, periods/],
            ["has space!", /letters, digits, periods/],
            [12345678, /is a string/],
        ];
        for (const [v, why] of cases) assert.match(presharedKeyProblem(v) ?? "", why, String(v));
    });

    it("customer gateway ASNs: bgpAsn 1 to 2147483647, bgpAsnExtended above, plain decimal only", () => {
        for (const ok of [1, 65000, "65000", 2147483647, "2147483647"]) assert.ok(isValidCgwBgpAsn(ok), String(ok));
        for (const bad of [0, -1, 2147483648, "2147483648", 65000.5, "6.5e4", "0x10", "", "65000 ", undefined]) assert.ok(!isValidCgwBgpAsn(bad), String(bad));
        for (const ok of [2147483648, "4294967295"]) assert.ok(isValidCgwBgpAsnExtended(ok), String(ok));
        for (const bad of [2147483647, 4294967296]) assert.ok(!isValidCgwBgpAsnExtended(bad), String(bad));
    });

    it("inside addresses: the first host is AWS's, the second the customer's", () => {
        assert.deepStrictEqual(tunnelInsideAddresses("169.254.10.0/30"), { aws: "169.254.10.1", customer: "169.254.10.2", prefix: 30 });
        assert.throws(() => tunnelInsideAddresses("169.254.1.0/30"), (e: unknown) => e instanceof ConfigError && /vpn\.tunnelInsideCidrs: "169\.254\.1\.0\/30" is invalid; 169\.254\.1\.0\/30 is reserved/.test(e.message));
    });

    it("proposals: the strong subset, within AWS's lifetime ranges, the same on both ends", () => {
        assert.deepStrictEqual(tunnelOptionsFor(DEFAULT_PROPOSAL), {
            ikeVersions: ["ikev2"], phase1EncryptionAlgorithms: ["AES256"], phase1IntegrityAlgorithms: ["SHA2-256"], phase1DhGroupNumbers: [14],
            phase2EncryptionAlgorithms: ["AES256"], phase2IntegrityAlgorithms: ["SHA2-256"], phase2DhGroupNumbers: [14], phase1LifetimeSeconds: 28800, phase2LifetimeSeconds: 3600,
        });
        const bad: [Partial<typeof DEFAULT_PROPOSAL> | Record<string, unknown>, RegExp][] = [
            [{ integrity: "SHA1" }, /vpn\.proposal\.integrity: "SHA1" is invalid; .*weak/],
            [{ dhGroup: 2 }, /vpn\.proposal\.dhGroup: 2 is invalid/],
            [{ encryption: "AES128-GCM-16" }, /vpn\.proposal\.encryption/],
            [{ phase1LifetimeSeconds: 899 }, /phase1LifetimeSeconds: 899 is invalid; use 900 to 28800 seconds/],
            [{ phase2LifetimeSeconds: 3601 }, /phase2LifetimeSeconds: 3601 is invalid; use 900 to 3600 seconds/],
        ];
        for (const [over, why] of bad) assert.throws(() => requireProposal("vpn.proposal", { ...DEFAULT_PROPOSAL, ...over } as never), why);
    });
});

describe("lib/vpn: the appliance's configuration from the tunnel outputs", () => {
    it("one libreswan connection per tunnel: the tunnel's outside address, its own XFRM interface with the customer inside address, the EIP as identity", () => {
        const conf = renderLibreswanConf(input());
        const conns = conf.split(/\nconn /).slice(1);
        assert.strictEqual(conns.length, 2);
        const [t1, t2] = conns;
        for (const [c, n, outside, inside] of [[t1, 1, "192.0.2.11", "169.254.10.2/30"], [t2, 2, "192.0.2.12", "169.254.11.2/30"]] as const) {
            assert.match(c, new RegExp(`^aws-tunnel${n}\\n`));
            assert.match(c, new RegExp(`\\n    right=${outside.replace(/\./g, "\\.")}\\n`));
            assert.match(c, new RegExp(`\\n    rightid=${outside.replace(/\./g, "\\.")}\\n`));
            assert.match(c, new RegExp(`\\n    ipsec-interface=${n}\\n`));
            assert.ok(!c.includes(inside), "the inside address is set by the vpn-routes unit, not by libreswan");
            assert.match(c, /\n {4}leftid=198\.51\.100\.10\n/);
            assert.match(c, /\n {4}left=%defaultroute\n/);
            assert.match(c, /\n {4}ikev2=yes\n/);
            assert.match(c, /\n {4}dpddelay=10\n {4}dpdtimeout=30\n {4}dpdaction=restart\n/);
            assert.match(c, /\n {4}authby=secret\n/);
            assert.match(c, /\n {4}leftsubnet=10\.50\.0\.0\/16\n {4}right=/);
            assert.match(c, /\n {4}rightsubnet=10\.10\.0\.0\/16\n/);
            assert.match(c, /\n {4}ike=aes256-sha2_256-modp2048\n {4}esp=aes256-sha2_256-modp2048\n {4}pfs=yes\n {4}ikelifetime=28800s\n {4}salifetime=3600s\n/);
        }
    });

    it("maps each proposal value to libreswan's name", () => {
        const conf = renderLibreswanConf(input({ proposal: { encryption: "AES128", integrity: "SHA2-512", dhGroup: 20, phase1LifetimeSeconds: 3600, phase2LifetimeSeconds: 900 } }));
        assert.match(conf, /ike=aes128-sha2_512-dh20\n {4}esp=aes128-sha2_512-dh20\n {4}pfs=yes\n {4}ikelifetime=3600s\n {4}salifetime=900s/);
    });

    it("the user data reads the keys from SSM and never contains them; routes, forwarding, MSS clamp", () => {
        const ud = applianceUserData(input());
        assert.match(ud, /^#!\/bin\/bash\nset -euo pipefail\n/);
        // Retried: the Elastic IP (the only way out) may be associated after the script starts.
        assert.match(ud, /until dnf install -y libreswan nftables; do n=\$\(\(n\+1\)\); if \[ "\$n" -ge 30 \]; then .* exit 1; fi; sleep 10; done/);
        assert.match(ud, /psk1="\$\(aws ssm get-parameter --region us-west-2 --name \/stack\/hub\/tunnel1-psk --with-decryption --query Parameter\.Value --output text\)"/);
        assert.match(ud, /psk2="\$\(aws ssm get-parameter --region us-west-2 --name \/stack\/hub\/tunnel2-psk --with-decryption/);
        assert.match(ud, /198\.51\.100\.10 192\.0\.2\.11 : PSK "\$\{psk1\}"\n198\.51\.100\.10 192\.0\.2\.12 : PSK "\$\{psk2\}"/);
        assert.ok(ud.indexOf("umask 077") < ud.indexOf("psk1="), "the secrets file is created root-only");
        assert.match(ud, /chmod 600 \/etc\/ipsec\.d\/aws\.secrets/);
        assert.match(ud, /net\.ipv4\.ip_forward = 1\nnet\.ipv4\.conf\.all\.rp_filter = 2/);
        // Routes and the clamp run from a unit after libreswan on every boot, not only at first boot.
        const routes = ud.slice(ud.indexOf("cat > /usr/local/sbin/vpn-routes <<'ROUTES'"), ud.indexOf("\nROUTES\n"));
        assert.match(routes, /ip route replace 10\.10\.0\.0\/16 dev ipsec1 metric 100\nip route replace 10\.10\.0\.0\/16 dev ipsec2 metric 200$/);
        assert.match(routes, /tcp flags syn tcp option maxseg size set 1379/);
        // Each tunnel's inside address: the customer side (second host) of its /30.
        assert.match(routes, /ip addr replace 169\.254\.10\.2\/30 dev ipsec1\nip addr replace 169\.254\.11\.2\/30 dev ipsec2\n/);
        assert.match(ud, /\[Unit\]\nDescription=.*\nAfter=ipsec\.service\nRequires=ipsec\.service\n\[Service\]\nType=oneshot\nRemainAfterExit=yes\nExecStart=\/usr\/local\/sbin\/vpn-routes\n\[Install\]\nWantedBy=multi-user\.target/);
        assert.match(ud, /systemctl enable --now ipsec\nsystemctl enable --now vpn-routes$/);
        // The connection file is embedded verbatim (quoted heredoc: no expansion inside it).
        assert.ok(ud.includes(`cat > /etc/ipsec.d/aws.conf <<'CONF'\n${renderLibreswanConf(input()).trimEnd()}\nCONF`));
    });

    it("refuses inputs that would render a broken appliance, naming the key", () => {
        const t = input().tunnels;
        const cases: [Partial<ApplianceConfigInput>, RegExp][] = [
            [{ publicIp: "198.51.100.300" }, /vpnAppliance\.publicIp/],
            [{ tunnels: [{ ...t[0], outsideAddress: "" }, t[1]] }, /vpn\.tunnel1Address: "" is invalid/],
            [{ tunnels: [t[0], { ...t[1], insideCidr: "169.254.169.252/30" }] }, /vpn\.tunnel2InsideCidr: "169\.254\.169\.252\/30" is invalid; .*reserved/],
            [{ tunnels: [t[0], { ...t[1], insideCidr: t[0].insideCidr }] }, /different inside \/30s/],
            [{ tunnels: [{ ...t[0], pskParameter: "no-leading-slash" }, t[1]] }, /vpn\.tunnel1PskParameter/],
            [{ awsCidr: "0.0.0.0/0" }, /vpnAppliance\.awsCidr: "0\.0\.0\.0\/0" is invalid; a 0\.0\.0\.0\/0 traffic selector/],
            [{ awsCidr: "10.10.0.1/16" }, /vpnAppliance\.awsCidr: .*network address/],
            [{ onPremCidr: "fd00::/64" }, /vpnAppliance\.onPremCidr/],
            [{ onPremCidr: "10.10.128.0/17" }, /vpnAppliance\.onPremCidr: "10\.10\.128\.0\/17" is invalid; it overlaps the AWS-side CIDR 10\.10\.0\.0\/16/],
            [{ region: "us west 2" }, /aws:region/],
            [{ tcpMss: 1400 }, /vpnAppliance\.tcpMss: 1400 is invalid; use 536 to 1379/],
        ];
        for (const [over, why] of cases) assert.throws(() => applianceUserData(input(over)), (e: unknown) => e instanceof ConfigError && why.test(e.message), String(why));
    });
});

/** libreswan's `ipsec` command, when this machine has it (CI and .ci/run install it; elsewhere the test is skipped, saying why). */
function ipsecCommand(): string | undefined {
    return ["/usr/sbin/ipsec", "/usr/local/sbin/ipsec"].find((f) => fs.existsSync(f));
}

describe("lib/vpn: the rendered configuration parses in libreswan itself", () => {
    it("ipsec readwriteconf and addconn --checkconfig accept the connection file; algparse accepts every proposal of the strong subset", function () {
        const ipsec = ipsecCommand();
        if (!ipsec) {
            console.log("\n    SKIPPED (libreswan parser check): no ipsec command at /usr/sbin/ipsec or /usr/local/sbin/ipsec; install Debian's libreswan package (apt-get install libreswan, as .ci/run does) to run it\n");
            this.skip();
        }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "libreswan-"));
        fs.writeFileSync(path.join(dir, "aws.conf"), renderLibreswanConf(input()));
        fs.writeFileSync(path.join(dir, "ipsec.conf"), `config setup\n    logfile=${dir}/pluto.log\n\ninclude ${dir}/aws.conf\n`);
        const run = (...args: string[]) => execFileSync(ipsec!, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        const parsed = run("readwriteconf", "--config", path.join(dir, "ipsec.conf"));
        assert.strictEqual(parsed.split("\nconn aws-tunnel").length, 3, parsed);
        run("addconn", "--config", path.join(dir, "ipsec.conf"), "--checkconfig");
        for (const encryption of ["AES128", "AES256"] as const) {
            for (const integrity of ["SHA2-256", "SHA2-384", "SHA2-512"] as const) {
                for (const dhGroup of [14, 15, 16, 19, 20, 21] as const) {
                    const conf = renderLibreswanConf(input({ proposal: { ...DEFAULT_PROPOSAL, encryption, integrity, dhGroup } }));
                    const ike = /\n {4}ike=(\S+)\n/.exec(conf)![1];
                    const out = execFileSync(ipsec!, ["algparse", `ike=${ike}`], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
                    assert.match(out, new RegExp(`AES_CBC_${encryption.slice(3)}-HMAC_${integrity.replace("-", "_")}-`), `${ike}: ${out}`);
                }
            }
        }
    });
});
