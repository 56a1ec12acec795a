/** A ticket's page in the reseller panel, from the `TICKET_WEB_URL` template. */
export const ticketLinker =
  (template: string) =>
  (ticketId: number): string =>
    template.replaceAll("{id}", String(ticketId));
