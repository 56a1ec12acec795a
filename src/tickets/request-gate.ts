import { startDeadline } from "../retry/deadline";
import { TicketApiTimeoutError } from "./errors";
import type { RequestOptions, TicketClient } from "./ticket-client";

export interface RequestGateOptions {
  /** Upstream requests in flight at once; the rest wait their turn. */
  maxConcurrent: number;
  /**
   * The one overall deadline, waiting for a turn included: it starts when a request arrives,
   * and the same deadline then bounds the request, so nobody waits longer than the deadline the
   * user is told about.
   */
  deadlineMs: number;
}

/**
 * Keeps the bot from flooding the ticket API: at most `maxConcurrent` requests in flight, and
 * identical queries asked at the same moment share one request. Callers with their own abort
 * signal (the digest) neither share nor wait in line behind a shared request they did not start.
 *
 * A turn is given back only once the request has settled, and the client settles only after it
 * has cancelled whatever it was reading, which closes the connection: so the limit is one on
 * connections, not only on promises.
 */
export const gateTicketClient = (
  inner: TicketClient,
  options: RequestGateOptions,
): TicketClient => {
  let active = 0;
  const waiting: (() => void)[] = [];
  const shared = new Map<string, Promise<unknown>>();
  const readBody = inner.readDigestBody?.bind(inner);

  const release = () => {
    active -= 1;
    waiting.shift()?.();
  };

  const acquire = (signal: AbortSignal): Promise<void> => {
    signal.throwIfAborted();
    if (active < options.maxConcurrent) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const turn = () => {
        signal.removeEventListener("abort", onAbort);
        active += 1;
        resolve();
      };
      const onAbort = () => {
        const index = waiting.indexOf(turn);
        if (index >= 0) waiting.splice(index, 1);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      waiting.push(turn);
    });
  };

  const gated = async <P>(
    call: (options: RequestOptions) => Promise<P>,
    signal?: AbortSignal,
  ): Promise<P> => {
    const deadline = startDeadline({
      ms: options.deadlineMs,
      expired: () => new TicketApiTimeoutError(options.deadlineMs),
      parent: signal,
    });
    try {
      await acquire(deadline.signal);
      try {
        return await call({ signal, deadline });
      } finally {
        release();
      }
    } finally {
      deadline.dispose();
    }
  };

  /** One request for everyone who asks the same at once, unless they bring their own signal. */
  const sharedOrGated = <P>(
    key: string,
    call: (options: RequestOptions) => Promise<P>,
    signal: AbortSignal | undefined,
  ): Promise<P> => {
    if (signal) return gated(call, signal);
    const existing = shared.get(key) as Promise<P> | undefined;
    if (existing) return existing;
    const request = gated(call).finally(() => shared.delete(key));
    shared.set(key, request);
    return request;
  };

  return {
    listTickets: (query, opts) =>
      sharedOrGated(
        JSON.stringify(["list", query.filter, query.page, query.perPage]),
        (o) => inner.listTickets(query, o),
        opts?.signal,
      ),
    // A list and a ticket are parsed differently: the same request, not the same answer.
    findTicket: (ticketId, opts) =>
      sharedOrGated(
        JSON.stringify(["ticket", ticketId]),
        (o) => inner.findTicket(ticketId, o),
        opts?.signal,
      ),
    // A digest reads every page once, with its own signal: nothing to share, only to bound.
    listDigestRows: (query, opts) => gated((o) => inner.listDigestRows(query, o), opts?.signal),
    // The turn is given back once the body has arrived: parsing it is not the panel's time.
    ...(readBody && {
      readDigestBody: (query, opts) => gated((o) => readBody(query, o), opts?.signal),
    }),
  };
};
