import { Cron } from "croner";
import { describe, expect, it } from "vitest";
import { cronOptions, validateSchedule } from "../../src/digest/schedule";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const NY = "America/New_York";

/** The next `count` run times strictly after `from`, as croner reads a schedule with our options. */
const nextRunTimes = (expr: string, timeZone: string, from: Date, count: number): Date[] =>
  new Cron(expr, { ...cronOptions(timeZone), paused: true }).nextRuns(count, from);

describe("schedules with the bot's cron options", () => {
  it("runs `0 9 * * *` daily at 09:00 UTC, strictly after `from`", () => {
    expect(iso(nextRunTimes("0 9 * * *", "UTC", new Date("2026-03-07T09:00:00Z"), 3))).toEqual([
      "2026-03-08T09:00:00.000Z",
      "2026-03-09T09:00:00.000Z",
      "2026-03-10T09:00:00.000Z",
    ]);
  });

  it("keeps 09:00 local in New York across spring forward and fall back", () => {
    expect(iso(nextRunTimes("0 9 * * *", NY, new Date("2026-03-06T12:00:00Z"), 4))).toEqual([
      "2026-03-06T14:00:00.000Z",
      "2026-03-07T14:00:00.000Z",
      "2026-03-08T13:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
    ]);
    expect(iso(nextRunTimes("0 9 * * *", NY, new Date("2026-10-31T00:00:00Z"), 3))).toEqual([
      "2026-10-31T13:00:00.000Z",
      "2026-11-01T14:00:00.000Z",
      "2026-11-02T14:00:00.000Z",
    ]);
  });

  it("runs a time in the spring-forward gap once, at the end of the gap (03:00 local)", () => {
    // 02:30 does not exist in New York on 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00Z).
    expect(iso(nextRunTimes("30 2 * * *", NY, new Date("2026-03-07T00:00:00Z"), 3))).toEqual([
      "2026-03-07T07:30:00.000Z",
      "2026-03-08T07:00:00.000Z",
      "2026-03-09T06:30:00.000Z",
    ]);
    // Same in Europe: 02:00 CET jumps to 03:00 CEST (01:00Z) on 2026-03-29.
    expect(
      iso(nextRunTimes("30 2 * * *", "Europe/Berlin", new Date("2026-03-28T00:00:00Z"), 3)),
    ).toEqual(["2026-03-28T01:30:00.000Z", "2026-03-29T01:00:00.000Z", "2026-03-30T00:30:00.000Z"]);
  });

  it("runs a time in the repeated fall-back hour once, at its first occurrence", () => {
    // 01:30 happens twice in New York on 2026-11-01: 05:30Z (EDT) and 06:30Z (EST).
    expect(iso(nextRunTimes("30 1 * * *", NY, new Date("2026-10-31T00:00:00Z"), 3))).toEqual([
      "2026-10-31T05:30:00.000Z",
      "2026-11-01T05:30:00.000Z",
      "2026-11-02T06:30:00.000Z",
    ]);
    // Asked between the two occurrences, it does not run again at the second one.
    expect(iso(nextRunTimes("30 1 * * *", NY, new Date("2026-11-01T06:00:00Z"), 1))).toEqual([
      "2026-11-02T06:30:00.000Z",
    ]);
  });

  it("treats a list of hours like single times across DST (fixedTimeRule no-wildcard)", () => {
    expect(iso(nextRunTimes("30 1,2 * * *", NY, new Date("2026-11-01T00:00:00Z"), 3))).toEqual([
      "2026-11-01T05:30:00.000Z", // 01:30 EDT, once
      "2026-11-01T07:30:00.000Z", // 02:30 EST
      "2026-11-02T06:30:00.000Z",
    ]);
    expect(iso(nextRunTimes("30 2,14 * * *", NY, new Date("2026-03-08T00:00:00Z"), 2))).toEqual([
      "2026-03-08T07:00:00.000Z", // 02:30 is in the gap: 03:00 EDT
      "2026-03-08T18:30:00.000Z",
    ]);
  });

  it("runs every-N-minutes schedules through both passes of the repeated hour", () => {
    expect(iso(nextRunTimes("*/30 1 * * *", NY, new Date("2026-11-01T00:00:00Z"), 5))).toEqual([
      "2026-11-01T05:00:00.000Z",
      "2026-11-01T05:30:00.000Z",
      "2026-11-01T06:00:00.000Z",
      "2026-11-01T06:30:00.000Z",
      "2026-11-02T06:00:00.000Z",
    ]);
  });

  it("as docs/digests.md says: a step in the minute field is an interval, skipped in the gap, twice in the repeat", () => {
    // Europe/Berlin springs forward at 02:00 on 2026-03-29: 02:xx does not exist that day.
    const gapDay = nextRunTimes(
      "*/30 2 * * *",
      "Europe/Berlin",
      new Date("2026-03-28T12:00:00Z"),
      3,
    ).map((d) => d.toISOString());
    expect(gapDay.some((d) => d.startsWith("2026-03-29"))).toBe(false);
    // New York repeats 01:xx on 2026-11-01: both passes run.
    const repeat = nextRunTimes("*/30 1 * * *", NY, new Date("2026-11-01T04:00:00Z"), 4);
    expect(iso(repeat)).toEqual([
      "2026-11-01T05:00:00.000Z",
      "2026-11-01T05:30:00.000Z",
      "2026-11-01T06:00:00.000Z",
      "2026-11-01T06:30:00.000Z",
    ]);
  });

  it("ORs day-of-month and day-of-week, as standard cron does", () => {
    // The 1st of the month, or any Monday: 2026-06-01 is itself a Monday, 06-08 the next one.
    expect(iso(nextRunTimes("0 9 1 * 1", "UTC", new Date("2026-05-26T00:00:00Z"), 3))).toEqual([
      "2026-06-01T09:00:00.000Z",
      "2026-06-08T09:00:00.000Z",
      "2026-06-15T09:00:00.000Z",
    ]);
    expect(iso(nextRunTimes("0 9 3 * 1", "UTC", new Date("2026-06-01T10:00:00Z"), 2))).toEqual([
      "2026-06-03T09:00:00.000Z",
      "2026-06-08T09:00:00.000Z",
    ]);
  });
});

