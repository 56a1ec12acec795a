import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/contract/action-ids";
import { decodeListState } from "../../src/contract/list-state";
import { describeFilter } from "../../src/render/describe-filter";
import { renderTicketList } from "../../src/render/ticket-list";
import type { TicketQuery } from "../../src/tickets/ticket-query";
import {
  buttonsOf,
  ctx,
  expectWithinSlackLimits,
  pageOf,
  samplePage,
  shownStrings,
  ticketJson,
} from "./helpers";

const { t } = ctx;
const query = (over: Partial<TicketQuery> = {}): TicketQuery => ({
  filter: {},
  page: 1,
  perPage: 10,
  ...over,
});
const request = (over: Partial<TicketQuery> = {}) => ({ query: query(over), notices: [] });
const shown = (message: ReturnType<typeof renderTicketList>) =>
  shownStrings(message)
    .map((s) => s.value)
    .join("\n");

describe("renderTicketList with the provider's sample", () => {
  const message = renderTicketList(
    samplePage(),
    request({ perPage: 2, filter: { stateId: 3 } }),
    ctx,
  );
  const text = shown(message);

  it("says what was asked, the total and the page", () => {
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Answered" },
    });
    expect(text).toContain("30 tickets · page 1 of 15");
    expect(message.text).toContain("Answered: 30 tickets, page 1 of 15");
  });

  it("shows every field of a row", () => {
    expect(text).toContain("🟢 *#100001* · Sample ticket with file");
    expect(text).toContain("importance: acute");
    expect(text).toContain("👤 sampleuser");
    expect(text).toContain("📁 Plugins, Domains, API › System Errors");
    expect(text).toContain("📁 System Questions › Other Issues");
    expect(text).toContain("💬 1 interaction");
    expect(text).toContain(
      "🕒 updated 1 d 1 h ago (<!date^1735729200^{date_short_pretty} {time}|2025-01-01 11:00 UTC>)",
    );
    expect(text).toContain("updated 3 h ago");
  });

  it("says when the list was made, since relative ages stop moving", () => {
    expect(text).toContain(
      "As of <!date^1735819200^{date_short_pretty} {time}|2025-01-02 12:00 UTC>",
    );
  });

  it("offers Next but not Previous on page 1, then Refresh and Share of this page", () => {
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => b.action_id)).toEqual([
      ACTION_IDS.pageNext,
      ACTION_IDS.pageRefresh,
      ACTION_IDS.shareList,
    ]);
    expect(buttons.map((b) => b.text.text)).toEqual([t.list.next, t.list.refresh, t.list.share]);
    expect(buttons.map((b) => decodeListState(b.value))).toEqual([
      query({ page: 2, perPage: 2, filter: { stateId: 3 } }),
      query({ page: 1, perPage: 2, filter: { stateId: 3 } }),
      query({ page: 1, perPage: 2, filter: { stateId: 3 } }),
    ]);
  });

  it("stays within limits and keeps a fallback line per ticket", () => {
    expectWithinSlackLimits(message);
    expect(message.text).toContain("#100001 Sample ticket with file");
  });
});

