import type { App } from "@slack/bolt";
import { registerDetailsActions } from "./actions/details-actions";
import { registerListActions } from "./actions/list-actions";
import { registerShareActions } from "./actions/share-actions";
import { registerTicketsCommand } from "./commands/tickets-command";
import type { ListenerDeps } from "./deps";

/** The one place every Slack route is registered. */
export const registerListeners = (app: App, deps: ListenerDeps) => {
  registerTicketsCommand(app, deps);
  registerListActions(app, deps);
  registerDetailsActions(app, deps);
  registerShareActions(app, deps);
};
