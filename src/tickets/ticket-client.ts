import ky, { type KyInstance } from "ky";
import type { z } from "zod";
import { type Clock, sleep as realSleep, systemClock } from "../clock";
import type { Logger } from "../logger";
import {
  TicketApiAuthError,
  TicketApiError,
  TicketApiNotJsonError,
  TicketApiRateLimitError,
  TicketApiRejectedError,
  TicketApiServerError,
  TicketApiShapeError,
  TicketApiTimeoutError,
  TicketApiUnreachableError,
} from "./errors";
import {
  type DigestPage,
  digestPageSchema,
  providerErrorSchema,
  type TicketPage,
  ticketPageSchema,
} from "./schemas";
import { type TicketQuery, toSearchParams } from "./ticket-query";

export interface ListOptions {
  signal?: AbortSignal;
  /** What is left of the overall deadline when some of it was spent before this call. */
  timeLeftMs?: number;
}

export interface TicketClient {
  listTickets(query: TicketQuery, options?: ListOptions): Promise<TicketPage>;
  /** The same request, keeping only what a digest reads: far cheaper to parse and to hold. */
  listDigestRows(query: TicketQuery, options?: ListOptions): Promise<DigestPage>;
}

export interface TicketClientOptions {
  /** The panel's base URL; a path prefix (`https://panel.example.com/panel`) is kept. */
  baseUrl: string;
  /** Sent verbatim as the whole `Authorization` header (the provider uses no `Bearer ` prefix). */
  token: string;
  /** One deadline for the whole call: every attempt, every backoff wait and the body. */
  timeoutMs: number;
  fetch?: typeof fetch;
  /** Wall clock, used only to turn `Retry-After` into the moment a user may try again. */
  clock?: Clock;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  logger?: Pick<Logger, "debug" | "info" | "warn" | "error">;
  /** Extra attempts after the first, for transient failures only. Default 2. */
  retries?: number;
  /** First backoff wait, doubled on each retry. Default 250. */
  backoffMs?: number;
}

const DEFAULT_RETRIES = 2;
const DEFAULT_BACKOFF_MS = 250;
const BODY_START_CHARS = 200;
const MAX_ISSUES_CHARS = 500;
const MAX_ISSUES_LISTED = 8;
// A `Retry-After` beyond this is nonsense; clamping keeps `retryAt` a valid Date.
const MAX_RETRY_AFTER_MS = 365 * 24 * 60 * 60 * 1000;
// Gateways in front of the panel answer these while it restarts; a 500 is the panel's own bug.
const TRANSIENT_STATUSES = new Set([502, 503, 504]);

type Failure =
  | { kind: "final"; error: TicketApiError }
  | { kind: "transient"; error: TicketApiError }
  | { kind: "rate-limited"; retryAfterMs: number | undefined };

type AttemptOutcome<P> = { page: P } | { failure: Failure };

const noop = () => {};

