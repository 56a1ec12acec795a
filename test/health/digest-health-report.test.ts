import { describe, expect, it } from "vitest";
import { digestHealthOf } from "../../src/digest/health";
import type { HealthState } from "../../src/health/report";
import { healthReport, MAX_DIGESTS_LISTED, readinessReport } from "../../src/health/report";
import type { DigestHealthRecord, Subscription } from "../../src/store/types";
import { aSubscription } from "../flows/store-fixture";

const now = new Date("2026-03-10T10:00:00Z");
const base: HealthState = {
  startedAt: new Date("2026-03-10T08:00:00Z"),
  now,
  slack: { mode: "http", connected: true },
  panel: { last: { kind: "answered", status: 200, at: now }, lastAnsweredAt: now },
  lastDigest: undefined,
  stopping: false,
};

const subscription = (id: number): Subscription =>
  aSubscription({ id, channelId: `C${String(id).padStart(8, "0")}` });

const record = (id: number, failing: boolean): DigestHealthRecord => ({
  subscriptionId: id,
  lastRun: {
    runId: id,
    slot: new Date("2026-03-10T09:00:00Z"),
    outcome: failing ? "failed" : "posted",
    finishedAt: new Date("2026-03-10T09:00:05Z"),
    ...(failing ? { failure: "panel-auth:401" } : { waitingCount: 3, messageTs: "1.2" }),
  },
  lastSuccessAt: failing ? new Date("2026-03-08T09:00:05Z") : new Date("2026-03-10T09:00:05Z"),
  failing,
  streak: failing
    ? { since: new Date("2026-03-09T09:00:00Z"), runs: 2, failure: "panel-auth:401" }
    : undefined,
  told: { channel: failing ? "failing" : "ok", alerts: "ok" },
  notice: undefined,
});

const healths = (count: number, failingIds: number[]) =>
  Array.from({ length: count }, (_, i) =>
    digestHealthOf(subscription(i + 1), record(i + 1, failingIds.includes(i + 1)), now),
  );

describe("/healthz: every digest's health", () => {
  it("reports each digest's last outcome and seconds since its last success, failing ones first", () => {
    const report = healthReport({ ...base, digests: healths(3, [2]) });
    expect(report.status).toBe("degraded");
    expect(report.problems).toEqual(["1 digest(s) failing"]);
    expect(report.digests).toMatchObject({
      available: true,
      counts: { ok: 2, failing: 1 },
      omitted: 0,
    });
    const list = report.digests?.list ?? [];
    expect(list[0]).toEqual({
      id: 2,
      channel: "C00000002",
      state: "failing",
      lastOutcome: "failed",
      lastRunAt: "2026-03-10T09:00:05.000Z",
      lastSuccessAt: "2026-03-08T09:00:05.000Z",
      secondsSinceLastSuccess: 2 * 86_400 + 3_600 - 5,
      failure: "panel-auth:401",
      failingRuns: 2,
      nextAt: "2026-03-11T09:00:00.000Z",
    });
    expect(list.map((d) => d.id)).toEqual([2, 1, 3]);
    expect(list[1]).toMatchObject({ state: "ok", secondsSinceLastSuccess: 3_595, failure: null });
  });

  it("stays bounded: lists at most a fixed number, counting the rest", () => {
    const many = healths(MAX_DIGESTS_LISTED + 25, [60]);
    const report = healthReport({ ...base, digests: many });
    const list = report.digests?.list ?? [];
    expect(list).toHaveLength(MAX_DIGESTS_LISTED);
    expect(report.digests?.omitted).toBe(25);
    // The failing one is listed, whatever its place.
    expect(list[0]?.id).toBe(60);
    expect(JSON.stringify(report).length).toBeLessThan(30_000);
  });

  it("says when the store could not be read, and readiness does not wait on digests", () => {
    expect(healthReport({ ...base, digests: "unavailable" })).toMatchObject({
      status: "degraded",
      problems: ["the digests' health could not be read from the store"],
      digests: { available: false },
    });
    expect(healthReport(base)).not.toHaveProperty("digests");
    expect(readinessReport({ ...base, digests: healths(2, [1]) }).httpStatus).toBe(200);
  });
});
