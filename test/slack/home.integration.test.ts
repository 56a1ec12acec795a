import { describe, expect, it, vi } from "vitest";
import { ACTION_IDS, homeActionOf, viewActionOf } from "../../src/contract/action-ids";
import { decodeHomeState } from "../../src/contract/home-state";
import { type ApiTicket, makeTicket } from "../../src/sample-api/generate-tickets";
import type { NewView } from "../../src/store/types";
import { aDigest, LIMITS } from "../flows/store-fixture";
import { expectValidHomeView } from "../fuzz/validate-message";
import { allText, type ButtonElement, buttonsOf } from "../support/blocks";
import { type Harness, useHarness } from "../support/bot-harness";
import {
  clickInHome,
  homeOpenedEvent,
  nthPublish,
  openHome,
  type PublishedHome,
  publishes,
  sendEvent,
} from "../support/home";

/**
 * The Home tab through the real receiver: signed `app_home_opened` events and clicks in the
 * tab, the Slack Web API stand-in recording every `views.publish`, the ticket API stand-in
 * every request, a real SQLite store.
 */

const waitingTickets = (count: number, categoryOf: (i: number) => number): ApiTicket[] =>
  Array.from({ length: count }, (_, i) =>
    makeTicket({
      id: 100_001 + i,
      ticket_id: 100_001 + i,
      state_id: 2,
      category_id: categoryOf(i),
    }),
  );

const QUEUE: ApiTicket[] = [
  ...waitingTickets(25, (i) => (i % 5 === 0 ? 11 : 10)),
  makeTicket({ id: 200_001, ticket_id: 200_001, state_id: 1 }),
];

const start = useHarness({ tickets: QUEUE });

/** The requests the Home tab's glance made: the waiting queue, read a thousand at a time. */
const glanceRequests = (h: Harness) =>
  h.api.requests.filter(
    (r) => r.query.get("state_id") === "2" && r.query.get("per_page") === "1000",
  );
const ticketRequests = (h: Harness) => h.api.requests.filter((r) => r.path === "/api/ticket");

const aView = (name: string, over: Partial<NewView> = {}): NewView => ({
  workspaceId: "T111",
  owner: { user: "W111" },
  name,
  filters: { v: 1, filter: { stateId: 2 }, page: 1, perPage: 10 },
  createdBy: "W111",
  ...over,
});

const button = (tab: PublishedHome, match: (b: ButtonElement) => boolean): ButtonElement => {
  const found = buttonsOf(tab.view).find(match);
  if (!found) throw new Error("no such button on the Home tab");
  return found;
};

/** Clicks in the tab and returns the tab published in answer. */
const clickAndWait = async (h: Harness, b: ButtonElement, tab: PublishedHome, user = "W111") => {
  const before = publishes(h, user).length;
  const { ack } = await clickInHome(h, b, tab, user);
  expect(ack.status).toBe(200);
  return nthPublish(h, before + 1, user);
};

