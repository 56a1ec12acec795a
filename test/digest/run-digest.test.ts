import { describe, expect, it } from "vitest";
import { digestSucceeded, type RunDigestDeps, runDigest } from "../../src/digest/run-digest";
import type { DigestSummary } from "../../src/digest/types";
import { silentLogger } from "../../src/logger";
import {
  TicketApiAuthError,
  TicketApiNotJsonError,
  TicketApiRateLimitError,
  TicketApiRedirectError,
  TicketApiServerError,
  TicketApiTooLargeError,
} from "../../src/tickets/errors";

const summary = (total: number): DigestSummary => ({
  total,
  approximate: false,
  counted: total,
  overdueCount: 0,
  unseenCount: 0,
  byCategory: [],
  top: [],
  unreadable: 0,
  generatedAt: new Date(0),
});

const deps = (
  over: Partial<RunDigestDeps<string>>,
): RunDigestDeps<string> & { posts: [string, string][] } => {
  const posts: [string, string][] = [];
  return {
    posts,
    channels: ["C1", "C2", "C3"],
    postWhenEmpty: false,
    collect: async () => summary(5),
    render: (s) => `digest of ${s.total}`,
    renderEmpty: () => "nothing waiting",
    post: async (channel, message) => {
      posts.push([channel, message]);
    },
    logger: silentLogger(),
    now: () => new Date(0),
    sleep: async () => {},
    ...over,
  };
};

describe("runDigest", () => {
  it("posts the same digest to every channel", async () => {
    const d = deps({});
    const outcome = await runDigest(d);
    expect(d.posts).toEqual([
      ["C1", "digest of 5"],
      ["C2", "digest of 5"],
      ["C3", "digest of 5"],
    ]);
    expect(outcome).toMatchObject({
      kind: "posted",
      total: 5,
      posted: ["C1", "C2", "C3"],
      failed: [],
    });
    expect(digestSucceeded(outcome)).toBe(true);
  });

  it("keeps posting to the other channels when one fails, and reports it", async () => {
    const d = deps({});
    const inner = d.post;
    d.post = async (channel, message) => {
      if (channel === "C2") throw new Error("Slack refused the post (not_in_channel)");
      await inner(channel, message);
    };
    const outcome = await runDigest(d);
    expect(d.posts.map(([c]) => c)).toEqual(["C1", "C3"]);
    expect(outcome).toMatchObject({
      failed: [{ channel: "C2", reason: expect.stringContaining("not_in_channel") }],
    });
    expect(digestSucceeded(outcome)).toBe(false);
  });

  it("posts nothing at all when the digest cannot be built", async () => {
    const d = deps({
      collect: async () => Promise.reject(new TicketApiAuthError(401, "bad token")),
    });
    const outcome = await runDigest(d);
    expect(outcome.kind).toBe("not-built");
    expect(d.posts).toEqual([]);
    expect(digestSucceeded(outcome)).toBe(false);
  });

  it("retries a transient failure a bounded number of times with growing waits", async () => {
    const waits: number[] = [];
    let calls = 0;
    const d = deps({
      attempts: 3,
      backoffMs: 100,
      sleep: async (ms) => {
        waits.push(ms);
      },
      collect: async () => {
        calls += 1;
        throw new TicketApiServerError(502);
      },
    });
    expect((await runDigest(d)).kind).toBe("not-built");
    expect(calls).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it("recovers when a retry succeeds", async () => {
    let calls = 0;
    const d = deps({
      collect: async () => {
        calls += 1;
        if (calls === 1) throw new TicketApiServerError(503);
        return summary(2);
      },
    });
    expect(await runDigest(d)).toMatchObject({ kind: "posted", total: 2 });
  });

  it("waits out a rate limit until the time the API gave, then retries", async () => {
    const waits: number[] = [];
    let calls = 0;
    const d = deps({
      backoffMs: 100,
      now: () => new Date(0),
      sleep: async (ms) => {
        waits.push(ms);
      },
      collect: async () => {
        calls += 1;
        if (calls === 1) throw new TicketApiRateLimitError(new Date(30_000));
        return summary(4);
      },
    });
    expect(await runDigest(d)).toMatchObject({ kind: "posted", total: 4 });
    expect(waits).toEqual([30_000]);
  });

  it("gives up on a rate limit that asks for too long a wait", async () => {
    let calls = 0;
    const d = deps({
      now: () => new Date(0),
      collect: async () => {
        calls += 1;
        throw new TicketApiRateLimitError(new Date(3_600_000));
      },
    });
    expect((await runDigest(d)).kind).toBe("not-built");
    expect(calls).toBe(1);
  });

  it("retries what the error calls transient, and only that", async () => {
    const attemptsFor = async (error: Error) => {
      let calls = 0;
      await runDigest(
        deps({
          collect: async () => {
            calls += 1;
            throw error;
          },
        }),
      );
      return calls;
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
    let calls = 0;
    const d = deps({
      collect: async () => {
        calls += 1;
        throw new TicketApiAuthError(401, undefined);
      },
    });
    await runDigest(d);
    expect(calls).toBe(1);
  });

  it("posts nothing when nothing waits, unless asked to", async () => {
    const quiet = deps({ collect: async () => summary(0) });
    expect(await runDigest(quiet)).toMatchObject({ kind: "empty", posted: [] });
    expect(quiet.posts).toEqual([]);

    const loud = deps({ collect: async () => summary(0), postWhenEmpty: true });
    expect(await runDigest(loud)).toMatchObject({ kind: "empty", posted: ["C1", "C2", "C3"] });
    expect(loud.posts[0]).toEqual(["C1", "nothing waiting"]);
  });
});
