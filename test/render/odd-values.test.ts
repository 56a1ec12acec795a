import { describe, expect, it } from "vitest";
import { createDigestAggregator } from "../../src/digest/aggregate";
import { renderDigest } from "../../src/render/digest";
import { renderTicketDetailsMessage } from "../../src/render/ticket-details";
import { renderTicketList } from "../../src/render/ticket-list";
import { digestPageSchema } from "../../src/tickets/schemas";
import {
  ctx,
  expectWithinSlackLimits,
  NOW,
  pageOf,
  shownStrings,
  ticketJson,
  ticketOf,
} from "./helpers";

/**
 * Values a panel may send that are valid JSON in the documented shape, yet cannot be true:
 * shown for what they are (unknown, in the future), never as nonsense such as "2027 y ago".
 */

const shown = (message: Parameters<typeof shownStrings>[0]) =>
  shownStrings(message)
    .map((s) => s.value)
    .join("\n");
const request = { query: { filter: {}, page: 1, perPage: 10 }, notices: [] };
const listOf = (overrides: Record<string, unknown>) =>
  shown(renderTicketList(pageOf([ticketJson(overrides)]), request, ctx));
const detailsOf = (overrides: Record<string, unknown>) =>
  shown(renderTicketDetailsMessage(ticketOf(overrides), ctx));

const IN_A_YEAR = "2026-01-02T12:00:00.000000Z";
const YEAR_ONE = "0001-01-01T00:00:00.000000Z";

describe("dates that cannot be right", () => {
  it("a date in the future is not 'updated just now'", () => {
    const list = listOf({ updated_at: IN_A_YEAR });
    expect(list).not.toContain("just now");
    expect(list).toContain(
      "🕒 updated in the future (<!date^1767355200^{date_short_pretty} {time}|2026-01-02 12:00 UTC>)",
    );
    const details = detailsOf({ updated_at: IN_A_YEAR, created_at: IN_A_YEAR });
    expect(details).not.toContain("just now");
    expect(details).toContain("in the future");
  });

  it("a few seconds ahead is the panel's clock, not the future", () => {
    expect(listOf({ updated_at: "2025-01-02T12:00:30Z" })).toContain("updated just now");
  });

  it("year 1 is an unknown date: no age, no negative date token", () => {
    for (const text of [
      listOf({ updated_at: YEAR_ONE }),
      detailsOf({ created_at: YEAR_ONE, updated_at: YEAR_ONE }),
      listOf({ updated_at: "1970-01-01T00:00:00Z" }),
    ]) {
      expect(text).not.toMatch(/<!date\^-/);
      expect(text).not.toMatch(/\d+ y ago/);
      expect(text).toContain("unknown date");
    }
    expect(listOf({ updated_at: YEAR_ONE })).toContain("🕒 updated at an unknown date");
  });

  it("a forward with an unknown date still says who and where", () => {
    const text = detailsOf({ forward: { from: 3, to: 5, created_at: YEAR_ONE, seen: 1 } });
    expect(text).toContain("from 3 to 5");
    expect(text).not.toMatch(/<!date\^-/);
  });
});

describe("counts that cannot be right", () => {
  it.each([-3, 2.5, 10_000_000])("interaction_count %d is not shown", (n) => {
    expect(listOf({ interaction_count: n })).not.toContain("interaction");
    expect(detailsOf({ interaction_count: n })).not.toContain("Interactions");
  });

  it("a sensible count still is", () => {
    expect(listOf({ interaction_count: 12 })).toContain("💬 12 interactions");
    expect(detailsOf({ interaction_count: 1234 })).toContain("*Interactions*\n1,234");
  });

  it.each([-1, 1e9])("a rating of %d is not shown", (rate) => {
    expect(detailsOf({ rate, rate_comment: "x" })).not.toContain("*Rating*");
  });

  it("a negative longest interaction is not shown", () => {
    expect(detailsOf({ longest_interaction: -5 })).not.toContain("Longest interaction");
    expect(detailsOf({ longest_interaction: 1234 })).toContain("*Longest interaction*\n1234");
  });

  it("keeps every message within Slack's limits", () => {
    const page = pageOf([ticketJson({ updated_at: YEAR_ONE, interaction_count: -1 })]);
    expectWithinSlackLimits(renderTicketList(page, request, ctx));
  });
});

describe("a digest with such dates", () => {
  const row = (ticketId: number, updatedAt: string) =>
    ticketJson({ ticket_id: ticketId, state_id: 2, updated_at: updatedAt });
  const summarize = (rows: Record<string, unknown>[]) => {
    const aggregator = createDigestAggregator({ top: 5, overdueMs: 86_400_000, now: NOW });
    aggregator.add(
      digestPageSchema.parse({
        data: rows,
        meta: { current_page: 1, last_page: 1, per_page: 10, total: rows.length },
      }),
    );
    return aggregator.result();
  };

  it("does not measure a wait from year 1, nor list it as the longest waiting", () => {
    const summary = summarize([row(1, YEAR_ONE), row(2, "2025-01-01T12:00:00Z")]);
    expect(summary.longestWaitMs).toBe(86_400_000);
    expect(summary.top.map((t) => t.ticketId)).toEqual([2]);
    expect(summary).toMatchObject({ total: 2, counted: 2, overdueCount: 1 });
    const text = shown(renderDigest(summary, { overdueHours: 24, top: 5 }, ctx));
    expect(text).not.toMatch(/\d{3,} y/);
    expect(text).not.toMatch(/<!date\^-/);
  });

  it("says a wait from the future is not known, rather than 'under a minute'", () => {
    const summary = summarize([row(3, IN_A_YEAR)]);
    const text = shown(renderDigest(summary, { overdueHours: 24, top: 5 }, ctx));
    expect(text).not.toContain("under a minute");
    expect(text).toContain("updated in the future");
  });
});
