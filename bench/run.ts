import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { arch, cpus, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { en } from "../src/i18n";
import { killAllChildren, REPO_ROOT, runToResult, startTarget } from "./lib/children";
import { type CommandOutcome, type SlackSide, startSlackSide } from "./lib/command-driver";
import { startFlood } from "./lib/flood";
import { closedLoop, openLoop } from "./lib/load";
import {
  type CommandFigures,
  mb,
  ms,
  type Target,
  table,
  times,
  updateReadme,
  us,
  verdict,
} from "./lib/report";
import {
  BOT_TOKEN,
  DIGEST_CONCURRENCY,
  DIGEST_PAGE_SIZE,
  LIST_QUERY_TOTAL,
  LOOPBACK,
  SIGNING_SECRET,
  TICKET_TOKEN,
} from "./lib/settings";
import { median, ratio, summarize } from "./lib/stats";

/**
 * `npm run bench [-- --quick]`: the bot against a bare Bolt app, in one run, on loopback.
 *
 * Processes: this runner (load generator and Slack stand-in), the ticket API stand-in, and one
 * fresh target at a time (the bot or the baseline, started the same way). A full run writes
 * bench/results.json and the table in docs/performance.md; --quick writes to a temporary
 * directory only, and exits non-zero only when something could not run, never for a missed
 * target.
 */

const quick = process.argv.includes("--quick");
/**
 * `--load`: only the two load phases (500 at once, commands during a flood), several fresh
 * targets each, printed and written nowhere: for working on the ack path.
 */
const loadOnly = process.argv.includes("--load");

const PLANS = {
  full: {
    coldStartRuns: 5,
    concurrencies: [1, 50, 200],
    commands: { 1: 300, 50: 2000, 200: 3000 } as Record<number, number>,
    warmup: 300,
    throughput: { firstRate: 50, factor: 1.5, maxSteps: 12, stepMs: 3000, refine: true },
    renderBudgetMs: 1000,
    digestSizes: [1000, 10_000, 100_000],
    digestRuns: 5,
    atOnce: 500,
    floodCommands: 30,
    limitMs: 12 * 60_000,
  },
  quick: {
    coldStartRuns: 2,
    concurrencies: [1, 50],
    commands: { 1: 100, 50: 500 } as Record<number, number>,
    warmup: 100,
    throughput: { firstRate: 100, factor: 2, maxSteps: 5, stepMs: 1000, refine: false },
    renderBudgetMs: 100,
    digestSizes: [1000, 10_000],
    digestRuns: 3,
    // Enough to keep the phases working; the 500 of the target is for full runs.
    atOnce: 200,
    floodCommands: 10,
    limitMs: 100_000,
  },
};
const plan = quick ? PLANS.quick : PLANS.full;

/** Instant, as the issue asks for command latency; answer latency subtracts whatever it is. */
const COMMAND_UPSTREAM_MS = 0;
/** The burst a busy morning brings: every command at once against a slow panel. */
const BURST_SIZE = 200;
const BURST_UPSTREAM_MS = 500;
/**
 * Slack's worst morning: this many commands in the same instant, against a panel that answers
 * at once, so that every answer competes with the acks for the event loop.
 */
const AT_ONCE_SIZE = plan.atOnce;
const AT_ONCE_UPSTREAM_MS = 0;
/** `--load` runs each load phase this many times (the issue saw misses in 3 runs of 5). */
const LOAD_RUNS = 5;
/** Unsigned 4 MB bodies on this many connections at once, while real commands come in. */
const FLOOD_CONNECTIONS = 60;
const FLOOD_BODY_BYTES = 4 * 1024 * 1024;
const FLOOD_COMMANDS = plan.floodCommands;
const FLOOD_COMMAND_GAP_MS = 100;
const DIGEST_UPSTREAM_MS = 50;
const P99_ACK_LIMIT_MS = 1000;
const SLACK_ACK_LIMIT_MS = 3000;
const MAX_IN_FLIGHT = 1500;
const TARGET_START_LIMIT_MS = 30_000;
const LOOP_LIMIT_MS = 60_000;

const TARGETS = {
  ours: "bench/targets/bot.ts",
  baseline: "bench/targets/baseline.ts",
} as const;
type Who = keyof typeof TARGETS;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
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

// ---------------------------------------------------------------- ticket API stand-in

const startTicketApi = async () => {
  const api = await startTarget<{ port: number }>("bench/targets/ticket-api.ts", {
    limitMs: TARGET_START_LIMIT_MS,
  });
  const base = `http://${LOOPBACK}:${api.ready.port}`;
  return {
    url: base,
    configure: async (settings: { total: number; latencyMs: number }) => {
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
      },
    stop: () => api.stop(),
  };
};
type TicketApi = Awaited<ReturnType<typeof startTicketApi>>;

// ---------------------------------------------------------------- commands

const describeCommands = (
  outcomes: readonly CommandOutcome[],
  upstreamMs: number,
): CommandFigures => {
  const acked = outcomes.filter((o) => o.status === 200 && o.ackAt !== undefined);
  const answered = outcomes.filter((o) => o.answerAt !== undefined);
  return {
    sent: outcomes.length,
    acked: acked.length,
    ackedInTime: acked.filter((o) => (o.ackAt ?? 0) - o.sentAt <= SLACK_ACK_LIMIT_MS).length,
    errors: outcomes.length - acked.length,
    answered: answered.length,
    answeredWithList: outcomes.filter((o) => o.answeredWithList).length,
    ackMs: summarize(acked.map((o) => (o.ackAt ?? 0) - o.sentAt)),
    answerMs: summarize(answered.map((o) => (o.answerAt ?? 0) - o.sentAt - upstreamMs)),
  };
};

const targetEnv = (slack: SlackSide, api: TicketApi): Record<string, string> => ({
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: slack.apiUrl,
  SLACK_HOOKS_URL: slack.origin,
  TICKET_API_URL: api.url,
  TICKET_API_TOKEN: TICKET_TOKEN,
  DIGEST_SCHEDULE: "off",
  LOG_LEVEL: "info",
});

/** A fresh target, warmed up with the same commands for both, then `measure`d and stopped. */
const withTarget = async <T>(
  who: Who,
  slack: SlackSide,
  api: TicketApi,
  sockets: number,
  measure: (driver: ReturnType<SlackSide["driverFor"]>, port: number) => Promise<T>,
): Promise<T> => {
  const target = await startTarget<{ port: number }>(TARGETS[who], {
    env: targetEnv(slack, api),
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
      firstIndex: 500_000,
    });
    await slack.waitForAnswers(warm, 10_000);
    if (!warm.some((o) => o.status === 200)) {
      throw new Error(`${who}: no command was acknowledged\n${target.stderrTail()}`);
    }
    const result = await measure(driver, target.ready.port);
    noteErrors(`${who} (${sockets} sockets)`, target.stderrTail());
    return result;
  } finally {
    driver.close();
    await target.stop();
  }
};

