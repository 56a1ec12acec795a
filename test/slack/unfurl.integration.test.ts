import { describe, expect, it, vi } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { signedHeaders } from "../../src/demo/fakes/slack-driver";
import type { WebApiCall } from "../../src/demo/fakes/slack-stand-in";
import { makeTicket } from "../../src/sample-api/generate-tickets";
import { expectValidMessage } from "../fuzz/validate-message";
import { allText, buttonsOf } from "../support/blocks";
import {
  type Harness,
  type HarnessOptions,
  SIGNING_SECRET,
  useHarness,
} from "../support/bot-harness";

/**
 * Ticket links pasted in Slack, end to end: signed `link_shared` events into the real app in
 * HTTP mode, the ticket API stand-in behind it, and the `chat.unfurl` calls the Slack stand-in
 * records. Each access case checks what was, and was not, fetched from the panel.
 */

const WEB_URL = "https://panel.example.com/tickets/{id}";
const link = (id: number) => `https://panel.example.com/tickets/${id}`;

const tickets = [
  makeTicket({ ticket_id: 100001, state_id: 2, subject: "Mail bounces" }),
  makeTicket({ ticket_id: 100002, state_id: 3, subject: "DNS question" }),
  ...Array.from({ length: 8 }, (_, i) =>
    makeTicket({ ticket_id: 100010 + i, subject: `Ticket ${i}` }),
  ),
  makeTicket({
    ticket_id: 100099,
    subject: "<!channel> <@U024BE7LH> <https://evil.example|click> *bold*",
    user: { user_id: 1, uname: "<!here>" },
  } as Parameters<typeof makeTicket>[0]),
];

const start = useHarness({ tickets, env: { TICKET_WEB_URL: WEB_URL } });

/** The link_shared event Slack posts for a message with these links (its documented example). */
const linkShared = (urls: string[], over: Record<string, unknown> = {}) => ({
  type: "link_shared",
  channel: "C111",
  is_bot_user_member: true,
  user: "W111",
  message_ts: "1700000000.000100",
  unfurl_id: "C111.1700000000.000100.1b90fa1278528ce6e2f6c5c2bfa1abc9",
  source: "conversations_history",
  links: urls.map((url) => ({ domain: "panel.example.com", url })),
  user_locale: "en-US",
  event_ts: "1700000000.000200",
  ...over,
});

/** An Events API delivery, as Slack posts it: JSON, signed. */
const sendEvent = async (h: Harness, event: Record<string, unknown>) => {
  const body = JSON.stringify({
    token: "verification_token",
    team_id: h.slack.teamId,
    api_app_id: "A111",
    event,
    type: "event_callback",
    event_id: "Ev111",
    event_time: 1700000000,
    authorizations: [
      { enterprise_id: null, team_id: h.slack.teamId, user_id: "UBOT", is_bot: true },
    ],
  });
  return h.post(body, {
    ...signedHeaders(SIGNING_SECRET, body),
    "content-type": "application/json",
  });
};

const handled = (h: Harness) => h.logs.filter((l) => l.includes("handled link_shared")).length;

/** Sends the event and waits until the bot has done with it (its request log line). */
const share = async (h: Harness, event: Record<string, unknown>) => {
  const before = handled(h);
  const ack = await sendEvent(h, event);
  expect(ack.status).toBe(200);
  await vi.waitFor(() => expect(handled(h)).toBeGreaterThan(before), {
    timeout: 10_000,
    interval: 10,
  });
};

const unfurlCalls = (h: Harness): WebApiCall[] =>
  h.slack.calls.items.filter((c) => c.method === "chat.unfurl");

type Unfurls = Record<string, { blocks: unknown[]; fallback: string }>;
const unfurlsOf = (call: WebApiCall | undefined): Unfurls => (call?.body.unfurls ?? {}) as Unfurls;

/** Which tickets the panel was asked for, in order. */
const fetched = (h: Harness) =>
  h.api.requests.map((r) => r.query.get("ticket_id")).filter((id) => id !== null);