describe("paging buttons", () => {
  const onPage = (page: number, lastPage: number, q = query()) =>
    renderTicketList(
      pageOf([ticketJson()], { current_page: page, last_page: lastPage, total: lastPage * 10 }),
      { query: { ...q, page }, notices: [] },
      ctx,
    );

  it("offers Previous and Next in the middle, each decoding to the neighbouring page", () => {
    const q = query({ filter: { stateId: 2, username: "bob", categoryId: 10 }, perPage: 5 });
    const buttons = buttonsOf(onPage(7, 15, q));
    expect(buttons.map((b) => b.action_id)).toEqual([
      ACTION_IDS.pagePrevious,
      ACTION_IDS.pageNext,
      ACTION_IDS.pageRefresh,
      ACTION_IDS.shareList,
    ]);
    expect(buttons.map((b) => decodeListState(b.value))).toEqual([
      { ...q, page: 6 },
      { ...q, page: 8 },
      { ...q, page: 7 },
      { ...q, page: 7 },
    ]);
  });

  it("has no Next on the last page", () => {
    expect(buttonsOf(onPage(15, 15)).map((b) => b.action_id)).toEqual([
      ACTION_IDS.pagePrevious,
      ACTION_IDS.pageRefresh,
      ACTION_IDS.shareList,
    ]);
  });

  it("has only Refresh and Share on a single page", () => {
    const message = onPage(1, 1);
    expect(buttonsOf(message).map((b) => b.action_id)).toEqual([
      ACTION_IDS.pageRefresh,
      ACTION_IDS.shareList,
    ]);
    expect(message.blocks.filter((b) => b.type === "actions")).toHaveLength(1);
  });

  it("refreshes and shares the page shown, even when the request asked for another", () => {
    const page = pageOf([ticketJson()], { current_page: 3, last_page: 5, total: 50 });
    const message = renderTicketList(page, request({ page: 9 }), ctx);
    const [refresh, share] = buttonsOf(message).filter(
      (b) => b.action_id === ACTION_IDS.pageRefresh || b.action_id === ACTION_IDS.shareList,
    );
    expect(decodeListState(refresh?.value ?? "")).toEqual(query({ page: 3 }));
    expect(decodeListState(share?.value ?? "")).toEqual(query({ page: 3 }));
  });
});

describe("rows", () => {
  const render = (over: Record<string, unknown>) =>
    renderTicketList(pageOf([ticketJson(over)]), request(), ctx);

  it("names an unknown state without crashing", () => {
    const text = shown(render({ state_id: 6 }));
    expect(text).toContain("⚫ *#100001*");
    expect(text).toContain("State 6");
  });

  it.each([
    [1, "🟠"],
    [2, "🔴"],
    [3, "🟢"],
    [4, "⚪"],
    [5, "🔵"],
  ])("marks state %i with %s and its catalog name", (stateId, marker) => {
    const text = shown(render({ state_id: stateId }));
    expect(text).toContain(`${marker} *#100001*`);
    expect(text).toContain(t.states[stateId]);
  });

  it("makes tickets not yet seen by staff stand out, with a legend", () => {
    const text = shown(render({ admin_seen: 0 }));
    expect(text).toContain("*#100001* · 🆕 *New* ·");
    expect(text).toContain(t.list.unseenLegend);
    expect(shown(render({ admin_seen: 1 }))).not.toContain("🆕");
  });

  it("uses placeholders for missing texts and leaves out missing numbers", () => {
    const text = shown(
      render({
        subject: " \n ",
        user: null,
        category: null,
        sub_category: { title: null },
        importance: null,
        interaction_count: null,
      }),
    );
    expect(text).toContain(`*#100001* · ${t.list.noSubject}`);
    expect(text).toContain(`👤 ${t.list.noCustomer}`);
    expect(text).toContain(`📁 ${t.list.noCategory}`);
    expect(text).not.toContain("importance");
    expect(text).not.toContain("💬");
  });

  it("shows a sub-category alone when the category is missing", () => {
    expect(shown(render({ category: null }))).toContain("📁 System Errors\n");
  });

  it("keeps right-to-left text intact, minus bidi overrides", () => {
    const subject = "سلام، سرور من \u202Eپایین است";
    const text = shown(render({ subject, user: { uname: "علی_رضا" } }));
    expect(text).toContain("سلام، سرور من پایین است");
    expect(text).toContain("👤 علی_رضا");
  });

  it("puts a multi-line subject on one line", () => {
    expect(shown(render({ subject: "line one\r\nline two" }))).toContain("· line one line two");
  });
});

