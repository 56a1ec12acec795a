import { describe, expect, it } from "vitest";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { allText } from "../support/blocks";
import { type Harness, useHarness } from "../support/bot-harness";
import { simulatedTime } from "../support/fake-scheduler";

/**
 * Digests that remember, end to end: the real bot on a simulated clock, the ticket API's
 * stand-in (whose queue the test changes between runs) and Slack's, a real SQLite store.
 */

const start = useHarness();
const DAY = 86_400_000;
const MONDAY = new Date("2026-03-09T00:00:00Z");
const at9 = (day: number) => new Date(MONDAY.getTime() + day * DAY + 9 * 3_600_000);

const ticket = (id: number, state = 2) =>
  makeTicket({ id, ticket_id: id, state_id: state, subject: `Ticket ${id}` });
const queueOf = (waiting: number[], other: number[] = []) => [
  ...waiting.map((id) => ticket(id)),
  ...other.map((id) => ticket(id, 3)),
];

const CHANNEL = "C0AAAAAAA";
const ALERTS = "C0ALERTS1";
const env = { DIGEST_CHANNEL: CHANNEL, DIGEST_SCHEDULE: "0 9 * * *", DIGEST_TIMEZONE: "UTC" };

const posts = (h: Harness, channel = CHANNEL) =>
  h.slack.calls.items.filter((c) => c.method === "chat.postMessage" && c.body.channel === channel);

/** The digest's line about what changed since the last one. */
const changesLine = (body: unknown) =>
  allText(body)
    .split("\n")
    .find((line) => /^Since the last digest|first run: nothing to compare/.test(line));

const runAt = async (h: Harness, time: ReturnType<typeof simulatedTime>, when: Date) => {
  time.set(when);
  await h.bot.tickDigests();
};

describe("what changed since the last digest", () => {
  it("counts new, left and still waiting exactly, a ticket that left and came back as still waiting", async () => {
    const time = simulatedTime(MONDAY);
    const h = await start({
      tickets: queueOf([101, 102, 103, 104, 105], [106]),
      env,
      schedule: { clock: time.clock, manual: true },
    });
    await h.bot.tickDigests();
    await runAt(h, time, at9(0));
    const [first] = posts(h);
    expect(changesLine(first?.body)).toMatch(/first run: nothing to compare with yet/);

    // Between the runs: 101 and 102 were answered; 103 was answered, then the customer wrote
    // again (it left and came back); 106 and 107 came in; 104 and 105 still wait.
    h.api.setTickets(queueOf([103, 104, 105, 106, 107], [101, 102]));
    await runAt(h, time, at9(1));
    const second = posts(h)[1];
    expect(changesLine(second?.body)).toMatch(
      /^Since the last digest \(.+\): \*2 new\*, \*2 left\*, 3 still waiting · no change$/,
    );
    // The listed tickets that were in the last digest are marked; the new ones are not.
    const rows = allText(second?.body);
    expect(rows.match(/in the last digest too/g)).toHaveLength(3);

    // Two left, none came: the total falls by two.
    h.api.setTickets(queueOf([103, 104, 106], [105, 107]));
    await runAt(h, time, at9(2));
    expect(changesLine(posts(h)[2]?.body)).toMatch(/\*0 new\*, \*2 left\*, 3 still waiting · ▼ 2$/);
    // Only the newest set is kept: one snapshot, of the last run.
    const [digest] = await h.store.subscriptions.listAll();
    const snapshot = await h.store.snapshots.get(digest?.id ?? 0);
    expect(snapshot).toMatchObject({ ids: [103, 104, 106], complete: true });
  });

  it("claims no comparison when the total changed while its pages were read, and compares the next with the last exact run", async () => {
    const time = simulatedTime(MONDAY);
    const many = Array.from({ length: 1_500 }, (_, i) => 10_000 + i);
    let grow = false;
    const h = await start({
      tickets: queueOf(many),
      env,
      schedule: { clock: time.clock, manual: true },
      // While the second page is asked for, ten more tickets arrive.
      intercept: (req) => {
        if (grow && req.query.get("page") === "2") {
          grow = false;
          h.api.setTickets(queueOf([...many, ...Array.from({ length: 10 }, (_, i) => 50 + i)]));
        }
        return undefined;
      },
    });
    await h.bot.tickDigests();
    await runAt(h, time, at9(0));
    grow = true;
    await runAt(h, time, at9(1));
    const moved = posts(h)[1]?.body;
    expect(allText(moved)).toMatch(/figures are approximate: the queue changed/);
    expect(changesLine(moved)).toBeUndefined();
    expect(allText(moved)).toMatch(/No comparison with the last digest/);

    // The next run compares with the last exact one (Monday's): ten new since then.
    await runAt(h, time, at9(2));
    expect(changesLine(posts(h)[2]?.body)).toMatch(
      /\*10 new\*, \*0 left\*, 1,500 still waiting · ▲ 10$/,
    );
  });
});

