import { describe, expect, it } from "vitest";
import { fa } from "../../src/i18n";
import type { RenderContext } from "../../src/render/context";
import {
  renderLanguageNotSaved,
  renderLanguageSaved,
  renderLanguageShown,
  renderUnknownLanguage,
} from "../../src/render/language";
import { allText } from "../support/blocks";
import { ctx, expectWithinSlackLimits } from "./helpers";

const faCtx: RenderContext = { ...ctx, t: fa, timeZone: "Asia/Tehran" };

describe("the language answers", () => {
  it.each([
    ["en", ctx],
    ["fa", faCtx],
  ] as const)("%s: every one fits Slack and ends with the command for every language", (_, c) => {
    const messages = [
      ...(["person", "workspace", "unavailable"] as const).map((source) =>
        renderLanguageShown({ language: "fa", source }, c),
      ),
      renderLanguageSaved("en", c),
      renderLanguageNotSaved("fa", c),
      renderUnknownLanguage("x".repeat(3000), c),
    ];
    for (const message of messages) {
      expectWithinSlackLimits(message);
      const text = allText(message).replace(/[\u2066-\u2069]/g, "");
      expect(text).toContain("/tickets language en");
      expect(text).toContain("/tickets language fa");
    }
  });

  it("names each language also as it calls itself, so the way back can always be read", () => {
    expect(allText(renderLanguageSaved("en", ctx))).toContain(
      "`/tickets language fa`: Persian (فارسی)",
    );
    const persian = allText(renderLanguageSaved("fa", faCtx));
    expect(persian).toContain("انگلیسی (\u2068English\u2069)");
    expect(persian).not.toContain("فارسی (");
  });

  it("shows the person's own text, cut and unable to break out of its code span", () => {
    const said = allText(renderUnknownLanguage("de`<!here>", ctx));
    expect(said).not.toContain("<!here>");
    expect(said).not.toMatch(/`de`/);
    expect(allText(renderUnknownLanguage("y".repeat(500), ctx)).length).toBeLessThan(400);
  });
});
