import type { Button, KnownBlock } from "@slack/types";
import { ACTION_IDS, viewButtonId } from "../contract/action-ids";
import { encodeViewRef, tryEncodeViewsPage, type ViewsPage } from "../contract/saved-view-ref";
import type { CommandNotice } from "../tickets/command";
import { LIST_DEFAULT_PER_PAGE, type TicketQuery } from "../tickets/ticket-query";
import { userMention } from "./as-of";
import { actions, button, context, header, mrkdwn, plain, section } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";
import { describeFilter } from "./describe-filter";
import { LIMITS } from "./limits";
import { safeCode } from "./mrkdwn";

/**
 * What people read about saved views: the answer to `/tickets save`, the list `/tickets views`
 * shows (with Open and Delete), and the line above a view's tickets saying which view it is.
 * The Home tab shows the same rows (home.ts).
 */

/** A saved view as its renderers need it (flows map the store's onto this). */
export interface ViewItem {
  id: number;
  /** As typed when it was saved: letters, digits, `-` and `_`. */
  name: string;
  /** `undefined` when what the store keeps is not a view this version reads. */
  query: TicketQuery | undefined;
  /** Shared with the workspace, rather than its maker's own. */
  team: boolean;
  createdBy: string;
  /** Whether the reader may delete it: their own, or a team view they made. */
  deletable: boolean;
}

/** Names are at most 32 characters; escaped, a little more. */
const NAME_CAP = 80;

export const viewName = (name: string): string => safeCode(name, NAME_CAP);

/** A view's list in words: its filters, and its page size or page when not the usual. */
export const describeView = (query: TicketQuery, ctx: RenderContext): string =>
  [
    describeFilter(query.filter, ctx),
    ...(query.perPage === LIST_DEFAULT_PER_PAGE ? [] : [ctx.t.views.perPage(query.perPage)]),
    ...(query.page === 1 ? [] : [ctx.t.views.page(query.page)]),
  ].join(ctx.t.filter.separator);

/** One row of a list of views: its name, its list in words, who made it if it is the team's. */
export const viewRowText = (view: ViewItem, ctx: RenderContext): string => {
  const { t } = ctx;
  const what = view.query === undefined ? t.views.list.unreadable : describeView(view.query, ctx);
  return view.team
    ? t.views.list.teamRow(viewName(view.name), what, userMention(view.createdBy))
    : t.views.list.row(viewName(view.name), what);
};

/** The line above a saved view's tickets. */
export const viewLead = (view: ViewItem, ctx: RenderContext): string =>
  view.team
    ? ctx.t.views.list.teamLead(viewName(view.name), userMention(view.createdBy))
    : ctx.t.views.list.lead(viewName(view.name));

export const openViewButton = (view: ViewItem, ctx: RenderContext): Button =>
  button(
    ctx.t.views.list.open,
    viewButtonId(ACTION_IDS.viewOpen, view.id),
    encodeViewRef({ viewId: view.id }),
  );

/**
 * Delete, behind Slack's own confirmation: a team view is gone for everyone. `page`: the page of
 * the list it is on, shown again once it is deleted.
 */
export const deleteViewButton = (view: ViewItem, ctx: RenderContext, page?: number): Button => {
  const l = ctx.t.views.list;
  return {
    ...button(
      l.delete,
      viewButtonId(ACTION_IDS.viewDelete, view.id),
      encodeViewRef(page === undefined ? { viewId: view.id } : { viewId: view.id, page }),
    ),
    style: "danger",
    confirm: {
      title: plain(l.confirmTitle),
      text: plain(view.team ? l.confirmTeamText(view.name) : l.confirmText(view.name)),
      confirm: plain(l.confirm),
      deny: plain(l.deny),
      style: "danger",
    },
  };
};

// ----------------------------------------------------------------------------------------
// Answers to `/tickets save` and `/tickets NAME`

/** A message of one or more paragraphs, each a section; the first is its fallback text. */
export const renderViewNotice = (lines: readonly string[], ctx: RenderContext): SlackMessage => ({
  text: lines[0] ?? ctx.t.views.list.fallback,
  blocks: lines.map((line) => section(mrkdwn(line))),
});

export interface SavedAnswer {
  name: string;
  query: TicketQuery;
  team: boolean;
  /** It replaced a view of the same name. */
  replaced: boolean;
  notices: readonly CommandNotice[];
}

