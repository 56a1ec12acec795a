import { describe, expect, it } from "vitest";
import { fa } from "../../../src/i18n";
import { REQUEST_FACTS } from "../../../src/slack/edge-gate";
import { createInFlight } from "../../../src/slack/in-flight";
import type { RequestFacts } from "../../../src/slack/inbound-payload";
import {
  decideRequest,
  type GuardDeps,
  guardRequests,
  type Workspace,
} from "../../../src/slack/middleware/guard-requests";
import { READER, type Reader } from "../../../src/slack/middleware/reader";
import { noticeTeller } from "../../../src/slack/replies";
import { allText } from "../../support/blocks";
import {
  fakeAck,
  fakeViews,
  recordingLogger,
  recordingResponder,
  renderContext,
} from "../../support/listener-fakes";

const OURS: Workspace = { teamId: "T111" };
const open = { userIds: [], channelIds: [] };

const deciding = (o: Partial<Parameters<typeof decideRequest>[0]> = {}) => ({
  access: open,
  workspace: () => OURS,
  isOwnDm: async () => false,
  renderContext,
  ...o,
});

describe("decideRequest", () => {
  // What Bolt's context holds for a signed app_home_opened from the bot's own workspace: team
  // from the event's authorizations (or team_id), user from the event; a Home tab has no channel.
  const homeOpened = { teamId: "T111", userId: "W111" };

  it("lets a same-workspace app_home_opened through: it is not 'from workspace unknown'", async () => {
    expect(await decideRequest(deciding(), homeOpened)).toEqual({ allowed: true });
  });

  it("refuses another workspace, naming both", async () => {
    const decision = await decideRequest(deciding(), { ...homeOpened, teamId: "TOTHER" });
    expect(decision).toMatchObject({
      allowed: false,
      why: "refused a request from workspace TOTHER (the bot's is T111)",
    });
    expect(decision.allowed === false && allText(decision.refusal)).toContain(
      "This bot serves another Slack workspace",
    );
  });

  it("refuses a link pasted in the composer where channels are listed, naming where it was", async () => {
    const listed = deciding({ access: { userIds: [], channelIds: ["CSUPPORT"] } });
    expect(
      await decideRequest(listed, { teamId: "T111", userId: "W111", conversationUnknown: true }),
    ).toMatchObject({
      allowed: false,
      why: "refused W111 in the message composer (no channel yet): ALLOWED_CHANNEL_IDS",
    });
    expect(
      await decideRequest(deciding(), {
        teamId: "T111",
        userId: "W111",
        conversationUnknown: true,
      }),
    ).toEqual({ allowed: true });
  });

  it("refuses a request that names no workspace at all", async () => {
    expect(await decideRequest(deciding(), { userId: "W111" })).toMatchObject({
      allowed: false,
      why: "refused a request from workspace unknown (the bot's is T111)",
    });
  });

  it("compares Enterprise Grid organizations where both sides name one", async () => {
    const inOrg = deciding({ workspace: () => ({ teamId: "T111", enterpriseId: "E111" }) });
    expect(await decideRequest(inOrg, { ...homeOpened, enterpriseId: "E111" })).toEqual({
      allowed: true,
    });
    expect(await decideRequest(inOrg, { ...homeOpened, enterpriseId: "E222" })).toMatchObject({
      allowed: false,
      why: "refused a request from organization E222 (the bot's is E111)",
    });
    // One side silent: the team decides.
    expect(await decideRequest(inOrg, homeOpened)).toEqual({ allowed: true });
    expect(await decideRequest(deciding(), { ...homeOpened, enterpriseId: "E222" })).toEqual({
      allowed: true,
    });
  });

  it("applies the access settings, naming the one that refused", async () => {
    const users = deciding({ access: { userIds: ["UBOB"], channelIds: [] } });
    expect(await decideRequest(users, homeOpened)).toMatchObject({
      allowed: false,
      why: "refused W111 in unknown channel: ALLOWED_USER_IDS",
    });
    const channels = deciding({ access: { userIds: [], channelIds: ["CSUPPORT"] } });
    expect(await decideRequest(channels, { ...homeOpened, channelId: "CRANDOM" })).toMatchObject({
      allowed: false,
      why: "refused W111 in CRANDOM: ALLOWED_CHANNEL_IDS",
    });
    // No channel (a modal, a Home tab): the channel rule has nothing to judge.
    expect(await decideRequest(channels, homeOpened)).toEqual({ allowed: true });
  });
});

