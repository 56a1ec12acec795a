import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createDigestScheduler } from "../../src/flows/digest-scheduler";
import { silentLogger } from "../../src/logger";
import { openStore } from "../../src/store/open-store";
import type { NewSubscription } from "../../src/store/types";
import { announce, argValue, exitWithRunner } from "../lib/child-protocol";

/**
 * The digest scheduler over N subscriptions in C channels, in a process of its own: a SQLite
 * file seeded first, then timed from opening the store to the end of the
 * first tick (what a bot's start-up adds), the memory the loaded scheduler holds, and the cost of
 * one tick: with nothing changed and nothing due (every 15 s, all day), and after a change
 * elsewhere (a reload of every subscription). No slot is due while it is measured: the runs
 * themselves are the digest's cost, measured by the digest target.
 */
exitWithRunner();
const subscriptions = Number(argValue("subscriptions"));
const channels = Number(argValue("channels"));
const ticks = Number(argValue("ticks", "200"));
const reloads = Number(argValue("reloads", "20"));
// Memory is read after a full collection; the runner starts targets with plain `node`.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const dir = mkdtempSync(join(tmpdir(), "bench-scheduler-"));
const location = { engine: "sqlite" as const, path: join(dir, "tickets.db") };
const logger = silentLogger();

// Schedules as channels set them (a weekday morning, twice a day, the Iranian week, a cron),
// each at its own minute: hundreds of different expressions, as many teams would choose.
const shapes = [
  (m: number) => `${m} 8 * * 1-5`,
  (m: number) => `${m} 9,15 * * *`,
  (m: number) => `${m} 9 * * 0-3,6`,
  (m: number) => `${m}/30 9-17 * * 1-5`,
];
const ZONES = ["Asia/Tehran", "Europe/Berlin", "UTC", "America/New_York"];
const seed = async () => {
  const store = await openStore(location, logger);
  for (let i = 0; i < subscriptions; i++) {
    const digest: NewSubscription = {
      workspaceId: "T0BENCH",
      channelId: `C0BENCH${String(i % channels).padStart(4, "0")}`,
      filters: { stateId: 2, ...(i % 3 === 0 ? { categoryId: 10 + (i % 7) } : {}) },
      schedule: {
        cron: shapes[i % shapes.length]?.(Math.floor(i / 4) % 30) ?? "0 9 * * *",
        timeZone: ZONES[Math.floor(i / 120) % ZONES.length] ?? "UTC",
      },
      top: 5,
      overdueHours: 24,
      postWhenEmpty: false,
      language: i % 2 === 0 ? "en" : "fa",
      createdBy: "U0BENCH",
    };
    const created = await store.subscriptions.create(digest, {
      perChannel: 1_000,
      perWorkspace: 1_000_000,
    });
    if (!created.created) throw new Error("the seed was refused");
  }
  await store.close();
};
await seed();

// A Sunday night, when none of the schedules above is due, and for a while yet.
const now = new Date("2026-03-08T01:00:00Z");
const clock = { now: () => now };
gc();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;

const started = performance.now();
const store = await openStore(location, logger, { clock });
const openedMs = performance.now() - started;
let runs = 0;
const scheduler = createDigestScheduler({
  subscriptions: store.subscriptions,
  clock,
  logger,
  runSlot: async () => {
    runs += 1;
    return { kind: "gone" };
  },
});
await scheduler.tick();
const startMs = performance.now() - started;
gc();
const heapHeld = process.memoryUsage().heapUsed - heapBefore;
const rssHeld = process.memoryUsage().rss - rssBefore;
if (scheduler.size() !== subscriptions)
  throw new Error(`loaded ${scheduler.size()}, not ${subscriptions}`);

const timeTicks = async (count: number, before?: () => Promise<void>) => {
  const us: number[] = [];
  for (let i = 0; i < count; i++) {
    await before?.();
    const t = performance.now();
    await scheduler.tick();
    us.push((performance.now() - t) * 1000);
  }
  return us;
};
const steadyUs = await timeTicks(ticks);
// A change elsewhere (another replica pauses and resumes a digest): the next tick reloads all.
const [first] = await store.subscriptions.listAll();
let paused = false;
const reloadUs = await timeTicks(reloads, async () => {
  paused = !paused;
  if (first) await store.subscriptions.setPaused(first.id, paused, "U0BENCH");
});
if (runs > 0) throw new Error(`${runs} slot(s) were due: the measurement includes runs`);

await store.close();
rmSync(dir, { recursive: true, force: true });
announce("RESULT", {
  subscriptions,
  channels,
  openedMs,
  startMs,
  heapHeld,
  rssHeld,
  steadyUs,
  reloadUs,
});
process.exit(0);
