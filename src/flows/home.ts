import type { Clock } from "../clock";
import { HOME_START, type HomeState } from "../contract/home-state";
import type { ViewsPage } from "../contract/saved-view-ref";
import type { Language } from "../i18n";
import { renderTicketApiError } from "../render/api-error";
import type { RenderContext } from "../render/context";
import { HOME_DIGESTS_SHOWN, type HomeData, type OpenList, renderHome } from "../render/home";
import { renderViewNotice, type ViewItem, viewName } from "../render/saved-views";
import type { Store } from "../store/store";
import { logTicketFailure } from "../tickets/errors";
import type { TicketQuery } from "../tickets/ticket-query";
import { homeDigests } from "./home-digests";
import type { FlowDeps, Person, PublishHome } from "./ports";
import type { QueueGlance } from "./queue-glance";
import type { RenderContexts } from "./render-contexts";
import { deleteOutcomeLine, deleteView, listItems } from "./saved-views";

/**
 * The bot's Home tab, published whole for one person (`views.publish`) each time they open it
 * or click in it: the queue at a glance (shared, counted at most once a minute), their saved
 * views and the team's (a view's tickets open right in the tab, paged with the list's own
 * Previous / Next), the digests they may read with their health, and their language.
 *
 * Opening the tab never asks the ticket panel for more than the shared glance: an open list is
 * closed when the tab is opened again, and fetched only on a click. The request guard has
 * judged the person already (a refused person's tab says why, and nothing is fetched).
 */

export interface HomeDeps extends FlowDeps {
  store: Pick<Store, "views" | "subscriptions" | "health">;
  glance: QueueGlance;
  contexts: RenderContexts;
  clock: Clock;
  /** Whether this person may read tickets in this channel (the access rule, every setting). */
  mayRead: (userId: string, channelId: string) => Promise<boolean>;
}

/** What the person did, as the listener read it (`undefined`: a value that did not decode). */
export type HomeAction =
  /** The tab opened (`app_home_opened`). */
  | { kind: "opened" }
  | { kind: "refresh" }
  | { kind: "open-view"; viewId: number | undefined }
  /** The open list's Previous / Next / Refresh / First / Last. */
  | { kind: "page-list"; query: TicketQuery | undefined }
  | { kind: "close-list" }
  | { kind: "views-page"; page: ViewsPage | undefined }
  | { kind: "delete-view"; viewId: number | undefined }
  | { kind: "language"; language: Language | undefined };

type Step = { state: HomeState; notice?: string; language?: Language };

