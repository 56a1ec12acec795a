import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { arch, cpus, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DIGEST_READ } from "../src/digest/collect";
import { en } from "../src/i18n";
import { MAX_UPSTREAM_REQUESTS } from "../src/tickets/panel-limits";
import { LIST_DEFAULT_PER_PAGE } from "../src/tickets/ticket-query";
import { type BuiltTargets, buildProduction, buildTargets } from "./lib/build-targets";
import {
  killAllChildren,
  REPO_ROOT,
  runToResult,
  type StartedChild,
  startTarget,
} from "./lib/children";
import { type CommandOutcome, type SlackSide, startSlackSide } from "./lib/command-driver";
import { startFlood } from "./lib/flood";
import { judge } from "./lib/judge";
import { refusalForNode } from "./lib/judged-node";
import { climbLadder, compareAtEqualRates, type LadderResult } from "./lib/ladder";
import { closedLoop, openLoop } from "./lib/load";
import { type LoadSummary, refusalToWrite } from "./lib/load-watch";
import {
  AT_ONCE_UPSTREAM_MS,
  BURST_UPSTREAM_MS,
  COMMAND_UPSTREAM_MS,
  DIGEST_UPSTREAM_MS,
  DURING_DIGEST_RATE,
  DURING_DIGEST_TICKETS,
  FLOOD_BODY_BYTES,
  FLOOD_COMMAND_GAP_MS,
  FLOOD_CONNECTIONS,
  LOAD_RUNS,
  LOOP_LIMIT_MS,
  MAX_IN_FLIGHT,
  P99_ACK_LIMIT_MS,
  PLANS,
  SLACK_ACK_LIMIT_MS,
  TARGET_START_LIMIT_MS,
} from "./lib/plan";
import { type CommandFigures, ms, updateReadme } from "./lib/report";
import { renderReport } from "./lib/report-text";
import type {
  AtOnceResult,
  BurstResult,
  ClosedLoopRow,
  ColdStart,
  CommandRun,
  DigestChildResult,
  DigestRow,
  DuringDigest,
  DuringDigestRun,
  FloodResult,
  Machine,
  PlainChildResult,
  RenderChildResult,
  Results,
  ThroughputResults,
  ThroughputStep,
} from "./lib/results";
import {
  BOT_TOKEN,
  LIST_QUERY_TOTAL,
  LOOPBACK,
  SIGNING_SECRET,
  TICKET_TOKEN,
} from "./lib/settings";
import { median, percentileOf, ratio, summarize } from "./lib/stats";

/**
 * `npm run bench [-- --quick]`: the bot against a bare Bolt app, in one run, on loopback.
 *
 * Processes: this runner (load generator and Slack stand-in), the ticket API stand-in, a load
 * watch, and one fresh target at a time (the bot or the baseline, both bundled the way
 * `npm run build` bundles the bot, and started the same way). A full run writes
 * bench/results.json and the table in docs/performance.md, unless the machine was busy; --quick
 * writes to a temporary directory only, and exits non-zero only when something could not run,
 * never for a missed target.
 */

const quick = process.argv.includes("--quick");
/**
 * `--load`: only the two load phases (500 at once, commands during a flood), several fresh
 * targets each, printed and written nowhere: for working on the ack path.
 */
const loadOnly = process.argv.includes("--load");
/**
 * `--cold-start` / `--answers` / `--digest`: that phase alone (cold starts; the closed loops at
 * 1 and 50 concurrent; the digests of 10,000 and 100,000 and their memory), with the full run's
 * counts, repeated `--repeat N` times (default 3) and printed, written nowhere: for working on
 * one target.
 */
const PHASES = ["cold-start", "answers", "digest"] as const;
const phaseOnly = PHASES.find((phase) => process.argv.includes(`--${phase}`));
/**
 * `--rates 1281,1922`: acks at those offered rates alone, each rate a throughput step (same
 * length, same warm-up, after two lower steps) by a fresh baseline and then a fresh bot, repeated
 * `--repeat N` times and printed, then the p99 of all the runs' acks at each rate together (what
 * the target judges); written nowhere: for working on the ack target at equal rates.
 */
const ratesArg = process.argv.indexOf("--rates");
const ratesOnly =
  ratesArg === -1 ? undefined : (process.argv[ratesArg + 1] ?? "").split(",").map(Number);
const repeatArg = process.argv.indexOf("--repeat");
const repeats = repeatArg === -1 ? 3 : Number(process.argv[repeatArg + 1] ?? 3);
const plan = quick ? PLANS.quick : PLANS.full;
const loadAtStart = loadavg()[0] ?? 0;

const runStart = performance.now();
const log = (line: string) =>
  process.stderr.write(
    `[bench ${((performance.now() - runStart) / 1000).toFixed(0).padStart(3)} s] ${line}\n`,
  );
/** Errors a target logged while measured: a lost answer should be explained, not just counted. */
const notes: string[] = [];
const noteErrors = (what: string, stderr: string) => {
  const lines = stderr.split("\n").filter((l) => /error/i.test(l));
  if (lines.length === 0) return;
  const note = `${what}: ${lines.length} error line(s) in the last 4 kB of its log, e.g. ${lines[0]?.slice(0, 300)}`;
  notes.push(note);
  log(note);
};
const pause = (msDelay: number) => new Promise((r) => setTimeout(r, msDelay));
/** Command numbers never repeat within a run, so no two queries are alike. */
let nextCommandIndex = 0;
const commandIndices = (count: number): number => {
  const first = nextCommandIndex;
  nextCommandIndex += count;
  return first;
};

