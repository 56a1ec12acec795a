import { describe, expect, it } from "vitest";
import { formatDateTimeIn } from "../../src/i18n/format-time";

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
