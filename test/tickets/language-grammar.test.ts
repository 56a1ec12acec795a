import { describe, expect, it } from "vitest";
import { parseTicketsCommand } from "../../src/tickets/filter-grammar";

const languageOf = (text: string) => {
  const parsed = parseTicketsCommand(text);
  return parsed.ok && parsed.command.kind === "language" ? parsed.command.choice : undefined;
};

describe("/tickets language", () => {
  it.each([
    ["language fa", "fa"],
    ["language en", "en"],
    ["LANGUAGE FA", "fa"],
    ["lang en", "en"],
    ["language:fa", "fa"],
    ["language: fa", "fa"],
    ["language persian", "fa"],
    ["language Farsi", "fa"],
    ["language English", "en"],
    ["language فارسی", "fa"],
    ["language پارسی", "fa"],
    ["زبان فارسی", "fa"],
    ["زبان انگلیسی", "en"],
    // Arabic keyboards type ي and ك; pasted text brings direction marks along.
    ["language فارسي", "fa"],
    ["زبان انگليسي", "en"],
    ["language \u200Ffa\u200F", "fa"],
  ])("`%s` chooses %s", (text, language) => {
    expect(languageOf(text)).toEqual({ kind: "set", language });
  });

  it.each(["language", "LANGUAGE", "language:", "زبان", "  language  "])(
    "`%s` alone asks what the language is",
    (text) => {
      expect(languageOf(text)).toEqual({ kind: "show" });
    },
  );

  it.each([
    ["language de", "de"],
    ["language fa en", "fa en"],
    ["language:deutsch", "deutsch"],
    ["زبان آلمانی", "آلمانی"],
    ["language `fa`", "`fa`"],
  ])("`%s` names no language the bot speaks: %s, as typed", (text, token) => {
    expect(languageOf(text)).toEqual({ kind: "unknown", token });
  });

  it("leaves other commands to the filter grammar", () => {
    expect(languageOf("languages fa")).toBeUndefined();
    expect(parseTicketsCommand("state:2 language:fa").ok).toBe(false);
    expect(parseTicketsCommand("state:2")).toMatchObject({ ok: true, command: { kind: "list" } });
  });
});
