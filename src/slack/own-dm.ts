import type { WebClient } from "@slack/web-api";
import type { Logger } from "../logger";
import { retryRateLimited } from "./rate-limit";

const MAX_CACHED = 5_000;

/**
 * Whether a DM channel is the user's own DM with the bot (allowed under ALLOWED_CHANNEL_IDS),
 * not a DM between two people. Needs the `im:read` scope; any failure counts as "no".
 */
export const ownDmChecker = (client: () => WebClient, logger: Pick<Logger, "warn">) => {
  const known = new Map<string, string | null>();
  return async (userId: string, channelId: string): Promise<boolean> => {
    if (!known.has(channelId)) {
      try {
        const info = await retryRateLimited(
          () => client().conversations.info({ channel: channelId }),
          {
            maxWaitMs: 2_000,
            retries: 1,
          },
        );
        const channel = info.channel as { is_im?: boolean; user?: string } | undefined;
        if (known.size >= MAX_CACHED) known.clear();
        known.set(channelId, channel?.is_im ? (channel.user ?? null) : null);
      } catch (error) {
        logger.warn(
          `could not tell whether ${channelId} is a DM with the bot: ${(error as Error).message}`,
        );
        return false;
      }
    }
    return known.get(channelId) === userId;
  };
};
