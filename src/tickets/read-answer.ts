import { type BodyChunks, copyOf, ownsItsBuffer } from "./body-chunks";
import {
  TicketApiError,
  TicketApiRedirectError,
  TicketApiTooLargeError,
  TicketApiUnreachableError,
} from "./errors";
import type { Exchange, PanelTransport } from "./panel-transport";

/**
 * One exchange with the panel, with everything a hostile or broken panel could turn against the
 * bot bounded: how long (the signal really ends the connection), how much (the body is counted
 * while it is read, and refused past a limit), and where (no redirect leaves the origin).
 */

export interface Answer {
  status: number;
  headers: Pick<Headers, "get">;
  /** The address that answered, after any redirect followed. */
  url: string;
  /**
   * The body's bytes (after any content encoding was undone) as they arrived, each chunk in an
   * ArrayBuffer of its own: they can be transferred to another thread without a copy.
   */
  body: BodyChunks;
}

export interface ReadAnswerOptions {
  transport: PanelTransport;
  headers: Record<string, string>;
  /** Ends the exchange at once, connection included, with the signal's reason. */
  signal: AbortSignal;
  /** The most body bytes accepted, counted after decompression. */
  maxBytes: number;
  /** Redirects within the origin followed before giving up. */
  maxRedirects: number;
  onRedirect?: (from: URL, to: URL, status: number) => void;
}

const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export const readAnswer = async (start: URL, o: ReadAnswerOptions): Promise<Answer> => {
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await send(url, o);
    if (!REDIRECTS.has(response.status)) {
      const body = await readBody(response, o);
      return { status: response.status, headers: response.headers, url: url.href, body };
    }
    response.discard();
    url = redirectTarget(response, url, start, hop, o);
  }
};

/**
 * Where a redirect goes, if the bot follows it. Within the origin it does (the token and the
 * data stay with the host the operator named); anywhere else the operator must decide.
 */
const redirectTarget = (
  response: Exchange,
  from: URL,
  start: URL,
  hop: number,
  o: ReadAnswerOptions,
): URL => {
  const { status } = response;
  const location = response.headers.get("location") ?? undefined;
  if (location === undefined) throw new TicketApiRedirectError(status, undefined, "no-location");
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new TicketApiRedirectError(status, location, "other-origin");
  }
  if (target.origin !== start.origin) {
    throw new TicketApiRedirectError(status, target.href, "other-origin");
  }
  if (hop >= o.maxRedirects) throw new TicketApiRedirectError(status, target.href, "too-many");
  o.onRedirect?.(from, target, status);
  return target;
};

/**
 * The exchange, settled by the signal the moment it aborts. An answer arriving after that has its
 * body dropped unread, which closes its connection.
 */
const send = (url: URL, o: ReadAnswerOptions): Promise<Exchange> =>
  new Promise<Exchange>((resolve, reject) => {
    const { signal } = o;
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    o.transport(url, { headers: o.headers, signal }).then(
      (response) => {
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) response.discard();
        else resolve(response);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) reject(signal.reason);
        else if (error instanceof TypeError) reject(new TicketApiUnreachableError(cause(error)));
        else reject(error);
      },
    );
  });

/**
 * The body's chunks, refused past `maxBytes` (counted as they arrive). The body is dropped by our
 * own hand when the signal aborts. A chunk is kept as it came when the exchange says it is its
 * own to give and it fills its buffer (the socket's reads, each a buffer of its own); any other
 * is copied into one of its own, so that handing on a chunk's buffer never takes away bytes that
 * something else still holds.
 */
const readBody = async (response: Exchange, o: ReadAnswerOptions): Promise<BodyChunks> => {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > o.maxBytes) {
    response.discard();
    throw new TicketApiTooLargeError(o.maxBytes, declared);
  }
  const { signal } = o;
  const onAbort = () => response.discard();
  signal.addEventListener("abort", onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    try {
      for await (const chunk of response.chunks()) {
        signal.throwIfAborted();
        size += chunk.byteLength;
        if (size > o.maxBytes) {
          response.discard();
          throw new TicketApiTooLargeError(o.maxBytes);
        }
        if (chunk.byteLength > 0) {
          chunks.push(response.ownsChunks && ownsItsBuffer(chunk) ? chunk : copyOf(chunk));
        }
      }
    } catch (error) {
      signal.throwIfAborted();
      if (error instanceof TicketApiError) throw error;
      throw new TicketApiUnreachableError(
        `connection lost while reading an HTTP ${response.status} body (${cause(error)})`,
      );
    }
    // A dropped body may end as if whole: only the signal can tell that from a whole body.
    signal.throwIfAborted();
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  return chunks;
};

/** The most telling short reason: a system error code, else the cause's message. */
const cause = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error).slice(0, 120);
  const inner: unknown = error.cause;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    if (inner.message !== "") return inner.message.slice(0, 120);
  }
  // undici's body and zlib errors arrive unwrapped, with a code of their own.
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code !== "") return code;
  return error.message.slice(0, 120);
};
