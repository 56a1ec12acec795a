import { afterEach, describe, expect, it } from "vitest";
import { type SlackStandIn, startSlackStandIn } from "../src/demo/fakes/slack-stand-in";
import { makeTicket } from "../src/sample-api/generate-tickets";
import { type SampleApi, startSampleApi } from "../src/sample-api/sample-api-server";
import { runScript } from "./support/run-script";

const TOKEN = "panel-token-for-digest-job";
let api: SampleApi | undefined;
let slack: SlackStandIn | undefined;
afterEach(async () => {
  await Promise.all([api?.close(), slack?.close()]);
  api = undefined;
  slack = undefined;
});

const setUp = async (
  options: { tickets?: unknown[]; failChannel?: string; status?: number } = {},
) => {
  api = await startSampleApi({
    tickets: (options.tickets ?? [
      makeTicket({ state_id: 2, ticket_id: 100001, id: 100001 }),
    ]) as never,
    token: TOKEN,
    intercept: options.status
      ? () => ({ status: options.status, body: { message: "down" } })
      : undefined,
  });
  slack = await startSlackStandIn({
    webApi: (call) =>
      call.method === "chat.postMessage" && call.body.channel === options.failChannel
        ? { body: { ok: false, error: "channel_not_found" } }
        : undefined,
  });
  return {
    SLACK_BOT_TOKEN: "xoxb-digest-job-token",
    SLACK_API_URL: slack.apiUrl,
    SLACK_HOOKS_URL: slack.origin,
    TICKET_API_URL: api.url,
    TICKET_API_TOKEN: TOKEN,
    TICKET_API_TIMEOUT_MS: "2000",
    DIGEST_CHANNEL: "C0AAAAAAA,C0BBBBBBB",
  };
};

const posted = () =>
  slack?.calls.items.filter((c) => c.method === "chat.postMessage").map((c) => c.body.channel);

/**
 * `npm run digest` as a real process: its exit codes, what it reads from the environment and
 * writes to stderr. What a digest holds and when it is posted is tested in this process
 * (test/flows/digest.test.ts, test/slack/digest.integration.test.ts).
 */
describe("npm run digest (a real process)", () => {
  it("posts to every channel and exits 0, needing neither signing secret nor app token, even with a malformed ticket", async () => {
    const tickets = Array.from({ length: 300 }, (_, i) =>
      makeTicket({ state_id: 2, ticket_id: 100001 + i, id: 100001 + i }),
    ) as unknown as Record<string, unknown>[];
    tickets[150] = { ...tickets[150], updated_at: null };
    const env = await setUp({ tickets });
    const result = await runScript("src/digest-once.ts", env);
    expect(result.code).toBe(0);
    expect(posted()).toEqual(["C0AAAAAAA", "C0BBBBBBB"]);
    const text = JSON.stringify(slack?.calls.items[0]?.body.blocks);
    expect(text).toContain("300 tickets waiting for support");
    expect(text).toContain("1 waiting ticket could not be read");
    // The operator learns which ticket and why.
    expect(result.stderr).toMatch(/#100151: updated_at/);
  });

  it("exits 1 after trying every channel when one cannot be posted to", async () => {
    const env = await setUp({ failChannel: "C0AAAAAAA" });
    const result = await runScript("src/digest-once.ts", env);
    expect(result.code).toBe(1);
    expect(posted()).toEqual(["C0AAAAAAA", "C0BBBBBBB"]);
    expect(result.stderr).toContain("channel_not_found");
  });

  it("exits 1 and posts nothing when the ticket API fails, printing no secret", async () => {
    const env = await setUp({ status: 401 });
    const result = await runScript("src/digest-once.ts", env);
    expect(result.code).toBe(1);
    expect(posted()).toEqual([]);
    expect(result.stderr).not.toContain(TOKEN);
  });

  it("exits 2 naming the problem when DIGEST_CHANNEL is missing", async () => {
    const { DIGEST_CHANNEL: _, ...env } = await setUp();
    const result = await runScript("src/digest-once.ts", env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DIGEST_CHANNEL");
    expect(slack?.calls.items).toEqual([]);
  });
});
