import type { DigestPage } from "../tickets/schemas";
import type { TicketFilter } from "../tickets/ticket-filters";
import type { TicketQuery } from "../tickets/ticket-query";

/** The one capability of the ticket client the digest needs, so it never waits on the client's module. */
export type ListTickets = (
  query: TicketQuery,
  options?: { signal?: AbortSignal },
) => Promise<DigestPage>;

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
}

/** A channel the digest could not be posted to, and why (already worded for an operator). */
export interface ChannelFailure {
  channel: string;
  reason: string;
}

/** How one run of a digest ended; `slot` is the time it was run for. */
export type DigestOutcome =
  /** The digest could not be built: nothing was posted anywhere. */
  | { kind: "not-built"; error: unknown; slot: Date; at: Date }
  /** Nothing waits; `posted` lists channels that got the "nothing waiting" note. */
  | { kind: "empty"; posted: string[]; failed: ChannelFailure[]; slot: Date; at: Date }
  | {
      kind: "posted";
      total: number;
      posted: string[];
      failed: ChannelFailure[];
      slot: Date;
      at: Date;
    };

export const digestSucceeded = (outcome: DigestOutcome) =>
  outcome.kind !== "not-built" && outcome.failed.length === 0;
