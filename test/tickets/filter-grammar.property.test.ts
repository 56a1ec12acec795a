import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CommandParseResult } from "../../src/tickets/command";
import { MAX_COMMAND_LENGTH, parseTicketsCommand } from "../../src/tickets/filter-grammar";
import { STATE_NAMES } from "../../src/tickets/states";
import { MAX_ID, type TicketFilter } from "../../src/tickets/ticket-filters";
import {
  LIST_MAX_PER_PAGE,
  MAX_PAGE,
  type TicketQuery,
  ticketQuerySchema,
} from "../../src/tickets/ticket-query";

// Fixed so a failure here fails the same way on every machine; change it to explore.
const SEED = 20_240_611;
const RUNS = 500;
const options = { numRuns: RUNS, seed: SEED };

const SPELLINGS = {
  state: ["state", "state_id"],
  user: ["user", "username"],
  id: ["id", "ticket_id"],
  category: ["category", "category_id"],
  subcategory: ["subcategory", "sub", "sub_category_id"],
  page: ["page"],
  per_page: ["per_page", "perpage", "per-page"],
} as const;
const ALL_SPELLINGS = Object.values(SPELLINGS).flat();

const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
const decoded = (text: string) =>
  text
    .replace(/&(?:amp|lt|gt);/g, (e) => ({ "&amp;": "&", "&lt;": "<", "&gt;": ">" })[e] ?? e)
    .replace(INVISIBLE, "");

/** What must hold of any answer, whatever was typed. */
const expectWellFormed = (text: string, result: CommandParseResult) => {
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      if (error.kind === "command-too-long") continue;
      // Each token is the user's own text: every word of it was in what they typed.
      for (const word of error.token.split(" ")) expect(decoded(text)).toContain(word);
    }
    return;
  }
  if (result.command.kind !== "list") return;
  const { query, notices } = result.command;
  expect(ticketQuerySchema.safeParse(query).success).toBe(true);
  expect(query.perPage).toBeGreaterThanOrEqual(1);
  expect(query.perPage).toBeLessThanOrEqual(LIST_MAX_PER_PAGE);
  for (const notice of notices) expect(notice.used).toBe(query.perPage);
};

const neverThrows = (arbitrary: fc.Arbitrary<string>) =>
  fc.property(arbitrary, (text) => {
    expectWellFormed(text, parseTicketsCommand(text));
  });

// ----------------------------------------------------------------------------------------
// Arbitraries

const casing = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => Array.from(word, (c, i) => (upper[i] ? c.toUpperCase() : c)).join(""));

const inScript = (digits: string) =>
  fc
    .constantFrom(0x30, 0x06f0, 0x0660)
    .map((zero) => digits.replace(/\d/g, (d) => String.fromCharCode(zero + +d)));

const separator = fc.constantFrom(" ", "  ", "\n", "\t", "\u00a0", "\u3000", "\u2028", "\r\n");
const junk = fc.constantFrom(
  "",
  "\u200b",
  "\u200f",
  "\u202e",
  "\u2066",
  "\ufeff",
  "&amp;",
  "&lt;",
  "&gt;",
  "&amp;lt;",
);

const keyText = fc.oneof(
  fc.constantFrom(...ALL_SPELLINGS).chain(casing),
  fc.constantFrom(
    "stat",
    "usr",
    "catgory",
    "pag",
    "per_pgae",
    "sb",
    "",
    "constructor",
    "__proto__",
  ),
  fc.string({ maxLength: 12 }),
);

const valueText = fc.oneof(
  fc.nat({ max: 30 }).map(String).chain(inScript),
  fc
    .bigInt({ min: 0n, max: 10n ** 30n })
    .map(String)
    .chain(inScript),
  fc.constantFrom(...Object.keys(STATE_NAMES)).chain(casing),
  fc.constantFrom("#1", "#100001", "@bob", "@", "-3", "1.5", "1e3", "0x10", "+5", "", "#", "۰"),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 8 }),
);

const fragment = fc.oneof(
  fc.tuple(keyText, fc.constantFrom(":", "：", ": ", "="), valueText).map((p) => p.join("")),
  valueText,
  fc.constantFrom("help", "digest", "-h", "?", "open", "state", "<@U123|bob>", "<#C1|general>"),
);

