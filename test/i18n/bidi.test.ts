import { describe, expect, it } from "vitest";
import { hasRightToLeft, isolate, ltr, rtl } from "../../src/i18n/bidi";

describe("direction helpers", () => {
  it("isolate and ltr fence a run, and leave nothing for empty text", () => {
    expect(isolate("ali")).toBe("\u2068ali\u2069");
    expect(ltr("#۱۰")).toBe("\u2066#۱۰\u2069");
    expect(isolate("")).toBe("");
    expect(ltr("")).toBe("");
  });

  it("marks each line right-to-left at both ends, once", () => {
    expect(rtl("سلام\n\nدنیا")).toBe("\u200Fسلام\u200F\n\n\u200Fدنیا\u200F");
    expect(rtl(rtl("سلام"))).toBe("\u200Fسلام\u200F");
  });

  it("tells right-to-left letters from the rest", () => {
    expect(hasRightToLeft("Hosting")).toBe(false);
    expect(hasRightToLeft("۱۲۳")).toBe(false);
    expect(hasRightToLeft("مالی")).toBe(true);
    expect(hasRightToLeft("שלום")).toBe(true);
    expect(hasRightToLeft("123 *_~")).toBe(false);
  });
});
