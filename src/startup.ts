import type { Clock } from "./clock";
import { ConfigError, type Environment, readEnvironment, type StoreConfig } from "./config";
import type { Logger } from "./logger";
import { StoreError } from "./store/errors";
import { openStore } from "./store/open-store";
import type { Store } from "./store/store";

/**
 * What both entry points do before anything else: read the settings, and on a mistake print
 * one line per problem (no stack trace, no secret) and exit 2.
 */
export const settingsOrExit = <T>(load: (env: Environment) => T): T => {
  try {
    return load(readEnvironment());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example and docs/configuration.md.\n`);
    process.exit(2);
  }
};

/** The first line of an error, for a log line an operator can act on. */
export const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** What to do when Slack refuses a token at start-up, by Slack's error code. */
const SLACK_REFUSALS: Readonly<Record<string, string>> = {
  invalid_auth:
    "Slack refused the token (invalid_auth): check that SLACK_BOT_TOKEN (xoxb-…), and in Socket Mode SLACK_APP_TOKEN (xapp-…), are this app's and were copied whole",
  not_authed: "Slack got no token (not_authed): set SLACK_BOT_TOKEN",
  account_inactive:
    "the app was uninstalled (account_inactive): reinstall it and put its new token in SLACK_BOT_TOKEN",
  token_revoked:
    "the token was revoked (token_revoked): reinstall the app and put its new token in SLACK_BOT_TOKEN",
};

/** One line on why the bot could not start, naming the settings to check. */
export const startupFailure = (error: unknown): string => {
  const code =
    error && typeof error === "object" && "data" in error
      ? (error.data as { error?: unknown } | undefined)?.error
      : undefined;
  const advice = typeof code === "string" ? SLACK_REFUSALS[code] : undefined;
  return advice
    ? `could not start: ${advice}.`
    : `could not start: ${reasonOf(error)}. Check SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_API_URL, PORT and HEALTH_PORT.`;
};

/**
 * Opens (and migrates) the store before anything else starts: a database that cannot be used
 * stops start-up here, in one line naming it (exit 1), instead of running on an empty store.
 */
export const openStoreOrExit = async (
  location: StoreConfig,
  logger: Logger,
  clock?: Clock,
): Promise<Store> => {
  try {
    return await openStore(location, logger, { clock });
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    logger.error(`could not start: ${error.message}`);
    process.exit(1);
  }
};
