import { describe, expect, it } from "vitest";
import { decodeListState, listStateSchema } from "../../src/contract/list-state";
import { en } from "../../src/i18n";
import { renderCommandErrors } from "../../src/render/command-errors";
import { describeFilter } from "../../src/render/describe-filter";
import { renderHelp } from "../../src/render/help";
import { parseTicketsCommand } from "../../src/tickets/filter-grammar";
import {
  FILTER_FIELDS,
  type FilterField,
  TICKET_FILTERS,
  ticketFilterSchema,
} from "../../src/tickets/ticket-filters";
import { toSearchParams } from "../../src/tickets/ticket-query";
import { ctx, shownStrings } from "../render/helpers";

/**
 * Every filter in the table works everywhere a filter is used, with nothing but its table entry
 * and its words: typed in any spelling, sent upstream, carried by buttons, described, listed in
 * help and in the command errors.
 */

const SAMPLE: Record<FilterField, { typed: string; value: string | number; shown: string }> = {
  stateId: { typed: "2", value: 2, shown: "Waiting for support" },
  username: { typed: "bob", value: "bob", shown: "user bob" },
  ticketId: { typed: "42", value: 42, shown: "ticket #42" },
  categoryId: { typed: "10", value: 10, shown: "category 10" },
  subCategoryId: { typed: "20", value: 20, shown: "sub-category 20" },
};

const textOf = (message: Parameters<typeof shownStrings>[0]) =>
  shownStrings(message)
    .map((s) => s.value)
    .join("\n");

describe.each(FILTER_FIELDS)("the %s filter", (field) => {
  const spec = TICKET_FILTERS[field];
  const sample = SAMPLE[field];
  // Alone, a ticket number asks for details: with a page it is a list filter like the others.
  const command = (spelling: string) => `${spelling}:${sample.typed} page:1`;

  it.each(spec.spellings)("is read from `%s:`", (spelling) => {
    const parsed = parseTicketsCommand(command(spelling));
    expect(parsed).toMatchObject({ ok: true, command: { kind: "list" } });
    if (parsed.ok && parsed.command.kind === "list") {
      expect(parsed.command.query.filter).toEqual({ [field]: sample.value });
    }
  });

  it(`is sent upstream as ${spec.param}, carried by buttons as "${spec.button}", and described`, () => {
    const query = { filter: { [field]: sample.value }, page: 1, perPage: 10 };
    expect(ticketFilterSchema.parse(query.filter)).toEqual(query.filter);
    expect(toSearchParams(query).get(spec.param)).toBe(String(sample.value));
    const value = listStateSchema.encode(query);
    expect(JSON.parse(value).q[spec.button]).toBe(sample.value);
    expect(decodeListState(value)).toEqual(query);
    expect(describeFilter(query.filter, ctx)).toBe(sample.shown);
  });

  it("is offered in help and in the list of keys a typo is answered with", () => {
    expect(textOf(renderHelp(ctx))).toContain(`• ${en.help.filters[field]}`);
    const errors = renderCommandErrors([{ kind: "bare-word", token: "x" }], ctx);
    expect(textOf(errors)).toContain(`\`${spec.key}:\``);
  });
});

describe("the filter table", () => {
  it("gives every filter its own key, spellings, parameter and button key", () => {
    const all = (pick: (f: FilterField) => readonly string[]) => FILTER_FIELDS.flatMap(pick);
    for (const values of [
      all((f) => [TICKET_FILTERS[f].key]),
      all((f) => TICKET_FILTERS[f].spellings),
      all((f) => [TICKET_FILTERS[f].param]),
      all((f) => [TICKET_FILTERS[f].button]),
    ]) {
      expect(new Set(values).size).toBe(values.length);
    }
    // Button keys `p` and `n` are the page's.
    expect(all((f) => [TICKET_FILTERS[f].button])).not.toContain("p");
    expect(all((f) => [TICKET_FILTERS[f].button])).not.toContain("n");
  });

  it("describes several filters in its own order", () => {
    expect(describeFilter({ subCategoryId: 20, stateId: 2, username: "bob" }, ctx)).toBe(
      "Waiting for support · user bob · sub-category 20",
    );
  });
});
