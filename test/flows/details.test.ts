import { describe, expect, it } from "vitest";
import { lookUpTicket } from "../../src/flows/details";
import { silentLogger } from "../../src/logger";
import { TicketApiShapeError } from "../../src/tickets/errors";
import { type TicketPage, ticketPageSchema } from "../../src/tickets/schemas";
import type { TicketClient } from "../../src/tickets/ticket-client";
import { ticketJson } from "../render/helpers";

const answering = (rows: unknown[]): TicketClient => {
  const page = (): TicketPage =>
    ticketPageSchema.parse({
      data: rows,
      meta: { current_page: 1, last_page: 1, per_page: 1, total: rows.length },
    });
  return { listTickets: async () => page(), listDigestRows: async () => page() };
};

describe("lookUpTicket", () => {
  it("finds the ticket asked for", async () => {
    const tickets = answering([ticketJson({ ticket_id: 7 })]);
    const found = await lookUpTicket({ tickets, logger: silentLogger() }, 7);
    expect(found).toMatchObject({ kind: "found", ticket: { ticket_id: 7 } });
  });

  it("says not found when the panel has no such ticket", async () => {
    const tickets = answering([]);
    expect(await lookUpTicket({ tickets, logger: silentLogger() }, 7)).toEqual({
      kind: "not-found",
    });
  });

  it("does not say 'not found' when the ticket came back malformed", async () => {
    const tickets = answering([ticketJson({ ticket_id: 7, updated_at: null })]);
    const lookup = await lookUpTicket({ tickets, logger: silentLogger() }, 7);
    expect(lookup.kind).toBe("failed");
    expect(lookup.kind === "failed" && lookup.error).toBeInstanceOf(TicketApiShapeError);
  });
});
