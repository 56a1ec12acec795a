import {
  TicketApiError,
  TicketApiRedirectError,
  TicketApiTooLargeError,
  TicketApiUnreachableError,
} from "./errors";

/**
 * One exchange with the panel, with everything a hostile or broken panel could turn against the
 * bot bounded: how long (the signal really ends the connection), how much (the body is counted
 * while it is read, and refused past a limit), and where (no redirect leaves the origin).
 */

export interface Answer {
  status: number;
  headers: Headers;
  /** The address that answered, after any redirect followed. */
  url: string;
  /**
   * The body's bytes (after any content encoding was undone), in an ArrayBuffer of their own:
   * they can be transferred to another thread without a copy.
   */
  bytes: Uint8Array;
}

export interface ReadAnswerOptions {
  fetch: typeof fetch;
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
/** A declared length is believed this far before a byte has arrived (a page is about 1.1 MB). */
const MAX_FIRST_ALLOCATION = 4 * 1024 * 1024;
const noop = () => {};

export const readAnswer = async (start: URL, o: ReadAnswerOptions): Promise<Answer> => {
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await send(url, o);
    if (!REDIRECTS.has(response.status)) {
      const bytes = await readBody(response, o);
      return { status: response.status, headers: response.headers, url: url.href, bytes };
    }
    discard(response);
    url = redirectTarget(response, url, start, hop, o);
  }
};

/**
 * Where a redirect goes, if the bot follows it. Within the origin it does (the token and the
 * data stay with the host the operator named); anywhere else the operator must decide.
 */
const redirectTarget = (
  response: Response,
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
 * `fetch`, settled by the signal the moment it aborts. An answer arriving after that has its
 * body cancelled unread, which closes its connection.
 */
const send = (url: URL, o: ReadAnswerOptions): Promise<Response> =>
  new Promise<Response>((resolve, reject) => {
    const { signal } = o;
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    o.fetch(url.href, { headers: o.headers, signal, redirect: "manual" }).then(
      (response) => {
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) discard(response);
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
 * The body's bytes, refused past `maxBytes`. The reader is cancelled by our own hand when the
 * signal aborts: cancelling the body is what closes the connection, whatever became of fetch's
 * own link to the signal. A declared length sizes the first allocation (so a page is held once,
 * not as chunks and then again as their copy), up to a bound; the count is kept on what arrives.
 */
const readBody = async (response: Response, o: ReadAnswerOptions): Promise<Uint8Array> => {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > o.maxBytes) {
    discard(response);
    throw new TicketApiTooLargeError(o.maxBytes, declared);
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const { signal } = o;
  const onAbort = () => {
    reader.cancel(signal.reason).catch(noop);
  };
  signal.addEventListener("abort", onAbort, { once: true });
  const body = growingBytes(
    Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, MAX_FIRST_ALLOCATION) : 0,
  );
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        signal.throwIfAborted();
        if (error instanceof TicketApiError) throw error;
        throw new TicketApiUnreachableError(
          `connection lost while reading an HTTP ${response.status} body (${cause(error)})`,
        );
      }
      // A cancelled read reports "done": only the signal can tell that from a whole body.
      signal.throwIfAborted();
      if (next.done) break;
      if (body.size + next.value.byteLength > o.maxBytes) {
        reader.cancel().catch(noop);
        throw new TicketApiTooLargeError(o.maxBytes);
      }
      body.append(next.value);
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  return body.bytes();
};

/** Bytes appended chunk by chunk into one buffer, doubled when it runs out of room. */
const growingBytes = (initial: number) => {
  let buffer = new Uint8Array(initial);
  let size = 0;
  return {
    get size() {
      return size;
    },
    append(chunk: Uint8Array) {
      if (size + chunk.byteLength > buffer.byteLength) {
        const grown = new Uint8Array(Math.max(size + chunk.byteLength, buffer.byteLength * 2));
        grown.set(buffer.subarray(0, size));
        buffer = grown;
      }
      buffer.set(chunk, size);
      size += chunk.byteLength;
    },
    /** What was appended, in a buffer of its own that holds nothing else. */
    bytes: () => (size === buffer.byteLength ? buffer : buffer.slice(0, size)),
  };
};

const discard = (response: Response) => {
  response.body?.cancel().catch(noop);
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
  return error.message.slice(0, 120);
};
