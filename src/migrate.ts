import { ConfigError, loadStoreConfig, readEnvironment, secretsOf } from "./config";
import { createLogger } from "./logger";
import { StoreError } from "./store/errors";
import { openStore } from "./store/open-store";

/**
 * `npm run migrate`: bring the store's schema up to date, then exit. The bot does the same on
 * start; this is for a deploy step that should fail before any replica starts. Safe to run while
 * replicas start or run. 0: up to date; 1: the database could not be used; 2: a setting is wrong.
 */
const env = readEnvironment();
let config: ReturnType<typeof loadStoreConfig>;
try {
  config = loadStoreConfig(env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\nSee .env.example and README.md ("Settings").\n`);
  process.exit(2);
}

const logger = createLogger({ level: config.logLevel, secrets: secretsOf(env), name: "migrate" });
try {
  const store = await openStore(config.store, logger);
  logger.info(`${store.location} is at schema version ${await store.schemaVersion()}`);
  await store.close();
} catch (error) {
  if (!(error instanceof StoreError)) throw error;
  logger.error(`could not migrate: ${error.message}`);
  process.exit(1);
}
