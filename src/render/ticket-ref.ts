import type { Button } from "@slack/types";
import { ACTION_IDS } from "../contract/action-ids";
import { tryEncodeTicketNumber } from "../contract/ticket-number";
import { button, linkButton } from "./blocks";
import type { RenderContext } from "./context";
import { escapeMrkdwn } from "./mrkdwn";

/**
 * Real panel URLs are far shorter; every row of a list carries one, so a runaway template
 * must not eat the message's text budget.
 */
const MAX_URL_LENGTH = 1000;

/** Printable ASCII only: what a parsed URL's `href` is made of, minus anything odd. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * The ticket's page in the panel, or `undefined` when there is none or it is unfit. The
 * template is ours, but a `|` or `>` in it would end a `<url|label>` early and hand the rest
 * to Slack's parser, so it is parsed, re-encoded and checked rather than trusted. Never throws.
 */
export const panelUrl = (ticketId: number, { ticketUrl }: RenderContext): string | undefined => {
  if (ticketUrl === undefined) return undefined;
  let href: string;
  try {
    const url = new URL(ticketUrl(ticketId));
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    href = url.href.replaceAll("|", "%7C");
  } catch {
    return undefined;
  }
  const fit = href.length <= MAX_URL_LENGTH && PRINTABLE_ASCII.test(href) && !/[<>]/.test(href);
  return fit ? href : undefined;
};

/**
 * `#100001` for mrkdwn, a link to the panel when there is one. `linked: false` lets a list
 * that is short of room drop the links before anything else.
 */
export const ticketRef = (ticketId: number, ctx: RenderContext, linked = true): string => {
  const label = ctx.t.ticketNumber(ticketId);
  const url = linked ? panelUrl(ticketId, ctx) : undefined;
  return url === undefined ? label : `<${escapeMrkdwn(url)}|${label}>`;
};

/**
 * A row's Details: the same action id on every row is fine, as ids need only be unique per block.
 * `undefined` for a ticket number no button can carry: no button beats a broken one.
 */
export const detailsButton = (ticketId: number, { t }: RenderContext): Button | undefined => {
  const value = tryEncodeTicketNumber(ticketId);
  return value === undefined ? undefined : button(t.list.details, ACTION_IDS.detailsOpen, value);
};

/** `undefined` without a usable panel URL: no button beats a broken one. */
export const openInPanelButton = (ticketId: number, ctx: RenderContext): Button | undefined => {
  const url = panelUrl(ticketId, ctx);
  const value = tryEncodeTicketNumber(ticketId);
  return url === undefined || value === undefined
    ? undefined
    : linkButton(ctx.t.details.openInPanel, ACTION_IDS.openInPanel, url, value);
};
