import { userMention } from "../render/as-of";
import type { SlackMessage } from "../render/context";
import {
  renderViewList,
  renderViewNotFound,
  renderViewNotice,
  renderViewSaved,
  type ViewItem,
  viewLead,
  viewName,
} from "../render/saved-views";
import type { Store } from "../store/store";
import type { Filters, SavedView } from "../store/types";
import { fromStoredView, SAVED_VIEW_LIMITS, toStoredView } from "../tickets/saved-view";
import { fetchList } from "./list";
import type { AnswerPrivately, FlowDeps, Person, ReplaceInPlace } from "./ports";
import type { SavedViewsRequest } from "./tickets-command";

/**
 * Saved views: `/tickets save NAME filters… [team]`, `/tickets NAME`, `/tickets views` and its
 * Open and Delete buttons. A view is the person's own, or the workspace's (`team`), which
 * everyone sees marked with who made it. Who may do what is decided here, from the store,
 * on every request: buttons carry only a view's id.
 *
 * - `/tickets NAME` opens the person's own view of that name, else the team's.
 * - A team view is changed (saved again) or deleted only by whoever made it; a personal view
 *   only by its owner (nobody else ever sees it).
 * - Names compare without case, and Arabic and Persian forms of a letter alike (the store's).
 */

export interface SavedViewDeps extends FlowDeps {
  views: Store["views"];
  limits?: { perPerson: number; team: number };
}

export type SaveRequest = Extract<SavedViewsRequest, { kind: "save" }>;

const isTeam = (view: SavedView) => view.owner === "workspace";

/** What the reader may see of a view: their own, or the workspace's. */
export const isVisibleTo = (view: SavedView, person: Person): boolean =>
  view.workspaceId === person.workspaceId &&
  (view.owner === "workspace" || view.owner.user === person.userId);

/** Whether the reader may delete (or change) it: their own, or a team view they made. */
export const mayChange = (view: SavedView, person: Person): boolean =>
  isVisibleTo(view, person) && (isTeam(view) ? view.createdBy === person.userId : true);

export const itemOf = (view: SavedView, person: Person): ViewItem => ({
  id: view.id,
  name: view.name,
  query: fromStoredView(view.filters),
  team: isTeam(view),
  createdBy: view.createdBy,
  deletable: mayChange(view, person),
});

/** The person's views and the team's, as the store orders them (theirs first, each by name). */
export const listItems = async (
  deps: Pick<SavedViewDeps, "views">,
  person: Person,
): Promise<ViewItem[]> =>
  (await deps.views.list(person.workspaceId, person.userId)).map((view) => itemOf(view, person));

export type DeleteOutcome =
  | { kind: "deleted"; name: string }
  /** No such view, or one the person cannot see (its existence is not theirs to learn). */
  | { kind: "gone" }
  | { kind: "only-maker"; name: string; by: string };

/** Deletes a view the person may change; says why not otherwise. Rejects when the store fails. */
export const deleteView = async (
  deps: Pick<SavedViewDeps, "views">,
  person: Person,
  viewId: number,
): Promise<DeleteOutcome> => {
  const view = await deps.views.getById(person.workspaceId, viewId);
  if (!view || !isVisibleTo(view, person)) return { kind: "gone" };
  if (!mayChange(view, person)) return { kind: "only-maker", name: view.name, by: view.createdBy };
  if (!(await deps.views.delete(person.workspaceId, view.id))) return { kind: "gone" };
  return { kind: "deleted", name: view.name };
};

/** A delete's outcome in the reader's words. */
export const deleteOutcomeLine = (
  outcome: DeleteOutcome,
  ctx: ReturnType<FlowDeps["renderContext"]>,
): string => {
  const a = ctx.t.views.answers;
  switch (outcome.kind) {
    case "deleted":
      return a.deleted(viewName(outcome.name));
    case "gone":
      return a.gone;
    case "only-maker":
      return a.onlyMaker(viewName(outcome.name), userMention(outcome.by));
  }
};

/** The view's tickets as a private message, under a line saying which view it is. */
const viewMessage = async (
  deps: SavedViewDeps,
  view: SavedView,
  person: Person,
): Promise<SlackMessage> => {
  const ctx = deps.renderContext();
  const item = itemOf(view, person);
  if (!item.query) {
    return renderViewNotice([ctx.t.views.answers.unreadable(viewName(view.name))], ctx);
  }
  const outcome = await fetchList(
    deps,
    { query: item.query, notices: [] },
    { lead: viewLead(item, ctx) },
  );
  return outcome.message;
};

