import { Cron } from "croner";
import { cronOptions, validateSchedule } from "../../src/digest/schedule";
import type { Scheduler } from "../../src/flows/digest";

/**
 * The bot's scheduler on simulated time: schedules are read as the real one reads them (the
 * same croner options), but a run happens only when a test moves time past its slot.
 */
export const simulatedScheduler = (start: Date) => {
  let now = start;
  const jobs: {
    expr: string;
    timeZone: string;
    cron: Cron;
    run: (slot: Date) => Promise<void>;
    stopped: boolean;
  }[] = [];
  const scheduler: Scheduler = (o) => {
    const problem = validateSchedule(o.expr, o.timeZone);
    if (problem !== undefined) throw new Error(problem);
    const job = {
      expr: o.expr,
      timeZone: o.timeZone,
      cron: new Cron(o.expr.trim(), { ...cronOptions(o.timeZone), paused: true }),
      run: o.run,
      stopped: false,
    };
    jobs.push(job);
    return {
      stop: () => {
        job.stopped = true;
      },
      nextRun: () => job.cron.nextRun(now) ?? undefined,
    };
  };
  return {
    scheduler,
    /** What the bot asked to have run, and when. */
    jobs,
    /** Moves time to `to`, running each job once for every slot that came, in order. */
    async advanceTo(to: Date) {
      for (const job of jobs) {
        let slot = job.cron.nextRun(now);
        while (slot && slot.getTime() <= to.getTime() && !job.stopped) {
          await job.run(slot);
          slot = job.cron.nextRun(slot);
        }
      }
      now = to;
    },
  };
};
