import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createSlackDriver } from "../../src/demo/fakes/slack-driver";
import { type SlackStandIn, startSlackStandIn } from "../../src/demo/fakes/slack-stand-in";
import { silentLogger } from "../../src/logger";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { type SampleApi, startSampleApi } from "../../src/sample-api/sample-api-server";
import { openStore, type StoreLocation } from "../../src/store/open-store";
import type { Store } from "../../src/store/store";
import type { DigestRun } from "../../src/store/types";
import { postgresTestEngine, sqliteTestEngine } from "../store/support/test-engines";
import { freePort } from "../support/ports";
import { type RunningProcess, runScript, startNodeScript } from "../support/run-script";
import { FAST_CLOCK_ENV, type FastTime } from "./support/fast-clock";

/**
 * Exactly once, across real processes: bot replicas (`npm start`'s own code, bot-process.ts)
 * and `npm run digest` (digest-job-process.ts), each its own Node process on one database.
 * Waiting three real minutes for three slots of a minutely schedule would be slow, so every
 * process runs on one shared fast clock (support/fast-clock.ts): sixty times real time, a slot
 * a second. The store, the scheduler and the leases all keep that time; only the speed differs
 * from production.
 */

const SIGNING_SECRET = "e2e-signing-secret";
const TICKET_TOKEN = "e2e-panel-token";
const BOT_ENTRY = "test/e2e/support/bot-entry.ts";
const DIGEST_ENTRY = "test/e2e/support/digest-entry.ts";
const LIMIT_MS = 45_000;

const sqlite = sqliteTestEngine();
const postgres = postgresTestEngine();
afterAll(async () => {
  await sqlite.cleanup();
  await postgres.cleanup();
});

const started: RunningProcess[] = [];
const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const p of started.splice(0)) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  await Promise.allSettled(closing.splice(0).map((c) => c.close()));
});

const waiting = Array.from({ length: 5 }, (_, i) =>
  makeTicket({ id: 100001 + i, ticket_id: 100001 + i, state_id: 2 }),
);

const world = async (o: { hold?: () => Promise<void> } = {}) => {
  const api: SampleApi = await startSampleApi({
    tickets: waiting as never,
    token: TICKET_TOKEN,
    intercept: o.hold
      ? async () => {
          await o.hold?.();
          return undefined;
        }
      : undefined,
  });
  const slack: SlackStandIn = await startSlackStandIn();
  closing.push(api, slack);
  return { api, slack };
};

const envFor = (
  w: { api: SampleApi; slack: SlackStandIn },
  location: StoreLocation,
  time: FastTime,
  extra: Record<string, string> = {},
): Record<string, string> => ({
  SLACK_BOT_TOKEN: "xoxb-e2e-token",
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: w.slack.apiUrl,
  SLACK_HOOKS_URL: w.slack.origin,
  TICKET_API_URL: w.api.url,
  TICKET_API_TOKEN: TICKET_TOKEN,
  TICKET_API_TIMEOUT_MS: "5000",
  DIGEST_SCHEDULE: "off",
  LOG_LEVEL: "info",
  [FAST_CLOCK_ENV]: JSON.stringify(time),
  ...(location.engine === "sqlite"
    ? { DATABASE_PATH: location.path }
    : { DATABASE_URL: location.url }),
  ...extra,
});

const startBot = async (env: Record<string, string>, owner: string) => {
  const port = await freePort();
  // Node itself, not a tsx wrapper around it: a SIGKILL must kill the bot, not its parent.
  const bot = startNodeScript(BOT_ENTRY, { ...env, PORT: String(port), E2E_OWNER: owner });
  started.push(bot);
  await bot.waitForOutput(/listening on port/, LIMIT_MS);
  return { bot, eventsUrl: `http://127.0.0.1:${port}/slack/events` };
};

const stop = async (p: RunningProcess) => {
  p.child.kill("SIGTERM");
  return p.exit;
};

