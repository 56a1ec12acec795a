import { sleep as realSleep } from "../clock";

/**
 * The bot's one retry policy, for every call that retries: the ticket panel (through ky's
 * retry), `response_url` posts, Slack's rate limits and the digest (through `retrying` below).
 *
 * Whether a failure is worth another try is the caller's question (for the panel, the error's
 * own `transient`); how long to wait, and whether the wait still makes sense, is answered here.
 */
export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** The first wait; each retry after it waits twice as long. */
  backoffMs: number;
  /** The longest wait worth taking: asked to wait longer, give up now. Default: no bound. */
  maxWaitMs?: number;
}

/**
 * How long to wait before retry number `retry` (1 for the first), or `undefined` to give up:
 * out of retries, a wait longer than the policy allows, or one that would not end before the
 * deadline. The wait is the longer of the backoff and what the other side asked (`Retry-After`).
 */
export const retryWait = (
  policy: RetryPolicy,
  retry: number,
  o: { requestedMs?: number; remainingMs?: number } = {},
): number | undefined => {
  if (retry > policy.retries) return undefined;
  const waitMs = Math.max(policy.backoffMs * 2 ** (retry - 1), o.requestedMs ?? 0);
  if (policy.maxWaitMs !== undefined && waitMs > policy.maxWaitMs) return undefined;
  if (o.remainingMs !== undefined && waitMs >= o.remainingMs) return undefined;
  return waitMs;
};

export const checkRetryPolicy = (policy: RetryPolicy, what: string): void => {
  if (!Number.isInteger(policy.retries) || policy.retries < 0) {
    throw new RangeError(`${what}: retries must be a whole number >= 0, got ${policy.retries}`);
  }
  if (!Number.isFinite(policy.backoffMs) || policy.backoffMs < 0) {
    throw new RangeError(`${what}: backoffMs must be >= 0, got ${policy.backoffMs}`);
  }
};

/**
 * For calls ky does not make (the Slack Web API client, `response_url` posts, a whole digest
 * collection): runs `call`, and after a failure asks `waitBefore(error, retry)` how long to wait
 * before trying again (`undefined`: give up, rethrowing that failure). The wait ends early if
 * `signal` aborts.
 */
export const retrying = async <T>(
  call: () => Promise<T>,
  o: {
    waitBefore: (error: unknown, retry: number) => number | undefined;
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
    signal?: AbortSignal;
    /** Told before each wait, e.g. to log it. */
    onRetry?: (error: unknown, waitMs: number, retry: number) => void;
  },
): Promise<T> => {
  const sleep = o.sleep ?? realSleep;
  for (let retry = 1; ; retry++) {
    try {
      return await call();
    } catch (error) {
      const waitMs = o.signal?.aborted ? undefined : o.waitBefore(error, retry);
      if (waitMs === undefined) throw error;
      o.onRetry?.(error, waitMs, retry);
      await sleep(waitMs, o.signal);
    }
  }
};
