import { sleep } from "../../src/clock";
import type { PageBody } from "../../src/tickets/interpret-answer";
import type { TicketQuery } from "../../src/tickets/ticket-query";
import type { RawTicket } from "./fake-queue";

/** A page of the queue as the provider's JSON: what `makePage` parses, before it is parsed. */
export const pageJson = (
  queue: readonly unknown[],
  query: { page: number; perPage: number },
  meta: { total?: number; lastPage?: number } = {},
): string => {
  const total = meta.total ?? queue.length;
  const start = (query.page - 1) * query.perPage;
  const data = queue.slice(start, start + query.perPage);
  const from = data.length === 0 ? null : start + 1;
  return JSON.stringify({
    data,
    meta: {
      current_page: query.page,
      last_page: meta.lastPage ?? Math.max(1, Math.ceil(total / query.perPage)),
      per_page: query.perPage,
      total,
      from,
      to: from === null ? null : from + data.length - 1,
      status: true,
      message: "Success",
      message_code: "200-1",
    },
  });
};

/** As a socket hands a body on: in reads of their own, which may cut a character in two. */
const READ_BYTES = 512;

export const bodyOf = (json: string, status = 200): PageBody => {
  const bytes = new TextEncoder().encode(json);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.byteLength; at += READ_BYTES) {
    chunks.push(bytes.slice(at, at + READ_BYTES));
  }
  return { status, contentType: "application/json", chunks };
};

export interface BodyCall {
  query: TicketQuery;
  signal: AbortSignal | undefined;
}

/**
 * An in-memory `readDigestBody` over a queue, like `fakeListTickets` but answering bytes: every
 * call recorded, the most in flight at once kept. `respond` may replace a page's body or fail it.
 */
export const fakeReadBodies = (
  queue: readonly RawTicket[],
  opts: {
    delayMs?: (page: number) => number;
    respond?: (page: number, json: string) => string | Error;
  } = {},
) => {
  const calls: BodyCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const readPage = async (
    query: TicketQuery,
    options?: { signal?: AbortSignal },
  ): Promise<PageBody> => {
    calls.push({ query, signal: options?.signal });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await sleep(opts.delayMs?.(query.page) ?? 0, options?.signal);
      const json = pageJson(queue, query);
      const answer = opts.respond ? opts.respond(query.page, json) : json;
      if (answer instanceof Error) throw answer;
      return bodyOf(answer);
    } finally {
      inFlight -= 1;
    }
  };
  return {
    readPage,
    calls,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
};
