import { describe, expect, it } from "vitest";
import { createLogger, type LoggerOptions } from "../src/logger";

const capture = (options: Omit<LoggerOptions, "write"> = {}) => {
  const lines: string[] = [];
  const logger = createLogger({ ...options, write: (line) => lines.push(line) });
  return { logger, lines };
};

const SECRET = "panel-token-s3cret-value";

describe("LOG_FORMAT=json", () => {
  it("writes one JSON object per line with time, level, message and the context fields", () => {
    const { logger, lines } = capture({ format: "json" });
    logger
      .with({ command: "/tickets", user: "U1", channel: "C1", upstreamStatus: 200, durationMs: 42 })
      .info("handled /tickets");
    logger.warn("two\nlines");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain("\n");
    const first = JSON.parse(lines[0] ?? "") as Record<string, unknown>;
    expect(first).toMatchObject({
      level: "info",
      message: "handled /tickets",
      name: "tickets-bot",
      command: "/tickets",
      user: "U1",
      channel: "C1",
      upstreamStatus: 200,
      durationMs: 42,
    });
    expect(new Date(String(first.time)).toISOString()).toBe(first.time);
    expect(JSON.parse(lines[1] ?? "")).toMatchObject({ level: "warn", message: "two\nlines" });
  });

  it("puts an error in err with its type, message and stack", () => {
    const { logger, lines } = capture({ format: "json" });
    logger.error("could not deliver an answer to Slack", new TypeError("socket hang up"));
    const line = JSON.parse(lines[0] ?? "") as { message: string; err: Record<string, string> };
    expect(line.message).toBe("could not deliver an answer to Slack");
    expect(line.err).toMatchObject({ type: "TypeError", message: "socket hang up" });
    expect(line.err.stack).toContain("TypeError: socket hang up");
  });
});

describe("text format (the default)", () => {
  it("writes time, level, name, message and fields on one line, the stack after it", () => {
    const { logger, lines } = capture();
    logger.with({ command: "/tickets", outcome: "upstream failed" }).info("handled /tickets");
    logger.error("failed", new Error("boom"));
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z INFO \[tickets-bot\] handled \/tickets command=\/tickets outcome="upstream failed"$/,
    );
    expect(lines[1]).toMatch(/ ERROR \[tickets-bot\] failed\nError: boom\n\s+at /);
  });

  it("reads like the JSON line: a field set again keeps its place, an error's causes follow it", () => {
    const { logger, lines } = capture();
    const { logger: json, lines: jsonLines } = capture({ format: "json" });
    const failure = new Error("outer", { cause: new TypeError("inner") });
    for (const l of [logger, json]) {
      l.with({ user: "U1", kind: "command" })
        .with({ user: "U2", name: "ignored" })
        .warn("x", failure);
    }
    expect(lines[0]).toMatch(/ WARN \[tickets-bot\] x user=U2 kind=command\nError: outer\n/);
    const parsed = JSON.parse(jsonLines[0] ?? "") as { err: { stack: string } };
    expect(lines[0]?.slice(lines[0].indexOf("\n") + 1)).toBe(parsed.err.stack);
    expect(parsed.err.stack).toContain("caused by: TypeError: inner");
  });
});

describe("fields", () => {
  it.each(["text", "json"] as const)(
    "given as undefined by a child are no fields in %s lines: the parent's stay, in their place",
    (format) => {
      const { logger, lines } = capture({ format });
      logger.with({ user: "U1", kind: "command" }).with({ user: undefined, step: 2 }).info("x");
      logger.with({ user: undefined, kind: "command" }).with({ user: "U2" }).info("y");
      if (format === "text") {
        expect(lines.map((l) => l.slice(l.indexOf("] ") + 2))).toEqual([
          "x user=U1 kind=command step=2",
          "y kind=command user=U2",
        ]);
      } else {
        const [x, y] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(x).toMatchObject({ user: "U1", kind: "command", step: 2 });
        expect(y).toMatchObject({ user: "U2", kind: "command" });
      }
    },
  );
});

describe("levels", () => {
  it("drops what is below the level, for every logger made from it", () => {
    const { logger, lines } = capture({ level: "warn" });
    const child = logger.with({ user: "U1" });
    logger.info("no");
    child.info("no");
    child.warn("yes");
    logger.setLevel("debug");
    child.debug("now yes");
    expect(lines.map((l) => l.split("] ")[1])).toEqual(["yes user=U1", "now yes user=U1"]);
    expect(child.getLevel()).toBe("debug");
  });
});

describe("secrets", () => {
  it.each(["text", "json"] as const)(
    "are redacted in %s lines, wherever they appear, escaped or not",
    (format) => {
      const odd = 'se"cret\\value';
      const { logger, lines } = capture({ format, secrets: [SECRET, odd] });
      logger.with({ header: SECRET }).info(`token ${SECRET}`, { nested: { odd } });
      logger.error("failed", new Error(`upstream said ${SECRET} and ${odd}`));
      logger.debug("a Slack token we were never told about: xoxb-1111-2222-abcdef");
      const all = lines.join("\n");
      expect(all).not.toContain(SECRET);
      expect(all).not.toContain('se\\"cret');
      expect(all).not.toContain('se"cret');
      expect(all).not.toContain("xoxb-1111");
      expect(all).toContain("[redacted]");
    },
  );
});
