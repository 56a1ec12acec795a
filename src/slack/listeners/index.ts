import type { BlockButtonAction } from "@slack/bolt";
import {
  ACTION_IDS,
  CALLBACK_IDS,
  DIGEST_ACTION_PATTERN,
  HOME_ACTION_PATTERN,
  LIST_ACTION_PATTERN,
  VIEW_ACTION_PATTERN,
} from "../../contract/action-ids";
import type { Router } from "../routes";
import { detailsButton, openInPanelButton } from "./actions/details-actions";
import { digestButton } from "./actions/digest-actions";
import { listButton } from "./actions/list-actions";
import { shareListButton, shareTicketButton } from "./actions/share-actions";
import { viewButton } from "./actions/view-actions";
import { TICKETS_COMMAND, ticketsCommand } from "./commands/tickets-command";
import type { ListenerDeps } from "./deps";
import { linkShared } from "./events/link-shared";
import { appHomeOpened } from "./home/app-home-opened";
import { homeButton } from "./home/home-actions";
import { subscribeSubmission, viewAck } from "./views/subscribe-view";

/**
 * The one place every Slack route is registered. A route not registered here is answered at
 * the edge: a command "not this bot's", a click "out of date", an event acked and dropped.
 */
export const registerListeners = (router: Router, deps: ListenerDeps) => {
  router.command(TICKETS_COMMAND, ticketsCommand(deps));

  router.action<BlockButtonAction>(LIST_ACTION_PATTERN, listButton(deps));
  router.action<BlockButtonAction>(ACTION_IDS.detailsOpen, detailsButton(deps));
  router.action<BlockButtonAction>(ACTION_IDS.openInPanel, openInPanelButton);
  router.action<BlockButtonAction>(ACTION_IDS.shareList, shareListButton(deps));
  router.action<BlockButtonAction>(ACTION_IDS.shareTicket, shareTicketButton(deps));

  // Without TICKET_WEB_URL no link is a ticket's: link_shared is then acked at the edge.
  const { ticketLinks } = deps;
  if (ticketLinks) router.event("link_shared", linkShared({ ...deps, ticketLinks }));
  router.action<BlockButtonAction>(DIGEST_ACTION_PATTERN, digestButton(deps));

  router.action<BlockButtonAction>(VIEW_ACTION_PATTERN, viewButton(deps));
  router.event("app_home_opened", appHomeOpened(deps));
  router.action<BlockButtonAction>(HOME_ACTION_PATTERN, homeButton(deps));

  const submitted = subscribeSubmission(deps);
  router.view(CALLBACK_IDS.subscribe, ({ ack, body, client, context }) =>
    submitted({ ack: viewAck(ack), body, client, context }),
  );
};
