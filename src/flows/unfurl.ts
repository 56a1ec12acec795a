import type { Logger } from "../logger";
import type { RenderContext, SlackMessage } from "../render/context";
import { renderTicketUnfurl } from "../render/ticket-unfurl";
import type { TicketLinkMatcher } from "../tickets/ticket-link";
import { lookUpTicket } from "./details";
import type { AttachUnfurls, FlowDeps } from "./ports";

/**
 * The most tickets one message unfurls. Each costs the panel one request, and a message with
 * a dozen cards under it buries the conversation; GitHub's and Jira's apps stop early too.
 */
export const MAX_UNFURLS_PER_MESSAGE = 5;

export interface UnfurlDeps extends FlowDeps {
  logger: Pick<Logger, "info" | "warn" | "error">;
  /** Which links are ticket pages (`TICKET_WEB_URL`). */
  ticketLinks: TicketLinkMatcher;
}

/** The links of one message someone shared, as Slack listed them. */
export interface SharedLinks {
  /** Who shared them (a person, or another app's bot user). */
  userId: string;
  urls: readonly string[];
}

export interface TicketLink {
  /** The link exactly as Slack sent it: `chat.unfurl` is keyed by it. */
  url: string;
  ticketId: number;
}

/**
 * The ticket links among `urls`, in the message's order: each ticket once (the first link to
 * it), at most `MAX_UNFURLS_PER_MESSAGE`. `beyond` counts the further tickets left as links.
 */
export const pickTicketLinks = (
  urls: readonly string[],
  match: TicketLinkMatcher,
): { links: TicketLink[]; beyond: number } => {
  const byTicket = new Map<number, string>();
  for (const url of urls) {
    const ticketId = match(url);
    if (ticketId !== undefined && !byTicket.has(ticketId)) byTicket.set(ticketId, url);
  }
  const links = [...byTicket].map(([ticketId, url]) => ({ url, ticketId }));
  return {
    links: links.slice(0, MAX_UNFURLS_PER_MESSAGE),
    beyond: Math.max(0, links.length - MAX_UNFURLS_PER_MESSAGE),
  };
};

/**
 * A card's words, zone and "now": the deps' context, which the listener sets to the language of
 * the person who shared the link, as every shared message is written (docs/language.md).
 */
const cardContext = (deps: UnfurlDeps): RenderContext => deps.renderContext();

/**
 * Someone shared links to the panel: each ticket page among them becomes a card under the
 * message, one upstream request per ticket, all attached with one `chat.unfurl`. Whether the
 * person and the conversation may read tickets was decided before this runs (the request
 * guard). A ticket the panel does not have, or a panel that fails, unfurls nothing: a card
 * saying "error" in a customer-facing channel helps nobody, so the log says why instead.
 */
export const unfurlTicketLinks = async (
  deps: UnfurlDeps,
  ports: AttachUnfurls,
  shared: SharedLinks,
): Promise<void> => {
  const { links, beyond } = pickTicketLinks(shared.urls, deps.ticketLinks);
  if (links.length === 0) {
    deps.logger.info(
      `unfurled nothing: none of the ${shared.urls.length} shared link(s) is a ticket page by TICKET_WEB_URL`,
    );
    return;
  }
  if (beyond > 0) {
    deps.logger.info(
      `unfurling the first ${links.length} tickets of a message that links ${links.length + beyond}: one message unfurls at most ${MAX_UNFURLS_PER_MESSAGE}`,
    );
  }
  const lookups = await Promise.all(
    links.map(async (link) => ({ link, found: await lookUpTicket(deps, link.ticketId) })),
  );
  const ctx = cardContext(deps);
  const cards = new Map<string, SlackMessage>();
  for (const { link, found } of lookups) {
    if (found.kind === "found") cards.set(link.url, renderTicketUnfurl(found.ticket, ctx));
    else if (found.kind === "not-found") {
      deps.logger.info(`did not unfurl ticket #${link.ticketId}: the panel has no such ticket`);
    } else {
      deps.logger.warn(
        `did not unfurl ticket #${link.ticketId}: the panel could not be read (see the line before)`,
      );
    }
  }
  if (cards.size > 0) await ports.attachUnfurls(cards);
};
