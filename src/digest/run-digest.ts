import { sleep as realSleep } from "../clock";
import type { Logger } from "../logger";
import {
  TicketApiNotJsonError,
  TicketApiRateLimitError,
  TicketApiServerError,
  TicketApiTimeoutError,
  TicketApiUnreachableError,
} from "../tickets/errors";
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

// Worth another try a little later; a refused token or a wrong shape will not mend itself.
const isTransient = (error: unknown) =>
  error instanceof TicketApiRateLimitError ||
  error instanceof TicketApiTimeoutError ||
  error instanceof TicketApiUnreachableError ||
  error instanceof TicketApiServerError ||
  error instanceof TicketApiNotJsonError;

/** A rate limit says when to come back; a digest can wait that long, within reason. */
const MAX_RETRY_WAIT_MS = 5 * 60_000;

const retryDelay = (error: unknown, backoffMs: number, now: Date) =>
  error instanceof TicketApiRateLimitError
    ? Math.max(backoffMs, error.retryAt.getTime() - now.getTime())
    : backoffMs;

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * One digest run: collect (with a few retries), render once, post to every channel.
 * A channel that fails does not stop the others. A digest that cannot be built is not posted
 * at all: "nothing waiting" must never stand in for "unknown".
 */
export const runDigest = async <M>(deps: RunDigestDeps<M>): Promise<DigestOutcome> => {
  const attempts = deps.attempts ?? 3;
  const backoffMs = deps.backoffMs ?? 5_000;
  const sleep = deps.sleep ?? realSleep;

  let summary: DigestSummary | undefined;
  for (let attempt = 1; summary === undefined; attempt++) {
    try {
      summary = await deps.collect();
    } catch (error) {
      const waitMs = retryDelay(error, backoffMs * 2 ** (attempt - 1), deps.now());
      const retry = attempt < attempts && isTransient(error) && waitMs <= MAX_RETRY_WAIT_MS;
      deps.logger[retry ? "warn" : "error"](
        `digest could not be built (attempt ${attempt} of ${attempts}): ${describe(error)}${
          retry ? "; retrying" : "; nothing was posted"
        }`,
      );
      if (!retry) return { kind: "not-built", error, at: deps.now() };
      await sleep(waitMs);
    }
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
