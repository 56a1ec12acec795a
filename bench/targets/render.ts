import { performance } from "node:perf_hooks";
import { loadDigestJobConfig } from "../../src/config";
import { createDigestAggregator } from "../../src/digest/aggregate";
import type { DigestSummary } from "../../src/digest/types";
import { en } from "../../src/i18n";
import type { RenderContext } from "../../src/render/context";
import { renderDigest } from "../../src/render/digest";
import { renderTicketList } from "../../src/render/ticket-list";
import { generateTickets } from "../../src/sample-api/generate-tickets";
import { type Ticket, type TicketPage, ticketPageSchema } from "../../src/tickets/schemas";
import { announce, argValue, exitWithRunner } from "../lib/child-protocol";
import { BOT_TOKEN, TICKET_TOKEN } from "../lib/settings";
import { median } from "../lib/stats";

/**
 * Pure CPU costs, in a process of their own so nothing else shares its event loop: rendering
 * a 20-row list, rendering a digest of 10,000 waiting tickets, and what feeding those 10,000
 * tickets to the digest costs (parsing pages, folding them). Each is set beside a plain
 * `JSON.stringify`/`JSON.parse` of the same data, the least any answer costs.
 */

exitWithRunner();
const budgetMs = Number(argValue("budget-ms", "1000"));
const now = new Date();
const ctx: RenderContext = { t: en, now, timeZone: "UTC" };
const digestConfig = loadDigestJobConfig({
  SLACK_BOT_TOKEN: BOT_TOKEN,
  TICKET_API_URL: "http://127.0.0.1:9",
  TICKET_API_TOKEN: TICKET_TOKEN,
  DIGEST_CHANNEL: "C0BENCH00",
}).digest;

const meta = (page: number, perPage: number, total: number) => ({
  current_page: page,
  last_page: Math.ceil(total / perPage),
  per_page: perPage,
  total,
  from: (page - 1) * perPage + 1,
  to: Math.min(total, page * perPage),
  status: true as const,
  message: "Success",
  message_code: "200-1",
});

// Every ticket waits for support, as in a digest's queue. Only the JSON text is kept, so the
// parse timings below run with a heap as small as the bot's own.
const pageTexts = ((): string[] => {
  const raw = generateTickets({ count: 10_000, seed: 7, now }).map((t) => ({
    ...t,
    state_id: 2,
    state: { id: 2, name: "pending" },
  }));
  return Array.from({ length: 10 }, (_, i) =>
    JSON.stringify({ data: raw.slice(i * 1000, (i + 1) * 1000), meta: meta(i + 1, 1000, 10_000) }),
  );
})();

let sink: unknown;

/** µs per call: the median of timed batches, each long enough (about 2 ms) for the clock. */
const time = (fn: (i: number) => unknown) => {
  let i = 0;
  // At least a few calls even when each is slow, so the optimizing compiler has seen the code.
  const warmUntil = performance.now() + budgetMs / 4;
  const warmLimit = performance.now() + 2000;
  while ((performance.now() < warmUntil || i < 20) && performance.now() < warmLimit) sink = fn(i++);
  let batch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let k = 0; k < batch; k++) sink = fn(i++);
    if (performance.now() - t0 >= 2 || batch >= 1 << 16) break;
    batch *= 2;
  }
  const perCall: number[] = [];
  let calls = 0;
  const until = performance.now() + budgetMs;
  while (performance.now() < until || perCall.length < 5) {
    const t0 = performance.now();
    for (let k = 0; k < batch; k++) sink = fn(i++);
    perCall.push(((performance.now() - t0) * 1000) / batch);
    calls += batch;
  }
  return { usPerCall: median(perCall), calls };
};

const pick = <T>(items: readonly T[], i: number): T => items[i % items.length] as T;

const page1000 = {
  parse: time((i) => ticketPageSchema.parse(JSON.parse(pick(pageTexts, i)))),
  jsonParse: time((i) => JSON.parse(pick(pageTexts, i))),
};

const parsedPages: TicketPage[] = pageTexts.map((text) => ticketPageSchema.parse(JSON.parse(text)));
const all: Ticket[] = parsedPages.flatMap((p) => p.data);

// Several different pages in turn, so no single input is what gets optimized.
const listPages: TicketPage[] = Array.from({ length: 16 }, (_, i) => ({
  data: all.slice(i * 600, i * 600 + 20),
  meta: meta(i + 1, 20, 10_000),
  unreadable: [],
}));
const listRequest = (i: number) => ({
  query: { filter: { stateId: 2 as const }, page: (i % 16) + 1, perPage: 20 },
  notices: [],
});

const summarize = (): DigestSummary => {
  const aggregator = createDigestAggregator({
    top: digestConfig.top,
    overdueMs: digestConfig.overdueHours * 3_600_000,
    now,
    stateId: 2,
  });
  for (const page of parsedPages) aggregator.add(page);
  return aggregator.result();
};
const summary = summarize();
if (summary.counted !== 10_000) throw new Error(`folded ${summary.counted} tickets, not 10,000`);
const digestOptions = { overdueHours: digestConfig.overdueHours, top: digestConfig.top };

const result = {
  list20: {
    render: time((i) => renderTicketList(pick(listPages, i), listRequest(i), ctx)),
    stringify: time((i) => JSON.stringify(pick(listPages, i))),
  },
  digest10k: {
    render: time(() => renderDigest(summary, digestOptions, ctx)),
    stringify: time(() => JSON.stringify(summary)),
    fold: time(() => summarize()),
  },
  page1000,
};
if (sink === undefined) throw new Error("nothing was computed");
announce("RESULT", result);
process.exit(0);
