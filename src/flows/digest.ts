import type { Clock } from "../clock";
import { changesSince, type DigestChanges, type PreviousRun } from "../digest/changes";
import { type CollectOptions, collectWaitingTickets } from "../digest/collect";
import type {
  ChannelFailure,
  DigestDefinition,
  DigestOutcome,
  DigestSummary,
  OpenPageFolder,
  RunMemory,
} from "../digest/types";
import type { Logger } from "../logger";
import { renderTicketApiError } from "../render/api-error";
import type { RenderContext, SlackMessage } from "../render/context";
import { renderDigest, renderDigestEmpty } from "../render/digest";
import { type RetryPolicy, retrying, retryWait } from "../retry/retry-policy";
import { logTicketFailure, TicketApiError, TicketApiRateLimitError } from "../tickets/errors";
import type { TicketClient } from "../tickets/ticket-client";

/**
 * A digest, end to end: collect the waiting tickets (pure, digest/collect.ts), render them
 * (render/digest.ts) and post them where the run says. Every slot of every subscription
 * (subscription-run.ts) and `/tickets digest` come through here.
 */

/** Posts one message to one channel; rejects with an Error whose message says what an operator should do. */
export type PostDigest = (channel: string, message: SlackMessage) => Promise<void>;

export interface DigestDeps {
  tickets: Pick<TicketClient, "listDigestRows" | "readDigestBody">;
  clock: Clock;
  logger: Pick<Logger, "info" | "warn" | "error">;
  renderContext: () => RenderContext;
  post: PostDigest;
  /** Attempts at collecting before giving up until the next run (default 3), and the first wait. */
  retry?: { attempts?: number; backoffMs?: number };
  sleep?: (ms: number) => Promise<void>;
  /**
   * Where pages are parsed and folded, when not on the event loop: a worker thread in the bot
   * (wiring.ts). Used when the ticket client reads bodies (`readDigestBody`); without either,
   * pages are parsed where they are read.
   */
  foldPages?: OpenPageFolder;
}

/** One run: this digest, for this slot (the time it is run for), posted to these channels. */
export interface DigestRun {
  definition: DigestDefinition;
  slot: Date;
  channels: readonly string[];
  /**
   * Ends the run while it collects (the bot shutting down): the requests in flight and the
   * worker thread are stopped, no retry is waited for, and nothing is posted.
   */
  signal?: AbortSignal;
  /**
   * Compare with the previous run (and keep this one's ids for the next): what the store
   * holds of it (`undefined`: nothing yet, `"unreadable"`: it could not be read), and the key
   * of this run's filters.
   */
  remember?: { previous: PreviousRun | undefined | "unreadable"; filtersKey: string };
}

const HOUR = 3_600_000;
/** A rate limit says when to come back; a digest can wait that long, within reason. */
const MAX_RETRY_WAIT_MS = 5 * 60_000;

export const collectDigest = (
  deps: Pick<DigestDeps, "tickets" | "clock" | "foldPages">,
  definition: DigestDefinition,
  options: Pick<CollectOptions, "signal" | "keepIds"> = {},
): Promise<DigestSummary> => {
  const { tickets, foldPages } = deps;
  const readDigestBody = tickets.readDigestBody?.bind(tickets);
  return collectWaitingTickets({
    listTickets: (query, o) => tickets.listDigestRows(query, o),
    top: definition.top,
    overdueMs: definition.overdueHours * HOUR,
    clock: deps.clock,
    ...(definition.filter && { filter: definition.filter }),
    offThread:
      readDigestBody && foldPages ? { readPage: readDigestBody, openFolder: foldPages } : undefined,
    ...options,
  });
};

/** The digest as it would be posted now; an empty queue gets the short "nothing waiting" note. */
export const digestMessage = (
  summary: DigestSummary,
  definition: DigestDefinition,
  ctx: RenderContext,
  changes?: DigestChanges,
): SlackMessage =>
  summary.total === 0
    ? renderDigestEmpty(ctx, definition.filter, changes)
    : renderDigest(
        summary,
        {
          overdueHours: definition.overdueHours,
          top: definition.top,
          filter: definition.filter,
          changes,
        },
        ctx,
      );

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * How long to wait before collecting again, or `undefined` to give up: the client already
 * retried within its deadline, so this is the slower retry a scheduled job can afford, for
 * whatever the error itself calls transient.
 */
