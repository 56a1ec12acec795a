import { WebAPIRateLimitedError } from "@slack/web-api";
import { sleep as realSleep } from "../clock";

/**
 * The Web API client rejects rate-limited calls instead of pausing its whole queue (which would
 * make an unrelated `views.open` miss its 3-second trigger). Each caller decides here how long
 * its own call may wait: a modal must open within seconds, a digest post can wait longer.
 */
export const retryRateLimited = async <T>(
  call: () => Promise<T>,
  o: {
    maxWaitMs: number;
    retries?: number;
    sleep?: (ms: number) => Promise<void>;
    /** Told before each wait, e.g. to log it. */
    onWait?: (ms: number) => void;
  },
): Promise<T> => {
  const retries = o.retries ?? 2;
  const sleep = o.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const waitMs = error instanceof WebAPIRateLimitedError ? error.retryAfter * 1000 : undefined;
      if (waitMs === undefined || attempt >= retries || waitMs > o.maxWaitMs) throw error;
      o.onWait?.(waitMs);
      await sleep(waitMs);
    }
  }
};
