/**
 * A schedule as people say it: times of day on some weekdays ("08:30 on Mon–Fri"), written as
 * one 5-field cron expression, which is what the store and the scheduler keep. One cron line
 * has one minute field, so the times of one digest share their minutes (08:30 and 16:30, not
 * 08:30 and 13:00); anything else is written as a cron expression directly.
 */

/** Weekdays as cron numbers them: 0 is Sunday. */
export const WEEKDAY_NUMBERS = [0, 1, 2, 3, 4, 5, 6] as const;
export type Weekday = (typeof WEEKDAY_NUMBERS)[number];

/** English names, as `days:` takes them; the first three letters are the short form. */
const WEEKDAY_NAMES = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
] as const;

/** Words for whole sets of days. The Iranian working week runs Saturday to Wednesday. */
const DAY_SETS: Readonly<Record<string, readonly Weekday[]>> = {
  daily: WEEKDAY_NUMBERS,
  everyday: WEEKDAY_NUMBERS,
  all: WEEKDAY_NUMBERS,
  "*": WEEKDAY_NUMBERS,
  weekdays: [1, 2, 3, 4, 5],
  workdays: [1, 2, 3, 4, 5],
  weekends: [0, 6],
  weekend: [0, 6],
};

export interface TimeOfDay {
  hour: number;
  minute: number;
}

export interface WeeklySchedule {
  /** Ascending, without repeats. */
  times: TimeOfDay[];
  /** Ascending, without repeats; all seven for every day. */
  days: Weekday[];
}

/** At most this many times a day: a digest more often than that is a cron's job. */
export const MAX_TIMES_A_DAY = 6;

/** Persian and Arabic-Indic digits read as ASCII ones. */
const asciiDigits = (text: string) =>
  text
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));

const sortUnique = <T extends number>(values: Iterable<T>): T[] =>
  [...new Set(values)].sort((a, b) => a - b);

const compareTimes = (a: TimeOfDay, b: TimeOfDay) => a.hour - b.hour || a.minute - b.minute;

/** `08:30`, `8:30` or `0830`… only `H:MM`/`HH:MM`, 24-hour, with `:` or `.` between. */
export const parseTimeOfDay = (text: string): TimeOfDay | undefined => {
  const match = /^(\d{1,2})[:.：](\d{2})$/.exec(asciiDigits(text.trim()));
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
};

/** `08:30` or `08:30,16:30`: the times, or `undefined` when one of them is not a time. */
export const parseTimes = (text: string): TimeOfDay[] | undefined => {
  const parts = text.split(/[,،]/).map((p) => p.trim());
  if (parts.some((p) => p === "")) return undefined;
  const times: TimeOfDay[] = [];
  for (const part of parts) {
    const time = parseTimeOfDay(part);
    if (!time) return undefined;
    if (!times.some((t) => compareTimes(t, time) === 0)) times.push(time);
  }
  return times.sort(compareTimes);
};

const dayByName = (word: string): Weekday | undefined => {
  const lower = word.toLowerCase();
  if (/^[0-7]$/.test(lower)) return (Number(lower) % 7) as Weekday;
  const index = WEEKDAY_NAMES.findIndex(
    (name) => name === lower || (lower.length >= 3 && name.startsWith(lower)),
  );
  return index < 0 ? undefined : (index as Weekday);
};

/**
 * `mon-fri`, `sat-wed` (a range may wrap past Saturday), `mon,wed,fri`, `weekdays`, `weekends`,
 * `daily`; names in full or by their first three letters, or cron's numbers 0–7.
 */
export const parseDays = (text: string): Weekday[] | undefined => {
  const lower = text.trim().toLowerCase();
  const set = DAY_SETS[lower];
  if (set) return [...set];
  const days: Weekday[] = [];
  for (const part of lower.split(/[,،]/)) {
    const range = part.split(/[-–]/).map((p) => p.trim());
    if (range.length === 1) {
      const day = dayByName(range[0] ?? "");
      if (day === undefined) return undefined;
      days.push(day);
    } else if (range.length === 2) {
      const from = dayByName(range[0] ?? "");
      const to = dayByName(range[1] ?? "");
      if (from === undefined || to === undefined) return undefined;
      for (let d = from; ; d = ((d + 1) % 7) as Weekday) {
        days.push(d);
        if (d === to) break;
      }
    } else {
      return undefined;
    }
  }
  return days.length === 0 ? undefined : sortUnique(days);
};

