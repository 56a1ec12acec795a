import { request } from "node:http";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { listStateSchema } from "../../src/contract/list-state";
import {
  blockActionsPayload,
  signedHeaders,
  slashCommandForm,
} from "../../src/demo/fakes/slack-driver";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { type Harness, SIGNING_SECRET, useHarness } from "../support/bot-harness";

/**
 * The bot checks Slack's signature itself, before Bolt (whose own check is off) sees a request:
 * every POST is checked, whatever its path, so nothing unsigned reaches a listener however the
 * events path is spelled.
 */

const start = useHarness({ tickets: [makeTicket({ state_id: 2, ticket_id: 100001, id: 100001 })] });

const portOf = (h: Harness) => Number(new URL(h.eventsUrl).port);

const commandBody = (h: Harness) =>
  slashCommandForm({
    text: "state:2",
    teamId: h.slack.teamId,
    responseUrl: h.slack.newResponseUrl().url,
  }).toString();

/** A POST with the path sent exactly as given (fetch would normalize it first). */
const rawPost = (h: Harness, path: string, body: string, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: portOf(h), path, method: "POST", headers },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });

/**
 * A raw connection to the bot with a POST's head written (its body is the caller's to send, in
 * pieces or not at all), and the first line of whatever the bot answers.
 */
const rawHead = async (h: Harness, headers: Record<string, string>, contentLength: number) => {
  const socket = connect(portOf(h), "127.0.0.1");
  let received = "";
  const answered = new Promise<string>((resolve) => {
    socket.on("data", (chunk) => {
      received += chunk.toString();
      if (received.includes("\r\n")) resolve(received.split("\r\n")[0] ?? "");
    });
  });
  await new Promise((resolve) => socket.once("connect", resolve));
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  socket.write(
    [
      "POST /slack/events HTTP/1.1",
      "Host: 127.0.0.1",
      ...lines,
      `Content-Length: ${contentLength}`,
      "",
      "",
    ].join("\r\n"),
  );
  return { socket, answered };
};

/**
 * The bot still answers a real command, and that answer is all that reached the panel or Slack:
 * anything that ran before it (it started first) would have been answered first.
 */
const expectNothingRan = async (h: Harness) => {
  const { responseId } = await h.command("state:2");
  await h.answerTo(responseId);
  expect(h.slack.responses.items.map((p) => p.id)).toEqual([responseId]);
  expect(h.api.requests).toHaveLength(1);
};

describe("request signatures, checked before Bolt", () => {
  it("refuses a forged command on every path, the events path however spelled included", async () => {
    const h = await start();
    for (const path of [
      "/slack/events",
      "/slack/events?x=1",
      "/slack/./events",
      "/slack/x/../events",
      "/SLACK/events",
      "/elsewhere",
    ]) {
      const body = commandBody(h);
      const headers = {
        ...signedHeaders(`${SIGNING_SECRET}-not`, body),
        "content-length": String(Buffer.byteLength(body)),
      };
      expect(await rawPost(h, path, body, headers)).toBe(401);
    }
    await h.waitForLog(/refused a request whose signature does not hold: signature mismatch/);
    await expectNothingRan(h);
  });

  it("refuses a correctly signed command sent more than five minutes ago (a replay)", async () => {
    const h = await start();
    const body = commandBody(h);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 360;
    const result = await h.post(body, signedHeaders(SIGNING_SECRET, body, sixMinutesAgo));
    expect(result.status).toBe(401);
    await h.waitForLog(/more than 5 minutes old/);
    await expectNothingRan(h);
  });

  it("answers an unsigned ssl_check, and runs no click smuggled in with it", async () => {
    const h = await start();
    const payload = blockActionsPayload({
      action: {
        action_id: ACTION_IDS.pageNext,
        // Another page than the command's below: a request alike would be shared, not repeated.
        value: listStateSchema.encode({ filter: { stateId: 2 }, page: 3, perPage: 10 }),
      },
      teamId: h.slack.teamId,
      responseUrl: h.slack.newResponseUrl().url,
    });
    // Bolt reads `payload` before `ssl_check`: only the body it is handed, `ssl_check=1`, is safe.
    const smuggled = new URLSearchParams({ ssl_check: "1", payload: JSON.stringify(payload) });
    const check = await h.post(smuggled.toString(), {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(check.status).toBe(200);
    await expectNothingRan(h);
  });

  it("answers a POST to a path the bot does not serve with 404, and keeps running", async () => {
    const h = await start();
    const ssl = "ssl_check=1&token=x";
    const form = { "content-type": "application/x-www-form-urlencoded" };
    expect(
      await rawPost(h, "/elsewhere", ssl, { ...form, "content-length": String(ssl.length) }),
    ).toBe(404);
    // A signed command sent to a mistyped Request URL: refused, not run, and the bot lives on.
    const body = commandBody(h);
    const signed = {
      ...signedHeaders(SIGNING_SECRET, body),
      "content-length": String(body.length),
    };
    expect(await rawPost(h, "/slack/events/", body, signed)).toBe(404);
    expect(await rawPost(h, "//", body, signed)).toBe(500);
    await h.waitForLog(/Unhandled HTTP request \(POST\) made to \/slack\/events\//);
    await expectNothingRan(h);
  });

  it("refuses headers that cannot be a fresh signature before reading the body", async () => {
    const h = await start();
    const stale = Math.floor(Date.now() / 1000) - 3600;
    const { socket, answered } = await rawHead(
      h,
      {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Signature": `v0=${"0".repeat(64)}`,
        "X-Slack-Request-Timestamp": String(stale),
      },
      100_000,
    );
    socket.write("only the start of it");
    // The rest of the body never comes: the answer cannot have waited for it.
    expect(await answered).toBe("HTTP/1.1 401 Unauthorized");
    socket.destroy();
    await expectNothingRan(h);
  });

  it("checks a body that arrives in many pieces over the whole of it", async () => {
    const h = await start();
    const responseUrl = h.slack.newResponseUrl();
    const body = slashCommandForm({
      text: "state:2",
      teamId: h.slack.teamId,
      responseUrl: responseUrl.url,
    }).toString();
    const { socket, answered } = await rawHead(
      h,
      signedHeaders(SIGNING_SECRET, body),
      Buffer.byteLength(body),
    );
    for (let at = 0; at < body.length; at += 40) {
      socket.write(body.slice(at, at + 40));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const answer = await h.answerTo(responseUrl.id);
    expect(await answered).toBe("HTTP/1.1 200 OK");
    expect(JSON.stringify(answer.body)).toContain("100001");
    socket.destroy();
  });

  it("lets go of a request whose client leaves halfway through its body", async () => {
    const h = await start({ env: { LOG_LEVEL: "debug" } });
    const body = commandBody(h);
    const { socket } = await rawHead(
      h,
      signedHeaders(SIGNING_SECRET, body),
      Buffer.byteLength(body),
    );
    socket.write(body.slice(0, 20));
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await h.waitForLog(/ended before its body; nothing to answer/);
    await expectNothingRan(h);
  });
});
