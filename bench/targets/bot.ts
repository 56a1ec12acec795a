import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createBot } from "../../src/app";
import { loadBotConfig, secretsOf } from "../../src/config";
import { stderrLineOut } from "../../src/log-lines-out";
import { createLogger } from "../../src/logger";
import { openStore } from "../../src/store/open-store";
import { announce, exitWithRunner, onRunnerLine } from "../lib/child-protocol";

/**
 * The real bot as `npm start` builds it, in HTTP mode with Bolt's default HTTPReceiver. The
 * runner passes every setting in the environment; `.env` is deliberately not read, so a
 * developer's own settings cannot change what is measured.
 *
 * `DIGEST` on stdin posts a digest to every DIGEST_CHANNEL now, as the schedule would, in this
 * same process (while the runner keeps sending commands), and answers with a DONE line.
 *
 * Each process has a SQLite store of its own in a fresh directory (unless DATABASE_PATH or
 * DATABASE_URL says otherwise): a digest's slot claimed by an earlier process (or an earlier run
 * of the benchmark) in the same minute would otherwise not be posted again.
 */
const config = loadBotConfig(process.env);
const logger = createLogger({ ...config.log, secrets: secretsOf(config) });
const ownDir =
  process.env.DATABASE_PATH || process.env.DATABASE_URL
    ? undefined
    : mkdtempSync(join(tmpdir(), "bench-bot-store-"));
const store = await openStore(
  ownDir ? { engine: "sqlite", path: join(ownDir, "tickets.db") } : config.store,
  logger,
);
const bot = createBot({ config, logger, store });
const { port } = await bot.start(0);
// performance.now() counts from this process's start, so it includes Node's own boot.
announce("READY", { port, readyMs: performance.now() });
exitWithRunner(async () => {
  await bot.stop(1000);
  await store.close();
  if (ownDir) rmSync(ownDir, { recursive: true, force: true });
});
// As src/bot-process.ts does once its signal handlers exit through `process.exit`.
stderrLineOut().batch();

onRunnerLine((job) => {
  if (job !== "DIGEST") return;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const done = (outcome: string, total?: number) => {
    const cpu = process.cpuUsage(cpuBefore);
    announce("DONE", {
      wallMs: performance.now() - started,
      cpuMs: (cpu.user + cpu.system) / 1000,
      outcome,
      total,
    });
  };
  bot.runDigestNow().then(
    () => {
      const outcome = bot.lastDigest();
      done(outcome?.kind ?? "none", outcome?.kind === "posted" ? outcome.total : undefined);
    },
    (error: unknown) => done(`failed: ${error instanceof Error ? error.message : String(error)}`),
  );
});
