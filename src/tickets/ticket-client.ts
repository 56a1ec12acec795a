import ky, { type KyInstance } from "ky";
import type { z } from "zod";
import { type Clock, systemClock } from "../clock";
import type { Logger } from "../logger";
import { type Deadline, startDeadline } from "../retry/deadline";
import { parseRetryAfter } from "../retry/retry-after";
import { checkRetryPolicy, type RetryPolicy, retryWait } from "../retry/retry-policy";
import {
  TicketApiAuthError,
  TicketApiError,
  TicketApiNotJsonError,
  TicketApiRateLimitError,
  TicketApiRejectedError,
  TicketApiServerError,
  TicketApiShapeError,
  TicketApiTimeoutError,
} from "./errors";
import {
  DEFAULT_RESPONSE_LIMIT,
  MAX_REDIRECTS,
  MAX_UPSTREAM_REQUESTS,
  type ResponseLimit,
} from "./panel-limits";
import { cappedFetch } from "./panel-pool";
import { type Answer, readAnswer } from "./read-answer";
import {
  type DigestPage,
  digestPageSchema,
  type PageMeta,
  providerErrorSchema,
  type TicketPage,
  ticketPageSchema,
  type UnreadableRow,
} from "./schemas";
import { type TicketQuery, toSearchParams } from "./ticket-query";

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
  listTickets(query: TicketQuery, options?: RequestOptions): Promise<TicketPage>;
  /** The same request, keeping only what a digest reads: far cheaper to parse and to hold. */
  listDigestRows(query: TicketQuery, options?: RequestOptions): Promise<DigestPage>;
}

export interface TicketClientOptions {
  /** The panel's base URL; a path prefix (`https://panel.example.com/panel`) is kept. */
  baseUrl: string;
  /** Sent verbatim as the whole `Authorization` header (the provider uses no `Bearer ` prefix). */
  token: string;
  /** One deadline for the whole call: every attempt, every backoff wait and the body. */
  timeoutMs: number;
  /** Default: undici's fetch, never more than `maxConnections` sockets open to the panel. */
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

const DEFAULT_RETRIES = 2;
const DEFAULT_BACKOFF_MS = 250;
const BODY_START_CHARS = 200;
const MAX_ISSUES_CHARS = 500;
const MAX_ISSUES_LISTED = 8;

const noop = () => {};

export const createTicketClient = (o: TicketClientOptions): TicketClient => {
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
  const doFetch = o.fetch ?? cappedFetch(o.maxConnections ?? MAX_UPSTREAM_REQUESTS);
  const { token, timeoutMs } = o;

  // ky owns the attempts and the waits between them, under the call's one deadline signal
  // (its waits honour it). Each attempt is a whole exchange, body read and judged, so a body
  // cut off halfway is retried like a refused connection.
  const api: KyInstance = ky.create({
    timeout: false,
    throwHttpErrors: false,
    headers: {
      Authorization: token,
      "Content-Type": "application/json",
      Accept: "application/json",
    },
  });

  const fetchPage = async <
    P extends { data: unknown[]; meta: PageMeta; unreadable: UnreadableRow[] },
  >(
    query: TicketQuery,
    options: RequestOptions,
    pageSchema: z.ZodType<P>,
  ): Promise<P> => {
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
    let json: unknown;
    let nextWaitMs = 0;

    const attempt = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const n = attempts++;
      const started = performance.now();
      logger.debug(`ticket API GET ${endpoint.pathname}?${searchParams} (attempt ${n + 1})`);
      const answer = await readAnswer(new URL(request.url), {
        fetch: doFetch,
        headers: Object.fromEntries(request.headers),
        signal: deadline.signal,
        maxBytes,
        maxRedirects: MAX_REDIRECTS,
        onRedirect: (from, to, status) =>
          logger.warn(
            `ticket API redirected ${from.pathname} to ${to.pathname}${to.search} (HTTP ${status}) on its own origin; followed, but TICKET_API_URL should name the final address`,
          ),
      });
      logger.debug(
        `ticket API answered HTTP ${answer.status} in ${Math.round(performance.now() - started)} ms (${answer.text.length} chars)`,
      );
      const backoffMs = policy.backoffMs * 2 ** n;
      json = interpret(answer, token, clock.now(), backoffMs);
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
      await api.get(endpoint, {
        searchParams,
        signal: deadline.signal,
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
          delay: () => nextWaitMs,
        },
      });
    } finally {
      if (options.deadline === undefined) deadline.dispose();
    }
    const parsed = pageSchema.safeParse(json);
    if (!parsed.success) {
      throw new TicketApiShapeError(summarizeIssues(parsed.error.issues, token));
    }
    const page = parsed.data;
    if (page.unreadable.length > 0) logger.warn(redact(describeUnreadable(page), token));
    return page;
  };

  return {
    listTickets: (query, options = {}) => fetchPage(query, options, ticketPageSchema),
    listDigestRows: (query, options = {}) => fetchPage(query, options, digestPageSchema),
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

const redact = (text: string, token: string): string =>
  token.length >= 4 ? text.split(token).join("[redacted]") : text;

/**
 * What one answer means: the page's JSON, or the failure it is (thrown). A 429 is told when
 * trying again makes sense: its `Retry-After`, or else the backoff this attempt would wait.
 */
const interpret = (answer: Answer, token: string, now: Date, backoffMs: number): unknown => {
  const { status, text } = answer;
  const contentType = answer.headers.get("content-type") ?? undefined;
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(text);
  } catch {
    isJson = false;
  }
  const refusal = isJson ? providerRefusal(json, token) : undefined;

  if (status === 401 || status === 403) throw new TicketApiAuthError(status, refusal?.message);
  if (status === 429) {
    const waitMs = parseRetryAfter(answer.headers.get("retry-after"), now) ?? backoffMs;
    throw new TicketApiRateLimitError(new Date(now.getTime() + waitMs));
  }
  if (status >= 500) throw new TicketApiServerError(status);
  if (!isJson) {
    const bodyStart = redact(text.slice(0, BODY_START_CHARS), token);
    throw new TicketApiNotJsonError(status, contentType, bodyStart);
  }
  if (status < 200 || status >= 300) {
    throw new TicketApiRejectedError(status, refusal?.message, refusal?.errors);
  }
  const asRefusal = providerErrorSchema.safeParse(json);
  if (asRefusal.success) {
    const { meta } = asRefusal.data;
    throw new TicketApiRejectedError(
      status,
      redactOptional(meta.message ?? undefined, token),
      meta.errors,
    );
  }
  return json;
};