let built: BuiltTargets = {};
const bundle = (name: string): string => {
  const file = built[name];
  if (!file) throw new Error(`bench/targets/${name}.ts was not built`);
  return file;
};

// ---------------------------------------------------------------- helpers around the processes

const startTicketApi = async () => {
  const api = await startTarget<{ port: number }>(bundle("ticket-api"), {
    limitMs: TARGET_START_LIMIT_MS,
  });
  const base = `http://${LOOPBACK}:${api.ready.port}`;
  return {
    url: base,
    configure: async (settings: {
      total: number;
      latencyMs: number;
      /** Encode every page of the digest's query now, before anything is timed. */
      prime?: { stateId: number; perPage: number };
    }) => {
      const res = await fetch(`${base}/bench/config`, {
        method: "POST",
        body: JSON.stringify(settings),
      });
      if (!res.ok) throw new Error(`ticket API refused its settings: HTTP ${res.status}`);
    },
    stats: async () =>
      (await (await fetch(`${base}/bench/stats`)).json()) as {
        requests: number;
        maxInFlight: number;
        encodedOnRequest: number;
      },
    stop: () => api.stop(),
  };
};
type TicketApi = Awaited<ReturnType<typeof startTicketApi>>;

const DIGEST_PRIME = { stateId: 2, perPage: DIGEST_READ.perPage };

/** Samples how busy the machine is with other work, for the whole run (load-watch.ts). */
const startLoadWatch = async () => {
  const watch = await startTarget<{ available: boolean }>(bundle("load-watch"), {
    args: ["--root-pid", String(process.pid)],
    limitMs: TARGET_START_LIMIT_MS,
  });
  const unknownSystem = process.platform === "win32"; // os.loadavg() is always 0 there
  const system = { start: loadAtStart, max: loadAtStart, end: loadAtStart };
  let fullMinutesMax: number | undefined;
  let othersMean: number | undefined;
  watch.onSample((payload) => {
    const p = payload as {
      othersLastMinute: number | null;
      minuteFull: boolean;
      othersMean: number | null;
      systemLoad1: number;
    };
    system.max = Math.max(system.max, p.systemLoad1);
    system.end = p.systemLoad1;
    if (p.othersLastMinute !== null && p.minuteFull) {
      fullMinutesMax = Math.max(fullMinutesMax ?? 0, p.othersLastMinute);
    }
    if (p.othersMean !== null) othersMean = p.othersMean;
  });
  return {
    summary: (): LoadSummary => {
      const round = (n: number | undefined) =>
        n === undefined ? undefined : Math.round(n * 100) / 100;
      const end = loadavg()[0] ?? 0;
      const sys = unknownSystem
        ? { start: Number.NaN, max: Number.NaN, end: Number.NaN }
        : { start: system.start, max: Math.max(system.max, end), end };
      return {
        method: watch.ready.available ? "others" : "system",
        cores: cpus().length,
        system: {
          start: round(sys.start) ?? Number.NaN,
          max: round(sys.max) ?? Number.NaN,
          end: round(sys.end) ?? Number.NaN,
        },
        // Any full minute of the run, or the whole run when it was shorter.
        othersMax: round(
          othersMean === undefined ? undefined : Math.max(fullMinutesMax ?? 0, othersMean),
        ),
        othersMean: round(othersMean),
      };
    },
    stop: () => watch.stop(),
  };
};

const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });

// ---------------------------------------------------------------- commands

/** Command sent → its ack (a 200) arrived; `undefined` for a command never acked. */
const ackMsOf = (o: CommandOutcome): number | undefined =>
  o.status === 200 && o.ackAt !== undefined ? o.ackAt - o.sentAt : undefined;

const describeCommands = (
  outcomes: readonly CommandOutcome[],
  upstreamMs: number,
): CommandFigures => {
  const ackMs = outcomes.flatMap((o) => ackMsOf(o) ?? []);
  const answered = outcomes.filter((o) => o.answerAt !== undefined);
  return {
    sent: outcomes.length,
    acked: ackMs.length,
    ackedInTime: ackMs.filter((ms) => ms <= SLACK_ACK_LIMIT_MS).length,
    errors: outcomes.length - ackMs.length,
    answered: answered.length,
    answeredWithList: outcomes.filter((o) => o.answeredWithList).length,
    ackMs: summarize(ackMs),
    answerMs: summarize(answered.map((o) => (o.answerAt ?? 0) - o.sentAt - upstreamMs)),
  };
};
const toldBusy = (outcomes: readonly CommandOutcome[]) =>
  outcomes.filter((o) => o.ackBody?.includes(en.requests.busy)).length;

type Who = "ours" | "baseline";

const targetEnv = (who: Who, slack: SlackSide, api: TicketApi): Record<string, string> => ({
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: slack.apiUrl,
  SLACK_HOOKS_URL: slack.origin,
  TICKET_API_URL: api.url,
  TICKET_API_TOKEN: TICKET_TOKEN,
  DIGEST_SCHEDULE: "off",
  LOG_LEVEL: "info",
  // The bare app makes the bot's upstream call without loading the bot's code to learn it.
  ...(who === "baseline" ? { BENCH_LIST_PER_PAGE: String(LIST_DEFAULT_PER_PAGE) } : {}),
});

