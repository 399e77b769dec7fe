import * as assert from "assert";
import { execFileSync } from "child_process";
import { staticSiteUserData } from "../../lib/appUserData";

describe("lib/appUserData", () => {
    const base = { unit: "ipv4-app", description: "demo", message: "hello over IPv4", port: 80, bind: "0.0.0.0" as const };

    it("is a bash script that parses", () => {
        execFileSync("bash", ["-n"], { input: staticSiteUserData(base) });
    });
    it("binds the family asked for and serves the port", () => {
        assert.match(staticSiteUserData(base), /http\.server 80 --bind 0\.0\.0\.0 /);
        assert.match(staticSiteUserData({ ...base, bind: "::", port: 8080 }), /http\.server 8080 --bind :: /);
    });
    it("runs unprivileged, allowed to bind low ports, and starts at boot", () => {
        const ud = staticSiteUserData(base);
        assert.match(ud, /DynamicUser=yes/);
        assert.match(ud, /AmbientCapabilities=CAP_NET_BIND_SERVICE/);
        assert.match(ud, /systemctl enable --now ipv4-app\.service/);
    });
    it("refuses a message that could break out of its quotes", () => {
        for (const bad of ['a"b', "a$(id)", "a`id`", "a\\b", "two\nlines"]) {
            assert.throws(() => staticSiteUserData({ ...base, message: bad }), /must not contain/, bad);
        }
    });
    it("refuses a bad unit name or port", () => {
        assert.throws(() => staticSiteUserData({ ...base, unit: "App Server" }), /lower-case/);
        assert.throws(() => staticSiteUserData({ ...base, port: 0 }), /from 1 to 65535/);
    });
});
