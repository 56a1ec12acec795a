import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slashCommandForm } from "../../src/demo/fakes/slack-driver";
import { classifyInbound, type InboundRoutes, requestFacts } from "../../src/slack/inbound-payload";
import { slackHooks } from "../../src/slack/slack-hooks";
import { readFixtureJson } from "../support/fixtures";

const hooks = slackHooks("https://hooks.slack.com");
const routes: InboundRoutes = {
  hasCommand: (command) => command === "/tickets",
  isKnownAction: (id) => id.startsWith("tickets."),
  hasEvent: (type) => type === "app_home_opened" || type === "link_shared",
  hasView: (callbackId) => callbackId === "tickets.subscribe",
};
const fixture = (name: string) =>
  readFixtureJson<Record<string, unknown>>(`slack/payloads/${name}`);
const ephemeralClick = fixture("block_actions.ephemeral-enterprise.bolt-python.json");
const withAction = (actionId: string, extra: Record<string, unknown> = {}) => ({
  ...ephemeralClick,
  actions: [{ ...(ephemeralClick.actions as object[])[0], action_id: actionId }],
  ...extra,
});
const command = (fields: Record<string, string> = {}) =>
  Object.fromEntries(
    slashCommandForm({
      text: "state:2",
      teamId: "T111",
      responseUrl: "https://hooks.slack.com/commands/T111/1/x",
      fields,
    }),
  );

