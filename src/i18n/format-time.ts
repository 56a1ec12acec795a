import dayjs from "dayjs";
// The extension lets Node load it from the built bundle too (dayjs has no "exports" map).
import utc from "dayjs/plugin/utc.js";
import { boundedCache } from "../bounded-cache";

dayjs.extend(utc);

// One formatter per zone: building an Intl.DateTimeFormat is what costs (dayjs' timezone plugin
// builds one per call, ~90 µs, once per row of every list).
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Offsets already worked out, per zone and quarter of an hour: asking the formatter costs some
 * 40 µs, a list asks once per row. Every offset in use since the 1970s is a whole number of
 * quarter hours, so it changes only on a quarter hour, and is the same all through one.
 */
const QUARTER_HOUR = 15 * 60_000;
const knownOffsets = boundedCache<string, number>(10_000);

/** Minutes east of UTC in `timeZone` at `date` (daylight saving included). */
export const utcOffsetMinutes = (date: Date, timeZone: string): number => {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return offsetAt(date, timeZone);
  return knownOffsets(`${timeZone} ${Math.floor(ms / QUARTER_HOUR)}`, () =>
    offsetAt(date, timeZone),
  );
};

const offsetAt = (date: Date, timeZone: string): number => {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(date).find((p) => p.type === "timeZoneName")?.value ?? "";
  const match = /GMT([+-])(\d{1,2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
};

const inZone = (date: Date, timeZone: string) =>
  dayjs.utc(date).utcOffset(utcOffsetMinutes(date, timeZone));

/**
 * A date writer whose texts are remembered per zone and minute (all a written date shows): a
 * list writes one per row, and the same queue's tickets are listed again and again. Writing
 * one costs some 3 µs with dayjs, more with ICU's Jalali calendar.
 */
export const rememberedPerMinute = (write: (date: Date, timeZone: string) => string) => {
  const written = boundedCache<string, string>(10_000);
  return (date: Date, timeZone: string): string => {
    const ms = date.getTime();
    if (!Number.isFinite(ms)) return write(date, timeZone);
    return written(`${timeZone} ${Math.floor(ms / 60_000)}`, () => write(date, timeZone));
  };
};

/** `2025-01-02 09:00 UTC` in the given IANA zone; for text where Slack tokens do not render. */
export const formatDateTimeIn = rememberedPerMinute((date, timeZone) =>
  // One format call, not two: each checks the date's validity through `Date#toString`.
  inZone(date, timeZone).format(
    timeZone === "UTC" ? "YYYY-MM-DD HH:mm [UTC]" : "YYYY-MM-DD HH:mm Z",
  ),
);

// Node 24 and later (newer ICU) also take a UTC offset such as "+01:00" as a time zone; Node 20
// refuses it. An offset has no daylight saving, which is not what DIGEST_TIMEZONE promises, so
// it is refused on every Node alike.
const UTC_OFFSET = /^[+-]\d/;

/** An IANA time zone name (or alias) this Node knows, such as Europe/Berlin or UTC. */
export const isKnownTimeZone = (zone: string): boolean => {
  if (UTC_OFFSET.test(zone.trim())) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Splits a span into whole units, largest first: the catalogs word them. */
export const spanParts = (ms: number) => {
  const abs = Math.max(0, ms);
  return {
    days: Math.floor(abs / DAY),
    hours: Math.floor((abs % DAY) / HOUR),
    minutes: Math.floor((abs % HOUR) / MINUTE),
    totalMinutes: Math.floor(abs / MINUTE),
    totalHours: Math.floor(abs / HOUR),
    totalDays: Math.floor(abs / DAY),
  };
};
