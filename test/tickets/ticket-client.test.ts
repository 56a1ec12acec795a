import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/logger";
import { startDeadline } from "../../src/retry/deadline";
import { type ApiTicket, makeTicket } from "../../src/sample-api/generate-tickets";
import {
  type InterceptResult,
  type RecordedRequest,
  type SampleApi,
  startSampleApi,
} from "../../src/sample-api/sample-api-server";
import {
  TicketApiAuthError,
  TicketApiError,
  TicketApiNotJsonError,
  TicketApiRateLimitError,
  TicketApiRedirectError,
  TicketApiRejectedError,
  TicketApiServerError,
  TicketApiShapeError,
  TicketApiTimeoutError,
  TicketApiTooLargeError,
  TicketApiUnreachableError,
} from "../../src/tickets/errors";
import { createTicketClient, type TicketClientOptions } from "../../src/tickets/ticket-client";
import type { TicketQuery } from "../../src/tickets/ticket-query";
import { fixturePath } from "../support/fixtures";

const TOKEN = "panel-token-s3cret-value";
const NOW = new Date("2025-01-01T10:00:00.000Z");
const clock = { now: () => NOW };

const sharedText = (name: string) => readFileSync(fixturePath(`ticket-api/${name}`), "utf8");
const SAMPLE_TEXT = sharedText("list-tickets.sample.json");
const ERROR_401_TEXT = sharedText("error-401.sample.json");
const SAMPLE = JSON.parse(SAMPLE_TEXT) as { data: ApiTicket[]; meta: Record<string, unknown> };

const query = (filter: TicketQuery["filter"] = {}, page = 1, perPage = 10): TicketQuery => ({
  filter,
  page,
  perPage,
});

let api: SampleApi | undefined;
let raw: Server | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
  raw?.closeAllConnections();
  await new Promise<void>((done) => (raw ? raw.close(() => done()) : done()));
  raw = undefined;
});

