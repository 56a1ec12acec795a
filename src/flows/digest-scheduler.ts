import type { Clock } from "../clock";
import { type SlotSchedule, slotSchedule } from "../digest/slots";
import type { Logger } from "../logger";
import type { RunRepository, SubscriptionRepository } from "../store/store";
import type { Subscription } from "../store/types";
import type { SlotRun } from "./subscription-run";

/**
 * The running bot's digests: every subscription in the store, on its own schedule, on every
 * replica at once. One ticker, not a timer per subscription:
 *
 * - Each tick reads the store's change counter (one small query) and reloads the subscriptions
 *   only when it moved, so a digest made, edited, paused or deleted on any replica is honoured
 *   here within a tick (`tickMs`, 15 s by default), without a restart.
 * - A subscription's next slot is kept in memory; a tick runs those that are due. Which replica
 *   posts a slot is settled in the store (`runs.claimSlot`): every replica may try, one wins.
 * - Catch-up: after a restart (or a stall), a slot missed within the last `graceMs` (an hour by
 *   default) is still posted, late; only the latest missed slot of a subscription is, since a
 *   digest is about the queue now; older ones are logged and not posted. Catch-up never reaches
 *   back before the last change of a digest set up from Slack (`catchUpFloor`).
 * - A slot held by another process is watched: once its lease has run out without an outcome
 *   (its owner died), this replica claims it again and takes it over.
 */

export interface DigestSchedulerDeps {
  subscriptions: Pick<SubscriptionRepository, "listAll" | "changeVersion">;
  /** Where old runs are pruned from, once an hour. */
  runs?: Pick<RunRepository, "prune">;
  clock: Clock;
  logger: Pick<Logger, "info" | "warn" | "error" | "debug">;
  runSlot: (subscription: Subscription, slot: Date) => Promise<SlotRun>;
  /** How far back a missed slot is still posted. */
  graceMs?: number;
  /** Runs at once, across all subscriptions (each holds the ticket panel a while). */
  maxConcurrentRuns?: number;
  /** Told of every run this process made (the bot keeps the last for `/healthz`). */
  onRun?: (run: SlotRun, slot: Date) => void;
  /** Holds a run so that shutting down waits for it. */
  track?: <T>(work: Promise<T>) => Promise<T>;
}

export const DEFAULT_GRACE_MS = 60 * 60_000;
export const DEFAULT_TICK_MS = 15_000;

/**
 * The run history kept: a week, and at least each digest's newest runs whatever their age.
 * Enough for `/tickets digests` and for a slot's claim to outlive every retry of it.
 */
export const RUN_HISTORY = {
  keepMs: 7 * 24 * 60 * 60_000,
  keepPerDigest: 20,
  everyMs: 60 * 60_000,
};

interface Entry {
  subscription: Subscription;
  schedule: SlotSchedule | undefined;
  /** The next slot not yet handled; `undefined` when paused or unschedulable. */
  next: Date | undefined;
}

