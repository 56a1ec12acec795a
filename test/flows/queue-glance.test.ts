import { describe, expect, it } from "vitest";
import { createQueueGlance, GLANCE_TTL_MS } from "../../src/flows/queue-glance";
import { TicketApiServerError } from "../../src/tickets/errors";
import { fakeListTickets, makeQueue, NOW } from "../digest/fake-queue";
import { movableClock } from "./store-fixture";

/**
 * The Home tab's shared glance: counted at most once a minute for everyone, concurrent opens
 * sharing the count under way, a failure neither retried by every open nor losing the last
 * good figures. The ticket client is an in-memory queue; the clock is moved by hand.
 */

const warnings: string[] = [];
const logger = { warn: (line: string) => warnings.push(line) };

const glanceOver = (queueSize: number, o: { failPages?: Set<number>; maxPages?: number } = {}) => {
  const clock = movableClock(NOW.toISOString());
  let failing = false;
  const fake = fakeListTickets(makeQueue(queueSize), {
    delayMs: () => 5,
    respond: (page, served) =>
      failing || o.failPages?.has(page) ? new TicketApiServerError(503) : served,
  });
  const glance = createQueueGlance({
    tickets: { listDigestRows: fake.listTickets },
    clock,
    logger,
    overdueHours: 72,
    maxPages: o.maxPages,
  });
  return {
    glance,
    clock,
    fake,
    fail: (on: boolean) => {
      failing = on;
    },
  };
};

describe("the queue at a glance", () => {
  it("counts once for any number of opens at the same moment, and shares the result", async () => {
    const { glance, fake } = glanceOver(2345);
    const views = await Promise.all(Array.from({ length: 100 }, () => glance.current()));
    expect(fake.calls).toHaveLength(3);
    for (const view of views) expect(view).toStrictEqual(views[0]);
    expect(views[0]).toMatchObject({ kind: "counted", summary: { total: 2345 } });
  });

  it("counts again only once the minute is up", async () => {
    const { glance, fake, clock } = glanceOver(10);
    await glance.current();
    clock.advance(GLANCE_TTL_MS - 1);
    await glance.current();
    expect(fake.calls).toHaveLength(1);
    clock.advance(1);
    await glance.current();
    expect(fake.calls).toHaveLength(2);
  });

  it("reads no more than its page bound, however long the queue, and says how much it read", async () => {
    const { glance, fake } = glanceOver(5500, { maxPages: 2 });
    const view = await glance.current();
    expect(fake.calls.map((c) => c.query.page).sort()).toEqual([1, 2]);
    expect(view).toMatchObject({ kind: "counted", readAtMost: 2000, summary: { total: 5500 } });
  });

  it("keeps the last good figures when a later count fails, and does not retry before the minute", async () => {
    const { glance, fake, clock, fail } = glanceOver(10);
    const good = await glance.current();
    clock.advance(GLANCE_TTL_MS);
    fail(true);
    const stale = await glance.current();
    expect(stale).toMatchObject({ kind: "counted", summary: { total: 10 } });
    expect(stale.kind === "counted" && stale.failedSince).toEqual(clock.now());
    expect(good.kind === "counted" && good.failedSince).toBeUndefined();
    const calls = fake.calls.length;
    clock.advance(GLANCE_TTL_MS - 1);
    await glance.current();
    expect(fake.calls).toHaveLength(calls);
    expect(warnings.some((w) => /could not be counted/.test(w))).toBe(true);
  });

  it("says it failed when there is nothing counted before, and never rejects", async () => {
    const { glance, fail } = glanceOver(10);
    fail(true);
    await expect(glance.current()).resolves.toEqual({ kind: "failed" });
  });
});
