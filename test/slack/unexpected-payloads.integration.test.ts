import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { listStateSchema } from "../../src/contract/list-state";
import { signedHeaders, slashCommandForm } from "../../src/demo/fakes/slack-driver";
import { type SlackStandIn, startSlackStandIn } from "../../src/demo/fakes/slack-stand-in";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { allText } from "../support/blocks";
import { type Harness, SIGNING_SECRET, useHarness } from "../support/bot-harness";
import { readFixtureJson } from "../support/fixtures";

/**
 * Signed requests the bot has no listener for, or whose fields are not what Slack sends. Each
 * is acked at once (not after Bolt's 3 s, with a 404), the person is told what they need to
 * know, privately, and nothing reaches the ticket panel.
 */

const start = useHarness({ tickets: [makeTicket({ state_id: 2, ticket_id: 100001, id: 100001 })] });

const fixture = (name: string) =>
  readFixtureJson<Record<string, unknown>>(`slack/payloads/${name}`);

const FORM = "application/x-www-form-urlencoded";

const signedPost = (h: Harness, body: string, contentType = FORM) =>
  h.post(body, { ...signedHeaders(SIGNING_SECRET, body), "content-type": contentType });

/** An interactivity payload as Slack posts it: `payload=<json>`, form-encoded and signed. */
const sendPayload = (h: Harness, payload: unknown) =>
  signedPost(h, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());

/** A real Slack payload, re-addressed to this workspace and to a fresh response_url. */
const slackPayload = (h: Harness, name: string, fields: Record<string, unknown> = {}) => {
  const responseUrl = h.slack.newResponseUrl();
  const payload = fixture(name);
  const team = payload.team as Record<string, unknown>;
  const user = payload.user as Record<string, unknown>;
  return {
    responseId: responseUrl.id,
    payload: {
      ...payload,
      team: { ...team, id: h.slack.teamId },
      user: { ...user, team_id: h.slack.teamId },
      response_url: responseUrl.url,
      ...fields,
    },
  };
};

/**
 * A real command is answered afterwards, and nothing else was sent anywhere: answers from the
 * edge go out before a later command's answer, which waits for the panel.
 */
const expectNothingElseSent = async (h: Harness) => {
  const { responseId } = await h.command("state:2");
  await h.answerTo(responseId);
  expect(h.slack.responses.items.map((p) => p.id)).toEqual([responseId]);
  // auth.test is the bot's own start-up and Bolt's first authorization, nothing more.
  expect(h.slack.calls.items.map((c) => c.method).filter((m) => m !== "auth.test")).toEqual([]);
  expect(h.api.requests).toHaveLength(1);
};

const expectOutOfDateNotice = (body: unknown) => {
  expect(allText(body)).toMatch(/out of date/);
  expect(allText(body)).toContain("/tickets");
};

