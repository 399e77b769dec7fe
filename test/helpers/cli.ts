import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../engine/cli";

/** Runs `npm run plan -- <args>` in-process, capturing what it prints. */
export async function runPlan(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (...a: unknown[]) => out.push(a.join(" "));
    console.error = (...a: unknown[]) => err.push(a.join(" "));
    try {
        const code = await main(args);
        return { code, out: out.join("\n"), err: err.join("\n") };
    } finally {
        console.log = log;
        console.error = error;
    }
}

/** A fresh temporary file path. */
export function tmpFile(name: string): string {
    return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), name);
}

export function writeTmp(name: string, content: unknown): string {
    const f = tmpFile(name);
    fs.writeFileSync(f, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return f;
}