const until = async <T>(what: string, probe: () => Promise<T | undefined>, limitMs = LIMIT_MS) => {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const digestPosts = (slack: SlackStandIn) =>
  slack.calls.items.filter(
    (c) => c.method === "chat.postMessage" && String(c.body.text).includes("waiting for support"),
  );

/**
 * What "exactly once" means, checked from both sides: every digest Slack received is the
 * recorded message of exactly one run, every run that posted recorded exactly one message, and
 * no slot has two runs (the store's unique key) or two messages.
 */
const expectExactlyOnce = (runs: DigestRun[], slack: SlackStandIn) => {
  const posted = runs.filter((r) => r.messageTs !== undefined);
  const received = digestPosts(slack).map((c) => String(c.body.channel));
  expect(received).toHaveLength(posted.length);
  const slots = runs.map((r) => r.slot.getTime());
  expect(new Set(slots).size).toBe(slots.length);
  expect(new Set(posted.map((r) => r.messageTs)).size).toBe(posted.length);
  for (const run of posted) expect(run.outcome).toBe("posted");
};

const runsOf = async (store: Store, subscriptionId: number) =>
  (await store.runs.lastRuns(subscriptionId, 100)).reverse();

describe("digests posted exactly once across real processes", () => {
  it("two bot replicas on one PostgreSQL post one digest per slot of a minutely schedule, three slots running", {
    timeout: 120_000,
  }, async (context) => {
    if (postgres.skipped) return context.skip(`PostgreSQL not tested: ${postgres.skipped}`);
    const w = await world();
    const location = await postgres.fresh();
    const now = Date.now();
    const time: FastTime = { realStart: now, virtualStart: now, speed: 60 };
    const env = envFor(w, location, time, { LOG_LEVEL: "debug" });
    const [a, b] = await Promise.all([startBot(env, "replica-a"), startBot(env, "replica-b")]);

    // Subscribed on replica A; replica B learns of it from the store, without a restart.
    const driver = createSlackDriver({
      eventsUrl: a.eventsUrl,
      signingSecret: SIGNING_SECRET,
      slack: w.slack,
    });
    const { responseId } = await driver.command('subscribe cron:"* * * * *" top:3');
    await driver.answerTo(responseId, LIMIT_MS);
    await b.bot.waitForOutput(/digest scheduler: 1 digest\(s\) scheduled/, LIMIT_MS);

    const store = await openStore(location, silentLogger());
    closing.push(store);
    const [subscription] = await store.subscriptions.listAll();
    if (!subscription) throw new Error("the subscription was not saved");
    await until("three posted slots", async () => {
      const posted = (await runsOf(store, subscription.id)).filter((r) => r.outcome === "posted");
      return posted.length >= 3 ? posted : undefined;
    });
    await Promise.all([stop(a.bot), stop(b.bot)]);

    const runs = await runsOf(store, subscription.id);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expectExactlyOnce(runs, w.slack);
    // Consecutive minutes, unless a replica said why not: at 60× a second of the machine's own
    // stall is a virtual minute, and a missed minute is coalesced into the next (by design).
    // Every run counts here (a slot whose panel request timed out on a loaded machine was still
    // run once); exactly-once of what was posted is checked above.
    const slots = runs.map((r) => r.slot.getTime());
    const said = `${a.bot.output()}\n${b.bot.output()}`;
    for (let i = 1; i < slots.length; i += 1) {
      const slot = slots[i] ?? 0;
      const gap = slot - (slots[i - 1] ?? 0);
      if (gap === 60_000) continue;
      const iso = new Date(slot).toISOString();
      const before = new Date((slots[i - 1] ?? 0) + 60_000).toISOString();
      const explained =
        said.includes(`missed slot(s) before ${iso} are not posted`) ||
        said.includes(`slot ${before} is skipped`) ||
        said.includes(`slot ${before} was missed`);
      expect(explained, `slot ${iso} follows the previous run by ${gap} ms, unexplained`).toBe(
        true,
      );
    }
    // Both replicas went for the slots: each posted some, or found one the other had.
    const posters = new Set(runs.map((r) => r.claimedBy));
    const contested = (out: string, other: string) =>
      new RegExp(`slot \\S+: (already posted|being posted) by ${other}`).test(out);
    expect(posters.has("replica-a") || contested(a.bot.output(), "replica-b")).toBe(true);
    expect(posters.has("replica-b") || contested(b.bot.output(), "replica-a")).toBe(true);
    expect(contested(a.bot.output(), "replica-b") || contested(b.bot.output(), "replica-a")).toBe(
      true,
    );
  });

  it("a bot and `npm run digest` racing on one SQLite file post each slot once", {
    timeout: 120_000,
  }, async () => {
    // A slower panel keeps both at work on the same slots at once. A virtual minute is 6 real
    // seconds here: long beside a run (so the bot never skips a slot for a run still going, as
    // it would at 60× on a loaded machine) and beside a job's start, so each job's due slot is
    // one the bot has taken or is about to.
    const w = await world({ hold: () => new Promise((resolve) => setTimeout(resolve, 300)) });
    const location = await sqlite.fresh();
    const now = Date.now();
    const time: FastTime = { realStart: now, virtualStart: now, speed: 10 };
    const env = envFor(w, location, time, {
      DIGEST_CHANNEL: "C0E2E0001",
      DIGEST_SCHEDULE: "* * * * *",
    });
    const { bot } = await startBot({ ...env, LOG_LEVEL: "debug" }, "the-bot");
    const jobs: { code: number | null; stderr: string }[] = [];
    for (let i = 0; i < 3; i += 1) {
      jobs.push(await runScript(DIGEST_ENTRY, { ...env, E2E_OWNER: `job-${i}` }, [], 60_000));
    }
    const store = await openStore(location, silentLogger());
    closing.push(store);
    const [operator] = await store.subscriptions.listAll();
    if (!operator) throw new Error("the operator digest was not synced");
    await until("three posted slots", async () => {
      const posted = (await runsOf(store, operator.id)).filter((r) => r.outcome === "posted");
      return posted.length >= 3 ? posted : undefined;
    });
    await stop(bot);

    for (const job of jobs) expect(job.code, job.stderr).toBe(0);
    const runs = await runsOf(store, operator.id);
    expect(runs.filter((r) => r.outcome === "posted").length).toBeGreaterThanOrEqual(3);
    expectExactlyOnce(runs, w.slack);
    // They met: a process found a slot another had done or was doing (the bot, or a job before
    // it: which ones meet depends on how fast a loaded machine starts each) and left it alone.
    const jobsMet = /already posted by (the-bot|job-\d)|being posted by another process/.test(
      jobs.map((j) => j.stderr).join("\n"),
    );
    const botMetJob = /slot \S+: (already posted|being posted) by job-\d/.test(bot.output());
    expect(jobsMet || botMetJob, `${jobs.map((j) => j.stderr).join("\n")}\n${bot.output()}`).toBe(
      true,
    );
  });

  it("a bot killed with SIGKILL between claiming a slot and posting it: the slot is taken over after its lease", {
    timeout: 120_000,
  }, async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let requests = 0;
    // The panel never answers the first request (the doomed bot's), and answers the rest.
    const w = await world({ hold: () => (requests++ === 0 ? held : Promise.resolve()) });
    closing.push({ close: async () => release() });
    const location = await sqlite.fresh();
    // Every two hours; virtual time starts two minutes before a slot, so that no earlier slot
    // is in the catch-up hour, and this one stays the latest for the rest of the test (the
    // next is two real minutes away).
    const now = Date.now();
    const slot = Math.ceil(now / 7_200_000) * 7_200_000;
    const time: FastTime = { realStart: now, virtualStart: slot - 120_000, speed: 60 };
    const env = envFor(w, location, time, {
      DIGEST_CHANNEL: "C0E2E0002",
      DIGEST_SCHEDULE: "0 */2 * * *",
    });
    const { bot } = await startBot(env, "doomed-bot");
    const store = await openStore(location, silentLogger());
    closing.push(store);
    const claimed = await until("the bot's claim on the slot", async () => {
      const [operator] = await store.subscriptions.listAll();

      const [run] = operator ? await store.runs.lastRuns(operator.id, 1) : [];
      return run && run.slot.getTime() === slot && run.outcome === undefined ? run : undefined;
    });
    expect(claimed).toMatchObject({ claimedBy: "doomed-bot", attempt: 1 });
    // Claimed, and building the digest (its request is at the panel, which holds it): now.
    await until("the bot's request to the panel", async () => (requests > 0 ? true : undefined));
    bot.child.kill("SIGKILL");
    expect(await bot.exit).toMatchObject({ signal: "SIGKILL" });
    expect(digestPosts(w.slack)).toEqual([]);

    // `npm run digest` finds the slot held by an owner that no longer renews it, waits out
    // its lease if need be, and takes it over.
    const job = await runScript(DIGEST_ENTRY, { ...env, E2E_OWNER: "rescuer" }, [], 60_000);
    expect(job.code, job.stderr).toBe(0);
    expect(job.stderr).toMatch(/taken over \(attempt 2\)/);
    const [run] = await store.runs.lastRuns(claimed.subscriptionId, 1);
    expect(run).toMatchObject({
      slot: new Date(slot),
      claimedBy: "rescuer",
      attempt: 2,
      outcome: "posted",
    });
    expect(digestPosts(w.slack)).toHaveLength(1);
    expect(run?.messageTs).toBeDefined();
  });
});

