import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type SlackStandIn, startSlackStandIn } from "../src/demo/fakes/slack-stand-in";
import { makeTicket } from "../src/sample-api/generate-tickets";
import { type SampleApi, startSampleApi } from "../src/sample-api/sample-api-server";
import { runScript } from "./support/run-script";

const TOKEN = "panel-token-for-digest-job";
let api: SampleApi | undefined;
let slack: SlackStandIn | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all([api?.close(), slack?.close()]);
  api = undefined;
  slack = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const setUp = async (
  options: { tickets?: unknown[]; failChannel?: () => string | undefined; status?: number } = {},
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
      call.method === "chat.postMessage" && call.body.channel === options.failChannel?.()
        ? { body: { ok: false, error: "channel_not_found" } }
        : undefined,
  });
  // One database for every run of a test: what a retry finds is what the run before left.
  const dir = mkdtempSync(join(tmpdir(), "digest-job-"));
  dirs.push(dir);
  return {
    SLACK_BOT_TOKEN: "xoxb-digest-job-token",
    SLACK_API_URL: slack.apiUrl,
    SLACK_HOOKS_URL: slack.origin,
    TICKET_API_URL: api.url,
    TICKET_API_TOKEN: TOKEN,
    TICKET_API_TIMEOUT_MS: "2000",
    DIGEST_CHANNEL: "C0AAAAAAA,C0BBBBBBB",
    DATABASE_PATH: join(dir, "tickets.db"),
  };
};

const posted = () =>
  slack?.calls.items.filter((c) => c.method === "chat.postMessage").map((c) => c.body.channel);

/** Minutes left in this hour: a test whose two runs must fall in one hourly slot waits it out. */
const awayFromTheHour = async () => {
  const now = new Date();
  if (now.getUTCMinutes() === 59 && now.getUTCSeconds() > 30) {
    await new Promise((resolve) => setTimeout(resolve, (61 - now.getUTCSeconds()) * 1000));
  }
};

/**
 * `npm run digest` as a real process: its exit codes, its arguments, what it reads from the
 * environment and writes to stderr, and what a retry posts. What a digest holds is tested in this
 * process (test/flows/digest.test.ts, test/slack/digest.integration.test.ts); the due slots
 * themselves in test/flows/digest-job.test.ts.
 */
describe("npm run digest (a real process)", () => {
  it("--now posts to every channel and exits 0, needing neither signing secret nor app token, even with a malformed ticket", async () => {
    const tickets = Array.from({ length: 300 }, (_, i) =>
      makeTicket({ state_id: 2, ticket_id: 100001 + i, id: 100001 + i }),
    ) as unknown as Record<string, unknown>[];
    tickets[150] = { ...tickets[150], updated_at: null };
    const env = await setUp({ tickets });
    const result = await runScript("src/digest-once.ts", env, ["--now"]);
    expect(result.code).toBe(0);
    expect(posted()?.sort()).toEqual(["C0AAAAAAA", "C0BBBBBBB"]);
    const text = JSON.stringify(
      slack?.calls.items.find((c) => c.method === "chat.postMessage")?.body.blocks,
    );
    expect(text).toContain("300 tickets waiting for support");
    expect(text).toContain("1 waiting ticket could not be read");
    // The operator learns which ticket and why.
    expect(result.stderr).toMatch(/#100151: updated_at/);
  });

  it("exits 1 when one channel cannot be posted to, and a retry posts only to that channel", async () => {
    await awayFromTheHour();
    let refusing: string | undefined = "C0AAAAAAA";
    // Every hour on the hour: whenever the test runs, that slot is due (within the last hour).
    const env = { ...(await setUp({ failChannel: () => refusing })), DIGEST_SCHEDULE: "0 * * * *" };
    const first = await runScript("src/digest-once.ts", env);
    expect(first.code).toBe(1);
    // The refused digest and its failure notice (refused too: that channel never hears).
    expect(posted()?.sort()).toEqual(["C0AAAAAAA", "C0AAAAAAA", "C0BBBBBBB"]);
    expect(first.stderr).toContain("channel_not_found");

    // The retry a CronJob makes (backoffLimit): the slot that worked is not posted again, and
    // a channel that never heard of the failure hears of no recovery.
    refusing = undefined;
    const retry = await runScript("src/digest-once.ts", env);
    expect(retry.code).toBe(0);
    expect(posted()?.sort()).toEqual(["C0AAAAAAA", "C0AAAAAAA", "C0AAAAAAA", "C0BBBBBBB"]);
    // And once more, with everything done: nothing at all.
    const again = await runScript("src/digest-once.ts", env);
    expect(again.code).toBe(0);
    expect(posted()).toHaveLength(4);
    expect(again.stderr).toMatch(/already posted/);
  });

  it("exits 1 and posts no digest when the ticket API fails, only the notice naming the cause, printing no secret", async () => {
    const env = await setUp({ status: 401 });
    const result = await runScript("src/digest-once.ts", env, ["--now"]);
    expect(result.code).toBe(1);
    expect(posted()?.sort()).toEqual(["C0AAAAAAA", "C0BBBBBBB"]);
    for (const call of slack?.calls.items.filter((c) => c.method === "chat.postMessage") ?? []) {
      expect(String(call.body.text)).toMatch(/refused the bot's token .*TICKET_API_TOKEN/);
    }
    expect(result.stderr).not.toContain(TOKEN);
  });

  it("posts nothing and exits 0 when no digest is due", async () => {
    const env = { ...(await setUp()), DIGEST_SCHEDULE: "0 0 1 1 *" };
    const result = await runScript("src/digest-once.ts", env);
    expect(result.code).toBe(0);
    expect(posted()).toEqual([]);
    expect(result.stderr).toContain("no digest is due");
  });

  it("with DIGEST_SCHEDULE=off posts the operator's digest now, as it always did, and says how to make retries safe", async () => {
    const env = { ...(await setUp()), DIGEST_SCHEDULE: "off" };
    const result = await runScript("src/digest-once.ts", env);
    expect(result.code).toBe(0);
    expect(posted()?.sort()).toEqual(["C0AAAAAAA", "C0BBBBBBB"]);
    expect(result.stderr).toMatch(/DIGEST_SCHEDULE=off: .*set DIGEST_SCHEDULE/);
  });

  it("exits 2 naming the problem for an argument it does not take, and touches nothing", async () => {
    const env = await setUp();
    const bad = await runScript("src/digest-once.ts", env, ["--subscription", "twelve"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--subscription takes a digest's number");
    const unknown = await runScript("src/digest-once.ts", env, ["--everything"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--everything");
    expect(slack?.calls.items).toEqual([]);
  });

  it("exits 2 for --now with no operator digest and no --subscription, and for a digest that is not there", async () => {
    const { DIGEST_CHANNEL: _, ...env } = await setUp();
    const now = await runScript("src/digest-once.ts", env, ["--now"]);
    expect(now.code).toBe(2);
    expect(now.stderr).toContain(
      "--now posts the operator's digests, and DIGEST_CHANNEL names none",
    );
    const missing = await runScript("src/digest-once.ts", env, ["--subscription", "42", "--now"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("there is no digest 42");
    expect(posted()).toEqual([]);
  });
});
