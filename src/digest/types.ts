import type { DigestPage } from "../tickets/schemas";
import type { TicketQuery } from "../tickets/ticket-query";

/** The one capability of the ticket client the digest needs, so it never waits on the client's module. */
export type ListTickets = (
  query: TicketQuery,
  options?: { signal?: AbortSignal },
) => Promise<DigestPage>;

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
  /** Largest first, ties by name, then by id. */
  byCategory: CategoryCount[];
  /** The longest waiting (oldest `updated_at` first), never the same ticket twice. */
  top: DigestTicket[];
  /**
   * Rows the panel sent malformed, left out of every figure but `total` (the client logged
   * which and why). Not a sign the queue moved: the figures are exact for the rest.
   */
  unreadable: number;
  generatedAt: Date;
}
