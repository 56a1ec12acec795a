import type { WebClient } from "@slack/web-api";
import { WebAPIPlatformError, WebAPIRateLimitedError } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger";
import { createDigestPoster, DigestPostError } from "../../src/slack/digest-poster";

const message = { text: "5 waiting", blocks: [] };

describe("createDigestPoster", () => {
  /** A poster on simulated time: `sleep` advances the clock instead of waiting. */
  const poster = (
    answer: (channel: string, call: number) => Error | undefined = () => undefined,
  ) => {
    let now = 0;
    const posts: { channel: string; at: number; unfurl: unknown }[] = [];
    const waits: number[] = [];
    let calls = 0;
    const client = {
      chat: {
        postMessage: async (args: { channel: string; unfurl_links?: boolean }) => {
          calls += 1;
          const error = answer(args.channel, calls);
          if (error) throw error;
          posts.push({ channel: args.channel, at: now, unfurl: args.unfurl_links });
          return { ok: true };
        },
      },
    } as unknown as WebClient;
    const post = createDigestPoster({
      client,
      logger: silentLogger(),
      clock: { now: () => new Date(now) },
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    return { post, posts, waits };
  };

  it("posts with link previews off, no faster than once a second per channel", async () => {
    const p = poster();
    await p.post("C1", message);
    await p.post("C2", message);
    await p.post("C1", message);
    expect(p.posts).toEqual([
      { channel: "C1", at: 0, unfurl: false },
      { channel: "C2", at: 0, unfurl: false },
      { channel: "C1", at: 1000, unfurl: false },
    ]);
  });

  it("waits out a rate limit for that channel, then posts", async () => {
    const limited = Object.setPrototypeOf(
      Object.assign(new Error("ratelimited"), { retryAfter: 3 }),
      WebAPIRateLimitedError.prototype,
    );
    const p = poster((_c, call) => (call === 1 ? limited : undefined));
    await p.post("C1", message);
    expect(p.posts).toHaveLength(1);
    expect(p.waits).toContain(3000);
  });

  it("says what an operator should do about Slack's refusal", async () => {
    const refused = Object.setPrototypeOf(
      Object.assign(new Error("not_in_channel"), { data: { ok: false, error: "not_in_channel" } }),
      WebAPIPlatformError.prototype,
    );
    const p = poster(() => refused);
    const error = await p.post("C1", message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestPostError);
    expect((error as Error).message).toBe(
      "Slack refused the post (not_in_channel): the bot is not a member of this channel: invite it (/invite @Tickets), or add the chat:write.public scope to manifest.yml and reinstall",
    );
  });
});
