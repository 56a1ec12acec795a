import type { BlockButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { ACTION_IDS, viewActionOf } from "../../../contract/action-ids";
import { decodeViewRef, decodeViewsPage } from "../../../contract/saved-view-ref";
import type { HomeAction } from "../../../flows/home";
import { forReader } from "../../middleware/reader";
import { responseUrlPorts } from "../../request-ports";
import type { ListenerDeps } from "../deps";
import { showHome } from "../home/show-home";
import type { ButtonArgs } from "./list-actions";

export type ViewButtonArgs = ButtonArgs & {
  body: Pick<BlockButtonAction, "team"> & { user: Pick<BlockButtonAction["user"], "team_id"> };
  client: Pick<WebClient, "views">;
};

/** A saved view's click as the Home tab reads it. */
const homeActionOf = (action: ViewButtonArgs["action"]): HomeAction | undefined => {
  switch (viewActionOf(action.action_id)) {
    case ACTION_IDS.viewOpen:
      return { kind: "open-view", viewId: decodeViewRef(action.value)?.viewId };
    case ACTION_IDS.viewDelete:
      return { kind: "delete-view", viewId: decodeViewRef(action.value)?.viewId };
    case ACTION_IDS.viewsPage:
      return { kind: "views-page", page: decodeViewsPage(action.value) };
    default:
      return undefined;
  }
};

/**
 * Open, Delete, and Previous / Next through a list of saved views: on a message (`/tickets
 * views`), answered through its `response_url`; on the Home tab, which has none, by publishing
 * the tab again. Who may open or delete a view is decided from the store (flows/saved-views.ts).
 */
export const viewButton =
  (deps: ListenerDeps) =>
  async (args: ViewButtonArgs): Promise<void> => {
    const { body, action, ack, context } = args;
    await ack();
    const workspaceId = body.team?.id ?? body.user.team_id;
    if (!workspaceId) {
      deps.logger.warn(`a click on ${action.action_id} named no workspace; ignored`);
      return;
    }
    const person = { workspaceId, userId: body.user.id };
    if (body.view?.type === "home") {
      const home = homeActionOf(action);
      if (home) {
        await showHome(deps, args.client, person, home, body.view.private_metadata, body.view.hash);
      }
      return;
    }
    const own = await forReader(deps, context);
    const flows = deps.savedViewsFor(own.renderContext);
    const ports = responseUrlPorts(own, body.response_url);
    const work = (() => {
      switch (viewActionOf(action.action_id)) {
        case ACTION_IDS.viewOpen:
          return flows.open(person, decodeViewRef(action.value)?.viewId, ports);
        case ACTION_IDS.viewDelete: {
          const ref = decodeViewRef(action.value);
          return flows.remove(person, ref?.viewId, ports, ref?.page);
        }
        case ACTION_IDS.viewsPage:
          return flows.page(person, decodeViewsPage(action.value)?.page, ports);
        default:
          deps.logger.warn(`a click on ${action.action_id}, which no saved view's button is`);
          return Promise.resolve();
      }
    })();
    await deps.inFlight.track(work);
  };