const command = fc
  .array(fc.tuple(fragment, junk, separator), { maxLength: 10 })
  .map((parts) => parts.map(([text, noise, gap]) => text + noise + gap).join(""));

// Any UTF-16 unit at all, lone surrogates included.
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map(String.fromCharCode) });

// ----------------------------------------------------------------------------------------

describe(`parseTicketsCommand properties (seed ${SEED}, ${RUNS} runs)`, () => {
  it("never throws on arbitrary strings", () => {
    fc.assert(neverThrows(fc.string()), options);
    fc.assert(neverThrows(fc.string({ unit: "grapheme" })), options);
    fc.assert(neverThrows(fc.string({ unit: "binary" })), options);
    fc.assert(neverThrows(anyUnits), options);
  });

  it("never throws on commands built from key:value fragments", () => {
    fc.assert(neverThrows(command), options);
  });

  it("never throws around the length limit", () => {
    const nearLimit = fc
      .tuple(command, fc.integer({ min: MAX_COMMAND_LENGTH - 5, max: MAX_COMMAND_LENGTH + 5 }))
      .map(([text, length]) => text.padEnd(length, " state:2").slice(0, length));
    fc.assert(neverThrows(nearLimit), { ...options, numRuns: 100 });
  });

  it("reads back any valid query, whatever the spelling, order and digits", () => {
    const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const anyId = fc.integer({ min: 1, max: MAX_ID });
    const query = fc.record({
      state: optional(fc.integer({ min: 1, max: 5 })),
      user: optional(fc.stringMatching(/^[A-Za-z0-9._\u0621-\u064A-]{1,40}$/)),
      id: optional(anyId),
      category: optional(anyId),
      subcategory: optional(anyId),
      page: optional(fc.integer({ min: 1, max: MAX_PAGE })),
      per_page: optional(fc.integer({ min: 1, max: LIST_MAX_PER_PAGE })),
    });
    const keys = Object.keys(SPELLINGS) as (keyof typeof SPELLINGS)[];
    const clause = (key: keyof typeof SPELLINGS, value: string | number) =>
      fc
        .tuple(
          fc.constantFrom(...SPELLINGS[key]).chain(casing),
          typeof value === "string" ? fc.constant(value) : inScript(String(value)),
          fc.constantFrom(":", "：", ": "),
        )
        .map(([k, v, colon]) => `${k}${colon}${v}`);
    const written = query.chain((q) => {
      const clauses = keys.flatMap((key) => {
        const value = q[key];
        return value === undefined ? [] : [clause(key, value)];
      });
      return fc
        .tuple(fc.tuple(...clauses), separator)
        .chain(([texts, gap]) =>
          fc.shuffledSubarray(texts, { minLength: texts.length }).map((t) => t.join(gap)),
        )
        .map((text) => ({ q, text }));
    });

    fc.assert(
      fc.property(written, ({ q, text }) => {
        const filter: TicketFilter = {};
        if (q.state !== undefined) filter.stateId = q.state as TicketFilter["stateId"];
        if (q.user !== undefined) filter.username = q.user;
        if (q.id !== undefined) filter.ticketId = q.id;
        if (q.category !== undefined) filter.categoryId = q.category;
        if (q.subcategory !== undefined) filter.subCategoryId = q.subcategory;
        const expected: TicketQuery = { filter, page: q.page ?? 1, perPage: q.per_page ?? 10 };
        expect(parseTicketsCommand(text)).toStrictEqual({
          ok: true,
          command: { kind: "list", query: expected, notices: [] },
        });
      }),
      options,
    );
  });

  it("lowers any larger page size to the list size, saying so", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: LIST_MAX_PER_PAGE + 1, max: Number.MAX_SAFE_INTEGER }),
        (requested) => {
          const result = parseTicketsCommand(`per_page:${requested}`);
          expect(result).toStrictEqual({
            ok: true,
            command: {
              kind: "list",
              query: { filter: {}, page: 1, perPage: LIST_MAX_PER_PAGE },
              notices: [{ kind: "per-page-lowered", requested, used: LIST_MAX_PER_PAGE }],
            },
          });
        },
      ),
      options,
    );
  });
});