const TARGET_BUNDLE: Record<Who, string> = { ours: "bot", baseline: "baseline" };

/** A fresh target, warmed up with the same commands for both, then `measure`d and stopped. */
const withTarget = async <T>(
  who: Who,
  slack: SlackSide,
  api: TicketApi,
  sockets: number,
  measure: (
    driver: ReturnType<SlackSide["driverFor"]>,
    target: StartedChild<{ port: number }>,
  ) => Promise<T>,
  extraEnv: Record<string, string> = {},
): Promise<T> => {
  const target = await startTarget<{ port: number }>(bundle(TARGET_BUNDLE[who]), {
    env: { ...targetEnv(who, slack, api), ...extraEnv },
    limitMs: TARGET_START_LIMIT_MS,
  });
  const driver = slack.driverFor(target.ready.port, sockets);
  try {
    // A fresh process runs unoptimized code at first, and opens its connections on first use:
    // both get the same warm-up, at the concurrency measured next (the open loop starts slow).
    const concurrency = Math.min(sockets, 200);
    const warm = await closedLoop(driver, {
      concurrency,
      count: Math.max(plan.warmup, 2 * concurrency),
      limitMs: LOOP_LIMIT_MS,
      firstIndex: commandIndices(Math.max(plan.warmup, 2 * concurrency)),
    });
    await slack.waitForAnswers(warm, 10_000);
    if (!warm.some((o) => o.status === 200)) {
      throw new Error(`${who}: no command was acknowledged\n${target.stderrTail()}`);
    }
    const result = await measure(driver, target);
    noteErrors(`${who} (${sockets} sockets)`, target.stderrTail());
    return result;
  } finally {
    driver.close();
    await target.stop();
  }
};

const measureClosedLoop = async (
  who: Who,
  concurrency: number,
  slack: SlackSide,
  api: TicketApi,
): Promise<CommandRun> =>
  withTarget(who, slack, api, concurrency, async (driver) => {
    const count = plan.commands[concurrency] ?? 100;
    const loopBefore = performance.eventLoopUtilization();
    const started = performance.now();
    const outcomes = await closedLoop(driver, {
      concurrency,
      count,
      limitMs: LOOP_LIMIT_MS,
      firstIndex: commandIndices(count),
    });
    // Near 1, the runner itself was the bottleneck and the target's figures are flattered.
    const runnerBusy = performance.eventLoopUtilization(loopBefore).utilization;
    // In a closed loop a target that answers slowly is sent fewer commands per second.
    const commandsPerSecond = outcomes.length / ((performance.now() - started) / 1000);
    await slack.waitForAnswers(outcomes, 20_000);
    return {
      // Both make the same upstream call now, so the same latency comes off both.
      ...describeCommands(outcomes, COMMAND_UPSTREAM_MS),
      runnerBusy: Math.round(runnerBusy * 100) / 100,
      commandsPerSecond: Math.round(commandsPerSecond),
    };
  });

/** `size` commands sent at the same moment, the ticket API taking BURST_UPSTREAM_MS each. */
const measureBurst = async (slack: SlackSide, api: TicketApi): Promise<BurstResult> => {
  const size = plan.burst;
  return withTarget("ours", slack, api, size, async (driver) => {
    // After the warm-up, which both kinds of target get at the usual latency.
    await api.configure({ total: LIST_QUERY_TOTAL, latencyMs: BURST_UPSTREAM_MS });
    try {
      const outcomes = await closedLoop(driver, {
        concurrency: size,
        count: size,
        limitMs: LOOP_LIMIT_MS,
        firstIndex: commandIndices(size),
      });
      await slack.waitForAnswers(outcomes, 30_000);
      const stats = await api.stats();
      return {
        size,
        upstreamMs: BURST_UPSTREAM_MS,
        ...describeCommands(outcomes, BURST_UPSTREAM_MS),
        upstreamMaxInFlight: stats.maxInFlight,
      };
    } finally {
      await api.configure({ total: LIST_QUERY_TOTAL, latencyMs: COMMAND_UPSTREAM_MS });
    }
  });
};

/**
 * `plan.atOnce` commands on as many connections, all sent in the same instant. Every one must be
 * acked within Slack's 3 s: with the list, or with the catalog's "busy, try again" when the bot
 * sheds load. Answers from a fast panel compete with the acks for the event loop.
 */
const measureAtOnce = async (slack: SlackSide, api: TicketApi): Promise<AtOnceResult> => {
  const size = plan.atOnce;
  await api.configure({ total: LIST_QUERY_TOTAL, latencyMs: AT_ONCE_UPSTREAM_MS });
  return withTarget("ours", slack, api, size, async (driver) => {
    const outcomes = await closedLoop(driver, {
      concurrency: size,
      count: size,
      limitMs: LOOP_LIMIT_MS,
      firstIndex: commandIndices(size),
    });
    await slack.waitForAnswers(outcomes, 30_000);
    return {
      size,
      upstreamMs: AT_ONCE_UPSTREAM_MS,
      ...describeCommands(outcomes, AT_ONCE_UPSTREAM_MS),
      toldBusy: toldBusy(outcomes),
    };
  });
};

/**
 * `plan.floodCommands` real commands, one every FLOOD_COMMAND_GAP_MS, while FLOOD_CONNECTIONS
 * connections keep posting unsigned 4 MB bodies: the commands' acks must not wait behind them.
 */