const measureAck = async (who: Who, concurrency: number, slack: SlackSide, api: TicketApi) =>
  withTarget(who, slack, api, concurrency, async (driver) => {
    const loopBefore = performance.eventLoopUtilization();
    const started = performance.now();
    const outcomes = await closedLoop(driver, {
      concurrency,
      count: plan.commands[concurrency] ?? 100,
      limitMs: LOOP_LIMIT_MS,
      firstIndex: 0,
    });
    // Near 1, the runner itself was the bottleneck and the target's figures are flattered.
    const runnerBusy = performance.eventLoopUtilization(loopBefore).utilization;
    // In a closed loop a target that answers slowly is sent fewer commands per second.
    const commandsPerSecond = outcomes.length / ((performance.now() - started) / 1000);
    await slack.waitForAnswers(outcomes, 20_000);
    return {
      // The baseline makes no upstream call, so there is nothing to subtract from its answers.
      ...describeCommands(outcomes, who === "ours" ? COMMAND_UPSTREAM_MS : 0),
      runnerBusy: Math.round(runnerBusy * 100) / 100,
      commandsPerSecond: Math.round(commandsPerSecond),
    };
  });

/** BURST_SIZE commands sent at the same moment, the ticket API taking BURST_UPSTREAM_MS each. */
const measureBurst = async (slack: SlackSide, api: TicketApi) =>
  withTarget("ours", slack, api, BURST_SIZE, async (driver) => {
    await api.configure({ total: LIST_QUERY_TOTAL, latencyMs: BURST_UPSTREAM_MS });
    try {
      const outcomes = await closedLoop(driver, {
        concurrency: BURST_SIZE,
        count: BURST_SIZE,
        limitMs: LOOP_LIMIT_MS,
        firstIndex: 3_000_000,
      });
      await slack.waitForAnswers(outcomes, 30_000);
      const stats = await api.stats();
      return {
        ...describeCommands(outcomes, BURST_UPSTREAM_MS),
        upstreamMaxInFlight: stats.maxInFlight,
      };
    } finally {
      await api.configure({ total: LIST_QUERY_TOTAL, latencyMs: COMMAND_UPSTREAM_MS });
    }
  });

/**
 * AT_ONCE_SIZE commands on as many connections, all sent in the same instant. Every one must be
 * acked within Slack's 3 s: with the list, or with the catalog's "busy, try again" when the bot
 * sheds load. Answers from a fast panel compete with the acks for the event loop.
 */
