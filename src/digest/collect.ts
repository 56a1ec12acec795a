import type { Clock } from "../clock";
import { WAITING_FOR_SUPPORT } from "../tickets/states";
import type { TicketFilter } from "../tickets/ticket-filters";
import { API_MAX_PER_PAGE, MAX_PAGE, type TicketQuery } from "../tickets/ticket-query";
import { createDigestAggregator } from "./aggregate";
import type { DigestSummary, ListTickets } from "./types";

export interface CollectOptions {
  listTickets: ListTickets;
  top: number;
  overdueMs: number;
  clock: Clock;
  /** Which tickets; default: those waiting for support (state 2). */
  filter?: TicketFilter;
  /** Default: the API's maximum, for the fewest requests. */
  perPage?: number;
  /** Pages in flight at once after the first. Default 4: quick, yet gentle on the provider. */
  concurrency?: number;
  signal?: AbortSignal;
}

/**
 * A queue that grows while it is read pushes tickets onto pages past the first page's
 * `last_page`; with newest-first ordering those are the longest waiting, the ones a digest is for.
 * Later pages may therefore raise `last_page`, by at most this many pages, so that a provider
 * reporting ever more pages cannot keep a collection going for ever.
 */
const MAX_EXTRA_PAGES = 5;

/** How a digest reads the queue by default; the benchmark imports it to compute the ideal time. */
export const DIGEST_READ = { perPage: API_MAX_PER_PAGE, concurrency: 4 } as const;

/**
 * Reads every ticket waiting for support into one summary, page 1 first (it tells how many pages
 * there are), then the rest with bounded concurrency, each page folded in and dropped as it comes.
 *
 * All or nothing: if any page fails, the collection rejects with that page's error and the
 * requests still in flight are aborted. A partial digest could say "nothing waiting" when the
 * truth is unknown.
 */
export const collectWaitingTickets = async (o: CollectOptions): Promise<DigestSummary> => {
  const perPage = o.perPage ?? DIGEST_READ.perPage;
  const concurrency = o.concurrency ?? DIGEST_READ.concurrency;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > API_MAX_PER_PAGE)
    throw new RangeError(`perPage must be 1..${API_MAX_PER_PAGE}, got ${perPage}`);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be >= 1, got ${concurrency}`);
  o.signal?.throwIfAborted();

  const filter = o.filter ?? { stateId: WAITING_FOR_SUPPORT };
  const aggregator = createDigestAggregator({
    top: o.top,
    overdueMs: o.overdueMs,
    now: o.clock.now(),
    stateId: filter.stateId,
  });
  const query = (page: number): TicketQuery => ({
    filter,
    page,
    perPage,
  });

  // Ours, so one failed page can cancel its siblings without touching the caller's signal.
  const controller = new AbortController();
  const { signal } = controller;
  const forwardAbort = () => controller.abort(o.signal?.reason);
  o.signal?.addEventListener("abort", forwardAbort, { once: true });

  try {
    const first = await o.listTickets(query(1), { signal });
    signal.throwIfAborted();
    aggregator.add(first);

    const pageLimit = Math.min(MAX_PAGE, first.meta.last_page + MAX_EXTRA_PAGES);
    let lastPage = first.meta.last_page;
    let nextPage = 2;

    const worker = async () => {
      while (nextPage <= lastPage) {
        const page = nextPage++;
        signal.throwIfAborted();
        try {
          const result = await o.listTickets(query(page), { signal });
          // A page that arrives after a sibling failed must not be counted into a dead digest.
          signal.throwIfAborted();
          aggregator.add(result);
          // A shrinking last_page needs nothing: the pages past it come back empty.
          lastPage = Math.min(pageLimit, Math.max(lastPage, result.meta.last_page));
        } catch (error) {
          if (!signal.aborted) controller.abort(error);
          throw error;
        }
      }
    };

    const workers = Math.min(concurrency, Math.max(0, lastPage - 1));
    // Rejects with the first failure; the others then fail fast on the aborted signal.
    await Promise.all(Array.from({ length: workers }, worker));
    return aggregator.result();
  } finally {
    o.signal?.removeEventListener("abort", forwardAbort);
  }
};
