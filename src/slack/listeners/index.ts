import type { App } from "@slack/bolt";
import { ACTION_IDS, LIST_ACTION_PATTERN } from "../../render/action-ids";
import type { InboundRoutes } from "../inbound-payload";
import { registerDetailsActions } from "./actions/details-actions";
import { registerListActions } from "./actions/list-actions";
import { registerShareActions } from "./actions/share-actions";
import { registerTicketsCommand, TICKETS_COMMAND } from "./commands/tickets-command";
import type { ListenerDeps } from "./deps";

/** The one place every Slack route is registered. */
export const registerListeners = (app: App, deps: ListenerDeps) => {
  registerTicketsCommand(app, deps);
  registerListActions(app, deps);
  registerDetailsActions(app, deps);
  registerShareActions(app, deps);
};

const ACTION_ID_SET: ReadonlySet<string> = new Set(Object.values(ACTION_IDS));

/**
 * What the listeners above answer, for the edge (`edge-gate.ts`), which answers everything
 * else itself: a click on any other button is one from an older version of the bot.
 */
export const LISTENER_ROUTES: InboundRoutes = {
  commands: [TICKETS_COMMAND],
  isKnownAction: (actionId) => ACTION_ID_SET.has(actionId) || LIST_ACTION_PATTERN.test(actionId),
};
