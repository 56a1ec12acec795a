import { describe, expect, it } from "vitest";
import { runDigestJob } from "../../src/flows/digest-job";
import type { SlotRequest, SlotRun } from "../../src/flows/subscription-run";
import type { DigestRun, Subscription } from "../../src/store/types";
import { recordingLogger } from "../support/listener-fakes";
import { created, movableClock, useStore } from "./store-fixture";

const fresh = useStore();

const heldBy = (subscription: Subscription, slot: Date, leaseUntil: Date): SlotRun => {
  const run: DigestRun = {
    id: 1,
    subscriptionId: subscription.id,
    slot,
    claimedBy: "the-bot",
    claimedAt: slot,
    leaseUntil,
    attempt: 1,
    outcome: undefined,
    messageTs: undefined,
    postedAt: undefined,
    waitingCount: undefined,
    errorClass: undefined,
    errorCause: undefined,
    finishedAt: undefined,
  };
  return { kind: "taken", run };
};

const setUp = async (
  start: string,
  answer?: (s: Subscription, slot: Date, request: SlotRequest) => SlotRun,
) => {
  const clock = movableClock(start);
  const { store } = await fresh(clock);
  const { logger, lines } = recordingLogger();
  const asked: { id: number; slot: string; request: SlotRequest }[] = [];
  const job = (request: { subscriptionId?: number; now: boolean }, maxWaitMs?: number) =>
    runDigestJob(
      {
        subscriptions: store.subscriptions,
        runSlot: async (subscription, slot, slotRequest) => {
          asked.push({ id: subscription.id, slot: slot.toISOString(), request: slotRequest });
          return (
            answer?.(subscription, slot, slotRequest) ?? {
              kind: "ran",
              subscription,
              outcome: undefined,
              report: { outcome: "posted" },
            }
          );
        },
        clock,
        logger,
        workspaceId: "T111",
        maxWaitMs,
        sleep: async (ms) => clock.advance(ms),
      },
      request,
    );
  return { store, clock, lines, asked, job };
};

const operator = (channelId: string, cron = "0 9 * * *", paused = false) => ({
  key: `DIGEST_CHANNEL:${channelId}`,
  channelId,
  filters: { stateId: 2 },
  schedule: { cron, timeZone: "UTC" },
  paused,
  top: 10,
  overdueHours: 24,
  postWhenEmpty: false,
  language: "en",
});

