/**
 * lib/probeBudget.ts at its edges (issue 20, mutation survivors): each flag spelling curl and dig
 * take, flags without a value, two commands in one check, curl's backoff with no or a zero delay,
 * sleeps inside a retry loop, spaces around a check, and the exact messages for what it cannot
 * bound. probeBudget.test.ts covers the typical checks and the stacks' scripts.
 */
import * as assert from "assert";
import { checkBudget, scriptBudget } from "../../lib/probeBudget";

const seconds = (text: string) => checkBudget(text).seconds;

describe("lib/probeBudget edges: curl", () => {
    it("-m is --max-time", () => assert.deepStrictEqual(checkBudget("curl -m 7 -fsS http://h/"), { seconds: 7, digs: 0, curls: 1, sleepSeconds: 0 }));
    it("two spaces between a flag and its value", () => assert.strictEqual(seconds("curl --max-time  7 http://h/"), 7));
    it("a flag at the very end, without its value, is no flag", () => assert.strictEqual(seconds("curl --max-time 5 http://h/ --retry"), 5));
    it("each curl has its own flags: the second's --retry is not the first's", () => {
        assert.deepStrictEqual(checkBudget("curl --max-time 5 http://a/; curl --max-time 3 --retry 2 --retry-delay 4 http://b/"), { seconds: 5 + 3 * 3 + 2 * 4, digs: 0, curls: 2, sleepSeconds: 0 });
    });
    it("retries without --retry-delay, or with a delay of 0, wait curl's backoff: 1, 2, 4 ... seconds", () => {
        assert.strictEqual(seconds("curl --max-time 5 --retry 3 http://h/"), 4 * 5 + 1 + 2 + 4);
        assert.strictEqual(seconds("curl --max-time 5 --retry 3 --retry-delay 0 http://h/"), 4 * 5 + 1 + 2 + 4);
    });
    it("curl without --max-time is refused, naming the check and the fix", () => {
        assert.throws(() => checkBudget("curl -fsS http://h/"), /^Error: probe budget: curl without --max-time has no bound \(curl -fsS http:\/\/h\/\); add --max-time SECONDS$/);
        assert.throws(() => checkBudget("curl --max-time soon http://h/"), /curl without --max-time has no bound/, "a max time that is not a number");
        const long = `curl ${"-fsS ".repeat(30)}http://h/`;
        assert.throws(() => checkBudget(long), (e: Error) => e.message === `probe budget: curl without --max-time has no bound (${long.slice(0, 80)}); add --max-time SECONDS`);
    });
});

describe("lib/probeBudget edges: dig and sleep", () => {
    const dig = (flags: string) => seconds(`dig +short AAAA h ${flags}`);
    it("dig's defaults are 3 tries of 5 seconds", () => assert.strictEqual(dig(""), 15));
    it("+tries, +retry (one more try), +time and +timeout; a time of 0 counts as 1", () => {
        assert.strictEqual(dig("+tries=1"), 5);
        assert.strictEqual(dig("+retry=1"), 10);
        assert.strictEqual(dig("+time=2"), 6);
        assert.strictEqual(dig("+timeout=4"), 12);
        assert.strictEqual(dig("+time=10 +tries=1"), 10);
        assert.strictEqual(dig("+time=0 +tries=2"), 2);
    });
    it("flags that are not exactly +name=number are ignored", () => {
        assert.strictEqual(dig("x+tries=1"), 15);
        assert.strictEqual(dig("+tries=1x"), 15);
    });
    it("a sleep counts its seconds as waiting, not as a dig", () => {
        assert.deepStrictEqual(checkBudget("sleep 3"), { seconds: 3, digs: 0, curls: 0, sleepSeconds: 3 });
    });
    it("a sleep that is not a number of seconds is refused", () => {
        assert.throws(() => checkBudget("sleep $wait"), /^Error: probe budget: sleep \$wait is not a number of seconds$/);
    });
});

describe("lib/probeBudget edges: loops and functions", () => {
    it("a retry loop multiplies every part of its check, waits included, and counts an initial delay", () => {
        assert.deepStrictEqual(checkBudget("sleep 7; n=0; until ( sleep 2 ); do n=$((n+1)); if [ \"$n\" -ge 3 ]; then exit 1; fi; sleep 5; done"),
            { seconds: 7 + 3 * 2 + 2 * 5, digs: 0, curls: 0, sleepSeconds: 7 + 3 * 2 + 2 * 5 });
    });
    it("spaces around a check are not part of it", () => {
        assert.strictEqual(seconds("  n=0; until ( sleep 1 ); do n=$((n+1)); if [ \"$n\" -ge 2 ]; then exit 1; fi; sleep 1; done  "), 3);
    });
    it("an unknown loop is refused with its first 120 characters", () => {
        const body = `while true; do ${"x".repeat(200)}; done`;
        assert.throws(() => checkBudget(body), (e: Error) => e.message === `probe budget: a loop this model does not know, so no bound: ${body.slice(0, 120)}`);
    });
    it("network work in a for loop is refused with the loop's first 120 characters, whatever the variable's name", () => {
        const body = `for addr in $out; do curl --max-time 5 "http://[$addr]/"; echo ${"y".repeat(150)}; done`;
        assert.throws(() => checkBudget(body), (e: Error) => e.message === `probe budget: network work inside a for loop has no fixed count: ${body.slice(0, 120)}`);
    });
    it("the expand6 function's body is not scanned", () => {
        assert.strictEqual(seconds("expand6() { printf x | awk '{ for a in b; do sleep 9; done }'; }; sleep 1"), 1);
    });
});

describe("lib/probeBudget edges: scripts", () => {
    it("only lines that begin with a check count (not a comment that quotes one)", () => {
        const script = [
            "#!/bin/sh",
            "# if ( sleep 100 ) >/tmp/out 2>&1; then echo 'PASS quoted'; fi",
            "if ( sleep 2 ) >/tmp/out 2>&1; then echo 'PASS real'; else echo 'FAIL real'; fi",
        ].join("\n");
        assert.deepStrictEqual(scriptBudget(script).checks.map((c) => [c.name, c.budget.seconds]), [["real", 2]]);
    });
});
