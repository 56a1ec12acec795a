import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { decodeListState } from "../../src/contract/list-state";
import type { DigestSummary, DigestTicket } from "../../src/digest/types";
import type { RenderContext, SlackMessage } from "../../src/render/context";
import { renderDigest } from "../../src/render/digest";
import { renderTicketList } from "../../src/render/ticket-list";
import { ticketPageSchema } from "../../src/tickets/schemas";
import { MAX_ID } from "../../src/tickets/ticket-filters";
import { LIST_MAX_PER_PAGE, type TicketQuery } from "../../src/tickets/ticket-query";
import {
  accessoriesOf,
  buttonsOf,
  ctx,
  expectNoHostileMarkup,
  expectWithinSlackLimits,
  linkedCtx,
  NOW,
  OWN_LINK,
  OWN_MENTION,
  PANEL,
  pageOf,
  SHARER,
  samplePage,
  shownStrings,
  ticketJson,
} from "./helpers";

const { t } = ctx;
const shown = (message: SlackMessage) =>
  shownStrings(message)
    .map((s) => s.value)
    .join("\n");
const query = (over: Partial<TicketQuery> = {}): TicketQuery => ({
  filter: {},
  page: 1,
  perPage: 10,
  ...over,
});
const request = (over: Partial<TicketQuery> = {}) => ({ query: query(over), notices: [] });

const HOUR = 3_600_000;
const digestTicket = (ticketId: number): DigestTicket => ({
  ticketId,
  subject: "Mail server not sending",
  username: "sampleuser",
  updatedAt: new Date(NOW.getTime() - 30 * HOUR),
  waitedMs: 30 * HOUR,
  overdue: true,
  adminSeen: true,
});
const summary = (top: DigestTicket[]): DigestSummary => ({
  total: top.length + 5,
  approximate: false,
  counted: top.length + 5,
  overdueCount: 1,
  unseenCount: 0,
  categories: { kept: [], other: 0, otherCategories: 0 },
  top,
  unreadable: 0,
  generatedAt: NOW,
});
const digest = (c: RenderContext, top = [digestTicket(100_001), digestTicket(100_002)]) =>
  renderDigest(summary(top), { overdueHours: 24, top: 10 }, c);

const longUrlCtx: RenderContext = {
  ...ctx,
  ticketUrl: (id) => `https://panel.example.com/${"p".repeat(960)}/${id}`,
};

describe("a Details button beside every row", () => {
  it("in a list, carrying the row's ticket number", () => {
    const message = renderTicketList(samplePage(), request({ perPage: 2 }), ctx);
    const accessories = accessoriesOf(message);
    expect(accessories.map(([title, b]) => [title.includes(`#${b.value}`), b.action_id])).toEqual([
      [true, ACTION_IDS.detailsOpen],
      [true, ACTION_IDS.detailsOpen],
    ]);
    expect(accessories.map(([, b]) => b.value)).toEqual(["100001", "100002"]);
    expect(accessories[0]?.[1].text.text).toBe(t.list.details);
  });

  it("in a list of 20, one per row and no more blocks than before", () => {
    const tickets = Array.from({ length: 20 }, (_, i) => ticketJson({ ticket_id: i + 1 }));
    const message = renderTicketList(pageOf(tickets), request({ perPage: 20 }), ctx);
    expect(accessoriesOf(message).map(([, b]) => b.value)).toEqual(
      tickets.map((x) => String(x.ticket_id)),
    );
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expectWithinSlackLimits(message);
  });

  it("in a digest, carrying the row's ticket number", () => {
    const message = digest(ctx);
    const accessories = accessoriesOf(message);
    expect(accessories.map(([, b]) => [b.action_id, b.value])).toEqual([
      [ACTION_IDS.detailsOpen, "100001"],
      [ACTION_IDS.detailsOpen, "100002"],
    ]);
    expect(accessories.every(([title]) => title.includes("Mail server not sending"))).toBe(true);
    expectWithinSlackLimits(message);
  });
});

