import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { listStateSchema } from "../../src/contract/list-state";
import { signedHeaders } from "../../src/demo/fakes/slack-driver";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { MAX_BODY_BYTES } from "../../src/slack/http-receiver";
import { allText } from "../support/blocks";
import { type Harness, SIGNING_SECRET, useHarness } from "../support/bot-harness";

/**
 * Under load and against slow or hostile clients, commands are still acked within Slack's
 * 3 seconds: with their answer to come, or with an honest "busy, try again". These drive the
 * real HTTP receiver over raw sockets where a client must misbehave in ways fetch will not.
 */

const start = useHarness({
  tickets: Array.from({ length: 3 }, (_, i) =>
    makeTicket({ state_id: 2, ticket_id: 100001 + i, id: 100001 + i }),
  ),
});

const held = () => {
  let release: () => void = () => {};
  const until = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { until, release };
};

const expectBusy = (message: unknown) => {
  expect(allText(message)).toMatch(/very busy.*try again/);
};

describe("shedding load", () => {
  it("past the answers it can have under way, a command is told 'busy' in its ack and nothing is fetched for it", async () => {
    const panel = held();
    const h = await start({
      load: { maxAnswersInProgress: 2 },
      intercept: async () => {
        await panel.until;
        return undefined;
      },
    });
    const first = await h.command("state:2 per_page:1");
    const second = await h.command("state:2 per_page:1 page:2");
    expect(first.ack.text).toBe("");
    expect(second.ack.text).toBe("");
    const third = await h.command("state:2 per_page:1 page:3");
    expect(third.ack.status).toBe(200);
    expect((third.ack.json as { response_type: string }).response_type).toBe("ephemeral");
    expectBusy(third.ack.json);
    await h.waitForLog(/too many answers are already under way/);
    panel.release();
    expect(allText((await h.answerTo(first.responseId)).body)).toContain("#100001");
    expect(allText((await h.answerTo(second.responseId)).body)).toContain("#100002");
    expect(h.api.requests.map((r) => r.query.get("page")).sort()).toEqual(["1", "2"]);
    // With the answers delivered, the next command is taken again.
    expect(allText((await h.answerTo((await h.command("state:2")).responseId)).body)).toContain(
      "#100001",
    );
  });

  it("a request that waited past the ack budget is told 'busy' at once: a command in its ack, a click privately", async () => {
    const h = await start({ load: { ackBudgetMs: 0 } });
    const command = await h.command("state:2");
    expect(command.ack.status).toBe(200);
    expectBusy(command.ack.json);
    const click = await h.click({
      action_id: ACTION_IDS.pageNext,
      value: listStateSchema.encode({ filter: { stateId: 2 }, page: 1, perPage: 10 }),
    });
    expect(click.ack.status).toBe(200);
    const notice = await h.answerTo(click.responseId);
    expect(notice.body.response_type).toBe("ephemeral");
    expect(notice.body.replace_original).toBe(false);
    expectBusy(notice.body);
    expect(h.api.requests).toHaveLength(0);
    await h.waitForLog(/waited too long to be answered within Slack's 3 s/);
  });
});

/** A raw client: sends `head` and the first part of a body, then stalls. */
const stalledRequest = (port: number, head: string, firstPart: Buffer) => {
  const socket: Socket = connect(port, "127.0.0.1");
  let received = "";
  const answered = new Promise<string>((resolve, reject) => {
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (received.includes("\r\n\r\n")) resolve(received.split("\r\n")[0] ?? "");
    });
    socket.on("close", () => resolve(received.split("\r\n")[0] ?? "closed without an answer"));
    socket.on("error", (error: NodeJS.ErrnoException) => {
      // A reset after the answer arrived is the server closing on unread bytes: expected.
      if (received) resolve(received.split("\r\n")[0] ?? "");
      else if (error.code !== "ECONNRESET") reject(error);
    });
  });
  socket.write(head);
  socket.write(firstPart);
  return { answered, socket };
};

const portOf = (h: Harness) => Number(new URL(h.eventsUrl).port);

