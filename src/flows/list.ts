import { renderButtonExpired, renderTicketApiError } from "../render/api-error";
import type { SlackMessage } from "../render/context";
import { type ListMessageOptions, type ListRequest, renderTicketList } from "../render/ticket-list";
import { logTicketFailure } from "../tickets/errors";
import type { TicketQuery } from "../tickets/ticket-query";
import type { AnswerPrivately, FlowDeps, ReplaceInPlace } from "./ports";

export type ListOutcome =
  | { ok: true; message: SlackMessage }
  | { ok: false; message: SlackMessage };

/** Fetches one page and renders it; a failure becomes a message meant for the user, and a log line. */
export const fetchList = async (
  deps: FlowDeps,
  request: ListRequest,
  options: ListMessageOptions = {},
): Promise<ListOutcome> => {
  try {
    const page = await deps.tickets.listTickets(request.query);
    return { ok: true, message: renderTicketList(page, request, deps.renderContext(), options) };
  } catch (error) {
    logTicketFailure(deps.logger, error);
    return { ok: false, message: renderTicketApiError(error, deps.renderContext()) };
  }
};

/** `/tickets state:2 …`: the page, privately. */
export const answerWithList = async (
  deps: FlowDeps,
  ports: AnswerPrivately,
  request: ListRequest,
): Promise<void> => ports.answerPrivately((await fetchList(deps, request)).message);

export interface ListClick {
  /** The list the button carries; `undefined` when its value did not decode. */
  query: TicketQuery | undefined;
  /** A paging button on the clicker's own private list: the list is replaced in place. */
  inPlace: boolean;
}

/**
 * Previous / Next / First / Last / Refresh, and "View all" on a digest. Only a paging click on
 * the clicker's own private list replaces it; on a message others see (a digest, a shared list)
 * the answer is a new private message: a click never changes what other people see. A failed
 * fetch keeps the list the person had and explains beside it.
 */
export const openListFromButton = async (
  deps: FlowDeps,
  ports: AnswerPrivately & ReplaceInPlace,
  click: ListClick,
): Promise<void> => {
  if (!click.query) {
    await ports.answerPrivately(renderButtonExpired(deps.renderContext()));
    return;
  }
  const outcome = await fetchList(deps, { query: click.query, notices: [] });
  if (outcome.ok && click.inPlace) await ports.replaceInPlace(outcome.message);
  else await ports.answerPrivately(outcome.message);
};
