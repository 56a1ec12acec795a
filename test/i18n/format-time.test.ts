import { describe, expect, it } from "vitest";
import { formatDateTimeIn, utcOffsetMinutes } from "../../src/i18n/format-time";

describe("formatDateTimeIn", () => {
  it.each([
    ["2026-01-15T09:00:00Z", "UTC", "2026-01-15 09:00 UTC"],
    ["2026-01-15T09:00:00Z", "Asia/Tehran", "2026-01-15 12:30 +03:30"],
    ["2026-07-15T09:00:00Z", "Europe/Berlin", "2026-07-15 11:00 +02:00"],
    ["2026-01-15T09:00:00Z", "Europe/Berlin", "2026-01-15 10:00 +01:00"],
    ["2026-03-08T07:30:00Z", "America/New_York", "2026-03-08 03:30 -04:00"],
    ["2026-03-08T06:59:00Z", "America/New_York", "2026-03-08 01:59 -05:00"],
    ["2026-01-15T09:00:00Z", "Asia/Kathmandu", "2026-01-15 14:45 +05:45"],
  ])("%s in %s is %s", (iso, zone, expected) => {
    expect(formatDateTimeIn(new Date(iso), zone)).toBe(expected);
  });
});

describe("utcOffsetMinutes", () => {
  it("is right on both sides of a change of offset, however often it is asked", () => {
    // Europe/Berlin springs forward at 01:00 UTC on 29 March 2026; Kathmandu is 5:45 ahead.
    const change = Date.UTC(2026, 2, 29, 1, 0);
    for (let round = 0; round < 2; round++) {
      expect(utcOffsetMinutes(new Date(change - 1), "Europe/Berlin")).toBe(60);
      expect(utcOffsetMinutes(new Date(change), "Europe/Berlin")).toBe(120);
      expect(utcOffsetMinutes(new Date(change + 14 * 60_000), "Europe/Berlin")).toBe(120);
      expect(utcOffsetMinutes(new Date(change - 15 * 60_000), "Europe/Berlin")).toBe(60);
      expect(utcOffsetMinutes(new Date(change), "Asia/Kathmandu")).toBe(345);
      expect(utcOffsetMinutes(new Date(change), "America/St_Johns")).toBe(-150);
    }
  });
});