const measureFlood = async (slack: SlackSide, api: TicketApi): Promise<FloodResult> =>
  withTarget("ours", slack, api, 8, async (driver, target) => {
    const flood = startFlood(target.ready.port, FLOOD_CONNECTIONS, FLOOD_BODY_BYTES);
    const sends: Promise<CommandOutcome>[] = [];
    try {
      await pause(500);
      const first = commandIndices(plan.floodCommands);
      for (let i = 0; i < plan.floodCommands; i++) {
        sends.push(driver.send(first + i));
        await pause(FLOOD_COMMAND_GAP_MS);
      }
      const outcomes = await Promise.all(sends);
      const floodStats = flood.stop();
      await slack.waitForAnswers(outcomes, 20_000);
      return {
        connections: FLOOD_CONNECTIONS,
        bodyBytes: FLOOD_BODY_BYTES,
        floodRequests: floodStats.requests,
        floodStatuses: floodStats.statuses,
        ...describeCommands(outcomes, COMMAND_UPSTREAM_MS),
      };
    } finally {
      flood.stop();
    }
  });

/** Each step's ack latencies (Infinity for a command never acked), for pooling across repetitions. */
const acksOfStep = new WeakMap<ThroughputStep, readonly number[]>();
const acksOf = (step: ThroughputStep): readonly number[] => acksOfStep.get(step) ?? [];

/** A step's length at `rate`: see `pooledAcks` in bench/lib/plan.ts. */
const stepMsAt = (rate: number): number => {
  const t = plan.throughput;
  return Math.max(t.stepMs, Math.ceil((t.pooledAcks / t.repetitions / rate) * 1000));
};

/** One step of the throughput ladder: `rate` commands a second for the step's length. */
const throughputStep = async (
  who: Who,
  slack: SlackSide,
  driver: ReturnType<SlackSide["driverFor"]>,
  rate: number,
): Promise<ThroughputStep> => {
  const durationMs = stepMsAt(rate);
  const planned = Math.max(1, Math.round((rate * durationMs) / 1000));
  const run = await openLoop(driver, {
    rate,
    durationMs,
    maxInFlight: MAX_IN_FLIGHT,
    firstIndex: commandIndices(planned),
  });
  await slack.waitForAnswers(run.outcomes, 10_000);
  const figures = describeCommands(run.outcomes, COMMAND_UPSTREAM_MS);
  const errors = figures.errors + (run.planned - run.outcomes.length);
  const ok = !run.overloaded && errors === 0 && figures.ackMs.p99 <= P99_ACK_LIMIT_MS;
  const result: ThroughputStep = {
    rate,
    planned: run.planned,
    acked: figures.acked,
    answered: figures.answered,
    errors,
    toldBusy: toldBusy(run.outcomes),
    overloaded: run.overloaded,
    ackP99Ms: figures.ackMs.p99,
    answerP99Ms: figures.answerMs.p99,
    ok,
    answersKeptUp:
      ok && figures.answered === run.planned && figures.answerMs.p99 <= P99_ACK_LIMIT_MS,
  };
  acksOfStep.set(result, [
    ...run.outcomes.map((o) => ackMsOf(o) ?? Number.POSITIVE_INFINITY),
    // Planned but never sent (the sender overloaded): never acked either.
    ...Array.from({ length: Math.max(0, run.planned - run.outcomes.length) }, () => Infinity),
  ]);
  log(
    `  ${who} ${rate}/s: p99 ack ${result.ackP99Ms.toFixed(1)} ms, p99 answer ${result.answerP99Ms.toFixed(1)} ms, ${result.answered} of ${run.planned} answered${result.toldBusy ? `, ${result.toldBusy} told busy` : ""}${ok ? "" : " (not held)"}`,
  );
  // Lets the last answers and garbage settle before the next step.
  await pause(300);
  return result;
};

/** One climb of the throughput ladder by a fresh target. */
const climb = (who: Who, slack: SlackSide, api: TicketApi, atLeastRungs: number) =>
  withTarget(
    who,
    slack,
    api,
    256,
    async (driver): Promise<LadderResult<ThroughputStep>> =>
      climbLadder({ ...plan.throughput, atLeastRungs }, (rate) =>
        throughputStep(who, slack, driver, rate),
      ),
  );

const measureThroughput = async (slack: SlackSide, api: TicketApi): Promise<ThroughputResults> => {
  const t = plan.throughput;
  const repetitions: ThroughputResults["repetitions"] = [];
  for (let rep = 1; rep <= t.repetitions; rep++) {
    log(`throughput and acks at equal rates, repetition ${rep} of ${t.repetitions}`);
    const baseline = await climb("baseline", slack, api, 0);
    // The bot climbs every rung the baseline climbed, failed ones included, and on until it fails.
    const rungs = baseline.rungs.filter((r) => !r.refined).length;
    const ours = await climb("ours", slack, api, rungs);
    repetitions.push({ baseline, ours });
  }
  const keptUp = (l: LadderResult<ThroughputStep>) => {
    const rates = l.rungs.filter((r) => r.final.answersKeptUp).map((r) => r.rate);
    return rates.length > 0 ? Math.max(...rates) : 0;
  };
  const side = (who: Who) => ({
    sustained: median(repetitions.map((r) => r[who].sustained)),
    answersKeptUpTo: median(repetitions.map((r) => keptUp(r[who]))),
  });
  const ours = side("ours");
  const baseline = side("baseline");
  return {
    stepMs: t.stepMs,
    pooledAcks: t.pooledAcks,
    factor: t.factor,
    p99AckLimitMs: P99_ACK_LIMIT_MS,
    repetitions,
    ours,
    baseline,
    ratio: ratio(ours.sustained, baseline.sustained),
    oursTopped: repetitions.every((r) => r.ours.topped),
    baselineTopped: repetitions.every((r) => r.baseline.topped),
    equalRates: compareAtEqualRates(repetitions, acksOf),
  };
};

