// `node scripts/mutation/scores.mjs`: the README's score table, read from the JSON reports that
// `npm run mutation -- <folder>` wrote (reports/mutation/<folder>/mutation.json). Scores as Stryker
// computes them: detected (killed + timed out) over valid mutants (detected + survived + no
// coverage); "covered" leaves out the mutants no test of the tier reaches; "run-time code" also
// leaves out the mutants Stryker flags static (code that also runs while a module loads), which the
// hot-swap hook (hot-swap-hybrids.mjs) cannot show to a test that reads a value built at import.
// Ignored (static only) and compile-error mutants are not counted.
import fs from "node:fs";
import { FOLDERS, TIERS } from "../../stryker.config.mjs";

const rows = ["| folder | tested against | mutants | killed | survived | no coverage | score | covered | run-time code |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"];
for (const folder of Object.keys(FOLDERS)) {
    const file = `reports/mutation/${folder.replace("/", "-")}/mutation.json`;
    if (!fs.existsSync(file)) {
        rows.push(`| \`${folder}\` | ${TIERS[folder].map((t) => `\`${t}\``).join(", ")} | not measured | | | | | | |`);
        continue;
    }
    const count = {};
    const runTime = { detected: 0, valid: 0 };
    for (const f of Object.values(JSON.parse(fs.readFileSync(file, "utf8")).files)) {
        for (const m of f.mutants) {
            count[m.status] = (count[m.status] ?? 0) + 1;
            if (m.static === true || !["Killed", "Timeout", "Survived", "NoCoverage"].includes(m.status)) continue;
            runTime.valid++;
            if (m.status === "Killed" || m.status === "Timeout") runTime.detected++;
        }
    }
    const detected = (count.Killed ?? 0) + (count.Timeout ?? 0);
    const survived = count.Survived ?? 0;
    const noCov = count.NoCoverage ?? 0;
    const pct = (n, d) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)} %`);
    rows.push(`| \`${folder}\` | ${TIERS[folder].map((t) => `\`${t}\``).join(", ")} | ${detected + survived + noCov} | ${detected} | ${survived} | ${noCov} | ${pct(detected, detected + survived + noCov)} | ${pct(detected, detected + survived)} | ${pct(runTime.detected, runTime.valid)} |`);
}
console.log(rows.join("\n"));
