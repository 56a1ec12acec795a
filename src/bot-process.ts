import { type BotDeps, createBot } from "./app";
import type { Clock } from "./clock";
import { loadBotConfig, secretsOf } from "./config";
import { stderrLineOut } from "./log-lines-out";
import { createLogger } from "./logger";
import { openStoreOrExit, reasonOf, settingsOrExit, startupFailure } from "./startup";

/**
 * The bot as a process (`npm start`): read the settings, open the store, start, and on SIGTERM,
 * SIGINT or SIGHUP stop taking work, finish the answers in flight, close the store, exit 0.
 * Written to run as a container's PID 1 as well as under npm, which forwards SIGTERM and SIGINT.
 * `options` are for tests that run the real process on a faster clock.
 */
export interface BotProcessOptions {
  clock?: Clock;
  schedule?: BotDeps["schedule"];
  claims?: BotDeps["claims"];
  owner?: string;
}

/** How long answers in flight get to finish; well inside Docker's 10 s and Kubernetes' 30 s. */
const GRACE_MS = 5_000;

export const runBotProcess = async (options: BotProcessOptions = {}): Promise<void> => {
  process.setSourceMapsEnabled(true);
  const config = settingsOrExit(loadBotConfig);
  const logger = createLogger({ ...config.log, secrets: secretsOf(config) });
  const store = await openStoreOrExit(config.store, logger, options.clock);

  let started = false;
  // One line an operator can act on; the stack helps nobody here, and the logger hides secrets.
  // A failure can also arrive unawaited (a rejection no start-up step was waiting for).
  const fail = (error: unknown) => {
    logger.error(
      started ? `stopped after an unexpected failure: ${reasonOf(error)}` : startupFailure(error),
    );
    process.exit(1);
  };
  process.on("unhandledRejection", fail);

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    // npm forwards a terminal's Ctrl-C on top of the terminal's own: a repeat changes nothing.
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing answers in flight, then exiting`);
    try {
      await bot.stop(GRACE_MS);
    } catch (error) {
      logger.warn(`error while stopping: ${reasonOf(error)}`);
    }
    await store.close().catch((error) => logger.warn("error while closing the store", error));
    process.exit(0);
  };
  // Registered before starting, so a signal during start-up is not the default (instant) death.
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    process.on(signal, () => void shutdown(signal));
  }
  // Every way out now passes `exit`, where waiting log lines are written: they may wait.
  stderrLineOut().batch();

  const bot = createBot({
    config,
    logger,
    store,
    clock: options.clock,
    schedule: options.schedule,
    claims: options.claims,
    owner: options.owner,
  });
  try {
    const { port, healthPort } = await bot.start();
    started = true;
    logger.info(
      config.slack.mode === "socket"
        ? `tickets bot running in Socket Mode${healthPort ? `; /healthz and /readyz on port ${healthPort}` : ""}`
        : `tickets bot listening on port ${port} (POST /slack/events, GET /healthz, GET /readyz)`,
    );
  } catch (error) {
    fail(error);
  }
};
