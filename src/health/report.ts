import { encodeFailure } from "../digest/failure";
import type { DigestHealth, DigestHealthState } from "../digest/health";
import { countByState } from "../digest/health";
import { type DigestOutcome, digestSucceeded } from "../digest/types";
import type { PanelSnapshot } from "./panel-status";

/**
 * What `/healthz` (alive, and anything degraded) and `/readyz` (fit to take work) say. Pure,
 * and nothing in either body is secret: no token, no ticket, no channel name, only IDs.
 */

export interface HealthState {
  startedAt: Date;
  now: Date;
  /** Socket Mode: the WebSocket is open. HTTP mode: the server listens and auth.test passed. */
  slack: { mode: "socket" | "http"; connected: boolean };
  panel: PanelSnapshot;
  lastDigest: DigestOutcome | undefined;
  stopping: boolean;
  /**
   * Every scheduled digest's health (`/healthz` only); `"unavailable"` when the store could
   * not be read, `undefined` when not asked.
   */
  digests?: readonly DigestHealth[] | "unavailable";
}

/** At most this many digests are listed one by one; the rest are counted. */
export const MAX_DIGESTS_LISTED = 50;

/** The ones that need someone first, then the longest without a success. */
const URGENCY: Readonly<Record<DigestHealthState, number>> = {
  failing: 0,
  late: 1,
  new: 2,
  ok: 3,
  paused: 4,
};

const seconds = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms / 1000));

const digestsReport = (digests: readonly DigestHealth[] | "unavailable" | undefined) => {
  if (digests === undefined) return undefined;
  if (digests === "unavailable") return { available: false };
  const sorted = [...digests].sort(
    (a, b) =>
      URGENCY[a.state] - URGENCY[b.state] ||
      (b.sinceLastSuccessMs ?? Number.MAX_SAFE_INTEGER) -
        (a.sinceLastSuccessMs ?? Number.MAX_SAFE_INTEGER) ||
      a.subscriptionId - b.subscriptionId,
  );
  const listed = sorted.slice(0, MAX_DIGESTS_LISTED);
  return {
    available: true,
    counts: countByState(digests),
    list: listed.map((d) => ({
      id: d.subscriptionId,
      channel: d.channelId,
      state: d.state,
      lastOutcome: d.lastRun?.outcome ?? null,
      lastRunAt: d.lastRun?.finishedAt.toISOString() ?? null,
      lastSuccessAt: d.lastSuccessAt?.toISOString() ?? null,
      secondsSinceLastSuccess: seconds(d.sinceLastSuccessMs),
      failure: d.lastRun?.failure ? encodeFailure(d.lastRun.failure) : null,
      failingRuns: d.failing?.runs ?? 0,
      nextAt: d.next?.toISOString() ?? null,
    })),
    omitted: sorted.length - listed.length,
  };
};

const digestReport = (d: DigestOutcome | undefined) =>
  d
    ? {
        outcome: d.kind,
        at: d.at.toISOString(),
        ...(d.kind === "not-built"
          ? { error: d.error instanceof Error ? d.error.name : "unknown" }
          : { postedTo: d.posted, failedChannels: d.failed.map((f) => f.channel) }),
      }
    : null;

const panelReport = (p: PanelSnapshot) => ({
  lastOutcome: p.last
    ? p.last.kind === "answered"
      ? { answered: true, status: p.last.status, at: p.last.at.toISOString() }
      : {
          answered: false,
          status: p.last.status ?? null,
          error: p.last.error,
          at: p.last.at.toISOString(),
        }
    : null,
  lastAnsweredAt: p.lastAnsweredAt?.toISOString() ?? null,
});

/** Sentences an operator can act on, for every way the bot is not at its best right now. */
const problemsOf = (s: HealthState, forReadiness: boolean): string[] => {
  const problems: string[] = [];
  if (s.stopping) problems.push("stopping: finishing answers in flight");
  if (!s.slack.connected) {
    problems.push(
      s.slack.mode === "socket"
        ? "not connected to Slack: the Socket Mode connection is being re-established"
        : "not serving Slack's requests yet",
    );
  }
  if (s.panel.last?.kind === "failed") {
    problems.push(
      `the ticket panel's last answer failed (${s.panel.last.error}${s.panel.last.status ? `, HTTP ${s.panel.last.status}` : ""})`,
    );
  } else if (forReadiness && !s.panel.last) {
    problems.push("the ticket panel has not answered in the last few minutes");
  }
  if (!forReadiness && s.digests !== undefined) {
    if (s.digests === "unavailable") {
      problems.push("the digests' health could not be read from the store");
    } else {
      const counts = countByState(s.digests);
      if (counts.failing > 0) problems.push(`${counts.failing} digest(s) failing`);
      if (counts.late > 0) problems.push(`${counts.late} digest(s) missed a scheduled run`);
    }
  }
  const d = s.lastDigest;
  if (!forReadiness && d && !digestSucceeded(d)) {
    problems.push(
      d.kind === "not-built"
        ? "the last digest could not be built: nothing was posted"
        : `the last digest could not be posted to ${d.failed.map((f) => f.channel).join(", ")}`,
    );
  }
  return problems;
};

/** `/healthz`: always 200 while the process serves; the body says what is degraded. */
export const healthReport = (s: HealthState) => {
  const problems = problemsOf(s, false);
  return {
    status: problems.length === 0 ? "ok" : "degraded",
    problems,
    uptimeSeconds: Math.round((s.now.getTime() - s.startedAt.getTime()) / 1000),
    slack: s.slack,
    ticketPanel: panelReport(s.panel),
    lastDigest: digestReport(s.lastDigest),
    ...(s.digests !== undefined && { digests: digestsReport(s.digests) }),
  };
};

/** `/readyz`: 200 when connected to Slack and the panel answered recently, else 503 with why. */
export const readinessReport = (s: HealthState) => {
  const problems = problemsOf(s, true);
  return {
    httpStatus: problems.length === 0 ? 200 : 503,
    body: {
      ready: problems.length === 0,
      problems,
      slack: s.slack,
      ticketPanel: panelReport(s.panel),
    },
  };
};
