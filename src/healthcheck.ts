import { loadBotConfig } from "./config";
import { settingsOrExit } from "./startup";

/**
 * The container's HEALTHCHECK (`node dist/healthcheck.js`): asks the bot beside it for
 * `/healthz` on the port its own settings give (HEALTH_PORT in Socket Mode, PORT in HTTP mode).
 * Exit 0 when it answers 200 within 3 s, 1 otherwise.
 */
const config = settingsOrExit(loadBotConfig);
const port = config.slack.mode === "socket" ? config.slack.healthPort : config.slack.port;
if (port === undefined) {
  process.stderr.write("HEALTH_PORT is not set: the bot serves no health check in Socket Mode\n");
  process.exit(1);
}
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
    signal: AbortSignal.timeout(3_000),
  });
  process.stdout.write(`${await response.text()}\n`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  process.stderr.write(
    `no answer on port ${port}: ${error instanceof Error ? error.message : error}\n`,
  );
  process.exit(1);
}
