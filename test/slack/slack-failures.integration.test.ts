import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { allText } from "../support/blocks";
import { BOT_TOKEN, SIGNING_SECRET, TICKET_TOKEN, useHarness } from "../support/bot-harness";

const start = useHarness({
  tickets: [makeTicket({ state_id: 2, ticket_id: 100001, id: 100001 })],
});

describe("when Slack misbehaves", () => {
  it("a 429 on views.open is waited out for that call only, and unrelated calls go on", async () => {
    let limited = true;
    const h = await start({
      slack: {
        webApi: (call) => {
          if (call.method !== "views.open" || !limited) return undefined;
          limited = false;
          return {
            status: 429,
            headers: { "retry-after": "1" },
            body: { ok: false, error: "ratelimited" },
          };
        },
      },
    });
    await h.click({ action_id: ACTION_IDS.detailsOpen, value: "100001" });
    // While the modal waits out its Retry-After, a command is answered as usual.
    const answer = await h.answerTo((await h.command("state:2")).responseId);
    expect(allText(answer.body)).toContain("#100001");
    await h.slack.calls.waitFor((c) => c.method === "views.update");
    expect(h.slack.calls.items.filter((c) => c.method === "views.open")).toHaveLength(2);
  });

  it("a long Retry-After on views.open is not waited for (the trigger would expire): the ticket comes as a message", async () => {
    const h = await start({
      slack: {
        webApi: (call) =>
          call.method === "views.open"
            ? {
                status: 429,
                headers: { "retry-after": "30" },
                body: { ok: false, error: "ratelimited" },
              }
            : undefined,
      },
    });
    const { responseId } = await h.click({ action_id: ACTION_IDS.detailsOpen, value: "100001" });
    const fallback = await h.answerTo(responseId);
    expect(fallback.body.response_type).toBe("ephemeral");
    expect(fallback.body.replace_original).toBe(false);
    expect(allText(fallback.body)).toContain("#100001");
    expect(h.slack.calls.items.filter((c) => c.method === "views.open")).toHaveLength(1);
    await h.waitForLog(/could not open the details modal/);
  });

  it("a modal that cannot be filled in shows a short error instead of loading for ever", async () => {
    let failed = false;
    const h = await start({
      slack: {
        webApi: (call) => {
          if (call.method !== "views.update" || failed) return undefined;
          failed = true;
          return { body: { ok: false, error: "invalid_blocks" } };
        },
      },
    });
    await h.click({ action_id: ACTION_IDS.detailsOpen, value: "100001" });
    const second = await h.slack.calls.waitFor(
      (c) =>
        c.method === "views.update" &&
        c !== h.slack.calls.items.find((x) => x.method === "views.update"),
    );
    expect(allText(second.body.view)).toMatch(/went wrong/i);
    await h.waitForLog(/invalid_blocks/);
  });

  it("an ok:false from views.open is logged with Slack's error, and the bot keeps serving", async () => {
    const h = await start({
      slack: {
        webApi: (call) =>
          call.method === "views.open"
            ? { body: { ok: false, error: "expired_trigger_id" } }
            : undefined,
      },
    });
    await h.click({ action_id: ACTION_IDS.detailsOpen, value: "100001" });
    await h.answerTo((await h.command("state:2")).responseId);
    await h.waitForLog(/expired_trigger_id/);
  });

  it("retries a 5xx from the Web API a bounded number of times", async () => {
    let failures = 0;
    const h = await start({
      slack: {
        webApi: (call) => {
          if (call.method !== "views.open") return undefined;
          failures += 1;
          return { status: 503, body: "unavailable" };
        },
      },
    });
    await h.click({ action_id: ACTION_IDS.detailsOpen, value: "100001" });
    await h.answerTo((await h.command("state:2")).responseId);
    await h.waitForLog(/could not open the details modal/);
    expect(failures).toBe(3);
  });

  it("an expired response_url is logged clearly, not retried, and the bot keeps serving", async () => {
    let expire = true;
    const h = await start({
      slack: { responseUrl: () => (expire ? { status: 404, body: "expired_url" } : undefined) },
    });
    const { responseId } = await h.command("state:2");
    await h.answerTo(responseId);
    await h.waitForLog(/expired/);
    expect(h.slack.responses.items.filter((p) => p.id === responseId)).toHaveLength(1);
    expect(h.logs.join("\n")).toMatch(
      /could not deliver an answer to Slack: response_url answered HTTP 404 \(expired_url\)/,
    );
    expire = false;
    await h.answerTo((await h.command("state:2")).responseId);
  });
});

describe("secrets", () => {
  it("never appear in logs or in Slack, even at debug level and when everything fails", async () => {
    const h = await start({
      env: { LOG_LEVEL: "debug" },
      intercept: () => ({
        status: 401,
        body: {
          data: null,
          meta: {
            status: false,
            message: `echo ${TICKET_TOKEN}`,
            message_code: "400-1",
            errors: {},
          },
        },
      }),
      slack: { responseUrl: () => ({ status: 500, body: `boom ${BOT_TOKEN}` }) },
    });
    await h.command("state:2");
    await h.command("stat:2");
    await h.click({ action_id: ACTION_IDS.detailsOpen, value: "100001" });
    await h.waitForLog(/could not deliver/);
    const everything = [
      ...h.logs,
      ...h.slack.responses.items.map((p) => JSON.stringify(p.body)),
      // The bot token in a Web API call's own \`token\` field is how Slack authenticates it.
      ...h.slack.calls.items.map(({ body: { token: _, ...rest } }) => JSON.stringify(rest)),
    ].join("\n");
    expect(h.logs.length).toBeGreaterThan(5);
    // Really at debug: Bolt's and the Web API client's own debug lines are in there too.
    expect(h.logs.filter((line) => / DEBUG /.test(line)).length).toBeGreaterThan(5);
    for (const secret of [TICKET_TOKEN, BOT_TOKEN, SIGNING_SECRET])
      expect(everything).not.toContain(secret);
  });
});

describe("GET /healthz", () => {
  it("answers 200 with uptime and the last digest's outcome, and no secrets", async () => {
    const h = await start({ env: { DIGEST_CHANNEL: "C0AAAAAAA" } });
    const url = h.eventsUrl.replace("/slack/events", "/healthz");
    const before = (await (await fetch(url)).json()) as Record<string, unknown>;
    expect(before).toMatchObject({ status: "ok", lastDigest: null });
    expect(typeof before.uptimeSeconds).toBe("number");

    await h.bot.runDigestNow();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      lastDigest: { outcome: "posted", postedTo: ["C0AAAAAAA"], failedChannels: [] },
    });
    for (const secret of [TICKET_TOKEN, BOT_TOKEN, SIGNING_SECRET])
      expect(text).not.toContain(secret);
  });
});
