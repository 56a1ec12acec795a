import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../src/app";
import { type Environment, loadBotConfig, secretsOf } from "../../src/config";
import {
  type SlackStandIn,
  type StandInReply,
  startSlackStandIn,
} from "../../src/demo/fakes/slack-stand-in";
import { createLogger } from "../../src/logger";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { type SampleApi, startSampleApi } from "../../src/sample-api/sample-api-server";
import { openStore } from "../../src/store/open-store";
import type { Store } from "../../src/store/store";
import { allText } from "../support/blocks";
import { freePort } from "../support/ports";
import { type SocketModeStandIn, startSocketModeStandIn } from "../support/socket-mode-stand-in";

const BOT_TOKEN = "xoxb-1111-2222-sockettoken";
const APP_TOKEN = "xapp-1-A111-3333-socketapptoken";
const TICKET_TOKEN = "panel-token-s3cret-value";

/** Guards against a hung test; the tests wait on events, never on these. */
const GUARD_MS = 12_000;

interface Running {
  api: SampleApi;
  slack: SlackStandIn;
  socket: SocketModeStandIn;
  bot: Bot;
  store: Store;
  dataDir: string;
  logs: string[];
}

let running: Partial<Running> = {};

afterEach(async () => {
  const { bot, api, slack, socket, store, dataDir } = running;
  running = {};
  await bot?.stop(1000);
  await store?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await Promise.all([api?.close(), slack?.close(), socket?.close()]);
});

/** How the Slack stand-in answers `apps.connections.open`; `url` hands out a fresh socket URL. */
type ConnectionsOpen = (url: () => string) => StandInReply | Promise<StandInReply>;

const connectionUrl: ConnectionsOpen = (url) => ({ body: { ok: true, url: url() } });

const start = async (
  connectionsOpen = connectionUrl,
  extraEnv: Environment = {},
): Promise<Running> => {
  const api = await startSampleApi({
    token: TICKET_TOKEN,
    tickets: Array.from({ length: 3 }, (_, i) =>
      makeTicket({ id: 100001 + i, state_id: 2, subject: `Ticket number ${i + 1}` }),
    ),
  });
  running.api = api;
  const socket = await startSocketModeStandIn();
  running.socket = socket;
  const slack = await startSlackStandIn({
    webApi: (call) =>
      call.method === "apps.connections.open"
        ? connectionsOpen(socket.newConnectionUrl)
        : undefined,
  });
  running.slack = slack;
  const env: Environment = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    SLACK_HOOKS_URL: slack.origin,
    TICKET_API_URL: api.url,
    TICKET_API_TOKEN: TICKET_TOKEN,
    DIGEST_SCHEDULE: "off",
    ...extraEnv,
  };
  const logs: string[] = [];
  const config = loadBotConfig(env);
  const logger = createLogger({
    level: "debug",
    write: (line) => logs.push(line),
    secrets: secretsOf(config),
  });
  // A dropped socket is replaced after clientPingTimeoutMs; the default 5 s only slows the tests.
  const dataDir = mkdtempSync(join(tmpdir(), "socket-store-"));
  running.dataDir = dataDir;
  const store = await openStore({ engine: "sqlite", path: join(dataDir, "tickets.db") }, logger);
  const bot = createBot({
    config,
    logger,
    store,
    socketMode: { clientPingTimeoutMs: 1_000, openRetryMs: 50 },
  });
  running.bot = bot;
  running.store = store;
  await bot.start();
  return { api, slack, socket, bot, store, dataDir, logs };
};

/** Sends `/tickets {text}` over the socket; returns the envelope and response_url ids. */
const command = (r: Running, text: string) => {
  const responseUrl = r.slack.newResponseUrl();
  const envelopeId = r.socket.slashCommand({
    command: "/tickets",
    text,
    response_url: responseUrl.url,
  });
  return { envelopeId, responseId: responseUrl.id };
};

const connectionsOpened = (r: Running) =>
  r.slack.calls.items.filter((c) => c.method === "apps.connections.open");

const answerTo = (r: Running, responseId: string) =>
  r.slack.responses.waitFor((p) => p.id === responseId, GUARD_MS);

