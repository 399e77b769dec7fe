/** The VPN appliance's inputs the lib/vpn tests start from (documentation addresses), with `over` applied. */
import { DEFAULT_PROPOSAL, type ApplianceConfigInput } from "../../lib/vpn";

export const applianceInput = (over: Partial<ApplianceConfigInput> = {}): ApplianceConfigInput => ({
    region: "us-west-2",
    publicIp: "198.51.100.10",
    tunnels: [
        { outsideAddress: "192.0.2.11", insideCidr: "169.254.10.0/30", pskParameter: "/stack/hub/tunnel1-psk" },
        { outsideAddress: "192.0.2.12", insideCidr: "169.254.11.0/30", pskParameter: "/stack/hub/tunnel2-psk" },
    ],
    awsCidr: "10.10.0.0/16",
    onPremCidr: "10.50.0.0/16",
    proposal: DEFAULT_PROPOSAL,
    ...over,
});
