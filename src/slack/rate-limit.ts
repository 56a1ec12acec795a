import { WebAPIRateLimitedError } from "@slack/web-api";
import { retrying, retryWait } from "../retry/retry-policy";

/**
 * The Web API client rejects rate-limited calls instead of pausing its whole queue (which would
 * make an unrelated `views.open` miss its 3-second trigger). Each caller decides here how long
 * its own call may wait: a modal must open within seconds, a digest post can wait longer. Waits
 * and give-ups follow the bot's one retry policy (src/retry/retry-policy.ts).
 */
export const retryRateLimited = <T>(
  call: () => Promise<T>,
  o: {
    maxWaitMs: number;
    retries?: number;
    sleep?: (ms: number) => Promise<void>;
    /** Told before each wait, e.g. to log it. */
    onWait?: (ms: number) => void;
  },
): Promise<T> => {
  // Slack says how long; no backoff of our own on top of it.
  const policy = { retries: o.retries ?? 2, backoffMs: 0, maxWaitMs: o.maxWaitMs };
  return retrying(call, {
    waitBefore: (error, retry) =>
      error instanceof WebAPIRateLimitedError
        ? retryWait(policy, retry, { requestedMs: error.retryAfter * 1000 })
        : undefined,
    sleep: o.sleep,
    onRetry: (_error, waitMs) => o.onWait?.(waitMs),
  });
};
