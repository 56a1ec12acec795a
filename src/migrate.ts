import { loadStoreConfig, secretsOf } from "./config";
import { createLogger } from "./logger";
import { settingsOrExit } from "./startup";
import { StoreError } from "./store/errors";
import { openStore } from "./store/open-store";

/**
 * `npm run migrate`: bring the store's schema up to date, then exit. The bot does the same on
 * start; this is for a deploy step that should fail before any replica starts. Safe to run while
 * replicas start or run. 0: up to date; 1: the database could not be used; 2: a setting is wrong.
 */
const config = settingsOrExit(loadStoreConfig);
const logger = createLogger({ ...config.log, secrets: secretsOf(config), name: "migrate" });
try {
  const store = await openStore(config.store, logger);
  logger.info(`${store.location} is at schema version ${await store.schemaVersion()}`);
  await store.close();
} catch (error) {
  if (!(error instanceof StoreError)) throw error;
  logger.error(`could not migrate: ${error.message}`);
  process.exit(1);
}
