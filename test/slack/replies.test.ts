import { describe, expect, it } from "vitest";
import { createInFlight } from "../../src/slack/in-flight";
import {
  explainOverModal,
  inPlace,
  noticeTeller,
  privately,
  privatelyInAck,
  publicly,
  publishHome,
  type ReplyRoute,
} from "../../src/slack/replies";
import { ResponseUrlError } from "../../src/slack/response-url";
import {
  fakeAck,
  fakeViews,
  recordingLogger,
  recordingResponder,
  renderContext,
} from "../support/listener-fakes";

const message = { text: "hello", blocks: [] };

describe("reply shapes", () => {
  it("say who sees an answer and whether it replaces the message clicked on", () => {
    expect(privately(message)).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: "hello",
      blocks: [],
    });
    expect(privatelyInAck(message)).toEqual({
      response_type: "ephemeral",
      text: "hello",
      blocks: [],
    });
    expect(inPlace(message)).toEqual({ replace_original: true, text: "hello", blocks: [] });
    expect(publicly(message)).toEqual({
      response_type: "in_channel",
      replace_original: false,
      text: "hello",
      blocks: [],
    });
  });

  it("put a notice over a modal, or on the Home tab", () => {
    expect(explainOverModal("1.2.x", message, renderContext())).toMatchObject({
      trigger_id: "1.2.x",
      view: { type: "modal", title: { text: "Tickets" }, blocks: [] },
    });
    expect(publishHome("W111", { type: "home", blocks: [] })).toEqual({
      user_id: "W111",
      view: { type: "home", blocks: [] },
    });
  });
});

describe("noticeTeller", () => {
  const telling = (refuse = false) => {
    const { responder, sent } = recordingResponder(() =>
      refuse ? new ResponseUrlError(404, "expired_url") : undefined,
    );
    const views = fakeViews();
    const inFlight = createInFlight();
    const { logger, lines } = recordingLogger();
    const tell = noticeTeller({
      responder,
      client: () => views.client,
      inFlight,
      logger,
      renderContext,
    });
    const { ack, calls: acks } = fakeAck();
    return {
      acks,
      lines,
      tell: async (route: ReplyRoute) => {
        await tell(route, message, ack);
        await inFlight.drain(1000);
        return { sent: sent.items, views: views.calls.items.map((c) => c.method) };
      },
    };
  };

  it("answers in the ack for a command", async () => {
    const t = telling();
    expect(await t.tell({ via: "ack" })).toEqual({ sent: [], views: [] });
    expect(t.acks).toEqual([privatelyInAck(message)]);
  });

  it("acks, then answers by the surface's route", async () => {
    const url = "https://hooks.slack.com/actions/T111/1/x";
    const routes: [ReplyRoute, { sent: number; views: string[] }][] = [
      [
        { via: "response-url", url },
        { sent: 1, views: [] },
      ],
      [
        { via: "modal", triggerId: "1.2.x" },
        { sent: 0, views: ["push"] },
      ],
      [
        { via: "home", userId: "W111" },
        { sent: 0, views: ["publish"] },
      ],
      [{ via: "none" }, { sent: 0, views: [] }],
    ];
    for (const [route, expected] of routes) {
      const t = telling();
      const told = await t.tell(route);
      expect(t.acks).toEqual([undefined]);
      expect({ sent: told.sent.length, views: told.views }).toEqual(expected);
    }
  });

  it("logs a notice it could not deliver, and never throws", async () => {
    const t = telling(true);
    await t.tell({ via: "response-url", url: "https://hooks.slack.com/actions/T111/1/x" });
    expect(t.lines.join("\n")).toMatch(
      /ERROR .*could not tell the person: response_url answered HTTP 404/,
    );
  });
});
