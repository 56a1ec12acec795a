import type { Server } from "node:http";
import { performance } from "node:perf_hooks";
import { App } from "@slack/bolt";
import { announce, exitWithRunner } from "../lib/child-protocol";

/**
 * The yardstick: a bare Bolt app on the same Bolt version and receiver (the default
 * HTTPReceiver), built the same way as the bot, whose `/tickets` acks, then makes the same
 * upstream call the bot makes for the command (the same URL, the same token) and `JSON.parse`s
 * the answer, then answers through `response_url` with a fixed 10-row message of about the bot's
 * size, with Bolt's own `respond()`. No grammar, no validation, no rendering: what is left is
 * Bolt's own cost per command plus the network's, so a ratio against it shows our overhead.
 */

const row = (i: number) => [
  {
    type: "section",
    text: {
      type: "mrkdwn",
      text: `🔴 *#${100_000 + i}*  Site is down after PHP upgrade, customers are waiting`,
      verbatim: true,
    },
  },
  {
    type: "context",
    elements: [
      { type: "plain_text", text: "Waiting for support · normal" },
      { type: "plain_text", text: "👤 sampleuser" },
      { type: "plain_text", text: "📁 Plugins, Domains, API › System Errors" },
      { type: "mrkdwn", text: "updated 3 h ago (Nov 27, 2026 at 11:05) · 2 interactions" },
    ],
  },
];

const TEN_ROWS = {
  response_type: "ephemeral" as const,
  text: "Waiting for support: 1000 tickets, page 1 of 100",
  blocks: [
    { type: "header", text: { type: "plain_text", text: "Waiting for support" } },
    { type: "context", elements: [{ type: "mrkdwn", text: "1000 tickets · page 1 of 100" }] },
    { type: "divider" },
    ...Array.from({ length: 10 }, (_, i) => row(i)).flat(),
    { type: "divider" },
    { type: "context", elements: [{ type: "mrkdwn", text: "As of 14:05" }] },
    {
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Next ▶" },
          action_id: "page_next",
          value: "{}",
        },
      ],
    },
  ],
};

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const ticketApi = `${env("TICKET_API_URL")}/api/ticket`;
const ticketToken = env("TICKET_API_TOKEN");
/** The bot's page size for a list, passed by the runner (importing it would load the bot's code). */
const perPage = env("BENCH_LIST_PER_PAGE");

/**
 * The query the bot sends for the benchmark's `state:2 user:… page:…` commands, in its order.
 * A bare app knows its only command asks for state 2; the spelling of it does not matter here.
 */
const upstreamUrl = (text: string): string => {
  const params = new URLSearchParams({
    page: /\bpage:(\d+)/.exec(text)?.[1] ?? "1",
    per_page: perPage,
    state_id: "2",
  });
  const user = /\buser:(\S+)/.exec(text)?.[1];
  if (user !== undefined) params.set("username", user);
  return `${ticketApi}?${params}`;
};

const app = new App({
  token: env("SLACK_BOT_TOKEN"),
  signingSecret: env("SLACK_SIGNING_SECRET"),
  clientOptions: { slackApiUrl: env("SLACK_API_URL") },
});
app.command("/tickets", async ({ ack, command, respond }) => {
  await ack();
  const res = await fetch(upstreamUrl(command.text), { headers: { Authorization: ticketToken } });
  const page = JSON.parse(await res.text()) as { data?: unknown };
  await respond(
    res.ok && Array.isArray(page.data) ? TEN_ROWS : { text: `upstream answered ${res.status}` },
  );
});
const server = (await app.start(Number(process.env.PORT ?? 0))) as Server;
const address = server.address();
announce("READY", {
  port: typeof address === "object" && address ? address.port : 0,
  readyMs: performance.now(),
});
exitWithRunner(async () => {
  server.closeAllConnections();
  await app.stop();
});