describe("a failing digest speaks once", () => {
  it("fails for three scheduled runs, then recovers: one failure notice, one recovery notice, and the history says so", async () => {
    const time = simulatedTime(MONDAY);
    let refuse = false;
    const h = await start({
      tickets: queueOf([101, 102]),
      env: { ...env, ALERT_CHANNEL: ALERTS },
      schedule: { clock: time.clock, manual: true },
      intercept: () =>
        refuse
          ? {
              status: 401,
              body: {
                data: null,
                meta: { status: false, message: "bad", message_code: "400-1", errors: {} },
              },
            }
          : undefined,
    });
    await h.bot.tickDigests();
    await runAt(h, time, at9(0));
    expect(posts(h)).toHaveLength(1);

    refuse = true;
    for (const day of [1, 2, 3]) await runAt(h, time, at9(day));
    // One notice for three failed runs, naming the cause and who can fix it.
    const failing = posts(h).slice(1);
    expect(failing).toHaveLength(1);
    expect(String(failing[0]?.body.text)).toBe(
      "⚠️ the 09:00 digest could not be posted: the ticket panel refused the bot's token (HTTP 401): an operator must check TICKET_API_TOKEN. It will keep trying at its usual times; this channel hears again when it works.",
    );
    expect(posts(h, ALERTS)).toHaveLength(1);
    expect(String(posts(h, ALERTS)[0]?.body.text)).toMatch(
      /C0AAAAAAA.*is failing.*TICKET_API_TOKEN/,
    );

    // While failing, /healthz says so, for monitoring, with no secret in it.
    const failingHealth = await (
      await fetch(h.eventsUrl.replace("/slack/events", "/healthz"))
    ).json();
    expect(failingHealth).toMatchObject({
      status: "degraded",
      problems: expect.arrayContaining(["1 digest(s) failing"]),
      digests: {
        counts: { failing: 1 },
        list: [
          {
            channel: CHANNEL,
            state: "failing",
            lastOutcome: "failed",
            failure: "panel-auth:401",
            failingRuns: 3,
            // Measured on the bot's own clock (real time here; the schedule's is simulated):
            // report.test.ts checks the figure itself.
            secondsSinceLastSuccess: expect.any(Number),
            lastSuccessAt: expect.any(String),
          },
        ],
        omitted: 0,
      },
    });
    expect(JSON.stringify(failingHealth)).not.toContain("panel-token");

    refuse = false;
    await runAt(h, time, at9(4));
    const after = posts(h).slice(2);
    expect(after).toHaveLength(2);
    // The digest, compared with the last successful run (Monday's), then the recovery notice.
    expect(changesLine(after[0]?.body)).toMatch(/\*0 new\*, \*0 left\*, 2 still waiting/);
    expect(String(after[1]?.body.text)).toBe(
      "✅ the 09:00 digest works again, after 3 failed runs.",
    );
    expect(posts(h, ALERTS)).toHaveLength(2);

    // A further good run says nothing more.
    await runAt(h, time, at9(5));
    expect(posts(h)).toHaveLength(5);
    expect(posts(h, ALERTS)).toHaveLength(2);

    const [digest] = await h.store.subscriptions.listAll();
    const history = await h.store.runs.lastRuns(digest?.id ?? 0, 10);
    expect(history.map((r) => [r.outcome, r.failure])).toEqual([
      ["posted", undefined],
      ["posted", undefined],
      ["failed", "panel-auth:401"],
      ["failed", "panel-auth:401"],
      ["failed", "panel-auth:401"],
      ["posted", undefined],
    ]);
    // And `/tickets digests` in the channel shows them.
    const list = await h.answerTo((await h.command("digests", { channel_id: CHANNEL })).responseId);
    const text = allText(list.body);
    expect(text).toMatch(/Recent runs: ✅ .+ · ✅ .+ · ❌ .+ · ❌ .+ · ❌ .+/);
    expect(text).toMatch(
      /Last: .*posted.* · <https:\/\/slack\.com\/archives\/C0AAAAAAA\/p\d+\|open>/,
    );
    expect(text).not.toMatch(/Failing since/);
  });
});
