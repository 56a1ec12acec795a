import { z } from "zod";
import { STATE_IDS } from "./states";

/** Largest id we accept anywhere: the provider's ids are 32-bit integers. */
export const MAX_ID = 2_147_483_647;
export const MAX_USERNAME_LENGTH = 100;
export const MAX_PAGE = 1_000_000;
/** The API allows 1000 per page; a Slack list shows at most this many rows. */
export const LIST_MAX_PER_PAGE = 20;
export const LIST_DEFAULT_PER_PAGE = 10;
export const API_MAX_PER_PAGE = 1000;

const id = z.number().int().min(1).max(MAX_ID);

/** The filters of a ticket search. A filter that is absent is not sent upstream at all. */
export const ticketFilterSchema = z
  .object({
    stateId: z.union(STATE_IDS.map((s) => z.literal(s))).optional(),
    username: z.string().min(1).max(MAX_USERNAME_LENGTH).optional(),
    ticketId: id.optional(),
    categoryId: id.optional(),
    subCategoryId: id.optional(),
  })
  .strict();
export type TicketFilter = z.infer<typeof ticketFilterSchema>;

export const ticketQuerySchema = z
  .object({
    filter: ticketFilterSchema,
    page: z.number().int().min(1).max(MAX_PAGE),
    perPage: z.number().int().min(1).max(API_MAX_PER_PAGE),
  })
  .strict();
export type TicketQuery = z.infer<typeof ticketQuerySchema>;

/** The query string of `GET /api/ticket`, with unwanted filters left out entirely. */
export const toSearchParams = (query: TicketQuery): URLSearchParams => {
  const params = new URLSearchParams({ page: String(query.page), per_page: String(query.perPage) });
  const { filter } = query;
  if (filter.stateId !== undefined) params.set("state_id", String(filter.stateId));
  if (filter.username !== undefined) params.set("username", filter.username);
  if (filter.ticketId !== undefined) params.set("ticket_id", String(filter.ticketId));
  if (filter.categoryId !== undefined) params.set("category_id", String(filter.categoryId));
  if (filter.subCategoryId !== undefined)
    params.set("sub_category_id", String(filter.subCategoryId));
  return params;
};

export const isEmptyFilter = (filter: TicketFilter): boolean =>
  Object.values(filter).every((v) => v === undefined);
