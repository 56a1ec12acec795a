import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { buttonsOf } from "../support/blocks";
import { useHarness } from "../support/bot-harness";

/** One info line per handled command or click: what, who, how long, how it ended. */

const SUBJECT = "Customer's private subject line";
const start = useHarness({
  tickets: Array.from({ length: 12 }, (_, i) =>
    makeTicket({ id: 100001 + i, state_id: 2, subject: `${SUBJECT} ${i}` }),
  ),
});

describe("the request log", () => {
  it("writes one line for a command, with who, where, how long and what the panel said", async () => {
    const h = await start();
    const { responseId } = await h.command("state:2 user:someone");
    await h.answerTo(responseId);
    const line = await h.waitForLog(/handled \/tickets/);
    expect(line).toMatch(
      / INFO \[tickets-bot\] handled \/tickets kind=command command=\/tickets user=W111 channel=C111 durationMs=\d+ upstreamStatus=200 upstreamCalls=1 outcome=ok$/,
    );
    expect(h.logs.filter((l) => l.includes("handled /tickets"))).toHaveLength(1);
    // Neither the ticket contents nor what was typed.
    expect(h.logs.join("\n")).not.toContain(SUBJECT);
    expect(h.logs.join("\n")).not.toContain("someone");
  });

  it("writes one for a click, as JSON with LOG_FORMAT=json", async () => {
    const h = await start({ env: { LOG_FORMAT: "json" } });
    const first = await h.command("state:2");
    const list = await h.answerTo(first.responseId);
    const next = buttonsOf(list.body).find((b) => b.action_id === ACTION_IDS.pageNext);
    const click = await h.click({ action_id: ACTION_IDS.pageNext, value: next?.value });
    await h.answerTo(click.responseId);
    const line = await h.waitForLog(/handled click/);
    expect(JSON.parse(line)).toMatchObject({
      level: "info",
      message: `handled click ${ACTION_IDS.pageNext}`,
      kind: "click",
      action: ACTION_IDS.pageNext,
      user: "W111",
      channel: "C111",
      upstreamStatus: 200,
      outcome: "ok",
    });
    for (const l of h.logs) expect(() => JSON.parse(l)).not.toThrow();
  });

  it("says when the panel failed, and when the request was refused", async () => {
    const h = await start({
      env: { ALLOWED_USER_IDS: "W111" },
      intercept: () => ({ status: 503, body: "down" }),
    });
    const failed = await h.command("state:2");
    await h.answerTo(failed.responseId);
    expect(await h.waitForLog(/handled \/tickets.*user=W111/)).toMatch(
      /upstreamStatus=503 upstreamCalls=\d outcome=upstream-failed$/,
    );
    await h.command("state:2", { user_id: "W999" });
    expect(await h.waitForLog(/handled \/tickets.*user=W999/)).toMatch(
      /upstreamCalls=0 outcome=refused$/,
    );
  });

  it("honours LOG_LEVEL: at warn there is no info line, Bolt's included", async () => {
    const h = await start({ env: { LOG_LEVEL: "warn" } });
    const { responseId } = await h.command("state:2");
    await h.answerTo(responseId);
    await h.command("stat:2");
    expect(h.logs.filter((l) => / (INFO|DEBUG) /.test(l))).toEqual([]);
  });
});
