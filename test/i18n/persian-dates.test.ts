import { describe, expect, it } from "vitest";
import { formatJalaliDateTime, jalaliParts } from "../../src/i18n/fa/dates";
import {
  persianAgo,
  persianDigits,
  persianMegabytes,
  persianNumber,
  persianSpan,
} from "../../src/i18n/fa/numbers";

/**
 * Jalali dates and Persian numbers come from Node's ICU. The expected strings are literal, so a
 * Node whose ICU data writes them differently fails here (checked alike on Node 20, 24 and 26,
 * which `.ci/run` all test).
 */

const UTC = "\u2066UTC\u2069";
const at = (iso: string, zone: string) => formatJalaliDateTime(new Date(iso), zone);

describe("formatJalaliDateTime at the calendar's boundaries", () => {
  it.each([
    // Nowruz 1403: the equinox fell at 06:36 Tehran time on 20 March 2024, the first day.
    ["2024-03-19T20:29:59Z", "۲۹ اسفند ۱۴۰۲، ساعت ۲۳:۵۹"],
    ["2024-03-19T20:30:00Z", "۱ فروردین ۱۴۰۳، ساعت ۰۰:۰۰"],
    ["2024-03-20T03:06:00Z", "۱ فروردین ۱۴۰۳، ساعت ۰۶:۳۶"],
    // 1403 is a leap year: its Esfand has a 30th day, the last of the year.
    ["2025-03-20T09:01:00Z", "۳۰ اسفند ۱۴۰۳، ساعت ۱۲:۳۱"],
    ["2025-03-20T20:29:59Z", "۳۰ اسفند ۱۴۰۳، ساعت ۲۳:۵۹"],
    ["2025-03-20T20:30:00Z", "۱ فروردین ۱۴۰۴، ساعت ۰۰:۰۰"],
    // The last 31-day month ends and the first 30-day one begins.
    ["2025-09-22T20:29:00Z", "۳۱ شهریور ۱۴۰۴، ساعت ۲۳:۵۹"],
    ["2025-09-22T20:31:00Z", "۱ مهر ۱۴۰۴، ساعت ۰۰:۰۱"],
    // Iran kept daylight saving time until 2022: +04:30 in summer 1400.
    ["2021-07-01T12:00:00Z", "۱۰ تیر ۱۴۰۰، ساعت ۱۶:۳۰"],
    ["2026-01-15T09:00:00Z", "۲۵ دی ۱۴۰۴، ساعت ۱۲:۳۰"],
  ])("%s in Asia/Tehran is %s", (iso, expected) => {
    expect(at(iso, "Asia/Tehran")).toBe(expected);
    expect(at(iso, "Iran")).toBe(expected);
  });

  it.each([
    // The same instants in UTC: Tehran's new day starts 3½ hours before UTC's.
    ["2024-03-19T20:30:00Z", `۲۹ اسفند ۱۴۰۲، ساعت ۲۰:۳۰ (${UTC})`],
    ["2024-03-20T00:00:00Z", `۱ فروردین ۱۴۰۳، ساعت ۰۰:۰۰ (${UTC})`],
    ["2025-03-20T20:30:00Z", `۳۰ اسفند ۱۴۰۳، ساعت ۲۰:۳۰ (${UTC})`],
    ["2025-03-20T23:59:00Z", `۳۰ اسفند ۱۴۰۳، ساعت ۲۳:۵۹ (${UTC})`],
    ["2025-03-21T00:00:00Z", `۱ فروردین ۱۴۰۴، ساعت ۰۰:۰۰ (${UTC})`],
    ["2026-01-15T09:00:00Z", `۲۵ دی ۱۴۰۴، ساعت ۰۹:۰۰ (${UTC})`],
  ])("%s in UTC is %s", (iso, expected) => {
    expect(at(iso, "UTC")).toBe(expected);
    expect(at(iso, "Etc/UTC")).toBe(expected);
  });

  it("names any other zone by its offset, read left to right", () => {
    expect(at("2026-01-15T09:00:00Z", "Europe/Berlin")).toBe(
      "۲۵ دی ۱۴۰۴، ساعت ۱۰:۰۰ (\u2066UTC+۰۱:۰۰\u2069)",
    );
    expect(at("2026-07-15T09:00:00Z", "America/New_York")).toBe(
      "۲۴ تیر ۱۴۰۵، ساعت ۰۵:۰۰ (\u2066UTC-۰۴:۰۰\u2069)",
    );
    expect(at("2026-01-15T09:00:00Z", "Asia/Kathmandu")).toBe(
      "۲۵ دی ۱۴۰۴، ساعت ۱۴:۴۵ (\u2066UTC+۰۵:۴۵\u2069)",
    );
  });

  it("gives the fields for other uses, month by its Persian name", () => {
    expect(jalaliParts(new Date("2024-03-20T03:06:00Z"), "Asia/Tehran")).toEqual({
      year: "۱۴۰۳",
      month: "فروردین",
      day: "۱",
      hour: "۰۶",
      minute: "۳۶",
    });
  });

  it("names all twelve months", () => {
    const months = Array.from(
      { length: 12 },
      // The 5th of each Jalali month, 2025-26: mid-month, far from any boundary.
      (_, i) => jalaliParts(new Date(Date.UTC(2025, 2, 25) + i * 30.5 * 86_400_000), "UTC").month,
    );
    expect(months).toEqual([
      "فروردین",
      "اردیبهشت",
      "خرداد",
      "تیر",
      "مرداد",
      "شهریور",
      "مهر",
      "آبان",
      "آذر",
      "دی",
      "بهمن",
      "اسفند",
    ]);
  });

  it("says so for a date that is no date, instead of throwing", () => {
    expect(formatJalaliDateTime(new Date(Number.NaN), "Asia/Tehran")).toBe("تاریخ نامعلوم");
  });
});

