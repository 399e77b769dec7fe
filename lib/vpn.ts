/**
 * AWS Site-to-Site VPN facts and the software appliance's configuration, as pure functions: the
 * rules AWS applies to tunnel options and customer gateways, the tunnel inside addresses, and the
 * libreswan configuration and user data of the instance that plays the customer gateway device in
 * the `onprem-vpn-ipv4-egress` scenario. No resources; components/network/siteToSiteVpn.ts and
 * components/workloads/vpnAppliance.ts use them, lib/aws/constraints.ts checks graphs with them.
 *
 * Sources (each rule below names its own):
 * - EC2 API Reference, VpnTunnelOptionsSpecification (TunnelInsideCidr, PreSharedKey, the phase 1
 *   and 2 algorithm, DH group and lifetime values); CreateCustomerGateway (BgpAsn, BgpAsnExtended).
 * - @pulumi/aws 7.48.0 ec2/vpnConnection.d.ts and ec2/customerGateway.d.ts (the same value lists,
 *   as the bridged terraform-provider-aws validates them).
 * - AWS Site-to-Site VPN User Guide, "Requirements for your customer gateway device" (NAT-T on UDP
 *   4500 behind NAT, TCP MSS 1379, fragment before encryption) and "Your customer gateway device"
 *   example configurations (tunnel inside addresses: the first host of the /30 is the AWS side,
 *   the second the customer side).
 */
import { cidrContains, cidrsOverlap, nthAddress, tryParseCidr } from "./cidr";
import { ConfigError } from "./errors";

/** The block every tunnel inside IPv4 CIDR comes from (VpnTunnelOptionsSpecification.TunnelInsideCidr). */
export const TUNNEL_INSIDE_RANGE = "169.254.0.0/16";

/** /30s AWS reserves and refuses as tunnel inside CIDRs (VpnTunnelOptionsSpecification.TunnelInsideCidr). */
export const RESERVED_TUNNEL_INSIDE_CIDRS: readonly string[] = [
    "169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30", "169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30",
];

/**
 * Why AWS would refuse this tunnel inside IPv4 CIDR, or undefined when it accepts it: a /30 of
 * 169.254.0.0/16, written as its network address, not one of the reserved /30s.
 */
export function tunnelInsideCidrProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return "a tunnel inside CIDR is a string such as 169.254.10.0/30";
    const p = tryParseCidr(value);
    if (!p || p.family !== "ipv4") return "not an IPv4 CIDR; use a /30 of 169.254.0.0/16 such as 169.254.10.0/30";
    if (p.prefix !== 30) return `a tunnel inside CIDR is exactly a /30 (this is a /${p.prefix}); use for example 169.254.10.0/30`;
    if (p.text !== value) return `write the network address of the /30: ${p.text}`;
    if (!cidrContains(TUNNEL_INSIDE_RANGE, p.text)) return `a tunnel inside CIDR comes from ${TUNNEL_INSIDE_RANGE}; use for example 169.254.10.0/30`;
    if (RESERVED_TUNNEL_INSIDE_CIDRS.includes(p.text)) return `${p.text} is reserved by AWS (reserved: ${RESERVED_TUNNEL_INSIDE_CIDRS.join(", ")}); pick another /30 of ${TUNNEL_INSIDE_RANGE}`;
    return undefined;
}

/**
 * Why AWS would refuse this pre-shared key, or undefined: 8 to 64 characters of letters, digits,
 * periods and underscores, not starting with 0 (VpnTunnelOptionsSpecification.PreSharedKey).
 */
export function presharedKeyProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return "a pre-shared key is a string";
    if (value.length < 8 || value.length > 64) return `a pre-shared key has 8 to 64 characters (this one has ${value.length})`;
    if (!/^[A-Za-z0-9._]+$/.test(value)) return "a pre-shared key uses only letters, digits, periods (.) and underscores (_)";
    if (value.startsWith("0")) return "a pre-shared key cannot start with zero (0)";
    return undefined;
}

/** Customer gateway `bgpAsn` range: 1 to 2,147,483,647 (CreateCustomerGateway, BgpAsn). */
export const CGW_BGP_ASN_MAX = 2_147_483_647;
/** Customer gateway `bgpAsnExtended` range: 2,147,483,648 to 4,294,967,295 (CreateCustomerGateway, BgpAsnExtended). */
export const CGW_BGP_ASN_EXTENDED: readonly [number, number] = [2_147_483_648, 4_294_967_295];

