/**
 * lib/vpn.ts at its edges (issue 20, mutation survivors): the reserved list as the message prints
 * it, ASNs that are not numbers, each proposal key's exact fix, lifetimes at and one past their
 * bounds, the exact key, value and fix of each appliance input error, and the user data's boot
 * order lines. vpn.test.ts covers the typical tunnels and the libreswan file.
 */
import * as assert from "assert";
import {
    applianceUserData, asnNumber, DEFAULT_PROPOSAL, isValidCgwBgpAsn, isValidCgwBgpAsnExtended, requireProposal, RESERVED_TUNNEL_INSIDE_CIDRS, tunnelInsideCidrProblem,
    type ApplianceConfigInput, type IpsecProposal,
} from "../../lib/vpn";
import { applianceInput } from "../helpers/vpnAppliance";
import { configErrorParts as configError } from "../helpers/configError";

const input = applianceInput;

describe("lib/vpn edges: tunnel options", () => {
    it("a reserved inside CIDR lists the reserved blocks, comma-separated", () => {
        assert.strictEqual(tunnelInsideCidrProblem("169.254.0.0/30"), `169.254.0.0/30 is reserved by AWS (reserved: ${RESERVED_TUNNEL_INSIDE_CIDRS.join(", ")}); pick another /30 of 169.254.0.0/16`);
        assert.match(tunnelInsideCidrProblem("169.254.0.0/30")!, /reserved: 169\.254\.0\.0\/30, 169\.254\.1\.0\/30, /);
    });
    it("ASNs: a fraction, a string of digits, and values that are neither", () => {
        assert.strictEqual(asnNumber(65000.5), undefined);
        assert.strictEqual(asnNumber("65000"), 65000);
        assert.strictEqual(asnNumber(true), undefined);
        assert.strictEqual(asnNumber(null), undefined);
        assert.strictEqual(asnNumber(["65000"]), undefined);
        assert.strictEqual(isValidCgwBgpAsn(null), false);
        assert.strictEqual(isValidCgwBgpAsn("abc"), false);
        assert.strictEqual(isValidCgwBgpAsnExtended(null), false);
        assert.strictEqual(isValidCgwBgpAsnExtended("x"), false);
    });
});

describe("lib/vpn edges: proposals", () => {
    const p = (over: Partial<Record<keyof IpsecProposal, unknown>>) => ({ ...DEFAULT_PROPOSAL, ...over }) as IpsecProposal;
    it("each key's fix lists the strong values", () => {
        assert.deepStrictEqual(configError(() => requireProposal("k", p({ encryption: "3DES" }))), ["k.encryption", "3DES", "use AES128 or AES256"]);
        assert.deepStrictEqual(configError(() => requireProposal("k", p({ integrity: "SHA1" }))), ["k.integrity", "SHA1", "use one of SHA2-256, SHA2-384, SHA2-512 (SHA1 is accepted by AWS but weak)"]);
        assert.deepStrictEqual(configError(() => requireProposal("k", p({ dhGroup: 2 }))), ["k.dhGroup", 2, "use one of 14, 15, 16, 19, 20, 21 (group 2 and 5 are accepted by AWS but weak)"]);
    });
    it("lifetimes: phase 1 900..28800 and phase 2 900..3600, at each bound and one past", () => {
        for (const ok of [p({ phase1LifetimeSeconds: 900, phase2LifetimeSeconds: 900 }), p({ phase1LifetimeSeconds: 28800, phase2LifetimeSeconds: 3600 })]) assert.doesNotThrow(() => requireProposal("k", ok));
        assert.deepStrictEqual(configError(() => requireProposal("k", p({ phase1LifetimeSeconds: 899 }))), ["k.phase1LifetimeSeconds", 899, "use 900 to 28800 seconds"]);
        assert.deepStrictEqual(configError(() => requireProposal("k", p({ phase1LifetimeSeconds: 28801 }))), ["k.phase1LifetimeSeconds", 28801, "use 900 to 28800 seconds"]);
        assert.deepStrictEqual(configError(() => requireProposal("k", p({ phase2LifetimeSeconds: 899 }))), ["k.phase2LifetimeSeconds", 899, "use 900 to 3600 seconds"]);
        assert.deepStrictEqual(configError(() => requireProposal("k", p({ phase2LifetimeSeconds: 3601 }))), ["k.phase2LifetimeSeconds", 3601, "use 900 to 3600 seconds"]);
        assert.deepStrictEqual(configError(() => requireProposal("k", p({ phase2LifetimeSeconds: 1000.5 }))), ["k.phase2LifetimeSeconds", 1000.5, "use 900 to 3600 seconds"]);
    });
});

