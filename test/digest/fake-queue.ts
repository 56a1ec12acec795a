import { sleep } from "../../src/clock";
import { type Ticket, type TicketPage, ticketPageSchema } from "../../src/tickets/schemas";
import type { TicketQuery } from "../../src/tickets/ticket-query";

export const NOW = new Date("2026-03-10T12:00:00.000Z");
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const CATEGORIES = [
  { id: 10, name: "Plugins, Domains, API" },
  { id: 11, name: "System Questions" },
  { id: 12, name: "پشتیبانی فنی" },
  { id: 13, name: "Billing" },
] as const;

/** Deterministic pseudo-random numbers, so a failing case can be replayed. */
export const lcg = (seed: number) => {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
};

export interface RawTicketInput {
  ticketId: number;
  updatedAt: Date;
  categoryIndex?: number;
  adminSeen?: boolean;
  stateId?: number;
}

/** The provider's JSON for one ticket, shaped like list-tickets.sample.json. */
export const rawTicket = (t: RawTicketInput) => {
  const category = t.categoryIndex === undefined ? undefined : CATEGORIES[t.categoryIndex];
  return {
    id: t.ticketId,
    ticket_id: t.ticketId,
    user_id: 200_000 + (t.ticketId % 50),
    parent_id: null,
    category_id: category?.id ?? null,
    sub_category_id: category ? category.id + 100 : null,
    importance: t.ticketId % 7 === 0 ? "acute" : "normal",
    state_id: t.stateId ?? 2,
    subject: `Ticket ${t.ticketId} <needs> & help`,
    desc: "x".repeat(200),
    manager_comment: null,
    close_desc: null,
    admin_seen: t.adminSeen === false ? 0 : 1,
    user_seen: 1,
    sms_notification: 0,
    interaction_count: 1,
    longest_interaction: 0,
    min_rate: null,
    deleted_at: null,
    created_at: new Date(t.updatedAt.getTime() - HOUR).toISOString(),
    updated_at: t.updatedAt.toISOString(),
    jira_id: null,
    rate: 0,
    rate_comment: null,
    user: { user_id: 200_000 + (t.ticketId % 50), uname: `user${t.ticketId % 50}` },
    category: category ? { id: category.id, name: category.name } : null,
    sub_category: category ? { id: category.id + 100, title: `Sub ${category.id}` } : null,
    state: { id: t.stateId ?? 2, name: "waiting" },
    forward: null,
  };
};
export type RawTicket = ReturnType<typeof rawTicket>;

/** A queue of `count` waiting tickets, waits spread over 30 days, with ties and missing categories. */
export const makeQueue = (count: number, seed = 42): RawTicket[] => {
  const random = lcg(seed);
  return Array.from({ length: count }, (_, i) => {
    // Whole minutes, so several tickets share an updated_at and ties are exercised.
    const minutesAgo = Math.floor(random() * 30 * 24 * 60);
    const pick = random();
    return rawTicket({
      ticketId: 100_000 + i,
      updatedAt: new Date(NOW.getTime() - minutesAgo * 60_000),
      categoryIndex: pick < 0.05 ? undefined : Math.floor(pick * CATEGORIES.length),
      adminSeen: random() < 0.7,
    });
  });
};

export const makePage = (
  data: readonly RawTicket[],
  meta: { page: number; perPage: number; total: number; lastPage?: number },
): TicketPage => {
  const from = data.length === 0 ? null : (meta.page - 1) * meta.perPage + 1;
  return ticketPageSchema.parse({
    data,
    meta: {
      current_page: meta.page,
      last_page: meta.lastPage ?? Math.max(1, Math.ceil(meta.total / meta.perPage)),
      per_page: meta.perPage,
      total: meta.total,
      from,
      to: from === null ? null : from + data.length - 1,
      status: true,
      message: "Success",
      message_code: "200-1",
    },
  });
};

export const parseTickets = (raw: readonly RawTicket[]): Ticket[] =>
  makePage(raw, { page: 1, perPage: Math.max(1, raw.length), total: raw.length }).data;

export interface FakeCall {
  query: TicketQuery;
  signal: AbortSignal | undefined;
}

/**
 * An in-memory `listTickets` over a queue, recording every call and the most requests ever in
 * flight at once. `respond` may replace a page's answer (to fail it or move the queue).
 */
export const fakeListTickets = (
  queue: readonly RawTicket[],
  opts: {
    delayMs?: (page: number) => number;
    respond?: (page: number, served: TicketPage) => TicketPage | Error;
  } = {},
) => {
  const calls: FakeCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const listTickets = async (
    query: TicketQuery,
    options?: { signal?: AbortSignal },
  ): Promise<TicketPage> => {
    calls.push({ query, signal: options?.signal });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const delay = opts.delayMs?.(query.page) ?? 0;
      await sleep(delay, options?.signal);
      const start = (query.page - 1) * query.perPage;
      const served = makePage(queue.slice(start, start + query.perPage), {
        page: query.page,
        perPage: query.perPage,
        total: queue.length,
      });
      const answer = opts.respond ? opts.respond(query.page, served) : served;
      if (answer instanceof Error) throw answer;
      return answer;
    } finally {
      inFlight -= 1;
    }
  };
  return {
    listTickets,
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
  };
};