/**
 * Commands at DURING_DIGEST_RATE a second while the same bot posts a digest of
 * DURING_DIGEST_TICKETS waiting tickets (the process's first digest, as a daily one always is).
 */
const measureDuringDigest = async (
  slack: SlackSide,
  api: TicketApi,
): Promise<DuringDigestRun & { ackSamples: number[] }> =>
  withTarget(
    "ours",
    slack,
    api,
    16,
    async (driver, target) => {
      let finished = false;
      const digest = target
        .ask<{ wallMs: number; cpuMs: number; outcome: string; total?: number }>("DIGEST", 120_000)
        .finally(() => {
          finished = true;
        });
      const run = await openLoop(driver, {
        rate: DURING_DIGEST_RATE,
        durationMs: 120_000,
        maxInFlight: MAX_IN_FLIGHT,
        firstIndex: commandIndices(DURING_DIGEST_RATE * 120),
        stopWhen: () => finished,
      });
      const done = await digest;
      await slack.waitForAnswers(run.outcomes, 20_000);
      if (done.outcome !== "posted" || done.total !== DURING_DIGEST_TICKETS) {
        throw new Error(
          `the digest during commands ended "${done.outcome}" with ${done.total} tickets\n${target.stderrTail()}`,
        );
      }
      return {
        digestMs: done.wallMs,
        digestCpuMs: done.cpuMs,
        outcome: done.outcome,
        total: done.total,
        ...describeCommands(run.outcomes, DIGEST_UPSTREAM_MS),
        ackSamples: run.outcomes.flatMap((o) => ackMsOf(o) ?? []),
      };
    },
    { DIGEST_CHANNEL: "C0BENCH00" },
  );

// ---------------------------------------------------------------- cold start

/**
 * Spawn → listening, and spawn → the first command acked, of the production build
 * (`node dist/main.js`, as `npm start` runs it, with its SQLite store) and of the bare Bolt app
 * bundled the same way. The first ack is judged: work put off until after listening still counts.
 */
const measureColdStart = async (
  who: Who,
  slack: SlackSide,
  api: TicketApi,
  productionMain: string,
  dataDir: string,
) => {
  const port = await freePort();
  const target = await startTarget<unknown>(who === "ours" ? productionMain : bundle("baseline"), {
    env: {
      ...targetEnv(who, slack, api),
      PORT: String(port),
      DATABASE_PATH: join(dataDir, "tickets.db"),
    },
    limitMs: TARGET_START_LIMIT_MS,
    ...(who === "ours" ? { readyLog: /listening on port/ } : {}),
  });
  const driver = slack.driverFor(port, 1);
  try {
    const first = await driver.send(commandIndices(1));
    await slack.waitForAnswers([first], 5000);
    if (first.status !== 200 || first.ackAt === undefined) {
      throw new Error(`${who}: first command not acknowledged\n${target.stderrTail()}`);
    }
    return {
      spawnToReadyMs: target.spawnToReadyMs,
      spawnToFirstAckMs: first.ackAt - target.spawnedAt,
    };
  } finally {
    driver.close();
    await target.stop();
  }
};

