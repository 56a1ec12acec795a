import { describe, expect, it } from "vitest";
import { shareList, shareTicket } from "../../src/flows/share";
import { TicketApiServerError } from "../../src/tickets/errors";
import { ticketJson } from "../render/helpers";
import { allText, buttonsOf } from "../support/blocks";
import { answeringTickets, recordingLogger, renderContext } from "../support/listener-fakes";
import { fakePorts } from "./fake-ports";

const query = { filter: { stateId: 2 as const }, page: 1, perPage: 10 };

const flowDeps = (rows: unknown[] | (() => Error) = [ticketJson({ ticket_id: 7 })]) => {
  const { tickets, queries } = answeringTickets(rows);
  const { logger, lines } = recordingLogger();
  return { deps: { tickets, logger, renderContext }, queries, lines };
};

describe("shareList", () => {
  it("posts the list, fetched again, for everyone, saying who shared it", async () => {
    const { deps, queries } = flowDeps();
    const ports = fakePorts();
    await shareList(deps, ports, { query, sharedBy: "UBOB" });
    expect(ports.ports()).toEqual(["postPublicly"]);
    expect(allText(ports.calls[0])).toContain("Shared by <@UBOB>");
    expect(queries).toEqual([query]);
  });

  it("explains privately, posting nothing, when the list cannot be fetched", async () => {
    const { deps } = flowDeps(() => new TicketApiServerError(502));
    const ports = fakePorts();
    await shareList(deps, ports, { query, sharedBy: "UBOB" });
    expect(ports.ports()).toEqual(["explainPrivately"]);
    expect(allText(ports.calls[0])).toContain("HTTP 502");
  });

  it("says the button is out of date when its value did not decode, fetching nothing", async () => {
    const { deps, queries } = flowDeps();
    const ports = fakePorts();
    await shareList(deps, ports, { query: undefined, sharedBy: "UBOB" });
    expect(ports.ports()).toEqual(["explainPrivately"]);
    expect(allText(ports.calls[0])).toContain("This button no longer works");
    expect(queries).toEqual([]);
  });

  it("tells the person why when Slack refuses the post, and logs it", async () => {
    const { deps, lines } = flowDeps();
    const ports = fakePorts({
      post: {
        posted: false,
        reason: "channel_not_found",
        detail: "response_url answered HTTP 404",
      },
    });
    await shareList(deps, ports, { query, sharedBy: "UBOB" });
    expect(ports.ports()).toEqual(["postPublicly", "explainPrivately"]);
    const explained = allText(ports.calls[1]);
    expect(explained).toContain("Slack didn't let the bot share this here.");
    expect(explained).toContain("`channel_not_found`");
    expect(lines.join("\n")).toMatch(
      /WARN .*share refused by Slack: response_url answered HTTP 404/,
    );
  });
});

describe("shareTicket", () => {
  it("posts the ticket for everyone, with no Share button of its own", async () => {
    const { deps } = flowDeps();
    const ports = fakePorts();
    await shareTicket(deps, ports, { ticketId: 7, sharedBy: "UBOB" });
    expect(ports.ports()).toEqual(["postPublicly"]);
    const shared = ports.calls[0] as { message: object };
    expect(allText(shared)).toContain("Shared by <@UBOB>");
    expect(buttonsOf(shared.message).map((b) => b.action_id)).not.toContain("tickets.share.ticket");
  });

  it("explains privately when the ticket is not found, posting nothing", async () => {
    const { deps } = flowDeps([]);
    const ports = fakePorts();
    await shareTicket(deps, ports, { ticketId: 7, sharedBy: "UBOB" });
    expect(ports.ports()).toEqual(["explainPrivately"]);
    expect(allText(ports.calls[0])).toContain("No ticket #7 was found.");
  });

  it("says the button is out of date when its value did not decode", async () => {
    const { deps, queries } = flowDeps();
    const ports = fakePorts();
    await shareTicket(deps, ports, { ticketId: undefined, sharedBy: "UBOB" });
    expect(ports.ports()).toEqual(["explainPrivately"]);
    expect(queries).toEqual([]);
  });
});
