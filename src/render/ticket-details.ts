import type { Button, KnownBlock, ModalView, MrkdwnElement } from "@slack/types";
import { ACTION_IDS } from "../contract/action-ids";
import { tryEncodeTicketNumber } from "../contract/ticket-number";
import { PLAUSIBLE_MAX, plausibleCount } from "../tickets/plausible";
import type { Ticket } from "../tickets/schemas";
import { apiErrorText } from "./api-error";
import { asOfBlock } from "./as-of";
import {
  actions,
  blocksTextLength,
  button,
  context,
  divider,
  fieldsSection,
  header,
  modal,
  mrkdwn,
  plain,
  section,
} from "./blocks";
import type { RenderContext, SlackMessage } from "./context";
import { stateName } from "./describe-filter";
import { LIMITS } from "./limits";
import { agoAndWhen } from "./moment";
import { oneLine, safeLongText, safeMrkdwn, safeText } from "./mrkdwn";
import { openInPanelButton, panelUrl, ticketRef } from "./ticket-ref";
import { stateMarker } from "./ticket-row";

export interface DetailsMessageOptions {
  /**
   * Slack user id of whoever shared this copy in the channel (from Slack's signed payload).
   * A shared copy says who shared it and has no Share button of its own.
   */
  sharedBy?: string;
}

export interface DetailsModalOptions {
  /** Whether the modal can post to where it was opened from (the listener knows). */
  canShare: boolean;
}

/** Longest escaped length of each ticket text; details shrink these to fit Slack. */
interface DetailCaps {
  /** The description, in all, over as many sections as it takes. */
  description: number;
  /** Each other long text: manager's comment, closing note, rating comment. */
  comment: number;
  /** Each short text in a field: names, importance, Jira id, forwarding ends. */
  short: number;
}

interface Surface {
  /** Least shrunk first; the last must fit the worst ticket (see tests). */
  caps: readonly DetailCaps[];
  totalText: number;
  maxBlocks: number;
}

/** A message keeps the description to one section: it is read in a channel's flow. */
const MESSAGE: Surface = {
  caps: [
    { description: LIMITS.section.text, comment: 1000, short: 150 },
    { description: 2000, comment: 500, short: 80 },
    { description: 1000, comment: 300, short: 40 },
  ],
  totalText: LIMITS.message.totalText,
  maxBlocks: LIMITS.message.maxBlocks,
};

/** A modal is opened to read one ticket, so it shows much more. */
const MODAL: Surface = {
  caps: [
    { description: 12_000, comment: 2000, short: 150 },
    { description: 8000, comment: 1000, short: 80 },
    { description: 3000, comment: 500, short: 40 },
  ],
  totalText: LIMITS.modal.totalText,
  maxBlocks: LIMITS.modal.maxBlocks,
};

const FALLBACK_SUBJECT_CAP = 150;

/**
 * One ticket in full, as a message: `/tickets #100001` privately, or a copy shared in the
 * channel. Fields the panel left empty are left out rather than shown as blanks.
 */
export const renderTicketDetailsMessage = (
  ticket: Ticket,
  ctx: RenderContext,
  options: DetailsMessageOptions = {},
): SlackMessage => {
  const buttons = [
    openInPanelButton(ticket.ticket_id, ctx),
    options.sharedBy === undefined ? shareButton(ticket, ctx) : undefined,
  ];
  return {
    text: detailsFallback(ticket, ctx),
    blocks: fitDetails(ticket, MESSAGE, ctx, [
      asOfBlock(ctx.now, ctx, options.sharedBy),
      ...actionsBlock(buttons),
    ]),
  };
};

/**
 * One ticket in full, in a modal. `callback_id` and `private_metadata` are left to the
 * listener, which knows where the modal was opened from.
 */
export const renderTicketDetailsModal = (
  ticket: Ticket,
  ctx: RenderContext,
  options: DetailsModalOptions,
): ModalView => {
  const buttons = [
    openInPanelButton(ticket.ticket_id, ctx),
    options.canShare ? shareButton(ticket, ctx) : undefined,
  ];
  return modal(
    ctx.t.details.modalTitle(ticket.ticket_id),
    ctx.t.details.close,
    fitDetails(ticket, MODAL, ctx, [asOfBlock(ctx.now, ctx), ...actionsBlock(buttons)]),
  );
};

/** Shown the instant Details is clicked: the click's `trigger_id` would expire before the API answers. */
export const renderDetailsLoadingModal = (ticketId: number, ctx: RenderContext): ModalView =>
  modal(ctx.t.details.modalTitle(ticketId), ctx.t.details.close, [
    section(mrkdwn(ctx.t.details.loading(ticketId))),
  ]);

