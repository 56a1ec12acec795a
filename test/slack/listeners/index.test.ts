import { describe, expect, it } from "vitest";
import { ACTION_IDS, CALLBACK_IDS } from "../../../src/contract/action-ids";
import { registerListeners } from "../../../src/slack/listeners";
import type { Router } from "../../../src/slack/routes";
import { createRouter } from "../../../src/slack/routes";
import { ticketLinkMatcher } from "../../../src/tickets/ticket-link";
import { listenerDeps } from "../../support/listener-fakes";

describe("registerListeners", () => {
  it("routes /tickets and every button the bot makes, and nothing else", () => {
    const router: Router = createRouter();
    registerListeners(router, listenerDeps().deps);
    expect(router.routes.hasCommand("/tickets")).toBe(true);
    for (const id of Object.values(ACTION_IDS)) expect(router.routes.isKnownAction(id)).toBe(true);
    expect(router.routes.isKnownAction("tickets.details.old")).toBe(false);
    // The Home tab: its event, and its buttons (in the ACTION_IDS above).
    expect(router.routes.hasEvent("app_home_opened")).toBe(true);
    expect(router.routes.isKnownAction("tickets.views.open.12")).toBe(true);
    expect(router.routes.isKnownAction("tickets.home.language.fa")).toBe(true);
    // The subscribe modal's submissions, by its callback id, and no other view.
    expect(router.routes.hasView(CALLBACK_IDS.subscribe)).toBe(true);
    expect(router.routes.hasView(CALLBACK_IDS.ticketDetails)).toBe(false);
    // Without TICKET_WEB_URL no link is a ticket's: link_shared is left to the edge.
    expect(router.routes.hasEvent("link_shared")).toBe(false);
  });

  it("gives every route exactly one listener: two would both ack, and Slack takes one ack", () => {
    const router: Router = createRouter();
    registerListeners(
      router,
      listenerDeps({ ticketLinks: ticketLinkMatcher("https://panel.example.com/t/{id}") }).deps,
    );
    expect(router.listenerCount({ command: "/tickets" })).toBe(1);
    const actionIds = [
      ...Object.values(ACTION_IDS),
      "tickets.views.open.12",
      "tickets.home.language.fa",
    ];
    for (const actionId of actionIds) {
      expect({ actionId, listeners: router.listenerCount({ actionId }) }).toEqual({
        actionId,
        listeners: 1,
      });
    }
    expect(router.listenerCount({ event: "app_home_opened" })).toBe(1);
    expect(router.listenerCount({ event: "link_shared" })).toBe(1);
    expect(router.listenerCount({ view: CALLBACK_IDS.subscribe })).toBe(1);
  });

  it("takes link_shared when ticket links can be told (TICKET_WEB_URL)", () => {
    const router: Router = createRouter();
    registerListeners(
      router,
      listenerDeps({ ticketLinks: ticketLinkMatcher("https://panel.example.com/t/{id}") }).deps,
    );
    expect(router.routes.hasEvent("link_shared")).toBe(true);
    expect(router.routes.hasEvent("app_home_opened")).toBe(true);
  });
});
