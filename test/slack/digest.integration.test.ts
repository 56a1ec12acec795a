import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { decodeListState } from "../../src/contract/list-state";
import { makeTicket, toApiTimestamp } from "../../src/sample-api/generate-tickets";
import { allText, buttonsOf } from "../support/blocks";
import { type Harness, onSharedMessage, useHarness } from "../support/bot-harness";
import { simulatedTime } from "../support/fake-scheduler";

const start = useHarness();

const HOUR = 3_600_000;
const waitingFor = (hours: number, id: number, extra: Record<string, unknown> = {}) =>
  makeTicket({
    id,
    ticket_id: id,
    state_id: 2,
    subject: `Waiting ${hours} h`,
    updated_at: toApiTimestamp(new Date(Date.now() - hours * HOUR)),
    ...extra,
  });

const queue = [
  waitingFor(2, 100001),
  waitingFor(50, 100002),
  waitingFor(30, 100003),
  makeTicket({ id: 100004, ticket_id: 100004, state_id: 3 }),
];
const digestEnv = { DIGEST_CHANNEL: "C0AAAAAAA,C0BBBBBBB", DIGEST_OVERDUE_HOURS: "24" };

const posts = (h: Harness) => h.slack.calls.items.filter((c) => c.method === "chat.postMessage");

describe("digests posted to channels", () => {
  it("posts one digest of the waiting tickets to every channel, longest waiting first", async () => {
    const h = await start({ tickets: queue, env: digestEnv });
    await h.bot.runDigestNow();
    const sent = posts(h);
    // Each channel's digest is a run of its own, run together: in no promised order.
    expect(sent.map((c) => c.body.channel).sort()).toEqual(["C0AAAAAAA", "C0BBBBBBB"]);
    const first = sent.find((c) => c.body.channel === "C0AAAAAAA")?.body ?? {};
    expect(String(first.text)).toContain("3");
    const text = allText(first);
    expect(text.indexOf("#100002")).toBeLessThan(text.indexOf("#100003"));
    expect(text.indexOf("#100003")).toBeLessThan(text.indexOf("#100001"));
    expect(text).not.toContain("#100004");
    expect(text).not.toMatch(/<!(channel|here|everyone)>/);
    // Every waiting ticket was asked for in one page of the API's maximum size. Each channel's
    // digest is a run of its own, claimed on its own; run together, they share the request.
    const queries = h.api.requests.map((r) => Object.fromEntries(r.query));
    expect(queries.length).toBeGreaterThanOrEqual(1);
    expect(queries.length).toBeLessThanOrEqual(2);
    for (const query of queries) {
      expect(query).toEqual({ page: "1", per_page: "1000", state_id: "2" });
    }
    expect(h.bot.lastDigest()).toMatchObject({ kind: "posted", total: 3, failed: [] });
  });

  it("keeps going when one channel refuses, and logs what to do", async () => {
    const h = await start({
      tickets: queue,
      env: digestEnv,
      slack: {
        webApi: (call) =>
          call.method === "chat.postMessage" && call.body.channel === "C0AAAAAAA"
            ? { body: { ok: false, error: "not_in_channel" } }
            : undefined,
      },
    });
    await h.bot.runDigestNow();
    // The refused digest, then its failure notice (refused too); the other channel's digest.
    expect(
      posts(h)
        .map((c) => c.body.channel)
        .sort(),
    ).toEqual(["C0AAAAAAA", "C0AAAAAAA", "C0BBBBBBB"]);
    expect(h.bot.lastDigest()).toMatchObject({
      posted: ["C0BBBBBBB"],
      failed: [{ channel: "C0AAAAAAA" }],
    });
    expect(h.logs.join("\n")).toMatch(/C0AAAAAAA.*not_in_channel.*invite/);
  });

  it("waits out Slack's Retry-After on a 429 and posts", async () => {
    let limited = true;
    const h = await start({
      tickets: queue,
      env: { DIGEST_CHANNEL: "C0AAAAAAA" },
      slack: {
        webApi: (call) => {
          if (call.method !== "chat.postMessage" || !limited) return undefined;
          limited = false;
          return {
            status: 429,
            headers: { "retry-after": "1" },
            body: { ok: false, error: "ratelimited" },
          };
        },
      },
    });
    await h.bot.runDigestNow();
    expect(posts(h)).toHaveLength(2);
    expect(h.bot.lastDigest()).toMatchObject({ kind: "posted", posted: ["C0AAAAAAA"] });
  });

  it.each([
    [
      "a refused token",
      {
        status: 401,
        body: {
          data: null,
          meta: { status: false, message: "bad", message_code: "400-1", errors: {} },
        },
      },
    ],
    [
      "an HTML error page",
      { status: 200, headers: { "content-type": "text/html" }, body: "<html>down</html>" },
    ],
    ["a 500", { status: 500, body: { message: "Server Error" } }],
    ["no answer in time", { hang: true }],
  ])(
    "posts no digest when the ticket API gives %s, after a few tries: only the failure notice",
    async (_name, reply) => {
      const h = await start({
        tickets: queue,
        env: { ...digestEnv, TICKET_API_TIMEOUT_MS: "200" },
        intercept: () => reply,
      });
      await h.bot.runDigestNow();
      // No digest: each channel hears once, in a notice, that it failed and why.
      expect(
        posts(h)
          .map((c) => c.body.channel)
          .sort(),
      ).toEqual(["C0AAAAAAA", "C0BBBBBBB"]);
      for (const call of posts(h)) {
        expect(String(call.body.text)).toMatch(/could not be posted: the (ticket panel|bot)/);
        expect(allText(call.body)).not.toContain("#100002");
      }
      expect(h.bot.lastDigest()?.kind).toBe("not-built");
      expect(h.api.requests.length).toBeGreaterThanOrEqual(1);
      await h.waitForLog(/digest could not be built .*nothing was posted/);
    },
  );

  it("retries a digest that failed for a passing reason, and posts when the API recovers", async () => {
    // The client retries a 500 twice itself: the third in a row fails the digest's first try.
    let failures = 3;
    const h = await start({
      tickets: queue,
      env: { DIGEST_CHANNEL: "C0AAAAAAA" },
      intercept: () => (failures-- > 0 ? { status: 500, body: {} } : undefined),
    });
    await h.bot.runDigestNow();
    expect(posts(h)).toHaveLength(1);
    expect(h.logs.join("\n")).toMatch(/digest could not be built \(attempt 1 of 3\).*retrying/);
  });

  it("posts nothing when nothing waits, and a short note when DIGEST_POST_WHEN_EMPTY is true", async () => {
    const quiet = await start({ tickets: [makeTicket({ state_id: 4 })], env: digestEnv });
    await quiet.bot.runDigestNow();
    expect(posts(quiet)).toEqual([]);
    await quiet.stop();

    const loud = await start({
      tickets: [],
      env: { ...digestEnv, DIGEST_POST_WHEN_EMPTY: "true" },
    });
    await loud.bot.runDigestNow();
    expect(posts(loud)).toHaveLength(2);
    expect(String(posts(loud)[0]?.body.text)).toMatch(/\b0\b|nothing|no tickets/i);
  });
});

