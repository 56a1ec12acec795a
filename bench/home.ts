import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createBot } from "../src/app";
import { loadBotConfig } from "../src/config";
import { signedHeaders } from "../src/demo/fakes/slack-driver";
import { startSlackStandIn } from "../src/demo/fakes/slack-stand-in";
import { createQueueGlance, GLANCE_TTL_MS } from "../src/flows/queue-glance";
import { createLogger } from "../src/logger";
import { generateTickets } from "../src/sample-api/generate-tickets";
import { startSampleApi } from "../src/sample-api/sample-api-server";
import { openStore } from "../src/store/open-store";
import { createTicketClient } from "../src/tickets/ticket-client";
import { median } from "./lib/stats";

/**
 * `npm run bench:home [-- --quick]` (also `npm run bench -- --home`): what the Home tab costs
 * the ticket panel. 1,000 people open Home within one minute (the bot's clock moves 60 ms an
 * open; each open is a signed `app_home_opened` through the real receiver, answered with
 * `views.publish` to the Slack stand-in), against a queue of 5,000 tickets, 1,000 a page. The
 * panel's requests are counted, beside a baseline in the same process: the same opens, one
 * glance each with nothing shared (what a Home tab that counted the queue on every open would
 * ask). It prints its figures; it writes nothing (see docs/performance.md).
 */

const quick = process.argv.includes("--quick");
const OPENS = 1_000;
const WAVE = quick ? 100 : 25;
const STEP_MS = GLANCE_TTL_MS / OPENS;
const SECRET = "bench-signing-secret";
const TOKEN = "bench-panel-token";
const log = (line: string) => process.stderr.write(`[bench:home] ${line}\n`);

const tickets = generateTickets({ count: 5_000, seed: 16, now: new Date() });
const waiting = tickets.filter((t) => t.state_id === 2).length;

/** The bot's own clock: real time, or a minute compressed into the opens. */
let virtualNow: number | undefined;
const clock = { now: () => new Date(virtualNow ?? Date.now()) };

const ours = async () => {
  const api = await startSampleApi({ tickets, token: TOKEN });
  const slack = await startSlackStandIn();
  const dir = mkdtempSync(join(tmpdir(), "bench-home-"));
  const config = loadBotConfig({
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_HOOKS_URL: slack.origin,
    TICKET_API_URL: api.url,
    TICKET_API_TOKEN: TOKEN,
    DIGEST_SCHEDULE: "off",
    DATABASE_PATH: join(dir, "tickets.db"),
    LOG_LEVEL: "error",
  });
  const logger = createLogger({ ...config.log, write: () => {} });
  const store = await openStore(config.store, logger);
  const bot = createBot({ config, logger, store, clock, schedule: { manual: true } });
  const { port } = await bot.start(0);
  const url = `http://127.0.0.1:${port}/slack/events`;
  const published = () => slack.calls.items.filter((c) => c.method === "views.publish").length;
  const acks: number[] = [];
  const waves: number[] = [];
  const start = Date.now();
  const wallStart = performance.now();
  try {
    for (let from = 0; from < OPENS; from += WAVE) {
      const size = Math.min(WAVE, OPENS - from);
      const waveStart = performance.now();
      await Promise.all(
        Array.from({ length: size }, async (_, k) => {
          const i = from + k;
          virtualNow = start + i * STEP_MS;
          const body = JSON.stringify({
            token: "verification_token",
            team_id: slack.teamId,
            api_app_id: "A111",
            type: "event_callback",
            event_id: `Ev${i}`,
            event_time: Math.floor(start / 1000),
            event: {
              type: "app_home_opened",
              user: `U${String(i).padStart(6, "0")}`,
              channel: "D111",
              tab: "home",
              event_ts: "1.0",
            },
            authorizations: [
              { enterprise_id: null, team_id: slack.teamId, user_id: "UBOT", is_bot: true },
            ],
          });
          const sent = performance.now();
          const ack = await fetch(url, {
            method: "POST",
            headers: { ...signedHeaders(SECRET, body), "content-type": "application/json" },
            body,
          });
          await ack.arrayBuffer();
          acks.push(performance.now() - sent);
          if (ack.status !== 200) throw new Error(`an open was answered HTTP ${ack.status}`);
        }),
      );
      // Every tab of the wave published before the next wave opens.
      await slack.calls.waitFor(() => published() >= from + size, 30_000);
      waves.push(performance.now() - waveStart);
    }
    const publishes = slack.calls.items.filter((c) => c.method === "views.publish").length;
    return {
      panelRequests: api.requests.length,
      publishes,
      wallS: (performance.now() - wallStart) / 1000,
      ackP50Ms: median(acks),
      ackMaxMs: Math.max(...acks),
      waveP50Ms: median(waves),
    };
  } finally {
    virtualNow = undefined;
    await bot.stop(1000);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([api.close(), slack.close()]);
  }
};

/** The same opens and pacing, one unshared glance each: every open counts the queue. */
const baseline = async () => {
  const api = await startSampleApi({ tickets, token: TOKEN });
  const client = createTicketClient({ baseUrl: api.url, token: TOKEN, timeoutMs: 10_000 });
  const warn = () => {};
  try {
    for (let from = 0; from < OPENS; from += WAVE) {
      await Promise.all(
        Array.from({ length: Math.min(WAVE, OPENS - from) }, () =>
          createQueueGlance({
            tickets: client,
            clock,
            logger: { warn },
            overdueHours: 72,
          }).current(),
        ),
      );
    }
    return { panelRequests: api.requests.length };
  } finally {
    await api.close();
  }
};

log(
  `${OPENS} Home opens within one minute, ${waiting} of ${tickets.length} tickets waiting; load ${(loadavg()[0] ?? 0).toFixed(2)}`,
);
const base = await baseline();
const ourRun = await ours();
const pagesPerCount = Math.ceil(waiting / 1000);
process.stdout.write(
  [
    `Home tab: ${OPENS} opens in one minute, ${waiting} tickets waiting (${pagesPerCount} page(s) a count)`,
    `  panel requests, the bot (shared glance): ${ourRun.panelRequests}`,
    `  panel requests, baseline (a count per open): ${base.panelRequests}`,
    `  ratio (bot / baseline): ${(ourRun.panelRequests / base.panelRequests).toFixed(4)}`,
    `  tabs published: ${ourRun.publishes} of ${OPENS}; ack p50 ${ourRun.ackP50Ms.toFixed(1)} ms, max ${ourRun.ackMaxMs.toFixed(1)} ms; ${WAVE} opens at once all published in ${ourRun.waveP50Ms.toFixed(0)} ms (median); ${ourRun.wallS.toFixed(1)} s wall clock`,
  ]
    .map((line) => `${line}\n`)
    .join(""),
);
if (ourRun.publishes !== OPENS) process.exit(1);
process.exit(0);
