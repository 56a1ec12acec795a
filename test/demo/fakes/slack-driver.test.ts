import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  blockActionsPayload,
  createSlackDriver,
  signedHeaders,
  slackSignature,
  slashCommandForm,
  viewSubmissionPayload,
} from "../../../src/demo/fakes/slack-driver";
import { type SlackStandIn, startSlackStandIn } from "../../../src/demo/fakes/slack-stand-in";
import { readFixture, readFixtureJson } from "../../support/fixtures";

/** The driver builds its own payloads (the demo ships no fixtures): they must stay Slack's shape. */

const signingExample = readFixtureJson<{
  signingSecret: string;
  headers: Record<string, string>;
}>("slack/payloads/slash_command.slack-docs-signing-example.meta.json");

const shapeOf = (value: unknown): unknown =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(
        Object.entries(value)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, shapeOf(v)]),
      )
    : Array.isArray(value)
      ? value.map(shapeOf)
      : typeof value;

let slack: SlackStandIn | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

describe("slack driver", () => {
  it("signs exactly as Slack's documented example", () => {
    const body = readFixture("slack/payloads/slash_command.slack-docs-signing-example.body.txt");
    const timestamp = signingExample.headers["x-slack-request-timestamp"] as string;
    expect(slackSignature(signingExample.signingSecret, timestamp, body)).toBe(
      signingExample.headers["x-slack-signature"],
    );
    expect(signedHeaders(signingExample.signingSecret, body, Number(timestamp))).toEqual(
      signingExample.headers,
    );
  });

  it("sends a slash command with every field of a captured one, in the same order", () => {
    const captured = new URLSearchParams(
      readFixture("slack/payloads/slash_command.bolt-js-aws-test.body.txt"),
    );
    const ours = slashCommandForm({ text: "state:2", teamId: "T111", responseUrl: "http://x/1" });
    expect([...ours.keys()]).toEqual([...captured.keys()]);
    expect(ours.get("command")).toBe("/tickets");
    expect(ours.get("text")).toBe("state:2");
    expect(ours.get("response_url")).toBe("http://x/1");
    const overridden = slashCommandForm({
      text: "",
      teamId: "T111",
      responseUrl: "http://x/1",
      fields: { user_id: "UOTHER" },
    });
    expect(overridden.get("user_id")).toBe("UOTHER");
  });

  it("submits a modal shaped like a captured view_submission payload", () => {
    const captured = readFixtureJson<Record<string, unknown>>(
      "slack/payloads/view_submission.bolt-python.json",
    );
    const ours = viewSubmissionPayload({
      teamId: "T111",
      view: {
        callback_id: "tickets.subscribe",
        private_metadata: "{}",
        state: { values: { hspI: { maBWU: { type: "plain_text_input", value: "test" } } } },
      },
    });
    // Blocks are the modal's own, not part of the envelope's shape.
    const envelope = (p: Record<string, unknown>) => ({
      ...p,
      view: { ...(p.view as Record<string, unknown>), blocks: [] },
    });
    expect(shapeOf(envelope(ours))).toEqual(shapeOf(envelope(captured)));
  });

  it("sends a button click shaped like a captured ephemeral block_actions payload", () => {
    const captured = readFixtureJson<Record<string, unknown>>(
      "slack/payloads/block_actions.ephemeral-enterprise.bolt-python.json",
    );
    const ours = blockActionsPayload({
      action: { action_id: "tickets.page.next", value: "{}" },
      teamId: "T111",
      responseUrl: "http://x/2",
    });
    expect(shapeOf(ours)).toEqual(shapeOf(captured));
    expect(ours.response_url).toBe("http://x/2");
  });

  it("posts signed requests the stand-in's response_urls can answer", async () => {
    slack = await startSlackStandIn();
    const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
    // Stands in for the bot: records what arrives and acks it.
    const bot = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        seen.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((listening) => bot.listen(0, "127.0.0.1", listening));
    const { port } = bot.address() as AddressInfo;
    const driver = createSlackDriver({
      eventsUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: "s3cret",
      slack,
    });
    const { ack, responseId } = await driver.command("state:2");
    expect(ack.status).toBe(200);
    const [request] = seen;
    const timestamp = String(request?.headers["x-slack-request-timestamp"]);
    expect(request?.headers["x-slack-signature"]).toBe(
      slackSignature("s3cret", timestamp, request?.body ?? ""),
    );
    const form = new URLSearchParams(request?.body);
    await fetch(form.get("response_url") ?? "", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "hello" }),
    });
    expect((await driver.answerTo(responseId)).body.text).toBe("hello");
    bot.closeAllConnections();
    await new Promise((closed) => bot.close(closed));
  });
});