describe("the in-process schedule", () => {
  // A Monday, 00:00 UTC: 09:30 in Tehran (UTC+03:30) is 06:00 UTC that day.
  const monday = new Date("2026-03-09T00:00:00Z");

  it("schedules the operator's digest with the bot, in the chosen zone, and says when it runs next", async () => {
    const time = simulatedTime(monday);
    const h = await start({
      env: { ...digestEnv, DIGEST_SCHEDULE: "30 9 * * 1-5", DIGEST_TIMEZONE: "Asia/Tehran" },
      schedule: { clock: time.clock, manual: true },
    });
    await h.bot.tickDigests();
    // 09:30 in Tehran (UTC+03:30) is 06:00 UTC.
    await h.waitForLog(
      /digest scheduler: 2 digest\(s\) scheduled; the next at 2026-03-09T06:00:00\.000Z/,
    );
    const stored = await h.store.subscriptions.listAll();
    expect(stored.map((s) => [s.origin, s.channelId, s.schedule])).toEqual([
      ["operator", "C0AAAAAAA", { cron: "30 9 * * 1-5", timeZone: "Asia/Tehran" }],
      ["operator", "C0BBBBBBB", { cron: "30 9 * * 1-5", timeZone: "Asia/Tehran" }],
    ]);
  });

  it("posts the digest when its time comes, for that slot, once, and not before", async () => {
    const time = simulatedTime(monday);
    const h = await start({
      tickets: queue,
      env: { ...digestEnv, DIGEST_SCHEDULE: "30 9 * * 1-5", DIGEST_TIMEZONE: "Asia/Tehran" },
      schedule: { clock: time.clock, manual: true },
    });
    await h.bot.tickDigests();
    time.set(new Date("2026-03-09T05:59:00Z"));
    await h.bot.tickDigests();
    expect(posts(h)).toEqual([]);
    time.set(new Date("2026-03-09T06:00:00Z"));
    await h.bot.tickDigests();
    expect(
      posts(h)
        .map((c) => c.body.channel)
        .sort(),
    ).toEqual(["C0AAAAAAA", "C0BBBBBBB"]);
    // The next tick in the same minute, and a restart's catch-up, find the slot done.
    time.set(new Date("2026-03-09T06:00:40Z"));
    await h.bot.tickDigests();
    expect(posts(h)).toHaveLength(2);
    const [first] = await h.store.subscriptions.listAll();
    const runs = await h.store.runs.lastRuns(first?.id ?? 0, 5);
    expect(runs).toMatchObject([
      { slot: new Date("2026-03-09T06:00:00Z"), outcome: "posted", waitingCount: 3 },
    ]);
    expect(runs[0]?.messageTs).toMatch(/^\d+\.\d+$/);
  });

  it("stays off with DIGEST_SCHEDULE=off: nothing is posted however much time passes", async () => {
    const time = simulatedTime(monday);
    const h = await start({
      tickets: queue,
      env: { ...digestEnv, DIGEST_SCHEDULE: "off" },
      schedule: { clock: time.clock, manual: true },
    });
    // A week of simulated time, a tick every hour, every weekday's 09:00 included.
    for (let hour = 0; hour < 7 * 24; hour += 1) {
      time.set(new Date(monday.getTime() + hour * 3_600_000));
      await h.bot.tickDigests();
    }
    expect(posts(h)).toEqual([]);
    expect(h.bot.lastDigest()).toBeUndefined();
    // Posting on demand still works: only the schedule is off.
    await h.bot.runDigestNow();
    expect(posts(h)).toHaveLength(2);
  });
});