export const createHomeFlows = (deps: HomeDeps) => {
  const safely = async <T>(what: string, step: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await step();
    } catch (error) {
      deps.logger.error(`Home tab: could not ${what}`, error);
      return undefined;
    }
  };

  /** What the click changes before the tab is drawn again, and a line saying what it did. */
  const apply = async (
    person: Person,
    state: HomeState,
    action: HomeAction,
    ctx: RenderContext,
  ): Promise<Step> => {
    const expired = { state, notice: ctx.t.buttons.expired };
    switch (action.kind) {
      case "opened":
        // Its list is not fetched again: opening the tab costs the panel nothing but the glance.
        return { state: { minePage: state.minePage, teamPage: state.teamPage } };
      case "refresh":
        return { state };
      case "close-list":
        return { state: { minePage: state.minePage, teamPage: state.teamPage } };
      case "open-view":
        if (action.viewId === undefined) return expired;
        // Its query is the view's own, read below with the rest.
        return { state: { ...state, open: { viewId: action.viewId, query: OPEN_AS_SAVED } } };
      case "page-list":
        if (action.query === undefined || !state.open) return expired;
        return { state: { ...state, open: { viewId: state.open.viewId, query: action.query } } };
      case "views-page": {
        const { page } = action;
        if (page === undefined) return expired;
        return page.group === "team"
          ? { state: { ...state, teamPage: page.page } }
          : { state: { ...state, minePage: page.page } };
      }
      case "delete-view": {
        if (action.viewId === undefined) return expired;
        const { viewId } = action;
        const outcome = await safely("delete a view", () => deleteView(deps.store, person, viewId));
        const closed =
          outcome?.kind === "deleted" && state.open?.viewId === viewId
            ? { minePage: state.minePage, teamPage: state.teamPage }
            : state;
        return {
          state: closed,
          notice: outcome ? deleteOutcomeLine(outcome, ctx) : ctx.t.views.answers.notSaved,
        };
      }
      case "language": {
        const { language } = action;
        if (language === undefined) return expired;
        try {
          await deps.contexts.choices.choose(person, language);
          return { state, language };
        } catch (error) {
          deps.logger.error(
            `could not keep the language ${person.userId} chose in ${person.workspaceId}`,
            error,
          );
          const { language: current } = await deps.contexts.choices.lookup(person);
          const name = ctx.t.language.names[current];
          return { state, notice: ctx.t.language.notSaved(name) };
        }
      }
    }
  };

  /** The open view's tickets (one request to the panel), or why they cannot be shown. */
  const openList = async (
    open: NonNullable<HomeState["open"]>,
    view: ViewItem,
    ctx: RenderContext,
  ): Promise<OpenList> => {
    const query = open.query === OPEN_AS_SAVED ? view.query : open.query;
    if (!query) {
      return {
        view,
        failure: renderViewNotice([ctx.t.views.answers.unreadable(viewName(view.name))], ctx),
      };
    }
    try {
      const page = await deps.tickets.listTickets(query);
      return { view, request: { query, notices: [] }, page };
    } catch (error) {
      logTicketFailure(deps.logger, error);
      return { view, failure: renderTicketApiError(error, ctx) };
    }
  };

  return {
    /** Draws the tab for `person` after `action`, from `state` (what the tab remembered). */
    async show(
      person: Person,
      action: HomeAction,
      ports: PublishHome,
      state: HomeState = HOME_START,
    ): Promise<void> {
      const before = deps.contexts.forLanguage(
        (await deps.contexts.choices.lookup(person)).language,
      )();
      const step = await apply(person, state, action, before);
      const shown = await deps.contexts.choices.lookup(person);
      const language = step.language ?? shown.language;
      const ctx = deps.contexts.forLanguage(language)();

      const [glance, items, digests] = await Promise.all([
        deps.glance.current(),
        safely("read saved views", () => listItems(deps.store, person)),
        safely("read digests", () => homeDigests(deps, person, deps.clock.now())),
      ]);
      let next = step.state;
      let notice = step.notice;
      let open: OpenList | undefined;
      if (next.open && items) {
        const { viewId } = next.open;
        const view = items.find((item) => item.id === viewId);
        if (view) {
          open = await openList(next.open, view, ctx);
          if ("page" in open) next = { ...next, open: { viewId, query: open.request.query } };
        } else {
          next = { minePage: next.minePage, teamPage: next.teamPage };
          notice ??= ctx.t.views.answers.gone;
        }
      }
      const data: HomeData = {
        glance,
        mine: { items: items?.filter((i) => !i.team), page: next.minePage },
        team: { items: items?.filter((i) => i.team), page: next.teamPage },
        ...(open ? { open } : {}),
        digests: digests
          ? {
              rows: digests.rows.slice(0, HOME_DIGESTS_SHOWN),
              more: Math.max(0, digests.total - HOME_DIGESTS_SHOWN),
            }
          : { rows: [], more: 0 },
        language: {
          language,
          source: step.language ? "person" : shown.source,
        },
        ...(notice === undefined ? {} : { notice }),
      };
      await ports.publishHome(renderHome(data, ctx, next));
    },
  };
};

/**
 * Stands for "the view's own list" until the view is read: an open view's first page is the
 * one it was saved with. Never encoded (the state is written after it is replaced).
 */
const OPEN_AS_SAVED: TicketQuery = Object.freeze({ filter: {}, page: 0, perPage: 0 });

export type HomeFlows = ReturnType<typeof createHomeFlows>;
