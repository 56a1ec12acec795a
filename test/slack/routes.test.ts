import type { AllMiddlewareArgs, AnyMiddlewareArgs } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createRouter } from "../../src/slack/routes";

/** The arguments Bolt hands a global middleware, with only what routing reads. */
const argsOf = (fields: Record<string, unknown>, next: () => Promise<void>) =>
  ({ body: {}, ...fields, next }) as unknown as AnyMiddlewareArgs & AllMiddlewareArgs;

/** A router with one listener per kind of route, each recording what it was handed. */
const routed = () => {
  const heard: string[] = [];
  const router = createRouter();
  const listener = (name: string) => async (args: { next: () => Promise<void> }) => {
    heard.push(name);
    // A listener is the end of its chain, as Bolt's are: its `next` leads nowhere.
    await args.next();
  };
  router.command("/tickets", listener("command"));
  router.action("tickets.details.open", listener("details"));
  router.action(/^tickets\.page\./, listener("page"));
  router.event("app_home_opened", listener("home"));
  router.view("subscribe", listener("subscribe"));
  /** Dispatches one request; says which listener took it, or "next" when none did. */
  const dispatch = async (fields: Record<string, unknown>) => {
    heard.length = 0;
    let passedOn = false;
    await router.dispatch(
      argsOf(fields, async () => {
        passedOn = true;
      }),
    );
    return passedOn ? [...heard, "next"] : [...heard];
  };
  return { router, dispatch };
};

describe("createRouter", () => {
  it("hands each request to the one listener routed for it, and passes the rest on", async () => {
    const { dispatch } = routed();
    expect(await dispatch({ command: { command: "/tickets" } })).toEqual(["command"]);
    expect(await dispatch({ command: { command: "/tickets-old" } })).toEqual(["next"]);
    expect(await dispatch({ action: { action_id: "tickets.details.open" } })).toEqual(["details"]);
    expect(await dispatch({ action: { action_id: "tickets.page.next" } })).toEqual(["page"]);
    expect(await dispatch({ action: { action_id: "tickets.details.old" } })).toEqual(["next"]);
    // A legacy interactive message's action has no action_id: nothing of ours.
    expect(await dispatch({ action: { name: "tickets.page.next" } })).toEqual(["next"]);
    expect(await dispatch({ event: { type: "app_home_opened" } })).toEqual(["home"]);
    expect(await dispatch({ event: { type: "link_shared" } })).toEqual(["next"]);
    const view = { callback_id: "subscribe" };
    expect(await dispatch({ view, body: { type: "view_submission" } })).toEqual(["subscribe"]);
    // Only submissions are routed: a modal closed is not.
    expect(await dispatch({ view, body: { type: "view_closed" } })).toEqual(["next"]);
    expect(await dispatch({ shortcut: { callback_id: "subscribe" } })).toEqual(["next"]);
  });

  it("hands the listener Bolt's arguments, with a `next` that leads nowhere", async () => {
    const router = createRouter();
    let handed: Record<string, unknown> | undefined;
    router.command("/tickets", async (args) => {
      handed = args as unknown as Record<string, unknown>;
      await args.next();
    });
    const ack = async () => {};
    let passedOn = false;
    const command = { command: "/tickets", text: "state:2" };
    await router.dispatch(
      argsOf({ command, ack, context: { teamId: "T1" } }, async () => {
        passedOn = true;
      }),
    );
    expect(handed?.command).toBe(command);
    expect(handed?.ack).toBe(ack);
    expect(handed?.context).toEqual({ teamId: "T1" });
    // The listener called its `next`: that must not run Bolt's own (empty) listener loop.
    expect(passedOn).toBe(false);
  });

  it("refuses a global or sticky action pattern, whose every test moves on", () => {
    const router = createRouter();
    expect(() => router.action(/^tickets\.page\./g, async () => {})).toThrow(
      "must not be global or sticky",
    );
    expect(() => router.action(/tickets/y, async () => {})).toThrow("must not be global or sticky");
  });

  it("tells the edge exactly what is routed", () => {
    const { router } = routed();
    const { routes } = router;
    expect(routes.hasCommand("/tickets")).toBe(true);
    expect(routes.hasCommand("/tickets-old")).toBe(false);
    expect(routes.isKnownAction("tickets.details.open")).toBe(true);
    expect(routes.isKnownAction("tickets.page.next")).toBe(true);
    expect(routes.isKnownAction("tickets.details.old")).toBe(false);
    expect(routes.hasEvent("app_home_opened")).toBe(true);
    expect(routes.hasEvent("link_shared")).toBe(false);
    expect(routes.hasView("subscribe")).toBe(true);
    expect(routes.hasView("details")).toBe(false);
  });

  it("runs every listener routed for one request, as Bolt does, and fails if any fails", async () => {
    const router = createRouter();
    const heard: string[] = [];
    router.event("app_home_opened", async () => {
      heard.push("first");
    });
    router.event("app_home_opened", async () => {
      heard.push("second");
    });
    router.action("tickets.page.next", async () => {
      throw new Error("exact failed");
    });
    router.action(/^tickets\.page\./, async () => {
      throw new Error("pattern failed");
    });
    const next = async () => {};
    await router.dispatch(argsOf({ event: { type: "app_home_opened" } }, next));
    expect(heard).toEqual(["first", "second"]);
    await expect(
      router.dispatch(argsOf({ action: { action_id: "tickets.page.next" } }, next)),
    ).rejects.toMatchObject({ code: "slack_bolt_multiple_listener_error" });
    expect(router.listenerCount({ event: "app_home_opened" })).toBe(2);
    expect(router.listenerCount({ actionId: "tickets.page.next" })).toBe(2);
    expect(router.listenerCount({ actionId: "tickets.page.previous" })).toBe(1);
  });

  it("of several listeners for one request, one failing is that failure, as Bolt reports it", async () => {
    const router = createRouter();
    const heard: string[] = [];
    router.command("/tickets", async () => {
      throw new Error("first failed");
    });
    router.command("/tickets", async () => {
      heard.push("second ran");
    });
    await expect(
      router.dispatch(argsOf({ command: { command: "/tickets" } }, async () => {})),
    ).rejects.toThrow("first failed");
    expect(heard).toEqual(["second ran"]);
  });

  it("lets a listener's rejection reach Bolt's error handler", async () => {
    const router = createRouter();
    router.command("/tickets", async () => {
      throw new Error("listener failed");
    });
    await expect(
      router.dispatch(argsOf({ command: { command: "/tickets" } }, async () => {})),
    ).rejects.toThrow("listener failed");
  });
});
