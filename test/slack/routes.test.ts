import type { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createRouter } from "../../src/slack/routes";

/** An app that records what was registered on it. */
const recordingApp = () => {
  const registered: string[] = [];
  const app = {
    command: (name: string) => registered.push(`command ${name}`),
    action: (id: string | RegExp) => registered.push(`action ${String(id)}`),
    event: (type: string) => registered.push(`event ${type}`),
  } as unknown as App;
  return { app, registered };
};

describe("createRouter", () => {
  it("registers each listener on the app and routes exactly what was registered", () => {
    const { app, registered } = recordingApp();
    const router = createRouter(app);
    const { routes } = router;
    expect(routes.hasCommand("/tickets")).toBe(false);
    expect(routes.hasEvent("app_home_opened")).toBe(false);

    router.command("/tickets", async () => {});
    router.action("tickets.details.open", async () => {});
    router.action(/^tickets\.page\./, async () => {});
    router.event("app_home_opened", async () => {});

    expect(registered).toEqual([
      "command /tickets",
      "action tickets.details.open",
      "action /^tickets\\.page\\./",
      "event app_home_opened",
    ]);
    expect(routes.hasCommand("/tickets")).toBe(true);
    expect(routes.hasCommand("/tickets-old")).toBe(false);
    expect(routes.isKnownAction("tickets.details.open")).toBe(true);
    expect(routes.isKnownAction("tickets.page.next")).toBe(true);
    expect(routes.isKnownAction("tickets.details.old")).toBe(false);
    expect(routes.hasEvent("app_home_opened")).toBe(true);
    expect(routes.hasEvent("link_shared")).toBe(false);
  });
});
