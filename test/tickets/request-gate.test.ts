import { describe, expect, it } from "vitest";
import { TicketApiTimeoutError } from "../../src/tickets/errors";
import { gateTicketClient } from "../../src/tickets/request-gate";
import type { TicketPage } from "../../src/tickets/schemas";
import type { RequestOptions, TicketClient } from "../../src/tickets/ticket-client";
import { type TicketQuery, ticketQuery } from "../../src/tickets/ticket-query";

const page = (n: number): TicketPage => ({
  data: [],
  meta: {
    current_page: n,
    last_page: 1,
    per_page: 10,
    total: 0,
    from: null,
    to: null,
    status: true,
  },
  unreadable: [],
});

/** An upstream whose answers the test releases by hand, counting what is in flight. */
const heldUpstream = () => {
  const pending: { query: TicketQuery; release: () => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const held = (query: TicketQuery) =>
    new Promise<TicketPage>((resolve) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      pending.push({
        query,
        release: () => {
          inFlight -= 1;
          resolve(page(query.page));
        },
      });
    });
  const client: TicketClient = {
    listTickets: held,
    findTicket: (ticketId) => held(ticketQuery(ticketId)),
    listDigestRows: held,
  };
  return { client, pending, max: () => maxInFlight };
};

const q = (pageNo: number, username = "bob"): TicketQuery => ({
  filter: { username },
  page: pageNo,
  perPage: 10,
});
const tick = () => new Promise((r) => setImmediate(r));

describe("gateTicketClient", () => {
  it("never has more than maxConcurrent requests in flight, and serves every caller", async () => {
    const upstream = heldUpstream();
    const gate = gateTicketClient(upstream.client, { maxConcurrent: 3, deadlineMs: 10_000 });
    const answers = Array.from({ length: 10 }, (_, i) => gate.listTickets(q(i + 1)));
    await tick();
    expect(upstream.pending).toHaveLength(3);
    while (upstream.pending.some((p) => p)) {
      const next = upstream.pending.shift();
      next?.release();
      await tick();
    }
    const pages = await Promise.all(answers);
    expect(pages.map((p) => p.meta.current_page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(upstream.max()).toBe(3);
  });

  it("lets identical queries asked at the same moment share one request", async () => {
    const upstream = heldUpstream();
    const gate = gateTicketClient(upstream.client, { maxConcurrent: 5, deadlineMs: 10_000 });
    const a = gate.listTickets(q(1));
    const b = gate.listTickets(q(1));
    const c = gate.listTickets(q(1, "alice"));
    await tick();
    expect(upstream.pending.map((p) => p.query.filter.username)).toEqual(["bob", "alice"]);
    for (const p of upstream.pending) p.release();
    expect(await a).toBe(await b);
    await c;
    // Once answered, the same query goes upstream again: nothing is cached.
    void gate.listTickets(q(1));
    await tick();
    expect(upstream.pending).toHaveLength(3);
  });

  it("lets lookups of one ticket at the same moment share a request, but not with a list", async () => {
    const upstream = heldUpstream();
    const gate = gateTicketClient(upstream.client, { maxConcurrent: 5, deadlineMs: 10_000 });
    const a = gate.findTicket(7);
    const b = gate.findTicket(7);
    // The same request as a list, but a list's rows are parsed otherwise: its own request.
    const list = gate.listTickets(ticketQuery(7));
    void gate.findTicket(8);
    await tick();
    expect(upstream.pending.map((p) => p.query.filter.ticketId)).toEqual([7, 7, 8]);
    for (const p of upstream.pending) p.release();
    expect(await a).toBe(await b);
    expect(await list).not.toBe(await a);
  });

  it("gives up on a request that waited too long for its turn, as a timeout", async () => {
    const upstream = heldUpstream();
    const gate = gateTicketClient(upstream.client, { maxConcurrent: 1, deadlineMs: 20 });
    void gate.listTickets(q(1));
    await expect(gate.listTickets(q(2))).rejects.toBeInstanceOf(TicketApiTimeoutError);
    expect(upstream.pending).toHaveLength(1);
  });

  it("bounds a digest's page requests by the same limit, without sharing them", async () => {
    const upstream = heldUpstream();
    const gate = gateTicketClient(upstream.client, { maxConcurrent: 2, deadlineMs: 10_000 });
    const signal = new AbortController().signal;
    for (let i = 0; i < 4; i++) void gate.listDigestRows(q(1), { signal });
    void gate.listTickets(q(1));
    await tick();
    expect(upstream.pending).toHaveLength(2);
  });

  it("does not share requests that carry their own abort signal", async () => {
    const upstream = heldUpstream();
    const gate = gateTicketClient(upstream.client, { maxConcurrent: 5, deadlineMs: 10_000 });
    const signal = new AbortController().signal;
    void gate.listTickets(q(1), { signal });
    void gate.listTickets(q(1), { signal });
    await tick();
    expect(upstream.pending).toHaveLength(2);
  });
});

describe("the overall deadline", () => {
  it("counts the wait for a turn: the call is given only what is left", async () => {
    const seen: (number | undefined)[] = [];
    let release: () => void = () => {};
    const held = (_query: TicketQuery, options?: RequestOptions) => {
      seen.push(options?.deadline?.remainingMs());
      return new Promise<TicketPage>((resolve) => {
        release = () => resolve(page(1));
      });
    };
    const upstream: TicketClient = {
      listTickets: held,
      findTicket: (_ticketId, options) => held(ticketQuery(1), options),
      listDigestRows: held,
    };
    const gate = gateTicketClient(upstream, { maxConcurrent: 1, deadlineMs: 1_000 });
    const first = gate.listTickets(q(1));
    const second = gate.listTickets(q(2));
    await new Promise((r) => setTimeout(r, 50));
    release();
    await first;
    await tick();
    release();
    await second;
    expect(seen[0]).toBeGreaterThan(900);
    // The second waited about 50 ms for its turn, and that time is not given back.
    expect(seen[1]).toBeLessThanOrEqual(960);
  });
});

describe("gateTicketClient: a digest's page bodies", () => {
  it("bounds them like any request and gives the turn back once the body has arrived", async () => {
    const upstream = heldUpstream();
    const bodies: { query: TicketQuery; release: () => void }[] = [];
    const inner: TicketClient = {
      ...upstream.client,
      readDigestBody: (query) =>
        new Promise((resolve) => {
          bodies.push({
            query,
            release: () => resolve({ status: 200, chunks: [new Uint8Array([123, 125])] }),
          });
        }),
    };
    const gate = gateTicketClient(inner, { maxConcurrent: 1, deadlineMs: 10_000 });
    const signal = new AbortController().signal;
    const first = gate.readDigestBody?.(q(1), { signal });
    const second = gate.readDigestBody?.(q(2), { signal });
    await tick();
    expect(bodies.map((b) => b.query.page)).toEqual([1]);
    bodies[0]?.release();
    // What is done with the first body (parsing it, elsewhere) holds no turn: the second goes.
    expect((await first)?.chunks).toEqual([new Uint8Array([123, 125])]);
    await tick();
    expect(bodies.map((b) => b.query.page)).toEqual([1, 2]);
    bodies[1]?.release();
    await second;
  });

  it("offers none when the client it gates reads none", () => {
    const gate = gateTicketClient(heldUpstream().client, { maxConcurrent: 1, deadlineMs: 1000 });
    expect(gate.readDigestBody).toBeUndefined();
  });
});
