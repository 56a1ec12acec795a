import type {
  App,
  Middleware,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from "@slack/bolt";
import type { InboundRoutes } from "./inbound-payload";

/**
 * Registers listeners on the app and remembers what they take, so that the edge
 * (`edge-gate.ts`) hands Bolt exactly what some listener handles and answers the rest at once:
 * a listener registered here is reachable, and nothing else is.
 */
export interface Router {
  command(name: string, listener: Middleware<SlackCommandMiddlewareArgs>): void;
  action<A extends SlackAction = SlackAction>(
    actionId: string | RegExp,
    listener: Middleware<SlackActionMiddlewareArgs<A>>,
  ): void;
  event<E extends string>(type: E, listener: Middleware<SlackEventMiddlewareArgs<E>>): void;
  /** A modal's submission, by the view's `callback_id`. */
  view(callbackId: string, listener: Middleware<SlackViewMiddlewareArgs>): void;
  readonly routes: InboundRoutes;
}

export const createRouter = (app: App): Router => {
  const commands = new Set<string>();
  const actionIds = new Set<string>();
  const actionPatterns: RegExp[] = [];
  const events = new Set<string>();
  const views = new Set<string>();
  return {
    command(name, listener) {
      commands.add(name);
      app.command(name, listener);
    },
    action(actionId, listener) {
      if (typeof actionId === "string") actionIds.add(actionId);
      else actionPatterns.push(actionId);
      app.action(actionId, listener);
    },
    event(type, listener) {
      events.add(type);
      app.event(type, listener);
    },
    view(callbackId, listener) {
      views.add(callbackId);
      app.view({ callback_id: callbackId, type: "view_submission" }, listener);
    },
    routes: {
      hasCommand: (name) => commands.has(name),
      isKnownAction: (id) => actionIds.has(id) || actionPatterns.some((p) => p.test(id)),
      hasEvent: (type) => events.has(type),
      hasView: (callbackId) => views.has(callbackId),
    },
  };
};
