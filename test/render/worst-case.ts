import { digestCategories } from "../../src/digest/aggregate";
import type { DigestSummary, DigestTicket } from "../../src/digest/types";
import { type Ticket, ticketSchema } from "../../src/tickets/schemas";
import { MAX_ID } from "../../src/tickets/ticket-filters";
import { LIST_MAX_PER_PAGE, MAX_PAGE } from "../../src/tickets/ticket-query";
import { NOW, ticketJson } from "./helpers";

/**
 * The worst a panel can send, for the limit tests of every renderer and language: the longest
 * values, the largest numbers, and text made of everything that must be escaped or isolated.
 */

const HOSTILE_UNIT = "<&>*_~`👨‍👩‍👧‍👦\u202E";

/** `n` characters of markup, a grapheme cluster and a direction override, plus `extra` (a script). */
export const worstText = (n: number, extra = ""): string => {
  const unit = HOSTILE_UNIT + extra;
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
};

type Text = (n: number) => string;

export const worstListTicket = (i: number, text: Text = worstText) =>
  ticketJson({
    ticket_id: MAX_ID - i,
    state_id: 6 + i,
    admin_seen: 0,
    subject: text(5000),
    importance: text(5000),
    interaction_count: 2_000_000_000,
    user: { uname: text(5000) },
    category: { name: text(5000) },
    sub_category: { title: text(5000) },
  });

export const WORST_LIST_REQUEST = {
  query: {
    filter: {
      stateId: 2 as const,
      username: "&".repeat(100),
      ticketId: MAX_ID,
      categoryId: MAX_ID,
      subCategoryId: MAX_ID,
    },
    page: MAX_PAGE - 1,
    perPage: LIST_MAX_PER_PAGE,
  },
  notices: [{ kind: "per-page-lowered" as const, requested: 1_000_000, used: LIST_MAX_PER_PAGE }],
};

export const worstDetails = (i: number, text: Text = worstText): Ticket =>
  ticketSchema.parse(
    ticketJson({
      ...worstListTicket(i, text),
      desc: text(50_000),
      manager_comment: text(50_000),
      close_desc: text(50_000),
      rate: 2_000_000_000,
      rate_comment: text(50_000),
      jira_id: text(5000),
      user_seen: 0,
      longest_interaction: Number.MAX_VALUE,
      forward: { from: text(5000), to: text(5000), created_at: "2000-01-01T00:00:00Z", seen: 0 },
    }),
  );

export const worstDigestTicket = (i: number, text: Text = worstText): DigestTicket => ({
  ticketId: MAX_ID - i,
  subject: text(5000),
  username: text(5000),
  categoryName: text(5000),
  subCategoryTitle: text(5000),
  categoryId: MAX_ID - i,
  importance: text(5000),
  updatedAt: new Date("2000-01-01T00:00:00Z"),
  waitedMs: NOW.getTime() - Date.parse("2000-01-01T00:00:00Z"),
  overdue: true,
  adminSeen: false,
});

export const worstDigestSummary = (tickets: number, text: Text = worstText): DigestSummary => ({
  total: 2_000_000_000,
  approximate: true,
  counted: 1_999_999_999,
  longestWaitMs: Number.MAX_SAFE_INTEGER,
  overdueCount: 2_000_000_000,
  unseenCount: 2_000_000_000,
  // Folded as the aggregator folds them: the renderer shows what the summary keeps.
  categories: digestCategories(
    Array.from({ length: 200 }, (_, i) => ({
      name: text(5000),
      categoryId: MAX_ID - i,
      count: 2_000_000_000 - i,
    })),
  ),
  top: Array.from({ length: tickets }, (_, i) => worstDigestTicket(i, text)),
  unreadable: 2_000_000_000,
  generatedAt: NOW,
});
