import { describe, expect, it } from "vitest";
import {
  CATEGORIES_SHOWN,
  createDigestAggregator,
  digestCategories,
  foldCategories,
} from "../../src/digest/aggregate";
import { makeTicket, toApiTimestamp } from "../../src/sample-api/generate-tickets";
import { ticketPageSchema } from "../../src/tickets/schemas";
import { DAY, HOUR, makePage, makeQueue, NOW, parseTickets, rawTicket } from "./fake-queue";

const at = (msAgo: number) => new Date(NOW.getTime() - msAgo);

describe("createDigestAggregator", () => {
  it("keeps the top N longest waiting across pages, matching a brute-force sort", () => {
    const queue = makeQueue(500, 7);
    const agg = createDigestAggregator({ top: 10, overdueMs: 3 * DAY, now: NOW });
    for (let page = 1; page <= 5; page++)
      agg.add(
        makePage(queue.slice((page - 1) * 100, page * 100), { page, perPage: 100, total: 500 }),
      );
    const result = agg.result();

    const expected = parseTickets(queue)
      .sort((a, b) => a.updated_at.getTime() - b.updated_at.getTime() || a.ticket_id - b.ticket_id)
      .slice(0, 10)
      .map((t) => t.ticket_id);
    expect(result.top.map((t) => t.ticketId)).toEqual(expected);
    expect(result.total).toBe(500);
    expect(result.counted).toBe(500);
    expect(result.approximate).toBe(false);
    expect(result.generatedAt).toEqual(NOW);
  });

  it("describes each kept ticket from its fields, waiting measured from updated_at", () => {
    const agg = createDigestAggregator({ top: 5, overdueMs: DAY, now: NOW });
    agg.add(
      makePage(
        [rawTicket({ ticketId: 7, updatedAt: at(2 * DAY), categoryIndex: 1, adminSeen: false })],
        {
          page: 1,
          perPage: 10,
          total: 1,
        },
      ),
    );
    expect(agg.result().top).toEqual([
      {
        ticketId: 7,
        subject: "Ticket 7 <needs> & help",
        username: "user7",
        categoryName: "System Questions",
        subCategoryTitle: "Sub 11",
        categoryId: 11,
        updatedAt: at(2 * DAY),
        waitedMs: 2 * DAY,
        overdue: true,
        adminSeen: false,
        importance: "acute",
      },
    ]);
  });

  it("an empty queue gives total 0 and nothing else", () => {
    const agg = createDigestAggregator({ top: 5, overdueMs: DAY, now: NOW });
    agg.add(makePage([], { page: 1, perPage: 1000, total: 0 }));
    expect(agg.result()).toEqual({
      total: 0,
      approximate: false,
      counted: 0,
      longestWaitMs: undefined,
      overdueCount: 0,
      unseenCount: 0,
      categories: { kept: [], other: 0, otherCategories: 0 },
      top: [],
      unreadable: 0,
      generatedAt: NOW,
    });
  });

  it("counts rows the panel sent malformed as unreadable, apart from the figures", () => {
    const agg = createDigestAggregator({ top: 5, overdueMs: DAY, now: NOW });
    const good = rawTicket({ ticketId: 7, updatedAt: at(2 * DAY), categoryIndex: 1 });
    const bad = { ...good, ticket_id: "8", updated_at: null } as unknown as typeof good;
    const page = makePage([good, bad, { ...good, ticket_id: 9 }], {
      page: 1,
      perPage: 10,
      total: 3,
    });
    expect(page.unreadable).toHaveLength(1);
    agg.add(page);
    const result = agg.result();
    expect(result).toMatchObject({ total: 3, counted: 2, unreadable: 1, overdueCount: 2 });
    // Unread is not "the queue moved": the figures are exact for what could be read.
    expect(result.approximate).toBe(false);
  });

  it("a total that changes between pages makes the result approximate", () => {
    const agg = createDigestAggregator({ top: 5, overdueMs: DAY, now: NOW });
    const queue = makeQueue(4);
    agg.add(makePage(queue.slice(0, 2), { page: 1, perPage: 2, total: 4 }));
    agg.add(makePage(queue.slice(2, 4), { page: 2, perPage: 2, total: 5 }));
    const result = agg.result();
    expect(result.total).toBe(4);
    expect(result.counted).toBe(4);
    expect(result.approximate).toBe(true);
  });

  it("rows seen that differ from the total make the result approximate", () => {
    const agg = createDigestAggregator({ top: 5, overdueMs: DAY, now: NOW });
    agg.add(makePage(makeQueue(3), { page: 1, perPage: 10, total: 4 }));
    expect(agg.result().approximate).toBe(true);
  });

  it("a ticket on two pages appears once in top, with its latest activity", () => {
    const agg = createDigestAggregator({ top: 3, overdueMs: DAY, now: NOW });
    const old = rawTicket({ ticketId: 1, updatedAt: at(10 * DAY) });
    const moved = rawTicket({ ticketId: 1, updatedAt: at(9 * DAY) });
    agg.add(
      makePage([old, rawTicket({ ticketId: 2, updatedAt: at(5 * DAY) })], {
        page: 1,
        perPage: 2,
        total: 4,
      }),
    );
    agg.add(
      makePage([moved, rawTicket({ ticketId: 3, updatedAt: at(DAY) })], {
        page: 2,
        perPage: 2,
        total: 4,
      }),
    );
    const result = agg.result();
    expect(result.top.map((t) => [t.ticketId, t.waitedMs])).toEqual([
      [1, 9 * DAY],
      [2, 5 * DAY],
      [3, DAY],
    ]);
    // Counts are per row: without a set of every id the duplicate cannot be subtracted,
    // so the result owns up to being approximate even though rows equal the total.
    expect(result.counted).toBe(4);
    expect(result.approximate).toBe(true);
  });

  it("an identical duplicate is also kept once", () => {
    const agg = createDigestAggregator({ top: 5, overdueMs: DAY, now: NOW });
    const t = rawTicket({ ticketId: 9, updatedAt: at(3 * DAY) });
    agg.add(makePage([t], { page: 1, perPage: 1, total: 2 }));
    agg.add(
      makePage([t, rawTicket({ ticketId: 8, updatedAt: at(DAY) })], {
        page: 2,
        perPage: 1,
        total: 2,
      }),
    );
    expect(agg.result().top.map((x) => x.ticketId)).toEqual([9, 8]);
  });

  it("counts overdue (at least overdueMs) and unseen tickets, clamps waits from the future", () => {
    const agg = createDigestAggregator({ top: 2, overdueMs: DAY, now: NOW });
    agg.add(
      makePage(
        [
          rawTicket({ ticketId: 1, updatedAt: at(DAY), adminSeen: false }),
          rawTicket({ ticketId: 2, updatedAt: at(DAY - 1) }),
          rawTicket({ ticketId: 3, updatedAt: at(-HOUR), adminSeen: false }),
          rawTicket({ ticketId: 4, updatedAt: at(2 * DAY) }),
        ],
        { page: 1, perPage: 10, total: 4 },
      ),
    );
    const result = agg.result();
    expect(result.overdueCount).toBe(2);
    expect(result.unseenCount).toBe(2);
    expect(result.longestWaitMs).toBe(2 * DAY);
    expect(result.top.map((t) => t.ticketId)).toEqual([4, 1]);

    const future = createDigestAggregator({ top: 1, overdueMs: DAY, now: NOW });
    future.add(
      makePage([rawTicket({ ticketId: 3, updatedAt: at(-HOUR) })], {
        page: 1,
        perPage: 1,
        total: 1,
      }),
    );
    expect(future.result().top[0]?.waitedMs).toBe(0);
  });

  it("orders categories largest first, ties by name, no category last among equals", () => {
    const agg = createDigestAggregator({ top: 0, overdueMs: DAY, now: NOW });
    const t = (ticketId: number, categoryIndex?: number) =>
      rawTicket({ ticketId, updatedAt: at(HOUR), categoryIndex });
    agg.add(
      makePage(
        [t(1, 3), t(2, 0), t(3, 3), t(4), t(5, 0), t(6, 1), t(7), t(8, 2), t(9, 2), t(10, 2)],
        {
          page: 1,
          perPage: 10,
          total: 10,
        },
      ),
    );
    const result = agg.result();
    expect(result.categories).toEqual({
      kept: [
        { name: "پشتیبانی فنی", categoryId: 12, count: 3 },
        { name: "Billing", categoryId: 13, count: 2 },
        { name: "Plugins, Domains, API", categoryId: 10, count: 2 },
        { name: undefined, categoryId: undefined, count: 2 },
        { name: "System Questions", categoryId: 11, count: 1 },
      ],
      other: 0,
      otherCategories: 0,
    });
    expect(result.top).toEqual([]);
  });

  it("leaves out rows of another state and says the result is approximate", () => {
    const agg = createDigestAggregator({ top: 5, overdueMs: DAY, now: NOW, stateId: 2 });
    agg.add(
      makePage(
        [
          rawTicket({ ticketId: 1, updatedAt: at(DAY) }),
          rawTicket({ ticketId: 2, updatedAt: at(2 * DAY), stateId: 3 }),
        ],
        { page: 1, perPage: 10, total: 2 },
      ),
    );
    const result = agg.result();
    expect(result.counted).toBe(1);
    expect(result.top.map((t) => t.ticketId)).toEqual([1]);
    expect(result.approximate).toBe(true);
  });

  it("never holds more than `top` tickets", () => {
    const agg = createDigestAggregator({ top: 3, overdueMs: DAY, now: NOW });
    const queue = makeQueue(1000, 3);
    for (let page = 1; page <= 10; page++) {
      agg.add(
        makePage(queue.slice((page - 1) * 100, page * 100), { page, perPage: 100, total: 1000 }),
      );
      expect(agg.result().top.length).toBeLessThanOrEqual(3);
    }
  });

  it("rejects a negative top", () => {
    expect(() => createDigestAggregator({ top: -1, overdueMs: DAY, now: NOW })).toThrow(RangeError);
  });
});

