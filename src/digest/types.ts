import type { PageBody } from "../tickets/interpret-answer";
import type { DigestPage, PageMeta } from "../tickets/schemas";
import type { TicketFilter } from "../tickets/ticket-filters";
import type { TicketQuery } from "../tickets/ticket-query";
import type { DigestAggregatorOptions } from "./aggregate";

/** The one capability of the ticket client the digest needs, so it never waits on the client's module. */
export type ListTickets = (
  query: TicketQuery,
  options?: { signal?: AbortSignal },
) => Promise<DigestPage>;

/** A page's body as the ticket client read it, not yet parsed (`TicketClient.readDigestBody`). */
export type ReadPageBody = (
  query: TicketQuery,
  options?: { signal?: AbortSignal },
) => Promise<PageBody>;

/**
 * Parses and folds a digest's pages somewhere other than the event loop (a worker thread,
 * digest/worker/), one aggregator for the whole digest.
 */
export interface PageFolder {
  /**
   * Decodes, parses, validates and folds one page (its bytes are handed over, not copied).
   * Resolves with its `meta`, or rejects with what is wrong with it: the TicketApiError the
   * ticket client would have thrown for the same body, or a DigestWorkerError.
   */
  add(body: PageBody): Promise<PageMeta>;
  /** Pages handed over and not yet folded. */
  readonly pending: number;
  /** The summary of every page folded, once they all are. */
  result(): Promise<DigestSummary>;
  /** Ends it, whatever it is doing; calls still pending reject. Safe to call twice. */
  close(): void;
}

/** Opens a folder for one collection. */
export type OpenPageFolder = (options: DigestAggregatorOptions) => PageFolder;

/**
 * What one digest is, whoever defined it (today the DIGEST_* settings; later each channel's own
 * subscription, which adds its filters and language). Where it is posted and when are the
 * run's business, not the definition's.
 */
export interface DigestDefinition {
  /** How many of the longest-waiting tickets to list. */
  top: number;
  /** A ticket that has waited at least this long is overdue. */
  overdueHours: number;
  /** Whether an empty queue gets a short "nothing waiting" note rather than nothing. */
  postWhenEmpty: boolean;
  /** Which tickets it is about; unset: those waiting for support (state 2), as ever. */
  filter?: TicketFilter;
}

/** A waiting ticket as the digest shows it: only what is rendered, never the ticket's long texts. */
export interface DigestTicket {
  ticketId: number;
  subject: string;
  username?: string;
  categoryName?: string;
  subCategoryTitle?: string;
  categoryId?: number;
  /** Last activity; waiting is measured from here, not from creation. */
  updatedAt: Date;
  waitedMs: number;
  overdue: boolean;
  adminSeen: boolean;
  importance?: string;
}

export interface CategoryCount {
  /** Absent when the provider sent no category (or no name for it). */
  name?: string;
  categoryId?: number;
  count: number;
}

export interface FoldedCategories {
  /** Largest first, ties by name, then by id. */
  kept: CategoryCount[];
  /** Tickets in the categories folded away; 0 when nothing was folded. */
  other: number;
  /** How many categories were folded into `other`. */
  otherCategories: number;
}

export interface DigestSummary {
  /** `meta.total` of the first page. */
  total: number;
  /**
   * The queue moved while it was read: totals differed between pages, rows counted (and
   * unreadable) differ from `total`, a ticket was seen twice, or rows of another state came back. Counts are then a
   * close estimate, not exact.
   */
  approximate: boolean;
  /** Rows counted. Equal to distinct tickets unless the queue moved (then `approximate`). */
  counted: number;
  longestWaitMs?: number;
  overdueCount: number;
  unseenCount: number;
  /** What a digest shows of where tickets wait: the largest categories, the rest as "other". */
  categories: FoldedCategories;
  /** The longest waiting (oldest `updated_at` first), never the same ticket twice. */
  top: DigestTicket[];
  /**
   * Rows the panel sent malformed, left out of every figure but `total` (the client logged
   * which and why). Not a sign the queue moved: the figures are exact for the rest.
   */
  unreadable: number;
  generatedAt: Date;
  /**
   * Every ticket counted, once each, as `encodeIdSet` writes a set (store/id-set-codec.ts: a few
   * bytes an id); only when the collection was asked to keep them (`keepIds`).
   */
  waitingIds?: Uint8Array;
}

/** A channel the digest could not be posted to, and why (already worded for an operator). */
export interface ChannelFailure {
  channel: string;
  reason: string;
  /** What the poster threw, for telling what kind of failure it was (digest/failure.ts). */
  error?: unknown;
}

/** What a run that remembers leaves for the next one to compare with. */
export interface RunMemory {
  /** Every ticket counted, as `encodeIdSet` writes them. */
  waitingIds: Uint8Array;
  /** The queue moved while it was read: the set is not exact. */
  approximate: boolean;
  /** When the queue was read. */
  takenAt: Date;
}

/** How one run of a digest ended; `slot` is the time it was run for. */
export type DigestOutcome =
  /** The digest could not be built: nothing was posted anywhere. */
  | { kind: "not-built"; error: unknown; slot: Date; at: Date }
  /** Nothing waits; `posted` lists channels that got the "nothing waiting" note. */
  | {
      kind: "empty";
      posted: string[];
      failed: ChannelFailure[];
      slot: Date;
      at: Date;
      memory?: RunMemory;
    }
  | {
      kind: "posted";
      total: number;
      posted: string[];
      failed: ChannelFailure[];
      slot: Date;
      at: Date;
      memory?: RunMemory;
    };

export const digestSucceeded = (outcome: DigestOutcome) =>
  outcome.kind !== "not-built" && outcome.failed.length === 0;
