import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ownsItsBuffer } from "../../src/tickets/body-chunks";
import type { PanelRequest } from "../../src/tickets/panel-pool";
import {
  type Exchange,
  fetchTransport,
  type PanelTransport,
  requestTransport,
} from "../../src/tickets/panel-transport";
import { readAnswer } from "../../src/tickets/read-answer";

/**
 * Which chunks of a body `readAnswer` keeps as they came and which it copies: a chunk it keeps
 * may be handed to another thread, emptying it here, so it must be the whole of a buffer that
 * nothing else holds. Exchanges are made by hand here; over real sockets in
 * read-digest-body.test.ts.
 */

const URL_ = new URL("http://panel.test/api/ticket");
const read = (transport: PanelTransport) =>
  readAnswer(URL_, {
    transport,
    headers: {},
    signal: new AbortController().signal,
    maxBytes: 1_000_000,
    maxRedirects: 0,
  });
const exchangeOf =
  (chunks: Uint8Array[], ownsChunks: boolean): PanelTransport =>
  async () =>
    ({
      status: 200,
      headers: new Headers(),
      ownsChunks,
      async *chunks() {
        yield* chunks;
      },
      discard: () => {},
    }) satisfies Exchange;
const bytes = (text: string) => new TextEncoder().encode(text);

describe("readAnswer's chunks", () => {
  it("keeps a chunk as it came when the exchange gives it away and it fills its buffer", async () => {
    const given = [bytes('{"a":'), bytes("1}")];
    const { body } = await read(exchangeOf(given, true));
    expect(body).toHaveLength(2);
    expect(body[0]).toBe(given[0]);
    expect(body[1]).toBe(given[1]);
  });

  it("copies every chunk of an exchange that does not give its chunks away", async () => {
    const given = [bytes('{"a":'), bytes("1}")];
    const { body } = await read(exchangeOf(given, false));
    expect(body.map((chunk) => chunk.buffer)).not.toContain(given[0]?.buffer);
    expect(body.map((chunk) => chunk.buffer)).not.toContain(given[1]?.buffer);
    for (const chunk of given) chunk.fill(0);
    expect(new TextDecoder().decode(Buffer.concat(body))).toBe('{"a":1}');
  });

  it("copies a chunk that is only part of its buffer, even from an exchange that gives it away", async () => {
    const shared = bytes('HTTP/1.1 200 OK\r\n\r\n{"a":1}');
    const head = shared.subarray(19, 24);
    const tail = shared.subarray(24);
    const { body } = await read(exchangeOf([head, tail], true));
    expect(body.every(ownsItsBuffer)).toBe(true);
    expect(body.map((chunk) => chunk.buffer)).not.toContain(shared.buffer);
    shared.fill(0);
    expect(new TextDecoder().decode(Buffer.concat(body))).toBe('{"a":1}');
  });

  it("gives away undici's chunks only when no decoder made them", async () => {
    const page = '{"data":[],"meta":{}}';
    const answer =
      (headers: Record<string, string>, payload: Buffer): PanelRequest =>
      async () =>
        ({
          statusCode: 200,
          headers,
          body: Readable.from([payload]),
        }) as unknown as Awaited<ReturnType<PanelRequest>>;
    const init = { headers: {}, signal: new AbortController().signal };
    const plain = await requestTransport(answer({}, Buffer.from(page)))(URL_, init);
    expect(plain.ownsChunks).toBe(true);
    const gzipped = await requestTransport(answer({ "content-encoding": "gzip" }, gzipSync(page)))(
      URL_,
      init,
    );
    expect(gzipped.ownsChunks).toBe(false);
    const fetched = await fetchTransport(async () => new Response(page))(URL_, init);
    expect(fetched.ownsChunks).toBe(false);
  });
});