describe("a subscription across a restart of `npm start`", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("is still there, and listed, after the bot stops and starts again", {
    timeout: 90_000,
  }, async () => {
    const w = await world();
    const dir = mkdtempSync(join(tmpdir(), "restart-"));
    dirs.push(dir);
    const port = String(await freePort());
    const env = {
      ...envFor(
        w,
        { engine: "sqlite", path: join(dir, "tickets.db") },
        {
          realStart: 0,
          virtualStart: 0,
          speed: 1,
        },
      ),
      PORT: port,
    };
    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    const driver = createSlackDriver({ eventsUrl, signingSecret: SIGNING_SECRET, slack: w.slack });

    const first = startNodeScript("src/main.ts", env);
    started.push(first);
    await first.waitForOutput(/listening on port/, LIMIT_MS);
    const subscribed = await driver.command("subscribe category:10 at:08:30 days:mon-fri");
    expect(JSON.stringify((await driver.answerTo(subscribed.responseId)).body)).toContain(
      "Subscribed",
    );
    expect((await stop(first)).code).toBe(0);

    const second = startNodeScript("src/main.ts", env);
    started.push(second);
    await second.waitForOutput(/listening on port/, LIMIT_MS);
    const listed = await driver.command("digests");
    const list = JSON.stringify((await driver.answerTo(listed.responseId)).body);
    expect(list).toContain("08:30, Mon–Fri (UTC)");
    expect(list).toContain("category 10");
    expect((await stop(second)).code).toBe(0);
  });
});
