import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  API_MAX_PER_PAGE,
  DEFAULT_PER_PAGE,
  unauthorizedBody,
} from "../../src/sample-api/sample-api-server";
import { announce, argValue, exitWithRunner } from "../lib/child-protocol";
import { LOOPBACK, TICKET_TOKEN } from "../lib/settings";
import { createSyntheticTickets, type RowFilter } from "../lib/synthetic-tickets";

/**
 * The ticket API stand-in for benchmarks, in its own process so that serving pages does not
 * share an event loop with the bot being measured. It follows the same contract as
 * src/sample-api (same paths, token check, validation, pagination meta), but makes its rows on
 * demand (lib/synthetic-tickets) so 100,000 tickets cost no memory. The runner changes the
 * queue size and the simulated latency between phases through `POST /bench/config`.
 *
 * Bodies are encoded once, before the latency timer, and kept: a 1,000-row page is 1.1 million
 * characters, and encoding it costs about 11 ms of CPU on the cores the bot is measured on. With
 * `prime`, the config call encodes every page of a digest ahead of the run, so that answering a
 * page costs the stand-in nothing but the write.
 */

let total = Number(argValue("total", "1000"));
let latencyMs = Number(argValue("latency-ms", "0"));
const tickets = createSyntheticTickets(20_260_101, new Date());

/** Encoded answers, by total and query; the oldest go first past the byte limit. */
const bodies = new Map<string, Buffer>();
let cachedBytes = 0;
const MAX_CACHED_BYTES = 384 * 1024 * 1024;
const remember = (key: string, body: Buffer): Buffer => {
  bodies.set(key, body);
  cachedBytes += body.length;
  for (const [oldKey, old] of bodies) {
    if (cachedBytes <= MAX_CACHED_BYTES) break;
    bodies.delete(oldKey);
    cachedBytes -= old.length;
  }
  return body;
};

let requests = 0;
/** Answers encoded when asked for, since the last config: a primed digest should cause none. */
let encodedOnRequest = 0;
let inFlight = 0;
let maxInFlight = 0;

const INTEGER = /^-?\d+$/;
const INTEGER_FILTERS = [
  ["state_id", "stateId"],
  ["category_id", "categoryId"],
  ["sub_category_id", "subCategoryId"],
] as const;

const sendJson = (res: ServerResponse, status: number, body: string | Buffer) => {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  res.writeHead(status, { "content-type": "application/json", "content-length": bytes.length });
  res.end(bytes);
};

const refusal = (message: string, code: string, errors: Record<string, string[]> = {}) =>
  JSON.stringify({
    data: null,
    meta: { status: false, message, message_parameters: [], message_code: code, errors },
  });

/** A page of the answer, encoded: from the cache when the same page was asked for before. */
const pageBody = (
  filter: RowFilter,
  page: number,
  perPage: number,
  ticketId: string | undefined,
): Buffer => {
  const key = `${total}|${JSON.stringify(filter)}|${page}|${perPage}|${ticketId ?? ""}`;
  const cached = bodies.get(key);
  if (cached) return cached;
  encodedOnRequest += 1;
  const matching = ticketId === undefined ? total : 1;
  const from = Math.min((page - 1) * perPage, matching);
  const to = Math.min(from + perPage, matching);
  const data =
    ticketId === undefined
      ? tickets.rowsJson(filter, matching, from, to)
      : from < to
        ? tickets.rowJson(filter, Number(ticketId))
        : "[]";
  const meta = {
    current_page: page,
    from: to > from ? from + 1 : null,
    last_page: Math.max(1, Math.ceil(matching / perPage)),
    per_page: perPage,
    to: to > from ? to : null,
    total: matching,
    status: true,
    message: "Success",
    message_code: "200-1",
  };
  return remember(key, Buffer.from(`{"data":${data},"meta":${JSON.stringify(meta)}}`));
};

