import { describe, expect, it } from "vitest";
import { collectWaitingTickets } from "../../src/digest/collect";
import { TicketApiServerError } from "../../src/tickets/errors";
import {
  CATEGORIES,
  DAY,
  fakeListTickets,
  makePage,
  makeQueue,
  NOW,
  parseTickets,
} from "./fake-queue";

const clock = { now: () => NOW };
const OVERDUE = 3 * DAY;

describe("collectWaitingTickets", () => {
  it("reads 2,345 waiting tickets over 3 pages into exact totals, counts and top N", async () => {
    const queue = makeQueue(2345);
    const fake = fakeListTickets(queue, { delayMs: (page) => (4 - page) * 5 });
    const result = await collectWaitingTickets({
      listTickets: fake.listTickets,
      top: 15,
      overdueMs: OVERDUE,
      clock,
    });

    expect(fake.calls.map((c) => c.query)).toEqual(
      [1, 2, 3].map((page) => ({ filter: { stateId: 2 }, page, perPage: 1000 })),
    );

    // Brute force over the whole queue, the way the aggregator must not do it.
    const all = parseTickets(queue);
    const waits = all.map((t) => NOW.getTime() - t.updated_at.getTime());
    const sorted = [...all].sort(
      (a, b) => a.updated_at.getTime() - b.updated_at.getTime() || a.ticket_id - b.ticket_id,
    );
    const perCategory = new Map<number | undefined, number>();
    for (const t of all) perCategory.set(t.category_id, (perCategory.get(t.category_id) ?? 0) + 1);

    expect(result.total).toBe(2345);
    expect(result.counted).toBe(2345);
    expect(result.approximate).toBe(false);
    expect(result.top.map((t) => t.ticketId)).toEqual(sorted.slice(0, 15).map((t) => t.ticket_id));
    expect(result.top.every((t) => t.overdue)).toBe(true);
    expect(result.longestWaitMs).toBe(Math.max(...waits));
    expect(result.overdueCount).toBe(waits.filter((w) => w >= OVERDUE).length);
    expect(result.overdueCount).toBeGreaterThan(0);
    expect(result.overdueCount).toBeLessThan(2345);
    expect(result.unseenCount).toBe(all.filter((t) => !t.admin_seen).length);
    // Five categories at most (four and "none"): every one shown, none folded into "other".
    expect(result.categories.otherCategories).toBe(0);
    const byCategory = result.categories.kept;
    expect(byCategory.reduce((s, c) => s + c.count, 0)).toBe(2345);
    expect(new Map(byCategory.map((c) => [c.categoryId, c.count]))).toEqual(perCategory);
    for (const c of byCategory)
      expect(c.name).toBe(CATEGORIES.find((k) => k.id === c.categoryId)?.name);
    const counts = byCategory.map((c) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it("an empty queue gives total 0 and top [], after a single request", async () => {
    const fake = fakeListTickets([]);
    const result = await collectWaitingTickets({
      listTickets: fake.listTickets,
      top: 10,
      overdueMs: OVERDUE,
      clock,
    });
    expect(result.total).toBe(0);
    expect(result.top).toEqual([]);
    expect(result.approximate).toBe(false);
    expect(fake.calls).toHaveLength(1);
  });

  it("never has more than `concurrency` requests in flight", async () => {
    const queue = makeQueue(2345);
    const fake = fakeListTickets(queue, { delayMs: (page) => 2 + (page % 4) * 3 });
    const result = await collectWaitingTickets({
      listTickets: fake.listTickets,
      top: 5,
      overdueMs: OVERDUE,
      clock,
      perPage: 100,
      concurrency: 3,
    });
    expect(fake.calls).toHaveLength(24);
    expect(fake.maxInFlight).toBe(3);
    expect(result.counted).toBe(2345);
    expect(result.approximate).toBe(false);
  });

  it("a total that changes between pages makes the result approximate", async () => {
    const queue = makeQueue(2345);
    const fake = fakeListTickets(queue, {
      respond: (page, served) =>
        page === 3 ? { ...served, meta: { ...served.meta, total: 2346 } } : served,
    });
    const result = await collectWaitingTickets({
      listTickets: fake.listTickets,
      top: 5,
      overdueMs: OVERDUE,
      clock,
    });
    expect(result.total).toBe(2345);
    expect(result.approximate).toBe(true);
  });

  it("a ticket that moved onto the next page appears once in top", async () => {
    const queue = makeQueue(2345);
    const oldest = parseTickets(queue).reduce((a, b) => (a.updated_at <= b.updated_at ? a : b));
    const index = oldest.ticket_id - 100_000;
    // The queue shifted by one between reading pages 1 and 2: page 2 repeats page 1's last row.
    const shifted = [...queue];
    const [moved] = shifted.splice(index, 1);
    if (!moved) throw new Error("fixture");
    shifted.splice(999, 0, moved);
    shifted.splice(1000, 0, moved);
    const fake = fakeListTickets(shifted.slice(0, 2345));
    const result = await collectWaitingTickets({
      listTickets: fake.listTickets,
      top: 10,
      overdueMs: OVERDUE,
      clock,
    });
    const ids = result.top.map((t) => t.ticketId);
    expect(ids[0]).toBe(oldest.ticket_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.approximate).toBe(true);
  });

  it("a failing page rejects the whole collection and aborts the requests in flight", async () => {
    const queue = makeQueue(2345);
    const failure = new TicketApiServerError(502);
    const fake = fakeListTickets(queue, {
      // The siblings would answer only after a minute: if the collection waited for them
      // instead of cancelling them, this test would time out.
      delayMs: (page) => (page === 1 ? 0 : page === 4 ? 5 : 60_000),
      respond: (page, served) => (page === 4 ? failure : served),
    });
    await expect(
      collectWaitingTickets({
        listTickets: fake.listTickets,
        top: 5,
        overdueMs: OVERDUE,
        clock,
        perPage: 100,
        concurrency: 4,
      }),
    ).rejects.toBe(failure);
    // Pages 2..5 were in flight; 4 failed, the others were cancelled, and nothing new started.
    expect(fake.calls.map((c) => c.query.page)).toEqual([1, 2, 3, 4, 5]);
    for (const call of fake.calls.slice(1)) expect(call.signal?.aborted).toBe(true);
  });

  it("a failing first page rejects with its error", async () => {
    const failure = new TicketApiServerError(500);
    const fake = fakeListTickets(makeQueue(10), { respond: () => failure });
    await expect(
      collectWaitingTickets({ listTickets: fake.listTickets, top: 5, overdueMs: OVERDUE, clock }),
    ).rejects.toBe(failure);
  });

  it("the caller's signal cancels the collection", async () => {
    const fake = fakeListTickets(makeQueue(2345), { delayMs: () => 1000 });
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const collecting = collectWaitingTickets({
      listTickets: fake.listTickets,
      top: 5,
      overdueMs: OVERDUE,
      clock,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(reason), 10);
    await expect(collecting).rejects.toBe(reason);
    expect(fake.calls[0]?.signal?.aborted).toBe(true);
  });

  it("a last_page that shrinks mid-way is fine: the pages past it are empty", async () => {
    const queue = makeQueue(2345);
    // 300 tickets were answered while pages were read: page 2 now says there are only 2 pages.
    const fake = fakeListTickets(queue, {
      respond: (page, served) =>
        page === 1
          ? served
          : makePage(page === 2 ? queue.slice(1300, 2045) : [], {
              page,
              perPage: 1000,
              total: 2045,
            }),
    });
    const result = await collectWaitingTickets({
      listTickets: fake.listTickets,
      top: 5,
      overdueMs: OVERDUE,
      clock,
    });
    expect(fake.calls.map((c) => c.query.page)).toEqual([1, 2, 3]);
    expect(result.total).toBe(2345);
    expect(result.counted).toBe(1745);
    expect(result.approximate).toBe(true);
  });

  it("a last_page that grows mid-way is followed, within a bound", async () => {
    const queue = makeQueue(2345);
    const grown = (pages: number) =>
      fakeListTickets(queue, {
        respond: (page, served) =>
          page === 1 ? served : { ...served, meta: { ...served.meta, last_page: pages } },
      });
    const fake = grown(4);
    await collectWaitingTickets({
      listTickets: fake.listTickets,
      top: 5,
      overdueMs: OVERDUE,
      clock,
    });
    expect(fake.calls.map((c) => c.query.page).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);

    const runaway = grown(1_000_000);
    const result = await collectWaitingTickets({
      listTickets: runaway.listTickets,
      top: 5,
      overdueMs: OVERDUE,
      clock,
    });
    expect(runaway.calls).toHaveLength(3 + 5);
    expect(result.approximate).toBe(false);
  });

  it("rejects a perPage above the API's maximum", async () => {
    const fake = fakeListTickets([]);
    await expect(
      collectWaitingTickets({
        listTickets: fake.listTickets,
        top: 5,
        overdueMs: OVERDUE,
        clock,
        perPage: 1001,
      }),
    ).rejects.toThrow(RangeError);
    expect(fake.calls).toHaveLength(0);
  });

  it("reads no more than maxPages pages, however many there are (a bounded read)", async () => {
    const queue = makeQueue(2345);
    const fake = fakeListTickets(queue);
    const result = await collectWaitingTickets({
      listTickets: fake.listTickets,
      top: 0,
      overdueMs: OVERDUE,
      clock,
      maxPages: 2,
    });
    expect(fake.calls.map((c) => c.query.page).sort()).toEqual([1, 2]);
    // The total is the panel's; the rest covers the pages read, so the result is approximate.
    expect(result.total).toBe(2345);
    expect(result.counted).toBe(2000);
    expect(result.approximate).toBe(true);
  });

  it("reads every page when maxPages is not less than the queue", async () => {
    const fake = fakeListTickets(makeQueue(2345));
    const result = await collectWaitingTickets({
      listTickets: fake.listTickets,
      top: 0,
      overdueMs: OVERDUE,
      clock,
      maxPages: 10,
    });
    expect(fake.calls).toHaveLength(3);
    expect(result.counted).toBe(2345);
    expect(result.approximate).toBe(false);
  });

  it("rejects a maxPages below one", async () => {
    const fake = fakeListTickets(makeQueue(3));
    await expect(
      collectWaitingTickets({
        listTickets: fake.listTickets,
        top: 0,
        overdueMs: OVERDUE,
        clock,
        maxPages: 0,
      }),
    ).rejects.toThrow(RangeError);
    expect(fake.calls).toHaveLength(0);
  });
});
