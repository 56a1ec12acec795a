import { describe, expect, it } from "vitest";
import { fa } from "../../../../src/i18n";
import { ticketsCommand } from "../../../../src/slack/listeners/commands/tickets-command";
import { READER, type Reader } from "../../../../src/slack/middleware/reader";
import { ticketJson } from "../../../render/helpers";
import { allText } from "../../../support/blocks";
import {
  answeringTickets,
  fakeAck,
  listenerDeps,
  renderContext,
  renderContexts,
} from "../../../support/listener-fakes";
import { useTempStore } from "../../../support/temp-store";

const openStore = useTempStore();

const RESPONSE_URL = "https://hooks.slack.com/commands/T111/1/x";
const WHO = { user_id: "W111", team_id: "T111" };

describe("ticketsCommand", () => {
  it("answers help privately in the ack, and nothing after", async () => {
    const { deps, sent } = listenerDeps();
    const { ack, calls } = fakeAck();
    await ticketsCommand(deps)({
      ack,
      command: { text: "help", response_url: RESPONSE_URL, ...WHO },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ response_type: "ephemeral", text: "How to use /tickets" });
    expect(sent.items).toEqual([]);
  });

  it("answers a command it cannot read in the ack", async () => {
    const { deps } = listenerDeps();
    const { ack, calls } = fakeAck();
    await ticketsCommand(deps)({
      ack,
      command: { text: "stat:2", response_url: RESPONSE_URL, ...WHO },
    });
    expect(calls[0]).toMatchObject({
      response_type: "ephemeral",
      text: "I couldn't read that /tickets command",
    });
  });

  it("acks first, then answers a list privately through response_url", async () => {
    const order: string[] = [];
    const { tickets } = answeringTickets([ticketJson({ ticket_id: 7 })]);
    const { deps, sent } = listenerDeps({
      tickets: {
        ...tickets,
        listTickets: async (query) => {
          order.push("fetch");
          return tickets.listTickets(query);
        },
      },
    });
    const ack = async (response?: unknown) => {
      order.push(response === undefined ? "ack" : "ack with an answer");
    };
    await ticketsCommand(deps)({
      ack,
      command: { text: "state:2", response_url: RESPONSE_URL, ...WHO },
    });
    expect(order).toEqual(["ack", "fetch"]);
    expect(sent.items).toHaveLength(1);
    expect(sent.items[0]?.url).toBe(RESPONSE_URL);
    expect(sent.items[0]?.payload).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
    });
    expect(allText(sent.items[0]?.payload)).toContain("#7");
  });

  it("takes no text as an empty command", async () => {
    const { deps, sent } = listenerDeps();
    const { ack } = fakeAck();
    await ticketsCommand(deps)({
      ack,
      command: { text: undefined as unknown as string, response_url: RESPONSE_URL, ...WHO },
    });
    expect(sent.items).toHaveLength(1);
  });

  it("answers in the ack in the language of whoever typed it", async () => {
    const { deps } = listenerDeps();
    const { ack, calls } = fakeAck();
    const reader: Reader = {
      person: { workspaceId: "T111", userId: "W111" },
      renderContext: async () => () => ({ ...renderContext(), t: fa }),
    };
    await ticketsCommand(deps)({
      ack,
      command: { text: "help", response_url: RESPONSE_URL, ...WHO },
      context: { [READER]: reader },
    });
    expect(calls[0]).toMatchObject({ response_type: "ephemeral", text: fa.help.fallback });
  });

  it("`language fa`: acks at once, keeps the choice, confirms in Persian through response_url", async () => {
    const store = await openStore();
    const { deps, sent } = listenerDeps({
      contexts: renderContexts({ preferences: store.preferences }),
    });
    const { ack, calls } = fakeAck();
    await ticketsCommand(deps)({
      ack,
      command: { text: "language fa", response_url: RESPONSE_URL, ...WHO },
    });
    expect(calls).toEqual([undefined]);
    expect(await store.preferences.get("T111", "W111")).toEqual({ language: "fa" });
    expect(sent.items).toHaveLength(1);
    expect(allText(sent.items[0]?.payload)).toContain("از این پس ربات با شما *فارسی* حرف می‌زند");
  });
});
