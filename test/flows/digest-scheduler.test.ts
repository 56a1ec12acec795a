import { describe, expect, it } from "vitest";
import { createDigestScheduler } from "../../src/flows/digest-scheduler";
import type { SlotRun } from "../../src/flows/subscription-run";
import type { DigestRun, Subscription } from "../../src/store/types";
import { recordingLogger } from "../support/listener-fakes";
import { created, movableClock, useStore } from "./store-fixture";

const fresh = useStore();

const setUp = async (start: string, answer?: (s: Subscription, slot: Date) => SlotRun) => {
  const clock = movableClock(start);
  const { store, another } = await fresh(clock);
  const { logger, lines } = recordingLogger();
  const runs: { id: number; slot: string }[] = [];
  const scheduler = createDigestScheduler({
    subscriptions: store.subscriptions,
    clock,
    logger,
    runSlot: async (subscription, slot) => {
      runs.push({ id: subscription.id, slot: slot.toISOString() });
      return (
        answer?.(subscription, slot) ?? {
          kind: "ran",
          subscription,
          outcome: undefined,
          report: { outcome: "posted" },
        }
      );
    },
  });
  const tickAt = async (at: string) => {
    clock.set(at);
    await scheduler.tick();
    await scheduler.idle();
  };
  return { store, another, clock, lines, runs, scheduler, tickAt };
};