describe("app_home_opened", () => {
  it("publishes a Home tab valid for the surface: the queue at a glance, views, digests, language", async () => {
    const h = await start();
    const ack = await openHome(h);
    expect(ack.status).toBe(200);
    const tab = await nthPublish(h, 1);
    expect(tab.user_id).toBe("W111");
    expectValidHomeView(tab.view);
    const text = allText(tab.view);
    expect(text).toContain("25 tickets waiting for support");
    expect(text).toMatch(/overdue/i);
    expect(text).toMatch(/longest/i);
    expect(text).toMatch(/As of/);
    expect(text).toContain("Your views");
    expect(text).toContain("Team views");
    expect(text).toContain("Digests");
    expect(text).toContain("Language");
    expect(buttonsOf(tab.view).map((b) => b.action_id)).toContain(ACTION_IDS.homeRefresh);
    // Only the glance was read: one page of the waiting queue.
    expect(ticketRequests(h)).toHaveLength(1);
    expect(glanceRequests(h)).toHaveLength(1);
  });

  it("leaves the Messages tab alone", async () => {
    const h = await start();
    await sendEvent(h, { ...homeOpenedEvent(h), tab: "messages" });
    await openHome(h, "W222");
    await nthPublish(h, 1, "W222");
    expect(publishes(h, "W111")).toEqual([]);
  });

  it("shares one count of the queue among everyone who opens Home within the minute", async () => {
    const h = await start();
    const users = Array.from({ length: 40 }, (_, i) => `W${String(i).padStart(3, "0")}`);
    // Opened all at once: one count under way, every tab waits for it.
    await Promise.all(users.map((u) => openHome(h, u)));
    await Promise.all(users.map((u) => nthPublish(h, 1, u)));
    // And again, one after another, and a Refresh click: the same shared result.
    for (const u of users.slice(0, 10)) await openHome(h, u);
    await Promise.all(users.slice(0, 10).map((u) => nthPublish(h, 2, u)));
    const first = publishes(h, "W000")[1];
    if (!first) throw new Error("no second tab");
    const refreshed = await clickAndWait(
      h,
      button(first, (b) => b.action_id === ACTION_IDS.homeRefresh),
      first,
      "W000",
    );
    expect(allText(refreshed.view)).toContain("25 tickets waiting for support");
    expect(glanceRequests(h)).toHaveLength(1);
    expect(ticketRequests(h)).toHaveLength(1);
  });
});

describe("when the panel is down", () => {
  it("still publishes the tab at once after the count fails, saying so, and does not ask again within the minute", async () => {
    const h = await start({ intercept: () => ({ status: 503, body: "down" }) });
    await h.store.views.save(aView("still-here"), 50);
    await openHome(h);
    const tab = await nthPublish(h, 1);
    expectValidHomeView(tab.view);
    const text = allText(tab.view);
    expect(text).toContain("The ticket panel didn't answer");
    expect(text).toContain("`still-here`");
    const asked = h.api.requests.length;
    expect(asked).toBeGreaterThan(0);
    await openHome(h, "W222");
    await nthPublish(h, 1, "W222");
    expect(h.api.requests).toHaveLength(asked);
  });
});