/** A panel written by hand, for what the sample API cannot send (gzip, endless bodies). */
const startRaw = async (listener: RequestListener) => {
  const sockets: { closed: Promise<unknown> }[] = [];
  raw = createServer(listener);
  raw.on("connection", (socket: Socket) => sockets.push({ closed: once(socket, "close") }));
  await new Promise<void>((done) => raw?.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`, sockets };
};

type Intercept = (req: RecordedRequest) => InterceptResult | undefined;

const startApi = async (intercept?: Intercept, tickets: ApiTicket[] = SAMPLE.data) => {
  api = await startSampleApi({ tickets, token: TOKEN, intercept });
  return api;
};

/** Scripts the first answers in turn, then lets the contract answer. */
const sequence =
  (...scripts: InterceptResult[]): Intercept =>
  () =>
    scripts.shift();

const always =
  (script: InterceptResult): Intercept =>
  () =>
    script;

const json = (body: string | object, status = 200): InterceptResult => ({
  status,
  headers: { "content-type": "application/json" },
  body,
});

const html = (status: number): InterceptResult => ({
  status,
  headers: { "content-type": "text/html; charset=utf-8" },
  body: `<html><head><title>${status}</title></head><body><h1>${status} Bad Gateway</h1><hr>nginx</body></html>`,
});

const captureLogs = () => {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: "debug", write: (l) => lines.push(l) }) };
};

/** The waits the client announced before each retry, in its log. */
const waitsIn = (lines: readonly string[]) =>
  lines.flatMap((l) => {
    const m = /retrying in (\d+) ms/.exec(l);
    return m ? [Number(m[1])] : [];
  });

const client = (overrides: Partial<TicketClientOptions> = {}) =>
  createTicketClient({
    baseUrl: api?.url ?? "http://127.0.0.1:9",
    token: TOKEN,
    timeoutMs: 3000,
    clock,
    backoffMs: 5,
    ...overrides,
  });

const failure = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure, got a page");
};

describe("ticket client: success", () => {
  it("parses the provider's sample body, each row with what a list shows", async () => {
    await startApi(always(json(SAMPLE_TEXT)));
    const page = await client().listTickets(query());
    expect(page.data.map((t) => t.ticket_id)).toEqual([100001, 100002]);
    expect(page.data[1]).toEqual({
      ticket_id: 100002,
      state_id: 3,
      subject: "Sample ticket",
      importance: "acute",
      updated_at: new Date("2025-01-02T09:00:00.000Z"),
      admin_seen: true,
      interaction_count: 1,
      user: { uname: "sampleuser" },
      category: { name: "System Questions" },
      sub_category: { title: "Other Issues" },
    });
    expect(page.meta).toMatchObject({ current_page: 1, last_page: 15, per_page: 2, total: 30 });
  });

  it("asks for one ticket by its number and reads every field of it", async () => {
    const server = await startApi(always(json(SAMPLE_TEXT)));
    const page = await client().findTicket(100001);
    expect(page.data[0]).toMatchObject({
      ticket_id: 100001,
      subject: "Sample ticket with file",
      created_at: new Date("2025-01-01T10:00:00.000Z"),
      sub_category: { title: "System Errors" },
      forward: { seen: true },
    });
    expect(page.data[0]?.desc).toEqual(expect.any(String));
    const asked = server.requests[0]?.query;
    expect(Object.fromEntries(asked ?? [])).toEqual({
      ticket_id: "100001",
      page: "1",
      per_page: "1",
    });
  });

  it("reads only what a digest needs when asked for digest rows", async () => {
    const server = await startApi(always(json(SAMPLE_TEXT)));
    const page = await client().listDigestRows(query({ stateId: 2 }));
    expect(page.data[1]).toEqual({
      ticket_id: 100002,
      state_id: 3,
      subject: "Sample ticket",
      importance: "acute",
      updated_at: new Date("2025-01-02T09:00:00.000Z"),
      admin_seen: true,
      category_id: 11,
      user: { uname: "sampleuser" },
      category: { name: "System Questions" },
      sub_category: { title: "Other Issues" },
    });
    expect(server.requests[0]?.query.get("state_id")).toBe("2");
  });

  it("returns a page whose current_page differs from the one asked for", async () => {
    await startApi(always(json(SAMPLE_TEXT)));
    const page = await client().listTickets(query({}, 7));
    expect(page.meta.current_page).toBe(1);
  });

  it("parses tickets whose nested objects are all null", async () => {
    const data = SAMPLE.data.map((t) => ({
      ...t,
      user: null,
      category: null,
      sub_category: null,
      state: null,
      forward: null,
    }));
    await startApi(always(json({ ...SAMPLE, data })));
    const page = await client().findTicket(100001);
    expect(page.data[0]).toMatchObject({ user: null, category: null, forward: null });
  });

  it("works against the contract-following sample API", async () => {
    await startApi(undefined, [makeTicket({ ticket_id: 5, state_id: 2 })]);
    const page = await client().listTickets(query({ stateId: 2 }));
    expect(page.data.map((t) => t.ticket_id)).toEqual([5]);
    expect(page.meta).toMatchObject({ total: 1, from: 1, to: 1, last_page: 1 });
  });

  it("uses the injected fetch", async () => {
    await startApi();
    const seen: string[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    await client({ fetch: spy }).listTickets(query());
    expect(seen).toEqual([`${api?.url}/api/ticket?page=1&per_page=10`]);
  });
});

describe("ticket client: the request", () => {
  it("leaves absent filters out and sends the token verbatim", async () => {
    const server = await startApi();
    await client().listTickets(query());
    const [req] = server.requests;
    expect(req?.method).toBe("GET");
    expect(req?.url).toBe("/api/ticket?page=1&per_page=10");
    expect(req?.headers.authorization).toBe(TOKEN);
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.headers.accept).toBe("application/json");
    // Firewalls in front of panels refuse requests without one.
    expect(req?.headers["user-agent"]).toBe("slack-ticket-queue");
  });

  it("sends every filter that is wanted", async () => {
    const server = await startApi();
    await client().listTickets(
      query(
        { stateId: 2, username: "ali rezaei", ticketId: 5, categoryId: 10, subCategoryId: 20 },
        2,
        20,
      ),
    );
    expect(server.requests[0]?.url).toBe(
      "/api/ticket?page=2&per_page=20&state_id=2&username=ali+rezaei&ticket_id=5&category_id=10&sub_category_id=20",
    );
  });

  it.each(["/panel", "/panel/"])("keeps a base URL's path prefix (%s)", async (suffix) => {
    const server = await startApi((req) =>
      req.path === "/panel/api/ticket" ? json(SAMPLE_TEXT) : undefined,
    );
    const page = await client({ baseUrl: `${server.url}${suffix}` }).listTickets(query());
    expect(page.data).toHaveLength(2);
    expect(server.requests[0]?.url).toBe("/panel/api/ticket?page=1&per_page=10");
  });

  it("accepts a base URL with a trailing slash", async () => {
    const server = await startApi();
    await client({ baseUrl: `${server.url}/` }).listTickets(query());
    expect(server.requests[0]?.path).toBe("/api/ticket");
  });

  it("logs the path and query at debug, never the token", async () => {
    await startApi(sequence(html(503)));
    const { lines, logger } = captureLogs();
    await client({ logger }).listTickets(query({ stateId: 2 }));
    expect(
      lines.some(
        (l) => l.includes("DEBUG") && l.includes("/api/ticket?page=1&per_page=10&state_id=2"),
      ),
    ).toBe(true);
    expect(
      lines.some((l) => l.includes("WARN") && l.includes("503") && l.includes("retrying")),
    ).toBe(true);
    expect(lines.join("\n")).not.toContain(TOKEN);
  });

  it("refuses a malformed base URL or token at construction, without echoing the token", () => {
    expect(() => client({ baseUrl: "panel.example.com" })).toThrow(/baseUrl/);
    expect(() => client({ baseUrl: "ftp://panel.example.com" })).toThrow(/http/);
    for (const bad of [`${TOKEN}\r\nX-Evil: 1`, ` ${TOKEN}`, `${TOKEN}پ`, ""]) {
      expect(() => client({ token: bad })).toThrow(/token/);
      try {
        client({ token: bad });
      } catch (error) {
        expect(String(error)).not.toContain(TOKEN);
      }
    }
    expect(() => client({ timeoutMs: 0 })).toThrow(RangeError);
  });
});

describe("ticket client: refusals", () => {
  it("turns the provider's 401 into an auth error quoting its message", async () => {
    const server = await startApi(always(json(ERROR_401_TEXT, 401)));
    const error = await failure(client().listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiAuthError);
    expect(error).toMatchObject({ status: 401, providerMessage: "اطلاعات وارد شده صحیح نمی باشد" });
    expect(server.requests).toHaveLength(1);
  });

  it("gets the same 401 from the sample API for a wrong token", async () => {
    await startApi();
    const error = await failure(client({ token: "wrong-token" }).listTickets(query()));
    expect(error).toMatchObject({ status: 401, providerMessage: "اطلاعات وارد شده صحیح نمی باشد" });
  });

  it("treats 403 as an auth error, even with an HTML body", async () => {
    await startApi(always(html(403)));
    const error = await failure(client().listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiAuthError);
    expect(error).toMatchObject({ status: 403, providerMessage: undefined });
  });

  it("rejects on a JSON 404", async () => {
    const server = await startApi();
    const error = await failure(client({ baseUrl: `${server.url}/wrong` }).listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiRejectedError);
    expect(error).toMatchObject({ status: 404, providerMessage: "Not Found" });
    expect(server.requests).toHaveLength(1);
  });

  it("reports an HTML 404 (a proxy's) as not JSON", async () => {
    await startApi(always({ ...html(404), body: "<html>404 Not Found</html>" }));
    const error = await failure(client().listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiNotJsonError);
    expect(error).toMatchObject({ status: 404, bodyStart: "<html>404 Not Found</html>" });
  });

  it("passes a 422's message and errors on", async () => {
    await startApi();
    const error = await failure(client().listTickets(query({}, 1, 5000)));
    expect(error).toBeInstanceOf(TicketApiRejectedError);
    expect(error).toMatchObject({
      status: 422,
      providerMessage: expect.stringContaining("per page"),
      details: { per_page: [expect.stringContaining("1000")] },
    });
  });

  it("rejects a 200 carrying meta.status false", async () => {
    const body = {
      data: null,
      meta: {
        status: false,
        message: "دسترسی ندارید",
        message_code: "403-2",
        errors: { x: ["y"] },
      },
    };
    await startApi(always(json(body)));
    const error = await failure(client().listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiRejectedError);
    expect(error).toMatchObject({
      status: 200,
      providerMessage: "دسترسی ندارید",
      details: { x: ["y"] },
    });
  });
});

describe("ticket client: bodies that are not the contract", () => {
  it("reports an HTML 200 as not JSON, with the start of the body", async () => {
    const page = `<!DOCTYPE html><html><body>${"maintenance ".repeat(40)}</body></html>`;
    await startApi(always({ status: 200, headers: { "content-type": "text/html" }, body: page }));
    const error = await failure(client().listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiNotJsonError);
    expect(error).toMatchObject({ status: 200, contentType: "text/html" });
    expect((error as TicketApiNotJsonError).bodyStart).toBe(page.slice(0, 200));
  });

  it("reports an empty 200 as not JSON", async () => {
    await startApi(always({ status: 200, body: "" }));
    expect(await failure(client().listTickets(query()))).toBeInstanceOf(TicketApiNotJsonError);
  });

  it("leaves out rows that are not tickets, logging why with their ids, never the token", async () => {
    const broken = {
      ...SAMPLE,
      data: [{ ...SAMPLE.data[0], subject: 42, updated_at: TOKEN }, { nope: true }, SAMPLE.data[1]],
    };
    await startApi(always(json(broken)));
    const { lines, logger } = captureLogs();
    const page = await client({ logger }).listTickets(query());
    expect(page.data.map((t) => t.ticket_id)).toEqual([100002]);
    expect(page.unreadable.map((r) => [r.index, r.id])).toEqual([
      [0, 100001],
      [1, undefined],
    ]);
    const warning = lines.find((l) => l.includes("could not be read")) ?? "";
    expect(warning).toContain("2 of 3 rows");
    expect(warning).toContain("#100001: subject");
    expect(warning).toContain("updated_at: not a timestamp");
    expect(warning).toContain("row 2 (no ticket_id)");
    expect(lines.join("\n")).not.toContain(TOKEN);
  });

  it("keeps the log of many unreadable rows short", async () => {
    const data = Array.from({ length: 100 }, (_, i) => ({ ticket_id: i + 1, subject: null }));
    await startApi(always(json({ data, meta: SAMPLE.meta })));
    const { lines, logger } = captureLogs();
    const page = await client({ logger }).listTickets(query());
    expect(page.data).toEqual([]);
    expect(page.unreadable).toHaveLength(100);
    const warning = lines.find((l) => l.includes("could not be read")) ?? "";
    expect(warning).toContain("100 of 100 rows");
    expect(warning).toContain("and 92 more");
    expect(warning.length).toBeLessThan(3000);
  });

  it("keeps the good rows of a page with a few bad ones among 300", async () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      makeTicket({ id: i + 1, ticket_id: 100001 + i, state_id: 2 }),
    ) as unknown as Record<string, unknown>[];
    rows[17] = { ...rows[17], updated_at: null };
    rows[40] = { ...rows[40], ticket_id: "100041" };
    rows[99] = { ...rows[99], created_at: "01/02/2025 10:00" };
    await startApi(always(json({ data: rows, meta: { ...SAMPLE.meta, total: 300 } })));
    const page = await client().listDigestRows(query({}, 1, 300));
    expect(page.data).toHaveLength(298);
    expect(page.unreadable.map((r) => r.id)).toEqual([100018, "100041"]);
    // A list reads what its rows show, as a digest does: a bad created_at is no reason to drop one.
    const list = await client().listTickets(query({}, 1, 300));
    expect(list.data).toHaveLength(298);
    expect(list.unreadable.map((r) => r.id)).toEqual([100018, "100041"]);
    // A ticket's details read every field (this panel answers the whole page to any filter).
    const full = await client().findTicket(100100);
    expect(full.data).toHaveLength(297);
    expect(full.unreadable.map((r) => r.id)).toEqual([100018, "100041", 100100]);
  });

  it("still fails as a whole when the envelope is wrong, with paths, never the token", async () => {
    for (const body of [
      { data: { items: [] }, meta: SAMPLE.meta },
      { data: [], meta: { ...SAMPLE.meta, current_page: TOKEN } },
      { data: SAMPLE.data },
    ]) {
      await startApi(always(json(body)));
      const error = await failure(client().listTickets(query()));
      expect(error).toBeInstanceOf(TicketApiShapeError);
      const { issues, message } = error as TicketApiShapeError;
      expect(issues).toMatch(/data|meta/);
      expect(issues.length).toBeLessThanOrEqual(500);
      expect(message).not.toContain(TOKEN);
      await api?.close();
      api = undefined;
    }
  });
});

describe("ticket client: server errors and retries", () => {
  // A 500 is retried like any passing fault (it was final before the one retry policy).
  it("retries a 500, then gives up with a server error", async () => {
    const server = await startApi(always(json({ message: "Server Error" }, 500)));
    const error = await failure(client().listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiServerError);
    expect(error).toMatchObject({ status: 500, transient: true });
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry a 501, which will never be served", async () => {
    const server = await startApi(always(json({ message: "Not Implemented" }, 501)));
    const error = await failure(client().listTickets(query()));
    expect(error).toMatchObject({ name: "TicketApiServerError", status: 501, transient: false });
    expect(server.requests).toHaveLength(1);
  });

  it("retries a 502 HTML page, then gives up with a server error", async () => {
    const server = await startApi(always(html(502)));
    const error = await failure(client().listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiServerError);
    expect(error).toMatchObject({ status: 502 });
    expect(server.requests).toHaveLength(3);
  });

  it("recovers from a 503 followed by a 200", async () => {
    const server = await startApi(sequence(html(503)));
    const page = await client().listTickets(query());
    expect(page.data).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it("doubles the backoff on each retry", async () => {
    const { lines, logger } = captureLogs();
    await startApi(sequence(html(504), html(502)));
    await client({ backoffMs: 40, logger }).listTickets(query());
    expect(waitsIn(lines)).toEqual([40, 80]);
  });

  it("honours retries: 0", async () => {
    const server = await startApi(always(html(503)));
    expect(await failure(client({ retries: 0 }).listTickets(query()))).toBeInstanceOf(
      TicketApiServerError,
    );
    expect(server.requests).toHaveLength(1);
  });

  it("stops retrying when the backoff would not fit before the deadline", async () => {
    const server = await startApi(always(html(503)));
    const error = await failure(client({ backoffMs: 10_000, timeoutMs: 500 }).listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiServerError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("ticket client: rate limits", () => {
  it("waits a short Retry-After (seconds), then succeeds", async () => {
    const { lines, logger } = captureLogs();
    const seen: number[] = [];
    const answers = sequence({ ...json({}, 429), headers: { "retry-after": "1" } });
    const server = await startApi((req) => {
      seen.push(performance.now());
      return answers(req);
    });
    const page = await client({ logger }).listTickets(query());
    expect(page.data).toHaveLength(2);
    expect(waitsIn(lines)).toEqual([1000]);
    expect(server.requests).toHaveLength(2);
    // The retry honoured Retry-After rather than the much shorter backoff.
    expect((seen[1] ?? 0) - (seen[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("reads an HTTP-date Retry-After against the injected clock", async () => {
    const { lines, logger } = captureLogs();
    await startApi(
      sequence({
        status: 429,
        headers: { "retry-after": "Wed, 01 Jan 2025 10:00:02 GMT" },
        body: "",
      }),
    );
    const nearly = { now: () => new Date("2025-01-01T10:00:01.700Z") };
    await client({ logger, clock: nearly }).listTickets(query());
    expect(waitsIn(lines)).toEqual([300]);
  });

  it("fails at once when Retry-After is beyond the deadline, saying when to retry", async () => {
    const { lines, logger } = captureLogs();
    const server = await startApi(always({ ...json({}, 429), headers: { "retry-after": "120" } }));
    const error = await failure(client({ timeoutMs: 1000, logger }).listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiRateLimitError);
    expect((error as TicketApiRateLimitError).retryAt).toEqual(
      new Date("2025-01-01T10:02:00.000Z"),
    );
    expect(server.requests).toHaveLength(1);
    expect(waitsIn(lines)).toEqual([]);
  });

  it("uses the backoff for a 429 without Retry-After, and gives up with a rate-limit error", async () => {
    const { lines, logger } = captureLogs();
    const server = await startApi(always({ status: 429, body: "Too Many Requests" }));
    const error = await failure(client({ backoffMs: 30, logger }).listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiRateLimitError);
    expect(waitsIn(lines)).toEqual([30, 60]);
    expect(server.requests).toHaveLength(3);
    // The next wait the backoff would have taken, from the injected clock.
    expect((error as TicketApiRateLimitError).retryAt).toEqual(new Date(NOW.getTime() + 120));
  });
});

describe("ticket client: network failures and the deadline", () => {
  const deadPort = async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  };

  it("reports a refused connection as unreachable, after retrying", async () => {
    const port = await deadPort();
    const { lines, logger } = captureLogs();
    const error = await failure(
      client({ baseUrl: `http://127.0.0.1:${port}`, logger }).listTickets(query()),
    );
    expect(error).toBeInstanceOf(TicketApiUnreachableError);
    expect((error as TicketApiUnreachableError).reason).toBe("ECONNREFUSED");
    expect(lines.filter((l) => l.includes("WARN"))).toHaveLength(2);
  });

  it("survives a connection reset mid-body", async () => {
    const server = await startApi(always({ ...json(SAMPLE_TEXT), destroyAfterBytes: 40 }));
    const error = await failure(client().listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiError);
    expect(error).toBeInstanceOf(TicketApiUnreachableError);
    expect(server.requests).toHaveLength(3);
  });

  it("recovers when only the first answer is cut off", async () => {
    const server = await startApi(sequence({ destroyAfterBytes: 10 }));
    const page = await client().listTickets(query());
    expect(page.data).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it("times out on a body that never finishes", async () => {
    const server = await startApi(always({ ...json(SAMPLE_TEXT), stallAfterBytes: 50 }));
    const error = await failure(client({ timeoutMs: 300 }).listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 300 });
    expect(server.requests).toHaveLength(1);
  });

  it("times out on a body that never finishes through an injected fetch too", async () => {
    const server = await startApi(always({ ...json(SAMPLE_TEXT), stallAfterBytes: 50 }));
    const error = await failure(client({ timeoutMs: 300, fetch }).listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it("times out on a server that never answers", async () => {
    const server = await startApi(always({ hang: true }));
    const error = await failure(client({ timeoutMs: 200 }).listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it("stops at the deadline it is given, when the caller already spent some of it", async () => {
    const server = await startApi(always({ hang: true }));
    const deadline = startDeadline({
      ms: 60_000,
      startedAt: performance.now() - 59_850,
      expired: () => new TicketApiTimeoutError(60_000),
    });
    const error = await failure(client({ timeoutMs: 60_000 }).listTickets(query(), { deadline }));
    // Reported against the whole deadline, which is what the user was promised.
    expect(error).toMatchObject({ name: "TicketApiTimeoutError", timeoutMs: 60_000 });
    expect(server.requests).toHaveLength(1);
  });

  it("counts backoff waits against the same deadline", async () => {
    // Slow 503s: the backoff fits, but the second answer cannot come before the deadline.
    const server = await startApi(always({ ...html(503), delayMs: 200 }));
    const error = await failure(client({ timeoutMs: 400, backoffMs: 10 }).listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiTimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it("honours the caller's signal", async () => {
    await startApi(always({ hang: true }));
    const controller = new AbortController();
    const pending = client().listTickets(query(), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user went away")), 50);
    const error = await failure(pending);
    expect(error).toEqual(new Error("user went away"));
  });

  it("ends a wait between attempts as soon as the caller's signal aborts", async () => {
    const server = await startApi(always(html(503)));
    const controller = new AbortController();
    const started = performance.now();
    const pending = client({ backoffMs: 4000, timeoutMs: 20_000 }).listTickets(query(), {
      signal: controller.signal,
    });
    // Abort once the first answer has come and the client waits out its 4 s backoff.
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    setTimeout(() => controller.abort(new Error("user went away")), 50);
    const error = await failure(pending);
    expect(error).toEqual(new Error("user went away"));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(server.requests).toHaveLength(1);
  });

  it("rejects at once for a signal that is already aborted", async () => {
    const server = await startApi();
    const error = await failure(client().listTickets(query(), { signal: AbortSignal.abort() }));
    expect((error as Error).name).toBe("AbortError");
    expect(server.requests).toHaveLength(0);
  });
});

describe("ticket client: answers too large to be a page", () => {
  // 3,000 bytes and 100 a row: a 10-row page may be 4,000 bytes, one ticket 3,100. The
  // provider's sample page is 2,833 bytes.
  const small = { responseLimit: { baseBytes: 3000, perRowBytes: 100 } };
  const padded = (bytes: number) => {
    const text = JSON.stringify({ ...SAMPLE, pad: "" });
    return JSON.stringify({ ...SAMPLE, pad: "x".repeat(bytes - Buffer.byteLength(text)) });
  };
  const withLength = (body: string): InterceptResult => ({
    ...json(body),
    headers: { "content-type": "application/json", "content-length": String(body.length) },
  });

  it("refuses one whose Content-Length is over the limit, without retrying", async () => {
    const server = await startApi(always(withLength(padded(5000))));
    const error = await failure(client(small).listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiTooLargeError);
    expect(error).toMatchObject({ limitBytes: 4000, declaredBytes: 5000, transient: false });
    expect(server.requests).toHaveLength(1);
  });

  it("gives a page more room the more rows it asks for", async () => {
    await startApi(always(json(padded(3500))));
    const page = await client(small).listTickets(query());
    expect(page.data).toHaveLength(2);
    const oneRow = await failure(client(small).listTickets(query({}, 1, 1)));
    expect(oneRow).toMatchObject({ name: "TicketApiTooLargeError", limitBytes: 3100 });
  });

  it("stops reading a body without Content-Length once past the limit", async () => {
    const panel = await startRaw((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" ".repeat(500)), 5);
      res.on("close", () => clearInterval(timer));
    });
    const error = await failure(client({ ...small, baseUrl: panel.url }).listTickets(query()));
    expect(error).toMatchObject({ name: "TicketApiTooLargeError", declaredBytes: undefined });
    // Refused means let go of: the connection is closed, not left to stream.
    await panel.sockets[0]?.closed;
  });

  it("counts the bytes after decompression", async () => {
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, " "));
    expect(bomb.length).toBeLessThan(4000);
    const panel = await startRaw((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(bomb);
    });
    const error = await failure(client({ ...small, baseUrl: panel.url }).listTickets(query()));
    expect(error).toMatchObject({ name: "TicketApiTooLargeError", limitBytes: 4000 });
  });
});

describe("ticket client: compressed answers", () => {
  it("asks for gzip, deflate or br, and reads a page however it came encoded", async () => {
    const encodings: Record<string, (b: Buffer) => Buffer> = {
      gzip: (b) => gzipSync(b),
      deflate: (b) => deflateSync(b),
      br: (b) => brotliCompressSync(b),
      "gzip, br": (b) => brotliCompressSync(gzipSync(b)),
    };
    const asked: (string | undefined)[] = [];
    for (const [encoding, encode] of Object.entries(encodings)) {
      const panel = await startRaw((req, res) => {
        asked.push(req.headers["accept-encoding"]);
        res.writeHead(200, { "content-type": "application/json", "content-encoding": encoding });
        res.end(encode(Buffer.from(SAMPLE_TEXT)));
      });
      const page = await client({ baseUrl: panel.url }).listTickets(query());
      expect(
        page.data.map((t) => t.ticket_id),
        encoding,
      ).toEqual(SAMPLE.data.map((t) => t.ticket_id));
      await new Promise<void>((done) => raw?.close(() => done()));
      raw = undefined;
    }
    expect(new Set(asked)).toEqual(new Set(["gzip, deflate, br"]));
  });

  it("reads a coding it does not know as the bytes that came, and says what they were", async () => {
    const panel = await startRaw((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "zz-unknown" });
      res.end(gzipSync(Buffer.from(SAMPLE_TEXT)));
    });
    const error = await failure(client({ baseUrl: panel.url }).listTickets(query()));
    expect((error as Error).name).toBe("TicketApiNotJsonError");
  });

  it("refuses more codings than fetch would read", async () => {
    const panel = await startRaw((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip, gzip, gzip, gzip, gzip, gzip",
      });
      let body = Buffer.from(SAMPLE_TEXT);
      for (let i = 0; i < 6; i++) body = gzipSync(body);
      res.end(body);
    });
    const error = await failure(client({ baseUrl: panel.url, retries: 0 }).listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiUnreachableError);
    expect((error as Error).message).toContain("6 content codings");
  });

  it("reads what fetch reads: gzip without its trailer, raw deflate sent as deflate", async () => {
    const bodies: Record<string, Buffer> = {
      gzip: gzipSync(Buffer.from(SAMPLE_TEXT)).subarray(0, -8),
      deflate: deflateRawSync(Buffer.from(SAMPLE_TEXT)),
    };
    for (const [encoding, body] of Object.entries(bodies)) {
      const panel = await startRaw((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": encoding });
        res.end(body);
      });
      const page = await client({ baseUrl: panel.url }).listTickets(query());
      expect(page.data.length, encoding).toBe(SAMPLE.data.length);
      await new Promise<void>((done) => raw?.close(() => done()));
      raw = undefined;
    }
  });

  it("judges an empty answer by its status, whatever coding it names", async () => {
    const panel = await startRaw((_req, res) => {
      res.writeHead(503, { "content-encoding": "gzip", "content-length": "0" });
      res.end();
    });
    const error = await failure(client({ baseUrl: panel.url, retries: 0 }).listTickets(query()));
    expect(error).toMatchObject({ name: "TicketApiServerError", status: 503 });
  });
});

describe("ticket client: redirects", () => {
  const redirect = (status: number, location?: string): InterceptResult => ({
    status,
    headers: location === undefined ? {} : { location },
    body: "moved",
  });

  it("does not follow one to another origin, and names where it pointed", async () => {
    const elsewhere = await startRaw((_req, res) => res.end(SAMPLE_TEXT));
    const server = await startApi(always(redirect(302, `${elsewhere.url}/api/ticket?page=1`)));
    const error = await failure(client().listTickets(query()));
    expect(error).toBeInstanceOf(TicketApiRedirectError);
    expect(error).toMatchObject({
      status: 302,
      location: `${elsewhere.url}/api/ticket?page=1`,
      reason: "other-origin",
      transient: false,
    });
    expect((error as Error).message).toContain("TICKET_API_URL");
    expect(elsewhere.sockets).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });

  it("counts the same host on another scheme or port as another origin", async () => {
    const server = await startApi(always(redirect(301, "https://127.0.0.1/api/ticket")));
    const error = await failure(client().listTickets(query()));
    expect(error).toMatchObject({ name: "TicketApiRedirectError", reason: "other-origin" });
    expect(server.requests).toHaveLength(1);
  });

  it("follows one within the panel's origin, and tells the operator to update the address", async () => {
    const { lines, logger } = captureLogs();
    const server = await startApi((req) =>
      req.path === "/api/ticket" ? redirect(308, `/v2/api/ticket?${req.query}`) : json(SAMPLE_TEXT),
    );
    const page = await client({ logger }).listTickets(query({ stateId: 2 }));
    expect(page.data).toHaveLength(2);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/api/ticket?page=1&per_page=10&state_id=2",
      "/v2/api/ticket?page=1&per_page=10&state_id=2",
    ]);
    // The token went only where the operator sent it: the same origin.
    expect(server.requests[1]?.headers.authorization).toBe(TOKEN);
    expect(lines.some((l) => l.includes("WARN") && l.includes("/v2/api/ticket"))).toBe(true);
  });

  it("gives up on a loop within the origin after a few hops", async () => {
    const server = await startApi(always(redirect(302, "/api/ticket")));
    const error = await failure(client().listTickets(query()));
    expect(error).toMatchObject({ name: "TicketApiRedirectError", reason: "too-many" });
    expect(server.requests).toHaveLength(4);
  });

  it("reports a redirect without a Location", async () => {
    await startApi(always(redirect(302)));
    const error = await failure(client().listTickets(query()));
    expect(error).toMatchObject({ name: "TicketApiRedirectError", reason: "no-location" });
  });
});

describe("ticket client: a deadline ends the connection too", () => {
  const trickle: RequestListener = (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write("{");
    const timer = setInterval(() => res.write(" "), 50);
    res.on("close", () => clearInterval(timer));
  };

  it("closes a trickling answer's connection when the deadline ends it", async () => {
    const panel = await startRaw(trickle);
    const error = await failure(
      client({ baseUrl: panel.url, timeoutMs: 300 }).listTickets(query()),
    );
    expect(error).toBeInstanceOf(TicketApiTimeoutError);
    // The one that carried the request (the pool may open a spare after it).
    await panel.sockets[0]?.closed;
  });

  it("closes it when the caller gives up", async () => {
    const panel = await startRaw(trickle);
    const controller = new AbortController();
    const pending = client({ baseUrl: panel.url }).listTickets(query(), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("digest cancelled")), 100);
    expect(await failure(pending)).toEqual(new Error("digest cancelled"));
    await panel.sockets[0]?.closed;
  });
});