describe("ticket numbers as panel links", () => {
  it("in list rows when a template is set", () => {
    const text = shown(renderTicketList(samplePage(), request({ perPage: 2 }), linkedCtx));
    expect(text).toContain(`🟢 *<${PANEL}100001|#100001>* · Sample ticket with file`);
    expect(text).toContain(`*<${PANEL}100002|#100002>*`);
  });

  it("in digest rows when a template is set", () => {
    expect(shown(digest(linkedCtx))).toContain(
      `*<${PANEL}100001|#100001>* · ⏰ *Overdue* · Mail server not sending`,
    );
  });

  it("nowhere without a template", () => {
    for (const message of [
      renderTicketList(samplePage(), request({ perPage: 2 }), ctx),
      digest(ctx),
    ]) {
      expect(shown(message)).toContain("*#100001*");
      expect(JSON.stringify(message)).not.toContain(PANEL);
    }
  });

  it("keep the fallback text plain", () => {
    const message = renderTicketList(samplePage(), request({ perPage: 2 }), linkedCtx);
    expect(message.text).toContain("#100001 Sample ticket with file");
    expect(message.text).not.toContain(PANEL);
  });

  it("give way before rows do when a long panel URL would not fit 20 rows", () => {
    const tickets = Array.from({ length: LIST_MAX_PER_PAGE }, (_, i) =>
      ticketJson({
        ticket_id: MAX_ID - i,
        subject: "<&>".repeat(2000),
        user: { uname: "&".repeat(2000) },
      }),
    );
    const page = ticketPageSchema.parse({
      data: tickets,
      meta: { current_page: 2, last_page: 9, per_page: 20, total: 180 },
    });
    const message = renderTicketList(page, request({ page: 2, perPage: 20 }), longUrlCtx);
    expectWithinSlackLimits(message);
    expect(accessoriesOf(message)).toHaveLength(LIST_MAX_PER_PAGE);
    const worst = Array.from({ length: 25 }, (_, i) => ({
      ...digestTicket(MAX_ID - i),
      subject: "<&>".repeat(2000),
    }));
    expectWithinSlackLimits(digest(longUrlCtx, worst));
  });
});

describe("a list's Refresh and Share", () => {
  const q = query({ filter: { stateId: 2, username: "bob" }, page: 4, perPage: 5 });
  const page = pageOf([ticketJson()], { current_page: 4, last_page: 6, total: 30 });

  it("carry the page shown", () => {
    const buttons = buttonsOf(renderTicketList(page, { query: q, notices: [] }, ctx));
    const byId = new Map(buttons.map((b) => [b.action_id, b]));
    expect(byId.get(ACTION_IDS.pageRefresh)?.text.text).toBe(t.list.refresh);
    expect(byId.get(ACTION_IDS.shareList)?.text.text).toBe(t.list.share);
    expect(decodeListState(byId.get(ACTION_IDS.pageRefresh)?.value ?? "")).toEqual(q);
    expect(decodeListState(byId.get(ACTION_IDS.shareList)?.value ?? "")).toEqual(q);
  });
});

describe("a shared list", () => {
  const q = query({ filter: { stateId: 2 }, page: 2, perPage: 5 });
  const page = pageOf([ticketJson()], { current_page: 2, last_page: 3, total: 15 });
  const message = renderTicketList(page, { query: q, notices: [] }, linkedCtx, {
    sharedBy: SHARER,
  });

  it("says who shared it and when, instead of As of", () => {
    expect(shown(message)).toContain(
      `Shared by <@${SHARER}> · as of <!date^1735819200^{date_short_pretty} {time}|2025-01-02 12:00 UTC>`,
    );
    expect(shown(message)).not.toContain("As of");
    expect(message.text).not.toContain("<@");
  });

  it("has no Share, but keeps paging and Refresh, which answer privately", () => {
    expect(buttonsOf(message).map((b) => b.action_id)).toEqual([
      ACTION_IDS.pagePrevious,
      ACTION_IDS.pageNext,
      ACTION_IDS.pageRefresh,
    ]);
    expect(accessoriesOf(message)).toHaveLength(1);
  });

  it("stays within limits with nothing but our own markup", () => {
    expectWithinSlackLimits(message);
    expectNoHostileMarkup(message, [OWN_MENTION, OWN_LINK]);
  });

  it("says it was shared even when empty or past the end", () => {
    const empty = renderTicketList(pageOf([], { total: 0, last_page: 0 }), request(), ctx, {
      sharedBy: SHARER,
    });
    const past = renderTicketList(
      pageOf([], { current_page: 5, last_page: 2, total: 12 }),
      request({ page: 5 }),
      ctx,
      { sharedBy: SHARER },
    );
    for (const m of [empty, past]) expect(shown(m)).toContain(`Shared by <@${SHARER}>`);
  });

  it("leaves out a sharer that is not a user id, still marked shared", () => {
    const odd = renderTicketList(page, { query: q, notices: [] }, ctx, { sharedBy: "<!channel>" });
    expect(shown(odd)).toContain("Shared · as of");
    expect(shown(odd)).not.toContain("<@");
    expect(shown(odd)).not.toContain("<!channel>");
    expect(buttonsOf(odd).map((b) => b.action_id)).not.toContain(ACTION_IDS.shareList);
  });
});