describe("saved views in the Home tab", () => {
  it("opens a view's tickets in the tab and pages them with Previous / Next via views.publish", async () => {
    const h = await start();
    const saved = await h.store.views.save(
      aView("waiting", { filters: { v: 1, filter: { stateId: 2 }, page: 1, perPage: 10 } }),
      50,
    );
    if (!saved.saved) throw new Error("not saved");
    await openHome(h);
    const tab = await nthPublish(h, 1);
    expect(allText(tab.view)).toContain("`waiting`");

    const opened = await clickAndWait(
      h,
      button(tab, (b) => viewActionOf(b.action_id) === ACTION_IDS.viewOpen),
      tab,
    );
    expectValidHomeView(opened.view);
    expect(allText(opened.view)).toContain("Your view `waiting`");
    expect(allText(opened.view)).toContain("#100001");
    expect(allText(opened.view)).not.toContain("#100011");
    // No Share on the Home tab: it is no conversation.
    expect(buttonsOf(opened.view).map((b) => b.action_id)).not.toContain(ACTION_IDS.shareList);
    expect(decodeHomeState(opened.view.private_metadata).open?.viewId).toBe(saved.view.id);

    const next = await clickAndWait(
      h,
      button(opened, (b) => b.action_id === ACTION_IDS.pageNext),
      opened,
    );
    expectValidHomeView(next.view);
    expect(allText(next.view)).toContain("#100011");
    expect(allText(next.view)).not.toContain("#100001\n");
    const listRequests = ticketRequests(h).filter((r) => r.query.get("per_page") === "10");
    expect(listRequests.map((r) => r.query.get("page"))).toEqual(["1", "2"]);
    // No response_url to answer through: everything went to the tab.
    expect(h.slack.responses.items).toEqual([]);

    const previous = await clickAndWait(
      h,
      button(next, (b) => b.action_id === ACTION_IDS.pagePrevious),
      next,
    );
    expect(allText(previous.view)).toContain("#100001");

    const closed = await clickAndWait(
      h,
      button(previous, (b) => homeActionOf(b.action_id) === ACTION_IDS.homeClose),
      previous,
    );
    expect(allText(closed.view)).not.toContain("#100001");
    expect(decodeHomeState(closed.view.private_metadata).open).toBeUndefined();
  });

  it("two clicks on one tab: a slower answer to the first never covers the second's", async () => {
    // Page 2 of the list takes the panel a while; Close needs no panel at all.
    const h = await start({
      intercept: (r) =>
        r.query.get("per_page") === "10" && r.query.get("page") === "2"
          ? { delayMs: 800 }
          : undefined,
    });
    const saved = await h.store.views.save(aView("waiting"), 50);
    if (!saved.saved) throw new Error("not saved");
    await openHome(h);
    const tab = await nthPublish(h, 1);
    const opened = await clickAndWait(
      h,
      button(tab, (b) => viewActionOf(b.action_id) === ACTION_IDS.viewOpen),
      tab,
    );
    const before = publishes(h).length;
    await clickInHome(
      h,
      button(opened, (b) => b.action_id === ACTION_IDS.pageNext),
      opened,
    );
    await clickInHome(
      h,
      button(opened, (b) => homeActionOf(b.action_id) === ACTION_IDS.homeClose),
      opened,
    );
    await nthPublish(h, before + 2);
    const [first, second] = publishes(h).slice(before);
    // Close was published; Next's page, answered later for the same tab, was refused by Slack.
    expect(decodeHomeState(first?.view.private_metadata).open).toBeUndefined();
    expect(first?.viewHash).toBeDefined();
    expect(second?.hash).toBe(opened.viewHash);
    expect(allText(second?.view ?? { blocks: [] })).toContain("#100011");
    expect(second?.viewHash).toBeUndefined();
    await vi.waitFor(() =>
      expect(h.logs.join("\n")).toMatch(/Home tab changed while a click was answered/),
    );
  });

  it("pages the person's views and the team's apart, each marked with who made it", async () => {
    const h = await start();
    for (let i = 0; i < 11; i++) await h.store.views.save(aView(`mine-${i}`), 50);
    await h.store.views.save(aView("shared", { owner: "workspace", createdBy: "UBOB" }), 50);
    await openHome(h);
    const tab = await nthPublish(h, 1);
    expect(allText(tab.view)).toContain("`mine-0`");
    expect(allText(tab.view)).not.toContain("`mine-9`");
    expect(allText(tab.view)).toMatch(/`shared`.*<@UBOB>/);

    const next = button(tab, (b) => b.action_id.startsWith(`${ACTION_IDS.viewsPage}.mine.`));
    const second = await clickAndWait(h, next, tab);
    expectValidHomeView(second.view);
    expect(allText(second.view)).toContain("`mine-9`");
    expect(allText(second.view)).not.toContain("`mine-0`");
    expect(allText(second.view)).toContain("`shared`");
    expect(decodeHomeState(second.view.private_metadata)).toMatchObject({
      minePage: 2,
      teamPage: 1,
    });
  });

  it("deletes a view from its open list, and refuses a team view's delete to anyone but its maker", async () => {
    const h = await start();
    const mine = await h.store.views.save(aView("mine"), 50);
    const team = await h.store.views.save(
      aView("theirs", { owner: "workspace", createdBy: "UBOB" }),
      50,
    );
    if (!mine.saved || !team.saved) throw new Error("not saved");
    await openHome(h);
    const tab = await nthPublish(h, 1);
    const openTeam = buttonsOf(tab.view).find(
      (b) =>
        viewActionOf(b.action_id) === ACTION_IDS.viewOpen &&
        b.action_id.endsWith(`.${team.view.id}`),
    );
    if (!openTeam) throw new Error("no Open for the team view");
    const teamOpen = await clickAndWait(h, openTeam, tab);
    // Not its maker: no Delete offered…
    expect(
      buttonsOf(teamOpen.view).some((b) => viewActionOf(b.action_id) === ACTION_IDS.viewDelete),
    ).toBe(false);
    // …and a forged one deletes nothing.
    const forged = await clickAndWait(
      h,
      {
        type: "button",
        action_id: `${ACTION_IDS.viewDelete}.${team.view.id}`,
        value: JSON.stringify({ v: 1, w: team.view.id }),
        text: { text: "Delete" },
      },
      teamOpen,
    );
    expect(allText(forged.view)).toMatch(/Only <@UBOB> can delete/);
    expect(await h.store.views.getById("T111", team.view.id)).toBeDefined();

    const openMine = buttonsOf(forged.view).find(
      (b) => b.action_id === `${ACTION_IDS.viewOpen}.${mine.view.id}`,
    );
    if (!openMine) throw new Error("no Open for my view");
    const mineOpen = await clickAndWait(h, openMine, forged);
    const deleted = await clickAndWait(
      h,
      button(mineOpen, (b) => viewActionOf(b.action_id) === ACTION_IDS.viewDelete),
      mineOpen,
    );
    expect(allText(deleted.view)).toMatch(/Deleted `mine`/);
    expect(await h.store.views.getById("T111", mine.view.id)).toBeUndefined();
    expect(decodeHomeState(deleted.view.private_metadata).open).toBeUndefined();
  });

  it("stays within 100 blocks with the most it can hold: a full list open, pages of views, many digests", async () => {
    const h = await start();
    for (let i = 0; i < 20; i++) await h.store.views.save(aView(`v-${i}`), 50);
    for (let i = 0; i < 20; i++) {
      await h.store.views.save(aView(`t-${i}`, { owner: "workspace", createdBy: "UBOB" }), 50);
    }
    for (let i = 0; i < 12; i++) {
      await h.store.subscriptions.create(aDigest({ channelId: `C${100 + i}` }), LIMITS);
    }
    const big = await h.store.views.save(
      aView("big", { filters: { v: 1, filter: { stateId: 2 }, page: 1, perPage: 20 } }),
      50,
    );
    if (!big.saved) throw new Error("not saved");
    await openHome(h);
    const tab = await nthPublish(h, 1);
    expectValidHomeView(tab.view);
    const opened = await clickAndWait(
      h,
      button(tab, (b) => b.action_id === `${ACTION_IDS.viewOpen}.${big.view.id}`),
      tab,
    );
    expectValidHomeView(opened.view);
    // Near the limit: the list got the room the other sections left, and every section stays.
    expect(opened.view.blocks.length).toBeGreaterThan(80);
    expect(allText(opened.view)).toContain("#100001");
    expect(allText(opened.view)).toContain("Language");
    expect(allText(opened.view)).toContain("Digests");
  });
});

