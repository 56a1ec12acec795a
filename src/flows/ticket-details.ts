import type { Logger } from "../logger";
import { renderTicketApiError } from "../render/api-error";
import type { RenderContext, SlackMessage } from "../render/context";
import { renderTicketDetailsMessage, renderTicketNotFound } from "../render/ticket-details";
import { TicketApiShapeError } from "../tickets/errors";
import type { Ticket } from "../tickets/schemas";
import type { TicketClient } from "../tickets/ticket-client";
import { logFailure } from "./ticket-list";

export type TicketLookup =
  | { kind: "found"; ticket: Ticket }
  | { kind: "not-found" }
  | { kind: "failed"; error: unknown };

/**
 * One ticket by number. The API has no "get one" call, so this is a list filtered by
 * `ticket_id`; a row for another ticket (an API that ignored the filter) is not shown as this one.
 */
export const lookUpTicket = async (
  deps: { tickets: TicketClient; logger: Pick<Logger, "warn" | "error"> },
  ticketId: number,
): Promise<TicketLookup> => {
  try {
    const page = await deps.tickets.listTickets({ filter: { ticketId }, page: 1, perPage: 1 });
    const ticket = page.data.find((t) => t.ticket_id === ticketId);
    if (ticket) return { kind: "found", ticket };
    // The panel has it but sent it malformed: "not found" would be untrue.
    if (page.unreadable.length > 0) {
      const error = new TicketApiShapeError(
        `ticket #${ticketId} came back in a row that could not be read`,
      );
      logFailure(deps.logger, error);
      return { kind: "failed", error };
    }
    if (page.data.length > 0) {
      deps.logger.warn(`ticket API answered a ticket_id=${ticketId} query with other tickets`);
    }
    return { kind: "not-found" };
  } catch (error) {
    logFailure(deps.logger, error);
    return { kind: "failed", error };
  }
};

/** The message for `/tickets #N` (or a shared copy): the ticket, "not found", or why it failed. */
export const ticketDetailsMessage = async (
  deps: { tickets: TicketClient; logger: Pick<Logger, "warn" | "error"> },
  ticketId: number,
  ctx: () => RenderContext,
  options: { sharedBy?: string } = {},
): Promise<{ found: boolean; message: SlackMessage }> => {
  const lookup = await lookUpTicket(deps, ticketId);
  const now = ctx();
  if (lookup.kind === "found") {
    return { found: true, message: renderTicketDetailsMessage(lookup.ticket, now, options) };
  }
  return {
    found: false,
    message:
      lookup.kind === "not-found"
        ? renderTicketNotFound(ticketId, now)
        : renderTicketApiError(lookup.error, now),
  };
};