describe("the digest scheduler", () => {
  it("runs a slot when its time comes, once, and not before", async () => {
    const t = await setUp("2026-03-09T04:00:00Z");
    const digest = await created(t.store, {
      schedule: { cron: "30 8 * * 1-5", timeZone: "Asia/Tehran" },
    });
    await t.tickAt("2026-03-09T04:59:00Z");
    expect(t.runs).toEqual([]);
    await t.tickAt("2026-03-09T05:00:00Z");
    await t.tickAt("2026-03-09T05:00:14Z");
    expect(t.runs).toEqual([{ id: digest.id, slot: "2026-03-09T05:00:00.000Z" }]);
    expect(t.scheduler.nextDue()).toEqual(new Date("2026-03-10T05:00:00Z"));
  });

  it("catches up the latest slot missed within the hour, and not one missed by more", async () => {
    const t = await setUp("2026-03-09T08:01:00Z");
    const digest = await created(t.store, { schedule: { cron: "*/10 * * * *", timeZone: "UTC" } });
    await t.tickAt("2026-03-09T08:01:30Z");
    // Down from 08:05 to 08:47: 08:10 … 08:40 missed; only 08:40 is posted, late.
    await t.tickAt("2026-03-09T08:47:00Z");
    expect(t.runs.map((r) => r.slot)).toEqual(["2026-03-09T08:40:00.000Z"]);
    expect(t.lines.join("\n")).toMatch(
      /3 missed slot\(s\) before 2026-03-09T08:40:00.000Z are not posted/,
    );
    // Down for two hours: nothing in the last hour but the latest slot of that hour.
    await t.tickAt("2026-03-09T10:55:00Z");
    expect(t.runs.map((r) => r.slot)).toEqual([
      "2026-03-09T08:40:00.000Z",
      "2026-03-09T10:50:00.000Z",
    ]);
    expect(digest.id).toBeGreaterThan(0);
  });

  it("starts a digest made from Slack with its next slot, and an operator's with the one just missed", async () => {
    const t = await setUp("2026-03-09T09:05:00Z");
    await created(t.store, { channelId: "C0MADE" });
    await t.store.subscriptions.syncOperator("T111", [
      {
        key: "DIGEST_CHANNEL:C0OPS",
        channelId: "C0OPS",
        filters: { stateId: 2 },
        schedule: { cron: "0 9 * * *", timeZone: "UTC" },
        top: 10,
        overdueHours: 24,
        postWhenEmpty: false,
        language: "en",
      },
    ]);
    await t.tickAt("2026-03-09T09:06:00Z");
    const operator = (await t.store.subscriptions.listAll()).find((s) => s.origin === "operator");
    expect(t.runs).toEqual([{ id: operator?.id, slot: "2026-03-09T09:00:00.000Z" }]);
  });

  it("honours a change made on another replica at its next tick, without a restart", async () => {
    const t = await setUp("2026-03-09T08:00:00Z");
    await t.tickAt("2026-03-09T08:00:10Z");
    expect(t.lines.join("\n")).toMatch(/no digest is scheduled/);
    const other = await t.another();
    const digest = await created(other, { schedule: { cron: "* * * * *", timeZone: "UTC" } });
    await t.tickAt("2026-03-09T08:01:00Z");
    expect(t.runs).toEqual([{ id: digest.id, slot: "2026-03-09T08:01:00.000Z" }]);
    t.clock.set("2026-03-09T08:01:10Z");
    await other.subscriptions.setPaused(digest.id, true, "U0BOB");
    await t.tickAt("2026-03-09T08:02:00Z");
    expect(t.runs).toHaveLength(1);
    // Resumed: the slots it was paused for are not posted, the next one is.
    t.clock.set("2026-03-09T08:02:20Z");
    await other.subscriptions.setPaused(digest.id, false, "U0BOB");
    await t.tickAt("2026-03-09T08:02:40Z");
    expect(t.runs).toHaveLength(1);
    await t.tickAt("2026-03-09T08:03:00Z");
    expect(t.runs.at(-1)).toEqual({ id: digest.id, slot: "2026-03-09T08:03:00.000Z" });
    await other.subscriptions.delete(digest.id);
    await t.tickAt("2026-03-09T08:04:00Z");
    expect(t.runs).toHaveLength(2);
    expect(t.scheduler.size()).toBe(0);
  });

  it("watches a slot another process holds, and goes for it again once that lease has run out", async () => {
    let answers = 0;
    const held = (subscription: Subscription, slot: Date): SlotRun => {
      answers += 1;
      if (answers > 1)
        return { kind: "ran", subscription, outcome: undefined, report: { outcome: "posted" } };
      const run: DigestRun = {
        id: 1,
        subscriptionId: subscription.id,
        slot,
        claimedBy: "someone-else",
        claimedAt: slot,
        leaseUntil: new Date(slot.getTime() + 60_000),
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
    const t = await setUp("2026-03-09T08:59:00Z", held);
    await created(t.store);
    await t.tickAt("2026-03-09T09:00:00Z");
    await t.tickAt("2026-03-09T09:00:30Z");
    expect(t.runs).toHaveLength(1);
    expect(t.scheduler.nextDue()).toEqual(new Date("2026-03-09T09:01:00Z"));
    await t.tickAt("2026-03-09T09:01:00Z");
    expect(t.runs.map((r) => r.slot)).toEqual([
      "2026-03-09T09:00:00.000Z",
      "2026-03-09T09:00:00.000Z",
    ]);
    await t.tickAt("2026-03-09T09:02:00Z");
    expect(t.runs).toHaveLength(2);
  });

  it("skips a slot while the digest's previous run is still going, and says so", async () => {
    let finish: (() => void) | undefined;
    const clock = movableClock("2026-03-09T08:59:30Z");
    const { store } = await fresh(clock);
    const { logger, lines } = recordingLogger();
    const scheduler = createDigestScheduler({
      subscriptions: store.subscriptions,
      clock,
      logger,
      runSlot: (subscription) =>
        new Promise<SlotRun>((resolve) => {
          finish = () =>
            resolve({
              kind: "ran",
              subscription,
              outcome: undefined,
              report: { outcome: "posted" },
            });
        }),
    });
    await created(store, { schedule: { cron: "* * * * *", timeZone: "UTC" } });
    clock.set("2026-03-09T09:00:00Z");
    await scheduler.tick();
    clock.set("2026-03-09T09:01:00Z");
    await scheduler.tick();
    expect(lines.join("\n")).toMatch(
      /previous run is still in progress; slot 2026-03-09T09:01:00.000Z is skipped/,
    );
    finish?.();
    await scheduler.idle();
  });

  it("prunes runs older than a week once an hour, keeping each digest's newest", async () => {
    const clock = movableClock("2026-03-01T09:00:00Z");
    const { store } = await fresh(clock);
    const digest = await created(store);
    for (let day = 0; day < 25; day += 1) {
      const slot = new Date(Date.parse("2026-03-01T09:00:00Z") + day * 86_400_000);
      const claimed = await store.runs.claimSlot(digest.id, slot, "owner", 60_000);
      if (claimed.claimed) await store.runs.recordOutcome(claimed.claim, { outcome: "empty" });
    }
    const scheduler = createDigestScheduler({
      subscriptions: store.subscriptions,
      runs: store.runs,
      clock,
      logger: recordingLogger().logger,
      runSlot: async () => ({ kind: "gone" }),
    });
    clock.set("2026-03-26T08:00:00Z");
    await scheduler.tick();
    // 25 daily runs: the newest 20 are kept (the week's among them), the 5 oldest go.
    const kept = await store.runs.lastRuns(digest.id, 100);
    expect(kept).toHaveLength(20);
    expect(kept.at(-1)?.slot).toEqual(new Date("2026-03-06T09:00:00Z"));
  });

  it("logs a digest whose schedule cannot run, once, and keeps the others going", async () => {
    const t = await setUp("2026-03-09T08:59:00Z");
    await created(t.store, { schedule: { cron: "0 9 * *", timeZone: "UTC" } });
    const good = await created(t.store, { channelId: "C222" });
    await t.tickAt("2026-03-09T09:00:00Z");
    await created(t.store, { channelId: "C333", schedule: { cron: "5 9 * * *", timeZone: "UTC" } });
    await t.tickAt("2026-03-09T09:00:30Z");
    expect(t.runs).toEqual([{ id: good.id, slot: "2026-03-09T09:00:00.000Z" }]);
    expect(t.lines.filter((l) => /is not scheduled: .*expected 5/.test(l))).toHaveLength(1);
  });
});