describe("validateSchedule", () => {
  it("names the number of fields of a schedule with too few", () => {
    expect(validateSchedule("* * *", "UTC")).toMatch(/3 fields/);
  });

  it.each([
    ["0 9 * * *", "UTC"],
    ["30 8 * * 1-5", "Europe/Berlin"],
    ["  0 9,15 * * MON-FRI ", "Asia/Tehran"],
    ["@daily", "UTC"],
    ["*/15 * * * *", "America/New_York"],
  ])("accepts %j in %s", (expr, zone) => {
    expect(validateSchedule(expr, zone)).toBeUndefined();
  });

  it.each([
    ["61 * * * *", /minute: 61/],
    ["0 24 * * *", /hour: 24/],
    ["* * *", /has 3 fields; expected 5 \(minute hour day-of-month month day-of-week\)/],
    ["0 0 0 9 * *", /has 6 fields; expected 5 .*without seconds/],
    ["0 0 0 9 * * 2026", /has 7 fields/],
    ["garbage", /has 1 field; expected 5/],
    ["a b c d e", /invalid/],
    ["", /empty schedule/],
    ["2026-01-01T09:00:00", /characters/],
    ["0 9 * * * ; rm -rf /", /characters/],
    ["*/0 * * * *", /stepping/],
    ["0 0 30 2 *", /never matches/],
    ["@reboot", /not supported/],
  ])("rejects %j naming the problem", (expr, message) => {
    const problem = validateSchedule(expr, "UTC");
    expect(problem).toMatch(message);
    expect(problem).not.toMatch(/^Cron/);
  });

  it.each(["Mars/Olympus", "", "+01:00"])("rejects the time zone %j", (zone) => {
    expect(validateSchedule("0 9 * * *", zone)).toBe(`unknown time zone "${zone}"`);
  });
});
