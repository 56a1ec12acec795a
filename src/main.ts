import { createBot } from "./app";
import { ConfigError, loadBotConfig, readEnvironment, secretsOf } from "./config";
import { createLogger } from "./logger";

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
const bot = createBot({ config, logger });
const { port } = await bot.start();
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
  process.exit(0);
};
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
