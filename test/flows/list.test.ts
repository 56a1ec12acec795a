import { describe, expect, it } from "vitest";
import { answerWithList, fetchList, openListFromButton } from "../../src/flows/list";
import { TicketApiServerError } from "../../src/tickets/errors";
import { ticketJson } from "../render/helpers";
import { allText, buttonsOf } from "../support/blocks";
import { answeringTickets, recordingLogger, renderContext } from "../support/listener-fakes";
import { fakePorts } from "./fake-ports";

const query = { filter: { stateId: 2 as const }, page: 1, perPage: 10 };

const flowDeps = (rows: unknown[] | (() => Error) = [ticketJson({ ticket_id: 100001 })]) => {
  const { tickets, queries } = answeringTickets(rows);
  const { logger, lines } = recordingLogger();
  return { deps: { tickets, logger, renderContext }, queries, lines };
};

describe("fetchList", () => {
  it("renders the page it fetched", async () => {
    const { deps, queries } = flowDeps();
    const outcome = await fetchList(deps, { query, notices: [] });
    expect(outcome.ok).toBe(true);
    expect(allText(outcome.message)).toContain("#100001");
    expect(queries).toEqual([query]);
  });

  it("marks a shared copy with who shared it, and gives it no Share button", async () => {
    const { deps } = flowDeps();
    const outcome = await fetchList(deps, { query, notices: [] }, { sharedBy: "UBOB" });
    expect(allText(outcome.message)).toContain("<@UBOB>");
    expect(buttonsOf(outcome.message).map((b) => b.action_id)).not.toContain("tickets.share.list");
  });

  it("turns a failure into words for the user and a log line for the operator", async () => {
    const { deps, lines } = flowDeps(() => new TicketApiServerError(502));
    const outcome = await fetchList(deps, { query, notices: [] });
    expect(outcome).toEqual({
      ok: false,
      message: {
        text: "The ticket panel had an internal error (HTTP 502). Please try again in a minute.",
        blocks: [expect.objectContaining({ type: "section" })],
      },
    });
    expect(lines.join("\n")).toMatch(/WARN .*TicketApiServerError: ticket API answered HTTP 502/);
  });
});

describe("answerWithList", () => {
  it("answers privately with the page", async () => {
    const { deps } = flowDeps();
    const ports = fakePorts();
    await answerWithList(deps, ports, { query, notices: [] });
    expect(ports.ports()).toEqual(["answerPrivately"]);
    expect(allText(ports.calls[0])).toContain("#100001");
  });
});

describe("openListFromButton", () => {
  it("replaces the clicker's own list in place", async () => {
    const { deps } = flowDeps();
    const ports = fakePorts();
    await openListFromButton(deps, ports, { query, inPlace: true });
    expect(ports.ports()).toEqual(["replaceInPlace"]);
  });

  it("answers with a new private message on a message others see", async () => {
    const { deps } = flowDeps();
    const ports = fakePorts();
    await openListFromButton(deps, ports, { query, inPlace: false });
    expect(ports.ports()).toEqual(["answerPrivately"]);
  });

  it("keeps the list the person had when the fetch fails, explaining beside it", async () => {
    const { deps } = flowDeps(() => new TicketApiServerError(502));
    const ports = fakePorts();
    await openListFromButton(deps, ports, { query, inPlace: true });
    expect(ports.ports()).toEqual(["answerPrivately"]);
    expect(allText(ports.calls[0])).toContain("HTTP 502");
  });

  it("says the button is out of date when its value did not decode, fetching nothing", async () => {
    const { deps, queries } = flowDeps();
    const ports = fakePorts();
    await openListFromButton(deps, ports, { query: undefined, inPlace: true });
    expect(ports.calls).toEqual([
      {
        port: "answerPrivately",
        message: {
          text: "This button no longer works (the bot was updated since the list was made). Run `/tickets` again.",
          blocks: [expect.objectContaining({ type: "section" })],
        },
      },
    ]);
    expect(queries).toEqual([]);
  });
});
