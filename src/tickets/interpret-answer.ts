import type * as z from "zod";
import { parseRetryAfter } from "../retry/retry-after";
import { type BodyChunks, byteAt, firstIndexWhere, lastIndexWhere } from "./body-chunks";
import {
  TicketApiAuthError,
  TicketApiNotJsonError,
  TicketApiRateLimitError,
  TicketApiRejectedError,
  TicketApiServerError,
  TicketApiShapeError,
} from "./errors";
import {
  compiledProviderError,
  type PageMeta,
  pageMetaSchema,
  providerErrorSchema,
  type UnreadableRow,
} from "./schemas";

/**
 * What an answer of the panel means: the page it carries, or the failure it is (thrown). Pure,
 * so that the ticket client and the digest's worker thread judge a body the same way.
 */

/** An answer's status and the headers read to judge it, with its body decoded. */
export interface TextAnswer {
  status: number;
  headers: Pick<Headers, "get">;
  text: string;
}

/**
 * A page as it arrived, read under the client's guarantees (limits, deadline, redirects,
 * status) but not yet decoded or parsed: what crosses to the digest's worker thread.
 */
export interface PageBody {
  status: number;
  contentType?: string;
  /** Each in an ArrayBuffer of its own, so they can be transferred rather than copied. */
  chunks: BodyChunks;
}

const BODY_START_CHARS = 200;
const MAX_ISSUES_CHARS = 500;
const MAX_ISSUES_LISTED = 8;

// A BOM, if any, is dropped: the provider's JSON is read the same with or without one.
const decoder = new TextDecoder();
/**
 * The body as text, chunk by chunk (a character cut between two chunks is read whole): joining
 * the chunks into one buffer first would leave a page-sized buffer behind as garbage, and on
 * Node 24 a thread frees such buffers only in a full collection.
 */
export const decodeBody = (body: BodyChunks): string => {
  if (body.length <= 1) return decoder.decode(body[0]);
  const stream = new TextDecoder();
  let text = "";
  for (const chunk of body) text += stream.decode(chunk, { stream: true });
  return text + stream.decode();
};

export const redact = (text: string, token: string): string =>
  token.length >= 4 ? text.split(token).join("[redacted]") : text;

const isSpace = (byte: number | undefined) =>
  byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
const notSpace = (byte: number) => !isSpace(byte);

/**
 * Whether a body can be a JSON object, judged by its first and last bytes alone (a BOM and
 * whitespace aside). A maintenance page, an empty body or a cut-off one is known at once, so
 * the client can retry it; only a body that passes is worth decoding and parsing.
 */
export const looksLikeJsonObject = (body: BodyChunks): boolean => {
  const bom = byteAt(body, 0) === 0xef && byteAt(body, 1) === 0xbb && byteAt(body, 2) === 0xbf;
  const start = firstIndexWhere(body, bom ? 3 : 0, notSpace);
  const end = lastIndexWhere(body, notSpace);
  return start >= 0 && end > start && byteAt(body, start) === 0x7b && byteAt(body, end) === 0x7d;
};

/**
 * What one answer means: the page's JSON, or the failure it is (thrown). A 429 is told when
 * trying again makes sense: its `Retry-After`, or else the backoff this attempt would wait.
 */
export const interpret = (
  answer: TextAnswer,
  token: string,
  now: Date,
  backoffMs: number,
): unknown => {
  const { status, text } = answer;
  const contentType = answer.headers.get("content-type") ?? undefined;
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(text);
  } catch {
    isJson = false;
  }
  // Only a refusal quotes the provider's words: a page of tickets is not read for them.
  const refusal = () => (isJson ? providerRefusal(json, token) : undefined);

  if (status === 401 || status === 403) throw new TicketApiAuthError(status, refusal()?.message);
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
    const { message, errors } = refusal() ?? {};
    throw new TicketApiRejectedError(status, message, errors);
  }
  // `validate` says no to a page without building the issues `safeParse` would describe it with.
  if (compiledProviderError().validate(json)) {
    const { meta } = providerErrorSchema.parse(json);
    throw new TicketApiRejectedError(
      status,
      redactOptional(meta.message ?? undefined, token),
      meta.errors,
    );
  }
  return json;
};

/** The page in `json`, or a TicketApiShapeError saying what is wrong with it (no token in it). */
export const validatePage = <P>(json: unknown, pageSchema: z.ZodType<P>, token: string): P => {
  const parsed = pageSchema.safeParse(json);
  if (!parsed.success) {
    throw new TicketApiShapeError(summarizeIssues(parsed.error.issues, token));
  }
  return parsed.data;
};

/**
 * A success's body, start to finish, as the client reads it: decoded, parsed, judged and
 * validated. What the digest's worker thread does with the bytes it is given.
 */
export const readPageBody = <P>(body: PageBody, pageSchema: z.ZodType<P>, token: string): P => {
  const headers = new Headers(
    body.contentType === undefined ? {} : { "content-type": body.contentType },
  );
  const answer = { status: body.status, headers, text: decodeBody(body.chunks) };
  // Only a success is handed over: `now` and the backoff matter to a 429 alone.
  return validatePage(interpret(answer, token, new Date(0), 0), pageSchema, token);
};

/**
 * A page's `meta` alone, read from its bytes, or `undefined` when the body is no page (whatever
 * is wrong with it is for `readPageBody` to say). For planning the pages after the first before
 * that one has been read in full; it decides nothing else.
 */
export const peekPageMeta = (body: BodyChunks): PageMeta | undefined => {
  try {
    const json: unknown = JSON.parse(decodeBody(body));
    const meta = pageMetaSchema.safeParse((json as { meta?: unknown } | null)?.meta);
    return meta.success ? meta.data : undefined;
  } catch {
    return undefined;
  }
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

/**
 * Which rows were left out and why, capped, without the token: the promise of "details in the
 * log" kept. `undefined` when every row was read.
 */
export const describeUnreadable = (
  page: { data: unknown[]; meta: PageMeta; unreadable: UnreadableRow[] },
  token: string,
): string | undefined => {
  const { unreadable } = page;
  if (unreadable.length === 0) return undefined;
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
  return redact(
    `ticket API page ${page.meta.current_page}: ${unreadable.length} of ${rows} rows could not be read and were left out: ${listed}${more}`,
    token,
  );
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
