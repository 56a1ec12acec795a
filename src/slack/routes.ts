import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  Middleware,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from "@slack/bolt";
import { MultipleListenerError } from "./bolt";
import type { InboundRoutes } from "./inbound-payload";

/**
 * The bot's routes, and the one Bolt middleware that hands each request to its listener.
 *
 * Bolt offers each request to every registered listener in turn: for each it copies the
 * listener's chain, spreads the arguments into a new object for every step and awaits an async
 * matcher, so with our dozen routes a `/tickets` paid for twelve chains to find its one (about
 * 0.1 ms of CPU and 30 KB of garbage a command). Here a request finds its listener by a map
 * lookup instead. The same table tells the edge (`edge-gate.ts`) what some listener handles, so
 * it can answer the rest at once: a route registered here is reachable, and nothing else is.
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
  /** How many listeners a request of this kind would reach: one, for every route the bot has. */
  listenerCount(request: RouteKey): number;
  /** Registered last with `app.use`, after every global middleware. */
  readonly dispatch: Middleware<AnyMiddlewareArgs>;
}

/** What a request is routed by. */
export type RouteKey =
  | { command: string }
  | { actionId: string }
  | { event: string }
  | { view: string };

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;
type Listener = (args: Args) => Promise<void> | void;

/** A step nothing follows, as Bolt gives a listener. */
const noNext = async () => {};

const NONE: readonly Listener[] = [];

export const createRouter = (): Router => {
  const commands = new Map<string, Listener[]>();
  const actions = new Map<string, Listener[]>();
  const actionPatterns: Array<[RegExp, Listener]> = [];
  const events = new Map<string, Listener[]>();
  const views = new Map<string, Listener[]>();

  const actionListeners = (id: string): readonly Listener[] => {
    const exact = actions.get(id) ?? NONE;
    if (actionPatterns.length === 0) return exact;
    const matched = actionPatterns.filter(([pattern]) => pattern.test(id)).map(([, l]) => l);
    return matched.length === 0 ? exact : [...exact, ...matched];
  };

  /** Every listener for a request, as Bolt's own matchers would have chosen them. */
  const listenersFor = (args: Args): readonly Listener[] => {
    if ("command" in args) return commands.get(args.command.command) ?? NONE;
    if ("action" in args) {
      // As Bolt's: an action listener matches on `action_id`, which only block actions carry
      // (a legacy interactive message's action has a `name`).
      const id = (args.action as { action_id?: unknown }).action_id;
      return typeof id === "string" ? actionListeners(id) : NONE;
    }
    if ("event" in args) return events.get(args.event.type) ?? NONE;
    if ("view" in args && args.body.type === "view_submission") {
      return views.get(args.view.callback_id) ?? NONE;
    }
    return NONE;
  };

  const add = <K>(table: Map<K, Listener[]>, key: K, listener: unknown) => {
    const listeners = table.get(key);
    if (listeners) listeners.push(listener as Listener);
    else table.set(key, [listener as Listener]);
  };

  return {
    command: (name, listener) => add(commands, name, listener),
    action: (actionId, listener) => {
      if (typeof actionId === "string") add(actions, actionId, listener);
      // `test` on a global or sticky pattern moves its `lastIndex`: the edge's test would then
      // pass a click that the listener's test, right after, turns down.
      else if (actionId.global || actionId.sticky)
        throw new Error(`The action pattern ${actionId} must not be global or sticky`);
      else actionPatterns.push([actionId, listener as Listener]);
    },
    event: (type, listener) => add(events, type, listener),
    view: (callbackId, listener) => add(views, callbackId, listener),
    routes: {
      hasCommand: (name) => commands.has(name),
      isKnownAction: (id) => actionListeners(id).length > 0,
      hasEvent: (type) => events.has(type),
      hasView: (callbackId) => views.has(callbackId),
    },
    listenerCount: (key) => {
      if ("command" in key) return commands.get(key.command)?.length ?? 0;
      if ("actionId" in key) return actionListeners(key.actionId).length;
      if ("event" in key) return events.get(key.event)?.length ?? 0;
      return views.get(key.view)?.length ?? 0;
    },
    dispatch: async (args) => {
      const full = args as Args;
      const listeners = listenersFor(full);
      const [only] = listeners;
      if (only === undefined) return full.next();
      const listenerArgs = { ...full, next: noNext };
      if (listeners.length === 1) return only(listenerArgs);
      // Several for one request run side by side and fail together, as in Bolt.
      const settled = await Promise.allSettled(listeners.map(async (l) => l(listenerArgs)));
      const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason] : []));
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new MultipleListenerError(failures);
    },
  };
};
