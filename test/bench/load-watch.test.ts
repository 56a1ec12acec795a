import { describe, expect, it } from "vitest";
import {
  countOthersRunnable,
  type LoadSummary,
  parseStat,
  refusalToWrite,
  slidingMean,
} from "../../bench/lib/load-watch";

/** A /proc of processes: pid → [parent, state of each thread]. */
const fakeProc = (processes: Record<number, [number, string[]]>) => {
  const files = new Map<string, string>();
  for (const [pid, [ppid, threads]] of Object.entries(processes)) {
    files.set(`/proc/${pid}/stat`, `${pid} (node (worker) x) ${threads[0] ?? "S"} ${ppid} 1 1`);
    threads.forEach((state, i) => {
      files.set(
        `/proc/${pid}/task/${Number(pid) + i}/stat`,
        `${Number(pid) + i} (t) ${state} ${ppid} 1`,
      );
    });
  }
  return {
    list: (path: string) => {
      if (path === "/proc") return [...Object.keys(processes), "self", "loadavg"];
      const pid = Number(path.split("/")[2]);
      const threads = processes[pid]?.[1] ?? [];
      return threads.map((_, i) => String(pid + i));
    },
    read: (path: string) => files.get(path),
  };
};

describe("the load of other processes", () => {
  it("reads state and parent past a command name holding spaces and parentheses", () => {
    expect(parseStat("42 (node (worker) x) R 7 1 1")).toEqual({ state: "R", ppid: 7 });
    expect(parseStat("garbage")).toBeUndefined();
  });

  it("counts threads ready to run or waiting on the disk, leaving out the runner and its children", () => {
    const proc = fakeProc({
      1: [0, ["S"]],
      100: [1, ["R", "R", "S"]], // the runner and two busy threads
      200: [100, ["R"]], // a target the runner started
      300: [200, ["D"]], // its child
      400: [1, ["R", "D", "S"]], // someone else's tests
      500: [1, ["S", "I"]], // asleep, or an idle kernel thread
    });
    expect(countOthersRunnable(100, proc)).toBe(2);
    expect(countOthersRunnable(999, proc)).toBe(6);
  });

  it("averages over the last minute of the run only", () => {
    const minute = slidingMean(3);
    expect(minute(3)).toEqual({ mean: 3, full: false });
    expect(minute(0)).toEqual({ mean: 1.5, full: false });
    expect(minute(0)).toEqual({ mean: 1, full: true });
    expect(minute(0)).toEqual({ mean: 0, full: true });
  });
});

describe("writing the docs table", () => {
  const load = (o: Partial<LoadSummary>): LoadSummary => ({
    method: "others",
    cores: 2,
    system: { start: 3, max: 4, end: 3 },
    othersMax: 0.4,
    othersMean: 0.2,
    ...o,
  });

  it("is allowed when other processes kept the load at half the cores or less", () => {
    expect(refusalToWrite(load({ othersMax: 1 }))).toBeUndefined();
  });

  it("is refused, saying why, when the load went above half the cores", () => {
    const why = refusalToWrite(load({ othersMax: 1.6 }));
    expect(why).toContain("1.60");
    expect(why).toContain("half the 2 cores");
  });

  it("falls back to the plain load average where other processes cannot be told apart", () => {
    expect(refusalToWrite(load({ method: "system", othersMax: undefined }))).toContain("4.00");
    expect(
      refusalToWrite(
        load({ method: "system", othersMax: undefined, system: { start: 0, max: 0.5, end: 0 } }),
      ),
    ).toBeUndefined();
  });

  it("is refused when the load is unknown", () => {
    expect(refusalToWrite(load({ othersMax: undefined }))).toContain("unknown");
  });
});