/**
 * The ASN as a whole number when it is one (`@pulumi/aws` types `bgpAsn` as a string), else
 * undefined. Only plain decimal digits count: "65000", not "6.5e4" or "0x10".
 */
export function asnNumber(value: unknown): number | undefined {
    if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
    if (typeof value === "string" && /^[0-9]{1,10}$/.test(value)) return Number(value);
    return undefined;
}

/** True for a value AWS takes as a customer gateway's `bgpAsn`. */
export function isValidCgwBgpAsn(value: unknown): boolean {
    const n = asnNumber(value);
    return n !== undefined && n >= 1 && n <= CGW_BGP_ASN_MAX;
}

/** True for a value AWS takes as a customer gateway's `bgpAsnExtended`. */
export function isValidCgwBgpAsnExtended(value: unknown): boolean {
    const n = asnNumber(value);
    return n !== undefined && n >= CGW_BGP_ASN_EXTENDED[0] && n <= CGW_BGP_ASN_EXTENDED[1];
}

/** Tunnel option values AWS accepts (VpnTunnelOptionsSpecification; @pulumi/aws ec2/vpnConnection.d.ts). */
export const TUNNEL_OPTION_VALUES = {
    ikeVersions: ["ikev1", "ikev2"],
    encryption: ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"],
    integrity: ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"],
    phase1DhGroups: [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    phase2DhGroups: [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
    phase1LifetimeSeconds: [900, 28800],
    phase2LifetimeSeconds: [900, 3600],
} as const;

/** The two inside addresses of a tunnel's /30: the AWS side is its first host, the customer side its second. */
export function tunnelInsideAddresses(insideCidr: string): { aws: string; customer: string; prefix: number } {
    const problem = tunnelInsideCidrProblem(insideCidr);
    if (problem) throw new ConfigError("vpn.tunnelInsideCidrs", insideCidr, problem);
    return { aws: nthAddress(insideCidr, 1), customer: nthAddress(insideCidr, 2), prefix: 30 };
}

/**
 * The IKE and ESP proposal both ends use: one of each, so AWS's side (the tunnel options) and the
 * appliance (libreswan's `ike=` and `esp=`) cannot negotiate anything weaker. Only the strong
 * subset: AES with SHA-2 and DH groups 14-16 (MODP) or 19-21 (ECP).
 */
export interface IpsecProposal {
    encryption: "AES128" | "AES256";
    integrity: "SHA2-256" | "SHA2-384" | "SHA2-512";
    dhGroup: 14 | 15 | 16 | 19 | 20 | 21;
    /** Phase 1 (IKE SA) lifetime, seconds: 900 to 28800. */
    phase1LifetimeSeconds: number;
    /** Phase 2 (IPsec SA) lifetime, seconds: 900 to 3600. */
    phase2LifetimeSeconds: number;
}

export const DEFAULT_PROPOSAL: IpsecProposal = { encryption: "AES256", integrity: "SHA2-256", dhGroup: 14, phase1LifetimeSeconds: 28800, phase2LifetimeSeconds: 3600 };

/** libreswan names of the AWS values (libreswan ipsec.conf(5), `ike=` and `esp=`). */
const LIBRESWAN_ENC: Record<IpsecProposal["encryption"], string> = { AES128: "aes128", AES256: "aes256" };
const LIBRESWAN_INTEG: Record<IpsecProposal["integrity"], string> = { "SHA2-256": "sha2_256", "SHA2-384": "sha2_384", "SHA2-512": "sha2_512" };
const LIBRESWAN_DH: Record<IpsecProposal["dhGroup"], string> = { 14: "modp2048", 15: "modp3072", 16: "modp4096", 19: "dh19", 20: "dh20", 21: "dh21" };

/** Refuses a proposal outside the strong subset or AWS's lifetime ranges, naming `key`. */
export function requireProposal(key: string, p: IpsecProposal): IpsecProposal {
    if (!(p.encryption in LIBRESWAN_ENC)) throw new ConfigError(`${key}.encryption`, p.encryption, `use ${Object.keys(LIBRESWAN_ENC).join(" or ")}`);
    if (!(p.integrity in LIBRESWAN_INTEG)) throw new ConfigError(`${key}.integrity`, p.integrity, `use one of ${Object.keys(LIBRESWAN_INTEG).join(", ")} (SHA1 is accepted by AWS but weak)`);
    if (!(String(p.dhGroup) in LIBRESWAN_DH)) throw new ConfigError(`${key}.dhGroup`, p.dhGroup, `use one of ${Object.keys(LIBRESWAN_DH).join(", ")} (group 2 and 5 are accepted by AWS but weak)`);
    const [p1lo, p1hi] = TUNNEL_OPTION_VALUES.phase1LifetimeSeconds;
    const [p2lo, p2hi] = TUNNEL_OPTION_VALUES.phase2LifetimeSeconds;
    if (!Number.isInteger(p.phase1LifetimeSeconds) || p.phase1LifetimeSeconds < p1lo || p.phase1LifetimeSeconds > p1hi) throw new ConfigError(`${key}.phase1LifetimeSeconds`, p.phase1LifetimeSeconds, `use ${p1lo} to ${p1hi} seconds`);
    if (!Number.isInteger(p.phase2LifetimeSeconds) || p.phase2LifetimeSeconds < p2lo || p.phase2LifetimeSeconds > p2hi) throw new ConfigError(`${key}.phase2LifetimeSeconds`, p.phase2LifetimeSeconds, `use ${p2lo} to ${p2hi} seconds`);
    return p;
}

/** The VPN connection's tunnel options for one proposal: IKEv2 only, one algorithm of each kind. */
export function tunnelOptionsFor(p: IpsecProposal): {
    ikeVersions: string[]; phase1EncryptionAlgorithms: string[]; phase1IntegrityAlgorithms: string[]; phase1DhGroupNumbers: number[];
    phase2EncryptionAlgorithms: string[]; phase2IntegrityAlgorithms: string[]; phase2DhGroupNumbers: number[]; phase1LifetimeSeconds: number; phase2LifetimeSeconds: number;
} {
    return {
        ikeVersions: ["ikev2"],
        phase1EncryptionAlgorithms: [p.encryption], phase1IntegrityAlgorithms: [p.integrity], phase1DhGroupNumbers: [p.dhGroup],
        phase2EncryptionAlgorithms: [p.encryption], phase2IntegrityAlgorithms: [p.integrity], phase2DhGroupNumbers: [p.dhGroup],
        phase1LifetimeSeconds: p.phase1LifetimeSeconds, phase2LifetimeSeconds: p.phase2LifetimeSeconds,
    };
}

/** One tunnel as the VPN connection reports it (its outputs) and the appliance needs it. */
export interface TunnelEndpoint {
    /** AWS's outside (public) IPv4 of the tunnel: `tunnelNAddress`. */
    outsideAddress: string;
    /** The tunnel's inside /30: `tunnelNInsideCidr`. */
    insideCidr: string;
    /** SSM parameter (SecureString) that holds the tunnel's pre-shared key; the appliance reads it at boot. */
    pskParameter: string;
}

export interface ApplianceConfigInput {
    /** Region of the SSM parameters. */
    region: string;
    /** The appliance's public IPv4 (its Elastic IP): the customer gateway's `ipAddress`, used as its IKE identity. */
    publicIp: string;
    /** Both tunnels of the connection, tunnel 1 first. */
    tunnels: readonly [TunnelEndpoint, TunnelEndpoint];
    /**
     * The AWS-side IPv4 CIDR the appliance routes into the tunnels (the cluster VPC's): the
     * connection's `remoteIpv4NetworkCidr` and libreswan's `rightsubnet`. A Site-to-Site VPN
     * connection has one traffic selector pair.
     */
    awsCidr: string;
    /** The customer-side IPv4 CIDR (the on-premises network): `localIpv4NetworkCidr` and `leftsubnet`. */
    onPremCidr: string;
    proposal: IpsecProposal;
    /** Largest TCP segment through the tunnel: 1379 (Site-to-Site VPN guide, customer gateway requirements). */
    tcpMss?: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const SSM_NAME = /^\/[A-Za-z0-9_.\-/]{1,1010}$/;

/** The AWS-recommended TCP MSS inside a Site-to-Site VPN tunnel (Site-to-Site VPN guide, customer gateway requirements). */
export const VPN_TCP_MSS = 1379;

function checkInput(c: ApplianceConfigInput): void {
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(c.region)) throw new ConfigError("aws:region", c.region, "a region name such as us-west-2");
    if (!IPV4.test(c.publicIp)) throw new ConfigError("vpnAppliance.publicIp", c.publicIp, "the appliance's Elastic IP, an IPv4 address such as 198.51.100.10");
    if (c.tunnels.length !== 2) throw new ConfigError("vpn.tunnels", c.tunnels.length, "a Site-to-Site VPN connection has exactly two tunnels");
    c.tunnels.forEach((t, i) => {
        if (!IPV4.test(t.outsideAddress)) throw new ConfigError(`vpn.tunnel${i + 1}Address`, t.outsideAddress, "the tunnel's outside IPv4 address from the VPN connection");
        const problem = tunnelInsideCidrProblem(t.insideCidr);
        if (problem) throw new ConfigError(`vpn.tunnel${i + 1}InsideCidr`, t.insideCidr, problem);
        if (!SSM_NAME.test(t.pskParameter)) throw new ConfigError(`vpn.tunnel${i + 1}PskParameter`, t.pskParameter, "an SSM parameter name starting with /, of letters, digits and _.-/");
    });
    if (c.tunnels[0].insideCidr === c.tunnels[1].insideCidr) throw new ConfigError("vpn.tunnelInsideCidrs", c.tunnels.map((t) => t.insideCidr), "the two tunnels need different inside /30s");
    for (const [key, cidr] of [["vpnAppliance.awsCidr", c.awsCidr], ["vpnAppliance.onPremCidr", c.onPremCidr]] as const) {
        const p = tryParseCidr(cidr);
        if (!p || p.family !== "ipv4" || p.text !== cidr) throw new ConfigError(key, cidr, "an IPv4 CIDR written as its network address, such as 10.10.0.0/16");
        if (p.prefix === 0) throw new ConfigError(key, cidr, "a 0.0.0.0/0 traffic selector would route the appliance's own internet path (IKE, package and SSM traffic) into the tunnel; name the network");
    }
    if (cidrsOverlap(c.awsCidr, c.onPremCidr)) throw new ConfigError("vpnAppliance.onPremCidr", c.onPremCidr, `it overlaps the AWS-side CIDR ${c.awsCidr}; the two sides of a VPN need distinct networks`);
    requireProposal("vpn.proposal", c.proposal);
    const mss = c.tcpMss ?? VPN_TCP_MSS;
    if (!Number.isInteger(mss) || mss < 536 || mss > VPN_TCP_MSS) throw new ConfigError("vpnAppliance.tcpMss", mss, `use 536 to ${VPN_TCP_MSS} (AWS recommends ${VPN_TCP_MSS} inside the tunnel)`);
}

/**
 * libreswan's connection file (`/etc/ipsec.d/aws.conf`) for both tunnels: route-based, each
 * tunnel on its own XFRM interface (`ipsec-interface=1` and `=2`; the vpn-routes unit gives each
 * its inside address, since libreswan 4.10's parser refuses `interface-ip=`),
 * IKEv2 with the one proposal AWS also allows, pre-shared keys, traffic selectors that match the
 * VPN connection's (`leftsubnet` = its localIpv4NetworkCidr, the on-premises network;
 * `rightsubnet` = its remoteIpv4NetworkCidr, the AWS side), the appliance's
 * Elastic IP as its identity (AWS identifies the customer gateway by it; the instance itself
 * sits behind the EIP's 1:1 NAT, so IKE and ESP use NAT-T on UDP 4500).
 */
export function renderLibreswanConf(c: ApplianceConfigInput): string {
    checkInput(c);
    const p = c.proposal;
    const suite = `${LIBRESWAN_ENC[p.encryption]}-${LIBRESWAN_INTEG[p.integrity]}-${LIBRESWAN_DH[p.dhGroup]}`;
    const lines = ["# Generated by lib/vpn.ts renderLibreswanConf from the VPN connection's tunnel outputs. Keys: /etc/ipsec.d/aws.secrets (from SSM at boot)."];
    c.tunnels.forEach((t, i) => {
        const n = i + 1;
        lines.push(
            "",
            `conn aws-tunnel${n}`,
            "    authby=secret",
            "    auto=start",
            "    ikev2=yes",
            "    type=tunnel",
            "    left=%defaultroute",
            `    leftid=${c.publicIp}`,
            `    leftsubnet=${c.onPremCidr}`,
            `    right=${t.outsideAddress}`,
            `    rightid=${t.outsideAddress}`,
            `    rightsubnet=${c.awsCidr}`,
            `    ipsec-interface=${n}`,
            `    ike=${suite}`,
            `    esp=${suite}`,
            // ESP with the DH group: AWS's phase 2 DH groups are PFS groups.
            "    pfs=yes",
            `    ikelifetime=${p.phase1LifetimeSeconds}s`,
            `    salifetime=${p.phase2LifetimeSeconds}s`,
            "    dpddelay=10",
            "    dpdtimeout=30",
            "    dpdaction=restart",
            "    encapsulation=auto",
        );
    });
    return `${lines.join("\n")}\n`;
}

/**
 * The appliance's user data (bash, Amazon Linux 2023): installs libreswan and nftables from the
 * distribution's repository (retrying for up to five minutes: the Elastic IP, its only way out,
 * is associated after the instance is running, possibly after this script starts), turns on
 * forwarding and loose reverse-path filtering (AWS may send on either tunnel), writes the
 * connection file, reads both pre-shared keys from SSM Parameter Store (SecureString, decrypted
 * with the instance role) into a root-only secrets file, starts libreswan, and installs a
 * systemd unit that runs after it on every boot: it clamps the TCP MSS of forwarded SYNs to 1379
 * and routes the AWS-side CIDR into tunnel 1 (metric 100) with tunnel 2 as the fallback route
 * (metric 200). The keys never appear in the user data, which any principal with
 * ec2:DescribeInstanceAttribute can read.
 */
export function applianceUserData(c: ApplianceConfigInput): string {
    const conf = renderLibreswanConf(c);
    const mss = c.tcpMss ?? VPN_TCP_MSS;
    const secrets = c.tunnels.map((t, i) => `psk${i + 1}="$(aws ssm get-parameter --region ${c.region} --name ${t.pskParameter} --with-decryption --query Parameter.Value --output text)"`);
    return [
        "#!/bin/bash",
        "set -euo pipefail",
        "n=0; until dnf install -y libreswan nftables; do n=$((n+1)); if [ \"$n\" -ge 30 ]; then echo 'no package repository after 5 minutes' >&2; exit 1; fi; sleep 10; done",
        "cat > /etc/sysctl.d/90-vpn-appliance.conf <<'SYSCTL'",
        "net.ipv4.ip_forward = 1",
        "net.ipv4.conf.all.rp_filter = 2",
        "net.ipv4.conf.default.rp_filter = 2",
        "SYSCTL",
        "sysctl --system",
        "cat > /etc/ipsec.d/aws.conf <<'CONF'",
        conf.trimEnd(),
        "CONF",
        "umask 077",
        ...secrets,
        "cat > /etc/ipsec.d/aws.secrets <<SECRETS",
        ...c.tunnels.map((t, i) => `${c.publicIp} ${t.outsideAddress} : PSK "\${psk${i + 1}}"`),
        "SECRETS",
        "unset psk1 psk2",
        "chmod 600 /etc/ipsec.d/aws.secrets",
        "umask 022",
        "cat > /usr/local/sbin/vpn-routes <<'ROUTES'",
        "#!/bin/bash",
        "set -euo pipefail",
        "nft list table inet vpnclamp >/dev/null 2>&1 || nft -f - <<'NFT'",
        "table inet vpnclamp {",
        "    chain forward {",
        "        type filter hook forward priority mangle;",
        `        tcp flags syn tcp option maxseg size set ${mss}`,
        "    }",
        "}",
        "NFT",
        "for i in $(seq 1 60); do ip link show ipsec1 >/dev/null 2>&1 && ip link show ipsec2 >/dev/null 2>&1 && break; sleep 2; done",
        // Each tunnel's inside address: the customer side of its /30 (the AWS side is the first host).
        ...c.tunnels.map((t, i) => { const a = tunnelInsideAddresses(t.insideCidr); return `ip addr replace ${a.customer}/${a.prefix} dev ipsec${i + 1}`; }),
        `ip route replace ${c.awsCidr} dev ipsec1 metric 100`,
        `ip route replace ${c.awsCidr} dev ipsec2 metric 200`,
        "ROUTES",
        "chmod 755 /usr/local/sbin/vpn-routes",
        "cat > /etc/systemd/system/vpn-routes.service <<'UNIT'",
        "[Unit]",
        "Description=Routes into the Site-to-Site VPN tunnels and the tunnel MSS clamp",
        "After=ipsec.service",
        "Requires=ipsec.service",
        "[Service]",
        "Type=oneshot",
        "RemainAfterExit=yes",
        "ExecStart=/usr/local/sbin/vpn-routes",
        "[Install]",
        "WantedBy=multi-user.target",
        "UNIT",
        "systemctl daemon-reload",
        "systemctl enable --now ipsec",
        "systemctl enable --now vpn-routes",
    ].join("\n");
}
