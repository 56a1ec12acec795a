import {
  FILTER_FIELDS,
  type FilterField,
  isEmptyFilter,
  MAX_USERNAME_LENGTH,
  TICKET_FILTERS,
  type TicketFilter,
} from "../tickets/ticket-filters";
import type { RenderContext } from "./context";
import { oneLine, safeMrkdwn } from "./mrkdwn";

/**
 * "Waiting for support · user bob": a search in words, in the filter table's order. The result
 * is escaped and free of mrkdwn formatting characters, so it is safe in plain text, mrkdwn and
 * the fallback `text`.
 */
export const describeFilter = (filter: TicketFilter, ctx: RenderContext): string => {
  const { t } = ctx;
  if (isEmptyFilter(filter)) return t.filter.all;
  // A filter added to the table without its words in the catalog fails to compile here.
  const words: Record<FilterField, (shown: string) => string> = t.filter;
  return FILTER_FIELDS.flatMap((field) => {
    const value = filter[field];
    return value === undefined ? [] : [words[field](shownValue(field, value, ctx))];
  }).join(t.filter.separator);
};

/** A filter's value as a reader sees it: a state by name, a username made safe, ids as typed. */
const shownValue = (field: FilterField, value: string | number, ctx: RenderContext): string => {
  switch (TICKET_FILTERS[field].kind) {
    case "state":
      return stateName(Number(value), ctx);
    case "username":
      return safeMrkdwn(oneLine(String(value)), MAX_USERNAME_LENGTH);
    case "id":
      return String(value);
  }
};

/** Display names come from the catalog by id; an id the catalog lacks still gets a name. */
export const stateName = (stateId: number, { t }: RenderContext): string =>
  t.states[stateId] ?? t.unknownState(stateId);
