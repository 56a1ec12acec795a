import { describe, expect, it } from "vitest";
import { resolveDraft } from "../../src/digest/subscription";
import { parseSubscribeArgs, type SubscribeError } from "../../src/digest/subscription-args";
import { CATALOGS, LANGUAGES } from "../../src/i18n";

const draftOf = (text: string) => {
  const parsed = parseSubscribeArgs(text);
  if (!parsed.ok || "help" in parsed) throw new Error(`not a draft: ${JSON.stringify(parsed)}`);
  return parsed.draft;
};

const errorsOf = (text: string): SubscribeError[] => {
  const parsed = parseSubscribeArgs(text);
  if (parsed.ok) throw new Error(`expected errors for ${text}`);
  return parsed.errors;
};

const DEFAULTS = {
  timeZone: "UTC",
  top: 10,
  overdueHours: 24,
  postWhenEmpty: false,
  language: "en",
} as const;

describe("/tickets subscribe's arguments", () => {
  it("reads the issue's example: filters by the /tickets grammar, then when, where and how", () => {
    const draft = draftOf("category:10 at:08:30 days:mon-fri tz:Asia/Tehran top:5 lang:fa");
    expect(resolveDraft(draft, DEFAULTS)).toEqual({
      filter: { stateId: 2, categoryId: 10 },
      cron: "30 8 * * 1-5",
      timeZone: "Asia/Tehran",
      top: 5,
      overdueHours: 24,
      postWhenEmpty: false,
      language: "fa",
    });
  });

  it("defaults to 09:00 every day in the bot's zone, waiting for support", () => {
    expect(resolveDraft(draftOf(""), DEFAULTS)).toMatchObject({
      filter: { stateId: 2 },
      cron: "0 9 * * *",
      timeZone: "UTC",
    });
    expect(resolveDraft(draftOf("at:07:15"), DEFAULTS).cron).toBe("15 7 * * *");
    expect(resolveDraft(draftOf("days:sat-wed"), DEFAULTS).cron).toBe("0 9 * * 0-3,6");
  });

  it("takes a cron in straight or smart quotes, or unquoted, and Persian digits", () => {
    for (const text of [
      'cron:"0 9 * * 1-5"',
      "cron:“0 9 * * 1-5”",
      'cron: "0 9 * * 1-5"',
      "cron:0 9 * * 1-5",
      'cron:"۰ ۹ * * ۱-۵"',
    ]) {
      expect(draftOf(text).when, text).toEqual({ kind: "cron", expr: "0 9 * * 1-5" });
    }
  });

  it("reads every filter of a digest, a state by name with spaces, a customer, a sub-category", () => {
    expect(draftOf("state:waiting for response user:@bob sub:20 overdue:48h empty:yes")).toEqual({
      filter: { stateId: 1, username: "bob", subCategoryId: 20 },
      overdueHours: 48,
      postWhenEmpty: true,
    });
    expect(draftOf("at: 08:30 tz: Europe/Berlin")).toMatchObject({
      when: { kind: "weekly", times: [{ hour: 8, minute: 30 }] },
      timeZone: "Europe/Berlin",
    });
  });

  it("names every problem at once, each with the person's own token", () => {
    expect(
      errorsOf(
        "at:25:00 days:funday cron:nope tz:Mars/Base top:99 overdue:soon empty:maybe lang:de lnag:fa",
      ),
    ).toEqual([
      { kind: "bad-times", token: "at:25:00" },
      { kind: "bad-days", token: "days:funday" },
      { kind: "bad-cron", token: "cron:nope", problem: expect.stringContaining("expected 5") },
      { kind: "unknown-zone", token: "tz:Mars/Base" },
      { kind: "out-of-range", token: "top:99", key: "top", min: 1, max: 20 },
      { kind: "not-a-number", token: "overdue:soon", key: "overdue" },
      { kind: "bad-choice", token: "empty:maybe", key: "empty", choices: ["yes", "no"] },
      { kind: "bad-choice", token: "lang:de", key: "lang", choices: ["en", "fa"] },
      { kind: "unknown-key", token: "lnag:fa", key: "lnag", suggestion: "lang:" },
    ]);
    expect(errorsOf('cron:"0 9 * * *" at:08:30')).toEqual([
      { kind: "cron-and-times", token: "cron:" },
    ]);
  });

  it("passes the /tickets grammar's own filter errors through", () => {
    expect(errorsOf("state:bogus category:x")).toEqual([
      { kind: "filter", error: { kind: "unknown-state", token: "state:bogus" } },
      {
        kind: "filter",
        error: { kind: "not-an-integer", token: "category:x", key: "category" },
      },
    ]);
  });

  it("refuses one ticket, a page, a repeated key, a bare word, times that cannot share a line", () => {
    expect(errorsOf("id:5 page:2 #100001")).toEqual([
      { kind: "not-for-digests", token: "id:5" },
      { kind: "not-for-digests", token: "page:2" },
      { kind: "not-for-digests", token: "#100001" },
    ]);
    expect(errorsOf("at:08:30 at:09:30")).toEqual([
      { kind: "repeated-key", token: "at:09:30", key: "at" },
    ]);
    expect(errorsOf("hello")).toEqual([{ kind: "bare-word", token: "hello" }]);
    expect(errorsOf("at:08:30,13:00")).toEqual([
      { kind: "minutes-differ", token: "at:08:30,13:00" },
    ]);
    expect(errorsOf('cron:"0 9')).toEqual([{ kind: "unclosed-quote", token: 'cron:"0 9' }]);
    expect(errorsOf("tz:")).toEqual([{ kind: "missing-value", token: "tz:", key: "tz" }]);
    expect(errorsOf("category:10 100001")).toEqual([
      { kind: "not-for-digests", token: "category:10 100001" },
    ]);
  });

  it("judges a cron in its zone once both are given", () => {
    // Valid field by field, yet February has no 30th in any zone.
    expect(errorsOf('cron:"0 0 30 2 *" tz:Asia/Tehran')).toEqual([
      expect.objectContaining({ kind: "bad-cron" }),
    ]);
  });

  it("answers help", () => {
    expect(parseSubscribeArgs("help")).toEqual({ ok: true, help: true });
    expect(parseSubscribeArgs("راهنما")).toEqual({ ok: true, help: true });
  });

  it.each(LANGUAGES)("%s: every example its help gives is read", (language) => {
    for (const example of CATALOGS[language].subscriptions.help.examples) {
      const parsed = parseSubscribeArgs(example.replace(/^\/tickets subscribe\s*/, ""));
      expect(parsed.ok, example).toBe(true);
    }
  });
});