describe("a click on a button the bot no longer has", () => {
  it("is acked at once and the clicker is told, privately, that the message is out of date", async () => {
    const h = await start();
    const { payload, responseId } = slackPayload(
      h,
      "block_actions.message-button.bolt-python.json",
    );
    const ack = await sendPayload(h, payload);
    expect(ack.status).toBe(200);
    expect(ack.text).toBe("");
    const notice = await h.answerTo(responseId);
    expect(notice.body.response_type).toBe("ephemeral");
    expect(notice.body.replace_original).toBe(false);
    expectOutOfDateNotice(notice.body);
    expect(h.api.requests).toHaveLength(0);
  });

  it("tells the clicker in the language they chose, after the ack", async () => {
    const h = await start();
    const { payload, responseId } = slackPayload(
      h,
      "block_actions.message-button.bolt-python.json",
    );
    const userId = String((payload.user as Record<string, unknown>).id);
    await h.store.preferences.set(h.slack.teamId, userId, { language: "fa" });
    expect((await sendPayload(h, payload)).status).toBe(200);
    const text = allText((await h.answerTo(responseId)).body);
    expect(text).toContain("این پیام قدیمی است");
    expect(text).not.toMatch(/out of date/);
  });

  it("on an ephemeral message in an Enterprise Grid workspace too", async () => {
    const h = await start();
    const { payload, responseId } = slackPayload(
      h,
      "block_actions.ephemeral-enterprise.bolt-python.json",
    );
    expect((await sendPayload(h, payload)).status).toBe(200);
    expectOutOfDateNotice((await h.answerTo(responseId)).body);
    expect(h.api.requests).toHaveLength(0);
  });

  it("with a renamed id that looks like ours, and with no action at all (`actions: []`)", async () => {
    const h = await start();
    for (const actions of [
      [{ action_id: "tickets.pagination.next", type: "button", value: "x" }],
      [],
    ]) {
      const { ack, responseId } = await h.click({ action_id: "unused" }, { actions });
      expect(ack.status).toBe(200);
      expectOutOfDateNotice((await h.answerTo(responseId)).body);
    }
    expect(h.api.requests).toHaveLength(0);
  });

  it("inside a modal: the notice goes over the modal", async () => {
    const h = await start();
    const { ack } = await h.click(
      { action_id: "tickets.details.old-button", value: "100001" },
      {
        response_url: undefined,
        container: { type: "view", view_id: "V9" },
        view: { id: "V9", type: "modal", private_metadata: "{}" },
      },
    );
    expect(ack.status).toBe(200);
    const pushed = await h.slack.calls.waitFor((c) => c.method === "views.push");
    expect(pushed.body.trigger_id).toBe("111.222.valid");
    expectOutOfDateNotice(pushed.body.view);
    expect(h.api.requests).toHaveLength(0);
    expect(h.slack.responses.items).toHaveLength(0);
  });

  it("on a legacy attachment (interactive_message) as well", async () => {
    const h = await start();
    const responseUrl = h.slack.newResponseUrl();
    const ack = await sendPayload(h, {
      type: "interactive_message",
      actions: [{ name: "approve", type: "button", value: "yes" }],
      callback_id: "legacy_approval",
      team: { id: h.slack.teamId, domain: "workspace-domain" },
      channel: { id: "C111", name: "test-channel" },
      user: { id: "W111", name: "primary-owner" },
      action_ts: "1596530385.194939",
      message_ts: "1596530380.000100",
      attachment_id: "1",
      token: "verification_token",
      is_app_unfurl: false,
      response_url: responseUrl.url,
      trigger_id: "111.222.valid",
    });
    expect(ack.status).toBe(200);
    expectOutOfDateNotice((await h.answerTo(responseUrl.id)).body);
  });

  it("every button the bot makes today is still handled by its listener", async () => {
    const h = await start();
    const list = listStateSchema.encode({ filter: { stateId: 2 }, page: 1, perPage: 10 });
    for (const actionId of Object.values(ACTION_IDS)) {
      const value =
        actionId === ACTION_IDS.detailsOpen ||
        actionId === ACTION_IDS.shareTicket ||
        actionId === ACTION_IDS.openInPanel
          ? "100001"
          : list;
      expect((await h.click({ action_id: actionId, value })).ack.status).toBe(200);
    }
    // Wait until each listener did its work: a details modal opened, a list and a share posted.
    await h.slack.calls.waitFor((c) => c.method === "views.update");
    await h.slack.responses.waitFor((p) => p.body.response_type === "in_channel");
    for (const post of h.slack.responses.items)
      expect(allText(post.body)).not.toMatch(/out of date/);
  });
});

