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
 * timer and after every page, and the kernel's own peak RSS is read at the end. Idle is the
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
for (let run = 0; run < runs; run++) {
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
  firstRunPeakHeapUsed: firstRunPeak.heapUsed,
  peakRss: peak.rss,
  peakHeapUsed: peak.heapUsed,
  peakHeapTotal: peak.heapTotal,
  // ru_maxrss, in kilobytes on Linux: the kernel's own peak, over every run.
  maxRss: process.resourceUsage().maxRSS * 1024,
});
process.exit(0);
