/**
 * The offline model's Site-to-Site VPN outputs obey AWS's own rules: what it hands out where AWS
 * would choose (inside /30s, pre-shared keys) is something AWS could have chosen, and what the
 * program gave is reported back unchanged, with the inside addresses AWS derives from it.
 */
import * as assert from "assert";
import { AwsModel, vpnConnectionOutputs } from "../../engine/awsModel";
import { presharedKeyProblem, tunnelInsideAddresses, tunnelInsideCidrProblem } from "../../lib/vpn";

describe("engine/awsModel: Site-to-Site VPN connections", () => {
    it("AWS-chosen inside /30s and keys pass AWS's rules, for many connections; the two tunnels differ", () => {
        const model = new AwsModel({ region: "us-west-2", stack: "s", project: "p" });
        for (let i = 0; i < 300; i++) {
            const { state } = model.newResource({ type: "aws:ec2/vpnConnection:VpnConnection", name: `vpn-${i}`, inputs: { type: "ipsec.1", customerGatewayId: "cgw-1", transitGatewayId: "tgw-1" }, custom: true } as never);
            for (const t of [1, 2]) {
                assert.strictEqual(tunnelInsideCidrProblem(state[`tunnel${t}InsideCidr`]), undefined, state[`tunnel${t}InsideCidr`]);
                assert.strictEqual(presharedKeyProblem(state[`tunnel${t}PresharedKey`]), undefined, state[`tunnel${t}PresharedKey`]);
                const a = tunnelInsideAddresses(state[`tunnel${t}InsideCidr`]);
                assert.deepStrictEqual([state[`tunnel${t}VgwInsideAddress`], state[`tunnel${t}CgwInsideAddress`]], [a.aws, a.customer]);
            }
            assert.notStrictEqual(state.tunnel1InsideCidr, state.tunnel2InsideCidr);
            assert.notStrictEqual(state.tunnel1Address, state.tunnel2Address);
            assert.match(state.transitGatewayAttachmentId, /^tgw-attach-[0-9a-f]{17}$/);
        }
    });

    it("reports the program's inside /30s and keys, and EC2's option defaults", () => {
        const s = vpnConnectionOutputs("vpn-1", { tunnel1InsideCidr: "169.254.10.0/30", tunnel2PresharedKey: "my.key_123" }, "ab".repeat(32), "arn");
        assert.deepStrictEqual([s.tunnel1InsideCidr, s.tunnel1VgwInsideAddress, s.tunnel1CgwInsideAddress, s.tunnel2PresharedKey], ["169.254.10.0/30", "169.254.10.1", "169.254.10.2", "my.key_123"]);
        assert.deepStrictEqual([s.staticRoutesOnly, s.tunnelInsideIpVersion, s.localIpv4NetworkCidr, s.remoteIpv4NetworkCidr, s.transitGatewayAttachmentId], [false, "ipv4", "0.0.0.0/0", "0.0.0.0/0", ""]);
    });
});