export const renderViewSaved = (saved: SavedAnswer, ctx: RenderContext): SlackMessage => {
  const { t } = ctx;
  const name = viewName(saved.name);
  const what = describeView(saved.query, ctx);
  const line = saved.team
    ? (saved.replaced ? t.views.answers.replacedTeam : t.views.answers.savedTeam)(name, what)
    : (saved.replaced ? t.views.answers.replaced : t.views.answers.saved)(name, what);
  const notices = saved.notices.map((n) =>
    n.kind === "per-page-lowered" ? t.list.perPageLowered(n.requested, n.used) : "",
  );
  return {
    text: line,
    blocks: [
      section(mrkdwn(line)),
      context([mrkdwn(t.views.answers.howToOpen(name)), ...notices.map((n) => mrkdwn(n))]),
    ],
  };
};

/** `/tickets NAME` for a name that is no view: said so, with how views and filters are written. */
export const renderViewNotFound = (name: string, ctx: RenderContext): SlackMessage => {
  const line = ctx.t.views.answers.notFound(viewName(name));
  return {
    text: line,
    blocks: [section(mrkdwn(line)), context([mrkdwn(ctx.t.views.answers.notFoundHint)])],
  };
};

// ----------------------------------------------------------------------------------------
// `/tickets views`

/** Two blocks a view, so ten fit a message with room to spare for headings and buttons. */
export const VIEWS_PER_PAGE = 10;

/** The page of a list of `total` items that exists nearest to the one asked for. */
export const clampPage = (asked: number, total: number, perPage: number): number =>
  Math.min(Math.max(1, asked), Math.max(1, Math.ceil(total / perPage)));

/** Previous / Next for a list of views; `suffix` tells the Home tab's two lists apart. */
export const viewsPagingButtons = (
  o: { page: number; total: number; perPage: number; group?: ViewsPage["group"] },
  ctx: RenderContext,
): Button[] => {
  const last = Math.max(1, Math.ceil(o.total / o.perPage));
  const suffix = o.group ?? "all";
  const pageButton = (text: string, page: number, which: string): Button | undefined => {
    const value = tryEncodeViewsPage({ page, ...(o.group ? { group: o.group } : {}) });
    return value === undefined
      ? undefined
      : button(text, `${ACTION_IDS.viewsPage}.${suffix}.${which}`, value);
  };
  return [
    o.page > 1 ? pageButton(ctx.t.list.previous, o.page - 1, "previous") : undefined,
    o.page < last ? pageButton(ctx.t.list.next, o.page + 1, "next") : undefined,
  ].filter((b): b is Button => b !== undefined);
};

/**
 * The person's views, then the team's (as the store lists them), a page at a time, each with
 * Open and, where the reader may, Delete. `notice` is a line above it (what a click just did).
 */
export const renderViewList = (
  views: readonly ViewItem[],
  asked: number,
  ctx: RenderContext,
  notice?: string,
): SlackMessage => {
  const { t } = ctx;
  const l = t.views.list;
  const top: KnownBlock[] = [
    ...(notice === undefined ? [] : [section(mrkdwn(notice))]),
    header(l.title),
  ];
  if (views.length === 0) {
    return {
      text: notice ?? l.fallback,
      blocks: [...top, section(mrkdwn(l.none))],
    };
  }
  const page = clampPage(asked, views.length, VIEWS_PER_PAGE);
  const from = (page - 1) * VIEWS_PER_PAGE;
  const shown = views.slice(from, from + VIEWS_PER_PAGE);
  const rows: KnownBlock[] = [];
  let group: boolean | undefined;
  for (const view of shown) {
    if (view.team !== group) {
      group = view.team;
      rows.push(section(mrkdwn(view.team ? l.team : l.mine)));
    }
    rows.push(section(mrkdwn(viewRowText(view, ctx))));
    rows.push(
      actions([
        openViewButton(view, ctx),
        ...(view.deletable ? [deleteViewButton(view, ctx, page)] : []),
      ]),
    );
  }
  const paging = viewsPagingButtons({ page, total: views.length, perPage: VIEWS_PER_PAGE }, ctx);
  const blocks: KnownBlock[] = [
    ...top,
    ...rows,
    context([mrkdwn(l.range(from + 1, from + shown.length, views.length)), mrkdwn(l.footer)]),
    ...(paging.length > 0 ? [actions(paging)] : []),
  ];
  return { text: notice ?? l.fallback, blocks: blocks.slice(0, LIMITS.message.maxBlocks) };
};
