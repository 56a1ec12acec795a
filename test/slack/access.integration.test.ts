import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { listStateSchema } from "../../src/contract/list-state";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { allText } from "../support/blocks";
import {
  type Harness,
  type HarnessOptions,
  onSharedMessage,
  useHarness,
} from "../support/bot-harness";

const start = useHarness({ tickets: [makeTicket({ state_id: 2 })] });

/** Slack's conversations.info for DMs: DBOB is bob's DM with the bot; DPAIR is between two people. */
const dmInfo: HarnessOptions["slack"] = {
  webApi: (call) => {
    if (call.method !== "conversations.info") return undefined;
    if (call.body.channel === "DBOB")
      return { body: { ok: true, channel: { id: "DBOB", is_im: true, user: "UBOB" } } };
    return { body: { ok: false, error: "channel_not_found" } };
  },
};

const listValue = listStateSchema.encode({ filter: { stateId: 2 }, page: 1, perPage: 10 });

const expectAnswered = async (h: Harness, fields: Record<string, string>) => {
  const answer = await h.answerTo((await h.command("state:2", fields)).responseId);
  expect(answer.body.response_type).toBe("ephemeral");
  expect(allText(answer.body)).toContain("Waiting for support");
};

const expectRefused = async (h: Harness, fields: Record<string, string>, setting: string) => {
  const before = h.api.requests.length;
  const { ack } = await h.command("state:2", fields);
  expect(ack.status).toBe(200);
  expect(allText(ack.json)).toContain(setting);
  expect((ack.json as { response_type: string }).response_type).toBe("ephemeral");
  expect(h.api.requests.length).toBe(before);
};

