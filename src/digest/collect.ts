import type { Clock } from "../clock";
import { peekPageMeta } from "../tickets/interpret-answer";
import type { PageMeta } from "../tickets/schemas";
import { WAITING_FOR_SUPPORT } from "../tickets/states";
import type { TicketFilter } from "../tickets/ticket-filters";
import { API_MAX_PER_PAGE, MAX_PAGE, type TicketQuery } from "../tickets/ticket-query";
import { createDigestAggregator, type DigestAggregatorOptions } from "./aggregate";
import type { DigestSummary, ListTickets, OpenPageFolder, PageFolder, ReadPageBody } from "./types";

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
  /**
   * Parse and fold off the event loop: every page is read as bytes (`readPage`, under the
   * ticket client's guarantees), its request slot given back as soon as the body has arrived,
   * and handed to `openFolder`'s folder (a worker thread) to decode, parse, validate and fold.
   * `listTickets` is then not used. Without it, pages are parsed and folded where they are read.
   */
  offThread?: { readPage: ReadPageBody; openFolder: OpenPageFolder };
  /** Also return the id of every ticket counted (`waitingIds`), for comparing with a later run. */
  keepIds?: boolean;
  /**
   * Read no more than this many pages, however many there are: a bounded read (the Home tab's
   * glance). The figures other than `total` then cover the pages read; the caller says so.
   */
  maxPages?: number;
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
 * Where pages are read and folded. `read` resolves when the page's request slot is free again,
 * with `folded`: its meta once it has been folded in, and its meta at once when it is known
 * before that (`early`).
 */
interface PageSink {
  read(
    query: TicketQuery,
    signal: AbortSignal,
  ): Promise<{ folded: Promise<PageMeta>; early?: PageMeta }>;
  /** Pages read and not yet folded. */
  readonly pending: number;
  result(): Promise<DigestSummary>;
  close(): void;
}

/** Parsed by the client, folded at once, on this thread. */
const foldHere = (listTickets: ListTickets, options: DigestAggregatorOptions): PageSink => {
  const aggregator = createDigestAggregator(options);
  return {
    async read(query, signal) {
      const page = await listTickets(query, { signal });
      // A page that arrives after a sibling failed must not be counted into a dead digest.
      signal.throwIfAborted();
      aggregator.add(page);
      return { folded: Promise.resolve(page.meta) };
    },
    pending: 0,
    result: async () => aggregator.result(),
    close: () => {},
  };
};

/**
 * Read as bytes here, parsed and folded by the folder (a worker thread). The first page's `meta`
 * is also read here: the pages after it are asked for at once, while the folder's thread is
 * still starting (tens of milliseconds), at the cost of parsing one page twice.
 */
const foldElsewhere = (
  o: NonNullable<CollectOptions["offThread"]>,
  options: DigestAggregatorOptions,
): PageSink => {
  const folder: PageFolder = o.openFolder(options);
  let first = true;
  return {
    async read(query, signal) {
      const body = await o.readPage(query, { signal });
      signal.throwIfAborted();
      const early = first ? peekPageMeta(body.chunks) : undefined;
      first = false;
      return { folded: folder.add(body), early };
    },
    get pending() {
      return folder.pending;
    },
    result: () => folder.result(),
    close: () => folder.close(),
  };
};

/**
 * Reads every ticket the filter matches (by default: waiting for support) into one summary, page 1 first (it tells how many pages
 * there are), then the rest with bounded concurrency, each page folded in and dropped as it comes.
 * Off the event loop (`offThread`), a page waits to be folded while the next is fetched; pages
 * in flight and waiting together are at most twice `concurrency`, so memory stays bounded when
 * folding is slower than the network.
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
  if (o.maxPages !== undefined && (!Number.isInteger(o.maxPages) || o.maxPages < 1))
    throw new RangeError(`maxPages must be >= 1, got ${o.maxPages}`);
  o.signal?.throwIfAborted();

  const filter = o.filter ?? { stateId: WAITING_FOR_SUPPORT };
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

  const aggregation: DigestAggregatorOptions = {
    top: o.top,
    overdueMs: o.overdueMs,
    now: o.clock.now(),
    stateId: filter.stateId,
    keepIds: o.keepIds,
  };
  const pages = o.offThread
    ? foldElsewhere(o.offThread, aggregation)
    : foldHere(o.listTickets, aggregation);
  try {
    const firstPage = await pages.read(query(1), signal);
    const first = firstPage.early ?? (await firstPage.folded);
    signal.throwIfAborted();

    const pageLimit = Math.min(
      MAX_PAGE,
      first.last_page + MAX_EXTRA_PAGES,
      o.maxPages ?? Number.POSITIVE_INFINITY,
    );
    let lastPage = Math.min(first.last_page, pageLimit);
    let nextPage = 2;
    const fail = (error: unknown) => {
      if (!signal.aborted) controller.abort(error);
    };
    // Pages read and still being folded: one of them may yet raise `last_page`.
    const folding = new Set<Promise<void>>();
    const settle = (folded: Promise<PageMeta>) => {
      const done: Promise<void> = folded
        .then((meta) => {
          // A shrinking last_page needs nothing: the pages past it come back empty.
          lastPage = Math.min(pageLimit, Math.max(lastPage, meta.last_page));
        }, fail)
        .finally(() => folding.delete(done));
      folding.add(done);
    };

    // Planned from the first page's meta before it was folded: its folding is awaited like any.
    if (firstPage.early) settle(firstPage.folded);

    let reading = 0;
    const worker = async () => {
      for (;;) {
        signal.throwIfAborted();
        if (nextPage > lastPage || reading + pages.pending >= 2 * concurrency) {
          if (folding.size === 0) return;
          await Promise.race(folding);
          continue;
        }
        const page = nextPage++;
        reading += 1;
        try {
          settle((await pages.read(query(page), signal)).folded);
        } catch (error) {
          fail(error);
          throw error;
        } finally {
          reading -= 1;
        }
      }
    };

    // At least one, to see the first page folded when it was planned from before.
    const workers = Math.max(
      firstPage.early ? 1 : 0,
      Math.min(concurrency, Math.max(0, lastPage - 1)),
    );
    // Rejects with the first failure; the others then fail fast on the aborted signal.
    await Promise.all(Array.from({ length: workers }, worker));
    signal.throwIfAborted();
    return await pages.result();
  } finally {
    pages.close();
    o.signal?.removeEventListener("abort", forwardAbort);
  }
};
