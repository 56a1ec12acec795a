import { type Clock, sleep as realSleep } from "../clock";
import { minuteOf, slotSchedule } from "../digest/slots";
import type { Logger } from "../logger";
import type { SubscriptionRepository } from "../store/store";
import type { Subscription } from "../store/types";
import { catchUpFloor, DEFAULT_GRACE_MS } from "./digest-scheduler";
import type { SlotRequest, SlotRun } from "./subscription-run";

/**
 * `npm run digest`: every slot that is due, once, then exit. "Due" for a one-shot job: for each
 * active subscription, its latest slot within the catch-up window (the last hour, and never
 * before the subscription's last change), unless that slot is already posted or being posted.
 * Run it as often as you like (a CronJob every few minutes, or at the schedule's own times, with
 * retries): a slot already done is left alone, a slot whose run failed is tried again, so a
 * retry after a partial failure posts only what was not posted. A slot some other process is
 * posting is waited for; if its owner died, it is taken over once its lease has run out.
 *
 * `--subscription ID` runs only that digest; `--now` posts now, whatever its schedule (the
 * operator's digests without `--subscription`). An operator digest whose DIGEST_SCHEDULE is
 * `off` has no slots of its own: every plain run posts it now, as `npm run digest` always did.
 */

export interface DigestJobRequest {
  subscriptionId?: number;
  now: boolean;
}

export interface DigestJobDeps {
  subscriptions: Pick<SubscriptionRepository, "listForWorkspace" | "get">;
  runSlot: (subscription: Subscription, slot: Date, request: SlotRequest) => Promise<SlotRun>;
  clock: Clock;
  logger: Pick<Logger, "info" | "warn" | "error">;
  workspaceId: string;
  graceMs?: number;
  /** The longest this job waits on slots other processes hold (default 5 minutes). */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type DigestJobResult =
  | { ok: true; ran: number; failed: number; skipped: number }
  /** What was asked for makes no sense here (no such digest, nothing to post now). */
  | { ok: false; problem: string };

interface Due {
  subscription: Subscription;
  slot: Date;
  request: SlotRequest;
}

const isOnDemand = (s: Subscription) => s.origin === "operator" && s.paused;

/** The latest slot of the subscription in the catch-up window, if any. */
const dueSlot = (subscription: Subscription, now: Date, graceMs: number): Date | undefined => {
  const compiled = slotSchedule(subscription.schedule.cron, subscription.schedule.timeZone);
  if ("error" in compiled) return undefined;
  return compiled.schedule.latestIn(catchUpFloor(subscription, now, graceMs), now)?.slot;
};

export const runDigestJob = async (
  deps: DigestJobDeps,
  request: DigestJobRequest,
): Promise<DigestJobResult> => {
  const { logger, clock } = deps;
  const graceMs = deps.graceMs ?? DEFAULT_GRACE_MS;
  const sleep = deps.sleep ?? ((ms: number) => realSleep(ms));
  const now = clock.now();
  const onDemandSlot = minuteOf(now);

  let due: Due[];
  if (request.subscriptionId !== undefined) {
    const subscription = await deps.subscriptions.get(request.subscriptionId);
    if (!subscription || subscription.workspaceId !== deps.workspaceId) {
      return {
        ok: false,
        problem: `there is no digest ${request.subscriptionId} in this workspace`,
      };
    }
    if (request.now || isOnDemand(subscription)) {
      due = [{ subscription, slot: onDemandSlot, request: { manual: true } }];
    } else {
      const slot = subscription.paused ? undefined : dueSlot(subscription, now, graceMs);
      due = slot ? [{ subscription, slot, request: { retryFailed: true } }] : [];
    }
  } else {
    const all = await deps.subscriptions.listForWorkspace(deps.workspaceId);
    if (request.now) {
      const operator = all.filter((s) => s.origin === "operator");
      if (operator.length === 0) {
        return {
          ok: false,
          problem:
            "--now posts the operator's digests, and DIGEST_CHANNEL names none: add --subscription ID",
        };
      }
      due = operator.map((subscription) => ({
        subscription,
        slot: onDemandSlot,
        request: { manual: true },
      }));
    } else {
      due = all.flatMap((subscription): Due[] => {
        if (isOnDemand(subscription)) {
          return [{ subscription, slot: onDemandSlot, request: { manual: true } }];
        }
        if (subscription.paused) return [];
        const slot = dueSlot(subscription, now, graceMs);
        return slot ? [{ subscription, slot, request: { retryFailed: true } }] : [];
      });
      if (all.some(isOnDemand)) {
        logger.warn(
          "DIGEST_SCHEDULE=off: the operator's digests are posted now, as a run of this minute; set DIGEST_SCHEDULE to this job's schedule so that a retry never posts them again",
        );
      }
    }
  }

  if (due.length === 0) {
    logger.info("no digest is due: nothing to post");
    return { ok: true, ran: 0, failed: 0, skipped: 0 };
  }

  let ran = 0;
  let failed = 0;
  let skipped = 0;
  const deadline = now.getTime() + (deps.maxWaitMs ?? 5 * 60_000);
  let waiting = due;
  while (waiting.length > 0) {
    const held: { due: Due; until: Date }[] = [];
    for (const item of waiting) {
      const { subscription, slot } = item;
      const name = `digest ${subscription.id} (${subscription.channelId}) slot ${slot.toISOString()}`;
      const run = await deps.runSlot(subscription, slot, item.request);
      if (run.kind === "gone") {
        logger.info(`${name}: deleted meanwhile`);
      } else if (run.kind === "taken") {
        if (run.run.outcome === undefined) {
          held.push({ due: item, until: run.run.leaseUntil });
        } else {
          skipped += 1;
          logger.info(`${name}: already ${run.run.outcome} by ${run.run.claimedBy}`);
        }
      } else {
        ran += 1;
        if (run.report.outcome === "failed") failed += 1;
        logger.info(`${name}: ${run.report.outcome}`);
      }
    }
    if (held.length === 0) break;
    const until = Math.max(...held.map((h) => h.until.getTime()));
    if (until > deadline) {
      for (const h of held) {
        logger.warn(
          `digest ${h.due.subscription.id} slot ${h.due.slot.toISOString()} is still being posted by another process; left to it`,
        );
      }
      break;
    }
    logger.info(
      `${held.length} digest(s) are being posted by another process: waiting until ${new Date(until).toISOString()} to take over any whose owner stopped`,
    );
    await sleep(Math.max(0, until - clock.now().getTime()) + 250);
    waiting = held.map((h) => h.due);
  }
  return { ok: true, ran, failed, skipped };
};
