import type { WebClient } from "@slack/web-api";
import type { Logger } from "../logger";

const MAX_CACHED = 5_000;

/** The check runs before the ack: it must leave the 3-second ack room whatever Slack does. */
const DEFAULT_BUDGET_MS = 1_000;

/**
 * Whether a DM channel is the user's own DM with the bot (allowed under ALLOWED_CHANNEL_IDS),
 * not a DM between two people. Needs the `im:read` scope. An answer that does not come within
 * the budget counts as "no" for this request; it is still cached when it arrives, so the
 * person's next try is answered from memory.
 */
export const ownDmChecker = (
  client: () => WebClient,
  logger: Pick<Logger, "warn">,
  budgetMs = DEFAULT_BUDGET_MS,
) => {
  const known = new Map<string, string | null>();
  const asking = new Map<string, Promise<void>>();

  const ask = (channelId: string): Promise<void> => {
    const pending =
      asking.get(channelId) ??
      client()
        .conversations.info({ channel: channelId })
        .then((info) => {
          const channel = info.channel as { is_im?: boolean; user?: string } | undefined;
          if (known.size >= MAX_CACHED) known.clear();
          known.set(channelId, channel?.is_im ? (channel.user ?? null) : null);
        })
        .catch((error: unknown) => {
          logger.warn(
            `could not tell whether ${channelId} is a DM with the bot: ${(error as Error).message}`,
          );
        })
        .finally(() => asking.delete(channelId));
    asking.set(channelId, pending);
    return pending;
  };

  return async (userId: string, channelId: string): Promise<boolean> => {
    if (!known.has(channelId)) {
      let timer: NodeJS.Timeout | undefined;
      const outOfTime = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, budgetMs);
      });
      await Promise.race([ask(channelId), outOfTime]);
      clearTimeout(timer);
    }
    return known.get(channelId) === userId;
  };
};
