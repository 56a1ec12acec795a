import type { Button, ContextBlock } from "@slack/types";
import { ACTION_IDS } from "../contract/action-ids";
import { tryEncodeListState } from "../contract/list-state";
import type { CommandNotice } from "../tickets/command";
import type { ListPage, ListRow } from "../tickets/schemas";
import { isEmptyFilter } from "../tickets/ticket-filters";
import { MAX_PAGE, type TicketQuery } from "../tickets/ticket-query";
import { asOfBlock } from "./as-of";
import {
  actions,
  blocksTextLength,
  button,
  context,
  divider,
  header,
  mrkdwn,
  section,
} from "./blocks";
import type { RenderContext, SlackMessage } from "./context";
import { describeFilter } from "./describe-filter";
import { fallbackWithRows, shrinkRowsToFit } from "./fitting";
import { LIMITS } from "./limits";
import { fitEscaped } from "./mrkdwn";
import { renderTicketRow, rowFallback } from "./ticket-row";

export interface ListRequest {
  query: TicketQuery;
  notices: CommandNotice[];
}

export interface ListMessageOptions {
  /**
   * Slack user id of whoever shared this copy in the channel. A shared list says so and has
   * no Share button; Previous, Next and Refresh stay, as they answer the clicker privately.
   */
  sharedBy?: string;
  /** Shown on the Home tab: no Share button (a tab is no conversation to post in). */
  home?: boolean;
  /** The most blocks the list may take: Slack's 50 for a message, less within the Home tab's 100. */
  maxBlocks?: number;
  /** Above the list, already worded: which saved view it is. */
  lead?: string;
}

/** A saved view's name above its list, when it is one. */
const leadBlock = (options: ListMessageOptions): ContextBlock[] =>
  options.lead === undefined ? [] : [context([mrkdwn(options.lead)])];

/**
 * One page of tickets, or why there is none. Whatever the tickets hold, the message stays
 * within Slack's limits: rows are shortened rather than dropped.
 */
export const renderTicketList = (
  page: ListPage,
  request: ListRequest,
  ctx: RenderContext,
  options: ListMessageOptions = {},
): SlackMessage => {
  const { meta } = page;
  if (meta.total === 0) return renderNothingMatched(request, ctx, options);
  const nothingOnPage = page.data.length === 0 && page.unreadable.length === 0;
  if (nothingOnPage || meta.current_page > meta.last_page)
    return renderPageOutOfRange(page, request, ctx, options);
  return renderRows(page, request, ctx, options);
};

const renderRows = (
  page: ListPage,
  request: ListRequest,
  ctx: RenderContext,
  options: ListMessageOptions,
): SlackMessage => {
  const { t } = ctx;
  const { meta } = page;
  const what = describeFilter(request.query.filter, ctx);
  const summary = [mrkdwn(t.list.summary(meta.total, meta.current_page, meta.last_page))];
  if (page.data.some((ticket) => !ticket.admin_seen)) summary.push(mrkdwn(t.list.unseenLegend));
  const top = [
    ...leadBlock(options),
    header(what),
    context(summary),
    ...noticesBlock(request.notices, ctx),
  ];
  const buttons = [
    ...pagingButtons(page, request.query, ctx),
    ...thisPageButtons(page, request.query, ctx, options),
  ];
  const bottom = [
    asOfBlock(ctx.now, ctx, options.sharedBy),
    ...(buttons.length ? [actions(buttons)] : []),
  ];

  const unreadable = page.unreadable.length
    ? [context([mrkdwn(t.list.unreadable(page.unreadable.length))])]
    : [];
  const maxBlocks = options.maxBlocks ?? LIMITS.message.maxBlocks;
  const roomForRows = maxBlocks - top.length - unreadable.length - bottom.length - 2;
  const { shown, omitted } = rowsThatFit(page.data, roomForRows, ctx);
  const notes = [...unreadable, ...omitted];
  const budget = LIMITS.message.totalText - blocksTextLength([...top, ...notes, ...bottom]);
  const rows = shrinkRowsToFit(shown, budget, (ticket, caps) => renderTicketRow(ticket, caps, ctx));
  return {
    text: listFallback(what, page, ctx),
    blocks: [...top, divider(), ...rows, divider(), ...notes, ...bottom],
  };
};

/** Two blocks a row: a page longer than Slack allows (never at per_page ≤ 20) is cut, and says so. */
const rowsThatFit = (tickets: ListRow[], roomForRows: number, ctx: RenderContext) => {
  if (tickets.length * 2 <= roomForRows) return { shown: tickets, omitted: [] };
  const shown = tickets.slice(0, Math.floor((roomForRows - 1) / 2));
  const omitted = [context([mrkdwn(ctx.t.list.rowsOmitted(tickets.length - shown.length))])];
  return { shown, omitted };
};

