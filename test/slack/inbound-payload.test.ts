import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slashCommandForm } from "../../src/demo/fakes/slack-driver";
import { classifyInbound, type InboundRoutes } from "../../src/slack/inbound-payload";
import { slackHooks } from "../../src/slack/slack-hooks";
import { readFixtureJson } from "../support/fixtures";

const hooks = slackHooks("https://hooks.slack.com");
const routes: InboundRoutes = {
  hasCommand: (command) => command === "/tickets",
  isKnownAction: (id) => id.startsWith("tickets."),
  hasEvent: (type) => type === "app_home_opened",
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
});
