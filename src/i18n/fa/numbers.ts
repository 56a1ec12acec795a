import { spanParts } from "../format-time";

/**
 * Numbers as Persian readers write them: Persian digits (U+06F0…U+06F9) and the Arabic
 * thousands separator, from Node's ICU. The numbering system is named so that no locale data
 * can fall back to Latin digits.
 */
const LOCALE = "fa-IR-u-nu-arabext";

// Made when first used, not when the catalog is loaded: every bot loads both catalogs, and
// building these costs a few milliseconds of a start (ICU's Persian data).
let formats:
  | { counts: Intl.NumberFormat; oneDecimal: Intl.NumberFormat; relative: Intl.RelativeTimeFormat }
  | undefined;
const persianFormats = () => {
  formats ??= {
    counts: new Intl.NumberFormat(LOCALE),
    oneDecimal: new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 }),
    // `numeric: "always"`: "۱ روز پیش", not "دیروز", which would name a calendar day.
    relative: new Intl.RelativeTimeFormat("fa-u-nu-arabext", { numeric: "always" }),
  };
  return formats;
};

/** A count for people: `۱۲٬۳۴۵`. */
export const persianNumber = (n: number): string => persianFormats().counts.format(n);

/** Digits of an identifier or a raw value written out, without grouping: `۱۰۰۳۷۴`. */
export const persianDigits = (text: string): string =>
  text.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + d.charCodeAt(0) - 0x30));

/** A size in bytes: `۱٫۲ مگابایت`. */
export const persianMegabytes = (bytes: number): string =>
  `${persianFormats().oneDecimal.format(bytes / 1_000_000)} مگابایت`;

type Unit = "minute" | "hour" | "day" | "month" | "year";

const UNIT_WORDS: Readonly<Record<Unit, string>> = {
  minute: "دقیقه",
  hour: "ساعت",
  day: "روز",
  month: "ماه",
  year: "سال",
};

/** A span as one or two whole units, largest first, on the same steps as the English catalog. */
const spanUnits = (ms: number): [number, Unit][] => {
  const s = spanParts(ms);
  if (s.totalHours < 1) return [[s.totalMinutes, "minute"]];
  if (s.totalDays < 1)
    return s.minutes && s.totalHours < 10
      ? [
          [s.hours, "hour"],
          [s.minutes, "minute"],
        ]
      : [[s.hours, "hour"]];
  if (s.totalDays < 60)
    return s.hours && s.totalDays < 10
      ? [
          [s.days, "day"],
          [s.hours, "hour"],
        ]
      : [[s.days, "day"]];
  if (s.totalDays < 730) return [[Math.floor(s.totalDays / 30), "month"]];
  return [[Math.floor(s.totalDays / 365), "year"]];
};

const UNDER_A_MINUTE = 60_000;

/** "۲ روز و ۴ ساعت": a length of time. */
export const persianSpan = (ms: number): string =>
  ms < UNDER_A_MINUTE
    ? "کمتر از یک دقیقه"
    : spanUnits(ms)
        .map(([n, unit]) => `${persianNumber(n)} ${UNIT_WORDS[unit]}`)
        .join(" و ");

/** "۳ روز پیش" (ICU's own words for one unit), "۲ روز و ۴ ساعت پیش" for two. */
export const persianAgo = (ms: number): string => {
  if (ms < UNDER_A_MINUTE) return "همین الان";
  const units = spanUnits(ms);
  const [only] = units;
  return units.length === 1 && only
    ? persianFormats().relative.format(-only[0], only[1])
    : `${persianSpan(ms)} پیش`;
};
