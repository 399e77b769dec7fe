/**
 * "Did you mean" for unknown keys and near-miss values: the closest candidates by edit distance
 * (Damerau-Levenshtein, optimal string alignment), case-insensitively.
 */

/** Edit distance between two strings: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

/**
 * The candidates nearest to `value` (all at the same, smallest distance; at most `max`), among those
 * within a third of the value's length (at least 1, at most 3 edits); case is ignored.
 */
export function closest(value: string, candidates: Iterable<string>, max = 3): string[] {
    const v = value.trim().toLowerCase();
    const limit = Math.min(3, Math.max(1, Math.floor(v.length / 3)));
    const scored: [string, number][] = [];
    for (const c of new Set(candidates)) {
        const dist = editDistance(v, c.toLowerCase());
        if (dist <= limit) scored.push([c, dist]);
    }
    if (scored.length === 0) return [];
    const best = Math.min(...scored.map(([, d]) => d));
    return scored.filter(([, d]) => d === best).map(([c]) => c).sort().slice(0, max);
}

/** `; did you mean "a" or "b"?` or an empty string when nothing is close. */
export function didYouMean(value: string, candidates: Iterable<string>): string {
    const near = closest(value, candidates);
    if (near.length === 0) return "";
    return `; did you mean ${near.map((n) => JSON.stringify(n)).join(" or ")}?`;
}

/**
 * `problem; did you mean "x"? Otherwise fix` when a candidate is close, else `problem; fix`: the
 * one shape of a near-miss message.
 */
export function nearMiss(problem: string, value: string, candidates: Iterable<string>, fix: string): string {
    const near = didYouMean(value, candidates);
    return near ? `${problem}${near} Otherwise ${fix}` : `${problem}; ${fix}`;
}
