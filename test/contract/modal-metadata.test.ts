import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeModalMetadata, encodeModalMetadata } from "../../src/contract/modal-metadata";
import { LIMITS } from "../../src/render/limits";

const URL = "https://hooks.slack.com/actions/T111/1/x";

describe("what a details modal keeps in private_metadata", () => {
  it("is versioned compact JSON, as modals already open carry it", () => {
    expect(encodeModalMetadata({ responseUrl: URL })).toBe(`{"v":1,"r":"${URL}"}`);
    expect(encodeModalMetadata({})).toBe('{"v":1}');
    expect(decodeModalMetadata(`{"v":1,"r":"${URL}"}`)).toEqual({ responseUrl: URL });
    expect(decodeModalMetadata('{"v":1}')).toEqual({});
  });

  it("refuses to keep a URL that is not http(s)", () => {
    expect(() => encodeModalMetadata({ responseUrl: "javascript:alert(1)" })).toThrow();
  });

  it.each([
    ["nothing", undefined],
    ["empty", ""],
    ["not JSON", "{"],
    ["another version", `{"v":2,"r":"${URL}"}`],
    ["a URL that is not http(s)", '{"v":1,"r":"file:///etc/passwd"}'],
    ["an old modal's empty object", "{}"],
    ["too long", `{"v":1,"r":"${URL}"}${" ".repeat(LIMITS.modal.privateMetadata)}`],
  ])("keeps nothing from %s", (_name, raw) => {
    expect(decodeModalMetadata(raw)).toEqual({});
  });

  it("never throws, whatever a modal holds", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (raw) => {
        const decoded = decodeModalMetadata(raw);
        if (decoded.responseUrl !== undefined) expect(decoded.responseUrl).toMatch(/^https?:/);
      }),
      { numRuns: 300, seed: 34 },
    );
  });
});
