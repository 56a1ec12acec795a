import { systemClock } from "./clock";
import { ConfigError, loadDigestJobConfig, readEnvironment, secretsOf } from "./config";
import { digestSucceeded } from "./digest/run-digest";
import { runChannelDigest } from "./flows/digest";
import { en } from "./i18n";
import { createLogger } from "./logger";
import { createDigestPoster } from "./slack/digest-poster";
import { createTicketClient } from "./tickets/ticket-client";
import { ticketLinker } from "./tickets/ticket-link";

/**
 * `npm run digest`: post one digest now to every DIGEST_CHANNEL, then exit.
 * 0: done (also when nothing waits); 1: not built, or a channel failed; 2: configuration error.
 * For a CronJob or systemd timer, so that several bot instances never post the same digest.
 */
const env = readEnvironment();
let config: ReturnType<typeof loadDigestJobConfig>;
try {
  config = loadDigestJobConfig(env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\nSee .env.example and README.md ("Digests").\n`);
  process.exit(2);
}

const logger = createLogger({ level: config.logLevel, secrets: secretsOf(env), name: "digest" });
const clock = systemClock;
const tickets = createTicketClient({
  baseUrl: config.ticketApi.url,
  token: config.ticketApi.token,
  timeoutMs: config.ticketApi.timeoutMs,
  clock,
  logger,
});
const outcome = await runChannelDigest({
  tickets,
  clock,
  digest: config.digest,
  logger,
  renderContext: () => ({
    t: en,
    now: clock.now(),
    timeZone: config.digest.timeZone,
    ticketUrl: config.ticketApi.webUrl ? ticketLinker(config.ticketApi.webUrl) : undefined,
  }),
  post: createDigestPoster({
    botToken: config.botToken,
    slackApiUrl: config.slackApiUrl,
    logger,
    clock,
  }),
  // Whatever runs this job retries it; a failure should surface at once as a non-zero exit.
  attempts: 1,
});
process.exit(digestSucceeded(outcome) ? 0 : 1);
