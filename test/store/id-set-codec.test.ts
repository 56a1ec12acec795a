import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StoredDataError } from "../../src/store/errors";
import { decodeIdSet, encodeIdSet, idSetSize } from "../../src/store/id-set-codec";

const ONE_MB = 1024 * 1024;

/** A deterministic spread of ids (xorshift, not Math.random: a failure must be repeatable). */
const spread = (count: number, range: number) => {
  let state = 2463534242;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const ids = new Set<number>();
  while (ids.size < count) ids.add(Math.floor(next() * range));
  return [...ids];
};

describe("the id set codec", () => {
  it("gives back any set of ids, sorted and without repeats", () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeNat(), { maxLength: 300 }), (ids) => {
        const expected = [...new Set(ids)].sort((a, b) => a - b);
        const bytes = encodeIdSet(ids);
        expect(decodeIdSet(bytes)).toEqual(expected);
        expect(idSetSize(bytes)).toBe(expected.length);
      }),
    );
  });

  it("encodes the aggregator's typed array as it encodes the same ids listed, leaving it as it was", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 5_000_000 }), { maxLength: 300 }), (ids) => {
        // The aggregator hands over a view on part of a larger buffer.
        const buffer = new Float64Array(ids.length + 7).fill(99);
        buffer.set(ids, 3);
        const view = buffer.subarray(3, 3 + ids.length);
        expect(encodeIdSet(view)).toEqual(encodeIdSet(ids));
        expect([...view]).toEqual(ids);
        expect(decodeIdSet(encodeIdSet(view))).toEqual([...new Set(ids)].sort((a, b) => a - b));
      }),
    );
    expect(() => encodeIdSet(new Float64Array([3, Number.NaN]))).toThrow(RangeError);
  });

  it("keeps the empty set, zero, and the largest safe integer", () => {
    for (const ids of [[], [0], [Number.MAX_SAFE_INTEGER], [0, 1, Number.MAX_SAFE_INTEGER]]) {
      expect(decodeIdSet(encodeIdSet(ids))).toEqual(ids);
    }
  });

  it.each([
    [
      "a queue of neighbouring ticket numbers",
      spread(100_000, 150_000).map((id) => 100_000 + id),
      150_000,
    ],
    ["ids spread over a billion", spread(100_000, 1_000_000_000), 400_000],
  ])("stores 100,000 ids of %s in well under 1 MB", (_what, ids, atMost) => {
    const bytes = encodeIdSet(ids);
    expect(bytes.length).toBeLessThan(atMost);
    expect(bytes.length).toBeLessThan(ONE_MB / 2);
    expect(decodeIdSet(bytes)).toEqual([...ids].sort((a, b) => a - b));
  });

  it("refuses ids that are not whole numbers from 0 up", () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => encodeIdSet([1, bad])).toThrow(RangeError);
    }
  });

  it.each([
    ["nothing", []],
    ["an unknown format", [2, 0]],
    ["a count with no ids", [1, 3, 5]],
    ["a number cut short", [1, 1, 0x80]],
    ["a repeated id", [1, 2, 5, 0]],
    ["bytes after the last id", [1, 1, 5, 9]],
    ["a number longer than any id", [1, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
    ["a number past 2^53", [1, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]],
  ])("reports %s as unreadable data, not as ids", (_what, bytes) => {
    expect(() => decodeIdSet(Uint8Array.from(bytes))).toThrow(StoredDataError);
  });

  it("reads what it wrote from any byte array, whatever buffer is under it", () => {
    const bytes = encodeIdSet([3, 1, 2]);
    const shifted = new Uint8Array(bytes.length + 5);
    shifted.set(bytes, 5);
    expect(decodeIdSet(shifted.subarray(5))).toEqual([1, 2, 3]);
    expect(decodeIdSet(Buffer.from(bytes))).toEqual([1, 2, 3]);
  });
});
