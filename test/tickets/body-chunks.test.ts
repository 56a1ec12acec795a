import { describe, expect, it } from "vitest";
import { bodyLength, copyOf, ownsItsBuffer, releaseBody } from "../../src/tickets/body-chunks";
import { decodeBody, looksLikeJsonObject } from "../../src/tickets/interpret-answer";

/** `text`'s bytes cut at the given offsets, each piece in a buffer of its own. */
const cut = (text: string | Uint8Array, ...at: number[]): Uint8Array[] => {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  const edges = [0, ...at, bytes.byteLength];
  return edges.slice(1).map((end, i) => bytes.slice(edges[i], end));
};
const BOM = [0xef, 0xbb, 0xbf];

describe("a body in chunks", () => {
  it("is judged a JSON object by its first and last bytes, wherever the chunks are cut", () => {
    const text = ' \n{"data":[]}\t ';
    for (let a = 0; a <= text.length; a++) {
      for (let b = a; b <= text.length; b++) {
        expect(looksLikeJsonObject(cut(text, a, b))).toBe(true);
      }
    }
  });

  it("skips a byte order mark even when the chunks cut it in two", () => {
    const bytes = new Uint8Array([...BOM, ...new TextEncoder().encode(' {"a":1}')]);
    for (let a = 0; a <= 4; a++) expect(looksLikeJsonObject(cut(bytes, a))).toBe(true);
    // A mark anywhere else is no whitespace.
    const late = new Uint8Array([0x20, ...BOM, 0x7b, 0x7d]);
    expect(looksLikeJsonObject(cut(late, 2))).toBe(false);
  });

  it("refuses what cannot be an object: empty, blank, cut off, an array, a lone brace", () => {
    for (const chunks of [
      [],
      [new Uint8Array(0)],
      cut("   ", 1),
      cut('{"a":', 2),
      cut("[1]"),
      cut("{"),
      cut(" { ", 1),
      cut("<h1>{}</h1>", 4),
    ]) {
      expect(looksLikeJsonObject(chunks)).toBe(false);
    }
  });

  it("decodes a character that the chunks cut in two", () => {
    const text = '{"subject":"سرور پایین است ✓"}';
    const bytes = new TextEncoder().encode(text);
    for (let a = 0; a <= bytes.byteLength; a++) expect(decodeBody(cut(bytes, a))).toBe(text);
  });

  it("is let go of where Node can: its chunks empty, their memory freed", () => {
    const chunks = cut('{"a":1}', 3);
    releaseBody(chunks);
    releaseBody(chunks);
    const canLetGo = "transfer" in ArrayBuffer.prototype;
    // Node 22 and later free the buffers at once; Node 20 leaves them to its collector.
    expect(bodyLength(chunks)).toBe(canLetGo ? 0 : 7);
  });

  it("copies a Buffer's view into a buffer of its own, where Buffer's slice() would share it", () => {
    const pool = Buffer.from("headers|body");
    const view = pool.subarray(8);
    expect(ownsItsBuffer(view)).toBe(false);
    expect(ownsItsBuffer(view.slice())).toBe(false);
    const copy = copyOf(view);
    expect(ownsItsBuffer(copy)).toBe(true);
    pool.fill(0);
    expect(new TextDecoder().decode(copy)).toBe("body");
  });
});