const measureAtOnce = async (slack: SlackSide, api: TicketApi) =>
  withTarget("ours", slack, api, AT_ONCE_SIZE, async (driver) => {
    await api.configure({ total: LIST_QUERY_TOTAL, latencyMs: AT_ONCE_UPSTREAM_MS });
    try {
      const outcomes = await closedLoop(driver, {
        concurrency: AT_ONCE_SIZE,
        count: AT_ONCE_SIZE,
        limitMs: LOOP_LIMIT_MS,
        firstIndex: 4_000_000,
      });
      await slack.waitForAnswers(outcomes, 30_000);
      const busy = outcomes.filter((o) => o.ackBody?.includes(en.requests.busy)).length;
      return {
        size: AT_ONCE_SIZE,
        upstreamMs: AT_ONCE_UPSTREAM_MS,
        ...describeCommands(outcomes, AT_ONCE_UPSTREAM_MS),
        toldBusy: busy,
      };
    } finally {
      await api.configure({ total: LIST_QUERY_TOTAL, latencyMs: COMMAND_UPSTREAM_MS });
    }
  });

/**
 * FLOOD_COMMANDS real commands, one every FLOOD_COMMAND_GAP_MS, while FLOOD_CONNECTIONS
 * connections keep posting unsigned 4 MB bodies: the commands' acks must not wait behind them.
 */
