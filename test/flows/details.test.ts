import { describe, expect, it } from "vitest";
import { answerWithDetails, lookUpTicket, openTicketDetails } from "../../src/flows/details";
import { silentLogger } from "../../src/logger";
import { TicketApiServerError, TicketApiShapeError } from "../../src/tickets/errors";
import { type TicketPage, ticketPageSchema } from "../../src/tickets/schemas";
import type { TicketClient } from "../../src/tickets/ticket-client";
import { ticketJson } from "../render/helpers";
import { allText, buttonsOf } from "../support/blocks";
import { answeringTickets, recordingLogger, renderContext } from "../support/listener-fakes";
import { fakePorts } from "./fake-ports";

const answering = (rows: unknown[]): TicketClient => {
  const page = (): TicketPage =>
    ticketPageSchema.parse({
      data: rows,
      meta: { current_page: 1, last_page: 1, per_page: 1, total: rows.length },
    });
  const unused = () => Promise.reject(new Error("details read one ticket, not a list"));
  return { listTickets: unused, findTicket: async () => page(), listDigestRows: unused };
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

describe("openTicketDetails: the details modal's lifecycle", () => {
  const flowDeps = (rows: unknown[] | (() => Error) = [ticketJson({ ticket_id: 7 })]) => {
    const { tickets, queries } = answeringTickets(rows);
    const { logger, lines } = recordingLogger();
    return { deps: { tickets, logger, renderContext }, queries, lines };
  };
  const titleOf = (call: { view?: { title: { text: string } } } | undefined) =>
    call?.view?.title.text;

  it("opens at once while loading, then fills the modal in with the ticket", async () => {
    const { deps, queries } = flowDeps();
    const ports = fakePorts();
    await openTicketDetails(deps, ports, { ticketId: 7, canShare: true });
    expect(ports.ports()).toEqual(["openView", "updateView"]);
    const [opened, updated] = ports.calls;
    expect(allText(opened)).toContain("⏳ Fetching ticket #7 from the panel…");
    expect(updated).toMatchObject({ viewId: "V1" });
    expect(titleOf(updated as { view: { title: { text: string } } })).toBe("Ticket #7");
    expect(buttonsOf((updated as { view: object }).view).map((b) => b.action_id)).toContain(
      "tickets.share.ticket",
    );
    expect(queries).toEqual([{ filter: { ticketId: 7 }, page: 1, perPage: 1 }]);
  });

  it("has no Share button when the modal cannot reach where it was opened from", async () => {
    const { deps } = flowDeps();
    const ports = fakePorts();
    await openTicketDetails(deps, ports, { ticketId: 7, canShare: false });
    const updated = ports.calls[1] as { view: object };
    expect(buttonsOf(updated.view).map((b) => b.action_id)).not.toContain("tickets.share.ticket");
  });

  it("says 'not found' in the modal when the panel has no such ticket", async () => {
    const { deps } = flowDeps([]);
    const ports = fakePorts();
    await openTicketDetails(deps, ports, { ticketId: 7, canShare: true });
    expect(allText(ports.calls[1])).toContain(
      "No ticket #7 was found. The panel answered normally",
    );
  });

  it("opens a short error for a button whose value did not decode, fetching nothing", async () => {
    const { deps, queries } = flowDeps();
    const ports = fakePorts();
    await openTicketDetails(deps, ports, { ticketId: undefined, canShare: true });
    expect(ports.ports()).toEqual(["openView"]);
    expect(titleOf(ports.calls[0] as { view: { title: { text: string } } })).toBe("Ticket details");
    expect(allText(ports.calls[0])).toContain("Something went wrong on the bot's side.");
    expect(queries).toEqual([]);
  });

  it("answers with a private message when the modal cannot open, so no click does nothing", async () => {
    const { deps, lines } = flowDeps();
    const ports = fakePorts({ openFails: new Error("expired_trigger_id") });
    await openTicketDetails(deps, ports, { ticketId: 7, canShare: true });
    expect(ports.ports()).toEqual(["openView", "answerPrivately"]);
    expect(allText(ports.calls[1])).toContain("#7");
    expect(lines.join("\n")).toMatch(
      /ERROR .*could not open the details modal; answering with a message/,
    );
  });

  it("says nothing more when the modal cannot open for a button that did not decode", async () => {
    const { deps } = flowDeps();
    const ports = fakePorts({ openFails: new Error("expired_trigger_id") });
    await openTicketDetails(deps, ports, { ticketId: undefined, canShare: true });
    expect(ports.ports()).toEqual(["openView"]);
  });

  it("never leaves the modal loading: a failed fill-in gets one plain try at a short error", async () => {
    const { deps, lines } = flowDeps();
    const ports = fakePorts({ updateFails: [new Error("ratelimited")] });
    await openTicketDetails(deps, ports, { ticketId: 7, canShare: true });
    expect(ports.ports()).toEqual(["openView", "updateView", "updateView"]);
    expect(titleOf(ports.calls[2] as { view: { title: { text: string } } })).toBe("Ticket details");
    expect(allText(ports.calls[2])).toContain("Something went wrong on the bot's side.");
    expect(lines.join("\n")).toMatch(/could not fill in the details modal/);
  });

  it("gives up quietly when that try fails too", async () => {
    const { deps } = flowDeps();
    const ports = fakePorts({ updateFails: [new Error("a"), new Error("b")] });
    await expect(
      openTicketDetails(deps, ports, { ticketId: 7, canShare: true }),
    ).resolves.toBeUndefined();
    expect(ports.ports()).toEqual(["openView", "updateView", "updateView"]);
  });
});

describe("answerWithDetails", () => {
  it("answers privately with the ticket, or why it could not be fetched", async () => {
    const ports = fakePorts();
    const { tickets } = answeringTickets(() => new TicketApiServerError(503));
    await answerWithDetails({ tickets, logger: silentLogger(), renderContext }, ports, 7);
    expect(ports.ports()).toEqual(["answerPrivately"]);
    expect(allText(ports.calls[0])).toContain("HTTP 503");
  });
});