const FALLBACK_SUBJECT_CAP = 100;
const FALLBACK_WHAT_CAP = 300;

/** Summary, then as many rows as fit: what notifications and screen readers get. */
const listFallback = (what: string, page: ListPage, ctx: RenderContext): string => {
  const { meta } = page;
  const head = ctx.t.list.fallback(
    fitEscaped(what, FALLBACK_WHAT_CAP),
    meta.total,
    meta.current_page,
    meta.last_page,
  );
  return fallbackWithRows(
    head,
    page.data.map((ticket) => rowFallback(ticket, FALLBACK_SUBJECT_CAP, ctx)),
  );
};

const pagingButtons = (page: ListPage, query: TicketQuery, ctx: RenderContext): Button[] => {
  const { t } = ctx;
  const current = page.meta.current_page;
  return [
    current > 1
      ? pageButton(t.list.previous, ACTION_IDS.pagePrevious, query, current - 1)
      : undefined,
    current < page.meta.last_page
      ? pageButton(t.list.next, ACTION_IDS.pageNext, query, current + 1)
      : undefined,
  ].filter((b): b is Button => b !== undefined);
};

/** Refresh and Share carry the page shown, whatever page the request asked for. */
const thisPageButtons = (
  page: ListPage,
  query: TicketQuery,
  ctx: RenderContext,
  options: ListMessageOptions,
): Button[] => {
  const { t } = ctx;
  const current = page.meta.current_page;
  return [
    pageButton(t.list.refresh, ACTION_IDS.pageRefresh, query, current),
    options.sharedBy === undefined && !options.home
      ? pageButton(t.list.share, ACTION_IDS.shareList, query, current)
      : undefined,
  ].filter((b): b is Button => b !== undefined);
};

/** `undefined` when the page cannot be asked for: better no button than one that fails. */
const pageButton = (
  text: string,
  actionId: string,
  query: TicketQuery,
  pageNumber: number,
): Button | undefined => {
  if (pageNumber < 1 || pageNumber > MAX_PAGE) return undefined;
  const value = tryEncodeListState({ ...query, page: pageNumber });
  return value === undefined ? undefined : button(text, actionId, value);
};

const renderPageOutOfRange = (
  page: ListPage,
  request: ListRequest,
  ctx: RenderContext,
  options: ListMessageOptions,
): SlackMessage => {
  const { t } = ctx;
  const { current_page: asked, last_page: lastPage } = page.meta;
  const message = t.list.pageOutOfRange(asked, lastPage);
  const buttons = [
    pageButton(t.list.firstPage, ACTION_IDS.pageFirst, request.query, 1),
    lastPage > 1
      ? pageButton(t.list.lastPage(lastPage), ACTION_IDS.pageLast, request.query, lastPage)
      : undefined,
  ].filter((b): b is Button => b !== undefined);
  return {
    text: message,
    blocks: [
      ...leadBlock(options),
      header(describeFilter(request.query.filter, ctx)),
      section(mrkdwn(message)),
      ...noticesBlock(request.notices, ctx),
      asOfBlock(ctx.now, ctx, options.sharedBy),
      ...(buttons.length ? [actions(buttons)] : []),
    ],
  };
};

const renderNothingMatched = (
  request: ListRequest,
  ctx: RenderContext,
  options: ListMessageOptions,
): SlackMessage => {
  const { t } = ctx;
  const { filter } = request.query;
  const what = describeFilter(filter, ctx);
  const filtered = !isEmptyFilter(filter);
  const message = filtered
    ? t.list.empty(fitEscaped(what, FALLBACK_WHAT_CAP))
    : t.list.emptyNoFilter;
  return {
    text: message,
    blocks: [
      ...leadBlock(options),
      header(what),
      section(mrkdwn(message)),
      ...(filtered ? [context([mrkdwn(t.list.emptyHint)])] : []),
      ...noticesBlock(request.notices, ctx),
      asOfBlock(ctx.now, ctx, options.sharedBy),
    ],
  };
};

const noticesBlock = (notices: readonly CommandNotice[], ctx: RenderContext): ContextBlock[] =>
  notices.length === 0 ? [] : [context(notices.map((n) => mrkdwn(noticeText(n, ctx))))];

const noticeText = (notice: CommandNotice, { t }: RenderContext): string => {
  switch (notice.kind) {
    case "per-page-lowered":
      return t.list.perPageLowered(notice.requested, notice.used);
  }
};