describe("guardRequests (the middleware)", () => {
  const run = async (
    o: {
      facts?: RequestFacts;
      context?: Record<string, unknown>;
      withAck?: boolean;
      deps?: Partial<GuardDeps>;
    } = {},
  ) => {
    const { logger, lines } = recordingLogger();
    const { responder, sent } = recordingResponder();
    const views = fakeViews();
    const inFlight = createInFlight();
    const { ack, calls: acks } = fakeAck();
    let passed = false;
    const middleware = guardRequests({
      access: { userIds: ["UBOB"], channelIds: [] },
      workspace: () => OURS,
      isOwnDm: async () => false,
      logger,
      tell: noticeTeller({
        responder,
        client: () => views.client,
        inFlight,
        logger,
        renderContext,
      }),
      renderContext,
      ...o.deps,
    });
    const args = {
      body: {},
      context: {
        teamId: "T111",
        userId: "UEVE",
        ...(o.facts ? { [REQUEST_FACTS]: o.facts } : {}),
        ...o.context,
      },
      next: async () => {
        passed = true;
      },
      ...(o.withAck === false ? {} : { ack }),
    };
    await middleware(args as unknown as Parameters<typeof middleware>[0]);
    await inFlight.drain(1000);
    return { passed, acks, sent: sent.items, views: views.calls.items, lines };
  };

  it("passes an allowed request on", async () => {
    const r = await run({ facts: { reply: { via: "ack" } }, context: { userId: "UBOB" } });
    expect(r.passed).toBe(true);
    expect(r.acks).toEqual([]);
  });

  it("refuses a command in its ack", async () => {
    const r = await run({ facts: { channelId: "C1", reply: { via: "ack" } } });
    expect(r.passed).toBe(false);
    expect(r.acks).toHaveLength(1);
    expect(r.acks[0]).toMatchObject({ response_type: "ephemeral" });
    expect(allText(r.acks[0])).toContain("ALLOWED_USER_IDS");
    expect(r.lines.join("\n")).toMatch(/WARN .*refused UEVE in C1: ALLOWED_USER_IDS/);
  });

  it("refuses a click privately through its response_url, after a bare ack", async () => {
    const url = "https://hooks.slack.com/actions/T111/1/x";
    const r = await run({ facts: { reply: { via: "response-url", url } } });
    expect(r.acks).toEqual([undefined]);
    expect(r.sent).toHaveLength(1);
    expect(r.sent[0]).toMatchObject({
      url,
      payload: { response_type: "ephemeral", replace_original: false },
    });
  });

  it("refuses a click in a modal over the modal", async () => {
    const r = await run({ facts: { reply: { via: "modal", triggerId: "1.2.x" } } });
    expect(r.views.map((v) => [v.method, v.args.trigger_id])).toEqual([["push", "1.2.x"]]);
    expect(allText(r.views[0]?.args.view)).toContain("ALLOWED_USER_IDS");
  });

  it("refuses on the Home tab an event that has no ack of its own", async () => {
    const r = await run({ facts: { reply: { via: "home", userId: "UEVE" } }, withAck: false });
    expect(r.views.map((v) => [v.method, v.args.user_id])).toEqual([["publish", "UEVE"]]);
    expect(r.views[0]?.args.view).toMatchObject({ type: "home" });
    expect(r.passed).toBe(false);
  });

  /** A reader for a person who chose Persian; `asked` counts the lookups. */
  const persianReader = () => {
    const reader: Reader & { asked: number } = {
      asked: 0,
      person: { workspaceId: "T111", userId: "UEVE" },
      renderContext: async () => {
        reader.asked += 1;
        return () => ({ ...renderContext(), t: fa, timeZone: "Asia/Tehran" });
      },
    };
    return reader;
  };

  it("refuses in the person's language, the modal's frame around it too", async () => {
    const reader = persianReader();
    const r = await run({
      facts: { reply: { via: "modal", triggerId: "1.2.x" } },
      context: { [READER]: reader },
    });
    const view = r.views[0]?.args.view;
    expect(allText(view)).toContain("دسترسی به تیکت‌ها محدود است");
    expect(view).toMatchObject({
      title: { text: fa.notice.title },
      close: { text: fa.details.close },
    });
    expect(reader.asked).toBe(1);
  });

  it("never asks for an allowed person's language: their listener does, after its ack", async () => {
    const reader = persianReader();
    const r = await run({
      facts: { reply: { via: "ack" } },
      context: { userId: "UBOB", [READER]: reader },
    });
    expect(r.passed).toBe(true);
    expect(reader.asked).toBe(0);
  });

  it("refuses, blind to nothing, a request that did not come through the edge", async () => {
    const r = await run({ context: { userId: "UBOB" } });
    expect(r.passed).toBe(false);
    expect(r.acks).toEqual([undefined]);
    expect(r.lines.join("\n")).toMatch(/ERROR .*did not come through the edge gate/);
  });
});
