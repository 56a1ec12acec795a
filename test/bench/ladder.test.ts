import { describe, expect, it } from "vitest";
import { climbLadder, compareAtEqualRates, type LadderResult } from "../../bench/lib/ladder";
import { percentileOf } from "../../bench/lib/stats";

/** A target that holds every rate up to `limit`, except the attempts listed in `spikes`. */
const target = (limit: number, spikes: number[] = []) => {
  const tried: number[] = [];
  let attempt = 0;
  return {
    tried,
    step: async (rate: number) => {
      tried.push(rate);
      attempt += 1;
      return { ok: rate <= limit && !spikes.includes(attempt), ackP99Ms: rate / 10 };
    },
  };
};

const options = { firstRate: 100, factor: 2, maxSteps: 6, refine: false };

describe("the throughput ladder", () => {
  it("tries a failed step once more before it counts: one spike does not set the rate", async () => {
    const t = target(800, [2]);
    const result = await climbLadder(options, t.step);
    expect(t.tried).toEqual([100, 200, 200, 400, 800, 1600, 1600]);
    expect(result.sustained).toBe(800);
    expect(result.rungs.find((r) => r.rate === 200)?.attempts).toHaveLength(2);
  });

  it("stops at a step that fails twice", async () => {
    const t = target(150);
    const result = await climbLadder(options, t.step);
    expect(t.tried).toEqual([100, 200, 200]);
    expect(result.sustained).toBe(100);
    expect(result.topped).toBe(false);
  });

  it("climbs on past a failure when asked to, without moving the sustained rate", async () => {
    const t = target(150);
    const result = await climbLadder({ ...options, atLeastRungs: 4 }, t.step);
    expect(result.rungs.map((r) => r.rate)).toEqual([100, 200, 400, 800]);
    expect(result.sustained).toBe(100);
  });

  it("refines between the last good rung and the first failed one", async () => {
    const result = await climbLadder({ ...options, refine: true }, target(650).step);
    expect(result.sustained).toBe(600);
    expect(result.rungs.at(-1)).toMatchObject({ rate: 600, refined: true });
  });

  it("says when every rung held: the rate is a floor, not a limit", async () => {
    const result = await climbLadder({ ...options, maxSteps: 3 }, target(10_000).step);
    expect(result).toMatchObject({ sustained: 400, topped: true });
  });
});

describe("acks at equal offered rates", () => {
  type Step = { ok: boolean; ackP99Ms: number; acks: number[] };
  /** A ladder whose rungs each acked `acks` (or, given a number, 100 acks of that p99). */
  const ladder = (
    sustained: number,
    rungs: Record<number, number | number[]>,
  ): LadderResult<Step> => ({
    sustained,
    topped: false,
    rungs: Object.entries(rungs).map(([rate, given]) => {
      const acks = typeof given === "number" ? Array.from({ length: 100 }, () => given) : given;
      const final = { ok: Number(rate) <= sustained, ackP99Ms: percentileOf(acks, 99), acks };
      return { rate: Number(rate), attempts: [final], final, refined: false };
    }),
  });
  const acksOf = (step: Step) => step.acks;
  const ones = (n: number) => Array.from({ length: n }, () => 1);

  it("compares every rate up to the baseline's median sustained rate, with each repetition's p99", () => {
    const result = compareAtEqualRates(
      [
        {
          baseline: ladder(400, { 100: 4, 200: 6, 400: 10, 800: 900 }),
          ours: ladder(800, { 100: 4, 200: 9, 400: 40, 800: 50 }),
        },
        {
          baseline: ladder(200, { 100: 6, 200: 8, 400: 1200 }),
          ours: ladder(800, { 100: 8, 200: 11, 400: 30 }),
        },
        {
          baseline: ladder(400, { 100: 5, 200: 7, 400: 12, 800: 1100 }),
          ours: ladder(400, { 100: 6, 200: 10, 400: 20 }),
        },
      ],
      acksOf,
    );
    expect(result.upToRate).toBe(400);
    expect(result.rates.map((r) => r.rate)).toEqual([100, 200, 400]);
    const at400 = result.rates[2];
    expect(at400?.ours).toEqual([40, 30, 20]);
    expect(at400?.baseline).toEqual([10, 1200, 12]);
    expect(at400?.samples).toEqual({ ours: 300, baseline: 300 });
    expect(at400?.ratioOfMedians).toBeCloseTo(30 / 12);
    // 1% of 300 acks: the three slowest of the baseline's are its 1200 ms ones.
    expect(at400?.baselinePooled).toBe(1200);
    expect(at400?.ratio).toBeCloseTo(40 / 1200);
  });

  it("judges the p99 of every repetition's acks together, which one repetition's luck cannot hide", () => {
    const result = compareAtEqualRates(
      [
        { baseline: ladder(100, { 100: 2 }), ours: ladder(100, { 100: [...ones(99), 50] }) },
        { baseline: ladder(100, { 100: 2 }), ours: ladder(100, { 100: [...ones(99), 60] }) },
        { baseline: ladder(100, { 100: 2 }), ours: ladder(100, { 100: [...ones(98), 70, 80] }) },
      ],
      acksOf,
    );
    const [at100] = result.rates;
    // Each repetition's own p99 is its 99th of 100: two of the three see none of the slow acks.
    expect(at100?.ours).toEqual([1, 1, 70]);
    expect(at100?.ratioOfMedians).toBe(0.5);
    // Together, 4 of 300 were slow: the p99 (the 297th) is the slowest but three.
    expect(at100?.oursPooled).toBe(50);
    expect(at100?.ratio).toBe(25);
  });

  it("counts a command never acked as later than any ack: more than 1% of them leaves no ratio", () => {
    const result = compareAtEqualRates(
      [
        {
          baseline: ladder(100, { 100: 2 }),
          ours: ladder(100, { 100: [...ones(98), Infinity, Infinity] }),
        },
      ],
      acksOf,
    );
    expect(result.rates[0]).toMatchObject({ oursPooled: Infinity, baselinePooled: 2 });
    expect(result.rates[0]?.ratio).toBeUndefined();
  });

  it("leaves out a rate only one of the pair climbed in a repetition", () => {
    const result = compareAtEqualRates(
      [{ baseline: ladder(200, { 100: 4, 200: 6 }), ours: ladder(100, { 100: 5 }) }],
      acksOf,
    );
    expect(result.rates).toMatchObject([
      { rate: 100, ours: [5], baseline: [4], ratio: 1.25, samples: { ours: 100, baseline: 100 } },
      { rate: 200, ours: [], baseline: [], ratio: undefined, samples: { ours: 0, baseline: 0 } },
    ]);
  });
});
