import * as assert from "assert";
import { hostCidr, nat64Embedded, nat64Synthesize } from "../../lib/cidr";
import { ConfigError } from "../../lib/errors";

describe("lib/cidr: NAT64 and host blocks", () => {
    const table: [string, string][] = [
        ["10.20.0.20/32", "64:ff9b::a14:14/128"],
        ["10.20.0.0/19", "64:ff9b::a14:0/115"],
        ["192.0.2.1/32", "64:ff9b::c000:201/128"],
        ["0.0.0.0/0", "64:ff9b::/96"],
    ];
    for (const [v4, v6] of table) {
        it(`DNS64 synthesizes ${v4} as ${v6}, and NAT64 recovers it`, () => {
            assert.strictEqual(nat64Synthesize(v4), v6);
            assert.strictEqual(nat64Embedded(v6), v4);
        });
    }
    it("nothing is embedded outside 64:ff9b::/96", () => {
        assert.strictEqual(nat64Embedded("2001:db8::a14:14/128"), undefined);
        assert.strictEqual(nat64Embedded("64:ff9b::/95"), undefined);
        assert.strictEqual(nat64Embedded("10.0.0.0/8"), undefined);
    });
    it("refuses to synthesize from an IPv6 block", () => assert.throws(() => nat64Synthesize("2001:db8::/64"), ConfigError));
    it("host blocks of both families, canonical; undefined for non-addresses", () => {
        assert.strictEqual(hostCidr("10.0.0.1"), "10.0.0.1/32");
        assert.strictEqual(hostCidr("2001:DB8:0:0::A"), "2001:db8::a/128");
        assert.strictEqual(hostCidr("10.0.0.0/8"), undefined);
        assert.strictEqual(hostCidr("not-an-ip"), undefined);
    });
});
