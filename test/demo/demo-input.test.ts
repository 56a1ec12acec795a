import { describe, expect, it } from "vitest";
import { DEFAULT_API_PORT, parseDemoArgs } from "../../src/demo/demo-options";
import { parseStep } from "../../src/demo/demo-steps";

describe("parseStep", () => {
  it.each([
    ["/tickets state:2 user:bob", { kind: "command", text: "state:2 user:bob" }],
    ["/tickets", { kind: "command", text: "" }],
    ["  /tickets   #100001 ", { kind: "command", text: "#100001" }],
    ["next", { kind: "page", which: "next" }],
    ["PREV", { kind: "page", which: "prev" }],
    ["previous", { kind: "page", which: "prev" }],
    ["refresh", { kind: "page", which: "refresh" }],
    ["details 3", { kind: "details", row: 3 }],
    ["digest", { kind: "digest" }],
    ["json", { kind: "json" }],
    ["help", { kind: "help" }],
    ["quit", { kind: "quit" }],
  ])("%j", (input, step) => {
    expect(parseStep(input)).toEqual({ ok: true, step });
  });

  it.each([
    ["bogus", 'unknown step "bogus"'],
    ["next please", 'unknown step "next please"'],
    ["details", 'say which row, e.g. "details 1"'],
    ["details 0", 'say which row, e.g. "details 1"'],
    ["details one", 'say which row, e.g. "details 1"'],
    ["/ticket state:2", "unknown command /ticket: the bot has only /tickets"],
    ["/ticketsx", "unknown command /ticketsx"],
  ])("refuses %j", (input, problem) => {
    const parsed = parseStep(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });
});

describe("parseDemoArgs", () => {
  it("takes steps, a fixed now, a time zone and colour flags", () => {
    expect(
      parseDemoArgs(["--now", "2026-01-15T09:00:00Z", "--tz=Europe/Berlin", "--no-color", "next"]),
    ).toEqual({
      ok: true,
      options: {
        mode: "demo",
        steps: ["next"],
        now: new Date("2026-01-15T09:00:00Z"),
        timeZone: "Europe/Berlin",
        language: "en",
        color: false,
      },
    });
    // No zone: the bot's language picks it (UTC for en, Asia/Tehran for fa).
    expect(parseDemoArgs([])).toEqual({
      ok: true,
      options: {
        mode: "demo",
        steps: [],
        now: undefined,
        timeZone: undefined,
        language: "en",
        color: undefined,
      },
    });
  });

  it("sets the bot's language with --lang", () => {
    expect(parseDemoArgs(["--lang", "fa", "digest"])).toMatchObject({
      ok: true,
      options: { mode: "demo", steps: ["digest"], language: "fa", timeZone: undefined },
    });
    expect(parseDemoArgs(["--lang=FA"])).toMatchObject({ options: { language: "fa" } });
  });

  it("serves only the API with --serve-api", () => {
    expect(parseDemoArgs(["--serve-api"])).toEqual({
      ok: true,
      options: { mode: "serve-api", port: DEFAULT_API_PORT, token: undefined, now: undefined },
    });
    expect(parseDemoArgs(["--serve-api", "--port", "0", "--token", "t"])).toMatchObject({
      ok: true,
      options: { port: 0, token: "t" },
    });
  });

  it.each([
    [["--now", "2026-01-15"], "--now 2026-01-15 is not an ISO time"],
    [["--now"], "--now needs a value"],
    [["--tz", "Mars/Olympus"], "--tz Mars/Olympus is not a time zone"],
    [["--port", "3001"], "--port only goes with --serve-api"],
    [["--serve-api", "--port", "99999"], "--port 99999 is not a port number"],
    [["--serve-api", "next"], "--serve-api takes no steps"],
    [["--serve-api", "--token", " "], "--token must not be empty"],
    [["--color", "--no-color"], "contradict"],
    [["--verbose"], "unknown flag --verbose"],
    [["--lang", "de"], "--lang de is not one of en, fa"],
    [["--lang"], "--lang needs a value"],
  ])("refuses %j", (argv, problem) => {
    const parsed = parseDemoArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });
});
