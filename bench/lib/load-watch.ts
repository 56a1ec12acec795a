/**
 * The machine's load during a run, as the kernel counts it (threads running or ready to run, or
 * waiting uninterruptibly), but without the benchmark's own processes: a full run's figures are
 * only as good as the machine was quiet, and on two cores the benchmark alone keeps the plain
 * load average above half the cores. bench/targets/load-watch.ts samples; this file counts, and
 * decides whether a run may write the docs table.
 */

export interface ProcReader {
  list(path: string): string[];
  read(path: string): string | undefined;
}

/** State and parent from /proc/<pid>/stat; the command name in parentheses may hold anything. */
export const parseStat = (text: string): { state: string; ppid: number } | undefined => {
  const close = text.lastIndexOf(")");
  if (close === -1) return undefined;
  const [state, ppid] = text.slice(close + 2).split(" ");
  if (state === undefined || ppid === undefined) return undefined;
  return { state, ppid: Number(ppid) };
};

const COUNTED_STATES = new Set(["R", "D"]);

/** Threads in state R or D right now, in every process but `root` and its descendants. */
export const countOthersRunnable = (root: number, proc: ProcReader): number => {
  const pids = proc.list("/proc").filter((name) => /^\d+$/.test(name));
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const stat = parseStat(proc.read(`/proc/${pid}/stat`) ?? "");
    if (!stat) continue;
    const siblings = children.get(stat.ppid) ?? [];
    siblings.push(Number(pid));
    children.set(stat.ppid, siblings);
  }
  const ours = new Set<number>();
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    if (ours.has(pid)) continue;
    ours.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  let count = 0;
  for (const pid of pids) {
    if (ours.has(Number(pid))) continue;
    for (const tid of proc.list(`/proc/${pid}/task`)) {
      const stat = parseStat(proc.read(`/proc/${pid}/task/${tid}/stat`) ?? "");
      if (stat && COUNTED_STATES.has(stat.state)) count += 1;
    }
  }
  return count;
};

/**
 * The mean of the last `size` samples: a one-minute load average of the run itself, with nothing
 * of what ran before it (the kernel's average still remembers a previous run for minutes).
 */
export const slidingMean = (size: number) => {
  const samples: number[] = [];
  let sum = 0;
  return (value: number): { mean: number; full: boolean } => {
    samples.push(value);
    sum += value;
    if (samples.length > size) sum -= samples.shift() ?? 0;
    return { mean: sum / samples.length, full: samples.length >= size };
  };
};

export interface LoadSummary {
  /** How "others" was measured: without the benchmark (Linux), or the plain load average. */
  method: "others" | "system";
  cores: number;
  system: { start: number; max: number; end: number };
  /**
   * Other processes' load during the run: the highest mean over any minute of it, or over the
   * whole run when it was shorter than a minute.
   */
  othersMax: number | undefined;
  /** The mean number of other processes' threads ready to run, over the whole run. */
  othersMean: number | undefined;
}

/**
 * Why the docs table must not be written from this run, or undefined when it may: the load
 * average (other processes', where it can be told apart) went above half the cores.
 */
export const refusalToWrite = (load: LoadSummary): string | undefined => {
  const limit = load.cores / 2;
  const worst = load.method === "others" ? load.othersMax : load.system.max;
  if (worst === undefined || !Number.isFinite(worst)) {
    return "the load average during the run is unknown on this system";
  }
  if (worst <= limit) return undefined;
  const what =
    load.method === "others"
      ? "the load average of other processes (the benchmark's own left out)"
      : "the load average";
  return `${what} reached ${worst.toFixed(2)} during the run, above half the ${load.cores} cores (${limit}): its figures would measure the other work as much as the bot. Run it again on a quiet machine.`;
};
