import { createBot } from "./app";
import { loadBotConfig, secretsOf } from "./config";
import { createLogger } from "./logger";
import { reasonOf, settingsOrExit, startupFailure } from "./startup";
import { StoreError } from "./store/errors";
import { openStore } from "./store/open-store";

/**
 * `npm start` (`node dist/main.js`): read the settings, start the bot, and on SIGTERM, SIGINT or
 * SIGHUP stop taking work, finish the answers in flight, then exit 0. Written to run as a
 * container's PID 1 as well as under npm, which forwards SIGTERM and SIGINT to it.
 */
process.setSourceMapsEnabled(true);
const config = settingsOrExit(loadBotConfig);
const logger = createLogger({ ...config.log, secrets: secretsOf(config) });

/** How long answers in flight get to finish; well inside Docker's 10 s and Kubernetes' 30 s. */
const GRACE_MS = 5_000;

// Opened (and migrated) before anything else starts: a database that cannot be used stops
// start-up here, in one line naming it, instead of the bot running on an empty store.
let store: Awaited<ReturnType<typeof openStore>>;
try {
  store = await openStore(config.store, logger);
} catch (error) {
  if (!(error instanceof StoreError)) throw error;
  logger.error(`could not start: ${error.message}`);
  process.exit(1);
}
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

const bot = createBot({ config, logger });
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
