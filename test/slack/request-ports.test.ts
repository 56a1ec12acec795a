import { WebAPIRateLimitedError } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { CALLBACK_IDS } from "../../src/contract/action-ids";
import { decodeModalMetadata } from "../../src/contract/modal-metadata";
import { explainPorts, modalPorts, responseUrlPorts } from "../../src/slack/request-ports";
import { ResponseUrlError } from "../../src/slack/response-url";
import {
  fakeViews,
  recordingLogger,
  recordingResponder,
  renderContext,
} from "../support/listener-fakes";

const URL = "https://hooks.slack.com/actions/T111/1/x";
const message = { text: "hello", blocks: [] };

const portDeps = (refuse?: () => ResponseUrlError | Error) => {
  const { responder, sent } = recordingResponder(refuse as never);
  const { logger, lines } = recordingLogger();
  return { deps: { responder, logger, renderContext }, sent, lines };
};

describe("responseUrlPorts", () => {
  it("answer privately, in place, or publicly through the request's response_url", async () => {
    const { deps, sent } = portDeps();
    const ports = responseUrlPorts(deps, URL);
    await ports.answerPrivately(message);
    await ports.replaceInPlace(message);
    expect(await ports.postPublicly(message)).toEqual({ posted: true });
    expect(
      sent.items.map((s) => [s.url, s.payload.response_type, s.payload.replace_original]),
    ).toEqual([
      [URL, "ephemeral", false],
      [URL, undefined, true],
      [URL, "in_channel", false],
    ]);
  });

  it("log an answer that cannot be delivered, and never throw", async () => {
    const { deps, lines } = portDeps(() => new ResponseUrlError(404, "expired_url"));
    await responseUrlPorts(deps, URL).answerPrivately(message);
    await responseUrlPorts(deps, undefined).answerPrivately(message);
    expect(lines.join("\n")).toMatch(
      /could not deliver an answer to Slack: response_url answered HTTP 404 \(expired_url\)[\s\S]*cannot answer: the request carried no response_url/,
    );
  });

  it("turn a refused public post into Slack's reason, or the status when it gave none", async () => {
    const refused = async (error: Error) =>
      responseUrlPorts(portDeps(() => error).deps, URL).postPublicly(message);
    expect(await refused(new ResponseUrlError(200, "channel_not_found"))).toMatchObject({
      posted: false,
      reason: "channel_not_found",
    });
    expect(await refused(new ResponseUrlError(500, undefined))).toMatchObject({
      posted: false,
      reason: "HTTP 500",
      detail: "response_url answered HTTP 500",
    });
    expect(await refused(new Error("socket hang up"))).toEqual({
      posted: false,
      reason: undefined,
      detail: "socket hang up",
    });
  });
});

describe("explainPorts", () => {
  it("explain over the modal when there is one, privately otherwise", async () => {
    const { deps, sent } = portDeps();
    const views = fakeViews();
    await explainPorts(deps, {
      client: views.client,
      responseUrl: URL,
      triggerId: "1.2.x",
    }).explainPrivately(message);
    await explainPorts(deps, {
      client: views.client,
      responseUrl: URL,
      triggerId: undefined,
    }).explainPrivately(message);
    expect(views.calls.items.map((c) => [c.method, c.args.trigger_id])).toEqual([
      ["push", "1.2.x"],
    ]);
    expect(sent.items.map((s) => s.payload.response_type)).toEqual(["ephemeral"]);
  });
});

describe("modalPorts", () => {
  it("give every view the details callback id and the response_url it was opened from", async () => {
    const views = fakeViews();
    const ports = modalPorts(views.client, { triggerId: "1.2.x", responseUrl: URL });
    const view = {
      type: "modal" as const,
      title: { type: "plain_text" as const, text: "T" },
      blocks: [],
    };
    expect(await ports.openView(view)).toBe("V1");
    await ports.updateView("V1", view);
    const [open, update] = views.calls.items;
    expect(open?.args.trigger_id).toBe("1.2.x");
    expect(update?.args.view_id).toBe("V1");
    for (const call of [open, update]) {
      const sent = call?.args.view as { callback_id: string; private_metadata: string };
      expect(sent.callback_id).toBe(CALLBACK_IDS.ticketDetails);
      expect(decodeModalMetadata(sent.private_metadata)).toEqual({ responseUrl: URL });
    }
  });

  it("do not wait out a long Retry-After to open: the click's trigger expires in 3 s", async () => {
    const limited = Object.assign(new Error("ratelimited"), { retryAfter: 30 });
    Object.setPrototypeOf(limited, WebAPIRateLimitedError.prototype);
    const views = fakeViews((call) => (call.method === "open" ? limited : undefined));
    const ports = modalPorts(views.client, { triggerId: "1.2.x", responseUrl: URL });
    const view = {
      type: "modal" as const,
      title: { type: "plain_text" as const, text: "T" },
      blocks: [],
    };
    await expect(ports.openView(view)).rejects.toBe(limited);
    // Given up at once, not asked again after 30 s.
    expect(views.calls.items).toHaveLength(1);
  });
});
