import { TicketApiTimeoutError } from "./errors";
import type { TicketPage } from "./schemas";
import type { ListOptions, TicketClient } from "./ticket-client";

export interface RequestGateOptions {
  /** Upstream requests in flight at once; the rest wait their turn. */
  maxConcurrent: number;
  /**
   * The one overall deadline, waiting for a turn included: a request that waited is given only
   * what is left of it, so nobody waits longer than the deadline the user is told about.
   */
  deadlineMs: number;
}

/**
 * Keeps the bot from flooding the ticket API: at most `maxConcurrent` requests in flight, and
 * identical queries asked at the same moment share one request. Callers with their own abort
 * signal (the digest) neither share nor wait in line behind a shared request they did not start.
 */
export const gateTicketClient = (
  inner: TicketClient,
  options: RequestGateOptions,
): TicketClient => {
  let active = 0;
  const waiting: (() => void)[] = [];
  const shared = new Map<string, Promise<TicketPage>>();

  const release = () => {
    active -= 1;
    waiting.shift()?.();
  };

  const acquire = (signal?: AbortSignal): Promise<void> => {
    if (active < options.maxConcurrent) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        active += 1;
        resolve();
      };
      const leave = (error: unknown) => {
        const index = waiting.indexOf(turn);
        if (index >= 0) waiting.splice(index, 1);
        signal?.removeEventListener("abort", onAbort);
        reject(error);
      };
      const onAbort = () => {
        clearTimeout(timer);
        leave(signal?.reason);
      };
      const timer = setTimeout(
        () => leave(new TicketApiTimeoutError(options.deadlineMs)),
        options.deadlineMs,
      );
      signal?.addEventListener("abort", onAbort, { once: true });
      waiting.push(turn);
    });
  };

  const gated = async <P>(
    call: (options: ListOptions) => Promise<P>,
    signal?: AbortSignal,
  ): Promise<P> => {
    const enteredAt = performance.now();
    await acquire(signal);
    try {
      const timeLeftMs = options.deadlineMs - (performance.now() - enteredAt);
      return await call({ signal, timeLeftMs });
    } finally {
      release();
    }
  };

  return {
    listTickets(query, opts) {
      const call = (o: ListOptions) => inner.listTickets(query, o);
      if (opts?.signal) return gated(call, opts.signal);
      const key = JSON.stringify([query.filter, query.page, query.perPage]);
      const existing = shared.get(key);
      if (existing) return existing;
      const request = gated(call).finally(() => shared.delete(key));
      shared.set(key, request);
      return request;
    },
    // A digest reads every page once, with its own signal: nothing to share, only to bound.
    listDigestRows: (query, opts) => gated((o) => inner.listDigestRows(query, o), opts?.signal),
  };
};
