import type { Logger } from "../logger";
import { renderTicketApiError } from "../render/api-error";
import type { RenderContext, SlackMessage } from "../render/context";
import { renderTicketList } from "../render/ticket-list";
import type { CommandNotice } from "../tickets/command";
import { TicketApiError, TicketApiRedirectError, TicketApiShapeError } from "../tickets/errors";
import type { TicketClient } from "../tickets/ticket-client";
import type { TicketQuery } from "../tickets/ticket-query";

export type ListOutcome =
  | { ok: true; message: SlackMessage }
  | { ok: false; message: SlackMessage };

/** Fetches one page and renders it; a failure becomes a message meant for the user, and a log line. */
export const buildListMessage = async (
  deps: { tickets: TicketClient; logger: Pick<Logger, "warn" | "error"> },
  request: { query: TicketQuery; notices: CommandNotice[] },
  ctx: () => RenderContext,
  options: { sharedBy?: string } = {},
): Promise<ListOutcome> => {
  try {
    const page = await deps.tickets.listTickets(request.query);
    return { ok: true, message: renderTicketList(page, request, ctx(), options) };
  } catch (error) {
    logFailure(deps.logger, error);
    return { ok: false, message: renderTicketApiError(error, ctx()) };
  }
};

export const logFailure = (logger: Pick<Logger, "warn" | "error">, error: unknown) => {
  // The panel or its address is wrong: only an operator can mend that.
  if (error instanceof TicketApiShapeError || error instanceof TicketApiRedirectError) {
    logger.error(`${error.name}: ${error.message}`);
  } else if (error instanceof TicketApiError) logger.warn(`${error.name}: ${error.message}`);
  else logger.error("unexpected failure while listing tickets", error);
};
