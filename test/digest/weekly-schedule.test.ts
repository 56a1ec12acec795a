import { describe, expect, it } from "vitest";
import {
  dayRuns,
  parseDays,
  parseTimeOfDay,
  parseTimes,
  readWeekly,
  weeklyCron,
  weeklyProblem,
} from "../../src/digest/weekly-schedule";

describe("times of day", () => {
  it("reads 24-hour H:MM and HH:MM, in Latin or Persian digits", () => {
    expect(parseTimeOfDay("08:30")).toEqual({ hour: 8, minute: 30 });
    expect(parseTimeOfDay("8:05")).toEqual({ hour: 8, minute: 5 });
    expect(parseTimeOfDay("۰۸:۳۰")).toEqual({ hour: 8, minute: 30 });
    expect(parseTimeOfDay("23.59")).toEqual({ hour: 23, minute: 59 });
    for (const bad of ["24:00", "08:60", "8", "0830", "8:5", "08:30pm", "", "-1:00"]) {
      expect(parseTimeOfDay(bad), bad).toBeUndefined();
    }
  });

  it("reads a comma-separated list, sorted, without repeats", () => {
    expect(parseTimes("16:30,08:30,08:30")).toEqual([
      { hour: 8, minute: 30 },
      { hour: 16, minute: 30 },
    ]);
    expect(parseTimes("08:30,")).toBeUndefined();
    expect(parseTimes("08:30,noon")).toBeUndefined();
  });
});

describe("days", () => {
  it("reads ranges (wrapping past Saturday), lists, names and the words for sets", () => {
    expect(parseDays("mon-fri")).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays("sat-wed")).toEqual([0, 1, 2, 3, 6]);
    expect(parseDays("Monday,wed,FRI")).toEqual([1, 3, 5]);
    expect(parseDays("weekdays")).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays("weekends")).toEqual([0, 6]);
    expect(parseDays("daily")).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseDays("7")).toEqual([0]);
    expect(parseDays("1-5")).toEqual([1, 2, 3, 4, 5]);
    for (const bad of ["funday", "mon-", "mo", "mon-tue-wed", "", "8"]) {
      expect(parseDays(bad), bad).toBeUndefined();
    }
  });

  it("groups days into runs for people, keeping the Iranian week in one piece", () => {
    expect(dayRuns([1, 2, 3, 4, 5])).toEqual([[1, 5]]);
    expect(dayRuns([6, 0, 1, 2, 3])).toEqual([[6, 3]]);
    expect(dayRuns([1, 3, 5])).toEqual([
      [1, 1],
      [3, 3],
      [5, 5],
    ]);
  });
});

describe("one cron line", () => {
  it("writes times and days as one line, folding runs of days into ranges", () => {
    const at = (hour: number, minute: number) => ({ hour, minute });
    expect(weeklyCron({ times: [at(8, 30)], days: [1, 2, 3, 4, 5] })).toBe("30 8 * * 1-5");
    expect(weeklyCron({ times: [at(16, 30), at(8, 30)], days: [0, 1, 2, 3, 4, 5, 6] })).toBe(
      "30 8,16 * * *",
    );
    expect(weeklyCron({ times: [at(9, 0)], days: [6, 0, 1, 2, 3] })).toBe("0 9 * * 0-3,6");
    expect(weeklyCron({ times: [at(9, 0)], days: [1, 3] })).toBe("0 9 * * 1,3");
  });

  it("refuses what one line cannot hold: times with different minutes, no days, no times", () => {
    const at = (hour: number, minute: number) => ({ hour, minute });
    expect(weeklyProblem({ times: [at(8, 30), at(13, 0)], days: [1] })).toBe("minutes-differ");
    expect(weeklyProblem({ times: [at(8, 30)], days: [] })).toBe("no-days");
    expect(weeklyProblem({ times: [], days: [1] })).toBe("no-times");
    expect(() => weeklyCron({ times: [at(8, 30), at(13, 0)], days: [1] })).toThrow(RangeError);
  });

  it("reads back the lines it writes, and nothing it could not have written", () => {
    for (const cron of ["30 8 * * 1-5", "0 9,15 * * *", "0 9 * * 0-3,6", "5 0 * * 0"]) {
      const weekly = readWeekly(cron);
      expect(weekly, cron).toBeDefined();
      if (weekly) expect(weeklyCron(weekly)).toBe(cron);
    }
    expect(readWeekly("0 9 * * 7")).toEqual({ times: [{ hour: 9, minute: 0 }], days: [0] });
    for (const cron of ["*/15 * * * *", "0 9 1 * *", "0 9 * 1 *", "0 * * * *", "0 9 * * MON"]) {
      expect(readWeekly(cron), cron).toBeUndefined();
    }
  });
});
