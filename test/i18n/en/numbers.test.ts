import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { englishNumber } from "../../../src/i18n/en/numbers";

describe("englishNumber", () => {
  it("groups whole numbers as en-US does (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(99_999_999), fc.maxSafeNat()), (n) => {
        expect(englishNumber(n)).toBe(n.toLocaleString("en-US"));
      }),
      { numRuns: 2000, seed: 20261201 },
    );
    expect([0, 999, 1000, 1_000_000].map(englishNumber)).toEqual([
      "0",
      "999",
      "1,000",
      "1,000,000",
    ]);
  });

  it("leaves fractions, negatives and numbers past the safe range to ICU", () => {
    for (const n of [1234.5, -1234, 2 ** 60, Number.NaN]) {
      expect(englishNumber(n)).toBe(n.toLocaleString("en-US"));
    }
  });
});