/** Why a weekly schedule cannot be one cron line, or `undefined` when it can. */
export type WeeklyProblem = "no-times" | "no-days" | "too-many-times" | "minutes-differ";

export const weeklyProblem = (schedule: WeeklySchedule): WeeklyProblem | undefined => {
  if (schedule.times.length === 0) return "no-times";
  if (schedule.days.length === 0) return "no-days";
  if (schedule.times.length > MAX_TIMES_A_DAY) return "too-many-times";
  const minutes = new Set(schedule.times.map((t) => t.minute));
  return minutes.size > 1 ? "minutes-differ" : undefined;
};

/** Consecutive numbers folded into ranges: `1-5`, `0,6`, `1,3-5`. */
const cronList = (values: readonly number[]): string => {
  const parts: string[] = [];
  let i = 0;
  while (i < values.length) {
    let j = i;
    while (j + 1 < values.length && (values[j + 1] ?? 0) === (values[j] ?? 0) + 1) j += 1;
    parts.push(j - i >= 2 ? `${values[i]}-${values[j]}` : values.slice(i, j + 1).join(","));
    i = j + 1;
  }
  return parts.join(",");
};

/** The cron line for a weekly schedule; throws on one `weeklyProblem` refuses. */
export const weeklyCron = (schedule: WeeklySchedule): string => {
  const problem = weeklyProblem(schedule);
  if (problem) throw new RangeError(`not one cron line: ${problem}`);
  const times = [...schedule.times].sort(compareTimes);
  const days = sortUnique(schedule.days);
  const minute = times[0]?.minute ?? 0;
  const hours = sortUnique(times.map((t) => t.hour));
  return `${minute} ${hours.join(",")} * * ${days.length === 7 ? "*" : cronList(days)}`;
};

const expandField = (field: string, max: number): number[] | undefined => {
  if (field === "*") return Array.from({ length: max + 1 }, (_, i) => i);
  const values: number[] = [];
  for (const part of field.split(",")) {
    const range = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part);
    if (!range) return undefined;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (from > to || to > max) return undefined;
    for (let v = from; v <= to; v += 1) values.push(v);
  }
  return sortUnique(values);
};

/**
 * A cron line read back as times and days, when it is one that `weeklyCron` could have written
 * (a fixed minute, fixed hours, any day of the month and month, some weekdays); otherwise
 * `undefined`, and it is shown as the cron expression it is.
 */
export const readWeekly = (cron: string): WeeklySchedule | undefined => {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return undefined;
  const [minuteField, hourField, dom, month, dowField] = fields as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (dom !== "*" || month !== "*" || !/^\d{1,2}$/.test(minuteField)) return undefined;
  const minute = Number(minuteField);
  const hours = expandField(hourField, 23);
  const days = expandField(dowField.replace(/\b7\b/g, "0"), 6);
  if (minute > 59 || !hours || !days || hours.length === 0 || days.length === 0) return undefined;
  if (hours.length > MAX_TIMES_A_DAY) return undefined;
  return { times: hours.map((hour) => ({ hour, minute })), days: days as Weekday[] };
};

export const formatTimeOfDay = (t: TimeOfDay): string =>
  `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;

/** Groups days into runs for people: [[1,5]] for Mon–Fri, [[6,6],[0,3]] for Sat–Wed. */
export const dayRuns = (days: readonly Weekday[]): [Weekday, Weekday][] => {
  const set = new Set(days);
  // Start a run after a day that is not in the set, so Sat–Wed stays one run.
  const start = WEEKDAY_NUMBERS.find((d) => !set.has(d)) ?? 0;
  const runs: [Weekday, Weekday][] = [];
  let current: [Weekday, Weekday] | undefined;
  for (let i = 1; i <= 7; i += 1) {
    const day = ((start + i) % 7) as Weekday;
    if (set.has(day)) {
      if (current) current[1] = day;
      else current = [day, day];
    } else if (current) {
      runs.push(current);
      current = undefined;
    }
  }
  if (current) runs.push(current);
  return runs;
};
