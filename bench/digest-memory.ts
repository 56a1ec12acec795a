import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { changesSince, filtersKeyOf } from "../src/digest/changes";
import type { DigestTicket } from "../src/digest/types";
import { silentLogger } from "../src/logger";
import { encodeIdSet } from "../src/store/id-set-codec";
import { openStore } from "../src/store/open-store";
import { median, ratio } from "./lib/stats";

/**
 * `npm run bench:memory [-- --quick]`: what a digest that remembers costs at 100,000 waiting
 * tickets (issue 14): the size of the set of ids kept for the next run, the time to compare a
 * run with the last one, and a round trip through a real SQLite store (kept, read back). The
 * baseline, in the same process, is the obvious way: the ids as a JSON array, compared with a
 * `Set`. It prints its table; it writes nothing (see docs/performance.md).
 */

const quick = process.argv.includes("--quick");
const RUNS = quick ? 5 : 21;
const WAITING = 100_000;
const TARGET_BYTES = 1_000_000;

/** A queue as a panel numbers it: ids rising with small gaps (others' tickets in between). */
const queue = (size: number, seed: number): number[] => {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const ids: number[] = [];
  let id = 100_000;
  while (ids.length < size) {
    id += 1 + Math.floor(random() * 8);
    ids.push(id);
  }
  return ids;
};

// The previous run's queue, and today's: a tenth answered, as many new ones come in.
const previousIds = queue(WAITING, 1);
const currentIds = [
  ...previousIds.filter((_, i) => i % 10 !== 3),
  ...queue(WAITING / 10, 2).map((id) => id + 2_000_000),
];
const top: DigestTicket[] = currentIds.slice(0, 20).map((ticketId) => ({
  ticketId,
  subject: "",
  updatedAt: new Date(0),
  waitedMs: 0,
  overdue: false,
  adminSeen: true,
}));
const filtersKey = filtersKeyOf({ stateId: 2 });

const time = (work: () => unknown): number[] => {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return samples;
};

// ---- The set as kept, and compared ----
const encodedPrevious = encodeIdSet(previousIds);
const encodedCurrent = encodeIdSet(currentIds);
let counts = "";
const compareMs = time(() => {
  const changes = changesSince(
    { takenAt: new Date(0), filtersKey, complete: true, ids: previousIds },
    filtersKey,
    { approximate: false, waitingIds: encodedCurrent, top },
  );
  if (changes.kind === "compared")
    counts = `${changes.added} new, ${changes.left} left, ${changes.still} still`;
});

// ---- Baseline: a JSON array, compared with a Set ----
const jsonPrevious = JSON.stringify(previousIds);
const jsonCurrent = JSON.stringify(currentIds);
const baselineMs = time(() => {
  const before = new Set<number>(JSON.parse(jsonPrevious) as number[]);
  const now = JSON.parse(jsonCurrent) as number[];
  let still = 0;
  for (const id of now) if (before.has(id)) still += 1;
  return { added: now.length - still, left: before.size - still, still };
});

// ---- Through a real store: kept (replacing the last) and read back ----
const dir = mkdtempSync(join(tmpdir(), "bench-memory-"));
const path = join(dir, "tickets.db");
const store = await openStore({ engine: "sqlite", path }, silentLogger());
const created = await store.subscriptions.create(
  {
    workspaceId: "T1",
    channelId: "C1",
    filters: { stateId: 2 },
    schedule: { cron: "0 9 * * *", timeZone: "UTC" },
    top: 10,
    overdueHours: 24,
    postWhenEmpty: false,
    language: "en",
    createdBy: "U1",
  },
  { perChannel: 10, perWorkspace: 10 },
);
if (!created.created) throw new Error("could not create the bench's digest");
const id = created.subscription.id;
const putMs: number[] = [];
const getMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const ids = i % 2 === 0 ? encodedPrevious : encodedCurrent;
  let started = performance.now();
  await store.snapshots.put({
    subscriptionId: id,
    runId: undefined,
    takenAt: new Date(),
    filtersKey,
    complete: true,
    encodedIds: ids,
  });
  putMs.push(performance.now() - started);
  started = performance.now();
  await store.snapshots.get(id);
  getMs.push(performance.now() - started);
}
await store.close();
const fileBytes = statSync(path).size;
rmSync(dir, { recursive: true, force: true });

const times = (value: number | undefined) => (value === undefined ? "?" : value.toFixed(2));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const msText = (samples: number[]) => `${median(samples).toFixed(2)} ms`;
const rows: [string, string][] = [
  ["waiting tickets (previous → now)", `${previousIds.length} → ${currentIds.length}`],
  ["compared", counts],
  ["set kept per digest (this run's)", kb(encodedCurrent.length)],
  [
    "  baseline: JSON array",
    `${kb(jsonCurrent.length)} (×${times(ratio(jsonCurrent.length, encodedCurrent.length))} larger)`,
  ],
  ["  target", `< ${kb(TARGET_BYTES)}: ${encodedCurrent.length < TARGET_BYTES ? "met" : "MISSED"}`],
  ["compare with the last run (median)", msText(compareMs)],
  [
    "  baseline: JSON + Set (median)",
    `${msText(baselineMs)} (ours ×${times(ratio(median(compareMs), median(baselineMs)))} of it)`,
  ],
  ["store: keep the set (SQLite, median)", msText(putMs)],
  ["store: read it back, checked (median)", msText(getMs)],
  [`SQLite file after ${RUNS} runs (only the last set kept)`, kb(fileBytes)],
];
const width = Math.max(...rows.map(([k]) => k.length));
process.stdout.write(`bench:memory (${RUNS} runs each${quick ? ", quick" : ""})\n`);
for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
if (encodedCurrent.length >= TARGET_BYTES) process.exitCode = 1;
