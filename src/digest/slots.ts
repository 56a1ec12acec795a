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

const fromJob = (job: Cron): SlotSchedule => {
  const next = (after: Date) => job.nextRun(after) ?? undefined;
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
  const compiled = compileSchedule(cron, timeZone);
  return "error" in compiled ? compiled : { schedule: fromJob(compiled.job) };
};

/** The minute a moment falls in: an on-demand run's slot, so a retry within it is the same run. */
export const minuteOf = (date: Date): Date =>
  new Date(Math.floor(date.getTime() / 60_000) * 60_000);
