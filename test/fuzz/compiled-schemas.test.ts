import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import type { CompiledOnFirstUse } from "../../src/compiled-on-first-use";
import { compiledListState } from "../../src/contract/list-state";
import { generateTickets } from "../../src/sample-api/generate-tickets";
import { compiledPayloads } from "../../src/slack/inbound-payload";
import {
  compiledProviderError,
  digestRowSchema,
  listRowSchema,
  ticketSchema,
} from "../../src/tickets/schemas";
import { compiledTicketQuery } from "../../src/tickets/ticket-query";
import listSample from "../fixtures/ticket-api/list-tickets.sample.json";
import { readFixture, readFixtureJson } from "../support/fixtures";

/**
 * The bot validates pages, payloads and button values with `z.compile`d schemas: generated code
 * for a valid input, zod's ordinary parser for an invalid one. That is only safe while the
 * generated code accepts exactly what the ordinary parser accepts, and builds the same value.
 * These hold the two side by side. Where the compiled code refuses an input, zod asks the ordinary
 * parser, so a rejected input tests little; what matters is every input either one accepts, and
 * the generators below make about half of them valid.
 */

// Fixed so a failure replays identically; change it locally to explore further.
const SEED = 2_718_281;
const RUNS = 300;

type Loose = Record<string, unknown>;

/** The outcome as a comparable value: the data when valid, each issue's path and message if not. */
const outcome = (result: z.ZodSafeParseResult<unknown>) =>
  result.success
    ? { ok: true, data: result.data }
    : { ok: false, issues: result.error.issues.map((i) => ({ path: i.path, message: i.message })) };

const oddValue = fc.oneof(
  fc.constantFrom(null, "", 0, 1, 2, -1, 1.5, -0, 2 ** 31, true, false, "0", "1", "x"),
  fc.constantFrom("2025-01-01", "2025-01-01 10:00:00", "01/02/2025", "2025-13-01T00:00:00Z"),
  fc.constantFrom("https://hooks.slack.com/x", "http://a b", "javascript:alert(1)", "U123", "u1"),
  fc.constantFrom({}, [], { uname: 5 }, { name: null }, { title: "t" }, { id: "U1" }),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
);

/** `base` with up to three of `fields` (or an unknown one) replaced, or removed when `undefined`. */
const edited = (base: Loose, fields: readonly string[]) =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...fields, "unknown_field"),
        fc.option(oddValue, { nil: undefined }),
      ),
      { maxLength: 3 },
    )
    .map((edits) => {
      const copy: Loose = structuredClone(base);
      for (const [key, value] of edits) {
        if (value === undefined) delete copy[key];
        else copy[key] = value;
      }
      return copy;
    });

const editedFrom = (samples: readonly Loose[]) =>
  fc
    .constantFrom(...samples)
    .chain((base) => edited(base, [...new Set(samples.flatMap((s) => Object.keys(s)))]));

/** Compiled and ordinary give the same outcome, value for value (`undefined` keys included). */
const agree = <S extends z.ZodType>(compiled: S, ordinary: S, input: unknown): void => {
  expect(outcome(compiled.safeParse(input))).toStrictEqual(outcome(ordinary.safeParse(input)));
};

const hotPaths: [string, CompiledOnFirstUse<z.ZodType>][] = [
  ["a slash command", compiledPayloads.slashCommand],
  ["a click", compiledPayloads.blockActions],
  ["an event", compiledPayloads.eventCallback],
  ["a modal's submission", compiledPayloads.viewSubmission],
  ["a command's query", compiledTicketQuery],
  ["a list's button value", compiledListState],
  ["the provider's refusal", compiledProviderError],
];

describe.each(hotPaths)("%s", (_name, get) => {
  it("compiles (zod would otherwise fall back to its ordinary parser without a word)", () => {
    expect(() => z.compile(get.source, { strict: true })).not.toThrow();
    expect(get()).not.toBe(get.source);
    expect(get()).toBe(get());
  });
});

const now = new Date("2026-11-30T12:00:00Z");
const goodRows: Loose[] = [
  ...(listSample.data as Loose[]),
  ...(JSON.parse(JSON.stringify(generateTickets({ count: 20, seed: 7, now }))) as Loose[]),
];

