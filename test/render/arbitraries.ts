import fc from "fast-check";
import { MAX_ID, MAX_USERNAME_LENGTH } from "../../src/tickets/ticket-filters";
import { LIST_MAX_PER_PAGE, MAX_PAGE, type TicketQuery } from "../../src/tickets/ticket-query";

const id = fc.integer({ min: 1, max: MAX_ID });
export const queryArb: fc.Arbitrary<TicketQuery> = fc.record({
  filter: fc.record(
    {
      stateId: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const),
      username: fc
        .string({ unit: "binary", minLength: 1, maxLength: MAX_USERNAME_LENGTH })
        .filter((s) => s.length >= 1 && s.length <= MAX_USERNAME_LENGTH),
      ticketId: id,
      categoryId: id,
      subCategoryId: id,
    },
    { requiredKeys: [] },
  ),
  page: fc.integer({ min: 1, max: MAX_PAGE }),
  perPage: fc.integer({ min: 1, max: LIST_MAX_PER_PAGE }),
});

/** Characters that break naive renderers: markup, entities, RTL, ZWJ emoji, bidi overrides. */
const nastyUnit = fc.constantFrom(
  "&",
  "<",
  ">",
  "*",
  "_",
  "~",
  "`",
  "|",
  "a",
  "ب",
  "👨‍👩‍👧‍👦",
  "🇮🇷",
  "\u202E",
  "\n",
  " ",
  "é",
);

/** Mostly long: the interesting failures are budgets, not short strings. */
export const nastyText = (minLength = 0): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: nastyUnit, minLength, maxLength: 40 }),
    fc.string({ unit: nastyUnit, minLength: Math.max(minLength, 1000), maxLength: 5000 }),
    fc.constantFrom("&", "<", ">").map((c) => c.repeat(5000)),
  );

const timestamp = fc
  .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
  .map((d) => d.toISOString());

/** A ticket as the API could send it, with every text hostile and often huge. */
export const ticketJsonArb = fc.record({
  ticket_id: fc.integer({ min: 1, max: MAX_ID }),
  state_id: fc.integer({ min: -2, max: 9 }),
  subject: nastyText(),
  importance: fc.option(nastyText(), { nil: null }),
  admin_seen: fc.constantFrom(0, 1, true, false, null),
  interaction_count: fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: null }),
  created_at: timestamp,
  updated_at: timestamp,
  user: fc.option(fc.record({ uname: fc.option(nastyText(), { nil: null }) }), { nil: null }),
  category: fc.option(fc.record({ name: fc.option(nastyText(), { nil: null }) }), { nil: null }),
  sub_category: fc.option(fc.record({ title: fc.option(nastyText(), { nil: null }) }), {
    nil: null,
  }),
});

export const metaArb = fc.record({
  current_page: fc.integer({ min: 1, max: MAX_PAGE }),
  last_page: fc.integer({ min: 0, max: MAX_PAGE }),
  per_page: fc.integer({ min: 1, max: 1000 }),
  total: fc.integer({ min: 0, max: 2_000_000_000 }),
});

export const noticesArb = fc.array(
  fc.record({
    kind: fc.constant("per-page-lowered" as const),
    requested: fc.integer({ min: 21, max: 1_000_000 }),
    used: fc.constant(LIST_MAX_PER_PAGE),
  }),
  { maxLength: 3 },
);

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const endArb = fc.oneof(fc.integer({ min: 0, max: MAX_ID }), nastyText());

/** A ticket with every field details show: long texts, forwarding, rating, all hostile. */
export const detailedTicketJsonArb = fc.record({
  ticket_id: fc.integer({ min: 1, max: MAX_ID }),
  state_id: fc.integer({ min: -2, max: 9 }),
  subject: nastyText(),
  desc: optional(
    fc.oneof(
      nastyText(),
      nastyText().map((s) => s.repeat(5)),
    ),
  ),
  importance: optional(nastyText()),
  admin_seen: fc.constantFrom(0, 1, true, false, null),
  user_seen: fc.constantFrom(0, 1, true, false, null),
  interaction_count: optional(fc.integer({ min: 0, max: 2_000_000_000 })),
  longest_interaction: optional(fc.double({ min: 0, max: 1e21, noNaN: true })),
  manager_comment: optional(nastyText()),
  close_desc: optional(nastyText()),
  rate: optional(fc.integer({ min: 0, max: 10 })),
  rate_comment: optional(nastyText()),
  jira_id: optional(fc.oneof(fc.integer({ min: 0, max: MAX_ID }), nastyText())),
  created_at: timestamp,
  updated_at: timestamp,
  user: optional(fc.record({ uname: optional(nastyText()) })),
  category: optional(fc.record({ name: optional(nastyText()) })),
  sub_category: optional(fc.record({ title: optional(nastyText()) })),
  forward: optional(
    fc.record({
      from: optional(endArb),
      to: optional(endArb),
      created_at: optional(timestamp),
      seen: fc.constantFrom(0, 1, null),
    }),
  ),
});
