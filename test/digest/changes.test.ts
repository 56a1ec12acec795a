import { describe, expect, it } from "vitest";
import { changesSince, compareWaiting, filtersKeyOf, netChange } from "../../src/digest/changes";
import type { DigestTicket } from "../../src/digest/types";
import { decodeIdSet, encodeIdSet, forEachId } from "../../src/store/id-set-codec";

const ticket = (ticketId: number): DigestTicket => ({
  ticketId,
  subject: `#${ticketId}`,
  updatedAt: new Date(0),
  waitedMs: 0,
  overdue: false,
  adminSeen: true,
});
const TAKEN = new Date("2026-03-09T09:00:00Z");
const previous = (ids: number[], over = {}) => ({
  takenAt: TAKEN,
  filtersKey: filtersKeyOf({ stateId: 2 }),
  complete: true,
  ids,
  ...over,
});
const summary = (ids: number[], over = {}) => ({
  approximate: false,
  waitingIds: encodeIdSet(ids),
  top: ids.slice(0, 3).map(ticket),
  ...over,
});

describe("comparing two sets of waiting tickets", () => {
  it("counts new, left and still waiting in one walk, whatever the gaps between ids", () => {
    expect(compareWaiting([1, 2, 3, 10, 1_000_000], encodeIdSet([2, 3, 4, 999_999_999]))).toEqual({
      added: 2,
      left: 3,
      still: 2,
      found: new Set(),
    });
    expect(compareWaiting([], encodeIdSet([5, 6]))).toMatchObject({ added: 2, left: 0, still: 0 });
    expect(compareWaiting([5, 6], encodeIdSet([]))).toMatchObject({ added: 0, left: 2, still: 0 });
    expect(compareWaiting([5, 6], encodeIdSet([7]), [5, 7, 6]).found).toEqual(new Set([5, 6]));
  });

  it("reads the set straight from its bytes, and decodes it the same", () => {
    const ids = [3, 17, 18, 4_000_000_000];
    const seen: number[] = [];
    expect(forEachId(encodeIdSet(ids), (id) => seen.push(id))).toBe(4);
    expect(seen).toEqual(ids);
    expect(decodeIdSet(encodeIdSet(ids))).toEqual(ids);
  });

  it("keys filters the same whatever order they were written in, and skips unset ones", () => {
    expect(filtersKeyOf({ stateId: 2, username: "bob" })).toBe(
      filtersKeyOf({ username: "bob", stateId: 2, categoryId: undefined } as never),
    );
    expect(filtersKeyOf({ stateId: 2 })).not.toBe(filtersKeyOf({ stateId: 2, username: "bob" }));
  });
});

describe("what a digest says changed", () => {
  const key = filtersKeyOf({ stateId: 2 });

  it("compares with the previous exact set, marking listed tickets seen last time", () => {
    const changes = changesSince(previous([1, 2, 3, 4]), key, summary([3, 4, 5, 6, 7]));
    expect(changes).toEqual({
      kind: "compared",
      since: TAKEN,
      added: 3,
      left: 2,
      still: 2,
      seenBefore: new Set([3, 4]),
    });
    if (changes.kind === "compared") expect(netChange(changes)).toBe(1);
  });

  it("says first, filters changed, not claimed or unavailable rather than a wrong comparison", () => {
    expect(changesSince(undefined, key, summary([1]))).toEqual({ kind: "first" });
    expect(changesSince(previous([1], { filtersKey: "v1:{}" }), key, summary([1]))).toEqual({
      kind: "filters-changed",
    });
    expect(changesSince(previous([1]), key, summary([1], { approximate: true }))).toEqual({
      kind: "not-claimed",
    });
    expect(changesSince("unreadable", key, summary([1]))).toEqual({ kind: "unavailable" });
    expect(changesSince(previous([1], { complete: false }), key, summary([1]))).toEqual({
      kind: "unavailable",
    });
    expect(changesSince(previous([1]), key, summary([1], { waitingIds: undefined }))).toEqual({
      kind: "unavailable",
    });
  });
});

describe("what a digest keeps for the next", () => {
  it("keeps 100,000 waiting ids well under 1 MB, even spread thinly over the id space", () => {
    const dense = Array.from({ length: 100_000 }, (_, i) => 100_000 + i * 3);
    // Gaps of tens of thousands: each id then takes three bytes.
    const sparse = Array.from({ length: 100_000 }, (_, i) => i * 20_000 + (i % 7));
    expect(encodeIdSet(dense).length).toBeLessThan(110_000);
    expect(encodeIdSet(sparse).length).toBeLessThan(310_000);
    // The same counts as the obvious way, with a Set.
    const before = new Set(dense);
    const still = sparse.filter((id) => before.has(id)).length;
    expect(still).toBeGreaterThan(0);
    expect(compareWaiting(dense, encodeIdSet(sparse))).toMatchObject({
      still,
      added: sparse.length - still,
      left: dense.length - still,
    });
  });
});
