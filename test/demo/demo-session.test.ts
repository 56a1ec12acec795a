import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatJson } from "../../src/demo/demo-output";
import { type DemoSession, startDemoSession } from "../../src/demo/demo-session";
import { type DemoStep, parseStep } from "../../src/demo/demo-steps";

/**
 * The demo's session in this process: the real bot between the sample API and the Slack
 * stand-in, driven step by step. What needs a process (exit codes, stdout and stderr, flags,
 * the environment) is in demo.test.ts.
 */

const NOW = new Date("2026-01-15T09:00:00Z");
let session: DemoSession;
const logged: string[] = [];

beforeAll(async () => {
  session = await startDemoSession({
    clock: { now: () => NOW },
    timeZone: "UTC",
    language: "en",
    writeLog: (line) => logged.push(line),
  });
});
afterAll(async () => {
  await session?.stop();
});

const run = async (input: string) => {
  const parsed = parseStep(input);
  if (!parsed.ok) throw new Error(parsed.problem);
  return session.run(
    parsed.step as Extract<DemoStep, { kind: "command" | "page" | "details" | "digest" }>,
  );
};

const problemOf = async (input: string) => {
  const outcome = await run(input);
  expect(outcome.ok).toBe(false);
  return outcome.ok ? "" : outcome.problem;
};

describe("a demo session", () => {
  it("cannot page or open details before any list was shown", async () => {
    expect(session.last()).toBeUndefined();
    expect(await problemOf("prev")).toBe(
      "prev: no message with tickets has been shown yet; try /tickets first",
    );
    expect(await problemOf("details 1")).toContain("no message with tickets has been shown yet");
  });

  it("says which button a page has not got", async () => {
    expect((await run("/tickets state:2")).ok).toBe(true);
    expect(await problemOf("prev")).toBe(
      "prev: the last message with tickets has no [ ◀ Previous ] (it is the first page)",
    );
    expect((await run("/tickets id:100349 state:2")).ok).toBe(true);
    expect(await problemOf("next")).toBe(
      "next: the last message with tickets has no [ Next ▶ ] (it is the last page)",
    );
  });

  it("does not page a digest, which is not a page of a list", async () => {
    expect((await run("digest")).ok).toBe(true);
    expect(await problemOf("next")).toBe(
      "next: the last message with tickets has no [ Next ▶ ] (it is not a page of a list; try /tickets)",
    );
  });

  it("names the rows there are when asked for one that is not", async () => {
    expect((await run("/tickets state:2")).ok).toBe(true);
    expect(await problemOf("details 99")).toBe(
      "details 99: the last message with tickets has 10 rows; try details 1 to details 10",
    );
  });

  it("keeps the last message as the bot sent it, for json, without loopback addresses", async () => {
    expect((await run("/tickets state:2 per_page:1")).ok).toBe(true);
    const last = session.last();
    if (!last) throw new Error("nothing shown");
    const json = session.withoutAddresses(formatJson(last));
    expect(json).not.toMatch(/127\.0\.0\.1/);
    const message = JSON.parse(json) as { response_type: string; blocks: { type: string }[] };
    expect(message.response_type).toBe("ephemeral");
    expect(message.blocks[0]?.type).toBe("header");
    expect(logged.filter((line) => / ERROR /.test(line))).toEqual([]);
  });
});