const measureFlood = async (slack: SlackSide, api: TicketApi) =>
  withTarget("ours", slack, api, 8, async (driver, port) => {
    const flood = startFlood(port, FLOOD_CONNECTIONS, FLOOD_BODY_BYTES);
    let floodStats: ReturnType<ReturnType<typeof startFlood>["stop"]>;
    const sends: Promise<CommandOutcome>[] = [];
    try {
      await pause(500);
      for (let i = 0; i < FLOOD_COMMANDS; i++) {
        sends.push(driver.send(5_000_000 + i));
        await pause(FLOOD_COMMAND_GAP_MS);
      }
      const outcomes = await Promise.all(sends);
      floodStats = flood.stop();
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

interface ThroughputStep {
  rate: number;
  planned: number;
  acked: number;
  answered: number;
  errors: number;
  overloaded: boolean;
  ackP99Ms: number;
  answerP99Ms: number;
  /** p99 ack within the limit, every command acked: the issue's definition of sustained. */
  ok: boolean;
  /** Also every command answered, with a p99 answer within the same limit. */
  answersKeptUp: boolean;
}

const measureThroughput = async (who: Who, slack: SlackSide, api: TicketApi) =>
  withTarget(who, slack, api, 256, async (driver) => {
    const t = plan.throughput;
    const steps: ThroughputStep[] = [];
    const step = async (rate: number, index: number): Promise<ThroughputStep> => {
      const run = await openLoop(driver, {
        rate,
        durationMs: t.stepMs,
        maxInFlight: MAX_IN_FLIGHT,
        firstIndex: 1_000_000 + index * 100_000,
      });
      await slack.waitForAnswers(run.outcomes, 10_000);
      const figures = describeCommands(run.outcomes, who === "ours" ? COMMAND_UPSTREAM_MS : 0);
      const result: ThroughputStep = {
        rate: Math.round(rate),
        planned: run.planned,
        acked: figures.acked,
        answered: figures.answered,
        errors: figures.errors + (run.planned - run.outcomes.length),
        overloaded: run.overloaded,
        ackP99Ms: figures.ackMs.p99,
        answerP99Ms: figures.answerMs.p99,
        ok: false,
        answersKeptUp: false,
      };
      result.ok = !run.overloaded && result.errors === 0 && result.ackP99Ms <= P99_ACK_LIMIT_MS;
      result.answersKeptUp =
        result.ok && result.answered === run.planned && result.answerP99Ms <= P99_ACK_LIMIT_MS;
      steps.push(result);
      log(
        `  ${who} ${result.rate}/s: p99 ack ${result.ackP99Ms.toFixed(1)} ms, p99 answer ${result.answerP99Ms.toFixed(1)} ms, ${result.answered} of ${run.planned} answered`,
      );
      // Lets the last answers and garbage settle before the next, faster step.
      await pause(300);
      return result;
    };
    let rate = t.firstRate;
    let lastOk: number | undefined;
    let firstBad: number | undefined;
    for (let i = 0; i < t.maxSteps; i++) {
      const s = await step(rate, i);
      if (!s.ok) {
        firstBad = rate;
        break;
      }
      lastOk = rate;
      rate *= t.factor;
    }
    if (t.refine && lastOk !== undefined && firstBad !== undefined) {
      const mid = Math.round((lastOk + firstBad) / 2);
      if ((await step(mid, t.maxSteps)).ok) lastOk = mid;
    }
    const keptUp = steps.filter((s) => s.answersKeptUp).map((s) => s.rate);
    return {
      sustained: lastOk === undefined ? 0 : Math.round(lastOk),
      answersKeptUpTo: keptUp.length > 0 ? Math.max(...keptUp) : 0,
      steps,
    };
  });

// ---------------------------------------------------------------- cold start

const measureColdStart = async (who: Who, slack: SlackSide, api: TicketApi) => {
  const target = await startTarget<{ port: number; readyMs: number }>(TARGETS[who], {
    env: targetEnv(slack, api),
    limitMs: TARGET_START_LIMIT_MS,
  });
  const driver = slack.driverFor(target.ready.port, 1);
  try {
    const first = await driver.send(0);
    await slack.waitForAnswers([first], 5000);
    if (first.status !== 200 || first.ackAt === undefined) {
      throw new Error(`${who}: first command not acknowledged\n${target.stderrTail()}`);
    }
    return {
      spawnToReadyMs: target.spawnToReadyMs,
      spawnToFirstAckMs: first.ackAt - target.spawnedAt,
      inProcessReadyMs: target.ready.readyMs,
    };
  } finally {
    driver.close();
    await target.stop();
  }
};

// ---------------------------------------------------------------- digest and render

interface DigestChildResult {
  tickets: number;
  pages: number;
  wallMs: number[];
  maxConcurrentPages: number;
  idleRss: number;
  idleHeapUsed: number;
  peakRss: number;
  peakHeapUsed: number;
  peakHeapTotal: number;
  maxRss: number;
}

const measureDigest = async (size: number, api: TicketApi) => {
  await api.configure({ total: size, latencyMs: DIGEST_UPSTREAM_MS });
  const r = await runToResult<DigestChildResult>("bench/targets/digest.ts", {
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
  const pages = Math.ceil(size / DIGEST_PAGE_SIZE);
  const idealMs = DIGEST_UPSTREAM_MS * (1 + Math.ceil((pages - 1) / DIGEST_CONCURRENCY));
  const [firstMs = Number.NaN, ...warm] = r.wallMs;
  const warmMs = warm.length > 0 ? median(warm) : firstMs;
  return {
    ...r,
    expectedPages: pages,
    idealMs,
    firstMs,
    warmMs,
    firstRatio: ratio(firstMs, idealMs),
    warmRatio: ratio(warmMs, idealMs),
    peakRssBytes: Math.max(r.maxRss, r.peakRss),
  };
};

interface Timed {
  usPerCall: number;
  calls: number;
}
interface RenderChildResult {
  list20: { render: Timed; stringify: Timed };
  digest10k: { render: Timed; stringify: Timed; fold: Timed };
  page1000: { parse: Timed; jsonParse: Timed };
}

// ---------------------------------------------------------------- the run

const machine = () => {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${type()} ${release()} ${arch()}`,
    node: process.version,
    // Other work on the machine skews every figure; the 1-minute load says how much there was.
    loadAverageAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    bolt: (
      JSON.parse(
        readFileSync(join(REPO_ROOT, "node_modules/@slack/bolt/package.json"), "utf8"),
      ) as { version: string }
    ).version,
  };
};

const main = async () => {
  const startedAt = new Date();
  const runStart = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  log(
    `${quick ? "quick" : "full"} run on ${cpus().length} cores, load average ${loadAtStart.toFixed(2)}`,
  );
  if (loadAtStart > cpus().length / 2) {
    log("the machine is busy: figures will be noisier and slower than on an idle one");
  }

  log("render (own process)");
  const render = await runToResult<RenderChildResult>("bench/targets/render.ts", {
    args: ["--budget-ms", String(plan.renderBudgetMs)],
    limitMs: 120_000,
  });

  const api = await startTicketApi();
  const slack = await startSlackSide();
  try {
    await api.configure({ total: LIST_QUERY_TOTAL, latencyMs: COMMAND_UPSTREAM_MS });

    log("cold start");
    const cold: Record<
      Who,
      { spawnToReadyMs: number[]; spawnToFirstAckMs: number[]; inProcessReadyMs: number[] }
    > = {
      ours: { spawnToReadyMs: [], spawnToFirstAckMs: [], inProcessReadyMs: [] },
      baseline: { spawnToReadyMs: [], spawnToFirstAckMs: [], inProcessReadyMs: [] },
    };
    // Run 0 fills tsx's transform cache and the OS file cache for both; it is not counted.
    for (let run = 0; run <= plan.coldStartRuns; run++) {
      for (const who of ["ours", "baseline"] as const) {
        const c = await measureColdStart(who, slack, api);
        if (run === 0) continue;
        cold[who].spawnToReadyMs.push(c.spawnToReadyMs);
        cold[who].spawnToFirstAckMs.push(c.spawnToFirstAckMs);
        cold[who].inProcessReadyMs.push(c.inProcessReadyMs);
      }
    }
    const coldStart = {
      runs: plan.coldStartRuns,
      ours: {
        spawnToReadyMs: median(cold.ours.spawnToReadyMs),
        spawnToFirstAckMs: median(cold.ours.spawnToFirstAckMs),
        inProcessReadyMs: median(cold.ours.inProcessReadyMs),
      },
      baseline: {
        spawnToReadyMs: median(cold.baseline.spawnToReadyMs),
        spawnToFirstAckMs: median(cold.baseline.spawnToFirstAckMs),
        inProcessReadyMs: median(cold.baseline.inProcessReadyMs),
      },
      ratio: ratio(median(cold.ours.spawnToReadyMs), median(cold.baseline.spawnToReadyMs)),
      firstAckRatio: ratio(
        median(cold.ours.spawnToFirstAckMs),
        median(cold.baseline.spawnToFirstAckMs),
      ),
    };

    const ack: {
      concurrency: number;
      ours: CommandFigures & { runnerBusy: number; commandsPerSecond: number };
      baseline: CommandFigures & { runnerBusy: number; commandsPerSecond: number };
      p99Ratio: number | undefined;
      answerP99Ratio: number | undefined;
    }[] = [];
    for (const concurrency of plan.concurrencies) {
      log(`ack and answer at concurrency ${concurrency}`);
      const ours = await measureAck("ours", concurrency, slack, api);
      const baseline = await measureAck("baseline", concurrency, slack, api);
      ack.push({
        concurrency,
        ours,
        baseline,
        p99Ratio: ratio(ours.ackMs.p99, baseline.ackMs.p99),
        answerP99Ratio: ratio(ours.answerMs.p99, baseline.answerMs.p99),
      });
    }

    log(`burst of ${BURST_SIZE} commands at once, ${BURST_UPSTREAM_MS} ms upstream`);
    const burst = {
      size: BURST_SIZE,
      upstreamMs: BURST_UPSTREAM_MS,
      ...(await measureBurst(slack, api)),
    };

    log(`${AT_ONCE_SIZE} commands at once, ${AT_ONCE_UPSTREAM_MS} ms upstream`);
    const atOnce = await measureAtOnce(slack, api);

    log(`${FLOOD_COMMANDS} commands during a flood of unsigned 4 MB bodies`);
    const flood = await measureFlood(slack, api);

    log("throughput");
    const throughputOurs = await measureThroughput("ours", slack, api);
    const throughputBaseline = await measureThroughput("baseline", slack, api);
    const throughput = {
      p99AckLimitMs: P99_ACK_LIMIT_MS,
      stepMs: plan.throughput.stepMs,
      ours: throughputOurs,
      baseline: throughputBaseline,
      ratio: ratio(throughputOurs.sustained, throughputBaseline.sustained),
      answersRatio: ratio(throughputOurs.answersKeptUpTo, throughputBaseline.answersKeptUpTo),
    };

    const digest = [];
    for (const size of plan.digestSizes) {
      log(`digest of ${size} tickets (own process)`);
      const d = await measureDigest(size, api);
      const stats = await api.stats();
      digest.push({ ...d, apiRequests: stats.requests, apiMaxInFlight: stats.maxInFlight });
    }

    const results = {
      mode: quick ? "quick" : "full",
      startedAt: startedAt.toISOString(),
      durationS: Math.round((performance.now() - runStart) / 1000),
      machine: { ...machine(), loadAverageAtStart: Math.round(loadAtStart * 100) / 100 },
      settings: {
        commandUpstreamLatencyMs: COMMAND_UPSTREAM_MS,
        digestUpstreamLatencyMs: DIGEST_UPSTREAM_MS,
        digestConcurrency: DIGEST_CONCURRENCY,
        digestPageSize: DIGEST_PAGE_SIZE,
        warmupCommands: plan.warmup,
        commandsPerConcurrency: plan.commands,
      },
      ack,
      burst,
      atOnce,
      flood,
      throughput,
      render,
      digest,
      coldStart,
      notes,
      targets: [] as Target[],
    };
    results.targets = judge(results);
    return results;
  } finally {
    await slack.close();
    await api.stop();
  }
};

type Results = Awaited<ReturnType<typeof main>>;

const judge = (r: Omit<Results, "targets">): Target[] => {
  const targets: Target[] = r.ack.map((a) => ({
    name: `ack p99 at ${a.concurrency} concurrent`,
    measured: `${a.ours.ackMs.p99.toFixed(1)} ms vs ${a.baseline.ackMs.p99.toFixed(1)} ms (${times(a.p99Ratio)})`,
    limit: "≤ 1.2× baseline",
    met: a.p99Ratio === undefined ? undefined : a.p99Ratio <= 1.2,
  }));
  const at200 = r.ack.find((a) => a.concurrency === 200);
  targets.push({
    name: "every command at 200 concurrent acked and answered",
    measured: at200
      ? `${at200.ours.ackedInTime} acked within 3 s, ${at200.ours.answeredWithList} answered with a list, of ${at200.ours.sent}`
      : "not run (quick)",
    limit: "all",
    met: at200
      ? at200.ours.ackedInTime === at200.ours.sent &&
        at200.ours.answeredWithList === at200.ours.sent
      : undefined,
  });
  targets.push({
    name: `${r.burst.size} commands at once, ${r.burst.upstreamMs} ms upstream: acked within 3 s and answered`,
    measured: `${r.burst.ackedInTime} acked within 3 s (max ${r.burst.ackMs.max.toFixed(0)} ms), ${r.burst.answeredWithList} answered with a list, of ${r.burst.sent}`,
    limit: "all",
    met: r.burst.ackedInTime === r.burst.sent && r.burst.answeredWithList === r.burst.sent,
  });
  targets.push({
    name: `${r.atOnce.size} commands at once: every one acked within 3 s`,
    measured: `${r.atOnce.ackedInTime} of ${r.atOnce.sent} (max ${r.atOnce.ackMs.max.toFixed(0)} ms), ${r.atOnce.toldBusy} told busy, ${r.atOnce.answeredWithList} answered with a list`,
    limit: "all",
    met: r.atOnce.ackedInTime === r.atOnce.sent,
  });
  targets.push({
    name: `commands during a flood of ${r.flood.connections} unsigned 4 MB bodies: acked within 3 s and answered`,
    measured: `${r.flood.ackedInTime} acked within 3 s (max ${r.flood.ackMs.max.toFixed(0)} ms), ${r.flood.answeredWithList} answered with a list, of ${r.flood.sent}`,
    limit: "all",
    met: r.flood.ackedInTime === r.flood.sent && r.flood.answeredWithList === r.flood.sent,
  });
  for (const d of r.digest) {
    targets.push({
      name: `digest of ${d.tickets.toLocaleString("en")} wall time`,
      measured: `${d.warmMs.toFixed(0)} ms warm (${times(d.warmRatio)}), ${d.firstMs.toFixed(0)} ms first (${times(d.firstRatio)}); ideal ${d.idealMs} ms`,
      limit: "≤ 1.25× ideal",
      met: d.warmRatio === undefined ? undefined : d.warmRatio <= 1.25,
    });
  }
  const smallest = r.digest[0];
  const largest = r.digest.at(-1);
  if (smallest && largest && largest !== smallest) {
    const q = ratio(largest.peakRssBytes, smallest.peakRssBytes);
    targets.push({
      name: `peak RSS at ${largest.tickets.toLocaleString("en")} vs ${smallest.tickets.toLocaleString("en")} tickets`,
      measured: `${mb(largest.peakRssBytes)} MB vs ${mb(smallest.peakRssBytes)} MB (${times(q)})`,
      limit: "≤ 1.5×",
      met: q === undefined ? undefined : q <= 1.5,
    });
  }
  targets.push({
    name: "cold start (spawn → ready)",
    measured: `${r.coldStart.ours.spawnToReadyMs.toFixed(0)} ms vs ${r.coldStart.baseline.spawnToReadyMs.toFixed(0)} ms (${times(r.coldStart.ratio)})`,
    limit: "≤ 1.5× baseline",
    met: r.coldStart.ratio === undefined ? undefined : r.coldStart.ratio <= 1.5,
  });
  return targets;
};

const report = (r: Results): string => {
  const m = r.machine;
  const sections = [
    `Measured ${r.startedAt.slice(0, 10)} (${r.mode} run, ${r.durationS} s) on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, load average ${m.loadAverageAtStart} at the start and ${m.loadAverageAtEnd} at the end; Node ${m.node}, Bolt ${m.bolt}. Ours is the bot; the baseline is a bare Bolt app (same Bolt, same HTTPReceiver) that acks and answers a fixed 10-row message. Times in ms unless marked.`,
    `**Ack** of \`/tickets state:2 …\` (signed HTTP, queries varied), p50 / p99 / max, with N commands in progress at once (each until its answer arrives, then the next is sent), after at least ${r.settings.warmupCommands} warm-up commands (twice N if more), ticket API answering in ${r.settings.commandUpstreamLatencyMs} ms. A target that answers slowly is sent fewer commands per second:`,
    table(
      [
        "concurrent",
        "commands",
        "ours",
        "baseline",
        "p99 ratio",
        "acked within 3 s · answered with a list (ours / baseline)",
        "commands/s (ours / baseline)",
      ],
      r.ack.map((a) => [
        String(a.concurrency),
        String(a.ours.sent),
        ms(a.ours.ackMs),
        ms(a.baseline.ackMs),
        times(a.p99Ratio),
        `${a.ours.ackedInTime} · ${a.ours.answeredWithList} / ${a.baseline.ackedInTime} · ${a.baseline.answeredWithList}`,
        `${a.ours.commandsPerSecond} / ${a.baseline.commandsPerSecond}`,
      ]),
    ),
    `**Answer**: command sent → \`response_url\` post arrived, minus the simulated upstream latency (${r.settings.commandUpstreamLatencyMs} ms), p50 / p99 / max:`,
    table(
      ["concurrent", "ours", "baseline", "p99 ratio", "runner's event loop busy (ours / baseline)"],
      r.ack.map((a) => [
        String(a.concurrency),
        ms(a.ours.answerMs),
        ms(a.baseline.answerMs),
        times(a.answerP99Ratio),
        `${Math.round(a.ours.runnerBusy * 100)} % / ${Math.round(a.baseline.runnerBusy * 100)} %`,
      ]),
    ),
    `**Burst**: ${r.burst.size} commands sent at the same moment, the ticket API taking ${r.burst.upstreamMs} ms per request (the bot keeps at most 16 requests in flight; queries all differ, so none are shared):`,
    table(
      [
        "acked within 3 s",
        "ack p50 / p99 / max",
        "answered with a list",
        "answer p50 / p99 / max (minus upstream)",
        "upstream requests in flight at most",
      ],
      [
        [
          `${r.burst.ackedInTime} of ${r.burst.sent}`,
          ms(r.burst.ackMs),
          `${r.burst.answeredWithList} of ${r.burst.sent}`,
          ms(r.burst.answerMs),
          String(r.burst.upstreamMaxInFlight),
        ],
      ],
    ),
    `**At once**: ${r.atOnce.size} commands sent in the same instant on as many connections, the ticket API answering in ${r.atOnce.upstreamMs} ms, so answers compete with acks; a command the bot cannot take in time is told "busy, try again" in its ack:`,
    table(
      [
        "acked within 3 s",
        "ack p50 / p99 / max",
        "told busy",
        "answered with a list",
        "answer p50 / p99 / max",
      ],
      [
        [
          `${r.atOnce.ackedInTime} of ${r.atOnce.sent}`,
          ms(r.atOnce.ackMs),
          String(r.atOnce.toldBusy),
          `${r.atOnce.answeredWithList} of ${r.atOnce.sent}`,
          ms(r.atOnce.answerMs),
        ],
      ],
    ),
    `**Flood**: ${r.flood.sent} commands, one every ${FLOOD_COMMAND_GAP_MS} ms, while ${r.flood.connections} connections keep posting unsigned ${r.flood.bodyBytes / 1024 / 1024} MB bodies (${r.flood.floodRequests} of them during the run; answers: ${Object.entries(
      r.flood.floodStatuses,
    )
      .map(([status, n]) => `${n} × ${status}`)
      .join(", ")}):`,
    table(
      ["acked within 3 s", "ack p50 / p99 / max", "answered with a list", "answer p50 / p99 / max"],
      [
        [
          `${r.flood.ackedInTime} of ${r.flood.sent}`,
          ms(r.flood.ackMs),
          `${r.flood.answeredWithList} of ${r.flood.sent}`,
          ms(r.flood.answerMs),
        ],
      ],
    ),
    `**Throughput**: the highest rate (open loop, ${r.throughput.stepMs / 1000} s steps, rate × ${PLANS[quick ? "quick" : "full"].throughput.factor} each step) whose p99 ack stays ≤ 1 s with every command acked (the next column also asks every answer to arrive, p99 ≤ 1 s):`,
    table(
      ["", "commands/s", "… with answers keeping up", "rates tried: p99 ack / p99 answer"],
      [
        [
          "ours",
          String(r.throughput.ours.sustained),
          String(r.throughput.ours.answersKeptUpTo),
          stepsText(r.throughput.ours.steps),
        ],
        [
          "baseline",
          String(r.throughput.baseline.sustained),
          String(r.throughput.baseline.answersKeptUpTo),
          stepsText(r.throughput.baseline.steps),
        ],
        ["ratio", times(r.throughput.ratio), times(r.throughput.answersRatio), ""],
      ],
    ),
    "**Render** (µs per call, own process; the plain JSON column is the same data through `JSON.stringify`/`JSON.parse`, the least any answer costs):",
    table(
      ["what", "ours µs", "plain JSON µs", "ratio"],
      [
        [
          "20-row list (`renderTicketList`)",
          us(r.render.list20.render.usPerCall),
          us(r.render.list20.stringify.usPerCall),
          times(ratio(r.render.list20.render.usPerCall, r.render.list20.stringify.usPerCall)),
        ],
        [
          "digest of 10,000 tickets (`renderDigest`)",
          us(r.render.digest10k.render.usPerCall),
          us(r.render.digest10k.stringify.usPerCall),
          times(ratio(r.render.digest10k.render.usPerCall, r.render.digest10k.stringify.usPerCall)),
        ],
        [
          "folding 10,000 parsed tickets into a digest summary",
          us(r.render.digest10k.fold.usPerCall),
          "",
          "",
        ],
        [
          "parsing one 1,000-row page (`JSON.parse` + schema)",
          us(r.render.page1000.parse.usPerCall),
          us(r.render.page1000.jsonParse.usPerCall),
          times(ratio(r.render.page1000.parse.usPerCall, r.render.page1000.jsonParse.usPerCall)),
        ],
      ],
    ),
    `**Digest scaling**: every waiting ticket read in pages of ${r.settings.digestPageSize}, ${r.settings.digestConcurrency} at a time, ${r.settings.digestUpstreamLatencyMs} ms simulated latency per page, each size in its own process (${PLANS[quick ? "quick" : "full"].digestRuns} runs: the first, then the median of the rest). Ideal = latency × (1 + ⌈(pages − 1) ÷ ${r.settings.digestConcurrency}⌉):`,
    table(
      [
        "tickets",
        "pages",
        "ideal",
        "first run",
        "warm",
        "warm ÷ ideal",
        "peak RSS MB",
        "peak heap MB",
        "idle RSS MB",
      ],
      r.digest.map((d) => [
        d.tickets.toLocaleString("en"),
        String(d.pages),
        String(d.idealMs),
        `${d.firstMs.toFixed(0)} (${times(d.firstRatio)})`,
        d.warmMs.toFixed(0),
        times(d.warmRatio),
        mb(d.peakRssBytes),
        mb(d.peakHeapUsed),
        mb(d.idleRss),
      ]),
    ),
    `**Cold start**, median of ${r.coldStart.runs} fresh processes each (\`node --import tsx\`, after one uncounted run):`,
    table(
      ["", "spawn → READY", "spawn → first ack", "READY, process clock"],
      [
        [
          "ours",
          r.coldStart.ours.spawnToReadyMs.toFixed(0),
          r.coldStart.ours.spawnToFirstAckMs.toFixed(0),
          r.coldStart.ours.inProcessReadyMs.toFixed(0),
        ],
        [
          "baseline",
          r.coldStart.baseline.spawnToReadyMs.toFixed(0),
          r.coldStart.baseline.spawnToFirstAckMs.toFixed(0),
          r.coldStart.baseline.inProcessReadyMs.toFixed(0),
        ],
        ["ratio", times(r.coldStart.ratio), times(r.coldStart.firstAckRatio), ""],
      ],
    ),
    "**Targets**:",
    table(
      ["target", "measured", "limit", ""],
      r.targets.map((t) => [t.name, t.measured, t.limit, verdict(t.met)]),
    ),
  ];
  return sections.join("\n\n");
};

const stepsText = (steps: readonly ThroughputStep[]): string =>
  steps
    .map(
      (s) =>
        `${s.rate}/s: ${s.overloaded ? "overloaded" : `${s.ackP99Ms.toFixed(0)} / ${Number.isFinite(s.answerP99Ms) ? s.answerP99Ms.toFixed(0) : "–"}`}`,
    )
    .join(", ");

const watchdog = setTimeout(() => {
  log(`stopped: the run took longer than ${plan.limitMs / 1000} s`);
  killAllChildren();
  process.exit(1);
}, plan.limitMs);

/** `--load`: the two load phases alone, fresh targets each time. */
const loadPhases = async () => {
  const api = await startTicketApi();
  const slack = await startSlackSide();
  try {
    for (let run = 1; run <= LOAD_RUNS; run++) {
      const r = await measureAtOnce(slack, api);
      log(
        `${AT_ONCE_SIZE} at once, run ${run}: ${r.ackedInTime} of ${r.sent} acked within 3 s, ack p50 / p99 / max ${ms(r.ackMs)}, ${r.toldBusy} told busy, ${r.answeredWithList} answered with a list, answer p50 / p99 / max ${ms(r.answerMs)}, load ${(loadavg()[0] ?? 0).toFixed(2)}`,
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

if (loadOnly) {
  try {
    await loadPhases();
    clearTimeout(watchdog);
    process.exit(0);
  } catch (error) {
    log(
      `could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    killAllChildren();
    process.exit(1);
  }
}

try {
  const results = await main();
  const text = report(results);
  process.stdout.write(`${text}\n`);
  if (quick) {
    const out = join(mkdtempSync(join(tmpdir(), "bench-")), "results.json");
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    log(`quick run: figures in ${out} (bench/results.json and docs/performance.md untouched)`);
  } else {
    writeFileSync(join(REPO_ROOT, "bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);
    updateReadme(join(REPO_ROOT, "docs/performance.md"), text);
    log("wrote bench/results.json and the table in docs/performance.md");
  }
  clearTimeout(watchdog);
  process.exit(0);
} catch (error) {
  log(`could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  killAllChildren();
  process.exit(1);
}
