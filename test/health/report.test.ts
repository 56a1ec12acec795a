import { describe, expect, it } from "vitest";
import type { HealthState } from "../../src/health/report";
import { healthReport, readinessReport } from "../../src/health/report";

const at = new Date("2026-01-15T09:00:00Z");
const healthy: HealthState = {
  startedAt: new Date("2026-01-15T08:00:00Z"),
  now: at,
  slack: { mode: "socket", connected: true },
  panel: { last: { kind: "answered", status: 200, at }, lastAnsweredAt: at },
  lastDigest: { kind: "posted", total: 3, posted: ["C0AAAAAAA"], failed: [], slot: at, at },
  stopping: false,
};

describe("readiness", () => {
  it("is ready when connected to Slack and the panel answered recently", () => {
    expect(readinessReport(healthy)).toMatchObject({ httpStatus: 200, body: { ready: true } });
  });

  it("is not ready while stopping, disconnected, or when the panel was not heard from", () => {
    expect(readinessReport({ ...healthy, stopping: true }).body.problems).toEqual([
      "stopping: finishing answers in flight",
    ]);
    expect(
      readinessReport({ ...healthy, slack: { mode: "socket", connected: false } }).body.problems,
    ).toEqual(["not connected to Slack: the Socket Mode connection is being re-established"]);
    const quiet = readinessReport({ ...healthy, panel: { last: undefined, lastAnsweredAt: at } });
    expect(quiet).toMatchObject({
      httpStatus: 503,
      body: { problems: ["the ticket panel has not answered in the last few minutes"] },
    });
  });

  it("does not fail readiness for a digest (a restart would not fix it)", () => {
    const failedDigest = readinessReport({
      ...healthy,
      lastDigest: { kind: "not-built", error: new Error("x"), slot: at, at },
    });
    expect(failedDigest.httpStatus).toBe(200);
  });
});

describe("health", () => {
  it("is ok with uptime and nothing secret", () => {
    expect(healthReport(healthy)).toMatchObject({
      status: "ok",
      problems: [],
      uptimeSeconds: 3600,
      lastDigest: { outcome: "posted", postedTo: ["C0AAAAAAA"], failedChannels: [] },
    });
  });

  it("is degraded, saying why, when the panel's last answer failed", () => {
    const report = healthReport({
      ...healthy,
      panel: {
        last: { kind: "failed", status: undefined, error: "timeout", at },
        lastAnsweredAt: undefined,
      },
    });
    expect(report).toMatchObject({
      status: "degraded",
      problems: ["the ticket panel's last answer failed (timeout)"],
      ticketPanel: { lastOutcome: { answered: false, error: "timeout" }, lastAnsweredAt: null },
    });
  });
});
