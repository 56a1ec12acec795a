import { WebAPIRateLimitedError } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { retryRateLimited } from "../../src/slack/rate-limit";

/** What the Web API client rejects with on a 429 (it does not pause its whole queue). */
const rateLimited = (retryAfterSeconds: number) => new WebAPIRateLimitedError(retryAfterSeconds);

describe("retryRateLimited", () => {
  it("waits out Slack's Retry-After, for this call only, then succeeds", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryRateLimited(
      async () => {
        calls += 1;
        if (calls === 1) throw rateLimited(2);
        return "ok";
      },
      { maxWaitMs: 5000, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe("ok");
    expect(waits).toEqual([2000]);
  });

  it("gives up at once on a wait longer than the caller can afford (a modal's 3 s)", async () => {
    let calls = 0;
    const failing = retryRateLimited(
      async () => {
        calls += 1;
        throw rateLimited(30);
      },
      { maxWaitMs: 2000, sleep: async () => {} },
    );
    await expect(failing).rejects.toMatchObject({ retryAfter: 30 });
    expect(calls).toBe(1);
  });

  it("does not retry anything but a rate limit, and stops after its retries", async () => {
    let calls = 0;
    await expect(
      retryRateLimited(
        async () => {
          calls += 1;
          throw new Error("channel_not_found");
        },
        { maxWaitMs: 5000, sleep: async () => {} },
      ),
    ).rejects.toThrow("channel_not_found");
    expect(calls).toBe(1);

    calls = 0;
    await expect(
      retryRateLimited(
        async () => {
          calls += 1;
          throw rateLimited(1);
        },
        { maxWaitMs: 5000, retries: 2, sleep: async () => {} },
      ),
    ).rejects.toMatchObject({ retryAfter: 1 });
    expect(calls).toBe(3);
  });
});