describe("Persian numbers", () => {
  it("groups counts with the Arabic thousands separator, in Persian digits", () => {
    expect(persianNumber(0)).toBe("۰");
    expect(persianNumber(1234567)).toBe("۱٬۲۳۴٬۵۶۷");
  });

  it("writes identifiers digit for digit, ungrouped", () => {
    expect(persianDigits("100374")).toBe("۱۰۰۳۷۴");
    expect(persianDigits("OPS-12")).toBe("OPS-۱۲");
  });

  it("writes sizes in megabytes with a Persian decimal point", () => {
    expect(persianMegabytes(5_000_000)).toBe("۵ مگابایت");
    expect(persianMegabytes(1_200_000)).toBe("۱٫۲ مگابایت");
  });
});

describe("Persian spans and ages", () => {
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;

  it.each([
    [30_000, "همین الان", "کمتر از یک دقیقه"],
    [5 * MINUTE, "۵ دقیقه پیش", "۵ دقیقه"],
    [2 * HOUR, "۲ ساعت پیش", "۲ ساعت"],
    [3 * HOUR + 10 * MINUTE, "۳ ساعت و ۱۰ دقیقه پیش", "۳ ساعت و ۱۰ دقیقه"],
    [3 * DAY, "۳ روز پیش", "۳ روز"],
    [DAY, "۱ روز پیش", "۱ روز"],
    [5 * DAY + 23 * HOUR, "۵ روز و ۲۳ ساعت پیش", "۵ روز و ۲۳ ساعت"],
    [40 * DAY, "۴۰ روز پیش", "۴۰ روز"],
    [90 * DAY, "۳ ماه پیش", "۳ ماه"],
    [800 * DAY, "۲ سال پیش", "۲ سال"],
  ])("%i ms: %s, a span of %s", (ms, ago, span) => {
    expect(persianAgo(ms)).toBe(ago);
    expect(persianSpan(ms)).toBe(span);
  });
});
