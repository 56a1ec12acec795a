import { ltr } from "../bidi";
import { rememberedPerMinute, utcOffsetMinutes } from "../format-time";
import { persianDigits } from "./numbers";

/**
 * Dates in the Jalali (Solar Hijri) calendar from Node's ICU: `۲۵ دی ۱۴۰۴، ساعت ۱۲:۳۰`.
 * Only the fields come from ICU (day, month name, year, hour, minute, all in Persian digits);
 * the pattern is ours, so a newer CLDR that words its date-time pattern differently cannot
 * change what the bot writes.
 */

/** Readers in Iran assume Tehran time; any other zone is named after the time. */
export const PERSIAN_HOME_ZONE = "Asia/Tehran";
const HOME_ZONES: ReadonlySet<string> = new Set([PERSIAN_HOME_ZONE, "Iran"]);

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("fa-IR-u-ca-persian-nu-arabext", {
      timeZone,
      year: "numeric",
      month: "long",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

export interface JalaliParts {
  year: string;
  /** The month's Persian name: فروردین … اسفند. */
  month: string;
  day: string;
  hour: string;
  minute: string;
}

export const jalaliParts = (date: Date, timeZone: string): JalaliParts => {
  const parts = new Map(
    formatterFor(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value] as const),
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.get(type) ?? "";
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour"),
    minute: part("minute"),
  };
};

const twoDigits = (n: number) => String(n).padStart(2, "0");

/** `UTC` or `UTC+۰۱:۰۰`, read left to right inside a Persian line. */
const zoneLabel = (date: Date, timeZone: string): string => {
  const offset = utcOffsetMinutes(date, timeZone);
  if (offset === 0 && /^(?:Etc\/)?(?:UTC|GMT|UCT|Zulu|Universal)$/i.test(timeZone))
    return ltr("UTC");
  const abs = Math.abs(offset);
  const sign = offset < 0 ? "-" : "+";
  return ltr(
    `UTC${sign}${persianDigits(`${twoDigits(Math.floor(abs / 60))}:${twoDigits(abs % 60)}`)}`,
  );
};

/** `۲۵ دی ۱۴۰۴، ساعت ۱۲:۳۰` in Tehran; elsewhere followed by the zone: `(UTC)`. */
export const formatJalaliDateTime = rememberedPerMinute((date, timeZone) => {
  if (Number.isNaN(date.getTime())) return "تاریخ نامعلوم";
  const p = jalaliParts(date, timeZone);
  const text = `${p.day} ${p.month} ${p.year}، ساعت ${p.hour}:${p.minute}`;
  return HOME_ZONES.has(timeZone) ? text : `${text} (${zoneLabel(date, timeZone)})`;
});
