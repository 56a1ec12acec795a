import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";

dayjs.extend(utc);
dayjs.extend(timezone);

/** `2025-01-02 09:00 UTC` in the given IANA zone; for text where Slack tokens do not render. */
export const formatDateTimeIn = (date: Date, timeZone: string): string => {
  const d = dayjs(date).tz(timeZone);
  return `${d.format("YYYY-MM-DD HH:mm")} ${timeZone === "UTC" ? "UTC" : d.format("Z")}`;
};

export const formatTimeIn = (date: Date, timeZone: string): string =>
  dayjs(date).tz(timeZone).format("HH:mm");

export const isKnownTimeZone = (zone: string): boolean => {
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
