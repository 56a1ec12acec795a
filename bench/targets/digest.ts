import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { systemClock } from "../../src/clock";
import { loadDigestJobConfig } from "../../src/config";
import { collectDigest, digestMessage } from "../../src/flows/digest";
import { en } from "../../src/i18n";
import { silentLogger } from "../../src/logger";
import { createWebClient } from "../../src/slack/web-client-options";
import { openStore } from "../../src/store/open-store";
import { IN_MEMORY } from "../../src/store/sqlite-engine";
import { createTicketClient, type TicketClient } from "../../src/tickets/ticket-client";
import { buildServices } from "../../src/wiring";
import { announce, argValue, exitWithRunner } from "../lib/child-protocol";

/**
 * One digest size in its own process: the bot's real ticket client and digest flow (collect,
 * then render) against the benchmark ticket API, run `--runs` times, on the services the bot
 * runs on (wiring.ts: the gated client, the digest's worker thread). Memory is sampled on a
 * timer and after every page, and the kernel's own peak RSS is read at the end. The first run's
 * peak is the kernel's where it can be had (Linux: the peak is reset just before the run and read
 * right after it): a timer every 5 ms missed the peak of a short digest by up to 25 MB, which
 * made the growth at 10,000 swing from 76 to 103 MB between runs. Idle is the
 * process before its first digest: the growth above it is what a digest costs, its worker
 * thread included. CPU time is the whole process's, every thread's.
 */

exitWithRunner();
const expected = Number(argValue("size"));
const runs = Number(argValue("runs", "3"));

const config = loadDigestJobConfig(process.env);
const logger = silentLogger();
const real = createTicketClient({
  baseUrl: config.ticketApi.url,
  token: config.ticketApi.token,
  timeoutMs: config.ticketApi.timeoutMs,
  logger,
});

const peak = { rss: 0, heapUsed: 0, heapTotal: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
};

let inFlight = 0;
let maxInFlight = 0;
let pages = 0;
// Wraps the real client only to count and sample; every page still goes through it.
const counted =
  <P>(call: () => Promise<P>) =>
  async (): Promise<P> => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const page = await call();
      pages += 1;
      sample();
      return page;
    } finally {
      inFlight -= 1;
    }
  };
const tickets: TicketClient = {
  listTickets: (query, options) => counted(() => real.listTickets(query, options))(),
  findTicket: (ticketId, options) => counted(() => real.findTicket(ticketId, options))(),
  listDigestRows: (query, options) => counted(() => real.listDigestRows(query, options))(),
  readDigestBody: (query, options) => counted(() => real.readDigestBody(query, options))(),
};

// As the bot builds them: the client gated and observed, the digest's pages folded off-thread.
// A store of its own in memory: the digest reads none of it, the wiring needs one.
const store = await openStore({ engine: "sqlite", path: IN_MEMORY }, logger);
const services = buildServices(config, {
  logger,
  slack: createWebClient(config.slack, logger),
  clock: systemClock,
  tickets,
  store,
});
const deps = services.digest;
const renderContext = () => ({ t: en, now: systemClock.now(), timeZone: config.digest.timeZone });

sample();
const idle = { ...peak };
const sampler = setInterval(sample, 5);
const wallMs: number[] = [];
// CPU time says how much of the wall time was the bot's own work, whatever else the machine did.
const cpuMs: number[] = [];
let pagesPerRun = 0;
// A daily digest is always a process's first: its peak is kept apart from the warm runs'.
let firstRunPeak = { ...peak };
/** The kernel's peak RSS since it was last reset, if this system can say (Linux's VmHWM). */
const kernelPeakRss = (): number | undefined => {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
};
/** Resets the kernel's peak RSS to the present RSS (Linux 4.0 and later); false where it cannot. */
const resetKernelPeak = (): boolean => {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
};
let firstRunPeakFrom: "kernel" | "samples" = "samples";
for (let run = 0; run < runs; run++) {
  const kernelReset = run === 0 && resetKernelPeak();
  pages = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const summary = await collectDigest(deps, config.digest);
  const message = digestMessage(summary, config.digest, renderContext());
  wallMs.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuBefore);
  cpuMs.push((cpu.user + cpu.system) / 1000);
  pagesPerRun = pages;
  if (summary.counted !== expected || summary.approximate || message.blocks.length === 0) {
    throw new Error(
      `digest of ${expected} counted ${summary.counted} (approximate: ${summary.approximate})`,
    );
  }
  if (run === 0) {
    sample();
    firstRunPeak = { ...peak };
    const kernel = kernelReset ? kernelPeakRss() : undefined;
    if (kernel !== undefined && kernel >= firstRunPeak.rss) {
      firstRunPeak.rss = kernel;
      firstRunPeakFrom = "kernel";
    }
  }
}
clearInterval(sampler);
sample();

announce("RESULT", {
  tickets: expected,
  pages: pagesPerRun,
  wallMs,
  cpuMs,
  maxConcurrentPages: maxInFlight,
  idleRss: idle.rss,
  idleHeapUsed: idle.heapUsed,
  firstRunPeakRss: firstRunPeak.rss,
  firstRunPeakFrom,
  firstRunPeakHeapUsed: firstRunPeak.heapUsed,
  peakRss: peak.rss,
  peakHeapUsed: peak.heapUsed,
  peakHeapTotal: peak.heapTotal,
  // ru_maxrss, in kilobytes on Linux: the kernel's own peak, over every run.
  maxRss: process.resourceUsage().maxRSS * 1024,
});
process.exit(0);