export const createTicketClient = (o: TicketClientOptions): TicketClient => {
  const endpoint = endpointUrl(o.baseUrl);
  validateToken(o.token);
  if (!Number.isFinite(o.timeoutMs) || o.timeoutMs <= 0) {
    throw new RangeError(`ticket client: timeoutMs must be a positive number, got ${o.timeoutMs}`);
  }
  const retries = o.retries ?? DEFAULT_RETRIES;
  const backoffMs = o.backoffMs ?? DEFAULT_BACKOFF_MS;
  if (!Number.isInteger(retries) || retries < 0) {
    throw new RangeError(`ticket client: retries must be a whole number >= 0, got ${retries}`);
  }
  if (!Number.isFinite(backoffMs) || backoffMs < 0) {
    throw new RangeError(`ticket client: backoffMs must be >= 0, got ${backoffMs}`);
  }
  const clock = o.clock ?? systemClock;
  const sleep = o.sleep ?? realSleep;
  const logger = o.logger ?? { debug: noop, info: noop, warn: noop, error: noop };
  const { token, timeoutMs } = o;

  // ky's own retry and timeout are off: its timeout is per attempt and stops at the headers,
  // and its retry waits ignore any deadline. The loop below owns both.
  const api: KyInstance = ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    fetch: o.fetch,
    headers: {
      Authorization: token,
      "Content-Type": "application/json",
      Accept: "application/json",
    },
  });

  const attemptOnce = async <P>(
    searchParams: URLSearchParams,
    signal: AbortSignal,
    attempt: number,
    pageSchema: z.ZodType<P>,
  ): Promise<AttemptOutcome<P>> => {
    const started = performance.now();
    logger.debug(
      `ticket API GET ${endpoint.pathname}?${searchParams.toString()} (attempt ${attempt + 1})`,
    );
    let response: Response;
    try {
      response = await untilAborted(api.get(endpoint, { searchParams, signal }), signal);
    } catch (error) {
      if (signal.aborted || !(error instanceof TypeError)) throw error;
      return { failure: { kind: "transient", error: unreachable(error) } };
    }
    let text: string;
    try {
      text = await untilAborted(response.text(), signal);
    } catch (error) {
      if (signal.aborted || !(error instanceof TypeError)) throw error;
      const reason = `connection lost while reading an HTTP ${response.status} body (${networkReason(error)})`;
      return { failure: { kind: "transient", error: new TicketApiUnreachableError(reason) } };
    }
    logger.debug(
      `ticket API answered HTTP ${response.status} in ${Math.round(performance.now() - started)} ms (${text.length} chars)`,
    );
    return interpret(response, text, token, clock.now(), pageSchema);
  };

  const fetchPage = async <P>(
    query: TicketQuery,
    options: ListOptions,
    pageSchema: z.ZodType<P>,
  ): Promise<P> => {
    const callerSignal = options.signal;
    callerSignal?.throwIfAborted();

    const controller = new AbortController();
    const { signal } = controller;
    const budgetMs = Math.max(0, Math.min(timeoutMs, options.timeLeftMs ?? timeoutMs));
    const deadlineAt = performance.now() + budgetMs;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new TicketApiTimeoutError(timeoutMs));
    }, budgetMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener("abort", onCallerAbort, { once: true });

    const searchParams = toSearchParams(query);
    try {
      for (let attempt = 0; ; attempt++) {
        // An injected sleep may ignore the signal; never start an attempt past the deadline.
        signal.throwIfAborted();
        const outcome = await attemptOnce(searchParams, signal, attempt, pageSchema);
        if ("page" in outcome) return outcome.page;

        const { failure } = outcome;
        if (failure.kind === "final") throw failure.error;
        const waitMs =
          failure.kind === "rate-limited" && failure.retryAfterMs !== undefined
            ? failure.retryAfterMs
            : backoffMs * 2 ** attempt;
        const giveUp = attempt >= retries || waitMs >= deadlineAt - performance.now();
        if (failure.kind === "rate-limited") {
          // Even when giving up, the user can be told when trying again makes sense.
          if (giveUp) throw new TicketApiRateLimitError(new Date(clock.now().getTime() + waitMs));
        } else if (giveUp) {
          throw failure.error;
        }
        const reason =
          failure.kind === "rate-limited"
            ? `HTTP 429${failure.retryAfterMs === undefined ? "" : ` (Retry-After ${failure.retryAfterMs} ms)`}`
            : failure.error.message;
        logger.warn(
          `ticket API attempt ${attempt + 1} of ${retries + 1} failed: ${reason}; retrying in ${waitMs} ms`,
        );
        await sleep(waitMs, signal);
      }
    } catch (error) {
      // A decided outcome stands even if the deadline fired while it was being thrown.
      if (error instanceof TicketApiError) throw error;
      if (timedOut) throw new TicketApiTimeoutError(timeoutMs);
      if (callerSignal?.aborted) throw callerSignal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    }
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

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
const untilAborted = <T>(promise: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) {
      promise.catch(noop);
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });

const networkReason = (error: Error): string => {
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    if (cause.message !== "") return cause.message.slice(0, 120);
  }
  return error.message.slice(0, 120);
};

const unreachable = (error: Error) => new TicketApiUnreachableError(networkReason(error));

const redact = (text: string, token: string): string =>
  token.length >= 4 ? text.split(token).join("[redacted]") : text;

const interpret = <P>(
  response: Response,
  text: string,
  token: string,
  now: Date,
  pageSchema: z.ZodType<P>,
): AttemptOutcome<P> => {
  const { status } = response;
  const contentType = response.headers.get("content-type") ?? undefined;
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(text);
  } catch {
    isJson = false;
  }
  const refusal = isJson ? providerRefusal(json, token) : undefined;
  const fail = (kind: "final" | "transient", error: TicketApiError): AttemptOutcome<P> => ({
    failure: { kind, error },
  });

  if (status === 401 || status === 403) {
    return fail("final", new TicketApiAuthError(status, refusal?.message));
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), now);
    return { failure: { kind: "rate-limited", retryAfterMs } };
  }
  if (status >= 500) {
    return fail(
      TRANSIENT_STATUSES.has(status) ? "transient" : "final",
      new TicketApiServerError(status),
    );
  }
  if (!isJson) {
    const bodyStart = redact(text.slice(0, BODY_START_CHARS), token);
    return fail("final", new TicketApiNotJsonError(status, contentType, bodyStart));
  }
  if (status < 200 || status >= 300) {
    return fail("final", new TicketApiRejectedError(status, refusal?.message, refusal?.errors));
  }
  const asRefusal = providerErrorSchema.safeParse(json);
  if (asRefusal.success) {
    const { meta } = asRefusal.data;
    return fail(
      "final",
      new TicketApiRejectedError(
        status,
        redactOptional(meta.message ?? undefined, token),
        meta.errors,
      ),
    );
  }
  const parsed = pageSchema.safeParse(json);
  if (!parsed.success) {
    return fail("final", new TicketApiShapeError(summarizeIssues(parsed.error.issues, token)));
  }
  return { page: parsed.data };
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

/** `Retry-After` as delay-seconds or an HTTP-date, measured from `now`; unusable → undefined. */
export const parseRetryAfter = (value: string | null, now: Date): number | undefined => {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  // Date.parse reads "1.5" as a date; an HTTP-date always has a day or month name.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now.getTime()), MAX_RETRY_AFTER_MS);
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
