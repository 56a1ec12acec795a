import { dateSense } from "../tickets/plausible";
import type { Ticket } from "../tickets/schemas";
import { ANSWERED, WAITING_FOR_SUPPORT } from "../tickets/states";
import { context, mrkdwn, plain, section } from "./blocks";
import type { RenderContext, SlackMessage } from "./context";
import { stateName } from "./describe-filter";
import { agoAndWhen } from "./moment";
import { exactTime, oneLine, safeMrkdwn, safeText } from "./mrkdwn";
import { detailsButton, ticketRef } from "./ticket-ref";
import { categoryText, stateMarker } from "./ticket-row";

/** Longest escaped ticket texts: a list's least shortened row, as a card is one ticket alone. */
const CAPS = { subject: 300, name: 80, category: 80 } as const;
const FALLBACK_SUBJECT_CAP = 150;

/**
 * A pasted ticket link as a compact card (`chat.unfurl`): number and subject with a Details
 * button (the same modal as in lists), then state, customer, category, and how long the ticket
 * has waited for support, or when it was answered. Everyone in the conversation reads it, so
 * ticket text is escaped as everywhere else and cannot mention, ping or link.
 */
export const renderTicketUnfurl = (ticket: Ticket, ctx: RenderContext): SlackMessage => {
  const { t } = ctx;
  const subject = safeMrkdwn(oneLine(ticket.subject), CAPS.subject) || t.list.noSubject;
  const title = t.list.rowTitle(ticketRef(ticket.ticket_id, ctx), subject, !ticket.admin_seen);
  const customer = safeTextOf(ticket.user?.uname) || t.list.noCustomer;
  return {
    text: t.details.fallback(
      ticket.ticket_id,
      safeMrkdwn(oneLine(ticket.subject), FALLBACK_SUBJECT_CAP) || t.list.noSubject,
      stateName(ticket.state_id, ctx),
    ),
    blocks: [
      section(
        mrkdwn(`${stateMarker(ticket.state_id)} ${title}`),
        detailsButton(ticket.ticket_id, ctx),
      ),
      context([
        plain(stateName(ticket.state_id, ctx)),
        plain(`👤 ${customer}`),
        plain(`📁 ${categoryText(ticket, CAPS, ctx)}`),
        mrkdwn(timeLine(ticket, ctx)),
      ]),
    ],
  };
};

/** For a plain_text element: escaped, and formatting characters kept as typed. */
const safeTextOf = (raw: string | undefined): string =>
  raw === undefined ? "" : safeText(oneLine(raw), CAPS.name);

/**
 * What the card says of time, by state: a ticket waiting for support says for how long (and
 * since when), an answered one when it was answered; any other when it last changed. The
 * panel's `updated_at` is that moment in each case. A date that is no moment, or one ahead
 * of now, is said for what it is, as in lists.
 */
const timeLine = (ticket: Ticket, ctx: RenderContext): string => {
  const { t, now } = ctx;
  const updated = ticket.updated_at;
  if (ticket.state_id === WAITING_FOR_SUPPORT && dateSense(updated, now) === "past") {
    const waitedMs = Math.max(0, now.getTime() - updated.getTime());
    return `⏳ ${t.unfurl.waiting(t.time.span(waitedMs), exactTime(updated, ctx))}`;
  }
  const { ago, when } = agoAndWhen(updated, ctx);
  return `🕒 ${ticket.state_id === ANSWERED ? t.unfurl.answered(ago, when) : t.list.updated(ago, when)}`;
};
