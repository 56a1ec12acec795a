import type { Server } from "node:http";
import { performance } from "node:perf_hooks";
import { App } from "@slack/bolt";
import { announce, exitWithRunner } from "../lib/child-protocol";

/**
 * The yardstick: a bare Bolt app on the same Bolt version and receiver (the default
 * HTTPReceiver), built the same way as the bot, whose `/tickets` acks, then makes the same
 * upstream call the bot makes for the command (the same URL, the same token) and `JSON.parse`s
 * the answer, then answers through `response_url` with a fixed 10-row message of the bot's
 * shape and size, with Bolt's own `respond()`. No grammar, no validation, no rendering: what is left is
 * Bolt's own cost per command plus the network's, so a ratio against it shows our overhead.
 */

/** Subjects as the sample panel writes them, Persian among them, as in the bot's lists. */
const SUBJECTS = [
  "Site is down after PHP upgrade, customers are waiting",
  "تمدید دامنه انجام نمی‌شود",
  "Need more inodes on my plan",
  "خطای ۵۰۰ در پنل نمایندگی",
  "DNS changes not propagating",
];
const subject = (i: number) => SUBJECTS[i % SUBJECTS.length] ?? "";
const DATE = "<!date^1795413432^{date_short_pretty} {time}|2026-11-23 05:57 UTC>";

/** A row as the bot renders one: a title with a Details button, and six details beside it. */
const row = (i: number) => [
  {
    type: "section",
    text: {
      type: "mrkdwn",
      text: `🔴 *#${100_000 + i}* · 🆕 *New* · ${subject(i)}`,
      verbatim: true,
    },
    accessory: {
      type: "button",
      text: { type: "plain_text", text: "Details" },
      action_id: "tickets.details.open",
      value: String(100_000 + i),
    },
  },
  {
    type: "context",
    elements: [
      { type: "plain_text", text: "Waiting for support" },
      { type: "plain_text", text: "importance: normal" },
      { type: "plain_text", text: "👤 sampleuser" },
      { type: "plain_text", text: "📁 System Questions › Other Issues" },
      { type: "mrkdwn", text: `🕒 updated 3 d 22 h ago (${DATE})`, verbatim: true },
      { type: "plain_text", text: "💬 2 interactions" },
    ],
  },
];

const pageButton = (text: string, actionId: string, page: number) => ({
  type: "button",
  text: { type: "plain_text", text },
  action_id: actionId,
  value: JSON.stringify({ v: 1, q: { p: page, n: 10, s: 2 } }),
});

/** The bot's 10-row list in shape and size (about 8,300 characters, as its replies are). */
const TEN_ROWS = {
  response_type: "ephemeral" as const,
  text: [
    "Waiting for support: 1,000 tickets, page 3 of 100",
    ...Array.from({ length: 10 }, (_, i) => `#${100_000 + i} ${subject(i)}`),
  ].join("\n"),
  blocks: [
    { type: "header", text: { type: "plain_text", text: "Waiting for support" } },
    {
      type: "context",
      elements: [
        { type: "mrkdwn", text: "1,000 tickets · page 3 of 100", verbatim: true },
        { type: "mrkdwn", text: "🆕 *New*: not yet seen by staff", verbatim: true },
      ],
    },
    { type: "divider" },
    ...Array.from({ length: 10 }, (_, i) => row(i)).flat(),
    { type: "divider" },
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: `As of ${DATE}`, verbatim: true }],
    },
    {
      type: "actions",
      elements: [
        pageButton("◀ Previous", "tickets.page.previous", 2),
        pageButton("Next ▶", "tickets.page.next", 4),
        pageButton("🔄 Refresh", "tickets.page.refresh", 3),
        pageButton("📣 Share", "tickets.share.list", 3),
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
