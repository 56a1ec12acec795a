import { ConfigError, type Environment, readEnvironment } from "./config";

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
