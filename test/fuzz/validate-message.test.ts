import { describe, expect, it } from "vitest";
import { renderHelp } from "../../src/render/help";
import { ctx } from "../render/helpers";
import { expectNoLeaks, expectValidMessage } from "./validate-message";

// The fuzz tests are only as strong as this checker: it must refuse what Slack refuses.
describe("the fuzz tests' message checker", () => {
  const good = renderHelp(ctx);
  const withBlock = (block: unknown) => ({ ...good, blocks: [...good.blocks, block] });
  const button = (extra: object) => ({
    type: "actions",
    elements: [
      { type: "button", text: { type: "plain_text", text: "Go" }, action_id: "a", ...extra },
    ],
  });

  it("accepts a real message", () => {
    expectValidMessage(good);
  });

  it.each([
    ["an empty fallback text", { ...good, text: "" }],
    ["no blocks array", { text: "x" }],
    ["an unknown block type", withBlock({ type: "table" })],
    ["an empty section text", withBlock({ type: "section", text: { type: "mrkdwn", text: "" } })],
    ["a mrkdwn header", withBlock({ type: "header", text: { type: "mrkdwn", text: "x" } })],
    [
      "a long header",
      withBlock({ type: "header", text: { type: "plain_text", text: "x".repeat(151) } }),
    ],
    [
      "a long section",
      withBlock({ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }),
    ],
    [
      "a long button text",
      withBlock(button({ text: { type: "plain_text", text: "x".repeat(76) } })),
    ],
    ["a long button value", withBlock(button({ value: "x".repeat(2001) }))],
    [
      "a long accessory text",
      withBlock({
        type: "section",
        text: { type: "mrkdwn", text: "x" },
        accessory: {
          type: "button",
          text: { type: "plain_text", text: "x".repeat(76) },
          action_id: "a",
        },
      }),
    ],
    ["51 blocks", { ...good, blocks: Array.from({ length: 51 }, () => ({ type: "divider" })) }],
  ])("refuses %s", (_name, message) => {
    expect(() => expectValidMessage(message)).toThrow();
  });

  it.each([
    ["an error class", "TicketApiShapeError happened"],
    ["an error prefix", "Error: boom"],
    ["a stack frame", "oops\n    at listTickets (src/tickets/ticket-client.ts:12:3)"],
    ["HTML", "<html><body>Bad Gateway</body></html>"],
    ["a network code", "connect ECONNREFUSED 127.0.0.1:1"],
    ["a secret", "token panel-token"],
  ])("finds %s in what a user would read", (_name, text) => {
    expect(() => expectNoLeaks({ text }, ["panel-token"])).toThrow();
  });
});