describe("/tickets digest and View all", () => {
  it("shows the digest privately as it would be posted, with a View all that opens the waiting list", async () => {
    const h = await start({ tickets: queue });
    const preview = await h.answerTo((await h.command("digest")).responseId);
    expect(preview.body.response_type).toBe("ephemeral");
    expect(allText(preview.body)).toContain("#100002");
    expect(posts(h)).toEqual([]);

    const viewAll = buttonsOf(preview.body).find((b) => b.action_id === ACTION_IDS.openList);
    expect(decodeListState(viewAll?.value ?? "")).toEqual({
      filter: { stateId: 2 },
      page: 1,
      perPage: 10,
    });

    // Clicked on the channel's digest (not ephemeral): a new private list, the digest untouched.
    const list = await h.answerTo(
      (
        await h.click(
          { action_id: ACTION_IDS.openList, value: viewAll?.value },
          onSharedMessage("C0AAAAAAA"),
        )
      ).responseId,
    );
    expect(list.body.response_type).toBe("ephemeral");
    expect(list.body.replace_original).toBe(false);
    expect(allText(list.body)).toContain("Waiting for support");
    expect(Object.fromEntries(h.api.requests.at(-1)?.query ?? [])).toEqual({
      page: "1",
      per_page: "10",
      state_id: "2",
    });
  });

  it("explains privately when the digest cannot be built", async () => {
    const h = await start({ intercept: () => ({ status: 500, body: {} }) });
    const preview = await h.answerTo((await h.command("digest")).responseId);
    expect(allText(preview.body)).toContain("HTTP 500");
  });

  it("answers a paging click on a shared list privately, leaving the shared message alone", async () => {
    const h = await start({
      tickets: Array.from({ length: 15 }, (_, i) => waitingFor(i + 1, 100100 + i)),
    });
    const first = await h.answerTo((await h.command("state:2")).responseId);
    const next = buttonsOf(first.body).find((b) => b.action_id === ACTION_IDS.pageNext);
    const answer = await h.answerTo(
      (
        await h.click(
          { action_id: ACTION_IDS.pageNext, value: next?.value },
          onSharedMessage("C0AAAAAAA"),
        )
      ).responseId,
    );
    expect(answer.body.replace_original).toBe(false);
    expect(answer.body.response_type).toBe("ephemeral");
    expect(allText(answer.body)).toContain("page 2 of 2");
  });
});
