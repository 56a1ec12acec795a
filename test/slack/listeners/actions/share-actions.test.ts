import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../../../src/contract/action-ids";
import { listStateSchema } from "../../../../src/contract/list-state";
import { encodeModalMetadata } from "../../../../src/contract/modal-metadata";
import {
  shareListButton,
  shareTicketButton,
} from "../../../../src/slack/listeners/actions/share-actions";
import { ResponseUrlError } from "../../../../src/slack/response-url";
import { ticketJson } from "../../../render/helpers";
import { allText } from "../../../support/blocks";
import {
  answeringTickets,
  fakeAck,
  fakeViews,
  listenerDeps,
  recordingResponder,
} from "../../../support/listener-fakes";

const RESPONSE_URL = "https://hooks.slack.com/actions/T111/1/x";
const KEPT_URL = "https://hooks.slack.com/actions/T111/2/kept";
type Body = Parameters<ReturnType<typeof shareTicketButton>>[0]["body"];

const args = (actionId: string, value: string | undefined, body: Partial<Body> = {}) => {
  const { ack, calls } = fakeAck();
  const views = fakeViews();
  return {
    acks: calls,
    views,
    args: {
      ack,
      action: { action_id: actionId, value },
      body: {
        response_url: RESPONSE_URL,
        trigger_id: "1.2.x",
        user: { id: "UBOB" },
        ...body,
      } as Body,
      client: views.client,
    },
  };
};

/** A click inside the details modal: no response_url; the modal kept the message's (`null`: none). */
const inModal = (kept: string | null = KEPT_URL): Partial<Body> => ({
  response_url: undefined,
  view: {
    id: "V1",
    type: "modal",
    private_metadata: encodeModalMetadata({ responseUrl: kept ?? undefined }),
  } as Body["view"],
});

describe("shareTicketButton", () => {
  const { tickets } = answeringTickets([ticketJson({ ticket_id: 7 })]);

  it("acks, then posts the ticket in the channel through the click's response_url", async () => {
    const { deps, sent } = listenerDeps({ tickets });
    const c = args(ACTION_IDS.shareTicket, "7");
    await shareTicketButton(deps)(c.args);
    expect(c.acks).toEqual([undefined]);
    expect(sent.items.map((s) => s.url)).toEqual([RESPONSE_URL]);
    expect(sent.items[0]?.payload).toMatchObject({
      response_type: "in_channel",
      replace_original: false,
    });
    expect(allText(sent.items[0]?.payload)).toContain("Shared by <@UBOB>");
  });

  it("from the modal, posts through the response_url the modal kept", async () => {
    const { deps, sent } = listenerDeps({ tickets });
    await shareTicketButton(deps)(args(ACTION_IDS.shareTicket, "7", inModal()).args);
    expect(sent.items.map((s) => s.url)).toEqual([KEPT_URL]);
  });

  it("from the modal, explains a refusal over the modal, where the person is looking", async () => {
    const { responder } = recordingResponder(() => new ResponseUrlError(404, "expired_url"));
    const { deps, lines } = listenerDeps({ tickets, responder });
    const c = args(ACTION_IDS.shareTicket, "7", inModal());
    await shareTicketButton(deps)(c.args);
    const pushed = c.views.calls.items;
    expect(pushed.map((p) => p.method)).toEqual(["push"]);
    expect(pushed[0]?.args.trigger_id).toBe("1.2.x");
    expect(allText(pushed[0]?.args.view)).toContain("`expired_url`");
    expect(lines.join("\n")).toMatch(/share refused by Slack: response_url answered HTTP 404/);
  });

  it("on a message, explains a refusal privately", async () => {
    const { responder, sent } = recordingResponder((_url, payload) =>
      payload.response_type === "in_channel"
        ? new ResponseUrlError(200, "channel_not_found")
        : undefined,
    );
    const { deps } = listenerDeps({ tickets, responder });
    const c = args(ACTION_IDS.shareTicket, "7");
    await shareTicketButton(deps)(c.args);
    expect(c.views.calls.items).toEqual([]);
    expect(sent.items).toHaveLength(1);
    expect(sent.items[0]?.payload).toMatchObject({ response_type: "ephemeral" });
    expect(allText(sent.items[0]?.payload)).toContain("`channel_not_found`");
  });

  it("with no response_url anywhere, logs it and sends nothing", async () => {
    const { deps, sent, lines } = listenerDeps({ tickets });
    const c = args(ACTION_IDS.shareTicket, "7", inModal(null));
    await shareTicketButton(deps)(c.args);
    expect(c.acks).toEqual([undefined]);
    expect(sent.items).toEqual([]);
    expect(c.views.calls.items).toEqual([]);
    expect(lines.join("\n")).toMatch(/ERROR .*share clicked with no response_url to answer/);
  });
});

describe("shareListButton", () => {
  it("posts the list in the button's state for everyone", async () => {
    const { tickets, queries } = answeringTickets([ticketJson({ ticket_id: 7 })]);
    const { deps, sent } = listenerDeps({ tickets });
    const value = listStateSchema.encode({ filter: { stateId: 2 }, page: 1, perPage: 10 });
    await shareListButton(deps)(args(ACTION_IDS.shareList, value).args);
    expect(queries).toEqual([{ filter: { stateId: 2 }, page: 1, perPage: 10 }]);
    expect(sent.items[0]?.payload).toMatchObject({ response_type: "in_channel" });
  });

  it("says an undecodable button has expired, privately, fetching nothing", async () => {
    const { tickets, queries } = answeringTickets([]);
    const { deps, sent } = listenerDeps({ tickets });
    await shareListButton(deps)(args(ACTION_IDS.shareList, "nope").args);
    expect(queries).toEqual([]);
    expect(sent.items[0]?.payload).toMatchObject({ response_type: "ephemeral" });
    expect(allText(sent.items[0]?.payload)).toContain("This button no longer works");
  });
});
