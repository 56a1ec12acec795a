import { describe, expect, it } from "vitest";
import { median, ratio, summarize } from "../../bench/lib/stats";

describe("benchmark statistics", () => {
  it("takes the middle of an even count as the mean of the two middle values", () => {
    expect(median([4, 38])).toBe(21);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNaN();
  });

  it("reports percentiles that were actually observed", () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(s).toMatchObject({ count: 100, p50: 50, p99: 99, max: 100 });
  });

  it("has no ratio rather than an infinite one", () => {
    expect(ratio(3, 0)).toBeUndefined();
    expect(ratio(Number.NaN, 2)).toBeUndefined();
    expect(ratio(3, 2)).toBe(1.5);
  });
});
