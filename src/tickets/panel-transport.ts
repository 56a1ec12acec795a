import type { Readable } from "node:stream";
import { ACCEPT_ENCODING, decodedBody } from "./content-coding";
import type { PanelRequest } from "./panel-pool";

const noop = () => {};

/**
 * One exchange as either HTTP client gives it: the status and headers, then the body's chunks.
 * undici's `request()` is the bot's own (about 0.1 ms of CPU a call less than fetch, which builds
 * a Request, a Response, web streams and signals for every call); a fetch given instead (a
 * test's, a proxy's) is read through the same rules.
 */
export interface Exchange {
  status: number;
  headers: Pick<Headers, "get">;
  /** The body as it arrives; an error while reading is thrown from here. */
  chunks(): AsyncIterable<Uint8Array>;
  /**
   * Whether the chunks are fresh buffers that nothing else holds or will write to (the socket's
   * reads), which may be handed on as they are; otherwise each is copied first.
   */
  ownsChunks: boolean;
  /** Drops the rest of the body unread, which closes its connection. */
  discard(): void;
}

export type PanelTransport = (
  url: URL,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<Exchange>;

export const fetchTransport =
  (doFetch: typeof fetch): PanelTransport =>
  async (url, { headers, signal }) => {
    const response = await doFetch(url.href, { headers, signal, redirect: "manual" });
    // Once read, the body is locked to its reader: dropping it (readAnswer does when the signal
    // aborts) goes through the reader. Cancelling is what closes the connection, whatever became
    // of fetch's own link to the signal.
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    return {
      status: response.status,
      headers: response.headers,
      // A fetch's stream may hand out views of buffers it goes on using.
      ownsChunks: false,
      async *chunks() {
        if (response.body === null) return;
        reader = response.body.getReader();
        try {
          for (;;) {
            const next = await reader.read();
            if (next.done) return;
            yield next.value;
          }
        } finally {
          reader.cancel().catch(noop);
        }
      },
      discard: () => {
        (reader ?? response.body)?.cancel().catch(noop);
      },
    };
  };

/**
 * Ends a stream nobody will read again. undici errors a body it aborts later (its signal is the
 * call's deadline, which ends after the call), and an error no one listens for would crash.
 */
const drop = (stream: Readable) => {
  stream.on("error", noop);
  stream.destroy();
};

export const requestTransport =
  (request: PanelRequest): PanelTransport =>
  async (url, init) => {
    let answer: Awaited<ReturnType<PanelRequest>>;
    try {
      answer = await request(url.href, {
        ...init,
        headers: { "accept-encoding": ACCEPT_ENCODING, ...init.headers },
      });
    } catch (error) {
      if (init.signal.aborted) throw init.signal.reason;
      // As fetch fails: a TypeError whose cause says what became of the connection.
      throw new TypeError("fetch failed", { cause: error });
    }
    const { statusCode, headers, body } = answer;
    const get = (name: string) => {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    };
    let stream: Readable;
    try {
      stream = decodedBody(body, {
        status: statusCode,
        contentEncoding: get("content-encoding"),
        contentLength: get("content-length"),
      });
    } catch (error) {
      drop(body);
      throw error;
    }
    return {
      status: statusCode,
      headers: { get },
      chunks: () => stream,
      // undici's body chunks are views of the socket's reads, which nothing reads or fills again
      // once handed on (readAnswer keeps a chunk only when it is the whole of its buffer: Node 26
      // reads into buffers shared by several reads); a decoder's chunks share its buffers.
      ownsChunks: stream === body,
      discard: () => {
        drop(stream);
        drop(body);
      },
    };
  };