describe("a pasted ticket link", () => {
  it("unfurls into a card with chat.unfurl, after a prompt ack", async () => {
    const h = await start();
    await share(h, linkShared([link(100001)]));
    expect(fetched(h)).toEqual(["100001"]);
    const [call] = unfurlCalls(h);
    expect(call?.body).toMatchObject({ channel: "C111", ts: "1700000000.000100" });
    expect(call?.authorization).toBe("Bearer xoxb-1111-2222-testtoken");
    const card = unfurlsOf(call)[link(100001)];
    const text = allText(card);
    for (const part of ["#100001", "Mail bounces", "Waiting for support", "waiting"]) {
      expect(text).toContain(part);
    }
    expect(buttonsOf(card)).toEqual([
      expect.objectContaining({ action_id: ACTION_IDS.detailsOpen, value: "100001" }),
    ]);
    expectValidMessage({ text: card?.fallback, blocks: card?.blocks });
    expect(await h.waitForLog(/handled link_shared/)).toMatch(
      /kind=event event=link_shared user=W111 channel=C111 durationMs=\d+ upstreamStatus=200 upstreamCalls=1 outcome=ok$/,
    );
  });

  it("is written in the language of whoever shared the link", async () => {
    const h = await start();
    await h.store.preferences.set(h.slack.teamId, "W111", { language: "fa" });
    await share(h, linkShared([link(100001)]));
    const text = allText(unfurlsOf(unfurlCalls(h)[0])[link(100001)]);
    expect(text).toContain("در انتظار پشتیبانی");
    expect(text).toContain("#۱۰۰۰۰۱");
    expect(text).not.toContain("Waiting for support");
  });

  it("says an answered ticket was answered", async () => {
    const h = await start();
    await share(h, linkShared([link(100002)]));
    expect(allText(unfurlsOf(unfurlCalls(h)[0])[link(100002)])).toMatch(/Answered[\s\S]*answered/);
  });

  it("never lets a hostile subject or name ping, mention or link", async () => {
    const h = await start();
    await share(h, linkShared([link(100099)]));
    const [call] = unfurlCalls(h);
    const serialized = JSON.stringify(call?.body);
    for (const needle of ["<!channel>", "<@U024BE7LH>", "<https://evil", "<!here>", "*bold*"]) {
      expect(serialized).not.toContain(needle);
    }
    expect(allText(unfurlsOf(call))).toContain("&lt;!channel&gt;");
    const card = unfurlsOf(call)[link(100099)];
    expectValidMessage({ text: card?.fallback, blocks: card?.blocks });
  });

  it("unfurls several links of one message together: one request per ticket, each ticket once", async () => {
    const h = await start();
    await share(
      h,
      linkShared([
        link(100001),
        "https://panel.example.com/",
        link(100002),
        `${link(100001)}?tab=notes`,
        link(100010),
      ]),
    );
    expect(fetched(h).sort()).toEqual(["100001", "100002", "100010"]);
    expect(unfurlCalls(h)).toHaveLength(1);
    expect(Object.keys(unfurlsOf(unfurlCalls(h)[0]))).toEqual([
      link(100001),
      link(100002),
      link(100010),
    ]);
  });

  it("unfurls at most 5 tickets of one message, and fetches no more", async () => {
    const h = await start();
    const ids = Array.from({ length: 8 }, (_, i) => 100010 + i);
    await share(h, linkShared(ids.map(link)));
    expect(fetched(h).sort()).toEqual(ids.slice(0, 5).map(String));
    expect(Object.keys(unfurlsOf(unfurlCalls(h)[0]))).toEqual(ids.slice(0, 5).map(link));
    await h.waitForLog(/first 5 tickets of a message that links 8/);
  });

  it("keys each card by the link exactly as Slack sent it, &amp; and all", async () => {
    const h = await start({
      env: { TICKET_WEB_URL: "https://panel.example.com/t.php?a=view&id={id}" },
    });
    const sent = "https://panel.example.com/t.php?a=view&amp;id=100001";
    await share(h, linkShared([sent]));
    expect(Object.keys(unfurlsOf(unfurlCalls(h)[0]))).toEqual([sent]);
  });

  it("opens the same details modal as lists from the card's Details button", async () => {
    const h = await start();
    await share(h, linkShared([link(100001)]));
    const [button] = buttonsOf(unfurlsOf(unfurlCalls(h)[0])[link(100001)]);
    // A click on an unfurl: no `message`, the attachment's container and `app_unfurl` instead.
    await h.click(
      { action_id: button?.action_id ?? "", value: button?.value, text: "Details" },
      {
        container: {
          type: "message_attachment",
          message_ts: "1700000000.000100",
          attachment_id: 1,
          channel_id: "C111",
          is_ephemeral: false,
          is_app_unfurl: true,
          app_unfurl_url: link(100001),
        },
        app_unfurl: {
          id: 1,
          blocks: [],
          app_unfurl_url: link(100001),
          is_app_unfurl: true,
        },
      },
    );
    const opened = await h.slack.calls.waitFor((c) => c.method === "views.open");
    expect(opened.body.view).toMatchObject({ type: "modal", callback_id: "tickets.details" });
    const updated = await h.slack.calls.waitFor((c) => c.method === "views.update");
    expect(allText(updated.body.view)).toContain("Mail bounces");
  });
});

