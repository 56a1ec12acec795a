import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../../../src/contract/action-ids";
import { listStateSchema } from "../../../../src/contract/list-state";
import { listButton } from "../../../../src/slack/listeners/actions/list-actions";
import { ticketJson } from "../../../render/helpers";
import { allText } from "../../../support/blocks";
import { answeringTickets, fakeAck, listenerDeps } from "../../../support/listener-fakes";

const RESPONSE_URL = "https://hooks.slack.com/actions/T111/1/x";
const value = listStateSchema.encode({ filter: { stateId: 2 }, page: 2, perPage: 10 });

const click = (
  action: { action_id: string; value?: string },
  container: { is_ephemeral?: boolean } = { is_ephemeral: true },
) => {
  const { ack, calls } = fakeAck();
  return {
    acks: calls,
    args: {
      ack,
      action,
      body: {
        response_url: RESPONSE_URL,
        container: { type: "message", ...container },
        trigger_id: "1.2.x",
        user: { id: "W111" },
      } as Parameters<ReturnType<typeof listButton>>[0]["body"],
    },
  };
};

describe("listButton", () => {
  const { tickets, queries } = answeringTickets([ticketJson({ ticket_id: 7 })], {
    total: 15,
    lastPage: 2,
  });

  it("acks, fetches the page the button carries, and replaces the clicker's own list", async () => {
    const { deps, sent } = listenerDeps({ tickets });
    const { args, acks } = click({ action_id: ACTION_IDS.pageNext, value });
    await listButton(deps)(args);
    expect(acks).toEqual([undefined]);
    expect(queries.at(-1)).toEqual({ filter: { stateId: 2 }, page: 2, perPage: 10 });
    expect(sent.items).toHaveLength(1);
    expect(sent.items[0]?.payload).toMatchObject({ replace_original: true });
    expect(allText(sent.items[0]?.payload)).toContain("#7");
  });

  it("answers privately, leaving the message alone, on a message others see", async () => {
    const { deps, sent } = listenerDeps({ tickets });
    const { args } = click({ action_id: ACTION_IDS.pageNext, value }, { is_ephemeral: false });
    await listButton(deps)(args);
    expect(sent.items[0]?.payload).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
    });
  });

  it("never replaces the message for View all, even on the clicker's own", async () => {
    const { deps, sent } = listenerDeps({ tickets });
    const { args } = click({ action_id: ACTION_IDS.openList, value });
    await listButton(deps)(args);
    expect(sent.items[0]?.payload).toMatchObject({ replace_original: false });
  });

  it("says a button whose value does not decode has expired, and logs it", async () => {
    const { deps, sent, lines } = listenerDeps({ tickets });
    const before = queries.length;
    const { args, acks } = click({ action_id: ACTION_IDS.pageNext, value: "{" });
    await listButton(deps)(args);
    expect(acks).toEqual([undefined]);
    expect(queries.length).toBe(before);
    expect(allText(sent.items[0]?.payload)).toContain("This button no longer works");
    expect(lines.join("\n")).toMatch(
      /WARN .*button tickets.page.next carried a value that does not decode/,
    );
  });
});