describe("who may read tickets", () => {
  it("with nothing set, everyone may, and start-up warns about it", async () => {
    const h = await start();
    await expectAnswered(h, { user_id: "UANY", channel_id: "CANY" });
    expect(h.logs.join("\n")).toContain("everyone in the workspace can read tickets");
  });

  it("ALLOWED_USER_IDS alone: only listed users, in any channel", async () => {
    const h = await start({ env: { ALLOWED_USER_IDS: "UBOB" } });
    await expectAnswered(h, { user_id: "UBOB", channel_id: "CANY" });
    await expectRefused(h, { user_id: "UEVE", channel_id: "CANY" }, "ALLOWED_USER_IDS");
    expect(h.logs.join("\n")).not.toContain("everyone in the workspace");
  });

  it("ALLOWED_CHANNEL_IDS alone: listed channels, or the user's own DM with the bot", async () => {
    const h = await start({ env: { ALLOWED_CHANNEL_IDS: "CSUPPORT,GGROUPDM" }, slack: dmInfo });
    await expectAnswered(h, { user_id: "UEVE", channel_id: "CSUPPORT" });
    await expectAnswered(h, { user_id: "UEVE", channel_id: "GGROUPDM" });
    await expectAnswered(h, { user_id: "UBOB", channel_id: "DBOB" });
    await expectRefused(h, { user_id: "UEVE", channel_id: "CRANDOM" }, "ALLOWED_CHANNEL_IDS");
    await expectRefused(h, { user_id: "UEVE", channel_id: "DBOB" }, "ALLOWED_CHANNEL_IDS");
    await expectRefused(h, { user_id: "UEVE", channel_id: "DPAIR" }, "ALLOWED_CHANNEL_IDS");
    await expectRefused(h, { user_id: "UEVE", channel_id: "GOTHERGROUP" }, "ALLOWED_CHANNEL_IDS");
  });

  it("both set: a listed user, in a listed channel or their own DM", async () => {
    const h = await start({
      env: { ALLOWED_USER_IDS: "UBOB", ALLOWED_CHANNEL_IDS: "CSUPPORT" },
      slack: dmInfo,
    });
    await expectAnswered(h, { user_id: "UBOB", channel_id: "CSUPPORT" });
    await expectAnswered(h, { user_id: "UBOB", channel_id: "DBOB" });
    await expectRefused(h, { user_id: "UBOB", channel_id: "CRANDOM" }, "ALLOWED_CHANNEL_IDS");
    await expectRefused(h, { user_id: "UEVE", channel_id: "CSUPPORT" }, "ALLOWED_USER_IDS");
  });

  it("applies to buttons too, including a digest's View all on a shared message", async () => {
    const h = await start({ env: { ALLOWED_USER_IDS: "UBOB" } });
    for (const action_id of [ACTION_IDS.openList, ACTION_IDS.pageNext, ACTION_IDS.shareList]) {
      const { ack, responseId } = await h.click(
        { action_id, value: listValue },
        {
          user: { id: "UEVE", team_id: h.slack.teamId },
          ...onSharedMessage("C1"),
        },
      );
      expect(ack.status).toBe(200);
      const refusal = await h.answerTo(responseId);
      expect(refusal.body.response_type).toBe("ephemeral");
      expect(refusal.body.replace_original).toBe(false);
      expect(allText(refusal.body)).toContain("ALLOWED_USER_IDS");
    }
    const details = await h.click(
      { action_id: ACTION_IDS.detailsOpen, value: "100001" },
      { user: { id: "UEVE" } },
    );
    expect(details.ack.status).toBe(200);
    // Wait for the refusal: only then is "no modal, no fetch" a fact and not a race.
    expect(allText((await h.answerTo(details.responseId)).body)).toContain("ALLOWED_USER_IDS");
    expect(h.api.requests).toHaveLength(0);
    expect(h.slack.calls.items.map((c) => c.method)).not.toContain("views.open");
  });

  it("answers a refused click inside a modal over the modal, fetching nothing", async () => {
    const h = await start({ env: { ALLOWED_USER_IDS: "UBOB" } });
    await h.click(
      { action_id: ACTION_IDS.shareTicket, value: "100001" },
      {
        user: { id: "UEVE", team_id: h.slack.teamId },
        response_url: undefined,
        container: { type: "view", view_id: "V9" },
        view: { id: "V9", type: "modal", private_metadata: "{}" },
      },
    );
    const pushed = await h.slack.calls.waitFor((c) => c.method === "views.push");
    expect(allText(pushed.body.view)).toContain("ALLOWED_USER_IDS");
    expect(h.api.requests).toHaveLength(0);
  });

  it("refuses requests from another workspace, fetching nothing", async () => {
    const h = await start();
    const before = h.api.requests.length;
    const { ack } = await h.command("state:2", { team_id: "TOTHER" });
    expect(allText(ack.json)).toMatch(/workspace/i);
    const { responseId } = await h.click(
      { action_id: ACTION_IDS.openList, value: listValue },
      { team: { id: "TOTHER" } },
    );
    expect(allText((await h.answerTo(responseId)).body)).toMatch(/workspace/i);
    expect(h.api.requests.length).toBe(before);
  });
});

describe("the own-DM check", () => {
  it("never holds up the ack: a slow Slack counts as 'no' this time, and is remembered for the next", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = await start({
      env: { ALLOWED_CHANNEL_IDS: "CSUPPORT" },
      slack: {
        webApi: async (call) => {
          if (call.method !== "conversations.info") return undefined;
          await held;
          return { body: { ok: true, channel: { id: "DBOB", is_im: true, user: "UBOB" } } };
        },
      },
    });
    await expectRefused(h, { user_id: "UBOB", channel_id: "DBOB" }, "ALLOWED_CHANNEL_IDS");
    release();
    // Once Slack's late answer is in, the same person in the same DM is let through.
    let ack: Awaited<ReturnType<typeof h.command>>["ack"] | undefined;
    for (let attempt = 0; attempt < 40; attempt++) {
      ({ ack } = await h.command("help", { user_id: "UBOB", channel_id: "DBOB" }));
      if (!allText(ack.json).includes("ALLOWED_CHANNEL_IDS")) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(allText(ack?.json)).toContain("/tickets state:open");
    await expectAnswered(h, { user_id: "UBOB", channel_id: "DBOB" });
    expect(h.slack.calls.items.filter((c) => c.method === "conversations.info")).toHaveLength(1);
  });
});