describe("at start-up", () => {
  it("logs the domain the Slack app must list, or why no domain can be", async () => {
    const h = await start();
    expect(await h.waitForLog(/ticket links unfurl/)).toMatch(
      /INFO .*ticket links unfurl when the Slack app lists panel\.example\.com under App unfurl domains/,
    );
    const local = await start({ env: { TICKET_WEB_URL: "http://localhost:8080/t/{id}" } });
    expect(await local.waitForLog(/TICKET_WEB_URL/)).toMatch(
      /WARN .*TICKET_WEB_URL names the host localhost, which has no top-level domain Slack can register: ticket links will not unfurl/,
    );
  });
});

describe("when nothing unfurls", () => {
  it("an unknown ticket: nothing attached, and the log says why", async () => {
    const h = await start();
    await share(h, linkShared([link(999999)]));
    expect(fetched(h)).toEqual(["999999"]);
    expect(unfurlCalls(h)).toEqual([]);
    await h.waitForLog(/did not unfurl ticket #999999: the panel has no such ticket/);
  });

  it("a failing panel: nothing attached, and the log says why", async () => {
    const h = await start({ intercept: () => ({ status: 503, body: "<html>down</html>" }) });
    await share(h, linkShared([link(100001)]));
    expect(unfurlCalls(h)).toEqual([]);
    await h.waitForLog(/TicketApiServerError: ticket API answered HTTP 503/);
    await h.waitForLog(/did not unfurl ticket #100001: the panel could not be read/);
  });

  it("an unreachable panel: nothing attached, and the log says why", async () => {
    const h = await start({
      env: { TICKET_WEB_URL: WEB_URL, TICKET_API_URL: "http://127.0.0.1:9" },
    });
    await share(h, linkShared([link(100001)]));
    expect(unfurlCalls(h)).toEqual([]);
    await h.waitForLog(/did not unfurl ticket #100001: the panel could not be read/);
  });

  it("a panel that never answers: Slack's event is acked all the same, nothing attached", async () => {
    const h = await start({ intercept: () => ({ hang: true }) });
    const ack = await sendEvent(h, linkShared([link(100001)]));
    // Acked while the panel still holds the request: the bot had not done with the event.
    expect(ack.status).toBe(200);
    expect(h.logs.join("\n")).not.toMatch(/handled link_shared|did not unfurl/);
    await h.waitForLog(/did not unfurl ticket #100001/);
    expect(unfurlCalls(h)).toEqual([]);
  });

  it("links that are not ticket pages: nothing fetched", async () => {
    const h = await start();
    await share(h, linkShared(["https://panel.example.com/invoices/5"]));
    expect(h.api.requests).toEqual([]);
    expect(unfurlCalls(h)).toEqual([]);
  });

  it("without TICKET_WEB_URL no link is a ticket's: the event is acked and dropped", async () => {
    const h = await start({ env: {} });
    const ack = await sendEvent(h, linkShared([link(100001)]));
    expect(ack.status).toBe(200);
    // Whatever the event led to has happened once a later command has been answered.
    await h.answerTo((await h.command("#100002")).responseId);
    expect(fetched(h)).toEqual(["100002"]);
    expect(unfurlCalls(h)).toEqual([]);
    expect(h.logs.join("\n")).not.toMatch(/handled link_shared/);
  });
});

/** conversations.info as Slack answers it for a DM of `user` with the bot. */
const dmsOf = (dms: Record<string, string>): HarnessOptions["slack"] => ({
  webApi: (call) =>
    call.method === "conversations.info"
      ? {
          body: {
            ok: true,
            channel: { id: call.body.channel, is_im: true, user: dms[String(call.body.channel)] },
          },
        }
      : undefined,
});

describe("who may unfurl, and where (the access settings)", () => {
  const expectRefused = async (h: Harness, setting: string) => {
    await h.waitForLog(new RegExp(`refused .*: ${setting}`));
    expect(h.api.requests).toEqual([]);
    expect(unfurlCalls(h)).toEqual([]);
  };

  it("in a channel ALLOWED_CHANNEL_IDS leaves out: nothing fetched, nothing unfurled", async () => {
    const h = await start({ env: { TICKET_WEB_URL: WEB_URL, ALLOWED_CHANNEL_IDS: "CSUPPORT" } });
    await share(h, linkShared([link(100001)], { channel: "CRANDOM" }));
    await expectRefused(h, "ALLOWED_CHANNEL_IDS");
    expect(await h.waitForLog(/refused W111 in CRANDOM/)).toBeTruthy();
  });

  it("in a listed channel, and in a thread there: unfurled", async () => {
    const h = await start({ env: { TICKET_WEB_URL: WEB_URL, ALLOWED_CHANNEL_IDS: "CSUPPORT" } });
    await share(
      h,
      linkShared([link(100001)], {
        channel: "CSUPPORT",
        message_ts: "1700000001.000300",
        thread_ts: "1700000000.000100",
      }),
    );
    // A reply in a thread is unfurled by its own ts, not the thread's.
    expect(unfurlCalls(h)[0]?.body).toMatchObject({ channel: "CSUPPORT", ts: "1700000001.000300" });
    expect(fetched(h)).toEqual(["100001"]);
  });

  it("by someone ALLOWED_USER_IDS leaves out: nothing fetched; by someone listed: unfurled", async () => {
    const h = await start({ env: { TICKET_WEB_URL: WEB_URL, ALLOWED_USER_IDS: "UBOB" } });
    await share(h, linkShared([link(100001)], { user: "UEVE" }));
    await expectRefused(h, "ALLOWED_USER_IDS");
    await share(h, linkShared([link(100002)], { user: "UBOB" }));
    expect(fetched(h)).toEqual(["100002"]);
    expect(Object.keys(unfurlsOf(unfurlCalls(h)[0]))).toEqual([link(100002)]);
  });

  it("from another app's bot user: judged like a person, by its user id", async () => {
    const restricted = await start({ env: { TICKET_WEB_URL: WEB_URL, ALLOWED_USER_IDS: "UBOB" } });
    await share(restricted, linkShared([link(100001)], { user: "UOTHERBOT" }));
    await expectRefused(restricted, "ALLOWED_USER_IDS");
    const open = await start();
    await share(open, linkShared([link(100001)], { user: "UOTHERBOT" }));
    expect(unfurlCalls(open)).toHaveLength(1);
  });

  it("in a DM: the person's own DM with the bot unfurls; a DM between two people does not", async () => {
    const h = await start({
      env: { TICKET_WEB_URL: WEB_URL, ALLOWED_CHANNEL_IDS: "CSUPPORT" },
      slack: dmsOf({ DOWN: "W111", DPAIR: "UOTHER" }),
    });
    await share(h, linkShared([link(100001)], { channel: "DPAIR" }));
    await expectRefused(h, "ALLOWED_CHANNEL_IDS");
    await share(h, linkShared([link(100002)], { channel: "DOWN" }));
    expect(fetched(h)).toEqual(["100002"]);
    expect(unfurlCalls(h)[0]?.body).toMatchObject({ channel: "DOWN" });
  });

  it("in a DM with nothing restricted: unfurled, like anywhere", async () => {
    const h = await start();
    await share(h, linkShared([link(100001)], { channel: "DPAIR" }));
    expect(unfurlCalls(h)[0]?.body).toMatchObject({ channel: "DPAIR" });
  });

  describe("in the composer, before the message is sent", () => {
    const composer = (over: Record<string, unknown> = {}) => {
      const { channel: _c, unfurl_id: _u, ...rest } = linkShared([link(100001)]);
      return {
        ...rest,
        channel_id: "COMPOSER",
        message_ts: "gryl3kb80b3wm49ihzoo35fyqoq08n2y",
        unfurl_id: "gryl3kb80b3wm49ihzoo35fyqoq08n2y",
        source: "composer",
        ...over,
      };
    };

    it("not where channels are listed: the message could go anywhere", async () => {
      const h = await start({ env: { TICKET_WEB_URL: WEB_URL, ALLOWED_CHANNEL_IDS: "CSUPPORT" } });
      await share(h, composer());
      await expectRefused(h, "ALLOWED_CHANNEL_IDS");
      await h.waitForLog(/refused W111 in the message composer/);
      // Slack's own spelling, channel "COMPOSER", is no listed channel either.
      await share(h, composer({ channel: "COMPOSER", channel_id: undefined }));
      expect(h.api.requests).toEqual([]);
    });

    it("where channels are not listed: a preview, into the composer", async () => {
      const h = await start();
      await share(h, composer());
      expect(unfurlCalls(h)[0]?.body).toMatchObject({
        channel: "COMPOSER",
        ts: "gryl3kb80b3wm49ihzoo35fyqoq08n2y",
      });
    });
  });
});
