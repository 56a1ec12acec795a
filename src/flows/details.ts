import { renderTicketApiError } from "../render/api-error";
import type { SlackMessage } from "../render/context";
import {
  type DetailsMessageOptions,
  renderDetailsErrorModal,
  renderDetailsLoadingModal,
  renderTicketDetailsMessage,
  renderTicketDetailsModal,
  renderTicketNotFound,
  renderTicketNotFoundModal,
} from "../render/ticket-details";
import { logTicketFailure, TicketApiShapeError } from "../tickets/errors";
import type { Ticket } from "../tickets/schemas";
import type { AnswerPrivately, FlowDeps, ModalPorts } from "./ports";

export type TicketLookup =
  | { kind: "found"; ticket: Ticket }
  | { kind: "not-found" }
  | { kind: "failed"; error: unknown };

/**
 * One ticket by number. The API has no "get one" call, so this is a list filtered by
 * `ticket_id`; a row for another ticket (an API that ignored the filter) is not shown as this one.
 */
export const lookUpTicket = async (
  deps: Pick<FlowDeps, "tickets" | "logger">,
  ticketId: number,
): Promise<TicketLookup> => {
  try {
    const page = await deps.tickets.findTicket(ticketId);
    const ticket = page.data.find((t) => t.ticket_id === ticketId);
    if (ticket) return { kind: "found", ticket };
    // The panel has it but sent it malformed: "not found" would be untrue.
    if (page.unreadable.length > 0) {
      const error = new TicketApiShapeError(
        `ticket #${ticketId} came back in a row that could not be read`,
      );
      logTicketFailure(deps.logger, error);
      return { kind: "failed", error };
    }
    if (page.data.length > 0) {
      deps.logger.warn(`ticket API answered a ticket_id=${ticketId} query with other tickets`);
    }
    return { kind: "not-found" };
  } catch (error) {
    logTicketFailure(deps.logger, error);
    return { kind: "failed", error };
  }
};

/** The message for `/tickets #N` (or a shared copy): the ticket, "not found", or why it failed. */
export const fetchTicketDetails = async (
  deps: FlowDeps,
  ticketId: number,
  options: DetailsMessageOptions = {},
): Promise<{ found: boolean; message: SlackMessage }> => {
  const lookup = await lookUpTicket(deps, ticketId);
  const ctx = deps.renderContext();
  if (lookup.kind === "found") {
    return { found: true, message: renderTicketDetailsMessage(lookup.ticket, ctx, options) };
  }
  return {
    found: false,
    message:
      lookup.kind === "not-found"
        ? renderTicketNotFound(ticketId, ctx)
        : renderTicketApiError(lookup.error, ctx),
  };
};

/** `/tickets #100001`: the ticket, privately. */
export const answerWithDetails = async (
  deps: FlowDeps,
  ports: AnswerPrivately,
  ticketId: number,
): Promise<void> => ports.answerPrivately((await fetchTicketDetails(deps, ticketId)).message);

export interface DetailsClick {
  /** The row's ticket; `undefined` when the button's value did not decode. */
  ticketId: number | undefined;
  /** Whether Share can reach where the modal was opened from (it kept a response_url). */
  canShare: boolean;
}

/**
 * A row's Details button. The modal must open within the 3 seconds the click's `trigger_id`
 * lives, so it opens at once in a loading state and is filled in when the API answers. If it
 * cannot open, nobody is left with a click that did nothing: the ticket comes as a private
 * message. A modal stuck on "loading" is worse than a short error, so a failed fill-in gets one
 * plain try at that.
 */
export const openTicketDetails = async (
  deps: FlowDeps,
  ports: ModalPorts & AnswerPrivately,
  click: DetailsClick,
): Promise<void> => {
  const { ticketId } = click;
  const ctx = deps.renderContext();
  let viewId: string | undefined;
  try {
    viewId = await ports.openView(
      ticketId === undefined
        ? renderDetailsErrorModal(undefined, ctx)
        : renderDetailsLoadingModal(ticketId, ctx),
    );
  } catch (error) {
    deps.logger.error("could not open the details modal; answering with a message", error);
    if (ticketId !== undefined) await answerWithDetails(deps, ports, ticketId);
    return;
  }
  if (ticketId === undefined || !viewId) return;

  const found = await lookUpTicket(deps, ticketId);
  const after = deps.renderContext();
  const view =
    found.kind === "found"
      ? renderTicketDetailsModal(found.ticket, after, { canShare: click.canShare })
      : found.kind === "not-found"
        ? renderTicketNotFoundModal(ticketId, after)
        : renderDetailsErrorModal(found.error, after);
  try {
    await ports.updateView(viewId, view);
  } catch (error) {
    deps.logger.error("could not fill in the details modal", error);
    await ports
      .updateView(viewId, renderDetailsErrorModal(undefined, deps.renderContext()))
      .catch(() => {});
  }
};
