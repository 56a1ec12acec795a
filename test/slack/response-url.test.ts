import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger";
import { createResponder, ResponseUrlError, SerializedReply } from "../../src/slack/response-url";

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** A response_url endpoint that answers with the scripted replies in turn. */
const serve = async (
  replies: { status: number; body?: string; headers?: Record<string, string> }[],
) => {
  const bodies: string[] = [];
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => {
      raw += c;
    });
    req.on("end", () => {
      bodies.push(raw);
      const reply = replies[Math.min(bodies.length - 1, replies.length - 1)] ?? { status: 200 };
      res.writeHead(reply.status, reply.headers).end(reply.body ?? "ok");
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/r`, bodies };
};

const message = { text: "hi", blocks: [] };

describe("response_url responder", () => {
  it("posts the message as JSON once when Slack accepts it", async () => {
    const { url, bodies } = await serve([{ status: 200 }]);
    await createResponder({ logger: silentLogger() }).send(url, {
      ...message,
      response_type: "ephemeral",
    });
    expect(bodies.map((b) => JSON.parse(b))).toEqual([
      { text: "hi", blocks: [], response_type: "ephemeral" },
    ]);
  });

  it("retries a 5xx a bounded number of times, then fails", async () => {
    const { url, bodies } = await serve([{ status: 503 }]);
    const responder = createResponder({ logger: silentLogger(), retries: 2, backoffMs: 5 });
    await expect(responder.send(url, message)).rejects.toBeInstanceOf(ResponseUrlError);
    expect(bodies).toHaveLength(3);
  });

  it("recovers after a 429 with a short Retry-After", async () => {
    const { url, bodies } = await serve([
      { status: 429, headers: { "retry-after": "0" } },
      { status: 200 },
    ]);
    await createResponder({ logger: silentLogger(), backoffMs: 5 }).send(url, message);
    expect(bodies).toHaveLength(2);
  });

  it("does not retry an expired response_url, and says it expired", async () => {
    const { url, bodies } = await serve([{ status: 404, body: "expired_url" }]);
    const error = await createResponder({ logger: silentLogger() })
      .send(url, message)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseUrlError);
    expect((error as Error).message).toContain("expired");
    expect(bodies).toHaveLength(1);
  });

  it("reads a Retry-After given as an HTTP-date, like the ticket client does", async () => {
    const now = new Date("2025-01-01T10:00:00Z");
    const { url, bodies } = await serve([
      { status: 429, headers: { "retry-after": "Wed, 01 Jan 2025 10:00:30 GMT" } },
      { status: 200 },
    ]);
    const error = await createResponder({
      logger: silentLogger(),
      clock: { now: () => now },
      maxRetryAfterMs: 1000,
    })
      .send(url, message)
      .catch((e: unknown) => e);
    // Thirty seconds asked for is past the bound: no retry (the date was not taken for "now").
    expect(error).toMatchObject({ status: 429, retryAfterMs: 30_000 });
    expect(bodies).toHaveLength(1);
  });

  it("gives up on an attempt that gets no answer in time, and retries it", async () => {
    let answered = 0;
    server = createServer((req, res) => {
      req.resume();
      answered += 1;
      if (answered > 1) res.end("ok");
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/r`;
    await createResponder({ logger: silentLogger(), timeoutMs: 100, backoffMs: 5 }).send(
      url,
      message,
    );
    expect(answered).toBe(2);
    server.closeAllConnections();
  });

  it("does not wait for a Retry-After longer than its bound", async () => {
    const { url, bodies } = await serve([{ status: 429, headers: { "retry-after": "60" } }]);
    await expect(
      createResponder({ logger: silentLogger(), maxRetryAfterMs: 1000 }).send(url, message),
    ).rejects.toThrow(/HTTP 429/);
    expect(bodies).toHaveLength(1);
  });
});

describe("a responder given its own fetch", () => {
  it("posts through it, and judges its answers the same way", async () => {
    const calls: { url: string; method?: string; body?: unknown }[] = [];
    const responder = createResponder({
      logger: silentLogger(),
      backoffMs: 1,
      fetch: async (url, init) => {
        calls.push({ url: String(url), method: init?.method, body: init?.body });
        return calls.length === 1
          ? new Response("", { status: 429, headers: { "retry-after": "0" } })
          : new Response("ok", { status: 200 });
      },
    });
    await responder.send("https://hooks.slack.test/r/1", message);
    expect(calls).toEqual([
      { url: "https://hooks.slack.test/r/1", method: "POST", body: JSON.stringify(message) },
      { url: "https://hooks.slack.test/r/1", method: "POST", body: JSON.stringify(message) },
    ]);
  });
});

describe("response_url refusals carried in a 200", () => {
  it("treats {ok:false} as a refusal, naming Slack's error", async () => {
    const { url } = await serve([
      { status: 200, body: '{"ok":false,"error":"channel_not_found"}' },
    ]);
    await expect(
      createResponder({ logger: silentLogger() }).send(url, message),
    ).rejects.toMatchObject({
      slackError: "channel_not_found",
    });
  });
});

describe("public posts", () => {
  it("are not sent again after a 5xx, since the first may have been posted", async () => {
    const { url, bodies } = await serve([{ status: 503 }]);
    await expect(
      createResponder({ logger: silentLogger(), backoffMs: 5 }).send(url, {
        ...message,
        response_type: "in_channel",
      }),
    ).rejects.toBeInstanceOf(ResponseUrlError);
    expect(bodies).toHaveLength(1);
  });

  it("serialized beforehand are posted as they were serialized, and not sent again after a 5xx", async () => {
    const { url, bodies } = await serve([{ status: 503 }]);
    const reply = { ...message, response_type: "in_channel" as const };
    const serialized = new SerializedReply(reply);
    reply.text = "changed after it was serialized";
    await expect(
      createResponder({ logger: silentLogger(), backoffMs: 5 }).send(url, serialized),
    ).rejects.toBeInstanceOf(ResponseUrlError);
    expect(bodies).toEqual([JSON.stringify({ ...message, response_type: "in_channel" })]);
  });

  it("are sent again after a 429, which posted nothing", async () => {
    const { url, bodies } = await serve([
      { status: 429, headers: { "retry-after": "0" } },
      { status: 200 },
    ]);
    await createResponder({ logger: silentLogger(), backoffMs: 5 }).send(url, {
      ...message,
      response_type: "in_channel",
    });
    expect(bodies).toHaveLength(2);
  });
});
