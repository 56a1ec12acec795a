import { median, percentileOf, ratio } from "./stats";

/**
 * The throughput search: open-loop steps at rising rates, the same rates for the bot and the
 * baseline, so that every rung is also a comparison at equal offered load.
 */

export interface LadderOptions {
  firstRate: number;
  /** Each rung's rate is the previous one's times this. */
  factor: number;
  maxSteps: number;
  /** After the first failed rung, also try halfway between it and the last good one. */
  refine: boolean;
  /**
   * Climb at least this many rungs even past a failure (the bot climbs every rung the baseline
   * climbed, so both are measured at the same rates).
   */
  atLeastRungs?: number;
}

export interface StepOutcome {
  /** The rate held: every command acked, p99 ack within the limit, the sender never overloaded. */
  ok: boolean;
}

export interface Rung<S extends StepOutcome> {
  rate: number;
  /** One, or two when the first failed: a failed step is tried again once before it counts. */
  attempts: S[];
  /** The attempt that counts: the last. */
  final: S;
  /** Halfway between the last good rung and the first failed one (not a rate the other climbed). */
  refined: boolean;
}

export interface LadderResult<S extends StepOutcome> {
  /** The highest rate held on every rung up to it; 0 when the first failed. */
  sustained: number;
  /** Every rung held: the sustained rate is at least the top of the ladder, maybe more. */
  topped: boolean;
  rungs: Rung<S>[];
}

export const rungRate = (o: LadderOptions, index: number): number =>
  Math.round(o.firstRate * o.factor ** index);

/**
 * Climbs the rates, one `step` each. A step that fails is run once more before it counts: one
 * load spike on a shared machine must not decide the sustained rate (it once set it to 141/s).
 */
export const climbLadder = async <S extends StepOutcome>(
  o: LadderOptions,
  step: (rate: number) => Promise<S>,
): Promise<LadderResult<S>> => {
  const rungs: Rung<S>[] = [];
  const climb = async (rate: number, refined: boolean): Promise<Rung<S>> => {
    const attempts = [await step(rate)];
    if (!attempts[0]?.ok) attempts.push(await step(rate));
    const rung = { rate, attempts, final: attempts.at(-1) as S, refined };
    rungs.push(rung);
    return rung;
  };
  let sustained: number | undefined;
  let failedAt: number | undefined;
  for (let i = 0; i < o.maxSteps; i++) {
    if (failedAt !== undefined && i >= (o.atLeastRungs ?? 0)) break;
    const rung = await climb(rungRate(o, i), false);
    if (failedAt !== undefined) continue;
    if (rung.final.ok) sustained = rung.rate;
    else failedAt = rung.rate;
  }
  if (o.refine && sustained !== undefined && failedAt !== undefined) {
    const mid = Math.round((sustained + failedAt) / 2);
    if (mid !== sustained && mid !== failedAt && (await climb(mid, true)).final.ok) sustained = mid;
  }
  return { sustained: sustained ?? 0, topped: failedAt === undefined && rungs.length > 0, rungs };
};

export interface RateComparison {
  rate: number;
  /** The p99 ack of each repetition that climbed this rung, ours and the baseline's. */
  ours: number[];
  baseline: number[];
  /**
   * The p99 of every ack at this rate, all those repetitions' together (an unacked command counts
   * as never acked): one step's p99 at a low rate is its third or fourth slowest ack.
   */
  oursPooled: number;
  baselinePooled: number;
  /** How many commands each pooled p99 was read from. */
  samples: { ours: number; baseline: number };
  /** Pooled ours ÷ pooled baseline's: what the target judges. */
  ratio: number | undefined;
  /** Median of ours ÷ median of the baseline's, as judged before the p99s were pooled. */
  ratioOfMedians: number | undefined;
}

/**
 * Acks at equal offered rates: every unrefined rung up to the baseline's sustained rate (the
 * median over repetitions), with each side's p99 from every repetition, so the spread shows, and
 * the p99 of all their acks together, which the target judges. `acksOf` gives a step's ack
 * latencies (Infinity for a command never acked).
 */
export const compareAtEqualRates = <S extends StepOutcome & { ackP99Ms: number }>(
  repetitions: readonly { ours: LadderResult<S>; baseline: LadderResult<S> }[],
  acksOf: (step: S) => readonly number[],
): { upToRate: number; rates: RateComparison[] } => {
  const upToRate = median(repetitions.map((r) => r.baseline.sustained));
  const rates = [
    ...new Set(
      repetitions.flatMap((r) =>
        r.baseline.rungs.filter((g) => !g.refined && g.rate <= upToRate).map((g) => g.rate),
      ),
    ),
  ].sort((a, b) => a - b);
  const stepAt = (ladder: LadderResult<S>, rate: number) =>
    ladder.rungs.find((g) => !g.refined && g.rate === rate)?.final;
  return {
    upToRate: Number.isFinite(upToRate) ? upToRate : 0,
    rates: rates.map((rate) => {
      const ours: S[] = [];
      const baseline: S[] = [];
      for (const r of repetitions) {
        const o = stepAt(r.ours, rate);
        const b = stepAt(r.baseline, rate);
        // Only repetitions where both climbed the rung: a pair measured under the same conditions.
        if (o === undefined || b === undefined) continue;
        ours.push(o);
        baseline.push(b);
      }
      const pooled = (steps: S[]) => steps.flatMap((s) => acksOf(s));
      const oursAcks = pooled(ours);
      const baselineAcks = pooled(baseline);
      const oursPooled = percentileOf(oursAcks, 99);
      const baselinePooled = percentileOf(baselineAcks, 99);
      const oursP99s = ours.map((s) => s.ackP99Ms);
      const baselineP99s = baseline.map((s) => s.ackP99Ms);
      return {
        rate,
        ours: oursP99s,
        baseline: baselineP99s,
        oursPooled,
        baselinePooled,
        samples: { ours: oursAcks.length, baseline: baselineAcks.length },
        ratio: ratio(oursPooled, baselinePooled),
        ratioOfMedians: ratio(median(oursP99s), median(baselineP99s)),
      };
    }),
  };
};
