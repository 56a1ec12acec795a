import { describe, expect, it } from "vitest";
import { decodeHomeState } from "../../src/contract/home-state";
import { fa } from "../../src/i18n";
import { type HomeData, renderHome } from "../../src/render/home";
import type { DigestHealthRow } from "../../src/render/home-digests";
import type { ViewItem } from "../../src/render/saved-views";
import { expectValidHomeView } from "../fuzz/validate-message";
import { allText } from "../support/blocks";
import { ctx, HOSTILE, NOW, pageOf, ticketJson } from "./helpers";

/**
 * The Home tab's renderer at its extremes: every section full, an open list of 100 hostile
 * tickets, in English and in Persian. Whatever it holds, Slack would publish it.
 */

const faCtx = { ...ctx, t: fa };

const views = (count: number, team: boolean): ViewItem[] =>
  Array.from({ length: count }, (_, i) => ({
    id: (team ? 1000 : 1) + i,
    name: `${team ? "تیم" : "view"}-${i}`.padEnd(32, "x"),
    query: {
      filter: { stateId: 2, username: HOSTILE.slice(0, 60), categoryId: 10 },
      page: 1,
      perPage: 20,
    },
    team,
    createdBy: "U0MAKER",
    deletable: !team,
  }));

const digests: DigestHealthRow[] = Array.from({ length: 8 }, (_, i) => ({
  channelId: `C0${i}`,
  cron: "30 8 * * 1-5",
  paused: i % 3 === 0,
  last: { at: new Date(NOW.getTime() - 3_600_000), outcome: i % 2 ? "failed" : "posted" },
  next: new Date(NOW.getTime() + 3_600_000),
  failing: i % 2 === 1,
}));

const fullData = (): HomeData => {
  const mine = views(50, false);
  const open = mine[0];
  if (!open?.query) throw new Error("no view");
  const tickets = Array.from({ length: 20 }, (_, i) =>
    ticketJson({
      id: 100_001 + i,
      ticket_id: 100_001 + i,
      subject: `${HOSTILE} ${"x".repeat(300)}`,
    }),
  );
  return {
    glance: {
      kind: "counted",
      overdueHours: 72,
      readAtMost: 10_000,
      summary: {
        total: 123_456,
        approximate: true,
        counted: 10_000,
        longestWaitMs: 40 * 86_400_000,
        overdueCount: 9_000,
        unseenCount: 50,
        categories: {
          kept: Array.from({ length: 5 }, (_, i) => ({
            name: HOSTILE,
            categoryId: i,
            count: 100 - i,
          })),
          other: 3,
          otherCategories: 9,
        },
        top: [],
        unreadable: 2,
        generatedAt: NOW,
      },
    },
    mine: { items: mine, page: 3 },
    team: { items: views(50, true), page: 2 },
    open: {
      view: open,
      request: { query: { ...open.query, page: 2 }, notices: [] },
      page: pageOf(tickets, { current_page: 2, last_page: 200, per_page: 20, total: 4000 }),
    },
    digests: { rows: digests, more: 40 },
    language: { language: "fa", source: "person" },
    notice: ctx.t.views.answers.gone,
  };
};

describe("renderHome", () => {
  it.each([
    ["English", ctx],
    ["Persian", faCtx],
  ])("stays a valid Home tab with every section full (%s)", (_, context) => {
    const state = {
      minePage: 3,
      teamPage: 2,
      open: { viewId: 1, query: { filter: { stateId: 2 as const }, page: 2, perPage: 20 } },
    };
    const view = renderHome(fullData(), context, state);
    expectValidHomeView(view);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = allText(view);
    // Every section is there, the open list cut to the room left rather than any section dropped.
    expect(text).toContain(context === ctx ? "#100001" : "۱۰۰۰۰۱");
    expect(text).toContain("<#C00>");
    expect(text).toContain(context.t.home.language.title);
    expect(text).toContain(context.t.home.views.team);
    // Button values carry the filters as typed (never shown); every text shown is escaped.
    const pings = text
      .split("\n")
      .filter((l) => !l.startsWith('{"v":') && /<!channel>|<!here>|<@U123>/.test(l));
    expect(pings).toEqual([]);
    expect(decodeHomeState(view.private_metadata)).toEqual(state);
  });

  it("says why a section is empty, and when the panel could not be counted", () => {
    const view = renderHome(
      {
        glance: { kind: "failed" },
        mine: { items: [], page: 1 },
        team: { items: undefined, page: 1 },
        digests: { rows: [], more: 0 },
        language: { language: "en", source: "workspace" },
      },
      ctx,
    );
    expectValidHomeView(view);
    const text = allText(view);
    expect(text).toContain(ctx.t.home.glance.failed);
    expect(text).toContain(ctx.t.home.views.noneMine);
    expect(text).toContain(ctx.t.views.answers.unavailable);
    expect(text).toContain(ctx.t.home.digests.none);
  });
});
