import * as z from "zod";
import { compiledOnFirstUse } from "../compiled-on-first-use";
import { filterParams, ticketFilterSchema } from "./ticket-filters";

export const MAX_PAGE = 1_000_000;
/** The API allows 1000 per page; a Slack list shows at most this many rows. */
export const LIST_MAX_PER_PAGE = 20;
export const LIST_DEFAULT_PER_PAGE = 10;
export const API_MAX_PER_PAGE = 1000;

export const ticketQuerySchema = z
  .object({
    filter: ticketFilterSchema,
    page: z.number().int().min(1).max(MAX_PAGE),
    perPage: z.number().int().min(1).max(API_MAX_PER_PAGE),
  })
  .strict();
export type TicketQuery = z.infer<typeof ticketQuerySchema>;

/** Every command's filters pass it, so it is compiled (`z.compile`) once first needed. */
export const compiledTicketQuery = compiledOnFirstUse(ticketQuerySchema);

/** The query string of `GET /api/ticket`, with unwanted filters left out entirely. */
export const toSearchParams = (query: TicketQuery): URLSearchParams =>
  new URLSearchParams([
    ["page", String(query.page)],
    ["per_page", String(query.perPage)],
    ...filterParams(query.filter),
  ]);

/** What asks the panel for one ticket: the API has no "get one" call, only this filter. */
export const ticketQuery = (ticketId: number): TicketQuery => ({
  filter: { ticketId },
  page: 1,
  perPage: 1,
});
