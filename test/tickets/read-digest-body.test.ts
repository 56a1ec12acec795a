import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { MessageChannel } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  type InterceptResult,
  type RecordedRequest,
  type SampleApi,
  startSampleApi,
} from "../../src/sample-api/sample-api-server";
import {
  TicketApiAuthError,
  TicketApiNotJsonError,
  TicketApiRedirectError,
  TicketApiServerError,
  TicketApiShapeError,
  TicketApiTimeoutError,
  TicketApiTooLargeError,
} from "../../src/tickets/errors";
import { decodeBody, readPageBody } from "../../src/tickets/interpret-answer";
import { digestPageSchema } from "../../src/tickets/schemas";
import { createTicketClient, type TicketClientOptions } from "../../src/tickets/ticket-client";
import type { TicketQuery } from "../../src/tickets/ticket-query";
import { fixturePath } from "../support/fixtures";

/**
 * `readDigestBody`: the digest's request, with every guarantee of the client (deadline, size,
 * redirects, statuses, retries), handing over a success's bytes unparsed. The rest of what the
 * client does is tested in ticket-client.test.ts; the reading of the bytes in worker-folder.test.ts.
 */

const TOKEN = "panel-token-s3cret-value";
const SAMPLE_TEXT = readFileSync(fixturePath("ticket-api/list-tickets.sample.json"), "utf8");
const ERROR_401_TEXT = readFileSync(fixturePath("ticket-api/error-401.sample.json"), "utf8");
const query: TicketQuery = { filter: { stateId: 2 }, page: 1, perPage: 10 };

let api: SampleApi | undefined;
let raw: Server | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
  raw?.closeAllConnections();
  await new Promise<void>((done) => (raw ? raw.close(() => done()) : done()));
  raw = undefined;
});

