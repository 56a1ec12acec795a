import { describe, expect, it } from "vitest";
import {
  ACTION_IDS,
  CALLBACK_IDS,
  DIGEST_ACTION_PATTERN,
  digestActionOf,
  digestButtonId,
  HOME_ACTION_PATTERN,
  homeActionOf,
  isPagingAction,
  LIST_ACTION_PATTERN,
  VIEW_ACTION_PATTERN,
  viewActionOf,
  viewButtonId,
} from "../../src/contract/action-ids";
import { LIMITS } from "../../src/render/limits";

describe("action and callback ids", () => {
  it("keep the ids buttons already posted carry", () => {
    expect(ACTION_IDS).toEqual({
      pagePrevious: "tickets.page.previous",
      pageNext: "tickets.page.next",
      pageFirst: "tickets.page.first",
      pageLast: "tickets.page.last",
      pageRefresh: "tickets.page.refresh",
      openList: "tickets.list.open",
      detailsOpen: "tickets.details.open",
      openInPanel: "tickets.details.panel",
      shareList: "tickets.share.list",
      shareTicket: "tickets.share.ticket",
      digestEdit: "tickets.digests.edit",
      digestPause: "tickets.digests.pause",
      digestResume: "tickets.digests.resume",
      digestRunNow: "tickets.digests.run",
      digestDelete: "tickets.digests.delete",
      viewOpen: "tickets.views.open",
      viewDelete: "tickets.views.delete",
      viewsPage: "tickets.views.page",
      homeRefresh: "tickets.home.refresh",
      homeClose: "tickets.home.close",
      homeLanguage: "tickets.home.language",
    });
    expect(CALLBACK_IDS).toEqual({
      ticketDetails: "tickets.details",
      subscribe: "tickets.subscribe",
    });
    for (const id of Object.values(ACTION_IDS)) {
      expect(id.length).toBeLessThanOrEqual(LIMITS.actionId);
    }
  });

  it("route saved views' and the Home tab's buttons apart from every other", () => {
    const ids = Object.values(ACTION_IDS);
    expect(ids.filter((id) => VIEW_ACTION_PATTERN.test(id)).sort()).toEqual([
      "tickets.views.delete",
      "tickets.views.open",
      "tickets.views.page",
    ]);
    expect(ids.filter((id) => HOME_ACTION_PATTERN.test(id)).sort()).toEqual([
      "tickets.home.close",
      "tickets.home.language",
      "tickets.home.refresh",
    ]);
    expect(ids.filter((id) => LIST_ACTION_PATTERN.test(id))).not.toContain(ACTION_IDS.viewsPage);
    expect(viewActionOf(viewButtonId(ACTION_IDS.viewDelete, 12))).toBe(ACTION_IDS.viewDelete);
    expect(viewActionOf("tickets.views.page.mine.next")).toBe(ACTION_IDS.viewsPage);
    expect(viewActionOf("tickets.viewsx")).toBeUndefined();
    expect(homeActionOf("tickets.home.language.fa")).toBe(ACTION_IDS.homeLanguage);
    expect(homeActionOf("tickets.home.other")).toBeUndefined();
  });

  it("route the buttons that carry a list, and of those only paging replaces a message", () => {
    const carryList = Object.values(ACTION_IDS).filter((id) => LIST_ACTION_PATTERN.test(id));
    expect(carryList.sort()).toEqual([
      "tickets.list.open",
      "tickets.page.first",
      "tickets.page.last",
      "tickets.page.next",
      "tickets.page.previous",
      "tickets.page.refresh",
    ]);
    expect(carryList.filter(isPagingAction)).not.toContain(ACTION_IDS.openList);
    expect(carryList.filter(isPagingAction)).toHaveLength(5);
  });

  it("route the digest buttons by one pattern, which takes no other button", () => {
    const digestButtons = Object.values(ACTION_IDS).filter((id) => DIGEST_ACTION_PATTERN.test(id));
    expect(digestButtons.sort()).toEqual([
      "tickets.digests.delete",
      "tickets.digests.edit",
      "tickets.digests.pause",
      "tickets.digests.resume",
      "tickets.digests.run",
    ]);
    expect(digestButtons.some((id) => LIST_ACTION_PATTERN.test(id))).toBe(false);
  });

  it("give each row's digest button an id of its own, and read the action back from it", () => {
    const id = digestButtonId(ACTION_IDS.digestPause, 12);
    expect(id).toBe("tickets.digests.pause.12");
    expect(DIGEST_ACTION_PATTERN.test(id)).toBe(true);
    expect(digestActionOf(id)).toBe(ACTION_IDS.digestPause);
    expect(digestActionOf(ACTION_IDS.digestRunNow)).toBe(ACTION_IDS.digestRunNow);
    expect(digestActionOf("tickets.digests.pausex")).toBeUndefined();
    expect(digestActionOf("tickets.page.next")).toBeUndefined();
  });
});
