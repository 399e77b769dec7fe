/**
 * lib/suggest.ts at its edges (issue 20, mutation survivors): edit distances against the empty
 * string and for swaps of neighbours, the distance limit for short and long values, ties cut to
 * the maximum, and nearMiss without a near candidate.
 */
import * as assert from "assert";
import { closest, didYouMean, editDistance, nearMiss } from "../../lib/suggest";

describe("lib/suggest edges", () => {
    it("edit distance to and from the empty string is the other's length", () => {
        assert.strictEqual(editDistance("", "abc"), 3);
        assert.strictEqual(editDistance("abc", ""), 3);
        assert.strictEqual(editDistance("", ""), 0);
    });
    it("a swap of neighbours is one edit; two different characters are two", () => {
        assert.strictEqual(editDistance("ab", "ba"), 1);
        assert.strictEqual(editDistance("cidr", "cdir"), 1);
        assert.strictEqual(editDistance("ax", "ya"), 2);
        assert.strictEqual(editDistance("kitten", "sitting"), 3);
    });
    it("the limit: one edit for values up to 5 characters, a third of the length, at most 3", () => {
        assert.deepStrictEqual(closest("ab", ["cd"]), [], "2 edits on a 2-character value");
        assert.deepStrictEqual(closest("ab", ["ac"]), ["ac"]);
        assert.deepStrictEqual(closest("abcdef", ["abcdxy"]), ["abcdxy"], "2 edits on a 6-character value");
        assert.deepStrictEqual(closest("abcdefghijkl", ["abcdefghwxyz"]), [], "4 edits on a 12-character value: the limit stays 3");
        assert.deepStrictEqual(closest("abcdefghijkl", ["abcdefghixyz"]), ["abcdefghixyz"]);
    });
    it("spaces around the value are ignored", () => assert.deepStrictEqual(closest("  cidr ", ["cidr"]), ["cidr"]));
    it("ties are sorted and cut to the maximum (3 by default)", () => {
        assert.deepStrictEqual(closest("ab", ["af", "ae", "ad", "ac"]), ["ac", "ad", "ae"]);
        assert.deepStrictEqual(closest("ab", ["af", "ae", "ad", "ac"], 2), ["ac", "ad"]);
        assert.strictEqual(didYouMean("ab", ["ac", "ad"]), '; did you mean "ac" or "ad"?');
    });
    it("nearMiss without a near candidate: the problem, then the fix", () => {
        assert.strictEqual(nearMiss("not a type", "zzzzzz", ["a"], "use t3.micro"), "not a type; use t3.micro");
        assert.strictEqual(nearMiss("not a type", "t3.micr", ["t3.micro"], "use t3.micro"), 'not a type; did you mean "t3.micro"? Otherwise use t3.micro');
    });
});
