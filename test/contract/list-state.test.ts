import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeListState, listStateSchema } from "../../src/contract/list-state";
import { LIMITS } from "../../src/render/limits";
import { MAX_ID, MAX_USERNAME_LENGTH } from "../../src/tickets/ticket-filters";
import { LIST_MAX_PER_PAGE, MAX_PAGE } from "../../src/tickets/ticket-query";
import { queryArb } from "../render/arbitraries";

const FC_SEED = 7_340_021;

describe("list state in button values", () => {
  it("round-trips every valid query and stays far below Slack's 2000 characters", () => {
    console.log(`fast-check seed ${FC_SEED}`);
    fc.assert(
      fc.property(queryArb, (query) => {
        const value = listStateSchema.encode(query);
        expect(value.length).toBeLessThanOrEqual(LIMITS.button.value / 2);
        expect(decodeListState(value)).toEqual(query);
      }),
      { numRuns: 500, seed: FC_SEED },
    );
  });

  it("is compact JSON with a version", () => {
    const value = listStateSchema.encode({
      filter: { stateId: 2, username: "bob" },
      page: 3,
      perPage: 10,
    });
    expect(JSON.parse(value)).toEqual({ v: 1, q: { p: 3, n: 10, s: 2, u: "bob" } });
  });

  it("decodes buttons posted before the filter table, value for value", () => {
    expect(
      decodeListState('{"v":1,"q":{"p":2,"n":10,"s":2,"u":"bob","i":5,"c":10,"sc":20}}'),
    ).toEqual({
      filter: { stateId: 2, username: "bob", ticketId: 5, categoryId: 10, subCategoryId: 20 },
      page: 2,
      perPage: 10,
    });
    expect(decodeListState('{"v":1,"q":{"p":1,"n":20}}')).toEqual({
      filter: {},
      page: 1,
      perPage: 20,
    });
  });

  it("a worst-case username still fits", () => {
    const username = '"\\\u0001'.repeat(MAX_USERNAME_LENGTH / 4);
    const value = listStateSchema.encode({
      filter: { stateId: 1, username, ticketId: MAX_ID, categoryId: MAX_ID, subCategoryId: MAX_ID },
      page: MAX_PAGE,
      perPage: LIST_MAX_PER_PAGE,
    });
    expect(value.length).toBeLessThan(LIMITS.button.value);
    expect(decodeListState(value)?.filter.username).toBe(username);
  });

  it.each([
    ["empty", ""],
    ["not JSON", "{"],
    ["null", "null"],
    ["an array", "[]"],
    ["a number", "42"],
    ["another version", '{"v":2,"q":{"p":1,"n":10}}'],
    ["no version", '{"q":{"p":1,"n":10}}'],
    ["per page above the list maximum", '{"v":1,"q":{"p":1,"n":21}}'],
    ["page 0", '{"v":1,"q":{"p":0,"n":10}}'],
    ["a fractional page", '{"v":1,"q":{"p":1.5,"n":10}}'],
    ["an unknown state", '{"v":1,"q":{"p":1,"n":10,"s":6}}'],
    ["an empty username", '{"v":1,"q":{"p":1,"n":10,"u":""}}'],
    ["an unknown key", '{"v":1,"q":{"p":1,"n":10,"x":1}}'],
    ["a prototype key", '{"v":1,"q":{"p":1,"n":10,"__proto__":{"a":1}}}'],
    ["a string page", '{"v":1,"q":{"p":"1","n":10}}'],
    ["too long", `{"v":1,"q":{"p":1,"n":10}}${" ".repeat(LIMITS.button.value)}`],
  ])("decodes %s to undefined", (_name, value) => {
    expect(decodeListState(value)).toBeUndefined();
  });
});
