import type { ModalView } from "@slack/types";
import { describe, expect, it } from "vitest";
import { ACTION_IDS, CALLBACK_IDS } from "../../../../src/contract/action-ids";
import { decodeModalMetadata } from "../../../../src/contract/modal-metadata";
import {
  detailsButton,
  openInPanelButton,
} from "../../../../src/slack/listeners/actions/details-actions";
import { ticketJson } from "../../../render/helpers";
import { allText } from "../../../support/blocks";
import {
  answeringTickets,
  fakeAck,
  fakeViews,
  listenerDeps,
} from "../../../support/listener-fakes";

const RESPONSE_URL = "https://hooks.slack.com/actions/T111/1/x";

/** `responseUrl: null`: a click that carried none. */
const args = (value: string | undefined, responseUrl: string | null = RESPONSE_URL) => {
  const { ack, calls } = fakeAck();
  return {
    acks: calls,
    body: {
      response_url: responseUrl ?? undefined,
      trigger_id: "1.2.x",
      user: { id: "W111" },
    } as Parameters<ReturnType<typeof detailsButton>>[0]["body"],
    action: { action_id: ACTION_IDS.detailsOpen, value },
    ack,
  };
};

describe("detailsButton", () => {
  it("acks, opens the modal on the click's trigger, and fills it in", async () => {
    const { tickets } = answeringTickets([ticketJson({ ticket_id: 7 })]);
    const { deps } = listenerDeps({ tickets });
    const views = fakeViews();
    const a = args("7");
    await detailsButton(deps)({ ...a, client: views.client });
    expect(a.acks).toEqual([undefined]);
    expect(views.calls.items.map((c) => c.method)).toEqual(["open", "update"]);
    const [open, update] = views.calls.items;
    expect(open?.args.trigger_id).toBe("1.2.x");
    expect(update?.args.view_id).toBe("V1");
    for (const call of [open, update]) {
      const view = call?.args.view as ModalView;
      expect(view.callback_id).toBe(CALLBACK_IDS.ticketDetails);
      // Share in the modal answers through the message the modal was opened from.
      expect(decodeModalMetadata(view.private_metadata)).toEqual({ responseUrl: RESPONSE_URL });
    }
    expect(allText(update?.args.view)).toContain("📣 Share");
  });

  it("offers no Share in a modal opened from where there is no response_url", async () => {
    const { tickets } = answeringTickets([ticketJson({ ticket_id: 7 })]);
    const { deps } = listenerDeps({ tickets });
    const views = fakeViews();
    await detailsButton(deps)({ ...args("7", null), client: views.client });
    expect(allText(views.calls.items[1]?.args.view)).not.toContain("📣 Share");
  });

  it("answers with a private message when Slack will not open the modal", async () => {
    const { tickets } = answeringTickets([ticketJson({ ticket_id: 7 })]);
    const { deps, sent } = listenerDeps({ tickets });
    const views = fakeViews((call) =>
      call.method === "open" ? new Error("expired_trigger_id") : undefined,
    );
    await detailsButton(deps)({ ...args("7"), client: views.client });
    expect(sent.items).toHaveLength(1);
    expect(sent.items[0]?.payload).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
    });
    expect(allText(sent.items[0]?.payload)).toContain("#7");
  });

  it("a value that is not a ticket number opens a short error and fetches nothing", async () => {
    const { tickets, queries } = answeringTickets([]);
    const { deps } = listenerDeps({ tickets });
    const views = fakeViews();
    await detailsButton(deps)({ ...args("7; drop"), client: views.client });
    expect(views.calls.items.map((c) => c.method)).toEqual(["open"]);
    expect(queries).toEqual([]);
  });
});

describe("openInPanelButton", () => {
  it("only acks: the link opens the browser by itself", async () => {
    const { ack, calls } = fakeAck();
    await openInPanelButton({ ack });
    expect(calls).toEqual([undefined]);
  });
});