describe("digests on the Home tab", () => {
  it("lists the workspace's digests with their health, linking to each channel", async () => {
    const h = await start();
    const ok = await h.store.subscriptions.create(aDigest({ channelId: "C0OK" }), LIMITS);
    const failing = await h.store.subscriptions.create(
      aDigest({ channelId: "C0BAD", schedule: { cron: "30 8 * * *", timeZone: "UTC" } }),
      LIMITS,
    );
    if (!ok.created || !failing.created) throw new Error("not created");
    // Two runs, as the slot runner records them: posted, then failed (so failing since then).
    const ranAt = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000);
    for (const [hoursAgo, outcome] of [
      [25, "posted"],
      [1, "failed"],
    ] as const) {
      const claim = await h.store.runs.claimSlot(
        failing.subscription.id,
        ranAt(hoursAgo),
        "test",
        60_000,
      );
      if (!claim.claimed) throw new Error("not claimed");
      await h.store.runs.recordOutcome(claim.claim, {
        outcome,
        ...(outcome === "failed" && { errorClass: "TicketApiUnavailableError" }),
      });
      await h.store.health.recordRun(failing.subscription.id, {
        runId: claim.claim.runId,
        slot: ranAt(hoursAgo),
        outcome,
        finishedAt: ranAt(hoursAgo),
        ...(outcome === "failed" && { failure: "panel-unreachable" }),
      });
    }
    await openHome(h);
    const text = allText((await nthPublish(h, 1)).view);
    expect(text).toContain("<#C0OK>");
    expect(text).toContain("<#C0BAD>");
    expect(text).toMatch(/Failing/);
    expect(text).toMatch(/not run yet/);
    expect(text).toMatch(/next/);
    // The failing one first.
    expect(text.indexOf("<#C0BAD>")).toBeLessThan(text.indexOf("<#C0OK>"));
  });

  it("puts a failing digest first however many digests come before its channel", async () => {
    const h = await start();
    for (let i = 0; i < 60; i += 1) {
      await h.store.subscriptions.create(
        aDigest({ channelId: `C0A${String(i).padStart(3, "0")}` }),
        LIMITS,
      );
    }
    const last = await h.store.subscriptions.create(aDigest({ channelId: "C0ZZZ" }), LIMITS);
    if (!last.created) throw new Error("not created");
    const slot = new Date(Date.now() - 3_600_000);
    await h.store.health.recordRun(last.subscription.id, {
      runId: undefined,
      slot,
      outcome: "failed",
      finishedAt: slot,
      failure: "panel-timeout",
    });
    await openHome(h);
    const text = allText((await nthPublish(h, 1)).view);
    expect(text).toContain("<#C0ZZZ>");
    expect(text.indexOf("<#C0ZZZ>")).toBeLessThan(text.indexOf("<#C0A000>"));
  });

  it("shows only digests in channels the person may read (ALLOWED_CHANNEL_IDS)", async () => {
    const h = await start({ env: { ALLOWED_CHANNEL_IDS: "C0OK" } });
    await h.store.subscriptions.create(aDigest({ channelId: "C0OK" }), LIMITS);
    await h.store.subscriptions.create(aDigest({ channelId: "C0SECRET" }), LIMITS);
    await openHome(h);
    const text = allText((await nthPublish(h, 1)).view);
    expect(text).toContain("<#C0OK>");
    expect(text).not.toContain("C0SECRET");
  });
});

