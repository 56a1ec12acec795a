/**
 * A body as it arrived: its chunks, in order, each in an ArrayBuffer that holds it and nothing
 * else. A digest's page is handed to the worker thread as these chunks, transferred, so the
 * memory moves with them: joined into one buffer on the event loop instead, the socket's chunks
 * stayed behind as garbage that a thread allocating little collects rarely (about 30 MB of them
 * at the peak of a 100,000-ticket digest, which the process then kept).
 */
export type BodyChunks = readonly Uint8Array[];

/** Whether a chunk is the whole of its ArrayBuffer (so handing on the buffer hands on it alone). */
export const ownsItsBuffer = (chunk: Uint8Array): boolean =>
  chunk.byteOffset === 0 &&
  chunk.byteLength === chunk.buffer.byteLength &&
  chunk.buffer instanceof ArrayBuffer;

/** A copy in a buffer of its own (a Buffer's `slice()` would be a view of the same one). */
export const copyOf = (chunk: Uint8Array): Uint8Array => new Uint8Array(chunk);

export const bodyLength = (body: BodyChunks): number => {
  let length = 0;
  for (const chunk of body) length += chunk.byteLength;
  return length;
};

/** The body in one buffer (the chunk itself when there is only one, whatever it is a view of). */
export const joinBody = (body: BodyChunks): Uint8Array => {
  const [only] = body;
  if (body.length === 1 && only !== undefined) return only;
  const joined = new Uint8Array(bodyLength(body));
  let at = 0;
  for (const chunk of body) {
    joined.set(chunk, at);
    at += chunk.byteLength;
  }
  return joined;
};

/** The byte at `index`, or `undefined` past the end. */
export const byteAt = (body: BodyChunks, index: number): number | undefined => {
  let at = index;
  for (const chunk of body) {
    if (at < chunk.byteLength) return chunk[at];
    at -= chunk.byteLength;
  }
  return undefined;
};

/** Where the first byte at or after `from` that `found` accepts is, or -1. */
export const firstIndexWhere = (
  body: BodyChunks,
  from: number,
  found: (byte: number) => boolean,
): number => {
  let base = 0;
  for (const chunk of body) {
    for (let i = Math.max(0, from - base); i < chunk.byteLength; i++) {
      if (found(chunk[i] as number)) return base + i;
    }
    base += chunk.byteLength;
  }
  return -1;
};

/** Where the last byte that `found` accepts is, or -1. */
export const lastIndexWhere = (body: BodyChunks, found: (byte: number) => boolean): number => {
  let end = bodyLength(body);
  for (let c = body.length - 1; c >= 0; c--) {
    const chunk = body[c] as Uint8Array;
    end -= chunk.byteLength;
    for (let i = chunk.byteLength - 1; i >= 0; i--) {
      if (found(chunk[i] as number)) return end + i;
    }
  }
  return -1;
};