describe("empty results", () => {
  const none = pageOf([], { total: 0, last_page: 0 });

  it("says nothing matched, repeats the filters and suggests loosening them", () => {
    const filter = { stateId: 2 as const, username: "bob" };
    const message = renderTicketList(none, request({ filter }), ctx);
    const text = shown(message);
    expect(describeFilter(filter, ctx)).toBe("Waiting for support · user bob");
    expect(message.blocks[0]).toMatchObject({
      type: "header",
      text: { text: "Waiting for support · user bob" },
    });
    expect(text).toContain("No tickets match *Waiting for support · user bob*.");
    expect(text).toContain(t.list.emptyHint);
    expect(message.text).toBe("No tickets match *Waiting for support · user bob*.");
    expect(buttonsOf(message)).toEqual([]);
    expectWithinSlackLimits(message);
  });

  it("without filters says there are no tickets at all", () => {
    const message = renderTicketList(none, request(), ctx);
    expect(describeFilter({}, ctx)).toBe(t.filter.all);
    expect(shown(message)).toContain(t.list.emptyNoFilter);
    expect(shown(message)).not.toContain(t.list.emptyHint);
  });
});

describe("a page past the end", () => {
  it("says so and offers the first and the last page", () => {
    const page = pageOf([], { current_page: 9, last_page: 3, total: 25 });
    const q = query({ page: 9, filter: { ticketId: 5 } });
    const message = renderTicketList(page, { query: q, notices: [] }, ctx);
    expect(shown(message)).toContain("There is no page 9: these filters give 3 pages.");
    const buttons = buttonsOf(message);
    expect(buttons.map((b) => [b.action_id, b.text.text])).toEqual([
      [ACTION_IDS.pageFirst, t.list.firstPage],
      [ACTION_IDS.pageLast, t.list.lastPage(3)],
    ]);
    expect(buttons.map((b) => decodeListState(b.value)?.page)).toEqual([1, 3]);
    expect(decodeListState(buttons[0]?.value ?? "")?.filter).toEqual({ ticketId: 5 });
    expectWithinSlackLimits(message);
  });

  it("offers only the first page when there is one page", () => {
    const page = pageOf([], { current_page: 2, last_page: 1, total: 3 });
    const message = renderTicketList(page, request({ page: 2 }), ctx);
    expect(buttonsOf(message).map((b) => b.action_id)).toEqual([ACTION_IDS.pageFirst]);
  });
});

describe("notices", () => {
  it("tells the user their per_page was lowered", () => {
    const message = renderTicketList(
      samplePage(),
      {
        query: query({ perPage: 20 }),
        notices: [{ kind: "per-page-lowered", requested: 50, used: 20 }],
      },
      ctx,
    );
    const notices = message.blocks.flatMap((b) =>
      b.type === "context" ? b.elements.map((e) => ("text" in e ? e.text : "")) : [],
    );
    expect(notices).toContain(
      "You asked for 50 per page; Slack shows at most 20, so this list has 20 per page.",
    );
  });
});

describe("renderTicketList with rows the panel sent malformed", () => {
  const bad = { ticket_id: 100099, updated_at: null };

  it("shows the good rows and says how many could not be read", () => {
    const page = pageOf([ticketJson({ ticket_id: 100001 }), bad, { nope: true }], { total: 3 });
    const message = renderTicketList(page, request(), ctx);
    const text = shown(message);
    expect(text).toContain("*#100001*");
    expect(text).toContain(
      "⚠️ 2 tickets on this page could not be read and are not shown: the panel sent them in a form the bot does not understand. The details are in the bot's log.",
    );
    expect(text).toContain("3 tickets · page 1 of 1");
    expectWithinSlackLimits(message);
  });

  it("says so, not 'no such page', when no row of the page could be read", () => {
    const message = renderTicketList(pageOf([bad], { total: 1 }), request(), ctx);
    const text = shown(message);
    expect(text).toContain(
      "⚠️ 1 ticket on this page could not be read and is not shown: the panel sent it in a form the bot does not understand. The details are in the bot's log.",
    );
    expect(text).not.toContain("There is no page");
    expect(buttonsOf(message).map((b) => b.action_id)).toContain(ACTION_IDS.pageRefresh);
    expectWithinSlackLimits(message);
  });
});
