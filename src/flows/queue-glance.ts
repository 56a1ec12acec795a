import type { Clock } from "../clock";
import { collectWaitingTickets, DIGEST_READ } from "../digest/collect";
import type { DigestSummary, OpenPageFolder } from "../digest/types";
import type { Logger } from "../logger";
import type { GlanceView } from "../render/home-glance";
import type { TicketClient } from "../tickets/ticket-client";

/**
 * The queue at a glance for every Home tab of the workspace: one result, counted at most once a
 * minute however many people open the tab, and shared by everyone who opens it meanwhile
 * (several opening at once wait for the one count under way). Each replica keeps its own.
 *
 * It is the digest's collection (digest/collect.ts: pages parsed and folded on a worker
 * thread), bounded: at most `maxPages` pages of 1,000, so a queue of 100,000 costs ten
 * requests a minute, not a hundred. The total is always the panel's own; beyond `maxPages`
 * the other figures cover the tickets read, and the tab says so.
 *
 * A count that fails is not retried before the minute is up either (a panel that is down is
 * not asked by every open); the last good figures are kept and shown as such.
 */

/** How long a count is shared: at most one a minute. */
export const GLANCE_TTL_MS = 60_000;
/** Pages read at most: 10,000 tickets at the API's 1,000 a page. */
export const GLANCE_MAX_PAGES = 10;

export interface QueueGlanceDeps {
  tickets: Pick<TicketClient, "listDigestRows" | "readDigestBody">;
  /** Where pages are parsed and folded off the event loop (the digest's worker thread). */
  foldPages?: OpenPageFolder;
  clock: Clock;
  logger: Pick<Logger, "warn">;
  /** A ticket waiting at least this long is overdue (DIGEST_OVERDUE_HOURS). */
  overdueHours: number;
  ttlMs?: number;
  maxPages?: number;
}

export interface QueueGlance {
  /** The shared result, counted now if the last is a minute old. Never rejects. */
  current(): Promise<GlanceView>;
}

interface Counted {
  /** When the count that made this started (the minute is measured from it). */
  startedAt: number;
  summary: DigestSummary | undefined;
  /** The latest count failed (and `summary`, if any, is an older one's). */
  failedAt: Date | undefined;
}

const HOUR_MS = 3_600_000;

export const createQueueGlance = (deps: QueueGlanceDeps): QueueGlance => {
  const ttlMs = deps.ttlMs ?? GLANCE_TTL_MS;
  const maxPages = deps.maxPages ?? GLANCE_MAX_PAGES;
  const perPage = DIGEST_READ.perPage;
  let last: Counted | undefined;
  let counting: Promise<Counted> | undefined;

  const count = async (): Promise<Counted> => {
    const startedAt = deps.clock.now().getTime();
    const { tickets, foldPages } = deps;
    const readPage = tickets.readDigestBody?.bind(tickets);
    try {
      const summary = await collectWaitingTickets({
        listTickets: (query, o) => tickets.listDigestRows(query, o),
        top: 0,
        overdueMs: deps.overdueHours * HOUR_MS,
        clock: deps.clock,
        perPage,
        maxPages,
        offThread: readPage && foldPages ? { readPage, openFolder: foldPages } : undefined,
      });
      return { startedAt, summary, failedAt: undefined };
    } catch (error) {
      deps.logger.warn(
        `the Home tab's queue could not be counted (${error instanceof Error ? error.message : String(error)}); trying again in ${Math.round(ttlMs / 1000)} s at the earliest`,
      );
      return { startedAt, summary: last?.summary, failedAt: deps.clock.now() };
    }
  };

  const viewOf = (counted: Counted): GlanceView =>
    counted.summary === undefined
      ? { kind: "failed" }
      : {
          kind: "counted",
          summary: counted.summary,
          overdueHours: deps.overdueHours,
          readAtMost: maxPages * perPage,
          ...(counted.failedAt ? { failedSince: counted.failedAt } : {}),
        };

  return {
    async current() {
      const now = deps.clock.now().getTime();
      if (last && now - last.startedAt < ttlMs) return viewOf(last);
      if (!counting) {
        counting = count().then((counted) => {
          last = counted;
          counting = undefined;
          return counted;
        });
      }
      return viewOf(await counting);
    },
  };
};
