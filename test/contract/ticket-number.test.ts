import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeTicketNumber, tryEncodeTicketNumber } from "../../src/contract/ticket-number";
import { MAX_ID } from "../../src/tickets/ticket-filters";

describe("the ticket number in a button value", () => {
  it("is the number's digits, as every Details and Share button has carried", () => {
    expect(tryEncodeTicketNumber(100001)).toBe("100001");
    // A button posted by any earlier version still opens its ticket.
    expect(decodeTicketNumber("100001")).toBe(100001);
  });

  it("round-trips every ticket id there can be", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_ID }), (id) => {
        expect(decodeTicketNumber(tryEncodeTicketNumber(id))).toBe(id);
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it("gives no value for an id no ticket can have: the renderer leaves the button out", () => {
    for (const id of [0, -1, 1.5, MAX_ID + 1, Number.NaN]) {
      expect(tryEncodeTicketNumber(id)).toBeUndefined();
    }
  });

  it.each([
    ["nothing", undefined],
    ["empty", ""],
    ["zero", "0"],
    ["above the largest id", String(MAX_ID + 1)],
    ["a sign", "+7"],
    ["a fraction", "7.5"],
    ["an exponent", "1e5"],
    ["spaces", " 7"],
    ["a hash", "#7"],
    ["eleven digits", "12345678901"],
    ["JSON", '{"v":2,"id":7}'],
  ])("decodes %s to undefined, never a throw", (_name, value) => {
    expect(decodeTicketNumber(value)).toBeUndefined();
  });
});
