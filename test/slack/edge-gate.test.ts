import type { ReceiverEvent } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { slashCommandForm } from "../../src/demo/fakes/slack-driver";
import { createEdgeGate, REQUEST_FACTS, requestFactsOf, senderOf } from "../../src/slack/edge-gate";
import { RECEIVED_AT } from "../../src/slack/http-receiver";
import type { InboundRoutes } from "../../src/slack/inbound-payload";
import type { Overload } from "../../src/slack/load-shedding";
import type { ReplyRoute } from "../../src/slack/replies";
import { slackHooks } from "../../src/slack/slack-hooks";
import { allText } from "../support/blocks";
import { recordingLogger, renderContext } from "../support/listener-fakes";

const HOOKS = "https://hooks.slack.com";
const routes: InboundRoutes = {
  hasCommand: (c) => c === "/tickets",
  isKnownAction: (id) => id.startsWith("tickets."),
  hasEvent: (type) => type === "app_home_opened",
  hasView: (callbackId) => callbackId === "tickets.subscribe",
};

/** The gate with a shedder that says `overload`, recording what it told whom. */
const gate = (overload?: Overload) => {
  const told: { route: ReplyRoute; text: string }[] = [];
  const { logger, lines } = recordingLogger();
  const g = createEdgeGate({
    routes,
    hooks: slackHooks(HOOKS),
    tell: async (route, message, ack) => {
      await ack?.(route.via === "ack" ? { response_type: "ephemeral", ...message } : undefined);
      told.push({ route, text: allText(message) });
    },
    shedder: { verdict: () => overload },
    logger,
    renderContext,
  });
  return { gate: g, told, lines };
};

const received = (body: unknown) => {
  const acks: unknown[] = [];
  const event: ReceiverEvent = {
    body: body as Record<string, unknown>,
    ack: async (response?: unknown) => {
      acks.push(response);
    },
    customProperties: { [RECEIVED_AT]: 0 },
  };
  return { event, acks };
};

const command = (text = "state:2", fields: Record<string, string> = {}) =>
  Object.fromEntries(
    slashCommandForm({
      text,
      teamId: "T111",
      responseUrl: `${HOOKS}/commands/T111/1/x`,
      fields,
    }),
  );

const homeOpened = (type = "app_home_opened") => ({
  type: "event_callback",
  team_id: "T111",
  api_app_id: "A111",
  event: { type, user: "W111", channel: "D111", tab: "home" },
});

describe("createEdgeGate", () => {
  it("hands Bolt a command it has a listener for, parsed, with what the guard needs", async () => {
    const { gate: g, told } = gate();
    const { event, acks } = received(command());
    const admitted = await g.admit(event);
    expect(admitted?.body).toMatchObject({ command: "/tickets", text: "state:2" });
    expect(requestFactsOf(admitted?.customProperties ?? {})).toEqual({
      channelId: "C111",
      reply: { via: "ack" },
    });
    // What the receiver put there stays.
    expect(admitted?.customProperties?.[RECEIVED_AT]).toBe(0);
    expect(REQUEST_FACTS in (admitted?.customProperties ?? {})).toBe(true);
    expect(acks).toEqual([]);
    expect(told).toEqual([]);
  });

  it("hands Bolt an event it has a listener for, and acks any other at once", async () => {
    const { gate: g } = gate();
    const home = received(homeOpened());
    expect(requestFactsOf((await g.admit(home.event))?.customProperties ?? {})).toEqual({
      channelId: undefined,
      reply: { via: "home", userId: "W111" },
    });
    const other = received(homeOpened("message"));
    expect(await g.admit(other.event)).toBeUndefined();
    expect(other.acks).toEqual([undefined]);
  });

  it("answers a command this bot does not have in the ack", async () => {
    const { gate: g, told, lines } = gate();
    const { event } = received(command("state:2", { command: "/tickets-old" }));
    expect(await g.admit(event)).toBeUndefined();
    expect(told).toHaveLength(1);
    expect(told[0]?.route).toEqual({ via: "ack" });
    expect(told[0]?.text).toContain("/tickets-old");
    expect(lines.join("\n")).toMatch(
      /INFO .*answered "\/tickets-old", a command this bot does not have/,
    );
  });

  it("answers busy by the request's own route, before any listener runs", async () => {
    const { gate: g, told, lines } = gate("saturated");
    expect(await g.admit(received(command()).event)).toBeUndefined();
    expect(await g.admit(received(homeOpened()).event)).toBeUndefined();
    expect(told.map((t) => t.route)).toEqual([{ via: "ack" }, { via: "home", userId: "W111" }]);
    expect(told[0]?.text).toMatch(/busy/i);
    expect(lines.join("\n")).toMatch(/too many answers are already under way/);
  });

  it("acks a payload no listener takes with the body Slack expects", async () => {
    const { gate: g } = gate();
    const { event, acks } = received({ type: "block_suggestion", action_id: "x" });
    expect(await g.admit(event)).toBeUndefined();
    expect(acks).toEqual([{ options: [] }]);
  });
});

describe("senderOf", () => {
  it("reads who sent a command, a click or a submission, and nobody from a body without them", () => {
    expect(senderOf({ user_id: "U1", team_id: "T1" })).toEqual({ workspaceId: "T1", userId: "U1" });
    expect(senderOf({ user: { id: "U2", team_id: "T2" } })).toEqual({
      workspaceId: "T2",
      userId: "U2",
    });
    expect(senderOf({ user: { id: "U3" }, team: { id: "T3" } })).toEqual({
      workspaceId: "T3",
      userId: "U3",
    });
    for (const body of [{}, null, "x", { user_id: 7, team_id: "T1" }, { user: { id: "U4" } }]) {
      expect(senderOf(body)).toBeUndefined();
    }
  });
});