describe("lib/vpn edges: the appliance's inputs", () => {
    const t = input().tunnels;
    const cases: [string, Partial<ApplianceConfigInput>, [string, unknown, string]][] = [
        ["a region with text around it", { region: "xus-west-2" }, ["aws:region", "xus-west-2", "a region name such as us-west-2"]],
        ["a region with a suffix", { region: "us-west-2a" }, ["aws:region", "us-west-2a", "a region name such as us-west-2"]],
        ["the public IP", { publicIp: "x" }, ["vpnAppliance.publicIp", "x", "the appliance's Elastic IP, an IPv4 address such as 198.51.100.10"]],
        ["one tunnel", { tunnels: [t[0]] as unknown as ApplianceConfigInput["tunnels"] }, ["vpn.tunnels", 1, "a Site-to-Site VPN connection has exactly two tunnels"]],
        ["a tunnel's outside address", { tunnels: [t[0], { ...t[1], outsideAddress: "x" }] }, ["vpn.tunnel2Address", "x", "the tunnel's outside IPv4 address from the VPN connection"]],
        ["a PSK parameter", { tunnels: [t[0], { ...t[1], pskParameter: "x" }] }, ["vpn.tunnel2PskParameter", "x", "an SSM parameter name starting with /, of letters, digits and _.-/"]],
        ["the same inside CIDR twice", { tunnels: [t[0], { ...t[1], insideCidr: t[0].insideCidr }] }, ["vpn.tunnelInsideCidrs", ["169.254.10.0/30", "169.254.10.0/30"], "the two tunnels need different inside /30s"]],
        ["a weak proposal", { proposal: { ...DEFAULT_PROPOSAL, integrity: "SHA1" as IpsecProposal["integrity"] } }, ["vpn.proposal.integrity", "SHA1", "use one of SHA2-256, SHA2-384, SHA2-512 (SHA1 is accepted by AWS but weak)"]],
        ["an MSS one below 536", { tcpMss: 535 }, ["vpnAppliance.tcpMss", 535, "use 536 to 1379 (AWS recommends 1379 inside the tunnel)"]],
        ["an MSS that is not whole", { tcpMss: 1000.5 }, ["vpnAppliance.tcpMss", 1000.5, "use 536 to 1379 (AWS recommends 1379 inside the tunnel)"]],
    ];
    for (const [name, over, expected] of cases) it(name, () => assert.deepStrictEqual(configError(() => applianceUserData(input(over))), expected));

    it("an MSS of 536 and a multi-part region are accepted", () => {
        assert.match(applianceUserData(input({ tcpMss: 536, region: "ap-southeast-2" })), /maxseg size set 536/);
        assert.doesNotThrow(() => applianceUserData(input({ region: "us-gov-west-1" })));
    });

    it("the routes unit waits for both tunnel interfaces, is written as a unit file and loaded before it is enabled", () => {
        const lines = applianceUserData(input()).split("\n");
        const wait = lines.indexOf("for i in $(seq 1 60); do ip link show ipsec1 >/dev/null 2>&1 && ip link show ipsec2 >/dev/null 2>&1 && break; sleep 2; done");
        const unit = lines.indexOf("cat > /etc/systemd/system/vpn-routes.service <<'UNIT'");
        const reload = lines.indexOf("systemctl daemon-reload");
        const enable = lines.indexOf("systemctl enable --now vpn-routes");
        assert.ok(wait > 0 && unit > wait && reload > unit && enable > reload, JSON.stringify([wait, unit, reload, enable]));
    });
});
