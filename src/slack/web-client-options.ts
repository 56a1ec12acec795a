import type { AppOptions } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import type { SlackApiConfig } from "../config";
import type { Logger } from "../logger";
import { toBoltLogger } from "./bolt-logger";

type WebClientOptions = NonNullable<AppOptions["clientOptions"]>;

/**
 * Bolt's Web API client retries for about 30 minutes and has no timeout by default; a
 * stalled Slack edge would hang the bot (and the tests). These bounds keep every call short.
 */
export const slackClientOptions = (slackApiUrl: string | undefined): WebClientOptions => ({
  ...(slackApiUrl ? { slackApiUrl } : {}),
  timeout: 10_000,
  // A 429 would otherwise pause every call of the client; see rate-limit.ts.
  rejectRateLimitedCalls: true,
  retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 3_000, randomize: true },
});

/**
 * The Web API client of a process that has no Bolt app (`npm run digest`); the running bot
 * uses Bolt's own `app.client`, built from the same options.
 */
export const createWebClient = (slack: SlackApiConfig, logger: Logger): WebClient =>
  new WebClient(slack.botToken, {
    ...slackClientOptions(slack.apiUrl),
    logger: toBoltLogger(logger),
  });
