import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { type Bot, type BotDeps, createBot } from "../../src/app";
import { type Environment, loadBotConfig, secretsOf } from "../../src/config";
import { Recorder } from "../../src/demo/fakes/recorder";
import { createSlackDriver } from "../../src/demo/fakes/slack-driver";
import { type SlackStandInOptions, startSlackStandIn } from "../../src/demo/fakes/slack-stand-in";
import { createLogger } from "../../src/logger";
import { type SampleApiOptions, startSampleApi } from "../../src/sample-api/sample-api-server";
import { openStore } from "../../src/store/open-store";
import type { Store } from "../../src/store/store";

export const SIGNING_SECRET = "test-signing-secret-0123456789";
export const TICKET_TOKEN = "panel-token-s3cret-value";
export const BOT_TOKEN = "xoxb-1111-2222-testtoken";

export interface HarnessOptions {
  tickets?: SampleApiOptions["tickets"];
  intercept?: SampleApiOptions["intercept"];
  slack?: SlackStandInOptions;
  env?: Environment;
  /** When the bot answers "busy" (load-shedding.ts); tests lower the limits. */
  load?: BotDeps["load"];
  /**
   * The digest scheduler's timing. With a `clock` (fake-scheduler.ts), the store keeps its
   * times on it too, and the scheduler runs only when the test ticks it (`bot.tickDigests()`).
   */
  schedule?: BotDeps["schedule"];
  /** The bot's clock (what "now" is for everything it does); the system's by default. */
  clock?: BotDeps["clock"];
  /** A database file of the test's own (a restart test starts two harnesses on one). */
  databasePath?: string;
  /**
   * In front of the store's preferences (to slow them down or make them fail); the store
   * itself is always a real SQLite file.
   */
  preferences?: (real: Store["preferences"]) => Store["preferences"];
  /** In front of the store's digest health records, likewise. */
  health?: (real: Store["health"]) => Store["health"];
}

/**
 * The real app in HTTP mode on a loopback port, a contract-following ticket API stand-in and
 * a Slack stand-in, driven with signed requests shaped like Slack's own.
 */
export const startHarness = async (options: HarnessOptions = {}) => {
  const api = await startSampleApi({
    tickets: options.tickets ?? [],
    token: TICKET_TOKEN,
    intercept: options.intercept,
  });
  const slack = await startSlackStandIn(options.slack);
  const env: Environment = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    // The stand-in hands out the response_urls, so it is Slack's hooks host here.
    SLACK_HOOKS_URL: slack.origin,
    TICKET_API_URL: api.url,
    TICKET_API_TOKEN: TICKET_TOKEN,
    TICKET_API_TIMEOUT_MS: "1500",
    DIGEST_SCHEDULE: "off",
    LOG_LEVEL: "info",
    ...options.env,
  };
  // Every harness has a real store: a SQLite file in a fresh directory, removed on stop.
  const dataDir = options.databasePath ? undefined : mkdtempSync(join(tmpdir(), "harness-store-"));
  const config = loadBotConfig({
    DATABASE_PATH: options.databasePath ?? join(dataDir ?? "", "tickets.db"),
    ...env,
  });
  const logLines = new Recorder<string>();
  const logger = createLogger({
    ...config.log,
    write: (l) => logLines.push(l),
    secrets: secretsOf(config),
  });
  const store = await openStore(config.store, logger, { clock: options.schedule?.clock });
  const bot: Bot = createBot({
    config,
    logger,
    store: {
      ...store,
      preferences: options.preferences?.(store.preferences) ?? store.preferences,
      health: options.health?.(store.health) ?? store.health,
    },
    digestBackoffMs: 10,
    ...(options.clock && { clock: options.clock }),
    load: options.load,
    schedule: options.schedule ?? { manual: true },
  });
  const { port } = await bot.start(0);
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;

  const driver = createSlackDriver({ eventsUrl, signingSecret: SIGNING_SECRET, slack });

  let stopped = false;
  return {
    api,
    slack,
    /** The bot's own store: a SQLite file of this harness alone, unless `databasePath`. */
    store,
    config,
    logs: logLines.items,
    /** The first log line matching `pattern`, once it is written. */
    waitForLog: (pattern: RegExp) => logLines.waitFor((line) => pattern.test(line)),
    bot,
    eventsUrl,
    /** Sends `/tickets {text}`; returns the HTTP ack and the response_url id to wait on. */
    command: driver.command,
    /** Clicks a button on an ephemeral message (no `message` in the payload, as Slack sends it). */
    click: driver.click,
    /** Submits a modal; the ack's body is its answer. */
    submitView: driver.submitView,
    /** The next answer posted to a given response_url. */
    answerTo: (responseId: string) => driver.answerTo(responseId),
    post: driver.post,
    async stop() {
      if (stopped) return;
      stopped = true;
      await bot.stop(1000);
      await store.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      await Promise.all([api.close(), slack.close()]);
    },
  };
};

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/**
 * For a test file: `start` runs a harness, and whatever a test started is stopped after it,
 * so no test leaves a server or a port behind.
 */
export const useHarness = (defaults: HarnessOptions = {}) => {
  const running: Harness[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((h) => h.stop()));
  });
  return async (options: HarnessOptions = {}): Promise<Harness> => {
    const harness = await startHarness({ ...defaults, ...options });
    running.push(harness);
    return harness;
  };
};

/** Click fields for a button on a message others see too (a digest, a shared list). */
export const onSharedMessage = (channelId = "C111") => ({
  container: { type: "message", message_ts: "1.2", channel_id: channelId, is_ephemeral: false },
});