const waitBefore =
  (policy: RetryPolicy, clock: Clock) =>
  (error: unknown, retry: number): number | undefined => {
    if (!(error instanceof TicketApiError) || !error.transient) return undefined;
    const requestedMs =
      error instanceof TicketApiRateLimitError
        ? error.retryAt.getTime() - clock.now().getTime()
        : undefined;
    return retryWait(policy, retry, { requestedMs });
  };

/**
 * Runs one digest: collect (with a few retries), render once, post to every channel. A channel
 * that fails does not stop the others. A digest that cannot be built is not posted at all:
 * "nothing waiting" must never stand in for "unknown".
 */
export const runDigest = async (deps: DigestDeps, run: DigestRun): Promise<DigestOutcome> => {
  const { logger, clock } = deps;
  const attempts = deps.retry?.attempts ?? 3;
  const policy: RetryPolicy = {
    retries: attempts - 1,
    backoffMs: deps.retry?.backoffMs ?? 5_000,
    maxWaitMs: MAX_RETRY_WAIT_MS,
  };
  const { slot, channels, definition, signal } = run;

  let attempt = 0;
  let summary: DigestSummary;
  try {
    summary = await retrying(
      () => {
        attempt += 1;
        return collectDigest(deps, definition, { signal, keepIds: run.remember !== undefined });
      },
      {
        waitBefore: waitBefore(policy, clock),
        sleep: deps.sleep,
        signal,
        onRetry: (error) =>
          logger.warn(
            `digest could not be built (attempt ${attempt} of ${attempts}): ${describe(error)}; retrying`,
          ),
      },
    );
  } catch (error) {
    if (signal?.aborted) {
      logger.warn(
        `digest stopped before it was built (${describe(signal.reason)}); nothing was posted`,
      );
    } else {
      logger.error(
        `digest could not be built (attempt ${attempt} of ${attempts}): ${describe(error)}; nothing was posted`,
      );
    }
    return { kind: "not-built", error, slot, at: clock.now() };
  }

  const memory: RunMemory | undefined =
    summary.waitingIds === undefined
      ? undefined
      : {
          waitingIds: summary.waitingIds,
          approximate: summary.approximate,
          takenAt: summary.generatedAt,
        };
  const empty = summary.total === 0;
  if (empty && !definition.postWhenEmpty) {
    logger.info("digest: nothing is waiting for support; nothing posted");
    return { kind: "empty", posted: [], failed: [], slot, at: clock.now(), memory };
  }
  const changes = run.remember
    ? changesSince(run.remember.previous, run.remember.filtersKey, summary)
    : undefined;
  const message = digestMessage(summary, definition, deps.renderContext(), changes);
  const posted: string[] = [];
  const failed: ChannelFailure[] = [];
  for (const channel of channels) {
    try {
      await deps.post(channel, message);
      posted.push(channel);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger.error(`digest not posted to ${channel}: ${reason}`);
      failed.push({ channel, reason, error });
    }
  }
  logger.info(
    `digest: ${summary.total} waiting${
      summary.unreadable > 0 ? ` (${summary.unreadable} unreadable, left out of the figures)` : ""
    }; posted to ${posted.length} of ${channels.length} channel(s)`,
  );
  const at = clock.now();
  return empty
    ? { kind: "empty", posted, failed, slot, at, memory }
    : { kind: "posted", total: summary.total, posted, failed, slot, at, memory };
};

/** `/tickets digest`: the digest as it would be posted now, or why it cannot be built. */
export const previewDigest = async (
  deps: Pick<DigestDeps, "tickets" | "clock" | "renderContext" | "foldPages"> & {
    logger: Pick<Logger, "warn" | "error">;
  },
  definition: DigestDefinition,
): Promise<SlackMessage> => {
  try {
    return digestMessage(await collectDigest(deps, definition), definition, deps.renderContext());
  } catch (error) {
    logTicketFailure(deps.logger, error);
    return renderTicketApiError(error, deps.renderContext());
  }
};

/** The operator's digest as the DIGEST_* settings define it (what `/tickets digest` previews). */
export interface ScheduledDigest {
  definition: DigestDefinition;
  channels: readonly string[];
  /** Cron; `undefined` when the schedule is off. */
  schedule: string | undefined;
  timeZone: string;
}