interface Pending {
  subscription: Subscription;
  slot: Date;
  leaseUntil: Date;
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Catch-up never reaches before this: the grace window, and for a digest set up from Slack its
 * last change (a new digest starts with its next slot; one resumed does not post the slots it
 * was paused for). The operator's digests are synced from the settings whenever a process
 * starts, so their last change says nothing: a CronJob started a minute after the schedule's
 * time still posts that slot.
 */
export const catchUpFloor = (subscription: Subscription, now: Date, graceMs: number): Date =>
  new Date(
    subscription.origin === "operator"
      ? now.getTime() - graceMs
      : Math.max(now.getTime() - graceMs, subscription.updatedAt.getTime()),
  );

const floorOf = catchUpFloor;

export const createDigestScheduler = (deps: DigestSchedulerDeps) => {
  const { clock, logger } = deps;
  const graceMs = deps.graceMs ?? DEFAULT_GRACE_MS;
  const maxConcurrent = deps.maxConcurrentRuns ?? 4;
  const track = deps.track ?? (<T>(work: Promise<T>) => work);

  let entries = new Map<number, Entry>();
  let loadedVersion: number | undefined;
  const pending = new Map<string, Pending>();
  const running = new Set<number>();
  const inFlight = new Set<Promise<void>>();
  const queue: (() => void)[] = [];
  let active = 0;
  const unschedulable = new Set<string>();

  const schedulable = (subscription: Subscription): SlotSchedule | undefined => {
    if (subscription.paused) return undefined;
    const { cron, timeZone } = subscription.schedule;
    const compiled = slotSchedule(cron, timeZone);
    if ("error" in compiled) {
      const key = `${subscription.id}:${cron}:${timeZone}`;
      if (!unschedulable.has(key)) {
        unschedulable.add(key);
        logger.error(`digest ${subscription.id} is not scheduled: ${compiled.error}`);
      }
      return undefined;
    }
    return compiled.schedule;
  };

  const reload = async (now: Date) => {
    const fresh = new Map<number, Entry>();
    for (const subscription of await deps.subscriptions.listAll()) {
      const old = entries.get(subscription.id);
      // Unchanged since it was loaded: keep its place in its schedule.
      if (old && old.subscription.updatedAt.getTime() === subscription.updatedAt.getTime()) {
        fresh.set(subscription.id, { ...old, subscription });
        continue;
      }
      const schedule = schedulable(subscription);
      const floor = floorOf(subscription, now, graceMs);
      fresh.set(subscription.id, {
        subscription,
        schedule,
        next: schedule?.next(new Date(floor.getTime() - 1)),
      });
    }
    for (const [key, watched] of pending) {
      const entry = fresh.get(watched.subscription.id);
      if (!entry || entry.subscription.paused) pending.delete(key);
    }
    entries = fresh;
    const scheduled = [...fresh.values()].filter((e) => e.next !== undefined);
    const first = scheduled.reduce<Entry | undefined>(
      (soonest, e) =>
        soonest?.next && e.next && soonest.next.getTime() <= e.next.getTime() ? soonest : e,
      undefined,
    );
    logger.info(
      first?.next
        ? `digest scheduler: ${scheduled.length} digest(s) scheduled; the next at ${first.next.toISOString()} (digest ${first.subscription.id} in ${first.subscription.channelId})`
        : `digest scheduler: no digest is scheduled (${fresh.size} in the store)`,
    );
  };

  const withSlot = async (work: () => Promise<void>) => {
    if (active >= maxConcurrent) await new Promise<void>((resolve) => queue.push(resolve));
    active += 1;
    try {
      await work();
    } finally {
      active -= 1;
      queue.shift()?.();
    }
  };

  const dispatch = (subscription: Subscription, slot: Date) => {
    if (running.has(subscription.id)) {
      logger.warn(
        `digest ${subscription.id}: its previous run is still in progress; slot ${slot.toISOString()} is skipped`,
      );
      return;
    }
    running.add(subscription.id);
    const key = `${subscription.id}@${slot.getTime()}`;
    const work = withSlot(async () => {
      const run = await deps.runSlot(subscription, slot);
      if (run.kind === "taken") {
        logger.debug(
          `digest ${subscription.id} slot ${slot.toISOString()}: ${run.run.outcome === undefined ? "being posted" : `already ${run.run.outcome}`} by ${run.run.claimedBy}`,
        );
      }
      if (run.kind === "taken" && run.run.outcome === undefined) {
        // Held elsewhere: watch it, and take it over if its owner dies.
        pending.set(key, { subscription, slot, leaseUntil: run.run.leaseUntil });
      } else {
        pending.delete(key);
      }
      deps.onRun?.(run, slot);
    })
      .catch((error: unknown) =>
        logger.error(`digest ${subscription.id} slot ${slot.toISOString()}: ${describe(error)}`),
      )
      .finally(() => {
        running.delete(subscription.id);
        inFlight.delete(work);
      });
    inFlight.add(work);
    void track(work);
  };

  let prunedAt: number | undefined;
  const prune = async (now: Date) => {
    if (!deps.runs) return;
    if (prunedAt !== undefined && now.getTime() - prunedAt < RUN_HISTORY.everyMs) return;
    prunedAt = now.getTime();
    const removed = await deps.runs.prune(
      new Date(now.getTime() - RUN_HISTORY.keepMs),
      RUN_HISTORY.keepPerDigest,
    );
    if (removed > 0) logger.debug(`digest history: ${removed} run(s) older than a week removed`);
  };

  let ticking = false;
  /** One pass: reload if anything changed, start what is due. Resolves once it is started. */
  const tick = async (): Promise<void> => {
    if (ticking) return;
    ticking = true;
    try {
      const now = clock.now();
      await prune(now).catch((error: unknown) =>
        logger.warn(`digest history could not be pruned: ${describe(error)}`),
      );
      const version = await deps.subscriptions.changeVersion();
      if (version !== loadedVersion) {
        await reload(now);
        loadedVersion = version;
      }
      for (const entry of entries.values()) {
        const { schedule, next, subscription } = entry;
        if (!schedule || !next || next.getTime() > now.getTime()) continue;
        entry.next = schedule.next(now);
        const floor = floorOf(subscription, now, graceMs);
        const due = schedule.latestIn(new Date(Math.max(next.getTime(), floor.getTime())), now);
        if (!due) {
          logger.warn(
            `digest ${subscription.id}: slot ${next.toISOString()} was missed by more than the catch-up window; not posted`,
          );
          continue;
        }
        if (due.skipped > 0) {
          logger.info(
            `digest ${subscription.id}: ${due.skipped} missed slot(s) before ${due.slot.toISOString()} are not posted; only that latest one is`,
          );
        }
        dispatch(subscription, due.slot);
      }
      for (const watched of pending.values()) {
        if (now.getTime() >= watched.leaseUntil.getTime()) {
          dispatch(watched.subscription, watched.slot);
        }
      }
    } catch (error) {
      logger.error(`digest scheduler: ${describe(error)}; trying again next tick`);
    } finally {
      ticking = false;
    }
  };

  /** The earliest moment anything could be due: the next slot, or a watched lease's end. */
  const nextDue = (): Date | undefined => {
    let earliest: number | undefined;
    const consider = (date: Date | undefined) => {
      if (date && (earliest === undefined || date.getTime() < earliest)) earliest = date.getTime();
    };
    for (const entry of entries.values()) consider(entry.next);
    for (const watched of pending.values()) consider(watched.leaseUntil);
    return earliest === undefined ? undefined : new Date(earliest);
  };

  let timer: NodeJS.Timeout | undefined;
  let stopped = true;

  return {
    tick,
    nextDue,
    /** Resolves when no run started by this scheduler is in progress. */
    idle: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    /** Subscriptions loaded, for logs and the benchmark. */
    size: () => entries.size,
    /** Ticks every `tickMs` (and right at the next slot, when that comes sooner) until stopped. */
    start(tickMs = DEFAULT_TICK_MS) {
      stopped = false;
      const loop = async () => {
        await tick();
        if (stopped) return;
        const due = nextDue();
        const untilDue = due ? due.getTime() - clock.now().getTime() + 20 : tickMs;
        timer = setTimeout(loop, Math.max(20, Math.min(tickMs, untilDue)));
        timer.unref?.();
      };
      void loop();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
};

export type DigestScheduler = ReturnType<typeof createDigestScheduler>;