/** Why the ticket could not be fetched, in the same words a message would use. */
export const renderDetailsErrorModal = (error: unknown, ctx: RenderContext): ModalView =>
  modal(ctx.t.details.errorTitle, ctx.t.details.close, [section(mrkdwn(apiErrorText(error, ctx)))]);

/** The panel answered, without this ticket: not a failure, so worded unlike one. */
export const renderTicketNotFound = (ticketId: number, ctx: RenderContext): SlackMessage => {
  const message = ctx.t.details.notFound(ticketId);
  return { text: message, blocks: [section(mrkdwn(message))] };
};

export const renderTicketNotFoundModal = (ticketId: number, ctx: RenderContext): ModalView =>
  modal(ctx.t.details.modalTitle(ticketId), ctx.t.details.close, [
    section(mrkdwn(ctx.t.details.notFound(ticketId))),
  ]);

const shareButton = (ticket: Ticket, { t }: RenderContext): Button | undefined => {
  const value = tryEncodeTicketNumber(ticket.ticket_id);
  return value === undefined ? undefined : button(t.details.share, ACTION_IDS.shareTicket, value);
};

const actionsBlock = (buttons: (Button | undefined)[]): KnownBlock[] => {
  const present = buttons.filter((b): b is Button => b !== undefined);
  return present.length ? [actions(present)] : [];
};

/** Tries each cap level, least shortened first; the last level always fits (see tests). */
const fitDetails = (
  ticket: Ticket,
  surface: Surface,
  ctx: RenderContext,
  bottom: KnownBlock[],
): KnownBlock[] => {
  const budget = surface.totalText - blocksTextLength(bottom);
  let blocks: KnownBlock[] = [];
  for (const caps of surface.caps) {
    blocks = detailBlocks(ticket, caps, ctx);
    if (blocksTextLength(blocks) <= budget) break;
  }
  return [...blocks, ...bottom].slice(0, surface.maxBlocks);
};

const detailBlocks = (ticket: Ticket, caps: DetailCaps, ctx: RenderContext): KnownBlock[] => {
  const { t } = ctx;
  const subject = safeText(oneLine(ticket.subject), LIMITS.header.text) || t.list.noSubject;
  const title = t.details.title(
    stateMarker(ticket.state_id),
    ticketRef(ticket.ticket_id, ctx),
    stateName(ticket.state_id, ctx),
    !ticket.admin_seen,
  );
  const inPanel = panelUrl(ticket.ticket_id, ctx) !== undefined;
  const texts = [
    ...longText(t.details.description, ticket.desc, caps.description, inPanel, ctx),
    ...longText(t.details.managerComment, ticket.manager_comment, caps.comment, inPanel, ctx),
    ...longText(t.details.closeDescription, ticket.close_desc, caps.comment, inPanel, ctx),
    ...longText(t.details.rateComment, ticket.rate_comment, caps.comment, inPanel, ctx),
  ];
  return [
    header(subject),
    section(mrkdwn(title)),
    ...fieldBlocks(aboutFields(ticket, caps, ctx)),
    ...fieldBlocks(activityFields(ticket, caps, ctx)),
    ...(texts.length ? [divider(), ...texts] : []),
  ];
};

const fieldBlocks = (fields: MrkdwnElement[]): KnownBlock[] =>
  fields.length ? [fieldsSection(fields)] : [];

type Field = [label: string, value: string | undefined];

/** Fields without a value are left out; each value is escaped already, or ours. */
const toFields = (fields: Field[], { t }: RenderContext): MrkdwnElement[] =>
  fields.flatMap(([label, value]) =>
    value === undefined || value === "" ? [] : [mrkdwn(t.details.field(label, value))],
  );

/** What the ticket is and whose: at most 10 fields, Slack's limit per section. */
const aboutFields = (ticket: Ticket, caps: DetailCaps, ctx: RenderContext): MrkdwnElement[] => {
  const { t } = ctx;
  return toFields(
    [
      [t.details.importance, short(ticket.importance, caps)],
      [t.details.customer, short(ticket.user?.uname, caps)],
      [t.details.category, categoryPath(ticket, caps, ctx)],
      [t.details.jira, jiraText(ticket.jira_id, caps)],
      [t.details.created, atText(ticket.created_at, ctx)],
      [t.details.updated, atText(ticket.updated_at, ctx)],
    ],
    ctx,
  );
};