describe("/tickets over Socket Mode", () => {
  it("acks the envelope over the socket, then answers through response_url", async () => {
    const r = await start();
    const opened = connectionsOpened(r);
    expect(opened).toHaveLength(1);
    // The app token, not the bot token, opens the connection.
    expect(opened[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);

    const { envelopeId, responseId } = command(r, "state:2");
    const ack = await r.socket.waitForAck(envelopeId, GUARD_MS);
    expect(ack.connection).toBe(1);

    const answer = await answerTo(r, responseId);
    expect(answer.body.response_type).toBe("ephemeral");
    expect(allText(answer.body)).toContain("Ticket number 1");
    expect(r.api.requests).toHaveLength(1);
    expect(r.api.requests[0]?.query.get("state_id")).toBe("2");
  });

  it("reconnects after the socket drops and answers the next command", async () => {
    const r = await start();
    await r.socket.waitForConnection(1, GUARD_MS);
    r.socket.dropConnections();

    const second = await r.socket.waitForConnection(2, GUARD_MS);
    // A fresh URL from a fresh apps.connections.open, not the first one again.
    expect(second.ticket).toBe("t2");
    expect(connectionsOpened(r)).toHaveLength(2);

    const { envelopeId, responseId } = command(r, "state:2");
    const ack = await r.socket.waitForAck(envelopeId, GUARD_MS);
    expect(ack.connection).toBe(2);
    const answer = await answerTo(r, responseId);
    expect(allText(answer.body)).toContain("Ticket number 1");
    expect(r.api.requests[0]?.query.get("state_id")).toBe("2");
  });

  it("acks a bad command with the error message itself and fetches nothing", async () => {
    const r = await start();
    const { envelopeId } = command(r, "stat:2");
    const ack = await r.socket.waitForAck(envelopeId, GUARD_MS);
    expect(ack.payload?.response_type).toBe("ephemeral");
    expect(allText(ack.payload)).toContain("`stat:2`");
    expect(r.api.requests).toHaveLength(0);
    expect(r.slack.responses.items).toHaveLength(0);
  });
});

describe("the Socket Mode connection", () => {
  it("rides out a Slack API outage while reconnecting", async () => {
    // More failures than the app's own Web API retries allow, as in a short Slack outage.
    let failures = 0;
    const r = await start((url) => {
      if (failures > 0) {
        failures -= 1;
        return { status: 503, body: "upstream connect error" };
      }
      return connectionUrl(url);
    });
    failures = 3;
    r.socket.dropConnections();

    await r.socket.waitForConnection(2, GUARD_MS);
    expect(failures).toBe(0);
    const { envelopeId, responseId } = command(r, "state:2");
    await r.socket.waitForAck(envelopeId, GUARD_MS);
    await answerTo(r, responseId);
  });

  it("closes the socket politely on stop", async () => {
    const r = await start();
    await r.bot.stop(1000);
    const closed = await r.socket.waitForClose(1, GUARD_MS);
    expect(closed.code).toBe(1000);
  });

  it("does not come back when stopped in the middle of a reconnect", async () => {
    let opens = 0;
    let release: () => void = () => {};
    let asked: () => void = () => {};
    const reconnecting = new Promise<void>((resolve) => {
      asked = resolve;
    });
    const r = await start(async (url) => {
      opens += 1;
      if (opens === 2) {
        asked();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      }
      return connectionUrl(url);
    });
    r.socket.dropConnections();
    await reconnecting;
    await r.bot.stop(1000);
    release();

    // The URL handed out after stop() may still be dialled, but the bot hangs up at once.
    const second = await r.socket.waitForClose(2, GUARD_MS);
    expect(second.code).toBe(1000);
    expect(r.socket.openCount).toBe(0);
  });
});

describe("health in Socket Mode (HEALTH_PORT)", () => {
  const get = async (port: number, path: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("serves /healthz and /readyz, and says not ready while the connection is down", async () => {
    const healthPort = await freePort();
    let opens = 0;
    // The first connection is handed out; after it drops, Slack keeps refusing a new one.
    const r = await start(
      (url) => {
        opens += 1;
        return opens === 1 ? connectionUrl(url) : { body: { ok: false, error: "internal_error" } };
      },
      { HEALTH_PORT: String(healthPort) },
    );
    await r.socket.waitForConnection(1, GUARD_MS);

    const ready = await get(healthPort, "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      ready: true,
      problems: [],
      slack: { mode: "socket", connected: true },
      ticketPanel: { lastOutcome: { answered: true, status: 200 } },
    });
    // Readiness asked the panel for one row, as the bot itself would.
    expect(r.api.requests.at(-1)?.query.get("per_page")).toBe("1");
    expect((await get(healthPort, "/healthz")).body).toMatchObject({ status: "ok" });

    r.socket.dropConnections();
    await r.socket.waitForClose(1, GUARD_MS);
    const down = await get(healthPort, "/readyz");
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      ready: false,
      problems: [expect.stringMatching(/^not connected to Slack/)],
    });
    const alive = await get(healthPort, "/healthz");
    expect(alive.status).toBe(200);
    expect(alive.body).toMatchObject({ status: "degraded", slack: { connected: false } });
  });
});

describe("events over Socket Mode", () => {
  it("a pasted ticket link unfurls with nothing more than TICKET_WEB_URL", async () => {
    const r = await start(connectionUrl, {
      TICKET_WEB_URL: "https://panel.example.com/tickets/{id}",
    });
    const url = "https://panel.example.com/tickets/100002";
    const envelopeId = r.socket.send({
      type: "events_api",
      payload: {
        token: "verification-token",
        team_id: r.socket.teamId,
        api_app_id: "A111",
        type: "event_callback",
        event_id: "Ev111",
        event_time: 1700000000,
        event: {
          type: "link_shared",
          channel: "C111",
          is_bot_user_member: false,
          user: "W111",
          message_ts: "1700000000.000100",
          links: [{ domain: "panel.example.com", url }],
        },
        authorizations: [
          { enterprise_id: null, team_id: r.socket.teamId, user_id: "UBOT", is_bot: true },
        ],
      },
      accepts_response_payload: false,
    });
    await r.socket.waitForAck(envelopeId, GUARD_MS);
    const unfurl = await r.slack.calls.waitFor((c) => c.method === "chat.unfurl", GUARD_MS);
    expect(unfurl.body).toMatchObject({ channel: "C111", ts: "1700000000.000100" });
    expect(allText(unfurl.body.unfurls)).toContain("Ticket number 2");
  });
});
