import { createBot } from "./app";
import { ConfigError, loadBotConfig, readEnvironment, secretsOf } from "./config";
import { createLogger } from "./logger";
import { StoreError } from "./store/errors";
import { openStore } from "./store/open-store";

/** `npm start`: read the settings, start the bot, stop cleanly on SIGTERM / SIGINT. */
const env = readEnvironment();
let config: ReturnType<typeof loadBotConfig>;
try {
  config = loadBotConfig(env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\nSee .env.example and README.md ("Settings").\n`);
  process.exit(2);
}

const logger = createLogger({ level: config.logLevel, secrets: secretsOf(env) });

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
// Bolt checks the token as soon as the app is built, so a failure can also arrive unawaited.
const fail = (error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  logger.error(
    started
      ? `stopped after an unexpected failure: ${reason}`
      : `could not start: ${reason}. Check SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_API_URL and PORT.`,
  );
  process.exit(1);
};
process.on("unhandledRejection", fail);

const bot = createBot({ config, logger });
let port: number | undefined;
try {
  ({ port } = await bot.start());
  started = true;
} catch (error) {
  fail(error);
}
logger.info(
  config.slack.mode === "socket"
    ? "tickets bot running in Socket Mode"
    : `tickets bot listening on port ${port} (POST /slack/events)`,
);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: finishing answers in flight, then exiting`);
  try {
    await bot.stop(5000);
  } catch (error) {
    logger.warn("error while stopping", error);
  }
  await store.close().catch((error) => logger.warn("error while closing the store", error));
  process.exit(0);
};
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
