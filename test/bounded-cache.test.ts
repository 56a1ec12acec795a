import { describe, expect, it } from "vitest";
import { boundedCache } from "../src/bounded-cache";

describe("boundedCache", () => {
  it("computes a key once, undefined results included", () => {
    const cached = boundedCache<number, string | undefined>(10);
    let calls = 0;
    const compute = (value: string | undefined) => () => {
      calls += 1;
      return value;
    };
    expect(cached(1, compute("one"))).toBe("one");
    expect(cached(1, compute("other"))).toBe("one");
    expect(cached(2, compute(undefined))).toBeUndefined();
    expect(cached(2, compute("late"))).toBeUndefined();
    expect(calls).toBe(2);
  });

  it("forgets everything once full, and never holds more than its bound", () => {
    const cached = boundedCache<number, number>(3);
    let calls = 0;
    const square = (n: number) => () => {
      calls += 1;
      return n * n;
    };
    for (const n of [1, 2, 3]) cached(n, square(n));
    expect(calls).toBe(3);
    cached(4, square(4)); // full: 1, 2 and 3 are forgotten
    expect(cached(4, square(4))).toBe(16);
    expect(calls).toBe(4);
    expect(cached(1, square(1))).toBe(1);
    expect(calls).toBe(5);
  });
});
