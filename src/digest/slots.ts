import type { Cron } from "croner";
import { compileSchedule } from "./schedule";

/**
 * The times a schedule is due at (its slots), as the scheduler and `npm run digest` ask for
 * them. A slot is the scheduled minute itself, never the moment a run happened to start: with
 * the subscription, it is what a run is claimed by, so every process names a run alike.
 */
export interface SlotSchedule {
  /** The first slot strictly after `after`. */
  next(after: Date): Date | undefined;
  /**
   * The latest slot in `[from, to]`, and how many earlier ones in that window it stands in
   * for: a digest is about the queue now, so missed slots are not posted one after another.
   */
  latestIn(from: Date, to: Date): { slot: Date; skipped: number } | undefined;
}

/** At most this many slots are stepped through to find the latest: a minutely cron over a day. */
const MAX_STEPS = 24 * 60 + 1;

/**
 * A compiled schedule (croner's Cron) holds about 80 KB (a table of 10,000 years), so a
 * scheduler of 1,000 digests cannot keep one per digest: it keeps the expression, and the most
 * recently used compilations are shared here, whichever digests use them.
 */
const CACHED_JOBS = 16;
const jobs = new Map<string, Cron>();

const cachedJob = (cron: string, timeZone: string): { job: Cron } | { error: string } => {
  const key = `${timeZone}\u0000${cron}`;
  const cached = jobs.get(key);
  if (cached) {
    // Most recently used last: a Map keeps insertion order.
    jobs.delete(key);
    jobs.set(key, cached);
    return { job: cached };
  }
  const compiled = compileSchedule(cron, timeZone);
  if ("error" in compiled) return compiled;
  jobs.set(key, compiled.job);
  if (jobs.size > CACHED_JOBS) {
    const [oldest] = jobs.keys();
    if (oldest !== undefined) jobs.delete(oldest);
  }
  return compiled;
};

const fromExpression = (cron: string, timeZone: string): SlotSchedule => {
  const job = () => {
    const compiled = cachedJob(cron, timeZone);
    // Checked when the schedule was made; a compilation of it cannot fail later.
    if ("error" in compiled) throw new Error(compiled.error);
    return compiled.job;
  };
  const next = (after: Date) => job().nextRun(after) ?? undefined;
  return {
    next,
    latestIn(from, to) {
      if (from.getTime() > to.getTime()) return undefined;
      let slot = next(new Date(from.getTime() - 1));
      if (!slot || slot.getTime() > to.getTime()) return undefined;
      let skipped = 0;
      for (let step = 0; step < MAX_STEPS; step += 1) {
        const following = next(slot);
        if (!following || following.getTime() > to.getTime()) break;
        slot = following;
        skipped += 1;
      }
      return { slot, skipped };
    },
  };
};

/** The schedule's slots, or the problem with it (as `validateSchedule` words it). */
export const slotSchedule = (
  cron: string,
  timeZone: string,
): { schedule: SlotSchedule } | { error: string } => {
  const compiled = cachedJob(cron, timeZone);
  return "error" in compiled ? compiled : { schedule: fromExpression(cron, timeZone) };
};

/** The minute a moment falls in: an on-demand run's slot, so a retry within it is the same run. */
export const minuteOf = (date: Date): Date =>
  new Date(Math.floor(date.getTime() / 60_000) * 60_000);
