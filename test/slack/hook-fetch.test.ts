import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { headerOf, hookFetch, hookSend } from "../../src/slack/hook-fetch";
import { freePort } from "../support/ports";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

const listen = async (handle: RequestListener) => {
  server = createServer(handle);
  await new Promise<void>((done) => server?.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/1`;
};

describe("hookFetch (response_url posts)", () => {
  it("posts the body with its headers, and answers as fetch would: status, headers, text", async () => {
    const seen: { method?: string; type?: string; length?: string; body: string }[] = [];
    const url = await listen((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => {
        seen.push({
          method: req.method,
          type: req.headers["content-type"],
          length: req.headers["content-length"],
          body,
        });
        res.writeHead(429, { "retry-after": "3", "content-type": "text/plain" });
        res.end("rate_limited");
      });
    });
    const body = JSON.stringify({ text: "ünïcode ✓" });
    const response = await hookFetch()(url, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body,
    });
    expect(seen).toEqual([
      {
        method: "POST",
        type: "application/json; charset=utf-8",
        length: String(Buffer.byteLength(body)),
        body,
      },
    ]);
    expect(response.status).toBe(429);
    expect(response.ok).toBe(false);
    expect(response.headers.get("retry-after")).toBe("3");
    expect(await response.text()).toBe("rate_limited");
  });

  it("reports a refused connection as fetch does: a TypeError naming the cause", async () => {
    const error = await hookFetch()(`http://127.0.0.1:${await freePort()}/x`, {
      method: "POST",
      body: "{}",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
  });

  it("rejects with the signal's reason when it aborts, and lets go of the connection", async () => {
    let closed = false;
    const url = await listen((req) => {
      req.socket.on("close", () => {
        closed = true;
      });
    });
    const controller = new AbortController();
    const pending = hookFetch()(url, { method: "POST", body: "{}", signal: controller.signal });
    setTimeout(() => controller.abort(new Error("deadline")), 50);
    await expect(pending).rejects.toEqual(new Error("deadline"));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(true);
  });
});

describe("hookFetch's bodies", () => {
  it("refuses a body that is not a string instead of sending none", async () => {
    await expect(
      hookFetch()("http://127.0.0.1:9/x", { method: "POST", body: new Uint8Array([1]) }),
    ).rejects.toThrow(TypeError);
  });
});

describe("hookSend (what the responder uses: no Response built)", () => {
  it("answers with the status, every header by lower-case name, and the whole text", async () => {
    const url = await listen((req, res) => {
      req.resume();
      req.on("end", () => {
        res.setHeader("Retry-After", "7");
        res.setHeader("X-Several", ["a", "b"]);
        res.writeHead(503).end("try later");
      });
    });
    const answer = await hookSend()(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(answer.status).toBe(503);
    expect(answer.text).toBe("try later");
    expect(headerOf(answer, "Retry-After")).toBe("7");
    expect(headerOf(answer, "x-several")).toBe("a, b");
    expect(headerOf(answer, "missing")).toBeUndefined();
  });
});
