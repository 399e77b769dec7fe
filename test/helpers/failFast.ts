/**
 * Mocha root setup (loaded by .mocharc.js for every run): a promise that rejects with nobody
 * listening fails the test that is running, at once and with the rejection's message, instead of
 * being dropped (mocha's default) while the test passes or waits out its timeout (issue 20).
 * While the offline engine runs a program it collects such rejections itself and fails the run
 * with them (engine/run.ts), so those are left to it. Kept free of imports: it loads first.
 */
const RUNNING = Symbol.for("eks-ipv6-interop.engine.programsRunning");

process.on("unhandledRejection", (reason) => {
    if (((globalThis as unknown as Record<symbol, number>)[RUNNING] ?? 0) > 0) return;
    // Thrown from this listener, the reason becomes an uncaught exception, which mocha charges
    // to the running test ("Uncaught Error: ...").
    throw reason instanceof Error ? reason : new Error(`unhandled rejection: ${String(reason)}`);
});