const within = <T>(promise: Promise<T>, limitMs: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: nothing within ${limitMs} ms`)), limitMs),
    ),
  ]);

describe("oversized and unsigned bodies", () => {
  const FOUR_MB = 4 * 1024 * 1024;
  const head = (length: number, headers: Record<string, string> = {}) =>
    [
      "POST /slack/events HTTP/1.1",
      "Host: 127.0.0.1",
      "Content-Type: application/x-www-form-urlencoded",
      `Content-Length: ${length}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      "",
      "",
    ].join("\r\n");

  it("are refused from their headers, before the body is read, while commands are served", async () => {
    const h = await start();
    const port = portOf(h);
    const part = Buffer.alloc(64 * 1024, "a");
    const signedLooking = signedHeaders(SIGNING_SECRET, "not this body");
    const flood = [
      ...Array.from({ length: 20 }, () => stalledRequest(port, head(FOUR_MB), part)),
      // Below the size limit, but unsigned: only ssl_check comes unsigned, and it is tiny.
      stalledRequest(port, head(512 * 1024), part),
      // Signature headers do not buy reading a body over the limit.
      stalledRequest(
        port,
        head(MAX_BODY_BYTES + 1, {
          "X-Slack-Signature": signedLooking["x-slack-signature"],
          "X-Slack-Request-Timestamp": signedLooking["x-slack-request-timestamp"],
        }),
        part,
      ),
    ];
    try {
      // Every one is still sending its body: an answer now was given without reading it.
      const statuses = await within(
        Promise.all(flood.map((f) => f.answered)),
        5_000,
        "refusals of stalled bodies",
      );
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill("HTTP/1.1 413 Payload Too Large"));
      expect(statuses[20]).toBe("HTTP/1.1 401 Unauthorized");
      expect(statuses[21]).toBe("HTTP/1.1 413 Payload Too Large");
      // And a real command, sent while the flood's connections are open, is answered.
      const answer = await h.answerTo((await h.command("state:2")).responseId);
      expect(allText(answer.body)).toContain("#100001");
      await h.waitForLog(/refused a 4194304-byte body \(the limit is 1048576\) without reading it/);
    } finally {
      for (const f of flood) f.socket.destroy();
    }
  });

  it("a signed-looking body over the limit sent without Content-Length is cut off at the limit", async () => {
    const h = await start();
    const body = Buffer.alloc(MAX_BODY_BYTES + 64 * 1024, "a");
    const signed = signedHeaders(SIGNING_SECRET, "not this body");
    const chunked = stalledRequest(
      portOf(h),
      [
        "POST /slack/events HTTP/1.1",
        "Host: 127.0.0.1",
        "Content-Type: application/x-www-form-urlencoded",
        `X-Slack-Signature: ${signed["x-slack-signature"]}`,
        `X-Slack-Request-Timestamp: ${signed["x-slack-request-timestamp"]}`,
        "Transfer-Encoding: chunked",
        "",
        "",
      ].join("\r\n"),
      Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from("\r\n")]),
    );
    try {
      expect(await within(chunked.answered, 5_000, "chunked refusal")).toBe(
        "HTTP/1.1 413 Payload Too Large",
      );
    } finally {
      chunked.socket.destroy();
    }
  });
});

describe("slow clients", () => {
  it("a connection that never finishes its headers or its body is closed within Slack's few seconds, not Node's minutes", async () => {
    const h = await start();
    const port = portOf(h);
    const slowHeaders = stalledRequest(
      port,
      "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n",
      Buffer.from("X-Slow: "),
    );
    const body = "token=x&command=%2Ftickets";
    const signed = signedHeaders(SIGNING_SECRET, body);
    const slowBody = stalledRequest(
      port,
      [
        "POST /slack/events HTTP/1.1",
        "Host: 127.0.0.1",
        `Content-Type: ${signed["content-type"]}`,
        `X-Slack-Signature: ${signed["x-slack-signature"]}`,
        `X-Slack-Request-Timestamp: ${signed["x-slack-request-timestamp"]}`,
        `Content-Length: ${body.length}`,
        "",
        "",
      ].join("\r\n"),
      Buffer.from(body.slice(0, 5)),
    );
    try {
      // Node's defaults would hold them 60 s (headers) and 300 s (request).
      const [headersOutcome, bodyOutcome] = await within(
        Promise.all([slowHeaders.answered, slowBody.answered]),
        10_000,
        "closing slow connections",
      );
      expect(headersOutcome).toMatch(/^(HTTP\/1.1 408|closed without an answer)/);
      expect(bodyOutcome).toMatch(/^(HTTP\/1.1 408|closed without an answer)/);
    } finally {
      slowHeaders.socket.destroy();
      slowBody.socket.destroy();
    }
  });
});
