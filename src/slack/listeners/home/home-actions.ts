import type { BlockButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { ACTION_IDS, homeActionOf } from "../../../contract/action-ids";
import { decodeListState } from "../../../contract/list-state";
import type { HomeAction } from "../../../flows/home";
import { LANGUAGES, type Language } from "../../../i18n";
import type { ButtonArgs } from "../actions/list-actions";
import type { ListenerDeps } from "../deps";
import { showHome } from "./show-home";

export type HomeButtonArgs = ButtonArgs & {
  body: Pick<BlockButtonAction, "team"> & { user: Pick<BlockButtonAction["user"], "team_id"> };
  client: Pick<WebClient, "views">;
};

const languageOf = (value: string | undefined): Language | undefined =>
  LANGUAGES.find((language) => language === value);

/** The Home tab's own buttons: Refresh, Close (an open view's list), a language. */
const actionOf = (action: HomeButtonArgs["action"]): HomeAction | undefined => {
  switch (homeActionOf(action.action_id)) {
    case ACTION_IDS.homeRefresh:
      return { kind: "refresh" };
    case ACTION_IDS.homeClose:
      return { kind: "close-list" };
    case ACTION_IDS.homeLanguage:
      return { kind: "language", language: languageOf(action.value) };
    default:
      return undefined;
  }
};

const personOf = (body: HomeButtonArgs["body"]) => {
  const workspaceId = body.team?.id ?? body.user.team_id;
  return workspaceId ? { workspaceId, userId: body.user.id } : undefined;
};

export const homeButton =
  (deps: ListenerDeps) =>
  async ({ body, action, ack, client }: HomeButtonArgs): Promise<void> => {
    await ack();
    const person = personOf(body);
    const home = actionOf(action);
    if (!person || !home) {
      deps.logger.warn(`a click on ${action.action_id} named no workspace, or no Home action`);
      return;
    }
    await showHome(deps, client, person, home, body.view?.private_metadata, body.view?.hash);
  };

/**
 * Previous / Next / First / Last / Refresh under a saved view's list open in the Home tab: the
 * same buttons as a message's, but a Home click has no `response_url`, so the tab is published
 * again with the page asked for. `undefined` when the click is not from the Home tab.
 */
export const homeListButton = (
  deps: ListenerDeps,
  {
    body,
    action,
    client,
  }: Pick<HomeButtonArgs, "body" | "action"> & {
    client: Pick<WebClient, "views"> | undefined;
  },
): Promise<void> | undefined => {
  if (body.view?.type !== "home" || !client) return undefined;
  const person = personOf(body);
  if (!person) {
    deps.logger.warn(`a click on ${action.action_id} named no workspace; ignored`);
    return Promise.resolve();
  }
  const query = decodeListState(action.value ?? "");
  return showHome(
    deps,
    client,
    person,
    { kind: "page-list", query },
    body.view.private_metadata,
    body.view.hash,
  );
};
