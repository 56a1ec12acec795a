import { describe, expect, it } from "vitest";
import { digestSucceeded } from "../../src/digest/types";
import { type DigestDeps, previewDigest, runDigest } from "../../src/flows/digest";
import { en } from "../../src/i18n";
import { silentLogger } from "../../src/logger";
import type { SlackMessage } from "../../src/render/context";
import {
  TicketApiAuthError,
  TicketApiNotJsonError,
  TicketApiRateLimitError,
  TicketApiRedirectError,
  TicketApiServerError,
  TicketApiTooLargeError,
} from "../../src/tickets/errors";
import { fakeListTickets, makeQueue, NOW } from "../digest/fake-queue";

const DEFINITION = { top: 10, overdueHours: 24, postWhenEmpty: false };
const CHANNELS = ["C1", "C2", "C3"];
const SLOT = new Date("2026-03-10T09:00:00Z");

/** A digest run on a queue of `waiting` tickets, whose pages may be answered by `failWith`. */
const deps = (
  o: {
    waiting?: number;
    failWith?: (call: number) => Error | undefined;
    now?: Date;
  } & Partial<DigestDeps> = {},
) => {
  const posts: [string, SlackMessage][] = [];
  const waits: number[] = [];
  const fake = fakeListTickets(makeQueue(o.waiting ?? 5), {
    respond: (_page, served) => o.failWith?.(fake.calls.length) ?? served,
  });
  const clock = { now: () => o.now ?? NOW };
  const d: DigestDeps = {
    tickets: { listDigestRows: fake.listTickets },
    clock,
    logger: silentLogger(),
    renderContext: () => ({ t: en, now: clock.now(), timeZone: "UTC" }),
    post: async (channel, message) => {
      posts.push([channel, message]);
    },
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...o,
  };
  return { d, posts, waits, calls: () => fake.calls.length };
};

const run = (d: DigestDeps, definition = DEFINITION) =>
  runDigest(d, { definition, slot: SLOT, channels: CHANNELS });

