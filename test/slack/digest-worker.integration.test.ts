import { describe, expect, it } from "vitest";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import type { RecordedRequest } from "../../src/sample-api/sample-api-server";
import { type Harness, useHarness } from "../support/bot-harness";

/**
 * A digest as the bot runs it: its pages fetched here and read on a worker thread. What goes
 * wrong on that thread (a malformed page, the wrong shape) and what stops it (a page that never
 * comes, the bot shutting down) ends the digest as it would on one thread: retried when it may
 * pass, nothing posted when it cannot be built, said so in the log.
 */

const start = useHarness();

const WAITING = 2500;
const queue = Array.from({ length: WAITING }, (_, i) =>
  makeTicket({ id: 100_001 + i, ticket_id: 100_001 + i, state_id: 2 }),
);
const env = { DIGEST_CHANNEL: "C0AAAAAAA" };
const pageOf = (req: RecordedRequest) => Number(req.query.get("page"));
const posts = (h: Harness) => h.slack.calls.items.filter((c) => c.method === "chat.postMessage");

describe("a digest read on its worker thread", () => {
  it("reads a queue of three pages and posts it, retrying a malformed page until it reads", async () => {
    let malformed = 1;
    const h = await start({
      tickets: queue,
      env,
      intercept: (req) =>
        pageOf(req) === 2 && malformed-- > 0
          ? {
              status: 200,
              headers: { "content-type": "application/json" },
              // Braces at both ends, so it crosses to the thread before anything parses it.
              body: '{"data": [{"ticket_id": 1, "subject": "cut off here}',
            }
          : undefined,
    });
    await h.bot.runDigestNow();
    expect(h.bot.lastDigest()).toMatchObject({ kind: "posted", total: WAITING, failed: [] });
    expect(String(posts(h)[0]?.body.text)).toMatch(/^2,500 tickets waiting/);
    // The page failed on the thread as not JSON (which may pass), so the digest was tried again.
    expect(h.logs.join("\n")).toMatch(
      /digest could not be built \(attempt 1 of 3\): TicketApiNotJsonError: .*retrying/,
    );
  });

  it("posts no digest when a page has the wrong shape (only the failure notice), and does not retry what cannot pass", async () => {
    const h = await start({
      tickets: queue,
      env,
      intercept: (req) =>
        pageOf(req) === 3
          ? { status: 200, body: { data: "nothing", meta: { current_page: 3 } } }
          : undefined,
    });
    await h.bot.runDigestNow();
    expect(posts(h).map((c) => String(c.body.text))).toEqual([
      expect.stringMatching(
        /could not be posted: the ticket panel answered in a form the bot does not understand/,
      ),
    ]);
    expect(h.bot.lastDigest()).toMatchObject({ kind: "not-built" });
    await h.waitForLog(
      /digest could not be built \(attempt 1 of 3\): TicketApiShapeError: ticket API answered an unexpected shape: data: .*nothing was posted/,
    );
    expect(h.api.requests.filter((r) => pageOf(r) === 3)).toHaveLength(1);
  });

  it("posts no digest when a page never comes, after the client's and the digest's retries: only the failure notice", async () => {
    const h = await start({
      tickets: queue,
      env: { ...env, TICKET_API_TIMEOUT_MS: "200" },
      intercept: (req) => (pageOf(req) === 2 ? { hang: true } : undefined),
    });
    await h.bot.runDigestNow();
    expect(posts(h).map((c) => String(c.body.text))).toEqual([
      expect.stringMatching(/could not be posted: the ticket panel did not answer in time/),
    ]);
    expect(h.bot.lastDigest()).toMatchObject({ kind: "not-built" });
    await h.waitForLog(
      /digest could not be built \(attempt 3 of 3\): TicketApiTimeoutError: .*nothing was posted/,
    );
  });

  it("stops a digest still reading when the bot shuts down, and posts nothing", async () => {
    let asked = 0;
    const h = await start({
      tickets: queue,
      env,
      intercept: (req) => {
        if (pageOf(req) === 1) return undefined;
        asked += 1;
        return { delayMs: 60_000 };
      },
    });
    const running = h.bot.runDigestNow();
    while (asked < 2) await new Promise((r) => setTimeout(r, 10));
    // Its grace (a second) runs out while the pages are still on their way.
    await h.stop();
    await running;
    expect(h.bot.lastDigest()).toMatchObject({ kind: "not-built" });
    expect(posts(h)).toEqual([]);
    expect(h.logs.join("\n")).toMatch(
      /digest stopped before it was built \(Error: the bot is shutting down\); nothing was posted/,
    );
  });
});