/**
 * The provider's `meta.message`/`meta.errors`, or Laravel's default top-level
 * `message`/`errors` that a framework error page (404, 405) would carry instead.
 */
const providerRefusal = (
  json: unknown,
  token: string,
): { message?: string; errors?: unknown } | undefined => {
  const provider = providerErrorSchema.safeParse(json);
  if (provider.success) {
    return {
      message: redactOptional(provider.data.meta.message ?? undefined, token),
      errors: provider.data.meta.errors,
    };
  }
  if (typeof json === "object" && json !== null && !Array.isArray(json)) {
    const { message, errors } = json as { message?: unknown; errors?: unknown };
    return { message: typeof message === "string" ? redact(message, token) : undefined, errors };
  }
  return undefined;
};

// The provider's own words are quoted to users; a panel that echoes the token must not leak it.
const redactOptional = (text: string | undefined, token: string) =>
  text === undefined ? undefined : redact(text, token);

/** Which rows were left out and why, capped: the promise of "details in the log" kept. */
const describeUnreadable = (page: {
  data: unknown[];
  meta: PageMeta;
  unreadable: UnreadableRow[];
}): string => {
  const { unreadable } = page;
  const rows = page.data.length + unreadable.length;
  const listed = unreadable
    .slice(0, MAX_ISSUES_LISTED)
    .map(
      (r) => `${r.id === undefined ? `row ${r.index + 1} (no ticket_id)` : `#${r.id}`}: ${r.why}`,
    )
    .join(" | ");
  const more =
    unreadable.length > MAX_ISSUES_LISTED
      ? ` | and ${unreadable.length - MAX_ISSUES_LISTED} more`
      : "";
  return `ticket API page ${page.meta.current_page}: ${unreadable.length} of ${rows} rows could not be read and were left out: ${listed}${more}`;
};

const formatPath = (path: readonly PropertyKey[]): string => {
  if (path.length === 0) return "(root)";
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
};

/** Path and message per issue, capped: it goes to a log line, and never carries the token. */
const summarizeIssues = (issues: readonly z.core.$ZodIssue[], token: string): string => {
  const listed = issues
    .slice(0, MAX_ISSUES_LISTED)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    .join("; ");
  // The count goes first: the list may be cut off.
  const head =
    issues.length > MAX_ISSUES_LISTED
      ? `${issues.length} issues, the first ${MAX_ISSUES_LISTED}: `
      : "";
  const summary = redact(`${head}${listed}`, token);
  return summary.length > MAX_ISSUES_CHARS ? `${summary.slice(0, MAX_ISSUES_CHARS - 1)}…` : summary;
};
