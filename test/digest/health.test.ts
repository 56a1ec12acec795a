import { describe, expect, it } from "vitest";
import { countByState, digestHealthOf } from "../../src/digest/health";
import type { DigestHealthRecord } from "../../src/store/types";
import { aSubscription } from "../flows/store-fixture";

const subscription = aSubscription;

const record = (over: Partial<DigestHealthRecord> = {}): DigestHealthRecord => ({
  subscriptionId: 7,
  lastRun: {
    runId: 1,
    slot: new Date("2026-03-09T09:00:00Z"),
    outcome: "posted",
    finishedAt: new Date("2026-03-09T09:00:03Z"),
    waitingCount: 4,
    messageTs: "1.2",
  },
  lastSuccessAt: new Date("2026-03-09T09:00:03Z"),
  failing: false,
  streak: undefined,
  told: { channel: "ok", alerts: "ok" },
  notice: undefined,
  ...over,
});

describe("a digest's health", () => {
  it("is ok after a posted run, with how long since it succeeded and its next slot", () => {
    const h = digestHealthOf(subscription(), record(), new Date("2026-03-09T10:00:03Z"));
    expect(h).toMatchObject({
      state: "ok",
      sinceLastSuccessMs: 3_600_000,
      next: new Date("2026-03-10T09:00:00Z"),
      lastRun: { outcome: "posted", waitingCount: 4, messageTs: "1.2" },
      failing: undefined,
    });
  });

  it("is failing during a streak, with its cause, whatever else is true", () => {
    const h = digestHealthOf(
      subscription(),
      record({
        lastRun: {
          runId: 3,
          slot: new Date("2026-03-11T09:00:00Z"),
          outcome: "failed",
          finishedAt: new Date("2026-03-11T09:00:09Z"),
          failure: "panel-auth:401",
        },
        failing: true,
        streak: { since: new Date("2026-03-10T09:00:00Z"), runs: 2, failure: "panel-auth:401" },
        told: { channel: "failing", alerts: "ok" },
      }),
      new Date("2026-03-11T09:30:00Z"),
    );
    expect(h).toMatchObject({
      state: "failing",
      lastRun: { outcome: "failed", failure: { kind: "panel-auth", detail: "401" } },
      failing: { runs: 2, channelTold: "failing", failure: { kind: "panel-auth" } },
    });
  });

  it("is late when a slot passed an hour ago with nothing run for it, new before its first, paused when paused", () => {
    const late = digestHealthOf(subscription(), record(), new Date("2026-03-10T10:30:00Z"));
    expect(late).toMatchObject({ state: "late", missedSlot: new Date("2026-03-10T09:00:00Z") });
    expect(
      digestHealthOf(subscription(), undefined, new Date("2026-03-01T08:00:00Z")),
    ).toMatchObject({ state: "new", lastRun: undefined, sinceLastSuccessMs: undefined });
    const paused = digestHealthOf(subscription({ paused: true }), record(), new Date());
    expect(paused).toMatchObject({ state: "paused", next: undefined });
    expect(countByState([late, paused, paused])).toEqual({
      ok: 0,
      failing: 0,
      late: 1,
      paused: 2,
      new: 0,
    });
  });
});
