import { loadDigestJobConfig, secretsOf } from "./config";
import { digestSucceeded } from "./digest/types";
import { runDigest } from "./flows/digest";
import { createLogger } from "./logger";
import { createWebClient } from "./slack/web-client-options";
import { settingsOrExit } from "./startup";
import { buildServices } from "./wiring";

/**
 * `npm run digest` (`node dist/digest-once.js`): post one digest now to every DIGEST_CHANNEL,
 * then exit. 0: done (also when nothing waits); 1: not built, or a channel failed; 2: settings.
 * For a CronJob or systemd timer, so that several bot instances never post the same digest.
 */
process.setSourceMapsEnabled(true);
const config = settingsOrExit(loadDigestJobConfig);
const logger = createLogger({ ...config.log, secrets: secretsOf(config), name: "digest" });
const services = buildServices(config, { logger, slack: createWebClient(config.slack, logger) });
const { definition, channels } = services.scheduledDigest;
const outcome = await runDigest(
  // Whatever runs this job retries it; a failure should surface at once as a non-zero exit.
  { ...services.digest, retry: { attempts: 1 } },
  { definition, channels, slot: services.clock.now() },
);
process.exit(digestSucceeded(outcome) ? 0 : 1);