describe("npm run digest: what is due", () => {
  it("runs each digest's latest slot of the last hour, retrying one that failed", async () => {
    const t = await setUp("2026-03-09T07:00:00Z");
    const hourly = await created(t.store, { schedule: { cron: "0 * * * *", timeZone: "UTC" } });
    const daily = await created(t.store, { channelId: "C222" });
    await created(t.store, {
      channelId: "C333",
      paused: true,
      schedule: { cron: "0 * * * *", timeZone: "UTC" },
    });
    t.clock.set("2026-03-09T09:20:00Z");
    expect(await t.job({ now: false })).toEqual({ ok: true, ran: 2, failed: 0, skipped: 0 });
    expect(t.asked).toEqual([
      { id: hourly.id, slot: "2026-03-09T09:00:00.000Z", request: { retryFailed: true } },
      { id: daily.id, slot: "2026-03-09T09:00:00.000Z", request: { retryFailed: true } },
    ]);
  });

  it("finds nothing due before a digest made from Slack existed, or beyond the hour", async () => {
    const t = await setUp("2026-03-09T09:10:00Z");
    await created(t.store);
    expect(await t.job({ now: false })).toEqual({ ok: true, ran: 0, failed: 0, skipped: 0 });
    t.clock.set("2026-03-10T10:30:00Z");
    expect(await t.job({ now: false })).toMatchObject({ ran: 0 });
    expect(t.asked).toEqual([]);
    expect(t.lines.join("\n")).toMatch(/no digest is due/);
  });

  it("posts the operator's digests now when DIGEST_SCHEDULE is off, with a word on retries", async () => {
    const t = await setUp("2026-03-09T09:10:42Z");
    await t.store.subscriptions.syncOperator("T111", [operator("C0OPS", "off", true)]);
    expect(await t.job({ now: false })).toMatchObject({ ran: 1 });
    expect(t.asked).toEqual([
      { id: expect.any(Number), slot: "2026-03-09T09:10:00.000Z", request: { manual: true } },
    ]);
    expect(t.lines.join("\n")).toMatch(
      /DIGEST_SCHEDULE=off: .*set DIGEST_SCHEDULE to this job's schedule/,
    );
  });

  it("--now posts the operator's digests at this minute; --subscription one digest, due or now", async () => {
    const t = await setUp("2026-03-09T08:00:00Z");
    await t.store.subscriptions.syncOperator("T111", [operator("C0A"), operator("C0B")]);
    const mine = await created(t.store, { schedule: { cron: "30 * * * *", timeZone: "UTC" } });
    t.clock.set("2026-03-09T08:45:10Z");
    expect(await t.job({ now: true })).toMatchObject({ ran: 2 });
    expect(t.asked.map((a) => [a.slot, a.request])).toEqual([
      ["2026-03-09T08:45:00.000Z", { manual: true }],
      ["2026-03-09T08:45:00.000Z", { manual: true }],
    ]);
    t.asked.length = 0;
    expect(await t.job({ now: false, subscriptionId: mine.id })).toMatchObject({ ran: 1 });
    expect(await t.job({ now: true, subscriptionId: mine.id })).toMatchObject({ ran: 1 });
    expect(t.asked).toEqual([
      { id: mine.id, slot: "2026-03-09T08:30:00.000Z", request: { retryFailed: true } },
      { id: mine.id, slot: "2026-03-09T08:45:00.000Z", request: { manual: true } },
    ]);
  });

  it("refuses what cannot be done, in words", async () => {
    const t = await setUp("2026-03-09T08:00:00Z");
    const elsewhere = await created(t.store, { workspaceId: "T999" });
    expect(await t.job({ now: true })).toEqual({
      ok: false,
      problem: expect.stringContaining("DIGEST_CHANNEL names none"),
    });
    expect(await t.job({ now: false, subscriptionId: elsewhere.id })).toEqual({
      ok: false,
      problem: `there is no digest ${elsewhere.id} in this workspace`,
    });
  });

  it("waits for a slot another process holds, and takes it over if its owner stopped", async () => {
    let asks = 0;
    const t = await setUp("2026-03-09T08:50:00Z", (subscription, slot) => {
      asks += 1;
      return asks === 1
        ? heldBy(subscription, slot, new Date("2026-03-09T09:10:00Z"))
        : { kind: "ran", subscription, outcome: undefined, report: { outcome: "posted" } };
    });
    await created(t.store);
    t.clock.set("2026-03-09T09:09:30Z");
    expect(await t.job({ now: false })).toEqual({ ok: true, ran: 1, failed: 0, skipped: 0 });
    expect(t.asked).toHaveLength(2);
    expect(t.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse("2026-03-09T09:10:00Z"));
  });

  it("leaves a slot to a live owner that keeps it longer than the job will wait, and says so", async () => {
    const t = await setUp("2026-03-09T08:50:00Z", (subscription, slot) =>
      heldBy(subscription, slot, new Date("2026-03-09T10:00:00Z")),
    );
    await created(t.store);
    t.clock.set("2026-03-09T09:09:30Z");
    expect(await t.job({ now: false }, 60_000)).toEqual({
      ok: true,
      ran: 0,
      failed: 0,
      skipped: 0,
    });
    expect(t.lines.join("\n")).toMatch(/still being posted by another process; left to it/);
  });

  it("counts a failed run, for exit 1", async () => {
    const t = await setUp("2026-03-09T08:50:00Z", (subscription) => ({
      kind: "ran",
      subscription,
      outcome: undefined,
      report: { outcome: "failed", errorCause: "down" },
    }));
    await created(t.store);
    t.clock.set("2026-03-09T09:01:00Z");
    expect(await t.job({ now: false })).toEqual({ ok: true, ran: 1, failed: 1, skipped: 0 });
  });
});
