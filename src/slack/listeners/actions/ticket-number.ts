import { z } from "zod";
import { MAX_ID } from "../../../tickets/ticket-filters";

const ticketNumber = z.coerce.number().int().min(1).max(MAX_ID);

/** A ticket number from a button value; anything else is `undefined`, never a throw. */
export const parseTicketNumber = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\d{1,10}$/.test(value)) return undefined;
  const parsed = ticketNumber.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};
