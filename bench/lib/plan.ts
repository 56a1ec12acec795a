import type { LadderOptions } from "./ladder";

/**
 * What a run measures and how much of it: a full run for the figures in docs/performance.md,
 * and `--quick` (part of .ci/run) to keep every phase working in about a minute, with fewer
 * commands, shorter steps and fewer repetitions. A quick run still measures every target, so
 * its verdicts are indicative, never a reason to fail.
 */

export interface Plan {
  coldStartRuns: number;
  /** Closed loops: N commands in progress at once. */
  concurrencies: number[];
  commands: Record<number, number>;
  warmup: number;
  /**
   * The throughput ladder; climbed `repetitions` times, each time by fresh processes. A step lasts
   * `stepMs`, or longer at a low rate: long enough that the repetitions together send each rate
   * `pooledAcks` commands, the fewest a p99 is read from (its slowest 1% is then ten acks).
   */
  throughput: Omit<LadderOptions, "atLeastRungs"> & {
    stepMs: number;
    repetitions: number;
    pooledAcks: number;
  };
  renderBudgetMs: number;
  digestSizes: number[];
  /** Digests per process: the first (judged), then warm ones. */
  digestRuns: number;
  /** Fresh bots each running one digest while commands arrive. */
  duringDigestRuns: number;
  burst: number;
  atOnce: number;
  floodCommands: number;
  limitMs: number;
}

export const PLANS: Record<"full" | "quick", Plan> = {
  full: {
    coldStartRuns: 5,
    concurrencies: [1, 50, 200],
    // At least 1,000 each: a p99 is then the tenth slowest, not the third.
    commands: { 1: 1000, 50: 2000, 200: 3000 },
    warmup: 300,
    throughput: {
      firstRate: 50,
      factor: 1.5,
      maxSteps: 12,
      stepMs: 3000,
      refine: true,
      repetitions: 3,
      pooledAcks: 1000,
    },
    renderBudgetMs: 1000,
    digestSizes: [1000, 10_000, 100_000],
    digestRuns: 5,
    duringDigestRuns: 3,
    burst: 200,
    atOnce: 500,
    floodCommands: 30,
    limitMs: 20 * 60_000,
  },
  quick: {
    coldStartRuns: 3,
    concurrencies: [1, 50],
    commands: { 1: 100, 50: 300 },
    warmup: 100,
    throughput: {
      firstRate: 200,
      factor: 2,
      maxSteps: 4,
      stepMs: 500,
      refine: false,
      repetitions: 2,
      pooledAcks: 0,
    },
    renderBudgetMs: 100,
    digestSizes: [1000, 10_000, 100_000],
    digestRuns: 2,
    duringDigestRuns: 1,
    // Enough to keep the phases working; the sizes of the targets are for full runs.
    burst: 50,
    atOnce: 200,
    floodCommands: 10,
    limitMs: 4 * 60_000,
  },
};

/** Instant, so command latency is the bot's own; answer latency subtracts whatever it is. */
export const COMMAND_UPSTREAM_MS = 0;
/** The burst a busy morning brings: every command at once against a slow panel. */
export const BURST_UPSTREAM_MS = 500;
/** Slack's worst morning: answers from a panel that answers at once compete with the acks. */
export const AT_ONCE_UPSTREAM_MS = 0;
/** `--load` runs each load phase this many times (the issue saw misses in 3 runs of 5). */
export const LOAD_RUNS = 5;
/** Unsigned 4 MB bodies on this many connections at once, while real commands come in. */
export const FLOOD_CONNECTIONS = 60;
export const FLOOD_BODY_BYTES = 4 * 1024 * 1024;
export const FLOOD_COMMAND_GAP_MS = 100;
/** Per page, as from a panel that serves pages in parallel. */
export const DIGEST_UPSTREAM_MS = 50;
/** The digest a team feels: commands keep coming while it is read. */
export const DURING_DIGEST_TICKETS = 100_000;
export const DURING_DIGEST_RATE = 20;
export const P99_ACK_LIMIT_MS = 1000;
export const SLACK_ACK_LIMIT_MS = 3000;
export const MAX_IN_FLIGHT = 1500;
export const TARGET_START_LIMIT_MS = 30_000;
export const LOOP_LIMIT_MS = 60_000;

/** The targets, in one place. */
export const LIMITS = {
  digestFirstVsPlain: 1.0,
  duringDigestAckP99Ms: 60,
  duringDigestAckMaxMs: 200,
  answerP99VsBaseline: 1.2,
  ackP99AtEqualRates: 1.5,
  coldStartVsBaseline: 1.3,
  rssGrowth100kVs10k: 1.25,
} as const;
