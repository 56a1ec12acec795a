/**
 * Slack's `<!date^…>` tokens as a Slack client would show them, in one fixed zone and in
 * English with a 24-hour clock (the demo has no reader whose preferences could be asked).
 */

export interface DateTokenOptions {
  timeZone: string;
  /** Makes `{date_pretty}` say today/yesterday/tomorrow and `{ago}` count from here. */
  now?: Date;
}

/** Month names as Slack's English clients write them: "November", and "Nov" where short. */
const monthNames = (month: "long" | "short"): readonly string[] => {
  const format = new Intl.DateTimeFormat("en-US", { month, timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, i) => format.format(Date.UTC(2000, i, 1)));
};
const MONTHS = { long: monthNames("long"), short: monthNames("short") };

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: string;
  minute: string;
  second: string;
  weekday: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for an unknown zone (or an invalid `now`); the token's fallback is shown then. */
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "long",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

const zonedParts = (date: Date, timeZone: string): ZonedParts => {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: String(parts.hour).padStart(2, "0"),
    minute: String(parts.minute).padStart(2, "0"),
    second: String(parts.second).padStart(2, "0"),
    weekday: String(parts.weekday),
  };
};

const ordinal = (day: number): string => {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${["th", "st", "nd", "rd"][day % 10] ?? "th"}`;
};

const monthName = (p: ZonedParts, length: "long" | "short" = "long"): string =>
  MONTHS[length][p.month - 1] ?? String(p.month);

const dayNumber = (p: ZonedParts): number => Date.UTC(p.year, p.month - 1, p.day) / 86_400_000;

const RELATIVE_DAYS: Readonly<Record<number, string>> = {
  [-1]: "yesterday",
  0: "today",
  1: "tomorrow",
};

const relativeDay = (p: ZonedParts, options: DateTokenOptions): string | undefined =>
  options.now === undefined
    ? undefined
    : RELATIVE_DAYS[dayNumber(p) - dayNumber(zonedParts(options.now, options.timeZone))];

const UNITS: [string, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

const ago = (date: Date, now: Date): string => {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  const size = Math.abs(seconds);
  const unit = UNITS.find(([, length]) => size >= length);
  if (!unit) return "just now";
  const count = Math.floor(size / unit[1]);
  const amount = `${count} ${unit[0]}${count === 1 ? "" : "s"}`;
  return seconds >= 0 ? `${amount} ago` : `in ${amount}`;
};

const formatPiece = (
  name: string,
  date: Date,
  p: ZonedParts,
  options: DateTokenOptions,
): string | undefined => {
  const dateShort = `${monthName(p, "short")} ${p.day}, ${p.year}`;
  const dateMedium = `${monthName(p)} ${ordinal(p.day)}, ${p.year}`;
  const dateLong = `${p.weekday}, ${dateMedium}`;
  switch (name) {
    case "date_num":
      return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
    case "date":
      return dateMedium;
    case "date_short":
      return dateShort;
    case "date_long":
      return dateLong;
    case "date_pretty":
      return relativeDay(p, options) ?? dateMedium;
    case "date_short_pretty":
      return relativeDay(p, options) ?? dateShort;
    case "date_long_pretty":
      return relativeDay(p, options) ?? dateLong;
    case "time":
      return `${p.hour}:${p.minute}`;
    case "time_secs":
      return `${p.hour}:${p.minute}:${p.second}`;
    case "ago":
      return ago(date, options.now ?? new Date());
    default:
      return undefined;
  }
};

/**
 * `format` with each `{…}` replaced, or `undefined` when the time or zone is unusable (Slack
 * then shows the fallback text). Unknown placeholders stay as written, as Slack leaves them.
 */
export const formatDateToken = (
  unixSeconds: number,
  format: string,
  options: DateTokenOptions,
): string | undefined => {
  if (!Number.isFinite(unixSeconds)) return undefined;
  const date = new Date(unixSeconds * 1000);
  if (Number.isNaN(date.getTime())) return undefined;
  try {
    const parts = zonedParts(date, options.timeZone);
    return format.replace(
      /\{(\w+)\}/g,
      (whole, name: string) => formatPiece(name, date, parts, options) ?? whole,
    );
  } catch {
    return undefined;
  }
};
