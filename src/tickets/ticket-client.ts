import type { KyInstance } from "ky";
import type * as z from "zod";
import { type Clock, sleep, systemClock } from "../clock";
import type { Logger } from "../logger";
import { type Deadline, startDeadline } from "../retry/deadline";
import { checkRetryPolicy, type RetryPolicy, retryWait } from "../retry/retry-policy";
import { bodyLength } from "./body-chunks";
import { TicketApiError, TicketApiRateLimitError, TicketApiTimeoutError } from "./errors";
import {
  decodeBody,
  describeUnreadable,
  interpret,
  looksLikeJsonObject,
  type PageBody,
  validatePage,
} from "./interpret-answer";
import {
  DEFAULT_RESPONSE_LIMIT,
  MAX_REDIRECTS,
  MAX_UPSTREAM_REQUESTS,
  type ResponseLimit,
} from "./panel-limits";
import { cappedRequest } from "./panel-pool";
import { fetchTransport, requestTransport } from "./panel-transport";
import { type Answer, readAnswer } from "./read-answer";
import {
  type DigestPage,
  digestPageSchema,
  type ListPage,
  listPageSchema,
  type PageMeta,
  type TicketPage,
  ticketPageSchema,
  type UnreadableRow,
} from "./schemas";
import { type TicketQuery, ticketQuery, toSearchParams } from "./ticket-query";

export interface RequestOptions {
  /** The caller's own cancellation (a digest cancels its other pages when one fails). */
  signal?: AbortSignal;
  /**
   * The deadline this call runs under, when the caller started it already (the request gate
   * does, so that waiting for a turn counts). Without one the client starts its own.
   */
  deadline?: Deadline;
}

export interface TicketClient {
  /** A page of tickets with the fields a list shows. */
  listTickets(query: TicketQuery, options?: RequestOptions): Promise<ListPage>;
  /**
   * One ticket with every field, for its details or its card. The API has no "get one" call:
   * this is the page of at most one row that a `ticket_id` filter answers, checked by the caller
   * (a panel that ignores the filter sends other tickets).
   */
  findTicket(ticketId: number, options?: RequestOptions): Promise<TicketPage>;
  /** The same request, keeping only what a digest reads: far cheaper to parse and to hold. */
  listDigestRows(query: TicketQuery, options?: RequestOptions): Promise<DigestPage>;
  /**
   * The same request as `listDigestRows`, under the same guarantees (deadline, size limit,
   * redirects, retries, every failure status judged here), resolving with a success's body
   * unparsed as soon as it has arrived: a digest decodes, parses and validates it on another
   * thread (`readPageBody` with `digestPageSchema`). A body that cannot be a JSON object is
   * judged here, so a maintenance page is retried like any transient failure. Optional: a
   * client without it (a test's stand-in) has its pages parsed where they are read.
   */
  readDigestBody?(query: TicketQuery, options?: RequestOptions): Promise<PageBody>;
}

export interface TicketClientOptions {
  /** The panel's base URL; a path prefix (`https://panel.example.com/panel`) is kept. */
  baseUrl: string;
  /** Sent verbatim as the whole `Authorization` header (the provider uses no `Bearer ` prefix). */
  token: string;
  /** One deadline for the whole call: every attempt, every backoff wait and the body. */
  timeoutMs: number;
  /** Default: undici's `request()`, never more than `maxConnections` sockets open to the panel. */
  fetch?: typeof fetch;
  /** Connections to the panel open at once, idle ones included. Default 16. */
  maxConnections?: number;
  /** Wall clock, used only to turn `Retry-After` into the moment a user may try again. */
  clock?: Clock;
  logger?: Pick<Logger, "debug" | "info" | "warn" | "error">;
  /** Extra attempts after the first, for transient failures only. Default 2. */
  retries?: number;
  /** First backoff wait, doubled on each retry. Default 250. */
  backoffMs?: number;
  /** The most body bytes accepted for a page. Default: 1 MiB plus 16 KiB a row. */
  responseLimit?: ResponseLimit;
}

/** How the bot names itself to the panel. */
const USER_AGENT = "slack-ticket-queue";

