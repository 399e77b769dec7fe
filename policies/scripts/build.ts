/**
 * Builds the publishable pack into `policies/dist/` (or the directory given as the first
 * argument). The rules import facts from the repository's `lib/`, outside this directory, and
 * `pulumi policy publish` uploads only the pack's directory; so the build compiles `index.ts`
 * and everything it imports (pack, `lib/` and the `engine/reachability/` model alike, keeping
 * their layout under `dist/policies/`, `dist/lib/` and `dist/engine/`), and writes a `package.json` whose dependencies are exactly
 * the packages the compiled code requires, at the versions this repository uses.
 *
 *   npm run build -w policies && cd policies/dist && npm install && pulumi policy publish <org>
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const PACK_DIR = path.resolve(__dirname, "..");
const REPO_ROOT = path.resolve(PACK_DIR, "..");

export interface BuildResult {
    outDir: string;
    /** Emitted .js files, relative to outDir. */
    files: string[];
    /** External packages the emitted code requires, with the version range written to package.json. */
    dependencies: Record<string, string>;
}

function readJson(file: string): any {
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Package name of a bare module specifier (`@pulumi/pulumi/runtime` -> `@pulumi/pulumi`). */
function packageOf(spec: string): string {
    const parts = spec.split("/");
    return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Compiles and writes the pack to `outDir`. `typeCheck: false` transpiles file by file without
 * the type check (the tests use it for speed; `tsc --noEmit` type-checks the same files in CI).
 */
export function buildPack(outDir = path.join(PACK_DIR, "dist"), opts: { typeCheck?: boolean } = {}): BuildResult {
    const parsed = ts.getParsedCommandLineOfConfigFile(path.join(PACK_DIR, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
    if (!parsed) throw new Error("cannot read policies/tsconfig.json");
    fs.rmSync(outDir, { recursive: true, force: true });
    const options: ts.CompilerOptions = { ...parsed.options, outDir, rootDir: REPO_ROOT, noEmit: false, declaration: false, sourceMap: false };
    const emitted: string[] = [];
    const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        emitted.push(path.relative(outDir, file));
    };
    if (opts.typeCheck === false) {
        // Fast path: follow the relative imports from the entry points and transpile each file alone.
        const seen = new Set<string>();
        const queue = [...parsed.fileNames];
        while (queue.length > 0) {
            const file = path.resolve(queue.pop()!);
            if (seen.has(file)) continue;
            seen.add(file);
            const source = fs.readFileSync(file, "utf8");
            for (const ref of ts.preProcessFile(source, true, true).importedFiles) {
                if (!ref.fileName.startsWith(".")) continue;
                const base = path.resolve(path.dirname(file), ref.fileName);
                const target = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
                if (!target) throw new Error(`${path.relative(REPO_ROOT, file)} imports ${ref.fileName}, which does not exist`);
                queue.push(target);
            }
            const out = ts.transpileModule(source, { compilerOptions: options, fileName: file, reportDiagnostics: true });
            if (out.diagnostics?.length) throw new Error(ts.formatDiagnostics(out.diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => REPO_ROOT, getNewLine: () => "\n" }));
            write(path.join(outDir, path.relative(REPO_ROOT, file)).replace(/\.ts$/, ".js"), out.outputText);
        }
    } else {
        const program = ts.createProgram({ rootNames: parsed.fileNames, options });
        const result = program.emit(undefined, (file, text) => write(file, text));
        const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
        if (diagnostics.length > 0 || result.emitSkipped) {
            throw new Error(ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => REPO_ROOT, getNewLine: () => "\n" }));
        }
    }
    const outside = emitted.filter((f) => f.startsWith(".."));
    if (outside.length > 0) throw new Error(`emitted outside ${outDir}: ${outside.join(", ")}`);

    // The external packages the compiled code requires, at the repository's versions.
    const versions: Record<string, string> = { ...readJson(path.join(REPO_ROOT, "package.json")).dependencies, ...readJson(path.join(PACK_DIR, "package.json")).dependencies };
    // The nodejs policy runtime runs @pulumi/pulumi's run-policy-pack from the pack's node_modules.
    const dependencies: Record<string, string> = { "@pulumi/pulumi": versions["@pulumi/pulumi"] };
    for (const file of emitted.filter((f) => f.endsWith(".js"))) {
        const text = fs.readFileSync(path.join(outDir, file), "utf8");
        for (const m of text.matchAll(/require\("([^"]+)"\)/g)) {
            const spec = m[1];
            if (spec.startsWith(".") || spec.startsWith("node:") || require("module").builtinModules.includes(spec)) continue;
            const name = packageOf(spec);
            if (!versions[name]) throw new Error(`${file} requires ${name}, which neither package.json lists`);
            dependencies[name] = versions[name];
        }
    }
    const pack = readJson(path.join(PACK_DIR, "package.json"));
    const manifest = {
        name: pack.name,
        version: pack.version,
        description: pack.description,
        private: true,
        main: "policies/index.js",
        dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))),
    };
    fs.writeFileSync(path.join(outDir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
    fs.copyFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), path.join(outDir, "PulumiPolicy.yaml"));
    fs.copyFileSync(path.join(PACK_DIR, "README.md"), path.join(outDir, "README.md"));
    return { outDir, files: emitted.sort(), dependencies: manifest.dependencies };
}

if (require.main === module) {
    const out = buildPack(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
    console.log(`Built the policy pack into ${path.relative(process.cwd(), out.outDir) || "."}: ${out.files.length} files; dependencies ${Object.entries(out.dependencies).map(([k, v]) => `${k}@${v}`).join(", ")}.`);
    console.log(`Publish: cd ${path.relative(process.cwd(), out.outDir)} && npm install && pulumi policy publish <org>`);
}