/** What has happened to it since. */
const activityFields = (ticket: Ticket, caps: DetailCaps, ctx: RenderContext): MrkdwnElement[] => {
  const { t } = ctx;
  return toFields(
    [
      [
        t.details.interactions,
        numberText(plausibleCount(ticket.interaction_count, PLAUSIBLE_MAX.interactions), ctx),
      ],
      // No unit is documented, so not even digit grouping: the number exactly as the panel sent it.
      [
        t.details.longestInteraction,
        rawNumber(
          plausibleCount(ticket.longest_interaction, PLAUSIBLE_MAX.longestInteraction, false),
          ctx,
        ),
      ],
      [t.details.seenByStaff, t.details.seen(ticket.admin_seen)],
      [
        t.details.seenByCustomer,
        ticket.user_seen == null ? undefined : t.details.seen(ticket.user_seen),
      ],
      [t.details.rating, ratingText(ticket, ctx)],
      [t.details.forwarded, forwardText(ticket.forward, caps, ctx)],
    ],
    ctx,
  );
};

/** One line of ticket text for mrkdwn: escaped, look-alikes for formatting characters. */
const short = (raw: string | undefined | null, caps: DetailCaps): string | undefined => {
  const safe = raw == null ? "" : safeMrkdwn(oneLine(raw), caps.short);
  return safe === "" ? undefined : safe;
};

const categoryPath = (
  ticket: Ticket,
  caps: DetailCaps,
  { t }: RenderContext,
): string | undefined => {
  const category = short(ticket.category?.name, caps);
  const sub = short(ticket.sub_category?.title, caps);
  if (category && sub) return t.list.categoryPath(category, sub);
  return category ?? sub;
};

/** 0 is how the sample's unlinked tickets would read, so it counts as no Jira issue. */
const jiraText = (id: Ticket["jira_id"], caps: DetailCaps): string | undefined => {
  if (typeof id === "number") return id === 0 || !Number.isFinite(id) ? undefined : String(id);
  return short(id, caps);
};

const numberText = (n: number | undefined, { t }: RenderContext): string | undefined =>
  n === undefined || !Number.isFinite(n) ? undefined : t.number(n);

const rawNumber = (n: number | undefined, { t }: RenderContext): string | undefined =>
  n === undefined || !Number.isFinite(n) ? undefined : t.digits(String(n));

/** A rating of 0 with no comment is how the panel says "not rated". */
const ratingText = (ticket: Ticket, ctx: RenderContext): string | undefined =>
  ticket.rate === 0 && ticket.rate_comment === undefined
    ? undefined
    : numberText(plausibleCount(ticket.rate, PLAUSIBLE_MAX.rate, false), ctx);

const atText = (date: Date, ctx: RenderContext): string => {
  const { ago, when } = agoAndWhen(date, ctx);
  return ctx.t.details.at(ago, when);
};

/** Only what the panel gave; a forward record with nothing in it is left out whole. */
const forwardText = (
  forward: Ticket["forward"],
  caps: DetailCaps,
  ctx: RenderContext,
): string | undefined => {
  if (forward == null) return undefined;
  const from = forwardEnd(forward.from, caps, ctx);
  const to = forwardEnd(forward.to, caps, ctx);
  const when = forward.created_at == null ? undefined : atText(forward.created_at, ctx);
  const seen = forward.seen ?? undefined;
  if (from === undefined && to === undefined && when === undefined && seen === undefined)
    return undefined;
  return ctx.t.details.forward({ from, to, when, seen });
};

/** Ids are written as they are, without digit grouping, so they can be searched for. */
const forwardEnd = (
  end: number | string | null | undefined,
  caps: DetailCaps,
  { t }: RenderContext,
) =>
  typeof end === "number"
    ? Number.isFinite(end)
      ? t.digits(String(end))
      : undefined
    : short(end, caps);

/**
 * A heading and the text in plain_text sections: written exactly as typed (escaped), lines
 * kept, so formatting characters need no look-alikes. A cut text says so under it.
 */
const longText = (
  label: string,
  raw: string | undefined,
  cap: number,
  inPanel: boolean,
  { t }: RenderContext,
): KnownBlock[] => {
  if (raw === undefined) return [];
  const { pieces, cut } = safeLongText(raw, cap, LIMITS.section.text);
  if (pieces.length === 0) return [];
  return [
    section(mrkdwn(t.details.heading(label))),
    ...pieces.map((piece) => section(plain(piece))),
    ...(cut ? [context([mrkdwn(t.details.cut(inPanel))])] : []),
  ];
};

/** For notifications and screen readers: which ticket, and its state. */
const detailsFallback = (ticket: Ticket, ctx: RenderContext): string =>
  ctx.t.details.fallback(
    ticket.ticket_id,
    safeMrkdwn(oneLine(ticket.subject), FALLBACK_SUBJECT_CAP) || ctx.t.list.noSubject,
    stateName(ticket.state_id, ctx),
  );
