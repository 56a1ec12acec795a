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

/**
 * Frees the body's memory now, where Node can (`ArrayBuffer.prototype.transfer`, Node 22 and
 * later); its chunks are empty afterwards. Buffers handed to a thread are otherwise freed only
 * when a full collection finds them there: on Node 24, up to 70 MB of a digest's pages waited
 * in its thread for one. Node 20 frees them sooner of its own accord, and has no way to ask.
 */
export const releaseBody = (body: BodyChunks): void => {
  for (const chunk of body) {
    const buffer = chunk.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
    // An empty buffer holds nothing, and one already let go cannot be let go again.
    if (buffer.byteLength > 0) buffer.transfer?.(0);
  }
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
