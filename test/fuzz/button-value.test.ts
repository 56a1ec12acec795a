import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeListState, listStateSchema } from "../../src/contract/list-state";
import { LIST_MAX_PER_PAGE, ticketQuerySchema } from "../../src/tickets/ticket-query";
import { queryArb } from "../render/arbitraries";

// Fixed so a failure replays identically; change it locally to explore further.
const SEED = 4_181_337;
const RUNS = 400;

/** The only acceptable outcomes: nothing, or a query the rest of the bot can trust. */
const expectSafeDecode = (value: string) => {
  const decoded = decodeListState(value);
  if (decoded === undefined) return;
  expect(ticketQuerySchema.safeParse(decoded).success).toBe(true);
  expect(decoded.perPage).toBeLessThanOrEqual(LIST_MAX_PER_PAGE);
  // Decoding hands back plain data: nothing a prototype key could have grafted on.
  expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
  expect(Object.getPrototypeOf(decoded.filter)).toBe(Object.prototype);
};

const ODD_VALUES = fc.constantFrom<unknown>(
  null,
  true,
  -1,
  0,
  1.5,
  2 ** 53,
  1e308,
  -0,
  "",
  "1",
  "__proto__",
  [],
  [1],
  {},
  { valueOf: 1 },
);

const COMPACT_KEYS = ["p", "n", "s", "u", "i", "c", "sc"] as const;

/** A valid encoding, structurally damaged: a key set to an odd value, dropped, or added. */
const mutatedObject = fc
  .tuple(
    queryArb,
    fc.constantFrom("set", "drop", "add", "version", "proto"),
    fc.constantFrom(...COMPACT_KEYS),
    ODD_VALUES,
  )
  .map(([query, how, key, odd]) => {
    const compact = JSON.parse(listStateSchema.encode(query));
    const q = compact.q as Record<string, unknown>;
    switch (how) {
      case "set":
        q[key] = odd;
        break;
      case "drop":
        delete q[key];
        break;
      case "add":
        q.extra = odd;
        break;
      case "version":
        compact.v = odd;
        break;
      case "proto":
        return JSON.stringify(compact).replace('"q":{', '"q":{"__proto__":{"p":1,"n":10},');
    }
    return JSON.stringify(compact);
  });

/** A valid encoding, textually damaged: a character replaced, inserted, removed, or cut. */
const mutatedText = fc
  .tuple(
    queryArb,
    fc.nat(),
    fc.constantFrom("replace", "insert", "delete", "truncate", "pad"),
    fc.string({ unit: "binary", minLength: 1, maxLength: 3 }),
  )
  .map(([query, at, how, piece]) => {
    const text = listStateSchema.encode(query);
    const i = at % (text.length + 1);
    switch (how) {
      case "replace":
        return text.slice(0, i) + piece + text.slice(i + 1);
      case "insert":
        return text.slice(0, i) + piece + text.slice(i);
      case "delete":
        return text.slice(0, i) + text.slice(i + 1);
      case "truncate":
        return text.slice(0, i);
      case "pad":
        return text + " ".repeat(2000);
    }
    return text;
  });

describe(`button value fuzz (seed ${SEED}, ${RUNS} runs)`, () => {
  it("decodes arbitrary strings to undefined or a valid query, never throwing", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 300 }),
          fc.json({ maxDepth: 4 }),
          fc.string({ unit: "binary", minLength: 1990, maxLength: 2100 }),
        ),
        expectSafeDecode,
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("decodes structurally damaged encodings to undefined or a valid query", () => {
    fc.assert(fc.property(mutatedObject, expectSafeDecode), { numRuns: RUNS, seed: SEED });
  });

  it("decodes textually damaged encodings to undefined or a valid query", () => {
    fc.assert(fc.property(mutatedText, expectSafeDecode), { numRuns: RUNS, seed: SEED });
  });
});
