import { describe, expect, it } from "vitest";
import { Recorder } from "../../src/demo/fakes/recorder";
import { signedHeaders } from "../../src/demo/fakes/slack-driver";
import { allText } from "../support/blocks";
import {
  type Harness,
  type HarnessOptions,
  SIGNING_SECRET,
  useHarness,
} from "../support/bot-harness";

/**
 * Events reach a listener when one is registered, through the same request guard as commands
 * and clicks. Each test registers a recording listener of its own beside the bot's Home tab
 * (listeners/home/), to see whether the guard let the event through.
 */

const start = useHarness();

/** An Events API delivery, as Slack posts it: JSON, signed. */
const sendEvent = (
  h: Harness,
  event: Record<string, unknown>,
  o: { teamId?: string; enterpriseId?: string | null } = {},
) => {
  const teamId = o.teamId ?? h.slack.teamId;
  const body = JSON.stringify({
    token: "verification_token",
    team_id: teamId,
    api_app_id: "A111",
    event,
    type: "event_callback",
    event_id: "Ev111",
    event_time: 1596530385,
    authorizations: [
      { enterprise_id: o.enterpriseId ?? null, team_id: teamId, user_id: "UBOT", is_bot: true },
    ],
    ...(o.enterpriseId ? { enterprise_id: o.enterpriseId } : {}),
  });
  return h.post(body, {
    ...signedHeaders(SIGNING_SECRET, body),
    "content-type": "application/json",
  });
};

const homeOpened = (user = "W111") => ({
  type: "app_home_opened",
  user,
  channel: "D111",
  tab: "home",
  event_ts: "1596530385.194939",
});

/** The bot with a test-only Home listener that records who opened the tab. */
const withHomeListener = async (options: HarnessOptions = {}) => {
  const h = await start(options);
  const opened = new Recorder<string>();
  h.bot.router.event("app_home_opened", async ({ event }) => {
    opened.push(event.user);
  });
  return { h, opened };
};

/** Whatever an event led to has happened once a later command has been answered. */
const settle = async (h: Harness) => h.answerTo((await h.command("state:2")).responseId);

describe("an event with a listener", () => {
  it("a signed app_home_opened from the bot's workspace reaches its listener, not a refusal", async () => {
    const { h, opened } = await withHomeListener();
    const ack = await sendEvent(h, homeOpened());
    expect(ack.status).toBe(200);
    expect(await opened.waitFor((user) => user === "W111")).toBe("W111");
    expect(h.logs.join("\n")).not.toMatch(/refused/);
    // The bot's own Home listener published the tab.
    const published = await h.slack.calls.waitFor((c) => c.method === "views.publish");
    expect(published.body.user_id).toBe("W111");
    // The request log has its line, like a command's or a click's.
    expect(await h.waitForLog(/handled app_home_opened/)).toMatch(
      /kind=event event=app_home_opened user=W111 channel=D111 durationMs=\d+ (upstreamStatus=\d+ )?upstreamCalls=\d+ outcome=ok$/,
    );
  });

  it("from someone ALLOWED_USER_IDS leaves out: refused on their Home tab, the listener never runs", async () => {
    const { h, opened } = await withHomeListener({ env: { ALLOWED_USER_IDS: "UBOB" } });
    expect((await sendEvent(h, homeOpened("UEVE"))).status).toBe(200);
    const published = await h.slack.calls.waitFor((c) => c.method === "views.publish");
    expect(published.body.user_id).toBe("UEVE");
    expect(published.body.view).toMatchObject({ type: "home" });
    expect(allText(published.body.view)).toContain("ALLOWED_USER_IDS");
    await h.waitForLog(/refused UEVE in unknown channel: ALLOWED_USER_IDS/);
    expect(opened.items).toEqual([]);
  });

  it("from another workspace: refused, the listener never runs", async () => {
    const { h, opened } = await withHomeListener();
    expect((await sendEvent(h, homeOpened(), { teamId: "TOTHER" })).status).toBe(200);
    await h.waitForLog(/refused a request from workspace TOTHER \(the bot's is T111\)/);
    await settle(h);
    expect(opened.items).toEqual([]);
  });

  it("a Home tab is no channel: ALLOWED_CHANNEL_IDS does not keep people from it", async () => {
    const { h, opened } = await withHomeListener({ env: { ALLOWED_CHANNEL_IDS: "CSUPPORT" } });
    await sendEvent(h, homeOpened());
    expect(await opened.waitFor((user) => user === "W111")).toBe("W111");
    expect(h.slack.calls.items.map((c) => c.method)).not.toContain("conversations.info");
  });

  it("a listener that throws reaches the app's error handler; the request log says so and the bot serves on", async () => {
    const h = await start();
    h.bot.router.event("app_home_opened", async () => {
      throw new Error("the test's listener failed");
    });
    expect((await sendEvent(h, homeOpened())).status).toBe(200);
    // Bolt's error handler (app.ts) has it, with the cause, and the request's line ends in error.
    expect(await h.waitForLog(/unhandled error in a listener/)).toContain(
      "the test's listener failed",
    );
    expect(await h.waitForLog(/handled app_home_opened/)).toMatch(/outcome=error$/);
    // The bot's own Home listener ran beside it all the same.
    const published = await h.slack.calls.waitFor((c) => c.method === "views.publish");
    expect(published.body.user_id).toBe("W111");
    await settle(h);
  });

  it("an event the bot has no listener for is still acked and dropped", async () => {
    const { h, opened } = await withHomeListener();
    const ack = await sendEvent(h, {
      type: "message",
      channel: "C111",
      user: "W111",
      text: "hello",
      ts: "1596530385.194939",
    });
    expect(ack.status).toBe(200);
    await settle(h);
    expect(opened.items).toEqual([]);
    expect(h.logs.join("\n")).not.toMatch(/refused|handled message/);
  });
});

describe("Enterprise Grid", () => {
  const inOrg = (enterpriseId: string): HarnessOptions["slack"] => ({
    webApi: (call) =>
      call.method === "auth.test"
        ? {
            body: {
              ok: true,
              team_id: "T111",
              enterprise_id: enterpriseId,
              user_id: "UBOT",
              bot_id: "BBOT",
            },
          }
        : undefined,
  });

  it("answers requests from the bot's own organization", async () => {
    const h = await start({ slack: inOrg("E111") });
    const { ack } = await h.command("help", { enterprise_id: "E111" });
    expect(allText(ack.json)).toContain("/tickets state:open");
  });

  it("refuses a request naming another organization, even with the bot's team id", async () => {
    const h = await start({ slack: inOrg("E111") });
    const before = h.api.requests.length;
    const { ack } = await h.command("state:2", { enterprise_id: "E222" });
    expect(allText(ack.json)).toMatch(/workspace/i);
    await h.waitForLog(/refused a request from organization E222 \(the bot's is E111\)/);
    expect(h.api.requests.length).toBe(before);
  });

  it("refuses an event from another organization", async () => {
    const { h, opened } = await withHomeListener({ slack: inOrg("E111") });
    await sendEvent(h, homeOpened(), { enterpriseId: "E222" });
    await h.waitForLog(/refused a request from organization E222/);
    expect(opened.items).toEqual([]);
  });
});