describe("foldCategories", () => {
  const byCategory = [
    { name: "a", categoryId: 1, count: 5 },
    { name: "b", categoryId: 2, count: 3 },
    { name: "c", categoryId: 3, count: 2 },
    { categoryId: 4, count: 1 },
  ];

  it("keeps the first `keep` and sums the rest", () => {
    expect(foldCategories(byCategory, 2)).toEqual({
      kept: byCategory.slice(0, 2),
      other: 3,
      otherCategories: 2,
    });
  });

  it("folds nothing when everything fits", () => {
    expect(foldCategories(byCategory, 10)).toEqual({
      kept: byCategory,
      other: 0,
      otherCategories: 0,
    });
  });

  it("can fold everything", () => {
    expect(foldCategories(byCategory, 0)).toEqual({ kept: [], other: 11, otherCategories: 4 });
  });
});

describe("digestCategories: what a digest shows of where tickets wait", () => {
  const categories = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `c${i}`, categoryId: i, count: 100 - i }));

  it("shows the five largest and folds the tail into other", () => {
    expect(CATEGORIES_SHOWN).toBe(5);
    expect(digestCategories(categories(8))).toEqual({
      kept: categories(5),
      other: 95 + 94 + 93,
      otherCategories: 3,
    });
  });

  it("names a sixth category rather than folding it alone into other", () => {
    expect(digestCategories(categories(6))).toEqual({
      kept: categories(6),
      other: 0,
      otherCategories: 0,
    });
  });

  it("folds nothing when five or fewer", () => {
    expect(digestCategories(categories(5))).toEqual({
      kept: categories(5),
      other: 0,
      otherCategories: 0,
    });
    expect(digestCategories([])).toEqual({ kept: [], other: 0, otherCategories: 0 });
  });

  it("is what the aggregator's summary carries", () => {
    const agg = createDigestAggregator({ top: 0, overdueMs: DAY, now: NOW });
    const rows = Array.from({ length: 7 }, (_, i) =>
      rawTicket({ ticketId: i + 1, updatedAt: at(HOUR), categoryIndex: i % 4 }),
    );
    agg.add(makePage(rows, { page: 1, perPage: 10, total: 7 }));
    // Four categories: nothing to fold, every one named, largest first.
    expect(agg.result().categories.kept.map((c) => c.count)).toEqual([2, 2, 2, 1]);
    expect(agg.result().categories.otherCategories).toBe(0);
  });
});

describe("a ticket seen again with newer activity", () => {
  it("gives its place to the next-longest waiting ticket, not to itself", () => {
    const now = new Date("2026-01-15T00:00:00Z");
    const day = 86_400_000;
    const ticket = (id: number, daysAgo: number) =>
      makeTicket({
        id,
        ticket_id: id,
        state_id: 2,
        updated_at: toApiTimestamp(new Date(now.getTime() - daysAgo * day)),
      });
    const page = (tickets: ReturnType<typeof makeTicket>[], n: number) =>
      ticketPageSchema.parse({
        data: tickets,
        meta: {
          current_page: n,
          last_page: 2,
          per_page: 3,
          total: 4,
          from: 1,
          to: 3,
          status: true,
        },
      });
    const aggregator = createDigestAggregator({ top: 2, overdueMs: day, now, stateId: 2 });
    aggregator.add(page([ticket(1, 10), ticket(2, 9), ticket(3, 8)], 1));
    aggregator.add(page([ticket(1, 1)], 2));
    expect(aggregator.result().top.map((t) => t.ticketId)).toEqual([2, 3]);
  });
});
