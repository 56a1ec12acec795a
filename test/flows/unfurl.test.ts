import { describe, expect, it } from "vitest";
import {
  MAX_UNFURLS_PER_MESSAGE,
  pickTicketLinks,
  type UnfurlDeps,
  unfurlTicketLinks,
} from "../../src/flows/unfurl";
import type { SlackMessage } from "../../src/render/context";
import { TicketApiServerError } from "../../src/tickets/errors";
import { ticketPageSchema } from "../../src/tickets/schemas";
import type { TicketClient } from "../../src/tickets/ticket-client";
import { ticketLinkMatcher } from "../../src/tickets/ticket-link";
import { type TicketQuery, ticketQuery } from "../../src/tickets/ticket-query";
import { ticketJson } from "../render/helpers";
import { allText } from "../support/blocks";
import { recordingLogger, renderContext } from "../support/listener-fakes";

const match = ticketLinkMatcher("https://panel.example.com/tickets/{id}");
const link = (id: number | string) => `https://panel.example.com/tickets/${id}`;

/** A panel holding `ids`; `failing` ids answer HTTP 503. Records each ticket asked for. */
const panel = (ids: number[], failing: number[] = []) => {
  const asked: (number | undefined)[] = [];
  const answer = async (query: TicketQuery) => {
    const id = query.filter.ticketId;
    asked.push(id);
    if (id !== undefined && failing.includes(id)) throw new TicketApiServerError(503);
    const rows = ids.filter((t) => t === id).map((t) => ticketJson({ ticket_id: t }));
    return ticketPageSchema.parse({
      data: rows,
      meta: { current_page: 1, last_page: 1, per_page: 1, total: rows.length },
    });
  };
  const tickets: TicketClient = {
    listTickets: answer,
    findTicket: (ticketId) => answer(ticketQuery(ticketId)),
    listDigestRows: answer,
  };
  return { tickets, asked };
};

const run = async (urls: string[], tickets: TicketClient) => {
  const { logger, lines } = recordingLogger();
  const deps: UnfurlDeps = { tickets, logger, renderContext, ticketLinks: match };
  const attached: Map<string, SlackMessage>[] = [];
  await unfurlTicketLinks(
    deps,
    {
      attachUnfurls: async (cards) => {
        attached.push(new Map(cards));
      },
    },
    { userId: "W111", urls },
  );
  return { attached, lines };
};

describe("pickTicketLinks", () => {
  it("keeps ticket links in the message's order, each ticket once, by its first link", () => {
    expect(
      pickTicketLinks(
        [link(2), "https://panel.example.com/", link(1), `${link(2)}/`, link(1), link(3)],
        match,
      ),
    ).toEqual({
      links: [
        { url: link(2), ticketId: 2 },
        { url: link(1), ticketId: 1 },
        { url: link(3), ticketId: 3 },
      ],
      beyond: 0,
    });
  });

  it(`stops at ${MAX_UNFURLS_PER_MESSAGE} tickets and counts the rest`, () => {
    const picked = pickTicketLinks(
      Array.from({ length: 8 }, (_, i) => link(i + 1)),
      match,
    );
    expect(picked.links.map((l) => l.ticketId)).toEqual([1, 2, 3, 4, 5]);
    expect(picked.beyond).toBe(3);
  });
});

describe("unfurlTicketLinks", () => {
  it("fetches each ticket once and attaches every card in one chat.unfurl, keyed by the link as sent", async () => {
    const { tickets, asked } = panel([1, 2]);
    const { attached } = await run([link(1), link(2), `${link(1)}#again`], tickets);
    expect(asked.sort()).toEqual([1, 2]);
    expect(attached).toHaveLength(1);
    expect([...(attached[0]?.keys() ?? [])]).toEqual([link(1), link(2)]);
    expect(allText(attached[0]?.get(link(2)))).toContain("#2");
  });

  it(`fetches no more than ${MAX_UNFURLS_PER_MESSAGE} tickets for one message, and says so`, async () => {
    const ids = [1, 2, 3, 4, 5, 6, 7];
    const { tickets, asked } = panel(ids);
    const { attached, lines } = await run(ids.map(link), tickets);
    expect(asked.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(attached[0]?.size).toBe(5);
    expect(lines.join("\n")).toMatch(/first 5 tickets of a message that links 7/);
  });

  it("unfurls what it found, and logs why the rest was left as links", async () => {
    const { tickets } = panel([1, 3], [3]);
    const { attached, lines } = await run([link(1), link(2), link(3)], tickets);
    expect([...(attached[0]?.keys() ?? [])]).toEqual([link(1)]);
    const log = lines.join("\n");
    expect(log).toMatch(/did not unfurl ticket #2: the panel has no such ticket/);
    expect(log).toMatch(/TicketApiServerError: ticket API answered HTTP 503/);
    expect(log).toMatch(/did not unfurl ticket #3: the panel could not be read/);
  });

  it("calls chat.unfurl not at all when nothing was found: no card says 'error'", async () => {
    const { tickets } = panel([], [1]);
    const { attached, lines } = await run([link(1), link(2)], tickets);
    expect(attached).toEqual([]);
    expect(lines.join("\n")).toMatch(/did not unfurl ticket #2/);
  });

  it("fetches nothing for links that are not ticket pages", async () => {
    const { tickets, asked } = panel([1]);
    const { attached, lines } = await run(
      ["https://panel.example.com/", "https://panel.example.com/invoices/1"],
      tickets,
    );
    expect(asked).toEqual([]);
    expect(attached).toEqual([]);
    expect(lines.join("\n")).toMatch(/none of the 2 shared link\(s\) is a ticket page/);
  });
});
