import { describe, expect, it } from "vitest";
import { equalRateVerdict } from "../../bench/lib/judge";

describe("a rate of the acks at equal offered rates", () => {
  it("is judged on the ratio of the pooled p99s when both have one", () => {
    expect(equalRateVerdict({ ratio: 1.5, oursPooled: 15, baselinePooled: 10 })).toBe(true);
    expect(equalRateVerdict({ ratio: 1.51, oursPooled: 15.1, baselinePooled: 10 })).toBe(false);
  });

  it("is met when only the baseline left over 1% of its commands unacked, missed when only ours did", () => {
    expect(equalRateVerdict({ ratio: undefined, oursPooled: 45, baselinePooled: Infinity })).toBe(
      true,
    );
    expect(equalRateVerdict({ ratio: undefined, oursPooled: Infinity, baselinePooled: 45 })).toBe(
      false,
    );
  });

  it("is not measured when both left commands unacked, or a side has no acks to judge", () => {
    expect(
      equalRateVerdict({ ratio: undefined, oursPooled: Infinity, baselinePooled: Infinity }),
    ).toBeUndefined();
    expect(
      equalRateVerdict({ ratio: undefined, oursPooled: 45, baselinePooled: NaN }),
    ).toBeUndefined();
    expect(
      equalRateVerdict({ ratio: undefined, oursPooled: NaN, baselinePooled: 45 }),
    ).toBeUndefined();
    expect(
      equalRateVerdict({ ratio: undefined, oursPooled: NaN, baselinePooled: Infinity }),
    ).toBeUndefined();
  });
});