const measureColdStarts = async (
  slack: SlackSide,
  api: TicketApi,
  productionMain: string,
): Promise<ColdStart> => {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-store-"));
  try {
    const runs: Record<Who, { ready: number[]; firstAck: number[] }> = {
      ours: { ready: [], firstAck: [] },
      baseline: { ready: [], firstAck: [] },
    };
    // Run 0 fills the OS file cache for both, and creates the bot's database: not counted.
    for (let run = 0; run <= plan.coldStartRuns; run++) {
      for (const who of ["ours", "baseline"] as const) {
        const c = await measureColdStart(who, slack, api, productionMain, dataDir);
        if (run === 0) continue;
        runs[who].ready.push(c.spawnToReadyMs);
        runs[who].firstAck.push(c.spawnToFirstAckMs);
      }
    }
    const side = (who: Who, how: string) => ({
      how,
      spawnToReadyMs: median(runs[who].ready),
      spawnToFirstAckMs: median(runs[who].firstAck),
    });
    const ours = side("ours", "node dist/main.js (npm run build)");
    const baseline = side("baseline", "bare Bolt app, bundled with the same esbuild options");
    return {
      runs: plan.coldStartRuns,
      ours,
      baseline,
      readyRatio: ratio(ours.spawnToReadyMs, baseline.spawnToReadyMs),
      firstAckRatio: ratio(ours.spawnToFirstAckMs, baseline.spawnToFirstAckMs),
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

// ---------------------------------------------------------------- digest and render

const firstAndWarm = (wallMs: readonly number[]) => {
  const [firstMs = Number.NaN, ...warm] = wallMs;
  return { firstMs, warmMs: warm.length > 0 ? median(warm) : Number.NaN };
};

/** The bot's digest and the plain client, each in its own process, against the same pages. */
const measureDigest = async (size: number, api: TicketApi): Promise<DigestRow> => {
  await api.configure({ total: size, latencyMs: DIGEST_UPSTREAM_MS, prime: DIGEST_PRIME });
  const ours = await runToResult<DigestChildResult>(bundle("digest"), {
    args: ["--size", String(size), "--runs", String(plan.digestRuns)],
    env: {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      TICKET_API_URL: api.url,
      TICKET_API_TOKEN: TICKET_TOKEN,
      DIGEST_CHANNEL: "C0BENCH00",
      DIGEST_SCHEDULE: "off",
    },
    limitMs: 120_000,
  });
  const stats = await api.stats();
  if (stats.encodedOnRequest > 0) {
    notes.push(
      `digest of ${size}: the ticket API encoded ${stats.encodedOnRequest} of ${stats.requests} pages on request instead of in advance`,
    );
  }
  const plain = await runToResult<PlainChildResult>(bundle("plain-digest"), {
    args: [
      "--size",
      String(size),
      "--runs",
      String(plan.digestRuns),
      "--per-page",
      String(DIGEST_READ.perPage),
      "--concurrency",
      String(DIGEST_READ.concurrency),
    ],
    env: { TICKET_API_URL: api.url, TICKET_API_TOKEN: TICKET_TOKEN },
    limitMs: 120_000,
  });
  const pages = Math.ceil(size / DIGEST_READ.perPage);
  const idealMs = DIGEST_UPSTREAM_MS * (1 + Math.ceil((pages - 1) / DIGEST_READ.concurrency));
  const o = { ...ours, ...firstAndWarm(ours.wallMs) };
  const p = { ...plain, ...firstAndWarm(plain.wallMs) };
  return {
    tickets: size,
    pages,
    idealMs,
    ours: { ...o, firstRunGrowthBytes: ours.firstRunPeakRss - ours.idleRss },
    plain: p,
    firstVsPlain: ratio(o.firstMs, p.firstMs),
    warmVsPlain: ratio(o.warmMs, p.warmMs),
    firstVsIdeal: ratio(o.firstMs, idealMs),
    plainFirstVsIdeal: ratio(p.firstMs, idealMs),
    apiRequests: stats.requests,
    apiMaxInFlight: stats.maxInFlight,
  };
};

const measureDuringDigests = async (slack: SlackSide, api: TicketApi): Promise<DuringDigest> => {
  await api.configure({
    total: DURING_DIGEST_TICKETS,
    latencyMs: DIGEST_UPSTREAM_MS,
    prime: DIGEST_PRIME,
  });
  const runs: (DuringDigestRun & { ackSamples: number[] })[] = [];
  const acks: number[] = [];
  for (let run = 1; run <= plan.duringDigestRuns; run++) {
    log(
      `commands at ${DURING_DIGEST_RATE}/s during a ${DURING_DIGEST_TICKETS.toLocaleString("en")}-ticket digest (${run} of ${plan.duringDigestRuns})`,
    );
    const r = await measureDuringDigest(slack, api);
    log(
      `  digest ${r.digestMs.toFixed(0)} ms; ${r.sent} commands, ack p50 / p99 / max ${ms(r.ackMs)}`,
    );
    runs.push(r);
  }
  // The same acks again, pooled: p99 over every command of every run.
  for (const r of runs) acks.push(...r.ackSamples);
  return {
    tickets: DURING_DIGEST_TICKETS,
    rate: DURING_DIGEST_RATE,
    runs: runs.map(({ ackSamples: _, ...rest }) => rest),
    ackMs: summarize(acks),
    sent: runs.reduce((n, r) => n + r.sent, 0),
    ackedInTime: runs.reduce((n, r) => n + r.ackedInTime, 0),
  };
};

// ---------------------------------------------------------------- the run

const machine = (): Machine => {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${type()} ${release()} ${arch()}`,
    node: process.version,
    bolt: (
      JSON.parse(
        readFileSync(join(REPO_ROOT, "node_modules/@slack/bolt/package.json"), "utf8"),
      ) as { version: string }
    ).version,
  };
};

const build = async (): Promise<string> => {
  log("building: the bot (npm run build, if stale) and the benchmark's targets");
  const productionMain = buildProduction();
  built = await buildTargets();
  return productionMain;
};

const main = async (): Promise<Results> => {
  const startedAt = new Date();
  log(
    `${quick ? "quick" : "full"} run on ${cpus().length} cores, load average ${loadAtStart.toFixed(2)}`,
  );
  const productionMain = await build();
  const watch = await startLoadWatch();

  try {
    log("render (own process)");
    const render = await runToResult<RenderChildResult>(bundle("render"), {
      args: ["--budget-ms", String(plan.renderBudgetMs)],
      limitMs: 120_000,
    });

    const api = await startTicketApi();
    const slack = await startSlackSide();
    try {
      await api.configure({ total: LIST_QUERY_TOTAL, latencyMs: COMMAND_UPSTREAM_MS });

      log("cold start of the production build and of the bundled bare Bolt app");
      const coldStart = await measureColdStarts(slack, api, productionMain);

      const closedLoopRows: ClosedLoopRow[] = [];
      for (const concurrency of plan.concurrencies) {
        log(`ack and answer at concurrency ${concurrency}`);
        const ours = await measureClosedLoop("ours", concurrency, slack, api);
        const baseline = await measureClosedLoop("baseline", concurrency, slack, api);
        closedLoopRows.push({
          concurrency,
          ours,
          baseline,
          ackP99Ratio: ratio(ours.ackMs.p99, baseline.ackMs.p99),
          answerP99Ratio: ratio(ours.answerMs.p99, baseline.answerMs.p99),
        });
      }

      log(`burst of ${plan.burst} commands at once, ${BURST_UPSTREAM_MS} ms upstream`);
      const burst = await measureBurst(slack, api);

      log(`${plan.atOnce} commands at once, ${AT_ONCE_UPSTREAM_MS} ms upstream`);
      const atOnce = await measureAtOnce(slack, api);

      log(`${plan.floodCommands} commands during a flood of unsigned 4 MB bodies`);
      const flood = await measureFlood(slack, api);

      const throughput = await measureThroughput(slack, api);

      const digest: DigestRow[] = [];
      for (const size of plan.digestSizes) {
        log(`digest of ${size.toLocaleString("en")} tickets and the plain client (own processes)`);
        const d = await measureDigest(size, api);
        log(
          `  first ${d.ours.firstMs.toFixed(0)} ms (plain client ${d.plain.firstMs.toFixed(0)} ms, ideal ${d.idealMs} ms)`,
        );
        digest.push(d);
      }

      const duringDigest = await measureDuringDigests(slack, api);

      const partial: Omit<Results, "targets" | "load" | "durationS"> = {
        mode: quick ? "quick" : "full",
        startedAt: startedAt.toISOString(),
        machine: machine(),
        settings: {
          commandUpstreamLatencyMs: COMMAND_UPSTREAM_MS,
          digestUpstreamLatencyMs: DIGEST_UPSTREAM_MS,
          digestConcurrency: DIGEST_READ.concurrency,
          digestPageSize: DIGEST_READ.perPage,
          upstreamRequestsAtOnce: MAX_UPSTREAM_REQUESTS,
          warmupCommands: plan.warmup,
          commandsPerConcurrency: plan.commands,
          digestRuns: plan.digestRuns,
        },
        closedLoop: closedLoopRows,
        throughput,
        burst,
        atOnce,
        flood,
        render,
        digest,
        duringDigest,
        coldStart,
        notes,
      };
      const results: Results = {
        ...partial,
        durationS: Math.round((performance.now() - runStart) / 1000),
        load: watch.summary(),
        targets: [],
      };
      results.targets = judge(results);
      return results;
    } finally {
      await slack.close();
      await api.stop();
    }
  } finally {
    await watch.stop();
  }
};

const watchdog = setTimeout(() => {
  log(`stopped: the run took longer than ${plan.limitMs / 1000} s`);
  killAllChildren();
  process.exit(1);
}, plan.limitMs);

/** `--load`: the two load phases alone, fresh targets each time. */
const loadPhases = async () => {
  await build();
  const api = await startTicketApi();
  const slack = await startSlackSide();
  try {
    for (let run = 1; run <= LOAD_RUNS; run++) {
      const r = await measureAtOnce(slack, api);
      log(
        `${plan.atOnce} at once, run ${run}: ${r.ackedInTime} of ${r.sent} acked within 3 s, ack p50 / p99 / max ${ms(r.ackMs)}, ${r.toldBusy} told busy, ${r.answeredWithList} answered with a list, answer p50 / p99 / max ${ms(r.answerMs)}, load ${(loadavg()[0] ?? 0).toFixed(2)}`,
      );
    }
    for (let run = 1; run <= LOAD_RUNS; run++) {
      const r = await measureFlood(slack, api);
      log(
        `flood, run ${run}: ${r.ackedInTime} of ${r.sent} acked within 3 s, ack p50 / p99 / max ${ms(r.ackMs)}, ${r.answeredWithList} answered with a list; ${r.floodRequests} flood requests ${JSON.stringify(r.floodStatuses)}, load ${(loadavg()[0] ?? 0).toFixed(2)}`,
      );
    }
  } finally {
    await slack.close();
    await api.stop();
  }
};

/** `--cold-start` or `--answers`: one phase, several times, printed. */
const onePhase = async (phase: (typeof PHASES)[number]) => {
  const productionMain = await build();
  const api = await startTicketApi();
  const slack = await startSlackSide();
  try {
    await api.configure({ total: LIST_QUERY_TOTAL, latencyMs: COMMAND_UPSTREAM_MS });
    for (let run = 1; run <= repeats; run++) {
      const load = `load ${(loadavg()[0] ?? 0).toFixed(2)}`;
      if (phase === "digest") {
        const growth: number[] = [];
        for (const size of [10_000, 100_000]) {
          const d = await measureDigest(size, api);
          growth.push(d.ours.firstRunGrowthBytes);
          log(
            `digest of ${size}, run ${run}: first ${d.ours.firstMs.toFixed(0)} ms vs plain ${d.plain.firstMs.toFixed(0)} ms (${d.firstVsPlain?.toFixed(2)}x), RSS growth ${(d.ours.firstRunGrowthBytes / 2 ** 20).toFixed(0)} MB (peak from ${d.ours.firstRunPeakFrom}), ${load}`,
          );
        }
        log(`RSS growth 100,000 vs 10,000: ${ratio(growth[1] ?? 0, growth[0] ?? 0)?.toFixed(2)}x`);
        continue;
      }
      if (phase === "cold-start") {
        const c = await measureColdStarts(slack, api, productionMain);
        log(
          `cold start, run ${run}: first ack ${c.ours.spawnToFirstAckMs.toFixed(0)} vs ${c.baseline.spawnToFirstAckMs.toFixed(0)} ms (${c.firstAckRatio?.toFixed(2)}x), listening ${c.ours.spawnToReadyMs.toFixed(0)} vs ${c.baseline.spawnToReadyMs.toFixed(0)} ms (${c.readyRatio?.toFixed(2)}x), ${load}`,
        );
        continue;
      }
      for (const concurrency of [1, 50]) {
        const ours = await measureClosedLoop("ours", concurrency, slack, api);
        const baseline = await measureClosedLoop("baseline", concurrency, slack, api);
        log(
          `answers at ${concurrency} concurrent, run ${run}: p99 ${ours.answerMs.p99.toFixed(1)} vs ${baseline.answerMs.p99.toFixed(1)} ms (${ratio(ours.answerMs.p99, baseline.answerMs.p99)?.toFixed(2)}x), p50 ${ours.answerMs.p50.toFixed(1)} vs ${baseline.answerMs.p50.toFixed(1)} ms, ${ours.commandsPerSecond} vs ${baseline.commandsPerSecond}/s, ${load}`,
        );
      }
    }
  } finally {
    await slack.close();
    await api.stop();
  }
};

/** `--rates`: see its comment. */
const ratesPhase = async (rates: readonly number[]) => {
  if (rates.length === 0 || rates.some((r) => !Number.isFinite(r) || r <= 0)) {
    throw new Error("--rates takes rates a second separated by commas, like --rates 1281,1922");
  }
  await build();
  const api = await startTicketApi();
  const slack = await startSlackSide();
  try {
    await api.configure({ total: LIST_QUERY_TOTAL, latencyMs: COMMAND_UPSTREAM_MS });
    const pooled = new Map<number, { ours: ThroughputStep; baseline: ThroughputStep }[]>();
    for (let run = 1; run <= repeats; run++) {
      for (const rate of rates) {
        const load = `load ${(loadavg()[0] ?? 0).toFixed(2)}`;
        // Two lower steps first, as the ladder climbs to this rate: its connections and code warm.
        const at = async (who: Who) =>
          withTarget(who, slack, api, 256, async (driver) => {
            for (const lower of [rate / 3, (2 * rate) / 3]) {
              await throughputStep(who, slack, driver, Math.round(lower));
            }
            return throughputStep(who, slack, driver, rate);
          });
        const baseline = await at("baseline");
        const ours = await at("ours");
        pooled.set(rate, [...(pooled.get(rate) ?? []), { ours, baseline }]);
        log(
          `${rate}/s, run ${run}: ack p99 ${ours.ackP99Ms.toFixed(1)} vs ${baseline.ackP99Ms.toFixed(1)} ms (${ratio(ours.ackP99Ms, baseline.ackP99Ms)?.toFixed(2)}x), ${ours.toldBusy} told busy, ${load}`,
        );
      }
    }
    for (const [rate, runs] of pooled) {
      const p99 = (who: Who) =>
        percentileOf(
          runs.flatMap((r) => acksOf(r[who])),
          99,
        );
      log(
        `${rate}/s, all ${runs.length} runs' acks together: p99 ${p99("ours").toFixed(1)} vs ${p99("baseline").toFixed(1)} ms (${ratio(p99("ours"), p99("baseline"))?.toFixed(2)}x)`,
      );
    }
  } finally {
    await slack.close();
    await api.stop();
  }
};

