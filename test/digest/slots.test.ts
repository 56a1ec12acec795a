import { describe, expect, it } from "vitest";
import { minuteOf, slotSchedule } from "../../src/digest/slots";

const schedule = (cron: string, zone = "UTC") => {
  const compiled = slotSchedule(cron, zone);
  if ("error" in compiled) throw new Error(compiled.error);
  return compiled.schedule;
};

describe("a schedule's slots", () => {
  it("names the next slot strictly after a moment, in the schedule's zone", () => {
    const tehran = schedule("30 8 * * 1-5", "Asia/Tehran");
    // Monday 2026-03-09 08:30 in Tehran is 05:00 UTC; asked at that very moment, the next is Tuesday's.
    expect(tehran.next(new Date("2026-03-09T04:59:59Z"))).toEqual(new Date("2026-03-09T05:00:00Z"));
    expect(tehran.next(new Date("2026-03-09T05:00:00Z"))).toEqual(new Date("2026-03-10T05:00:00Z"));
  });

  it("finds the latest slot in a window, and how many earlier ones it stands for", () => {
    const minutely = schedule("* * * * *");
    expect(
      minutely.latestIn(new Date("2026-03-09T09:00:00Z"), new Date("2026-03-09T09:05:30Z")),
    ).toEqual({ slot: new Date("2026-03-09T09:05:00Z"), skipped: 5 });
    // The window's ends count: a slot exactly at `from` is in it.
    expect(
      minutely.latestIn(new Date("2026-03-09T09:00:00Z"), new Date("2026-03-09T09:00:00Z")),
    ).toEqual({ slot: new Date("2026-03-09T09:00:00Z"), skipped: 0 });
    const daily = schedule("0 9 * * *");
    expect(
      daily.latestIn(new Date("2026-03-09T09:00:01Z"), new Date("2026-03-09T10:00:00Z")),
    ).toBeUndefined();
    expect(
      daily.latestIn(new Date("2026-03-10T00:00:00Z"), new Date("2026-03-09T00:00:00Z")),
    ).toBeUndefined();
  });

  it("refuses what the DIGEST_SCHEDULE check refuses, in its words", () => {
    expect(slotSchedule("0 9 * *", "UTC")).toEqual({
      error: expect.stringContaining("expected 5"),
    });
    expect(slotSchedule("0 9 * * *", "Mars/Base")).toEqual({
      error: 'unknown time zone "Mars/Base"',
    });
  });

  it("keeps answering for a schedule whose compilation was pushed out by many others", () => {
    const first = schedule("7 9 * * *");
    const others = Array.from({ length: 50 }, (_, i) => schedule(`${i} 10 * * *`));
    expect(others[49]?.next(new Date("2026-03-09T00:00:00Z"))).toEqual(
      new Date("2026-03-09T10:49:00Z"),
    );
    expect(first.next(new Date("2026-03-09T00:00:00Z"))).toEqual(new Date("2026-03-09T09:07:00Z"));
  });

  it("gives an on-demand run the minute it was asked in", () => {
    expect(minuteOf(new Date("2026-03-09T09:05:59.999Z"))).toEqual(
      new Date("2026-03-09T09:05:00Z"),
    );
  });
});
