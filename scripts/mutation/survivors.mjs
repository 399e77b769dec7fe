// `node scripts/mutation/survivors.mjs <folder> [file-substring]`: the changes that no test noticed,
// read from the report `npm run mutation -- <folder>` wrote (reports/mutation/<folder>/mutation.json),
// one line each: file:line:column, the mutator, the original code and what it became. Without a
// file filter it first prints, per file, how many survived or had no coverage, worst first. For the
// same view in the code, open reports/mutation/<folder>/index.html.
import fs from "node:fs";
import { FOLDERS } from "../../stryker.config.mjs";

const [folderArg, fileFilter] = process.argv.slice(2);
const folder = folderArg?.replace(/\/$/, "");
if (folder === undefined || !(folder in FOLDERS)) {
    console.error(`usage: node scripts/mutation/survivors.mjs <folder> [file-substring]; folder is one of ${Object.keys(FOLDERS).join(", ")}`);
    process.exit(2);
}
const report = `reports/mutation/${folder.replace("/", "-")}/mutation.json`;
if (!fs.existsSync(report)) {
    console.error(`${report} does not exist: run \`npm run mutation -- ${folder}\` first`);
    process.exit(2);
}
const files = JSON.parse(fs.readFileSync(report, "utf8")).files;
const missed = (m) => m.status === "Survived" || m.status === "NoCoverage";
const names = Object.keys(files).filter((f) => fileFilter === undefined || f.includes(fileFilter)).sort();
if (fileFilter === undefined) {
    const rows = names
        .map((f) => ({ f, n: files[f].mutants.filter(missed).length, all: files[f].mutants.filter((m) => m.status !== "Ignored" && m.status !== "CompileError").length }))
        .filter((r) => r.n > 0)
        .sort((a, b) => b.n - a.n);
    for (const r of rows) console.log(`${String(r.n).padStart(5)} of ${String(r.all).padStart(5)}  ${r.f}`);
    console.log("");
}
for (const f of names) {
    const lines = files[f].source.split("\n");
    const mutants = files[f].mutants.filter(missed).sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    for (const m of mutants) {
        const { start, end } = m.location;
        const original = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)} …`;
        const short = (s) => (s.length > 80 ? `${s.slice(0, 77)}...` : s).replace(/\s+/g, " ");
        console.log(`${f}:${start.line}:${start.column}  ${m.status === "NoCoverage" ? "no test reaches" : "survived"}  ${m.mutatorName}: ${short(original)} -> ${short(m.replacement ?? "")}`);
    }
}