const writeToTemporary = (results: Results): string => {
  const out = join(mkdtempSync(join(tmpdir(), "bench-")), "results.json");
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  return out;
};

const runAll = async () => {
  const results = await main();
  const text = renderReport(results);
  process.stdout.write(`${text}\n`);
  if (quick) {
    const out = writeToTemporary(results);
    log(`quick run: figures in ${out} (bench/results.json and docs/performance.md untouched)`);
    return;
  }
  const refusal = refusalForNode(process.version) ?? refusalToWrite(results.load);
  if (refusal) {
    const out = writeToTemporary(results);
    log(`not writing docs/performance.md or bench/results.json: ${refusal}`);
    log(`the table is printed above; the figures are in ${out}`);
    return;
  }
  writeFileSync(join(REPO_ROOT, "bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);
  updateReadme(join(REPO_ROOT, "docs/performance.md"), text);
  log("wrote bench/results.json and the table in docs/performance.md");
};

try {
  // `--home`: the Home tab's panel requests alone (bench/home.ts), which exits by itself;
  // `--memory`: what a digest keeps and compares at 100,000 waiting (bench/digest-memory.ts).
  if (process.argv.includes("--home")) await import("./home");
  else if (process.argv.includes("--memory")) {
    await import("./digest-memory");
    process.exit(process.exitCode ?? 0);
  } else if (loadOnly) await loadPhases();
  else if (phaseOnly) await onePhase(phaseOnly);
  else if (ratesOnly) await ratesPhase(ratesOnly);
  else await runAll();
  clearTimeout(watchdog);
  process.exit(0);
} catch (error) {
  log(`could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  killAllChildren();
  process.exit(1);
}
