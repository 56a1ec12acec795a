import { afterEach, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../src/app";
import { loadBotConfig } from "../../src/config";
import { createSlackDriver } from "../../src/demo/fakes/slack-driver";
import { type SlackStandIn, startSlackStandIn } from "../../src/demo/fakes/slack-stand-in";
import { silentLogger } from "../../src/logger";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { type SampleApi, startSampleApi } from "../../src/sample-api/sample-api-server";
import { allText } from "../support/blocks";
import { BOT_TOKEN, SIGNING_SECRET, TICKET_TOKEN } from "../support/bot-harness";
import { freePort } from "../support/ports";
import { useTempStore } from "../support/temp-store";

/**
 * Starting: one auth.test serves Bolt (the bot's own ids) and the workspace check, and the bot
 * listens while it is on its way; what arrives meanwhile waits for it instead of finding an app
 * that cannot authorize yet.
 */

const openStoreFor = useTempStore();

let api: SampleApi | undefined;
let slack: SlackStandIn | undefined;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop(100).catch(() => {});
  await Promise.all([api?.close(), slack?.close()]);
  bot = api = slack = undefined;
});

const setUp = async (authTest: () => Promise<Record<string, unknown> | undefined>) => {
  api = await startSampleApi({ tickets: [makeTicket({ state_id: 2 })], token: TICKET_TOKEN });
  slack = await startSlackStandIn({
    webApi: async (call) => {
      if (call.method !== "auth.test") return undefined;
      const body = await authTest();
      return body ? { body } : undefined;
    },
  });
  const port = await freePort();
  const config = loadBotConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_HOOKS_URL: slack.origin,
    TICKET_API_URL: api.url,
    TICKET_API_TOKEN: TICKET_TOKEN,
    DIGEST_SCHEDULE: "off",
  });
  bot = createBot({ config, logger: silentLogger(), store: await openStoreFor() });
  const driver = createSlackDriver({
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    slack,
  });
  const authTests = () => slack?.calls.items.filter((c) => c.method === "auth.test").length;
  return { bot, port, driver, authTests };
};

describe("starting the bot", () => {
  it("asks auth.test once, for Bolt and for the workspace check alike", async () => {
    const { bot, port, driver, authTests } = await setUp(async () => undefined);
    await bot.start(port);
    const { ack, responseId } = await driver.command("state:2");
    expect(ack.status).toBe(200);
    expect(allText((await driver.answerTo(responseId)).body)).toContain("Waiting for support");
    expect(authTests()).toBe(1);
  });

  it("listens before auth.test has answered; a command meanwhile waits for it, then is answered", async () => {
    let answer: () => void = () => {};
    const answered = new Promise<undefined>((resolve) => {
      answer = () => resolve(undefined);
    });
    const { bot, port, driver, authTests } = await setUp(() => answered);
    let started = false;
    const starting = bot.start(port).then(() => {
      started = true;
    });
    while (authTests() === 0) await new Promise((r) => setTimeout(r, 5));
    let acked = false;
    const sent = driver.command("state:2").then((reply) => {
      acked = true;
      return reply;
    });
    await new Promise((r) => setTimeout(r, 150));
    // Taken (the port listens), but not handled before the bot knows its workspace.
    expect(acked).toBe(false);
    expect(started).toBe(false);
    answer();
    const { ack, responseId } = await sent;
    await starting;
    expect(ack.status).toBe(200);
    expect(allText((await driver.answerTo(responseId)).body)).toContain("Waiting for support");
    expect(authTests()).toBe(1);
  });

  it("still refuses to start on a refused token, and stops listening", async () => {
    const { bot, port } = await setUp(async () => ({ ok: false, error: "invalid_auth" }));
    const error = await bot.start(port).catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { error: "invalid_auth" } });
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
