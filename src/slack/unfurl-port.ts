import type { LinkUnfurls } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { WebAPIPlatformError, WebAPIRateLimitedError } from "@slack/web-api";
import type { AttachUnfurls } from "../flows/ports";
import type { Logger } from "../logger";
import { retryRateLimited } from "./rate-limit";

/**
 * Where `chat.unfurl` attaches cards: the message by its channel and `ts` (which Slack says
 * always work, even in the composer), or Slack's own id for the unfurl with its source.
 */
export type UnfurlTarget =
  | { channel: string; ts: string }
  | { unfurl_id: string; source: "composer" | "conversations_history" };

/** A card may wait a little for Slack's rate limit (Tier 3): the message was just posted. */
const UNFURL_RATE_LIMIT = { maxWaitMs: 10_000, retries: 1 };

const reasonOf = (error: unknown): string => {
  if (error instanceof WebAPIPlatformError) return error.data.error;
  if (error instanceof WebAPIRateLimitedError)
    return `ratelimited (Retry-After ${error.retryAfter} s)`;
  return error instanceof Error ? error.message : String(error);
};

/**
 * `chat.unfurl` for one shared message. Each card goes as an attachment of Block Kit blocks,
 * keyed by its link exactly as Slack sent it; its `text` is the attachment's plain `fallback`.
 * A refusal is logged with Slack's reason: the conversation is not the place to say so.
 */
export const unfurlPort = (
  client: Pick<WebClient, "chat">,
  target: UnfurlTarget,
  logger: Pick<Logger, "warn">,
): AttachUnfurls => ({
  async attachUnfurls(cards) {
    const unfurls: LinkUnfurls = {};
    for (const [url, card] of cards) unfurls[url] = { blocks: card.blocks, fallback: card.text };
    try {
      await retryRateLimited(() => client.chat.unfurl({ ...target, unfurls }), {
        ...UNFURL_RATE_LIMIT,
        onWait: (ms) => logger.warn(`chat.unfurl rate limited; waiting ${ms / 1000} s`),
      });
    } catch (error) {
      logger.warn(
        `could not unfurl ${cards.size} ticket link(s): Slack answered ${reasonOf(error)}`,
      );
    }
  },
});
