import type { DigestHealthRecord, RunOutcome, Subscription, Told } from "../store/types";
import { decodeFailure, type Failure } from "./failure";
import { slotSchedule } from "./slots";

/**
 * A digest's health as people and monitors see it, from what the store keeps (its health
 * record) and its schedule: pure, so `/tickets digests`, `/healthz` and the Home tab all say
 * the same thing.
 *
 * - `ok`: its last run posted, or found nothing to post (or was skipped, nothing failing).
 * - `failing`: its last runs failed (after their retries), since `failing.since`.
 * - `late`: a slot of its schedule passed more than `lateAfterMs` ago and nothing ran for it
 *   (no replica running, `npm run digest` not scheduled): no digest came, and none will.
 * - `paused`: not scheduled (paused, or an operator's digest posted only on demand).
 * - `new`: set up, and its first slot has not come yet.
 */
export type DigestHealthState = "ok" | "failing" | "late" | "paused" | "new";

export interface DigestHealth {
  subscriptionId: number;
  channelId: string;
  state: DigestHealthState;
  paused: boolean;
  /** The next slot of its schedule; `undefined` when paused or never. */
  next: Date | undefined;
  lastRun:
    | {
        slot: Date;
        finishedAt: Date;
        outcome: RunOutcome;
        waitingCount: number | undefined;
        /** The posted message's `ts` (in the digest's channel), for its link. */
        messageTs: string | undefined;
        failure: Failure | undefined;
      }
    | undefined;
  lastSuccessAt: Date | undefined;
  /** How long since it last posted (or found nothing to post); `undefined`: never. */
  sinceLastSuccessMs: number | undefined;
  failing:
    | {
        since: Date;
        runs: number;
        failure: Failure | undefined;
        /** What the channel was told: `failing` (a notice), `unreached` (Slack refused it). */
        channelTold: Told;
      }
    | undefined;
  /** The slot nothing ran for, when `late`. */
  missedSlot: Date | undefined;
}

/**
 * A slot is missed once the scheduler's catch-up window (an hour) has passed it: after that no
 * process will post it.
 */
export const LATE_AFTER_MS = 60 * 60_000;

export const digestHealthOf = (
  subscription: Subscription,
  record: DigestHealthRecord | undefined,
  now: Date,
  o: { lateAfterMs?: number } = {},
): DigestHealth => {
  const lateAfterMs = o.lateAfterMs ?? LATE_AFTER_MS;
  const compiled = subscription.paused
    ? undefined
    : slotSchedule(subscription.schedule.cron, subscription.schedule.timeZone);
  const schedule = compiled && "schedule" in compiled ? compiled.schedule : undefined;
  const last = record?.lastRun;

  // The first slot after the later of its last run and its last change (a digest set up or
  // resumed does not owe the slots before): due by now, with nothing run for it, it was missed.
  const floor = Math.max(last?.slot.getTime() ?? 0, subscription.updatedAt.getTime());
  const owed = schedule?.next(new Date(floor));
  const missedSlot = owed && owed.getTime() <= now.getTime() - lateAfterMs ? owed : undefined;

  const failing = record?.failing && record.streak ? record.streak : undefined;
  const state: DigestHealthState = subscription.paused
    ? "paused"
    : failing
      ? "failing"
      : missedSlot
        ? "late"
        : last
          ? "ok"
          : "new";
  return {
    subscriptionId: subscription.id,
    channelId: subscription.channelId,
    state,
    paused: subscription.paused,
    next: schedule?.next(now),
    lastRun: last && {
      slot: last.slot,
      finishedAt: last.finishedAt,
      outcome: last.outcome,
      waitingCount: last.waitingCount,
      messageTs: last.messageTs,
      failure: decodeFailure(last.failure),
    },
    lastSuccessAt: record?.lastSuccessAt,
    sinceLastSuccessMs:
      record?.lastSuccessAt === undefined
        ? undefined
        : Math.max(0, now.getTime() - record.lastSuccessAt.getTime()),
    failing: failing && {
      since: failing.since,
      runs: failing.runs,
      failure: decodeFailure(failing.failure),
      channelTold: record?.told.channel ?? "ok",
    },
    missedSlot: state === "late" ? missedSlot : undefined,
  };
};

/** How many digests are in each state, for a summary line (`/healthz`, Home). */
export const countByState = (
  healths: readonly DigestHealth[],
): Record<DigestHealthState, number> => {
  const counts: Record<DigestHealthState, number> = {
    ok: 0,
    failing: 0,
    late: 0,
    paused: 0,
    new: 0,
  };
  for (const h of healths) counts[h.state] += 1;
  return counts;
};
