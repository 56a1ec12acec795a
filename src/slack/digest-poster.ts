import { WebAPIPlatformError, WebAPIRateLimitedError, type WebClient } from "@slack/web-api";
import { type Clock, sleep as realSleep, systemClock } from "../clock";
import type { PostDigest } from "../flows/digest";
import type { Logger } from "../logger";
import type { SlackMessage } from "../render/context";
import { retryRateLimited } from "./rate-limit";

/** What an operator should do about a Slack refusal, by Slack's error code. */
const ADVICE: Readonly<Record<string, string>> = {
  not_in_channel:
    "the bot is not a member of this channel: invite it (/invite @Tickets), or add the chat:write.public scope to manifest.yml and reinstall",
  channel_not_found:
    "no such channel for this bot: check DIGEST_CHANNEL holds channel IDs (C…), and invite the bot to private channels",
  is_archived: "the channel is archived: unarchive it or remove it from DIGEST_CHANNEL",
  invalid_auth: "SLACK_BOT_TOKEN was refused: check it, and that the app is still installed",
  account_inactive: "SLACK_BOT_TOKEN belongs to an uninstalled app: reinstall it",
  missing_scope: "the bot lacks a scope: reinstall the app from manifest.yml",
};

export class DigestPostError extends Error {
  override readonly name = "DigestPostError";
  constructor(
    readonly channel: string,
    readonly slackError: string,
  ) {
    super(
      `Slack refused the post (${slackError})${ADVICE[slackError] ? `: ${ADVICE[slackError]}` : ""}`,
    );
  }
}

export interface DigestPosterOptions {
  /** The one Web API client of the process (the bot's own, in the running bot). */
  client: WebClient;
  logger: Logger;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** Slack allows about one message per second per channel. */
  minIntervalMs?: number;
  /** Longest `Retry-After` worth waiting for inside one run. */
  maxRetryAfterMs?: number;
  rateLimitRetries?: number;
}

/**
 * Posts digests with `chat.postMessage` and resolves with the message's `ts` (what a run records
 * to be posted exactly once). The client rejects rate-limited calls instead of pausing its whole
 * queue, so a 429 for one channel is waited out here, for that channel only.
 */
export const createChannelPoster = (
  o: DigestPosterOptions,
): ((channel: string, message: SlackMessage) => Promise<string>) => {
  const { client } = o;
  const clock = o.clock ?? systemClock;
  const sleep = o.sleep ?? realSleep;
  const minIntervalMs = o.minIntervalMs ?? 1_000;
  const maxRetryAfterMs = o.maxRetryAfterMs ?? 60_000;
  const rateLimitRetries = o.rateLimitRetries ?? 3;
  const lastPostAt = new Map<string, number>();

  const paced = async (channel: string) => {
    const last = lastPostAt.get(channel);
    const wait = last === undefined ? 0 : last + minIntervalMs - clock.now().getTime();
    if (wait > 0) await sleep(wait);
    lastPostAt.set(channel, clock.now().getTime());
  };

  return async (channel, message) => {
    try {
      return await retryRateLimited(
        async () => {
          await paced(channel);
          const posted = await client.chat.postMessage({
            channel,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
            unfurl_media: false,
          });
          return posted.ts ?? "";
        },
        {
          maxWaitMs: maxRetryAfterMs,
          retries: rateLimitRetries,
          sleep,
          onWait: (ms) =>
            o.logger.warn(`digest to ${channel} rate limited; waiting ${ms / 1000} s`),
        },
      );
    } catch (error) {
      if (error instanceof WebAPIRateLimitedError) {
        throw new DigestPostError(channel, `ratelimited; Retry-After ${error.retryAfter} s`);
      }
      if (error instanceof WebAPIPlatformError)
        throw new DigestPostError(channel, error.data.error);
      throw new DigestPostError(channel, error instanceof Error ? error.message : String(error));
    }
  };
};

/** The same, for callers that need no `ts`. */
export const createDigestPoster = (o: DigestPosterOptions): PostDigest => {
  const post = createChannelPoster(o);
  return async (channel, message) => {
    await post(channel, message);
  };
};