describe("language on the Home tab", () => {
  it("keeps the choice as the person's preference and publishes the tab in it", async () => {
    const h = await start();
    await openHome(h);
    const tab = await nthPublish(h, 1);
    const persian = await clickAndWait(
      h,
      button(tab, (b) => b.action_id === `${ACTION_IDS.homeLanguage}.fa`),
      tab,
    );
    expectValidHomeView(persian.view);
    expect(allText(persian.view)).toContain("گزارش");
    expect(await h.store.preferences.get("T111", "W111")).toEqual({ language: "fa" });
    // And /tickets answers in it too: the same preference.
    const { ack } = await h.command("help");
    expect(allText(ack.json)).toMatch(/[\u0600-\u06FF]/);
  });
});

describe("who may see the Home tab", () => {
  it("refuses someone ALLOWED_USER_IDS leaves out with a short explanation, and fetches nothing", async () => {
    const h = await start({ env: { ALLOWED_USER_IDS: "UBOB" } });
    await h.store.views.save(aView("secret"), 50);
    await openHome(h, "W111");
    const tab = await nthPublish(h, 1);
    expect(tab.view.type).toBe("home");
    expect(allText(tab.view)).toContain("ALLOWED_USER_IDS");
    expect(allText(tab.view)).not.toContain("secret");
    expect(allText(tab.view)).not.toMatch(/waiting for support/);
    await h.waitForLog(/refused W111 in unknown channel: ALLOWED_USER_IDS/);
    expect(h.api.requests).toHaveLength(0);

    // A click from an old tab is refused on the tab too, and fetches nothing.
    await clickInHome(h, { action_id: ACTION_IDS.homeRefresh, value: "refresh" }, tab);
    const again = await nthPublish(h, 2);
    expect(allText(again.view)).toContain("ALLOWED_USER_IDS");
    expect(h.api.requests).toHaveLength(0);
    expect(h.slack.calls.items.map((c) => c.method)).not.toContain("views.push");
  });

  it("refuses an event from another workspace, and publishes nothing of the queue", async () => {
    const h = await start();
    await sendEvent(h, homeOpenedEvent(h, "W111"), "TOTHER");
    await h.waitForLog(/refused a request from workspace TOTHER/);
    expect(h.api.requests).toHaveLength(0);
    for (const p of publishes(h)) expect(allText(p.view)).not.toMatch(/waiting for support/);
  });
});