const startApi = async (intercept: (req: RecordedRequest) => InterceptResult | undefined) => {
  api = await startSampleApi({ tickets: [], token: TOKEN, intercept });
  return api;
};
const startRaw = async (listener: RequestListener) => {
  const sockets: { closed: Promise<unknown> }[] = [];
  raw = createServer(listener);
  raw.on("connection", (socket: Socket) => {
    // The client ends these connections mid-answer, on purpose: a reset is expected here.
    socket.on("error", () => {});
    sockets.push({ closed: once(socket, "close") });
  });
  await new Promise<void>((done) => raw?.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`, sockets };
};
const json = (body: string, status = 200): InterceptResult => ({
  status,
  headers: { "content-type": "application/json" },
  body,
});
const client = (overrides: Partial<TicketClientOptions> = {}) =>
  createTicketClient({
    baseUrl: api?.url ?? "http://127.0.0.1:9",
    token: TOKEN,
    timeoutMs: 3000,
    backoffMs: 5,
    ...overrides,
  });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a failure, got a body");
    },
    (error: unknown) => error,
  );

describe("ticket client: readDigestBody", () => {
  it("hands over a page's bytes as they arrived, in a buffer of their own, with status and type", async () => {
    const server = await startApi(() => json(SAMPLE_TEXT));
    const body = await client().readDigestBody(query);
    expect(decodeBody(body.chunks)).toBe(SAMPLE_TEXT);
    for (const chunk of body.chunks) {
      expect(chunk.byteOffset).toBe(0);
      expect(chunk.buffer.byteLength).toBe(chunk.byteLength);
    }
    expect(body).toMatchObject({ status: 200, contentType: "application/json" });
    expect(server.requests[0]?.url).toBe("/api/ticket?page=1&per_page=10&state_id=2");
    // Read on another thread, they are the page listDigestRows parses here.
    expect(readPageBody(body, digestPageSchema, TOKEN)).toEqual(
      await client().listDigestRows(query),
    );
  });

  it("retries a maintenance page served as a 200, and hands over the page that follows", async () => {
    let calls = 0;
    const server = await startApi(() =>
      calls++ === 0
        ? { status: 200, headers: { "content-type": "text/html" }, body: "<h1>Back soon</h1>" }
        : json(SAMPLE_TEXT),
    );
    const body = await client().readDigestBody(query);
    expect(decodeBody(body.chunks)).toBe(SAMPLE_TEXT);
    expect(server.requests).toHaveLength(2);
  });

  it("judges a maintenance page that stays, as the client always has: not JSON, transient", async () => {
    await startApi(() => ({ status: 200, body: "   " }));
    const error = await failure(client({ retries: 1 }).readDigestBody(query));
    expect(error).toBeInstanceOf(TicketApiNotJsonError);
    expect(error).toMatchObject({ transient: true });
  });

  it("judges failure statuses itself and hands over nothing: a 401 with the provider's words, a 500 retried", async () => {
    await startApi(() => json(ERROR_401_TEXT, 401));
    const refused = await failure(client().readDigestBody(query));
    expect(refused).toBeInstanceOf(TicketApiAuthError);
    expect(refused).toMatchObject({ providerMessage: "اطلاعات وارد شده صحیح نمی باشد" });
    await api?.close();

    const server = await startApi(() => json("{}", 500));
    expect(await failure(client({ retries: 2 }).readDigestBody(query))).toBeInstanceOf(
      TicketApiServerError,
    );
    expect(server.requests).toHaveLength(3);
  });

  it("hands over JSON that is no object, which the reader refuses as the wrong shape", async () => {
    await startApi(() => json("[]"));
    const body = await client().readDigestBody(query);
    expect(() => readPageBody(body, digestPageSchema, TOKEN)).toThrow(TicketApiShapeError);
  });

  it("counts the bytes while reading, and stops past the limit, closing the connection", async () => {
    const panel = await startRaw((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      const timer = setInterval(() => res.write(" ".repeat(500)), 5);
      res.on("close", () => clearInterval(timer));
    });
    const limited = client({
      baseUrl: panel.url,
      responseLimit: { baseBytes: 3000, perRowBytes: 100 },
    });
    const error = await failure(limited.readDigestBody(query));
    expect(error).toMatchObject({ name: "TicketApiTooLargeError", limitBytes: 4000 });
    expect(error).toBeInstanceOf(TicketApiTooLargeError);
    await panel.sockets[0]?.closed;
  });

  it("ends a body that trickles at the deadline, closing its connection", async () => {
    const panel = await startRaw((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      const timer = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(timer));
    });
    const error = await failure(
      client({ baseUrl: panel.url, timeoutMs: 300 }).readDigestBody(query),
    );
    expect(error).toBeInstanceOf(TicketApiTimeoutError);
    await panel.sockets[0]?.closed;
  });

  it("stops when the digest gives up, closing the connection", async () => {
    const panel = await startRaw((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
    });
    const controller = new AbortController();
    const pending = client({ baseUrl: panel.url }).readDigestBody(query, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("shutting down")), 50);
    expect(await failure(pending)).toEqual(new Error("shutting down"));
    await panel.sockets[0]?.closed;
  });

  it("follows no redirect off the panel's origin", async () => {
    await startApi(() => ({
      status: 302,
      headers: { location: "http://example.com/x" },
      body: "",
    }));
    expect(await failure(client().readDigestBody(query))).toBeInstanceOf(TicketApiRedirectError);
  });

  it.each([
    ["as the socket read it", undefined],
    ["gzipped", "gzip"],
  ] as const)(
    "hands over a page %s in chunks that can be taken away: the connection's next answers stay whole",
    async (_how, coding) => {
      // Big enough to arrive in many reads; every answer differs, so a stolen buffer would show.
      const pageText = (n: number) =>
        JSON.stringify({ data: [], meta: { n, pad: "x".repeat(300_000 + n) } });
      let served = 0;
      const panel = await startRaw((_req, res) => {
        const text = pageText(served++);
        if (coding === undefined) {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(text);
        } else {
          res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
          res.end(gzipSync(text));
        }
      });
      const reader = client({
        baseUrl: panel.url,
        responseLimit: { baseBytes: 1_000_000, perRowBytes: 0 },
      });
      const channel = new MessageChannel();
      try {
        for (let n = 0; n < 3; n++) {
          const { chunks } = await reader.readDigestBody(query);
          expect(chunks.length).toBeGreaterThan(1);
          const buffers = chunks.map((chunk) => chunk.buffer as ArrayBuffer);
          expect(new Set(buffers).size).toBe(chunks.length);
          const arrived = once(channel.port2, "message");
          channel.port1.postMessage(chunks, buffers);
          // Taken away from this thread, whole on the other side.
          expect(chunks.every((chunk) => chunk.byteLength === 0)).toBe(true);
          const [moved] = (await arrived) as [Uint8Array[]];
          expect(decodeBody(moved)).toBe(pageText(n));
        }
        // One connection served them all: the buffers given away were no one else's.
        expect(panel.sockets).toHaveLength(1);
      } finally {
        channel.port1.close();
      }
    },
  );
});
