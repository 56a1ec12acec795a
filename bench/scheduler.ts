import { loadavg } from "node:os";
import { type BuiltTargets, buildTargets } from "./lib/build-targets";
import { runToResult } from "./lib/children";
import { median } from "./lib/stats";

/**
 * `npm run bench:scheduler [-- --quick]`: what a channel's own digests cost the running bot, at
 * issue 13's size (1,000 subscriptions across 200 channels) beside today's (one digest, the
 * DIGEST_* settings'), each in fresh processes of the scheduler target, median of the runs:
 * start-up (open the store, load and place every subscription in its schedule), the memory the
 * loaded scheduler holds, and one tick with nothing due (steady, and after a change elsewhere).
 * It prints its table; it writes nothing (see docs/performance.md).
 */
interface SchedulerResult {
  subscriptions: number;
  channels: number;
  openedMs: number;
  startMs: number;
  heapHeld: number;
  rssHeld: number;
  steadyUs: number[];
  reloadUs: number[];
}

const quick = process.argv.includes("--quick");
const RUNS = quick ? 2 : 5;
const load = loadavg()[0] ?? 0;

const built: BuiltTargets = await buildTargets();
const target = built.scheduler;
if (!target) throw new Error("bench/targets/scheduler.ts was not built");

const measure = async (subscriptions: number, channels: number) => {
  const results: SchedulerResult[] = [];
  for (let run = 0; run < RUNS; run++) {
    process.stderr.write(
      `[bench:scheduler] ${subscriptions} subscription(s), run ${run + 1} of ${RUNS}\n`,
    );
    results.push(
      await runToResult<SchedulerResult>(target, {
        args: [
          "--subscriptions",
          String(subscriptions),
          "--channels",
          String(channels),
          "--ticks",
          quick ? "50" : "200",
          "--reloads",
          quick ? "5" : "20",
        ],
        limitMs: 300_000,
      }),
    );
  }
  const mid = (pick: (r: SchedulerResult) => number) => median(results.map(pick));
  return {
    startMs: mid((r) => r.startMs),
    openedMs: mid((r) => r.openedMs),
    heapKb: mid((r) => r.heapHeld) / 1024,
    rssKb: mid((r) => r.rssHeld) / 1024,
    steadyUs: mid((r) => median(r.steadyUs)),
    reloadMs: mid((r) => median(r.reloadUs)) / 1000,
  };
};

const today = await measure(1, 1);
const issue13 = await measure(1_000, 200);
const row = (label: string, a: number, b: number, digits = 1) =>
  `| ${label} | ${a.toFixed(digits)} | ${b.toFixed(digits)} | ${(b / a).toFixed(1)}× |`;
process.stdout.write(
  [
    `digest scheduler, ${quick ? "quick" : "full"} run (${RUNS} fresh processes each), load average ${load.toFixed(2)} at start`,
    "",
    "| | today: 1 digest | 1,000 digests, 200 channels | ratio |",
    "| --- | ---: | ---: | ---: |",
    row("start-up: store opened + first tick (ms)", today.startMs, issue13.startMs),
    row("  of which opening the store (ms)", today.openedMs, issue13.openedMs),
    row("scheduler memory held, heap (KB)", today.heapKb, issue13.heapKb, 0),
    row("one tick, nothing changed or due (µs)", today.steadyUs, issue13.steadyUs, 0),
    row("one tick after a change elsewhere: reload all (ms)", today.reloadMs, issue13.reloadMs, 2),
    "",
  ].join("\n"),
);
