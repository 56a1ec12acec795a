import {
  dayRuns,
  formatTimeOfDay,
  readWeekly,
  type Weekday,
  type WeeklySchedule,
} from "../digest/weekly-schedule";
import type { RenderContext } from "./context";
import { escapeMrkdwn, safeCode } from "./mrkdwn";

/** Longer cron lines (only a hand-written one could be) are cut for display. */
const CRON_CAP = 80;

const dayName = (day: Weekday, { t }: RenderContext) =>
  t.subscriptions.schedule.weekdays[day] ?? String(day);

const daysText = (weekly: WeeklySchedule, ctx: RenderContext): string => {
  const words = ctx.t.subscriptions.schedule;
  if (weekly.days.length === 7) return words.everyDay;
  return words.list(
    dayRuns(weekly.days).map(([from, to]) =>
      from === to ? dayName(from, ctx) : words.dayRange(dayName(from, ctx), dayName(to, ctx)),
    ),
  );
};

const timesText = (weekly: WeeklySchedule, { t }: RenderContext): string =>
  t.subscriptions.schedule.list(
    weekly.times.map((time) => t.subscriptions.schedule.time(formatTimeOfDay(time))),
  );

/** When a digest is posted, in words: `08:30, Mon–Fri` or `` `0 9 * * 1-5` (cron) ``. */
export const describeWhen = (cron: string, ctx: RenderContext): string => {
  const weekly = readWeekly(cron);
  const words = ctx.t.subscriptions.schedule;
  return weekly
    ? words.weekly(timesText(weekly, ctx), daysText(weekly, ctx))
    : words.cron(safeCode(cron, CRON_CAP));
};

/** `08:30, Mon–Fri (Asia/Tehran)`; an operator digest that is not scheduled says how it is posted. */
export const describeSchedule = (
  schedule: { cron: string; timeZone: string },
  ctx: RenderContext,
  o: { onDemand?: boolean } = {},
): string =>
  o.onDemand
    ? ctx.t.subscriptions.schedule.onDemand
    : ctx.t.subscriptions.schedule.inZone(
        describeWhen(schedule.cron, ctx),
        escapeMrkdwn(schedule.timeZone),
      );

/** How a digest is named in one line: `the 08:30 digest`, by its times (or its cron). */
export const digestName = (cron: string, ctx: RenderContext): string => {
  const weekly = readWeekly(cron);
  return ctx.t.subscriptions.name(
    weekly ? timesText(weekly, ctx) : ctx.t.subscriptions.schedule.cron(safeCode(cron, CRON_CAP)),
  );
};
