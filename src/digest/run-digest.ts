import type { Logger } from "../logger";
import { type RetryPolicy, retrying, retryWait } from "../retry/retry-policy";
import { TicketApiError, TicketApiRateLimitError } from "../tickets/errors";
import type { DigestSummary } from "./types";

/** A channel the digest could not be posted to, and why (already worded for an operator). */
export interface ChannelFailure {
  channel: string;
  reason: string;
}

export type DigestOutcome =
  /** The digest could not be built: nothing was posted anywhere. */
  | { kind: "not-built"; error: unknown; at: Date }
  /** Nothing waits; `posted` lists channels that got the "nothing waiting" note. */
  | { kind: "empty"; posted: string[]; failed: ChannelFailure[]; at: Date }
  | { kind: "posted"; total: number; posted: string[]; failed: ChannelFailure[]; at: Date };

export interface RunDigestDeps<M> {
  channels: readonly string[];
  postWhenEmpty: boolean;
  collect: () => Promise<DigestSummary>;
  render: (summary: DigestSummary) => M;
  renderEmpty: () => M;
  /** Rejects with an Error whose message says what an operator should do. */
  post: (channel: string, message: M) => Promise<void>;
  logger: Pick<Logger, "info" | "warn" | "error">;
  now: () => Date;
  /** Attempts at collecting before giving up until the next run. Default 3. */
  attempts?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A rate limit says when to come back; a digest can wait that long, within reason. */
const MAX_RETRY_WAIT_MS = 5 * 60_000;

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * How long to wait before collecting again, or `undefined` to give up: the client already
 * retried within its deadline, so this is the slower retry a scheduled job can afford, for
 * whatever the error itself calls transient.
 */
const waitBefore =
  (policy: RetryPolicy, now: () => Date) =>
  (error: unknown, retry: number): number | undefined => {
    if (!(error instanceof TicketApiError) || !error.transient) return undefined;
    const requestedMs =
      error instanceof TicketApiRateLimitError
        ? error.retryAt.getTime() - now().getTime()
        : undefined;
    return retryWait(policy, retry, { requestedMs });
  };

/**
 * One digest run: collect (with a few retries), render once, post to every channel.
 * A channel that fails does not stop the others. A digest that cannot be built is not posted
 * at all: "nothing waiting" must never stand in for "unknown".
 */
export const runDigest = async <M>(deps: RunDigestDeps<M>): Promise<DigestOutcome> => {
  const attempts = deps.attempts ?? 3;
  const policy: RetryPolicy = {
    retries: attempts - 1,
    backoffMs: deps.backoffMs ?? 5_000,
    maxWaitMs: MAX_RETRY_WAIT_MS,
  };
  let attempt = 0;
  let summary: DigestSummary;
  try {
    summary = await retrying(
      () => {
        attempt += 1;
        return deps.collect();
      },
      {
        waitBefore: waitBefore(policy, deps.now),
        sleep: deps.sleep,
        onRetry: (error) =>
          deps.logger.warn(
            `digest could not be built (attempt ${attempt} of ${attempts}): ${describe(error)}; retrying`,
          ),
      },
    );
  } catch (error) {
    deps.logger.error(
      `digest could not be built (attempt ${attempt} of ${attempts}): ${describe(error)}; nothing was posted`,
    );
    return { kind: "not-built", error, at: deps.now() };
  }

  const empty = summary.total === 0;
  if (empty && !deps.postWhenEmpty) {
    deps.logger.info("digest: nothing is waiting for support; nothing posted");
    return { kind: "empty", posted: [], failed: [], at: deps.now() };
  }
  const message = empty ? deps.renderEmpty() : deps.render(summary);
  const posted: string[] = [];
  const failed: ChannelFailure[] = [];
  for (const channel of deps.channels) {
    try {
      await deps.post(channel, message);
      posted.push(channel);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      deps.logger.error(`digest not posted to ${channel}: ${reason}`);
      failed.push({ channel, reason });
    }
  }
  deps.logger.info(
    `digest: ${summary.total} waiting${
      summary.unreadable > 0 ? ` (${summary.unreadable} unreadable, left out of the figures)` : ""
    }; posted to ${posted.length} of ${deps.channels.length} channel(s)`,
  );
  return empty
    ? { kind: "empty", posted, failed, at: deps.now() }
    : { kind: "posted", total: summary.total, posted, failed, at: deps.now() };
};

export const digestSucceeded = (outcome: DigestOutcome) =>
  outcome.kind !== "not-built" && outcome.failed.length === 0;