describe("payloads the bot does not handle", () => {
  const user = (h: Harness) => ({
    id: "W111",
    username: "primary-owner",
    name: "primary-owner",
    team_id: h.slack.teamId,
  });
  const team = (h: Harness) => ({ id: h.slack.teamId, domain: "workspace-domain" });
  const view = (h: Harness) => ({
    id: "V9",
    team_id: h.slack.teamId,
    type: "modal",
    callback_id: "tickets.details",
    private_metadata: "{}",
    blocks: [],
    state: { values: {} },
    hash: "h1",
    title: { type: "plain_text", text: "Ticket #100001" },
  });

  const interactive: Record<string, (h: Harness) => Record<string, unknown>> = {
    view_submission: (h) => ({
      type: "view_submission",
      team: team(h),
      user: user(h),
      api_app_id: "A111",
      token: "verification_token",
      trigger_id: "111.222.valid",
      view: view(h),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    }),
    view_closed: (h) => ({
      type: "view_closed",
      team: team(h),
      user: user(h),
      api_app_id: "A111",
      token: "verification_token",
      view: view(h),
      is_cleared: false,
      is_enterprise_install: false,
      enterprise: null,
    }),
    block_suggestion: (h) => ({
      type: "block_suggestion",
      user: user(h),
      container: { type: "view", view_id: "V9" },
      api_app_id: "A111",
      token: "verification_token",
      action_id: "pick_customer",
      block_id: "b",
      value: "sam",
      team: team(h),
      view: view(h),
    }),
    shortcut: (h) => ({
      type: "shortcut",
      token: "verification_token",
      action_ts: "1596530385.194939",
      team: team(h),
      user: user(h),
      is_enterprise_install: false,
      enterprise: null,
      callback_id: "open_queue",
      trigger_id: "111.222.valid",
    }),
    message_action: (h) => ({
      type: "message_action",
      token: "verification_token",
      action_ts: "1596530385.194939",
      team: team(h),
      user: user(h),
      channel: { id: "C111", name: "test-channel" },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: "ticket_from_message",
      trigger_id: "111.222.valid",
      message_ts: "1596530380.000100",
      message: { type: "message", text: "site is down", user: "U222", ts: "1596530380.000100" },
      response_url: h.slack.newResponseUrl().url,
    }),
    "an unknown type": (h) => ({ type: "something_slack_adds_next_year", team: team(h) }),
  };

  it.each(Object.keys(interactive))("%s: acked at once, nothing sent anywhere", async (name) => {
    const h = await start();
    const payload = interactive[name]?.(h);
    const ack = await sendPayload(h, payload);
    expect(ack.status).toBe(200);
    if (name === "block_suggestion") expect(ack.json).toEqual({ options: [] });
    else expect(ack.text).toBe("");
    await expectNothingElseSent(h);
  });

  const events: Record<string, (h: Harness) => Record<string, unknown>> = {
    // The Messages tab: the Home listener publishes only for the Home tab.
    "app_home_opened (Messages tab)": (h) => ({
      user: "W111",
      channel: "D111",
      tab: "messages",
      event_ts: "1596530385.194939",
      type: "app_home_opened",
      team: h.slack.teamId,
    }),
    message: () => ({
      type: "message",
      channel: "C111",
      user: "W111",
      text: "hello",
      ts: "1596530385.194939",
      channel_type: "channel",
      event_ts: "1596530385.194939",
    }),
  };

  it.each(Object.keys(events))("an %s event: acked at once, nothing sent", async (name) => {
    const h = await start();
    const body = JSON.stringify({
      token: "verification_token",
      team_id: h.slack.teamId,
      api_app_id: "A111",
      event: events[name]?.(h),
      type: "event_callback",
      event_id: "Ev111",
      event_time: 1596530385,
      authorizations: [
        { enterprise_id: null, team_id: h.slack.teamId, user_id: "UBOT", is_bot: true },
      ],
    });
    const ack = await signedPost(h, body, "application/json");
    expect(ack.status).toBe(200);
    await expectNothingElseSent(h);
  });

  it("app_rate_limited: acked at once", async () => {
    const h = await start();
    const body = JSON.stringify({
      token: "verification_token",
      type: "app_rate_limited",
      team_id: h.slack.teamId,
      minute_rate_limited: 1518467820,
      api_app_id: "A111",
    });
    expect((await signedPost(h, body, "application/json")).status).toBe(200);
    await expectNothingElseSent(h);
  });

  it("url_verification is still answered with its challenge, and ssl_check with 200", async () => {
    const h = await start();
    const body = JSON.stringify({
      token: "verification_token",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    const ack = await signedPost(h, body, "application/json");
    expect(ack.status).toBe(200);
    expect(ack.json).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
    // Slack's ssl_check comes unsigned.
    const check = await h.post("ssl_check=1&token=verification_token", { "content-type": FORM });
    expect(check.status).toBe(200);
    await expectNothingElseSent(h);
  });

  it("a command this bot does not have gets a short private answer in the ack", async () => {
    const h = await start();
    const responseUrl = h.slack.newResponseUrl();
    const form = slashCommandForm({
      text: "state:2",
      teamId: h.slack.teamId,
      responseUrl: responseUrl.url,
    });
    form.set("command", "/tickets-old");
    const ack = await signedPost(h, form.toString());
    expect(ack.status).toBe(200);
    expect((ack.json as { response_type: string }).response_type).toBe("ephemeral");
    expect(allText(ack.json)).toContain("/tickets-old");
    expect(allText(ack.json)).toContain("/tickets help");
    await expectNothingElseSent(h);
  });

  it("a command this bot does not have is answered in the language the person chose", async () => {
    const h = await start();
    const form = slashCommandForm({
      text: "state:2",
      teamId: h.slack.teamId,
      responseUrl: h.slack.newResponseUrl().url,
    });
    form.set("command", "/tickets-old");
    // The ack waits for the person's language, as a command's own answer in the ack does.
    await h.store.preferences.set(h.slack.teamId, form.get("user_id") ?? "", { language: "fa" });
    const ack = await signedPost(h, form.toString());
    expect(allText(ack.json)).toContain("/tickets-old");
    expect(allText(ack.json)).toMatch(/[\u0600-\u06FF]/);
    expect(allText(ack.json)).not.toMatch(/This bot has no/);
  });
});

describe("type confusion in a signed payload", () => {
  const commandForm = (h: Harness, fields: Record<string, string> = {}) => {
    const responseUrl = h.slack.newResponseUrl();
    const form = slashCommandForm({
      text: "state:2",
      teamId: h.slack.teamId,
      responseUrl: responseUrl.url,
      fields,
    });
    return { form, responseId: responseUrl.id };
  };

  const expectRefusedInAck = (ack: { status: number; json: unknown }) => {
    expect(ack.status).toBe(200);
    expect((ack.json as { response_type: string }).response_type).toBe("ephemeral");
    expect(allText(ack.json)).toMatch(/couldn't read this request/);
  };

  it("a command with a field given twice is refused in the ack, and nothing is fetched", async () => {
    const h = await start();
    const { form } = commandForm(h);
    form.append("user_id", "W999");
    expectRefusedInAck(await signedPost(h, form.toString()));
    await h.waitForLog(/refused a signed request Slack would not send: user_id/);
    await expectNothingElseSent(h);
  });

  it.each(["javascript:alert(1)", "ftp://hooks.slack.com/commands/T111/1/x", "not a url"])(
    "a command whose response_url is %s is refused in the ack",
    async (url) => {
      const h = await start();
      const { form } = commandForm(h, { response_url: url });
      expectRefusedInAck(await signedPost(h, form.toString()));
      await expectNothingElseSent(h);
    },
  );

  it("a click with a number where a string belongs is refused privately, nothing fetched", async () => {
    const h = await start();
    const { ack, responseId } = await h.click(
      { action_id: ACTION_IDS.detailsOpen },
      {
        actions: [{ action_id: ACTION_IDS.detailsOpen, type: "button", value: 100001 }],
      },
    );
    expect(ack.status).toBe(200);
    const refusal = await h.answerTo(responseId);
    expect(refusal.body.response_type).toBe("ephemeral");
    expect(allText(refusal.body)).toMatch(/couldn't read this request/);
    expect(h.slack.calls.items.map((c) => c.method)).not.toContain("views.open");
    expect(h.api.requests).toHaveLength(0);
  });

  it.each<[string, Record<string, unknown>]>([
    ["actions is not a list", { actions: 5 }],
    ["no user and no team", { user: undefined, team: null }],
    ["an action id that is an object", { actions: [{ action_id: { a: 1 }, type: "button" }] }],
    ["a user id that is a number", { user: { id: 111 } }],
  ])("a click where %s is acked at once and refused privately", async (_, fields) => {
    const h = await start();
    const { ack, responseId } = await h.click({ action_id: ACTION_IDS.pageNext }, fields);
    expect(ack.status).toBe(200);
    expect(allText((await h.answerTo(responseId)).body)).toMatch(/couldn't read this request/);
    expect(h.api.requests).toHaveLength(0);
  });

  it("a payload given twice is acked at once and dropped", async () => {
    const h = await start();
    const one = JSON.stringify({ type: "block_actions", actions: [] });
    const body = new URLSearchParams([
      ["payload", one],
      ["payload", one],
    ]).toString();
    expect((await signedPost(h, body)).status).toBe(200);
    await h.waitForLog(/refused a signed request Slack would not send/);
    await expectNothingElseSent(h);
  });

  it("a click whose response_url is not http(s) posts nowhere", async () => {
    const h = await start();
    const { ack } = await h.click(
      { action_id: ACTION_IDS.pageNext },
      { response_url: "file:///etc/passwd" },
    );
    expect(ack.status).toBe(200);
    await h.waitForLog(/refused a signed request Slack would not send: response_url/);
    await expectNothingElseSent(h);
  });
});

describe("answers go only to Slack's hooks host", () => {
  const useForeignHost = async (): Promise<SlackStandIn> => startSlackStandIn();
  const listValue = listStateSchema.encode({ filter: { stateId: 2 }, page: 1, perPage: 10 });

  it("a command whose response_url is on another host is refused in the ack, naming the setting", async () => {
    const h = await start();
    const foreign = await useForeignHost();
    try {
      const form = slashCommandForm({
        text: "state:2",
        teamId: h.slack.teamId,
        responseUrl: foreign.newResponseUrl().url,
      });
      const ack = await signedPost(h, form.toString());
      expect(ack.status).toBe(200);
      expect(allText(ack.json)).toContain("SLACK_HOOKS_URL");
      await h.waitForLog(/not Slack's hooks host .*SLACK_HOOKS_URL/);
      await expectNothingElseSent(h);
      expect(foreign.responses.items).toHaveLength(0);
    } finally {
      await foreign.close();
    }
  });

  it("a click whose response_url is on another host posts nothing there and fetches nothing", async () => {
    const h = await start();
    const foreign = await useForeignHost();
    try {
      const { ack } = await h.click(
        { action_id: ACTION_IDS.pageNext, value: listValue },
        { response_url: foreign.newResponseUrl().url },
      );
      expect(ack.status).toBe(200);
      await expectNothingElseSent(h);
      expect(foreign.responses.items).toHaveLength(0);
    } finally {
      await foreign.close();
    }
  });

  it("Share from a modal whose private_metadata names another host shares nothing and says why over the modal", async () => {
    const h = await start();
    const foreign = await useForeignHost();
    try {
      const { ack } = await h.click(
        { action_id: ACTION_IDS.shareTicket, value: "100001" },
        {
          response_url: undefined,
          container: { type: "view", view_id: "V9" },
          view: {
            id: "V9",
            type: "modal",
            private_metadata: JSON.stringify({ v: 1, r: foreign.newResponseUrl().url }),
          },
        },
      );
      expect(ack.status).toBe(200);
      const pushed = await h.slack.calls.waitFor((c) => c.method === "views.push");
      expect(allText(pushed.body.view)).toContain("SLACK_HOOKS_URL");
      expect(h.api.requests).toHaveLength(0);
      expect(foreign.responses.items).toHaveLength(0);
    } finally {
      await foreign.close();
    }
  });
});
