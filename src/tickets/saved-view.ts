import * as z from "zod";
import { ticketFilterSchema } from "./ticket-filters";
import { LIST_MAX_PER_PAGE, MAX_PAGE, type TicketQuery } from "./ticket-query";

/**
 * A saved view as the store keeps it: the list it shows, in the filter table's own field names,
 * with a version (`v`) so a later shape can tell an older one. The store neither knows nor
 * checks it; it is parsed here each time it is read.
 */

/** How many views one person may keep, and how many the workspace may share. */
export const SAVED_VIEW_LIMITS = { perPerson: 50, team: 50 } as const;

const storedSchema = z.object({
  v: z.literal(1),
  filter: ticketFilterSchema,
  page: z.number().int().min(1).max(MAX_PAGE),
  perPage: z.number().int().min(1).max(LIST_MAX_PER_PAGE),
});

export type StoredView = z.infer<typeof storedSchema>;

/** What the store is given: only the filters the person typed, no empty keys. */
export const toStoredView = (query: TicketQuery): StoredView => ({
  v: 1,
  filter: Object.fromEntries(
    Object.entries(query.filter).filter(([, value]) => value !== undefined),
  ) as TicketQuery["filter"],
  page: query.page,
  perPage: query.perPage,
});

/** The list a stored view shows; `undefined` when it is not one this version reads. */
export const fromStoredView = (stored: unknown): TicketQuery | undefined => {
  const parsed = storedSchema.safeParse(stored);
  return parsed.success
    ? { filter: parsed.data.filter, page: parsed.data.page, perPage: parsed.data.perPage }
    : undefined;
};