export const createSavedViewFlows = (deps: SavedViewDeps) => {
  const limits = deps.limits ?? SAVED_VIEW_LIMITS;
  const ctx = () => deps.renderContext();
  const notice = (line: string) => renderViewNotice([line], ctx());

  /** Runs a step that reads or writes the store; a failure is logged and told, never thrown. */
  const guarded = async <T>(
    ports: AnswerPrivately,
    what: string,
    step: () => Promise<T>,
    failure: () => string = () => ctx().t.views.answers.unavailable,
  ): Promise<T | undefined> => {
    try {
      return await step();
    } catch (error) {
      deps.logger.error(`saved views: could not ${what}`, error);
      await ports.answerPrivately(notice(failure()));
      return undefined;
    }
  };

  const listMessage = async (person: Person, page: number, line?: string) =>
    renderViewList(await listItems(deps, person), page, ctx(), line);

  const save = async (person: Person, request: SaveRequest, ports: AnswerPrivately) => {
    const a = ctx().t.views.answers;
    const done = await guarded(
      ports,
      `save ${person.userId}'s view`,
      async (): Promise<SlackMessage> => {
        const result = await deps.views.save(
          {
            workspaceId: person.workspaceId,
            owner: request.team ? "workspace" : { user: person.userId },
            name: request.name,
            // Plain JSON: the filters, the page and the page size, as the grammar read them.
            filters: toStoredView(request.query) as unknown as Filters,
            createdBy: person.userId,
          },
          request.team ? limits.team : limits.perPerson,
        );
        if (!result.saved && "takenBy" in result) {
          return notice(a.teamTaken(viewName(request.name), userMention(result.takenBy)));
        }
        if (!result.saved) {
          return notice(request.team ? a.teamFull(limits.team) : a.mineFull(limits.perPerson));
        }
        return renderViewSaved(
          {
            name: request.name,
            query: request.query,
            team: request.team,
            replaced: result.replaced,
            notices: request.notices,
          },
          ctx(),
        );
      },
      () => a.notSaved,
    );
    if (done) await ports.answerPrivately(done);
  };

  const openByName = async (person: Person, name: string, ports: AnswerPrivately) => {
    const view = await guarded(
      ports,
      `read ${person.userId}'s view`,
      async () =>
        (await deps.views.get(person.workspaceId, { user: person.userId }, name)) ??
        (await deps.views.get(person.workspaceId, "workspace", name)) ??
        null,
    );
    if (view === undefined) return;
    if (view === null) {
      await ports.answerPrivately(renderViewNotFound(name, ctx()));
      return;
    }
    await ports.answerPrivately(await viewMessage(deps, view, person));
  };

  return {
    /** `/tickets save …`, `/tickets views`, `/tickets NAME`. */
    async command(person: Person, request: SavedViewsRequest, ports: AnswerPrivately) {
      switch (request.kind) {
        case "save":
          return save(person, request, ports);
        case "view":
          return openByName(person, request.name, ports);
        case "views": {
          const list = await guarded(ports, "list views", () => listMessage(person, 1));
          if (list) await ports.answerPrivately(list);
          return;
        }
      }
    },

    /** Open: the view's tickets as a new private message; the list stays as it was. */
    async open(person: Person, viewId: number | undefined, ports: AnswerPrivately) {
      if (viewId === undefined) {
        await ports.answerPrivately(notice(ctx().t.buttons.expired));
        return;
      }
      const view = await guarded(
        ports,
        "read a view",
        async () => (await deps.views.getById(person.workspaceId, viewId)) ?? null,
      );
      // `undefined`: the store failed, and the person was told.
      if (view === undefined) return;
      if (view === null || !isVisibleTo(view, person)) {
        await ports.answerPrivately(notice(ctx().t.views.answers.gone));
        return;
      }
      await ports.answerPrivately(await viewMessage(deps, view, person));
    },

    /** Delete: done (or why not), and the person's list again in place, saying so. */
    async remove(
      person: Person,
      viewId: number | undefined,
      ports: AnswerPrivately & ReplaceInPlace,
      page = 1,
    ) {
      if (viewId === undefined) {
        await ports.answerPrivately(notice(ctx().t.buttons.expired));
        return;
      }
      const list = await guarded(ports, "delete a view", async () => {
        const outcome = await deleteView(deps, person, viewId);
        return listMessage(person, page, deleteOutcomeLine(outcome, ctx()));
      });
      if (list) await ports.replaceInPlace(list);
    },

    /** Previous / Next through the list of views, in place. */
    async page(person: Person, page: number | undefined, ports: AnswerPrivately & ReplaceInPlace) {
      if (page === undefined) {
        await ports.answerPrivately(notice(ctx().t.buttons.expired));
        return;
      }
      const list = await guarded(ports, "list views", () => listMessage(person, page));
      if (list) await ports.replaceInPlace(list);
    },
  };
};

export type SavedViewFlows = ReturnType<typeof createSavedViewFlows>;
