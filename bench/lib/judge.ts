import type { RateComparison } from "./ladder";
import { LIMITS } from "./plan";
import { mb, type Target, times } from "./report";
import type { Results } from "./results";
import { ratio } from "./stats";

const fmtMs = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 100 ? 1 : 0)} ms` : "–");
const en = (n: number) => n.toLocaleString("en");

/** Met when every part is; missed when one is; otherwise (or with no parts) not measured. */
const allMet = (parts: readonly (boolean | undefined)[]): boolean | undefined =>
  parts.includes(false)
    ? false
    : parts.length === 0 || parts.includes(undefined)
      ? undefined
      : true;

type RateAcks = Pick<RateComparison, "ratio" | "oursPooled" | "baselinePooled">;

/**
 * One rate of the acks at equal offered rates. A side that left more than 1% of its commands
 * unacked has a p99 of Infinity (as late as it gets): if only the baseline did, ours was the
 * quicker, so the rate is met; if only ours did, missed; if both did, or a side has no acks to
 * judge at all (NaN), there is nothing to compare.
 */
export const equalRateVerdict = (x: RateAcks): boolean | undefined => {
  if (x.ratio !== undefined) return x.ratio <= LIMITS.ackP99AtEqualRates;
  const oursLost = x.oursPooled === Number.POSITIVE_INFINITY;
  const baselineLost = x.baselinePooled === Number.POSITIVE_INFINITY;
  if (oursLost === baselineLost || Number.isNaN(x.oursPooled) || Number.isNaN(x.baselinePooled)) {
    return undefined;
  }
  return baselineLost;
};

const rateRatioText = (x: RateAcks): string => {
  if (x.ratio !== undefined) return times(x.ratio);
  const verdict = equalRateVerdict(x);
  if (verdict === true)
    return "– (the baseline left over 1% unacked; ours acked every one, a 'busy, try again' counted as acked)";
  if (verdict === false) return "– (ours left over 1% unacked)";
  return "–";
};

/** The issue's targets, then Slack's hard limits, each met, missed, or not measured. */
export const judge = (r: Omit<Results, "targets">): Target[] => {
  const targets: Target[] = [];
  const largest = r.digest.at(-1);

  targets.push(
    largest
      ? {
          name: `digest of ${en(largest.tickets)}, first run, vs the plain client at the same concurrency`,
          measured: `${fmtMs(largest.ours.firstMs)} vs ${fmtMs(largest.plain.firstMs)} (${times(largest.firstVsPlain)}); warm ${times(largest.warmVsPlain)}; formula ideal ${largest.idealMs} ms`,
          limit: `≤ ${LIMITS.digestFirstVsPlain.toFixed(1)}×`,
          met:
            largest.firstVsPlain === undefined
              ? undefined
              : largest.firstVsPlain <= LIMITS.digestFirstVsPlain,
        }
      : {
          name: "digest, first run, vs the plain client",
          measured: "not run",
          limit: "",
          met: undefined,
        },
  );

  const d = r.duringDigest;
  targets.push({
    name: `acks at ${d.rate} commands/s during a ${en(d.tickets)}-ticket digest`,
    measured: `p99 ${fmtMs(d.ackMs.p99)}, max ${fmtMs(d.ackMs.max)} (${d.sent} commands, ${d.runs.length} run${d.runs.length === 1 ? "" : "s"})`,
    limit: `p99 ≤ ${LIMITS.duringDigestAckP99Ms} ms, max < ${LIMITS.duringDigestAckMaxMs} ms`,
    met:
      d.sent === 0 || !Number.isFinite(d.ackMs.p99)
        ? undefined
        : d.ackMs.p99 <= LIMITS.duringDigestAckP99Ms &&
          d.ackMs.max < LIMITS.duringDigestAckMaxMs &&
          d.ackedInTime === d.sent,
  });

  for (const concurrency of [1, 50]) {
    const row = r.closedLoop.find((c) => c.concurrency === concurrency);
    targets.push({
      name: `answer p99 at ${concurrency} concurrent vs the fair baseline`,
      measured: row
        ? `${fmtMs(row.ours.answerMs.p99)} vs ${fmtMs(row.baseline.answerMs.p99)} (${times(row.answerP99Ratio)})${row.ours.answeredWithList < row.ours.sent ? `; only ${row.ours.answeredWithList} of ${row.ours.sent} answered with a list` : ""}`
        : "not run",
      limit: `≤ ${LIMITS.answerP99VsBaseline}×`,
      met:
        row?.answerP99Ratio === undefined
          ? undefined
          : row.answerP99Ratio <= LIMITS.answerP99VsBaseline &&
            row.ours.answeredWithList === row.ours.sent,
    });
  }

  const eq = r.throughput.equalRates;
  const worst = eq.rates.reduce<(typeof eq.rates)[number] | undefined>(
    (w, x) => (x.ratio !== undefined && (w?.ratio === undefined || x.ratio > w.ratio) ? x : w),
    undefined,
  );
  targets.push({
    name: `ack p99 at equal offered rates, up to the baseline's sustained ${r.throughput.baselineTopped ? "≥ " : ""}${eq.upToRate}/s`,
    measured:
      eq.rates.length === 0
        ? "no rate held by the baseline"
        : `worst ${times(worst?.ratio)} at ${worst?.rate}/s; ${eq.rates.map((x) => `${x.rate}/s ${rateRatioText(x)}`).join(", ")}`,
    limit: `≤ ${LIMITS.ackP99AtEqualRates}× at every rate`,
    met: allMet(eq.rates.map(equalRateVerdict)),
  });

  const c = r.coldStart;
  targets.push({
    name: "cold start of the production build (spawn → first ack) vs an equally built bare Bolt app",
    measured: `${fmtMs(c.ours.spawnToFirstAckMs)} vs ${fmtMs(c.baseline.spawnToFirstAckMs)} (${times(c.firstAckRatio)}); to listening ${times(c.readyRatio)}`,
    limit: `≤ ${LIMITS.coldStartVsBaseline}×`,
    met: c.firstAckRatio === undefined ? undefined : c.firstAckRatio <= LIMITS.coldStartVsBaseline,
  });

  const at = (size: number) => r.digest.find((x) => x.tickets === size);
  const d100k = at(100_000);
  const d10k = at(10_000);
  const d1k = at(1000);
  const growth = (x: typeof d100k) => x?.ours.firstRunGrowthBytes ?? Number.NaN;
  const q10k = ratio(growth(d100k), growth(d10k));
  targets.push({
    name: "RSS growth above idle, first digest: 100,000 waiting vs 10,000",
    measured:
      d100k && d10k
        ? `${mb(growth(d100k))} MB vs ${mb(growth(d10k))} MB (${times(q10k)}); vs 1,000: ${d1k ? `${mb(growth(d1k))} MB (${times(ratio(growth(d100k), growth(d1k)))})` : "not run"}`
        : "not run",
    limit: `≤ ${LIMITS.rssGrowth100kVs10k}×`,
    met: q10k === undefined ? undefined : q10k <= LIMITS.rssGrowth100kVs10k,
  });

  // Slack's hard limits, measured since the first round: every command acked in time.
  const at200 = r.closedLoop.find((x) => x.concurrency === 200);
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
  return targets;
};
