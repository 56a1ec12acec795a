import { describe, expect, it } from "vitest";
import { createPanelStatus, observeTicketClient, outcomeOf } from "../../src/health/panel-status";
import {
  TicketApiAuthError,
  TicketApiRateLimitError,
  TicketApiRejectedError,
  TicketApiServerError,
  TicketApiTimeoutError,
} from "../../src/tickets/errors";
import type { TicketClient } from "../../src/tickets/ticket-client";

const clockAt = (start: number) => {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
};

describe("what counts as the panel answering", () => {
  const at = new Date(0);
  it("a refused query or a rate limit is an answer; a bad token or a timeout is not", () => {
    expect(outcomeOf(new TicketApiRejectedError(422, "bad page"), at)).toMatchObject({
      kind: "answered",
      status: 422,
    });
    expect(outcomeOf(new TicketApiRateLimitError(at), at)).toMatchObject({ kind: "answered" });
    expect(outcomeOf(new TicketApiAuthError(401, undefined), at)).toEqual({
      kind: "failed",
      status: 401,
      error: "auth",
      at,
    });
    expect(outcomeOf(new TicketApiTimeoutError(1000), at)).toMatchObject({ error: "timeout" });
  });
});

describe("observeTicketClient", () => {
  it("reports each call's outcome and passes results and errors through unchanged", async () => {
    const seen: string[] = [];
    const page = { data: [], meta: {} } as never;
    const inner: TicketClient = {
      listTickets: async () => page,
      findTicket: async () => {
        throw new TicketApiServerError(503);
      },
      listDigestRows: async () => {
        throw new TicketApiTimeoutError(5);
      },
    };
    const client = observeTicketClient(inner, clockAt(0), (o) => seen.push(o.kind));
    const query = { filter: {}, page: 1, perPage: 1 };
    expect(await client.listTickets(query)).toBe(page);
    await expect(client.findTicket(7)).rejects.toBeInstanceOf(TicketApiServerError);
    await expect(client.listDigestRows(query)).rejects.toBeInstanceOf(TicketApiTimeoutError);
    expect(seen).toEqual(["answered", "failed", "failed"]);
  });
});

describe("createPanelStatus", () => {
  it("forgets an outcome once it is stale, and probes once however many ask at the same time", async () => {
    const clock = clockAt(0);
    let probes = 0;
    const status = createPanelStatus({
      clock,
      freshMs: 60_000,
      probe: async () => {
        probes += 1;
        status.record({ kind: "answered", status: 200, at: clock.now() });
      },
    });
    expect(status.snapshot().last).toBeUndefined();
    await Promise.all([status.check(500), status.check(500), status.check(500)]);
    expect(probes).toBe(1);
    expect(status.snapshot().last?.kind).toBe("answered");

    clock.advance(5_000);
    await status.check(500);
    expect(probes).toBe(1);
    clock.advance(60_001);
    expect(status.snapshot()).toEqual({ last: undefined, lastAnsweredAt: new Date(0) });
    await status.check(500);
    expect(probes).toBe(2);
  });

  it("answers with what it knows when the probe takes longer than the wait", async () => {
    const clock = clockAt(0);
    const status = createPanelStatus({ clock, probe: () => new Promise(() => {}) });
    expect(await status.check(10)).toEqual({ last: undefined, lastAnsweredAt: undefined });
  });
});
