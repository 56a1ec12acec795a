import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../src/retry/retry-after";

const NOW = new Date("2025-01-01T10:00:00.000Z");

describe("parseRetryAfter", () => {
  it("reads delay-seconds and HTTP-dates, and nothing else", () => {
    expect(parseRetryAfter("5", NOW)).toBe(5000);
    expect(parseRetryAfter(" 0 ", NOW)).toBe(0);
    expect(parseRetryAfter("Wed, 01 Jan 2025 10:01:00 GMT", NOW)).toBe(60_000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 09:00:00 GMT", NOW)).toBe(0);
    expect(parseRetryAfter("1.5", NOW)).toBeUndefined();
    expect(parseRetryAfter("-3", NOW)).toBeUndefined();
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it("clamps an absurd wait to a year", () => {
    expect(parseRetryAfter("99999999999999", NOW)).toBe(365 * 24 * 3600 * 1000);
  });
});