describe("classifyInbound", () => {
  it("hands Slack's own payloads for our routes to the listeners, unknown fields kept", () => {
    const click = classifyInbound(withAction("tickets.page.next"), routes, hooks);
    expect(click.kind).toBe("action");
    if (click.kind === "action") expect(click.body.api_app_id).toBe("A111");
    const cmd = classifyInbound(command(), routes, hooks);
    expect(cmd.kind).toBe("command");
    if (cmd.kind === "command") expect(cmd.body.team_domain).toBe("domain-value");
  });

  it("sorts out-of-date clicks, with their reply route", () => {
    expect(classifyInbound(withAction("a"), routes, hooks)).toEqual({
      kind: "outdated",
      what: "a click on unknown action a",
      reply: { via: "response-url", url: "https://hooks.slack.com/actions/T111/111/random-value" },
    });
    expect(classifyInbound({ ...ephemeralClick, actions: [] }, routes, hooks).kind).toBe(
      "outdated",
    );
  });

  it("refuses type confusion, keeping only a reply route on Slack's hooks host", () => {
    const numberValue = classifyInbound(
      withAction("tickets.page.next", {
        actions: [{ action_id: "tickets.page.next", type: "button", value: 5 }],
      }),
      routes,
      hooks,
    );
    expect(numberValue).toMatchObject({
      kind: "unreadable",
      why: expect.stringMatching(/^actions\.0\.value: /),
      reply: { via: "response-url", url: "https://hooks.slack.com/actions/T111/111/random-value" },
    });
    const twice = classifyInbound({ ...command(), user_id: ["W1", "W2"] }, routes, hooks);
    expect(twice).toMatchObject({ kind: "unreadable", reply: { via: "ack" } });
  });

  it("names the host of a response_url that is not Slack's", () => {
    expect(
      classifyInbound(command({ response_url: "https://evil.example/commands/1" }), routes, hooks),
    ).toEqual({ kind: "foreign-hooks", host: "evil.example", reply: { via: "ack" } });
  });

  it("never throws, whatever a signed body holds", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ type: fc.constantFrom("block_actions", "interactive_message") }),
          fc
            .dictionary(fc.constantFrom(...Object.keys(ephemeralClick)), fc.jsonValue())
            .map((d) => ({ ...ephemeralClick, ...d })),
          fc.dictionary(fc.constantFrom(...Object.keys(command())), fc.jsonValue()).map((d) => ({
            ...command(),
            ...d,
          })),
        ),
        (body) => {
          const inbound = classifyInbound(body, routes, hooks);
          // Whatever may still answer the person points only at Slack's hooks host.
          if ("reply" in inbound && inbound.reply.via === "response-url") {
            expect(hooks.allows(inbound.reply.url)).toBe(true);
          }
          if (inbound.kind === "action") {
            expect(typeof inbound.body.actions[0]?.action_id).toBe("string");
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  const event = (inner: Record<string, unknown>, outer: Record<string, unknown> = {}) => ({
    token: "verification_token",
    team_id: "T111",
    api_app_id: "A111",
    type: "event_callback",
    event_id: "Ev111",
    event_time: 1596530385,
    event: inner,
    authorizations: [{ enterprise_id: null, team_id: "T111", user_id: "UBOT", is_bot: true }],
    ...outer,
  });
  const homeOpened = { type: "app_home_opened", user: "W111", channel: "D111", tab: "home" };

  it("hands Bolt an event a listener takes, and acks any other at once", () => {
    const home = classifyInbound(event(homeOpened), routes, hooks);
    expect(home.kind).toBe("event");
    expect(classifyInbound(event({ type: "message", user: "W111" }), routes, hooks)).toEqual({
      kind: "ignored",
      type: "message",
    });
    // Whatever its shape, an event nobody listens for is only acked.
    expect(classifyInbound(event({ type: "message" }, { team_id: 5 }), routes, hooks).kind).toBe(
      "ignored",
    );
  });

  it("refuses an event a listener takes when Slack would not send it so", () => {
    expect(
      classifyInbound(event({ ...homeOpened, user: ["W1", "W2"] }), routes, hooks),
    ).toMatchObject({
      kind: "unreadable",
      reply: { via: "none" },
      why: expect.stringMatching(/^event\.user/),
    });
    expect(classifyInbound(event(homeOpened, { team_id: undefined }), routes, hooks)).toMatchObject(
      { kind: "unreadable", why: expect.stringMatching(/^team_id/) },
    );
  });

  it("tells the guard each surface's channel and reply route", () => {
    expect(requestFacts(classifyInbound(command(), routes, hooks))).toEqual({
      channelId: "C111",
      reply: { via: "ack" },
    });
    expect(requestFacts(classifyInbound(withAction("tickets.page.next"), routes, hooks))).toEqual({
      channelId: "C111",
      reply: { via: "response-url", url: "https://hooks.slack.com/actions/T111/111/random-value" },
    });
    const inModal = withAction("tickets.share.ticket", {
      response_url: undefined,
      trigger_id: "1.2.x",
      view: { id: "V1", type: "modal", private_metadata: "{}" },
    });
    expect(requestFacts(classifyInbound(inModal, routes, hooks))?.reply).toEqual({
      via: "modal",
      triggerId: "1.2.x",
    });
    // The Home tab is the person's own: no channel to judge, answers published there.
    expect(requestFacts(classifyInbound(event(homeOpened), routes, hooks))).toEqual({
      channelId: undefined,
      reply: { via: "home", userId: "W111" },
    });
  });

  describe("a link_shared event", () => {
    const link = { domain: "panel.example.com", url: "https://panel.example.com/tickets/1" };
    const posted = {
      type: "link_shared",
      channel: "C123ABC456",
      is_bot_user_member: true,
      user: "U123ABC456",
      message_ts: "123456789.9875",
      source: "conversations_history",
      links: [link],
    };

    it("is judged in the conversation it was posted in, a thread or a DM alike", () => {
      for (const [extra, channelId] of [
        [{}, "C123ABC456"],
        [{ thread_ts: "123456621.1855" }, "C123ABC456"],
        [{ channel: "D0PAIR" }, "D0PAIR"],
        [{ source: undefined, unfurl_id: undefined }, "C123ABC456"],
      ] as const) {
        expect(
          requestFacts(classifyInbound(event({ ...posted, ...extra }), routes, hooks)),
        ).toEqual({ channelId, reply: { via: "none" } });
      }
    });

    it("from the composer is in no conversation yet, however Slack names it", () => {
      const composer = {
        type: "link_shared",
        user: "U123ABC456",
        message_ts: "gryl3kb80b3wm49ihzoo35fyqoq08n2y",
        unfurl_id: "gryl3kb80b3wm49ihzoo35fyqoq08n2y",
        links: [link],
      };
      for (const named of [
        { channel: "COMPOSER", source: "composer" },
        { channel_id: "COMPOSER", source: "composer" },
        { channel: "COMPOSER" },
        { source: "composer", channel: "C123ABC456" },
        {},
      ]) {
        expect(
          requestFacts(classifyInbound(event({ ...composer, ...named }), routes, hooks)),
          JSON.stringify(named),
        ).toEqual({ conversationUnknown: true, reply: { via: "none" } });
      }
    });
  });
});