const listTickets = (query: URLSearchParams): { status: number; body: string | Buffer } => {
  const last = (name: string) => query.getAll(name).at(-1);
  const errors: Record<string, string[]> = {};
  const perPageText = last("per_page");
  const perPage = perPageText === undefined ? DEFAULT_PER_PAGE : Number(perPageText);
  if (
    perPageText !== undefined &&
    (!INTEGER.test(perPageText) || perPage < 1 || perPage > API_MAX_PER_PAGE)
  ) {
    errors.per_page = [`The per page field must be an integer from 1 to ${API_MAX_PER_PAGE}.`];
  }
  const filter: RowFilter = {};
  for (const [param, field] of INTEGER_FILTERS) {
    const value = last(param);
    if (value === undefined) continue;
    if (INTEGER.test(value)) filter[field] = Number(value);
    else errors[param] = [`The ${param.replaceAll("_", " ")} field must be an integer.`];
  }
  const username = last("username");
  if (username === "") errors.username = ["The username field must have a value."];
  else if (username !== undefined) filter.username = username;
  const ticketId = last("ticket_id");
  if (ticketId !== undefined && !INTEGER.test(ticketId)) {
    errors.ticket_id = ["The ticket id field must be an integer."];
  }
  if (Object.keys(errors).length > 0) {
    return { status: 422, body: refusal("The given data was invalid.", "422-1", errors) };
  }
  const pageText = last("page");
  const page =
    pageText !== undefined && /^\d+$/.test(pageText) && Number(pageText) >= 1
      ? Number(pageText)
      : 1;
  return { status: 200, body: pageBody(filter, page, perPage, ticketId) };
};

/** Encodes every page of `filter` at `perPage` now, so that a digest's pages are served as they are. */
const prime = (filter: RowFilter, perPage: number): number => {
  const pages = Math.max(1, Math.ceil(total / perPage));
  for (let page = 1; page <= pages; page++) pageBody(filter, page, perPage, undefined);
  return pages;
};

const readJson = (req: IncomingMessage): Promise<Record<string, unknown>> =>
  new Promise((done, fail) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      raw += c;
    });
    req.on("end", () => {
      try {
        done(raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
      } catch (error) {
        fail(error);
      }
    });
  });

const control = async (req: IncomingMessage, res: ServerResponse, path: string) => {
  if (path === "/bench/config" && req.method === "POST") {
    const body = await readJson(req);
    if (typeof body.total === "number") total = body.total;
    if (typeof body.latencyMs === "number") latencyMs = body.latencyMs;
    const primeWith = body.prime as { stateId?: unknown; perPage?: unknown } | undefined;
    const primed =
      typeof primeWith?.stateId === "number" && typeof primeWith.perPage === "number"
        ? prime({ stateId: primeWith.stateId }, primeWith.perPage)
        : 0;
    requests = 0;
    encodedOnRequest = 0;
    maxInFlight = inFlight;
    sendJson(res, 200, JSON.stringify({ total, latencyMs, primed, cachedBytes }));
    return;
  }
  if (path === "/bench/stats") {
    req.resume();
    sendJson(
      res,
      200,
      JSON.stringify({ requests, maxInFlight, encodedOnRequest, total, latencyMs }),
    );
    return;
  }
  req.resume();
  sendJson(res, 404, refusal("Not Found", "404-1"));
};

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://ticket-api.invalid");
  if (url.pathname.startsWith("/bench/")) {
    void control(req, res, url.pathname).catch(() => sendJson(res, 400, "{}"));
    return;
  }
  req.resume();
  requests += 1;
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  // The answer is ready before the latency starts: after it, only the write is left.
  const { status, body } =
    url.pathname !== "/api/ticket"
      ? { status: 404, body: refusal("Not Found", "404-1") }
      : req.method !== "GET"
        ? { status: 405, body: refusal("Method Not Allowed", "405-1") }
        : req.headers.authorization !== TICKET_TOKEN
          ? { status: 401, body: JSON.stringify(unauthorizedBody()) }
          : listTickets(url.searchParams);
  const answer = () => {
    inFlight -= 1;
    sendJson(res, status, body);
  };
  // Latency is per request, as from a panel that serves requests in parallel.
  if (latencyMs > 0) setTimeout(answer, latencyMs);
  else answer();
});

server.listen(0, LOOPBACK, () => {
  announce("READY", { port: (server.address() as AddressInfo).port });
});
exitWithRunner(async () => {
  server.closeAllConnections();
  server.close();
});
