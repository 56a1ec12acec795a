import type { WebClient } from "@slack/web-api";
import { WebAPIPlatformError } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { linkShared } from "../../../../src/slack/listeners/events/link-shared";
import { ticketLinkMatcher } from "../../../../src/tickets/ticket-link";
import { ticketJson } from "../../../render/helpers";
import { answeringTickets, listenerDeps } from "../../../support/listener-fakes";

const ticketLinks = ticketLinkMatcher("https://panel.example.com/tickets/{id}");
const LINK = "https://panel.example.com/tickets/7";

/** `client.chat.unfurl`, recording its arguments; `refuse` makes Slack refuse it. */
const fakeChat = (refuse?: Error) => {
  const calls: Record<string, unknown>[] = [];
  const client = {
    chat: {
      unfurl: async (args: Record<string, unknown>) => {
        calls.push(args);
        if (refuse) throw refuse;
        return { ok: true };
      },
    },
  } as unknown as Pick<WebClient, "chat">;
  return { client, calls };
};

const setUp = (refuse?: Error) => {
  const { tickets, queries } = answeringTickets([ticketJson({ ticket_id: 7 })]);
  const { deps, lines } = listenerDeps({ tickets });
  const { client, calls } = fakeChat(refuse);
  const handle = linkShared({ ...deps, ticketLinks });
  return { handle, client, calls, queries, lines };
};

/** Slack's documented example, with our panel's link. */
const posted = {
  type: "link_shared",
  channel: "C123ABC456",
  is_bot_user_member: true,
  user: "U123ABC456",
  message_ts: "123456789.9875",
  unfurl_id:
    "C123456.123456789.987501.1b90fa1278528ce6e2f6c5c2bfa1abc9a41d57d02b29d173f40399c9ffdecf4b",
  thread_ts: "123456621.1855",
  source: "conversations_history",
  links: [{ domain: "panel.example.com", url: LINK }],
  user_locale: "en-US",
};

describe("the link_shared listener", () => {
  it("unfurls into the posted message by its channel and ts", async () => {
    const { handle, client, calls, queries } = setUp();
    await handle({ event: posted, client });
    expect(queries.map((q) => q.filter.ticketId)).toEqual([7]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ channel: "C123ABC456", ts: "123456789.9875" });
    expect(Object.keys(calls[0]?.unfurls as object)).toEqual([LINK]);
    expect(calls[0]?.unfurls).toMatchObject({
      [LINK]: { blocks: expect.any(Array), fallback: expect.stringContaining("#7") },
    });
  });

  it("unfurls in the composer by whichever of channel_id and ts, or unfurl_id and source, Slack gave", async () => {
    const composer = {
      type: "link_shared",
      user: "U123ABC456",
      channel_id: "COMPOSER",
      message_ts: "gryl3kb80b3wm49ihzoo35fyqoq08n2y",
      unfurl_id: "gryl3kb80b3wm49ihzoo35fyqoq08n2y",
      source: "composer",
      links: [{ domain: "panel.example.com", url: LINK }],
    };
    const first = setUp();
    await first.handle({ event: composer, client: first.client });
    expect(first.calls[0]).toMatchObject({
      channel: "COMPOSER",
      ts: "gryl3kb80b3wm49ihzoo35fyqoq08n2y",
    });
    const second = setUp();
    const { channel_id: _c, message_ts: _m, ...idOnly } = composer;
    await second.handle({ event: idOnly, client: second.client });
    expect(second.calls[0]).toMatchObject({
      unfurl_id: "gryl3kb80b3wm49ihzoo35fyqoq08n2y",
      source: "composer",
    });
    expect(second.calls[0]).not.toHaveProperty("channel");
  });

  it("fetches nothing for an event it cannot read or with nowhere to unfurl, and logs why", async () => {
    const broken = setUp();
    await broken.handle({ event: { ...posted, links: "nope" }, client: broken.client });
    const nowhere = setUp();
    const { channel: _c, message_ts: _m, unfurl_id: _u, ...noTarget } = posted;
    await nowhere.handle({ event: noTarget, client: nowhere.client });
    for (const { queries, calls } of [broken, nowhere]) {
      expect(queries).toEqual([]);
      expect(calls).toEqual([]);
    }
    expect(broken.lines.join("\n")).toMatch(/ignored a link_shared event Slack would not send/);
    expect(nowhere.lines.join("\n")).toMatch(/naming no message to unfurl into/);
  });

  it("logs Slack's refusal of chat.unfurl, never throws", async () => {
    const refused = Object.setPrototypeOf(
      Object.assign(new Error("cannot_unfurl_url"), {
        data: { ok: false, error: "cannot_unfurl_url" },
      }),
      WebAPIPlatformError.prototype,
    );
    const { handle, client, calls, lines } = setUp(refused);
    await handle({ event: posted, client });
    expect(calls).toHaveLength(1);
    expect(lines.join("\n")).toMatch(
      /could not unfurl 1 ticket link\(s\): Slack answered cannot_unfurl_url/,
    );
  });
});
