import { type Readable, Transform, type TransformCallback } from "node:stream";
import {
  constants,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  createInflateRaw,
  type ZlibOptions,
} from "node:zlib";

/**
 * A panel's answer with its content codings undone, as fetch undoes them, for a client (undici's
 * `request()`) that leaves them be. As lenient as fetch: a gzip body cut before its trailer and
 * a raw deflate body sent as `deflate` are read; an empty body, and the statuses that have none,
 * are not decoded at all. The size limit is counted on what comes out, so a small bomb is still
 * stopped at the limit.
 */

/** What the bot asks for (what fetch asked for). */
export const ACCEPT_ENCODING = "gzip, deflate, br";

/** As many codings as fetch accepts; more, and the answer fails as fetch's would. */
const MAX_CODINGS = 5;

/** Statuses whose body is never decoded (fetch's null-body statuses, and redirects, left unread). */
const NOT_DECODED = (status: number) =>
  status < 200 || status === 204 || status === 205 || (status >= 300 && status < 400);

// fetch decodes with a sync flush, so a body that ends early still gives what it holds.
const ZLIB: ZlibOptions = {
  flush: constants.Z_SYNC_FLUSH,
  finishFlush: constants.Z_SYNC_FLUSH,
};

/** zlib's deflate, or raw deflate when the body has no zlib header (as undici's fetch tells). */
const inflateEither = (): Transform => {
  let inner: Transform | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (inner === undefined) {
        const zlibHeader = ((chunk[0] ?? 0) & 0x0f) === 0x08;
        inner = zlibHeader ? createInflate(ZLIB) : createInflateRaw(ZLIB);
        inner.on("data", (data: Buffer) => this.push(data));
        inner.on("error", (error) => this.destroy(error));
      }
      inner.write(chunk, () => done());
    },
    flush(done: TransformCallback) {
      if (inner === undefined) {
        done();
        return;
      }
      inner.once("end", () => done());
      inner.end();
    },
    destroy(error, done) {
      inner?.destroy();
      done(error);
    },
  });
};

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: () => createGunzip(ZLIB),
  "x-gzip": () => createGunzip(ZLIB),
  deflate: inflateEither,
  br: () =>
    createBrotliDecompress({
      flush: constants.BROTLI_OPERATION_FLUSH,
      finishFlush: constants.BROTLI_OPERATION_FLUSH,
    }),
};

/** Too many content codings to be a page (fetch fails the same way). */
export class TooManyCodingsError extends TypeError {
  constructor(count: number) {
    super(`fetch failed: ${count} content codings`);
    this.name = "TooManyCodingsError";
  }
}

/**
 * `body` with its codings undone, last applied first; `body` itself when there is nothing to
 * undo, or a coding fetch would not know either (read as the bytes that came). A failure anywhere
 * in the chain ends all of it, and reaches the reader through the last stream.
 */
export const decodedBody = (
  body: Readable,
  answer: { status: number; contentEncoding: string | null; contentLength: string | null },
): Readable => {
  if (NOT_DECODED(answer.status) || answer.contentLength === "0") return body;
  const codings = (answer.contentEncoding ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  if (codings.length === 0 || codings.some((coding) => DECODERS[coding] === undefined)) {
    return body;
  }
  if (codings.length > MAX_CODINGS) throw new TooManyCodingsError(codings.length);
  let stream: Readable = body;
  for (const coding of codings.reverse()) {
    const decoder = (DECODERS[coding] as () => Transform)();
    const source = stream;
    source.on("error", (error) => decoder.destroy(error));
    decoder.on("close", () => source.destroy());
    stream = source.pipe(decoder);
  }
  return stream;
};
