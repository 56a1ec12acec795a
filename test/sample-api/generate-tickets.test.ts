import { describe, expect, it } from "vitest";
import {
  generateTickets,
  makeTicket,
  mulberry32,
  toApiTimestamp,
} from "../../src/sample-api/generate-tickets";
import { startSampleApi } from "../../src/sample-api/sample-api-server";
import { ticketPageSchema } from "../../src/tickets/schemas";
import { readFixtureJson } from "../support/fixtures";

const NOW = new Date("2026-03-10T12:00:00.000Z");
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const pageOf = (data: unknown[]) => ({
  data,
  meta: {
    current_page: 1,
    from: data.length ? 1 : null,
    last_page: 1,
    per_page: Math.max(1, data.length),
    to: data.length || null,
    total: data.length,
    status: true,
    message: "Success",
    message_code: "200-1",
  },
});

describe("mulberry32", () => {
  it("repeats for a seed and differs between seeds", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe("generateTickets", () => {
  it("is deterministic for the same seed and now", () => {
    const a = generateTickets({ count: 120, seed: 42, now: NOW });
    const b = generateTickets({ count: 120, seed: 42, now: new Date(NOW) });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(generateTickets({ count: 120, seed: 43, now: NOW })).not.toEqual(a);
  });

  it("handles zero and small counts", () => {
    expect(generateTickets({ count: 0, seed: 1, now: NOW })).toEqual([]);
    expect(generateTickets({ count: 3, seed: 1, now: NOW })).toHaveLength(3);
  });

  it("has every field of the provider's sample, in the same JSON shape", async () => {
    const sample = readFixtureJson<{ data: Record<string, unknown>[] }>(
      "ticket-api/list-tickets.sample.json",
    );
    const sampleKeys = Object.keys(sample.data[0] ?? {}).sort();
    for (const ticket of generateTickets({ count: 50, seed: 3, now: NOW })) {
      expect(Object.keys(ticket).sort()).toEqual(sampleKeys);
      expect(ticket.id).toBe(ticket.ticket_id);
      expect(ticket.created_at).toMatch(TIMESTAMP);
      expect(ticket.updated_at).toMatch(TIMESTAMP);
      expect(Date.parse(ticket.updated_at)).toBeLessThanOrEqual(NOW.getTime());
      expect(Date.parse(ticket.updated_at)).toBeGreaterThanOrEqual(Date.parse(ticket.created_at));
      expect(ticket.state?.id).toBe(ticket.state_id);
      if (ticket.sub_category)
        expect(Object.keys(ticket.sub_category).sort()).toEqual(["id", "title"]);
      if (ticket.forward) expect(ticket.forward.ticket_id).toBe(ticket.id);
    }
  });

  it("covers the cases a renderer must survive", () => {
    const tickets = generateTickets({ count: 40, seed: 9, now: NOW });
    const all = (t: (typeof tickets)[number]) => `${t.subject}\n${t.desc}`;
    expect(new Set(tickets.map((t) => t.state_id))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(tickets.filter((t) => t.state_id === 2).length).toBeGreaterThan(tickets.length / 4);
    expect(tickets.some((t) => (t.desc ?? "").length > 3000)).toBe(true);
    expect(tickets.some((t) => t.admin_seen === 0)).toBe(true);
    expect(tickets.some((t) => t.forward !== null)).toBe(true);
    expect(tickets.some((t) => t.forward === null)).toBe(true);
    expect(tickets.some((t) => /<!channel>|<@U123>|<https:\/\/evil\.example\|/.test(all(t)))).toBe(
      true,
    );
    expect(tickets.some((t) => all(t).includes("\u202E"))).toBe(true);
    expect(tickets.some((t) => /[\u0600-\u06FF]/.test(all(t)))).toBe(true);
    const waitingDays = tickets.filter(
      (t) => t.state_id === 2 && NOW.getTime() - Date.parse(t.updated_at) > 3 * 86_400_000,
    );
    expect(waitingDays.length).toBeGreaterThan(0);
    const ids = tickets.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  it("uses a few importance values and several categories with sub-categories", () => {
    const tickets = generateTickets({ count: 200, seed: 5, now: NOW });
    expect(new Set(tickets.map((t) => t.importance))).toEqual(new Set(["acute", "normal", "low"]));
    expect(new Set(tickets.map((t) => t.category_id)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(tickets.map((t) => t.sub_category_id)).size).toBeGreaterThanOrEqual(8);
    expect(tickets.some((t) => /\p{Extended_Pictographic}/u.test(t.subject))).toBe(true);
  });

  it("parses with the bot's ticketPageSchema, for many seeds", () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const result = ticketPageSchema.safeParse(
        pageOf(generateTickets({ count: 80, seed, now: NOW })),
      );
      expect(result.success, JSON.stringify(result.error?.issues.slice(0, 3))).toBe(true);
    }
  });

  it("parses when served by the sample API, page after page", async () => {
    const tickets = generateTickets({ count: 250, seed: 11, now: NOW });
    const api = await startSampleApi({ tickets, token: "t0ken" });
    try {
      const seen: number[] = [];
      for (let page = 1; page <= 3; page++) {
        const response = await fetch(`${api.url}/api/ticket?page=${page}&per_page=100`, {
          headers: { authorization: "t0ken" },
        });
        const parsed = ticketPageSchema.parse(await response.json());
        expect(parsed.meta).toMatchObject({ current_page: page, last_page: 3, total: 250 });
        seen.push(...parsed.data.map((t) => t.ticket_id));
      }
      expect(seen).toEqual(tickets.map((t) => t.ticket_id));
    } finally {
      await api.close();
    }
  });
});

describe("makeTicket", () => {
  it("builds a sample-like ticket that parses", () => {
    const ticket = makeTicket();
    expect(ticket.created_at).toMatch(TIMESTAMP);
    expect(ticketPageSchema.safeParse(pageOf([ticket])).success).toBe(true);
  });

  it("keeps ids and nested objects consistent with overridden ids", () => {
    const ticket = makeTicket({
      ticket_id: 555,
      state_id: 4,
      category_id: 13,
      sub_category_id: 29,
    });
    expect(ticket).toMatchObject({
      id: 555,
      ticket_id: 555,
      state: { id: 4 },
      category: { id: 13 },
      sub_category: { id: 29, title: "Refunds" },
    });
  });

  it("lets nested objects be null", () => {
    const ticket = makeTicket({
      user: null,
      category: null,
      sub_category: null,
      state: null,
      forward: null,
    });
    expect(ticketPageSchema.safeParse(pageOf([ticket])).success).toBe(true);
  });
});

describe("toApiTimestamp", () => {
  it("writes microseconds and Z like Laravel", () => {
    expect(toApiTimestamp(new Date("2025-01-01T10:00:00.000Z"))).toBe(
      "2025-01-01T10:00:00.000000Z",
    );
    expect(toApiTimestamp(new Date("2025-01-01T10:00:00.123Z"))).toBe(
      "2025-01-01T10:00:00.123000Z",
    );
  });
});