describe("runDigest", () => {
  it("posts the same digest to every channel, and says which slot it was for", async () => {
    const { d, posts } = deps();
    const outcome = await run(d);
    expect(posts.map(([channel]) => channel)).toEqual(["C1", "C2", "C3"]);
    const [first] = posts;
    for (const [, message] of posts) expect(message).toBe(first?.[1]);
    expect(first?.[1].text).toMatch(/^5 tickets waiting for support · /);
    expect(outcome).toMatchObject({
      kind: "posted",
      total: 5,
      posted: ["C1", "C2", "C3"],
      failed: [],
      slot: SLOT,
      at: NOW,
    });
    expect(digestSucceeded(outcome)).toBe(true);
  });

  it("keeps posting to the other channels when one fails, and reports it", async () => {
    const { d, posts } = deps();
    const outcome = await run({
      ...d,
      post: async (channel, message) => {
        if (channel === "C2") throw new Error("Slack refused the post (not_in_channel)");
        await d.post(channel, message);
      },
    });
    expect(posts.map(([c]) => c)).toEqual(["C1", "C3"]);
    expect(outcome).toMatchObject({
      failed: [{ channel: "C2", reason: expect.stringContaining("not_in_channel") }],
    });
    expect(digestSucceeded(outcome)).toBe(false);
  });

  it("posts nothing at all when the digest cannot be built", async () => {
    const { d, posts } = deps({ failWith: () => new TicketApiAuthError(401, "bad token") });
    const outcome = await run(d);
    expect(outcome).toMatchObject({ kind: "not-built", slot: SLOT });
    expect(posts).toEqual([]);
    expect(digestSucceeded(outcome)).toBe(false);
  });

  it("retries a transient failure a bounded number of times with growing waits", async () => {
    const { d, waits, calls } = deps({
      retry: { attempts: 3, backoffMs: 100 },
      failWith: () => new TicketApiServerError(502),
    });
    expect((await run(d)).kind).toBe("not-built");
    expect(calls()).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it("recovers when a retry succeeds", async () => {
    const { d } = deps({
      waiting: 2,
      failWith: (call) => (call === 1 ? new TicketApiServerError(503) : undefined),
    });
    expect(await run(d)).toMatchObject({ kind: "posted", total: 2 });
  });

  it("waits out a rate limit until the time the API gave, then retries", async () => {
    const { d, waits } = deps({
      waiting: 4,
      now: new Date(0),
      retry: { backoffMs: 100 },
      failWith: (call) => (call === 1 ? new TicketApiRateLimitError(new Date(30_000)) : undefined),
    });
    expect(await run(d)).toMatchObject({ kind: "posted", total: 4 });
    expect(waits).toEqual([30_000]);
  });

  it("gives up on a rate limit that asks for too long a wait", async () => {
    const { d, calls } = deps({
      now: new Date(0),
      failWith: () => new TicketApiRateLimitError(new Date(3_600_000)),
    });
    expect((await run(d)).kind).toBe("not-built");
    expect(calls()).toBe(1);
  });

  it("retries what the error calls transient, and only that", async () => {
    const attemptsFor = async (error: Error) => {
      const { d, calls } = deps({ failWith: () => error });
      await run(d);
      return calls();
    };
    expect(await attemptsFor(new TicketApiServerError(500))).toBe(3);
    expect(await attemptsFor(new TicketApiNotJsonError(200, "text/html", "<html>"))).toBe(3);
    // A proxy's 404 page: the address is wrong, and asking again will not mend it.
    expect(await attemptsFor(new TicketApiNotJsonError(404, "text/html", "<html>"))).toBe(1);
    expect(await attemptsFor(new TicketApiTooLargeError(1000))).toBe(1);
    expect(await attemptsFor(new TicketApiRedirectError(302, "https://x", "other-origin"))).toBe(1);
    expect(await attemptsFor(new Error("a bug"))).toBe(1);
  });

  it("does not retry a refused token", async () => {
    const { d, calls } = deps({ failWith: () => new TicketApiAuthError(401, undefined) });
    await run(d);
    expect(calls()).toBe(1);
  });

  it("posts nothing when nothing waits, unless asked to", async () => {
    const quiet = deps({ waiting: 0 });
    const outcome = await run(quiet.d);
    expect(outcome).toMatchObject({ kind: "empty", posted: [] });
    expect(quiet.posts).toEqual([]);
    // A clear queue is a success: `npm run digest` exits 0.
    expect(digestSucceeded(outcome)).toBe(true);

    const loud = deps({ waiting: 0 });
    expect(await run(loud.d, { ...DEFINITION, postWhenEmpty: true })).toMatchObject({
      kind: "empty",
      posted: ["C1", "C2", "C3"],
    });
    expect(loud.posts[0]?.[0]).toBe("C1");
    expect(loud.posts[0]?.[1].text).toBe(
      "0 tickets waiting for support · as of 2026-03-10 12:00 UTC",
    );
  });

  it("lists as many tickets as the definition says, longest waiting first", async () => {
    const { d, posts } = deps({ waiting: 30 });
    await run(d, { ...DEFINITION, top: 3 });
    const text = JSON.stringify(posts[0]?.[1].blocks);
    expect(text).toContain("3 longest waiting");
  });
});

describe("previewDigest", () => {
  it("is the digest as it would be posted now", async () => {
    const { d, posts } = deps();
    const preview = await previewDigest(d, DEFINITION);
    await run(d);
    expect(preview).toEqual(posts[0]?.[1]);
  });

  it("says why when the digest cannot be built, and tries once", async () => {
    const { d, calls } = deps({ failWith: () => new TicketApiServerError(500) });
    const preview = await previewDigest(d, DEFINITION);
    expect(preview.text).toBe(
      "The ticket panel had an internal error (HTTP 500). Please try again in a minute.",
    );
    expect(calls()).toBe(1);
  });
});