const DEFAULT_RETRIES = 2;
const DEFAULT_BACKOFF_MS = 250;

const noop = () => {};

export const createTicketClient = (o: TicketClientOptions): Required<TicketClient> => {
  const endpoint = endpointUrl(o.baseUrl);
  validateToken(o.token);
  if (!Number.isFinite(o.timeoutMs) || o.timeoutMs <= 0) {
    throw new RangeError(`ticket client: timeoutMs must be a positive number, got ${o.timeoutMs}`);
  }
  const policy: RetryPolicy = {
    retries: o.retries ?? DEFAULT_RETRIES,
    backoffMs: o.backoffMs ?? DEFAULT_BACKOFF_MS,
  };
  checkRetryPolicy(policy, "ticket client");
  const limit = o.responseLimit ?? DEFAULT_RESPONSE_LIMIT;
  const clock = o.clock ?? systemClock;
  const logger = o.logger ?? { debug: noop, info: noop, warn: noop, error: noop };
  const transport = o.fetch
    ? fetchTransport(o.fetch)
    : requestTransport(cappedRequest(o.maxConnections ?? MAX_UPSTREAM_REQUESTS));
  const { token, timeoutMs } = o;
  // Given to each attempt as they are: ky's own Headers would only be read back into a record.
  // undici's `request()` sends no User-Agent of its own, and web application firewalls in front
  // of panels often refuse a request without one (a 403 the bot would report as a refused token).
  const headers: Record<string, string> = {
    Authorization: token,
    "Content-Type": "application/json",
    Accept: "application/json",
    "User-Agent": USER_AGENT,
  };

  // ky owns the attempts; each is a whole exchange, body read and judged, so a body cut off
  // halfway is retried like a refused connection. The call's one deadline signal goes to each
  // attempt and to the wait before a retry, not to ky: given a signal, ky joins it to its own
  // with `AbortSignal.any` for a Request no attempt reads, weakly held signals that outlive
  // young-generation collections (about 10 µs of CPU a call on Node 24).
  // Made with the first request, not when the bot starts: loading ky is start-up time.
  let api: Promise<KyInstance> | undefined;
  const kyApi = () => {
    api ??= import("ky").then(({ default: ky }) =>
      ky.create({ timeout: false, throwHttpErrors: false }),
    );
    return api;
  };

  /**
   * One call: every attempt a whole exchange (body read, then `accept`ed or thrown), retried on
   * transient failures under the call's one deadline.
   */
  const exchange = async <T>(
    query: TicketQuery,
    options: RequestOptions,
    accept: (answer: Answer, backoffMs: number) => T,
  ): Promise<T> => {
    options.signal?.throwIfAborted();
    const deadline =
      options.deadline ??
      startDeadline({
        ms: timeoutMs,
        expired: () => new TicketApiTimeoutError(timeoutMs),
        parent: options.signal,
      });
    const searchParams = toSearchParams(query);
    const maxBytes = limit.baseBytes + query.perPage * limit.perRowBytes;
    let attempts = 0;
    let accepted: { value: T } | undefined;
    let nextWaitMs = 0;

    // The address with its query, made once: ky given `searchParams` builds its Request twice.
    const url = new URL(`?${searchParams}`, endpoint);
    const attempt = async () => {
      const n = attempts++;
      const started = performance.now();
      logger.debug(`ticket API GET ${endpoint.pathname}?${searchParams} (attempt ${n + 1})`);
      const answer = await readAnswer(url, {
        transport,
        headers,
        signal: deadline.signal,
        maxBytes,
        maxRedirects: MAX_REDIRECTS,
        onRedirect: (from, to, status) =>
          logger.warn(
            `ticket API redirected ${from.pathname} to ${to.pathname}${to.search} (HTTP ${status}) on its own origin; followed, but TICKET_API_URL should name the final address`,
          ),
      });
      logger.debug(
        `ticket API answered HTTP ${answer.status} in ${Math.round(performance.now() - started)} ms (${bodyLength(answer.body)} bytes)`,
      );
      accepted = { value: accept(answer, policy.backoffMs * 2 ** n) };
      return new Response(null, { status: 204 });
    };

    const retryAfter = (error: Error, retry: number): number | undefined => {
      if (!(error instanceof TicketApiError) || !error.transient || deadline.signal.aborted) {
        return undefined;
      }
      const requestedMs =
        error instanceof TicketApiRateLimitError
          ? error.retryAt.getTime() - clock.now().getTime()
          : undefined;
      return retryWait(policy, retry, { requestedMs, remainingMs: deadline.remainingMs() });
    };

    try {
      await (await kyApi()).get(url, {
        fetch: attempt,
        retry: {
          limit: policy.retries,
          methods: ["get"],
          shouldRetry: ({ error, retryCount }) => {
            const waitMs = retryAfter(error, retryCount);
            if (waitMs === undefined) return false;
            nextWaitMs = waitMs;
            logger.warn(
              `ticket API attempt ${retryCount} of ${policy.retries + 1} failed: ${error.message}; retrying in ${waitMs} ms`,
            );
            return true;
          },
          // ky's own wait would not end when the deadline aborts: ours, in beforeRetry, does.
          delay: () => 0,
        },
        hooks: { beforeRetry: [() => sleep(nextWaitMs, deadline.signal)] },
      });
    } finally {
      if (options.deadline === undefined) deadline.dispose();
    }
    if (accepted === undefined) throw new Error("ticket client: no attempt was accepted");
    return accepted.value;
  };

  const judge = (answer: Answer, backoffMs: number): unknown =>
    interpret(
      { status: answer.status, headers: answer.headers, text: decodeBody(answer.body) },
      token,
      clock.now(),
      backoffMs,
    );

  const fetchPage = async <
    P extends { data: unknown[]; meta: PageMeta; unreadable: UnreadableRow[] },
  >(
    query: TicketQuery,
    options: RequestOptions,
    pageSchema: z.ZodType<P>,
  ): Promise<P> => {
    const json = await exchange(query, options, judge);
    const page = validatePage(json, pageSchema, token);
    const unreadable = describeUnreadable(page, token);
    if (unreadable !== undefined) logger.warn(unreadable);
    return page;
  };

  const fetchBody = (query: TicketQuery, options: RequestOptions): Promise<PageBody> =>
    exchange(query, options, (answer, backoffMs): PageBody => {
      const { status, body } = answer;
      // Every failure status, and a body that cannot be a page, is judged (and retried) here;
      // `judge` throws for all of them but JSON that is no object, which the reader refuses.
      if (status < 200 || status >= 300 || !looksLikeJsonObject(body)) judge(answer, backoffMs);
      return { status, contentType: answer.headers.get("content-type") ?? undefined, chunks: body };
    });

  return {
    listTickets: (query, options = {}) => fetchPage(query, options, listPageSchema),
    findTicket: (ticketId, options = {}) =>
      fetchPage(ticketQuery(ticketId), options, ticketPageSchema),
    listDigestRows: (query, options = {}) => fetchPage(query, options, digestPageSchema),
    readDigestBody: (query, options = {}) => fetchBody(query, options),
  };
};

const endpointUrl = (baseUrl: string): URL => {
  let base: URL;
  try {
    base = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  } catch {
    throw new TypeError(`ticket client: baseUrl is not a URL: ${baseUrl}`);
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    throw new TypeError(`ticket client: baseUrl must be http(s), got ${base.protocol}`);
  }
  // fetch refuses such URLs later with a TypeError that would look like a network failure.
  if (base.username !== "" || base.password !== "") {
    throw new TypeError("ticket client: baseUrl must not contain credentials");
  }
  return new URL("api/ticket", base);
};

const validateToken = (token: string): void => {
  // Headers would trim surrounding whitespace (so not "verbatim") and reject control or
  // non-Latin-1 characters with a TypeError that quotes the value and would pass for a
  // network failure. Fail here instead, without echoing the token.
  if (token === "" || token !== token.trim() || /[^\x20-\x7e]/.test(token)) {
    throw new TypeError(
      "ticket client: the token must be non-empty printable ASCII without surrounding spaces",
    );
  }
};
