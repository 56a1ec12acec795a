import type { LadderResult, RateComparison } from "./ladder";
import type { LoadSummary } from "./load-watch";
import type { CommandFigures, Target } from "./report";
import type { Summary } from "./stats";

/** What a run records, in bench/results.json and in the tables made from it. */

export interface CommandRun extends CommandFigures {
  /** The runner's own event loop, 0–1: near 1 it was the bottleneck, not the target. */
  runnerBusy: number;
  commandsPerSecond: number;
}

export interface ClosedLoopRow {
  concurrency: number;
  ours: CommandRun;
  baseline: CommandRun;
  ackP99Ratio: number | undefined;
  answerP99Ratio: number | undefined;
}

export interface ThroughputStep {
  rate: number;
  planned: number;
  acked: number;
  answered: number;
  errors: number;
  /** Acked with the catalog's "busy, try again" instead of being taken. */
  toldBusy: number;
  overloaded: boolean;
  ackP99Ms: number;
  answerP99Ms: number;
  /** p99 ack within the limit, every command acked: the definition of sustained. */
  ok: boolean;
  /** Also every command answered, with a p99 answer within the same limit. */
  answersKeptUp: boolean;
}

export interface ThroughputResults {
  stepMs: number;
  /** Commands each rate is sent over all repetitions together, at least: longer steps at low rates. */
  pooledAcks: number;
  factor: number;
  p99AckLimitMs: number;
  /** Each repetition: the baseline climbs first, then the bot climbs at least the same rungs. */
  repetitions: { baseline: LadderResult<ThroughputStep>; ours: LadderResult<ThroughputStep> }[];
  /** Medians over the repetitions. */
  ours: { sustained: number; answersKeptUpTo: number };
  baseline: { sustained: number; answersKeptUpTo: number };
  ratio: number | undefined;
  /** Every repetition's top rung held: the sustained rates are at least what they say. */
  oursTopped: boolean;
  baselineTopped: boolean;
  equalRates: { upToRate: number; rates: RateComparison[] };
}

export interface DigestChildResult {
  tickets: number;
  pages: number;
  wallMs: number[];
  cpuMs: number[];
  maxConcurrentPages: number;
  idleRss: number;
  idleHeapUsed: number;
  firstRunPeakRss: number;
  /** The kernel's exact peak (Linux), or the highest of the samples where it cannot be had. */
  firstRunPeakFrom: "kernel" | "samples";
  firstRunPeakHeapUsed: number;
  peakRss: number;
  peakHeapUsed: number;
  peakHeapTotal: number;
  maxRss: number;
}

export interface PlainChildResult {
  tickets: number;
  wallMs: number[];
  cpuMs: number[];
}

export interface DigestRow {
  tickets: number;
  pages: number;
  /** latency × (1 + ⌈(pages − 1) ÷ concurrency⌉): the network alone. */
  idealMs: number;
  ours: DigestChildResult & { firstMs: number; warmMs: number; firstRunGrowthBytes: number };
  plain: PlainChildResult & { firstMs: number; warmMs: number };
  firstVsPlain: number | undefined;
  warmVsPlain: number | undefined;
  firstVsIdeal: number | undefined;
  plainFirstVsIdeal: number | undefined;
  apiRequests: number;
  apiMaxInFlight: number;
}

export interface DuringDigestRun extends CommandFigures {
  digestMs: number;
  digestCpuMs: number;
  outcome: string;
  total: number | undefined;
}

export interface DuringDigest {
  tickets: number;
  rate: number;
  runs: DuringDigestRun[];
  /** Every run's acks together. */
  ackMs: Summary;
  sent: number;
  ackedInTime: number;
}

export interface ColdStartSide {
  how: string;
  spawnToReadyMs: number;
  spawnToFirstAckMs: number;
}

export interface ColdStart {
  runs: number;
  ours: ColdStartSide;
  baseline: ColdStartSide;
  readyRatio: number | undefined;
  firstAckRatio: number | undefined;
}

export interface BurstResult extends CommandFigures {
  size: number;
  upstreamMs: number;
  upstreamMaxInFlight: number;
}

export interface AtOnceResult extends CommandFigures {
  size: number;
  upstreamMs: number;
  toldBusy: number;
}

export interface FloodResult extends CommandFigures {
  connections: number;
  bodyBytes: number;
  floodRequests: number;
  floodStatuses: Record<string, number>;
}

interface Timed {
  usPerCall: number;
  calls: number;
}
export interface RenderChildResult {
  list20: { render: Timed; stringify: Timed };
  digest10k: { render: Timed; stringify: Timed; fold: Timed };
  page1000: { parse: Timed; jsonParse: Timed };
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  bolt: string;
}

export interface Results {
  mode: "full" | "quick";
  startedAt: string;
  durationS: number;
  machine: Machine;
  load: LoadSummary;
  settings: {
    commandUpstreamLatencyMs: number;
    digestUpstreamLatencyMs: number;
    digestConcurrency: number;
    digestPageSize: number;
    upstreamRequestsAtOnce: number;
    warmupCommands: number;
    commandsPerConcurrency: Record<number, number>;
    digestRuns: number;
  };
  closedLoop: ClosedLoopRow[];
  throughput: ThroughputResults;
  burst: BurstResult;
  atOnce: AtOnceResult;
  flood: FloodResult;
  render: RenderChildResult;
  digest: DigestRow[];
  duringDigest: DuringDigest;
  coldStart: ColdStart;
  notes: string[];
  targets: Target[];
}
