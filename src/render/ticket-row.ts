import type { KnownBlock, MrkdwnElement, PlainTextElement } from "@slack/types";
import { PLAUSIBLE_MAX, plausibleCount } from "../tickets/plausible";
import type { ListRow } from "../tickets/schemas";
import { context, mrkdwn, plain, section } from "./blocks";
import type { RenderContext } from "./context";
import { stateName } from "./describe-filter";
import { agoAndWhen } from "./moment";
import { oneLine, safeMrkdwn, safeText } from "./mrkdwn";
import { detailsButton, ticketRef } from "./ticket-ref";

/** Longest escaped length of each ticket text in a row; lists shrink these to fit Slack. */
export interface RowCaps {
  subject: number;
  name: number;
  category: number;
  importance: number;
  /** Ticket numbers as links to the panel: a long panel URL on every row can cost the most. */
  links: boolean;
}

/** Least shrunk first; the last must fit 20+ worst-case rows in the message budget. */
export const ROW_CAPS: readonly RowCaps[] = [
  { subject: 300, name: 80, category: 80, importance: 40, links: true },
  { subject: 150, name: 80, category: 80, importance: 40, links: true },
  { subject: 80, name: 50, category: 50, importance: 30, links: true },
  { subject: 50, name: 30, category: 30, importance: 20, links: true },
  { subject: 30, name: 20, category: 20, importance: 12, links: true },
  { subject: 30, name: 20, category: 20, importance: 12, links: false },
];

/** Colour per state so a list can be scanned without reading; not words, so not in the catalog. */
const STATE_MARKERS: Readonly<Record<number, string>> = {
  1: "🟠",
  2: "🔴",
  3: "🟢",
  4: "⚪",
  5: "🔵",
};
const UNKNOWN_STATE_MARKER = "⚫";

export const stateMarker = (stateId: number): string =>
  STATE_MARKERS[stateId] ?? UNKNOWN_STATE_MARKER;

/**
 * A ticket as two blocks: a mrkdwn title (number, New badge, subject) with a Details button
 * beside it, and a context line of details. Each detail is its own element, so a right-to-left name cannot reorder its
 * neighbours, and ticket texts there stay plain text, exactly as written.
 */
export const renderTicketRow = (
  ticket: ListRow,
  caps: RowCaps,
  ctx: RenderContext,
): KnownBlock[] => [
  section(mrkdwn(rowTitle(ticket, caps, ctx)), detailsButton(ticket.ticket_id, ctx)),
  context(rowDetails(ticket, caps, ctx)),
];

const rowTitle = (ticket: ListRow, caps: RowCaps, ctx: RenderContext): string => {
  const subject = safeMrkdwn(oneLine(ticket.subject), caps.subject) || ctx.t.list.noSubject;
  const ref = ticketRef(ticket.ticket_id, ctx, caps.links);
  const title = ctx.t.list.rowTitle(ref, subject, !ticket.admin_seen);
  return `${stateMarker(ticket.state_id)} ${title}`;
};

const rowDetails = (
  ticket: ListRow,
  caps: RowCaps,
  ctx: RenderContext,
): (MrkdwnElement | PlainTextElement)[] => {
  const { t } = ctx;
  const interactions = plausibleCount(ticket.interaction_count, PLAUSIBLE_MAX.interactions);
  const elements = [plain(stateName(ticket.state_id, ctx))];
  const importance = field(ticket.importance, caps.importance);
  if (importance) elements.push(plain(t.list.importance(importance)));
  elements.push(plain(`👤 ${field(ticket.user?.uname, caps.name) || t.list.noCustomer}`));
  elements.push(plain(`📁 ${categoryText(ticket, caps, ctx)}`));
  return [
    ...elements,
    mrkdwn(`🕒 ${updatedText(ticket, ctx)}`),
    ...(interactions === undefined ? [] : [plain(`💬 ${t.list.interactions(interactions)}`)]),
  ];
};

const field = (raw: string | undefined, cap: number): string =>
  raw === undefined ? "" : safeText(oneLine(raw), cap);

/** Shared with the digest, whose tickets carry the same two names in another shape. */
export const categoryText = (
  ticket: Pick<ListRow, "category" | "sub_category">,
  caps: Pick<RowCaps, "category">,
  { t }: RenderContext,
): string => {
  const category = field(ticket.category?.name, caps.category);
  const sub = field(ticket.sub_category?.title, caps.category);
  if (category && sub) return t.list.categoryPath(category, sub);
  return category || sub || t.list.noCategory;
};

const updatedText = (ticket: ListRow, ctx: RenderContext): string => {
  const { ago, when } = agoAndWhen(ticket.updated_at, ctx);
  return ctx.t.list.updated(ago, when);
};

/** One line of the fallback `text`, which is mrkdwn too. */
export const rowFallback = (ticket: ListRow, subjectCap: number, { t }: RenderContext): string =>
  t.list.rowFallback(
    ticket.ticket_id,
    safeMrkdwn(oneLine(ticket.subject), subjectCap) || t.list.noSubject,
  );
