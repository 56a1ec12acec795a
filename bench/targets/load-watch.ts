import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { announce, argValue, exitWithRunner } from "../lib/child-protocol";
import { countOthersRunnable, slidingMean } from "../lib/load-watch";

/**
 * How busy the machine is with work other than the benchmark's own. The kernel's load average
 * counts every runnable (or uninterruptibly waiting) thread, the benchmark's included; on two
 * cores the benchmark alone would keep it above half the cores. This counts the same threads
 * from /proc four times a second, leaving out the runner and its children, and reports their
 * mean over the last minute and over the whole run, one SAMPLE line a second. In a process of its
 * own, so that reading /proc never delays the runner's clock.
 */

exitWithRunner();
const root = Number(argValue("root-pid"));
const EVERY_MS = 250;

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, "latin1");
  } catch {
    // A process or thread that ended between the listing and the read.
    return undefined;
  }
};
const list = (path: string): string[] => {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
};

const available = list("/proc/self/task").length > 0;
const lastMinute = slidingMean(60_000 / EVERY_MS);
let sum = 0;
let samples = 0;
let window = { mean: 0, full: false };
if (available) {
  setInterval(() => {
    const now = countOthersRunnable(root, { list, read });
    window = lastMinute(now);
    sum += now;
    samples += 1;
  }, EVERY_MS);
}
setInterval(() => {
  announce("SAMPLE", {
    available,
    othersLastMinute: available && samples > 0 ? window.mean : null,
    minuteFull: window.full,
    othersMean: available && samples > 0 ? sum / samples : null,
    systemLoad1: loadavg()[0] ?? 0,
  });
}, 1000);
announce("READY", { available });
