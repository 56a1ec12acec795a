import type {
  ActionsBlock,
  ContextBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from "@slack/types";
import { ACTION_IDS } from "../contract/action-ids";
import { tryEncodeListState } from "../contract/list-state";
import { type DigestChanges, netChange } from "../digest/changes";
import type { CategoryCount, DigestSummary, DigestTicket, FoldedCategories } from "../digest/types";
import { dateSense } from "../tickets/plausible";
import { WAITING_FOR_SUPPORT } from "../tickets/states";
import type { TicketFilter } from "../tickets/ticket-filters";
import { LIST_DEFAULT_PER_PAGE, type TicketQuery } from "../tickets/ticket-query";
import { asOfBlock } from "./as-of";
import {
  actions,
  blocksTextLength,
  button,
  context,
  divider,
  header,
  mrkdwn,
  plain,
  section,
} from "./blocks";
import type { RenderContext, SlackMessage } from "./context";
import { describeFilter, stateName } from "./describe-filter";
import { fallbackWithRows, shrinkRowsToFit } from "./fitting";
import { LIMITS } from "./limits";
import { exactTime, oneLine, safeMrkdwn, safeText } from "./mrkdwn";
import { detailsButton, ticketRef } from "./ticket-ref";
import { categoryText, type RowCaps, stateMarker } from "./ticket-row";

export interface DigestOptions {
  /** Only worded here: which tickets are overdue was decided when the summary was made. */
  overdueHours: number;
  top: number;
  /** A subscription's own tickets; unset: those waiting for support, as ever. */
  filter?: TicketFilter;
  /** What changed since the digest's previous run; unset: a digest that does not remember. */
  changes?: DigestChanges;
}

/** Whether a digest is about anything but the whole queue waiting for support. */
const isNarrowed = (filter: TicketFilter | undefined): filter is TicketFilter =>
  filter !== undefined &&
  Object.entries(filter).some(
    ([field, value]) =>
      value !== undefined && !(field === "stateId" && value === WAITING_FOR_SUPPORT),
  );

const HOUR_MS = 3_600_000;
const CATEGORY_NAME_CAP = 80;
const FALLBACK_SUBJECT_CAP = 100;

/** What "View all" opens: the same list `/tickets state:2` gives, from its first page. */
const VIEW_ALL_QUERY: TicketQuery = {
  filter: { stateId: WAITING_FOR_SUPPORT },
  page: 1,
  perPage: LIST_DEFAULT_PER_PAGE,
};

/**
 * The queue waiting for support at a glance: how many, how long, where, and the longest
 * waiting. Whatever the tickets hold, the message stays within Slack's limits: rows are
 * shortened rather than dropped, and any that still cannot fit are counted in "+K more".
 */
export const renderDigest = (
  summary: DigestSummary,
  options: DigestOptions,
  ctx: RenderContext,
): SlackMessage => {
  const { t } = ctx;
  const waiting = summary.total;
  const tickets = summary.top.slice(0, Math.max(0, options.top));
  const stateId = options.filter?.stateId ?? WAITING_FOR_SUPPORT;
  const title =
    stateId === WAITING_FOR_SUPPORT
      ? t.digest.title(waiting)
      : t.digest.titleInState(waiting, stateName(stateId, ctx));
  const top = [
    header(`${stateMarker(stateId)} ${title}`),
    ...(isNarrowed(options.filter)
      ? [context([mrkdwn(t.digest.scope(describeFilter(options.filter, ctx)))])]
      : []),
    section(mrkdwn(statsText(summary, options, ctx))),
    ...(summary.unreadable > 0 ? [context([mrkdwn(t.digest.unreadable(summary.unreadable))])] : []),
    ...(summary.approximate ? [context([mrkdwn(t.digest.approximate)])] : []),
    ...changesBlock(options.changes, ctx),
    ...categoriesBlock(summary.categories, ctx),
  ];
  // Waits are measured at `generatedAt`, so that is the moment the digest speaks for.
  const bottom = [asOfBlock(summary.generatedAt, ctx), ...viewAllBlock(ctx, options.filter)];

  // Room for the heading above the rows and the "+K more" below them is kept in any case.
  const roomForRows = LIMITS.message.maxBlocks - top.length - bottom.length - 3;
  const shown = tickets.slice(0, Math.max(0, Math.floor(roomForRows / 2)));
  const more = moreBlock(waiting - shown.length, ctx);
  const heading =
    shown.length === 0 ? [] : [divider(), section(mrkdwn(t.digest.topTitle(shown.length)))];
  const seenBefore =
    options.changes?.kind === "compared" ? options.changes.seenBefore : new Set<number>();
  const budget =
    LIMITS.message.totalText - blocksTextLength([...top, ...heading, ...more, ...bottom]);
  return {
    text: digestFallback(summary, shown, ctx),
    blocks: [
      ...top,
      ...heading,
      ...shrinkRowsToFit(shown, budget, (ticket, caps) =>
        renderDigestRow(ticket, caps, ctx, seenBefore.has(ticket.ticketId)),
      ),
      ...more,
      ...bottom,
    ],
  };
};

/** The optional note for a queue with nothing waiting: no buttons, there is nothing to open. */
export const renderDigestEmpty = (
  ctx: RenderContext,
  filter?: TicketFilter,
  changes?: DigestChanges,
): SlackMessage => {
  const { t, now, timeZone } = ctx;
  return {
    text: t.digest.emptyFallback(t.time.dateTime(now, timeZone)),
    blocks: [
      section(
        mrkdwn(isNarrowed(filter) ? t.list.empty(describeFilter(filter, ctx)) : t.digest.empty),
      ),
      ...changesBlock(changes, ctx),
      asOfBlock(now, ctx),
    ],
  };
};

/** What changed since the previous digest, or why nothing is compared. */
const changesBlock = (changes: DigestChanges | undefined, ctx: RenderContext): ContextBlock[] => {
  if (changes === undefined) return [];
  const c = ctx.t.digestHealth.changes;
  const line = (() => {
    switch (changes.kind) {
      case "compared":
        return c.compared({
          added: changes.added,
          left: changes.left,
          still: changes.still,
          net: netChange(changes),
          since: exactTime(changes.since, ctx),
        });
      case "first":
        return c.first;
      case "filters-changed":
        return c.filtersChanged;
      case "not-claimed":
        return c.notClaimed;
      case "unavailable":
        return c.unavailable;
    }
  })();
  return [context([mrkdwn(line)])];
};

const statsText = (summary: DigestSummary, options: DigestOptions, { t }: RenderContext) =>
  [
    ...(summary.longestWaitMs === undefined
      ? []
      : [t.digest.longestWait(t.time.span(summary.longestWaitMs))]),
    t.digest.overdue(summary.overdueCount, t.time.span(options.overdueHours * HOUR_MS)),
    t.digest.unseen(summary.unseenCount),
  ].join("\n");

const categoriesBlock = (
  { kept, other, otherCategories }: FoldedCategories,
  ctx: RenderContext,
): SectionBlock[] => {
  const { t } = ctx;
  if (kept.length === 0 && otherCategories === 0) return [];
  const lines = kept.map((c) => t.digest.categoryLine(categoryName(c, ctx), c.count));
  if (otherCategories > 0)
    lines.push(t.digest.categoryLine(t.digest.otherCategories(otherCategories), other));
  return [section(mrkdwn([t.digest.byCategoryTitle, ...lines].join("\n")))];
};

const categoryName = (c: CategoryCount, { t }: RenderContext): string => {
  const name = c.name === undefined ? "" : safeMrkdwn(oneLine(c.name), CATEGORY_NAME_CAP);
  if (name) return name;
  return c.categoryId === undefined ? t.list.noCategory : t.digest.unnamedCategory(c.categoryId);
};

/** Shaped like a list row, so a ticket reads the same in the digest and in "View all". */
const renderDigestRow = (
  ticket: DigestTicket,
  caps: RowCaps,
  ctx: RenderContext,
  seenBefore: boolean,
): KnownBlock[] => [
  section(mrkdwn(rowTitle(ticket, caps, ctx)), detailsButton(ticket.ticketId, ctx)),
  context([
    ...(seenBefore ? [mrkdwn(ctx.t.digestHealth.changes.seenBefore)] : []),
    ...rowDetails(ticket, caps, ctx),
  ]),
];

const rowTitle = (ticket: DigestTicket, caps: RowCaps, ctx: RenderContext): string =>
  ctx.t.digest.rowTitle(
    ticketRef(ticket.ticketId, ctx, caps.links),
    subjectText(ticket, caps.subject, ctx.t),
    { overdue: ticket.overdue, unseen: !ticket.adminSeen },
  );

const subjectText = (ticket: DigestTicket, cap: number, t: RenderContext["t"]): string =>
  safeMrkdwn(oneLine(ticket.subject), cap) || t.list.noSubject;

/** Each detail its own element, so a right-to-left name cannot reorder its neighbours. */
const rowDetails = (
  ticket: DigestTicket,
  caps: RowCaps,
  ctx: RenderContext,
): (MrkdwnElement | PlainTextElement)[] => {
  const { t } = ctx;
  const customer = safeText(oneLine(ticket.username ?? ""), caps.name) || t.list.noCustomer;
  const category = categoryText(
    { category: { name: ticket.categoryName }, sub_category: { title: ticket.subCategoryTitle } },
    caps,
    ctx,
  );
  const since = exactTime(ticket.updatedAt, ctx);
  const waited =
    dateSense(ticket.updatedAt, ctx.now) === "future"
      ? t.digest.waitedFuture(since)
      : t.digest.waited(t.time.span(ticket.waitedMs), since);
  return [plain(`👤 ${customer}`), plain(`📁 ${category}`), mrkdwn(`⏳ ${waited}`)];
};

const moreBlock = (hidden: number, { t }: RenderContext): ContextBlock[] =>
  hidden > 0 ? [context([mrkdwn(t.digest.more(hidden))])] : [];

/** Better no button than one whose value cannot be carried. */
const viewAllBlock = ({ t }: RenderContext, filter?: TicketFilter): ActionsBlock[] => {
  const value = tryEncodeListState(filter ? { ...VIEW_ALL_QUERY, filter } : VIEW_ALL_QUERY);
  return value === undefined
    ? []
    : [actions([button(t.digest.viewAll, ACTION_IDS.openList, value)])];
};

/**
 * The count first, as notifications show only the start; then as many rows as fit, for old
 * clients and screen readers. Times are written out: notifications do not render date tokens.
 */
const digestFallback = (
  summary: DigestSummary,
  shown: readonly DigestTicket[],
  ctx: RenderContext,
): string => {
  const { t, timeZone } = ctx;
  const head = t.digest.fallback({
    waiting: summary.total,
    approximate: summary.approximate,
    longest: summary.longestWaitMs === undefined ? undefined : t.time.span(summary.longestWaitMs),
    overdue: summary.overdueCount,
    asOf: t.time.dateTime(summary.generatedAt, timeZone),
  });
  return fallbackWithRows(
    head,
    shown.map((ticket) =>
      t.list.rowFallback(ticket.ticketId, subjectText(ticket, FALLBACK_SUBJECT_CAP, t)),
    ),
  );
};
