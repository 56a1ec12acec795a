import { createRequire } from "node:module";
import type { Cron, CronOptions } from "croner";
import { isKnownTimeZone } from "../i18n/format-time";

// Schedules are standard 5-field cron (minute hour day-of-month month day-of-week), read in an
// IANA time zone, as croner 11 evaluates them with the options below (`cronOptions`).
//
// Daylight saving, as croner 11.0.1 does it (pinned by test/digest/schedule.test.ts):
// - A time inside a spring-forward gap (02:30 on 2026-03-08 in America/New_York, 02:30 on
//   2026-03-29 in Europe/Berlin) runs once, at the first instant after the gap (03:00 local),
//   on the same day. It is not skipped and not moved to 03:30.
// - A time in the repeated fall-back hour (01:30 on 2026-11-01 in America/New_York) runs once,
//   at its first occurrence (01:30 EDT), not again an hour later.
// Both hold for "fixed-time" jobs only. By default croner counts only a single minute and a single
// hour as fixed-time; a list such as `30 1,13 * * *` would run twice in the repeated hour and be
// skipped in a gap. `fixedTimeRule: "no-wildcard"` makes lists and ranges fixed-time too (as in
// Vixie cron): a digest posted twice an hour apart, or silently not at all, helps nobody.
// Wildcards and steps (`*/30 * * * *`) stay interval jobs: skipped in a gap, run on both passes of
// a repeated hour, which is what an every-N-minutes schedule means.
const CRON_OPTIONS = {
  // Exactly five fields: croner would otherwise read a 6-field pattern as starting with seconds.
  mode: "5-part",
  // Standard cron: when both day-of-month and day-of-week are restricted, either one matching runs.
  domAndDow: false,
  fixedTimeRule: "no-wildcard",
} as const satisfies CronOptions;

/**
 * The cron an operator's digest keeps when DIGEST_SCHEDULE=off: it is never scheduled, and runs
 * only when `npm run digest` (or the operator's own scheduler) starts it.
 */
export const UNSCHEDULED_CRON = "off";

/** How every schedule is read: the options above, in its time zone. */
export const cronOptions = (timeZone: string): CronOptions => ({
  ...CRON_OPTIONS,
  timezone: timeZone,
});

const FIELD_NAMES = "minute hour day-of-month month day-of-week";

/**
 * croner, loaded when a schedule is first read: a bot whose schedule is off (`npm run digest`
 * from a CronJob, or several replicas) never loads it. Its CommonJS build, so that reading a
 * schedule stays synchronous.
 */
let croner: { Cron: typeof Cron } | undefined;
const loadCroner = () => {
  croner ??= createRequire(import.meta.url)("croner") as { Cron: typeof Cron };
  return croner;
};

/** croner reads any string with a ":" as a one-off date, so what reaches it is checked first. */
const CRON_CHARACTERS = /^[0-9A-Za-z*,\-/?#+\s]+$/;
const NICKNAME = /^@[A-Za-z]+$/;

const isTimeZone = (timeZone: string): boolean =>
  timeZone.trim() !== "" && isKnownTimeZone(timeZone);

const parse = (expr: string, timeZone: string): { job: Cron } | { error: string } => {
  const trimmed = expr.trim();
  // An empty zone would make croner use the host's zone, silently.
  if (!isTimeZone(timeZone)) return { error: `unknown time zone "${timeZone}"` };
  if (trimmed === "") return { error: `empty schedule: expected 5 fields (${FIELD_NAMES})` };
  if (!NICKNAME.test(trimmed)) {
    if (!CRON_CHARACTERS.test(trimmed))
      return { error: `schedule "${trimmed}" contains characters a cron expression cannot have` };
    const fields = trimmed.split(/\s+/).length;
    if (fields !== 5)
      return {
        error: `schedule "${trimmed}" has ${fields} field${fields === 1 ? "" : "s"}; expected 5 (${FIELD_NAMES})${fields === 6 ? ", without seconds" : ""}`,
      };
  }
  try {
    const job = new (loadCroner().Cron)(trimmed, { ...cronOptions(timeZone), paused: true });
    // Valid field by field yet impossible as a whole, such as `0 0 30 2 *`.
    if (job.nextRun(new Date()) === null)
      return { error: `schedule "${trimmed}" never matches a date` };
    return { job };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(
      /^Cron\w*:\s*/,
      "",
    );
    return { error: `schedule "${trimmed}" is invalid: ${reason}` };
  }
};

/**
 * A schedule read once, for asking when it runs (paused: it never fires by itself), or the
 * problem with it in the words `validateSchedule` uses.
 */
export const compileSchedule = (
  expr: string,
  timeZone: string,
): { job: Cron } | { error: string } => parse(expr, timeZone);

/** The problem with a schedule, in words an operator can act on, or undefined when it is fine. */
export const validateSchedule = (expr: string, timeZone: string): string | undefined => {
  const parsed = parse(expr, timeZone);
  return "error" in parsed ? parsed.error : undefined;
};
