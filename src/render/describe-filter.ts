import { isEmptyFilter, MAX_USERNAME_LENGTH, type TicketFilter } from "../tickets/ticket-query";
import type { RenderContext } from "./context";
import { oneLine, safeMrkdwn } from "./mrkdwn";

/**
 * "Waiting for support · user bob": a search in words. The result is escaped and free of
 * mrkdwn formatting characters, so it is safe in plain text, mrkdwn and the fallback `text`.
 */
export const describeFilter = (filter: TicketFilter, ctx: RenderContext): string => {
  const { t } = ctx;
  if (isEmptyFilter(filter)) return t.filter.all;
  const parts: string[] = [];
  if (filter.stateId !== undefined) parts.push(stateName(filter.stateId, ctx));
  if (filter.username !== undefined)
    parts.push(t.filter.user(safeMrkdwn(oneLine(filter.username), MAX_USERNAME_LENGTH)));
  if (filter.ticketId !== undefined) parts.push(t.filter.ticket(filter.ticketId));
  if (filter.categoryId !== undefined) parts.push(t.filter.category(filter.categoryId));
  if (filter.subCategoryId !== undefined) parts.push(t.filter.subcategory(filter.subCategoryId));
  return parts.join(t.filter.separator);
};

/** Display names come from the catalog by id; an id the catalog lacks still gets a name. */
export const stateName = (stateId: number, { t }: RenderContext): string =>
  t.states[stateId] ?? t.unknownState(stateId);
