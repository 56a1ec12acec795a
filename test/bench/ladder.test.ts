import { describe, expect, it } from "vitest";
import { climbLadder, compareAtEqualRates, type LadderResult } from "../../bench/lib/ladder";

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
  const ladder = (
    sustained: number,
    p99s: Record<number, number>,
  ): LadderResult<{ ok: boolean; ackP99Ms: number }> => ({
    sustained,
    topped: false,
    rungs: Object.entries(p99s).map(([rate, p99]) => {
      const final = { ok: Number(rate) <= sustained, ackP99Ms: p99 };
      return { rate: Number(rate), attempts: [final], final, refined: false };
    }),
  });

  it("compares every rate up to the baseline's median sustained rate, with each repetition's p99", () => {
    const result = compareAtEqualRates([
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
    ]);
    expect(result.upToRate).toBe(400);
    expect(result.rates.map((r) => r.rate)).toEqual([100, 200, 400]);
    const at400 = result.rates[2];
    expect(at400?.ours).toEqual([40, 30, 20]);
    expect(at400?.baseline).toEqual([10, 1200, 12]);
    expect(at400?.ratio).toBeCloseTo(30 / 12);
  });

  it("leaves out a rate only one of the pair climbed in a repetition", () => {
    const result = compareAtEqualRates([
      { baseline: ladder(200, { 100: 4, 200: 6 }), ours: ladder(100, { 100: 5 }) },
    ]);
    expect(result.rates).toEqual([
      { rate: 100, ours: [5], baseline: [4], ratio: 1.25 },
      { rate: 200, ours: [], baseline: [], ratio: undefined },
    ]);
  });
});