describe.each([
  ["a ticket row", ticketSchema],
  ["a list row", listRowSchema],
  ["a digest row", digestRowSchema],
] as const)("%s: compiled and ordinary validation agree", (_name, schema) => {
  const rows = z.array(schema);
  const compiledRows = z.compile(rows, { strict: true });

  it("on every row of a real answer", () => {
    const result = compiledRows.safeParse(goodRows);
    expect(result.success).toBe(true);
    agree(compiledRows, rows, goodRows);
  });

  it("on rows with fields broken, missing or added", () => {
    fc.assert(
      fc.property(fc.array(editedFrom(goodRows), { minLength: 1, maxLength: 4 }), (page) => {
        agree(compiledRows, rows, page);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe("a list's button value: compiled and ordinary encoding agree", () => {
  const odd = <T>(value: fc.Arbitrary<T>) => fc.oneof(value, oddValue);
  const query = fc.record(
    {
      filter: fc.record(
        {
          username: odd(fc.string({ maxLength: 20 })),
          stateId: odd(fc.integer({ min: 0, max: 6 })),
          ticketId: odd(fc.integer({ min: 0, max: 200_000 })),
          categoryId: odd(fc.nat()),
          subCategoryId: odd(fc.nat()),
        },
        { requiredKeys: [] },
      ),
      page: odd(fc.integer({ min: 0, max: 1_000_001 })),
      perPage: odd(fc.integer({ min: 0, max: 25 })),
    },
    { requiredKeys: ["filter", "page", "perPage"] },
  );

  it("for queries valid and not (every list encodes its buttons' with the compiled one)", () => {
    const ordinary = compiledListState.source;
    expect(compiledListState().safeEncode({ filter: {}, page: 2, perPage: 10 }).success).toBe(true);
    fc.assert(
      fc.property(query, (q) => {
        const compiled = compiledListState().safeEncode(q as never);
        expect(outcome(compiled)).toStrictEqual(outcome(ordinary.safeEncode(q as never)));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe("Slack's payloads: compiled and ordinary validation agree", () => {
  const form = (name: string): Loose =>
    Object.fromEntries(new URLSearchParams(readFixture(`slack/payloads/${name}`)));
  const json = (name: string): Loose => readFixtureJson(`slack/payloads/${name}`);
  const homeOpened = json("app_home_opened.slack-docs.json");
  const cases: [string, CompiledOnFirstUse<z.ZodType>, Loose[]][] = [
    [
      "slash commands",
      compiledPayloads.slashCommand,
      [
        form("slash_command.bolt-js-aws-test.body.txt"),
        form("slash_command.slack-docs-signing-example.body.txt"),
      ],
    ],
    [
      "clicks",
      compiledPayloads.blockActions,
      [
        json("block_actions.message-button.bolt-python.json"),
        json("block_actions.ephemeral-enterprise.bolt-python.json"),
      ],
    ],
    [
      "events",
      compiledPayloads.eventCallback,
      [{ type: "event_callback", team_id: "T1", api_app_id: "A1", event: homeOpened }],
    ],
    [
      "modal submissions",
      compiledPayloads.viewSubmission,
      [json("view_submission.bolt-python.json")],
    ],
  ];

  it.each(cases)("%s, as Slack sends them and with fields broken", (_name, get, samples) => {
    for (const sample of samples) expect(get().safeParse(sample).success).toBe(true);
    fc.assert(
      fc.property(editedFrom(samples), (payload) => agree(get(), get.source, payload)),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe("the provider's refusal", () => {
  const refusal: Loose = readFixtureJson("ticket-api/error-401.sample.json");
  const metas = [refusal.meta as Loose, listSample.meta as Loose];

  it("validate says yes exactly where the ordinary parser accepts", () => {
    expect(compiledProviderError().validate(refusal)).toBe(true);
    expect(compiledProviderError().validate(listSample)).toBe(false);
    fc.assert(
      fc.property(editedFrom(metas), fc.constantFrom(null, [], refusal.data), (meta, data) => {
        const body = { data, meta };
        expect(compiledProviderError().validate(body)).toBe(
          compiledProviderError.source.safeParse(body).success,
        );
        agree(compiledProviderError(), compiledProviderError.source, body);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
